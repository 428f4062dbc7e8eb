"""Public-opinion reports: states with timeline, text frozen once submitted, lists."""

from __future__ import annotations

import pytest
import records_world

from db import opinions as op
from db import timeline
from db.errors import RecordLocked, StateError, ValidationError
from db.opinions import OpinionFilter

records_template, db, world = records_world.records_template, records_world.db, records_world.world


def make(db, world, **kw):
    values = {"title": "关于新华路早餐摊点占道经营的建议", "situation": "早高峰占道，行人走机动车道",
              "suggestion": "划定疏导点", "reporter_id": world.members["李䶮"], "group_id": world.group,
              "collected_on": "2025-04-10", "actor": "小刘"} | kw
    return op.create_opinion(db, **values)


def test_report_goes_through_to_closed_with_a_timeline(db, world):
    oid = make(db, world)
    for state in ("drafted", "submitted", "adopted"):
        op.move_opinion(db, oid, state, actor="小刘")
    at = timeline.now_text()
    op.move_opinion(db, oid, "instructed", instruction="请区城管局研究办理。", actor="小刘", at=at.replace("T", " "))
    op.move_opinion(db, oid, "closed")
    r = op.load_opinion(db, oid)
    assert (r.state, r.instruction, r.reporter_name, r.group_name) == (
        "closed", "请区城管局研究办理。", "李䶮", "新华路街道委员联络组")
    assert r.submitted_on is not None
    assert [e.to_state for e in r.timeline] == ["collected", "drafted", "submitted", "adopted", "instructed",
                                                "closed"]
    assert r.timeline[4].at == at


def test_invalid_moves_and_missing_data(db, world):
    oid = make(db, world)
    with pytest.raises(StateError) as err:
        op.move_opinion(db, oid, "submitted")
    assert "已收集" in err.value.message_zh and "已报送" in err.value.message_zh
    empty = make(db, world, title="空的", situation=None, suggestion=None)
    with pytest.raises(StateError) as err:
        op.move_opinion(db, empty, "drafted")
    assert err.value.code == "needs_text"
    for state in ("drafted", "submitted", "adopted"):
        op.move_opinion(db, oid, state)
    with pytest.raises(StateError) as err:
        op.move_opinion(db, oid, "instructed")
    assert err.value.code == "needs_instruction"
    not_adopted = make(db, world, title="另一条")
    for state in ("drafted", "submitted", "not_adopted", "closed"):
        op.move_opinion(db, not_adopted, state)
    with pytest.raises(StateError):
        op.move_opinion(db, not_adopted, "collected")


def test_text_is_kept_as_submitted(db, world):
    oid = make(db, world)
    op.update_opinion(db, oid, cause="缺少便民疏导点")
    op.move_opinion(db, oid, "drafted")
    op.move_opinion(db, oid, "collected")                     # back for more work is allowed
    op.move_opinion(db, oid, "drafted")
    op.move_opinion(db, oid, "submitted")
    with pytest.raises(RecordLocked):
        op.update_opinion(db, oid, suggestion="改了")
    op.update_opinion(db, oid, suggestion=" 划定疏导点 ")     # same text after cleaning: not an edit
    with pytest.raises(RecordLocked):
        op.delete_opinion(db, oid)
    op.move_opinion(db, oid, "adopted")
    op.update_opinion(db, oid, instruction="已批转")
    assert op.load_opinion(db, oid).content_locked


def test_validation(db, world):
    with pytest.raises(ValidationError) as err:
        make(db, world, title=" ")
    assert err.value.field == "title"
    with pytest.raises(ValidationError) as err:
        make(db, world, collected_on="2025-4-1")
    assert err.value.code == "bad_date"
    with pytest.raises(ValidationError) as err:
        make(db, world, situation="情" * 50_000)
    assert err.value.code == "too_long"
    assert db.execute("SELECT count(*) FROM opinion_report").fetchone()[0] == 0


def test_lists_by_state_group_reporter_and_text(db, world):
    a = make(db, world)
    b = make(db, world, title="关于增设社区养老食堂的建议", reporter_id=None, reporter_name="居民代表刘女士",
             group_id=world.other_group, collected_on="2025-05-02")
    op.move_opinion(db, b, "drafted")
    assert [r.id for r in op.list_opinions(db)] == [b, a]
    cases = {
        OpinionFilter(states=("drafted",)): [b],
        OpinionFilter(group_id=world.group): [a],
        OpinionFilter(reporter_id=world.members["李䶮"]): [a],
        OpinionFilter(text="养老"): [b],
        OpinionFilter(text="早餐"): [a],
        OpinionFilter(date_from="2025-05-01"): [b],
    }
    for flt, expected in cases.items():
        assert [r.id for r in op.list_opinions(db, flt)] == expected, flt
        assert op.count_opinions(db, flt) == len(expected), flt
    assert op.list_opinions(db, OpinionFilter(text="养老"))[0].reporter_name == "居民代表刘女士"
    assert [r.id for r in op.list_opinions(db, sort="reporter", descending=False)] == sorted(
        [a, b], key=lambda i: {a: "李䶮", b: "居民代表刘女士"}[i])
    assert op.count_by_state(db) == {"collected": 1, "drafted": 1, "submitted": 0, "adopted": 0,
                                     "not_adopted": 0, "instructed": 0, "closed": 0}


def test_a_report_without_its_suggestion_is_not_submitted(db, world):
    """Found walking a township's day: a report with no suggestion went through 已报送 and was locked so, with
    nothing left to do but delete it (which a submitted report may not be)."""
    oid = make(db, world, suggestion=None)
    op.move_opinion(db, oid, "drafted")                 # the situation is enough for a draft
    with pytest.raises(StateError) as err:
        op.move_opinion(db, oid, "submitted")
    assert err.value.code == "needs_text" and "意见建议" in err.value.message_zh
    assert op.load_opinion(db, oid).state == "drafted"
    op.update_opinion(db, oid, suggestion="划定疏导点")
    op.move_opinion(db, oid, "submitted")
    assert op.load_opinion(db, oid).state == "submitted"


def test_an_instruction_only_for_a_report_adopted_and_no_collection_date_after_today(db, world):
    """An instruction typed in 已报送 stayed on a report then marked 未采用; a report collected 2027-06-01 was
    submitted before it was collected."""
    from db import today as office_clock
    from db.errors import StateError
    oid = make(db, world)
    op.move_opinion(db, oid, "drafted")
    op.move_opinion(db, oid, "submitted")
    with pytest.raises(StateError) as err:
        op.update_opinion(db, oid, instruction="请区民政局研究")
    assert err.value.code == "by_step" and err.value.field == "instruction"
    later = (office_clock.today() + __import__("datetime").timedelta(days=1)).isoformat()
    with pytest.raises(ValidationError) as err:
        make(db, world, collected_on=later)
    assert err.value.field == "collected_on" and "晚于今天" in err.value.message_zh
    with pytest.raises(ValidationError):
        op.update_opinion(db, make(db, world), collected_on=later)
