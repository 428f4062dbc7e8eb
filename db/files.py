"""Writing files so that a crash, a full stick or a read-only folder never leaves a half file under
a real name: write NAME.part, flush, fsync, rename, fsync the folder. Used for sync packages,
printed minutes and reports alike, with one set of messages for what goes wrong."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import LiaisonError, os_reason

PART = ".part"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class WriteFailed(LiaisonError):
    """A file could not be written; nothing was left half-written. `code` says why:
    disk_full, read_only, in_use, no_folder or write_failed."""

    code = "write_failed"


def safe_name(text: str) -> str:
    """A file-name piece that every file system on a stick accepts (Chinese kept)."""
    return _UNSAFE.sub("_", text).strip(" .") or "_"


def write_problem(exc: OSError, target: Path) -> tuple[str, str, str]:
    """(Chinese message, English message, code) for an OSError met while writing `target`."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"磁盘空间不足，无法写入“{target}”；请清理空间或换一个U盘后重试",
                f"not enough space to write {target}; free some space or use another stick, then retry",
                "disk_full")
    if exc.errno in (errno.EACCES, errno.EPERM) and target.is_file():
        return (f"无法写入“{target}”：文件正被其他程序打开（如 Excel 或 PDF 阅读器），或没有写入权限；"
                f"请先关闭它，或另存为别的文件名",
                f"cannot write {target}: the file is open in another program (Excel, a PDF reader) or "
                f"not writable; close it or save under another name", "in_use")
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"无法写入“{target}”：文件夹是只读的或没有写入权限；请换一个文件夹后重试",
                f"cannot write {target}: the folder is read-only or not writable; choose another and retry",
                "read_only")
    if exc.errno == errno.EISDIR or (exc.errno in (errno.EEXIST, errno.EACCES) and target.is_dir()):
        return (f"“{target}”是一个文件夹，不能写成文件；请另选一个文件名",
                f"{target} is a folder, not a file; choose another file name", "is_folder")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):   # EEXIST: a file where a folder should be
        blocking = next((p for p in (target.parent, *target.parent.parents) if p.is_file()), None)
        if blocking is not None:
            return (f"“{blocking}”是一个文件，不是文件夹；请另选一个文件夹",
                    f"{blocking} is a file, not a folder; choose another folder", "no_folder")
        return (f"文件夹不存在：“{target.parent}”（U盘可能已拔出）", f"folder not found: {target.parent} (was the "
                f"stick removed?)", "no_folder")
    return (f"无法写入“{target}”：{os_reason(exc)[0]}", f"cannot write {target}: {exc}", "write_failed")


def write_failed(exc: OSError, target: Path) -> WriteFailed:
    zh, en, code = write_problem(exc, target)
    return WriteFailed(zh, en, code=code)


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":          # Windows cannot open a directory; NTFS journals the rename
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _replace(part: Path, target: Path) -> None:
    """os.replace, retried briefly on Windows, where an antivirus scanner may hold the new file."""
    for delay in (0.05, 0.2, 0.5):
        try:
            os.replace(part, target)
            return
        except PermissionError:
            if os.name != "nt":
                raise
            time.sleep(delay)
    os.replace(part, target)


def _private_opener(path: str, flags: int) -> int:
    """Open a new .part file with user-only permissions (0600 on POSIX) from its first byte."""
    return os.open(path, flags, 0o600)


def _umask() -> int:
    """The process's umask, read without changing it (os.umask would, for every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _UMASK_AT_START


_UMASK_AT_START = os.umask(0o022)
os.umask(_UMASK_AT_START)


def write_atomic(target: Path, write: Callable[[BinaryIO], object], *,
                 refuse: Callable[[OSError, Path], Exception] = write_failed, make_folder: bool = False,
                 private: bool = False) -> Path:
    """Write `target` through `write(fh)`; on any failure nothing remains but the old state, and an
    OSError comes out as `refuse(exc, target)` (a WriteFailed unless told otherwise). The .part
    file is made with user-only permissions (0600 on POSIX); the finished file gets the usual
    permissions of a new file (umask), or keeps 0600 when `private`. `make_folder` creates missing
    folders."""
    target = Path(target)
    part = target.with_name(target.name + PART)
    try:
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(part, "wb", opener=_private_opener) as fh:
                write(fh)
                fh.flush()
                os.fsync(fh.fileno())
            if not private and os.name == "posix":
                os.chmod(part, 0o666 & ~_umask())
            _replace(part, target)
        except BaseException:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise refuse(exc, target) from exc
    with contextlib.suppress(OSError):     # the file is in place; some mounts cannot sync a folder
        fsync_dir(target.parent)
    return target


def unique_path(folder: Path, stem: str, suffix: str) -> Path:
    p = folder / f"{stem}{suffix}"
    n = 2
    while p.exists() or p.with_name(p.name + PART).exists():
        p = folder / f"{stem}-{n}{suffix}"
        n += 1
    return p
