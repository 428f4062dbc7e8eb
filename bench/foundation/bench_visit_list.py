"""A list page over the visits of city-10y (~500k rows): the first page of 100, newest first,
≤ 20 ms — the query a list page would run (visit JOIN liaison_group, deleted = 0, ORDER BY
visit_date DESC LIMIT 100; idx_visit_visit_date serves the order). Also shown: a deep page,
one group's first page, and the total a list shows in its status bar.

    .venv/bin/python bench/foundation/bench_visit_list.py [--regenerate]
"""

from __future__ import annotations

import argparse

import common

BUDGET_MS = 20.0
COLUMNS = ("v.id, v.visit_date, v.start_time, k.name, g.name, v.place, v.people_reached, "
           "substr(v.heard, 1, 60)")
FIRST_PAGE = (f"SELECT {COLUMNS} FROM visit v JOIN liaison_group g ON g.id = v.group_id "
              "JOIN reference_item k ON k.id = v.kind_id WHERE v.deleted = 0 "
              "ORDER BY v.visit_date DESC LIMIT 100 OFFSET ?")
GROUP_PAGE = (f"SELECT {COLUMNS} FROM visit v JOIN liaison_group g ON g.id = v.group_id "
              "JOIN reference_item k ON k.id = v.kind_id WHERE v.deleted = 0 AND v.group_id = ? "
              "ORDER BY v.visit_date DESC LIMIT 100")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--regenerate", action="store_true", help="make the cached city-10y database again")
    args = ap.parse_args()
    db = common.open_city10y(args.regenerate)
    n = db.execute("SELECT count(*) FROM visit").fetchone()[0]
    plan = " | ".join(r[3] for r in db.execute("EXPLAIN QUERY PLAN " + FIRST_PAGE, [0]))
    print(f"visits: {n:,}\nplan: {plan}")
    rows = db.execute(FIRST_PAGE, [0]).fetchall()
    assert len(rows) == 100 and rows[0][1] >= rows[-1][1]
    first = common.median_ms(lambda: db.execute(FIRST_PAGE, [0]).fetchall(), repeat=31)
    ok = common.report(f"visit list: first page of 100 by date ({n // 1000}k rows)", first, BUDGET_MS)
    gid = db.execute("SELECT id FROM liaison_group ORDER BY rowid LIMIT 1").fetchone()[0]
    extra = {
        "page 51 (OFFSET 5000)": lambda: db.execute(FIRST_PAGE, [5000]).fetchall(),
        "one group's first page": lambda: db.execute(GROUP_PAGE, [gid]).fetchall(),
        "total for the status bar (count)": lambda: db.execute(
            "SELECT count(*) FROM visit WHERE deleted = 0").fetchone(),
    }
    for label, fn in extra.items():
        print(f"  {label:<40}{common.median_ms(fn, repeat=11):9.2f} ms")
    db.conn.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
