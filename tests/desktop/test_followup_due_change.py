"""A changed deadline is part of a follow-up's record: its timeline says who changed it, when, from → to."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db import followups as fu


def test_changing_the_due_date_and_pressing_save_shows_on_the_timeline(ctx, qtbot):
    from desktop.dialogs.followup_editor import FollowUpEditor
    fid = fu.create_follow_up(ctx.db, title="背街小巷路灯维修", due_date="2026-12-01", lead_unit="区城管局")
    ctx.settings.setValue("records/actor", "顾馥真")
    e = FollowUpEditor(ctx, fid, None)
    e.show()
    e.form.rows["due_date"].editor.setText("2026-12-31")
    from PySide6.QtWidgets import QDialogButtonBox
    qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    last = fu.load_follow_up(ctx.db, fid).timeline[-1]
    assert (last.actor, last.note) == ("顾馥真", "办理时限调整：2026-12-01 → 2026-12-31")
    assert last.from_state == last.to_state == "open"
    # the follow-ups page's detail says it in words
    from desktop.pages.followups import render_follow_up
    html = render_follow_up(ctx, fu.load_follow_up(ctx.db, fid))
    assert "办理时限变更" in html and "2026-12-01 → 2026-12-31" in html
    assert "办理时限调整" not in html


def test_a_follow_up_without_category_has_no_dangling_dot(ctx):
    from desktop.pages.followups import render_follow_up
    fid = fu.create_follow_up(ctx.db, title="背街小巷路灯维修")
    html = render_follow_up(ctx, fu.load_follow_up(ctx.db, fid))
    assert " · </p>" not in html and "· <" not in html


def test_only_a_real_change_of_the_due_date_is_recorded(ctx):
    fid = fu.create_follow_up(ctx.db, title="背街小巷路灯维修", due_date="2026-12-01")
    n = len(fu.load_follow_up(ctx.db, fid).timeline)
    fu.update_follow_up(ctx.db, fid, due_date="2026-12-01", title="背街小巷路灯维修（二期）")
    assert len(fu.load_follow_up(ctx.db, fid).timeline) == n
    fu.update_follow_up(ctx.db, fid, due_date=None, actor="李明")
    assert fu.load_follow_up(ctx.db, fid).timeline[-1].note == "办理时限调整：2026-12-01 → —"


def test_a_due_date_typed_decades_away_is_refused_at_the_field(ctx, qtbot):
    """Found walking: 2999-01-01 typed for a follow-up's 办理时限 was saved, and the overdue item left every
    overdue list without a word (a 交办's due date that far is refused)."""
    from PySide6.QtWidgets import QDialogButtonBox, QLabel

    from desktop.dialogs.followup_editor import FollowUpEditor
    fid = fu.create_follow_up(ctx.db, title="背街小巷路灯维修", due_date="2026-08-20", lead_unit="区城管局")
    e = FollowUpEditor(ctx, fid, None)          # closes itself (and is deleted) once saved
    e.show()
    field = e.form.rows["due_date"].editor.line
    field.setText("")
    qtbot.keyClicks(field, "2999-01-01")
    qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    assert e.isVisible()
    assert any("太远（超过 5 年），请核对年份" in w.text() and w.isVisible() for w in e.findChildren(QLabel))
    assert fu.load_follow_up(ctx.db, fid).due_date == "2026-08-20"
    field.setText("")
    qtbot.keyClicks(field, "2027-03-31")                  # next year's is fine
    qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    assert fu.load_follow_up(ctx.db, fid).due_date == "2027-03-31"
