"""Bringing an open database's schema up to date and giving it its node identity: shared by opening
(db.database, which takes a backup first) and restoring (db.backup, which has just taken one)."""

from __future__ import annotations

from . import schema
from . import today as office_clock
from .clock import new_node_id, uuid7
from .connection import Database
from .errors import NewerDatabase


def applied_versions(db: Database) -> list[str]:
    return [m.name for m in schema.migrations.applied(db)]


def refuse_newer(db: Database) -> None:
    """A database a newer version of the application made (migrations unknown here) is not touched."""
    known = {m.name for m in schema.migrations._migrations}
    if any(n not in known for n in applied_versions(db)):
        raise NewerDatabase("此数据库由更新版本的软件创建，请先升级本软件",
                            "this database was made by a newer version; update the application")


def needs_upgrade(db: Database) -> bool:
    """True when an existing database (some migrations applied) has migrations pending."""
    return bool(schema.migrations.pending(db)) and bool(applied_versions(db))


def bring_up_to_date(db: Database) -> None:
    """Apply the pending migrations and give a new database its node identity."""
    if schema.migrations.pending(db):
        schema.migrations.apply(db)
    ensure_node(db)


def ensure_node(db: Database) -> None:
    if db.execute("SELECT 1 FROM node_state WHERE id = 1").fetchone():
        return
    now = office_clock.now().isoformat(timespec="seconds")
    with db.atomic():
        db.execute("INSERT INTO node_state (id, node_id, db_epoch, created_at) VALUES (1, ?, ?, ?)",
                   [new_node_id(), uuid7(), now])
