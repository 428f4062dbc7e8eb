"""Shared by the foundation benchmarks: the cached city-10y demo database, timing, and the report line."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# LIAISON_BENCH_SRC=/path/to/a/patched/copy runs the benches against another `db` (to try a patch)
sys.path.insert(0, os.environ.get("LIAISON_BENCH_SRC", str(ROOT)))
CACHE = ROOT / ".bench-cache"          # gitignored
SEED = 1
TODAY = dt.date(2026, 11, 25)          # fixed, so the cached database is the same on every machine


def scratch_dir(prefix: str) -> Path:
    """A temporary folder removed when the benchmark ends (a run copies databases into it; dozens of runs
    left gigabytes behind)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, True)
    return path


def city10y_path(regenerate: bool = False) -> Path:
    """The cached city-10y demo database; generated (about a minute or two) when missing.
    LIAISON_BENCH_DB=/path/to/a/copy measures that file instead (e.g. one not yet upgraded, with
    LIAISON_BENCH_SRC pointing at the code before the upgrade, for a before/after pair)."""
    if os.environ.get("LIAISON_BENCH_DB"):
        return Path(os.environ["LIAISON_BENCH_DB"])
    from db.database import open_database
    from db.demo import generate
    path = CACHE / f"city-10y-seed{SEED}.sqlite3"
    done = path.with_suffix(".done")        # written only after a complete generation
    if regenerate or not done.exists():
        CACHE.mkdir(exist_ok=True)
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        done.unlink(missing_ok=True)
        print(f"generating city-10y into {path} …", flush=True)
        started = time.perf_counter()
        db = open_database(path)
        counts = generate(db, "city-10y", SEED, today=TODAY)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.conn.close()
        seconds = time.perf_counter() - started
        done.write_text(f"{seconds:.1f} s, {sum(counts.values())} rows\n")
        print(f"generated {sum(counts.values()):,} rows in {seconds:.1f} s", flush=True)
    return path


def open_city10y(regenerate: bool = False):
    from db.database import open_database
    return open_database(city10y_path(regenerate))


def median_ms(fn, repeat: int = 15, warmup: int = 2) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return 1000 * statistics.median(times)


def report(name: str, value: float, budget: float, unit: str = "ms") -> bool:
    """One line: figure, budget, ratio, verdict. Returns True when within budget."""
    ok = value <= budget
    print(f"{name:<58} {value:9.2f} {unit:<3} budget {budget:7.2f} {unit:<3} ratio {value / budget:5.2f}  "
          f"{'ok' if ok else 'OVER'}")
    return ok
