"""Domain errors: a stable English code, a Chinese message for the user, an English one for logs."""

from __future__ import annotations


class LiaisonError(Exception):
    """Base of every error the data core raises on purpose.

    `code` is stable (tests and the command line rely on it), `message_zh` is shown to users,
    `message_en` goes to logs and to the English interface.
    """

    code = "error"

    def __init__(self, message_zh: str, message_en: str = "", *, code: str | None = None, field: str | None = None):
        self.message_zh = message_zh
        self.message_en = message_en or message_zh
        if code:
            self.code = code
        self.field = field
        super().__init__(f"[{self.code}] {message_zh} / {self.message_en}")

    def message(self, lang: str = "zh") -> str:
        return self.message_en if lang.startswith("en") else self.message_zh


class ValidationError(LiaisonError):
    """Input that breaks a data rule: required, format, length, enumeration, reference."""

    code = "invalid"


class NotFound(LiaisonError):
    code = "not_found"


class RecordLocked(LiaisonError):
    """A finalized record was asked to change; amendments are new revisions."""

    code = "locked"


class StateError(LiaisonError):
    """A move between states that the workflow does not allow."""

    code = "bad_state"


class WriteGuardError(LiaisonError):
    code = "write_guard"


class DatabaseProblem(LiaisonError):
    """The environment, not our code: locked, full disk, read-only, not a database, corrupt."""

    code = "database"


class NewerDatabase(DatabaseProblem):
    code = "newer_database"


# What the system's errors mean, in words a clerk reads (the system's own text is English, or in the Chinese
# Windows' own wording at best): the common errnos and SQLite's "locked" / "unable to open" / "disk I/O error".
_OS_WORDS = {
    "EEXIST": ("已有同名的文件，不能用作文件夹", "a file of that name is there where a folder is needed"),
    "ENOTDIR": ("路径中有一部分是文件而不是文件夹", "part of the path is a file, not a folder"),
    "EISDIR": ("这是一个文件夹，不是文件", "it is a folder, not a file"),
    "EACCES": ("没有权限（文件可能正被其他程序打开，或不允许在此写入）",
               "no permission (the file may be open in another program, or writing there is not allowed)"),
    "ENOSPC": ("磁盘已满", "the disk is full"),
    "EROFS": ("磁盘是只读的（如写保护的U盘或光盘）", "the disk is read-only (a write-protected USB stick or a disc)"),
    "ENOENT": ("文件或文件夹不存在（可能已被移动，或U盘已拔出）",
               "no such file or folder (moved, or the USB stick removed?)"),
    "ENAMETOOLONG": ("路径或文件名太长", "the path or the file name is too long"),
    "EBUSY": ("文件正被其他程序使用", "the file is in use by another program"),
    "EIO": ("读写磁盘时出错（磁盘或U盘可能有故障）", "the disk could not be read or written (the disk or USB stick may be failing)"),
}
_OS_WORDS["EPERM"] = _OS_WORDS["EACCES"]
_SQLITE_WORDS = (
    (("locked", "busy"), ("数据库正被其他程序或另一个联络组工作台窗口使用，请关闭后重试",
                          "the database is in use by another program or another Liaison Desk window; close it and try "
                          "again"), "locked"),
    (("unable to open",), ("无法打开数据库文件（文件夹可能不存在，或不允许访问）",
                           "the database file cannot be opened (the folder may be missing, or access not allowed)"), "io"),
    (("disk i/o",), ("读写数据库文件时磁盘出错（磁盘或U盘可能有故障）",
                     "the disk failed reading or writing the database file (the disk or USB stick may be failing)"),
     "io"),
)


def os_words(exc: OSError) -> tuple[str, str] | None:
    """(zh, en) saying what an OSError means, or None when its errno is not a common one."""
    import errno
    return _OS_WORDS.get(errno.errorcode.get(exc.errno or 0, ""))


def os_reason(exc: OSError) -> tuple[str, str]:
    """(zh, en) for the reason in a message: known words, or else a number in the Chinese and the system's text
    in the English (never the system's English inside the Chinese sentence)."""
    known = os_words(exc)
    if known is not None:
        return known
    return (f"系统错误 {exc.errno}" if exc.errno else "系统错误", exc.strerror or str(exc))


def sqlite_words(exc: BaseException) -> tuple[tuple[str, str], str] | None:
    """((zh, en), code) for SQLite's "database is locked", "unable to open …", "disk I/O error"; None otherwise."""
    text = str(exc).lower()
    for needles, words, code in _SQLITE_WORDS:
        if any(n in text for n in needles):
            return words, code
    return None
