"""Each page's own buttons, pressed as a clerk presses them, with what each press must do."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from desktop.dialogs.editor import RecordEditor
from desktop.pages.base import ListPage


def settle(ctx, qtbot) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


def open_editors() -> list[RecordEditor]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, RecordEditor) and w.isVisible()]


def close_all(editors) -> None:
    for e in editors:
        e._may_close = True
        e.close()
    QApplication.processEvents()


@pytest.mark.parametrize("how", ["button", "ctrl+n"])
def test_new_on_every_list_page_opens_an_empty_editor(window, module_ctx, qtbot, how):
    opened = 0
    for entry in window.entries:
        page = window.show_page(entry.key)
        settle(module_ctx, qtbot)
        if not isinstance(page, ListPage) or not page.new_button.isEnabled():
            continue
        if how == "button":
            qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        else:
            window.act_new.trigger()
        settle(module_ctx, qtbot)
        editors = open_editors()
        assert len(editors) == 1, entry.key
        assert editors[0].record_id is None, entry.key
        close_all(editors)
        opened += 1
    assert opened >= 5
    assert not module_ctx.errors.shown


def test_retire_then_reinstate_a_member_by_pressing_its_button(window, module_ctx, qtbot, monkeypatch):
    from db.members import load_member
    page = window.show_page("members")
    settle(module_ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.member is not None)
    member = page.detail.member
    if member.status == "retired":
        pytest.skip("the first member is already retired")
    assert page.detail.retire_button.text() == "离任…" and "不再属于任何联络组" in page.detail.retire_button.toolTip()
    qtbot.mouseClick(page.detail.retire_button, Qt.MouseButton.LeftButton)
    dialog = page.retire_dialog                  # the day the member left: today unless changed
    qtbot.waitUntil(dialog.isVisible)
    assert member.name in dialog.text.text() and dialog.on.text() == module_ctx.today().isoformat()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    settle(module_ctx, qtbot)
    assert load_member(module_ctx.db, member.id).status == "retired"
    # the serving list no longer shows the member: the clerk chooses 已离任 and finds them there
    page.status_filter.setCurrentIndex(page.status_filter.findData("retired"))
    settle(module_ctx, qtbot)
    page.table.select_id(member.id)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == member.id)
    assert page.detail.member.status == "retired"
    assert page.detail.retire_button.text() == "恢复在任"
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[1:3]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.detail.retire_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0][0] == "恢复在任" and member.name in asked[0][1]
    settle(module_ctx, qtbot)
    assert load_member(module_ctx.db, member.id).status == "active"
    page.status_filter.setCurrentIndex(page.status_filter.findData("active"))


def test_back_up_now_writes_a_backup_and_says_where(window, module_ctx, qtbot):
    page = window.show_page("settings")
    settle(module_ctx, qtbot)
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    settle(module_ctx, qtbot)
    qtbot.waitUntil(lambda: page.backup_now.isEnabled())
    text = page.backup_status.text()
    path = Path(text.split(" ", 1)[-1]) if " " in text else None
    assert text.startswith("已备份到") and path is not None and path.is_file(), text


def test_after_a_reply_the_step_back_says_the_reply_was_not_enough(ctx, qtbot):
    from db import followups as fu
    from desktop.dialogs.followup_editor import FollowUpEditor
    fid = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=("replied",)), limit=1)
    if not fid:
        in_progress = fu.list_follow_ups(ctx.db, fu.FollowUpFilter(states=("in_progress",)), limit=1)[0].id
        fu.move_follow_up(ctx.db, in_progress, "replied", reply="已答复")
        fid = in_progress
    else:
        fid = fid[0].id
    e = FollowUpEditor(ctx, fid, None)
    e.show()
    button = e.panel.buttons["in_progress"]
    assert not button.isHidden() and button.text() == "退回继续办理（答复不到位）"
    assert e.panel.buttons["evaluated"].text() == "记录满意度评价"
    e._may_close = True
    e.close()


def test_a_saved_copy_of_an_attachment_says_where_and_opens_its_folder(ctx, qtbot, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QFileDialog

    from db import visits as vi
    from desktop.dialogs.visit_editor import VisitEditor
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 sign-in sheet")
    e = VisitEditor(ctx, vi.list_visits(ctx.db, limit=1)[0].id, None)
    e.show()
    panel = e.attachments
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    settle(ctx, qtbot)
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1)
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "签到表.pdf")
    panel.table.selectRow(row)
    target = tmp_path / "U盘" / "签到表-副本.pdf"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert target.read_bytes() == scan.read_bytes()
    box = panel.saved_note
    assert box.isVisible() and box.text() == f"已保存到 {target}"
    folder = next(b for b in box.buttons() if b.text() == "打开所在文件夹")
    qtbot.mouseClick(folder, Qt.MouseButton.LeftButton)
    assert opened == [str(target.parent)]
    e._may_close = True
    e.close()


def test_a_new_record_opens_with_the_keyboard_in_its_first_field(window, module_ctx, qtbot):
    """Found walking a clerk's day keyboard-only: Ctrl+N on 会议 opened the new meeting with 保存 focused (its
    fields sit in tabs, after the dialog's buttons in the focus chain): the topic typed went nowhere, and Enter
    pressed 保存 on an empty form. Every new record now opens in its first field, as the visit editor did; in
    the meeting, Tab Tab from there is the topic."""
    from PySide6.QtGui import QInputMethodEvent
    checked = []
    for entry in window.entries:
        page = window.show_page(entry.key)
        settle(module_ctx, qtbot)
        if not isinstance(page, ListPage) or not page.new_button.isEnabled():
            continue
        window.act_new.trigger()
        settle(module_ctx, qtbot)
        (editor,) = open_editors()
        editor.activateWindow()
        qtbot.waitUntil(lambda e=editor: e.focusWidget() is not None)
        first = next(iter(editor.form.rows.values())).editor
        focused = editor.focusWidget()
        assert focused is first or first.isAncestorOf(focused), (entry.key, focused)
        if entry.key == "meetings":
            for _ in range(2):
                qtbot.keyClick(editor.focusWidget(), Qt.Key.Key_Tab)
            typed = QInputMethodEvent()
            typed.setCommitString("关于停车难的协商议事会")
            QApplication.sendEvent(editor.focusWidget(), typed)
            assert editor.form.rows["topic"].value() == "关于停车难的协商议事会"
        checked.append(entry.key)
        close_all([editor])
    assert "meetings" in checked and len(checked) >= 5
