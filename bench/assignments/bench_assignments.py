"""交办 at the size of a city over ten years: 60 assignments a year from the city to its 10 districts, each handed
down to the district's 17 townships and answered (6,000 + 102,000 rows, about 430,000 timeline events).

Budgets (median of 10 warm runs; cold = a fresh connection's first call):
  home page 新交办 box (db.assignments.home_items), at the city and at a district, cold and warm ... ≤ 100 ms
  the 交办 list of a district (≈ 10,800 rows) ÷ a raw indexed SELECT of the same rows .............. ≤ 5×
  one chain across offices (1 + 10 + 170 rows, ≈ 720 events), cold and warm ......................... ≤ 50 ms

    .venv/bin/python bench/assignments/bench_assignments.py     (builds .bench-cache/assignments.sqlite3 once)
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

from db import assignments as A  # noqa: E402
from db.clock import uuid7  # noqa: E402
from db.database import open_database  # noqa: E402
from db.offices import add_office, create_city  # noqa: E402
from db.write import writing  # noqa: E402

CACHE = ROOT / ".bench-cache" / "assignments.sqlite3"
YEARS, PER_YEAR, DISTRICTS, TOWNSHIPS = 10, 60, 10, 17


def build(path: Path) -> None:
    rnd = random.Random(12)
    path.parent.mkdir(exist_ok=True)
    db = open_database(path)
    city = create_city(db, "贵阳市政协", "520100")
    districts = {}
    for d in range(DISTRICTS):
        did = add_office(db, code=f"5201{d + 10:02d}", name=f"第{d + 1}区政协", level="district", parent_id=city,
                         by_office=city)
        districts[did] = [add_office(db, code=f"5201{d + 10:02d}{t + 1:03d}", name=f"第{d + 1}区第{t + 1}街道",
                                     level="township", parent_id=did, by_office=city) for t in range(TOWNSHIPS)]
    start = dt.datetime(2016, 1, 4, 9, 0)
    for year in range(YEARS):
        rows, events = [], []
        for n in range(PER_YEAR):
            sent = start + dt.timedelta(days=365 * year + n * 6)
            due = (sent + dt.timedelta(days=30)).date().isoformat()
            batch = uuid7()
            for did, towns in districts.items():
                top = uuid7()
                rows.append({"id": top, "batch_id": batch, "sender_office_id": city, "office_id": did,
                             "title": f"第{year * PER_YEAR + n}号交办", "request": "请组织调研并反馈", "due_date": due,
                             "sent_at": sent.isoformat(), "state": "answered", "answer": "已办理",
                             "answer_round": 1, "answered_at": (sent + dt.timedelta(days=20)).isoformat(),
                             "verdict": "accepted", "verdict_round": 1})
                sub = uuid7()
                for tid in towns:
                    rid = uuid7()
                    rows.append({"id": rid, "batch_id": sub, "sender_office_id": did, "office_id": tid,
                                 "parent_id": top, "title": "转交", "due_date": due,
                                 "sent_at": (sent + dt.timedelta(days=1)).isoformat(), "state": "answered",
                                 "answer": "已办理", "answer_round": 1,
                                 "answered_at": (sent + dt.timedelta(days=rnd.randrange(5, 40))).isoformat(),
                                 "verdict": "accepted", "verdict_round": 1})
                    for k, kind in enumerate(("sent", "accepted", "answered", "done")):
                        events.append({"subject_table": "assignment", "subject_id": rid, "to_state": kind,
                                       "at": (sent + dt.timedelta(days=1 + k * 5)).isoformat(), "office_id": tid})
                for k, kind in enumerate(("sent", "accepted", "handed_down", "answered", "done")):
                    events.append({"subject_table": "assignment", "subject_id": top, "to_state": kind,
                                   "at": (sent + dt.timedelta(days=k * 5)).isoformat(), "office_id": did})
        with writing(db, scope=False) as w:
            for r in rows:
                w.insert("assignment", {k: v for k, v in r.items() if k != "office_id"}, office_id=r["office_id"])
            for e in events:
                w.insert("state_event", {k: v for k, v in e.items() if k != "office_id"}, office_id=e["office_id"])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def timed(fn, runs: int = 10) -> tuple[float, float]:
    """(cold ms: first call on a fresh connection, warm median ms)."""
    db = open_database(CACHE)
    t = time.perf_counter()
    fn(db)
    cold = (time.perf_counter() - t) * 1000
    warm = []
    for _ in range(runs):
        t = time.perf_counter()
        fn(db)
        warm.append((time.perf_counter() - t) * 1000)
    db.conn.close()
    return cold, statistics.median(warm)


def as_office(code: str) -> None:
    db = open_database(CACHE)
    db.execute("UPDATE node_state SET office_id = (SELECT id FROM office WHERE code = ?) WHERE id = 1", [code])
    db.conn.close()


def main() -> None:
    if not CACHE.exists():
        t = time.perf_counter()
        build(CACHE)
        print(f"built {CACHE.name} in {time.perf_counter() - t:.0f} s")
    db = open_database(CACHE)
    print(f"{db.execute('SELECT count(*) FROM assignment').fetchone()[0]:,} assignment rows, "
          f"{db.execute('SELECT count(*) FROM state_event').fetchone()[0]:,} events")
    batch = db.execute("SELECT batch_id FROM assignment WHERE parent_id IS NULL ORDER BY rowid DESC LIMIT 1").fetchone()[0]
    db.conn.close()
    for code, who in (("520100", "city"), ("520110", "district")):
        as_office(code)
        cold, warm = timed(A.home_items)
        print(f"home_items at the {who}: cold {cold:.1f} ms, warm {warm:.1f} ms (budget ≤ 100 ms)")
    as_office("520110")
    _c, listed = timed(lambda db: A.list_assignments(db))

    def raw(db):
        me = db.execute("SELECT office_id FROM node_state").fetchone()[0]
        q = ("SELECT a.*, r.name, s.name FROM assignment a JOIN office r ON r.id = a.office_id JOIN office s "
             "ON s.id = a.sender_office_id WHERE a.deleted = 0 AND ")
        return db.execute(f"{q} a.office_id = ? UNION ALL {q} a.sender_office_id = ? AND a.office_id <> ? "
                          f"ORDER BY 1", [me, me, me]).fetchall()
    _c, base = timed(raw)
    n = len(A.list_assignments(open_database(CACHE)))
    print(f"district list of {n:,} rows: {listed:.1f} ms vs raw SELECT {base:.1f} ms = {listed / base:.2f}× "
          f"(budget ≤ 5×)")
    as_office("520100")
    cold, warm = timed(lambda db: A.chain(db, batch))
    print(f"one chain (city → 10 districts → 170 townships): cold {cold:.1f} ms, warm {warm:.1f} ms (budget ≤ 50 ms)")


if __name__ == "__main__":
    main()
