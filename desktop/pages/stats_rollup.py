"""统计 › 汇总: the year's figures one level down (the city: its districts; a district: its townships; a
township: its groups), or every township at once; double-click drills down."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import stats
from desktop.models.paged import SORT_VALUE_ROLE
from desktop.pages.stats_table import StatsTableModel
from desktop.widgets.fit import column_room

# (attribute, title, numeric)
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("RollupModel", "Name"), False),
    ("parent", QT_TRANSLATE_NOOP("RollupModel", "Part of"), False),
    ("visits", QT_TRANSLATE_NOOP("RollupModel", "Visits"), True),
    ("people", QT_TRANSLATE_NOOP("RollupModel", "People reached"), True),
    ("meetings", QT_TRANSLATE_NOOP("RollupModel", "Meetings"), True),
    ("reports", QT_TRANSLATE_NOOP("RollupModel", "Reports"), True),
    ("adopted", QT_TRANSLATE_NOOP("RollupModel", "Adopted"), True),
    ("due", QT_TRANSLATE_NOOP("RollupModel", "Follow-ups due"), True),
    ("closed", QT_TRANSLATE_NOOP("RollupModel", "Closed"), True),
    ("closure_rate", QT_TRANSLATE_NOOP("RollupModel", "Closure rate"), True),
    ("overdue", QT_TRANSLATE_NOOP("RollupModel", "Overdue"), True),
)


class RollupModel(StatsTableModel):
    columns = COLUMNS

    def row_id(self, row) -> Any:
        return row.key

    def text(self, key: str, value: Any, numeric: bool) -> str:
        if key == "closure_rate":
            return "" if value is None else f"{value:.0%}"
        return super().text(key, value, numeric)


class RollupTab(QWidget):
    """`drill(row)` when a row is double-clicked (the page narrows its scope to it)."""

    drill = Signal(object)

    def __init__(self, page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.loading = False
        self._request = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.every = QCheckBox(self)
        self.every.toggled.connect(lambda _on: self.page.reload_tab(self))
        bar.addWidget(self.every)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        bar.addWidget(self.hint, 1)
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.clicked.connect(lambda: self.export())
        bar.addWidget(self.xlsx_button)
        outer.addLayout(bar)
        self.model = RollupModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_VALUE_ROLE)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setColumnWidth(0, 210)
        self.table.setColumnWidth(1, 150)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._on_double_click)
        outer.addWidget(self.table, 1)
        self.totals = QLabel(self)
        outer.addWidget(self.totals)
        self.retranslate()

    def retranslate(self) -> None:
        self.every.setText(self.tr("Every township"))
        self._set_hint()
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.model.retranslate()
        fm = self.table.horizontalHeader().fontMetrics()
        for i in range(2, len(COLUMNS)):
            title = QCoreApplication.translate("RollupModel", COLUMNS[i][1])
            self.table.setColumnWidth(i, max(64, fm.horizontalAdvance(title) + 22))
        self._size_parent_column()
        self._update_totals()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_parent_column()

    def _size_parent_column(self) -> None:
        """所属 keeps 150 pixels on a wide screen and gives way on a narrow one: on a 1024-pixel screen the
        names were cut to two characters (“新华…”) beside a wide column of the same parent office."""
        inner = column_room(self.table)
        spare = inner - sum(self.table.columnWidth(i) for i in range(2, len(COLUMNS)))
        self.table.setColumnWidth(1, max(80, min(150, spare * 2 // 5)))

    def load(self, scope: stats.Scope) -> None:
        from desktop.ops import QueryOp
        self._request += 1
        request = self._request
        self.loading = True
        self.totals.setText(self.tr("Counting…"))
        every = self.every.isChecked() and self.every.isEnabled()

        def get(db):
            return stats.every_township(db, scope) if every else stats.rollup(db, scope)

        def shown(rows) -> None:
            if request == self._request:
                self.loading = False
                self.model.set_rows(rows)
                self._update_totals()
        QueryOp(self.ctx, parent=self, op=get, success=shown).run_in_background()

    def set_level(self, level: str | None, group: bool) -> None:
        """Every township makes sense above a township only; a group has no level below."""
        self.every.setEnabled(level in ("city", "district") and not group)
        self._at_group = group
        self.xlsx_button.setEnabled(not group)      # nothing below a group to write
        self._set_hint()
        self._update_totals()

    def _set_hint(self) -> None:
        self.hint.setText(self.tr("A liaison group has no level below: its figures are on the Charts tab; Up goes "
                                  "back.") if getattr(self, "_at_group", False) else
                          self.tr("Double-click a row to see its figures and the level below it."))

    def _update_totals(self) -> None:
        if getattr(self, "_at_group", False):
            # no rows below a group: "visits 0" here beside the group's figures on the charts was false
            self.totals.clear()
            return
        rows = self.model.rows
        self.totals.setText(self.tr("%1 rows; visits %2, reports %3, follow-ups overdue %4")
                            .replace("%1", str(len(rows))).replace("%2", f"{sum(r.visits for r in rows):,}")
                            .replace("%3", f"{sum(r.reports for r in rows):,}")
                            .replace("%4", f"{sum(r.overdue for r in rows):,}"))

    def _on_double_click(self, index) -> None:
        source = self.proxy.mapToSource(index)
        if source.isValid():
            self.drill.emit(self.model.rows[source.row()])

    def shown_rows(self) -> list[list]:
        """The table as shown (its sort), for the workbook."""
        out = []
        for r in range(self.proxy.rowCount()):
            row = self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
            out.append([getattr(row, key) for key, _t, _n in COLUMNS])
        return out

    def export(self) -> None:
        from desktop.dialogs.last_folder import remember, start_path
        from desktop.ops import QueryOp
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"),
                                              start_path(self.ctx.settings, "excel", self.tr("roll-up") + ".xlsx",
                                                         self.ctx.data_dir),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        remember(self.ctx.settings, "excel", path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, ".xlsx")
        if path is None:
            return
        headers = [QCoreApplication.translate("RollupModel", t) for _k, t, _n in COLUMNS]
        rows = self.shown_rows()
        title = self.page.scope_words()

        def write(_db):
            from desktop.reports.xlsx_export import write_table
            return write_table(path, title, headers, rows, percent_columns=[9])

        def done(out) -> None:
            self.exported = out
            from desktop.widgets.saved_note import show_saved
            show_saved(self.totals, self.tr("Saved %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).run_in_background()
