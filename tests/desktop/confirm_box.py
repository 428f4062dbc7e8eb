"""The real confirmation box (desktop.widgets.confirm), run in its real modal loop: `on_the_box(act)` before the press
that asks; `act(box)` runs inside the loop and must press one of its buttons or a key; what the box showed is kept."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox


def real_box(monkeypatch) -> None:
    """Undo tests/desktop/conftest.py's answer for this test: the box is shown and run."""
    from desktop.widgets import confirm as confirm_module
    monkeypatch.setattr(confirm_module.ConfirmBox, "ask", staticmethod(confirm_module.run_box))


def on_the_box(act) -> dict:
    seen: dict = {}

    def look(tries: int = 50) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(0, lambda: look(tries - 1))
            return
        seen.update(buttons=sorted(b.text() for b in box.buttons()), default=box.defaultButton().text(),
                    escape=box.escapeButton().text(), title=box.windowTitle(), text=box.text())
        act(box)
    QTimer.singleShot(0, look)
    return seen


def button(box: QMessageBox, text: str):
    return next(b for b in box.buttons() if b.text() == text)
