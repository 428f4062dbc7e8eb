"""The one write path (SYNC.md "Change capture").

Every insert, update and delete of a replicated table goes through a `Writer`, inside one
transaction with its bookkeeping: the next gapless sequence number of this node, a value-less
log entry `(origin, seq, table, row_id, fields, hlc)`, and the row's compact clocks (`_rc`,
`_fc`). Triggers refuse writes made any other way (db.schema.create_guard_triggers).

    with writing(db) as w:
        mid = w.insert("meeting", {...}, office_id=office)
        w.update("meeting", mid, {"state": "held"})
        w.delete("attendance", aid)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from operator import itemgetter

from . import accounts, model, search
from .clock import HybridClock, clock_text, uuid7, uuid7_many
from .connection import Database
from .errors import NotFound, WriteGuardError
from .validate import RefCache, clean

_ACTIVE = "_liaison_writer"
_DEFAULTS = {name: {f.name: f.default for f in t.fields} for name, t in model.TABLES.items()}


def row_clock(row: dict, field: str) -> str:
    """The clock of one field's current value, from the row's compact clocks."""
    fc = row.get("_fc")
    if fc:
        entry = json.loads(fc).get(field)
        if entry:
            return entry[0]
    return row["_rc"]


class Writer:
    """Stamps writes for one transaction. Obtain it with `writing(db)`; never construct it directly."""

    def __init__(self, db: Database, *, validate: bool = True, scope: bool = True):
        self.db = db
        state = db.execute("SELECT node_id, hlc, seq, office_id FROM node_state WHERE id = 1").fetchone()
        if state is None:
            raise WriteGuardError("数据库未初始化", "database has no node state", code="no_node")
        self.node_id, hlc, self.seq, self.office_id = state
        self.clock = HybridClock(self.node_id, hlc)
        self.validate = validate
        self.refs = RefCache(db)
        self._log: list[tuple] = []
        self._scope = scope                 # check "who may write what" (db.permissions)
        self._perms = None
        self.actor = accounts.actor_name(db)  # who is signed in (db.accounts), logged with each change

    @property
    def permissions(self):
        """This office's rules (db.permissions), loaded on the first write that needs them."""
        if self._perms is None:
            from .permissions import Permissions
            self._perms = Permissions(self.db, self.office_id)
        return self._perms

    def owner_for(self, table: str, preferred: str | None) -> str | None:
        """Who owns a record made from another: `preferred` (the source's office) when this office may
        add such a row there, else this office. A district making a follow-up from a township's
        report makes its own (the township's records are the township's to write)."""
        if (preferred is None or not self._scope or self.office_id is None
                or self.permissions.may_write(table, preferred)):
            return preferred
        return self.office_id

    def _check_scope(self, table: str, owner: str | None, fields, row: dict) -> None:
        if self._scope and self.office_id is not None:
            self.permissions.check(table, owner, fields, row)

    # -- stamping -------------------------------------------------------------------
    def _stamp(self, table: str, row_id: str, fields: str) -> str:
        hlc = self.clock.now()
        self.seq += 1
        self._log.append((self.node_id, self.seq, table, row_id, fields, hlc))
        return clock_text(hlc, self.node_id)

    def _finish(self) -> None:
        if self._log and self.actor is not None:
            actor = (self.actor,)
            self.db.conn.executemany(
                "INSERT INTO change_log (origin, seq, tbl, row_id, fields, hlc, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [e + actor for e in self._log])
            self._log.clear()
        elif self._log:
            self.db.conn.executemany(
                "INSERT INTO change_log (origin, seq, tbl, row_id, fields, hlc) VALUES (?, ?, ?, ?, ?, ?)",
                self._log)
            self._log.clear()
        self.db.execute("UPDATE node_state SET guard = 0, hlc = ?, seq = ? WHERE id = 1",
                        [self.clock.last, self.seq])

    # -- writes ---------------------------------------------------------------------
    def _prepare(self, table: str, values: dict, office_id: str | None, new_id: str | None = None) -> dict:
        if self.validate:
            values = clean(self.db, table, values, partial=False, refs=self.refs)
        row = _DEFAULTS[table].copy()
        row.update(values)
        row["id"] = values.get("id") or new_id or uuid7()
        row["office_id"] = office_id if office_id is not None else values.get("office_id", self.office_id)
        row["deleted"] = 0
        row["_fc"] = None
        return row

    def insert(self, table: str, values: dict, *, office_id: str | None = None) -> str:
        """Insert a new row; returns its id (a new UUIDv7 unless `values` has one)."""
        return self.insert_many(table, [values], office_id=office_id)[0]

    def insert_many(self, table: str, rows: list[dict], *, office_id: str | None = None) -> list[str]:
        if not rows:
            return []
        ids = uuid7_many(len(rows))
        prepared = [self._prepare(table, r, office_id, new_id) for r, new_id in zip(rows, ids, strict=True)]
        if self._scope and self.office_id is not None and not self.permissions.open:
            for row in prepared:
                self.permissions.check(table, row["office_id"], None, row)
            self.permissions.check_references(table, prepared, known=self.refs.owners)      # SECURITY.md R4c
        node, seq, log = self.node_id, self.seq, self._log
        for row, hlc in zip(prepared, self.clock.now_many(len(prepared)), strict=True):
            seq += 1
            row["_rc"] = f"{hlc:016x}@{node}"
            log.append((node, seq, table, row["id"], "*", hlc))
        self.seq = seq
        cols = list(prepared[0])
        self.db.conn.executemany(
            f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
            map(itemgetter(*cols), prepared))
        search.index_new_rows(self.db, table, prepared)
        return [r["id"] for r in prepared]

    def current(self, table: str, row_id: str) -> dict:
        cur = self.db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
        found = cur.fetchone()
        if found is None:
            spec = model.TABLES[table]
            raise NotFound(f"找不到这条{spec.label_zh}记录", f"{spec.label_en} not found: {row_id}")
        return dict(zip([d[0] for d in cur.description], found, strict=True))

    def live(self, table: str, row_id: str) -> dict:
        """The current row, refusing one that was deleted (a record a person may still edit)."""
        row = self.current(table, row_id)
        if row["deleted"]:
            spec = model.TABLES[table]
            raise NotFound(f"这条{spec.label_zh}记录已被删除", f"{spec.label_en} was deleted: {row_id}")
        return row

    def update(self, table: str, row_id: str, changes: dict) -> list[str]:
        """Change some fields of a row; returns the fields that really changed (none: no write)."""
        if self.validate:
            changes = clean(self.db, table, changes, partial=True, refs=self.refs)
        changes = {k: v for k, v in changes.items() if k not in ("id", "office_id")}
        row = self.current(table, row_id)
        changed = [k for k, v in changes.items() if row.get(k) != v]
        if not changed:
            return []
        self._check_scope(table, row["office_id"], changed, row)
        if self._scope and self.office_id is not None and not self.permissions.open:
            self.permissions.check_references(table, [{**row, **changes}], changed, known=self.refs.owners)  # R4c
        clock = self._stamp(table, row_id, ",".join(changed))
        fc = json.loads(row["_fc"]) if row["_fc"] else {}
        for name in changed:
            fc[name] = [clock, row_clock(row, name)]
        assignments = {name: changes[name] for name in changed}
        assignments["_fc"] = json.dumps(fc, separators=(",", ":"), sort_keys=True)
        self.db.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in assignments)} WHERE id = ?",
                        [*assignments.values(), row_id])
        if table in search.SEARCHABLE_TABLES and (
                "deleted" in changed or set(changed) & set(search.SEARCHABLE_TABLES[table])
                or (table in search.OWNERS and search.OWNERS[table][1] in changed)):
            before = dict(row)
            row.update(assignments)
            search.index_rows(self.db, table, [row], [before])
        return changed

    def delete(self, table: str, row_id: str) -> bool:
        """Delete a row: `deleted` is a field, so the deletion syncs and merges like an edit."""
        return bool(self.update(table, row_id, {"deleted": 1}))

    def restore(self, table: str, row_id: str) -> bool:
        return bool(self.update(table, row_id, {"deleted": 0}))


@contextmanager
def writing(db: Database, *, validate: bool = True, scope: bool = True) -> Iterator[Writer]:
    """One write transaction with its change capture. Nested use joins the outer transaction.

    `scope=False` skips the check of what this office may write (db.permissions): for applying
    sync packages, which check every change against its origin's rights instead."""
    outer = getattr(db, _ACTIVE, None)
    if outer is not None:
        yield outer
        return
    conn = db.conn
    if conn.in_transaction:
        raise WriteGuardError("写入必须在自己的事务中进行", "writing() inside a foreign transaction",
                              code="nested_transaction")
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        w = Writer(db, validate=validate, scope=scope)
        setattr(db, _ACTIVE, w)
        yield w
        w._finish()
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    finally:
        if getattr(db, _ACTIVE, None) is not None:
            delattr(db, _ACTIVE)
