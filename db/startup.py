"""What the window needs before the database is opened properly: read on a plain sqlite3 connection.

Start-up paints the first window without waiting for db.database (its imports; sqlite-utils until
2026-12, a third of a bare window's start time) and for the schema check; these reads need neither. Kept apart from the other db
modules so that importing it loads nothing else.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import NamedTuple

ACCOUNTS_KEY = "accounts.enabled"     # db.accounts.ENABLED_KEY (not imported: it would load more)


class OfficeInfo(NamedTuple):
    """This installation's office (the same fields as db.offices.Office)."""
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None


class Installation(NamedTuple):
    office: OfficeInfo | None
    versions: frozenset[str]       # schema migrations applied
    accounts_on: bool = False      # sign-in required (db.accounts.enabled), read here so the start need not import it


def read_only_connection(path) -> sqlite3.Connection:
    """A plain connection (no db.database, no migrations) for start-up reads; only reads go
    through it. The file must exist (a missing one would be created empty)."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=10)
    conn.execute("PRAGMA busy_timeout = 10000")
    conn.execute("PRAGMA cache_size = -4000")
    return conn


def peek_installation(path) -> Installation | None:
    """This office and the schema versions applied; None when the file is missing, not ours, or
    not set up yet (then start-up takes the ordinary way, which explains any problem)."""
    if not Path(path).is_file():
        return None
    try:
        conn = read_only_connection(path)
    except sqlite3.Error:
        return None
    try:
        row = conn.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
        if not row or not row[0]:
            return None
        found = conn.execute("SELECT id, code, name, level, parent_id FROM office WHERE id = ?", [row[0]]).fetchone()
        versions = frozenset(r[0] for r in conn.execute(
            "SELECT name FROM _sqlite_migrations WHERE migration_set = 'liaison_desk'").fetchall())
        try:
            on = conn.execute("SELECT value FROM setting WHERE key = ?", [ACCOUNTS_KEY]).fetchone()
        except sqlite3.Error:
            on = None
        return Installation(OfficeInfo(*found) if found else None, versions, bool(on and on[0] == "1"))
    except sqlite3.Error:
        return None
    finally:
        conn.close()
