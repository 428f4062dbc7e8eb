"""Follow-ups and public-opinion reports: moving a record through its states records who and when."""

from __future__ import annotations

import os

import pytest

from db import followups as fu
from db import opinions as op


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


@pytest.fixture
def editors(ctx):
    made = []

    def make(cls_path: str, record_id=None):
        module, name = cls_path.rsplit(".", 1)
        import importlib
        editor = getattr(importlib.import_module(module), name)(ctx, record_id, None)
        editor.show()
        made.append(editor)
        return editor
    yield make
    for e in made:
        try:
            e._may_close = True
            e.close()
        except RuntimeError:
            pass


def in_state(ctx, state: str) -> str:
    return fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=(state,)), limit=1)[0].id


def test_move_a_follow_up_to_replied_records_who_and_when(ctx, qtbot, editors):
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    assert not e.panel.buttons["replied"].isHidden() and e.panel.buttons["closed"].isHidden()
    before = len(e.record.timeline)
    e.panel.buttons["replied"].click()
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    d = e.move_dialog
    d.actor.setText("顾馥真")
    d.extra_widget.setPlainText("已协调南明区教育局，新增托班 2 个。")
    d.note.setPlainText("电话答复")
    d.accept()
    idle(ctx, qtbot)
    f = fu.load_follow_up(ctx.db, fid)
    assert (f.state, f.reply) == ("replied", "已协调南明区教育局，新增托班 2 个。")
    last = f.timeline[-1]
    assert len(f.timeline) == before + 1
    assert (last.from_state, last.to_state, last.actor, last.note) == ("in_progress", "replied", "顾馥真", "电话答复")
    assert last.actor_office_id == ctx.office_id
    assert e.panel.timeline.topLevelItemCount() == before + 1 and not e.panel.buttons["evaluated"].isHidden()
    assert ctx.settings.value("records/actor") == "顾馥真"          # offered next time


def test_a_reply_is_required_to_record_replied(ctx, qtbot, editors):
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", in_state(ctx, "in_progress"))
    e.panel.buttons["replied"].click()
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    e.move_dialog.extra_widget.setPlainText("")
    e.move_dialog.accept()
    assert e.move_dialog.isVisible() and e.move_dialog.reason.isVisible()
    e.move_dialog.reject()


def test_overdue_follow_up_is_shown_in_red(ctx, qtbot, editors):
    overdue = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(overdue_only=True), today=ctx.today(), limit=1)[0]
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", overdue.id)
    assert not e.panel.warning.isHidden() and overdue.due_date in e.panel.warning.text()
    assert "b3261e" in e.panel.warning.styleSheet()


def test_new_follow_up_then_assign(ctx, qtbot, editors):
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor")
    e.form.rows["title"].editor.setText("增设公交站台遮阳棚")
    e.form.rows["due_date"].editor.setText("2027-01-31")
    e.panel.buttons["assigned"].setVisible(True)          # not offered before saving; the step saves first
    e.move_to("assigned")
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    e.move_dialog.extra_widget.setText("南明区交通运输局")
    e.move_dialog.accept()
    idle(ctx, qtbot)
    f = fu.load_follow_up(ctx.db, e.record_id)
    assert (f.state, f.lead_unit, f.title) == ("assigned", "南明区交通运输局", "增设公交站台遮阳棚")
    assert [ev.to_state for ev in f.timeline] == ["open", "assigned"]


def test_opinion_report_through_submitted_keeps_its_text(ctx, qtbot, editors):
    e = editors("desktop.dialogs.opinion_editor.OpinionEditor")
    e.form.rows["title"].editor.setText("关于新华路早餐摊点占道经营的建议")
    e.form.rows["situation"].editor.setPlainText("早高峰占道，行人被迫走机动车道。")
    e.form.rows["suggestion"].editor.setPlainText("划定便民疏导点。")
    assert e.save(close=False)
    idle(ctx, qtbot)
    for target in ("drafted", "submitted"):
        e.move_to(target)
        qtbot.waitUntil(lambda: e.move_dialog.isVisible())
        e.move_dialog.accept()
        idle(ctx, qtbot)
    r = op.load_opinion(ctx.db, e.record_id)
    assert r.state == "submitted" and r.submitted_on
    assert e.form.rows["situation"].editor.isReadOnly() and not e.panel.warning.isHidden()
    assert [ev.to_state for ev in r.timeline] == ["collected", "drafted", "submitted"]


def test_followups_page_shows_overdue_in_red(window, qtbot):
    from PySide6.QtCore import Qt

    from desktop.models.record_columns import OVERDUE_COLOR
    page = window.show_page("followups")
    page.show_overdue()
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=10_000)
    ctx = window.ctx
    assert page.model.total == fu.count_follow_ups(ctx.db, fu.FollowUpFilter(overdue_only=True), today=ctx.today()) > 0
    assert page.model.index(0, 1).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR


def test_a_follow_up_is_made_from_a_report_in_one_step(ctx, qtbot, editors):
    oid = op.list_opinions(ctx.db, limit=1)[0].id
    e = editors("desktop.dialogs.opinion_editor.OpinionEditor", oid)
    before = len(fu.follow_ups_from(ctx.db, "opinion_report", [oid]))
    e.make_follow_up()
    qtbot.waitUntil(lambda: getattr(e, "follow_up_dialog", None) is not None and e.follow_up_dialog.isVisible())
    d = e.follow_up_dialog
    assert d.title.text() == op.load_opinion(ctx.db, oid).title       # starts from the report's title
    d.lead_unit.setText("南明区住房和城乡建设局")
    d.accept()
    idle(ctx, qtbot)
    made = fu.follow_ups_from(ctx.db, "opinion_report", [oid])
    assert len(made) == before + 1
    new = next(f for f in made if f.lead_unit == "南明区住房和城乡建设局")
    assert new.state == "open" and [ev.to_state for ev in fu.load_follow_up(ctx.db, new.id).timeline] == ["open"]
    assert new.title in e.follow_ups_label.text()


def test_follow_up_from_a_deleted_report_is_refused(ctx):
    from db.errors import NotFound
    oid = op.create_opinion(ctx.db, title="关于老旧小区加装电梯的建议")
    op.delete_opinion(ctx.db, oid)
    with pytest.raises(NotFound):
        op.follow_up_from_opinion(ctx.db, oid, title="不应生成")


def test_a_submitted_reports_fields_look_read_only_dates_too(ctx, qtbot, editors):
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QLineEdit

    from desktop.widgets.fields import DateEdit
    oid = op.list_opinions(ctx.db, op.OpinionFilter(states=("submitted",)), limit=1)[0].id
    e = editors("desktop.dialogs.opinion_editor.OpinionEditor", oid)
    qtbot.waitUntil(lambda: e.form.rows["title"].editor.isReadOnly())
    dates = [r.editor.line for r in e.form.rows.values() if isinstance(r.editor, DateEdit)]
    lines = [r.editor for r in e.form.rows.values() if isinstance(r.editor, QLineEdit)]
    assert dates and lines
    for w in (*dates, *lines):
        assert w.isReadOnly()
        image = w.grab().toImage()
        inside = QColor(image.pixel(image.width() - 4, image.height() // 2))
        assert inside.name() == "#f1f3f6", (w.objectName(), inside.name())


def test_the_reply_and_the_evaluation_come_by_their_steps_not_typed_in_any_state(ctx, qtbot, editors):
    """Typed into the editor of a follow-up just assigned, a reply and 不满意 were stored with no step on the
    timeline."""
    from db.errors import StateError
    fid = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=("in_progress",)), limit=1)[0].id
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    reply, satisfaction = e.form.rows["reply"].editor, e.form.rows["satisfaction"].editor
    assert reply.isReadOnly() and "记录办理答复" in reply.toolTip()
    assert not satisfaction.isEnabled()
    with pytest.raises(StateError) as exc:
        fu.update_follow_up(ctx.db, fid, reply="没有经过答复这一步")
    assert exc.value.code == "by_step"
    fu.move_follow_up(ctx.db, fid, "replied", reply="已协调")
    fu.update_follow_up(ctx.db, fid, reply="已协调区交通局")          # correcting the reply once made
    assert fu.load_follow_up(ctx.db, fid).reply == "已协调区交通局"


def test_a_field_an_office_above_may_not_change_says_why_on_it(ctx, qtbot, editors):
    """A district reading a township's follow-up saw 事项 and 具体内容 greyed with no reason anywhere."""
    with ctx.db.atomic():
        ctx.db.execute("DELETE FROM setting WHERE key = 'demo'")          # a real city, not the demo
    ctx._permissions = None
    fid = ctx.db.execute("SELECT id FROM follow_up WHERE deleted = 0 AND state != 'closed' AND office_id != "
                         "(SELECT office_id FROM node_state) LIMIT 1").fetchone()[0]
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    title = e.form.rows["title"].editor
    assert title.isReadOnly() and "不能修改" in title.toolTip() and "只能由该机构修改" in title.toolTip()


def test_the_timeline_shows_its_newest_step(ctx, qtbot):
    """The step just recorded was below the fold of the timeline until one scrolled."""
    from desktop.dialogs.state_move import TimelineView
    view = TimelineView("followup_state")
    qtbot.addWidget(view)
    view.resize(600, 120)
    view.show()
    fid = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=("in_progress",)), limit=1)[0].id
    for i in range(12):
        fu.add_note(ctx.db, fid, f"第 {i + 1} 次督办")
    events = fu.load_follow_up(ctx.db, fid).timeline
    view.set_events(events)
    last = view.topLevelItem(view.topLevelItemCount() - 1)
    assert view.viewport().rect().contains(view.visualItemRect(last).center())


def test_the_follow_up_editor_shows_every_step_of_its_timeline_without_scrolling(ctx, qtbot, editors):
    """Found walking: the follow-up editor at 1366×768 (820×680, as it opens there) showed two and a half rows
    of 办理过程 under a one-column form; the newest steps only after scrolling the editor's body."""
    from PySide6.QtWidgets import QApplication, QScrollArea
    fid = ctx.db.execute("SELECT subject_id FROM state_event WHERE subject_table = 'follow_up' "
                         "GROUP BY subject_id ORDER BY count(*) DESC, subject_id LIMIT 1").fetchone()[0]
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    e.resize(820, 680)
    qtbot.waitExposed(e)
    QApplication.processEvents()
    timeline = e.panel.timeline
    count = timeline.topLevelItemCount()
    assert count >= 6
    body = next(a for a in e.findChildren(QScrollArea) if a.widget() is e.body)
    for i in range(count - 6, count):               # the newest six at least, the last step the newest
        step = timeline.visualItemRect(timeline.topLevelItem(i))
        assert timeline.viewport().rect().contains(step)                         # in the table's view
        where = timeline.viewport().mapTo(body.viewport(), step.bottomLeft())
        assert body.viewport().rect().contains(where), (i, where, body.viewport().rect())   # and in the body's


def test_the_follow_up_editor_in_english_uses_english_colons_and_brackets(ctx, qtbot, editors, app):
    """Found walking: in English the editor read "From: Public-opinion report：关于…" and its timeline's By column
    "汪仪娣（新华路街道）", with the Chinese colon and brackets."""
    from PySide6.QtWidgets import QApplication
    fid = ctx.db.execute("SELECT f.id FROM follow_up f JOIN state_event e ON e.subject_id = f.id "
                         "WHERE f.deleted = 0 AND f.source_table = 'opinion_report' AND e.actor IS NOT NULL "
                         "AND e.actor_office_id IS NOT NULL LIMIT 1").fetchone()[0]
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
        qtbot.waitExposed(e)
        assert e.source.text().startswith("From: Public-opinion report: ") and "：" not in e.source.text()
        by = [e.panel.timeline.topLevelItem(i).text(2) for i in range(e.panel.timeline.topLevelItemCount())]
        assert any(" (" in who and who.endswith(")") for who in by) and not any("（" in who for who in by), by
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
    assert e.source.text().startswith("来源：社情民意信息：")
    assert any("（" in e.panel.timeline.topLevelItem(i).text(2) for i in range(e.panel.timeline.topLevelItemCount()))


def test_a_step_left_at_now_comes_after_a_step_stored_a_few_minutes_ahead(ctx, qtbot, editors):
    """已成稿 stored at 12:38 by a PC whose clock ran three minutes fast (or typed ahead, which an earlier version
    took), then 已报送 left at the time offered here at 12:35: it was stored at 12:35:45, before 已成稿, and the
    timeline read 已报送 above 已成稿."""
    import datetime as dt

    from PySide6.QtCore import Qt

    from db import today as office_clock
    e = editors("desktop.dialogs.opinion_editor.OpinionEditor")
    e.form.rows["title"].editor.setText("关于修复新华路小区路灯的建议")
    e.form.rows["situation"].editor.setPlainText("三位居民反映小区路灯不亮，夜间出行不便。")
    e.form.rows["suggestion"].editor.setPlainText("建议街道尽快修复路灯。")
    assert e.save(close=False)
    idle(ctx, qtbot)
    fast = office_clock.now().replace(microsecond=0) + dt.timedelta(minutes=3)
    for target, clock in (("drafted", fast), ("submitted", None)):
        qtbot.mouseClick(e.panel.buttons[target], Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
        if clock is not None:
            with office_clock.pinned(clock):            # this PC's clock three minutes fast for this step
                e.move_dialog.accept()
                idle(ctx, qtbot)
        else:
            e.move_dialog.accept()
            idle(ctx, qtbot)
        assert not e.move_dialog.isVisible(), e.move_dialog.reason.text()
    r = op.load_opinion(ctx.db, e.record_id)
    assert [ev.to_state for ev in r.timeline] == ["collected", "drafted", "submitted"]
    assert r.timeline[1].at == fast.isoformat() and r.timeline[1].at <= r.timeline[2].at


def test_a_reason_in_the_step_dialog_does_not_move_its_record_button(ctx, qtbot, editors):
    """记录办理答复 with the reply left empty, or a time typed 2026/13/45: the red reason pushed 记录 down about 20 px,
    and the second click, made where the button had been, landed beside it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", in_state(ctx, "in_progress"))
    qtbot.mouseClick(e.panel.buttons["replied"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    d = e.move_dialog
    record = d.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.wait(20)
    where = record.mapTo(d, record.rect().topLeft())
    qtbot.mouseClick(record, Qt.MouseButton.LeftButton)          # no reply typed
    assert d.isVisible() and d.reason.isVisible()
    qtbot.wait(20)
    assert record.mapTo(d, record.rect().topLeft()) == where
    d.extra_widget.setPlainText("路灯已修复。")
    d.at.setText("2026/13/45")
    qtbot.mouseClick(record, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert d.isVisible() and "2026-13-45" in d.reason.text()
    qtbot.wait(20)
    assert record.mapTo(d, record.rect().topLeft()) == where
    d.reject()


def test_the_search_box_finds_follow_ups_by_their_lead_unit(ctx, qtbot):
    """主办单位 南明区交通运输局 stood in the list, yet typing 交通运输局 in the search box found nothing (共 0 条)."""
    from desktop.pages.followups import FollowUpsPage
    unit = ctx.db.execute("SELECT lead_unit FROM follow_up WHERE deleted = 0 AND state <> 'closed' AND lead_unit LIKE '%局' "
                          "GROUP BY lead_unit ORDER BY count(*) DESC LIMIT 1").fetchone()[0]
    word = unit[-5:]
    ids = {r[0] for r in ctx.db.execute("SELECT id FROM follow_up WHERE deleted = 0 AND (lead_unit LIKE ? "
                                        "OR co_units LIKE ?)", [f"%{word}%"] * 2)}
    page = FollowUpsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    page.search.insert(word)                        # as the input method commits it
    qtbot.waitUntil(lambda: page.model.search_text == word and page.model.total is not None
                    and not page.model.is_loading(), timeout=10_000)
    shown = {page.model.row_id(r) for r in range(page.model.rowCount())}
    assert shown and shown <= ids


def test_a_step_without_a_name_shows_its_office_without_brackets(ctx, qtbot):
    """A report made from a visit, no name given: the list's side panel read “（贵阳市政协）” on a line of its own."""
    from desktop.pages.opinions import OpinionsPage
    oid = op.create_opinion(ctx.db, title="关于修复新华路小区路灯的建议", situation="路灯不亮。")
    office = op.load_opinion(ctx.db, oid).timeline[0].actor_office_name
    assert office and op.load_opinion(ctx.db, oid).timeline[0].actor is None
    page = OpinionsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    page.table.select_id(oid)
    qtbot.waitUntil(lambda: "路灯" in page.detail.browser.toPlainText(), timeout=5000)
    text = page.detail.browser.toPlainText()
    assert office in text and f"（{office}）" not in text
    assert "· \n" not in text                       # no group: no dangling dot after the reporter


def _evaluated(ctx, qtbot, editors, satisfaction: str):
    """A follow-up with its reply recorded, evaluated by pressing 记录满意度评价 and choosing `satisfaction`."""
    from PySide6.QtCore import Qt
    fid = in_state(ctx, "in_progress")
    fu.move_follow_up(ctx.db, fid, "replied", reply="已协调相关部门，答复如下。")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    qtbot.mouseClick(e.panel.buttons["evaluated"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    d = e.move_dialog
    d.extra_widget.setCurrentIndex(d.extra_widget.findData(satisfaction))
    qtbot.mouseClick(d.buttons.button(d.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: e.record.state == "evaluated")
    return fid, e


def test_a_follow_up_evaluated_unsatisfied_is_not_closed_but_handled_again(ctx, qtbot, editors):
    """闭环: 不满意 sends the item back to be handled again (重新办理); 办结 is not offered, and the data core refuses it
    (the command line and every other caller too)."""
    from PySide6.QtCore import Qt
    fid, e = _evaluated(ctx, qtbot, editors, "unsatisfied")
    assert e.panel.buttons["closed"].isHidden() and not e.panel.buttons["reopened"].isHidden()
    assert "不满意" in e.panel.warning.text() and "重新办理" in e.panel.warning.text()
    if os.environ.get("SHOTS"):
        e.grab().save(os.environ["SHOTS"] + "-unsatisfied-editor.png")
    from db.errors import StateError
    with pytest.raises(StateError) as refused:
        fu.move_follow_up(ctx.db, fid, "closed")
    assert refused.value.code == "unsatisfied" and "重新办理" in str(refused.value)
    assert "reopen" in refused.value.message_en
    qtbot.mouseClick(e.panel.buttons["reopened"], Qt.MouseButton.LeftButton)     # the next step it offers
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    e.move_dialog.note.setPlainText("群众不满意，重新协调")
    qtbot.mouseClick(e.move_dialog.buttons.button(e.move_dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    f = fu.load_follow_up(ctx.db, fid)
    assert (f.state, f.satisfaction, f.closed_on) == ("reopened", None, None)
    assert [ev.to_state for ev in f.timeline[-2:]] == ["evaluated", "reopened"]


def test_an_evaluation_changed_to_unsatisfied_in_the_editor_cannot_then_be_closed(ctx, qtbot, editors):
    from PySide6.QtCore import Qt
    fid, e = _evaluated(ctx, qtbot, editors, "satisfied")
    assert not e.panel.buttons["closed"].isHidden()
    row = e.form.rows["satisfaction"]
    row.set_value("unsatisfied")                     # corrected in the form, then 办结 pressed: saved first
    qtbot.mouseClick(e.panel.buttons["closed"], Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    d = e.move_dialog
    qtbot.mouseClick(d.buttons.button(d.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert d.isVisible() and "不满意" in d.reason.text() and "重新办理" in d.reason.text(), d.reason.text()
    if os.environ.get("SHOTS"):
        d.grab().save(os.environ["SHOTS"] + "-unsatisfied-close-refused.png")
    d.reject()
    f = fu.load_follow_up(ctx.db, fid)
    assert (f.state, f.satisfaction, f.closed_on) == ("evaluated", "unsatisfied", None)


def test_an_unsatisfied_evaluation_is_not_turned_satisfied_in_the_form_to_close_it(ctx, qtbot, editors):
    """Walked in a window: evaluated 不满意, the clerk chose 满意 in the form's 满意度 and pressed 保存; it was saved
    without a step on the timeline and 办结 was offered, past the closed loop. Now the field says to reopen it."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    fid, e = _evaluated(ctx, qtbot, editors, "unsatisfied")
    row = e.form.rows["satisfaction"]
    row.set_value("satisfied")
    qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert e.isVisible() and "重新办理" in (row.message or ""), row.message
    assert not ctx.errors.shown
    f = fu.load_follow_up(ctx.db, fid)
    assert (f.state, f.satisfaction) == ("evaluated", "unsatisfied")
    assert "closed" not in f.next_states
    row.set_value("unsatisfied")                     # left as evaluated, the editor closes without a question
    e._may_close = True
    e.close()
    fu.update_follow_up(ctx.db, fid, satisfaction="unsatisfied")     # unchanged: still accepted


def _damage(ctx, table: str, column: str, row_id: str, value: str = "x") -> None:
    """A record changed outside the program (sqlite3 beside it, the write guard opened and closed again)."""
    import sqlite3
    with sqlite3.connect(ctx.db_path) as c:
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute(f"UPDATE {table} SET {column} = ? WHERE id = ?", [value, row_id])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")


@pytest.mark.parametrize("module, page_name, table", [("followups", "FollowUpsPage", "follow_up"),
                                                      ("opinions", "OpinionsPage", "opinion_report")])
def test_a_record_whose_state_is_damaged_is_listed_and_shown_as_such(ctx, qtbot, module, page_name, table):
    """A state this program does not know (a record changed outside it) stood in the list and the side panel as
    the bare code: the page says it is not recognised, as the 交办 page does ("状态无法识别：x"), and the editor
    opens on it without an error."""
    import importlib

    from PySide6.QtCore import Qt
    title = "损坏状态试验"
    rid = (fu.create_follow_up(ctx.db, title=title) if table == "follow_up"
           else op.create_opinion(ctx.db, title=title, situation="路灯不亮。"))
    _damage(ctx, table, "state", rid)
    page = getattr(importlib.import_module(f"desktop.pages.{module}"), page_name)(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    page.search.insert(title)
    qtbot.waitUntil(lambda: page.model.search_text == title and not page.model.is_loading(), timeout=10_000)
    row = next(r for r in range(page.model.rowCount()) if page.model.row_id(r) == rid)
    col = next(i for i, c in enumerate(page.model.columns) if c.key == "state")
    assert page.model.index(row, col).data() == "状态无法识别：x"
    page.table.select_id(rid)
    qtbot.waitUntil(lambda: title in page.detail.browser.toPlainText(), timeout=5000)
    assert "状态无法识别：x" in page.detail.browser.toPlainText()
    qtbot.mouseClick(page.detail.open_button, Qt.MouseButton.LeftButton)
    editor = page.editors.open[rid]
    idle(ctx, qtbot)
    assert "状态无法识别：x" in editor.panel.state_label.text()
    assert not ctx.errors.shown
    editor._may_close = True
    editor.close()


def test_in_english_a_follow_ups_co_units_are_joined_the_english_way(ctx, qtbot, app, tmp_path):
    """Found walking in English: the 督办事项 side panel read "co-units: 南明区工商业联合会、西湖路街道办事处", the
    units as typed with 、 between them. They stay as typed; between them the interface's separator."""
    from PySide6.QtWidgets import QApplication

    from desktop.pages.followups import FollowUpsPage
    fid, co = ctx.db.execute("SELECT id, co_units FROM follow_up WHERE deleted = 0 AND co_units LIKE '%、%' "
                             "AND state <> 'closed' LIMIT 1").fetchone()
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        page = FollowUpsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366 - 176, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
        qtbot.waitUntil(lambda: page.table.select_id(fid), timeout=5000)
        qtbot.waitUntil(lambda: "co-units:" in page.detail.browser.toPlainText(), timeout=5000)
        text = page.detail.browser.toPlainText()
        assert f"co-units: {', '.join(co.split('、'))}" in text and co not in text, text
        page.grab().save(str(tmp_path / "followups_en.png"))
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
