"""首页: today and the coming week, overdue follow-ups, this month's figures, when data last went up."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from desktop.dialogs.assignment_inbox import AssignmentInbox
from desktop.labels import enum_label
from desktop.pages.base import Page
from desktop.widgets.fit import column_room

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def dashboard_op(ctx, *, raw: bool = False):
    """The home page's read, as a worker function (the app starts it before the window is built).
    With `raw`, it opens its own plain connection: start-up does not wait for db.database."""
    today, path = ctx.today(), ctx.db_path

    def load(db):
        from db.dashboard import dashboard
        if not raw:
            return dashboard(db, today)
        from db.startup import read_only_connection
        conn = read_only_connection(path)
        try:
            return dashboard(conn, today)
        finally:
            conn.close()
    return load


class Card(QFrame):
    """A number with a caption and a small note under it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("card")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(14, 10, 14, 10)
        lay.setSpacing(2)
        self.caption = QLabel(self)
        self.caption.setObjectName("cardCaption")
        self.number = QLabel("–", self)
        self.number.setObjectName("cardNumber")
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        for w in (self.caption, self.number, self.note):
            lay.addWidget(w)
        # two offices' windows side by side (683 pixels each): captions and notes wrap instead of being cut
        self.caption.setWordWrap(True)
        self.note.setWordWrap(True)

    def set(self, number: int | None, note: str = "") -> None:
        self.number.setText("–" if number is None else f"{number:,}")
        self.note.setText(note)


def _table(parent, columns: int) -> QTableWidget:
    t = QTableWidget(0, columns, parent)
    t.verticalHeader().setVisible(False)
    t.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    t.setWordWrap(False)
    t.setAlternatingRowColors(True)
    t.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    t.verticalHeader().setDefaultSectionSize(t.fontMetrics().height() + 10)
    return t


class HomePage(Page):
    """`data_shown` once the dashboard's figures are on screen (after each load)."""

    watched_tables = frozenset({"meeting", "visit", "follow_up", "opinion_report", "liaison_group", "office"})
    data_shown = Signal()

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.data = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(10)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        self.date_label = QLabel(self)
        self.date_label.setObjectName("hint")
        head.addWidget(self.title)
        head.addSpacing(16)
        head.addWidget(self.date_label)
        head.addStretch(1)
        self.office_label = QLabel(self)
        self.office_label.setObjectName("hint")
        head.addWidget(self.office_label)
        outer.addLayout(head)

        cards = QGridLayout()
        cards.setHorizontalSpacing(10)
        self.card_meetings, self.card_visits, self.card_reports = Card(self), Card(self), Card(self)
        self.card_closed, self.card_open = Card(self), Card(self)
        for i, c in enumerate((self.card_meetings, self.card_visits, self.card_reports, self.card_closed,
                               self.card_open)):
            cards.addWidget(c, 0, i)
        outer.addLayout(cards)

        lists = QHBoxLayout()
        lists.setSpacing(12)
        left, right = QVBoxLayout(), QVBoxLayout()
        self.agenda_title = QLabel(self)
        self.agenda_title.setObjectName("sectionTitle")
        self.agenda = _table(self, 5)
        self.agenda_empty = QLabel(self)
        self.agenda_empty.setObjectName("hint")
        left.addWidget(self.agenda_title)
        left.addWidget(self.agenda, 1)
        left.addWidget(self.agenda_empty)
        self.overdue_title = QLabel(self)
        self.overdue_title.setObjectName("sectionTitle")
        self.overdue = _table(self, 4)
        self.overdue_empty = QLabel(self)
        self.overdue_empty.setObjectName("hint")
        right.addWidget(self.overdue_title)
        right.addWidget(self.overdue, 1)
        right.addWidget(self.overdue_empty)
        lists.addLayout(left, 11)
        lists.addLayout(right, 9)
        outer.addLayout(lists, 1)
        self.assignment_inbox = AssignmentInbox(ctx, self)
        outer.addWidget(self.assignment_inbox)

        self.sync_label = QLabel(self)
        self.sync_label.setObjectName("hint")
        self.sync_label.setWordWrap(True)
        outer.addWidget(self.sync_label)

        self.agenda.cellActivated.connect(self._on_agenda)
        self.agenda.cellDoubleClicked.connect(self._on_agenda)
        self.overdue.cellActivated.connect(self._on_overdue)
        self.overdue.cellDoubleClicked.connect(self._on_overdue)
        self.retranslate()
        self.refresh()

    # -- data -----------------------------------------------------------------------
    def refresh(self) -> None:
        from desktop.ops import QueryOp
        if self.ctx.tasks.take("dashboard", self._on_prefetched):
            return                               # started at start-up, while the window was built
        QueryOp(self.ctx, parent=self, op=dashboard_op(self.ctx), success=self._show).run_in_background()

    def _on_prefetched(self, status: str, value) -> None:
        if status == "ok":
            self._show(value)
        elif status == "error":                 # e.g. an old schema before its upgrade: read it properly
            self.refresh()

    def _show(self, data) -> None:
        self.data = data
        self._fill()
        self.data_shown.emit()

    def _fill(self) -> None:
        d = self.data
        if d is None:
            return
        m = d.month
        self.card_meetings.set(m.meetings_held, self.tr("%1 more planned").replace("%1", str(m.meetings_planned)))
        self.card_visits.set(m.visits, self.tr("%1 people reached").replace("%1", f"{m.people_reached:,}"))
        self.card_reports.set(m.reports)
        self.card_closed.set(m.followups_closed)
        self.card_open.set(m.followups_open, self.tr("%1 overdue").replace("%1", str(d.overdue_total)))

        today = dt.date.fromisoformat(d.today)
        self.agenda.setRowCount(len(d.agenda))
        for i, e in enumerate(d.agenda):
            day = dt.date.fromisoformat(e.date)
            when = self.tr("Today") if day == today else (
                self.tr("Tomorrow") if day == today + dt.timedelta(days=1)
                else QLocale().toString(day, "M-d ddd"))
            kind = self.tr("Meeting") if e.kind == "meeting" else self.tr("Reception day")
            state = enum_label("meeting_state", e.state) if e.kind == "meeting" else ""
            cells = [f"{when} {e.time or ''}".strip(), kind, e.title, e.group_name or "", state]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, (e.kind, e.id))
                if j == 2:
                    item.setToolTip(text)
                self.agenda.setItem(i, j, item)
        self.agenda_empty.setVisible(not d.agenda)

        self.overdue.setRowCount(len(d.overdue))
        for i, f in enumerate(d.overdue):
            cells = [f.title, f.lead_unit or "", f.due_date,
                     self.tr("%1 days").replace("%1", str(f.days_overdue))]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, ("follow_up", f.id))
                if j == 0:
                    item.setToolTip(text)
                if j == 3:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.overdue.setItem(i, j, item)
        self.overdue_empty.setVisible(not d.overdue)
        self.overdue_title.setText(self.tr("Overdue follow-ups (%1)").replace("%1", str(d.overdue_total)))

        city = getattr(self.ctx.office, "level", "") == "city"      # it sends down, to the districts, not "up"
        if d.last_sent is None:
            sent = self.tr("No package has been sent to the district offices yet.") if city else \
                self.tr("No data has been sent to the district or city office yet.")
        else:
            peers = list(d.last_sent.peers) or [d.last_sent.peer_office or "—"]
            if len(peers) > 4:                                    # the city's run to every district
                more = self.tr("%1 and %2 more offices").replace("%2", str(len(peers) - 3))
                names = more.replace("%1", self.ctx.pick("、", ", ").join(peers[:3]))
            else:
                names = self.ctx.pick("、", ", ").join(peers)
            sent = (self.tr("Last package sent to %1 on %2.") if city else self.tr("Data last sent to %1 on %2.")) \
                .replace("%2", d.last_sent.at[:16].replace("T", " ")).replace("%1", names)
        if d.last_received is not None:
            sent += " " + self.tr("Last package received on %1.").replace(
                "%1", d.last_received.at[:16].replace("T", " "))
        self.sync_label.setText(sent)

    # -- opening records ------------------------------------------------------------
    def _on_agenda(self, row: int, _col: int) -> None:
        item = self.agenda.item(row, 0)
        if item is not None:
            kind, rid = item.data(ID_ROLE)
            self.ctx.open_requested.emit("meetings" if kind == "meeting" else "visits", rid)

    def _on_overdue(self, row: int, _col: int) -> None:
        item = self.overdue.item(row, 0)
        if item is not None:
            self.ctx.open_requested.emit("followups", item.data(ID_ROLE)[1])

    # -- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Home"))
        today = self.ctx.today()
        self.date_label.setText(QLocale().toString(today, QLocale.FormatType.LongFormat))
        office = self.ctx.office
        self.office_label.setText(office.name if office else "")
        self.card_meetings.caption.setText(self.tr("Meetings held this month"))
        self.card_visits.caption.setText(self.tr("Visits and receptions this month"))
        self.card_reports.caption.setText(self.tr("Public-opinion reports this month"))
        self.card_closed.caption.setText(self.tr("Follow-ups closed this month"))
        self.card_open.caption.setText(self.tr("Follow-ups still open"))
        self.agenda_title.setText(self.tr("Today and the coming week"))
        self.agenda.setHorizontalHeaderLabels([self.tr("When"), self.tr("What"), self.tr("Topic / place"),
                                               self.tr("Group"), self.tr("State")])
        self.overdue.setHorizontalHeaderLabels([self.tr("Item"), self.tr("Lead unit"), self.tr("Due"),
                                                self.tr("Overdue by")])
        self.agenda_empty.setText(self.tr("No meetings or reception days in the coming week."))
        self.overdue_empty.setText(self.tr("No follow-up is overdue."))
        self.overdue_title.setText(self.tr("Overdue follow-ups"))
        self._size_columns()
        self._fill()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_columns()            # the tables were resized by the layout before this

    def _size_columns(self) -> None:
        """The title columns take what is left; the others keep their width on a wide screen and give
        way on a narrow one (a 1024-pixel screen, a window made smaller), so that neither table needs
        a horizontal scroll bar and the titles stay readable."""
        def at_least_head(table, i: int, w: int) -> int:     # in English "Overdue by" read "Overdue b"
            return max(w, table.horizontalHeader().sectionSizeFromContents(i).width())

        ah = self.agenda.horizontalHeader()
        ah.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        ah.setStretchLastSection(False)
        when, kind, state = (at_least_head(self.agenda, i, w) for i, w in ((0, 110), (1, 70), (4, 80)))
        spare = column_room(self.agenda) - when - kind - state
        for i, w in ((0, when), (1, kind), (3, max(80, min(150, spare * 2 // 5))), (4, state)):
            self.agenda.setColumnWidth(i, w)
        oh = self.overdue.horizontalHeader()
        oh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        due, days = (at_least_head(self.overdue, i, w) for i, w in ((2, 90), (3, 70)))
        spare = column_room(self.overdue) - due - days
        for i, w in ((1, max(70, min(130, spare * 2 // 5))), (2, due), (3, days)):
            self.overdue.setColumnWidth(i, w)


PAGE_CLASS = HomePage
