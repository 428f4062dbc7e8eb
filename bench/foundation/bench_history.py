"""历史 and 操作日志 on the city-10y demo (1.8 M change-log entries): a record's history (a meeting with its
attendance, agenda, speeches, steps and files) through the change log's row_id index, and the office's
activity log (newest 2,000 and the count). Budgets: a history tab ≤ 50 ms, the activity log ≤ 100 ms.

    .venv/bin/python bench/foundation/bench_history.py
"""

from __future__ import annotations

import random

import common

from db import history


def main() -> int:
    db = common.open_city10y()
    ok = True
    ids = [r[0] for r in db.execute("SELECT id FROM meeting WHERE deleted = 0")]
    sample = random.Random(1).sample(ids, 20)
    worst = max(common.median_ms(lambda i=i: history.record_history(db, "meeting", i), repeat=3, warmup=1)
                for i in sample)
    ok &= common.report("history of a meeting and its parts (worst of 20 meetings, median of 3)", worst, 50)
    ok &= common.report("activity log of the office, newest 2,000",
                        common.median_ms(lambda: history.operation_log(db, limit=2000), repeat=5), 100)
    ok &= common.report("activity log of the office, count",
                        common.median_ms(lambda: history.count_operations(db), repeat=5), 100)
    db.conn.close()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
