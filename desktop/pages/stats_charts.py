"""统计 › 图表: the year's figures of the scope as charts — visits and people reached per month, meetings and
reports per month, the 社情民意 funnel, overdue follow-ups by lead unit — with the annual report as PDF/Excel."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from db import stats
from desktop.widgets.charts import BarListChart, FunnelChart, MonthChart

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class ChartsTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.data: stats.AnnualStats | None = None
        self.loading = False
        self._request = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        bar.addWidget(self.summary, 1)
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        bar.addWidget(self.xlsx_button)
        bar.addWidget(self.pdf_button)
        outer.addLayout(bar)
        grid = QGridLayout()
        grid.setSpacing(6)
        self.visits_chart = MonthChart(self)
        self.activity_chart = MonthChart(self)
        self.visits_chart.peers = self.activity_chart.peers = (self.visits_chart, self.activity_chart)
        self.funnel_chart = FunnelChart(self)
        self.overdue_chart = BarListChart(self)
        grid.addWidget(self.visits_chart, 0, 0)
        grid.addWidget(self.activity_chart, 0, 1)
        grid.addWidget(self.funnel_chart, 1, 0)
        grid.addWidget(self.overdue_chart, 1, 1)
        outer.addLayout(grid, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.pdf_button.setText(self.tr("Annual report PDF…"))
        self._show()

    def load(self, scope: stats.Scope) -> None:
        from desktop.ops import QueryOp
        self._request += 1
        request = self._request
        self.loading = True

        def shown(data) -> None:
            if request == self._request:
                self.loading = False
                self.data = data
                self._show()
        QueryOp(self.ctx, parent=self, op=lambda db: stats.annual(db, scope), success=shown).run_in_background()

    def _months(self) -> list[str]:
        return [f"{m}月" for m in range(1, 13)] if self.ctx.is_zh() else list(MONTHS_EN)

    def _show(self) -> None:
        a = self.data
        if a is None:
            self.summary.setText(self.tr("Counting…"))
            return
        months = self._months()
        today = self.ctx.today()
        last = today.month if a.scope.year == today.year else 12 if a.scope.year < today.year else 0
        self.visits_chart.set_data(
            self.tr("Visits and people reached per month"), months,
            [(self.tr("Visits"), [m.visits for m in a.months])],
            (self.tr("People reached"), [m.people if m.month <= last else None for m in a.months]))
        self.activity_chart.set_data(
            self.tr("Meetings held and reports collected per month"), months,
            [(self.tr("Meetings held"), [m.meetings for m in a.months]),
             (self.tr("Reports collected"), [m.reports for m in a.months])])
        self.funnel_chart.set_data(self.tr("Public-opinion reports: how far they got"),
                                   [(self.ctx.pick(zh, en), v) for zh, en, v in a.funnel.stages()])
        f = a.followups
        if len(f.overdue_by_unit) > self.overdue_chart.BARS:     # more units than bars: say whose bars these are
            overdue_title = self.tr("Overdue follow-ups: the %1 lead units with the most").replace(
                "%1", str(self.overdue_chart.BARS))
        else:
            overdue_title = self.tr("Overdue follow-ups by lead unit")
        self.overdue_chart.set_data(overdue_title, list(f.overdue_by_unit), self.tr("None overdue"))
        t = a.totals()
        rate = "—" if f.closure_rate is None else f"{f.closure_rate:.0%}"
        median = "—" if f.median_days is None else f"{f.median_days:g}"
        text = (
            self.tr("%1, %2: %3 visits reaching %4 people, %5 meetings, %6 reports; follow-ups due %7, closed %8 "
                    "(%9), median %10 days to close, %11 overdue")
            .replace("%10", median).replace("%11", f"{f.overdue:,}")
            .replace("%1", self.ctx.pick(a.title_zh, a.title_en)).replace("%2", str(a.scope.year))
            .replace("%3", f"{t.visits:,}").replace("%4", f"{t.people:,}").replace("%5", f"{t.meetings:,}")
            .replace("%6", f"{t.reports:,}").replace("%7", f"{f.due:,}").replace("%8", f"{f.closed:,}")
            .replace("%9", rate))
        if f.overdue_now != f.overdue:       # 首页 counts every overdue follow-up, whatever year it was due
            also = self.tr("Overdue today whatever year they were due: %1, as on the home page (%2 of them were due "
                           "before %3).")
            text += "\n" + (also.replace("%1", f"{f.overdue_now:,}").replace("%2", f"{f.overdue_before:,}")
                            .replace("%3", str(a.scope.year)))
        self.summary.setText(text)

    def export(self, kind: str) -> None:
        """The annual statistics report of the scope, as PDF (charts drawn as vectors) or as a workbook."""
        from desktop.ops import QueryOp
        scope = self.page.scope()
        name = self.tr("statistics-%1").replace("%1", str(scope.year))
        filt = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("Excel workbooks (*.xlsx)")
        from desktop.dialogs.last_folder import remember, start_path
        folder_kind = "pdf" if kind == "pdf" else "excel"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the annual statistics"),
                                              start_path(self.ctx.settings, folder_kind, f"{name}.{kind}",
                                                         self.ctx.data_dir), filt)
        if not path:
            return
        remember(self.ctx.settings, folder_kind, path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, f".{kind}")
        if path is None:
            return
        lang = "zh" if self.ctx.is_zh() else "en"

        def write(db):
            from desktop.reports.stats_report import write_stats
            return write_stats(db, scope, path, lang=lang)

        def done(out) -> None:
            self.exported = out
            from desktop.widgets.saved_note import show_saved
            show_saved(self.summary, self.tr("Saved %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).with_progress(
            self.tr("Writing the report…")).run_in_background()
