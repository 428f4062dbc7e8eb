"""Form fields as a clerk meets them: an error line appearing while typing does not move the fields
below; a paste longer than a one-line field can hold is refused with its length, nothing cut."""

from __future__ import annotations

import pytest
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
    assert "50000" in row.message and "32767" not in row.message and row.reason.isVisible()
    assert QApplication.clipboard().text() == "字" * 50_000      # still there to shorten
    QApplication.clipboard().setText("短")                         # a paste that fits goes in
    row.editor.end(False)
    qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row.editor.text() == "已有的文字短"
    e._may_close = True
    e.close()


def test_a_refused_paste_into_the_name_says_the_names_own_limit(ctx, qtbot, app):
    """Found walking: 50 000 characters pasted into 姓名 said 单行栏最多 32767 字 — Qt's limit, not the 60 a
    member's name may have (db.model)."""
    from db.model import TABLES
    from desktop.dialogs.member_editor import MemberEditor
    e = MemberEditor(ctx, None, None)
    e.show()
    row = e.form.rows["name"]
    assert TABLES["member"].field("name").limit == 60
    QApplication.clipboard().setText("字" * 50_000)
    row.editor.setFocus()
    qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row.editor.text() == ""
    assert row.message == "未粘贴：50000 字，“姓名”最多 60 字。请先删减（文字仍在剪贴板中）。"
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        qtbot.keyClick(row.editor, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert row.message == ("Nothing was pasted: 50000 characters, and Name holds at most 60. "
                               "Shorten it first (it is still on the clipboard).")
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
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
    assert row.message == "未粘贴：50000 字，“工作单位”最多 200 字。请先删减（文字仍在剪贴板中）。"
    assert QLabel.text(row.reason) == row.message                    # all of it, on as many lines as it takes
    assert row.reason.height() >= row.reason.heightForWidth(row.reason.width()) > row.reason.fontMetrics().height()
    e._may_close = True
    e.close()


@pytest.mark.parametrize("lang, says", [("zh_CN", "存在"), ("en", "exist")])
@pytest.mark.parametrize("width", [820, 700])
@pytest.mark.parametrize("editor_class, field, typed", [
    ("desktop.dialogs.member_editor.MemberEditor", "birth_date", "2026-02-30"),
    ("desktop.dialogs.meeting_editor.MeetingEditor", "starts_at", "2026-02-30 09:00"),
    ("desktop.dialogs.visit_editor.VisitEditor", "visit_date", "2026-02-30"),
])
def test_a_malformed_date_says_why_under_its_field_whole(app, demo_db_path, tmp_path, qtbot, lang, says, width,
                                                          editor_class, field, typed):
    """Found walking: under 出生日期 in the two-column member editor the reason read "委员的“出生日期”不是存在的日…",
    why (这一天不存在) only in a tooltip. Now it wraps onto further lines under its field, the form growing."""
    import importlib

    from tests.desktop.conftest import make_context
    app.translations.install(lang)
    QApplication.processEvents()
    ctx = make_context(demo_db_path, tmp_path / "settings.ini", lang=lang)
    module, name = editor_class.rsplit(".", 1)
    e = getattr(importlib.import_module(module), name)(ctx, None, None)
    try:
        e.resize(width, 680)
        e.show()
        qtbot.waitExposed(e)
        row = e.form.rows[field]
        row.editor.setFocus()
        line = row.editor.line if hasattr(row.editor, "line") else row.editor
        line.selectAll()
        qtbot.keyClicks(line, typed)
        QApplication.processEvents()
        reason = row.reason
        assert says in row.message and reason.isVisible()
        assert QLabel.text(reason) == row.message and "…" not in QLabel.text(reason)     # painted whole
        lines = reason.heightForWidth(reason.width()) // reason.fontMetrics().lineSpacing()
        assert reason.height() >= reason.heightForWidth(reason.width()), "its last lines are cut off"
        # nothing of the form is drawn over it: the field below starts under its last line
        bottom = reason.mapTo(e.form, reason.rect().bottomLeft()).y()
        below = [r.editor.mapTo(e.form, r.editor.rect().topLeft()).y() for r in e.form.rows.values()
                 if r.editor.isVisible() and r.editor.mapTo(e.form, r.editor.rect().topLeft()).y()
                 > row.editor.mapTo(e.form, row.editor.rect().topLeft()).y()]
        assert not below or bottom < min(below), (lines, bottom, min(below))
    finally:
        e._may_close = True
        e.close()
        ctx.close()
        app.translations.install("zh_CN")
        QApplication.processEvents()
