"""The start stays light: what the first painted window needs, and nothing of the heavy parts (issue 9).

The program is started as a user starts it (`liaison-desk`, a child process, offscreen) and reports,
when the home page has painted its figures, which modules are loaded. The rest is done once the
database is open, right after the first paint: the sign-in guard, the drafts left by a crash, the
backup check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings

from desktop import app as app_module

ROOT = Path(__file__).resolve().parents[2]

# Loaded at the first paint would mean a heavy import slipped back into the start.
HEAVY = ("sqlite_utils", "db.database", "db.write", "db.search", "db.assignments", "db.accounts", "db.sync",
         "reportlab", "openpyxl", "cryptography", "PySide6.QtCharts", "PySide6.QtPdf", "PySide6.QtPdfWidgets",
         "desktop.minutes", "desktop.dialogs.sign_in", "desktop.drafts", "desktop.backups", "multiprocessing")

CHILD = """
import sys
import desktop.app as app
_mark = app._mark
def mark(step):
    if step == "dashboard data":
        print("LOADED " + " ".join(sorted(m for m in sys.modules if m.split(".")[0] in {top})), flush=True)
    _mark(step)
app._mark = mark
from desktop.cli import main
sys.exit(main([]))
"""


def start_to_first_paint(tmp_path, db_path) -> tuple[set[str], str]:
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text(f"[data]\ndb_path={db_path}\n[backup]\nschedule=off\n[ui]\nlanguage=zh_CN\n",
                                       encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(home),
               LIAISON_DESK_EXIT_AFTER_PAINT="1", XDG_CONFIG_HOME=str(tmp_path / "config"))
    tops = {m.split(".")[0] for m in HEAVY}
    out = subprocess.run([sys.executable, "-c", CHILD.replace("{top}", repr(tops))], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "first-paint" in out.stdout
    loaded = next(line for line in out.stdout.splitlines() if line.startswith("LOADED")).split()[1:]
    return set(loaded), out.stdout


def test_the_first_paint_loads_none_of_the_heavy_parts(tmp_path, demo_db_path):
    loaded, _ = start_to_first_paint(tmp_path, demo_db_path)
    assert "desktop.pages.home" in loaded and "db.dashboard" in loaded       # the figures were read and shown
    slipped = sorted(m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY))
    assert not slipped, f"loaded before the first paint: {slipped}"


def test_the_file_says_whether_sign_in_is_on_without_db_accounts(demo_db_path):
    from db import accounts
    from db.database import open_database
    from db.startup import ACCOUNTS_KEY, peek_installation
    assert ACCOUNTS_KEY == accounts.ENABLED_KEY
    assert peek_installation(demo_db_path).accounts_on is False
    db = open_database(demo_db_path)
    try:
        with db.atomic():
            accounts._set(db, accounts.ENABLED_KEY, "1")        # as set_enabled does, without a head's account
        assert accounts.enabled(db)
    finally:
        db.conn.close()
    assert peek_installation(demo_db_path).accounts_on is True


def test_sign_in_guard_drafts_and_backup_check_come_once_the_database_opened(app, qtbot, demo_db_path, tmp_path,
                                                                            monkeypatch):
    from db.startup import peek_installation
    from desktop.main_window import MainWindow
    offered = []
    monkeypatch.setattr(MainWindow, "offer_drafts", lambda self: offered.append(self))
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/schedule", "off")
    ctx, window = app_module.build_window_deferred(demo_db_path, settings, app.translations,
                                                   peek_installation(demo_db_path))
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: window.pages["home"].data is not None, timeout=5000)
        assert window.session is None and not offered and not ctx.is_open()
        with qtbot.waitSignal(ctx.opened, timeout=10_000):
            ctx.open_in_background()
        assert window.session is not None and not window.session.locked      # accounts are off in the demo
        assert window.session.status.parent() is not None
        qtbot.waitUntil(lambda: offered == [window], timeout=5000)
    finally:
        window.hide()
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
        ctx.close()


def fresh_window(app, qtbot, demo_db_path, tmp_path, page="home"):
    from db.startup import peek_installation
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/schedule", "off")
    settings.setValue("window/page", page)
    ctx, window = app_module.build_window_deferred(demo_db_path, settings, app.translations,
                                                   peek_installation(demo_db_path))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    return ctx, window


def close(qtbot, ctx, window):
    window.hide()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    ctx.close()


def test_the_minutes_fonts_are_parsed_when_the_meetings_page_is_first_shown(app, qtbot, demo_db_path, tmp_path,
                                                                             monkeypatch):
    from PySide6.QtCore import Qt
    warmed = []
    monkeypatch.setattr(app_module, "warm_minutes_fonts", lambda: warmed.append(1))
    ctx, window = fresh_window(app, qtbot, demo_db_path, tmp_path)
    try:
        app_module.warm_minutes_fonts_with(window)
        qtbot.wait(400)
        assert not warmed                                   # the home page makes no minutes
        row = next(i for i, e in enumerate(window.entries) if e.key == "meetings")
        rect = window.sidebar.visualItemRect(window.sidebar.item(row))
        qtbot.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        assert window.current_page() is window.pages["meetings"]
        qtbot.waitUntil(lambda: warmed == [1], timeout=5000)
        window.show_page("home")
        window.show_page("meetings")
        qtbot.wait(400)
        assert warmed == [1]                                # once
    finally:
        close(qtbot, ctx, window)


def test_a_window_opening_on_the_meetings_page_warms_the_fonts_at_once(app, qtbot, demo_db_path, tmp_path,
                                                                      monkeypatch):
    warmed = []
    monkeypatch.setattr(app_module, "warm_minutes_fonts", lambda: warmed.append(1))
    ctx, window = fresh_window(app, qtbot, demo_db_path, tmp_path, page="meetings")
    try:
        app_module.warm_minutes_fonts_with(window)
        assert warmed == [1]
    finally:
        close(qtbot, ctx, window)


def test_the_font_files_are_read_ahead_without_parsing_them(tmp_path):
    """After the first paint only the operating system reads the font files: nothing of reportlab or the
    minutes is loaded in the program (a child process, as the program runs it)."""
    code = ("import sys, threading\n"
            "from desktop.app import prefetch_minutes_fonts\n"
            "t = prefetch_minutes_fonts()\n"
            "assert t.daemon\n"
            "t.join(60)\n"
            "print('alive', t.is_alive(), 'loaded', sorted(m for m in sys.modules "
            "if m.startswith(('reportlab', 'desktop.minutes'))))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]
    assert "alive False loaded []" in out.stdout


RUN = """
import sys, threading
from PySide6.QtCore import QTimer, Qt
from PySide6.QtTest import QTest
import desktop.app as app
import desktop.main_window as mw
read_ahead = []
_prefetch = app.prefetch_minutes_fonts
app.prefetch_minutes_fonts = lambda: (read_ahead.append(1), _prefetch())
_init = mw.MainWindow.__init__

def init(self, *a, **kw):
    _init(self, *a, **kw)
    QTimer.singleShot(1500, self, lambda: click_meetings(self))
mw.MainWindow.__init__ = init

def click_meetings(w):
    print("after the start: read ahead", len(read_ahead), "minutes loaded", "desktop.minutes" in sys.modules, flush=True)
    row = next(i for i, e in enumerate(w.entries) if e.key == "meetings")
    QTest.mouseClick(w.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=w.sidebar.visualItemRect(w.sidebar.item(row)).center())
    QTimer.singleShot(200, w, lambda: wait_fonts(w, 0))

def wait_fonts(w, n):
    fonts = getattr(sys.modules.get("desktop.minutes.fonts"), "_default", None)     # (None while it is imported)
    if not fonts and n < 300:
        QTimer.singleShot(100, w, lambda: wait_fonts(w, n + 1))
        return
    print("meetings shown: fonts parsed", bool(fonts), flush=True)
    w.close()
sys.exit(app.main([]))
"""


def test_the_program_reads_the_fonts_ahead_and_parses_them_once_the_meetings_are_shown(tmp_path, demo_db_path):
    """The started program (a child process): nothing of the minutes loaded after its start, only the font
    files read ahead; a click on 会议 in the sidebar, and the fonts are parsed in the background."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text(f"[data]\ndb_path={demo_db_path}\n[backup]\nschedule=off\n"
                                       "[ui]\nlanguage=zh_CN\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(home),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop(app_module.ENV_EXIT_AFTER_PAINT, None)
    out = subprocess.run([sys.executable, "-c", RUN], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "after the start: read ahead 1 minutes loaded False" in out.stdout, out.stdout
    assert "meetings shown: fonts parsed True" in out.stdout, out.stdout


VISITS = """
import sys
from PySide6.QtCore import QTimer
import desktop.app as app
import desktop.main_window as mw
_init = mw.MainWindow.__init__

def init(self, *a, **kw):
    _init(self, *a, **kw)
    QTimer.singleShot(300, self, lambda: open_visits(self))
mw.MainWindow.__init__ = init

def open_visits(w):
    page = w.show_page("visits")
    def check():
        if page.model.total is None or not w.ctx.tasks.is_idle() or not w.ctx.is_open():
            QTimer.singleShot(50, w, check)
            return
        print("visits", page.model.total, "loaded", " ".join(sorted(m for m in sys.modules
              if m.split(".")[0] in {top})), flush=True)
        w.close()
    check()
sys.exit(app.main([]))
"""
# What the window never needs to show and search a list (bench_memory): sqlite-utils and what it brings
# (13 MB), and OpenSSL through hashlib (3.3 MB mapped).
NOT_FOR_LISTS = ("sqlite_utils", "click", "dateutil", "pluggy", "hashlib", "_hashlib", "secrets")


def test_the_started_window_with_the_visit_list_open_loads_no_sqlite_utils_nor_openssl(tmp_path, demo_db_path):
    """The program started as a user starts it (a child process): the database opened, the visit list
    shown and counted — and none of NOT_FOR_LISTS loaded."""
    home = tmp_path / "home"
    home.mkdir()
    (home / "settings.ini").write_text(f"[data]\ndb_path={demo_db_path}\n[backup]\nschedule=off\n"
                                       "[ui]\nlanguage=zh_CN\n", encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(home),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    env.pop(app_module.ENV_EXIT_AFTER_PAINT, None)
    code = VISITS.replace("{top}", repr({m.split(".")[0] for m in NOT_FOR_LISTS}))
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-3000:]
    line = next(line for line in out.stdout.splitlines() if line.startswith("visits"))
    assert int(line.split()[1]) > 0
    assert line.split()[3:] == [], f"loaded with the visit list open: {line.split()[3:]}"


def test_settings_shown_at_start_says_how_sign_in_is_set_once_the_database_opened(app, qtbot, demo_db_path,
                                                                                   tmp_path):
    """Found walking: the program closed on 设置 opens on it again, built before the database opened; its 账号与登录
    box then showed the idle minutes as 0, 管理账号… pressable and no word of sign-in being off, until the clerk
    went to another page and back."""
    from db import accounts
    ctx, window = fresh_window(app, qtbot, demo_db_path, tmp_path, page="settings")
    try:
        page = window.current_page()
        assert page is window.pages["settings"] and not ctx.is_open()
        with qtbot.waitSignal(ctx.opened, timeout=10_000):
            ctx.open_in_background()
        box = page.accounts_box
        qtbot.waitUntil(lambda: box.hint.text() != "", timeout=5000)
        assert not accounts.enabled(ctx.db)                                  # the demo: sign-in off
        assert not box.enable.isChecked() and box.hint.text().startswith("未开启")
        assert box.idle.value() == accounts.idle_minutes(ctx.db) > 0
        assert not box.manage.isEnabled() and not box.idle.isEnabled()
    finally:
        close(qtbot, ctx, window)
