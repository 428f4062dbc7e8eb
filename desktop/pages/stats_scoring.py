"""统计 › 履职积分: every member's score under the rules in force, best first, and the selected member's
explanation line by line; the rules (the city edits them, other offices read them); print or export."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db import scoring, stats
from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE
from desktop.pages.stats_table import StatsTableModel

COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("ScoreModel", "Name"), False),
    ("groups", QT_TRANSLATE_NOOP("ScoreModel", "Groups"), False),
    ("meetings", QT_TRANSLATE_NOOP("ScoreModel", "Meetings"), True),
    ("visits", QT_TRANSLATE_NOOP("ScoreModel", "Visits"), True),
    ("opinions", QT_TRANSLATE_NOOP("ScoreModel", "Reports"), True),
    ("followups", QT_TRANSLATE_NOOP("ScoreModel", "Follow-ups"), True),
    ("discipline", QT_TRANSLATE_NOOP("ScoreModel", "Deductions"), True),
    ("total", QT_TRANSLATE_NOOP("ScoreModel", "Total"), True),
    ("grade", QT_TRANSLATE_NOOP("ScoreModel", "Grade"), False),
)


def score_value(s: scoring.MemberScore, key: str, lang: str = "zh"):
    if key in scoring.CATEGORIES:
        return s.category(key).counted
    if key == "grade":
        return s.grade_en if lang == "en" else s.grade_zh
    if key == "groups" and lang == "en" and s.groups:       # joined with 、 in db (db.duty)
        return ", ".join(s.groups.split("、"))
    return getattr(s, key)


class ScoreModel(StatsTableModel):
    columns = COLUMNS

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx

    def row_id(self, row) -> Any:
        return row.member_id

    def value(self, row, key: str) -> Any:
        return score_value(row, key, "zh" if self.ctx.is_zh() else "en")

    def text(self, key: str, value: Any, numeric: bool) -> str:
        if numeric:
            return f"{value:g}" if value == int(value) else f"{value:.1f}"
        return value or ""

    def sort_value(self, value: Any, numeric: bool) -> Any:
        return value if value is not None else ""

    def tooltip(self, key: str, value: Any) -> str | None:
        return value if key == "groups" else None


class ScoringTab(QWidget):
    def __init__(self, page):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.loading = False
        self.rules: scoring.RuleSet | None = None
        self._request = 0
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 6, 0, 0)
        bar = QHBoxLayout()
        self.rules_label = QLabel(self)
        self.rules_label.setWordWrap(True)
        bar.addWidget(self.rules_label, 1)
        self.rules_button = QPushButton(self)
        self.rules_button.clicked.connect(lambda: self.show_rules())
        self.xlsx_button = QPushButton(self)
        self.xlsx_button.clicked.connect(lambda: self.export("xlsx"))
        self.pdf_button = QPushButton(self)
        self.pdf_button.clicked.connect(lambda: self.export("pdf"))
        self.print_one_button = QPushButton(self)
        self.print_one_button.clicked.connect(lambda: self.export("pdf", only_selected=True))
        for b in (self.rules_button, self.xlsx_button, self.print_one_button, self.pdf_button):
            bar.addWidget(b)
        outer.addLayout(bar)
        self.model = ScoreModel(self.ctx, self)
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
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.setColumnWidth(0, 104)
        self.table.setColumnWidth(1, 150)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._explain(cur))
        self.table.doubleClicked.connect(self._on_open)
        self.explanation = QPlainTextEdit(self)
        self.explanation.setReadOnly(True)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.explanation)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setChildrenCollapsible(False)
        outer.addWidget(split, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.rules_button.setText(self.tr("Scoring rules…"))
        self.xlsx_button.setText(self.tr("Export to Excel…"))
        self.pdf_button.setText(self.tr("Duty records PDF…"))
        self.pdf_button.setToolTip(self.tr("Every member in the list, one a page"))
        self.print_one_button.setText(self.tr("Print this member…"))
        self.print_one_button.setToolTip(self.tr("The selected member's duty record and score, as PDF"))
        self.model.retranslate()
        fm = self.table.horizontalHeader().fontMetrics()
        for i in range(2, len(COLUMNS)):            # numbers are short; the headings set the width
            title = QCoreApplication.translate("ScoreModel", COLUMNS[i][1])
            self.table.setColumnWidth(i, max(56, fm.horizontalAdvance(title) + 22))
        grades = [self.ctx.pick(zh, en) for _c, zh, en in scoring.GRADES] + [self.ctx.pick(*scoring.FAIL)]
        last = len(COLUMNS) - 1                     # the grade's words, not its heading (“Excell…” in English)
        self.table.setColumnWidth(last, max(self.table.columnWidth(last),
                                            max(self.table.fontMetrics().horizontalAdvance(g) for g in grades) + 14))
        # the table keeps room for every column (the group's narrowed): on a 1024-pixel screen the
        # explanation beside it took so much that 总分 and 等次 were behind a sideways scroll bar
        self._table_needs = (self.table.columnWidth(0) + 90 + sum(
            self.table.columnWidth(i) for i in range(2, len(COLUMNS)))
            + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width())
        self._keep_room()
        self._rules_words()
        self._explain(self.table.currentIndex())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_room()

    def _keep_room(self) -> None:
        """Room for the table's columns, but the explanation keeps 200 pixels (the English headings are wider)."""
        needs = getattr(self, "_table_needs", 0)
        self.table.setMinimumWidth(max(300, min(needs, self.width() - 200)) if self.width() > 0 else needs)

    def _rules_words(self) -> None:
        r = self.rules
        if r is None:
            self.rules_label.setText("")
        elif r.is_default:
            self.rules_label.setText(self.tr("Rules in force: the default rules (100 points); the city has set none."))
        else:
            self.rules_label.setText(self.tr("Rules in force: the city's rules from %1.").replace("%1", str(r.year)))

    def load(self, scope: stats.Scope) -> None:
        from desktop.ops import QueryOp
        self._request += 1
        request = self._request
        self.loading = True
        self.explanation.setPlainText(self.tr("Scoring the members…"))

        def get(db):
            rules = scoring.rules_in_force(db, scope.year)
            return rules, scoring.score_members(db, scope.year, group_id=scope.group_id, office_id=scope.office_id,
                                                rules=rules)

        def shown(result) -> None:
            if request == self._request:
                self.loading = False
                self.rules, scores = result
                self.model.set_rows(scores)
                self._rules_words()
                if scores:
                    self.table.selectRow(0)
                else:
                    self.explanation.setPlainText(self.tr("No members in this scope."))
        QueryOp(self.ctx, parent=self, op=get, success=shown).run_in_background()

    def _explain(self, index) -> None:
        if not index.isValid():
            return
        source = self.proxy.mapToSource(index)
        s = self.model.rows[source.row()]
        lines = s.explanation("zh" if self.ctx.is_zh() else "en")
        head = self.ctx.pick(f"{s.name}（{s.year}）", f"{s.name} ({s.year})")         # brackets of the language
        self.explanation.setPlainText(head + "\n" + "\n".join(lines))

    def _on_open(self, index) -> None:
        member_id = index.data(ROW_ID_ROLE)
        if member_id:
            self.ctx.open_requested.emit("members", member_id)

    def selected_score(self) -> scoring.MemberScore | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.rows[self.proxy.mapToSource(index).row()]

    def show_rules(self) -> None:
        from desktop.dialogs.scoring_rules import ScoringRulesDialog
        year = self.page.scope().year
        rules = self.rules or scoring.rules_in_force(self.ctx.db, year)
        dialog = ScoringRulesDialog(self.ctx, year, rules, self)
        dialog.saved.connect(lambda _y: self.page.reload_tab(self))
        self.dialog = dialog
        dialog.open()

    def shown_scores(self) -> list[scoring.MemberScore]:
        return [self.model.rows[self.proxy.mapToSource(self.proxy.index(r, 0)).row()]
                for r in range(self.proxy.rowCount())]

    def export(self, kind: str, only_selected: bool = False) -> None:
        """The scores as shown (xlsx), or each shown member's duty record with the explanation, a page each (PDF);
        `only_selected`: the selected member's alone."""
        from desktop.ops import QueryOp
        scope = self.page.scope()
        chosen = self.selected_score() if only_selected else None
        if only_selected and chosen is None:
            return
        name = (self.tr("duty-scores-%1") if kind == "xlsx" else self.tr("duty-records-%1")).replace(
            "%1", str(scope.year))
        if chosen is not None:
            name = f"{name}-{chosen.name}"
        filt = self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("Excel workbooks (*.xlsx)")
        from desktop.dialogs.last_folder import remember, start_path
        folder_kind = "pdf" if kind == "pdf" else "excel"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save"), start_path(
            self.ctx.settings, folder_kind, f"{name}.{kind}", self.ctx.data_dir), filt)
        if not path:
            return
        remember(self.ctx.settings, folder_kind, path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, f".{kind}")
        if path is None:
            return
        lang = "zh" if self.ctx.is_zh() else "en"
        scores, rules, title = [chosen] if chosen else self.shown_scores(), self.rules, self.page.scope_words()
        headers = [QCoreApplication.translate("ScoreModel", t) for _k, t, _n in COLUMNS]

        def write(db, progress):
            if kind == "pdf":
                from desktop.reports.duty_pdf import write_duty_pdf
                return write_duty_pdf(db, scores, path, rules=rules, title=title, lang=lang, progress=progress)
            from desktop.reports.xlsx_export import write_table
            rows = [[score_value(s, k, lang) for k, _t, _n in COLUMNS] for s in scores]
            return write_table(path, title, headers, rows)

        def done(out) -> None:
            self.exported = out
            from desktop.widgets.saved_note import show_saved
            show_saved(self.rules_label, self.tr("Saved %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).with_progress(
            self.tr("Writing…")).run_in_background()
