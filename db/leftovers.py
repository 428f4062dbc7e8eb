"""Unfinished files (`.part`) left by a step that was killed: removed when the database opens.

Only files that are ours by name, in the data folder, its backups/ and drafts/ subfolders: an
interrupted backup (liaison-desk-….sqlite3.part, and its -journal), the staging copy of a restore
(<database>.restore.part), a decrypted backup being restored
(<database>.decrypted.part), the key file (<database>.keys.part) and a crash draft (….json.part).
The live database, its -wal and -shm, and every other file are never touched.
"""

from __future__ import annotations

import contextlib
import logging
import re
from pathlib import Path

from .paths import backups_dir

log = logging.getLogger("liaison.leftovers")

_BACKUP_PART = re.compile(r"^liaison-desk-\d{8}-\d{6}(?:-[a-z-]+?)?(?:-\d+)?\.sqlite3(?:\.enc)?\.part(?:-journal)?$")
_DRAFT_PART = re.compile(r"^[A-Za-z0-9_-]+\.json\.part$")


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
