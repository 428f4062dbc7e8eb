"""Form fields as a clerk meets them: an error line appearing while typing does not move the fields
below; a paste longer than a one-line field can hold is refused with its length, nothing cut."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel


def test_an_error_line_appearing_while_typing_does_not_push_the_next_field_down(ctx, qtbot):
    from desktop.dialogs.member_editor import MemberEditor
    e = MemberEditor(ctx, None, None)
    e.show()
    rows = e.form.rows
    qtbot.waitExposed(e)

    def top(r):
        return r.editor.mapTo(e, r.editor.rect().topLeft()).y()
    first = rows["name"]
    second = min((r for r in rows.values() if top(r) > top(first)), key=top)      # the field below it
    y = top(second)
    first.editor.setText("")               # the name is required: its reason appears
    first.validate()
    QApplication.processEvents()
    assert first.reason.isVisible() and first.message
    assert top(second) == y
    e._may_close = True
    e.close()


def test_pasting_50000_characters_into_a_one_line_field_says_so_and_cuts_nothing(ctx, qtbot):
    from desktop.dialogs.member_editor import MemberEditor
    e = MemberEditor(ctx, None, None)
    e.show()
    row = next(r for r in e.form.rows.values() if type(r.editor).__name__ == "LineEdit")
    row.editor.setText("已有的文字")
    QApplication.clipboard().setText("字" * 50_000)
    row.editor.setFocus()
    qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row.editor.text() == "已有的文字"
    assert "50000" in row.message and "32767" in row.message and row.reason.isVisible()
    assert QApplication.clipboard().text() == "字" * 50_000      # still there to shorten
    QApplication.clipboard().setText("短")                         # a paste that fits goes in
    row.editor.end(False)
    qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row.editor.text() == "已有的文字短"
    e._may_close = True
    e.close()


def test_a_refused_paste_says_first_that_nothing_was_pasted_where_the_line_is_cut(ctx, qtbot):
    """Under 工作单位 (half the width of the member editor at 1366×768) the refusal read 粘贴的文字有 50000 字，单行栏最多
    容纳 327…: that nothing was pasted was cut off."""
    from desktop.dialogs.member_editor import MemberEditor
    e = MemberEditor(ctx, None, None)
    e.resize(820, 640)
    e.show()
    row = e.form.rows["work_unit"]
    QApplication.clipboard().setText("字" * 50_000)
    row.editor.setFocus()
    qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    QApplication.processEvents()
    shown = QLabel.text(row.reason)                 # what the line shows, cut with … where it must be
    assert shown != row.message and shown.endswith("…")
    assert shown.startswith("未粘贴：50000 字")
    assert row.message == "未粘贴：50000 字，单行栏最多 32767 字。请先删减（文字仍在剪贴板中）。"
    e._may_close = True
    e.close()
