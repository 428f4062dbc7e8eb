"""The meetings list's search query on city-10y (社区), as the list runs it on a worker connection: the
first page (201 rows, newest first, by the plan the list picks; the pick timed with it) and all matching
rowids in order (the count). Medians of N runs after one that warms the cache.

Before/after a change, run it once on each (the two in turn, a few times):
    LIAISON_BENCH_SRC=/copy/of/the/code/before LIAISON_BENCH_DB=/city-10y/not/yet/upgraded.sqlite3 \
        .venv/bin/python bench/steps/bench_meetings_query.py
    .venv/bin/python bench/steps/bench_meetings_query.py [--repeat N] [--word 社区]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, os.path.dirname(__file__))
from common_gui import city10y_path, report  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--word", default="社区")
    args = ap.parse_args()
    from PySide6.QtCore import QCoreApplication

    from db.database import connect
    from db.search import match_expression
    from desktop.models.meetings import MeetingListModel
    from desktop.tasks import GUI_CACHE_KB

    class Ctx:                               # what the model reads of a context to build its SQL
        changed = type("S", (), {"connect": staticmethod(lambda *_a: None)})()
    QCoreApplication.instance() or QCoreApplication([])
    model = MeetingListModel(Ctx())
    expr = match_expression(args.word)
    db = connect(city10y_path())
    db.execute(f"PRAGMA cache_size = -{GUI_CACHE_KB}")
    select, order = model._select(), model._order()
    times: dict[str, list[float]] = {"first page": [], "all ids": []}
    plans, counts = set(), set()
    for i in range(args.repeat + 1):
        for what in times:
            t = time.perf_counter()
            plan = model.pick_plan(db, expr, 201) if what == "first page" else model.all_ids_plan
            where, params = model._where(plan, expr)
            sql = (f"{select} WHERE {where} ORDER BY {order} LIMIT 201" if what == "first page" else
                   f"SELECT m.rowid FROM {model.from_sql} WHERE {where} ORDER BY {order}")
            rows = db.execute(sql, params).fetchall()
            if i:                                 # the first round warms the cache
                times[what].append(1000 * (time.perf_counter() - t))
            if what == "first page":
                plans.add(plan)
            else:
                counts.add(len(rows))
    assert len(counts) == 1
    ok = True
    for what, budget in (("first page", 100), ("all ids", 300)):
        xs = times[what]
        print(f"meetings {args.word}, {what}: {statistics.median(xs):.0f} ms (range {min(xs):.0f}–{max(xs):.0f})"
              + (f", plan {', '.join(sorted(plans))}" if what == "first page" else f", {counts.pop():,} meetings"))
        ok &= report(f"meetings {args.word}, {what}, query alone", statistics.median(xs), budget)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
