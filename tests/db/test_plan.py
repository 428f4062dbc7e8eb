"""年度协商计划 (db.plan) and 回头看 (db.reinspection) on the core database (the city office with one group)."""

from __future__ import annotations

import pytest

from db import plan as P
from db import reinspection as R
from db import today as office_clock
from db.errors import StateError, ValidationError
from db.followups import create_follow_up, load_follow_up, move_follow_up
from db.meetings import move_meeting, plan_meeting
from db.offices import add_office
from db.visits import log_visit
from db.write import writing


def _member(db):
    return db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]


def _meeting_with_consensus(db, refs, group_id, when="2026-06-18T09:00"):
    mid = plan_meeting(db, group_id=group_id, kind_id=next(iter(refs["meeting_kind"].values())), topic="菜篮子工程协商议事会",
                       starts_at=when)
    with writing(db) as w:
        office = w.current("meeting", mid)["office_id"]
        cid = w.insert("consensus_item", {"meeting_id": mid, "seq": 1, "text": "增设平价蔬菜直销点"}, office_id=office)
    return mid, cid


def test_a_plan_topic_leads_to_research_a_meeting_and_its_follow_ups(core_db, refs, group_id):
    db = core_db
    research = log_visit(db, group_id=group_id, kind_id=refs["visit_kind"]["outreach"], visit_date="2026-03-12",
                         member_ids=[_member(db)], place="花果园农贸市场", heard="菜价波动大")
    tid = P.add_topic(db, year=2026, month=6, title="菜篮子工程", source_kind="party_priority",
                      source_text="市委年度重点工作", lead_group_ids=[group_id], research=[("visit", research)])
    topic = P.get_topic(db, tid)
    assert topic.status == "late"                       # June has passed (the clock is 2026-11-25) and nothing held
    assert topic.lead_groups == ("新华路街道委员联络组",) and topic.research[0][2].startswith("走访接待 2026-03-12")
    with office_clock.pinned("2026-06-01T09:00:00"):
        mid, cid = _meeting_with_consensus(db, refs, group_id)
        P.consult_at(db, tid, mid)
        assert P.get_topic(db, tid).status == "scheduled"
    assert P.get_topic(db, tid).status == "late"        # planned, still not held
    with office_clock.pinned("2026-06-18T11:30:00"):
        move_meeting(db, mid, "held")
    fid = create_follow_up(db, title="增设平价蔬菜直销点", source_table="consensus_item", source_id=cid,
                           lead_unit="市商务局", due_date="2026-09-30")
    other = create_follow_up(db, title="菜价监测月报", lead_unit="市发改委")
    P.link_record(db, tid, "follow_up", other, "after")
    topic = P.get_topic(db, tid)
    assert topic.status == "held" and topic.meeting_topic == "菜篮子工程协商议事会"
    assert {f.id for f in topic.follow_ups} == {fid, other}
    next_year = P.add_topic(db, year=2027, month=3, title="老旧小区加装电梯")
    assert P.get_topic(db, next_year).status == "planned"
    assert [t.id for t in P.plan_of(db, 2026)] == [tid]
    with pytest.raises(ValidationError):
        P.add_topic(db, year=2026, title="  ")


def test_the_city_sees_the_plans_below_with_held_and_late(core_db, refs):
    db = core_db
    city = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    d = add_office(db, code="520102", name="南明区政协", level="district", parent_id=city, by_office=city)
    t = add_office(db, code="520102001", name="新华路街道", level="township", parent_id=d, by_office=city)
    with writing(db, scope=False) as w:                 # as their packages would have brought them
        for office, month, title in ((d, 3, "停车难"), (t, 5, "背街小巷"), (t, 12, "养老助餐")):
            w.insert("plan_topic", {"year": 2026, "month": month, "title": title, "cancelled": 0}, office_id=office)
    below = {p.office_name: (p.topics, p.held, p.late) for p in P.plans_below(db, 2026)}
    assert below == {"南明区政协": (1, 0, 1), "新华路街道": (2, 0, 1)}
    assert [x.title for x in P.plan_of(db, 2026, t)] == ["背街小巷", "养老助餐"]


def test_a_closed_follow_up_is_reinspected_and_reopened_and_its_history_spans_years(core_db, refs, group_id):
    db = core_db
    with office_clock.pinned("2024-05-20T10:00:00"):
        mid, cid = _meeting_with_consensus(db, refs, group_id, when="2024-05-10T09:00")
        fid = create_follow_up(db, title="背街小巷路灯修复", source_table="consensus_item", source_id=cid,
                               lead_unit="区城管局", due_date="2024-08-31")
        move_follow_up(db, fid, "assigned")
    with office_clock.pinned("2024-08-20T10:00:00"):
        move_follow_up(db, fid, "replied", reply="已修复 32 盏")
        move_follow_up(db, fid, "evaluated", satisfaction="satisfied")
        move_follow_up(db, fid, "closed")
    with pytest.raises(ValidationError) as err:        # before it was closed: refused by name
        R.schedule(db, fid, planned_on="2024-08-01", group_id=group_id, kind_id=refs["visit_kind"]["outreach"],
                   member_ids=[_member(db)], place="新华路背街小巷")
    assert err.value.code == "before_closed" and "2024-08-20" in err.value.message_zh
    with office_clock.pinned("2025-05-01T10:00:00"):
        first = R.schedule(db, fid, planned_on="2025-05-06", group_id=group_id, kind_id=refs["visit_kind"]["outreach"],
                           member_ids=[_member(db)], place="新华路背街小巷")
    with office_clock.pinned("2025-05-06T16:00:00"):
        R.record_findings(db, first, "路灯运行正常")
    assert load_follow_up(db, fid).state == "closed"
    with pytest.raises(StateError):
        R.schedule(db, create_follow_up(db, title="未办结的事项"), planned_on="2026-12-01", group_id=group_id,
                   kind_id=refs["visit_kind"]["outreach"], member_ids=[_member(db)], place="x")
    second = R.schedule(db, fid, planned_on="2026-11-25", group_id=group_id, kind_id=refs["visit_kind"]["outreach"],
                        member_ids=[_member(db)], place="新华路背街小巷")
    with pytest.raises(ValidationError):
        R.record_findings(db, second, "又坏了 5 盏", reopen_reason=" ")
    future = R.schedule(db, fid, planned_on="2026-12-10", group_id=group_id, kind_id=refs["visit_kind"]["outreach"],
                        member_ids=[_member(db)], place="新华路背街小巷")
    with pytest.raises(StateError, match="还没到日期"):
        R.record_findings(db, future, "提前写的")
    R.record_findings(db, second, "又坏了 5 盏", reopen_reason="问题反弹，需再次整改")
    f = load_follow_up(db, fid)
    assert f.state == "reopened" and "问题反弹" in f.timeline[-1].note
    assert [r.result for r in R.reinspections(db, fid)] == ["holds", "reopened", "pending"]
    steps = R.history(db, fid)
    years = sorted({s.at[:4] for s in steps})
    assert years == ["2024", "2025", "2026"]
    kinds = [s.kind for s in steps]
    assert kinds[0] == "meeting" and kinds.count("reinspection") == 3
    texts = " | ".join(s.text for s in steps)
    for t in ("协商会议：菜篮子工程协商议事会", "已办结", "路灯运行正常", "重新办理", "问题反弹，需再次整改"):
        assert t in texts, texts


def test_a_topic_consulted_cannot_be_dropped_and_a_record_is_linked_once(core_db, refs, group_id):
    from db import plan as P
    from db.errors import StateError
    db = core_db
    mid, _cid = _meeting_with_consensus(db, refs, group_id, when="2024-05-10T09:00")
    tid = P.add_topic(db, year=2024, title="背街小巷路灯", month=5)
    P.consult_at(db, tid, mid)
    P.update_topic(db, tid, cancelled=1)                 # planned, not held yet: may be dropped
    P.update_topic(db, tid, cancelled=0)
    from db.meetings import move_meeting
    move_meeting(db, mid, "held")
    with pytest.raises(StateError) as err:
        P.update_topic(db, tid, cancelled=1)
    assert err.value.code == "held"
    P.link_record(db, tid, "meeting", mid, "research")
    with pytest.raises(ValidationError) as err:
        P.link_record(db, tid, "meeting", mid, "research")
    assert err.value.code == "linked_already"
