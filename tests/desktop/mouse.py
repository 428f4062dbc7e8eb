"""A double click as the window system delivers it: press, release, press (with a double-click event) and
release, the second press within the double-click time of the first. (QTest's clicks are spaced past that
time, and its mouseDClick sends the double-click event alone, so neither is a person's double click.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

_clock = [10_000_000]


def _send(widget: QWidget, kind: QEvent.Type, pos: QPoint, at: int, buttons) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), Qt.MouseButton.LeftButton, buttons,
                        Qt.KeyboardModifier.NoModifier)
    event.setTimestamp(at)
    QApplication.sendEvent(widget, event)


def double_click(first: QWidget, second=None, pos: QPoint | None = None, second_pos=None, *,
                 between=None) -> None:
    """A person's double click: on `first`, then (the layout may have changed: `between()` runs after the first
    click) on `second` — a widget, or a function giving the widget under the mouse then — or on `first` again."""
    pos = pos or first.rect().center()
    _clock[0] += 10_000
    t = _clock[0]
    down, up = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(first, QEvent.Type.MouseButtonPress, pos, t, down)
    _send(first, QEvent.Type.MouseButtonRelease, pos, t + 60, up)
    if between is not None:
        between()
    target = second() if callable(second) else (second or first)
    where = second_pos() if callable(second_pos) else (second_pos or pos)
    _send(target, QEvent.Type.MouseButtonPress, where, t + 150, down)
    _send(target, QEvent.Type.MouseButtonDblClick, where, t + 150, down)
    _send(target, QEvent.Type.MouseButtonRelease, where, t + 210, up)
