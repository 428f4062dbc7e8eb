"""Start-up: launching Liaison Desk to the first painted main window with the home page's data
(city-10y), against a bare PySide6 window process measured side by side.

Budgets (offscreen; medians of 7 alternating runs after 2 warm-ups; the data file in the OS cache;
bytecode compiled, as in an installed application):
  time from process start to first painted window with the dashboard's data ... ≤ 2 × the bare window's
  peak memory (max RSS) ............................................................ ≤ 1.5 × the bare window's

    .venv/bin/python bench/gui/bench_startup.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "foundation"))
from common import city10y_path, report, scratch_dir  # noqa: E402

BARE = """
import sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
w = QMainWindow()
w.setCentralWidget(QLabel("委员联络组工作台"))
w.resize(1366, 768)
w.show()
app.processEvents()
w.repaint()
print("first-paint", flush=True)
"""

APP = "import sys; from desktop.app import main; sys.exit(main([]))"


def run(code: str, env: dict) -> tuple[float, int]:
    """Seconds from spawn to the "first-paint" line, and the peak RSS in KB."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True)
    seconds = None
    for line in proc.stdout:
        if line.startswith("first-paint"):
            seconds = time.perf_counter() - started
            break
    proc.stdout.close()
    _pid, status, usage = os.wait4(proc.pid, 0)
    if seconds is None or os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"the process did not paint (exit {os.waitstatus_to_exitcode(status)})")
    return seconds, usage.ru_maxrss


def settled_memory(env: dict, seconds: float = 3.0) -> int:
    """Peak RSS (KB) of the application left running for a while after its first paint (the
    database opened properly, sqlite-utils loaded): reported, no budget."""
    quiet = dict(env)
    quiet.pop("LIAISON_DESK_EXIT_AFTER_PAINT", None)
    proc = subprocess.Popen([sys.executable, "-c", APP], cwd=ROOT, env=quiet, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    proc.terminate()
    _pid, _status, usage = os.wait4(proc.pid, 0)
    return usage.ru_maxrss


def main() -> int:
    db_path = city10y_path()
    home = scratch_dir("bench-start-")
    cfg = home / "config" / "LiaisonDesk"
    cfg.mkdir(parents=True)
    ini = f"[data]\ndb_path={db_path}\n[backup]\nschedule=off\n[ui]\nlanguage=zh_CN\n"
    (cfg / "LiaisonDesk.ini").write_text(ini, encoding="utf-8")
    (home / "settings.ini").write_text(ini, encoding="utf-8")      # settings follow LIAISON_DESK_HOME
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(home / "config"),
               LIAISON_DESK_HOME=str(home), LIAISON_DESK_EXIT_AFTER_PAINT="1",
               PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONPATH", None)
    # An installed application runs from compiled bytecode; a development shell may forbid writing
    # it (PYTHONDONTWRITEBYTECODE), which would time the compiler. The warm-up runs write it aside.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    for _ in range(2):                     # warm the OS caches (Python, Qt, fonts, the data file)
        run(BARE, env)
        run(APP, env)
    bare_t, bare_m, app_t, app_m = [], [], [], []
    for _ in range(7):
        t, m = run(BARE, env)
        bare_t.append(t)
        bare_m.append(m)
        t, m = run(APP, env)
        app_t.append(t)
        app_m.append(m)
    bt, at = statistics.median(bare_t), statistics.median(app_t)
    bm, am = statistics.median(bare_m) / 1024, statistics.median(app_m) / 1024
    print(f"bare PySide6 window: {1000 * bt:.0f} ms, {bm:.0f} MB; Liaison Desk on city-10y: "
          f"{1000 * at:.0f} ms, {am:.0f} MB")
    ok = report("start to first painted window with data ÷ bare window", at / bt, 2.0, "×")
    ok &= report("peak memory ÷ bare window", am / bm, 1.5, "×")
    print(f"{'(no budget) peak memory 3 s after start, database open':<58} {settled_memory(env) / 1024:9.0f} MB")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
