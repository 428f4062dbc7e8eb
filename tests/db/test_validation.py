"""Validation lives in the data core: bad input raises a clear error and writes nothing."""

from __future__ import annotations

import pytest

from db.errors import ValidationError
from db.write import writing


def _try(db, table, values):
    seq = db.execute("SELECT seq FROM node_state").fetchone()[0]
    with pytest.raises(ValidationError) as info, writing(db) as w:
        w.insert(table, values)
    assert db.execute("SELECT seq FROM node_state").fetchone()[0] == seq
    return info.value


@pytest.mark.parametrize("values, code, field", [
    ({"name": ""}, "required", "name"),
    ({"name": "   "}, "required", "name"),
    ({"name": "张三", "sex": "X"}, "bad_choice", "sex"),
    ({"name": "张三", "birth_date": "1970-02-30"}, "bad_date", "birth_date"),
    ({"name": "张三", "birth_date": "30/01/1970"}, "bad_date", "birth_date"),
    ({"name": "张" * 61}, "too_long", "name"),
    ({"name": "张三", "ethnicity_id": "nope"}, "bad_reference", "ethnicity_id"),
    ({"name": "张三", "shoe_size": 42}, "unknown_field", "shoe_size"),
])
def test_member_input_errors(core_db, values, code, field):
    err = _try(core_db, "member", values)
    assert (err.code, err.field) == (code, field)
    assert err.message_zh and err.message_en and err.message_zh != err.message_en


def test_a_reference_of_the_wrong_list_is_refused(core_db, refs):
    err = _try(core_db, "member", {"name": "张三", "ethnicity_id": refs["sector"]["education"]})
    assert err.code == "bad_reference"


def test_a_50000_character_paste_is_refused_with_its_length(core_db, group_id, refs):
    err = _try(core_db, "meeting", {"group_id": group_id, "kind_id": refs["meeting_kind"]["forum"],
                                    "topic": "议题", "starts_at": "2026-11-20T09:30", "overview": "字" * 50_000})
    assert err.code == "too_long" and "50000" in err.message_zh and "20000" in err.message_zh


def test_datetime_accepts_a_space_and_stores_iso(core_db, group_id, refs):
    with writing(core_db) as w:
        mid = w.insert("meeting", {"group_id": group_id, "kind_id": refs["meeting_kind"]["forum"],
                                   "topic": "议题", "starts_at": "2026-11-20 09:30"})
    assert core_db.execute("SELECT starts_at FROM meeting WHERE id = ?", [mid]).fetchone()[0] == "2026-11-20T09:30"


def test_integers_are_checked_against_their_bounds(core_db, group_id, refs):
    err = _try(core_db, "visit", {"group_id": group_id, "kind_id": refs["visit_kind"]["reception"],
                                  "visit_date": "2026-11-20", "people_reached": -3})
    assert err.code == "too_small"


def test_one_line_text_loses_newlines_and_control_characters(core_db):
    with writing(core_db) as w:
        mid = w.insert("member", {"name": "张\x00三\n"})
    assert core_db.execute("SELECT name FROM member WHERE id = ?", [mid]).fetchone()[0] == "张三"


def test_update_validates_only_the_given_fields(core_db):
    mid = core_db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
    with pytest.raises(ValidationError) as info, writing(core_db) as w:
        w.update("member", mid, {"name": ""})
    assert info.value.code == "required"
    with writing(core_db) as w:
        assert w.update("member", mid, {"phone": "0851-12345678"}) == ["phone"]
