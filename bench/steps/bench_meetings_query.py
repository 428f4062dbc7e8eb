"""The meetings list's search query before and after issue 18, side by side in one run (city-10y, 社区):
the first page (201 rows, newest first) and all matching rowids in order (the count), as the list runs
them on a worker connection. Before: a MATCH for the meeting and one for each child table (four in all);
after: the first page by the plan the list picks (for a frequent word: each newest meeting asked of
the index), all ids from one MATCH with its hits mapped to their meeting (db.search.owner_subselect).
Alternating runs; medians. The pick itself is timed with the first page.

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
    from db.search import MATCH_SUBSELECT as SUB
    from db.search import match_expression
    from desktop.models.meetings import MeetingListModel
    from desktop.models.paged import PagedTableModel
    from desktop.tasks import GUI_CACHE_KB

    class Ctx:                               # what the model reads of a context to build its SQL
        changed = type("S", (), {"connect": staticmethod(lambda *_a: None)})()
    QCoreApplication.instance() or QCoreApplication([])
    model = MeetingListModel(Ctx())
    expr = match_expression(args.word)

    def before(plan):
        where, params = PagedTableModel._where(model, plan, None)
        found = (f"(m.id IN ({SUB}) OR m.id IN (SELECT meeting_id FROM agenda_item WHERE id IN ({SUB})) "
                 f"OR m.id IN (SELECT meeting_id FROM speech WHERE id IN ({SUB})) "
                 f"OR m.id IN (SELECT meeting_id FROM consensus_item WHERE id IN ({SUB})))")
        return f"{where} AND {found}", [*params, expr, "meeting", expr, "agenda_item", expr, "speech",
                                        expr, "consensus_item"]

    def after(plan):
        return model._where(plan, expr)

    db = connect(city10y_path())
    db.execute(f"PRAGMA cache_size = -{GUI_CACHE_KB}")
    select, order = model._select(), model._order()
    times: dict[tuple[str, str], list[float]] = {}
    for i in range(args.repeat + 1):
        for name, make in (("before", before), ("after", after)):
            for what in ("first page", "all ids"):
                t = time.perf_counter()
                plan = "drive"
                if what == "first page":          # as the list picks it (after: walk, drive or probe)
                    plan = model.pick_plan(db, expr, 201) if name == "after" else "walk"
                where, params = make(plan)
                sql = (f"{select} WHERE {where} ORDER BY {order} LIMIT 201" if what == "first page" else
                       f"SELECT m.rowid FROM {model.from_sql} WHERE {where} ORDER BY {order}")
                rows = db.execute(sql, params).fetchall()
                if i:                                 # the first round warms the cache
                    times.setdefault((name, what), []).append(1000 * (time.perf_counter() - t))
                if what == "all ids":
                    times.setdefault(("n", name), []).append(len(rows))
    assert len(set(times[("n", "before")] + times[("n", "after")])) == 1, "not the same meetings"
    ok = True
    for what, budget in (("first page", 100), ("all ids", 300)):
        b, a = (statistics.median(times[(n, what)]) for n in ("before", "after"))
        rng = times[("after", what)]
        print(f"meetings {args.word}, {what}: before {b:.0f} ms, after {a:.0f} ms "
              f"(range {min(rng):.0f}–{max(rng):.0f}), after ÷ before {a / b:.2f}")
        ok &= report(f"meetings {args.word}, {what}, query alone (after)", a, budget)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
