"""从Excel导入… on the 委员 page: choose a workbook, read and check it on a worker (progress, Cancel), show every
row's verdict (errors in red with the cell and the reason, a filter for errors only), and import only when the
user presses 导入 — in one transaction, the rows checked again as they are written."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.style import message_label
from desktop.widgets.fit import resize_within_screen

ERROR_COLOR = QColor("#b3261e")


class RosterImportDialog(QDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.path: str | None = None
        self.sheet = None
        self.preview = None
        self.result = None
        self.exported: str | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_within_screen(self, 1000, 620)
        lay = QVBoxLayout(self)
        top = QHBoxLayout()
        self.file_label = QLabel(self)
        self.file_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.file_label, 1)
        self.choose_button = QPushButton(self)
        self.choose_button.clicked.connect(lambda: self.choose_file())
        top.addWidget(self.choose_button)
        lay.addLayout(top)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setObjectName("sectionTitle")
        lay.addWidget(self.summary)
        self.notices = QLabel(self)
        self.notices.setWordWrap(True)
        self.notices.setObjectName("hint")
        lay.addWidget(self.notices)
        self.warnings = message_label(self)          # what the file holds that will not come in
        self.warnings.setVisible(False)
        lay.addWidget(self.warnings)
        self.errors_only = QCheckBox(self)
        self.errors_only.toggled.connect(lambda _on: self._fill())
        lay.addWidget(self.errors_only)
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        for i, w in ((0, 60), (1, 110), (2, 80)):
            self.table.setColumnWidth(i, w)
        lay.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        self.export_button = QPushButton(self)      # the roster in this layout: edit it in Excel, import it back
        self.export_button.clicked.connect(lambda: self.export_roster())
        bottom.addWidget(self.export_button)
        self.skip_errors = QCheckBox(self)
        self.skip_errors.toggled.connect(lambda _on: self._update_buttons())
        bottom.addWidget(self.skip_errors)
        bottom.addStretch(1)
        self.import_button = QPushButton(self)
        self.import_button.clicked.connect(lambda: self.import_rows())
        bottom.addWidget(self.import_button)
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        bottom.addWidget(self.close_button)
        lay.addLayout(bottom)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Import the roster from Excel"))
        self.choose_button.setText(self.tr("Choose file…"))
        self.errors_only.setText(self.tr("Show only rows with errors"))
        self.skip_errors.setText(self.tr("Skip the rows with errors and import the others"))
        self.import_button.setText(self.tr("Import"))
        self.export_button.setText(self.tr("Export the roster…"))
        self.export_button.setToolTip(self.tr("The serving members in this layout: change them in Excel and "
                                              "import the file back"))
        self.close_button.setText(self.tr("Close"))
        self.table.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Name"), self.tr("Result"),
                                              self.tr("Details")])
        if self.path is None:
            self.file_label.setText(self.tr("Choose the workbook (.xlsx) of the roster. Nothing is written "
                                            "until you press Import."))
        self._show_summary()
        self._fill()

    # -- reading ----------------------------------------------------------------------
    def choose_file(self) -> None:
        from desktop.dialogs.last_folder import remember, start_path
        path, _f = QFileDialog.getOpenFileName(self, self.tr("Roster workbook"), start_path(self.ctx.settings, "roster"),
                                               self.tr("Excel workbooks (*.xlsx);;All files (*)"))
        if path:
            remember(self.ctx.settings, "roster", path)
            self.read_file(path)

    def read_file(self, path: str) -> None:
        from desktop.ops import QueryOp
        self.path, self.sheet, self.preview, self.result = path, None, None, None
        self.file_label.setText(path)
        self.summary.setText(self.tr("Reading…"))
        self.notices.clear()
        self._fill()

        def work(db, progress):
            from db.roster_import import preview_roster
            from desktop.reports.roster_xlsx import read_roster
            step = (lambda done, total: progress.update(done, total)) if progress is not None else None
            sheet = read_roster(path, progress=step)
            return sheet, preview_roster(db, sheet, progress=step)

        QueryOp(self.ctx, parent=self, op=work, success=self._read).failure(self._failed) \
            .on_cancelled(self._cancelled).with_progress(self.tr("Checking the roster…")).run_in_background()

    def _read(self, result) -> None:
        self.sheet, self.preview = result
        self._show_summary()
        self._fill()

    def _failed(self, exc: BaseException) -> None:
        from db.errors import LiaisonError
        if not isinstance(exc, LiaisonError):
            self.ctx.errors.report(exc, parent=self)
            self.summary.clear()
        else:
            self.summary.setText(self.tr("Not imported: %1").replace("%1", exc.message(self.ctx.lang)))
        self.sheet = self.preview = None
        self._fill()

    def _cancelled(self) -> None:
        self.path = self.sheet = self.preview = None
        self.retranslate()

    # -- showing ----------------------------------------------------------------------
    def _show_summary(self) -> None:
        p = self.preview
        if self.result is not None:
            r = self.result
            if len(r.skipped) == 1:
                text = self.tr("Imported: %1 new, %2 updated, %3 unchanged, %4 row with errors skipped.")
            else:
                text = self.tr("Imported: %1 new, %2 updated, %3 unchanged, %4 rows with errors skipped.")
            self.summary.setText(text
                                 .replace("%1", str(r.added)).replace("%2", str(r.updated))
                                 .replace("%3", str(r.unchanged)).replace("%4", str(len(r.skipped))))
        elif p is not None:
            self.summary.setText(self.tr("Sheet %1, headings in row %2: %3 new, %4 to update, %5 unchanged, "
                                         "%6 with errors.")
                                 .replace("%1", p.sheet).replace("%2", str(p.header_line))
                                 .replace("%3", str(p.count("new"))).replace("%4", str(p.count("update")))
                                 .replace("%5", str(p.count("unchanged"))).replace("%6", str(p.count("error"))))
        zh = self.ctx.is_zh()
        self.notices.setText("\n".join(z if zh else e for z, e in p.notices) if p is not None else "")
        self.notices.setVisible(bool(self.notices.text()))
        self.warnings.setText("\n".join(z if zh else e for z, e in p.warnings) if p is not None and self.result is None
                              else "")
        self.warnings.setVisible(bool(self.warnings.text()))

    def verdict_text(self, verdict: str) -> str:
        return {"new": self.tr("New"), "update": self.tr("Update"), "unchanged": self.tr("Unchanged"),
                "error": self.tr("Error")}[verdict]

    def shown_rows(self) -> list:
        if self.preview is None:
            return []
        only = self.errors_only.isChecked()
        return [r for r in self.preview.rows if not only or r.verdict == "error"]

    def _fill(self) -> None:
        rows = self.shown_rows()
        zh = self.ctx.is_zh()
        red = QBrush(ERROR_COLOR)
        self.table.setUpdatesEnabled(False)
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            if row.verdict == "error":
                detail = "；".join(p.text("zh" if zh else "en") for p in row.problems)
            else:
                detail = ("；" if zh else "; ").join(z if zh else e for z, e in row.changes + row.notes)
            for j, text in enumerate((str(row.line), row.name, self.verdict_text(row.verdict), detail)):
                item = QTableWidgetItem(text)
                if row.verdict == "error":
                    item.setForeground(red)
                if j == 3:
                    item.setToolTip(detail)
                self.table.setItem(i, j, item)
        self.table.setUpdatesEnabled(True)
        self._update_buttons()

    def writable_rows(self) -> int:
        p = self.preview
        return 0 if p is None else p.count("new") + p.count("update")

    def _update_buttons(self) -> None:
        p = self.preview
        errors = p.count("error") if p is not None else 0
        self.skip_errors.setVisible(errors > 0)
        allowed = (p is not None and self.result is None and self.writable_rows() > 0
                   and (errors == 0 or self.skip_errors.isChecked()))
        self.import_button.setEnabled(allowed)
        if p is not None and errors and not self.skip_errors.isChecked():
            self.import_button.setToolTip(self.tr("%1 rows have errors: correct the file and choose it again, or "
                                                  "tick the box to import only the rows without errors")
                                          .replace("%1", str(errors)))
        elif p is not None and not self.writable_rows():
            self.import_button.setToolTip(self.tr("Nothing to import: every row is already in the roster"))
        else:
            self.import_button.setToolTip("")

    def export_roster(self) -> None:
        from desktop.dialogs.last_folder import remember, start_path
        from desktop.ops import QueryOp
        out, _f = QFileDialog.getSaveFileName(self, self.tr("Export the roster"),
                                              start_path(self.ctx.settings, "excel", self.tr("roster.xlsx")),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not out:
            return
        remember(self.ctx.settings, "excel", out)
        from desktop.widgets.confirm import with_suffix
        out = with_suffix(self, out, ".xlsx")
        if out is None:
            return

        def work(db):
            from desktop.reports.roster_xlsx import write_roster
            return write_roster(db, out)

        def done(result):
            path, count = result
            self.exported = str(path)
            QMessageBox.information(self, self.tr("Export the roster"),
                                    self.tr("%1 serving members written to %2").replace("%1", str(count))
                                    .replace("%2", str(path)))
        QueryOp(self.ctx, parent=self, op=work, success=done).run_in_background()

    # -- writing ----------------------------------------------------------------------
    def import_rows(self) -> None:
        if not self.import_button.isEnabled() or self.sheet is None:
            return
        from desktop.ops import CollectionOp
        sheet, skip = self.sheet, self.skip_errors.isChecked()
        self.import_button.setEnabled(False)

        def work(db):
            from db.roster_import import apply_roster
            return apply_roster(db, sheet, skip_errors=skip)
        CollectionOp(self.ctx, parent=self, op=work, success=self._imported).failure(self._failed) \
            .with_progress(self.tr("Importing…"), cancellable=False).run_in_background()

    def _imported(self, result) -> None:
        self.result = result
        self._show_summary()
        self._update_buttons()
        QMessageBox.information(self, self.tr("Import the roster from Excel"), self.summary.text())
