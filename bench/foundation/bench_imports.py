"""Importing `db` stays light: `import db.write, db.search, db.database` costs at most 1.5× the
import of sqlite_utils itself (both measured above a bare interpreter start), and importing
every module of `db` loads none of PySide6, reportlab, openpyxl.

    .venv/bin/python bench/foundation/bench_imports.py
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

import common

BUDGET_RATIO = 1.5
HEAVY = ("PySide6", "shiboken6", "reportlab", "openpyxl")
EVERY_DB_MODULE = """
import importlib, pkgutil, sys, db
for m in pkgutil.walk_packages(db.__path__, 'db.'):
    importlib.import_module(m.name)
print(','.join(sorted(h for h in HEAVY if any(k == h or k.startswith(h + '.') for k in sys.modules))))
print(len(sys.modules))
""".replace("HEAVY", repr(HEAVY))


def run_ms(code: str, repeat: int = 9) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=common.ROOT)
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def main() -> int:
    bare = run_ms("pass")
    su = run_ms("import sqlite_utils")
    ours = run_ms("import db.write, db.search, db.database")
    print(f"bare interpreter {bare:.1f} ms; import sqlite_utils {su:.1f} ms; "
          f"import db.write, db.search, db.database {ours:.1f} ms")
    ok = common.report("import db (above bare start) / import sqlite_utils (above bare)",
                       (ours - bare) / max(su - bare, 0.1), BUDGET_RATIO, "×")
    out = subprocess.run([sys.executable, "-c", EVERY_DB_MODULE], check=True, cwd=common.ROOT,
                         capture_output=True, text=True).stdout.split("\n")
    heavy, n = out[0], out[1]
    print(f"every db module imported: {n} modules loaded; heavy ones: {heavy or 'none'}")
    ok &= not heavy
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
