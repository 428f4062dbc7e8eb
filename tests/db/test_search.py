"""Chinese search: two-character words, one-character queries, names, updates and deletions."""

from __future__ import annotations

import pytest

from db import search
from db.write import writing


@pytest.fixture
def meetings(core_db, group_id, refs):
    kind = refs["meeting_kind"]["consultation"]
    texts = {"a": ("老旧小区改造协商", "居民反映加装电梯和停车难问题"),
             "b": ("社区养老服务", "建设养老服务站，解决老人吃饭难"),
             "c": ("G75高速沿线环境整治", "垃圾分类")}
    ids = {}
    with writing(core_db) as w:
        for key, (topic, overview) in texts.items():
            ids[key] = w.insert("meeting", {"group_id": group_id, "kind_id": kind, "topic": topic,
                                            "overview": overview, "starts_at": "2026-11-01T09:00"})
    return ids


def _ids(db, q, **kw):
    return {h.row_id for h in search.search(db, q, **kw)}


def test_two_character_word_is_found(core_db, meetings):
    assert _ids(core_db, "养老") == {meetings["b"]}
    assert _ids(core_db, "电梯") == {meetings["a"]}


def test_one_character_query_finds_every_position(core_db, meetings):
    assert _ids(core_db, "难") == {meetings["a"], meetings["b"]}   # 难 ends a run in both texts
    assert _ids(core_db, "梯") == {meetings["a"]}


def test_longer_phrase_must_be_contiguous(core_db, meetings):
    assert _ids(core_db, "养老服务站") == {meetings["b"]}
    assert _ids(core_db, "养老电梯") == set()


def test_words_separated_by_spaces_are_all_required(core_db, meetings):
    assert _ids(core_db, "小区 电梯") == {meetings["a"]}
    assert _ids(core_db, "小区 养老") == set()


def test_latin_and_digits_mix_with_chinese(core_db, meetings):
    assert _ids(core_db, "g75") == {meetings["c"]}
    assert _ids(core_db, "G75高速") == {meetings["c"]}


def test_member_names_with_rare_characters_are_found(core_db):
    assert {h.table for h in search.search(core_db, "王𠇔")} == {"member"}
    assert search.count(core_db, "𠇔") == 1


def test_update_and_delete_keep_the_index_current(core_db, meetings):
    with writing(core_db) as w:
        w.update("meeting", meetings["b"], {"overview": "讨论学校周边交通"})
    assert _ids(core_db, "养老") == {meetings["b"]}          # still in the topic
    assert _ids(core_db, "学校") == {meetings["b"]} and _ids(core_db, "老人") == set()
    with writing(core_db) as w:
        w.delete("meeting", meetings["b"])
    assert _ids(core_db, "学校") == set()
    with writing(core_db) as w:
        w.restore("meeting", meetings["b"])
    assert _ids(core_db, "学校") == {meetings["b"]}


def test_count_and_table_filter(core_db, meetings):
    assert search.count(core_db, "协商") == 1
    assert search.count(core_db, "王", tables=["meeting"]) == 0
    assert _ids(core_db, "王", tables=["member"]) != set()


def test_queries_without_words_and_with_fts_syntax_are_harmless(core_db, meetings):
    assert search.search(core_db, "  ，。！") == [] and search.count(core_db, "") == 0
    assert search.search(core_db, 'NEAR("a" OR *') == []


def test_rebuild_gives_the_same_answers(core_db, meetings):
    before = {q: _ids(core_db, q) for q in ("养老", "难", "g75")}
    with core_db.atomic():
        search.rebuild(core_db)
    assert {q: _ids(core_db, q) for q in before} == before


def test_tokenize_makes_bigrams_and_the_last_character():
    assert search.tokenize("养老服务") == "养老 老服 服务 务"
    assert search.tokenize("A区 3号楼") == "a 区 3 号楼 楼"


def test_text_filter_for_list_pages(core_db, meetings):
    assert search.text_filter("", "m.id", "meeting") is None
    assert search.text_filter("，。", "m.id", "meeting") == ("0", [])
    sql, params = search.text_filter("养老", "m.id", "meeting")
    rows = core_db.execute(f"SELECT m.id FROM meeting m WHERE {sql}", params).fetchall()
    assert [r[0] for r in rows] == [meetings["b"]]
