"""A new version's first start on an older data file: the upgrade (backup, migrations, the search index
rebuilt) can take a minute on a city's file, so the person sees a busy dialog saying why, over the
window while the database opens on a worker, or alone before the window when sign-in is on."""

from __future__ import annotations

import gzip
import sqlite3
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from desktop import upgrade_progress

PREVIOUS = Path(__file__).resolve().parents[1] / "fixtures" / "township-0.1.0.sqlite3.gz"


@pytest.fixture
def previous(tmp_path) -> Path:
    path = tmp_path / "data" / "liaison-desk.sqlite3"
    path.parent.mkdir()
    path.write_bytes(gzip.decompress(PREVIOUS.read_bytes()))
    return path


def versions(path: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations")}
    finally:
        conn.close()


def busy_dialogs() -> list[QProgressDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QProgressDialog) and w.isVisible()]


def test_an_older_file_opened_behind_the_window_shows_why_it_waits(app, qtbot, previous, monkeypatch):
    from db.startup import peek_installation
    from desktop.app import make_settings
    from desktop.context import AppContext
    monkeypatch.setattr(upgrade_progress, "SHOW_AFTER_MS", 0)
    found = peek_installation(previous)
    assert upgrade_progress.pending(found.versions)
    ctx = AppContext.deferred(previous, make_settings(), lang="zh_CN", office=found.office, versions=found.versions)
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(800, 500)
    window.show()
    dialog = upgrade_progress.while_opening(ctx, window)
    qtbot.waitUntil(dialog.isVisible, timeout=5000)
    assert busy_dialogs() == [dialog]
    assert "升级" in dialog.windowTitle() + dialog.labelText() and "备份" in dialog.labelText()
    assert dialog.isModal() or dialog.windowModality() != 0
    ctx.open_in_background()
    qtbot.waitUntil(lambda: not busy_dialogs(), timeout=60_000)
    assert ctx.is_open() and not upgrade_progress.pending(versions(previous))
    assert list((previous.parent / "backups").glob("*before-upgrade*"))
    ctx.close()


def test_with_sign_in_on_the_upgrade_runs_before_the_window_with_the_dialog_shown(app, qtbot, previous, monkeypatch):
    import db.database
    monkeypatch.setattr(upgrade_progress, "SHOW_AFTER_MS", 0)
    real_open = db.database.open_database

    def slow_open(path, **kw):
        time.sleep(0.6)                       # a city's file: the dialog must be up meanwhile
        return real_open(path, **kw)
    monkeypatch.setattr(db.database, "open_database", slow_open)
    seen: list[str] = []
    QTimer.singleShot(300, lambda: seen.extend(d.labelText() for d in busy_dialogs()))
    upgrade_progress.before_window(previous)
    assert seen and "升级" in seen[0]
    assert not busy_dialogs()
    assert not upgrade_progress.pending(versions(previous))


def test_an_upgrade_that_fails_reaches_the_caller_and_closes_the_dialog(app, qtbot, tmp_path):
    bad = tmp_path / "x.sqlite3"
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(Exception) as caught:
        upgrade_progress.before_window(bad)
    assert getattr(caught.value, "message_zh", None) or str(caught.value)
    assert not busy_dialogs()


def test_an_up_to_date_or_new_file_needs_no_upgrade():
    from db.schema import migrations
    assert not upgrade_progress.pending(frozenset())
    assert not upgrade_progress.pending({m.name for m in migrations._migrations})


def test_the_busy_dialog_closes_when_the_open_fails_and_never_shows_over_an_open_database(ctx, qtbot,
                                                                                         monkeypatch):
    monkeypatch.setattr(upgrade_progress, "SHOW_AFTER_MS", 0)
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    upgrade_progress.while_opening(ctx, window)          # the database is open already: closed at once
    qtbot.waitUntil(lambda: not busy_dialogs(), timeout=2000)

    class Failing:                                        # a context whose open fails on the worker
        open_error = None

        def when_open(self, fn):
            pass
    failing = Failing()
    dialog = upgrade_progress.while_opening(failing, window)
    qtbot.waitUntil(dialog.isVisible, timeout=2000)
    failing.open_error = OSError("disk gone")
    qtbot.waitUntil(lambda: not busy_dialogs(), timeout=3000)
