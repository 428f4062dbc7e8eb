"""Offices of the three-level network (city → district/county → township) and this installation's office."""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .clock import uuid7
from .connection import Database
from .errors import NotFound, StateError, ValidationError
from .write import writing

TOWNSHIPS_CSV = Path(__file__).with_name("data") / "guiyang_townships.csv"
GUIYANG_CODE = "520100"


@dataclass(frozen=True)
class Office:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None


_COLS = "id, code, name, level, parent_id"


def get_office(db: Database, office_id: str) -> Office:
    row = db.execute(f"SELECT {_COLS} FROM office WHERE id = ?", [office_id]).fetchone()
    if row is None:
        raise NotFound("找不到该机构", f"office not found: {office_id}")
    return Office(*row)


def office_by_code(db: Database, code: str) -> Office:
    row = db.execute(f"SELECT {_COLS} FROM office WHERE code = ? AND deleted = 0", [code]).fetchone()
    if row is None:
        raise NotFound(f"找不到代码为 {code} 的机构", f"no office with code {code}")
    return Office(*row)


def list_offices(db: Database, *, parent_id: str | None = None, level: str | None = None) -> list[Office]:
    where, params = ["deleted = 0"], []
    if parent_id is not None:
        where.append("parent_id = ?")
        params.append(parent_id)
    if level is not None:
        where.append("level = ?")
        params.append(level)
    return [Office(*r) for r in db.execute(
        f"SELECT {_COLS} FROM office WHERE {' AND '.join(where)} ORDER BY code", params).fetchall()]


def this_office(db: Database) -> Office | None:
    row = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
    return get_office(db, row[0]) if row and row[0] else None


def set_this_office(db: Database, office_id: str) -> None:
    get_office(db, office_id)
    with db.atomic():
        db.execute("UPDATE node_state SET office_id = ? WHERE id = 1", [office_id])


_PARENT_LEVEL = {"district": "city", "township": "district"}
_CODE = re.compile(r"[0-9]{6}(?:[0-9]{3}){0,2}")     # not \d: full-width digits are made ASCII first


def check_code(code: str | None) -> str:
    """An administrative division code: 6 digits (city, district/county), 9 (township) or 12."""
    # a Chinese input method in full-width mode types ５２０１００: the same code, not a different one
    code = unicodedata.normalize("NFKC", code or "").strip()
    if not _CODE.fullmatch(code):
        raise ValidationError(f"行政区划代码应为 6、9 或 12 位数字（如 520102、520102001）：“{code[:20]}”",
                              f"an administrative code is 6, 9 or 12 digits (e.g. 520102): '{code[:20]}'",
                              code="bad_code", field="code")
    return code


def add_office(db: Database, *, code: str, name: str, level: str, parent_id: str | None,
               by_office: str | None = None) -> str:
    """Register an office. The parent must be one level up; codes are unique."""
    code = check_code(code)
    if db.execute("SELECT 1 FROM office WHERE code = ? AND deleted = 0", [code]).fetchone():
        raise ValidationError(f"代码 {code} 已被其他机构使用", f"office code {code} is already used",
                              code="duplicate", field="code")
    if level != "city":
        if not parent_id:
            raise ValidationError("请指定上级机构", "a parent office is required", code="required", field="parent_id")
        parent = get_office(db, parent_id)
        if parent.level != _PARENT_LEVEL.get(level):
            raise StateError(f"{name} 的上级应为{'市' if level == 'district' else '区县'}级机构",
                             f"the parent of a {level} office must be a {_PARENT_LEVEL.get(level)} office")
    same = db.execute("SELECT code FROM office WHERE deleted = 0 AND name = ? AND parent_id IS ?",
                      [(name or "").strip(), parent_id]).fetchone()
    if same:        # two alike in every list below the parent (交办 targets, roll-up, roster) could not be told apart
        raise ValidationError(f"同一上级下已有名为“{name.strip()}”的机构（代码 {same[0]}），请核对名称",
                              f"an office named '{name.strip()}' is already registered under the same parent "
                              f"(code {same[0]}): check the name", code="duplicate", field="name")
    with writing(db) as w:
        return w.insert("office", {"code": code, "name": name, "level": level, "parent_id": parent_id},
                        office_id=by_office)


def create_city(db: Database, name: str = "贵阳市政协", code: str = GUIYANG_CODE) -> str:
    """First run of the city office: its own office row, this node's office, the reference lists."""
    from .reference import seed_reference_lists
    if this_office(db) is not None:
        raise StateError("本机已经设置过所属机构", "this installation already has its office")
    code = check_code(code)
    oid = uuid7()
    with writing(db) as w:   # the city office owns its own row
        w.insert("office", {"id": oid, "code": code, "name": name, "level": "city", "parent_id": None},
                 office_id=oid)
    set_this_office(db, oid)
    seed_reference_lists(db, oid)
    return oid


def guiyang_townships() -> list[dict]:
    """Guiyang's districts/counties and their townships (NBS 2023 division codes)."""
    with open(TOWNSHIPS_CSV, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def add_guiyang_network(db: Database, city_id: str) -> dict[str, str]:
    """Register Guiyang's 10 districts/counties and 146 townships under the city; returns code → id."""
    ids: dict[str, str] = {}
    rows = guiyang_townships()
    with writing(db) as w:
        for r in rows:
            if r["district_code"] not in ids:
                ids[r["district_code"]] = w.insert("office", {
                    "code": r["district_code"], "name": r["district_name"] + "政协", "level": "district",
                    "parent_id": city_id}, office_id=city_id)
        for r in rows:
            ids[r["township_code"]] = w.insert("office", {
                "code": r["township_code"], "name": r["township_name"], "level": "township",
                "parent_id": ids[r["district_code"]]}, office_id=city_id)
    return ids
