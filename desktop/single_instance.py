"""A second start of the application on the same data file brings the first window forward and ends
(desktop.instance carries the message); the window side, in Qt."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QApplication, QWidget

from desktop.instance import RAISE, WindowListener, ask_window


def bring_forward(window: QWidget | None) -> None:
    """Show `window` (restored if minimised) above the others, and any dialog open over it on top."""
    for widget in (window, QApplication.activeModalWidget()):
        if widget is None:
            continue
        if widget.isMinimized():
            widget.setWindowState((widget.windowState() & ~Qt.WindowState.WindowMinimized)
                                  | Qt.WindowState.WindowActive)
        widget.show()
        widget.raise_()
        widget.activateWindow()
        QApplication.alert(widget)


def _say(text: str) -> None:
    if sys.stdout is not None:           # a Windows build without a console has no stdout
        print(text, flush=True)


class OneWindow(QObject):
    """One window per data file: `handed_over()` at start, `window` once it is built, `close()` at the end."""

    raised = Signal()                    # a later start asked, and the window came forward
    _heard = Signal(str)                 # from the listener's thread, queued to this object's

    def __init__(self, db_path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.window: QWidget | None = None
        self._listeners: list[WindowListener] = []
        self._heard.connect(self._on_heard)

    def handed_over(self) -> bool:
        """True when another window has this data file open: it was asked to come forward, and this
        start should end. Otherwise this start listens for the later ones."""
        answer = ask_window(self.db_path, RAISE)
        if answer is None:
            if self.listen(self.db_path):
                return False
            answer = ask_window(self.db_path, RAISE)        # another start got there first
            if answer is None:
                return False                                # cannot tell: start anyway, never refuse
        if answer == "busy":
            _say(f"委员联络组工作台已在运行并打开了此数据文件，但暂无响应，请稍候或关闭后再打开：{self.db_path}\n"
                 f"Liaison Desk is already open on this data file but not answering; wait, or close it "
                 f"and start again: {self.db_path}")
        else:
            _say(f"委员联络组工作台已打开此数据文件，已切换到已打开的窗口：{self.db_path}\n"
                 f"Liaison Desk is already open on this data file; its window was brought forward: {self.db_path}")
        return True

    def listen(self, db_path: Path) -> bool:
        """Listen for later starts on `db_path` too (after the first-run dialog chose another file)."""
        if any(x.db_path == Path(db_path) for x in self._listeners):
            return True
        listener = WindowListener(db_path, self._heard.emit)
        if not listener.start():
            return False
        self._listeners.append(listener)
        return True

    @Slot(str)
    def _on_heard(self, _message: str) -> None:
        bring_forward(self.window)
        self.raised.emit()

    def close(self) -> None:
        for listener in self._listeners:
            listener.close()
        self._listeners.clear()
