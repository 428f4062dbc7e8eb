"""Write path vs a raw executemany of the same rows (SYNC.md "Change capture": budget 2×).

Both go into fresh databases with the same schema, parents and batch size (5,000 rows a
transaction), batch by batch in turn. The raw side gets the write path's own prepared tuples (ids, clocks included) and
only pays SQLite: the B-trees, indexes and guard triggers. The write path pays validation,
stamping and the change log; since m0015 the search index of new rows is made after the commit
(db.search.catch_up: in the window on a worker right after the write, from the command line before
it exits), so the clerk's save no longer waits for it. That catch-up is timed on its own after each
batch and printed beside, with the write path and it together ÷ raw (all the work, no budget).
Breakdown: the write path again without validation, and without the search index, to tell where
the time goes.

    .venv/bin/python bench/foundation/bench_write.py [--rows N] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import statistics
import tempfile
import time
from pathlib import Path

import common  # noqa: F401  (puts the project on sys.path)

from db import search
from db.database import open_database
from db.demo_texts import Writer as Texts
from db.demo_topics import TOPICS
from db.offices import create_city
from db.reference import id_by_code
from db.write import writing

BUDGET = 2.0
BATCH = 5000


def fresh(folder: Path, name: str):
    """A new database with a city, one group, 30 members and 400 meetings (not timed)."""
    db = open_database(folder / f"{name}.sqlite3")
    city = create_city(db)
    rng = random.Random(1)
    with writing(db) as w:
        gid = w.insert("liaison_group", {"name": "新华路街道委员联络组"}, office_id=city)
        members = w.insert_many("member", [{"name": f"委员{i}"} for i in range(30)], office_id=city)
        kind = id_by_code(db, "meeting_kind")["consultation"]
        meetings = w.insert_many("meeting", [{"group_id": gid, "kind_id": kind, "topic": "协商议事会",
                                              "starts_at": f"2025-{rng.randint(1, 12):02d}-10T09:00"}
                                             for _ in range(400)], office_id=city)
    return db, city, gid, members, meetings


def make_rows(n: int, db, gid, members, meetings) -> dict[str, list[dict]]:
    rng = random.Random(2)
    texts = Texts(rng, "南明区", "新华路街道", ["幸福社区", "阳光社区", "碧水社区"])
    vkind = id_by_code(db, "visit_kind")["outreach"]
    topics = list(TOPICS)
    visits = [{"group_id": gid, "kind_id": vkind, "visit_date": f"20{rng.randint(17, 26)}-{rng.randint(1, 12):02d}-"
               f"{rng.randint(1, 28):02d}", "start_time": "09:30", "place": texts.place() + "居委会",
               "people_reached": rng.randint(2, 30), "heard": texts.heard(topics, rng.randint(1, 3)),
               "handling": texts.handling(rng.choice(topics))} for _ in range(n)]
    attendance = [{"meeting_id": rng.choice(meetings), "member_id": rng.choice(members), "status": "present",
                   "sort": i % 20} for i in range(n)]
    speeches = [{"meeting_id": rng.choice(meetings), "member_id": rng.choice(members), "seq": 1,
                 "summary": texts.speech("王伟", rng.choice(topics), "幸福社区")} for _ in range(n)]
    return {"visit": visits, "attendance": attendance, "speech": speeches}


def _write_batch(db, table: str, rows: list[dict], office: str, *, validate: bool = True) -> float:
    t = time.perf_counter()
    with writing(db, validate=validate) as w:
        w.insert_many(table, [dict(r) for r in rows], office_id=office)
    return time.perf_counter() - t


def _raw_batch(db, table: str, cols: list[str], tuples: list[tuple]) -> float:
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn = db.conn
    t = time.perf_counter()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE node_state SET guard = 1 WHERE id = 1")   # what the guard triggers read
    conn.executemany(sql, tuples)
    conn.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    conn.execute("COMMIT")
    return time.perf_counter() - t


def _copy_parents(dest, src_path: Path) -> None:
    """Give `dest` the very rows (same ids) the write-path database has, so both insert alike."""
    c = dest.conn
    c.execute(f"ATTACH '{src_path}' AS src")
    c.execute("BEGIN IMMEDIATE")
    c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    for t in ("meeting", "liaison_group", "member", "reference_item", "office"):
        c.execute(f"DELETE FROM {t}")
    for t in ("office", "reference_item", "member", "liaison_group", "meeting"):
        c.execute(f"INSERT INTO {t} SELECT * FROM src.{t}")
    # the same office as well: the write path checks that this office may write what it writes
    c.execute("UPDATE node_state SET guard = 0, office_id = (SELECT office_id FROM src.node_state) WHERE id = 1")
    c.execute("COMMIT")
    c.execute("DETACH src")


VARIANTS = ("write path", "raw executemany", "write path, validate=False", "write path, no search index")
CATCH_UP = "search index caught up after"


def one_round(folder: Path, n: int, k: int) -> dict[str, dict[str, float]]:
    """Batch by batch, the same rows into four databases, one after the other: whatever else the
    machine does at that moment costs every variant alike."""
    dbs = {v: fresh(folder, f"{i}-{k}") for i, v in enumerate(VARIANTS)}
    wp_db, city, gid, members, meetings = dbs["write path"]
    for v in VARIANTS[1:]:
        _copy_parents(dbs[v][0], folder / f"0-{k}.sqlite3")
    rows = make_rows(n, wp_db, gid, members, meetings)
    out = {v: dict.fromkeys(rows, 0.0) for v in (*VARIANTS, CATCH_UP)}
    saved = search.index_new_rows
    for table, trows in rows.items():
        for i in range(0, len(trows), BATCH):
            batch = trows[i:i + BATCH]
            out["write path"][table] += _write_batch(wp_db, table, batch, city)
            t = time.perf_counter()
            search.catch_up(wp_db)
            out[CATCH_UP][table] += time.perf_counter() - t
            cur = wp_db.execute(f"SELECT * FROM {table} ORDER BY rowid DESC LIMIT {len(batch)}")
            cols, tuples = [d[0] for d in cur.description], cur.fetchall()[::-1]
            out["raw executemany"][table] += _raw_batch(dbs["raw executemany"][0], table, cols, tuples)
            out["write path, validate=False"][table] += _write_batch(
                dbs["write path, validate=False"][0], table, batch, city, validate=False)
            search.index_new_rows = lambda *a, **kw: None
            try:
                out["write path, no search index"][table] += _write_batch(
                    dbs["write path, no search index"][0], table, batch, city)
            finally:
                search.index_new_rows = saved
    for v in VARIANTS:
        dbs[v][0].conn.close()
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=50_000, help="rows per table (default 50,000)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--profile", action="store_true", help="cProfile one write-path run of visits")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(dir=common.CACHE if common.CACHE.exists() else None) as tmp:
        rounds = [one_round(Path(tmp), args.rows, k) for k in range(args.rounds)]
        if args.profile:
            db, city, gid, members, meetings = fresh(Path(tmp), "prof")
            rows = make_rows(args.rows, db, gid, members, meetings)["visit"]
            pr = cProfile.Profile()
            pr.enable()
            for i in range(0, len(rows), BATCH):
                _write_batch(db, "visit", rows[i:i + BATCH], city)
            pr.disable()
            pstats.Stats(pr).sort_stats("tottime").print_stats(18)
    print(f"{args.rows:,} rows per table, {args.rounds} rounds (median), {BATCH:,} rows a transaction")
    med = {v: {t: statistics.median(r[v][t] for r in rounds) for t in rounds[0][v]} for v in rounds[0]}
    print(f"{'':<30}" + "".join(f"{t:>14}" for t in med["raw executemany"]) + "   (µs per row)")
    for v, per in med.items():
        print(f"{v:<30}" + "".join(f"{1e6 * s / args.rows:>14.1f}" for s in per.values()))
    ok = True
    for t in med["raw executemany"]:   # the median over rounds of each round's ratio
        ratio = statistics.median(r["write path"][t] / r["raw executemany"][t] for r in rounds)
        ok &= common.report(f"write path / raw executemany, {t}", ratio, BUDGET, "×")
    for t in med["raw executemany"]:
        ratio = statistics.median(r["write path, no search index"][t] / r["raw executemany"][t] for r in rounds)
        total = statistics.median((r["write path"][t] + r[CATCH_UP][t]) / r["raw executemany"][t] for r in rounds)
        print(f"  {t}: without the search index {ratio:.2f}×; with its catch-up after the commit (all the "
              f"work, not waited for) {total:.2f}×")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
