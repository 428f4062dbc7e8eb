"""db.groups, db.members, db.duty, db.dashboard, db.startup on the demo township."""

from __future__ import annotations

import datetime as dt

import pytest

from db import dashboard, duty, groups, members
from db.database import open_database
from db.errors import StateError, ValidationError
from db.startup import peek_installation
from tests.conftest import DEMO_TODAY


@pytest.fixture
def db(demo_db_path):
    d = open_database(demo_db_path)
    yield d
    d.conn.close()


@pytest.fixture
def group(db):
    return groups.list_groups(db)[0]


def test_groups_list_with_convener_and_roster(db, group):
    roster = groups.group_members(db, group.id)
    assert group.member_count == len(roster) > 0
    assert roster[0].role == "convener" and roster[0].member_id == group.convener_id


def test_group_names_are_required_and_unique(db, group):
    with pytest.raises(ValidationError) as e:
        groups.save_group(db, None, {"name": group.name})
    assert e.value.code == "duplicate" and e.value.field == "name"
    with pytest.raises(ValidationError):
        groups.save_group(db, None, {"name": "  "})


def test_one_convener_at_a_time(db, group):
    other = next(m for m in groups.group_members(db, group.id) if m.role != "convener")
    groups.set_role(db, other.membership_id, "convener")
    roster = groups.group_members(db, group.id)
    assert [m.member_id for m in roster if m.role == "convener"] == [other.member_id]
    assert groups.load_group(db, group.id).convener_id == other.member_id


def test_leaving_keeps_history_and_clears_the_convener(db, group):
    convener = next(m for m in groups.group_members(db, group.id) if m.role == "convener")
    groups.leave_group(db, convener.membership_id, on=DEMO_TODAY.isoformat())
    assert convener.member_id not in [m.member_id for m in groups.group_members(db, group.id)]
    left = [m for m in groups.group_members(db, group.id, include_left=True) if m.member_id == convener.member_id]
    assert left[0].left_on == DEMO_TODAY.isoformat()
    assert groups.load_group(db, group.id).convener_id is None
    with pytest.raises(ValidationError):
        groups.leave_group(db, groups.add_to_group(db, group.id, convener.member_id, joined_on="2026-11-01"),
                           on="2026-10-01")


def test_a_member_cannot_join_twice_and_groups_with_records_stay(db, group):
    someone = groups.group_members(db, group.id)[0]
    with pytest.raises(StateError):
        groups.add_to_group(db, group.id, someone.member_id)
    with pytest.raises(StateError) as e:
        groups.delete_group(db, group.id)
    assert e.value.code == "has_records"
    empty = groups.save_group(db, None, {"name": "新建测试组"})
    groups.delete_group(db, empty)
    assert empty not in [g.id for g in groups.list_groups(db)]


def test_member_levels_are_saved_as_changes(db):
    mid = members.save_member(db, None, {"name": "测试委员", "sex": "F"},
                              levels=[{"level": "district", "term": "十届"}, {"level": "municipal"}])
    m = members.load_member(db, mid)
    assert [lv.level for lv in m.levels] == ["municipal", "district"]
    seq = db.execute("SELECT seq FROM node_state").fetchone()[0]
    members.save_member(db, mid, {"name": "测试委员"}, levels=[{"level": "district", "term": "十届"},
                                                          {"level": "municipal"}])
    assert db.execute("SELECT seq FROM node_state").fetchone()[0] == seq        # nothing changed: no write
    members.save_member(db, mid, {}, levels=[{"level": "national", "post": "standing"}])
    assert [(lv.level, lv.post) for lv in members.load_member(db, mid).levels] == [("national", "standing")]


def test_member_rules(db):
    with pytest.raises(ValidationError):
        members.save_member(db, None, {"name": ""})
    with pytest.raises(ValidationError) as e:
        members.save_member(db, None, {"name": "未来人", "birth_date": "2100-01-01"})
    assert e.value.field == "birth_date"
    with pytest.raises(ValidationError):
        members.save_member(db, None, {"name": "某人"}, levels=[{"level": "galactic"}])


def test_retire_ends_memberships_and_reinstate(db, group):
    convener = groups.load_group(db, group.id).convener_id
    members.retire_member(db, convener, on="2026-11-20")
    m = members.load_member(db, convener)
    assert m.status == "retired" and all(g.left_on == "2026-11-20" for g in m.groups)
    assert groups.load_group(db, group.id).convener_id is None
    assert convener not in [mid for mid, _ in members.member_choices(db)]
    members.reinstate_member(db, convener)
    assert members.load_member(db, convener).status == "active"


def test_retire_refuses_a_day_after_today_or_before_joining_and_writes_nothing(db, group):
    convener = groups.load_group(db, group.id).convener_id
    joined = max(g.joined_on for g in members.load_member(db, convener).groups if not g.left_on)
    day_before = (dt.date.fromisoformat(joined) - dt.timedelta(days=1)).isoformat()
    for on, said in (((DEMO_TODAY + dt.timedelta(days=1)).isoformat(), "不能晚于今天"),
                     (day_before, "不能早于该委员加入"), ("2026-02-30", "不是有效日期")):
        with pytest.raises(ValidationError) as e:
            members.retire_member(db, convener, on=on)
        assert said in e.value.message_zh and e.value.code == "bad_date"
    m = members.load_member(db, convener)
    assert m.status == "active" and any(g.group_id == group.id and not g.left_on for g in m.groups)


def test_member_activity_covers_meetings_visits_reports(db):
    mid = db.execute("SELECT reporter_id FROM opinion_report WHERE reporter_id IS NOT NULL LIMIT 1").fetchone()[0]
    acts = members.member_activity(db, mid)
    kinds = {a.kind for a in acts}
    assert {"meeting", "visit", "report"} <= kinds
    dates = [a.date for a in acts]
    assert dates == sorted(dates, reverse=True)
    attended = db.execute("SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
                          "WHERE a.member_id = ? AND a.deleted = 0 AND m.deleted = 0 AND m.state <> 'cancelled' "
                          "AND m.id NOT IN (SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL)",
                          [mid]).fetchone()[0]
    assert sum(a.kind == "meeting" for a in acts) == attended


def test_duty_records_add_up_to_the_year(db):
    year = DEMO_TODAY.year
    records = duty.duty_records(db, year)
    span = [f"{year}-01-01", f"{year + 1}-01-01"]
    visits = db.execute("SELECT count(*) FROM visit_member vm JOIN visit v ON v.id = vm.visit_id "
                        "WHERE v.visit_date >= ? AND v.visit_date < ? AND v.deleted = 0 AND vm.deleted = 0",
                        span).fetchone()[0]
    reports = db.execute("SELECT count(*) FROM opinion_report WHERE collected_on >= ? AND collected_on < ? "
                         "AND deleted = 0 AND reporter_id IS NOT NULL", span).fetchone()[0]
    assert sum(r.visits for r in records) == visits
    assert sum(r.reports for r in records) == reports
    assert all(r.attendance_rate is None or 0 <= r.attendance_rate <= 1 for r in records)
    assert year in duty.duty_years(db)
    one_group = duty.duty_records(db, year, group_id=groups.list_groups(db)[0].id)
    assert 0 < len(one_group) < len(records)


def test_dashboard_figures(db):
    d = dashboard.dashboard(db, DEMO_TODAY)
    assert all(DEMO_TODAY.isoformat() <= e.date <= (DEMO_TODAY + dt.timedelta(days=7)).isoformat()
               for e in d.agenda)
    assert all(o.days_overdue > 0 and o.state != "closed" for o in d.overdue)
    assert d.overdue_total >= len(d.overdue)
    assert d.month.visits == db.execute(
        "SELECT count(*) FROM visit WHERE visit_date >= '2026-11-01' AND visit_date < '2026-12-01' "
        "AND deleted = 0").fetchone()[0]
    assert d.last_sent is None


def test_startup_peek_reads_office_and_schema_without_sqlite_utils(demo_db_path, tmp_path):
    found = peek_installation(demo_db_path)
    assert found.office.level in ("city", "district", "township") and "m0001_initial" in found.versions
    assert peek_installation(tmp_path / "missing.sqlite3") is None
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"not a database at all" * 50)
    assert peek_installation(junk) is None
