"""Member visits (委员进社区): reception days 坐诊, outreach 出诊/走访, joint consultations 会诊.

A visit records who went (visit_member rows), when and where, how many people were reached, which
departments joined, what was heard and how it was handled. An opinion report or a follow-up can be
made from a visit in one step. The list is paged on the visit_date index (fast on 500k rows).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from . import attachments as attachments_mod
from . import followups, opinions, search
from .connection import Database
from .errors import NotFound, ValidationError
from .followups import FollowUp
from .opinions import OpinionReport
from .own_parts import own
from .sortkey import group_order
from .validate import only_fields
from .where import Where
from .write import Writer, writing

KIND_CODES = ("reception", "outreach", "joint")
FIELDS = ("group_id", "kind_id", "visit_date", "start_time", "place", "people_reached", "departments", "heard",
          "handling")
SORTS = {"visit_date": "v.visit_date", "kind": "r.sort", "group": group_order("v.group_id"), "place": "v.place",
         "people_reached": "v.people_reached"}
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True)
class VisitMember:
    member_id: str
    name: str


@dataclass(frozen=True)
class Visit:
    id: str
    group_id: str
    group_name: str | None
    kind_id: str
    kind_code: str | None
    kind_name: str | None
    visit_date: str
    start_time: str | None
    place: str | None
    people_reached: int
    departments: str | None
    heard: str | None
    handling: str | None
    office_id: str | None
    members: tuple[VisitMember, ...] = ()
    opinions: tuple[OpinionReport, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()
    attachments: tuple[attachments_mod.Attachment, ...] = ()

    @property
    def member_names(self) -> str:
        return "、".join(m.name for m in self.members)


@dataclass(frozen=True)
class VisitRow:
    """A line of the visits list."""
    id: str
    visit_date: str
    start_time: str | None
    kind_name: str | None
    group_name: str | None
    place: str | None
    people_reached: int
    members: str | None           # names joined with 、
    heard: str | None             # first 60 characters


@dataclass(frozen=True)
class VisitFilter:
    group_id: str | None = None
    kind_id: str | None = None
    member_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str = ""


def _check(values: dict) -> None:
    # full-width ０９：３０ from a Chinese input method: refused with 应为 09:30, which is what it looked like
    t = unicodedata.normalize("NFKC", values.get("start_time") or "").strip()
    if len(t) == 4 and t[1] == ":":                  # 9:30 as people write it
        t = "0" + t
    if t and not _TIME.match(t):
        raise ValidationError(f"时间“{t[:10]}”格式不对，应为 09:30", f"bad time '{t[:10]}' (expected 09:30)",
                              code="bad_time", field="start_time")
    if "start_time" in values:
        values["start_time"] = t or None


def _require_place_and_members(place, member_ids) -> None:
    """A visit is someone going somewhere: who went and where are not optional."""
    if place is None or not str(place).strip():
        raise ValidationError("走访接待记录的“地点”不能为空", "Visit: Place is required", code="required",
                              field="place")
    if not [m for m in member_ids if m]:
        raise ValidationError("请勾选参加的委员（至少一位）", "Visit: tick at least one member who went",
                              code="required", field="member_ids")


def _set_members(w: Writer, visit_id: str, member_ids: Iterable[str], office_id: str | None) -> None:
    wanted = list(dict.fromkeys(m for m in member_ids if m))
    current = dict(w.db.execute("SELECT member_id, id FROM visit_member WHERE visit_id = ? AND deleted = 0 "
                                f"AND {own(owner='visit', fk='visit_id')}", [visit_id]).fetchall())
    for member_id, row_id in current.items():
        if member_id not in wanted:
            w.delete("visit_member", row_id)
    new = [{"visit_id": visit_id, "member_id": m} for m in wanted if m not in current]
    w.insert_many("visit_member", new, office_id=office_id)


def log_visit(db: Database, *, group_id: str, kind_id: str, visit_date: str, member_ids: Iterable[str] = (),
              start_time: str | None = None, place: str | None = None, people_reached: int | None = 0,
              departments: str | None = None, heard: str | None = None, handling: str | None = None) -> str:
    """Record a visit with the members who went; returns its id. It belongs to the group's office."""
    values = {"group_id": group_id, "kind_id": kind_id, "visit_date": visit_date, "start_time": start_time,
              "place": place, "people_reached": people_reached or 0, "departments": departments, "heard": heard,
              "handling": handling}
    _check(values)
    member_ids = list(member_ids)
    _require_place_and_members(place, member_ids)
    group = db.execute("SELECT office_id FROM liaison_group WHERE id = ? AND deleted = 0", [group_id]).fetchone()
    office = group[0] if group else None
    with writing(db) as w:
        vid = w.insert("visit", values, office_id=office)
        _set_members(w, vid, member_ids, w.current("visit", vid)["office_id"])
    return vid



def update_visit(db: Database, visit_id: str, *, member_ids: Iterable[str] | None = None, **changes) -> list[str]:
    """Change a visit; `member_ids` (when given) replaces who went. Returns the changed fields."""
    only_fields(changes, FIELDS)
    _check(changes)
    member_ids = None if member_ids is None else list(member_ids)
    if "place" in changes:
        _require_place_and_members(changes["place"], ["x"])
    if member_ids is not None:
        _require_place_and_members("x", member_ids)
    with writing(db) as w:
        row = w.live("visit", visit_id)
        changed = w.update("visit", visit_id, changes)
        if member_ids is not None:
            _set_members(w, visit_id, member_ids, row["office_id"])
    return changed


def delete_visit(db: Database, visit_id: str) -> None:
    """Delete a visit entered by mistake (its members too). Reports and follow-ups made from it stay."""
    with writing(db) as w:
        w.live("visit", visit_id)
        _set_members(w, visit_id, (), None)
        w.delete("visit", visit_id)


_V_COLS = ("v.id, v.group_id, g.name, v.kind_id, r.code, r.name, v.visit_date, v.start_time, v.place, "
           "v.people_reached, v.departments, v.heard, v.handling, v.office_id")
_FROM = "visit v LEFT JOIN liaison_group g ON g.id = v.group_id LEFT JOIN reference_item r ON r.id = v.kind_id"


def load_visit(db: Database, visit_id: str, *, today: dt.date | None = None) -> Visit:
    r = db.execute(f"SELECT {_V_COLS} FROM {_FROM} WHERE v.id = ? AND v.deleted = 0", [visit_id]).fetchone()
    if r is None:
        raise NotFound("找不到这条走访记录", f"visit not found: {visit_id}")
    members = tuple(VisitMember(*m) for m in db.execute(
        "SELECT vm.member_id, mb.name FROM visit_member vm JOIN member mb ON mb.id = vm.member_id "
        f"WHERE vm.visit_id = ? AND vm.deleted = 0 AND {own('vm', 'visit', 'visit_id')} ORDER BY vm.rowid", [visit_id]))
    return Visit(*r, members=members, opinions=tuple(opinions.opinions_from(db, "visit", visit_id)),
                 follow_ups=tuple(followups.follow_ups_from(db, "visit", [visit_id], today=today)),
                 attachments=tuple(attachments_mod.list_attachments(db, "visit", visit_id)))


def opinion_from_visit(db: Database, visit_id: str, *, title: str, reporter_id: str | None = None,
                       reporter_name: str | None = None, situation: str | None = None,
                       suggestion: str | None = None, actor: str | None = None) -> str:
    """Make a public-opinion report from what was heard on a visit, in one step. Unless a reporter is
    given, the visit's first member is the reporter and the others are named as co-authors (联名)."""
    with writing(db) as w:
        row = w.live("visit", visit_id)
        note = f"由 {row['visit_date']} 的走访接待记录生成"
        if reporter_id is None and not reporter_name:
            went = db.execute(
                "SELECT vm.member_id, mb.name FROM visit_member vm JOIN member mb ON mb.id = vm.member_id "
                f"WHERE vm.visit_id = ? AND vm.deleted = 0 AND mb.deleted = 0 AND {own('vm', 'visit', 'visit_id')} "
                "ORDER BY vm.rowid", [visit_id]).fetchall()
            if went:
                reporter_id = went[0][0]
                if len(went) > 1:       # a joint report: the co-authors follow the reporter (db.scoring reads it)
                    reporter_name = "、".join(name for _id, name in went)
                    note += "；联名委员：" + "、".join(name for _id, name in went[1:])
        return opinions.create_opinion(
            db, title=title, situation=situation if situation is not None else row["heard"], suggestion=suggestion,
            reporter_id=reporter_id, reporter_name=reporter_name, group_id=row["group_id"],
            collected_on=row["visit_date"], source_table="visit", source_id=visit_id, actor=actor,
            note=note, office_id=w.owner_for("opinion_report", row["office_id"]))


def follow_up_from_visit(db: Database, visit_id: str, *, title: str, lead_unit: str | None = None,
                         due_date: str | None = None, category_id: str | None = None,
                         description: str | None = None, co_units: str | None = None,
                         actor: str | None = None) -> str:
    """Make a follow-up from a visit, in one step (with its first timeline event)."""
    with writing(db) as w:
        row = w.live("visit", visit_id)
        return followups.create_follow_up(
            db, title=title, description=description if description is not None else row["heard"],
            lead_unit=lead_unit, due_date=due_date, category_id=category_id, co_units=co_units,
            group_id=row["group_id"], source_table="visit", source_id=visit_id, actor=actor,
            note=f"由 {row['visit_date']} 的走访接待记录生成", office_id=w.owner_for("follow_up", row["office_id"]))


_COMMON = 5000   # above this many search hits, walk the date index instead of sorting every hit


def _is_common(db: Database, expr: str) -> bool:
    return db.execute(f"SELECT count(*) FROM ({search.hits_sql('visit')} LIMIT ?)",
                      [*search.hits_params(expr), _COMMON + 1]).fetchone()[0] > _COMMON


def _where(flt: VisitFilter, *, scan_dates: bool = False) -> tuple[str, list]:
    w = Where("v.deleted = 0").equal("v.group_id", flt.group_id).equal("v.kind_id", flt.kind_id)
    w.since("v.visit_date", flt.date_from).until("v.visit_date", flt.date_to)
    if flt.member_id:
        # a line another office hung on the visit before R4c names nobody who went (SECURITY.md R4c)
        w.add("(v.id, v.office_id) IN (SELECT visit_id, office_id FROM visit_member WHERE member_id = ? AND deleted = 0)",
              [flt.member_id])
    # `+v.id` keeps SQLite from looking each hit up by id and sorting them all: for a common word,
    # reading the date index in order and stopping at the page's end is far faster.
    return w.text(flt.text, f"{'+' if scan_dates else ''}v.id", "visit").build()


def list_visits(db: Database, flt: VisitFilter = VisitFilter(), *, sort: str = "visit_date",
                descending: bool = True, limit: int = 100, offset: int = 0) -> list[VisitRow]:
    """A page of visits. Sorted by date, the page is read straight off the visit_date index."""
    expr = search.match_expression(flt.text) if flt.text else None
    where, params = _where(flt, scan_dates=bool(expr) and sort == "visit_date" and _is_common(db, expr))
    col = SORTS.get(sort)
    if col is None:
        raise ValueError(f"unknown sort {sort!r}")
    direction = "DESC" if descending else "ASC"
    # Page the ids first on the bare table (index order), then decorate only that page.
    needs_join = sort in ("kind", "group")
    inner_from = _FROM if needs_join else "visit v"
    page = (f"SELECT v.id AS id, v.rowid AS r, {col} AS k FROM {inner_from} WHERE {where} "
            f"ORDER BY {col} {direction}, v.rowid {direction} LIMIT ? OFFSET ?")
    rows = db.execute(
        f"WITH page AS ({page}) "
        f"SELECT v.id, v.visit_date, v.start_time, r.name, g.name, v.place, v.people_reached, "
        f"(SELECT group_concat(mb.name, '、') FROM visit_member vm JOIN member mb ON mb.id = vm.member_id "
        f" WHERE vm.visit_id = v.id AND vm.deleted = 0 AND vm.office_id = v.office_id), substr(v.heard, 1, 60) "
        f"FROM page JOIN visit v ON v.id = page.id LEFT JOIN liaison_group g ON g.id = v.group_id "
        f"LEFT JOIN reference_item r ON r.id = v.kind_id ORDER BY page.k {direction}, page.r {direction}",
        [*params, limit, offset]).fetchall()
    return [VisitRow(*r) for r in rows]


def count_visits(db: Database, flt: VisitFilter = VisitFilter()) -> int:
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM visit v WHERE {where}", params).fetchone()[0]


def totals(db: Database, flt: VisitFilter = VisitFilter()) -> dict[str, int]:
    """Count of visits and people reached under a filter, per kind code (for the page's summary line)."""
    where, params = _where(flt)
    out = {"visits": 0, "people": 0, **{f"kind:{c}": 0 for c in KIND_CODES}}
    for code, n, people in db.execute(
            f"SELECT r.code, count(*), coalesce(sum(v.people_reached), 0) FROM visit v "
            f"LEFT JOIN reference_item r ON r.id = v.kind_id WHERE {where} GROUP BY r.code", params):
        out["visits"] += n
        out["people"] += people
        out[f"kind:{code}"] = n
    return out
