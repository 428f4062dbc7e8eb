"""The 统计 page's queries on the city-10y demo: each chart's figures ≤ 200 ms, cold path included.

For each query: the first call on a freshly opened connection (cold: SQLite's page cache empty, the
file in the OS cache; the median of 3 such connections, as the machine is shared and noisy) and the
median of 7 warm calls. Scopes: the whole city, a district, a township,
one group, for the busiest year (2026). As a baseline measured in the same run, a plain count of the
year's visits on their date index: the ratio says how many such scans a query costs.

    .venv/bin/python bench/stats/bench_stats.py         (makes .bench-cache/city-10y-seed1.sqlite3 once)

Scoring (履职积分) has no budget of its own; its time for a district's members is printed.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench" / "foundation"))
sys.path.insert(0, str(ROOT))

from common import city10y_path  # noqa: E402

from db import scoring, stats  # noqa: E402
from db.database import open_database  # noqa: E402
from db.stats import Scope  # noqa: E402

BUDGET_MS = 200.0
YEAR = 2026


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return 1000 * (time.perf_counter() - t)


def main() -> int:
    path = city10y_path()
    db = open_database(path)
    district = db.execute("SELECT o.id FROM office o WHERE o.level = 'district' ORDER BY "
                          "(SELECT count(*) FROM liaison_group g WHERE g.office_id IN "
                          "(SELECT id FROM office WHERE parent_id = o.id)) DESC LIMIT 1").fetchone()[0]
    township = db.execute("SELECT g.office_id FROM liaison_group g JOIN office o ON o.id = g.office_id "
                          "WHERE o.parent_id = ? LIMIT 1", [district]).fetchone()[0]
    group = db.execute("SELECT id FROM liaison_group WHERE office_id = ? LIMIT 1", [township]).fetchone()[0]
    db.conn.close()
    scopes = {"city": Scope(YEAR), "district": Scope(YEAR, office_id=district),
              "township": Scope(YEAR, office_id=township), "group": Scope(YEAR, group_id=group)}
    queries = {"monthly": stats.monthly, "funnel": stats.funnel, "follow-ups": stats.followups,
               "roll-up": stats.rollup, "every township": stats.every_township}
    span = [f"{YEAR}-01-01", f"{YEAR + 1}-01-01"]

    def baseline(db):
        return db.execute("SELECT count(*) FROM visit WHERE visit_date >= ? AND visit_date < ?", span).fetchone()

    db = open_database(path)
    base = statistics.median(timed(lambda: baseline(db)) for _ in range(7))
    db.conn.close()
    print(f"baseline: count of {YEAR}'s visits on the date index, warm median {base:.1f} ms")
    print(f"{'query':<16}{'scope':<10}{'cold ms':>9}{'warm ms':>9}{'÷ base':>8}  budget {BUDGET_MS:.0f} ms")
    ok = True
    for qname, fn in queries.items():
        for sname, scope in scopes.items():
            if qname == "every township" and sname in ("township", "group"):
                continue
            colds = []
            for _ in range(3):               # a fresh connection each time: SQLite's page cache is cold
                db = open_database(path)
                colds.append(timed(lambda fn=fn, scope=scope, db=db: fn(db, scope)))
                if len(colds) < 3:
                    db.conn.close()
            cold = statistics.median(colds)
            warm = statistics.median(timed(lambda fn=fn, scope=scope, db=db: fn(db, scope)) for _ in range(7))
            db.conn.close()
            worst = max(cold, warm)
            verdict = "ok" if worst <= BUDGET_MS else "OVER"
            ok &= worst <= BUDGET_MS
            print(f"{qname:<16}{sname:<10}{cold:9.1f}{warm:9.1f}{warm / base:8.1f}  {verdict}")
    db = open_database(path)
    t = timed(lambda: stats.annual(db, Scope(YEAR)))
    print(f"the whole annual report of the city (all of the above, one connection): {t:.0f} ms")
    t = time.perf_counter()
    n = len(scoring.score_members(db, YEAR, office_id=district))
    print(f"scoring every member of a district ({n} members, every line explained): "
          f"{1000 * (time.perf_counter() - t):.0f} ms (no budget)")
    t = time.perf_counter()
    n = len(scoring.score_members(db, YEAR))
    print(f"scoring every member of the city ({n} members): {1000 * (time.perf_counter() - t):.0f} ms (no budget)")
    db.conn.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
