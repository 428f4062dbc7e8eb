"""The one write path: log entries, gapless sequence, compact clocks, guard, all-or-nothing."""

from __future__ import annotations

import json
import sqlite3

import pytest

from db import model
from db.check import check_database
from db.clock import parse_clock
from db.errors import NotFound, ValidationError
from db.write import row_clock, writing


def _meeting(w, group_id, refs, **kw):
    values = {"group_id": group_id, "kind_id": refs["meeting_kind"]["consultation"],
              "topic": "社区养老服务", "starts_at": "2026-11-20T09:30", **kw}
    return w.insert("meeting", values)


def test_every_write_logs_one_entry_with_the_next_gapless_sequence(core_db, group_id, refs):
    before = core_db.execute("SELECT seq FROM node_state").fetchone()[0]
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
        w.update("meeting", mid, {"place": "委员之家", "chair": "李䶮"})
        w.delete("meeting", mid)
    node_id, seq = core_db.execute("SELECT node_id, seq FROM node_state").fetchone()
    log = core_db.execute("SELECT seq, tbl, row_id, fields FROM change_log WHERE origin = ? AND seq > ? "
                          "ORDER BY seq", [node_id, before]).fetchall()
    assert [r[0] for r in log] == [before + 1, before + 2, before + 3] and seq == before + 3
    assert [r[3] for r in log] == ["*", "place,chair", "deleted"]
    assert {r[2] for r in log} == {mid}


def test_log_entries_hold_no_values(core_db, group_id, refs):
    with writing(core_db) as w:
        _meeting(w, group_id, refs, topic="独一无二的会议主题")
    dumped = " ".join(map(str, core_db.execute("SELECT * FROM change_log").fetchall()))
    assert "独一无二" not in dumped


def test_update_keeps_the_replaced_clock_as_base(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
    rc = core_db.execute("SELECT _rc FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    with writing(core_db) as w:
        w.update("meeting", mid, {"overview": "第一稿"})
    with writing(core_db) as w:
        w.update("meeting", mid, {"overview": "第二稿"})
    row = dict(zip(("_rc", "_fc"), core_db.execute("SELECT _rc, _fc FROM meeting WHERE id = ?", [mid]).fetchone(),
                   strict=True))
    fc = json.loads(row["_fc"])
    assert list(fc) == ["overview"]                    # only fields edited since the insert
    first_clock = fc["overview"][1]
    assert first_clock > rc and fc["overview"][0] > first_clock
    assert row_clock(row, "topic") == rc               # untouched fields keep the row clock
    assert parse_clock(fc["overview"][0])[1] == core_db.execute("SELECT node_id FROM node_state").fetchone()[0]


def test_unchanged_update_writes_nothing(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
    seq = core_db.execute("SELECT seq FROM node_state").fetchone()[0]
    with writing(core_db) as w:
        assert w.update("meeting", mid, {"topic": "  社区养老服务  "}) == []
    assert core_db.execute("SELECT seq FROM node_state").fetchone()[0] == seq


@pytest.mark.parametrize("table", list(model.TABLES))
def test_no_insert_into_a_replicated_table_bypasses_the_write_path(core_db, table):
    with pytest.raises(sqlite3.IntegrityError, match="outside the write path"):
        core_db.execute(f"INSERT INTO {table} (id, _rc) VALUES ('x', 'c')")


@pytest.mark.parametrize("table", ["office", "reference_item", "liaison_group", "member", "membership"])
@pytest.mark.parametrize("statement", ["UPDATE {t} SET deleted = 1", "DELETE FROM {t}"])
def test_no_update_or_delete_bypasses_the_write_path(core_db, table, statement):
    assert core_db.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0   # triggers fire per row
    with pytest.raises(sqlite3.IntegrityError, match="outside the write path"):
        core_db.execute(statement.format(t=table))


def test_every_replicated_table_has_its_guard_triggers(core_db):
    triggers = {r[0] for r in core_db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    for table in model.TABLES:
        assert {f"guard_{table}_{e}" for e in ("insert", "update", "delete")} <= triggers


def test_a_failed_transaction_leaves_data_log_and_clock_unchanged(core_db, group_id, refs):
    state = core_db.execute("SELECT hlc, seq, guard FROM node_state").fetchone()
    n = core_db.execute("SELECT count(*) FROM meeting").fetchone()[0]
    with pytest.raises(ValidationError), writing(core_db) as w:
        _meeting(w, group_id, refs)
        _meeting(w, group_id, refs, starts_at="2026-02-30T09:00")
    assert core_db.execute("SELECT hlc, seq, guard FROM node_state").fetchone() == state
    assert core_db.execute("SELECT count(*) FROM meeting").fetchone()[0] == n
    assert check_database(core_db).ok


def test_guard_is_closed_after_every_transaction(core_db, group_id, refs):
    with writing(core_db) as w:
        _meeting(w, group_id, refs)
    assert core_db.execute("SELECT guard FROM node_state").fetchone()[0] == 0
    with pytest.raises(sqlite3.IntegrityError):
        core_db.execute("UPDATE meeting SET topic = 'x'")


def test_nested_writing_joins_the_outer_transaction(core_db, group_id, refs):
    with writing(core_db) as outer:
        with writing(core_db) as inner:
            assert inner is outer
            _meeting(inner, group_id, refs)
        assert core_db.conn.in_transaction


def test_update_of_a_missing_row_is_not_found(core_db):
    with pytest.raises(NotFound), writing(core_db) as w:
        w.update("meeting", "no-such-id", {"topic": "x"})


def test_ids_are_uuid7_and_time_ordered(core_db, group_id, refs):
    with writing(core_db) as w:
        ids = w.insert_many("meeting", [
            {"group_id": group_id, "kind_id": refs["meeting_kind"]["forum"], "topic": f"议题{i}",
             "starts_at": "2026-11-20T09:30"} for i in range(50)])
    assert all(i[14] == "7" for i in ids)
    assert [i[:13] for i in ids] == sorted(i[:13] for i in ids)


def test_clocks_are_strictly_increasing_within_a_node(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
        for i in range(20):
            w.update("meeting", mid, {"place": f"地点{i}"})
    hlcs = [r[0] for r in core_db.execute("SELECT hlc FROM change_log ORDER BY seq")]
    assert hlcs == sorted(set(hlcs))


def test_check_finds_a_row_written_behind_the_log(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
    core_db.execute("UPDATE node_state SET guard = 1")
    core_db.execute("UPDATE meeting SET _rc = '7fffffffffffffff@' || (SELECT node_id FROM node_state) "
                    "WHERE id = ?", [mid])
    core_db.execute("UPDATE node_state SET guard = 0")
    problems = check_database(core_db).problems
    assert any("no log entry" in p for p in problems)


def test_live_refuses_a_deleted_row_by_its_table_name(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = _meeting(w, group_id, refs)
        assert w.live("meeting", mid)["id"] == mid
        w.delete("meeting", mid)
        with pytest.raises(NotFound, match="会议记录已被删除"):
            w.live("meeting", mid)
