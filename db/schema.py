"""Schema migrations (db.migrations, kept in sqlite-utils' `_sqlite_migrations` table). Each step is
frozen once released: a field added later carries `since=N` in db.model and is added by migration N, so
a database made by any earlier version upgrades in place (after an automatic backup, see db.database)."""

from __future__ import annotations

from . import model
from .connection import Database
from .migrations import Migrations

migrations = Migrations("liaison_desk")

REPLICATED = tuple(model.TABLES)
GUARD_MESSAGE = "liaison-desk: write to a replicated table outside the write path"


def _column_sql(f: model.Field) -> str:
    sql = f"{f.name} {f.sql_type}"
    if f.kind == model.FK:
        sql += f" REFERENCES {f.fk}(id) DEFERRABLE INITIALLY DEFERRED"
    elif f.kind == model.REF:
        sql += " REFERENCES reference_item(id) DEFERRABLE INITIALLY DEFERRED"
    return sql


def create_replicated_table(db: Database, table: model.Table, version: int) -> None:
    cols = ["id TEXT PRIMARY KEY NOT NULL",
            "office_id TEXT REFERENCES office(id) DEFERRABLE INITIALLY DEFERRED",
            "deleted INTEGER NOT NULL DEFAULT 0"]
    cols += [_column_sql(f) for f in table.fields if f.since <= version]
    cols += ["_rc TEXT NOT NULL", "_fc TEXT"]
    db.execute(f"CREATE TABLE {table.name} (\n  " + ",\n  ".join(cols) + "\n)")
    for idx in table.indexes:
        if all(c in ("office_id", "deleted") or table.field(c).since <= version for c in idx):
            db.execute(index_sql(table.name, idx))
    create_guard_triggers(db, table.name)


def create_guard_triggers(db: Database, name: str) -> None:
    """Refuse any write that does not come through db.write (node_state.guard is set only there,
    inside the write transaction). `table.transform()` drops triggers: call this again after it."""
    for event in ("INSERT", "UPDATE", "DELETE"):
        db.execute(
            f"CREATE TRIGGER IF NOT EXISTS guard_{name}_{event.lower()} BEFORE {event} ON {name} "
            f"WHEN (SELECT guard FROM node_state WHERE id = 1) IS NOT 1 "
            f"BEGIN SELECT RAISE(ABORT, '{GUARD_MESSAGE}'); END")


@migrations()
def m0001_initial(db: Database) -> None:
    db.execute("""CREATE TABLE node_state (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        node_id TEXT NOT NULL,
        office_id TEXT,
        hlc INTEGER NOT NULL DEFAULT 0,
        seq INTEGER NOT NULL DEFAULT 0,
        db_epoch TEXT NOT NULL,
        guard INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL)""")
    # The value-less change log: which row and fields each local or received change touched.
    db.execute("""CREATE TABLE change_log (
        origin TEXT NOT NULL,
        seq INTEGER NOT NULL,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        fields TEXT NOT NULL,
        hlc INTEGER NOT NULL,
        PRIMARY KEY (origin, seq)) WITHOUT ROWID""")
    db.execute("CREATE TABLE setting (key TEXT PRIMARY KEY, value TEXT)")
    # Concurrent edits of text a person wrote, kept for review (SYNC.md guarantee 7).
    db.execute("""CREATE TABLE conflict (
        id INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL, row_id TEXT NOT NULL, field TEXT NOT NULL,
        kept_value TEXT, kept_clock TEXT NOT NULL,
        other_value TEXT, other_clock TEXT NOT NULL,
        detected_at TEXT NOT NULL, package_id TEXT,
        resolved_at TEXT, resolution TEXT)""")
    db.execute("CREATE INDEX idx_conflict_open ON conflict(resolved_at, tbl)")
    for table in model.TABLES.values():
        if table.since <= 1:             # later tables are made by their own migration
            create_replicated_table(db, table, 1)


@migrations()
def m0002_search_index(db: Database) -> None:
    """Chinese search: character bigrams in FTS5 (see db.search). Built from existing rows."""
    from . import search
    search.create_index(db)
    search.rebuild(db)


def index_sql(table: str, columns) -> str:
    return f"CREATE INDEX IF NOT EXISTS idx_{table}_{'_'.join(columns)} ON {table}({', '.join(columns)})"


@migrations()
def m0003_key_revocation(db: Database) -> None:
    """A key can be revoked (db.sync.keys.revoke): two columns on the local table of known keys,
    when an earlier version had made it (new databases get them from db.sync.schema)."""
    from .sync.schema import ADDED_COLUMNS
    for table, column, definition in ADDED_COLUMNS:
        if db[table].exists() and column not in {c.name for c in db[table].columns}:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")


@migrations()
def m0004_closed_follow_ups_index(db: Database) -> None:
    """The home page counts follow-ups closed this month: an index on (state, closed_on) instead of
    reading every closed one (5 ms → 0.1 ms on a ten-year city database)."""
    db.execute(index_sql("follow_up", ("state", "closed_on")))


@migrations()
def m0005_mark_demo_databases(db: Database) -> None:
    """Demo databases made before the `demo` setting existed: one node (the city's) wrote every
    office's rows, so that everything could be tried. Mark them, so the rules of who may write
    what (db.permissions) do not turn their townships' records read-only. A real office never
    has rows of an office below it written by its own node without ever having exchanged keys."""
    node = db.execute("SELECT node_id, office_id FROM node_state WHERE id = 1").fetchone()
    if not node or not node[1] or db.execute("SELECT 1 FROM setting WHERE key = 'demo'").fetchone():
        return
    if db["sync_office_key"].exists() and db.execute("SELECT 1 FROM sync_office_key LIMIT 1").fetchone():
        return
    written_here = db.execute(
        "SELECT 1 FROM meeting WHERE office_id <> ? AND _rc LIKE ? LIMIT 1", [node[1], f"%@{node[0]}"]).fetchone()
    if written_here:
        db.execute("INSERT INTO setting (key, value) VALUES ('demo', 'before-v5')")


@migrations()
def m0006_sync_trust(db: Database) -> None:
    """Sync trust (SECURITY.md): the local sync tables (db.sync.schema) are made here, once, when the
    database opens, instead of being checked for by every sync function. Private keys move out of the
    database into a key file on first use (db.sync.keystore), which needs no column change."""
    from .sync.schema import ensure_sync_tables
    ensure_sync_tables(db)


@migrations()
def m0007_scoring_rules(db: Database) -> None:
    """履职积分规则: the city's rule sets (db.scoring), a replicated table synced down like the reference lists;
    and the indexes that keep each statistics chart (db.stats) within 200 ms on a ten-year city database."""
    create_replicated_table(db, model.TABLES["scoring_rule"], 7)
    db.execute(index_sql("visit", ("visit_date", "office_id", "group_id", "people_reached", "deleted")))
    db.execute(index_sql("meeting", ("revises_id",)))


@migrations()
def m0008_assignments_and_plan(db: Database) -> None:
    """交办 / 反馈 between offices (db.assignments), links between records, the yearly consultation plan
    (db.plan) and 回头看 re-inspections (db.reinspection): four replicated tables."""
    for name in ("assignment", "record_link", "plan_topic", "reinspection"):
        create_replicated_table(db, model.TABLES[name], 8)


@migrations()
def m0010_accounts(db: Database) -> None:
    """Staff accounts (db.accounts): the local `account` table (never replicated: no guard triggers, not
    in packages) and who made each change (`change_log.actor`, carried by sync)."""
    from .accounts import create_tables
    create_tables(db)


@migrations()
def m0011_contentless_search_index(db: Database) -> None:
    """The search index stops keeping its own copy of the bigram text (db.search: contentless FTS5,
    315 MB less on a ten-year city): rebuilt from the tables under the same entries (hits in the same
    order). The freed pages are reused as the file grows; `check` reports them."""
    from . import search
    search.make_contentless(db)


@migrations()
def m0012_search_index_per_table(db: Database) -> None:
    """One search index per table, each entry under its row's own rowid (db.search): a list's search reads
    only its table's hits, and the write path no longer adds a `search_doc` row per indexed row. Built
    from the tables after the old index is dropped (about 30 s on a ten-year city)."""
    from . import search
    search.split_index(db)


@migrations()
def m0013_sync_provenance(db: Database) -> None:
    """Provenance a relay cannot change (SECURITY.md P1–P6): local tables of each origin's hash chain of log
    entries with the per-field digests of the values they wrote, the newest signed chain heads, and which
    signing key speaks for which origin computer (db.sync.provenance). Empty until the next export/import."""
    from .sync.provenance import create_tables
    create_tables(db)


@migrations()
def m0014_forgotten_keys(db: Database) -> None:
    """A person can remove a computer's key learned on a relay's word (SECURITY.md R6c): a local table of the
    removed keys, whose offices then have their next key confirmed here by phone (db.sync.computers)."""
    from .sync.schema import create_forgotten_keys
    create_forgotten_keys(db)


@migrations()
def m0015_deferred_search_index(db: Database) -> None:
    """Each searchable table's mark "indexed up to rowid N" (db.search, deferred indexing): new rows are
    indexed after their transaction commits, not by it. Every row is indexed so far."""
    from . import search
    search.create_marks(db)


@migrations()
def m0016_city_confirms_relayed_keys(db: Database) -> None:
    """SECURITY.md R6d on at a city upgraded from an older version (a city set up since has it from the start):
    the township keys it already took stay; a township it has not heard from yet waits for a phone call here.
    Not for demo data, nor where a person already chose."""
    from .sync.schema import CONFIRM_RELAYED
    row = db.execute("SELECT o.level FROM node_state n JOIN office o ON o.id = n.office_id WHERE n.id = 1").fetchone()
    if row is None or row[0] != "city":
        return
    if db.execute("SELECT 1 FROM setting WHERE key IN ('demo', ?)", [CONFIRM_RELAYED]).fetchone():
        return
    db.execute("INSERT INTO setting (key, value) VALUES (?, '1')", [CONFIRM_RELAYED])


@migrations()
def m0017_assignment_withdrawal(db: Database) -> None:
    """交办 withdrawn by the office that sent it (db.assignments.withdraw): when and why, two sender fields of
    the assignment row that travel down to the receiver like any change of what was asked."""
    have = {c.name for c in db["assignment"].columns}
    for f in model.TABLES["assignment"].fields:
        if f.since == 17 and f.name not in have:
            db.execute(f"ALTER TABLE assignment ADD COLUMN {_column_sql(f)}")


@migrations()
def m0018_office_deactivation(db: Database) -> None:
    """An office the city removes from the register while records of it exist is deactivated, not deleted
    (db.offices.remove_office): the day it was, a field of the office row synced down like its name."""
    have = {c.name for c in db["office"].columns}
    for f in model.TABLES["office"].fields:
        if f.since == 18 and f.name not in have:
            db.execute(f"ALTER TABLE office ADD COLUMN {_column_sql(f)}")


@migrations()
def m0019_search_owner_maps(db: Database) -> None:
    """Each searchable part table's map from a row's rowid to its meeting's (db.search, owner maps): the
    meetings list's count of a frequent word reads 1.6 MB of integers instead of 7.5 MB of the parts'
    meeting_id indexes. Filled for every part indexed so far."""
    from . import search
    search.create_owner_maps(db)



@migrations()
def m0020_owner_maps_own_office(db: Database) -> None:
    """A part another office hung on a meeting before SECURITY.md R4c is not the meeting's: its entry leaves the
    owner maps (db.search), so the meetings list's search no longer finds the meeting by that part's words."""
    from . import search
    search.unmap_foreign_parts(db)


SCHEMA_VERSION = len(migrations._migrations)
