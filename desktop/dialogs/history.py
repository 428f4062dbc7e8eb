"""历史: who changed which fields of a record, when, at which office (db.history; no values)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)


def change_cells(change, lang: str, *, record: bool = False) -> list[str]:
    """The cells of one change: time, person, office, action, what."""
    what = change.table_label(lang)
    if change.fields and change.action == "change":
        sep = ", " if lang.startswith("en") else "、"
        what += (": " if lang.startswith("en") else "：") + sep.join(change.field_labels(lang))
    who = change.actor or QCoreApplication.translate("History", "(no sign-in)")
    return [change.at.strftime("%Y-%m-%d %H:%M"), who, change.office_name or "—", change.action_label(lang), what]


class HistoryPanel(QWidget):
    """The changes of one record, newest first; read each time it is shown (and by `load`)."""

    def __init__(self, ctx, table: str, record_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.table_name, self.record_id = ctx, table, record_id
        self.loaded = False
        lay = QVBoxLayout(self)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.table = QTableWidget(0, 5, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)            # a name is never broken onto a line the row cannot show
        for col, width in enumerate((130, 90, 150, 60)):
            self.table.setColumnWidth(col, width)
        lay.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate(
            "History", "When"),
            QCoreApplication.translate("History", "Who"),
            QCoreApplication.translate("History", "Office"),
            QCoreApplication.translate("History", "Action"),
            QCoreApplication.translate("History", "What")])
        self.hint.setText(QCoreApplication.translate(
            "History", "Every change of this record and its parts: who made it, when and at which office. "
                              "Values are not kept here: the record shows the current ones."))
        if self.loaded:
            self.load()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.load()         # each time it is shown: steps taken in the editor since (it showed the first read only)

    def load(self) -> None:
        from db.history import record_history
        self.loaded = True
        lang = "zh" if self.ctx.is_zh() else "en"
        changes = record_history(self.ctx.db, self.table_name, self.record_id)
        self.changes = changes
        self.table.setRowCount(len(changes))
        for i, c in enumerate(changes):
            for j, text in enumerate(change_cells(c, lang)):
                self.table.setItem(i, j, QTableWidgetItem(text))
        for col in (1, 2):                       # who and at which office, whole (阿依古丽·买买提)
            self.table.resizeColumnToContents(col)


class HistoryDialog(QDialog):
    def __init__(self, ctx, table: str, record_id: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(QCoreApplication.translate("History", "History: %1").replace("%1", title))
        self.resize(760, 420)
        lay = QVBoxLayout(self)
        self.panel = HistoryPanel(ctx, table, record_id, self)
        lay.addWidget(self.panel, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        box.rejected.connect(self.reject)
        lay.addWidget(box)
