"""Unfinished files (`.part`) left by a step that was killed: removed when the database opens.

Only files that are ours by name, in the data folder, its backups/ and drafts/ subfolders: an
interrupted backup (liaison-desk-….sqlite3.part, and its -journal), the staging copy of a restore
(<database>.restore.part), a decrypted backup being restored
(<database>.decrypted.part), the key file (<database>.keys.part), a crash draft (….json.part), and in
attachments/ a file being added (.tmp-<32 hex>) or received by sync (<2 hex>/<64 hex>.part).
The live database, its -wal and -shm, and every other file are never touched.

A sync package being written outside the data folder (a USB stick) is cleaned where it was written: the
next package this office writes into that folder removes its own unfinished ones (`stale_package_parts`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from pathlib import Path

from .paths import attachments_dir, backups_dir

log = logging.getLogger("liaison.leftovers")

_BACKUP_PART = re.compile(r"^liaison-desk-\d{8}-\d{6}(?:-[a-z-]+?)?(?:-\d+)?\.sqlite3(?:\.enc)?\.part(?:-journal)?$")
_DRAFT_PART = re.compile(r"^[A-Za-z0-9_-]+\.json\.part$")
_ATTACHMENT_TMP = re.compile(r"^\.tmp-[0-9a-f]{32}$")
_BLOB_PART = re.compile(r"^[0-9a-f]{64}\.part$")
_SHARD = re.compile(r"^[0-9a-f]{2}$")


def _own_parts(db_path: Path) -> re.Pattern:
    return re.compile(rf"^{re.escape(db_path.name)}\.(?:restore|keys|decrypted)\.part(?:-journal|-wal|-shm)?$")


def leftover_parts(db_path: str | Path) -> list[Path]:
    """The unfinished files of ours beside the database at `db_path` (nothing is removed)."""
    db_path = Path(db_path)
    data = db_path.parent
    beside = _own_parts(db_path)
    found: list[Path] = []
    for folder, patterns in ((data, (beside, _BACKUP_PART)), (backups_dir(db_path), (_BACKUP_PART,)),
                             (data / "drafts", (_DRAFT_PART,))):
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for p in entries:
            if p.name != db_path.name and any(pat.match(p.name) for pat in patterns) and p.is_file():
                found.append(p)
    found += _attachment_parts(attachments_dir(db_path))
    return found


def _attachment_parts(store: Path) -> list[Path]:
    try:
        top = list(os.scandir(store))
    except OSError:
        return []
    found = [Path(e.path) for e in top if _ATTACHMENT_TMP.match(e.name) and e.is_file(follow_symlinks=False)]
    for shard in top:
        if _SHARD.match(shard.name) and shard.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError), os.scandir(shard.path) as it:
                found += [Path(e.path) for e in it if _BLOB_PART.match(e.name) and e.is_file(follow_symlinks=False)]
    return found


def stale_package_parts(folder: Path, prefix: str, suffix: str, *, now: float,
                        older_than: float = 600.0) -> list[Path]:
    """This office's unfinished package files (`prefix…suffix.part`) in `folder` last written more than
    `older_than` seconds before `now` — a time read off the same file system (the mtime of a file just
    written there), not the process clock: a write that was killed (one being written now is younger)."""
    found = []
    try:
        with os.scandir(folder) as it:
            for e in it:
                if e.name.startswith(prefix) and e.name.endswith(suffix + ".part"):
                    with contextlib.suppress(OSError):
                        if e.is_file(follow_symlinks=False) and now - e.stat().st_mtime > older_than:
                            found.append(Path(e.path))
    except OSError:
        pass
    return found


def remove_leftovers(db_path: str | Path) -> int:
    """Remove the unfinished files of ours beside the database; how many were removed."""
    n = 0
    for p in leftover_parts(db_path):
        with contextlib.suppress(OSError):      # in use (Windows) or already gone: left for next time
            p.unlink()
            n += 1
    if n:
        log.info("removed %d unfinished file(s) left by an interrupted step", n)
    return n
