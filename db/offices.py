"""Offices of the three-level network (city → district/county → township) and this installation's office.

The register is the city's (SYNC.md: offices are written by the city; db.permissions refuses others): it
registers, renames and removes offices. An office removed while anything of it may exist — records it owns,
a computer whose key is known, its row in a package already written — is deactivated (停用,
`deactivated_on`), never deleted: its records stay and its late packages still import, but it is no longer
offered to hand work to, to register offices under, or to make a setup file for. One with nothing anywhere
is deleted (a registration made by mistake and not sent yet)."""

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
    deactivated_on: str | None = None

    @property
    def active(self) -> bool:
        return not self.deactivated_on


_COLS = "id, code, name, level, parent_id, deactivated_on"


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


def list_offices(db: Database, *, parent_id: str | None = None, level: str | None = None,
                 active_only: bool = False) -> list[Office]:
    where, params = ["deleted = 0"], []
    if active_only:
        where.append("deactivated_on IS NULL")
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
        if not parent.active:
            raise StateError(f"{parent.name}已停用，不能在其下登记机构", f"{parent.code} is deactivated: no office "
                             f"can be registered under it", code="parent_deactivated", field="parent_id")
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


def rename_office(db: Database, office_id: str, name: str) -> list[str]:
    """The city corrects an office's name; it reaches every office with the next packages. Returns the changed
    fields ([] when the name is the same)."""
    o = get_office(db, office_id)
    name = (name or "").strip()
    if not name:
        raise ValidationError("机构的“名称”不能为空", "Office: Name is required", code="required", field="name")
    if name == o.name:
        return []
    same = db.execute("SELECT code FROM office WHERE deleted = 0 AND name = ? AND parent_id IS ? AND id <> ?",
                      [name, o.parent_id, office_id]).fetchone()
    if same:
        raise ValidationError(f"同一上级下已有名为“{name}”的机构（代码 {same[0]}），请换一个名称",
                              f"an office named '{name}' is already registered under the same parent (code {same[0]})",
                              code="duplicate", field="name")
    with writing(db) as w:
        return w.update("office", office_id, {"name": name})


def office_usage(db: Database, office_id: str) -> dict[str, int]:
    """What keeps an office from being deleted: its offices below (not deactivated), the rows it owns (deleted
    ones too: they are its history), the keys of its computers known here, its row gone out in a package."""
    from . import model
    records = 0
    for table in model.TABLES:
        if table != "office":
            records += db.execute(f"SELECT count(*) FROM {table} WHERE office_id = ?", [office_id]).fetchone()[0]
    keys = db.execute("SELECT count(*) FROM sync_office_key WHERE office_id = ?", [office_id]).fetchone()[0] \
        if db["sync_office_key"].exists() else 0
    below = db.execute("SELECT count(*) FROM office WHERE parent_id = ? AND deleted = 0 AND deactivated_on IS NULL",
                       [office_id]).fetchone()[0]
    return {"below": below, "records": records, "keys": keys, "elsewhere": int(known_elsewhere(db, office_id))}


def known_elsewhere(db: Database, office_id: str) -> bool:
    """May the office's row have left this computer? True unless it was registered here and every package
    written since holds none of this computer's changes made after that (an older package, without the mark,
    counts as holding it)."""
    import json
    node = db.execute("SELECT node_id FROM node_state WHERE id = 1").fetchone()
    first = db.execute("SELECT min(seq) FROM change_log WHERE origin = ? AND tbl = 'office' AND row_id = ?",
                       [node[0] if node else "", office_id]).fetchone()[0]
    if first is None:
        return True                         # registered elsewhere: it came here by sync
    from .sync.setup import SETUP_OWN_SEQ
    setup = db.execute("SELECT value FROM setting WHERE key = ?", [SETUP_OWN_SEQ]).fetchone()
    if setup is not None and int(setup[0]) >= first:
        return True                         # a setup file carried the register below
    if not db["sync_history"].exists():
        return False
    for (summary,) in db.execute("SELECT summary FROM sync_history WHERE direction = 'out'"):
        try:
            own = json.loads(summary or "{}").get("own_seq")
        except (ValueError, AttributeError):
            own = None
        if not isinstance(own, int) or own >= first:
            return True
    return False


def remove_office(db: Database, office_id: str) -> str:
    """Take an office off the register: 'deleted' when nothing of it exists, else 'deactivated' (kept, with its
    records). Not this office, not the city, and not while offices below it are active."""
    from . import today as office_clock
    o = get_office(db, office_id)
    me = this_office(db)
    if me is not None and me.id == office_id:
        raise StateError("不能移除本机构自己", "this office cannot remove itself", code="self")
    if o.level == "city":
        raise StateError("市级机构不能移除", "the city office cannot be removed", code="city")
    if not o.active:
        raise StateError(f"{o.name}已于 {o.deactivated_on} 停用", f"{o.code} is already deactivated",
                         code="already_deactivated")
    usage = office_usage(db, office_id)
    if usage["below"]:
        raise StateError(f"{o.name}下还有 {usage['below']} 个在用的下级机构：请先移除或停用它们",
                         f"{o.code} still has {usage['below']} active offices below it: remove or deactivate "
                         f"them first", code="has_offices_below")
    with writing(db) as w:
        if usage["records"] or usage["keys"] or usage["elsewhere"]:
            w.update("office", office_id, {"deactivated_on": office_clock.today().isoformat()})
            return "deactivated"
        w.delete("office", office_id)
        return "deleted"


def reactivate_office(db: Database, office_id: str) -> None:
    """Take a deactivated office back into use (under an active parent)."""
    o = get_office(db, office_id)
    if o.active:
        return
    if o.parent_id and not get_office(db, o.parent_id).active:
        parent = get_office(db, o.parent_id)
        raise StateError(f"上级机构{parent.name}已停用：请先重新启用它", f"its parent {parent.code} is deactivated: "
                         f"take it back into use first", code="parent_deactivated")
    with writing(db) as w:
        w.update("office", office_id, {"deactivated_on": None})
