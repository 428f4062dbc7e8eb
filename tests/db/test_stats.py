"""Statistics of a year (db.stats): per month, the funnel, follow-ups, and the roll-up with drill-down."""

from __future__ import annotations

import pytest

from db import stats
from db.database import open_database
from db.stats import Scope
from db.write import writing


@pytest.fixture
def small(core_db, refs, group_id):
    db = core_db
    city = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    with writing(db) as w:
        for day, people in (("2026-01-05", 10), ("2026-01-20", 5), ("2026-03-01", 7), ("2025-12-31", 99)):
            w.insert("visit", {"group_id": group_id, "kind_id": refs["visit_kind"]["reception"], "visit_date": day,
                               "people_reached": people}, office_id=city)
        mk = refs["meeting_kind"]["consultation"]
        old = w.insert("meeting", {"group_id": group_id, "kind_id": mk, "topic": "会", "state": "final",
                                   "starts_at": "2026-02-01T09:00"}, office_id=city)
        w.insert("meeting", {"group_id": group_id, "kind_id": mk, "topic": "会（修订）", "state": "draft",
                             "starts_at": "2026-02-01T09:00", "revision": 2, "revises_id": old}, office_id=city)
        w.insert("meeting", {"group_id": group_id, "kind_id": mk, "topic": "计划中", "state": "planned",
                             "starts_at": "2026-04-01T09:00"}, office_id=city)
        for state, instruction in (("collected", None), ("submitted", None), ("adopted", None),
                                   ("closed", "批示"), ("instructed", None)):
            w.insert("opinion_report", {"title": state, "collected_on": "2026-05-02", "state": state,
                                        "instruction": instruction, "group_id": group_id}, office_id=city)
        due = [("closed", "2026-02-01", "2026-01-21", "住建局"), ("closed", "2026-03-01", "2026-01-31", "住建局"),
               ("in_progress", "2026-06-01", None, "交通局"), ("replied", "2026-07-01", None, "交通局"),
               ("open", "2026-12-30", None, "民政局")]
        for state, due_date, closed_on, unit in due:
            fid = w.insert("follow_up", {"title": unit, "state": state, "due_date": due_date, "closed_on": closed_on,
                                         "lead_unit": unit, "group_id": group_id}, office_id=city)
            w.insert("state_event", {"subject_table": "follow_up", "subject_id": fid, "at": "2026-01-01T09:00",
                                     "to_state": "open"}, office_id=city)
    return db


def test_month_figures_count_what_happened_in_each_month(small):
    months = stats.monthly(small, Scope(2026))
    assert [(m.visits, m.people) for m in months[:3]] == [(2, 15), (0, 0), (1, 7)]
    assert months[1].meetings == 1            # the revised minutes count once, a planned meeting not at all
    assert months[4].reports == 5
    assert sum(m.visits for m in stats.monthly(small, Scope(2025))) == 1


def test_the_funnel_counts_how_far_the_reports_got(small):
    f = stats.funnel(small, Scope(2026))
    assert (f.collected, f.submitted, f.adopted, f.instructed) == (5, 4, 3, 2)


def test_follow_ups_closure_median_days_and_overdue_by_lead_unit(small):
    f = stats.followups(small, Scope(2026))
    assert (f.due, f.closed) == (5, 2) and f.closure_rate == pytest.approx(0.4)
    assert f.median_days == 25                # 20 and 30 days from opening
    assert f.overdue == 2 and f.overdue_by_unit == (("交通局", 2),)   # the one due 2026-12-30 is not late yet


@pytest.fixture
def ddb(demo_db_path):
    """The township demo (its city, districts and townships; two groups with records)."""
    db = open_database(demo_db_path)
    yield db
    db.conn.close()


def test_roll_up_drills_down_from_the_city_to_a_group_and_adds_up(ddb):
    year = 2026
    whole = stats.annual(ddb, Scope(year))
    districts = whole.rollup
    assert all(r.kind == "district" for r in districts)
    busy = max(districts, key=lambda r: r.visits)
    assert busy.visits == whole.totals().visits and busy.reports == whole.funnel.collected
    towns = stats.rollup(ddb, Scope(year, office_id=busy.key))
    assert towns and all(r.kind == "township" and r.parent == busy.name for r in towns)
    assert sum(r.visits for r in towns) == busy.visits and sum(r.overdue for r in towns) == busy.overdue
    town = max(towns, key=lambda r: r.visits)
    groups = stats.rollup(ddb, Scope(year, office_id=town.key))
    assert groups and all(g.kind == "group" for g in groups)
    assert sum(g.visits for g in groups) == town.visits
    one = stats.annual(ddb, Scope(year, group_id=groups[0].key))
    assert one.totals().visits == groups[0].visits and one.rollup == ()
    every = stats.every_township(ddb, Scope(year))
    assert {r.key for r in towns} <= {r.key for r in every} and all(r.kind == "township" for r in every)
    assert sum(r.visits for r in every) == whole.totals().visits


def test_the_office_scope_and_the_group_scope_agree_with_the_whole(ddb):
    year = 2026
    whole = stats.monthly(ddb, Scope(year))
    city = ddb.execute("SELECT id FROM office WHERE parent_id IS NULL").fetchone()[0]
    assert stats.monthly(ddb, Scope(year, office_id=city)) == whole
    groups = [r[0] for r in ddb.execute("SELECT id FROM liaison_group WHERE deleted = 0")]
    per_group = [stats.monthly(ddb, Scope(year, group_id=g)) for g in groups]
    assert sum(m.visits for ms in per_group for m in ms) == sum(m.visits for m in whole)
