"""Sync benchmarks and their budgets (SYNC.md "Change capture", task brief). Not part of pytest.

Budgets
  1. import of ~160k changes            ≤ 3 × a raw `executemany` of the same rows (same run, same machine),
                                         with the provenance checks (SECURITY.md P1–P6); the same package
                                         written without provenance (as before it) is imported in the same
                                         rounds, interleaved, each import into a fresh copy of the district.
                                         The new rows' search index is made after the import (db.search
                                         deferred indexing, m0015; the window does it on a worker, with a
                                         percentage in the status line): timed apart and printed beside
  2. a week's township package          ≤ 1 % of a full copy of the township's database file
  3. export of a township's year         ≤ 1 s

Run:  .venv/bin/python bench/sync/bench_sync.py [--rows 160000] [--year-steps 1200] [--rounds 3]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from db import search  # noqa: E402
from db.database import open_database  # noqa: E402
from db.offices import add_office, create_city  # noqa: E402
from db.sync import export as export_mod  # noqa: E402
from db.sync.export import export_package  # noqa: E402
from db.sync.importer import import_path  # noqa: E402
from db.sync.keys import trust  # noqa: E402
from db.sync.setup import init_from_setup, make_setup_file  # noqa: E402
from db.sync.simulate import simulate  # noqa: E402
from db.write import writing  # noqa: E402


def network(root: Path):
    paths = {n: root / n / "liaison-desk.sqlite3" for n in ("C", "D", "T")}
    for p in paths.values():
        p.parent.mkdir(parents=True)
    c = open_database(paths["C"])
    city = create_city(c, "贵阳市政协", "520100")
    d = add_office(c, code="520102", name="南明区政协", level="district", parent_id=city, by_office=city)
    add_office(c, code="520102001", name="新华路街道", level="township", parent_id=d, by_office=city)
    sf = make_setup_file(c, "520102", root)
    init_from_setup(paths["D"], sf.path, sf.passcode)
    dd = open_database(paths["D"])
    sf = make_setup_file(dd, "520102001", root)
    init_from_setup(paths["T"], sf.path, sf.passcode)
    t = open_database(paths["T"])
    rep = import_path(dd, export_package(t, "520102", root / "stick").path)[0]
    trust(dd, rep.fingerprint)
    with writing(dd) as w:
        for i in range(40):
            w.insert("member", {"name": f"委员{i}", "sex": "F", "phone": "13900000000"}, office_id=dd.execute(
                "SELECT id FROM office WHERE code = '520102001'").fetchone()[0])
    for frm, to, code in ((t, dd, "520102"), (dd, t, "520102001")):
        assert import_path(to, export_package(frm, code, root / "stick").path)[0].status == "applied"
    c.conn.close()
    return paths, dd, t


def bulk_rows(t, n: int) -> None:
    """About n rows of a township's records, through the write path (as years of typing would)."""
    office = t.execute("SELECT office_id FROM node_state").fetchone()[0]
    kind = t.execute("SELECT id FROM reference_item WHERE list = 'meeting_kind' LIMIT 1").fetchone()[0]
    vkind = t.execute("SELECT id FROM reference_item WHERE list = 'visit_kind' LIMIT 1").fetchone()[0]
    members = [r[0] for r in t.execute("SELECT id FROM member LIMIT 40")]
    text = "社区养老服务中心建设滞后，群众反映强烈，建议区民政局牵头、街道配合，年内完成选址和改造。"
    per_meeting = 1 + 8 + 2 + 4 + 2 + 1
    meetings = n // (per_meeting + 2)
    with writing(t) as w:
        g = w.insert("liaison_group", {"name": "新华路街道委员联络组"}, office_id=office)
        for start in range(0, meetings, 500):
            batch = range(start, min(meetings, start + 500))
            mids = w.insert_many("meeting", [{"group_id": g, "kind_id": kind, "topic": f"第{i}次协商议事会：养老服务",
                                              "starts_at": "2025-03-01T09:30", "overview": text} for i in batch],
                                 office_id=office)
            w.insert_many("attendance", [{"meeting_id": m, "member_id": members[j], "status": "present", "sort": j}
                                         for m in mids for j in range(8)], office_id=office)
            w.insert_many("agenda_item", [{"meeting_id": m, "seq": j, "title": "议题：老旧小区改造", "background": text}
                                          for m in mids for j in range(2)], office_id=office)
            w.insert_many("speech", [{"meeting_id": m, "speaker_name": "张委员", "summary": text}
                                     for m in mids for _j in range(4)], office_id=office)
            w.insert_many("consensus_item", [{"meeting_id": m, "text": text} for m in mids for _j in range(2)],
                          office_id=office)
            w.insert_many("follow_up", [{"title": "督办：养老服务", "description": text} for _m in mids],
                          office_id=office)
            w.insert_many("visit", [{"group_id": g, "kind_id": vkind, "visit_date": "2025-04-01", "heard": text}
                                    for _m in mids for _j in range(2)], office_id=office)


CPU: dict[str, float] = {}          # process CPU seconds of the last timed step (less sensitive to the shared machine)


def raw_executemany(db_path: Path, rows_by_table: dict[str, tuple[list[str], list[tuple]]]) -> float:
    conn = sqlite3.connect(str(db_path), isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    started, cpu = time.perf_counter(), time.process_time()
    conn.execute("BEGIN IMMEDIATE")
    conn.execute("UPDATE node_state SET guard = 1")
    for table, (cols, rows) in rows_by_table.items():
        conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", rows)
    conn.execute("UPDATE node_state SET guard = 0")
    conn.execute("COMMIT")
    took = time.perf_counter() - started
    CPU["raw"] = time.process_time() - cpu
    conn.close()
    return took


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=160_000)
    ap.add_argument("--year-steps", type=int, default=1200, help="simulated pieces of work in a township year")
    ap.add_argument("--rounds", type=int, default=3, help="interleaved rounds of raw / with / without provenance")
    ap.add_argument("--profile", action="store_true", help="cProfile one import with provenance, then stop")
    args = ap.parse_args()
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        # 1. import of ~160k changes vs raw executemany of the same rows
        paths, dd, t = network(root / "a")
        dd.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        shutil.copy(paths["D"], root / "raw.sqlite3")
        bulk_rows(t, args.rows)
        started = time.perf_counter()
        pkg = export_package(t, "520102", root / "stick").path          # chains 160k entries (once)
        t_export_chain = time.perf_counter() - started
        real_material = export_mod.provenance.material
        export_mod.provenance.material = lambda *a: ({}, None)         # the same package as written before provenance
        try:
            pkg_plain = export_package(t, "520102", root / "stick-plain").path
        finally:
            export_mod.provenance.material = real_material
        n_changes = t.execute("SELECT count(*) FROM change_log WHERE origin = (SELECT node_id FROM node_state)").fetchone()[0]
        rows_by_table = {}
        for table in ("liaison_group", "meeting", "attendance", "agenda_item", "speech", "consensus_item",
                      "follow_up", "visit"):
            cur = t.execute(f"SELECT * FROM {table} WHERE office_id = (SELECT office_id FROM node_state)")
            rows_by_table[table] = ([d[0] for d in cur.description], cur.fetchall())
        dd.conn.close()

        def fresh_district(name: str) -> Path:
            dest = root / name / "liaison-desk.sqlite3"
            dest.parent.mkdir()
            for suffix in ("", ".keys"):
                shutil.copy(str(paths["D"]) + suffix, str(dest) + suffix)
            return dest

        def timed_import(name: str, package: Path) -> tuple[float, object]:
            db = open_database(fresh_district(name))
            started, cpu = time.perf_counter(), time.process_time()
            rep = import_path(db, package)[0]
            took = time.perf_counter() - started
            CPU["import"] = time.process_time() - cpu
            assert rep.status == "applied", rep.text()
            started = time.perf_counter()       # the new rows' search index, after the import (db.search, m0015)
            search.catch_up(db)
            CPU["catch_up"] = time.perf_counter() - started
            db.conn.close()
            return took, rep

        if args.profile:
            import cProfile
            import pstats
            db = open_database(fresh_district("d-profile"))
            pr = cProfile.Profile()
            pr.enable()
            import_path(db, pkg)
            pr.disable()
            pstats.Stats(pr).sort_stats("tottime").print_stats(30)
            pstats.Stats(pr).sort_stats("cumulative").print_stats(40)
            pstats.Stats(pr).sort_stats("tottime").print_callers(8)
            return 0
        rounds = []
        for r in range(args.rounds):
            shutil.copy(root / "raw.sqlite3", root / f"raw{r}.sqlite3")
            order = ("with", "without") if r % 2 == 0 else ("without", "with")
            got = {"load": round(os.getloadavg()[0], 1)}
            for kind in order:
                got[kind], rep = timed_import(f"d-{kind}-{r}", pkg if kind == "with" else pkg_plain)
                got[f"{kind}_cpu"] = CPU["import"]
                got[f"{kind}_index_after"] = CPU["catch_up"]
            got["raw"] = raw_executemany(root / f"raw{r}.sqlite3", rows_by_table)
            got["raw_cpu"] = CPU["raw"]
            rounds.append(got)
        ratios = sorted(g["with"] / g["raw"] for g in rounds)
        before = sorted(g["without"] / g["raw"] for g in rounds)
        median = ratios[len(ratios) // 2]
        cpu_with = sorted(g["with_cpu"] / g["raw_cpu"] for g in rounds)
        cpu_without = sorted(g["without_cpu"] / g["raw_cpu"] for g in rounds)
        all_work = sorted((g["with"] + g["with_index_after"]) / g["raw"] for g in rounds)
        chain_mb = None
        with contextlib.suppress(Exception):        # dbstat is not in every SQLite build
            d = open_database(root / "d-with-0" / "liaison-desk.sqlite3")
            chain_mb = round(d.execute("SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'sync_chain%'").fetchone()[0]
                             / 1e6, 1)
            d.conn.close()
        results["import"] = {"changes": n_changes, "rows": rep.new, "package_mb": round(pkg.stat().st_size / 1e6, 2),
                             "package_without_provenance_mb": round(pkg_plain.stat().st_size / 1e6, 2),
                             "rounds": [{k: round(v, 2) for k, v in g.items()} for g in rounds],
                             "ratio_with_provenance": [round(x, 2) for x in ratios],
                             "ratio_without_provenance": [round(x, 2) for x in before],
                             "cpu_ratio_with_provenance": [round(x, 2) for x in cpu_with],
                             "cpu_ratio_without_provenance": [round(x, 2) for x in cpu_without],
                             "ratio_import_and_index_after_with_provenance": [round(x, 2) for x in all_work],
                             "export_chaining_160k_s": round(t_export_chain, 2),
                             "chain_table_mb_at_district": chain_mb,
                             "budget_ratio": 3.0, "ok": median <= 3.0}
        t.conn.close()
        # 2 and 3. a township year, then a week
        paths, dd, t = network(root / "b")
        simulate(t, args.year_steps, seed=1)
        started = time.perf_counter()
        year_pkg = export_package(t, "520102", root / "stick-year").path
        t_export = time.perf_counter() - started
        assert import_path(dd, year_pkg)[0].status == "applied"
        assert import_path(t, export_package(dd, "520102001", root / "stick-ack").path)[0].status == "applied"
        simulate(t, max(1, args.year_steps // 52), seed=2)
        week_pkg = export_package(t, "520102", root / "stick-week").path
        t.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db_size = paths["T"].stat().st_size
        results["export_year"] = {"year_steps": args.year_steps, "rows": sum(
            t.execute(f"SELECT count(*) FROM {x} WHERE office_id = (SELECT office_id FROM node_state)").fetchone()[0]
            for x in ("meeting", "attendance", "agenda_item", "speech", "consensus_item", "visit", "visit_member",
                      "opinion_report", "follow_up", "attachment", "liaison_group", "membership")),
            "export_s": round(t_export, 3), "budget_s": 1.0, "ok": t_export <= 1.0}
        week = week_pkg.stat().st_size
        results["week_package"] = {"week_bytes": week, "db_bytes": db_size, "percent": round(100 * week / db_size, 3),
                                   "budget_percent": 1.0, "ok": week <= 0.01 * db_size}
        for db in (dd, t):
            db.conn.close()
    print(json.dumps(results, ensure_ascii=False, indent=1))
    return 0 if all(r["ok"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
