"""Where the data lives: the user's data folder (platformdirs), or the folder named by
LIAISON_DESK_HOME; attachments and backups sit beside the database."""

from __future__ import annotations

import os
from pathlib import Path

ENV_HOME = "LIAISON_DESK_HOME"
DB_NAME = "liaison-desk.sqlite3"


def data_home() -> Path:
    env = os.environ.get(ENV_HOME)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir
    return Path(user_data_dir("LiaisonDesk", appauthor=False))


def default_db_path() -> Path:
    return data_home() / DB_NAME


def attachments_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "attachments"


def backups_dir(db_path: Path) -> Path:
    return Path(db_path).parent / "backups"


def logs_dir(db_path: Path | None = None) -> Path:
    return (Path(db_path).parent if db_path else data_home()) / "logs"


def read_only_uri(path) -> str:
    """An SQLite URI that opens `path` read-only; `#`, `?` and Windows drive letters are escaped
    (an f-string "file:{path}" would cut a path at `#` and open what is left read-write)."""
    return Path(path).resolve().as_uri() + "?mode=ro"
