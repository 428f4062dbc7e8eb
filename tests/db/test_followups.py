"""Follow-ups: the state machine with its timeline, overdue derived from the due date, lists."""

from __future__ import annotations

import datetime as dt

import pytest
import records_world

from db import followups as fu
from db import today as office_clock
from db.errors import RecordLocked, StateError, ValidationError
from db.followups import FollowUpFilter

records_template, db, world = records_world.records_template, records_world.db, records_world.world

TODAY = dt.date(2025, 7, 1)


def make(db, world, **kw):
    values = {"title": "修复新华路破损路灯", "lead_unit": "区城管局", "due_date": "2025-06-30",
              "category_id": world.followup_category["safety"], "group_id": world.group, "actor": "小刘"} | kw
    return fu.create_follow_up(db, **values)


def walk(db, fid, *states, **kw):
    for state in states:
        extra = {"reply": "已修复 12 盏路灯"} if state == "replied" else {}
        extra |= {"satisfaction": "satisfied"} if state == "evaluated" else {}
        fu.move_follow_up(db, fid, state, actor="小刘", **extra, **kw)


def test_the_whole_loop_records_every_step(db, world):
    fid = make(db, world)
    walk(db, fid, "assigned", "in_progress", "replied", "evaluated", "closed")
    f = fu.load_follow_up(db, fid, today=TODAY)
    assert (f.state, f.reply, f.satisfaction, f.closed_on) == ("closed", "已修复 12 盏路灯", "satisfied",
                                                                office_clock.today().isoformat())
    assert [(e.from_state, e.to_state) for e in f.timeline] == [
        (None, "open"), ("open", "assigned"), ("assigned", "in_progress"), ("in_progress", "replied"),
        ("replied", "evaluated"), ("evaluated", "closed")]
    assert all(e.actor == "小刘" and e.actor_office_id == world.office for e in f.timeline)
    assert f.timeline[0].actor_office_name == "贵阳市政协"
    assert not f.overdue                                    # closed is never overdue


@pytest.mark.parametrize("path, bad", [
    ((), "replied"), ((), "closed"), (("assigned",), "evaluated"), (("assigned", "replied"), "closed"),
    (("assigned", "replied", "evaluated", "closed"), "assigned"), ((), "no_such_state"),
])
def test_invalid_moves_raise_state_error_and_write_nothing(db, world, path, bad):
    fid = make(db, world)
    walk(db, fid, *path)
    before = db.execute("SELECT count(*) FROM state_event").fetchone()[0]
    with pytest.raises(StateError) as err:
        fu.move_follow_up(db, fid, bad, reply="x", satisfaction="satisfied")
    assert err.value.message_zh and err.value.message_en
    assert db.execute("SELECT count(*) FROM state_event").fetchone()[0] == before
    assert fu.load_follow_up(db, fid).state == (path[-1] if path else "open")


def test_moves_need_their_data(db, world):
    fid = make(db, world, lead_unit=None)
    with pytest.raises(StateError) as err:
        fu.move_follow_up(db, fid, "assigned")
    assert err.value.code == "needs_lead_unit"
    fu.move_follow_up(db, fid, "assigned", lead_unit="区民政局")
    with pytest.raises(StateError) as err:
        fu.move_follow_up(db, fid, "replied", reply="   ")
    assert err.value.code == "needs_reply"
    fu.move_follow_up(db, fid, "replied", reply="已答复")
    with pytest.raises(StateError) as err:
        fu.move_follow_up(db, fid, "evaluated")
    assert err.value.code == "needs_satisfaction"
    with pytest.raises(ValidationError):
        fu.move_follow_up(db, fid, "evaluated", satisfaction="very_happy")
    fu.move_follow_up(db, fid, "evaluated", satisfaction="unsatisfied", note="群众反映仍有 2 盏不亮")
    ev = fu.move_follow_up(db, fid, "reopened", note="重新交办")
    f = fu.load_follow_up(db, fid)
    assert (f.state, f.satisfaction, ev.from_state, ev.note) == ("reopened", None, "evaluated", "重新交办")
    assert f.next_states == ("assigned", "in_progress")


def test_reopen_after_closing_clears_the_closing_date(db, world):
    fid = make(db, world)
    walk(db, fid, "assigned", "replied", "evaluated", "closed")
    with pytest.raises(RecordLocked):
        fu.update_follow_up(db, fid, reply="改答复")
    walk(db, fid, "reopened")
    f = fu.load_follow_up(db, fid)
    assert (f.state, f.closed_on) == ("reopened", None)
    fu.update_follow_up(db, fid, due_date="2025-09-30")


def test_event_time_can_be_given_but_not_in_the_future_nor_before_the_last_step(db, world):
    fid = make(db, world)
    with pytest.raises(ValidationError) as err:
        fu.move_follow_up(db, fid, "assigned", at="2025-06-02 10:15")     # before it was created
    assert err.value.code == "before_last_step"
    soon = (office_clock.now() + dt.timedelta(minutes=2)).replace(second=0, microsecond=0)
    with pytest.raises(ValidationError) as err:        # two minutes ahead is the future too
        fu.move_follow_up(db, fid, "assigned", at=soon.strftime("%Y-%m-%d %H:%M"))
    assert err.value.code == "future_time" and "晚于现在" in err.value.message_zh
    this_minute = office_clock.now().replace(second=0, microsecond=0)       # the minute it is: not the future
    ev = fu.move_follow_up(db, fid, "assigned", at=this_minute.strftime("%Y-%m-%d %H:%M"))
    assert ev.at[:16] == this_minute.isoformat()[:16]        # (the seconds of the step before, in its minute)
    with pytest.raises(ValidationError) as err:
        fu.move_follow_up(db, fid, "in_progress", at=(soon + dt.timedelta(hours=1)).isoformat())
    assert err.value.code == "future_time"
    with pytest.raises(ValidationError):
        fu.move_follow_up(db, fid, "in_progress", at="昨天")
    with pytest.raises(ValidationError) as err:
        fu.move_follow_up(db, fid, "in_progress", at="2999-01-01T00:00")
    assert err.value.code == "future_time"
    assert fu.load_follow_up(db, fid).state == "assigned"


def test_overdue_is_derived_from_due_date_and_state(db, world):
    late = make(db, world, title="逾期事项", due_date="2025-06-30")
    today_due = make(db, world, title="今天到期", due_date="2025-07-01")
    undated = make(db, world, title="无时限", due_date=None)
    done = make(db, world, title="已办结", due_date="2025-01-01")
    walk(db, done, "assigned", "replied", "evaluated", "closed")
    flags = {f.title: f.overdue for f in fu.list_follow_ups(db, today=TODAY)}
    assert flags == {"逾期事项": True, "今天到期": False, "无时限": False, "已办结": False}
    assert [f.id for f in fu.list_follow_ups(db, FollowUpFilter(overdue_only=True), today=TODAY)] == [late]
    assert fu.count_follow_ups(db, FollowUpFilter(overdue_only=True), today=TODAY) == 1
    assert fu.count_by_state(db, today=TODAY)["overdue"] == 1
    assert fu.is_overdue("2025-06-30", "replied", TODAY) and not fu.is_overdue(None, "open", TODAY)
    # sorted by due date, undated last
    assert [f.id for f in fu.list_follow_ups(db, FollowUpFilter(states=("open",)), today=TODAY)] == [
        late, today_due, undated]


def test_lists_filter_by_state_group_category_text(db, world):
    a = make(db, world, title="修复路灯")
    b = make(db, world, title="增设养老服务站", category_id=world.followup_category["elderly"],
             group_id=world.other_group, due_date="2025-12-31")
    walk(db, b, "assigned")
    cases = {
        FollowUpFilter(states=("assigned",)): [b],
        FollowUpFilter(states=("open", "assigned")): [a, b],
        FollowUpFilter(group_id=world.other_group): [b],
        FollowUpFilter(category_id=world.followup_category["safety"]): [a],
        FollowUpFilter(text="养老"): [b],
        FollowUpFilter(text="路灯"): [a],
        FollowUpFilter(due_from="2025-07-01", due_to="2025-12-31"): [b],
    }
    for flt, expected in cases.items():
        assert [f.id for f in fu.list_follow_ups(db, flt, today=TODAY)] == expected, flt
        assert fu.count_follow_ups(db, flt, today=TODAY) == len(expected), flt
    assert [f.id for f in fu.list_follow_ups(db, sort="group", today=TODAY)] == [a, b]   # code point: 新 < 花
    assert fu.list_follow_ups(db, FollowUpFilter(text="养老"))[0].group_name == "花果园街道委员联络组"


def test_notes_go_on_the_timeline_without_changing_state(db, world):
    fid = make(db, world)
    fu.add_note(db, fid, "已电话督促主办单位", actor="区政协 李主任")
    f = fu.load_follow_up(db, fid)
    assert f.state == "open" and f.timeline[-1].is_note and f.timeline[-1].note == "已电话督促主办单位"
    with pytest.raises(ValidationError):
        fu.add_note(db, fid, "  ")


def test_edit_and_delete_rules(db, world):
    fid = make(db, world)
    assert fu.update_follow_up(db, fid, co_units="区财政局、街道办", lead_unit="区城管局") == ["co_units"]
    with pytest.raises(ValidationError):
        fu.update_follow_up(db, fid, state="closed")
    with pytest.raises(ValidationError):
        fu.update_follow_up(db, fid, title="")
    with pytest.raises(ValidationError) as err:
        fu.update_follow_up(db, fid, due_date="2025-02-30")
    assert err.value.code == "bad_date"
    walk(db, fid, "assigned")
    with pytest.raises(RecordLocked):
        fu.delete_follow_up(db, fid)
    other = make(db, world, title="录错了")
    fu.delete_follow_up(db, other)
    assert [f.id for f in fu.list_follow_ups(db)] == [fid]


def test_required_title(db, world):
    with pytest.raises(ValidationError) as err:
        make(db, world, title="")
    assert err.value.field == "title"
    assert db.execute("SELECT count(*) FROM follow_up").fetchone()[0] == 0


def test_a_step_typed_in_the_minute_of_the_last_one_is_taken(db, world):
    """The timeline shows steps to the minute and checked them to the second: after a step at 09:45:34,
    09:45 as typed was refused as "before the last step (09:45:34)"."""
    with office_clock.pinned("2026-11-25T09:40:00"):
        fid = make(db, world)
    with office_clock.pinned("2026-11-25T09:45:34"):
        fu.move_follow_up(db, fid, "assigned", lead_unit="区民政局")
    with office_clock.pinned("2026-11-25T10:00:00"):
        ev = fu.move_follow_up(db, fid, "in_progress", at="2026-11-25 09:45")
        assert ev.at == "2026-11-25T09:45:34"
        with pytest.raises(ValidationError) as err:
            fu.move_follow_up(db, fid, "replied", reply="已答复", at="2026-11-25 09:44")
        assert err.value.code == "before_last_step"
