"""Writing files so that a crash, a full stick or a read-only folder never leaves a half file under
a real name: write NAME.part, flush, fsync, rename, fsync the folder."""

from __future__ import annotations

import contextlib
import errno
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import SyncRefused

PART = ".part"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str) -> str:
    """A file-name piece that every file system on a stick accepts (Chinese kept)."""
    return _UNSAFE.sub("_", text).strip(" .") or "_"


def io_refusal(exc: OSError, target: Path) -> SyncRefused:
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return SyncRefused(f"磁盘空间不足，无法写入“{target}”；请清理空间或换一个U盘后重试",
                           f"not enough space to write {target}; free some space or use another stick, then retry",
                           code="disk_full")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return SyncRefused(f"无法写入“{target}”：文件夹是只读的或没有写入权限；请换一个文件夹后重试",
                           f"cannot write {target}: the folder is read-only or not writable; choose another and retry",
                           code="read_only")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return SyncRefused(f"文件夹不存在：“{target.parent}”", f"folder not found: {target.parent}",
                           code="no_folder")
    return SyncRefused(f"无法写入“{target}”：{exc.strerror or exc}", f"cannot write {target}: {exc}",
                       code="write_failed")


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":          # Windows cannot open a directory; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, write: Callable[[BinaryIO], None]) -> Path:
    """Write `target` through `write(fh)`; on any failure nothing remains but the old state."""
    target = Path(target)
    part = target.with_name(target.name + PART)
    try:
        try:
            with open(part, "wb") as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(part, target)
            fsync_dir(target.parent)
        except BaseException:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise io_refusal(exc, target) from exc
    return target


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    p = folder / f"{stem}{suffix}"
    n = 2
    while p.exists() or p.with_name(p.name + PART).exists():
        p = folder / f"{stem}-{n}{suffix}"
        n += 1
    return p
