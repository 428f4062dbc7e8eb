"""The local sync tables are made once when the database opens (migration m0006), not checked for by
every sync function; a database of the version before gains them on upgrade."""

from __future__ import annotations

import ast
from pathlib import Path

from sqlite_utils import Database

from db import schema
from db.database import open_database
from db.sync.keys import node_keys

SYNC_TABLES = {"sync_local_key", "sync_office_key", "sync_node", "sync_have", "sync_peer", "sync_received",
               "sync_history"}


def _tables(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_new_database_has_the_sync_tables_when_it_opens(tmp_path):
    db = open_database(tmp_path / "liaison-desk.sqlite3")
    assert _tables(db) >= SYNC_TABLES
    assert node_keys(db).fingerprint
    db.conn.close()


def test_a_database_of_the_version_before_gains_them_on_upgrade(tmp_path):
    path = tmp_path / "liaison-desk.sqlite3"
    db = Database(path)
    schema.migrations.apply(db, stop_before="m0006_sync_trust")
    assert not SYNC_TABLES & _tables(db)
    db.conn.close()
    db = open_database(path)
    assert _tables(db) >= SYNC_TABLES
    db.conn.close()


def test_no_sync_function_checks_the_schema_per_call():
    root = Path(__file__).resolve().parents[2] / "db" / "sync"
    callers = []
    for f in root.glob("*.py"):
        for node in ast.walk(ast.parse(f.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "ensure_sync_tables":
                callers.append(f.name)
    assert callers == []


def test_no_accessor_probes_for_the_sync_tables():
    """Outside the migrations (and check, backup and restore, which read files of any version), nothing asks
    sqlite_master whether a sync table exists: the home page asked it on every refresh."""
    root = Path(__file__).resolve().parents[2] / "db"
    exempt = {"schema.py", "check.py", "backup.py", "database.py"}
    probing = [str(f.relative_to(root)) for f in root.rglob("*.py")
               if f.name not in exempt and "migrations" not in f.parts
               and "sqlite_master" in (text := f.read_text("utf-8")) and "'sync_" in text]
    assert probing == [], probing


def test_the_home_pages_last_sync_reads_a_new_database(tmp_path):
    from db.dashboard import last_sync
    db = open_database(tmp_path / "liaison-desk.sqlite3")
    assert last_sync(db, "out") is None and last_sync(db, "in") is None
    db.conn.close()
