"""File writing for sync packages and setup files (db.files), refusing with SyncRefused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .. import files
from ..files import PART, fsync_dir, safe_name, unique_path
from .errors import SyncRefused

__all__ = ["PART", "fsync_dir", "io_refusal", "safe_name", "unique_path", "write_atomic"]


def io_refusal(exc: OSError, target: Path) -> SyncRefused:
    zh, en, code = files.write_problem(exc, target)
    return SyncRefused(zh, en, code=code)


def folder_refusal(exc: OSError, folder: Path) -> SyncRefused:
    zh, en, code = files.folder_problem(exc, folder)
    return SyncRefused(zh, en, code=code)


def write_atomic(target: Path, write: Callable[[BinaryIO], object], *, data_folder: bool = False,
                 make_folder: bool = False) -> Path:
    """Write `target` through `write(fh)`; on any failure nothing remains but the old state. Outside the data
    folder, a folder a pulled-out stick left behind is refused (db.files.require_stick). `make_folder` creates
    missing folders, a failure to do so refused in words as any other (a read-only stick, a file in the way)."""
    return files.write_atomic(target, write, refuse=io_refusal, data_folder=data_folder, make_folder=make_folder)
