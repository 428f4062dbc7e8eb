"""交办 page: what this office handed down and what it received; receive, answer, hand down, review answers,
and the whole chain across offices as one dated timeline (db.assignments)."""

from __future__ import annotations

import html

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from desktop.pages.base import Page
from desktop.widgets.confirm import confirm
from desktop.widgets.fit import column_room
from desktop.widgets.wrap_bar import WrapBar

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
OFFICES = (1, 2)            # the columns of the sending and the receiving office


class _WrappedNames(QStyledItemDelegate):
    """An office's name that does not fit its column on one line goes on over a second (its row is made taller),
    rather than being cut: 小碧布依族苗族乡 and 观山湖区政协 read 小碧布依… on a 1024-pixel screen."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText


class AssignmentsPage(Page):
    watched_tables = frozenset({"assignment", "state_event", "record_link", "attachment"})

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.rows: list = []
        self.current = None
        self.chain = None
        self.dialog = None
        self._select_after: str | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 12, 16, 12)
        outer.setSpacing(8)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        head.addWidget(self.title)
        head.addSpacing(16)
        self.direction = QComboBox(self)
        self.status = QComboBox(self)
        for combo in (self.direction, self.status):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.direction.currentIndexChanged.connect(lambda _i: self.refresh())
        self.status.currentIndexChanged.connect(lambda _i: self.refresh())
        head.addWidget(self.direction)
        head.addWidget(self.status)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        head.addWidget(self.count_label)
        head.addStretch(1)
        self.new_button = QPushButton(self)
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(lambda: self.new_record())
        head.addWidget(self.new_button)
        outer.addLayout(head)

        actions = WrapBar(self, spacing=6)
        self.receive_button = QPushButton(self)
        self.answer_button = QPushButton(self)
        self.hand_down_button = QPushButton(self)
        self.link_button = QPushButton(self)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(lambda: self.edit_selected())
        self.accept_button = QPushButton(self)
        self.return_button = QPushButton(self)
        self.withdraw_button = QPushButton(self)
        self.withdraw_button.clicked.connect(lambda: self.withdraw_selected())
        self.receive_button.clicked.connect(lambda: self.receive_selected())
        self.answer_button.clicked.connect(lambda: self.answer_selected())
        self.hand_down_button.clicked.connect(lambda: self.hand_down_selected())
        self.link_button.clicked.connect(lambda: self.link_selected())
        self.accept_button.clicked.connect(lambda: self.accept_selected())
        self.return_button.clicked.connect(lambda: self.return_selected())
        # the receiver's steps, then the sender's: side by side, or the sender's under them where one row does
        # not fit (a 1024-pixel screen in English)
        for b in (self.receive_button, self.answer_button, self.hand_down_button, self.link_button):
            actions.left.addWidget(b)
        actions.left.addStretch(1)
        for b in (self.edit_button, self.accept_button, self.return_button, self.withdraw_button):
            actions.right.addWidget(b)
        outer.addWidget(actions)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.table = QTableWidget(0, 5, self.splitter)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 10)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.currentCellChanged.connect(lambda *_a: self._on_current())
        self._names = _WrappedNames(self.table)
        for column in OFFICES:
            self.table.setItemDelegateForColumn(column, self._names)
        self.timeline = QTextBrowser(self.splitter)
        self.timeline.setOpenLinks(False)
        self.timeline.anchorClicked.connect(lambda url: self.save_file(url.toString().removeprefix("file:")))
        self.splitter.setSizes([660, 520])    # the list keeps room for the titles (a 1024-pixel screen hid them)
        self.splitter.splitterMoved.connect(lambda *_a: self._size_columns())
        outer.addWidget(self.splitter, 1)
        # what a step just taken here means for the other office: it learns of it only from a sync package (after
        # 反馈 the clerk took the answer for sent to the city); under the list, so that nothing moves under the mouse
        self.notice = QLabel(self)
        self.notice.setObjectName("hint")
        self.notice.setWordWrap(True)
        self.notice.setVisible(False)
        self._notice_about: str | None = None
        outer.addWidget(self.notice)
        self.retranslate()
        self._update_buttons()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        from db.assignments import STATUS_LABELS
        self.title.setText(self.tr("Assignments"))
        for combo, items in (
                (self.direction, [(self.tr("Sent and received"), ""), (self.tr("Received"), "received"),
                                  (self.tr("Sent"), "sent")]),
                (self.status, [(self.tr("All states"), ""),
                               *[(self.ctx.pick(zh, en), k) for k, (zh, en) in STATUS_LABELS.items()],
                               (self.tr("Overdue"), "overdue")])):
            i = max(combo.currentIndex(), 0)
            combo.blockSignals(True)
            combo.clear()
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(i)
            combo.blockSignals(False)
        self.new_button.setText(self.tr("New assignment…"))
        self.receive_button.setText(self.tr("Receive"))
        self.answer_button.setText(self.tr("Answer…"))
        self.hand_down_button.setText(self.tr("Hand down…"))
        self.link_button.setText(self.tr("Link a record…"))
        self.edit_button.setText(self.tr("Change…"))
        self.accept_button.setText(self.tr("Accept answer"))
        self.return_button.setText(self.tr("Send back…"))
        self.withdraw_button.setText(self.tr("Withdraw…"))
        self.table.setHorizontalHeaderLabels([self.tr("State"), self.tr("From"), self.tr("To"), self.tr("Due"),
                                              self.tr("Title")])
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self._size_columns()
        self._fill()
        self._show_chain()
        self._update_buttons()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_columns()

    def _size_columns(self) -> None:
        """State and due date as wide as their texts, the offices as wide as their names where there is room,
        the title what is left but never less than six characters: on a 1024-pixel screen the titles were all
        behind a sideways scroll bar, and then the offices' names were cut at a fixed 72 pixels. Where the names
        do not all fit, the offices share the room by their names' widths and a name too long for its column
        wraps onto a second line (_fit_rows)."""
        from db.assignments import STATUS_LABELS
        table = self.table
        fm, header = table.fontMetrics(), table.horizontalHeader().fontMetrics()
        pad = 2 * self._margin() + 8
        inner = column_room(table)

        def head(i: int) -> int:
            item = table.horizontalHeaderItem(i)
            return header.horizontalAdvance(item.text() if item is not None else "") + 16

        overdue = " · " + self.tr("overdue")        # the longest state read whole (“Received · over…” in English)
        states = [self.ctx.pick(*label) + overdue for label in STATUS_LABELS.values()] + [self._above_label()]
        state = max(head(0), pad + max(fm.horizontalAdvance(text) for text in states))
        due = max(head(3), pad + fm.horizontalAdvance("0000-00-00"))
        title = 6 * fm.horizontalAdvance("老") + pad
        names = ({a.sender_name for a in self.rows}, {a.receiver_name for a in self.rows})    # a few offices
        need = [max([head(i)] + [pad + fm.horizontalAdvance(name) for name in column])
                for i, column in zip(OFFICES, names, strict=True)]
        room = inner - state - due - title
        if sum(need) > room:                # too narrow for every name on one line: shared by their widths
            floor = [max(head(i), 4 * fm.horizontalAdvance("老") + pad) for i in OFFICES]
            share = [max(f, room * n // max(1, sum(need))) for f, n in zip(floor, need, strict=True)]
            need = [min(n, s) for n, s in zip(need, share, strict=True)]
        for i, w in zip((0, *OFFICES, 3), (state, *need, due), strict=True):
            table.setColumnWidth(i, w)
        self._fit_rows()

    def _margin(self) -> int:
        """The room Qt leaves on each side of a cell's text."""
        return self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1

    def _fit_rows(self) -> None:
        """Each row as tall as its longer office name wrapped in its column (one line for most)."""
        table = self.table
        fm, base = table.fontMetrics(), table.verticalHeader().defaultSectionSize()
        rooms = [QRect(0, 0, max(1, table.columnWidth(column) - 2 * self._margin()), 10_000) for column in OFFICES]
        measured: dict[tuple[int, str], int] = {}      # thousands of rows, a few offices' names

        def lines(i: int, name: str) -> int:
            if (i, name) not in measured:
                wrapped = fm.boundingRect(rooms[i], int(Qt.TextFlag.TextWordWrap), name)
                measured[i, name] = max(1, round(wrapped.height() / fm.lineSpacing()))
            return measured[i, name]
        for row, a in enumerate(self.rows[:table.rowCount()]):
            height = base + (max(lines(0, a.sender_name), lines(1, a.receiver_name)) - 1) * fm.lineSpacing()
            if table.rowHeight(row) != height:
                table.setRowHeight(row, height)

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        from db.assignments import list_assignments
        if not isValid(self):
            return
        from desktop.ops import QueryOp
        direction, status = self.direction.currentData() or None, self.status.currentData() or None
        QueryOp(self.ctx, parent=self, op=lambda db: list_assignments(db, status=status, direction=direction),
                success=self._set_rows).run_in_background()

    def showEvent(self, event) -> None:
        first = not hasattr(self, "_shown_once")
        self._shown_once = True
        super().showEvent(event)
        if first:
            self.refresh()

    def _set_rows(self, rows) -> None:
        if not isValid(self.table):                     # the page closed while the read ran
            return
        keep = self._select_after or (self.current.id if self.current is not None else None)
        self._select_after = None
        self.rows = list(rows)
        self._fill()
        row = next((i for i, a in enumerate(self.rows) if a.id == keep or a.batch_id == keep), 0 if self.rows else -1)
        if row >= 0:
            self.table.selectRow(row)
            self.table.setCurrentCell(row, 0)
        self._on_current(force=True)

    def _fill(self) -> None:
        from db.assignments import status_label
        self.table.setRowCount(len(self.rows))
        for i, a in enumerate(self.rows):
            state = self.ctx.pick(*status_label(a.status)) if not a.withdrawn_above else self._above_label()
            if a.overdue:
                state += " · " + self.tr("overdue")
            cells = [state, a.sender_name, a.receiver_name, a.due_date or "—", a.title]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, a.id)
                item.setToolTip(self._above_text(a) if j == 0 and a.withdrawn_above else text)
                if j == 0 and a.overdue:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, j, item)
        self._size_columns()            # the offices' columns as wide as the names now listed
        self.count_label.setText(self.tr("%1 assignments").replace("%1", str(len(self.rows))))

    def _above_label(self) -> str:
        return self.tr("Withdrawn above")

    def _above_text(self, a) -> str:
        """Why an answer under an assignment withdrawn above is not to be reviewed: who withdrew it, when, why."""
        text = self.tr("%1 withdrew the assignment above on %2: %3. This answer needs no review.")
        return text.replace("%1", a.above_sender_name or "").replace("%2", (a.above_withdrawn_at or "")[:10]) \
            .replace("%3", a.above_withdrawn_note or "")

    def _on_current(self, force: bool = False) -> None:
        i = self.table.currentRow()
        a = self.rows[i] if 0 <= i < len(self.rows) else None
        if not force and a is not None and self.current is not None and a.id == self.current.id:
            return
        self.current = a
        if a is None or self._notice_about not in (a.id, a.batch_id):     # another row chosen: it was about that one
            self.notice.setVisible(False)
        self._update_buttons()
        if a is None:
            self.chain = None
            self._show_chain()
            return
        from db.assignments import chain, files, links
        from desktop.ops import QueryOp

        def load(db):
            ch = chain(db, a.id)
            return ch, {r.id: (links(db, r.id), files(db, r.id)) for r in ch.rows}
        QueryOp(self.ctx, parent=self, op=load, success=self._set_chain).run_in_background()

    def _set_chain(self, value) -> None:
        if not isValid(self.timeline):
            return
        self.chain = value
        self._update_buttons()          # 撤回… of a withdrawn assignment waits to know its parts still open
        self._show_chain()

    def open_record(self, record_id: str) -> None:
        self._select_after = record_id
        self.direction.setCurrentIndex(0)
        self.status.setCurrentIndex(0)
        self.refresh()

    # -- the timeline -----------------------------------------------------------------------
    def _show_chain(self) -> None:
        if self.chain is None:
            hint = self.tr("Choose an assignment on the left.")
            self.timeline.setHtml(f"<p style='color:#666'>{html.escape(hint)}</p>")
            return
        from db.assignments import EVENT_LABELS, SOURCE_LABELS, status_label
        ch, extra = self.chain
        e = html.escape
        t_overdue, t_late, t_due = self.tr("overdue"), self.tr("answered late"), self.tr("due")
        t_asked, t_back = self.tr("Asked:"), self.tr("Sent back:")
        t_file, t_answer_file = self.tr("file"), self.tr("answer file")
        t_linked = self.tr("Work done for it:")     # words, not 🔗 📎: the shipped fonts have no emoji
        heads = (self.tr("When"), self.tr("Office"), self.tr("Step"), self.tr("For"))
        t_timeline = self.tr("Timeline across offices")
        zh = self.ctx.lang.startswith("zh")
        from desktop.timeline_notes import assignment_note_text
        due_of = {a.id: a.due_date for a in ch.rows}
        t_after = self.tr("after the deadline above, %1: bring it forward")
        t_parts = self.tr("%1 parts handed down are still open: withdraw them with Withdraw…")
        t_above_me = self.tr("its state is kept by the offices above")
        t_to_withdraw = self.tr("still asked for: %1 has not withdrawn it yet")
        t_parts_done = self.tr("done, but %1 parts handed down are still open: withdraw or keep them with Withdraw…")
        t_kept = self.tr("kept open below by %1")
        status_of = {a.id: a.status for a in ch.rows}
        kept = {ev.assignment_id for ev in ch.events if ev.kind == "parts_kept" and ev.actor_office == ev.receiver}
        # a row received by an office above this one is a copy as it was handed down (db/sync/README.md, "Hand-down"):
        # its state never changes here — a township read 已签收 for the city's assignment the city had withdrawn
        above_me = {r[0] for r in self.ctx.db.execute(
            "WITH RECURSIVE up(id) AS (SELECT parent_id FROM office WHERE id = ? "
            "UNION SELECT o.parent_id FROM office o JOIN up ON o.id = up.id) SELECT id FROM up WHERE id IS NOT NULL",
            [self.ctx.office_id])}
        parts = []
        for a in ch.rows:
            pad = 18 * ch.depth[a.id]
            state = status_label(a.status)[0 if zh else 1]
            flags = ""
            if a.office_id in above_me:
                state = t_above_me
            elif a.withdrawn_above:
                state = self._above_label()
            else:
                if a.overdue:
                    flags += f" <span style='color:#a00'>{e(t_overdue)}</span>"
                if a.answered_late:
                    flags += f" <span style='color:#a60'>{e(t_late)}</span>"
            above = due_of.get(a.parent_id) if a.parent_id else None
            if a.status == "withdrawn" and a.office_id == self.ctx.office_id:
                # withdrawn from above: the parts this office handed down are its own to withdraw
                still = self._parts_open(a)
                if still:
                    flags += f" <span style='color:#a00'>{e(t_parts.replace('%1', str(len(still))))}</span>"
            elif a.status == "done" and a.office_id == self.ctx.office_id and a.id not in kept:
                # its answer accepted above while parts below are still asked for: to withdraw, or keep on purpose
                still = self._parts_open(a)
                if still:
                    flags += f" <span style='color:#a00'>{e(t_parts_done.replace('%1', str(len(still))))}</span>"
            elif (a.parent_id in kept and a.awaiting_answer and status_of.get(a.parent_id) == "done"
                  and a.sender_office_id != self.ctx.office_id):
                flags += f" <span style='color:#555'>{e(t_kept.replace('%1', a.sender_name))}</span>"
            elif (status_of.get(a.parent_id) == "done" and a.awaiting_answer
                  and a.sender_office_id != self.ctx.office_id):
                # a part under an assignment done here (or above): still asked for until its sender closes it
                flags += f" <span style='color:#a00'>{e(t_to_withdraw.replace('%1', a.sender_name))}</span>"
            elif a.above_withdrawn_at and a.withdrawable and a.sender_office_id != self.ctx.office_id:
                # a part under an assignment withdrawn here (or above): its sender has yet to pass the withdrawal on,
                # and until then its receiver is still asked for it (the city read a township's part 待签收 as if
                # nothing had happened)
                flags += f" <span style='color:#a00'>{e(t_to_withdraw.replace('%1', a.sender_name))}</span>"
            if above and a.due_date and a.due_date > above and a.status not in ("done", "withdrawn"):  # shortened
                flags += f" <span style='color:#a00'>{e(t_after.replace('%1', above))}</span>"
            head = (f"<b>{e(a.sender_name)} → {e(a.receiver_name)}</b> · {e(state)} · "
                    f"{e(t_due)} {e(a.due_date or '—')}{flags}")
            body = [f"<div style='font-size:110%'>{e(a.title)}</div>"]
            if a.request:
                body.append(f"<div>{e(t_asked)} {e(a.request)}</div>")
            if a.source_text:
                src = SOURCE_LABELS.get(a.source_kind, (a.source_kind, a.source_kind))[0 if zh else 1]
                body.append(f"<div style='color:#555'>{e(src)}{'：' if zh else ': '}{e(a.source_text)}</div>")
            if a.answer:
                answer_label = self.tr("Answer (round %1):").replace("%1", str(a.answer_round))
                body.append(f"<div style='color:#064'>{e(answer_label)}"
                            f" {e(a.answer)}</div>")
            if a.withdrawn_at:
                withdrawn = self.tr("Withdrawn by %1 on %2:").replace("%1", a.sender_name) \
                    .replace("%2", a.withdrawn_at[:10])
                body.append(f"<div style='color:#a00'>{e(withdrawn)} {e(a.withdrawn_note or '')}</div>")
            elif a.withdrawn_above and a.office_id not in above_me:
                body.append(f"<div style='color:#a00'>{e(self._above_text(a))}</div>")
            if a.verdict == "returned" and a.verdict_note:
                # answered again since: the reason is the earlier answer's, said so (it read as the new one's)
                back = t_back if a.verdict_round == a.answer_round else \
                    self.tr("Answer round %1 was sent back:").replace("%1", str(a.verdict_round))
                body.append(f"<div style='color:#a00'>{e(back)} {e(a.verdict_note)}</div>")
            lk, fl = extra.get(a.id, ([], []))
            for _t, _id, text in lk:
                said = assignment_note_text("linked", text, zh)      # 督办事项 … / Follow-up …
                body.append(f"<div style='color:#555'>{e(t_linked)} {e(said)}</div>")
            for fid, kind, name in fl:
                label = t_file if kind == "assignment" else t_answer_file
                body.append(f"<div style='color:#555'>{e(label)}{'：' if zh else ': '}"
                            f"<a href='file:{e(fid)}'>{e(name)}</a></div>")
            parts.append(f"<div style='margin-left:{pad}px; margin-top:6px'>{head}{''.join(body)}</div>")
        rows = []
        for ev in ch.events:
            label = ev.label_zh if zh else EVENT_LABELS.get(ev.kind, (ev.kind, ev.kind))[1]
            rows.append(f"<tr><td style='white-space:nowrap'>{e(ev.at[:16].replace('T', ' '))}</td>"
                        f"<td>{e(ev.who or '—')}</td><td><b>{e(label)}</b></td>"
                        f"<td>{e(ev.receiver)}</td></tr>")
            note = assignment_note_text(ev.kind, ev.note, zh)       # stored in Chinese; said in the window's
            if note:        # under the step, across the row: a fifth column was a few characters wide at 1024
                rows.append(f"<tr><td></td><td colspan='3' style='color:#444'>{e(note)}</td></tr>")
        # 99%: a table 100% wide comes out one pixel wider than the viewport at every other width (Qt rounds up),
        # and a sideways scroll bar with nothing to scroll sat under the timeline
        table = ("<table cellspacing='0' cellpadding='3' width='99%'>"
                 "<tr style='background:#eef'>" + "".join(f"<th align='left'>{e(h)}</th>" for h in heads) + "</tr>"
                 + "".join(rows) + "</table>")
        self.timeline.setHtml("".join(parts) + f"<h3>{e(t_timeline)}</h3>" + table)

    # -- actions ----------------------------------------------------------------------------
    def _update_buttons(self) -> None:
        a, me = self.current, self.ctx.office_id
        received = a is not None and a.office_id == me
        sent = a is not None and a.sender_office_id == me
        self.receive_button.setEnabled(received and a.status == "new")
        self.answer_button.setEnabled(received and a.awaiting_answer)
        has_below = getattr(self.ctx.office, "level", "") != "township"      # a township hands nothing down
        # nor sends anything: the sender's steps were four buttons greyed out for good on every township's page
        for b in (self.new_button, self.hand_down_button, self.edit_button, self.accept_button, self.return_button,
                  self.withdraw_button):
            b.setVisible(has_below)
        self.hand_down_button.setEnabled(received and a.awaiting_answer)
        self.link_button.setEnabled(received and a.status != "withdrawn")
        self.edit_button.setEnabled(sent and a.status not in ("done", "withdrawn"))
        self.accept_button.setEnabled(sent and a.status == "answered")
        self.return_button.setEnabled(sent and a.status == "answered")
        parts = received and a.status in ("withdrawn", "done") and not self._kept(a) and bool(self._parts_open(a))
        self.withdraw_button.setEnabled((sent and a.withdrawable) or parts)
        self.withdraw_button.setToolTip(
            (self.tr("Done above: withdraw the parts this office handed down from it, still open below, or keep them")
             if a.status == "done" else
             self.tr("Withdraw the parts this office handed down from it, still open below")) if parts else
            self.tr("Take back an assignment not answered yet, or one whose answer was sent back"))

    def _kept(self, a) -> bool:
        """The parts handed down from `a` were kept open on purpose (db.assignments.keep_parts)."""
        return self.chain is not None and any(ev.assignment_id == a.id and ev.kind == "parts_kept"
                                              and ev.actor_office == ev.receiver for ev in self.chain[0].events)

    def _parts_open(self, a) -> list:
        """The parts this office handed down from `a` that it may still withdraw, as the chain shown holds them."""
        if self.chain is None or not any(r.id == a.id for r in self.chain[0].rows):
            return []
        return [r for r in self.chain[0].rows
                if r.parent_id == a.id and r.sender_office_id == self.ctx.office_id and r.withdrawable]

    def save_file(self, attachment_id: str) -> str | None:
        """Save an attachment of the assignment (clicked in the timeline) where the person chooses."""
        from PySide6.QtWidgets import QFileDialog

        from db.assignments import save_file
        from desktop.ops import QueryOp
        row = self.ctx.db.execute("SELECT name FROM attachment WHERE id = ?", [attachment_id]).fetchone()
        if row is None:
            return None
        from desktop.dialogs.last_folder import remember, start_path
        dest, _f = QFileDialog.getSaveFileName(self, self.tr("Save the file"), start_path(self.ctx.settings, "copies", row[0]))
        if not dest:
            return None
        remember(self.ctx.settings, "copies", dest)
        QueryOp(self.ctx, parent=self, op=lambda db: save_file(db, attachment_id, dest)).run_in_background()
        return dest

    def _run(self, op, kind: str, others: list[str]) -> None:
        from desktop.ops import CollectionOp
        about = self.current.id if self.current is not None else None
        CollectionOp(self.ctx, parent=self, op=op).success(self._done(kind, others, about)).run_in_background()

    def _done(self, kind: str, others: list[str], about: str | None):
        """After a step succeeded: refresh, and say that the other office learns of it with the next package."""
        def done(_result) -> None:
            from db.assignments import EVENT_LABELS
            if not isValid(self):
                return
            text = self.tr("%1 here; %2 sees it after the next sync package (Sync › Write the package(s)).")
            self.notice.setText(text.replace("%1", self.ctx.pick(*EVENT_LABELS[kind]))
                                .replace("%2", self.tr(", ").join(dict.fromkeys(others))))
            self._notice_about = about
            self.notice.setVisible(True)
            self.refresh()
        return done

    def new_record(self, parent_assignment=None):
        from db.assignments import lower_offices
        from desktop.dialogs.assignment_dialogs import NewAssignmentDialog
        self.dialog = NewAssignmentDialog(self.ctx, lower_offices(self.ctx.db), self,
                                          parent_assignment=parent_assignment)
        self.dialog.done_with.connect(lambda number: self._after_create(number, parent_assignment))
        self.dialog.open()
        return self.dialog

    def _after_create(self, number, parent_assignment=None) -> None:
        self._select_after = number
        from db.assignments import batch
        others = [a.receiver_name for a in batch(self.ctx.db, number)]
        self._done("handed_down" if parent_assignment is not None else "sent", others, number)(number)

    def hand_down_selected(self):
        return self.new_record(self.current) if self.current is not None else None

    def receive_selected(self) -> None:
        from db.assignments import receive
        if self.current is not None:
            aid = self.current.id
            self._run(lambda db: receive(db, aid), "accepted", [self.current.sender_name])

    def accept_selected(self) -> None:

        from db.assignments import accept_answer
        if self.current is None:
            return
        aid = self.current.id
        text = self.tr("Accept the answer of %1? The assignment is then done, and the answer cannot be sent back.") \
            .replace("%1", self.current.receiver_name)
        from db.assignments import parts_open_below, status_label
        below = parts_open_below(self.ctx.db, aid)       # as this office holds them (the last package from below)
        if below:           # they stay asked for until the office below closes them: said before, not found out after
            one = self.tr("%1 (%2)")
            names = self.tr(", ").join(one.replace("%1", p.receiver_name)
                                       .replace("%2", self.ctx.pick(*status_label(p.status))) for p in below)
            text += "\n\n" + self.tr("Parts %1 handed down are still open below: %2. After the next sync %1 is asked "
                                     "to withdraw them or keep them open.").replace("%1", self.current.receiver_name) \
                .replace("%2", names)
        if confirm(# one click closed it for good (办结): the answer is final after it
            self, self.tr("Accept the answer"), text, self.tr("Accept")):
            self._run(lambda db: accept_answer(db, aid), "done", [self.current.receiver_name])

    def answer_selected(self):
        from db.assignments import answer
        from desktop.dialogs.assignment_dialogs import TextDialog
        if self.current is None:
            return None
        aid = self.current.id
        label = self.tr("Answer to %1: what was done, with files if any.").replace("%1", self.current.sender_name)
        if self.current.status == "returned" and self.current.verdict_note:
            label += "\n" + self.tr("Sent back because: %1").replace("%1", self.current.verdict_note)
        text = self.current.answer or ""
        if not text:        # the answers of the parts handed down and accepted: what this office's answer is made of
            from db.assignments import parts_answered
            parts = parts_answered(self.ctx.db, aid)
            text = "\n".join(f"{p.receiver_name}：{(p.answer or '').strip()}" for p in parts)
            if parts:
                label += "\n" + self.tr("Begun with the answers of the offices below, accepted: edit it as needed.")
        from db.assignments import parts_not_done, status_label
        waiting = parts_not_done(self.ctx.db, aid)
        if waiting:         # answered up now, their answers do not go with it: said before, not found out after
            one = self.tr("%1 (%2)")
            names = self.tr(", ").join(one.replace("%1", p.receiver_name)
                                       .replace("%2", self.ctx.pick(*status_label(p.status))) for p in waiting)
            label += "\n" + self.tr("Not answered or not reviewed yet below: %1. Their answers are not in this one; "
                                    "wait for them, or answer now and say so.").replace("%1", names)
        self.dialog = TextDialog(self.ctx, self.tr("Answer"), label, lambda db, t, f: answer(db, aid, t, f), self,
                                 files=True, text=text)
        self.dialog.ok_button.setText(self.tr("Answer"))       # what it does, not 确定 (as 撤回 and 全部撤回 do)
        self.dialog.done_with.connect(self._done("answered", [self.current.sender_name], aid))
        self.dialog.open()
        return self.dialog

    def return_selected(self):
        from db.assignments import return_answer
        from desktop.dialogs.assignment_dialogs import TextDialog
        if self.current is None:
            return None
        aid = self.current.id
        self.dialog = TextDialog(self.ctx, self.tr("Send the answer back"),
                                 self.tr("Why %1 should work it again:").replace("%1", self.current.receiver_name),
                                 lambda db, t: return_answer(db, aid, t), self)
        self.dialog.ok_button.setText(self.tr("Send back"))
        self.dialog.done_with.connect(self._done("returned", [self.current.receiver_name], aid))
        self.dialog.open()
        return self.dialog

    def withdraw_selected(self):
        """撤回: the sender takes back an assignment made by mistake, saying why (kept on the timeline)."""
        from db.assignments import withdraw
        from desktop.dialogs.assignment_dialogs import TextDialog
        if self.current is None:
            return None
        if self.current.office_id == self.ctx.office_id:        # withdrawn or done above: its parts still open below
            from desktop.dialogs.assignment_dialogs import WithdrawPartsDialog
            parts = self._parts_open(self.current)
            if not parts:
                return None
            dlg = self.dialog = WithdrawPartsDialog(self.ctx, self.current, parts, self)
            withdrawn = self._done("withdrawn", [p.receiver_name for p in parts], self.current.id)
            kept = self._done("parts_kept", [self.current.sender_name], self.current.id)
            dlg.done_with.connect(lambda result: (kept if dlg.kept else withdrawn)(result))
            dlg.open()
            return dlg
        aid = self.current.id
        label = self.tr("Withdraw the assignment “%1” sent to %2? It is then closed here and, after the next sync, "
                        "at %2 too; the timeline keeps who withdrew it, when and why.\nWhy it is withdrawn:") \
            .replace("%1", self.current.title).replace("%2", self.current.receiver_name)
        below = [r for r in (self.chain[0].rows if self.chain is not None else ())
                 if r.parent_id == aid and r.withdrawable]
        if below:           # they stay asked for until the office below passes the withdrawal on: said beforehand
            names = self.tr(", ").join(dict.fromkeys(r.receiver_name for r in below))
            label = self.tr("%1 handed parts of it down, still open at %2: after the next sync %1 is asked to "
                            "withdraw them too.").replace("%1", self.current.receiver_name).replace("%2", names) \
                + "\n" + label
        self.dialog = TextDialog(self.ctx, self.tr("Withdraw the assignment"), label,
                                 lambda db, t: withdraw(db, aid, t), self)
        self.dialog.ok_button.setText(self.tr("Withdraw"))
        self.dialog.save_on_close = False       # closing it never withdraws: only its own 撤回 button does
        self.dialog.done_with.connect(self._done("withdrawn", [self.current.receiver_name], aid))
        self.dialog.open()
        return self.dialog

    def edit_selected(self):
        from desktop.dialogs.assignment_dialogs import EditAssignmentDialog
        if self.current is None:
            return None
        self.dialog = EditAssignmentDialog(self.ctx, self.current, self)
        self.dialog.done_with.connect(lambda _r: self.refresh())
        self.dialog.open()
        return self.dialog

    def link_selected(self):
        from db.assignments import linkable_records
        from desktop.dialogs.assignment_dialogs import LinkRecordDialog
        if self.current is None:
            return None
        self.dialog = LinkRecordDialog(self.ctx, self.current.id, linkable_records(self.ctx.db), self)
        self.dialog.done_with.connect(lambda _r: self.refresh())
        self.dialog.open()
        return self.dialog


PAGE_CLASS = AssignmentsPage
