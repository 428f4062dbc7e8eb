"""A label that cuts its text with … rather than at its edge, whole in its tooltip."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


class ElidedLabel(QLabel):
    """Text on one line, cut with "…" (at `mode`) where the label is narrower than it, whole in its tooltip."""

    def __init__(self, parent: QWidget | None = None, mode: Qt.TextElideMode = Qt.TextElideMode.ElideRight):
        super().__init__(parent)
        self._full, self._mode = "", mode
        self.setMinimumWidth(40)            # it may be narrower than its text: that is what the … is for

    def setText(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._full = text or ""
        self.setToolTip(self._full)
        self.updateGeometry()
        self._elide()

    def text(self) -> str:
        return self._full

    def sizeHint(self):  # noqa: N802 - Qt's name
        """The whole text's width (QLabel's own hint is of the text as cut, which then never grew back)."""
        hint = super().sizeHint()
        hint.setWidth(self.fontMetrics().horizontalAdvance(self._full) + self.contentsMargins().left()
                      + self.contentsMargins().right() + 2)
        return hint

    def minimumSizeHint(self):  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        hint.setWidth(self.minimumWidth())
        return hint

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        width = self.width()
        shown = self._full if width <= 0 or self.fontMetrics().horizontalAdvance(self._full) <= width else \
            self.fontMetrics().elidedText(self._full, self._mode, width)
        QLabel.setText(self, shown)
