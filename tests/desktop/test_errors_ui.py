"""What users are told: plain messages for what they can fix; bugs scrubbed of personal data."""

from __future__ import annotations

import errno
import sqlite3

from db.errors import DatabaseProblem
from desktop.errors_ui import ErrorReporter, explain, scrub


def test_environment_errors_get_a_plain_message(app):
    cases = {
        sqlite3.OperationalError("database is locked"): ("locked", "占用"),
        sqlite3.OperationalError("database or disk is full"): ("disk_full", "磁盘已满"),
        sqlite3.OperationalError("attempt to write a readonly database"): ("read_only", "无法写入"),
        OSError(errno.ENOSPC, "No space left on device"): ("disk_full", "磁盘已满"),
        PermissionError(errno.EACCES, "Permission denied", "D:/备份/x.sqlite3"): ("permission", "没有权限"),
        FileNotFoundError(errno.ENOENT, "No such file", "E:/附件.pdf"): ("not_found", "U盘"),
        DatabaseProblem("数据库文件已损坏", "damaged", code="corrupt"): ("corrupt", "已损坏"),
    }
    for exc, (code, words) in cases.items():
        got = explain(exc, "zh_CN")
        assert got is not None and got[0] == code and words in got[1], exc


def test_programming_errors_are_not_explained(app):
    assert explain(KeyError("x"), "zh_CN") is None
    assert explain(sqlite3.OperationalError("no such column: foo"), "zh_CN") is None


def test_scrub_removes_names_and_phone_numbers():
    assert scrub("member 王𠇔 phone 13800000000 id 42") == "member … phone … id 42"
    # the ways phone numbers are written in Guiyang's offices; a date and a time stay readable
    for phone in ("139-0000-0000", "+86 139 0000 0000", "(0851)8888-8888", "（0851）88888888", "0851-86661234"):
        assert scrub(f"phone {phone} on 2026-12-05 09:30:00") == "phone … on 2026-12-05 09:30:00", phone


def test_message_boxes_open_without_blocking(app, qtbot, tmp_path):
    from PySide6.QtWidgets import QMessageBox, QWidget
    parent = QWidget()
    qtbot.addWidget(parent)
    reporter = ErrorReporter(tmp_path)
    reporter.report(sqlite3.OperationalError("database is locked"), parent=parent)
    box = reporter._last_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert "占用" in box.text()
    box.close()


def test_the_common_system_errors_are_said_in_the_windows_language(app):
    """The system's English ("File exists", "Is a directory" …) was put inside the Chinese message; each common
    errno now has its own words in both languages, and an unknown one keeps the system's text in English only."""
    import re
    names = ("EEXIST", "ENOTDIR", "EISDIR", "EACCES", "EPERM", "ENOSPC", "EROFS", "ENOENT", "ENAMETOOLONG", "EBUSY",
             "EIO")
    for name in (*names, "EXDEV"):
        exc = OSError(getattr(errno, name), os_strerror(getattr(errno, name)), "/mnt/u盘/x")
        _code, zh = explain(exc, "zh_CN")
        assert exc.strerror not in zh and not re.search(r"[A-Za-z]{3,}", zh.replace("/mnt/u盘/x", "")), (name, zh)
        app.translations.install("en")
        try:
            _code, en = explain(exc, "en")
        finally:
            app.translations.install("zh_CN")
        assert (exc.strerror in en) is (name == "EXDEV"), (name, en)


def os_strerror(n: int) -> str:
    import os
    return os.strerror(n)
