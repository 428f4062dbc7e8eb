"""Meetings: planning, attendance, agenda and speeches, consensus → follow-up, states, locking, revisions, lists."""

from __future__ import annotations

import pytest
import records_world

from db import meetings as mt
from db.check import check_database
from db.errors import NotFound, RecordLocked, StateError, ValidationError
from db.meetings import Mark, MeetingFilter

records_template, db, world = records_world.records_template, records_world.db, records_world.world


def plan(db, world, **kw):
    values = {"group_id": world.group, "kind_id": world.meeting_kind["consultation"],
              "topic": "老旧小区加装电梯协商", "starts_at": "2025-05-20T09:30", "place": "新华路联络站",
              "chair": "王𠇔", "recorder": "小刘"} | kw
    return mt.plan_meeting(db, **values)


def held_with_attendance(db, world, **kw):
    mid = plan(db, world, **kw)
    mt.move_meeting(db, mid, "held", actor="小刘")
    mt.record_attendance(db, mid, [Mark(world.members["王𠇔"], "present"),
                                   Mark(world.members["李䶮"], "leave", "因公出差"),
                                   Mark(world.members["张三"], "absent")])
    return mid


def test_plan_meeting_starts_planned_with_a_timeline_event(db, world):
    mid = plan(db, world, actor="小刘")
    m = mt.load_meeting(db, mid)
    assert (m.state, m.revision, m.topic, m.group_name, m.kind_code) == (
        "planned", 1, "老旧小区加装电梯协商", "新华路街道委员联络组", "consultation")
    assert m.office_id == world.office
    assert [(e.from_state, e.to_state, e.actor) for e in m.timeline] == [(None, "planned", "小刘")]
    assert m.timeline[0].actor_office_id == world.office


@pytest.mark.parametrize("change, field, code", [
    ({"topic": "  "}, "topic", "required"),
    ({"starts_at": "2025-13-40 9点"}, "starts_at", "bad_datetime"),
    ({"starts_at": "明天上午"}, "starts_at", "bad_datetime"),
    ({"overview": "议" * 50_000}, "overview", "too_long"),
    ({"ends_at": "2025-05-20T08:00"}, "ends_at", "ends_before_start"),
    ({"kind_id": "no-such-kind"}, "kind_id", "bad_reference"),
])
def test_planning_refuses_bad_input_with_a_named_field(db, world, change, field, code):
    with pytest.raises(ValidationError) as err:
        plan(db, world, **change)
    assert (err.value.field, err.value.code) == (field, code)
    assert err.value.message_zh and err.value.message_en
    assert db.execute("SELECT count(*) FROM meeting").fetchone()[0] == 0


def test_too_long_text_says_how_long_and_the_limit(db, world):
    with pytest.raises(ValidationError) as err:
        plan(db, world, overview="议" * 50_000)
    assert "50000" in err.value.message_zh and "20000" in err.value.message_zh


def test_update_basics_and_unknown_fields_refused(db, world):
    mid = plan(db, world)
    assert mt.update_meeting(db, mid, place="社区会议室", ends_at="2025-05-20 11:30") == ["place", "ends_at"]
    m = mt.load_meeting(db, mid)
    assert (m.place, m.ends_at) == ("社区会议室", "2025-05-20T11:30")
    with pytest.raises(ValidationError):
        mt.update_meeting(db, mid, state="final")
    with pytest.raises(ValidationError):
        mt.update_meeting(db, mid, starts_at="2025-05-21T09:00")     # would now end before it starts


def test_attendance_sheet_defaults_to_the_groups_members_on_the_day(db, world):
    early = plan(db, world, starts_at="2021-01-10T09:00")
    names = [line.name for line in mt.attendance_sheet(db, early)]
    assert names == ["王𠇔", "李䶮", "张三"]          # convener first; 赵六 had left, 阿依古丽 not yet joined
    later = plan(db, world)
    sheet = mt.attendance_sheet(db, later)
    assert [line.name for line in sheet][:2] == ["王𠇔", "李䶮"]
    assert {line.name for line in sheet} == {"王𠇔", "李䶮", "阿依古丽·买买提", "张三"}
    assert all(line.status is None and line.attendance_id is None for line in sheet)


def test_record_attendance_with_leave_reason_and_guests(db, world):
    mid = held_with_attendance(db, world)
    mt.record_attendance(db, mid, [Mark(world.outsider, "present")])       # a member from elsewhere
    gid = mt.add_guest(db, mid, "刘女士", unit="新华路社区居委会", kind_id=world.guest_kind["resident"])
    mt.add_guest(db, mid, "陈工", unit="区住建局", kind_id=world.guest_kind["department"])
    m = mt.load_meeting(db, mid)
    by_name = {a.name: a for a in m.attendance}
    assert (by_name["李䶮"].status, by_name["李䶮"].reason) == ("leave", "因公出差")
    assert by_name["阿依古丽·买买提"].status is None
    assert by_name["钱七"].status == "present" and by_name["钱七"].role is None
    assert (by_name["刘女士"].is_guest, by_name["刘女士"].guest_unit, by_name["刘女士"].guest_kind_name) == (
        True, "新华路社区居委会", "群众代表")
    assert (m.count("present"), m.count("leave"), m.count("absent"), m.count("attending")) == (2, 1, 1, 2)
    assert m.members_due == 5
    # ticking again updates in place, and a reason is dropped when no longer on leave
    assert mt.record_attendance(db, mid, [Mark(world.members["李䶮"], "present", "因公出差")]) == 1
    line = next(a for a in mt.attendance_sheet(db, mid) if a.name == "李䶮")
    assert (line.status, line.reason) == ("present", None)
    assert db.execute("SELECT count(*) FROM attendance WHERE member_id = ? AND deleted = 0",
                      [world.members["李䶮"]]).fetchone()[0] == 1
    mt.update_guest(db, gid, unit="新华路社区")
    mt.remove_attendance(db, gid)
    assert "刘女士" not in {a.name for a in mt.attendance_sheet(db, mid)}


def test_leave_without_reason_and_nameless_guest_are_refused(db, world):
    mid = plan(db, world)
    with pytest.raises(ValidationError) as err:
        mt.record_attendance(db, mid, [Mark(world.members["王𠇔"], "present"),
                                       Mark(world.members["张三"], "leave", "  ")])
    assert "张三" in err.value.message_zh and err.value.field == "reason"
    assert db.execute("SELECT count(*) FROM attendance").fetchone()[0] == 0      # all or nothing
    with pytest.raises(ValidationError):
        mt.record_attendance(db, mid, [Mark(world.members["王𠇔"], "attending")])
    with pytest.raises(ValidationError):
        mt.add_guest(db, mid, " ")


def test_agenda_items_add_edit_reorder_remove(db, world):
    mid = plan(db, world)
    a = mt.add_agenda_item(db, mid, "加装电梯资金分摊", background="12 栋楼无电梯")
    b = mt.add_agenda_item(db, mid, "低层住户补偿")
    c = mt.add_agenda_item(db, mid, "施工安全")
    mt.update_agenda_item(db, b, decision="按楼层系数分摊")
    mt.reorder_agenda_items(db, mid, [c, a, b])
    m = mt.load_meeting(db, mid)
    assert [(i.seq, i.title) for i in m.agenda] == [(1, "施工安全"), (2, "加装电梯资金分摊"), (3, "低层住户补偿")]
    assert m.agenda[2].decision == "按楼层系数分摊"
    with pytest.raises(StateError):
        mt.reorder_agenda_items(db, mid, [c, a])                  # stale list
    s = mt.add_speech(db, mid, "建议政府补贴一部分", agenda_item_id=a, member_id=world.members["李䶮"])
    k = mt.add_consensus_item(db, mid, "由社区牵头成立加梯小组", agenda_item_id=a)
    mt.remove_agenda_item(db, a)
    m = mt.load_meeting(db, mid)
    assert [i.title for i in m.agenda] == ["施工安全", "低层住户补偿"]
    assert s not in {sp.id for sp in m.other_speeches}            # its speeches went with it
    assert [(ci.id, ci.agenda_item_id) for ci in m.consensus] == [(k, None)]   # consensus kept
    # new items number after the live ones
    d = mt.add_agenda_item(db, mid, "后续安排")
    assert next(i.seq for i in mt.load_meeting(db, mid).agenda if i.id == d) == 4


def test_speeches_per_agenda_item_need_a_speaker(db, world):
    mid = plan(db, world)
    item = mt.add_agenda_item(db, mid, "议题一")
    s1 = mt.add_speech(db, mid, "同意方案", agenda_item_id=item, member_id=world.members["王𠇔"])
    s2 = mt.add_speech(db, mid, "希望尽快施工", agenda_item_id=item, speaker_name="刘女士")
    s3 = mt.add_speech(db, mid, "会议开始前的说明", speaker_name="主持人")
    mt.reorder_speeches(db, mid, item, [s2, s1])
    m = mt.load_meeting(db, mid)
    assert [(sp.speaker, sp.summary) for sp in m.agenda[0].speeches] == [("刘女士", "希望尽快施工"), ("王𠇔", "同意方案")]
    assert [sp.id for sp in m.other_speeches] == [s3]
    with pytest.raises(ValidationError) as err:
        mt.add_speech(db, mid, "无名发言")
    assert err.value.field == "speaker_name"
    with pytest.raises(ValidationError) as err:
        mt.add_speech(db, mid, "  ", speaker_name="刘女士")
    assert err.value.field == "summary"
    other = plan(db, world, topic="另一次会议")
    with pytest.raises(ValidationError):
        mt.add_speech(db, other, "跨会议的议题", agenda_item_id=item, speaker_name="某人")
    mt.update_speech(db, s1, summary="同意方案，建议分期实施")
    mt.remove_speech(db, s2)
    assert [sp.summary for sp in mt.load_meeting(db, mid).agenda[0].speeches] == ["同意方案，建议分期实施"]


def test_follow_up_from_a_consensus_item_in_one_step(db, world):
    mid = held_with_attendance(db, world)
    k = mt.add_consensus_item(db, mid, "由区住建局牵头，三个月内完成 3 栋楼加装电梯的可行性评估。\n其他说明")
    fid = mt.follow_up_from_consensus(db, k, lead_unit="区住建局", due_date="2025-08-20",
                                      category_id=world.followup_category["housing"], actor="小刘")
    m = mt.load_meeting(db, mid)
    (f,) = m.follow_ups
    assert f.id == fid
    assert (f.source_table, f.source_id, f.group_id, f.lead_unit, f.due_date, f.state, f.category_name) == (
        "consensus_item", k, world.group, "区住建局", "2025-08-20", "open", "住房与物业")
    assert f.title == "由区住建局牵头，三个月内完成 3 栋楼加装电梯的可行性评估"       # a title has no full stop
    events = db.execute("SELECT from_state, to_state, actor, note FROM state_event WHERE subject_id = ?",
                        [fid]).fetchall()
    assert events == [(None, "open", "小刘", "由会议“老旧小区加装电梯协商”的协商共识生成")]
    with pytest.raises(StateError):
        mt.remove_consensus_item(db, k)


def test_follow_up_from_consensus_is_all_or_nothing(db, world):
    mid = plan(db, world)
    k = mt.add_consensus_item(db, mid, "共识")
    with pytest.raises(ValidationError):
        mt.follow_up_from_consensus(db, k, lead_unit="区民政局", due_date="2025-02-30")
    assert db.execute("SELECT count(*) FROM follow_up").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM state_event WHERE subject_table = 'follow_up'").fetchone()[0] == 0


def test_long_consensus_makes_a_short_title():
    assert mt.default_follow_up_title("很" * 300) == "很" * 59 + "…"
    assert mt.default_follow_up_title("") == ""
    assert mt.default_follow_up_title("为村组配套加压设施，请区水务局研究落实。联络组跟踪问效。") == "为村组配套加压设施，请区水务局研究落实"


def test_state_moves_and_invalid_moves(db, world):
    mid = plan(db, world)
    with pytest.raises(StateError) as err:
        mt.move_meeting(db, mid, "final")
    assert err.value.code == "bad_move" and "计划" in err.value.message_zh
    mt.move_meeting(db, mid, "held")
    mt.move_meeting(db, mid, "draft")
    with pytest.raises(StateError) as err:
        mt.move_meeting(db, mid, "final")                          # nobody recorded present
    assert err.value.code == "needs_attendance"
    mt.record_attendance(db, mid, [Mark(world.members["王𠇔"], "present")])
    ev = mt.finalize_minutes(db, mid, actor="小刘")
    assert (ev.from_state, ev.to_state, ev.actor) == ("draft", "final", "小刘")
    m = mt.load_meeting(db, mid)
    assert m.locked and m.finalized_at == ev.at
    assert [e.to_state for e in m.timeline] == ["planned", "held", "draft", "final"]
    with pytest.raises(RecordLocked):
        mt.move_meeting(db, mid, "cancelled")


def test_cancelled_meeting_can_be_planned_again(db, world):
    mid = plan(db, world)
    mt.move_meeting(db, mid, "cancelled", note="因天气原因取消")
    mt.move_meeting(db, mid, "planned")
    assert mt.load_meeting(db, mid).state == "planned"


def _final_meeting(db, world):
    mid = held_with_attendance(db, world)
    item = mt.add_agenda_item(db, mid, "加装电梯")
    mt.add_speech(db, mid, "同意", agenda_item_id=item, member_id=world.members["王𠇔"])
    k = mt.add_consensus_item(db, mid, "成立加梯小组", agenda_item_id=item)
    gid = mt.add_guest(db, mid, "陈工", unit="区住建局", kind_id=world.guest_kind["department"])
    mt.move_meeting(db, mid, "draft")
    mt.finalize_minutes(db, mid)
    return mid, item, k, gid


def test_final_minutes_refuse_every_edit(db, world):
    mid, item, k, gid = _final_meeting(db, world)
    speech = mt.load_meeting(db, mid).agenda[0].speeches[0].id
    before = db.execute("SELECT max(seq) FROM change_log").fetchone()[0]
    attempts = [
        lambda: mt.update_meeting(db, mid, topic="改个名"),
        lambda: mt.record_attendance(db, mid, [Mark(world.members["张三"], "present")]),
        lambda: mt.add_guest(db, mid, "新来宾"),
        lambda: mt.update_guest(db, gid, unit="别的单位"),
        lambda: mt.remove_attendance(db, gid),
        lambda: mt.add_agenda_item(db, mid, "新议题"),
        lambda: mt.update_agenda_item(db, item, title="改"),
        lambda: mt.reorder_agenda_items(db, mid, [item]),
        lambda: mt.remove_agenda_item(db, item),
        lambda: mt.add_speech(db, mid, "补充", speaker_name="某人"),
        lambda: mt.update_speech(db, speech, summary="改"),
        lambda: mt.remove_speech(db, speech),
        lambda: mt.add_consensus_item(db, mid, "新共识"),
        lambda: mt.update_consensus_item(db, k, text="改"),
        lambda: mt.remove_consensus_item(db, k),
        lambda: mt.delete_meeting(db, mid),
    ]
    for attempt in attempts:
        with pytest.raises(RecordLocked) as err:
            attempt()
        assert "定稿" in err.value.message_zh
    assert db.execute("SELECT max(seq) FROM change_log").fetchone()[0] == before
    # supervising what was agreed is what comes after finalizing
    mt.follow_up_from_consensus(db, k, lead_unit="社区居委会")


def test_a_meeting_whose_state_is_damaged_refuses_every_edit(db, world):
    """A meeting whose state was changed outside the program (not one it knows) is not written over by any path,
    not only by the editor, which opens it read-only: the record stays as found for a backup to be restored."""
    mid, item, k, gid = _final_meeting(db, world)
    db.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    db.execute("UPDATE meeting SET state = 'x' WHERE id = ?", [mid])
    db.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    assert mt.load_meeting(db, mid).locked
    before = db.execute("SELECT max(seq) FROM change_log").fetchone()[0]
    for attempt in (lambda: mt.update_meeting(db, mid, topic="改个名"),
                    lambda: mt.add_speech(db, mid, "补充", speaker_name="某人"),
                    lambda: mt.update_agenda_item(db, item, title="改"),
                    lambda: mt.add_guest(db, mid, "新来宾")):
        with pytest.raises(RecordLocked) as err:
            attempt()
        assert "状态无法识别（x）" in err.value.message_zh and "not recognised" in err.value.message_en
    assert db.execute("SELECT max(seq) FROM change_log").fetchone()[0] == before


def test_a_meeting_whose_state_is_damaged_takes_no_attachment(db, world, tmp_path):
    """Attachments followed only final minutes: a meeting whose state was changed outside the program took a
    file through db (and the command line), while the editor shows it read-only."""
    from db.attachments import add_attachment
    mid, *_ = _final_meeting(db, world)
    db.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    db.execute("UPDATE meeting SET state = 'x' WHERE id = ?", [mid])
    db.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    scan = tmp_path / "签字纪要.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    with pytest.raises(RecordLocked) as err:
        add_attachment(db, "meeting", mid, scan, kind="signed_minutes")
    assert "状态无法识别（x）" in err.value.message_zh and "not recognised" in err.value.message_en


def test_moving_a_follow_up_whose_state_is_damaged_is_refused_in_words(db, world):
    """check_move read the current state's label with a KeyError: an internal error instead of words."""
    from db import followups as fu
    mid, item, k, gid = _final_meeting(db, world)
    fid = mt.follow_up_from_consensus(db, k, lead_unit="社区居委会")
    db.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    db.execute("UPDATE follow_up SET state = 'y' WHERE id = ?", [fid])
    db.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    with pytest.raises(StateError) as err:
        fu.move_follow_up(db, fid, "closed")
    assert "状态无法识别：y" in err.value.message_zh and "unknown state: y" in err.value.message_en


def test_damaged_states_of_a_meeting_and_its_follow_up_are_said_as_such_in_the_minutes(db, world):
    """The printed minutes of a meeting whose state, and whose follow-up's state, were changed outside the program
    say them as not recognised, in the words the 交办 page uses, instead of failing or printing a bare code."""
    from db.minutes_source import load_minutes_data
    mid, item, k, gid = _final_meeting(db, world)
    fid = mt.follow_up_from_consensus(db, k, lead_unit="社区居委会")
    db.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
    db.execute("UPDATE meeting SET state = 'x' WHERE id = ?", [mid])
    db.execute("UPDATE follow_up SET state = 'y' WHERE id = ?", [fid])
    db.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    assert mt.load_meeting(db, mid).state_zh == "状态无法识别：x"
    assert [f["state_zh"] for f in load_minutes_data(db, mid)["follow_ups"]] == ["状态无法识别：y"]


def test_amend_makes_a_new_revision_with_copies_of_every_part(db, world):
    mid, item, k, _ = _final_meeting(db, world)
    fid = mt.follow_up_from_consensus(db, k, lead_unit="社区居委会")
    new = mt.amend_meeting(db, mid, actor="小刘")
    old, rev = mt.load_meeting(db, mid), mt.load_meeting(db, new)
    assert (rev.revision, rev.revises_id, rev.state, rev.finalized_at) == (2, mid, "draft", None)
    assert old.superseded_by == new and old.state == "final"
    assert [(a.name, a.status, a.reason, a.guest_unit) for a in rev.attendance] == [
        (a.name, a.status, a.reason, a.guest_unit) for a in old.attendance]
    recorded = {a.attendance_id for a in old.attendance} - {None}
    assert len(recorded) == 4 and recorded.isdisjoint({a.attendance_id for a in rev.attendance})
    assert [i.title for i in rev.agenda] == ["加装电梯"] and rev.agenda[0].id != item
    assert rev.agenda[0].speeches[0].summary == "同意"
    assert rev.consensus[0].agenda_item_id == rev.agenda[0].id          # remapped to the copied item
    assert [f.id for f in rev.follow_ups] == [fid]                      # follow-ups of earlier revisions show
    # one meeting, one timeline: the first revision's steps, then the amendment
    assert [e.to_state for e in rev.timeline] == [e.to_state for e in old.timeline] + ["draft"]
    assert old.timeline[0].to_state == "planned" and "第 1 版" in rev.timeline[-1].note
    mt.update_meeting(db, new, topic="老旧小区加装电梯协商（更正）")
    assert mt.load_meeting(db, mid).topic == "老旧小区加装电梯协商"
    with pytest.raises(StateError) as err:
        mt.amend_meeting(db, mid)
    assert err.value.code == "already_amended"
    with pytest.raises(StateError):
        mt.amend_meeting(db, new)                                        # a draft is edited, not amended
    # the list shows the current revision only, unless asked
    assert [r.id for r in mt.list_meetings(db)] == [new]
    assert {r.id for r in mt.list_meetings(db, MeetingFilter(include_superseded=True))} == {mid, new}
    assert check_database(db).ok


def test_delete_meeting_with_its_parts_unless_followed_up(db, world):
    mid = held_with_attendance(db, world)
    mt.add_agenda_item(db, mid, "议题")
    mt.delete_meeting(db, mid)
    with pytest.raises(NotFound):
        mt.load_meeting(db, mid)
    assert db.execute("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted = 0",
                      [mid]).fetchone()[0] == 0
    other = plan(db, world)
    k = mt.add_consensus_item(db, other, "共识")
    mt.follow_up_from_consensus(db, k)
    with pytest.raises(StateError):
        mt.delete_meeting(db, other)


def test_list_filters_sorts_searches_and_counts(db, world):
    a = plan(db, world, topic="老旧小区加装电梯协商", starts_at="2025-05-20T09:30")
    b = plan(db, world, topic="垃圾分类座谈", kind_id=world.meeting_kind["forum"], starts_at="2025-06-01T14:00")
    c = plan(db, world, topic="学习全会精神", kind_id=world.meeting_kind["study"], starts_at="2025-06-30T23:00",
             group_id=world.other_group)
    mt.add_speech(db, b, "建议增设厨余垃圾投放点", speaker_name="刘女士")
    mt.move_meeting(db, a, "held")
    assert [r.id for r in mt.list_meetings(db)] == [c, b, a]
    assert [r.id for r in mt.list_meetings(db, sort="topic", descending=False)] == [
        r[0] for r in sorted([(a, "老旧小区加装电梯协商"), (b, "垃圾分类座谈"), (c, "学习全会精神")],
                             key=lambda t: t[1])]
    assert [r.id for r in mt.list_meetings(db, limit=1, offset=1)] == [b]
    cases = {
        MeetingFilter(group_id=world.group): [b, a],
        MeetingFilter(kind_id=world.meeting_kind["forum"]): [b],
        MeetingFilter(states=("held",)): [a],
        MeetingFilter(date_from="2025-06-01", date_to="2025-06-30"): [c, b],     # date_to is inclusive
        MeetingFilter(text="电梯"): [a],
        MeetingFilter(text="厨余"): [b],                                       # found through a speech
        MeetingFilter(text="学"): [c],                                         # one character
        MeetingFilter(text="没有这个词"): [],
    }
    for flt, expected in cases.items():
        assert [r.id for r in mt.list_meetings(db, flt)] == expected, flt
        assert mt.count_meetings(db, flt) == len(expected), flt
    row = mt.list_meetings(db, MeetingFilter(group_id=world.other_group))[0]
    assert (row.group_name, row.kind_name, row.state) == ("花果园街道委员联络组", "学习会", "planned")
    assert mt.count_by_state(db)["planned"] == 2
    with pytest.raises(ValidationError):
        mt.list_meetings(db, MeetingFilter(date_from="2025/06/01"))
    with pytest.raises(ValueError):
        mt.list_meetings(db, sort="starts_at; DROP TABLE meeting")


def test_list_row_counts_attendance(db, world):
    mid = held_with_attendance(db, world)
    row = mt.list_meetings(db)[0]
    assert (row.id, row.present, row.attendance_total) == (mid, 1, 3)


def test_group_roster_on_a_day_and_today(db, world):
    assert [n for _, n, _ in mt.group_roster(db, world.group, "2021-01-10T09:00")] == ["王𠇔", "李䶮", "张三"]
    today = mt.group_roster(db, world.group, None)            # 赵六 left in 2020
    assert [(n, r) for _, n, r in today] == [("王𠇔", "convener"), ("李䶮", "deputy"),   # then by pinyin
                                             ("阿依古丽·买买提", "member"), ("张三", "member")]


def test_an_amendment_can_only_be_finalized(db, world):
    """A revision corrects final minutes: it is finalized, not sent back or cancelled."""
    from db.errors import StateError
    mid = mt.plan_meeting(db, group_id=world.group, kind_id=world.meeting_kind["consultation"], topic="修订测试",
                          starts_at="2025-05-20T09:30")
    mt.record_attendance(db, mid, [Mark(world.members["王𠇔"], "present")])
    for target in ("held", "draft", "final"):
        mt.move_meeting(db, mid, target)
    rev = mt.amend_meeting(db, mid)
    assert mt.load_meeting(db, rev).next_states == ("final",)
    for target in ("held", "cancelled"):
        with pytest.raises(StateError):
            mt.move_meeting(db, rev, target)
    mt.move_meeting(db, rev, "final")


def test_a_meeting_is_marked_held_only_once_its_day_has_come(db):
    """A meeting set for tomorrow was marked held (and its minutes drafted) without a word."""
    import datetime as dt

    from db import today as office_clock
    from db.errors import StateError
    g = db.execute("SELECT id FROM liaison_group WHERE deleted = 0 LIMIT 1").fetchone()
    if g is None:
        pytest.skip("no group in this database")
    kind = db.execute("SELECT id FROM reference_item WHERE list = 'meeting_kind' LIMIT 1").fetchone()[0]
    tomorrow = office_clock.today() + dt.timedelta(days=1)
    mid = mt.plan_meeting(db, group_id=g[0], kind_id=kind, topic="明天的协商会", starts_at=f"{tomorrow}T09:00")
    with pytest.raises(StateError) as err:
        mt.move_meeting(db, mid, "held")
    assert err.value.code == "not_yet_held" and str(tomorrow) in err.value.message_zh
    mt.update_meeting(db, mid, starts_at=f"{office_clock.today()}T08:00")     # it was held this morning
    mt.move_meeting(db, mid, "held")
    assert mt.load_meeting(db, mid).state == "held"


def test_a_quoted_topic_is_quoted_inside_the_timeline_note_as_chinese_writes_it(db, world):
    mid = held_with_attendance(db, world)
    from db.write import writing
    with writing(db) as w:
        w.update("meeting", mid, {"topic": "“农贸市场提升”专题协商议事会"})
    k = mt.add_consensus_item(db, mid, "请市场监管所牵头整治农贸市场周边占道经营。")
    fid = mt.follow_up_from_consensus(db, k, lead_unit="市场监管所", actor="小刘")
    (note,) = db.execute("SELECT note FROM state_event WHERE subject_id = ?", [fid]).fetchone()
    assert note == "由会议“‘农贸市场提升’专题协商议事会”的协商共识生成"
