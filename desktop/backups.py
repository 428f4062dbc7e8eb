"""Automatic backups on a schedule (at start, daily, weekly or never), into the chosen backup folder.

The settings live in QSettings: backup/folder (empty: backups/ beside the database),
backup/schedule ("start" | "daily" | "weekly" | "off", default daily), backup/keep (default 14).
A due backup runs on a worker a little after start, so it never delays the window.

A backup folder outside the data folder (a USB stick) gets encrypted backups (db.backup_crypt). Nobody is
there to type a passphrase when an automatic one is due, so the person may keep one on this computer:
`<database file>.backup-passphrase` beside the database, readable by this user only, like the key file
(it protects the copies that leave the office; the database beside it is readable anyway). Without it,
automatic backups to such a folder are written in clear and 设置 says so plainly.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from db import today as office_clock

log = logging.getLogger("liaison.backup")

SCHEDULES = ("start", "daily", "weekly", "off")
DEFAULT_SCHEDULE = "daily"
DEFAULT_KEEP = 14


def schedule(settings) -> str:
    value = settings.value("backup/schedule", DEFAULT_SCHEDULE, type=str)
    return value if value in SCHEDULES else DEFAULT_SCHEDULE


def keep(settings) -> int:
    try:
        return max(1, int(settings.value("backup/keep", DEFAULT_KEEP)))
    except (TypeError, ValueError):
        return DEFAULT_KEEP


def last_backup_time(folder: Path) -> dt.datetime | None:
    from db.backup import list_backups
    found = list_backups(folder)
    return found[0].taken_at if found else None


def is_due(settings, folder: Path, now: dt.datetime | None = None) -> bool:
    kind = schedule(settings)
    if kind == "off":
        return False
    if kind == "start":
        return True
    last = last_backup_time(folder)
    if last is None:
        return True
    now = now or office_clock.now()
    return now - last >= (dt.timedelta(days=1) if kind == "daily" else dt.timedelta(days=7))


def needs_passphrase(ctx) -> bool:
    """A backup folder outside the data folder (a USB stick): a backup made by hand there is encrypted."""
    from db.backup import outside_data_folder
    return outside_data_folder(ctx.backups_dir, ctx.db_path)


PASSPHRASE_SUFFIX = ".backup-passphrase"


def passphrase_file(ctx) -> Path:
    return ctx.db_path.with_name(ctx.db_path.name + PASSPHRASE_SUFFIX)


def stored_passphrase(ctx) -> str | None:
    """The passphrase kept on this computer for backups outside the data folder, or None."""
    try:
        text = passphrase_file(ctx).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    return text or None


def store_passphrase(ctx, passphrase: str | None) -> None:
    """Keep `passphrase` on this computer (user-only permissions, written whole or not at all), or
    forget it (None). Raises db.files.WriteFailed when the data folder cannot be written."""
    from db import files
    target = passphrase_file(ctx)
    if passphrase is None:
        try:
            target.unlink(missing_ok=True)
        except OSError as exc:
            raise files.write_failed(exc, target) from exc
        return
    data = passphrase.encode("utf-8")
    files.write_atomic(target, lambda fh: fh.write(data), private=True, data_folder=True)


def backup_passphrase(ctx) -> str | None:
    """The passphrase a backup made now gets without asking: the kept one when the folder is outside
    the data folder, else None (a backup inside the data folder is a plain copy, as the database)."""
    return stored_passphrase(ctx) if needs_passphrase(ctx) else None


def run_backup(ctx, *, reason: str = "manual", parent=None, success=None, failure=None, passphrase=None,
               progress_label: str | None = None, cancelled=None):
    """Back up now on a worker (QueryOp: a backup reads the database, it does not change it); with
    `passphrase` the backup is encrypted (db.backup_crypt). `success` gets the db.backup.BackupResult
    (a backup to a stick carries the attachment files: many MB may take a while). With `progress_label`
    a progress dialog shows how far the attachment files are (after a moment) and can cancel: nothing
    is left written then, and `cancelled()` is called."""
    from desktop.ops import QueryOp
    folder, db_path, n = ctx.backups_dir, ctx.db_path, keep(ctx.settings)

    def op(db, progress=None):
        from db.backup import make_backup
        report = progress.update if progress is not None else None
        return make_backup(db, db_path, folder=folder, reason=reason, keep=n, passphrase=passphrase,
                           progress=report)
    query = QueryOp(ctx, parent=parent, op=op, success=success or _logged)
    if failure is not None:
        query.failure(failure)
    if progress_label is not None:
        query.with_progress(progress_label)
        if cancelled is not None:
            query.on_cancelled(cancelled)
    return query.run_in_background()


def _logged(made) -> None:
    log.info("backup written (%d attachment files carried)", made.attachments)
    if made.problems:           # counts only: attachment names may name people
        log.warning("backup: %d attachment files missing or damaged here, not carried", len(made.problems))


def backup_if_due(ctx, parent=None) -> bool:
    """Start the scheduled backup if one is due; True if it was started."""
    try:
        due = is_due(ctx.settings, ctx.backups_dir)
    except OSError as exc:
        log.warning("backup folder unreadable: %s", exc.strerror)
        return False
    if due:
        run_backup(ctx, reason="auto", parent=parent, passphrase=backup_passphrase(ctx))
    return due
