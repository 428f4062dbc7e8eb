"""Writing files so that a crash, a full stick or a read-only folder never leaves a half file under
a real name: write NAME.part, flush, fsync, rename, fsync the folder. Used for sync packages,
printed minutes and reports alike, with one set of messages for what goes wrong."""

from __future__ import annotations

import contextlib
import errno
import ntpath
import os
import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import LiaisonError, os_reason

PART = ".part"
ENV_MEDIA_ROOTS = "LIAISON_DESK_MEDIA_ROOTS"       # tests only: other folders standing for /media
# Where Linux mounts USB sticks (udisks: /media/USER/LABEL, /run/media/USER/LABEL; by hand: /mnt). A folder
# below one of them is only on the stick while the stick is mounted: once it is pulled out or unmounted, the
# mount folder can stay behind, empty, on the local disk, and a file written there never reaches the stick.
MEDIA_ROOTS: tuple[str, ...] = tuple(p for p in os.environ.get(ENV_MEDIA_ROOTS, "").split(os.pathsep) if p) \
    or ("/media", "/run/media", "/mnt")
_WINDOWS = os.name == "nt"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


class WriteFailed(LiaisonError):
    """A file could not be written; nothing was left half-written. `code` says why:
    disk_full, read_only, in_use, no_folder, not_a_file or write_failed."""

    code = "write_failed"


def safe_name(text: str) -> str:
    """A file-name piece that every file system on a stick accepts (Chinese kept)."""
    return _UNSAFE.sub("_", text).strip(" .") or "_"


class StickMissing(OSError):
    """The chosen folder is not on a mounted device: a stick pulled out or unmounted (its mount folder
    left behind on the local disk), or a Windows drive letter that is not there."""

    def __init__(self, folder: str | Path):
        super().__init__(errno.ENODEV, "USB stick not mounted", str(folder))


def _nearest_mount(path: str) -> str:
    """The mount point `path` (an existing folder) lies on: itself or its nearest ancestor whose
    device differs from its parent's (os.path.ismount)."""
    while not os.path.ismount(path):
        parent = os.path.dirname(path)
        if parent == path:
            break
        path = parent
    return path


def stick_missing(folder: str | Path) -> bool:
    """Whether writing into `folder` would miss the device it names: on Windows its drive letter is not
    there; on Linux it lies under a removable-media root (MEDIA_ROOTS) but its nearest mount point is not
    at or below that root (the root file system, /run's tmpfs): the folder a pulled-out stick left behind."""
    if _WINDOWS:
        drive = ntpath.splitdrive(os.fspath(folder))[0]      # E: (or \\server\share)
        return bool(drive) and not os.path.isdir(drive + "\\")
    real = os.path.realpath(folder)
    roots = [os.path.realpath(r) for r in MEDIA_ROOTS]
    root = next((r for r in roots if real == r or real.startswith(r.rstrip(os.sep) + os.sep)), None)
    if root is None:
        return False
    existing = real
    while not os.path.isdir(existing) and os.path.dirname(existing) != existing:
        existing = os.path.dirname(existing)
    mount = _nearest_mount(existing)
    return not (mount == root or mount.startswith(root.rstrip(os.sep) + os.sep))


def require_stick(folder: str | Path) -> None:
    """Raise StickMissing (an OSError, so every caller's refusal turns it into its own message, see
    write_problem) when `folder` is not on a mounted device (stick_missing)."""
    if stick_missing(folder):
        raise StickMissing(folder)


def stick_message(folder: str | Path, *, writing: bool = True) -> tuple[str, str]:
    """(Chinese, English): the stick `folder` names is not there; `writing`: and so nothing was written."""
    zh_written, en_written = ("没有写入任何文件；", "; nothing was written") if writing else ("", "")
    return (f"找不到U盘：“{folder}”似乎已拔出或未挂载，{zh_written}请重新插入U盘，等它出现后再试",
            f"USB stick not found: {folder} seems to have been pulled out or is not mounted{en_written}. "
            f"Insert the stick again, wait until it shows up, then retry")


class NotAFile(OSError):
    """The target exists and is neither a file nor a folder: a device (/dev/null, /dev/full) or a pipe,
    which the rename of the finished .part would replace."""

    def __init__(self, target: str | Path):
        super().__init__(errno.EINVAL, "not a regular file", str(target))


def write_problem(exc: OSError, target: Path) -> tuple[str, str, str]:
    """(Chinese message, English message, code) for an OSError met while writing `target`."""
    if isinstance(exc, StickMissing):
        return (*stick_message(exc.filename), "no_stick")
    if isinstance(exc, NotAFile):
        return (f"“{target}”不是普通文件（是设备或管道），不能写入；请另选一个文件名",
                f"{target} is not a regular file (a device or a pipe) and cannot be written; choose another "
                f"file name", "not_a_file")
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
        blocking = next((p for p in (target.parent, *target.parent.parents) if p.exists() and not p.is_dir()), None)
        if blocking is not None and not blocking.is_file():       # /dev/null given as the folder
            return (f"“{blocking}”是设备或管道，不是文件夹；请另选一个文件夹",
                    f"{blocking} is a device or a pipe, not a folder; choose another folder", "no_folder")
        if blocking is not None:
            return (f"“{blocking}”是一个文件，不是文件夹；请另选一个文件夹",
                    f"{blocking} is a file, not a folder; choose another folder", "no_folder")
        return (f"文件夹不存在：“{target.parent}”（U盘可能已拔出）", f"folder not found: {target.parent} (was the "
                f"stick removed?)", "no_folder")
    zh, en = os_reason(exc)
    return (f"无法写入“{target}”：{zh}", f"cannot write {target}: {en}", "write_failed")


def folder_problem(exc: OSError, folder: Path) -> tuple[str, str, str]:
    """(Chinese message, English message, code) for an OSError met while making or checking the folder files are
    to be written into: the folder is named, never a file in it that was not written."""
    if not isinstance(exc, StickMissing) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return (f"无法在“{folder}”中写入：文件夹是只读的或没有写入权限；请换一个文件夹后重试",
                f"cannot write into {folder}: the folder is read-only or not writable; choose another and retry",
                "read_only")
    if not isinstance(exc, StickMissing) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return (f"磁盘空间不足，无法在“{folder}”中写入；请清理空间或换一个U盘后重试",
                f"not enough space to write into {folder}; free some space or use another stick, then retry",
                "disk_full")
    if not isinstance(exc, StickMissing) and exc.errno not in (errno.ENOENT, errno.ENOTDIR, errno.EEXIST):
        zh, en = os_reason(exc)
        return (f"无法使用文件夹“{folder}”：{zh}", f"cannot use the folder {folder}: {en}", "write_failed")
    return write_problem(exc, folder / "_")      # every other case names the folder (or what is in its way)


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
                 private: bool = False, data_folder: bool = False) -> Path:
    """Write `target` through `write(fh)`; on any failure nothing remains but the old state, and an
    OSError comes out as `refuse(exc, target)` (a WriteFailed unless told otherwise). The .part
    file is made with user-only permissions (0600 on POSIX); the finished file gets the usual
    permissions of a new file (umask), or keeps 0600 when `private`. `make_folder` creates missing
    folders. A file outside the data folder (`data_folder` False: a package, a report, a backup on a stick)
    is refused with StickMissing when its folder is not on a mounted device (require_stick)."""
    target = Path(target)
    part = target.with_name(target.name + PART)
    try:
        if not data_folder:
            require_stick(target.parent)
        if make_folder:
            target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not target.is_file() and not target.is_dir():
            raise NotAFile(target)
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


class NewFiles:
    """A database's files (the file itself and `suffixes`: -wal, a key file …) and the folders above it that do not
    exist yet, so that a set-up or restore that fails can remove what it made and leave the folder as it was."""

    def __init__(self, db_path: Path, suffixes: tuple[str, ...]):
        folder = db_path.parent
        self.folders = [p for p in (folder, *folder.parents) if not p.exists()]       # the deepest first
        ours = [db_path, *(db_path.with_name(db_path.name + s) for s in suffixes)]
        self.files = [p for p in ours if not p.exists()]

    def remove(self) -> None:
        for p in self.files:
            with contextlib.suppress(OSError):
                p.unlink(missing_ok=True)
        for p in self.folders:              # only when empty
            with contextlib.suppress(OSError):
                p.rmdir()
