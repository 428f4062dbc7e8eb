"""Who changed what, from the change log (no values are copied): a record's 历史 and the office's 操作日志.

Each change-log entry names the row, the fields it changed ("*" for a new row), its hybrid clock (the
real time it was made) and, since accounts (db.accounts), the person signed in (`actor`, carried by
sync so that the district sees who at the township did it). The office of a change is the office of
its origin node (this node, or `sync_node` for nodes learned from packages).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import model
from .clock import pack, unpack
from .connection import Database
from .own_parts import own
from .sync.scope import REFERENCES

ACTIONS = {"create": ("新建", "created"), "change": ("修改", "changed"), "delete": ("删除", "deleted"),
           "restore": ("恢复", "restored")}


@dataclass(frozen=True)
class Change:
    origin: str
    seq: int
    table: str
    row_id: str
    fields: tuple[str, ...]          # () for a new row
    at: dt.datetime                  # local time the change was made (its clock)
    actor: str | None
    office_id: str | None
    office_name: str | None

    @property
    def action(self) -> str:
        if not self.fields:
            return "create"
        if self.fields == ("deleted",):
            return "delete"      # a restore is also a change of `deleted`: told apart by `describe`
        return "change"

    def action_label(self, lang: str = "zh") -> str:
        return ACTIONS[self.action][1 if lang.startswith("en") else 0]

    def table_label(self, lang: str = "zh") -> str:
        spec = model.TABLES.get(self.table)
        if spec is None:
            return self.table
        return spec.label_en if lang.startswith("en") else spec.label_zh

    def field_labels(self, lang: str = "zh") -> list[str]:
        spec = model.TABLES.get(self.table)
        out = []
        for name in self.fields:
            f = spec.by_name.get(name) if spec else None
            if name == "deleted":
                out.append("deleted" if lang.startswith("en") else "删除标记")
            elif f is None:
                out.append(name)
            else:
                out.append((f.label_en or name) if lang.startswith("en") else (f.label_zh or name))
        return out


def hlc_time(hlc: int) -> dt.datetime:
    """The local time of a hybrid clock (its wall-clock milliseconds)."""
    return dt.datetime.fromtimestamp(unpack(hlc)[0] / 1000)


def _hlc_of(moment: dt.datetime) -> int:
    return pack(int(moment.timestamp() * 1000), 0)


def _offices(db: Database) -> tuple[dict[str, str], dict[str, str]]:
    """node → office id, office id → name."""
    nodes = {}
    if db["sync_node"].exists():
        nodes = {n: o for n, o in db.execute("SELECT node_id, office_id FROM sync_node")}
    me = db.execute("SELECT node_id, office_id FROM node_state WHERE id = 1").fetchone()
    if me and me[1]:
        nodes[me[0]] = me[1]
    names = {i: n for i, n in db.execute("SELECT id, name FROM office")}
    return nodes, names


def _changes(db: Database, rows) -> list[Change]:
    nodes, names = _offices(db)
    out = []
    for origin, seq, tbl, row_id, fields, hlc, actor in rows:
        office = nodes.get(origin)
        out.append(Change(origin, seq, tbl, row_id, () if fields == "*" else tuple(fields.split(",")),
                          hlc_time(hlc), actor, office, names.get(office)))
    return out


_COLS = "origin, seq, tbl, row_id, fields, hlc, actor"


def _children(db: Database, table: str, row_id: str) -> list[tuple[str, str]]:
    """(table, id) of the rows that belong to this record (a meeting's attendance, agenda, speeches …)."""
    out = []
    for child in model.TABLES.values():
        if child.parent and child.field(child.parent).fk == table:
            # a part is the record's own office's (SECURITY.md R4c): one another office hung on it is not its history
            mine = any(f == child.parent and kind == "part" for f, kind, _t, _tf in REFERENCES.get(child.name, ()))
            out += [(child.name, i) for (i,) in db.execute(
                f"SELECT id FROM {child.name} WHERE {child.parent} = ?"
                + (f" AND {own(owner=table, fk=child.parent)}" if mine else ""), [row_id])]
    # its steps (办理过程) and its files
    out += [("state_event", i) for (i,) in db.execute(
        "SELECT id FROM state_event WHERE subject_id = ? AND subject_table = ?", [row_id, table])]
    out += [("attachment", i) for (i,) in db.execute(
        "SELECT id FROM attachment WHERE owner_id = ? AND owner_table = ?", [row_id, table])]
    return out


def record_history(db: Database, table: str, row_id: str, *, children: bool = True) -> list[Change]:
    """Every change of one record (and of the rows that belong to it), newest first: who, when, at which
    office, which fields."""
    keys = [(table, row_id)] + (_children(db, table, row_id) if children else [])
    rows = []
    for i in range(0, len(keys), 400):
        part = keys[i:i + 400]
        rows += db.execute(f"SELECT {_COLS} FROM change_log WHERE row_id IN ({', '.join('?' * len(part))})",
                           [k[1] for k in part]).fetchall()
    wanted = set(keys)
    rows = [r for r in rows if (r[2], r[3]) in wanted]
    rows.sort(key=lambda r: (r[5], r[0], r[1]), reverse=True)
    return _changes(db, rows)


@dataclass(frozen=True)
class LogFilter:
    actor: str | None = None              # a person's name as logged; "" for changes made with accounts off
    since: dt.date | None = None
    until: dt.date | None = None          # inclusive
    table: str | None = None
    office_only: bool = True              # only changes made at this office's own computers


def _where(db: Database, flt: LogFilter) -> tuple[str, list]:
    where, params = [], []
    if flt.office_only:
        nodes, _ = _offices(db)
        me = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
        own = sorted(n for n, o in nodes.items() if me and o == me[0])
        if own:
            where.append(f"origin IN ({', '.join('?' * len(own))})")
            params += own
    if flt.actor is not None:
        if flt.actor == "":
            where.append("actor IS NULL")
        else:
            where.append("actor = ?")
            params.append(flt.actor)
    if flt.since is not None:
        where.append("hlc >= ?")
        params.append(_hlc_of(dt.datetime.combine(flt.since, dt.time())))
    if flt.until is not None:
        where.append("hlc < ?")
        params.append(_hlc_of(dt.datetime.combine(flt.until + dt.timedelta(days=1), dt.time())))
    if flt.table is not None:
        where.append("tbl = ?")
        params.append(flt.table)
    return (" WHERE " + " AND ".join(where)) if where else "", params


def operation_log(db: Database, flt: LogFilter = LogFilter(), *, limit: int | None = 2000,
                  offset: int = 0) -> list[Change]:
    """The office's changes, newest first."""
    where, params = _where(db, flt)
    sql = f"SELECT {_COLS} FROM change_log{where} ORDER BY hlc DESC, origin, seq DESC"
    if limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return _changes(db, db.execute(sql, params).fetchall())


def count_operations(db: Database, flt: LogFilter = LogFilter()) -> int:
    where, params = _where(db, flt)
    return db.execute(f"SELECT count(*) FROM change_log{where}", params).fetchone()[0]


def actors(db: Database) -> list[str]:
    """Every name the change log holds (people of this office and, after sync, of offices below)."""
    return [a for (a,) in db.execute("SELECT DISTINCT actor FROM change_log WHERE actor IS NOT NULL ORDER BY actor")]


_OWNER = {"state_event": ("subject_table", "subject_id"), "attachment": ("owner_table", "owner_id")}


def record_label(db: Database, table: str, row_id: str, *, depth: int = 0) -> str:
    """A short name for a logged record: its topic, name or title, else that of the record it belongs to
    (a meeting's attendance, a follow-up's step); "" when none."""
    spec = model.TABLES.get(table)
    if spec is None or depth > 1:
        return ""
    for name in ("topic", "name", "title", "subject", "summary", "text", "item"):
        if name in spec.by_name:
            row = db.execute(f"SELECT {name} FROM {table} WHERE id = ?", [row_id]).fetchone()
            if row and row[0]:
                text = str(row[0])
                return text if len(text) <= 40 else text[:39] + "…"
    if table in _OWNER:
        t, i = _OWNER[table]
        row = db.execute(f"SELECT {t}, {i} FROM {table} WHERE id = ?", [row_id]).fetchone()
        return record_label(db, row[0], row[1], depth=depth + 1) if row and row[0] in model.TABLES else ""
    if spec.parent:
        row = db.execute(f"SELECT {spec.parent} FROM {table} WHERE id = ?", [row_id]).fetchone()
        return record_label(db, spec.field(spec.parent).fk, row[0], depth=depth + 1) if row and row[0] else ""
    return ""
