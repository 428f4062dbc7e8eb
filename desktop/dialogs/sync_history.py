"""The sync history tab: every package written and every import attempt — when, for or from whom,
what it carried, how big, and why it was refused."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, QRegularExpression
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.dialogs.sync_widgets import SmallTable
from desktop.models.sync import HistoryModel, direction_text, result_text


class HistoryPanel(QWidget):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.show_label = QLabel(self)
        self.filter = QComboBox(self)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.show_label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        lay.addLayout(bar)
        self.model = HistoryModel(self)
        self.table = SmallTable(self.model, self)
        lay.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.show_label.setText(self.tr("Show"))
        current = max(self.filter.currentIndex(), 0)
        self.filter.blockSignals(True)
        self.filter.clear()
        for text, key in ((self.tr("Everything"), ""), (self.tr("Sent"), "out"), (self.tr("Received"), "in"),
                          (self.tr("Refused"), "refused")):
            self.filter.addItem(text, key)
        self.filter.setCurrentIndex(current)
        self.filter.blockSignals(False)
        self.model.retranslate()
        self._apply_filter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        from db.sync.views import sync_history
        from desktop.ops import QueryOp
        QueryOp(self.ctx, parent=self, op=sync_history, success=self.set_entries).run_in_background()

    def set_entries(self, entries) -> None:
        self.model.set_rows(entries)
        # sizes are recorded only by versions that write them: no empty column meanwhile
        self.table.setColumnHidden(_column(self.model, "size"), not any(e.size for e in entries))
        self._apply_filter()

    def _apply_filter(self) -> None:
        key = self.filter.currentData() or ""
        proxy = self.table.proxy
        if key in ("out", "in"):
            proxy.setFilterKeyColumn(_column(self.model, "direction"))
            text = direction_text(key)
        elif key == "refused":
            proxy.setFilterKeyColumn(_column(self.model, "result"))
            text = result_text("refused")
        else:
            proxy.setFilterKeyColumn(-1)
            text = ""
        proxy.setFilterRegularExpression(QRegularExpression(f"^{re.escape(text)}$") if text else QRegularExpression())
        shown, total = proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("%1 entries").replace("%1", str(shown)) if shown == total else
                                 self.tr("%1 of %2 entries").replace("%1", str(shown)).replace("%2", str(total)))


def _column(model, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)
