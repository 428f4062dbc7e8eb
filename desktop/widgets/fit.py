"""Window sizes that fit the screen they open on: an office PC may have 1366×768, 1280×1024 or an old
1024×768 screen, and a window larger than it hides its own buttons (取消, 导出) past the edge."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FRAME = 40          # title bar and borders the window system adds around a top-level window


def available(widget: QWidget) -> QRect | None:
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else None


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """`widget.resize(width, height)`, smaller where the screen is smaller."""
    area = available(widget)
    if area is not None and area.width() > 0 and area.height() > 0:
        width, height = min(width, area.width() - 8), min(height, area.height() - FRAME)
    widget.resize(width, height)


def keep_on_screen(widget: QWidget) -> None:
    """After a restored geometry: no larger than the screen, and on it (the screen it was saved on may be
    gone, or smaller now)."""
    area = available(widget)
    if area is None or area.width() <= 0 or area.height() <= 0:
        return
    width, height = min(widget.width(), area.width() - 8), min(widget.height(), area.height() - FRAME)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(width, height)
    frame = widget.frameGeometry()
    x = min(max(frame.left(), area.left()), area.right() - frame.width() + 1)
    y = min(max(frame.top(), area.top()), area.bottom() - frame.height() + 1)
    if (x, y) != (frame.left(), frame.top()):
        widget.move(max(x, area.left()), max(y, area.top()))


def column_room(table) -> int:
    """The width a table's columns share, known as soon as the layout has sized the table (its viewport is
    sized later, when the table itself handles the resize): columns sized from it give way on a narrow
    screen without a sideways scroll bar."""
    bar = table.verticalScrollBar()
    return table.width() - 2 * table.frameWidth() - (bar.sizeHint().width() if bar.isVisible() else 0)
