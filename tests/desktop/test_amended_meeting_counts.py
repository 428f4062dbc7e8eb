"""A meeting corrected after it was held (amended) is one meeting: one row in the list, one count on the home
page, its agenda and the duty records, and the amendment is a step in its timeline."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from db import meetings as mt
from db.dashboard import dashboard
from db.duty import duty_records
from db.groups import group_record_counts
from desktop.pages.home import HomePage
from tests.conftest import DEMO_TODAY


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


def final_meeting_today(db) -> str:
    """A meeting held today with final minutes: on the home page's agenda and in this month's figures."""
    group, kind = db.execute("SELECT g.id, r.id FROM liaison_group g, reference_item r WHERE g.deleted = 0 "
                             "AND r.list = 'meeting_kind' ORDER BY g.name, r.sort LIMIT 1").fetchone()
    mid = mt.plan_meeting(db, group_id=group, kind_id=kind, topic="关于加装电梯的协商议事会",
                          starts_at=f"{DEMO_TODAY.isoformat()}T23:00", place="联络站", chair="王𠇔", recorder="小刘")
    mt.move_meeting(db, mid, "held", actor="小刘")
    member = db.execute("SELECT member_id FROM membership WHERE group_id = ? AND deleted = 0 AND left_on IS NULL "
                        "LIMIT 1", [group]).fetchone()[0]
    mt.record_attendance(db, mid, [mt.Mark(member, "present")])
    for state in ("draft", "final"):
        mt.move_meeting(db, mid, state, actor="小刘")
    return mid


def test_an_amended_meeting_counts_once_everywhere(ctx, qtbot):
    db = ctx.db
    mid = final_meeting_today(db)
    member = db.execute("SELECT member_id FROM attendance WHERE meeting_id = ? AND status = 'present' LIMIT 1",
                        [mid]).fetchone()
    before = dashboard(db, DEMO_TODAY)
    duty_before = {d.member_id: d.meetings_attended for d in duty_records(db, DEMO_TODAY.year)}
    listed = mt.count_meetings(db)
    group = db.execute("SELECT group_id FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    group_counts = group_record_counts(db, group)
    new = mt.amend_meeting(db, mid, actor="小刘")
    mt.update_meeting(db, new, topic="关于加装电梯的协商议事会（更正）")
    after = dashboard(db, DEMO_TODAY)
    assert after.month == before.month
    assert [e.id for e in after.agenda].count(new) == 1 and mid not in [e.id for e in after.agenda]
    assert len(after.agenda) == len(before.agenda)
    assert mt.count_meetings(db) == listed
    assert group_record_counts(db, group) == group_counts           # the group's page: "N 次会议"
    assert [r.id for r in mt.list_meetings(db, limit=listed + 5)].count(new) == 1
    if member:
        duty_after = {d.member_id: d.meetings_attended for d in duty_records(db, DEMO_TODAY.year)}
        assert duty_after[member[0]] == duty_before[member[0]]
    timeline = mt.load_meeting(db, new).timeline
    assert [e.to_state for e in timeline] == ["planned", "held", "draft", "final", "draft"]
    assert "修订" in timeline[-1].note

    # the home page the clerk sees: one meeting in the agenda, the month's figure unchanged
    page = HomePage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(ctx, qtbot)
    assert page.card_meetings.number.text() == f"{before.month.meetings_held:,}"
    topics = [page.agenda.item(r, 2).text() if page.agenda.item(r, 2) else "" for r in range(page.agenda.rowCount())]
    assert page.agenda.rowCount() == len(before.agenda)
    assert sum("加装电梯" in t for t in topics) <= 1


def loaded(model, qtbot):
    model.refresh()
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10_000)
    return [model.row_id(r) for r in range(model.rowCount())]


def test_the_meetings_list_shows_an_amended_meeting_once(ctx, qtbot):
    from desktop.models.meetings import MeetingListModel
    mid = final_meeting_today(ctx.db)
    model = MeetingListModel(ctx)
    before = loaded(model, qtbot)
    new = mt.amend_meeting(ctx.db, mid, actor="小刘")
    after = loaded(model, qtbot)
    assert len(after) == len(before) == model.total
    assert new in after and mid not in after
    model.show_superseded = True            # 显示历次修订: every revision, for the record
    assert {mid, new} <= set(loaded(model, qtbot))
