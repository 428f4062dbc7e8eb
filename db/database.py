"""Opening the database: pragmas, first-run node identity, and upgrades after a backup."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
from pathlib import Path

from . import sortkey
from .connection import Database
from .errors import DatabaseProblem, sqlite_words
from .paths import read_only_uri
from .search import register as search_register
from .upgrade import applied_versions, bring_up_to_date, needs_upgrade, refuse_newer

__all__ = ["applied_versions", "connect", "get_setting", "node_info", "open_database", "set_setting"]

def _check_file(path: Path) -> None:
    """What can be told without opening the file. The file itself is opened by SQLite only (its
    header is read in `connect`): on Linux closing any other descriptor of the file would drop every
    lock SQLite holds on it in this process, and another program closing the database would then
    delete the -wal and -shm still in use here."""
    if path.is_dir():
        raise DatabaseProblem(f"“{path}”是一个文件夹，不是数据库文件", f"{path} is a folder, not a database file",
                              code="not_a_database")
    if path.exists() and not path.is_file():          # /dev/null, a pipe: never made into (or removed as) a database
        raise DatabaseProblem(f"“{path}”不是普通文件（是设备或管道），不能用作数据库文件；请给出一个 .sqlite3 文件",
                              f"{path} is not a regular file (a device or a pipe) and cannot hold the database; "
                              f"give a .sqlite3 file", code="not_a_database")
    if path.exists() and not os.access(path, os.R_OK):
        raise DatabaseProblem("无法读取数据库文件：没有读取权限", "cannot read the database: permission denied",
                              code="unreadable")


def _not_ours(path: Path) -> DatabaseProblem:
    return DatabaseProblem(f"“{path.name}”不是本软件的数据库文件（文件已损坏或类型不对）",
                           f"{path.name} is not a Liaison Desk database (damaged or wrong file)",
                           code="not_a_database")


def connect(path: str | Path) -> Database:
    """Open a connection with our pragmas, without migrating (for readers and tools)."""
    path = Path(path)
    _check_file(path)
    conn = None
    try:
        conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=10)
        db = Database(conn)
        sortkey.register(conn)              # zh_key / zh_name_key: pinyin order
        search_register(conn)               # ld_match: the rows the search index has not caught up with
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 10000")
        if path.exists() and path.stat().st_size:
            mode = conn.execute("PRAGMA journal_mode").fetchone()[0]     # reads the header
            if mode != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
        else:
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA temp_store = MEMORY")
        conn.execute("PRAGMA cache_size = -32000")
    except sqlite3.DatabaseError as exc:
        if conn is not None:
            conn.close()
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB" or "not a database" in str(exc):
            raise _not_ours(path) from exc
        if "full" in str(exc) or ("disk i/o" in str(exc).lower() and path.parent.is_dir()
                                  and shutil.disk_usage(path.parent).free < 1 << 20):
            raise DatabaseProblem(                  # no room for the journal files (-wal, -shm)
                f"数据文件夹“{path.parent}”所在的磁盘已满，无法打开数据库；未作任何改动。请清理磁盘空间后重试",
                f"the disk holding the data folder {path.parent} is full: the database cannot be opened (nothing "
                f"was changed); free some space and try again", code="disk_full") from exc
        if path.parent.is_dir() and not os.access(path.parent, os.W_OK):     # a write-protected stick, a CD
            raise DatabaseProblem(
                f"数据文件夹“{path.parent}”是只读的（写保护的U盘、光盘或没有写入权限），无法打开其中的数据库；"
                f"未作任何改动。请把数据库复制到可写的文件夹后再打开",
                f"the data folder {path.parent} is read-only (a write-protected stick, a disc, or no permission): "
                f"the database cannot be opened there and was left untouched; copy it to a writable folder",
                code="read_only") from exc
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_CORRUPT" or "malformed" in str(exc):
            raise DatabaseProblem(            # a copy cut short: said in words, with the way out
                f"数据库文件“{path.name}”已损坏（可能复制不完整，或磁盘出错），无法打开；未作任何改动。"
                f"请用 restore（窗口中：从备份恢复）恢复最近的备份",
                f"the database file {path.name} is damaged (a copy cut short, or a disk error) and cannot be opened; "
                f"nothing was changed. Restore the latest backup (restore)", code="corrupt") from exc
        known = sqlite_words(exc)
        if known is not None:                   # locked for over 10 s by another program, unable to open, disk I/O
            (zh, en), code = known
            raise DatabaseProblem(f"无法打开数据库：{zh}", f"cannot open the database: {en} ({exc})",
                                  code=code) from exc
        raise DatabaseProblem(f"无法打开数据库“{path}”：请检查这个文件和它所在的磁盘", f"cannot open the database: {exc}",
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


def open_database(path: str | Path, *, create: bool = True, backup_before_upgrade: bool = True) -> Database:
    """Open (or create) the database at `path` and bring its schema up to date.

    An existing database with pending migrations is first copied with the backup API
    (db.backup), so a failed upgrade loses nothing."""
    path = Path(path)
    if not path.exists() and not create:
        raise DatabaseProblem(f"数据库文件不存在：{path}", f"database not found: {path}", code="no_database")
    if not create and path.is_file() and path.stat().st_size == 0:
        # a copy cut short, a disk error: not made into a new, empty database with a new key (that one
        # would then pass `check` with 0 rows and sign packages as a computer nobody confirmed)
        raise DatabaseProblem(f"数据库文件“{path}”是空的（0 字节），可能复制不完整或磁盘出错；未作任何改动。"
                              f"请用 restore 从最近的备份恢复；要新建数据库，请用 init",
                              f"the database file {path} is empty (0 bytes): a copy cut short or a disk error; "
                              f"left untouched. Restore the latest backup (restore), or make a new database "
                              f"with init", code="empty_database")
    path.parent.mkdir(parents=True, exist_ok=True)
    _refuse_foreign(path)
    from .leftovers import remove_leftovers
    remove_leftovers(path)                  # .part files of a killed backup, restore or draft (never the database)
    made_here = not path.exists() or path.stat().st_size == 0
    db = connect(path)
    try:
        refuse_newer(db)
        if backup_before_upgrade and needs_upgrade(db):
            from .backup import backup
            backup(db, path, reason="before-upgrade")
        bring_up_to_date(db)
    except sqlite3.DatabaseError as exc:
        db.conn.close()
        if made_here:
            _remove_half_made(path)
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_FULL" or "disk is full" in str(exc):
            raise DatabaseProblem(f"磁盘空间不足，无法准备数据库“{path}”；没有留下不完整的文件。请清理空间或换一个文件夹后重试",
                                  f"not enough disk space to prepare the database {path} (nothing half-made was "
                                  f"left); free some space or choose another folder, then retry",
                                  code="disk_full") from exc
        if made_here:
            why = ("读写磁盘出错（磁盘可能已满，或U盘已拔出）" if getattr(exc, "sqlite_errorname", "").startswith("SQLITE_IOERR")
                   else str(exc))
            raise DatabaseProblem(f"无法在“{path.parent}”中创建数据库：{why}；没有留下不完整的文件，请检查后重试",
                                  f"cannot create the database in {path.parent}: {exc} (nothing half-made was "
                                  f"left); check the disk and retry", code="cannot_create") from exc
        raise DatabaseProblem(f"数据库文件已损坏或无法读取：{exc}", f"database damaged or unreadable: {exc}",
                              code="corrupt") from exc
    except BaseException:
        db.conn.close()
        if made_here:
            _remove_half_made(path)
        raise
    db.path = path  # type: ignore[attr-defined]
    return db


def _remove_half_made(path: Path) -> None:
    """A database this call began and could not finish (a full disk): gone, with its -wal, -shm and journal,
    so that the next try starts afresh instead of meeting a half-made file."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


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
