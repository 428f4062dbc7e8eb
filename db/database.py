"""Opening the database: pragmas, first-run node identity, and upgrades after a backup."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from . import schema, sortkey
from . import today as office_clock
from .clock import new_node_id, uuid7
from .errors import DatabaseProblem, NewerDatabase
from .paths import read_only_uri

SQLITE_HEADER = b"SQLite format 3\x00"


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    if path.is_dir():
        raise DatabaseProblem(f"“{path}”是一个文件夹，不是数据库文件", f"{path} is a folder, not a database file",
                              code="not_a_database")
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise DatabaseProblem(f"无法读取数据库文件：{exc.strerror}", f"cannot read the database: {exc}",
                              code="unreadable") from exc
    if head and head != SQLITE_HEADER:
        raise DatabaseProblem(f"“{path.name}”不是本软件的数据库文件（文件已损坏或类型不对）",
                              f"{path.name} is not a Liaison Desk database (damaged or wrong file)",
                              code="not_a_database")


def connect(path: str | Path) -> Database:
    """Open a connection with our pragmas, without migrating (for readers and tools)."""
    path = Path(path)
    _check_file(path)
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
        db = Database(conn)
        sortkey.register(conn)              # zh_key / zh_name_key: pinyin order
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if path.exists() and path.stat().st_size:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
            if mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")
    except sqlite3.DatabaseError as exc:
        raise DatabaseProblem(f"无法打开数据库：{exc}", f"cannot open the database: {exc}",
                              code="not_a_database") from exc
    return db


def _refuse_foreign(path: Path) -> None:
    """Another program's SQLite file (tables, but none of ours) is refused before anything is written
    to it: opening it the usual way would switch its journal and add this application's tables."""
    if not path.is_file() or path.stat().st_size == 0:
        return
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return                                  # damaged: connect() and the migrations say so
    if names - {"sqlite_sequence", "sqlite_stat1"} and "_sqlite_migrations" not in names:
        raise DatabaseProblem(f"“{path.name}”不是本软件的数据库（是其他程序的 SQLite 文件），未作任何改动",
                              f"{path.name} is another program's SQLite file, not a Liaison Desk database; "
                              f"left untouched", code="not_a_database")


def applied_versions(db: Database) -> list[str]:
    return [m.name for m in schema.migrations.applied(db)]


def open_database(path: str | Path, *, create: bool = True, backup_before_upgrade: bool = True) -> Database:
    """Open (or create) the database at `path` and bring its schema up to date.

    An existing database with pending migrations is first copied with the backup API
    (db.backup), so a failed upgrade loses nothing."""
    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseProblem(f"数据库文件不存在：{path}", f"database not found: {path}", code="no_database")
    path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_foreign(path)
    db = connect(path)
    try:
        known = {m.name for m in schema.migrations._migrations}
        applied = applied_versions(db)
        unknown = [n for n in applied if n not in known]
        if unknown:
            raise NewerDatabase("此数据库由更新版本的软件创建，请先升级本软件",
                                "this database was made by a newer version; update the application")
        pending = schema.migrations.pending(db)
        if pending and applied and backup_before_upgrade:
            from .backup import backup
            backup(db, path, reason="before-upgrade")
        if pending:
            schema.migrations.apply(db)
        _ensure_node(db)
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        raise DatabaseProblem(f"数据库文件已损坏或无法读取：{exc}", f"database damaged or unreadable: {exc}",
                              code="corrupt") from exc
    except BaseException:
        db.conn.close()
        raise
    db.path = path  # type: ignore[attr-defined]
    return db


def _ensure_node(db: Database) -> None:
    if db.execute("SELECT 1 FROM node_state WHERE id = 1").fetchone():
        return
    now = office_clock.now().isoformat(timespec="seconds")
    with db.atomic():
        db.execute("INSERT INTO node_state (id, node_id, db_epoch, created_at) VALUES (1, ?, ?, ?)",
                   [new_node_id(), uuid7(), now])


def node_info(db: Database) -> dict:
    row = db.execute("SELECT node_id, office_id, hlc, seq, db_epoch, created_at FROM node_state WHERE id = 1").fetchone()
    return dict(zip(("node_id", "office_id", "hlc", "seq", "db_epoch", "created_at"), row, strict=True))


def get_setting(db: Database, key: str, default: str | None = None) -> str | None:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else default


def set_setting(db: Database, key: str, value: str | None) -> None:
    with db.atomic():
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                   "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])
