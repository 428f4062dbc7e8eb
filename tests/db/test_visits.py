"""Visits (坐诊 / 出诊 / 会诊): logging with members, edits, reports and follow-ups made in one step, lists."""

from __future__ import annotations

import pytest
import records_world

from db import visits as vs
from db.errors import NotFound, ValidationError
from db.visits import VisitFilter

records_template, db, world = records_world.records_template, records_world.db, records_world.world


def log(db, world, **kw):
    values = {"group_id": world.group, "kind_id": world.visit_kind["reception"], "visit_date": "2025-03-15",
              "start_time": "09:00", "place": "新华路委员工作站", "people_reached": 23,
              "member_ids": [world.members["王𠇔"], world.members["李䶮"]],
              "heard": "小区停车难，夜间乱停放堵塞消防通道", "handling": "当场答复 5 件，转交街道 2 件"} | kw
    return vs.log_visit(db, **values)


def test_log_a_reception_day_with_its_members(db, world):
    vid = log(db, world)
    v = vs.load_visit(db, vid)
    assert (v.kind_code, v.kind_name, v.visit_date, v.start_time, v.people_reached, v.group_name) == (
        "reception", "坐诊", "2025-03-15", "09:00", 23, "新华路街道委员联络组")
    assert v.member_names == "王𠇔、李䶮"
    assert v.office_id == world.office


def test_all_three_kinds_come_from_the_reference_list(db, world):
    assert set(world.visit_kind) >= {"reception", "outreach", "joint"}
    for code in ("outreach", "joint"):
        vid = log(db, world, kind_id=world.visit_kind[code], departments="区卫健局、区人社局")
        assert vs.load_visit(db, vid).kind_code == code


@pytest.mark.parametrize("change, field, code", [
    ({"visit_date": "2025-02-30"}, "visit_date", "bad_date"),
    ({"visit_date": ""}, "visit_date", "required"),
    ({"start_time": "9点"}, "start_time", "bad_time"),
    ({"start_time": "25:00"}, "start_time", "bad_time"),
    ({"people_reached": -1}, "people_reached", "too_small"),
    ({"people_reached": "很多"}, "people_reached", "not_integer"),
    ({"heard": "听" * 50_000}, "heard", "too_long"),
    ({"kind_id": "x"}, "kind_id", "bad_reference"),
    ({"place": "  "}, "place", "required"),
    ({"member_ids": []}, "member_ids", "required"),
])
def test_bad_input_is_refused_with_the_field_named(db, world, change, field, code):
    with pytest.raises(ValidationError) as err:
        log(db, world, **change)
    assert (err.value.field, err.value.code) == (field, code)
    assert db.execute("SELECT count(*) FROM visit").fetchone()[0] == 0


def test_update_replaces_members_and_fields(db, world):
    vid = log(db, world)
    changed = vs.update_visit(db, vid, member_ids=[world.members["李䶮"], world.members["张三"]],
                              people_reached="30", handling="已全部转交")
    assert changed == ["people_reached", "handling"]
    v = vs.load_visit(db, vid)
    assert (v.member_names, v.people_reached) == ("李䶮、张三", 30)
    assert db.execute("SELECT count(*) FROM visit_member WHERE visit_id = ?", [vid]).fetchone()[0] == 3
    with pytest.raises(ValidationError):
        vs.update_visit(db, vid, deleted=1)
    vs.delete_visit(db, vid)
    with pytest.raises(NotFound):
        vs.load_visit(db, vid)


def test_report_and_follow_up_from_a_visit_in_one_step(db, world):
    vid = log(db, world)
    oid = vs.opinion_from_visit(db, vid, title="关于解决新华路小区停车难的建议", reporter_id=world.members["王𠇔"],
                                actor="小刘")
    fid = vs.follow_up_from_visit(db, vid, title="清理消防通道违停车辆", lead_unit="新华路街道办",
                                  due_date="2025-04-15", category_id=world.followup_category["safety"])
    v = vs.load_visit(db, vid)
    (r,) = v.opinions
    (f,) = v.follow_ups
    assert (r.id, r.situation, r.collected_on, r.source_table, r.group_id, r.state) == (
        oid, "小区停车难，夜间乱停放堵塞消防通道", "2025-03-15", "visit", world.group, "collected")
    assert (f.id, f.description, f.source_table, f.source_id, f.state) == (
        fid, "小区停车难，夜间乱停放堵塞消防通道", "visit", vid, "open")
    notes = {n for (n,) in db.execute("SELECT note FROM state_event WHERE subject_id IN (?, ?)", [oid, fid])}
    assert notes == {"由 2025-03-15 的走访接待记录生成"}
    with pytest.raises(ValidationError):
        vs.follow_up_from_visit(db, vid, title="")
    assert len(vs.load_visit(db, vid).follow_ups) == 1


def test_lists_filter_sort_search_and_count(db, world):
    a = log(db, world, visit_date="2025-03-15", people_reached=23)
    b = log(db, world, visit_date="2025-04-02", kind_id=world.visit_kind["outreach"], place="花果园 B 区",
            heard="老人就医不便", member_ids=[world.members["张三"]], people_reached=8)
    c = log(db, world, visit_date="2025-04-02", group_id=world.other_group, kind_id=world.visit_kind["joint"],
            heard="学校门口交通拥堵", member_ids=[world.outsider], people_reached=0)
    assert [r.id for r in vs.list_visits(db)] == [c, b, a]                  # same day: later entry first
    assert [r.id for r in vs.list_visits(db, descending=False)] == [a, b, c]
    assert [r.id for r in vs.list_visits(db, sort="people_reached")] == [a, b, c]
    row = next(r for r in vs.list_visits(db) if r.id == b)
    assert (row.kind_name, row.group_name, row.members, row.heard) == ("出诊（走访）", "新华路街道委员联络组",
                                                                      "张三", "老人就医不便")
    cases = {
        VisitFilter(group_id=world.other_group): [c],
        VisitFilter(kind_id=world.visit_kind["reception"]): [a],
        VisitFilter(member_id=world.members["王𠇔"]): [a],
        VisitFilter(date_from="2025-04-01", date_to="2025-04-02"): [c, b],
        VisitFilter(text="就医"): [b],
        VisitFilter(text="花果园"): [b],                # the place is searchable
        VisitFilter(text="停车 消防"): [a],             # every word must be found
    }
    for flt, expected in cases.items():
        assert [r.id for r in vs.list_visits(db, flt)] == expected, flt
        assert vs.count_visits(db, flt) == len(expected), flt
    assert vs.totals(db) == {"visits": 3, "people": 31, "kind:reception": 1, "kind:outreach": 1, "kind:joint": 1}
    assert [r.id for r in vs.list_visits(db, sort="kind", descending=False)] == [a, b, c]   # list order
    with pytest.raises(ValidationError):
        vs.list_visits(db, VisitFilter(date_to="4/2"))


def test_search_gives_the_same_page_whichever_plan_is_used(db, world, monkeypatch):
    ids = [log(db, world, visit_date=f"2025-03-{d:02d}", heard="停车难" if d % 2 else "就医难") for d in range(1, 21)]
    rare = [r.id for r in vs.list_visits(db, VisitFilter(text="停车"), limit=5)]
    monkeypatch.setattr(vs, "_COMMON", 0)              # treat every word as common: walk the date index
    assert vs._is_common(db, "停车")
    assert [r.id for r in vs.list_visits(db, VisitFilter(text="停车"), limit=5)] == rare
    assert rare == [ids[i] for i in (18, 16, 14, 12, 10)]


def test_a_visit_time_written_as_people_write_it_is_kept_as_09_30(db, world):
    vid = vs.log_visit(db, group_id=world.group, kind_id=world.visit_kind["outreach"], visit_date="2026-03-05",
                          start_time="9:30", member_ids=[world.members["王𠇔"]], place="新华路委员工作站")
    assert vs.load_visit(db, vid).start_time == "09:30"


def test_a_visit_keeps_who_went_and_where(db, world):
    vid = log(db, world)
    for change in ({"place": ""}, {"member_ids": []}):
        with pytest.raises(ValidationError) as err:
            vs.update_visit(db, vid, **change)
        assert err.value.code == "required"
    v = vs.load_visit(db, vid)
    assert v.place == "新华路委员工作站" and v.member_names == "王𠇔、李䶮"


def test_a_report_made_from_a_visit_has_its_members_as_reporter_and_co_authors(db, world):
    from db import opinions as op
    vid = log(db, world)
    oid = vs.opinion_from_visit(db, vid, title="关于夜间停车的建议")
    r = op.load_opinion(db, oid)
    assert (r.reporter_id, r.reporter_name) == (world.members["王𠇔"], "王𠇔、李䶮")
    assert "联名委员：李䶮" in r.timeline[0].note
    one = vs.log_visit(db, group_id=world.group, kind_id=world.visit_kind["outreach"], visit_date="2025-03-16",
                       member_ids=[world.members["李䶮"]], place="新华路")
    r = op.load_opinion(db, vs.opinion_from_visit(db, one, title="关于路灯的建议"))
    assert (r.reporter_id, r.reporter_name) == (world.members["李䶮"], "李䶮")
