"""The Windows build under Wine: start of liaison-desk.exe to the first painted window with the home
page's data (township demo), against a bare PySide6 window started the same way (the same exe, the same
embedded Python, offscreen), alternating, medians.

Budget (issue 9): ≤ 2 × the bare window. Wall time from `wine liaison-desk.exe …` to the "first-paint"
line, so Wine's own process start (the same for both) is inside both figures; the in-process time
(from the script's first line) is printed too.

    bash packaging/ci-windows.sh          # or: python3 bootstrap.py package --windows --no-installer
    .venv/bin/python bench/windows/bench_first_window.py [--bundle build/windows/LiaisonDesk]
                                                         [--prefix build/wine-ci/prefix] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUDGET = 2.0


def winepath(path: Path) -> str:
    return "Z:" + str(path.resolve()).replace("/", "\\")


def run(cmd: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds to the "first-paint" line, and the seconds the process itself printed."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            encoding="utf-8", errors="replace")
    wall = inner = None
    out = []
    for line in proc.stdout:
        out.append(line)
        if line.startswith("first-paint"):
            wall = time.perf_counter() - started
            inner = float(line.split()[1])
            break
    proc.wait()
    if wall is None:
        raise SystemExit("no first paint:\n" + "".join(out[-20:]))
    return wall, inner


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bundle", default=str(ROOT / "build" / "windows" / "LiaisonDesk"))
    ap.add_argument("--prefix", help="a Wine prefix with the bcryptprimitives stand-in (default: a new one, "
                    "made and removed here)")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bundle = Path(args.bundle)
    with tempfile.TemporaryDirectory(prefix="liaison-desk-wine-") as fresh:
        prefix = args.prefix or fresh
        env = dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all", WINEDLLOVERRIDES="mscoree,mshtml=")
        try:
            return measure(bundle, env, args.runs, new_prefix=not args.prefix)
        finally:
            subprocess.run(["wineserver", "-k"], env=env, stderr=subprocess.DEVNULL)


def measure(bundle: Path, env: dict, runs: int, *, new_prefix: bool) -> int:
    # Wine's server and services started first, on /dev/null: started from inside a measured run they
    # would inherit its pipe (and keep it open); -p keeps the server up between runs
    subprocess.run(["wineserver", "-p"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    subprocess.run(["wineboot", "-i"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if new_prefix:      # Wine 8 lacks bcryptprimitives.dll (QtPdf, cryptography): the test-only stand-in
        system32 = Path(env["WINEPREFIX"]) / "drive_c" / "windows" / "system32"
        subprocess.run(["x86_64-w64-mingw32-gcc", "-O2", "-s", "-shared", "-o", str(system32 / "bcryptprimitives.dll"),
                        str(ROOT / "packaging" / "windows" / "wine" / "bcryptprimitives.c"), "-ladvapi32"], check=True)
    exe = str(bundle / "liaison-desk.exe")
    script = winepath(ROOT / "packaging" / "windows" / "wine_window.py")
    with tempfile.TemporaryDirectory(prefix="ld-bench-") as tmp:
        db = Path(tmp) / "demo.sqlite3"
        subprocess.run(["wine", str(bundle / "liaison-desk-cli.exe"), "demo", "--size", "township", "--seed", "1",
                        "--db", winepath(db)], env=env, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        png = winepath(Path(tmp) / "home.png")
        app_cmd = ["wine", exe, "-I", script, "app", winepath(db), png]
        bare_cmd = ["wine", exe, "-I", script, "bare"]
        for _ in range(2):                                     # warm-up: the files in the OS cache
            run(app_cmd, env)
            run(bare_cmd, env)
        apps, bares = [], []
        for _ in range(runs):
            apps.append(run(app_cmd, env))
            bares.append(run(bare_cmd, env))
    med = lambda rows, i: statistics.median(r[i] for r in rows)  # noqa: E731
    ratio = med(apps, 0) / med(bares, 0)
    print(f"first painted window with data (wall, under Wine): {med(apps, 0):.2f} s "
          f"(in process {med(apps, 1):.2f} s), runs {[round(a[0], 2) for a in apps]}")
    print(f"bare PySide6 window, same exe                     : {med(bares, 0):.2f} s "
          f"(in process {med(bares, 1):.2f} s), runs {[round(b[0], 2) for b in bares]}")
    print(f"ratio {ratio:.2f}× (budget ≤ {BUDGET}×) — {'within' if ratio <= BUDGET else 'OVER'}; "
          f"in-process ratio {med(apps, 1) / med(bares, 1):.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
