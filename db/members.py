"""Members (政协委员): read one with levels and groups, everything they took part in, save, retire.

A member's levels (national / provincial / municipal / district, each with term and post) are
`member_level` rows; saving a member with a new list of levels adds, changes and removes rows so
that only real changes are written. Retiring sets status "retired" and ends open memberships.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import today as office_clock
from .connection import Database
from .errors import NotFound, ValidationError
from .groups import membership_owner
from .model import MEMBER_LEVELS
from .write import writing

MEMBER_FIELDS = ("name", "sex", "ethnicity_id", "birth_date", "party_id", "sector_id", "post", "work_unit",
                 "job_title", "phone", "expertise", "term", "status", "note")


@dataclass(frozen=True)
class MemberLevel:
    id: str | None
    level: str
    term: str | None
    post: str | None


@dataclass(frozen=True)
class MemberGroup:
    membership_id: str
    group_id: str
    group_name: str
    role: str
    joined_on: str | None
    left_on: str | None


@dataclass(frozen=True)
class Member:
    id: str
    name: str
    sex: str | None
    ethnicity_id: str | None
    birth_date: str | None
    party_id: str | None
    sector_id: str | None
    post: str | None
    work_unit: str | None
    job_title: str | None
    phone: str | None
    expertise: str | None
    term: str | None
    status: str | None
    note: str | None
    office_id: str | None
    ethnicity: tuple[str | None, str | None] = (None, None)     # (中文, English)
    party: tuple[str | None, str | None] = (None, None)
    sector: tuple[str | None, str | None] = (None, None)
    levels: tuple[MemberLevel, ...] = ()
    groups: tuple[MemberGroup, ...] = ()

    def values(self) -> dict:
        """The editable fields, as the editor and save_member use them."""
        return {f: getattr(self, f) for f in MEMBER_FIELDS}


@dataclass(frozen=True)
class Participation:
    """One thing a member took part in."""
    kind: str              # "meeting" | "visit" | "report" | "follow_up"
    id: str
    date: str | None
    title: str
    detail: str | None     # attendance status, visit kind, report or follow-up state (codes)
    group_name: str | None
    speeches: int = 0      # at a meeting: how many times the member spoke


def _ref(db: Database, ref_id: str | None) -> tuple[str | None, str | None]:
    if not ref_id:
        return (None, None)
    row = db.execute("SELECT name, name_en FROM reference_item WHERE id = ?", [ref_id]).fetchone()
    return (row[0], row[1]) if row else (None, None)


def load_member(db: Database, member_id: str) -> Member:
    cols = ", ".join(("id", *MEMBER_FIELDS, "office_id"))
    row = db.execute(f"SELECT {cols} FROM member WHERE id = ? AND deleted = 0", [member_id]).fetchone()
    if row is None:
        raise NotFound("找不到该委员", f"member not found: {member_id}")
    base = Member(*row)
    levels = tuple(MemberLevel(*r) for r in db.execute(
        "SELECT id, level, term, post FROM member_level WHERE member_id = ? AND deleted = 0", [member_id]).fetchall())
    levels = tuple(sorted(levels, key=lambda lv: MEMBER_LEVELS.index(lv.level)))
    groups = tuple(MemberGroup(*r) for r in db.execute(
        "SELECT ms.id, g.id, g.name, ms.role, ms.joined_on, ms.left_on FROM membership ms "
        "JOIN liaison_group g ON g.id = ms.group_id WHERE ms.member_id = ? AND ms.deleted = 0 AND g.deleted = 0 "
        "ORDER BY ms.left_on IS NOT NULL, ms.joined_on DESC", [member_id]).fetchall())
    return Member(*row, ethnicity=_ref(db, base.ethnicity_id), party=_ref(db, base.party_id),
                  sector=_ref(db, base.sector_id), levels=levels, groups=groups)


def member_activity(db: Database, member_id: str, *, limit: int = 1000) -> list[Participation]:
    """Meetings (attended, on leave, absent), visits, reports and the follow-ups that came of them, newest first."""
    out: list[Participation] = []
    superseded = {r[0] for r in db.execute(
        "SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL AND deleted = 0").fetchall()}
    for r in db.execute(
            "SELECT m.id, substr(m.starts_at, 1, 10), m.topic, a.status, g.name, "
            "(SELECT count(*) FROM speech s WHERE s.meeting_id = m.id AND s.member_id = a.member_id AND s.deleted = 0 "
            "AND s.office_id = m.office_id) "
            "FROM attendance a JOIN meeting m ON m.id = a.meeting_id AND m.office_id = a.office_id "
            "LEFT JOIN liaison_group g ON g.id = m.group_id "
            "WHERE a.member_id = ? AND a.deleted = 0 AND m.deleted = 0 AND m.state <> 'cancelled'",
            [member_id]).fetchall():
        if r[0] in superseded:
            continue
        out.append(Participation("meeting", r[0], r[1], r[2], r[3], r[4], r[5]))
    visit_ids = []
    for r in db.execute(
            "SELECT v.id, v.visit_date, coalesce(v.place, ''), k.code, g.name FROM visit_member vm "
            "JOIN visit v ON v.id = vm.visit_id AND v.office_id = vm.office_id LEFT JOIN reference_item k ON k.id = v.kind_id "
            "LEFT JOIN liaison_group g ON g.id = v.group_id "
            "WHERE vm.member_id = ? AND vm.deleted = 0 AND v.deleted = 0", [member_id]).fetchall():
        visit_ids.append(r[0])
        out.append(Participation("visit", r[0], r[1], r[2], r[3], r[4]))
    report_ids = []
    for r in db.execute(
            "SELECT o.id, o.collected_on, o.title, o.state, g.name FROM opinion_report o "
            "LEFT JOIN liaison_group g ON g.id = o.group_id WHERE o.reporter_id = ? AND o.deleted = 0",
            [member_id]).fetchall():
        report_ids.append(r[0])
        out.append(Participation("report", r[0], r[1], r[2], r[3], r[4]))
    for source, ids in (("visit", visit_ids), ("opinion_report", report_ids)):
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            for r in db.execute(
                    # a closed one is dated by when it was closed, not by its due date (which may lie ahead)
                    f"SELECT f.id, CASE WHEN f.state = 'closed' AND f.closed_on IS NOT NULL THEN f.closed_on "
                    f"ELSE coalesce(f.due_date, f.closed_on) END, f.title, f.state, g.name FROM follow_up f "
                    f"LEFT JOIN liaison_group g ON g.id = f.group_id WHERE f.source_table = ? AND f.deleted = 0 "
                    f"AND f.source_id IN ({', '.join('?' * len(part))})", [source, *part]).fetchall():
                out.append(Participation("follow_up", r[0], r[1], r[2], r[3], r[4]))
    out.sort(key=lambda p: (p.date or "", p.kind), reverse=True)
    return out[:limit]


def _check(db: Database, member_id: str | None, values: dict) -> None:
    if (member_id is None or "name" in values) and not (values.get("name") or "").strip():
        raise ValidationError("委员的“姓名”不能为空", "Member: Name is required", code="required", field="name")
    birth = values.get("birth_date")
    if birth:
        try:
            born = dt.date.fromisoformat(birth)
        except ValueError:
            return   # the write path names the bad date
        if born > office_clock.today() or born.year < 1900:
            raise ValidationError("出生日期不合理", "the date of birth is not plausible", code="bad_date",
                                  field="birth_date")


def _save_levels(w, member_id: str, levels: list[dict], office_id: str | None) -> None:
    have = {r[1]: r[0] for r in w.db.execute(
        "SELECT id, level FROM member_level WHERE member_id = ? AND deleted = 0", [member_id]).fetchall()}
    wanted = {lv["level"]: lv for lv in levels}
    for level, row_id in have.items():
        if level not in wanted:
            w.delete("member_level", row_id)
    for level, lv in wanted.items():
        values = {"level": level, "term": lv.get("term") or None, "post": lv.get("post") or "member"}
        if level in have:
            w.update("member_level", have[level], values)
        else:
            w.insert("member_level", {"member_id": member_id, **values}, office_id=office_id)


def save_member(db: Database, member_id: str | None, values: dict, *, levels: list[dict] | None = None,
                group_ids: list[str] | None = None, office_id: str | None = None) -> str:
    """Create (member_id None) or update a member; `levels` replaces the member's levels when given,
    `group_ids` adds memberships in those groups (existing memberships are kept). Returns the id."""
    values = {k: v for k, v in values.items() if k in MEMBER_FIELDS}
    _check(db, member_id, values)
    for lv in levels or []:
        if lv.get("level") not in MEMBER_LEVELS:
            raise ValidationError("委员层级无效", f"unknown member level {lv.get('level')!r}", code="bad_choice",
                                  field="levels")
    with writing(db) as w:
        if member_id is None:
            member_id = w.insert("member", values, office_id=office_id)
        else:
            w.current("member", member_id)
            w.update("member", member_id, values)
        if levels is not None:
            _save_levels(w, member_id, levels, office_id)
        if group_ids:
            have = {r[0] for r in w.db.execute("SELECT group_id FROM membership WHERE member_id = ? AND deleted = 0 "
                                               "AND left_on IS NULL", [member_id]).fetchall()}
            for gid in group_ids:
                if gid not in have:
                    w.insert("membership", {"group_id": gid, "member_id": member_id, "role": "member",
                                            "joined_on": office_clock.today().isoformat()},
                             office_id=membership_owner(w, gid, office_id))
    return member_id


def retire_date_problem(on: str | None, joined: list[tuple[str, str | None]]) -> ValidationError | None:
    """Why `on` cannot be the day a member left (离任), or None: it must be a real day, not after today, and not
    before the member joined a group they are still in (`joined`: (group name, joined_on) of her open memberships)."""
    on = (on or "").strip()
    if not on:
        return ValidationError("请填写离任日期（例如 2026-11-30）", "Enter the day the member left (e.g. 2026-11-30)",
                               code="bad_date", field="left_on")
    try:
        day = dt.date.fromisoformat(on)
    except ValueError:
        return ValidationError(f"离任日期不是有效日期：“{on[:20]}”（应为 2026-11-30 的格式）",
                               f"The day left is not a valid date: '{on[:20]}' (expected 2026-11-30)",
                               code="bad_date", field="left_on")
    today = office_clock.today()
    if day > today:
        return ValidationError(f"离任日期不能晚于今天（{today.isoformat()}）：请填写该委员实际离任的日期",
                               f"The day left cannot be after today ({today.isoformat()}): enter the day the "
                               "member actually left", code="bad_date", field="left_on")
    for name, joined_on in sorted(((n, j) for n, j in joined if j), key=lambda g: g[1], reverse=True):
        if on < joined_on:
            return ValidationError(f"离任日期不能早于该委员加入“{name}”的日期（{joined_on}）：请填写 {joined_on} 或"
                                   "之后的日期",
                                   f"The day left cannot be before the member joined “{name}” ({joined_on}): enter "
                                   f"{joined_on} or a later day", code="bad_date", field="left_on")
    return None


def retire_member(db: Database, member_id: str, *, on: str | None = None) -> None:
    """Mark a member retired (离任) and end their open memberships on the day `on` (today when not given);
    the records stay. A day after today or before she joined one of her groups is refused."""
    on = on or office_clock.today().isoformat()
    with writing(db) as w:
        w.current("member", member_id)
        open_ms = w.db.execute("SELECT ms.id, ms.group_id, g.name, ms.joined_on FROM membership ms "
                               "JOIN liaison_group g ON g.id = ms.group_id WHERE ms.member_id = ? AND ms.deleted = 0 "
                               "AND ms.left_on IS NULL", [member_id]).fetchall()
        problem = retire_date_problem(on, [(r[2], r[3]) for r in open_ms])
        if problem is not None:
            raise problem
        w.update("member", member_id, {"status": "retired"})
        for ms_id, group_id, _name, _joined in open_ms:
            w.update("membership", ms_id, {"left_on": on})
            group = w.current("liaison_group", group_id)
            if group["convener_id"] == member_id:
                w.update("liaison_group", group_id, {"convener_id": None})


def reinstate_member(db: Database, member_id: str) -> None:
    with writing(db) as w:
        w.current("member", member_id)
        w.update("member", member_id, {"status": "active"})


def member_choices(db: Database, *, group_id: str | None = None, active_only: bool = True) -> list[tuple[str, str]]:
    """(id, name) for pickers; with group_id only that group's current members."""
    where, params = ["m.deleted = 0"], []
    if active_only:
        where.append("m.status = 'active'")
    if group_id:
        where.append("EXISTS (SELECT 1 FROM membership ms WHERE ms.member_id = m.id AND ms.group_id = ? "
                     "AND ms.deleted = 0 AND ms.left_on IS NULL)")
        params.append(group_id)
    return [(r[0], r[1]) for r in db.execute(
        f"SELECT m.id, m.name FROM member m WHERE {' AND '.join(where)} ORDER BY zh_name_key(m.name)", params).fetchall()]
