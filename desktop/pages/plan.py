"""协商计划 page: this office's yearly consultation plan (topics, research before, the meeting, follow-ups after),
the plans of the offices below with held and late, and 回头看 re-inspections of closed follow-ups (db.plan,
db.reinspection)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.pages.base import Page
from desktop.widgets.confirm import confirm


def _table(parent, columns: int) -> QTableWidget:
    t = QTableWidget(0, columns, parent)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(False)
    t.setAlternatingRowColors(True)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return t


def _fill(table: QTableWidget, rows: list[list[str]], red: set[int] = frozenset()) -> None:
    table.setRowCount(len(rows))
    for i, cells in enumerate(rows):
        for j, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(text)
            if i in red and j == 0:
                item.setForeground(Qt.GlobalColor.darkRed)
            table.setItem(i, j, item)


class PlanPage(Page):
    watched_tables = frozenset({"plan_topic", "record_link", "meeting", "follow_up", "reinspection", "state_event"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.topics: list = []
        self.below: list = []
        self.below_topics: list = []
        self.candidates: list = []
        self.dialog = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        head.addWidget(self.title)
        head.addSpacing(16)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(ctx.today().year)
        self.year.valueChanged.connect(lambda _v: self.refresh())
        head.addWidget(self.year)
        head.addStretch(1)
        outer.addLayout(head)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs, 1)

        # this office's plan
        mine = QWidget(self)
        ml = QVBoxLayout(mine)
        bar = QHBoxLayout()
        self.new_button = QPushButton(mine)
        self.edit_button = QPushButton(mine)
        self.cancel_button = QPushButton(mine)
        self.meeting_button = QPushButton(mine)
        self.research_button = QPushButton(mine)
        self.after_button = QPushButton(mine)
        self.new_button.clicked.connect(lambda: self.new_record())
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.cancel_button.clicked.connect(lambda: self.cancel_selected())
        self.meeting_button.clicked.connect(lambda: self.link_meeting())
        self.research_button.clicked.connect(lambda: self.link_research())
        self.after_button.clicked.connect(lambda: self.link_follow_up())
        for b in (self.new_button, self.edit_button, self.cancel_button, self.meeting_button, self.research_button,
                  self.after_button):
            bar.addWidget(b)
        bar.addStretch(1)
        ml.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, mine)
        self.topic_table = _table(split, 5)
        self.topic_table.currentCellChanged.connect(lambda *_a: self._show_topic())
        self.topic_table.cellDoubleClicked.connect(lambda *_a: self.edit_selected())
        self.topic_view = QTextBrowser(split)
        split.setSizes([620, 520])
        ml.addWidget(split, 1)
        self.tabs.addTab(mine, "")

        # the offices below
        below = QWidget(self)
        bl = QVBoxLayout(below)
        split = QSplitter(Qt.Orientation.Horizontal, below)
        self.below_table = _table(split, 4)
        self.below_table.currentCellChanged.connect(lambda *_a: self._load_below_topics())
        self.below_topic_table = _table(split, 4)
        split.setSizes([420, 720])
        bl.addWidget(split, 1)
        self.below_index = self.tabs.addTab(below, "")

        # 回头看
        re = QWidget(self)
        rl = QVBoxLayout(re)
        bar = QHBoxLayout()
        self.schedule_button = QPushButton(re)
        self.findings_button = QPushButton(re)
        self.schedule_button.clicked.connect(lambda: self.schedule_selected())
        self.findings_button.clicked.connect(lambda: self.findings_selected())
        bar.addWidget(self.schedule_button)
        bar.addWidget(self.findings_button)
        bar.addStretch(1)
        rl.addLayout(bar)
        split = QSplitter(Qt.Orientation.Horizontal, re)
        self.re_table = _table(split, 4)
        self.re_table.currentCellChanged.connect(lambda *_a: self._show_history())
        self.history_view = QTextBrowser(split)
        split.setSizes([560, 580])
        rl.addWidget(split, 1)
        self.tabs.addTab(re, "")
        self.retranslate()
        self._update_buttons()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Consultation plan"))
        self.tabs.setTabText(0, self.tr("This office's plan"))
        self.tabs.setTabText(1, self.tr("Offices below"))
        self.tabs.setTabText(2, self.tr("Re-inspections"))
        self.new_button.setText(self.tr("New topic…"))
        self.edit_button.setText(self.tr("Edit topic…"))
        self.meeting_button.setText(self.tr("Consulted at meeting…"))
        self.research_button.setText(self.tr("Add research…"))
        self.after_button.setText(self.tr("Add a follow-up after…"))
        self.schedule_button.setText(self.tr("Schedule a re-inspection…"))
        self.findings_button.setText(self.tr("Record findings…"))
        self.topic_table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Month"), self.tr("Topic"),
                                                    self.tr("Leading groups"), self.tr("Meeting")])
        self.below_table.setHorizontalHeaderLabels([self.tr("Office"), self.tr("Topics"), self.tr("Held"),
                                                    self.tr("Late")])
        self.below_topic_table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Month"), self.tr("Topic"),
                                                          self.tr("Meeting")])
        self.re_table.setHorizontalHeaderLabels([self.tr("State"), self.tr("Follow-up"), self.tr("Closed on"),
                                                 self.tr("Times re-inspected")])
        from db.followups import STATE_LABELS as F_STATES
        from db.plan import STATUS_LABELS

        def states(labels, table) -> int:       # the widest state: "Meeting scheduled" read "Meeting sc…"
            return max(90, *(table.fontMetrics().horizontalAdvance(self.ctx.pick(*z_e)) + 12
                             for z_e in labels.values()))
        plan_states = states(STATUS_LABELS, self.topic_table)
        for t, widths, stretch in ((self.topic_table, (plan_states, 50, 0, 150, 150), 2),
                                   (self.below_table, (0, 60, 60, 60), 0),
                                   (self.below_topic_table, (plan_states, 50, 0, 200), 2),
                                   (self.re_table, (states(F_STATES, self.re_table), 0, 100, 90), 1)):
            for i, w in enumerate(widths):
                if w:
                    t.setColumnWidth(i, w)
            t.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        self._fill_all()
        self._update_buttons()              # 取消议题 / 恢复议题 follow the topic chosen

    # -- data -------------------------------------------------------------------------------
    def showEvent(self, event) -> None:
        first = not hasattr(self, "_shown_once")
        self._shown_once = True
        super().showEvent(event)
        if first:
            self.refresh()

    def refresh(self) -> None:
        from db.plan import plan_of, plans_below
        if not isValid(self):
            return
        from db.reinspection import candidates
        from desktop.ops import QueryOp
        year = self.year.value()
        QueryOp(self.ctx, parent=self, op=lambda db: (plan_of(db, year), plans_below(db, year), candidates(db)),
                success=self._set).run_in_background()

    def _set(self, value) -> None:
        if not isValid(self.topic_table):               # the page closed while the read ran
            return
        keep = [self.topic_table.currentRow(), self.re_table.currentRow()]
        self.topics, self.below, self.candidates = value
        self._fill_all()
        added, self._select_topic = getattr(self, "_select_topic", None), None
        if added is not None:                           # a topic just written: show it, not the old row
            keep[0] = next((i for i, t in enumerate(self.topics) if t.id == added), keep[0])
        for table, row in ((self.topic_table, keep[0]), (self.re_table, keep[1])):
            if table.rowCount():
                table.setCurrentCell(min(max(row, 0), table.rowCount() - 1), 0)
        self._show_topic()
        self._show_history()
        self._update_buttons()

    def _state(self, labels, key) -> str:
        from desktop.labels import coded
        return coded(labels, key, self.ctx.pick)

    def _fill_all(self) -> None:
        from db.followups import STATE_LABELS as F_STATES
        from db.plan import STATUS_LABELS
        _fill(self.topic_table, [[self._state(STATUS_LABELS, t.status), str(t.month or "—"), t.title,
                                  self.ctx.pick("、", ", ").join(t.lead_groups), (t.meeting_at or "")[:10]] for t in self.topics],
              {i for i, t in enumerate(self.topics) if t.status == "late"})
        _fill(self.below_table, [[p.office_name, str(p.topics), str(p.held), str(p.late)] for p in self.below],
              {i for i, p in enumerate(self.below) if p.late})
        show_below = bool(self.below) or getattr(self.ctx.office, "level", "") != "township"
        if self.tabs.isTabVisible(self.below_index) != show_below:
            self.tabs.setTabVisible(self.below_index, show_below)
        _fill(self.re_table, [[self._state(F_STATES, c.state), c.title, c.closed_on or "—", str(c.rounds)]
                              for c in self.candidates], {i for i, c in enumerate(self.candidates)
                                                          if c.state == "reopened"})

    def _load_below_topics(self) -> None:
        from db.plan import STATUS_LABELS, plan_of
        i = self.below_table.currentRow()
        if not 0 <= i < len(self.below):
            return
        self.below_topics = plan_of(self.ctx.db, self.year.value(), self.below[i].office_id, full=False)
        _fill(self.below_topic_table, [[self._state(STATUS_LABELS, t.status), str(t.month or "—"), t.title,
                                        (t.meeting_at or "")[:10] + " " + (t.meeting_topic or "")]
                                       for t in self.below_topics],
              {j for j, t in enumerate(self.below_topics) if t.status == "late"})

    def current_topic(self):
        i = self.topic_table.currentRow()
        return self.topics[i] if 0 <= i < len(self.topics) else None

    def current_candidate(self):
        i = self.re_table.currentRow()
        return self.candidates[i] if 0 <= i < len(self.candidates) else None

    def _show_topic(self) -> None:
        from db.plan import SOURCE_LABELS
        from desktop.labels import coded, enum_label
        t = self.current_topic()
        self._update_buttons()
        if t is None:
            self.topic_view.setHtml("")
            return
        e = html.escape
        t_source, t_research = self.tr("Source:"), self.tr("Research before:")
        t_consulted, t_after = self.tr("Consulted at:"), self.tr("Follow-ups after:")
        lines = [f"<h3>{e(t.title)}</h3>"]
        if t.description:
            lines.append(f"<p>{e(t.description)}</p>")
        src = coded(SOURCE_LABELS, t.source_kind, self.ctx.pick, state=False)
        lines.append(f"<p><b>{e(t_source)}</b> {e(src)} {e(t.source_text or '')}</p>")
        lines.append(f"<p><b>{e(t_research)}</b></p><ul>"
                     + "".join(f"<li>{e(d)}</li>" for _t, _i, d in t.research) + "</ul>")
        meeting = f"{(t.meeting_at or '')[:16].replace('T', ' ')} {t.meeting_topic}" if t.meeting_id else "—"
        lines.append(f"<p><b>{e(t_consulted)}</b> {e(meeting)}</p>")
        lines.append(f"<p><b>{e(t_after)}</b></p><ul>"
                     + "".join(f"<li>{e(f.title)} · {e(enum_label('followup_state', f.state))} · {e(f.lead_unit or '')}</li>"
                               for f in t.follow_ups) + "</ul>")
        self.topic_view.setHtml("".join(lines))

    def _show_history(self) -> None:
        from db.reinspection import history
        c = self.current_candidate()
        self._update_buttons()
        if c is None:
            self.history_view.setHtml("")
            return
        e = html.escape
        rows = "".join(f"<tr><td style='white-space:nowrap'>{e(s.at[:10])}</td><td>{e(s.office or '')}</td>"
                       f"<td>{e(s.text)}</td></tr>" for s in history(self.ctx.db, c.id))
        self.history_view.setHtml(f"<h3>{e(c.title)}</h3><table cellpadding='3'>{rows}</table>")

    def _update_buttons(self) -> None:
        t, c = self.current_topic(), self.current_candidate()
        for b in (self.edit_button, self.cancel_button, self.meeting_button, self.research_button, self.after_button):
            b.setEnabled(t is not None)
        # a topic dropped from the plan stays in it, marked, for the year's record; it can be taken up again
        self.cancel_button.setText(self.tr("Restore topic") if t is not None and t.cancelled
                                   else self.tr("Drop topic"))
        self.schedule_button.setEnabled(c is not None and c.state == "closed")
        self.findings_button.setEnabled(c is not None and c.pending_id is not None)

    # -- actions ----------------------------------------------------------------------------
    def _open(self, dialog):
        self.dialog = dialog
        dialog.done_with.connect(lambda _r: self.refresh())
        dialog.open()
        return dialog

    def new_record(self):
        from db.record_lookups import groups_for_new
        from desktop.dialogs.assignment_plan_dialogs import NewTopicDialog
        groups = groups_for_new(self.ctx.db, self.ctx.permissions, "plan_topic")
        dialog = NewTopicDialog(self.ctx, self.year.value(), groups, self)
        dialog.done_with.connect(self._added)          # before _open's refresh, which reads it
        return self._open(dialog)

    def _added(self, topic_id) -> None:
        self._select_topic = topic_id

    def edit_selected(self):
        from desktop.dialogs.assignment_plan_dialogs import NewTopicDialog
        t = self.current_topic()
        if t is None:
            return None
        return self._open(NewTopicDialog(self.ctx, t.year, [], self, topic=t))

    def cancel_selected(self) -> None:
        """Drop the topic from this year's plan (kept, marked 已取消), or take a dropped one up again."""
        from db.plan import update_topic
        from desktop.ops import CollectionOp
        t = self.current_topic()
        if t is None:
            return
        if not t.cancelled and not confirm(self, self.tr("Drop the topic"),
            self.tr("Drop “%1” from the plan? It is kept, marked dropped, and can be taken up again.")
            .replace("%1", t.title), self.tr("Drop the topic"), self.tr("Keep the topic")):
            return
        self.cancel_button.setEnabled(False)
        CollectionOp(self.ctx, parent=self, op=lambda db: update_topic(db, t.id, cancelled=0 if t.cancelled else 1)) \
            .success(lambda _r: self.refresh()).failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self._update_buttons()
        self.ctx.errors.report(exc, parent=self)

    def _pick(self, title: str, caption: str, tables: tuple[str, ...], op):
        from db.assignments import linkable_records
        from desktop.dialogs.assignment_plan_dialogs import PickRecordDialog
        records = [r for r in linkable_records(self.ctx.db) if r[0] in tables]
        return self._open(PickRecordDialog(self.ctx, title, caption, records, op, self))

    def link_meeting(self):
        from db.plan import consult_at
        t = self.current_topic()
        if t is None:
            return None
        return self._pick(self.tr("The meeting that consults it"), self.tr("Choose the meeting:"), ("meeting",),
                          lambda db, _table, rid: consult_at(db, t.id, rid))

    def link_research(self):
        from db.plan import link_record
        t = self.current_topic()
        if t is None:
            return None
        return self._pick(self.tr("Research before"), self.tr("Choose a visit or meeting done for it:"),
                          ("visit", "meeting"), lambda db, table, rid: link_record(db, t.id, table, rid, "research"))

    def link_follow_up(self):
        from db.plan import link_record
        t = self.current_topic()
        if t is None:
            return None
        return self._pick(self.tr("A follow-up after"), self.tr("Choose the follow-up:"), ("follow_up",),
                          lambda db, table, rid: link_record(db, t.id, table, rid, "after"))

    def schedule_selected(self):
        from desktop.dialogs.assignment_plan_dialogs import ScheduleReinspectionDialog
        c = self.current_candidate()
        return self._open(ScheduleReinspectionDialog(self.ctx, c.id, c.title, self)) if c is not None else None

    def findings_selected(self):
        from desktop.dialogs.assignment_plan_dialogs import FindingsDialog
        c = self.current_candidate()
        if c is None or c.pending_id is None:
            return None
        return self._open(FindingsDialog(self.ctx, c.pending_id, self))


PAGE_CLASS = PlanPage
