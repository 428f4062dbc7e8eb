"""Prototype for db/search.py changes, measured on the city-10y index (not a budget of its own).

Builds, in a scratch database beside the cache, three variants of the search index from the
live one and compares them with it:
  current      fts5(body, prefix='1')                           the index db/search.py makes
  noprefix     fts5(body)                                        1-char queries as prefix scans
  lean         fts5(body, content='')                            contentless, no prefix index
  ranged       lean, and rowid = table number << 40 | n          a table filter is a rowid range
and times their writes (µs per indexed row), size, and queries (1- and 2-character words, with
and without a table filter, and a list page's `id IN (...)` filter).

    .venv/bin/python bench/foundation/proto_search.py [--rebuild]

It reads the single index of before m0012 (search_fts + search_doc): point LIAISON_BENCH_DB at a
city-10y copy not yet upgraded (and LIAISON_BENCH_SRC at the code of then).
"""

from __future__ import annotations

import argparse
import sqlite3
import time

import common

from db import model
from db.search import match_expression

TABLE_NO = {name: i + 1 for i, name in enumerate(model.TABLES)}
SHIFT = 1 << 40
VARIANTS = {"noprefix": "tokenize='unicode61', columnsize=0",
            "lean": "tokenize='unicode61', columnsize=0, content=''",
            "ranged": "tokenize='unicode61', columnsize=0, content=''"}


def build(scratch: sqlite3.Connection) -> dict[str, float]:
    per_row = {}
    for name, opts in VARIANTS.items():
        scratch.execute(f"DROP TABLE IF EXISTS fts_{name}")
        scratch.execute(f"CREATE VIRTUAL TABLE fts_{name} USING fts5(body, {opts})")
    cur = scratch.execute("SELECT f.rowid, d.tbl, f.body FROM src.search_fts f "
                          "JOIN src.search_doc d ON d.rowid = f.rowid ORDER BY f.rowid")
    batches = []
    while batch := cur.fetchmany(5000):
        batches.append(batch)
    n = sum(len(b) for b in batches)
    for name in VARIANTS:
        t = time.perf_counter()
        for batch in batches:
            scratch.execute("BEGIN")
            if name == "ranged":
                rows = [(TABLE_NO[tbl] * SHIFT + rowid, body) for rowid, tbl, body in batch]
            else:
                rows = [(rowid, body) for rowid, _tbl, body in batch]
            scratch.executemany(f"INSERT INTO fts_{name} (rowid, body) VALUES (?, ?)", rows)
            scratch.execute("COMMIT")
        per_row[name] = 1e6 * (time.perf_counter() - t) / n
    return per_row


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    src = common.city10y_path()
    path = common.CACHE / "proto-search.sqlite3"
    fresh = args.rebuild or not path.exists()
    if fresh:
        path.unlink(missing_ok=True)
    scratch = sqlite3.connect(path, isolation_level=None)
    scratch.execute(f"ATTACH 'file:{src}?mode=ro' AS src")
    if fresh:
        print("building the variants (a minute) …", flush=True)
        per_row = build(scratch)
        t = time.perf_counter()
        scratch.execute("BEGIN")
        scratch.execute("CREATE VIRTUAL TABLE fts_cur USING fts5(body, tokenize='unicode61', prefix='1', columnsize=0)")
        scratch.execute("INSERT INTO fts_cur (rowid, body) SELECT rowid, body FROM src.search_fts")
        scratch.execute("COMMIT")
        n = scratch.execute("SELECT count(*) FROM src.search_doc").fetchone()[0]
        per_row["current"] = 1e6 * (time.perf_counter() - t) / n
        print("write cost, µs per indexed row (FTS insert only, batches of 5,000): "
              + ", ".join(f"{k} {v:.1f}" for k, v in per_row.items()))
    sizes = dict(scratch.execute("SELECT substr(name, 1, instr(name || '_', '_') - 1) || '_' || "
                                 "substr(name, instr(name, '_') + 1, instr(substr(name, instr(name, '_') + 1) || '_', '_') - 1), "
                                 "sum(pgsize) FROM dbstat WHERE name LIKE 'fts_%' GROUP BY 1").fetchall())
    print("size MB: " + ", ".join(f"{k} {v / 1e6:.0f}" for k, v in sorted(sizes.items())))
    q = scratch.execute

    def hits(variant, expr, limit=100, rng=None):
        where = "" if rng is None else f" AND rowid BETWEEN {rng[0]} AND {rng[1]}"
        return q(f"SELECT rowid FROM fts_{variant} WHERE fts_{variant} MATCH ?{where} "
                 f"ORDER BY rowid DESC LIMIT {limit}", [expr]).fetchall()

    def cnt(variant, expr, rng=None):
        where = "" if rng is None else f" AND rowid BETWEEN {rng[0]} AND {rng[1]}"
        return q(f"SELECT count(*) FROM fts_{variant} WHERE fts_{variant} MATCH ?{where}", [expr]).fetchone()[0]

    print(f"\n{'query':<8}{'variant':<10}{'hits':>9}{'first 100 ms':>14}{'count ms':>10}")
    for word in ("镕", "社", "委", "养老", "委员"):
        expr = match_expression(word)
        for v in ("cur", "noprefix", "lean"):
            s = common.median_ms(lambda v=v, e=expr: hits(v, e), repeat=7)
            c = common.median_ms(lambda v=v, e=expr: cnt(v, e), repeat=5)
            print(f"{word:<8}{v:<10}{cnt(v, expr):>9,}{s:>14.2f}{c:>10.2f}")
    print(f"\n{'table filter':<28}{'current (join) ms':>19}{'ranged ms':>11}{'list IN now':>13}{'list IN ranged':>16}")
    for word, table in (("委员", "member"), ("委员", "follow_up"), ("小区", "visit"), ("养老", "meeting")):
        expr = match_expression(word)
        lo, hi = TABLE_NO[table] * SHIFT, (TABLE_NO[table] + 1) * SHIFT - 1
        now = common.median_ms(lambda e=expr, t=table: q(
            "SELECT d.row_id FROM fts_cur f JOIN src.search_doc d ON d.rowid = f.rowid WHERE fts_cur MATCH ? "
            "AND d.tbl = ? ORDER BY f.rowid DESC LIMIT 100", [e, t]).fetchall(), repeat=5)
        ranged = common.median_ms(lambda e=expr, a=lo, b=hi: hits("ranged", e, rng=(a, b)), repeat=7)
        list_now = common.median_ms(lambda e=expr, t=table: q(
            f"SELECT id FROM src.{t} WHERE deleted = 0 AND id IN (SELECT d.row_id FROM fts_cur f JOIN src.search_doc d "
            "ON d.rowid = f.rowid WHERE fts_cur MATCH ? AND d.tbl = ?) ORDER BY rowid DESC LIMIT 100", [e, t]).fetchall(),
            repeat=5)
        list_ranged = common.median_ms(lambda e=expr, t=table, a=lo, b=hi: q(
            f"SELECT id FROM src.{t} WHERE deleted = 0 AND id IN (SELECT d.row_id FROM src.search_doc d WHERE d.rowid IN "
            f"(SELECT rowid - {a} FROM fts_ranged WHERE fts_ranged MATCH ? AND rowid BETWEEN {a} AND {b})) "
            "ORDER BY rowid DESC LIMIT 100", [e]).fetchall(), repeat=5)
        print(f"{word + ' in ' + table:<28}{now:>19.2f}{ranged:>11.2f}{list_now:>13.2f}{list_ranged:>16.2f}")
    scratch.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
