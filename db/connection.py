"""`Database`: the connection object every db function takes — a thin layer over sqlite3 with the part of
sqlite-utils' `Database` this program uses (`execute`, `atomic`, `conn`, `db[name].exists()`,
`db[name].columns`), with the same behaviour.

Importing sqlite-utils costs ~13 MB and 120 modules (click, dateutil, pluggy, OpenSSL through hashlib)
that the window never needs (bench/steps/bench_memory.py). A sqlite-utils `Database` over a connection
works everywhere this one does (tests and tools pass one): the db modules use only what both have.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["Column", "Database", "Table"]

_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
_savepoints = itertools.count(1)


def _first_keyword(sql: str) -> str:
    """The statement's first keyword, upper-case, past whitespace, `;`, comments and a BOM."""
    i, n = 0, len(sql)
    while i < n:
        if sql[i].isspace() or sql[i] in (";", "\ufeff"):
            i += 1
        elif sql.startswith("--", i):
            newline = sql.find("\n", i)
            if newline == -1:
                return ""
            i = newline + 1
        elif sql.startswith("/*", i):
            end = sql.find("*/", i + 2)
            if end == -1:
                return ""
            i = end + 2
        else:
            break
    j = i
    while j < n and (sql[j].isalpha() or sql[j] == "_"):
        j += 1
    return sql[i:j].upper()


class Column(NamedTuple):
    """One column of a table, as sqlite-utils describes it (PRAGMA table_info)."""
    cid: int
    name: str
    type: str
    notnull: bool
    default_value: Any
    is_pk: int


class Table:
    """`db[name]`: whether the table (or view) exists and its columns."""

    def __init__(self, db: Database, name: str) -> None:
        self.db, self.name = db, name

    def exists(self) -> bool:
        found = self.db.conn.execute("SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = ?",
                                     [self.name]).fetchone()
        return found is not None

    @property
    def columns(self) -> list[Column]:
        quoted = self.name.replace('"', '""')
        return [Column(*row) for row in self.db.conn.execute(f'PRAGMA table_info("{quoted}")').fetchall()]

    @property
    def pks(self) -> list[str]:
        keys = sorted((c.is_pk, c.name) for c in self.columns if c.is_pk)
        return [name for _, name in keys] or ["rowid"]

    def __repr__(self) -> str:
        return f"<Table {self.name}>"


class Database:
    """A connection (or a file, opened with sqlite3's defaults) with recursive triggers on, as
    sqlite-utils opens it. Statements that write outside a transaction are committed at once."""

    def __init__(self, filename_or_conn: str | Path | sqlite3.Connection, *, recursive_triggers: bool = True,
                 **_sqlite_utils_options: Any) -> None:
        if isinstance(filename_or_conn, (str, Path)):
            self.conn = sqlite3.connect(str(filename_or_conn))
        else:
            self.conn = filename_or_conn
        if recursive_triggers:
            self.execute("PRAGMA recursive_triggers=on;")

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql) if parameters is None else self.conn.execute(sql, parameters)
        except Exception:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")       # an implicit transaction nothing would commit
            raise
        if (not was_in_transaction and self.conn.in_transaction and cursor.description is None
                and _first_keyword(sql) not in _TRANSACTION_CONTROL):
            self.conn.execute("COMMIT")             # a write outside a transaction takes effect now
        return cursor

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction; nested blocks are savepoints. Rolled back on any exception."""
        if self.conn.in_transaction:
            savepoint = f"ld_savepoint_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint};")
            try:
                yield self
            except BaseException:
                if self.conn.in_transaction:    # a RAISE(ROLLBACK) may have ended the transaction already
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint};")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint};")
        else:
            self.conn.execute("BEGIN")
            try:
                yield self
            except BaseException:
                self.rollback()
                raise
            else:
                try:
                    self.conn.execute("COMMIT")
                except BaseException:
                    self.rollback()
                    raise

    def rollback(self) -> None:
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def __getitem__(self, name: str) -> Table:
        return Table(self, name)

    def close(self) -> None:
        self.conn.close()

    def __repr__(self) -> str:
        return f"<Database {self.conn}>"
