"""Backups with SQLite's online backup API: timestamped copies beside the database, rotated,
and restore (which takes a safety backup first and starts a new sync epoch). A backup outside the
data folder (a USB stick) also carries the attachment files, which restore writes back."""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import logging
import os
import re
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import today as office_clock
from .accounts import require_head, scrub_copy
from .clock import uuid7
from .connection import Database
from .errors import DatabaseProblem, NewerDatabase
from .paths import attachments_dir, backups_dir, read_only_uri
from .upgrade import bring_up_to_date, refuse_newer

if TYPE_CHECKING:
    from .restore_report import RestoreReport

KEEP_DEFAULT = 14
log = logging.getLogger("liaison.backup")
_NAME = re.compile(r"^liaison-desk-(\d{8}-\d{6})(?:-([a-z-]+?))?(?:-(\d+))?\.sqlite3(\.enc)?$")


@dataclass(frozen=True)
class BackupFile:
    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    counter: int = 1
    encrypted: bool = False


def damaged() -> DatabaseProblem:
    return DatabaseProblem("数据库文件已损坏，没有做备份（以免替换掉完好的旧备份）。请从最近的备份恢复（“设置”页，或命令 restore）",
                           "the database file is damaged: no backup was made (so that the good ones are kept); "
                           "restore the latest backup in Settings", code="database_damaged")


def _private_file(path: Path) -> None:
    """Create `path` empty with user-only permissions (0600 on POSIX) before SQLite writes into it
    (SQLite gives its journal the same permissions)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600))


def _copy(src: sqlite3.Connection, dest_path: Path, *, check: bool = True, part: Path | None = None) -> None:
    """Copy with the backup API and (`check`) check the copy before it takes its name: a damaged
    database is refused, never rotated in over the good backups. The safety copies taken before a
    restore or an upgrade are not checked: a damaged database must still be restorable. `part`
    equal to `dest_path`: the copy is written under that name and not renamed."""
    part = part or dest_path.with_name(dest_path.name + ".part")
    try:
        part.unlink(missing_ok=True)      # on a read-only stick this raises too, even with nothing there
        _private_file(part)
        dest = sqlite3.connect(str(part))
        try:
            src.backup(dest, pages=4096)
            dest.execute("PRAGMA journal_mode = DELETE")
            if check and dest.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
                raise damaged()
        finally:
            dest.close()
        with open(part, "r+b") as fh:      # Windows flushes only a handle opened for writing
            os.fsync(fh.fileno())
        if part != dest_path:
            os.replace(part, dest_path)
    except (OSError, sqlite3.DatabaseError, DatabaseProblem) as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
        problem = _refusal(exc, dest_path)
        if problem is exc:
            raise
        raise problem from exc


def _refusal(exc: BaseException, dest_path: Path) -> BaseException:
    """What to tell when writing the backup `dest_path` failed (nothing half-written is left)."""
    if isinstance(exc, DatabaseProblem):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return DatabaseProblem(f"无法在“{dest_path.parent}”中写入备份：文件夹是只读的或没有写入权限"
                                   f"（U盘可能开启了写保护）；请换一个文件夹或U盘后重试",
                                   f"cannot write the backup in {dest_path.parent}: the folder is read-only or not "
                                   f"writable (a write-protected stick?); choose another and retry",
                                   code="backup_failed")
        return _write_problem(exc, dest_path)
    if "malformed" in str(exc) or "not a database" in str(exc):
        return damaged()
    if "full" in str(exc):              # SQLITE_FULL: the backup API met a full disk
        return DatabaseProblem(f"磁盘空间不足，无法在“{dest_path.parent}”中写入备份；没有留下不完整的备份。"
                               f"请清理空间或换一个U盘后重试",
                               f"not enough space to write the backup in {dest_path.parent} (nothing half-written "
                               f"was left); free some space or use another stick, then retry",
                               code="disk_full")
    if "unable to open" in str(exc):
        return DatabaseProblem(f"无法在“{dest_path.parent}”中写入备份：文件夹是只读的或没有写入权限",
                               f"cannot write the backup in {dest_path.parent}: the folder is read-only or not "
                               f"writable", code="backup_failed")
    return DatabaseProblem(f"备份失败：{exc}", f"backup failed: {exc}", code="backup_failed")


def _write_problem(exc: OSError, target: Path) -> DatabaseProblem:
    """The backup could not be written (nothing half-written is left): why, in words, not the system's."""
    from .files import write_problem
    zh, en, code = write_problem(exc, Path(target))
    return DatabaseProblem(f"无法写入备份：{zh}", f"cannot write the backup: {en}",
                           code=code if code in ("disk_full", "no_stick") else "backup_failed")


def refuse_missing_stick(folder: str | Path, db_path: str | Path) -> None:
    """The refusal a backup to `folder` would end with when a pulled-out stick left it behind (无法写入备份：找不到
    U盘…), raised before anything is asked: 设置 › 立即备份 had the clerk invent and type a passphrase twice first."""
    from .files import require_stick
    if outside_data_folder(folder, db_path):
        try:
            require_stick(folder)
        except OSError as exc:
            raise _write_problem(exc, Path(folder) / "liaison-desk.sqlite3") from exc


def refuse_unwritable_folder(folder: str | Path, db_path: str | Path) -> None:
    """refuse_missing_stick, and the refusal a backup to a folder outside the data folder would end with when
    nothing can be written into it (a write-protected stick: 无法写入备份：…只读的…), raised before anything is
    asked: 设置 › 立即备份 had the clerk invent and type a passphrase twice, then said the folder was read-only.
    A probe file is made and removed."""
    import tempfile
    refuse_missing_stick(folder, db_path)
    folder = Path(folder)
    if not outside_data_folder(folder, db_path) or not folder.is_dir():
        return                  # (a folder not there yet is made by the backup; a file there is said by it)
    try:
        fd, probe = tempfile.mkstemp(prefix=".liaison-desk-probe-", dir=folder)
    except OSError as exc:              # the words the backup itself would end with (写保护, the folder named)
        raise _refusal(exc, folder / "liaison-desk.sqlite3") from exc
    os.close(fd)
    os.unlink(probe)


def outside_data_folder(folder: str | Path, db_path: str | Path) -> bool:
    """Whether a backup folder lies outside the data folder (a USB stick, another disk)."""
    return not Path(folder).resolve().is_relative_to(Path(db_path).resolve().parent)


@dataclass(frozen=True)
class AttachmentProblem:
    """An attachment file a backup for a stick could not carry: `reason` is "missing" (not on this
    computer), "damaged" (its bytes no longer match the SHA-256 its records name) or "unreadable"."""
    sha256: str
    name: str
    reason: str

    def text(self) -> tuple[str, str]:
        zh, en = {"missing": ("文件不在本机", "the file is not on this computer"),
                  "damaged": ("文件已损坏（内容与记录的校验值不符）", "the file is damaged (its bytes no longer match "
                              "its checksum)")}.get(self.reason, ("文件无法读取", "the file cannot be read"))
        return f"附件“{self.name}”：{zh}", f"attachment {self.name}: {en}"


@dataclass(frozen=True)
class BackupResult:
    """A backup written: where, and for one outside the data folder the attachment files it carries
    (`attachments` files, `attachment_bytes` bytes) and those it could not (`problems`)."""
    path: Path
    carries_attachments: bool = False
    attachments: int = 0
    attachment_bytes: int = 0
    problems: tuple[AttachmentProblem, ...] = ()

    def size_text(self) -> str:
        """The attachment files' size: "12.3 MB", or "45 KB" for the small ones."""
        n = self.attachment_bytes
        return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3)) if n else 0} KB"

    def attachments_text(self) -> tuple[str, str] | None:
        """What to add to "backed up to …" (Chinese, English), or None for a backup in the data folder."""
        if not self.carries_attachments:
            return None
        size = self.size_text()
        zh = f"备份中含附件文件 {self.attachments} 个（{size}）"
        en = f"the backup carries {self.attachments} attachment file(s) ({size})"
        if self.problems:
            zh += f"；{len(self.problems)} 个附件文件没能放入备份"
            en += f"; {len(self.problems)} attachment file(s) could not be put in it"
        return zh, en


def backup(db: Database, db_path: str | Path, *, folder: str | Path | None = None, reason: str = "manual",
           keep: int = KEEP_DEFAULT, passphrase: str | None = None) -> Path:
    """Write a consistent copy of the live database; keep the newest `keep` of this folder; returns
    its path (make_backup also tells which attachment files a backup for a stick carries)."""
    return make_backup(db, db_path, folder=folder, reason=reason, keep=keep, passphrase=passphrase).path


def make_backup(db: Database, db_path: str | Path, *, folder: str | Path | None = None, reason: str = "manual",
                keep: int = KEEP_DEFAULT, passphrase: str | None = None,
                progress: Callable[[int, int], object] | None = None) -> BackupResult:
    """Write a consistent copy of the live database; keep the newest `keep` of this folder.

    A backup written outside the data folder (a USB stick: what an office has left when its computer's
    disk dies) is scrubbed of password hashes and keys (db.accounts.scrub_copy) and carries the
    attachment files its `attachment` rows name — scanned sign-in sheets, photos, signed minutes — in a
    table of its own (CARRIER), added file by file, each checked against its SHA-256 as it is read; a
    file missing or damaged here is told in the result, not carried, and the backup still completes.
    Restore writes them back. A backup inside the data folder (its backups/) does not carry them: the
    files are beside it, in attachments/. Everything is written under NAME.part and renamed only
    when whole: a full stick leaves nothing half-written. `progress(done, total)` is called with the
    attachment bytes carried so far (and may raise to cancel: nothing is left then either).

    With `passphrase` the backup is encrypted (db.backup_crypt, liaison-desk-….sqlite3.enc), the
    attachment files with the rest: the clear copy is made in the data folder's backups/ (user-only,
    removed at once, or at the next start if killed) and only the encrypted file is written to `folder`."""
    folder = Path(folder) if folder else backups_dir(Path(db_path))
    if passphrase is not None:
        return _encrypted_backup(db, Path(db_path), folder, reason, keep, passphrase, progress)
    outside = outside_data_folder(folder, db_path)
    target = _new_backup_path(folder, reason, outside=outside)
    if not outside:
        _copy(db.conn, target, check=reason not in ("before-restore", "before-upgrade"))
        rotate(target.parent, keep)
        return BackupResult(target)
    part = target.with_name(target.name + ".part")
    _copy(db.conn, part, part=part)
    try:
        scrub_copy(part)                # leaving the data folder (a USB stick): no password hashes
        carried = _carry_attachments(part, Path(db_path), progress)
        with open(part, "r+b") as fh:
            os.fsync(fh.fileno())
        os.replace(part, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
            part.with_name(part.name + "-journal").unlink(missing_ok=True)   # the carrying's, met a full stick
        problem = _refusal(exc, target) if isinstance(exc, (OSError, sqlite3.DatabaseError)) else exc
        if problem is exc:
            raise
        raise problem from exc
    rotate(target.parent, keep)
    return BackupResult(target, True, *carried)


def _encrypted_backup(db: Database, db_path: Path, folder: Path, reason: str, keep: int, passphrase: str,
                      progress: Callable[[int, int], object] | None = None) -> BackupResult:
    from . import backup_crypt
    from .files import write_atomic
    if problem := backup_crypt.passphrase_problem(passphrase):
        raise DatabaseProblem(*problem, code="weak_passphrase")
    outside = outside_data_folder(folder, db_path)
    target = _new_backup_path(folder, reason, suffix=".sqlite3" + backup_crypt.SUFFIX, outside=outside)
    local = backups_dir(db_path)
    local.mkdir(parents=True, exist_ok=True)
    clear = local / (target.name.removesuffix(backup_crypt.SUFFIX) + ".part")   # removed at start if left
    carried: tuple = ()
    try:
        _copy(db.conn, clear, part=clear)
        if outside:
            try:
                scrub_copy(clear)
                carried = _carry_attachments(clear, db_path, progress)
            except (OSError, sqlite3.DatabaseError) as exc:
                raise _refusal(exc, clear) from exc
        write_atomic(target, lambda fh: backup_crypt.encrypt_file(clear, fh, passphrase), private=True,
                     refuse=_write_problem, data_folder=not outside)
    finally:
        clear.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            clear.with_name(clear.name + "-journal").unlink(missing_ok=True)
    rotate(target.parent, keep)
    return BackupResult(target, outside, *carried)


# The table of a backup for a stick that carries the attachment files (sha256 → bytes). Never in the live
# database: restore writes the files into attachments/ and leaves the table out of the restored data.
CARRIER = "backup_blob"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_CHUNK = 1024 * 1024


def _carry_attachments(copy: Path, db_path: Path, progress: Callable[[int, int], object] | None = None,
                       ) -> tuple[int, int, tuple[AttachmentProblem, ...]]:
    """Add to the backup copy at `copy` (not yet under its name) the attachment files its rows name,
    read from this computer's attachments/ one by one in chunks (never a whole file in memory), each
    checked against its SHA-256 while it is read: a missing, unreadable or damaged file is not carried
    and is told. Returns (files carried, their bytes, problems)."""
    import hashlib
    root = attachments_dir(db_path)
    conn = sqlite3.connect(str(copy), isolation_level=None)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'attachment'").fetchone():
            return 0, 0, ()
        wanted = conn.execute("SELECT sha256, min(name), max(size) FROM attachment GROUP BY sha256 "
                              "ORDER BY sha256").fetchall()
        total = sum(size or 0 for _, _, size in wanted)
        done = count = carried = 0
        problems: list[AttachmentProblem] = []
        conn.execute("BEGIN")
        conn.execute(f"CREATE TABLE {CARRIER} (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL)")
        for sha, name, size in wanted:
            if not isinstance(sha, str) or not _SHA256.match(sha):     # never a path out of attachments/
                problems.append(AttachmentProblem(str(sha), name or "", "damaged"))
                continue
            try:
                fh = open(root / sha[:2] / sha, "rb")  # noqa: SIM115  (reading and writing fail apart)
            except FileNotFoundError:
                problems.append(AttachmentProblem(sha, name, "missing"))
                continue
            except OSError:
                problems.append(AttachmentProblem(sha, name, "unreadable"))
                continue
            with fh:
                length = os.fstat(fh.fileno()).st_size
                if isinstance(size, int) and size != length:     # not the recorded file: no room taken for it
                    problems.append(AttachmentProblem(sha, name, "damaged"))
                    done += size
                    continue
                rowid = conn.execute(f"INSERT INTO {CARRIER} (sha256, data) VALUES (?, zeroblob(?))",
                                     [sha, length]).lastrowid
                digest, written, reason = hashlib.sha256(), 0, None
                with conn.blobopen(CARRIER, "data", rowid) as blob:
                    while True:
                        try:
                            chunk = fh.read(_CHUNK)
                        except OSError:
                            reason = "unreadable"
                            break
                        if not chunk:
                            break
                        if written + len(chunk) > length:        # grew while read: not the recorded file
                            reason = "damaged"
                            break
                        blob.write(chunk)
                        digest.update(chunk)
                        written += len(chunk)
                        if progress is not None:
                            progress(done + written, total)
                if reason is None and (written != length or digest.hexdigest() != sha):
                    reason = "damaged"
            if reason is not None:
                conn.execute(f"DELETE FROM {CARRIER} WHERE rowid = ?", [rowid])
                problems.append(AttachmentProblem(sha, name, reason))
            else:
                count += 1
                carried += written
            done += size or 0
        conn.execute("COMMIT")
        return count, carried, tuple(problems)
    finally:
        conn.close()


def _file_sha256(path: Path) -> str | None:
    import hashlib
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as fh:
            while chunk := fh.read(_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


class _NotItsFile(Exception):
    """A carried file whose bytes do not match its SHA-256 (never written under that name)."""


def carried_attachments(backup_path: str | Path) -> int | None:
    """How many attachment files a (clear) backup carries; None for one without the table (one made
    inside the data folder, or before backups carried them)."""
    conn = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [CARRIER]).fetchone():
            return None
        return conn.execute(f"SELECT count(*) FROM {CARRIER}").fetchone()[0]
    finally:
        conn.close()


def _unpack_attachments(backup_path: str | Path, db_path: Path, damaged: set[str] | None = None,
                        ) -> tuple[int | None, int]:
    """Write the attachment files a backup carries into this data folder's attachments/: only those
    missing here or different (damaged), each whole or not at all (db.files.write_atomic), and only
    when its bytes match its SHA-256 (those that do not are added to `damaged`). Returns (files carried,
    files written); a backup without them (made in the data folder, or before backups carried them): (None, 0)."""
    import hashlib

    from .files import write_atomic, write_problem
    conn = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [CARRIER]).fetchone():
            return None, 0
        root = attachments_dir(db_path)
        written = 0
        carried = conn.execute(f"SELECT rowid, sha256 FROM {CARRIER} ORDER BY rowid").fetchall()
        for rowid, sha in carried:
            if not isinstance(sha, str) or not _SHA256.match(sha):
                continue
            target = root / sha[:2] / sha
            if target.is_file() and _file_sha256(target) == sha:
                continue

            def write(fh, rowid=rowid, sha=sha) -> None:
                digest = hashlib.sha256()
                with conn.blobopen(CARRIER, "data", rowid, readonly=True) as blob:
                    while chunk := blob.read(_CHUNK):
                        digest.update(chunk)
                        fh.write(chunk)
                if digest.hexdigest() != sha:
                    raise _NotItsFile(sha)

            def refuse(exc: OSError, where: Path) -> DatabaseProblem:
                zh, en, code = write_problem(exc, where)
                return DatabaseProblem(f"无法把备份中的附件文件写回数据文件夹，没有恢复：{zh}",
                                       f"cannot write the backup's attachment files into the data folder; nothing "
                                       f"was restored: {en}", code=code if code == "disk_full" else "restore_failed")
            try:
                write_atomic(target, write, refuse=refuse, make_folder=True, data_folder=True)
            except _NotItsFile:
                log.warning("a carried attachment file does not match its checksum: not restored")
                if damaged is not None:
                    damaged.add(sha)
                continue
            written += 1
        return len(carried), written
    finally:
        conn.close()


def _new_backup_path(folder: Path, reason: str, suffix: str = ".sqlite3", *, outside: bool = False) -> Path:
    """liaison-desk-YYYYMMDD-HHMMSS-REASON[-N].sqlite3 in `folder` (made if missing), numbered
    when several are taken in the same second. A folder `outside` the data folder is refused when a
    pulled-out stick left it behind (db.files.require_stick): the backup would stay on this computer."""
    from .files import require_stick
    try:
        if outside:
            require_stick(folder)
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:          # a file of that name, a read-only stick, a stick pulled out
        raise _write_problem(exc, folder / "liaison-desk.sqlite3") from exc
    stamp = office_clock.now().strftime("%Y%m%d-%H%M%S")
    same_second = [b.counter for b in list_backups(folder) if b.path.name.startswith(f"liaison-desk-{stamp}-")]
    n = max(same_second, default=0) + 1
    return folder / (f"liaison-desk-{stamp}-{reason}{suffix}" if n == 1 else
                     f"liaison-desk-{stamp}-{reason}-{n}{suffix}")


def list_backups(folder: str | Path) -> list[BackupFile]:
    out = []
    folder = Path(folder)
    if not folder.is_dir():
        return out
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if m:
            out.append(BackupFile(p, dt.datetime.strptime(m.group(1), "%Y%m%d-%H%M%S"),
                                  (m.group(2) or "manual"), p.stat().st_size, int(m.group(3) or 1),
                                  bool(m.group(4))))
    return sorted(out, key=lambda b: (b.taken_at, b.counter), reverse=True)


def rotate(folder: Path, keep: int) -> None:
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)


def verify_backup(path: str | Path) -> None:
    """Refuse a file that is not a healthy Liaison Desk database."""
    path = Path(path)
    if path.is_dir():
        raise DatabaseProblem(f"“{path}”是一个文件夹，不是备份文件：请选择其中的备份文件（liaison-desk-….sqlite3）",
                              f"{path} is a folder, not a backup file: choose a backup file in it", code="no_backup")
    if not path.is_file():
        raise DatabaseProblem(f"找不到备份文件：{path}", f"backup file not found: {path}", code="no_backup")
    if path.stat().st_size == 0:
        raise DatabaseProblem("这不是有效的备份文件", "not a backup file", code="not_a_backup")
    # Read through SQLite only (never open() it): the file may be this very database, open here.
    conn = sqlite3.connect(read_only_uri(path), uri=True)
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0]
        has_state = conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'node_state'").fetchone()
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB" or "not a database" in str(exc):
            raise DatabaseProblem("这不是有效的备份文件", "not a backup file", code="not_a_backup") from exc
        raise DatabaseProblem("备份文件已损坏（不是一个完整的数据库文件，可能在复制时中断），无法从它恢复；请选择另一个备份",
                              "the backup file is damaged (not a complete database file: the copy may have been "
                              "cut short): it cannot be restored; choose another backup",
                              code="corrupt_backup") from exc
    finally:
        conn.close()
    if ok != "ok" or not has_state:
        raise DatabaseProblem("备份文件已损坏或不是本软件的数据库", "backup damaged or not ours", code="corrupt_backup")


# Descriptors of live database files read outside SQLite (a damaged file the backup API cannot read),
# never closed while the program runs: on Linux closing any descriptor of a file drops every lock
# SQLite holds on it in this process (SQLite keeps its own descriptors open for the same reason).
_KEPT_OPEN: dict[Path, int] = {}


def _raw_copy(db_path: Path, *, reason: str) -> Path:
    """The database file copied byte for byte (for a file the backup API cannot read)."""
    target = _new_backup_path(backups_dir(db_path), reason)
    key = Path(db_path).resolve()
    fd = _KEPT_OPEN.get(key)
    if fd is None:
        fd = _KEPT_OPEN[key] = os.open(key, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        with open(target, "wb") as out:
            while chunk := os.read(fd, 1 << 20):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
    finally:
        if os.name == "nt":             # Windows locks belong to their handle: closing this one is safe
            os.close(_KEPT_OPEN.pop(key))
    return target


class OfficeNotConfirmed(DatabaseProblem):
    """A backup of a real office's data restored onto an installation that is not set up as an office yet
    (a demo, or one holding records without an office): it would make this computer that office. Done
    only when the person names the office (`as_office`), after being told whose data it is."""

    code = "office_not_confirmed"

    def __init__(self, code: str, name: str, demo_here: bool):
        self.office_code, self.office_name, self.demo_here = code, name, demo_here
        here_zh = "本机是演示数据" if demo_here else "本机尚未设置为任何机构"
        here_en = "this computer holds demo data" if demo_here else "this computer is not set up as an office"
        super().__init__(f"此备份是“{name}”（{code}）的数据，而{here_zh}：恢复后本机即成为该机构，以它的名义同步",
                         f"this backup holds the data of {name} ({code}) and {here_en}: restored, it becomes "
                         f"that office and syncs in its name")


def _office_of(conn) -> tuple[tuple | None, bool]:
    """(code, level, name) of the office a database is set up for (None: none), and whether it is a demo.
    sqlite3.DatabaseError when it cannot be read."""
    office = conn.execute("SELECT o.code, o.level, o.name FROM node_state n JOIN office o ON o.id = n.office_id "
                          "WHERE n.id = 1").fetchone()
    try:
        demo = conn.execute("SELECT value FROM setting WHERE key = 'demo'").fetchone()
    except sqlite3.DatabaseError:
        demo = None
    return (tuple(office) if office else None), bool(demo and demo[0])


def _holds_records(conn) -> bool:
    return conn.execute("SELECT EXISTS (SELECT 1 FROM office) OR EXISTS (SELECT 1 FROM member)").fetchone()[0] == 1


def _refuse_other_office(db: Database, backup_path: str | Path, as_office: str | None = None) -> None:
    """An installation set up for one office is not restored from another office's backup: it
    would take that office's identity and key, and every package it sends would be refused.
    Offices are compared by code and level (an office set up again has a new id). A new, empty
    installation may take any backup: that is how a computer is replaced. One that is not set up as an
    office but is not empty either (a demo, whose office is the demo city; records without an office)
    takes a real office's backup only when `as_office` names that office (OfficeNotConfirmed says whose
    data it is): otherwise a clerk trying the demo out would turn it into the city without a word."""
    try:
        mine, demo_here = _office_of(db.conn)
        empty_here = not mine and not _holds_records(db.conn)
    except sqlite3.DatabaseError:
        return                                   # damaged here: what matters is getting the backup back
    conn = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        theirs, demo_there = _office_of(conn)
    except sqlite3.DatabaseError:
        theirs, demo_there = None, False
    finally:
        conn.close()
    if not theirs:
        return
    if mine and not demo_here:
        if demo_there:                  # the demo's office is the demo city: the real city would become a demo
            raise DatabaseProblem(f"此备份是演示数据，而本机是“{mine[2]}”（{mine[0]}）：不能用演示数据的备份恢复",
                                  f"this backup holds demo data and this computer is {mine[0]}: it cannot be "
                                  f"restored from a demo's backup", code="demo_backup")
        if tuple(theirs[:2]) != tuple(mine[:2]):
            raise DatabaseProblem(
                f"此备份属于“{theirs[2]}”（{theirs[0]}），而本机是“{mine[2]}”（{mine[0]}）：不能用其他机构的备份恢复"
                f"（会冒用对方的身份，同步将被拒绝）", f"this backup belongs to another office ({theirs[0]}); restoring "
                f"it here would take that office's identity", code="other_office")
        return
    if empty_here or demo_there or as_office == theirs[0]:
        return
    raise OfficeNotConfirmed(theirs[0], theirs[2], demo_here)


def backup_is_encrypted(backup_path: str | Path, db_path: str | Path) -> bool:
    """Whether `backup_path` is an encrypted backup (never opens the live database file itself)."""
    from .backup_crypt import is_encrypted, same_file
    return not same_file(backup_path, db_path) and Path(backup_path).is_file() and is_encrypted(backup_path)


AttachmentsTold = Callable[[int | None, int], object]


def restore(db: Database, db_path: str | Path, backup_path: str | Path, *, passphrase: str | None = None,
            attachments: AttachmentsTold | None = None, as_office: str | None = None) -> Path:
    """Replace the live data with a backup. Returns the safety backup taken first.

    The restored database gets a new sync epoch: peers answer it with a full re-send of its
    scope (SYNC.md), so work done after the backup and already sent is recovered. An encrypted
    backup needs its `passphrase`: it is decrypted (and every chunk authenticated) into a user-only
    file beside the database before anything is replaced; a wrong passphrase or a file cut short
    changes nothing. The attachment files a backup for a stick carries are written back into
    attachments/ (those missing or damaged here, each whole); the table that carried them is left out
    of the restored data. A backup without them (in the data folder, or made before they were
    carried) restores as it always did. `attachments(carried, written)` is told, once the restore is
    done, how many files the backup carried (None: it carries none) and how many were written back.
    `as_office`: the code of the office whose backup a demo (or an installation without an office)
    takes, confirmed by the person (OfficeNotConfirmed otherwise)."""
    require_head(db, "从备份恢复", "restore a backup")
    if backup_is_encrypted(backup_path, db_path):
        from .backup_crypt import decrypt_file, passphrase_needed
        if passphrase is None:
            raise passphrase_needed()
        clear = Path(db_path).with_name(Path(db_path).name + ".decrypted.part")
        try:
            decrypt_file(backup_path, clear, passphrase)
            return _restore(db, db_path, clear, attachments=attachments, as_office=as_office)
        finally:
            clear.unlink(missing_ok=True)
    return _restore(db, db_path, backup_path, attachments=attachments, as_office=as_office)


def _refuse_newer_backup(backup_path: str | Path) -> None:
    src = sqlite3.connect(read_only_uri(backup_path), uri=True)
    try:
        refuse_newer(Database(src))         # a newer version's backup: refused before anything is replaced
    except NewerDatabase as exc:
        raise NewerDatabase("此备份由更新版本的软件制作，本机无法从它恢复：请先把本软件升级到最新版本，再恢复",
                            "this backup was made by a newer version of Liaison Desk: update the application "
                            "on this computer, then restore it") from exc
    finally:
        src.close()


def _restore(db: Database, db_path: str | Path, backup_path: str | Path, *, safety_copy: bool = True,
             attachments: AttachmentsTold | None = None, damaged: set[str] | None = None,
             as_office: str | None = None) -> Path | None:
    verify_backup(backup_path)
    _refuse_other_office(db, backup_path, as_office)
    _refuse_newer_backup(backup_path)
    safety = None
    try:
        if safety_copy:
            safety = backup(db, db_path, reason="before-restore")
    except DatabaseProblem as exc:          # too damaged for the backup API: keep the file as it is
        if exc.code != "database_damaged":
            raise
        safety = _raw_copy(Path(db_path), reason="before-restore-damaged")
    # The attachment files a backup for a stick carries go into attachments/ first (content-addressed:
    # harmless if the restore stops later); the records that name them follow.
    carried = _unpack_attachments(backup_path, Path(db_path), damaged)
    # The backup is renewed in a staging copy beside the database (new epoch, an older backup's
    # migrations, and a new node id so that it never reuses sequence numbers its peers already hold:
    # db.sync.state) and only then copied over the live data in one step. A kill at any moment leaves
    # the old data or the renewed copy, never the backup with its old node id (SECURITY.md).
    staged = Path(db_path).with_name(Path(db_path).name + ".restore.part")
    staged.unlink(missing_ok=True)
    try:
        _private_file(staged)
        src = sqlite3.connect(read_only_uri(backup_path), uri=True)
        dest = sqlite3.connect(str(staged))
        try:
            src.backup(dest)
            if dest.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [CARRIER]).fetchone():
                dest.execute(f"DROP TABLE {CARRIER}")   # the files are in attachments/ now
                dest.commit()
                dest.execute("VACUUM")                  # the live file does not keep their room
        finally:
            src.close()
            dest.close()
        sdb = Database(staged)
        try:
            sdb.execute("UPDATE node_state SET db_epoch = ?, guard = 0 WHERE id = 1", [uuid7()])
            bring_up_to_date(sdb)
            from .sync.state import after_restore
            after_restore(sdb)
        finally:
            sdb.conn.close()
        src = sqlite3.connect(read_only_uri(staged), uri=True)     # never an empty new file in its place
        try:
            if not src.execute("SELECT 1 FROM sqlite_master WHERE name = 'node_state'").fetchone():
                raise DatabaseProblem("恢复中断：暂存的副本已不在，当前数据未被替换", "restore interrupted: the "
                                      "staged copy is gone; the data was not replaced", code="restore_failed")
            src.backup(db.conn)
        finally:
            src.close()
    finally:
        staged.unlink(missing_ok=True)
    if attachments is not None:
        attachments(*carried)
    return safety


def restore_new_installation(db_path: str | Path, backup_path: str | Path, *, passphrase: str | None = None,
                             ) -> RestoreReport:
    """Make the data of a new installation (a computer set up again, or one replacing a broken one) from a
    backup: the first run's "restore from a backup". `db_path` must not hold an office's data yet.

    The backup is checked before anything is made (an encrypted one is decrypted and authenticated into a
    user-only file beside `db_path` first); on any failure — not a backup, cut short, a wrong passphrase, a
    newer version's — every file and folder made here is removed again, so the next start is a first run
    as before. The restore itself is the one of 设置 (a new sync epoch and node id); the computer's key is
    made new when it is first needed, as on any other computer (SECURITY.md K1). Returns what came back: the
    records, the attachment files written, and those the records name that are not here (db.restore_report)."""
    from .restore_report import RestoreReport, restore_report
    from .startup import peek_installation
    db_path, backup_path = Path(db_path), Path(backup_path)
    found = peek_installation(db_path)
    if found is not None and found.office is not None:
        raise DatabaseProblem(f"“{db_path.parent}”中已有“{found.office.name}”的数据：请直接打开它，或另选一个数据文件夹",
                              f"{db_path.parent} already holds the data of {found.office.code}: open it, or choose "
                              f"another data folder", code="already_set_up")
    encrypted = backup_is_encrypted(backup_path, db_path)
    if encrypted and passphrase is None:
        from .backup_crypt import passphrase_needed
        raise passphrase_needed()
    if not encrypted:                   # checked before a file or folder is made
        verify_backup(backup_path)
        _refuse_newer_backup(backup_path)
    from .files import NewFiles
    folder = db_path.parent
    made = NewFiles(db_path, ("-wal", "-shm", "-journal", ".restore.part"))
    clear = db_path.with_name(db_path.name + ".decrypted.part")
    store = attachments_dir(db_path)
    store_made = not store.exists()     # the backup's attachment files are written there first
    try:
        folder.mkdir(parents=True, exist_ok=True)
        source = backup_path
        if encrypted:                   # decrypted and checked before the data file is made
            from .backup_crypt import decrypt_file
            decrypt_file(backup_path, clear, passphrase)
            verify_backup(clear)
            _refuse_newer_backup(clear)
            source = clear
        db = Database(db_path)          # an empty file: the renewed backup is copied over it whole
        told: list = []
        damaged: set[str] = set()
        try:
            _restore(db, db_path, source, safety_copy=False,      # nothing here to keep: no copy before it
                     attachments=lambda *n: told.extend(n), damaged=damaged)
            try:                        # a word about the restore never undoes it
                report = restore_report(db, db_path, *(told or (None, 0)), damaged=damaged)
            except Exception:  # noqa: BLE001 - logged; the restore itself succeeded
                log.exception("could not count what the restore brought back")
                report = RestoreReport(None, (), *(told or (None, 0)))
        finally:
            db.conn.close()
    except BaseException:
        if store_made:
            import shutil
            shutil.rmtree(store, ignore_errors=True)
        made.remove()
        raise
    finally:
        with contextlib.suppress(OSError):
            clear.unlink(missing_ok=True)
    return report
