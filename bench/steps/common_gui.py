"""Shared by the bench/steps scripts: a QApplication with the app's fonts, style and zh_CN, a context on
the cached city-10y demo (or another file), waiting for a signal, and a meter of GUI-thread stalls."""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "foundation"))

from common import city10y_path, report, scratch_dir  # noqa: E402,F401
from PySide6.QtCore import QElapsedTimer, QEventLoop, QSettings, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402


def as_installed() -> None:
    """The project's modules compiled to bytecode first, as the installed program ships them: the cold path
    of a page (its modules imported at the first click) then times the import, not Python's compiler (this
    machine sets PYTHONDONTWRITEBYTECODE, so without this every run compiled ~30 modules: ~60 ms of the sync
    page's first open). The .pyc files go to __pycache__ (gitignored); imports read them whatever that
    variable says."""
    import compileall
    for pkg in ("db", "desktop"):
        compileall.compile_dir(str(ROOT / pkg), quiet=1)


as_installed()


def make_app() -> QApplication:
    from desktop.fonts import load_fonts
    from desktop.i18n import Translations
    from desktop.style import apply_style
    app = QApplication.instance() or QApplication([])
    load_fonts(app)
    apply_style(app)
    Translations(app).install("zh_CN")
    return app


def make_context(path: Path | None = None):
    from db.database import open_database
    from desktop.context import AppContext
    path = path or city10y_path()
    tmp = str(scratch_dir("bench-steps-"))
    return AppContext(path, open_database(path), QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))


def wait_for(signal, timeout_ms: int = 30_000) -> bool:
    """Run the event loop until `signal` fires (True) or the timeout (False)."""
    fired = []
    loop = QEventLoop()

    def done(*_a):
        fired.append(1)
        loop.quit()
    signal.connect(done)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    signal.disconnect(done)
    return bool(fired)


def wait_until(predicate, timeout_ms: int = 30_000) -> bool:
    """Run the event loop (idle between events, as the application's own loop is) until `predicate()`;
    checked every 2 ms. A busy Python loop here would compete with the workers for the GIL."""
    if predicate():
        return True
    loop = QEventLoop()
    clock = QElapsedTimer()
    clock.start()
    timer = QTimer(interval=2)

    def check():
        if predicate() or clock.elapsed() > timeout_ms:
            loop.quit()
    timer.timeout.connect(check)
    timer.start()
    loop.exec()
    timer.stop()
    return predicate()


class StallMeter:
    """Largest gap between ticks of a 5 ms timer on the GUI thread (how long the GUI was blocked)."""

    def __init__(self):
        self.clock = QElapsedTimer()
        self.timer = QTimer(interval=5)
        self.timer.timeout.connect(self._tick)
        self.worst = 0.0
        self.last = 0

    def start(self):
        self.clock.start()
        self.last = 0
        self.worst = 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        QApplication.processEvents()
        return self.worst

    def _tick(self):
        now = self.clock.elapsed()
        self.worst = max(self.worst, now - self.last)
        self.last = now


def spread(values) -> str:
    import statistics
    return f"median {statistics.median(values):.0f} ms, range {min(values):.0f}–{max(values):.0f} ms"
