"""Small dialogs check what was typed before they close: a refused step, follow-up or report is
explained in the dialog itself, with everything typed still there to correct (pressed as a clerk
presses: the state button, then Record / Create)."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from db import followups as fu
from db import visits as vi


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


@pytest.fixture
def editors(ctx):
    made = []

    def make(cls_path: str, record_id=None):
        import importlib
        module, name = cls_path.rsplit(".", 1)
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


def press_ok(qtbot, dialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def step_dialog(qtbot, editor, target):
    qtbot.mouseClick(editor.panel.buttons[target], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(editor, "move_dialog", None) is not None and editor.move_dialog.isVisible())
    return editor.move_dialog


def in_state(ctx, state: str) -> str:
    return fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=(state,)), limit=1)[0].id


def test_the_step_dialog_names_the_missing_lead_unit(ctx, qtbot, editors):
    fid = fu.create_follow_up(ctx.db, title="背街小巷路灯维修")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "assigned")
    press_ok(qtbot, d)
    assert d.isVisible() and "主办单位" in d.reason.text()
    d.extra_widget.setText("南明区城市管理局")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert not d.isVisible()
    assert fu.load_follow_up(ctx.db, fid).state == "assigned"


@pytest.mark.parametrize("typed, says", [
    ("2026-13-45 25:99", "“2026-13-45 25:99”"),
    ("2026-02-30 09:30", "“2026-02-30 09:30”"),
    ("2000-01-01 09:00", "不能早于上一步"),
    ("2030-01-01 09:00", "晚于现在"),
])
def test_a_refused_step_time_is_said_in_the_dialog_and_nothing_typed_is_lost(ctx, qtbot, editors, typed, says):
    fid = in_state(ctx, "in_progress")
    before = fu.load_follow_up(ctx.db, fid)
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "replied")
    d.at.setText(typed)
    d.extra_widget.setPlainText("已协调区教育局新增托班两个。")
    d.note.setPlainText("电话答复")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible(), "the dialog closed before its time was checked"
    assert says in d.reason.text() and d.reason.isVisible()
    assert (d.at.text(), d.extra_widget.toPlainText(), d.note.toPlainText()) == (
        typed, "已协调区教育局新增托班两个。", "电话答复")
    assert fu.load_follow_up(ctx.db, fid).timeline == before.timeline
    assert not ctx.errors.shown
    d.at.setText("")                        # now: recorded, and the dialog closes
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert not d.isVisible() and fu.load_follow_up(ctx.db, fid).state == "replied"


@pytest.mark.parametrize("ahead", [dt.timedelta(minutes=3), dt.timedelta(days=2)])
def test_a_step_time_minutes_or_days_ahead_is_refused_in_words(ctx, qtbot, editors, ahead):
    from db import today as office_clock
    fid = in_state(ctx, "in_progress")
    before = fu.load_follow_up(ctx.db, fid)
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "replied")
    typed = (office_clock.now() + ahead).strftime("%Y-%m-%d %H:%M")
    d.at.clear()
    qtbot.keyClicks(d.at, typed)
    d.extra_widget.setPlainText("已协调区教育局新增托班两个。")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and d.reason.isVisible()
    assert f"办理时间“{typed}”晚于现在" in d.reason.text() and "请核对时间" in d.reason.text()
    assert fu.load_follow_up(ctx.db, fid).timeline == before.timeline
    d.at.clear()                           # the minute it is now: recorded
    qtbot.keyClicks(d.at, office_clock.now().strftime("%Y-%m-%d %H:%M"))
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert not d.isVisible() and fu.load_follow_up(ctx.db, fid).state == "replied"


def test_a_reply_too_long_is_refused_in_the_dialog_and_kept(ctx, qtbot, editors):
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "replied")
    reply = "答" * 25_000
    d.extra_widget.setPlainText(reply)
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "25000" in d.reason.text().replace(",", "")
    assert d.extra_widget.toPlainText() == reply
    assert fu.load_follow_up(ctx.db, fid).state == "in_progress"
    d.reject()


def test_a_supervision_note_with_a_bad_time_stays_in_its_dialog(ctx, qtbot, editors):
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    qtbot.mouseClick(e.panel.note_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "move_dialog", None) is not None and e.move_dialog.isVisible())
    d = e.move_dialog
    d.at.setText("下周一")
    d.note.setPlainText("已电话督促")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "下周一" in d.reason.text() and d.note.toPlainText() == "已电话督促"
    d.reject()


def test_a_follow_up_from_a_visit_with_a_date_that_does_not_exist_stays_in_its_dialog(ctx, qtbot, editors):
    vid = vi.list_visits(ctx.db, vi.VisitFilter(), limit=1)[0].id
    e = editors("desktop.dialogs.visit_editor.VisitEditor", vid)
    qtbot.mouseClick(e.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
    d = e.from_dialog
    d.title.setText("督办：社区卫生服务站夜间门诊")
    d.lead_unit.setText("区卫生健康局")
    d.due_date.setText("2026-02-30")
    before = len(fu.follow_ups_from(ctx.db, "visit", [vid]))
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "这一天不存在" in d.reason.text()
    assert (d.title.text(), d.lead_unit.text()) == ("督办：社区卫生服务站夜间门诊", "区卫生健康局")
    assert len(fu.follow_ups_from(ctx.db, "visit", [vid])) == before
    d.due_date.setText("2026-12-31")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert not d.isVisible() and len(fu.follow_ups_from(ctx.db, "visit", [vid])) == before + 1


def test_an_opinion_step_with_a_bad_time_stays_in_its_dialog(ctx, qtbot, editors):
    from db import opinions as op
    oid = op.create_opinion(ctx.db, title="关于增设社区公交微循环线路的建议", situation="居民反映出行不便。")
    e = editors("desktop.dialogs.opinion_editor.OpinionEditor", oid)
    d = step_dialog(qtbot, e, "drafted")
    d.at.setText("2026-11-31 10:00")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "2026-11-31 10:00" in d.reason.text()
    d.reject()


def test_a_new_visit_without_members_or_place_is_refused_at_those_fields(ctx, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.dialogs.visit_editor import VisitEditor
    e = VisitEditor(ctx, None, None)
    e.show()
    before = ctx.db.execute("SELECT count(*) FROM visit WHERE deleted = 0").fetchone()[0]
    e.form.rows["heard"].editor.setPlainText("居民反映夜间停车难")
    save = e.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert e.isVisible() and "地点" in e.form.rows["place"].message
    assert "委员" in (e.form.rows["member_ids"].message or "")      # both at once, not one after the other
    place = e.form.rows["place"].editor
    place.setFocus()
    qtbot.keyClicks(place, "Xinhua Rd station")
    qtbot.keyClick(place, Qt.Key.Key_Return)                        # Enter goes on, it does not save and close
    assert e.isVisible() and e.focusWidget() is not place
    count = e.form.rows["people_reached"].editor                   # a number box, a choice: the same
    count.setFocus()
    qtbot.keyClick(count, Qt.Key.Key_Return)
    assert e.isVisible() and e.focusWidget() is not count
    group = e.form.rows["group_id"].editor
    group.setFocus()
    qtbot.keyClick(group, Qt.Key.Key_Return)
    assert e.isVisible()
    e.form.rows["place"].editor.setText("新华路委员工作站")
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert e.isVisible() and "委员" in e.form.rows["member_ids"].message
    assert e.form.rows["heard"].editor.toPlainText() == "居民反映夜间停车难"
    assert ctx.db.execute("SELECT count(*) FROM visit WHERE deleted = 0").fetchone()[0] == before
    e.members.list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert ctx.db.execute("SELECT count(*) FROM visit WHERE deleted = 0").fetchone()[0] == before + 1


def test_the_text_a_report_is_made_from_is_quoted_whole_and_readable(ctx, qtbot):
    from desktop.dialogs.visit_editor import FromVisitDialog
    heard = "居民反映：小区停车难，夜间乱停放堵塞消防通道。" * 8
    d = FromVisitDialog(None, follow_up=False, heard=heard)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    assert d.quote.toPlainText() == heard                        # nothing cut to 300 characters
    line = d.quote.fontMetrics().lineSpacing()
    assert d.quote.viewport().height() >= 4 * line                 # several lines shown, the rest scrolls
    d.quote.moveCursor(d.quote.textCursor().MoveOperation.Start)
    assert d.quote.cursorRect().top() >= 0                         # the first line is inside the box


def test_a_long_title_in_the_follow_up_dialog_is_refused_with_its_length_not_cut(ctx, qtbot, editors):
    vid = vi.list_visits(ctx.db, vi.VisitFilter(), limit=1)[0].id
    e = editors("desktop.dialogs.visit_editor.VisitEditor", vid)
    qtbot.mouseClick(e.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
    d = e.from_dialog
    d.title.setText("督" * 300)
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "300" in d.reason.text() and len(d.title.text()) == 300
    d.reject()


def test_after_a_refused_step_the_enter_that_follows_records_it_and_never_throws_it_away(ctx, qtbot, editors):
    """Found walking a township's day: after the step's time was refused the focus was on 取消 (OK was off while
    the check ran), and the Enter pressed after correcting the time closed the dialog with the reply typed."""
    from PySide6.QtTest import QTest
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "replied")
    d.at.setText("2000-01-01 09:00")                 # before the previous step: refused by the data core
    d.extra_widget.setPlainText("已协调区教育局新增托班两个。")
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and "不能早于上一步" in d.reason.text()
    cancel = d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    assert d.focusWidget() is not cancel
    d.at.setText("")                                  # corrected (now), then the reflex: Enter
    QTest.keyClick(d.focusWidget(), Qt.Key.Key_Return)
    idle(ctx, qtbot)
    assert not d.isVisible() and fu.load_follow_up(ctx.db, fid).state == "replied"
    assert fu.load_follow_up(ctx.db, fid).reply == "已协调区教育局新增托班两个。"


def _answering(monkeypatch, answer):
    from PySide6.QtWidgets import QMessageBox
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(title)
        return answer
    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_escape_or_cancel_in_a_step_dialog_asks_before_throwing_the_typing_away(ctx, qtbot, editors, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "replied")
    asked = _answering(monkeypatch, QMessageBox.StandardButton.No)
    qtbot.keyClick(d, Qt.Key.Key_Escape)                # nothing typed yet: closes without a word
    assert not d.isVisible() and asked == []
    d = step_dialog(qtbot, e, "replied")
    d.extra_widget.setFocus()
    qtbot.keyClicks(d.extra_widget, "reply by phone")
    qtbot.keyClick(d.extra_widget, Qt.Key.Key_Escape)
    assert d.isVisible() and asked == ["尚未保存的修改"]
    assert d.extra_widget.toPlainText() == "reply by phone"
    box = d.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert d.isVisible() and len(asked) == 2
    asked = _answering(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert not d.isVisible() and asked == ["尚未保存的修改"]
    assert fu.load_follow_up(ctx.db, fid).state == "in_progress"


def test_closing_a_follow_up_dialog_with_typing_asks_first(ctx, qtbot, editors, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    vid = vi.list_visits(ctx.db, vi.VisitFilter(), limit=1)[0].id
    e = editors("desktop.dialogs.visit_editor.VisitEditor", vid)
    qtbot.mouseClick(e.follow_up_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
    d = e.from_dialog
    d.lead_unit.setFocus()
    qtbot.keyClicks(d.lead_unit, "Health bureau")
    asked = _answering(monkeypatch, QMessageBox.StandardButton.No)
    d.close()                                           # the title bar's close box
    assert d.isVisible() and asked and d.lead_unit.text() == "Health bureau"
    d._typed_from = None
    d.hide()


def test_the_satisfaction_step_offers_no_choice_made_for_the_clerk(ctx, qtbot, editors):
    """满意 came already chosen: Enter recorded 满意 though nobody had chosen it."""
    fid = in_state(ctx, "in_progress")
    fu.move_follow_up(ctx.db, fid, "replied", reply="已协调解决")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    d = step_dialog(qtbot, e, "evaluated")
    assert d.extra_widget.currentData() is None
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    assert d.isVisible() and d.reason.text() == "请选择“满意度”。"
    assert fu.load_follow_up(ctx.db, fid).state == "replied"
    d.extra_widget.setCurrentIndex(d.extra_widget.findData("basically_satisfied"))
    assert not d.reason.isVisible()                     # chosen: the reason goes
    press_ok(qtbot, d)
    idle(ctx, qtbot)
    f = fu.load_follow_up(ctx.db, fid)
    assert f.state == "evaluated" and f.satisfaction == "basically_satisfied"


def test_with_accounts_on_a_step_is_recorded_by_the_person_signed_in(ctx, qtbot, editors):
    """The step dialog offered the name typed last on this PC (before accounts were on): the timeline said
    "Zhang San" for a step the head took."""
    from db import accounts
    from desktop.dialogs.state_move import ACTOR_KEY
    ctx.settings.setValue(ACTOR_KEY, "Zhang San")
    head = accounts.create_account(ctx.db, "wang", "head-pass-1", role=accounts.HEAD, display_name="王主任")
    try:
        with accounts.acting(head):
            e = editors("desktop.dialogs.followup_editor.FollowUpEditor", in_state(ctx, "in_progress"))
            d = step_dialog(qtbot, e, "replied")
            assert d.actor.text() == "王主任"
            d.reject()
    finally:
        ctx.settings.remove(ACTOR_KEY)


def test_a_tick_in_a_check_list_counts_as_chosen_before_escape_closes(ctx, qtbot, monkeypatch):
    """新增议题: the 牵头联络组 ticked was thrown away on Escape without a question."""
    from PySide6.QtWidgets import QListWidget, QMessageBox

    from desktop.dialogs.assignment_plan_dialogs import NewTopicDialog
    groups = ctx.db.execute("SELECT id, name FROM liaison_group WHERE deleted = 0 LIMIT 2").fetchall()
    d = NewTopicDialog(ctx, 2026, [tuple(g) for g in groups], None)
    d.show()
    (lst,) = [w for w in d.findChildren(QListWidget) if w.count()]
    asked = _answering(monkeypatch, QMessageBox.StandardButton.No)
    lst.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert d.isVisible() and asked == ["尚未保存的修改"]
    d._typed_from = None
    d.hide()


def _real_question(monkeypatch, answer, seen: list):
    """QMessageBox.question answered `answer`, after the box it would have shown is built (never run) and kept:
    its title, text, buttons' texts, default and Esc button."""
    from PySide6.QtWidgets import QMessageBox

    def question(parent, title, text, buttons, default):
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
        box.setDefaultButton(default)
        box.show()                                   # Qt picks the Esc button when the box is shown
        seen.append({"title": title, "text": text,
                     "buttons": [box.button(b).text() for b in (QMessageBox.StandardButton.Save,
                                                                QMessageBox.StandardButton.Discard,
                                                                QMessageBox.StandardButton.Cancel,
                                                                QMessageBox.StandardButton.No)
                                 if box.button(b) is not None],
                     "default": default, "box": box})
        if os.environ.get("SHOTS"):
            box.grab().save(os.environ["SHOTS"] + "-unsaved-question.png")
        from PySide6.QtTest import QTest
        QTest.keyClick(box, Qt.Key.Key_Escape)        # what Esc on the question means
        seen[-1]["escape"] = box.standardButton(box.clickedButton())
        box.close()
        del seen[-1]["box"]
        return answer
    monkeypatch.setattr(QMessageBox, "question", question)


def test_every_editor_and_dialog_asks_the_same_save_discard_cancel_question(ctx, qtbot, editors, monkeypatch):
    """The discard question differed: 放弃/否 in the small dialogs, 保存/放弃/取消 in the editors. One question now,
    保存 the default and Esc = 取消, and 保存 in a step dialog records the step."""

    from PySide6.QtWidgets import QMessageBox
    seen: list = []
    _real_question(monkeypatch, QMessageBox.StandardButton.Cancel, seen)
    fid = in_state(ctx, "in_progress")
    e = editors("desktop.dialogs.followup_editor.FollowUpEditor", fid)
    e.form.rows["co_units"].editor.setText("南明区住建局")            # a record editor with a change
    qtbot.keyClick(e, Qt.Key.Key_Escape)
    assert e.isVisible()                                               # 取消: back to editing
    e.form.rows["co_units"].editor.setText(e._loaded.get("co_units") or "")
    d = step_dialog(qtbot, e, "replied")                              # a small dialog with typing
    d.extra_widget.setPlainText("已电话答复")
    qtbot.keyClick(d, Qt.Key.Key_Escape)
    assert d.isVisible() and d.extra_widget.toPlainText() == "已电话答复"
    editor_q, dialog_q = seen
    assert editor_q == dialog_q
    assert editor_q["title"] == "尚未保存的修改" and editor_q["buttons"] == ["保存", "放弃", "取消"]
    assert editor_q["default"] == QMessageBox.StandardButton.Save
    assert editor_q["escape"] == QMessageBox.StandardButton.Cancel

    _real_question(monkeypatch, QMessageBox.StandardButton.Save, seen)
    qtbot.mouseClick(d.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel),
                     Qt.MouseButton.LeftButton)                        # 取消 in the dialog, then 保存 in the question
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: not d.isVisible())
    f = fu.load_follow_up(ctx.db, fid)
    assert (f.state, f.reply) == ("replied", "已电话答复")
