"""The progress dialog of long work (desktop.ops `.with_progress()`): appears after a moment, has Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget


class ProgressDialog(QProgressDialog):
    """Window-modal progress for one op; Cancel sets the op's cancel flag (the op stops at its
    next `progress.update()`). Shown only if the work lasts longer than `delay_ms`."""

    def __init__(self, parent: QWidget | None, label: str, progress, *, cancellable: bool = True,
                 delay_ms: int = 400):
        super().__init__(label, self.tr("Cancel") if cancellable else "", 0, 0, parent)
        self.progress = progress
        self.setWindowTitle(self.tr("Please wait"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(delay_ms)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(360)
        if not cancellable:
            self.setCancelButton(None)
        self.canceled.connect(self._on_cancel)
        self.setValue(0)

    def on_progress(self, done: int, total: int, label) -> None:
        if total > 0:
            self.setMaximum(total)
            self.setValue(min(done, total))
        if label:
            self.setLabelText(label)

    def _on_cancel(self) -> None:
        self.progress.cancel()
        self.setLabelText(self.tr("Cancelling…"))

    def finish(self) -> None:
        self.canceled.disconnect(self._on_cancel)
        self.reset()
        self.close()
        self.deleteLater()
