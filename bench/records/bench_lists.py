"""Work-record lists on a city-sized database: 500k visits, 50k meetings, 50k follow-ups.

Budgets (each the median of 20 runs, warm cache):
  visits, first page of 50 sorted by date (newest first) ........ ≤ 20 ms
  visits, first page filtered by one group ....................... ≤ 20 ms
  visits, count (no filter) ...................................... ≤ 100 ms
  visits, text search first page (two characters) ................ ≤ 100 ms
  meetings, first page sorted by time ............................ ≤ 20 ms
  follow-ups, first page of overdue, by due date ................. ≤ 50 ms

    .venv/bin/python bench/records/bench_lists.py        (builds .bench-cache/records.sqlite3 once)
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from db import followups, meetings, visits  # noqa: E402
from db.database import open_database  # noqa: E402
from db.offices import create_city  # noqa: E402
from db.reference import id_by_code  # noqa: E402
from db.write import writing  # noqa: E402

CACHE = ROOT / ".bench-cache" / "records.sqlite3"
N_VISITS, N_MEETINGS, N_FOLLOWUPS, N_GROUPS = 500_000, 50_000, 50_000, 171
WORDS = ["停车难", "养老服务", "老旧小区", "加装电梯", "垃圾分类", "就医不便", "学校门口", "道路破损", "路灯不亮",
         "噪音扰民", "农贸市场", "物业管理", "消防通道", "排水不畅", "公交线路"]


def build(path: Path) -> None:
    rnd = random.Random(7)
    path.parent.mkdir(exist_ok=True)
    db = open_database(path)
    create_city(db)
    vk = list(id_by_code(db, "visit_kind").values())
    mk = list(id_by_code(db, "meeting_kind").values())
    start = dt.date(2016, 1, 1)
    with writing(db) as w:
        groups = w.insert_many("liaison_group", [{"name": f"第{i}委员联络组"} for i in range(N_GROUPS)])
        members = w.insert_many("member", [{"name": f"委员{i}"} for i in range(3000)])
    for _ in range(0, N_VISITS, 20_000):
        with writing(db) as w:
            rows = [{"group_id": rnd.choice(groups), "kind_id": rnd.choice(vk),
                     "visit_date": (start + dt.timedelta(days=rnd.randrange(3650))).isoformat(),
                     "start_time": "09:00", "place": f"第{rnd.randrange(500)}号工作站",
                     "people_reached": rnd.randrange(60), "heard": "，".join(rnd.sample(WORDS, 3))}
                    for _ in range(20_000)]
            ids = w.insert_many("visit", rows)
            w.insert_many("visit_member", [{"visit_id": v, "member_id": rnd.choice(members)} for v in ids])
    with writing(db) as w:
        w.insert_many("meeting", [{"group_id": rnd.choice(groups), "kind_id": rnd.choice(mk),
                                   "topic": rnd.choice(WORDS) + "协商",
                                   "starts_at": (start + dt.timedelta(days=rnd.randrange(3650))).isoformat()
                                   + "T09:30", "state": rnd.choice(["held", "final", "planned"])}
                                  for _ in range(N_MEETINGS)])
        w.insert_many("follow_up", [{"title": rnd.choice(WORDS), "group_id": rnd.choice(groups),
                                     "due_date": (start + dt.timedelta(days=rnd.randrange(3800))).isoformat(),
                                     "state": rnd.choice(["open", "assigned", "in_progress", "closed"])}
                                    for _ in range(N_FOLLOWUPS)])
    db.execute("ANALYZE")
    db.conn.close()


def timed(fn, runs: int = 20) -> float:
    fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    return statistics.median(samples)


def main() -> int:
    if not CACHE.exists():
        t = time.perf_counter()
        build(CACHE)
        print(f"built {CACHE} in {time.perf_counter() - t:.0f} s")
    db = open_database(CACHE)
    group = db.execute("SELECT id FROM liaison_group LIMIT 1 OFFSET 17").fetchone()[0]
    today = dt.date(2026, 1, 1)
    cases = [
        ("visits first page by date", 20, lambda: visits.list_visits(db, limit=50)),
        ("visits first page, one group", 20,
         lambda: visits.list_visits(db, visits.VisitFilter(group_id=group), limit=50)),
        ("visits count", 100, lambda: visits.count_visits(db)),
        ("visits search 电梯", 100, lambda: visits.list_visits(db, visits.VisitFilter(text="电梯"), limit=50)),
        ("meetings first page", 20, lambda: meetings.list_meetings(db, limit=50)),
        ("overdue follow-ups page", 50, lambda: followups.list_follow_ups(
            db, followups.FollowUpFilter(overdue_only=True), limit=50, today=today)),
    ]
    failed = 0
    for name, budget, fn in cases:
        ms = timed(fn)
        ok = ms <= budget
        failed += not ok
        print(f"{'ok  ' if ok else 'OVER'} {name:<34} {ms:7.2f} ms  (budget {budget} ms)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
