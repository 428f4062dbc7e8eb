"""Liaison groups (委员联络组) and their rosters: read, create, edit, add and remove members, dissolve.

A member joins a group through a `membership` row (role: convener, deputy, member) with the day
joined; leaving sets `left_on`, so the roster's history stays. The group's convener is the
member whose membership role is convener; `liaison_group.convener_id` follows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import today as office_clock
from .connection import Database
from .errors import NotFound, StateError, ValidationError
from .revisions import latest_only
from .validate import not_after_today
from .write import writing

GROUP_FIELDS = ("name", "township_code", "station_name", "station_address", "convener_id", "staff_name",
                "staff_phone", "founded_on", "note")
ROLES = ("convener", "deputy", "member")


@dataclass(frozen=True)
class Group:
    id: str
    name: str
    township_code: str | None
    station_name: str | None
    station_address: str | None
    convener_id: str | None
    convener_name: str | None
    staff_name: str | None
    staff_phone: str | None
    founded_on: str | None
    note: str | None
    office_id: str | None
    member_count: int


@dataclass(frozen=True)
class GroupMember:
    membership_id: str
    member_id: str
    name: str
    role: str
    joined_on: str | None
    left_on: str | None
    sector_name: str | None
    sector_name_en: str | None
    work_unit: str | None
    phone: str | None
    status: str


_GROUP_SELECT = (
    "SELECT g.id, g.name, g.township_code, g.station_name, g.station_address, g.convener_id, c.name, "
    "g.staff_name, g.staff_phone, g.founded_on, g.note, g.office_id, "
    "(SELECT count(*) FROM membership ms WHERE ms.group_id = g.id AND ms.deleted = 0 AND ms.left_on IS NULL) "
    "FROM liaison_group g LEFT JOIN member c ON c.id = g.convener_id")


def load_group(db: Database, group_id: str) -> Group:
    row = db.execute(f"{_GROUP_SELECT} WHERE g.id = ? AND g.deleted = 0", [group_id]).fetchone()
    if row is None:
        raise NotFound("找不到该联络组", f"liaison group not found: {group_id}")
    return Group(*row)


def list_groups(db: Database) -> list[Group]:
    """Every group, by name (a city has under two hundred)."""
    return [Group(*r) for r in db.execute(f"{_GROUP_SELECT} WHERE g.deleted = 0 ORDER BY zh_key(g.name)").fetchall()]


def group_choices(db: Database) -> list[tuple[str, str]]:
    """(id, name) of every group, for pickers."""
    return [(r[0], r[1]) for r in db.execute(
        "SELECT id, name FROM liaison_group WHERE deleted = 0 ORDER BY zh_key(name)").fetchall()]


def group_members(db: Database, group_id: str, *, include_left: bool = False) -> list[GroupMember]:
    """The roster: convener first, then deputies, then members by name."""
    left = "" if include_left else " AND ms.left_on IS NULL"
    rows = db.execute(
        "SELECT ms.id, m.id, m.name, ms.role, ms.joined_on, ms.left_on, s.name, s.name_en, m.work_unit, m.phone, "
        "m.status FROM membership ms JOIN member m ON m.id = ms.member_id "
        "LEFT JOIN reference_item s ON s.id = m.sector_id "
        f"WHERE ms.group_id = ? AND ms.deleted = 0 AND m.deleted = 0{left} "
        "ORDER BY ms.left_on IS NOT NULL, CASE ms.role WHEN 'convener' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, zh_name_key(m.name)",
        [group_id]).fetchall()
    return [GroupMember(*r) for r in rows]


def _check_name(db: Database, name: str | None, group_id: str | None) -> None:
    if not name or not name.strip():
        raise ValidationError("联络组的“名称”不能为空", "Liaison group: Name is required", code="required",
                              field="name")
    same = db.execute("SELECT id FROM liaison_group WHERE name = ? AND deleted = 0 AND id IS NOT ?",
                      [name.strip(), group_id]).fetchone()
    if same:
        raise ValidationError(f"已有名为“{name.strip()}”的联络组", f"a group named {name.strip()!r} already exists",
                              code="duplicate", field="name")


def township_choices(db: Database, office_id: str | None) -> list[tuple[str, str]]:
    """(code, "name（code）") of the townships a group of `office_id` may be in: the township itself, a
    district's townships, every township at the city (all known townships where no office is set)."""
    from .sync.scope import OfficeTree
    rows = db.execute("SELECT id, code, name FROM office WHERE level = 'township' AND deleted = 0 ORDER BY code")
    if office_id is None:
        return [(code, f"{name}（{code}）") for _i, code, name in rows]
    inside = OfficeTree.load(db).subtree(office_id)
    return [(code, f"{name}（{code}）") for oid, code, name in rows if oid in inside]


def _check_township(db: Database, code: str | None, office_id: str | None) -> None:
    if code is None or code == "":
        return
    if code not in {c for c, _t in township_choices(db, office_id)}:
        raise ValidationError(f"乡镇（街道）代码“{code}”不是本机构所辖的乡镇（街道）：请从列表中选择，或留空",
                              f"township code {code!r} is not a township of this office: choose one from the "
                              f"list, or leave it empty", code="bad_choice", field="township_code")


def save_group(db: Database, group_id: str | None, values: dict, *, office_id: str | None = None) -> str:
    """Create (group_id None) or update a group; returns its id."""
    values = {k: v for k, v in values.items() if k in GROUP_FIELDS}
    if group_id is None or "name" in values:
        _check_name(db, values.get("name"), group_id)
    if "township_code" in values:
        owner = office_id if group_id is None else (db.execute(
            "SELECT office_id FROM liaison_group WHERE id = ?", [group_id]).fetchone() or [office_id])[0]
        before = None if group_id is None else (db.execute(
            "SELECT township_code FROM liaison_group WHERE id = ?", [group_id]).fetchone() or [None])[0]
        if values["township_code"] != before:           # a code kept as it was is never refused afterwards
            _check_township(db, values["township_code"], owner)
    if values.get("founded_on"):                         # a group is founded before its record is made
        before = None if group_id is None else (db.execute(
            "SELECT founded_on FROM liaison_group WHERE id = ?", [group_id]).fetchone() or [None])[0]
        if values["founded_on"] != before:
            not_after_today("liaison_group", "founded_on", values["founded_on"])
    with writing(db) as w:
        if group_id is None:
            group_id = w.insert("liaison_group", values, office_id=office_id)
            if values.get("convener_id"):                # a new group's convener is its first member
                _make_convener(w, group_id, values["convener_id"], office_id)
            return group_id
        w.current("liaison_group", group_id)
        w.update("liaison_group", group_id, values)
        if "convener_id" in values and values["convener_id"]:
            _make_convener(w, group_id, values["convener_id"], office_id)
        return group_id


def _make_convener(w, group_id: str, member_id: str, office_id: str | None) -> None:
    """The convener's membership has role convener; a former convener becomes a member."""
    rows = w.db.execute("SELECT id, member_id, role FROM membership WHERE group_id = ? AND deleted = 0 "
                        "AND left_on IS NULL", [group_id]).fetchall()
    found = False
    for mid, member, role in rows:
        if member == member_id:
            found = True
            if role != "convener":
                w.update("membership", mid, {"role": "convener"})
        elif role == "convener":
            w.update("membership", mid, {"role": "member"})
    if not found:
        w.insert("membership", {"group_id": group_id, "member_id": member_id, "role": "convener",
                                "joined_on": office_clock.today().isoformat()},
                 office_id=membership_owner(w, group_id, office_id))


def membership_owner(w, group_id: str, office_id: str | None) -> str | None:
    """A membership belongs to its group's office where this office may write it there (a district adding a
    member to its township's group): then the township holds it too (SECURITY.md R4c)."""
    group = w.db.execute("SELECT office_id FROM liaison_group WHERE id = ?", [group_id]).fetchone()
    return w.owner_for("membership", group[0]) if group else office_id


def add_to_group(db: Database, group_id: str, member_id: str, *, role: str = "member",
                 joined_on: str | None = None, office_id: str | None = None) -> str:
    """Add a member to a group's roster; refuses a member already in it."""
    if role not in ROLES:
        raise ValidationError("角色无效", f"unknown role {role!r}", code="bad_choice", field="role")
    if joined_on:
        not_after_today("membership", "joined_on", joined_on)
    if db.execute("SELECT 1 FROM membership WHERE group_id = ? AND member_id = ? AND deleted = 0 "
                  "AND left_on IS NULL", [group_id, member_id]).fetchone():
        raise StateError("该委员已在本联络组中", "the member is already in this group", code="already_member")
    with writing(db) as w:
        if role == "convener":
            _make_convener(w, group_id, member_id, office_id)
            w.update("liaison_group", group_id, {"convener_id": member_id})
            return w.db.execute("SELECT id FROM membership WHERE group_id = ? AND member_id = ? AND deleted = 0 "
                                "AND left_on IS NULL", [group_id, member_id]).fetchone()[0]
        return w.insert("membership", {"group_id": group_id, "member_id": member_id, "role": role,
                                       "joined_on": joined_on or office_clock.today().isoformat()},
                        office_id=membership_owner(w, group_id, office_id))


def set_role(db: Database, membership_id: str, role: str, *, office_id: str | None = None) -> None:
    if role not in ROLES:
        raise ValidationError("角色无效", f"unknown role {role!r}", code="bad_choice", field="role")
    with writing(db) as w:
        ms = w.current("membership", membership_id)
        if role == "convener":
            _make_convener(w, ms["group_id"], ms["member_id"], office_id)
            w.update("liaison_group", ms["group_id"], {"convener_id": ms["member_id"]})
        else:
            w.update("membership", membership_id, {"role": role})
            group = w.current("liaison_group", ms["group_id"])
            if group["convener_id"] == ms["member_id"]:
                w.update("liaison_group", ms["group_id"], {"convener_id": None})


def leave_group(db: Database, membership_id: str, *, on: str | None = None) -> None:
    """End a membership (the row stays, with the day the member left)."""
    with writing(db) as w:
        end_membership(w, membership_id, on=on)


def end_membership(w, membership_id: str, *, on: str | None = None) -> None:
    """`leave_group` inside a write already open (the roster import moving a member to another group): the
    membership gets the day left, and a convener leaving leaves the group without one."""
    on = on or office_clock.today().isoformat()
    ms = w.current("membership", membership_id)
    if ms["left_on"]:
        return
    if ms["joined_on"] and on < ms["joined_on"]:
        raise ValidationError("退出日期不能早于加入日期", "the day left is before the day joined",
                              code="bad_date", field="left_on")
    w.update("membership", membership_id, {"left_on": on})
    group = w.current("liaison_group", ms["group_id"])
    if group["convener_id"] == ms["member_id"]:
        w.update("liaison_group", ms["group_id"], {"convener_id": None})


def group_record_counts(db: Database, group_id: str) -> dict[str, int]:
    """How many meetings, visits, reports and follow-ups a group has (what dissolving would hide)."""
    out = {}
    for table in ("meeting", "visit", "opinion_report", "follow_up"):
        once = f" AND {latest_only('meeting')}" if table == "meeting" else ""     # amended minutes: one meeting
        out[table] = db.execute(f"SELECT count(*) FROM {table} WHERE group_id = ? AND deleted = 0{once}",
                                [group_id]).fetchone()[0]
    return out


def delete_group(db: Database, group_id: str) -> None:
    """Remove a group that has no records (a group with meetings or visits stays, for the archive)."""
    counts = group_record_counts(db, group_id)
    if any(counts.values()):
        raise StateError("该联络组已有会议、走访等记录，不能删除（可在备注中注明已撤并）",
                         "the group has meetings or other records and cannot be deleted", code="has_records")
    with writing(db) as w:
        w.current("liaison_group", group_id)
        for (mid,) in db.execute("SELECT id FROM membership WHERE group_id = ? AND deleted = 0",
                                 [group_id]).fetchall():
            w.delete("membership", mid)
        w.delete("liaison_group", group_id)
