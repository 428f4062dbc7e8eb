"""Errors in the interface: what a user can fix is told in plain words; bugs are logged and shown once.

Two families, chosen from the exception (qutebrowser's KnownError / BugError split):
- the environment or the input — a domain error from `db` (LiaisonError), a locked database,
  a full disk, a file that cannot be read or written: a message saying what to do;
- anything else is our fault: the traceback goes to a rotating log file in the data folder
  (scrubbed of Chinese text and long digit runs, so no names or phone numbers), and the user
  sees one message per distinct bug, pointing at the log.
Message boxes are opened non-modally (`open()`), so nothing here blocks an event loop, and
`ErrorReporter.shown` keeps what was said for tests.
"""

from __future__ import annotations

import errno
import logging
import sqlite3
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt

from desktop.log_scrub import scrub

log = logging.getLogger("liaison.errors")

class _ScrubbingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return scrub(super().format(record))


class _RotatingLog(logging.Handler):
    """logs/liaison-desk.log, 1 MB × 5, rotating: logging.handlers.RotatingFileHandler, made at the first
    record. A session that logs nothing never imports logging.handlers (it pulls in socket, pickle, queue …
    ~0.5 MB that the window would carry for nothing)."""

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        if self._file is None:
            import logging.handlers
            try:
                self._file = logging.handlers.RotatingFileHandler(self.path, maxBytes=1_000_000, backupCount=5,
                                                                  encoding="utf-8")
            except OSError:
                self.handleError(record)
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def setup_logging(logs_dir: Path, *, level: int = logging.INFO) -> Path | None:
    """Log to logs/liaison-desk.log in the data folder (1 MB × 5, rotating). Returns the file, or None when
    it cannot be written."""
    root = logging.getLogger("liaison")
    for h in list(root.handlers):
        if getattr(h, "_liaison", False):
            root.removeHandler(h)
            h.close()
    try:
        logs_dir.mkdir(parents=True, exist_ok=True)
        path = logs_dir / "liaison-desk.log"
        with open(path, "a", encoding="utf-8"):     # can it be written? (the log itself opens at the first record)
            pass
    except OSError:
        return None
    handler = _RotatingLog(path)
    handler._liaison = True  # type: ignore[attr-defined]
    handler.setFormatter(_ScrubbingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


@dataclass(frozen=True)
class Told:
    """One message shown (or, in tests, recorded): `kind` is "user" or "bug"."""
    kind: str
    title: str
    text: str
    code: str = ""


translate = QCoreApplication.translate


def as_sentence(text: str) -> str:
    """The engine's English words ("cannot write the backup: …", lowercase for the command line's "failed: …")
    as a sentence in the English window: a capital first letter and a full stop."""
    text = text.strip()
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text + "." if text and text[-1] not in ".!?…" else text


def explain(exc: BaseException, lang: str) -> tuple[str, str] | None:
    """(code, message) for an error the user can act on; None for a bug."""
    from db.errors import LiaisonError
    if isinstance(exc, LiaisonError):
        return exc.code, as_sentence(exc.message(lang)) if lang.startswith("en") else exc.message(lang)
    if isinstance(exc, sqlite3.OperationalError):
        msg = str(exc).lower()
        if "locked" in msg or "busy" in msg:
            return "locked", translate("ErrorReporter", "The database is in use by another program or another copy of Liaison Desk. "
                                "Close it and try again.")
        if "full" in msg:
            return "disk_full", translate("ErrorReporter", "The disk is full. Free some space (or move the data folder) and try again.")
        if "readonly" in msg or "read-only" in msg:
            return "read_only", translate("ErrorReporter", "The data folder cannot be written to. Check that it is not read-only "
                                   "and that you may write there.")
        if "disk i/o" in msg or "unable to open" in msg:
            return "io", translate("ErrorReporter", "The database file could not be read or written. Check the disk or USB stick "
                            "and try again.")
    if isinstance(exc, sqlite3.DatabaseError) and "malformed" in str(exc).lower():
        return "corrupt", translate("ErrorReporter", "The database file is damaged. Restore the latest backup in Settings.")
    if isinstance(exc, OSError):
        name = exc.filename or ""
        if exc.errno == errno.ENOSPC:
            return "disk_full", translate("ErrorReporter", "The disk is full. Free some space and try again.")
        if isinstance(exc, PermissionError):
            return "permission", translate("ErrorReporter", "No permission to use the file “%1”. Check that it is not open in "
                                    "another program and that you may write there.").replace("%1", str(name))
        if isinstance(exc, FileNotFoundError):
            return "not_found", translate("ErrorReporter", "The file “%1” was not found. It may have been moved or the USB stick "
                                   "removed.").replace("%1", str(name))
        from db.errors import os_words
        words = os_words(exc)           # EEXIST, ENOTDIR, EIO …: said in the language of the window
        reason = (words[1] if lang.startswith("en") else words[0]) if words else \
            (exc.strerror or "") if lang.startswith("en") else ""      # the system's English: never in the Chinese
        if not reason:
            log.info("file error without words: errno %s", exc.errno)
            return "io", translate("ErrorReporter", "The file “%1” could not be read or written.").replace(
                "%1", str(name))
        return "io", translate("ErrorReporter", "The file “%1” could not be read or written (%2).").replace(
            "%1", str(name)).replace("%2", reason)
    return None


def bug_text(exc: BaseException, logs_dir: Path | None) -> str:
    """What a person reads about a bug where no context's reporter is at hand yet (the first run, setting up from
    a setup file, the start): the traceback goes to the log in `logs_dir`, never the exception's text to the screen."""
    if logs_dir is not None:
        setup_logging(logs_dir)
    told = ErrorReporter(logs_dir)._tell(exc, "set-up or start")
    return told.text if told is not None else ""


class ErrorReporter:
    """One place every error goes (ops' default failure, sys.excepthook, pages)."""

    def __init__(self, logs_dir: Path | None, *, lang_source: Callable[[], str] = lambda: "zh_CN"):
        self.logs_dir = logs_dir
        self.lang_source = lang_source
        self.shown: list[Told] = []
        self.show_boxes = True          # tests switch boxes off and read `shown`
        self._bugs_seen: set[str] = set()

    def report(self, exc: BaseException, *, parent=None, context: str = "") -> Told | None:
        told = self._tell(exc, context)
        if told is not None:
            self.shown.append(told)
            if self.show_boxes:
                self._box(told, parent)
        return told

    def _tell(self, exc: BaseException, context: str) -> Told | None:
        known = explain(exc, self.lang_source())
        if known is not None:
            code, message = known
            log.info("told the user: %s (%s)", code, type(exc).__name__)
            return Told("user", translate("ErrorReporter", "Cannot do that"), message, code)
        tb = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
        log.error("bug%s:\n%s", f" in {context}" if context else "", tb)
        frames = traceback.extract_tb(exc.__traceback__)
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else ""
        signature = f"{type(exc).__name__}@{where}"
        if signature in self._bugs_seen:
            return None
        self._bugs_seen.add(signature)
        log_file = (self.logs_dir / "liaison-desk.log") if self.logs_dir else None
        text = translate("ErrorReporter", "Something went wrong inside Liaison Desk. Your saved data is safe; what you were "
                  "doing may not have finished. The details were written to the log file:\n%1\n"
                  "Please send this file to your support contact.").replace("%1", str(log_file or ""))
        return Told("bug", translate("ErrorReporter", "Internal error"), text, type(exc).__name__)

    def _box(self, told: Told, parent) -> None:
        from PySide6.QtWidgets import QMessageBox
        icon = QMessageBox.Icon.Warning if told.kind == "user" else QMessageBox.Icon.Critical
        box = QMessageBox(icon, told.title, told.text, QMessageBox.StandardButton.Ok, parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(parent is not None)
        box.open()
        self._last_box = box

    def excepthook(self, exc_type, exc, tb) -> None:
        """sys.excepthook for the GUI: a bug in a slot is logged and shown, never a silent exit."""
        if exc is None:
            exc = exc_type()
        if exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        self.report(exc, context="event loop")
