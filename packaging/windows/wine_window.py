"""Run inside the Windows bundle (under Wine, by packaging/ci-windows.sh; or on a real Windows PC):
open a window offscreen, print "first-paint" when it has painted, and quit.

    liaison-desk.exe -I wine_window.py app DB SCREENSHOT.png   the real start-up (desktop.app.main) on DB;
                                                              the home page with its data is saved
    liaison-desk.exe -I wine_window.py bare                    a bare PySide6 window, for comparison

(`-I` as the first argument makes the launcher run Python itself.) Offscreen is set here: a CI machine
has no display.
"""

from __future__ import annotations

import os
import sys
import time

T0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"


def bare() -> int:
    from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
    app = QApplication(sys.argv[:1])
    w = QMainWindow()
    w.setCentralWidget(QLabel("委员联络组工作台"))
    w.resize(1366, 768)
    w.show()
    app.processEvents()
    w.repaint()
    print(f"first-paint {time.perf_counter() - T0:.3f}", flush=True)
    return 0


def real(db: str, png: str) -> int:
    import desktop.app as start

    def exit_after_paint(app, window) -> None:
        from PySide6.QtCore import QTimer
        window.resize(1366, 768)
        home = window.pages.get("home")

        def done():
            window.repaint()
            print(f"first-paint {time.perf_counter() - T0:.3f}", flush=True)
            ok = window.grab().save(png)
            print(f"screenshot {'saved' if ok else 'NOT saved'}: {png}", flush=True)
            app.exit(0 if ok else 1)

        if home is not None and hasattr(home, "data_shown"):
            home.data_shown.connect(done)
        else:
            QTimer.singleShot(0, done)
        QTimer.singleShot(60_000, lambda: (print("no first paint within 60 s", flush=True), app.exit(3)))

    def cannot_open(exc, path, lang) -> int:        # no modal message box: say why, and fail
        import traceback
        print("the window could not open:", file=sys.stderr)
        traceback.print_exception(exc, file=sys.stderr)
        return 1

    os.environ[start.ENV_EXIT_AFTER_PAINT] = "1"
    start._cannot_open = cannot_open
    start._exit_after_paint = exit_after_paint
    return start.main(["--db", db])


if __name__ == "__main__":
    import faulthandler
    if sys.stderr is not None:                 # where it hangs, if it does
        faulthandler.dump_traceback_later(40, exit=True)
    args = sys.argv[1:]
    sys.exit(bare() if args[:1] == ["bare"] else real(args[1], args[2]))
