"""Write path vs a raw executemany of the same rows (SYNC.md "Change capture": budget 2×).

Both go into fresh databases with the same schema, parents and batch size (5,000 rows a
transaction). The raw side gets the write path's own prepared tuples (ids, clocks included) and
only pays SQLite: the B-trees, indexes and guard triggers. The write path pays validation,
stamping, the change log and the search index. Breakdown: the write path again without
validation, and without the search index, to tell where the time goes.

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


def via_write_path(db, table: str, rows: list[dict], office: str, *, validate: bool = True) -> tuple[float, list]:
    captured = []
    t = time.perf_counter()
    for i in range(0, len(rows), BATCH):
        with writing(db, validate=validate) as w:
            w.insert_many(table, [dict(r) for r in rows[i:i + BATCH]], office_id=office)
    took = time.perf_counter() - t
    return took, captured


def prepared_tuples(db, table: str) -> tuple[list[str], list[tuple]]:
    cur = db.execute(f"SELECT * FROM {table} ORDER BY rowid")
    cols = [d[0] for d in cur.description]
    return cols, cur.fetchall()


def via_raw(db, table: str, cols: list[str], tuples: list[tuple]) -> float:
    sql = f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
    conn = db.conn
    t = time.perf_counter()
    for i in range(0, len(tuples), BATCH):
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE node_state SET guard = 1 WHERE id = 1")   # what the guard triggers read
        conn.executemany(sql, tuples[i:i + BATCH])
        conn.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
        conn.execute("COMMIT")
    return time.perf_counter() - t


def one_round(folder: Path, n: int, k: int) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    db_w, city_w, gid, members, meetings = fresh(folder, f"w{k}")
    rows = make_rows(n, db_w, gid, members, meetings)
    db_r = fresh(folder, f"r{k}")[0]
    # the raw side needs the same parents (same ids): copy them from the write-path database
    db_r.conn.execute("BEGIN IMMEDIATE")
    db_r.conn.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    for t in ("office", "reference_item", "liaison_group", "member", "meeting"):
        db_r.conn.execute(f"DELETE FROM {t}")
    db_r.conn.execute(f"ATTACH '{folder / f'w{k}.sqlite3'}' AS src")
    for t in ("office", "reference_item", "member", "liaison_group", "meeting"):
        db_r.conn.execute(f"INSERT INTO {t} SELECT * FROM src.{t}")
    db_r.conn.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    db_r.conn.execute("COMMIT")
    db_r.conn.execute("DETACH src")
    variants = {}
    for table, trows in rows.items():
        took, _ = via_write_path(db_w, table, trows, city_w)
        cols, tuples = prepared_tuples(db_w, table)
        raw = via_raw(db_r, table, cols, tuples)
        variants[table] = (took, raw)
    out["write path"] = {t: w for t, (w, _r) in variants.items()}
    out["raw executemany"] = {t: r for t, (_w, r) in variants.items()}
    # breakdown on further fresh databases
    db_nv, city_nv, gid2, m2, mt2 = fresh(folder, f"nv{k}")
    rows2 = make_rows(n, db_nv, gid2, m2, mt2)
    out["write path, validate=False"] = {t: via_write_path(db_nv, t, r, city_nv, validate=False)[0]
                                         for t, r in rows2.items()}
    db_ns, city_ns, gid3, m3, mt3 = fresh(folder, f"ns{k}")
    rows3 = make_rows(n, db_ns, gid3, m3, mt3)
    saved = search.index_new_rows
    search.index_new_rows = lambda *a, **kw: None
    try:
        out["write path, no search index"] = {t: via_write_path(db_ns, t, r, city_ns)[0] for t, r in rows3.items()}
    finally:
        search.index_new_rows = saved
    for db in (db_w, db_r, db_nv, db_ns):
        db.conn.close()
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
            via_write_path(db, "visit", rows, city)
            pr.disable()
            pstats.Stats(pr).sort_stats("tottime").print_stats(18)
    print(f"{args.rows:,} rows per table, {args.rounds} rounds (median), {BATCH:,} rows a transaction")
    med = {v: {t: statistics.median(r[v][t] for r in rounds) for t in rounds[0][v]} for v in rounds[0]}
    print(f"{'':<30}" + "".join(f"{t:>14}" for t in med["raw executemany"]) + "   (µs per row)")
    for v, per in med.items():
        print(f"{v:<30}" + "".join(f"{1e6 * s / args.rows:>14.1f}" for s in per.values()))
    ok = True
    for t in med["raw executemany"]:
        ratio = med["write path"][t] / med["raw executemany"][t]
        ok &= common.report(f"write path / raw executemany, {t}", ratio, BUDGET, "×")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
