"""Start-up of the window: application, fonts, language, data folder, first run, main window.

`liaison-desk` with no arguments calls `main([])`. Only what the first painted window needs is
imported here; pages, editors and the data core's heavier parts load when first used.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

_T0 = time.perf_counter()

from PySide6.QtCore import QSettings, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

import desktop.qtfix  # noqa: E402, F401 - work-arounds, before the other modules load
from desktop.settings_keys import SETTING_DB  # noqa: E402 - also read as desktop.app.SETTING_DB

ORG = APP = "LiaisonDesk"
# Benchmarks: quit once the home page has painted its data, printing the seconds since start.
ENV_EXIT_AFTER_PAINT = "LIAISON_DESK_EXIT_AFTER_PAINT"
# Benchmarks: print how long each start-up step took, and the memory.
ENV_TRACE = "LIAISON_DESK_TRACE_START"


def _mark(step: str) -> None:
    if os.environ.get(ENV_TRACE):
        import resource
        print(f"{1000 * (time.perf_counter() - _T0):7.1f} ms {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:6.1f} MB "
              f" {step}", flush=True)


def make_settings() -> QSettings:
    """The user's settings: an INI file in the user's config folder, or settings.ini in the folder named
    by LIAISON_DESK_HOME (which portable mode sets), like the data (tests redirect it)."""
    home = os.environ.get("LIAISON_DESK_HOME")
    if home:
        return QSettings(str(Path(home).expanduser() / "settings.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def _crash_log(db_path: Path) -> None:
    """A hard crash (a segfault in Qt) writes its trace to logs/crash.log beside the data: a Windows
    build without a console has no stderr, where faulthandler writes by default. Frozen builds only
    (from source, the console or the test runner has its own)."""
    import faulthandler
    if not (getattr(sys, "frozen", False) or sys.stderr is None):
        return
    try:
        from db.paths import logs_dir
        folder = logs_dir(db_path)
        folder.mkdir(parents=True, exist_ok=True)
        global _CRASH_FILE
        _CRASH_FILE = open(folder / "crash.log", "a", encoding="utf-8")  # noqa: SIM115 - open while running
        faulthandler.enable(_CRASH_FILE)
    except (OSError, RuntimeError, ValueError):
        pass


_CRASH_FILE = None


def create_application(argv: list[str]) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        from desktop.platform_help import explain_platform_failure
        with explain_platform_failure():        # Linux without the window system's libraries: say which
            app = QApplication(["liaison-desk", *argv])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
    if getattr(app, "gc_collector", None) is None:     # cycles freed on the GUI thread only (desktop.gc_thread)
        from desktop.gc_thread import GuiThreadCollector
        app.gc_collector = GuiThreadCollector(app)
    from PySide6.QtGui import QIcon

    from desktop.paths import icon_path
    app.setWindowIcon(QIcon(str(icon_path("app"))))       # the taskbar's and the window's icon
    return app


def prepare(app: QApplication, settings: QSettings):
    """Fonts, language and look: everything a window needs before it is built. Returns the translations."""
    from desktop.fonts import load_fonts
    from desktop.i18n import DEFAULT_LANGUAGE, Translations
    from desktop.style import apply_style
    load_fonts(app)
    translations = Translations(app)
    translations.install(settings.value("ui/language", DEFAULT_LANGUAGE, type=str))
    apply_style(app)
    return translations


def database_path(settings: QSettings) -> Path:
    from db.paths import default_db_path
    stored = settings.value(SETTING_DB, "", type=str)
    return Path(stored) if stored else default_db_path()


def needs_setup(path: Path) -> bool:
    """True when there is no database yet, or it has no office (first run)."""
    if not path.exists() or path.stat().st_size == 0:
        return True
    import sqlite3
    try:
        from db.paths import read_only_uri
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            row = conn.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False            # let open_database say what is wrong with it
    return not (row and row[0])


def build_window(db_path: Path, settings: QSettings, translations):
    """Open the database and build the main window (not shown)."""
    _mark("import db")
    from db.database import open_database
    from desktop.context import AppContext
    db = open_database(db_path)
    _mark("database open")
    ctx = AppContext(db_path, db, settings, lang=translations.lang)
    _mark("context")
    return ctx, _window(ctx, settings, translations, use_db=True)


def build_window_deferred(db_path: Path, settings: QSettings, translations, installation):
    """Build the main window before the database is opened: the home page's figures are read on a
    plain connection meanwhile, and the database opens (with any upgrade) right after the first paint."""
    from desktop.context import AppContext
    ctx = AppContext.deferred(db_path, settings, lang=translations.lang, office=installation.office,
                              versions=set(installation.versions))
    _mark("context")
    return ctx, _window(ctx, settings, translations, use_db=False)


def _window(ctx, settings: QSettings, translations, *, use_db: bool):
    if settings.value("window/page", "home", type=str) == "home":
        from desktop.pages.home import dashboard_op
        ctx.tasks.prefetch("dashboard", dashboard_op(ctx, raw=not use_db), use_db=use_db)
    from desktop.main_window import MainWindow
    window = MainWindow(ctx, translations=translations)
    _mark("window built")
    return window


def _take_db_argument(argv: list[str]) -> Path | None:
    """`--db PATH` (or `--db=PATH`) opens that database for this session, whatever the settings say."""
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            value = argv[i + 1]
            del argv[i:i + 2]
            return Path(value)
        if arg.startswith("--db="):
            del argv[i]
            return Path(arg[5:])
    return None


def _no_display() -> bool:
    """Linux with neither an X display nor a Wayland one (a terminal over ssh, a service) and no platform
    chosen: Qt's xcb plugin cannot start there."""
    env = os.environ
    return (sys.platform.startswith("linux") and not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY")
            and not env.get("WAYLAND_DISPLAY"))


def main(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    db_override = _take_db_argument(argv)
    _mark("imports")
    if _no_display():           # Qt would say so and then abort the process (a core dump, exit 134)
        from desktop.platform_help import explanation
        print(explanation(["could not connect to display"]), file=sys.stderr)
        return 1
    app = create_application(argv)
    _mark("QApplication")
    settings = make_settings()
    translations = prepare(app, settings)
    _mark("fonts, language, style")
    path = db_override or database_path(settings)
    from desktop.single_instance import OneWindow
    one_window = OneWindow(path)
    if one_window.handed_over():        # already open on this file: that window comes forward instead
        translations.uninstall()
        return 0
    _crash_log(path)
    from db.startup import peek_installation
    installation = peek_installation(path)
    if installation is not None:            # accounts on: nothing shows before the sign-in
        signs_in = installation.accounts_on
    else:
        from db.accounts import enabled_in_file
        signs_in = enabled_in_file(path)
    first_run = False
    if installation is None and needs_setup(path):
        from desktop.dialogs.first_run import FirstRunDialog
        dialog = FirstRunDialog(settings, path)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            one_window.close()
            return 0
        path = dialog.db_path
        installation = None
        first_run = dialog.made_new         # an office's existing data opened is no new office
        one_window.listen(path)
    deferred = installation is not None and installation.office is not None and not signs_in
    try:
        if deferred:
            ctx, window = build_window_deferred(path, settings, translations, installation)
        else:
            if installation is not None:
                from desktop import upgrade_progress
                if upgrade_progress.pending(installation.versions):   # (sign-in on) alone, before any window
                    upgrade_progress.before_window(path)
            ctx, window = build_window(path, settings, translations)
    except Exception as exc:  # noqa: BLE001 - the user must learn why the window does not open
        rc = _cannot_open(exc, path, translations.lang)
        one_window.close()
        translations.uninstall()
        return rc
    sys.excepthook = ctx.errors.excepthook
    one_window.window = window
    if os.environ.get(ENV_EXIT_AFTER_PAINT):
        _exit_after_paint(app, window)
    window.show()
    from PySide6.QtCore import QTimer
    if first_run:
        QTimer.singleShot(0, window, lambda: offer_accounts(window))

    def cannot_open(exc: BaseException) -> None:
        _cannot_open(exc, path, translations.lang)
        app.exit(1)

    def after_first_paint() -> None:
        if getattr(after_first_paint, "done", False):
            return
        after_first_paint.done = True
        from desktop.errors_ui import setup_logging
        setup_logging(ctx.data_dir / "logs")
        if deferred and not ctx.is_open():
            from desktop import upgrade_progress
            if upgrade_progress.pending(installation.versions):     # a new version's first start: say so
                window.upgrade_dialog = upgrade_progress.while_opening(ctx, window)
        ctx.open_in_background(on_error=cannot_open)
        QTimer.singleShot(500, window, prefetch_minutes_fonts)
        warm_minutes_fonts_with(window)

    # (timers bound to the window: they die with it)
    home = window.pages.get("home")
    if home is not None and home.data is None:      # let the prefetched figures reach the screen first
        home.data_shown.connect(lambda: QTimer.singleShot(0, window, after_first_paint))
        QTimer.singleShot(1000, window, after_first_paint)
    else:
        QTimer.singleShot(0, window, after_first_paint)
    rc = app.exec()
    one_window.close()
    window.hide()
    window.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    ctx.close()
    translations.uninstall()
    return rc


def offer_accounts(window) -> None:
    """After the first-run set-up: is this PC shared? Then make the head's account (db.accounts)."""
    from desktop.widgets.confirm import confirm
    # buttons named for what they do, as every other question of the program (是(Y)/否(N) made the clerk read the
    # question again); 暂不设置 the default: Enter out of habit leaves the computer as it is
    if confirm(window, QApplication.translate("app", "Sign-in"),
               QApplication.translate("app", "Do several people use this computer? Then each signs in with a name and "
                                      "password, and every change records who made it. You can turn this on later in "
                                      "Settings.\n\nCreate the head's account now?"),
               QApplication.translate("app", "Create the head's account…"), QApplication.translate("app", "Not now")):
        window.session.offer_accounts()


# Pages from which minutes are previewed or printed: the minutes' fonts are parsed when one is first shown.
MINUTES_PAGES = frozenset({"meetings"})


def prefetch_minutes_fonts():
    """Have the operating system read the shipped font files into its page cache, on a background thread
    after the first paint: a first minutes preview then does not wait for the disk (HanaMinA alone is
    23 MB), and the program's own memory does not grow (nothing is parsed or mapped here)."""
    import threading

    from desktop.paths import RESOURCES

    def read() -> None:
        for path in sorted((RESOURCES / "fonts").glob("*.tt[fc]")):
            try:
                with open(path, "rb") as f:
                    if hasattr(os, "posix_fadvise"):
                        os.posix_fadvise(f.fileno(), 0, 0, os.POSIX_FADV_WILLNEED)
                    else:                       # Windows: read it through once, in small pieces
                        while f.read(1 << 20):
                            pass
            except OSError:
                pass
    thread = threading.Thread(target=read, name="prefetch-minutes-fonts", daemon=True)
    thread.start()
    return thread                      # (tests join it; the read may be over before anyone looks)


def warm_minutes_fonts_with(window) -> None:
    """Parse the minutes' fonts (desktop.minutes, ~30 MB of tables) once a page that makes minutes is shown
    (at once if the window opened on one): the first preview does not wait, and a session that never
    opens the meetings does not carry them."""
    current = window.current_page()
    key = next((k for k, p in window.pages.items() if p is current), None)
    if key in MINUTES_PAGES:
        warm_minutes_fonts()
        return

    def shown(key: str) -> None:
        if key in MINUTES_PAGES:
            window.page_shown.disconnect(shown)
            from PySide6.QtCore import QTimer
            QTimer.singleShot(300, window, warm_minutes_fonts)      # after the page's own first paint
    window.page_shown.connect(shown)


def warm_minutes_fonts():
    """Load reportlab and parse the minutes' fonts on a background thread, so the first minutes preview
    does not wait for them (about 0.8 s on an office PC; a warm render is 0.1–0.3 s). Returns the thread."""
    import threading

    def load() -> None:
        try:
            import desktop.minutes  # noqa: F401 - reportlab and the layout code
            from desktop.minutes.fonts import default_font_set
            default_font_set()
        except Exception:  # noqa: BLE001 - the preview will load them itself and report any problem
            pass
    thread = threading.Thread(target=load, name="warm-minutes-fonts", daemon=True)
    thread.start()
    return thread


def _cannot_open(exc: BaseException, path: Path, lang: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    from db.paths import logs_dir
    from desktop.errors_ui import bug_text, explain
    known = explain(exc, lang)
    text = known[1] if known else bug_text(exc, logs_dir(path))
    QMessageBox.critical(None, QApplication.translate("app", "Cannot open the data"),
                         QApplication.translate("app", "The data file %1 cannot be opened:\n%2")
                         .replace("%1", str(path)).replace("%2", text))
    return 1


def _exit_after_paint(app: QApplication, window) -> None:
    """For benchmarks: once the home page shows its data, paint the window, print the time, quit."""
    from PySide6.QtCore import QTimer
    home = window.pages.get("home")

    def done():
        _mark("dashboard data")
        window.repaint()
        print(f"first-paint {time.perf_counter() - _T0:.3f}", flush=True)
        app.exit(0)

    if home is not None and hasattr(home, "data_shown"):
        home.data_shown.connect(done)
    else:
        QTimer.singleShot(0, done)
