"""统计: the year's figures of this office and the offices below it, in four tabs — charts (stats_charts),
the roll-up by district, township and group with drill-down (stats_rollup), duty scoring with each member's
explanation (stats_scoring), and the duty records per member (委员履职档案, here). Year, scope (the office
drilled down to, with 上一级 to go back) and group filter every tab; every figure comes from db.stats /
db.scoring on a worker."""

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
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop.models.duty import COLUMNS, DutyModel
from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE
from desktop.pages.base import Page, SearchBox


class StatsPage(Page):
    watched_tables = frozenset({"meeting", "attendance", "speech", "visit", "visit_member", "opinion_report",
                                "follow_up", "member", "membership", "scoring_rule", "state_event"})

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        from desktop.pages.stats_charts import ChartsTab
        from desktop.pages.stats_rollup import RollupTab
        from desktop.pages.stats_scoring import ScoringTab
        self._request = 0
        self.loading = False
        self.path: list[tuple[str, str, str]] = []     # (office id, name, level) from this office down
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(6)
        bar = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        bar.addWidget(self.title)
        bar.addSpacing(12)
        self.year_label = QLabel(self)
        self.year = QComboBox(self)
        self.up_button = QToolButton(self)
        self.up_button.clicked.connect(lambda: self.go_up())
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("countLabel")
        self.group = QComboBox(self)
        self.group.setMinimumWidth(170)
        for w in (self.year_label, self.year, self.up_button, self.scope_label, self.group):
            bar.addWidget(w)
        bar.addStretch(1)
        outer.addLayout(bar)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs, 1)
        self.charts = ChartsTab(self)
        self.rollup = RollupTab(self)
        self.rollup.drill.connect(self.drill)
        self.scoring = ScoringTab(self)
        duty = QWidget(self)
        self.tabs.addTab(self.charts, "")
        self.tabs.addTab(self.rollup, "")
        self.tabs.addTab(self.scoring, "")
        self.tabs.addTab(duty, "")
        self._stale_tabs: set[QWidget] = set()
        self.tabs.currentChanged.connect(lambda _i: self._load_current())
        duty_box = QVBoxLayout(duty)
        duty_box.setContentsMargins(0, 6, 0, 0)
        duty_bar = QHBoxLayout()
        self.search = SearchBox(duty)
        duty_bar.addWidget(self.search)
        duty_bar.addStretch(1)
        self.count_label = QLabel(duty)
        self.count_label.setObjectName("countLabel")
        duty_bar.addWidget(self.count_label)
        self.export_button = QPushButton(duty)
        self.export_button.clicked.connect(lambda: self.export())
        duty_bar.addWidget(self.export_button)
        duty_box.addLayout(duty_bar)
        self.hint = QLabel(duty)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        duty_box.addWidget(self.hint)
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
        duty_box.addWidget(self.table, 1)
        self.totals = QLabel(duty)
        self.totals.setWordWrap(True)
        duty_box.addWidget(self.totals)
        self.search.textChanged.connect(self._on_search)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh())
        self.group.currentIndexChanged.connect(lambda _i: self.refresh())
        self._start_path()
        self.retranslate()
        self.refresh()

    # -- scope: year, the office drilled down to, group ----------------------------------------------
    def _start_path(self) -> None:
        from db.offices import this_office
        office = this_office(self.ctx.db)
        if office is None:
            row = self.ctx.db.execute("SELECT id, name, level FROM office WHERE parent_id IS NULL AND deleted = 0 "
                                      "ORDER BY code LIMIT 1").fetchone()
            self.path = [tuple(row)] if row else []
        else:
            self.path = [(office.id, office.name, office.level)]

    def scope(self):
        from db.stats import Scope
        year = self.year.currentData() or self.ctx.today().year
        return Scope(year, self.path[-1][0] if self.path else None, self.group.currentData())

    def scope_words(self) -> str:
        s = self.scope()
        where = " › ".join(name for _o, name, _l in self.path)
        if s.group_id:
            where += " › " + self.group.currentText()
        return self.tr("%1, %2").replace("%1", where).replace("%2", str(s.year))

    def drill(self, row) -> None:
        """Narrow the scope to a roll-up row: a district or township (its figures and the level below), or a
        group (the group filter)."""
        if row.kind == "group":
            i = self.group.findData(row.key)
            if i >= 0:
                self.group.setCurrentIndex(i)
                # a group has no level below: its figures are the charts (the roll-up went empty, "共 0 行",
                # under "double-click a row to see … the level below it")
                self.tabs.setCurrentWidget(self.charts)
            return
        self.path.append((row.key, row.name, row.kind))
        self.group.blockSignals(True)
        self.group.setCurrentIndex(0)
        self.group.blockSignals(False)
        self.refresh()

    def go_up(self) -> None:
        if self.group.currentData() is not None:
            self.group.setCurrentIndex(0)
            return
        if len(self.path) > 1:
            self.path.pop()
            self.refresh()

    def reload_tab(self, tab) -> None:
        if tab is self.tabs.currentWidget():
            tab.load(self.scope())
        else:
            self._stale_tabs.add(tab)

    def _load_current(self) -> None:
        tab = self.tabs.currentWidget()
        if tab in self._stale_tabs:
            self._stale_tabs.discard(tab)
            tab.load(self.scope())

    def _update_scope_widgets(self) -> None:
        s = self.scope()
        self.scope_label.setText(" › ".join(name for _o, name, _l in self.path))
        self.up_button.setEnabled(len(self.path) > 1 or s.group_id is not None)
        level = self.path[-1][2] if self.path else None
        self.rollup.set_level(level, s.group_id is not None)

    def _fill_choices(self) -> None:
        from db.duty import duty_years
        from db.groups import group_choices
        from db.stats import offices_under
        owner = dict(self.ctx.db.execute("SELECT id, office_id FROM liaison_group").fetchall())
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
        inside = set(offices_under(self.ctx.db, self.path[-1][0])) if self.path else None
        for g, name in group_choices(self.ctx.db):
            if inside is None or owner.get(g) in inside:
                self.group.addItem(name, g)
        self.group.setCurrentIndex(max(0, self.group.findData(gid)))
        self.group.blockSignals(False)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Statistics"))
        for i, text in enumerate((self.tr("Charts"), self.tr("Roll-up"), self.tr("Duty scores"),
                                  self.tr("Duty records"))):
            self.tabs.setTabText(i, text)
        self.up_button.setText(self.tr("Up"))
        self.up_button.setToolTip(self.tr("Back to the level above"))
        for tab in (self.charts, self.rollup, self.scoring):
            tab.retranslate()
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
        self._update_scope_widgets()
        for tab in (self.charts, self.rollup, self.scoring):
            self._stale_tabs.add(tab)
        self._load_current()
        self._request += 1
        request = self._request
        self.loading = True

        drilled = self.path[-1][0] if len(self.path) > 1 else None     # an office below this one

        def load(db):
            from db.duty import duty_records
            from db.stats import offices_under
            # drilled down to a township, its members only (the district's 27 were listed under 新华路街道)
            return duty_records(db, year, group_id=gid,
                                offices=offices_under(db, drilled) if drilled is not None else None)

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
        # the members shown (a name typed in the search): it read “共 1 名委员” over everyone's totals
        t = self.model.totals([self.proxy.mapToSource(self.proxy.index(i, 0)).row() for i in range(shown)])
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
        from desktop.dialogs.last_folder import remember, start_path
        default = start_path(self.ctx.settings, "excel", self.tr("duty-records-%1.xlsx").replace("%1", str(year)),
                             self.ctx.data_dir)
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export duty records"), default,
                                              self.tr("Excel workbooks (*.xlsx)"))
        if not path:
            return
        remember(self.ctx.settings, "excel", path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, ".xlsx")
        if path is None:
            return
        from desktop.ops import QueryOp
        records, lang = list(self.model.records), "zh" if self.ctx.is_zh() else "en"

        def write(_db):
            from desktop.reports.duty import write_duty_workbook
            return write_duty_workbook({year: records}, path, lang=lang)

        def done(out) -> None:
            self.exported = out
            from desktop.widgets.saved_note import show_saved
            show_saved(self.count_label, self.tr("Saved %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).with_progress(
            self.tr("Writing the workbook…"), cancellable=False).run_in_background()

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def save_state(self) -> None:
        self.ctx.settings.setValue("lists/stats/header", self.table.horizontalHeader().saveState())


PAGE_CLASS = StatsPage
