"""The second click of a double click, on buttons whose action is quicker than a double click."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject


class DoubleClickEater(QObject):
    """Installed on a group of buttons (`guard(...)`), it drops the second press of a double click on any of
    them. A person who double-clicks 写入同步包 or 标记为已召开 means one action: the first click's work was done
    before the second landed, which wrote every package again, or (the button under the mouse having changed
    after the first click) moved the meeting straight back. The presses' own timestamps decide, so separate
    clicks, however quick their handling, and `click()` are clicks."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._last_press: int | None = None

    def eventFilter(self, _obj, event) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.MouseButtonDblClick:
            return True                 # (a button takes it as one more press)
        if kind != QEvent.Type.MouseButtonPress:
            return False
        from PySide6.QtWidgets import QApplication
        at, last = event.timestamp(), self._last_press
        self._last_press = at
        return last is not None and 0 <= at - last < QApplication.doubleClickInterval()


def guard(*buttons) -> DoubleClickEater:
    """Let none of `buttons` take the second press of a double click (on it or another of them) as a click."""
    eater = DoubleClickEater(buttons[0])        # owned by the first button: lives as long as the group
    for button in buttons:
        button.installEventFilter(eater)
    return eater
