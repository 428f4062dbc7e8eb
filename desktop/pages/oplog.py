"""操作日志: every change made at this office's computers — who, when, which record, which fields —
filtered by person, date and kind of record, and exported to Excel. The head's (设置 → 操作日志…)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import accounts, model
from desktop.dialogs.history import change_cells
from desktop.widgets.fields import DateEdit

SHOWN = 2000            # rows shown; the export holds every matching row



class OperationLogDialog(QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lang = "zh" if ctx.is_zh() else "en"
        self.setWindowTitle(QCoreApplication.translate("OperationLog", "Activity log"))
        self.resize(1000, 600)
        lay = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.person = QComboBox(self)
        self.kind = QComboBox(self)
        self.use_dates = QCheckBox(QCoreApplication.translate("OperationLog", "From"), self)
        # typed whole (2027-01-15, 2027/1/15) or picked: QDateEdit edited one section at a time and lost a typed year
        self.since, self.until = DateEdit(self), DateEdit(self)
        from db.history import operation_log
        newest = operation_log(ctx.db, limit=1)          # changes carry their real time (sync clocks)
        today = max(ctx.today(), newest[0].at.date()) if newest else ctx.today()
        for edit, day in ((self.since, today - dt.timedelta(days=30)), (self.until, today)):
            edit.setText(day.isoformat())
            edit.setMaximumWidth(130)
        self.to_label = QLabel(QCoreApplication.translate("OperationLog", "to"), self)
        for w in (QLabel(QCoreApplication.translate(
            "OperationLog", "Person"), self), self.person, QLabel(QCoreApplication.translate("OperationLog", "Kind of record"), self), self.kind,
                  self.use_dates, self.since, self.to_label, self.until):
            bar.addWidget(w)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate(
            "OperationLog", "When"),
            QCoreApplication.translate("OperationLog", "Who"),
            QCoreApplication.translate("OperationLog", "Office"),
            QCoreApplication.translate("OperationLog", "Action"),
            QCoreApplication.translate("OperationLog", "What"),
                                              QCoreApplication.translate("OperationLog", "Record")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        for col, width in enumerate((130, 90, 150, 60, 300)):
            self.table.setColumnWidth(col, width)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.count = QLabel(self)
        bottom.addWidget(self.count, 1)
        self.export_button = QPushButton(QCoreApplication.translate("OperationLog", "Export to Excel…"), self)
        self.export_button.clicked.connect(lambda: self.export())
        close = QPushButton(QCoreApplication.translate("OperationLog", "Close"), self)
        close.clicked.connect(self.accept)
        bottom.addWidget(self.export_button)
        bottom.addWidget(close)
        lay.addLayout(bottom)
        self._fill_choices()
        for signal in (self.person.currentIndexChanged, self.kind.currentIndexChanged):
            signal.connect(lambda _i: self.refresh())
        self.use_dates.toggled.connect(lambda _c: self.refresh())
        for edit in (self.since, self.until):           # the list follows once a whole date is typed
            edit.textChanged.connect(lambda _t, e=edit: self._day(e) is not None and self.refresh())
        self.refresh()

    def _fill_choices(self) -> None:
        from db.history import actors
        self.person.addItem(QCoreApplication.translate("OperationLog", "Everyone"), None)
        self.person.addItem(QCoreApplication.translate("OperationLog", "(no sign-in)"), "")
        for name in actors(self.ctx.db):
            self.person.addItem(name, name)
        self.kind.addItem(QCoreApplication.translate("OperationLog", "All kinds"), None)
        for t in model.TABLES.values():
            self.kind.addItem(t.label_en if self.lang == "en" else t.label_zh, t.name)

    def log_filter(self):
        from db.history import LogFilter

        dates = self.use_dates.isChecked()
        return LogFilter(actor=self.person.currentData(), table=self.kind.currentData(),
                         since=self._day(self.since) if dates else None,
                         until=self._day(self.until) if dates else None)

    @staticmethod
    def _day(edit: DateEdit) -> dt.date | None:
        """The date typed, or None while it is not a whole date yet (that end is then left open)."""
        try:
            return dt.date.fromisoformat(edit.text().strip())
        except ValueError:
            return None

    def refresh(self) -> None:
        from db.history import count_operations, operation_log, record_label
        accounts.require_head(self.ctx.db, "查看操作日志", "see the activity log")
        flt = self.log_filter()
        changes = operation_log(self.ctx.db, flt, limit=SHOWN)
        total = count_operations(self.ctx.db, flt)
        self.changes = changes
        self.table.setRowCount(len(changes))
        labels: dict[tuple[str, str], str] = {}
        for i, c in enumerate(changes):
            key = (c.table, c.row_id)
            if key not in labels:
                labels[key] = record_label(self.ctx.db, c.table, c.row_id)
            for j, text in enumerate([*change_cells(c, self.lang), labels[key]]):
                self.table.setItem(i, j, QTableWidgetItem(text))
        self.count.setText(QCoreApplication.translate(
            "OperationLog", "%1 changes").replace("%1", str(total)) if total <= SHOWN else
                           QCoreApplication.translate(
                               "OperationLog", "%1 changes; the newest %2 shown, the export holds all").replace(
                               "%1", str(total)).replace("%2", str(SHOWN)))

    def export(self) -> None:
        from db.history import operation_log, record_label
        from desktop.dialogs.last_folder import remember, start_path
        from desktop.reports.xlsx_export import write_table
        path, _ = QFileDialog.getSaveFileName(self, QCoreApplication.translate(
            "OperationLog", "Export to Excel"), start_path(self.ctx.settings, "excel", "操作日志.xlsx", self.ctx.data_dir),
                                              "Excel (*.xlsx)")
        if not path:
            return
        remember(self.ctx.settings, "excel", path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, ".xlsx")
        if path is None:
            return
        flt = self.log_filter()
        changes = operation_log(self.ctx.db, flt, limit=None)
        headers = [QCoreApplication.translate(
            "OperationLog", "When"),
            QCoreApplication.translate("OperationLog", "Who"),
            QCoreApplication.translate("OperationLog", "Office"),
            QCoreApplication.translate("OperationLog", "Action"),
            QCoreApplication.translate("OperationLog", "What"),
            QCoreApplication.translate("OperationLog", "Record")]
        rows = [[*change_cells(c, self.lang), record_label(self.ctx.db, c.table, c.row_id)] for c in changes]
        person_word = QCoreApplication.translate("OperationLog", "Person")
        kind_word = QCoreApplication.translate("OperationLog", "Kind of record")
        words = [person_word + ": " + self.person.currentText(), kind_word + ": " + self.kind.currentText()]
        if flt.since:
            words.append(f"{flt.since} – {flt.until}")
        try:
            write_table(path, QCoreApplication.translate(
                "OperationLog", "Activity log"), headers, rows, filter_text="; ".join(words))
        except OSError as exc:
            QMessageBox.warning(self, QCoreApplication.translate("OperationLog", "Export to Excel"),
                                QCoreApplication.translate(
                                    "OperationLog", "The file could not be written: %1").replace("%1", str(exc.strerror or exc)))
            return
        self.count.setText(QCoreApplication.translate(
            "OperationLog", "%1 changes written to %2").replace("%1", str(len(rows))).replace("%2", path))
