"""Questions before an irreversible step (desktop.widgets.confirm) name the step on their button, in both languages,
with the safe button the default: an Enter or Esc pressed out of habit does nothing. Pressed in the real box."""

from __future__ import annotations

import os

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from tests.desktop.confirm_box import button, on_the_box, real_box


def settle(ctx, qtbot) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


@pytest.mark.parametrize("lang, delete, cancel", [("zh_CN", "删除", "取消"), ("en", "Delete", "Cancel")])
def test_del_on_a_visit_asks_delete_or_cancel_and_only_delete_deletes(window, module_ctx, qtbot, monkeypatch,
                                                                       lang, delete, cancel):
    """Del on a record asked 是(Y)/否(N)."""
    translations = QApplication.instance().translations
    translations.install(lang)
    QApplication.processEvents()
    try:
        real_box(monkeypatch)
        page = window.show_page("visits")
        settle(module_ctx, qtbot)
        qtbot.waitUntil(lambda: page.current_id() is not None)
        vid = page.current_id()

        def deleted() -> bool:
            return bool(module_ctx.db.execute("SELECT deleted FROM visit WHERE id = ?", [vid]).fetchone()[0])

        def enter(box):
            if os.environ.get("SHOTS"):
                box.grab().save(os.environ["SHOTS"] + f"-confirm-delete-{lang}.png")
            QTest.keyClick(box, Qt.Key.Key_Return)
        for act in (enter, lambda box: QTest.keyClick(box, Qt.Key.Key_Escape),
                    lambda box: qtbot.mouseClick(button(box, cancel), Qt.MouseButton.LeftButton)):
            seen = on_the_box(act)
            window.act_delete.trigger()
            settle(module_ctx, qtbot)
            assert seen["buttons"] == sorted([delete, cancel]), seen
            assert seen["default"] == cancel and seen["escape"] == cancel, seen
            assert not deleted()
        seen = on_the_box(lambda box: qtbot.mouseClick(button(box, delete), Qt.MouseButton.LeftButton))
        window.act_delete.trigger()
        settle(module_ctx, qtbot)
        assert seen["buttons"] and deleted()
    finally:
        translations.install("zh_CN")
        QApplication.processEvents()
