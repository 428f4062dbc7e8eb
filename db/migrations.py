"""Numbered schema migrations, kept in sqlite-utils' `_sqlite_migrations` table and applied the way its
`Migrations` applies them (each in a transaction with the record of it), without importing sqlite-utils:
opening a database that is up to date only reads that table (db.connection says why it matters)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from . import today as office_clock
from .connection import Database

TABLE = "_sqlite_migrations"


@dataclass
class Migration:
    name: str
    fn: Callable[[Database], None]
    transactional: bool = True


@dataclass
class AppliedMigration:
    name: str
    applied_at: str


class Migrations:
    """A named set of migrations: `@migrations()` registers a function, in file order."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._migrations: list[Migration] = []

    def __call__(self, *, name: str | None = None, transactional: bool = True):
        def register(fn):
            key = name or fn.__name__
            if any(m.name == key for m in self._migrations):
                raise ValueError(f"Migration '{key}' is already registered in set '{self.name}'")
            self._migrations.append(Migration(key, fn, transactional))
            return fn
        return register

    def applied(self, db: Database) -> list[AppliedMigration]:
        """The migrations applied, in the order they were (reads only)."""
        if not db[TABLE].exists():
            return []
        return [AppliedMigration(name, at) for name, at in db.execute(
            f"SELECT name, applied_at FROM {TABLE} WHERE migration_set = ? ORDER BY rowid", [self.name])]

    def pending(self, db: Database) -> list[Migration]:
        done = {m.name for m in self.applied(db)}
        return [m for m in self._migrations if m.name not in done]

    def apply(self, db: Database, *, stop_before: str | Iterable[str] | None = None) -> None:
        """Apply the pending migrations, each with its record in one transaction; with `stop_before`,
        up to the first one named (an older schema, for tests). Naming one already applied is refused."""
        stop = {stop_before} if isinstance(stop_before, str) else set(stop_before or ())
        done = stop & {m.name for m in self.applied(db)}
        if done:
            raise ValueError(f"Cannot stop before migration(s) {', '.join(sorted(done))} in set "
                             f"'{self.name}' - already been applied")
        self.ensure_migrations_table(db)
        for migration in self.pending(db):
            if migration.name in stop:
                return
            if migration.transactional:
                with db.atomic():
                    migration.fn(db)
                    self._record_applied(db, migration.name)
            else:
                migration.fn(db)
                self._record_applied(db, migration.name)

    def _record_applied(self, db: Database, name: str) -> None:
        db.execute(f"INSERT INTO {TABLE} (migration_set, name, applied_at) VALUES (?, ?, ?)",
                   [self.name, name, office_clock.now_text()])   # read by no one; the one clock

    def ensure_migrations_table(self, db: Database) -> None:
        """The table as sqlite-utils makes it; one from an older sqlite-migrate (no `id` key) is
        rebuilt by sqlite-utils itself, the one case that still imports it."""
        table = db[TABLE]
        if not table.exists():
            db.execute(f'CREATE TABLE "{TABLE}" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,\n'
                       f'   "name" TEXT,\n   "applied_at" TEXT\n)')
            db.execute(f'CREATE UNIQUE INDEX "idx_{TABLE}_migration_set_name"\n'
                       f'    ON "{TABLE}" ("migration_set", "name")')
        elif table.pks != ["id"]:
            import sqlite_utils
            from sqlite_utils.migrations import Migrations as Upstream
            Upstream(self.name).ensure_migrations_table(sqlite_utils.Database(db.conn, execute_plugins=False))

    def __repr__(self) -> str:
        return f"<Migrations '{self.name}': [{', '.join(m.name for m in self._migrations)}]>"
