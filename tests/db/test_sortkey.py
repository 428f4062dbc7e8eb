"""Chinese sorts by pinyin (db.sortkey), in Python and in SQL, wherever lists are ordered by name."""

from __future__ import annotations

import records_world

from db.sortkey import name_key, readings, text_key

records_template, db = records_world.records_template, records_world.db


def test_names_sort_by_pinyin_with_surnames_read_as_surnames():
    names = ["张伟", "李娜", "王芳", "阿依古丽·买买提", "单雄信", "曾国藩", "吕布", "卢俊", "里安", "李", "赵敏", "安然"]
    assert sorted(names, key=name_key) == [
        "阿依古丽·买买提", "安然", "李", "李娜", "里安", "卢俊", "吕布",   # lu before lü; 李 (all of them) before 里
        "单雄信",                                                       # 单 is shàn as a surname, not dān
        "王芳", "曾国藩", "张伟", "赵敏"]                                # 曾 is zēng, not céng
    assert sorted(["单位", "大家"], key=text_key) == ["大家", "单位"]     # in ordinary text 单 is dān


def test_rare_characters_letters_and_punctuation():
    assert readings()["䶮"] == "yan3"                                  # Extension A has readings
    assert name_key("王𠇔") > name_key("王芳") and name_key("王𠇔").startswith(name_key("王"))
    assert name_key("阿依古丽·买买提") == name_key("阿依古丽买买提")      # the · is ignored
    assert text_key("Anna") < text_key("Bob") and text_key("第2组") < text_key("第3组")
    assert text_key(None) == text_key("") == ""


def test_sql_lists_are_in_pinyin_order(db):
    from db.write import writing
    names = ["张飞", "李逵", "王朗", "安琪"]
    with writing(db) as w:
        for n in names:
            w.insert("member", {"name": n})
    got = [r[0] for r in db.execute(
        f"SELECT name FROM member WHERE name IN ({','.join('?' * len(names))}) ORDER BY zh_name_key(name)",
        names).fetchall()]
    assert got == ["安琪", "李逵", "王朗", "张飞"]


def test_a_value_that_is_not_text_sorts_as_its_text():
    assert text_key(12) == text_key("12") and name_key(7) == name_key("7")


def test_the_readings_take_little_memory():
    """42k characters' readings in well under 1 MB (a dict of them held 4.2 MB in the window, bench_memory)."""
    import tracemalloc

    from db.sortkey import TABLE, Readings
    text = TABLE.read_text(encoding="utf-8")
    tracemalloc.start()
    try:
        table = Readings(text.splitlines())
        held = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert table["䶮"] == "yan3" and table.get("a") is None
    assert held < 1_000_000, held
