"""统计: duty records (委员履职档案) — per member and year, derived from meetings, visits, reports, follow-ups."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from desktop.models.duty import COLUMNS, DutyModel
from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE
from desktop.pages.base import Page, SearchBox


class StatsPage(Page):
    watched_tables = frozenset({"meeting", "attendance", "speech", "visit", "visit_member", "opinion_report",
                                "follow_up", "member", "membership"})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self._request = 0
        self.loading = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(8)
        bar = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        bar.addWidget(self.title)
        bar.addSpacing(12)
        self.year_label = QLabel(self)
        self.year = QComboBox(self)
        self.group = QComboBox(self)
        self.group.setMinimumWidth(170)
        self.search = SearchBox(self)
        for w in (self.year_label, self.year, self.group, self.search):
            bar.addWidget(w)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(self.export)
        bar.addWidget(self.export_button)
        outer.addLayout(bar)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        outer.addWidget(self.hint)
        self.model = DutyModel(ctx, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_VALUE_ROLE)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.table = QTableView(self)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        for i, (_k, _t, width, _n) in enumerate(COLUMNS):
            self.table.setColumnWidth(i, width)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        state = ctx.settings.value("lists/stats/header")
        if state is not None:
            self.table.horizontalHeader().restoreState(state)
        self.table.doubleClicked.connect(self._on_open)
        outer.addWidget(self.table, 1)
        self.totals = QLabel(self)
        self.totals.setWordWrap(True)
        outer.addWidget(self.totals)
        self.search.textChanged.connect(self._on_search)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self.retranslate()
        self.refresh()

    def _fill_choices(self) -> None:
        from db.duty import duty_years
        from db.groups import group_choices
        year = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        years = duty_years(self.ctx.db) or [self.ctx.today().year]
        for y in years:
            self.year.addItem(str(y), y)
        self.year.setCurrentIndex(max(0, self.year.findData(year if year is not None else self.ctx.today().year)))
        self.year.blockSignals(False)
        gid = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        self.group.addItem(self.tr("All groups"), None)
        for g, name in group_choices(self.ctx.db):
            self.group.addItem(name, g)
        self.group.setCurrentIndex(max(0, self.group.findData(gid)))
        self.group.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Duty records"))
        self.year_label.setText(self.tr("Year"))
        if self.group.count():
            self.group.setItemText(0, self.tr("All groups"))
        self.search.setPlaceholderText(self.tr("Find a member (Ctrl+F)"))
        self.export_button.setText(self.tr("Export to Excel…"))
        self.hint.setText(self.tr("Counted from the records, never typed: meetings held (latest minutes), visits "
                                  "taken part in, public-opinion reports written, and the follow-ups that came "
                                  "from them. Double-click a member to open their page."))
        self.model.retranslate()
        self._update_labels()

    def refresh(self) -> None:
        from desktop.ops import QueryOp
        self._fill_choices()
        year, gid = self.year.currentData(), self.group.currentData()
        if year is None:
            return
        self._request += 1
        request = self._request
        self.loading = True

        def load(db):
            from db.duty import duty_records
            return duty_records(db, year, group_id=gid)

        def show(records):
            if request == self._request:
                self.loading = False
                self.model.set_records(records)
                self._update_labels()
        QueryOp(self.ctx, parent=self, op=load, success=show).run_in_background()

    def _on_search(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self._update_labels()

    def _update_labels(self) -> None:
        shown = self.proxy.rowCount()
        self.count_label.setText(self.tr("%1 members").replace("%1", str(shown)))
        t = self.model.totals()
        self.totals.setText(self.tr("Totals: attended %1, on leave %2, absent %3, speeches %4, visits %5, reports "
                                    "%6 (adopted %7), follow-ups %8")
                            .replace("%1", str(t["meetings_attended"])).replace("%2", str(t["leave"]))
                            .replace("%3", str(t["absent"])).replace("%4", str(t["speeches"]))
                            .replace("%5", str(t["visits"])).replace("%6", str(t["reports"]))
                            .replace("%7", str(t["reports_adopted"])).replace("%8", str(t["follow_ups"])))

    def _on_open(self, index) -> None:
        member_id = index.data(ROW_ID_ROLE)
        if member_id:
            self.ctx.open_requested.emit("members", member_id)

    def export(self) -> None:
        """Save this year's records (all members shown, before the name filter) as an Excel workbook."""
        year = self.year.currentData()
        if year is None or self.loading:
            return
        default = str(self.ctx.data_dir / self.tr("duty-records-%1.xlsx").replace("%1", str(year)))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export duty records"), default,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        from desktop.ops import QueryOp
        records, lang = list(self.model.records), "zh" if self.ctx.is_zh() else "en"

        def write(_db):
            from desktop.reports.duty import write_duty_workbook
            return write_duty_workbook({year: records}, path, lang=lang)

        def done(out) -> None:
            self.exported = out
            self.count_label.setText(self.tr("Saved %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).with_progress(
            self.tr("Writing the workbook…"), cancellable=False).run_in_background()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_state(self) -> None:
        self.ctx.settings.setValue("lists/stats/header", self.table.horizontalHeader().saveState())


PAGE_CLASS = StatsPage
