"""Record editors: validate as you type, save through the write path, never lose what was typed."""

from __future__ import annotations

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.members import load_member
from desktop.dialogs.group_editor import GroupEditor
from desktop.dialogs.member_editor import MemberEditor
from desktop.drafts import DraftStore


@pytest.fixture
def member_id(ctx):
    return ctx.db.execute("SELECT id FROM member WHERE status = 'active' ORDER BY name LIMIT 1").fetchone()[0]


_OPEN: list = []


@pytest.fixture(autouse=True)
def close_editors():
    """Editors delete themselves on close, so they are not handed to qtbot; close what is left."""
    yield
    while _OPEN:
        editor = _OPEN.pop()
        if shiboken6.isValid(editor):      # a saved editor has deleted itself
            editor._may_close = True       # no unsaved-changes question at teardown
            editor.discard_draft()
            editor.close()


def open_editor(qtbot, editor):
    _OPEN.append(editor)
    editor.open()
    return editor


def test_required_name_shows_its_reason_next_to_the_field(ctx, qtbot):
    editor = open_editor(qtbot, MemberEditor(ctx, None))
    name = editor.form.rows["name"]
    name.editor.setText("张三")
    name.editor.setText("")
    assert name.reason.isVisibleTo(editor) and "不能为空" in name.reason.text()
    name.editor.setText("张三")
    assert not name.reason.isVisibleTo(editor)


def test_phone_rule_and_length_limit(ctx, qtbot):
    editor = open_editor(qtbot, MemberEditor(ctx, None))
    phone = editor.form.rows["phone"]
    phone.editor.setText("电话号码")
    assert "数字" in phone.reason.text()
    name = editor.form.rows["name"]
    name.editor.setText("名" * 61)                      # not cut: refused with its length (60 at most)
    assert "61" in name.reason.text() and "60" in name.reason.text()


def test_a_reason_wider_than_its_field_is_shown_whole_on_further_lines(ctx, qtbot):
    """Found walking: "不是存在的日期：'2026-1" and "例如 0851-12345678 或 13800" were cut at the field's edge, and then
    with "…", the rest only in a tooltip: under a field of a two-column editor the reason was never in view."""
    editor = open_editor(qtbot, MemberEditor(ctx, None))
    editor.resize(560, 640)                                 # narrow: the phone field is ~110 px
    QApplication.processEvents()
    phone = editor.form.rows["phone"]
    qtbot.keyClicks(phone.editor, "abc123")
    QApplication.processEvents()
    whole = phone.reason.text()
    assert "数字" in whole and "…" not in whole
    assert phone.reason.fontMetrics().horizontalAdvance(whole) > phone.reason.width()    # wider than the field:
    assert phone.reason.height() >= 2 * phone.reason.fontMetrics().height()              # on two lines at least
    assert phone.reason.height() >= phone.reason.heightForWidth(phone.reason.width())    # all of them in view


def test_save_refuses_invalid_input_and_writes_nothing(ctx, qtbot):
    editor = open_editor(qtbot, MemberEditor(ctx, None))
    before = ctx.db.execute("SELECT count(*) FROM member").fetchone()[0]
    editor.form.rows["birth_date"].editor.setText("2026-02-30")
    assert editor.save() is False
    assert "这一天不存在" in editor.form.rows["birth_date"].reason.text()
    assert ctx.db.execute("SELECT count(*) FROM member").fetchone()[0] == before
    assert editor.isVisible()


def test_new_member_with_levels_and_group_is_saved_and_the_editor_closes(ctx, qtbot):
    group_id = ctx.db.execute("SELECT id FROM liaison_group ORDER BY name LIMIT 1").fetchone()[0]
    editor = open_editor(qtbot, MemberEditor(ctx, None, group_id=group_id))
    editor.form.rows["name"].editor.setText("欧阳明")
    editor.form.rows["phone"].editor.setText("0851-86661234")
    tick, term, _post = editor.levels.rows["district"]
    tick.setChecked(True)
    term.setText("十届")
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor)
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.keyClick(editor.focusWidget() or editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    m = load_member(ctx.db, saved.args[0])
    assert (m.name, m.phone) == ("欧阳明", "0851-86661234")
    assert [(lv.level, lv.term) for lv in m.levels] == [("district", "十届")]
    assert [g.group_id for g in m.groups] == [group_id]
    qtbot.waitUntil(lambda: not (shiboken6.isValid(editor) and editor.isVisible()))
    assert not DraftStore(ctx.drafts_dir).all()


def test_a_write_path_error_is_shown_at_its_field(ctx, qtbot):
    existing = ctx.db.execute("SELECT name FROM liaison_group LIMIT 1").fetchone()[0]
    editor = open_editor(qtbot, GroupEditor(ctx, None))
    editor.form.rows["name"].editor.setText(existing)
    editor.save()
    qtbot.waitUntil(lambda: bool(editor.form.rows["name"].message), timeout=5000)
    assert "已有" in editor.form.rows["name"].message
    assert editor.isVisible() and not ctx.errors.shown


@pytest.mark.parametrize("answer, stays_open, saved", [
    (QMessageBox.StandardButton.Cancel, True, False),
    (QMessageBox.StandardButton.Discard, False, False),
    (QMessageBox.StandardButton.Save, False, True),
])
def test_closing_with_unsaved_changes_asks(ctx, qtbot, monkeypatch, member_id, answer, stays_open, saved):
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or answer)
    editor = open_editor(qtbot, MemberEditor(ctx, member_id))
    editor.form.rows["job_title"].editor.setText("新的职务")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(asked) == 1
    qtbot.waitUntil(ctx.tasks.is_idle)
    qtbot.waitUntil(lambda: (shiboken6.isValid(editor) and editor.isVisible()) == stays_open)
    assert (load_member(ctx.db, member_id).job_title == "新的职务") == saved


def test_closing_without_changes_does_not_ask(ctx, qtbot, monkeypatch, member_id):
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: pytest.fail("asked"))
    editor = open_editor(qtbot, MemberEditor(ctx, member_id))
    editor.close()
    assert not editor.isVisible()


def test_a_draft_is_kept_while_editing_and_offered_after_a_crash(ctx, qtbot, monkeypatch, member_id):
    from desktop.main_window import MainWindow
    editor = open_editor(qtbot, MemberEditor(ctx, member_id))
    editor.draft_delay_ms = 0
    editor._draft_timer.setInterval(0)
    editor.form.rows["expertise"].editor.setText("乡村振兴、基层治理")
    tick, term, _post = editor.levels.rows["national"]
    tick.setChecked(True)
    qtbot.waitUntil(lambda: len(DraftStore(ctx.drafts_dir).all()) == 1)
    draft = DraftStore(ctx.drafts_dir).all()[0]
    assert draft.record_id == member_id and draft.values["expertise"] == "乡村振兴、基层治理"
    editor.hide()                     # the program "crashed": the editor never closed normally
    editor.deleteLater()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.offer_drafts()
    restored = [e for e in window.findChildren(MemberEditor) if e.isVisible()]
    assert len(restored) == 1
    values = restored[0].values()
    assert values["expertise"] == "乡村振兴、基层治理"
    assert "national" in [lv["level"] for lv in values["levels"]]
    assert restored[0].is_dirty()
    with qtbot.waitSignal(restored[0].saved, timeout=5000):
        restored[0].save()
    assert load_member(ctx.db, member_id).expertise == "乡村振兴、基层治理"
    assert not DraftStore(ctx.drafts_dir).all()


def test_a_discarded_draft_is_removed(ctx, qtbot, monkeypatch):
    from desktop.main_window import MainWindow
    DraftStore(ctx.drafts_dir).save("member-new-x", editor="desktop.dialogs.member_editor:MemberEditor",
                                    record_id=None, title="新建委员", values={"name": "李四"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.offer_drafts()
    assert not DraftStore(ctx.drafts_dir).all()
    assert not window.findChildren(MemberEditor)


def test_the_offer_of_a_draft_names_what_each_button_does(ctx, qtbot, monkeypatch):
    """The offer of a draft after a crash had Qt's 打开 / 放弃 / 忽略: which one kept the draft for later had to be
    guessed. Its buttons say it (继续编辑, the default; 以后再说, Esc, keeps it; 删除草稿)."""
    from desktop.main_window import MainWindow
    from desktop.widgets import confirm as confirm_module
    from tests.desktop.confirm_box import button, on_the_box
    monkeypatch.setattr(confirm_module.DraftBox, "ask", staticmethod(confirm_module.run_draft_box))
    DraftStore(ctx.drafts_dir).save("member-new-x", editor="desktop.dialogs.member_editor:MemberEditor",
                                    record_id=None, title="新建委员", values={"name": "李四"})
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen = on_the_box(lambda box: button(box, "以后再说").click())
    window.offer_drafts()
    assert seen["buttons"] == sorted(["继续编辑", "以后再说", "删除草稿"]), seen
    assert seen["default"] == "继续编辑" and seen["escape"] == "以后再说" and "新建委员" in seen["text"]
    assert len(DraftStore(ctx.drafts_dir).all()) == 1 and not window.findChildren(MemberEditor)   # kept for later
    seen = on_the_box(lambda box: button(box, "继续编辑").click())
    window.offer_drafts()
    [editor] = [e for e in window.findChildren(MemberEditor) if e.isVisible()]
    assert editor.values()["name"] == "李四"
    editor.hide()                     # the program "crashed" again, the draft still there
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    seen = on_the_box(lambda box: button(box, "删除草稿").click())
    window.offer_drafts()
    assert "新建委员" in seen["text"] and not DraftStore(ctx.drafts_dir).all()


def test_a_draft_naming_code_outside_the_app_is_refused(ctx):
    store = DraftStore(ctx.drafts_dir)
    store.save("evil", editor="os:system", record_id=None, title="x", values={})
    with pytest.raises(ValueError):
        store.all()[0].editor_class()


def test_switching_language_keeps_what_was_typed(ctx, qtbot, app):
    editor = open_editor(qtbot, MemberEditor(ctx, None))
    editor.form.rows["name"].editor.setText("诸葛亮")
    try:
        app.translations.install("en")
        QApplication.processEvents()          # Qt posts LanguageChange to every window
        assert editor.form.rows["name"].label.text() == "Name *"
        assert editor.windowTitle().startswith("New member")
    finally:
        app.translations.install("zh_CN")
        QApplication.processEvents()
    assert editor.form.rows["name"].label.text() == "姓名 *"
    assert editor.form.rows["name"].editor.text() == "诸葛亮"


@pytest.mark.parametrize("kind", ["meeting", "visit"])
def test_a_new_record_without_any_liaison_group_says_where_to_add_one(ctx, qtbot, kind):
    """An office with no liaison group yet: the new meeting's (visit's) group list says to add a group first,
    and saving names the empty field and writes nothing."""
    from db.write import writing
    from desktop.dialogs.meeting_editor import MeetingEditor
    from desktop.dialogs.visit_editor import VisitEditor
    with writing(ctx.db) as w:
        for (gid,) in ctx.db.execute("SELECT id FROM liaison_group WHERE deleted = 0").fetchall():
            w.delete("liaison_group", gid)
    editor = open_editor(qtbot, (MeetingEditor if kind == "meeting" else VisitEditor)(ctx, None))
    group = editor.form.rows["group_id"].editor
    assert group.count() == 0 and group.currentIndex() == -1
    assert "先在“联络组”页新建" in group.placeholderText()
    before = ctx.db.execute(f"SELECT count(*) FROM {kind}").fetchone()[0]
    from PySide6.QtWidgets import QDialogButtonBox
    qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert "不能为空" in editor.form.rows["group_id"].reason.text()
    assert ctx.db.execute(f"SELECT count(*) FROM {kind}").fetchone()[0] == before
    if __import__("os").environ.get("LIAISON_DESK_SCREENSHOTS"):
        editor.grab().save(f"screenshots/{kind}-new-without-groups.png")


def _save_button(editor):
    from PySide6.QtWidgets import QDialogButtonBox
    return editor.buttons.button(QDialogButtonBox.StandardButton.Save)


def test_a_founding_date_after_today_is_refused_at_its_field(ctx, qtbot):
    """成立日期 2027 typed for 2026 was saved: a group founded in a year to come. The office's today decides."""
    import datetime as dt

    from db.groups import load_group
    gid = ctx.db.execute("SELECT id FROM liaison_group WHERE deleted = 0 ORDER BY name LIMIT 1").fetchone()[0]
    before = load_group(ctx.db, gid).founded_on
    editor = open_editor(qtbot, GroupEditor(ctx, gid))
    tomorrow = (ctx.today() + dt.timedelta(days=1)).isoformat()
    row = editor.form.rows["founded_on"]
    row.editor.setText(tomorrow)
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(row.message), timeout=5000)
    assert f"成立日期”{tomorrow} 晚于今天（{ctx.today()}）" in row.message, row.message
    assert editor.isVisible() and not ctx.errors.shown and load_group(ctx.db, gid).founded_on == before
    editor.grab().save("/tmp/defects-3-founded.png") if __import__("os").environ.get("SHOTS") else None
    row.editor.setText(ctx.today().isoformat())          # today is fine
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    assert load_group(ctx.db, gid).founded_on == ctx.today().isoformat()


def test_a_held_meetings_start_moved_after_today_is_refused_at_its_field(ctx, qtbot):
    """A meeting recorded as held took place: its start moved to tomorrow is refused, naming the field; a planned
    meeting may of course be moved to any day to come."""
    import datetime as dt

    from db import meetings as mt
    from desktop.dialogs.meeting_editor import MeetingEditor
    held = mt.list_meetings(ctx.db, mt.MeetingFilter(states=("held", "draft")), limit=1)[0]
    editor = open_editor(qtbot, MeetingEditor(ctx, held.id, None))
    tomorrow = (ctx.today() + dt.timedelta(days=1)).isoformat()
    row = editor.form.rows["starts_at"]
    row.editor.setText(f"{tomorrow} 09:00")
    editor.form.rows["ends_at"].editor.setText(f"{tomorrow} 11:00")
    qtbot.mouseClick(_save_button(editor), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(row.message), timeout=5000)
    assert f"开始时间”{tomorrow} 晚于今天" in row.message and "已记为召开" in row.message, row.message
    assert mt.load_meeting(ctx.db, held.id).starts_at[:10] == held.starts_at[:10]
    planned = mt.list_meetings(ctx.db, mt.MeetingFilter(states=("planned",)), limit=1)[0].id
    mt.update_meeting(ctx.db, planned, starts_at=f"{tomorrow}T09:00")


def test_a_member_cannot_join_a_group_on_a_day_to_come(ctx):
    import datetime as dt

    from db.errors import ValidationError
    from db.groups import add_to_group
    gid, mid = ctx.db.execute("SELECT g.id, m.id FROM liaison_group g, member m WHERE g.deleted = 0 AND m.deleted = 0 "
                              "AND NOT EXISTS (SELECT 1 FROM membership s WHERE s.group_id = g.id AND "
                              "s.member_id = m.id) LIMIT 1").fetchone()
    with pytest.raises(ValidationError) as refused:
        add_to_group(ctx.db, gid, mid, joined_on=(ctx.today() + dt.timedelta(days=3)).isoformat())
    assert refused.value.field == "joined_on" and "加入日期" in str(refused.value)
    add_to_group(ctx.db, gid, mid, joined_on=ctx.today().isoformat())


def test_a_meeting_reopened_from_its_draft_shows_each_speechs_speaker(ctx, qtbot, monkeypatch):
    """A new meeting's draft, reopened after a crash: the speech was listed as 班兴海：… but 发言人 was empty, and
    once its summary was edited the speech had lost its speaker, and 保存 was refused until she was chosen again."""
    from PySide6.QtWidgets import QDialogButtonBox

    from db.meeting_form import meeting_values
    from desktop.dialogs.meeting_editor import MeetingEditor
    from desktop.main_window import MainWindow
    editor = MeetingEditor(ctx, None, None)
    editor.show()
    editor.draft_delay_ms = 0
    editor._draft_timer.setInterval(0)
    editor.form.rows["topic"].editor.setText("关于草稿的协商议事会")
    editor.form.rows["starts_at"].editor.setText(f"{ctx.today().isoformat()} 09:00")
    qtbot.mouseClick(editor.attendance.all_present, Qt.MouseButton.LeftButton)
    editor.select_tab(2)
    agenda = editor.agenda
    qtbot.mouseClick(agenda.item_buttons["add"], Qt.MouseButton.LeftButton)
    agenda.title.setText("草稿议题")
    qtbot.mouseClick(agenda.speech_buttons["add"], Qt.MouseButton.LeftButton)
    agenda.speaker.setCurrentIndex(1)
    speaker_id, speaker_name = agenda.speaker.currentData(), agenda.speaker.currentText()
    agenda.summary.setPlainText("发言摘要")
    qtbot.waitUntil(lambda: any(s["summary"] == "发言摘要" for i in (DraftStore(ctx.drafts_dir).all() or [None])
                                if i for it in i.values["agenda"] for s in it["speeches"]))
    editor.hide()                     # the program "crashed"
    editor.deleteLater()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Open)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.offer_drafts()
    restored = [e for e in window.findChildren(MeetingEditor) if e.isVisible()][0]
    restored.select_tab(2)
    assert restored.agenda.speech_list.item(0).text().startswith(f"{speaker_name}：")
    assert restored.agenda.speaker.currentText() == speaker_name
    restored.agenda.summary.setPlainText("发言摘要，补充一句")
    with qtbot.waitSignal(restored.saved, timeout=5000) as saved:
        qtbot.mouseClick(restored.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle)
    speech = meeting_values(ctx.db, saved.args[0])["agenda"][0]["speeches"][0]
    assert (speech["member_id"], speech["summary"]) == (speaker_id, "发言摘要，补充一句")
