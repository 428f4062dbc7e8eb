"""The owner maps (db.search, m0019): each searchable part row's rowid → its meeting's rowid, which the
meetings list's count reads instead of the parts' meeting_id indexes. They only speed up: a part not mapped
yet is found through its row, a part moved to another meeting follows it, `check` finds a wrong entry and
`reindex` makes them again, from the command line as a user runs it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

from db import search
from db.database import open_database
from db.write import writing

PARTS = (("agenda_item", "meeting_id"), ("speech", "meeting_id"), ("consensus_item", "meeting_id"))


def _meetings(db, group_id, kind, topics):
    with writing(db) as w:
        return w.insert_many("meeting", [{"group_id": group_id, "kind_id": kind, "topic": t,
                                          "starts_at": "2026-11-01T09:00"} for t in topics])


def _found(db, word) -> set[str]:
    """The meetings the count's query (the owner maps) finds for `word`, by id."""
    sub, params = search.owner_rowids("meeting", PARTS, search.match_expression(word))
    return {r[0] for r in db.execute(f"SELECT id FROM meeting WHERE rowid IN ({sub})", params)}


def _mapped(db, table, row_id):
    return db.execute(f"SELECT m.id FROM {table}_owner o JOIN {table} c ON c.rowid = o.part "
                      f"JOIN meeting m ON m.rowid = o.owner WHERE c.id = ?", [row_id]).fetchone()


def test_parts_are_found_before_and_after_the_catch_up_maps_them_and_a_moved_part_follows(core_db, group_id, refs):
    db = core_db
    search.catch_up(db)
    a, b = _meetings(db, group_id, refs["meeting_kind"]["consultation"], ["甲会议", "乙会议"])
    with writing(db) as w:
        s1 = w.insert("speech", {"meeting_id": a, "summary": "小区停车难，建议错时共享"})
        w.insert("agenda_item", {"meeting_id": b, "title": "加装电梯"})
        w.insert("consensus_item", {"meeting_id": b, "text": "路灯维修由街道牵头"})
    assert _mapped(db, "speech", s1) is None                  # above the mark: not mapped yet …
    assert _found(db, "停车") == {a} and _found(db, "电梯") == {b} and _found(db, "路灯") == {b}   # … found by its row
    search.catch_up(db)
    assert _mapped(db, "speech", s1) == (a,)
    assert _found(db, "停车") == {a} and _found(db, "电梯") == {b} and _found(db, "路灯") == {b}
    with writing(db) as w:                                    # the speech was recorded under the wrong meeting
        w.update("speech", s1, {"meeting_id": b})
    assert _mapped(db, "speech", s1) == (b,)
    assert _found(db, "停车") == {b}
    assert search.problems(db) == []


def test_a_part_whose_entry_is_missing_is_still_found_through_its_row(core_db, group_id, refs):
    db = core_db
    (a,) = _meetings(db, group_id, refs["meeting_kind"]["consultation"], ["丙会议"])
    with writing(db) as w:
        w.insert("speech", {"meeting_id": a, "summary": "垃圾分类宣传进小区"})
    search.catch_up(db)
    db.execute("DELETE FROM speech_owner")
    db.conn.commit()
    assert _found(db, "垃圾分类") == {a}


def test_an_old_database_gets_its_maps_on_upgrade(core_db, group_id, refs, tmp_path):
    db = core_db
    (a,) = _meetings(db, group_id, refs["meeting_kind"]["consultation"], ["丁会议"])
    with writing(db) as w:
        s = w.insert("speech", {"meeting_id": a, "summary": "老年食堂选址"})
    search.catch_up(db)
    for table, _fk in PARTS:                                  # as a database made before m0019
        db.execute(f"DROP TABLE {table}_owner")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0019_search_owner_maps'")
    db.conn.commit()
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    db.conn.close()
    again = open_database(path, backup_before_upgrade=False)
    try:
        assert _mapped(again, "speech", s) == (a,)
        assert _found(again, "食堂") == {a}
        assert search.problems(again) == []
    finally:
        again.conn.close()


def _cli(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_check_names_a_wrong_map_and_reindex_mends_it(core_db, group_id, refs):
    db = core_db
    a, b = _meetings(db, group_id, refs["meeting_kind"]["consultation"], ["戊会议", "己会议"])
    with writing(db) as w:
        s = w.insert("speech", {"meeting_id": a, "summary": "河道清淤"})
    search.catch_up(db)
    path = db.conn.execute("PRAGMA database_list").fetchone()[2]
    db.conn.close()
    raw = sqlite3.connect(path)                               # a map gone wrong (a bad disk, a tool)
    raw.execute("UPDATE speech_owner SET owner = (SELECT rowid FROM meeting WHERE id = ?) "
                "WHERE part = (SELECT rowid FROM speech WHERE id = ?)", [b, s])
    raw.commit()
    raw.close()
    p = _cli("check", "--db", path)
    assert p.returncode != 0 and "speech rows mapped to the wrong meeting" in p.stdout + p.stderr, p.stdout + p.stderr
    p = _cli("reindex", "--db", path)
    assert p.returncode == 0, p.stdout + p.stderr
    assert _cli("check", "--db", path).returncode == 0
    again = open_database(path)
    try:
        assert _mapped(again, "speech", s) == (a,) and _found(again, "清淤") == {a}
    finally:
        again.conn.close()
