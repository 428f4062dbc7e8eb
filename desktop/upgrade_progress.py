"""The first start of a new version on an older data file: the schema is brought up to date (after an
automatic backup), which takes from a moment on a township's file to about a minute on a city's ten
years (the search index is rebuilt). The person sees why the program waits, never a frozen window:

- `pending(versions)`: does a file with these applied migrations need an upgrade? (db.startup reads
  them before the window is built);
- `while_opening(ctx, window)`: a started window whose database opens on a worker shows a busy
  dialog over it until the database is open (window-modal: a page that would need the database
  meanwhile cannot be clicked);
- `before_window(path)`: where the database must be open before any window (sign-in on), the
  upgrade runs on a thread while a busy dialog is shown alone.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QLabel, QProgressDialog, QWidget

SHOW_AFTER_MS = 300          # a quick upgrade (a township's file) shows nothing


def pending(versions) -> bool:
    """True when a file that has some migrations applied lacks some of this version's."""
    if not versions:
        return False
    from db.schema import migrations
    return bool({m.name for m in migrations._migrations} - set(versions))


def _dialog(parent: QWidget | None) -> QProgressDialog:
    dialog = QProgressDialog(parent)
    label = QLabel(dialog)
    label.setWordWrap(True)
    dialog.setLabel(label)
    dialog.setWindowTitle(QCoreApplication.translate("UpgradeProgress", "Updating the data file"))
    dialog.setLabelText(QCoreApplication.translate("UpgradeProgress", "This version opens the data file for the first time and brings it up to date "
                            "(a backup was made first). On a large file this takes up to a minute; please "
                            "do not switch the computer off."))
    dialog.setRange(0, 0)                 # busy: the migrations do not report their steps
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(480)
    dialog.setWindowModality(Qt.WindowModality.WindowModal if parent is not None
                             else Qt.WindowModality.ApplicationModal)
    return dialog


def while_opening(ctx, window: QWidget) -> QProgressDialog:
    """Show a busy dialog over `window` until `ctx` is open (or failed to open)."""
    dialog = _dialog(window)
    dialog.setValue(0)                    # starts QProgressDialog's timer: shown after SHOW_AFTER_MS

    finished = []
    timer = QTimer(dialog)                # the error path: open_error set without `opened`

    def done(*_a) -> None:
        if finished:                      # opened, or the open failed: once
            return
        finished.append(True)
        timer.stop()
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
    timer.timeout.connect(lambda: done() if ctx.open_error is not None else None)
    timer.start(200)
    ctx.when_open(done)                   # (at once if the database is already open)
    return dialog


def before_window(path: Path) -> None:
    """Open `path` (backup, migrations) on a thread while a busy dialog shows; re-raise its error."""
    from db.database import open_database
    result: dict = {}

    def work() -> None:
        try:
            open_database(path).conn.close()
        except BaseException as exc:  # noqa: BLE001 - handed to the caller on the GUI thread
            result["error"] = exc
    thread = threading.Thread(target=work, name="upgrade", daemon=True)
    dialog = _dialog(None)
    dialog.setValue(0)
    thread.start()
    loop = QEventLoop()
    while thread.is_alive():              # (a timed wait on the thread is avoided: see CONTRIBUTING, faketime)
        loop.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)
    dialog.reset()
    dialog.close()
    dialog.deleteLater()
    if "error" in result:
        raise result["error"]
