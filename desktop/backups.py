"""Automatic backups on a schedule (at start, daily, weekly or never), into the chosen backup folder.

The settings live in QSettings: backup/folder (empty: backups/ beside the database),
backup/schedule ("start" | "daily" | "weekly" | "off", default daily), backup/keep (default 14).
A due backup runs on a worker a little after start, so it never delays the window.
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


def run_backup(ctx, *, reason: str = "manual", parent=None, success=None, failure=None, passphrase=None):
    """Back up now on a worker (QueryOp: a backup reads the database, it does not change it); with
    `passphrase` the backup is encrypted (db.backup_crypt)."""
    from desktop.ops import QueryOp
    folder, db_path, n = ctx.backups_dir, ctx.db_path, keep(ctx.settings)

    def op(db):
        from db.backup import backup
        return backup(db, db_path, folder=folder, reason=reason, keep=n, passphrase=passphrase)
    query = QueryOp(ctx, parent=parent, op=op, success=success or (lambda path: log.info("backup written")))
    if failure is not None:
        query.failure(failure)
    return query.run_in_background()


def backup_if_due(ctx, parent=None) -> bool:
    """Start the scheduled backup if one is due; True if it was started."""
    try:
        due = is_due(ctx.settings, ctx.backups_dir)
    except OSError as exc:
        log.warning("backup folder unreadable: %s", exc.strerror)
        return False
    if due:
        run_backup(ctx, reason="auto", parent=parent)
    return due
