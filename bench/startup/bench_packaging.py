"""The installed program as a new user meets it: the frozen start, the first minutes preview, the sizes.

Budgets:
  frozen start to the first painted window with data (township) ÷ a bare PySide6 window frozen the
  same way (PyInstaller onedir, same Python, stripped) ............................... ≤ 2×
  first minutes preview after start, click to painted page (fresh process: fonts cold) .... ≤ 1 s
  installer (.deb, .tar.gz) .......................................................... ≤ 120 MB

Starts are medians of 7 alternating runs after 2 warm-ups, offscreen, the files in the OS cache; the
very first start of the bundle (its files not yet read since it was built) is reported too. The
preview is measured in the window from the source tree in a new process per run (the frozen program
runs the same code and reads the same font files). Sizes come from the last `bootstrap.py package`
(build/package-report.json).

    python3 bootstrap.py package && .venv-package/bin/python bench/startup/bench_packaging.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "build" / "pyinstaller" / "dist" / "liaison-desk" / "liaison-desk"
BARE_DIR = ROOT / "build" / "bench-bare"
BARE_EXE = BARE_DIR / "dist" / "bare-window" / "bare-window"

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

PREVIEW = r"""
import sys, time
sys.path.insert(0, {root!r})
from desktop.app import create_application, prepare, make_settings
app = create_application([])
settings = make_settings()
translations = prepare(app, settings)
from db.database import open_database
from desktop.context import AppContext
db_path = {db!r}
ctx = AppContext(db_path, open_database(db_path), settings, lang="zh_CN")
meeting = ctx.db.execute("SELECT id FROM meeting WHERE state = 'final' ORDER BY starts_at DESC LIMIT 1").fetchone()[0]
from desktop.dialogs.meeting_editor import MeetingEditor
editor = MeetingEditor(ctx, meeting, None)
editor.resize(1366, 768)
editor.show()
editor.select_tab(5)
app.processEvents()
if {warm_first!r}:            # as the program does when the meetings page is first shown (desktop.app.warm_minutes_fonts)
    import threading
    from desktop.app import warm_minutes_fonts
    warm_minutes_fonts()
    for t in threading.enumerate():
        if t.name == "warm-minutes-fonts":
            while t.is_alive():
                app.processEvents()
                time.sleep(0.01)
for label in ("cold", "warm"):
    started = time.perf_counter()
    editor.minutes.refresh_button.click()
    while editor.minutes.page_count() == 0 or not editor.minutes.refresh_button.isEnabled():
        app.processEvents()
        time.sleep(0.002)
    editor.minutes.view.viewport().repaint()
    print(f"preview-{{label}} {{time.perf_counter() - started:.3f}} pages {{editor.minutes.page_count()}}", flush=True)
    editor.minutes.document.close()
editor._may_close = True
editor.close()
ctx.close()
"""


def spawn_to_paint(cmd: list[str], env: dict) -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    seconds = None
    for line in proc.stdout:
        if line.startswith("first-paint"):
            seconds = time.perf_counter() - started
            break
    proc.stdout.close()
    rc = proc.wait(timeout=120)
    if seconds is None or rc != 0:
        raise SystemExit(f"{cmd[0]} did not paint (exit {rc})")
    return seconds


def build_bare() -> None:
    if BARE_EXE.exists():
        return
    BARE_DIR.mkdir(parents=True, exist_ok=True)
    (BARE_DIR / "bare-window.py").write_text(BARE, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--onedir", "--strip", "--log-level", "WARN",
                    "--name", "bare-window", "--distpath", str(BARE_DIR / "dist"),
                    "--workpath", str(BARE_DIR / "work"), "--specpath", str(BARE_DIR),
                    str(BARE_DIR / "bare-window.py")], check=True)


def main() -> int:
    if not BUNDLE.exists():
        raise SystemExit("build the bundle first: python3 bootstrap.py package")
    build_bare()
    home = Path(tempfile.mkdtemp(prefix="bench-frozen-"))
    db = home / "liaison-desk.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(home),
               LIAISON_DESK_EXIT_AFTER_PAINT="1", LIAISON_DESK_TODAY="2026-11-25")
    subprocess.run([str(BUNDLE), "demo", "--size", "township", "--seed", "1", "--db", str(db)], env=env,
                   check=True, stdout=subprocess.DEVNULL)
    (home / "settings.ini").write_text(f"[data]\ndb_path={db}\n[backup]\nschedule=off\n[ui]\nlanguage=zh_CN\n",
                                       encoding="utf-8")
    first = spawn_to_paint([str(BUNDLE)], env)
    for _ in range(2):
        spawn_to_paint([str(BUNDLE)], env)
        spawn_to_paint([str(BARE_EXE)], env)
    app_t, bare_t = [], []
    for _ in range(7):
        app_t.append(spawn_to_paint([str(BUNDLE)], env))
        bare_t.append(spawn_to_paint([str(BARE_EXE)], env))
    a, b = statistics.median(app_t), statistics.median(bare_t)
    print(f"frozen start to first painted window (township), median of 7: {a:.3f} s "
          f"(range {min(app_t):.3f}–{max(app_t):.3f}); first start after the build {first:.3f} s")
    print(f"bare PySide6 window frozen the same way: {b:.3f} s (range {min(bare_t):.3f}–{max(bare_t):.3f})")
    print(f"ratio {a / b:.2f}×  (budget ≤ 2×)  {'ok' if a / b <= 2 else 'OVER'}")

    venv_py = ROOT / ".venv" / "bin" / "python"
    for warm_first, what in ((False, "clicked at once, fonts cold"),
                             (True, "clicked after the warm-up of the minutes' fonts (meetings page shown)")):
        cold, warm = [], []
        for _ in range(3):
            env_p = dict(env)
            env_p.pop("LIAISON_DESK_EXIT_AFTER_PAINT")
            code = PREVIEW.format(root=str(ROOT), db=str(db), warm_first=warm_first)
            out = subprocess.run([str(venv_py), "-c", code], env=env_p, capture_output=True, text=True,
                                 timeout=300, cwd=ROOT).stdout
            for line in out.splitlines():
                kind, sec = line.split()[:2]
                (cold if kind == "preview-cold" else warm).append(float(sec))
        if cold:
            first = statistics.median(cold)
            print(f"first minutes preview after start, click to painted page, {what}: {first:.2f} s "
                  f"(runs {', '.join(f'{c:.2f}' for c in cold)}); the second preview {statistics.median(warm):.2f} s"
                  f"  (budget ≤ 1 s)  {'ok' if first <= 1 else 'OVER'}")
        else:
            print("the preview run printed nothing")

    frozen_cli = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run([str(BUNDLE), "minutes", "--db", str(db), "--from", "2026-11-01", "--to", "2026-11-30",
                        "--out", str(home / "m.pdf")], env=env, check=True, stdout=subprocess.DEVNULL)
        frozen_cli.append(time.perf_counter() - t0)
    print(f"frozen `minutes` for November's meetings (process start to file): {statistics.median(frozen_cli):.2f} s")

    report = ROOT / "build" / "package-report.json"
    if report.exists():
        r = json.loads(report.read_text(encoding="utf-8"))
        print(f"\nbundle {r['bundle_bytes'] / 2**20:.1f} MiB; glibc needed: {r['glibc']}")
        for label, size in r["breakdown"]:
            print(f"  {size / 2**20:6.1f} MiB  {label}")
        for key in ("deb", "tar_gz"):
            name, size = r[key]
            print(f"{name}: {size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)  (budget ≤ 120 MB)  "
                  f"{'ok' if size <= 120e6 else 'OVER'}")
    shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
