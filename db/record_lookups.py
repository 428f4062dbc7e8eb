"""Small lookups the work-record editors offer as choices: groups, and members to pick from."""

from __future__ import annotations

from .connection import Database


def group_choices(db: Database, office_id: str | None = None, *,
                  offices: list[str] | None = None) -> list[tuple[str, str]]:
    """(id, name) of the liaison groups (of one office, or of these `offices`, when given), by name."""
    where, params = "deleted = 0", []
    if office_id:
        where += " AND office_id = ?"
        params.append(office_id)
    if offices is not None:
        where += f" AND office_id IN ({', '.join('?' * len(offices)) or 'NULL'})"
        params += offices
    return [tuple(r) for r in db.execute(f"SELECT id, name FROM liaison_group WHERE {where} ORDER BY zh_key(name)", params)]


def groups_for_new(db: Database, permissions, table: str) -> list[tuple[str, str]]:
    """(id, name) of the groups a new `table` row (meeting, visit) may be recorded for here: such a
    row belongs to its group's office, which must be one this office may write for
    (db.permissions; a district records no meetings for its townships' groups)."""
    rows = db.execute("SELECT id, name, office_id FROM liaison_group WHERE deleted = 0 ORDER BY zh_key(name)")
    return [(gid, name) for gid, name, office in rows if permissions.may_write(table, office)]


def member_names(db: Database, member_ids: list[str]) -> dict[str, str]:
    if not member_ids:
        return {}
    marks = ", ".join("?" * len(member_ids))
    return dict(db.execute(f"SELECT id, name FROM member WHERE id IN ({marks})", member_ids).fetchall())


def member_choices(db: Database, group_id: str | None, *, include: list[str] | tuple[str, ...] = ()) -> list[tuple[str, str]]:
    """(id, name) of the group's current members (convener first), then any `include`d member not among them."""
    from .meeting_parts import group_roster
    out = [(m, n) for m, n, _ in group_roster(db, group_id, None)] if group_id else []
    have = {m for m, _ in out}
    missing = [m for m in include if m and m not in have]
    names = member_names(db, missing)
    out += [(m, names[m]) for m in missing if m in names]
    return out
