"""The first minutes preview after a fresh start, in the window, township demo, the fonts not in the
operating system's page cache (issue 18; budget ≤ 1 s, click 显示纪要 → the first page painted).

Each run is a new process: the application's own start (desktop.app: QApplication, settings,
translations), a meeting's editor on its minutes tab, then the click. Before each run the font files
(the shipped ones and reportlab's) are evicted from the page cache with posix_fadvise(DONTNEED) — only
those files, not the machine's whole cache (the machine is shared); so the fonts are read from disk,
as on a PC's first preview of the day. Two cases: clicked at once, and clicked after the background
warm-up of the fonts (desktop.app.warm_minutes_fonts, which the program starts when the meetings page
is first shown; after its first paint it only has the operating system read the font files ahead,
desktop.app.prefetch_minutes_fonts, which this bench leaves out: the files stay cold).
Baseline (no budget, printed): plain reportlab parsing the same four font files with its stock TTFont,
same cold page cache, in a fresh process.

    .venv/bin/python bench/steps/bench_first_preview.py [--runs N]
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
from common import report, scratch_dir  # noqa: E402

PREVIEW = r"""
import sys, time
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
editor.select_tab(editor.tabs.indexOf(editor.minutes))
app.processEvents()
if {warm_first!r}:
    import threading
    from desktop.app import warm_minutes_fonts
    warm_minutes_fonts()
    for t in threading.enumerate():
        if t.name == "warm-minutes-fonts":
            while t.is_alive():
                app.processEvents()
                time.sleep(0.01)
started = time.perf_counter()
editor.minutes.refresh_button.click()
while editor.minutes.page_count() == 0 or not editor.minutes.refresh_button.isEnabled():
    app.processEvents()
    time.sleep(0.002)
editor.minutes.view.viewport().repaint()
print(f"preview {{time.perf_counter() - started:.3f}} {{editor.minutes.page_count()}}", flush=True)
editor._may_close = True
editor.close()
ctx.close()
"""

STOCK = r"""
import time
t = time.perf_counter()
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfbase import pdfmetrics
for i, (name, index) in enumerate({faces!r}):
    pdfmetrics.registerFont(TTFont(f"F{{i}}", name, subfontIndex=index))
print(f"preview {{time.perf_counter() - t:.3f}} 0", flush=True)
"""


def font_files() -> list[Path]:
    import reportlab
    rl = Path(reportlab.__file__).parent / "fonts"
    return [*sorted((ROOT / "resources" / "fonts").glob("*.tt?")), *sorted(rl.glob("*"))]


def evict(paths: list[Path]) -> None:
    for p in paths:
        fd = os.open(p, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def resident(paths: list[Path]) -> float:
    """Share of the files' pages in the page cache (mincore on a mapping of each)."""
    import ctypes
    import mmap
    libc = ctypes.CDLL(None, use_errno=True)
    total = cached = 0
    for p in paths:
        size = p.stat().st_size
        if not size:
            continue
        with open(p, "rb") as f:
            m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_COPY)    # private: never written, only asked
        n = (size + mmap.PAGESIZE - 1) // mmap.PAGESIZE
        vec = (ctypes.c_ubyte * n)()
        address = ctypes.addressof((ctypes.c_char * 1).from_buffer(m))
        libc.mincore(ctypes.c_void_p(address), ctypes.c_size_t(size), vec)
        cached += sum(v & 1 for v in vec)
        total += n
    return cached / max(total, 1)


def run(code: str, env: dict) -> float:
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                         timeout=300)
    for line in out.stdout.splitlines():
        if line.startswith("preview"):
            return float(line.split()[1])
    raise SystemExit(f"no figure (exit {out.returncode}): {out.stderr[-1500:]}")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    home = scratch_dir("bench-preview-")
    db = home / "liaison-desk.sqlite3"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", LIAISON_DESK_HOME=str(home), LIAISON_DESK_TODAY="2026-11-25",
               PYTHONPYCACHEPREFIX=str(home / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)       # an installed program runs from bytecode
    subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--size", "township", "--seed", "1", "--db", str(db)],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    (home / "settings.ini").write_text(f"[data]\ndb_path={db}\n[backup]\nschedule=off\n[ui]\nlanguage=zh_CN\n",
                                       encoding="utf-8")
    fonts = font_files()
    from desktop.minutes.fonts import SHIPPED
    faces = [(str(ROOT / "resources" / "fonts" / name), index) for name, index in SHIPPED.values()]
    results = {}
    cases = (("at once", PREVIEW.format(db=str(db), warm_first=False)),
             ("after the warm-up (meetings page shown)", PREVIEW.format(db=str(db), warm_first=True)),
             ("baseline: stock reportlab TTFont, the 4 faces parsed", STOCK.format(faces=faces)))
    for _name, code in cases:
        run(code, env)                              # bytecode written, other files in the cache
    for _ in range(args.runs):
        for name, code in cases:
            evict(fonts)
            before = resident(fonts)
            results.setdefault(name, []).append((run(code, env), before))
    ok = True
    for name, runs in results.items():
        secs = [r[0] for r in runs]
        print(f"first preview, {name}: median {statistics.median(secs):.2f} s, range {min(secs):.2f}–{max(secs):.2f} s "
              f"(font pages cached before each run: {max(r[1] for r in runs):.0%})")
        if not name.startswith("baseline"):
            ok &= report(f"first minutes preview, township, fonts cold, {name}", statistics.median(secs), 1.0, "s")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
