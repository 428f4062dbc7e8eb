"""The second click of a double click, on a button whose action is quicker than a double click."""

from __future__ import annotations

import time


class ClickGuard:
    """`accept()` is False for a click that comes within the double-click time of the one before. A person who
    double-clicks 写入同步包 or 标记为已召开 means one action: the first click's work was done before the second
    landed, which wrote every package again, or (the button under the mouse having changed) moved the meeting
    straight back."""

    def __init__(self) -> None:
        self._last: float | None = None

    def accept(self) -> bool:
        from PySide6.QtWidgets import QApplication
        now = time.monotonic()
        last, self._last = self._last, now
        return last is None or now - last >= QApplication.doubleClickInterval() / 1000
