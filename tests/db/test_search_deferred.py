"""Deferred indexing (db.search, m0015): new rows are indexed after their transaction, and every search
finds them before that all the same, with the same hits the index gives afterwards."""

from __future__ import annotations

import random

import pytest

from db import search
from db.database import connect
from db.write import writing

TEXTS = ["社区议事会讨论停车难", "老旧小区加装电梯", "Café 协商 WiFi 覆盖", "养老服务中心 2026 年计划",
         "道路维修，路灯不亮", "委员走访𠇔家", "ABC abc abcd 停车场", "区区小事", "协商议事", "", "一",
         "Naïve résumé 文本", "社区 区会", "邻里节：社区活动"]
QUERIES = ["社区", "社", "区会", "停车", "停车难", "abc", "ab", "a", "cafe", "café", "wifi", "2026", "议事 停车",
           "小区 电梯", "naive", "resume", "区", "𠇔", "邻里", "不存在", "社区 abc", "，", "活动"]


def _insert_meetings(db, group_id, kind, texts):
    with writing(db) as w:
        return w.insert_many("meeting", [{"group_id": group_id, "kind_id": kind, "topic": (t or "").strip() or "无题",
                                          "overview": t, "starts_at": "2026-11-01T09:00"} for t in texts])


def _answers(db):
    out = {}
    for q in QUERIES:
        hits = [h.row_id for h in search.search(db, q, tables=["meeting"], limit=1000)]
        expr = search.match_expression(q)
        where = search.text_filter(q, "m.id", "meeting")
        listed = sorted(r[0] for r in db.execute(f"SELECT m.id FROM meeting m WHERE {where[0]}", where[1]))
        out[q] = (hits, search.count(db, q, tables=["meeting"]), listed, expr)
    return out


def test_rows_not_indexed_yet_are_found_exactly_as_the_index_finds_them_after(core_db, group_id, refs):
    kind = refs["meeting_kind"]["consultation"]
    rng = random.Random(7)
    texts = TEXTS + ["".join(rng.choice("社区议事停车小区电梯ab ") for _ in range(rng.randint(1, 30)))
                     for _ in range(200)]
    _insert_meetings(core_db, group_id, kind, texts)
    assert search.pending(core_db) >= len(texts)
    before = _answers(core_db)
    assert before["社区"][1] > 0 and before["cafe"][1] == 1 and before["不存在"][1] == 0
    assert search.catch_up(core_db) >= len(texts)
    assert search.pending(core_db) == 0
    assert search.entries(core_db, "meeting") >= len(texts)
    assert _answers(core_db) == before
    assert search.problems(core_db) == []


def test_an_edit_or_deletion_before_the_catch_up_leaves_no_stale_entry(core_db, group_id, refs):
    kind = refs["meeting_kind"]["consultation"]
    a, b, c = _insert_meetings(core_db, group_id, kind, ["停车难协商", "加装电梯", "路灯不亮"])
    with writing(core_db) as w:
        w.update("meeting", a, {"topic": "养老服务", "overview": "养老"})
        w.delete("meeting", b)
    assert search.entries(core_db, "meeting") == 0          # nothing indexed inside the transactions
    assert [h.row_id for h in search.search(core_db, "养老", tables=["meeting"])] == [a]
    assert search.count(core_db, "停车", tables=["meeting"]) == 0
    assert search.count(core_db, "电梯", tables=["meeting"]) == 0
    search.catch_up(core_db)
    assert search.entries(core_db, "meeting") == 2          # a and c; b deleted
    assert search.count(core_db, "停车", tables=["meeting"]) == 0 and search.count(core_db, "养老") == 1
    with writing(core_db) as w:                               # at or below the mark: kept in step at once
        w.update("meeting", c, {"topic": "路面塌陷", "overview": None})
        w.restore("meeting", b)
    assert search.entries(core_db, "meeting") == 3
    assert search.count(core_db, "塌陷", tables=["meeting"]) == 1 and search.count(core_db, "路灯") == 0
    assert search.count(core_db, "电梯", tables=["meeting"]) == 1
    assert search.problems(core_db) == []


def test_a_new_row_under_the_mark_is_indexed_at_once(core_db, group_id, refs):
    """SQLite reuses the rowids of the newest rows once they are gone; such a row would never be caught up."""
    kind = refs["meeting_kind"]["consultation"]
    _insert_meetings(core_db, group_id, kind, ["第一次"])
    search.catch_up(core_db)
    with core_db.conn:
        core_db.execute("UPDATE search_mark SET upto = upto + 50 WHERE tbl = 'meeting'")
    n = search.entries(core_db, "meeting")
    _insert_meetings(core_db, group_id, kind, ["复用的行号"])
    assert search.entries(core_db, "meeting") == n + 1
    assert search.count(core_db, "行号", tables=["meeting"]) == 1


def test_catch_up_goes_in_small_transactions_and_can_stop_between_them(core_db, group_id, refs, tmp_path):
    kind = refs["meeting_kind"]["consultation"]
    search.catch_up(core_db)
    _insert_meetings(core_db, group_id, kind, [f"社区议事第{i}次" for i in range(25)])
    other = connect(core_db.conn.execute("PRAGMA database_list").fetchone()[2])
    seen = []

    def progress(n):
        seen.append(n)                    # between chunks another connection can write
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
    search.catch_up(core_db, chunk=10, progress=progress, stop=lambda: len(seen) == 2)
    assert seen == [10, 10]
    assert search.pending(core_db) > 0 and search.count(core_db, "议事", tables=["meeting"]) == 25
    search.catch_up(core_db, chunk=10)
    assert search.pending(core_db) == 0 and search.count(core_db, "议事", tables=["meeting"]) == 25
    other.conn.close()


@pytest.mark.parametrize("expr, values, want", [
    ('"社区"', ["老旧社区"], 1), ('"社区"', ["社", "区"], 0), ('"社"*', ["居民社团"], 1),
    ('"ab"*', ["xyz abcd"], 1), ('"abc"', ["abcd"], 0), ('"abc"', ["ABC"], 1),
    ('"社区 区议"', ["社区议事"], 1), ('"社区 区议"', ["社区", "议事"], 0), ('"cafe"', ["Café"], 1),
    ('"社区" AND "电梯"', ["社区", "电梯"], 1), ('"社区" AND "电梯"', ["社区"], 0), (None, ["x"], 0),
    ('"x"', [None, 3], 0),
])
def test_ld_match(expr, values, want):
    assert search.ld_match(expr, *values) == want


def test_a_table_without_a_mark_is_searched_from_its_rows_and_then_indexed_once(core_db, group_id, refs):
    """A searchable table a later version adds, whose migration forgot its mark: nothing is lost or doubled."""
    kind = refs["meeting_kind"]["consultation"]
    _insert_meetings(core_db, group_id, kind, ["停车难协商", "加装电梯"])
    search.catch_up(core_db)
    with core_db.conn:
        core_db.execute(f"DROP TABLE {search.fts_name('meeting')}")
        search.create_index(core_db)
        core_db.execute("DELETE FROM search_mark WHERE tbl = 'meeting'")
    assert search.count(core_db, "停车", tables=["meeting"]) == 1
    search.catch_up(core_db)
    search.catch_up(core_db)
    assert search.mark(core_db, "meeting") > 0 and search.pending(core_db) == 0
    assert search.count(core_db, "停车", tables=["meeting"]) == 1 and search.count(core_db, "电梯") == 1
    assert search.entries(core_db, "meeting") == 2 and search.problems(core_db) == []
