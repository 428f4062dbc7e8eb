"""A page's tool bar in two groups: side by side where there is room, the second under the first where
there is not (a 1024-pixel screen, a window made narrow), so that the page, and with it the window,
never needs to be wider than its widest group."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QWidget


class WrapBar(QWidget):
    """`left` (title, search, filters) and `right` (count and buttons) are the two groups' layouts."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 8):
        super().__init__(parent)
        self.box = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.box.setContentsMargins(0, 0, 0, 0)
        self.box.setSpacing(spacing)
        self.left = QHBoxLayout()
        self.left.setSpacing(spacing)
        self.right = QHBoxLayout()
        self.right.setSpacing(spacing)
        self.right.addStretch(1)                # under the first group, the buttons keep to the right
        self.box.addLayout(self.left, 1)
        self.box.addLayout(self.right)

    @property
    def wrapped(self) -> bool:
        return self.box.direction() == QBoxLayout.Direction.TopToBottom

    def _one_row_width(self) -> int:
        return self.left.minimumSize().width() + self.box.spacing() + self.right.minimumSize().width()

    def minimumSizeHint(self) -> QSize:
        width = max(self.left.minimumSize().width(), self.right.minimumSize().width())
        return QSize(width, self.box.minimumSize().height())

    def resizeEvent(self, event) -> None:
        self._fit(event.size().width())
        super().resizeEvent(event)

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:       # texts changed (another language, a count)
            self._fit(self.width())
        return super().event(event)

    def _fit(self, width: int) -> None:
        direction = (QBoxLayout.Direction.LeftToRight if width >= self._one_row_width()
                     else QBoxLayout.Direction.TopToBottom)
        if self.box.direction() != direction:
            self.box.setDirection(direction)
            self.updateGeometry()
