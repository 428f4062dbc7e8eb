"""Memory with the city-10y visit list open ÷ a bare PySide6 window (issue 18; budget ≤ 1.5×).

Both in their own processes, alternating, after two warm-ups (OS caches; bytecode written aside, as an
installed application has it). The application is started as a user starts it (desktop.app.main on
city-10y); once its window is up, the 走访 (visits) page is shown, its first page and its full count
(508k rowids) are loaded, every worker has finished and a second has passed (the start-up's background
work done: the database opened, the font files read ahead; the minutes' fonts are parsed only once the
meetings page is shown, which this user has not opened). Then the process reports its resident memory (VmRSS) and its peak
(VmHWM). The baseline is the bare window of bench/gui/bench_startup.py (a QMainWindow with a label),
measured the same way after it painted.

    .venv/bin/python bench/steps/bench_memory.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "foundation"))
from common import city10y_path, report, scratch_dir  # noqa: E402

MEMORY = """
def memory():
    out = {}
    for line in open("/proc/self/status"):
        if line.startswith(("VmRSS", "VmHWM")):
            out[line.split(":")[0]] = int(line.split()[1])
    return out
"""

BARE = MEMORY + """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("委员联络组工作台"))
w.resize(1366, 768)
w.show()
app.processEvents()
w.repaint()
m = memory()
print("memory", m["VmRSS"], m["VmHWM"], flush=True)
"""

# The same bare window with the shipped Chinese UI font registered and set, as any window that shows Chinese
# must do on a PC without a Chinese system font (this machine has none: the bare window above draws its
# title as empty boxes in DejaVu Sans, and maps no CJK font file). Printed beside the budget's ratio, not
# instead of it.
BARE_CJK = BARE.replace("w = QMainWindow()", '''from PySide6.QtGui import QFont, QFontDatabase
fid = QFontDatabase.addApplicationFont("resources/fonts/wqy-microhei.ttc")
app.setFont(QFont(QFontDatabase.applicationFontFamilies(fid)[0], 10))
w = QMainWindow()''')

APP = MEMORY + """
import sys
from PySide6.QtCore import QTimer
import desktop.main_window as mw
_init = mw.MainWindow.__init__

def init(self, *a, **kw):
    _init(self, *a, **kw)
    QTimer.singleShot(300, self, lambda: open_visits(self))
mw.MainWindow.__init__ = init

def open_visits(window):
    page = window.show_page("visits")
    def check():
        if page.model.total is None or not window.ctx.tasks.is_idle() or not window.ctx.is_open:
            QTimer.singleShot(50, window, check)
            return
        window.repaint()
        QTimer.singleShot(1000, window, report)
    def report():
        m = memory()
        print("memory", m["VmRSS"], m["VmHWM"], page.model.total, flush=True)
        window.close()
        from PySide6.QtWidgets import QApplication
        QApplication.instance().quit()
    check()

from desktop.app import main
sys.exit(main([]))
"""


def run(code: str, env: dict) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    for line in out.stdout.splitlines():
        if line.startswith("memory"):
            parts = line.split()
            return int(parts[1]), int(parts[2])
    raise SystemExit(f"no figure (exit {out.returncode}): {out.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    db_path = city10y_path()
    home = scratch_dir("bench-memory-")
    cfg = home / "config" / "LiaisonDesk"
    cfg.mkdir(parents=True)
    ini = f"[data]\ndb_path={db_path}\n[backup]\nschedule=off\n[ui]\nlanguage=zh_CN\n"
    (cfg / "LiaisonDesk.ini").write_text(ini, encoding="utf-8")
    (home / "settings.ini").write_text(ini, encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               LIAISON_DESK_HOME=str(home), PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONPATH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(2):
        run(BARE, env)
        run(APP, env)
    bare, app, bare_cjk = [], [], []
    for _ in range(args.runs):
        bare.append(run(BARE, env))
        app.append(run(APP, env))
        bare_cjk.append(run(BARE_CJK, env))
    b_rss, b_hwm = (statistics.median(x[i] for x in bare) / 1024 for i in (0, 1))
    a_rss, a_hwm = (statistics.median(x[i] for x in app) / 1024 for i in (0, 1))
    ratios = [a[0] / b[0] for a, b in zip(app, bare, strict=True)]
    print(f"bare window: {b_rss:.0f} MB resident (peak {b_hwm:.0f}); Liaison Desk, city-10y visit list open: "
          f"{a_rss:.0f} MB resident (peak {a_hwm:.0f}); ratio pair by pair {min(ratios):.2f}–{max(ratios):.2f}×")
    ok = report("memory, visit list open ÷ bare window (resident)", a_rss / b_rss, 1.5, "×")
    c_rss = statistics.median(x[0] for x in bare_cjk) / 1024
    print(f"{'(no budget) ÷ the bare window showing Chinese in the UI font':<58} {a_rss / c_rss:9.2f} ×   "
          f"({c_rss:.0f} MB)")
    print(f"{'(no budget) peak memory ÷ bare window peak':<58} {a_hwm / b_hwm:9.2f} ×")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
