"""Issue 17's costs on the city-10y demo database (bench/foundation/common.py caches it), each against a
baseline measured in the same run, cold (first call on a fresh connection) and warm (median of 7):

  home page figures and agenda, amended minutes once ÷ the same queries without that condition ... ≤ 1.5×
  visits (508k) first page sorted by group in pinyin order ÷ sorted by the bare name ............... ≤ 1.3×
  meetings first page sorted by group in pinyin order ÷ sorted by the bare name .................... ≤ 1.3×
  a year's duty records in pinyin order ÷ the same records in code-point order ..................... ≤ 1.2×
  demo --network (7 offices, installed and synced) ÷ demo --size district in the same run .......... ≤ 2×

The network's time is mostly what real offices do too: 6 setup files, each sealed and opened under its
passcode (scrypt, two derivations of ~0.2 s each), and 66 packages written with fsync.

    .venv/bin/python bench/records/bench_sort_and_counts.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench" / "foundation"))

from common import TODAY, city10y_path  # noqa: E402

from db import dashboard as dash  # noqa: E402
from db import duty  # noqa: E402
from db.database import open_database  # noqa: E402
from db.sortkey import group_order  # noqa: E402


def timed(fn, repeat=7) -> tuple[float, float]:
    """(cold ms, warm median ms)."""
    t = time.perf_counter()
    fn()
    cold = 1000 * (time.perf_counter() - t)
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        warm.append(1000 * (time.perf_counter() - t))
    return cold, statistics.median(warm)


def compared(fn, base, repeat=9) -> tuple[tuple[float, float], tuple[float, float]]:
    """Both cold once, then alternated `repeat` times (the machine is shared: load comes and goes)."""
    out = []
    for f in (fn, base):
        t = time.perf_counter()
        f()
        out.append([1000 * (time.perf_counter() - t), []])
    for _ in range(repeat):
        for i, f in enumerate((fn, base)):
            t = time.perf_counter()
            f()
            out[i][1].append(1000 * (time.perf_counter() - t))
    return (out[0][0], statistics.median(out[0][1])), (out[1][0], statistics.median(out[1][1]))


def line(what: str, value: tuple, base: tuple, budget: float) -> bool:
    ratio = value[1] / base[1]
    ok = ratio <= budget
    print(f"{what:<58} {value[1]:8.1f} ms (cold {value[0]:.0f}) vs {base[1]:8.1f} ms (cold {base[0]:.0f}) "
          f"= {ratio:4.2f}×  budget ≤ {budget}×  {'ok' if ok else 'OVER'}", flush=True)
    return ok


def main() -> int:
    path = city10y_path()
    results = []

    def fresh():
        return open_database(path)

    # home page: amended minutes counted once
    real_latest = dash.latest_only
    d1, d2 = fresh(), fresh()

    def without(fn):
        def run():
            dash.latest_only = lambda alias="m": "1"
            try:
                fn()
            finally:
                dash.latest_only = real_latest
        return run
    results.append(line("home figures + agenda, amendments once",
                        *compared(lambda: dash.dashboard(d1, TODAY), without(lambda: dash.dashboard(d2, TODAY)),
                                  repeat=31), 1.5))

    for table, alias in (("visit", "v"), ("meeting", "m")):
        sql = (f"SELECT {alias}.id FROM {table} {alias} LEFT JOIN liaison_group g ON g.id = {alias}.group_id "
               f"WHERE {alias}.deleted = 0 ORDER BY {{}}, {alias}.rowid LIMIT 100")
        pinyin, bare = sql.format(group_order(f"{alias}.group_id")), sql.format("g.name")
        d1, d2 = fresh(), fresh()
        results.append(line(f"{table}s first page by group, pinyin",
                            *compared(lambda d=d1, q=pinyin: d.execute(q).fetchall(),
                                      lambda d=d2, q=bare: d.execute(q).fetchall(), repeat=5), 1.3))

    year = TODAY.year - 1
    real_key = duty.name_key
    d1, d2 = fresh(), fresh()

    def code_point():
        duty.name_key = lambda s: s or ""
        try:
            duty.duty_records(d2, year)
        finally:
            duty.name_key = real_key
    results.append(line(f"duty records {year}, pinyin order",
                        *compared(lambda: duty.duty_records(d1, year), code_point, repeat=5), 1.2))

    from db.demo import generate
    from db.demo_network import build_network
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        build_network(Path(tmp) / "net", today=TODAY)
        net = 1000 * (time.perf_counter() - t)
        t = time.perf_counter()
        one = open_database(Path(tmp) / "d.sqlite3")
        generate(one, "district", 1, today=TODAY)
        one.conn.close()
        district = 1000 * (time.perf_counter() - t)
    results.append(line("demo --network ÷ demo --size district", (net, net), (district, district), 2))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
