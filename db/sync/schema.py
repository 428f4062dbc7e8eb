"""Local bookkeeping of sync (never replicated): this node's keys, other offices' keys, what each
origin node belongs to, have vectors, peers, received packages and the sync history.

Created once when the database opens (migration m0006 calls `ensure_sync_tables`, and so does a
restore of an older backup through its migrations); the sync functions assume them. These are local
tables: no guard triggers, no change log, and they go into backups with the data they describe (so a
restored database has the vectors that match its rows). The private keys are not in them
(db.sync.keystore)."""

from __future__ import annotations

from ..connection import Database

TABLES_SQL = (
    # This node's key pair (private halves never leave this table: not in packages, not in logs).
    """CREATE TABLE IF NOT EXISTS sync_local_key (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        sign_private BLOB NOT NULL, sign_public BLOB NOT NULL,
        box_private BLOB NOT NULL, box_public BLOB NOT NULL,
        fingerprint TEXT NOT NULL, created_at TEXT NOT NULL)""",
    # Other offices' public keys: 'trusted' after a person confirmed the fingerprint (or from the
    # setup file, for the parent), 'pending' while waiting for that confirmation.
    """CREATE TABLE IF NOT EXISTS sync_office_key (
        fingerprint TEXT PRIMARY KEY,
        office_id TEXT NOT NULL,
        sign_public BLOB NOT NULL, box_public BLOB NOT NULL,
        node_id TEXT, status TEXT NOT NULL CHECK (status IN ('trusted', 'pending')),
        first_seen_at TEXT NOT NULL, trusted_at TEXT, source TEXT,
        revoked_at TEXT, revoked_reason TEXT)""",
    "CREATE INDEX IF NOT EXISTS idx_sync_office_key_office ON sync_office_key(office_id, status)",
    # Which office each origin node belongs to (learned from signed manifests).
    """CREATE TABLE IF NOT EXISTS sync_node (
        node_id TEXT PRIMARY KEY, office_id TEXT NOT NULL, learned_at TEXT NOT NULL)""",
    # have[origin] for other origins: highest contiguous seq held (incl. ranges filtered out of
    # this office's scope) and the hlc of that change. This node's own entry is node_state.seq.
    """CREATE TABLE IF NOT EXISTS sync_have (
        origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, hlc INTEGER NOT NULL)""",
    # Per peer office: the last have vector it sent us (its acknowledgement), its epoch and node.
    """CREATE TABLE IF NOT EXISTS sync_peer (
        office_id TEXT PRIMARY KEY,
        node_id TEXT, epoch TEXT,
        have TEXT NOT NULL DEFAULT '{}',
        last_created_hlc INTEGER NOT NULL DEFAULT 0,
        full_resend INTEGER NOT NULL DEFAULT 0,
        last_import_at TEXT, last_export_at TEXT)""",
    # Packages applied here (idempotence: the same package twice is a no-op, and said so).
    """CREATE TABLE IF NOT EXISTS sync_received (
        package_id TEXT PRIMARY KEY,
        sender_office_id TEXT NOT NULL, sender_node TEXT NOT NULL,
        created_hlc INTEGER NOT NULL, imported_at TEXT NOT NULL,
        file_name TEXT, summary TEXT)""",
    # Every export and import attempt, with its outcome (no personal data).
    """CREATE TABLE IF NOT EXISTS sync_history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL, direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        package_id TEXT, peer_office_id TEXT, file_name TEXT,
        result TEXT NOT NULL, summary TEXT, reason TEXT)""",
)


# Columns added after the first release of these tables (db.schema's m0003 adds them to older
# databases): (table, column, definition). A revoked key: a person withdrew it (a lost or replaced
# computer); packages it signed are refused and nothing is encrypted to it any more.
ADDED_COLUMNS = (
    ("sync_office_key", "revoked_at", "TEXT"),
    ("sync_office_key", "revoked_reason", "TEXT"),
)


def ensure_sync_tables(db: Database) -> None:
    """Create the local sync tables if missing (migration m0006; idempotent)."""
    have = {r[0] for r in db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sync\\_%' ESCAPE '\\'")}
    if {"sync_local_key", "sync_office_key", "sync_node", "sync_have", "sync_peer", "sync_received",
            "sync_history"} <= have:
        return
    with db.atomic():                   # a savepoint inside the migration's transaction
        for sql in TABLES_SQL:
            db.execute(sql)


# Keys of other offices' computers that a person removed here (learned from a relay, found wrong by phone;
# db.sync.computers.forget_key): an office listed here has its next key taken only once a person here confirmed
# it (trust). Made by migration m0014.
# The setting of SECURITY.md R6d ("1": a key a child office passes on is taken only once confirmed here by
# phone): read and written by db.sync.computers, turned on for an upgraded city by migration m0016.
CONFIRM_RELAYED = "sync/confirm_relayed_keys"

# The setup file's clock (its created_hlc, as a decimal), kept by an installation set up from one: a record new
# here in the name of a computer above whose key that file bound, with a clock after it, must come with its
# author's chain (SECURITY.md P6; db.sync.provenance).
SETUP_HLC = "sync/setup_hlc"
# ... and the computers above whose signed chain the parent kept when it wrote that file (a JSON list): only
# these are held to it (a computer still on a version before provenance has no chain to carry).
SETUP_CHAINED = "sync/setup_chained"

FORGOTTEN_SQL = """CREATE TABLE IF NOT EXISTS sync_forgotten_key (
    node_id TEXT NOT NULL, office_id TEXT NOT NULL, sign_key BLOB NOT NULL, learned_at TEXT, via TEXT,
    forgotten_at TEXT NOT NULL, PRIMARY KEY (node_id, sign_key))"""


def create_forgotten_keys(db: Database) -> None:
    """Migration m0014."""
    db.execute(FORGOTTEN_SQL)
