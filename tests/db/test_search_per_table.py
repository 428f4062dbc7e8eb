"""One search index per table (m0012): an older database's single index becomes per-table indexes with
the same hits, the hits are those a plain reading of the texts gives, a VACUUM keeps them, `check` finds
an index out of step with its table, and the write path's rowids are right."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database

from db import search
from db.database import open_database
from db.write import writing

WORDS = ("养老", "服务", "电梯", "停车", "社区", "改造", "老旧小区", "居民", "难", "社", "委员", "停车 电梯",
         "g75", "无此词语")


def _old_index(path, *, contentless: bool) -> None:
    """The index as databases before m0012 have it: one FTS5 table over every table, mapped to rows by
    search_doc (before m0011 also keeping its own copy of the text)."""
    conn = sqlite3.connect(path)
    for table in search.SEARCHABLE_TABLES:
        conn.execute(f"DROP TABLE {search.fts_name(table)}")
    conn.execute("CREATE TABLE search_doc (rowid INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, "
                 "UNIQUE (row_id, tbl))")
    content = "content='', " if contentless else ""
    conn.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5(body, {content}tokenize='unicode61', columnsize=0)")
    for table, fields in search.SEARCHABLE_TABLES.items():
        for rid, *values in conn.execute(f"SELECT id, {', '.join(fields)} FROM {table} WHERE deleted = 0 "
                                         f"ORDER BY rowid").fetchall():
            body = search._body(dict(zip(fields, values, strict=True)), fields)
            if body:
                cur = conn.execute("INSERT INTO search_doc (tbl, row_id) VALUES (?, ?)", (table, rid))
                conn.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", (cur.lastrowid, body))
    gone = ["m0012_search_index_per_table"] + ([] if contentless else ["m0011_contentless_search_index"])
    conn.executemany("DELETE FROM _sqlite_migrations WHERE name = ?", [(g,) for g in gone])
    conn.commit()
    conn.close()


def _old_answers(path) -> dict:
    """What the single index answered: every hit (table, id), and each table's list filter in row order."""
    conn = sqlite3.connect(path)
    out = {}
    for word in WORDS:
        expr = search.match_expression(word)
        hits = conn.execute("SELECT d.tbl, d.row_id FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid "
                            "WHERE search_fts MATCH ?", [expr]).fetchall()
        lists = {t: [r[0] for r in conn.execute(
            f"SELECT id FROM {t} WHERE deleted = 0 AND id IN (SELECT d.row_id FROM search_fts f JOIN search_doc d "
            f"ON d.rowid = f.rowid WHERE search_fts MATCH ? AND d.tbl = ?) ORDER BY rowid", [expr, t])]
                 for t in search.SEARCHABLE_TABLES}
        out[word] = (sorted(hits), lists)
    conn.close()
    return out


def _new_answers(db) -> dict:
    out = {}
    for word in WORDS:
        hits = sorted((h.table, h.row_id) for h in search.search(db, word, limit=10 ** 7))
        assert search.count(db, word) == len(hits)
        lists = {}
        for t in search.SEARCHABLE_TABLES:
            sql, params = search.text_filter(word, "x.id", t)
            lists[t] = [r[0] for r in db.execute(f"SELECT id FROM {t} x WHERE deleted = 0 AND {sql} ORDER BY rowid",
                                                 params)]
        out[word] = (hits, lists)
    return out


@pytest.mark.parametrize("contentless", [True, False], ids=["after-m0011", "before-m0011"])
def test_m0012_splits_an_older_index_with_the_same_hits(demo_db_path, contentless):
    _old_index(demo_db_path, contentless=contentless)
    before = _old_answers(demo_db_path)
    assert sum(len(h) for h, _ in before.values()) > 1000
    db = open_database(demo_db_path)            # upgrades (after its automatic backup)
    assert not db["search_doc"].exists() and not db["search_fts"].exists()
    assert search.is_contentless(db)
    assert _new_answers(db) == before
    assert list((demo_db_path.parent / "backups").glob("*before-upgrade*"))
    assert search.problems(db) == []
    db.conn.close()


def _plain_reading(db, word: str) -> set[tuple[str, str]]:
    """The rows whose tokens hold every word of the query, read without the index: a CJK run's bigrams
    in a row, one CJK character any token starting with it, Latin words of 1–2 letters a prefix."""
    wanted = []
    for run in search._RUN.findall(word):
        if search._IS_CJK.match(run) and len(run) > 1:
            wanted.append(("phrase", [run[i:i + 2] for i in range(len(run) - 1)]))
        elif search._IS_CJK.match(run) or len(run) < 3:
            wanted.append(("prefix", run.lower()))
        else:
            wanted.append(("token", run.lower()))
    out = set()
    for table, fields in search.SEARCHABLE_TABLES.items():
        for rid, *values in db.execute(f"SELECT id, {', '.join(fields)} FROM {table} WHERE deleted = 0"):
            tokens = search._body(dict(zip(fields, values, strict=True)), fields).split()
            text = " " + " ".join(tokens) + " "

            def has(kind, what, tokens=tokens, text=text):
                if kind == "phrase":
                    return " " + " ".join(what) + " " in text
                if kind == "prefix":
                    return any(t.startswith(what) for t in tokens)
                return what in tokens
            if all(has(k, w) for k, w in wanted):
                out.add((table, rid))
    return out


def test_hits_are_what_a_plain_reading_of_the_texts_finds(demo_db_path):
    db = open_database(demo_db_path)
    for word in WORDS:
        assert {(h.table, h.row_id) for h in search.search(db, word, limit=10 ** 7)} == _plain_reading(db, word), word
    db.conn.close()


def test_a_vacuum_keeps_every_hit(demo_db_path):
    """The index relies on the rows' rowids (no INTEGER PRIMARY KEY): SQLite's VACUUM keeps those of a table
    with an index. Deleted rows leave gaps in the rowids, which a renumbering VACUUM would close."""
    db = open_database(demo_db_path)
    with writing(db) as w:
        for (rid,) in db.execute("SELECT id FROM visit WHERE deleted = 0 ORDER BY rowid LIMIT 40").fetchall():
            w.delete("visit", rid)
    before = _new_answers(db)
    rowids = db.execute("SELECT rowid, id FROM visit ORDER BY rowid").fetchall()
    db.execute("VACUUM")
    assert db.execute("SELECT rowid, id FROM visit ORDER BY rowid").fetchall() == rowids
    assert _new_answers(db) == before
    assert search.problems(db) == []
    db.conn.close()


def test_check_finds_an_index_out_of_step_and_rebuild_mends_it(demo_db_path):
    db = open_database(demo_db_path)
    with db.atomic():               # every entry of the visits' index under the next row's rowid
        fields = search.SEARCHABLE_TABLES["visit"]
        rows = db.execute(f"SELECT rowid, {', '.join(fields)} FROM visit WHERE deleted = 0").fetchall()
        db.execute("DROP TABLE visit_fts")
        search.create_index(db)
        search.index_new_rows(db, "visit", [dict(zip(fields, r[1:], strict=True)) for r in rows],
                              [r[0] + 1 for r in rows])
    found = search.problems(db)
    assert len(found) == 1 and "visit" in found[0] and "重建" in found[0]
    search.rebuild(db)                          # in a transaction of its own
    assert not db.conn.in_transaction
    assert search.problems(db) == []
    db.conn.close()


def test_rowids_of_new_rows_are_looked_up_when_not_consecutive(core_db, group_id):
    """SQLite gives a new row the largest rowid + 1, so one executemany's rows are consecutive; a table at
    the largest rowid gets them at random, and then each is looked up."""
    with writing(core_db) as w:
        ids = w.insert_many("liaison_group", [{"name": "幸福社区联络组"}, {"name": "阳光社区联络组"}])
    got = search._rowids_of_new(core_db, "liaison_group", [{"id": i} for i in ids])
    want = [core_db.execute("SELECT rowid FROM liaison_group WHERE id = ?", [i]).fetchone()[0] for i in ids]
    assert got == want and want[1] == want[0] + 1
    with writing(core_db):                      # move the second row away: no longer consecutive
        core_db.execute("UPDATE liaison_group SET rowid = rowid + 100 WHERE id = ?", [ids[1]])
    got = search._rowids_of_new(core_db, "liaison_group", [{"id": i} for i in ids])
    assert got == [want[0], want[1] + 100]


def test_the_write_path_keeps_one_entry_per_row_with_text(core_db, group_id, refs):
    kind = refs["meeting_kind"]["consultation"]
    with writing(core_db) as w:
        mids = w.insert_many("meeting", [{"group_id": group_id, "kind_id": kind, "topic": f"社区议事{i}",
                                          "starts_at": "2026-11-01T09:00"} for i in range(30)])
    search.catch_up(core_db)                # new rows are indexed after their transaction (deferred)
    n = search.entries(core_db, "meeting")
    assert n >= 30
    with writing(core_db) as w:
        w.update("meeting", mids[0], {"topic": "停车难协商"})
        w.delete("meeting", mids[1])
    assert search.entries(core_db, "meeting") == n - 1
    assert search.count(core_db, "停车", tables=["meeting"]) == 1
    assert not Database(core_db.conn)["search_doc"].exists()


def test_check_on_an_older_database_upgrades_it_and_finds_the_index_sound(demo_db_path):
    """`liaison-desk check` opens the file as the program does: the upgrade (after its backup) makes the
    per-table indexes, and the check's sample of rows finds each under its rowid."""
    import subprocess
    import sys
    _old_index(demo_db_path, contentless=True)
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "检查通过" in out.stdout and "重建" not in out.stdout              # passed, no problem reported
    db = Database(demo_db_path)
    assert not db["search_doc"].exists() and db["visit_fts"].exists()
    assert list((demo_db_path.parent / "backups").glob("*before-upgrade*"))
    db.conn.close()


def test_check_tells_of_an_index_out_of_step_and_reindex_mends_it_from_the_command_line(demo_db_path):
    import subprocess
    import sys
    db = open_database(demo_db_path)
    with db.atomic():               # the meetings' index emptied: no meeting found under its rowid
        db.execute("DROP TABLE meeting_fts")
        search.create_index(db)
    db.conn.close()

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "desktop.cli", *args, "--db", str(demo_db_path)],
                              capture_output=True, text=True, timeout=120)
    out = cli("check")
    assert out.returncode == 1 and "liaison-desk reindex" in out.stdout and "meeting" in out.stdout, out.stdout
    out = cli("reindex")
    assert out.returncode == 0 and "已重建检索索引" in out.stdout, out.stdout + out.stderr
    out = cli("check")
    assert out.returncode == 0 and "检查通过" in out.stdout, out.stdout
