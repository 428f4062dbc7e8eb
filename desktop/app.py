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

ORG = APP = "LiaisonDesk"
SETTING_DB = "data/db_path"
# Benchmarks: quit once the home page has painted its data, printing the seconds since start.
ENV_EXIT_AFTER_PAINT = "LIAISON_DESK_EXIT_AFTER_PAINT"


def make_settings() -> QSettings:
    """The user's settings (an INI file in the user's config folder; tests redirect it)."""
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, ORG, APP)


def create_application(argv: list[str]) -> QApplication:
    import desktop.qtfix  # noqa: F401 - work-arounds before any signal is emitted
    QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication(["liaison-desk", *argv])
    app.setOrganizationName(ORG)
    app.setApplicationName(APP)
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
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False            # let open_database say what is wrong with it
    return not (row and row[0])


def build_window(db_path: Path, settings: QSettings, translations):
    """Open the database and build the main window (not shown)."""
    from db.database import open_database
    from desktop.context import AppContext
    from desktop.errors_ui import setup_logging
    from desktop.main_window import MainWindow
    db = open_database(db_path)
    ctx = AppContext(db_path, db, settings, lang=translations.lang)
    setup_logging(ctx.data_dir / "logs")
    window = MainWindow(ctx, translations=translations)
    return ctx, window


def main(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    app = create_application(argv)
    settings = make_settings()
    translations = prepare(app, settings)
    path = database_path(settings)
    if needs_setup(path):
        from desktop.dialogs.first_run import FirstRunDialog
        dialog = FirstRunDialog(settings, path)
        if dialog.exec() != FirstRunDialog.DialogCode.Accepted:
            return 0
        path = dialog.db_path
    try:
        ctx, window = build_window(path, settings, translations)
    except Exception as exc:  # noqa: BLE001 - the user must learn why the window does not open
        return _cannot_open(exc, path, translations.lang)
    sys.excepthook = ctx.errors.excepthook
    if os.environ.get(ENV_EXIT_AFTER_PAINT):
        _exit_after_paint(app, window)
    window.show()
    rc = app.exec()
    ctx.close()
    return rc


def _cannot_open(exc: BaseException, path: Path, lang: str) -> int:
    from PySide6.QtWidgets import QMessageBox

    from desktop.errors_ui import explain
    known = explain(exc, lang)
    text = known[1] if known else f"{type(exc).__name__}: {exc}"
    QMessageBox.critical(None, QApplication.translate("app", "Cannot open the data"),
                         QApplication.translate("app", "The data file %1 cannot be opened:\n%2")
                         .replace("%1", str(path)).replace("%2", text))
    return 1


def _exit_after_paint(app: QApplication, window) -> None:
    home = window.pages.get("home")

    def done():
        print(f"first-paint {time.perf_counter() - _T0:.3f}", flush=True)
        app.quit()

    if home is not None and hasattr(home, "painted_with_data"):
        home.painted_with_data.connect(done)
    else:
        from PySide6.QtCore import QTimer
        QTimer.singleShot(0, done)
