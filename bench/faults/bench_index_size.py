"""Ten years of data: what the city-10y file holds (change log, tombstones, search index, attachments:
db.check.growth_report), and the search index with its own copy of the bigram text (before m0011)
against the contentless one, each VACUUMed, with the search timings on both, interleaved.

    .venv/bin/python bench/faults/bench_index_size.py

Budgets (bench/README.md): first 100 hits of a 2-character word ≤ 10 ms, the full count ≤ 100 ms; the
contentless index no slower than the old one (ratio ≤ 1.2, the machine's noise). Scratch copies go to
.bench-cache/ (two of ~1.3–1.7 GB, removed at the end)."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "foundation"))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import common  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from db import search  # noqa: E402
from db.check import growth_report  # noqa: E402

WORDS = ("养老", "停车", "小区", "委员", "垃圾", "饮水", "社区")
OLD_FTS = "CREATE VIRTUAL TABLE search_fts USING fts5(body, tokenize='unicode61', columnsize=0)"


def _copy(src: Path, dest: Path) -> Database:
    dest.unlink(missing_ok=True)
    s = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    d = sqlite3.connect(dest)
    s.backup(d)
    s.close()
    d.close()
    return Database(dest)


def _vacuumed(db: Database, dest: Path) -> Database:
    dest.unlink(missing_ok=True)
    db.execute(f"VACUUM INTO '{dest}'")
    return Database(dest)


def _index_bytes(db: Database) -> int:
    return next(g.size for g in growth_report(db) if g.key == "search_index")


def main() -> int:
    cache = common.city10y_path(False)
    scratch = cache.parent
    a = _copy(cache, scratch / "index-a.sqlite3")
    if search.is_contentless(a):                # the cache was made after m0011: build the old form
        with a.conn:
            a.execute("DROP TABLE search_fts")
            a.execute(OLD_FTS)
            search.rebuild(a)
        old = _vacuumed(a, scratch / "index-old.sqlite3")
        a.conn.close()
        a = _copy(cache, scratch / "index-a.sqlite3")
    else:
        old = _vacuumed(a, scratch / "index-old.sqlite3")
        t = time.perf_counter()
        with a.conn:
            search.make_contentless(a)
        print(f"m0011 on city-10y (rebuild the contentless index): {time.perf_counter() - t:.1f} s", flush=True)
    new = _vacuumed(a, scratch / "index-new.sqlite3")
    a.conn.close()
    (scratch / "index-a.sqlite3").unlink()
    print("what the file holds (contentless index, VACUUMed):")
    for g in growth_report(new):
        print(g.line())
    ob, nb = _index_bytes(old), _index_bytes(new)
    of = (scratch / "index-old.sqlite3").stat().st_size
    nf = (scratch / "index-new.sqlite3").stat().st_size
    print(f"search index: {ob / 1e6:.1f} MB with its own copy of the text → {nb / 1e6:.1f} MB contentless; "
          f"file {of / 1e6:.1f} → {nf / 1e6:.1f} MB")
    print(f"{'word':<8}{'hits':>9}{'old 100':>9}{'new 100':>9}{'old count':>11}{'new count':>11}  ms")
    worst = {"s_old": 0.0, "s_new": 0.0, "c_old": 0.0, "c_new": 0.0}
    for w in WORDS:
        so = common.median_ms(lambda w=w: search.search(old, w, limit=100))
        sn = common.median_ms(lambda w=w: search.search(new, w, limit=100))
        co = common.median_ms(lambda w=w: search.count(old, w), repeat=7)
        cn = common.median_ms(lambda w=w: search.count(new, w), repeat=7)
        assert search.search(old, w, limit=100) == search.search(new, w, limit=100)
        print(f"{w:<8}{search.count(new, w):>9,}{so:>9.2f}{sn:>9.2f}{co:>11.2f}{cn:>11.2f}")
        for k, v in (("s_old", so), ("s_new", sn), ("c_old", co), ("c_new", cn)):
            worst[k] = max(worst[k], v)
    ok = common.report("search: first 100 hits, contentless (worst median)", worst["s_new"], 10.0)
    ok &= common.report("search: full count, contentless (worst median)", worst["c_new"], 100.0)
    ok &= common.report("count: contentless ÷ old (worst medians)", worst["c_new"] / worst["c_old"], 1.2, "×")
    for db, name in ((old, "index-old.sqlite3"), (new, "index-new.sqlite3")):
        db.conn.close()
        (scratch / name).unlink()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
