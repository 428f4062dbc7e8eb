"""The home page's 交办 box: assignments received and not yet received (签收), answers to review,
overdue ones and those due within their reminder days (db.assignments.home_items). A row opens the
交办 page on that assignment. (A widget of desktop.pages.home, kept here with the other 交办 widgets.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
WRAP_ROLE = int(Qt.ItemDataRole.UserRole) + 2       # a title cell read whole over more lines (a withdrawal's reason)
WATCHED = frozenset({"assignment", "state_event"})
TITLE = 1


class _WrappedWhenAsked(QStyledItemDelegate):
    """A cell marked WRAP_ROLE goes on over more lines (its row made taller) instead of being cut."""

    def initStyleOption(self, option: QStyleOptionViewItem, index) -> None:  # noqa: N802 - Qt's name
        super().initStyleOption(option, index)
        if index.data(WRAP_ROLE):
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText


class AssignmentInbox(QWidget):
    """`loaded` after each read."""

    loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.items: list = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(4)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        self.title.setWordWrap(True)            # every kind listed, in English too, at 1024 pixels
        lay.addWidget(self.title)
        self.table = QTableWidget(0, 5, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        row_h = self.table.fontMetrics().height() + 10
        self.table.verticalHeader().setDefaultSectionSize(row_h)
        self.table.setMaximumHeight(row_h * 4 + 30)
        self._wrapped = _WrappedWhenAsked(self.table)
        self.table.setItemDelegateForColumn(TITLE, self._wrapped)
        self.table.viewport().installEventFilter(self)      # the title's column stretches with it: rows fitted again
        self.table.cellActivated.connect(self._open)
        self.table.cellDoubleClicked.connect(self._open)
        lay.addWidget(self.table)
        self.empty = QLabel(self)
        self.empty.setObjectName("hint")
        lay.addWidget(self.empty)
        ctx.changed.connect(self._on_changed)     # a bound slot: disconnected when this widget is deleted
        self.retranslate()
        self._fill()
        ctx.when_open(self.refresh)         # at start-up, after the database opened (and any upgrade ran)

    def refresh(self) -> None:
        from db.assignments import home_items
        if not isValid(self):
            return
        from desktop.ops import QueryOp
        QueryOp(self.ctx, parent=self, op=home_items, success=self._set).run_in_background()

    def _on_changed(self, tables) -> None:
        if WATCHED & set(tables):
            self.refresh()

    def _set(self, items) -> None:
        if not isValid(self) or not isValid(self.table):      # the page closed while the read ran
            return
        self.items = list(items)
        self._fill()
        self.loaded.emit()

    def _kind_label(self, kind: str) -> str:
        return {"new": self.tr("New"), "withdrawn": self.tr("Withdrawn"), "review": self.tr("Answer to review"),
                "withdraw_parts": self.tr("Withdraw parts"),
                "overdue": self.tr("Overdue"), "due_soon": self.tr("Due soon")}[kind]

    def _fill(self) -> None:
        if self.items:          # db.assignments (sqlite-utils, the write path) is not needed before the first paint
            from db.assignments import status_label
        self.table.setRowCount(len(self.items))
        for i, it in enumerate(self.items):
            a = it.assignment
            other = a.sender_name if a.office_id == self.ctx.office_id else a.receiver_name
            left = a.days_left
            due = a.due_date or "—"
            if left is not None and (a.overdue or a.due_soon):
                due += "  " + (self.tr("%1 days late").replace("%1", str(-left)) if left < 0
                               else self.tr("%1 days left").replace("%1", str(left)))
            title = a.title
            if it.kind == "withdrawn":        # when and why, not a due date: nothing more is asked
                due = self.tr("withdrawn %1").replace("%1", (a.withdrawn_at or "")[:10])
                # the reason beside the title, the widest column: in the due date's it was cut after a few characters
                # (“2026-12-05 撤回：贵阳市…”), and a township read who withdrew it only in the tooltip
                title += self.tr(" (why: %1)").replace("%1", a.withdrawn_note or "—")
            elif it.kind == "withdraw_parts":     # withdrawn above; the offices below are still asked for their parts
                due = self.tr("%1 parts open below").replace("%1", str(it.open_parts))
            cells = [self._kind_label(it.kind), title, other, due, self.ctx.pick(*status_label(a.status))]
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, a.id)
                item.setToolTip(text)
                if j == TITLE and it.kind == "withdrawn":
                    item.setData(WRAP_ROLE, True)
                if j == 0 and it.kind in ("new", "overdue", "withdraw_parts"):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, j, item)
        self._fit_rows()
        self.title.setText(self._heading())
        self.table.setVisible(bool(self.items))
        self.empty.setVisible(not self.items)

    def _heading(self) -> str:
        """What the box lists, counted kind by kind in the order listed (it said 新交办 0 件 over answers to review,
        overdue ones and parts to withdraw, and a clerk read that there was nothing to do)."""
        counts: dict[str, int] = {}
        for it in self.items:
            counts[it.kind] = counts.get(it.kind, 0) + 1
        if not counts:
            return self.tr("Assignments — nothing to do")
        phrases = {"new": self.tr("new: %1"), "withdraw_parts": self.tr("parts to withdraw below: %1"),
                   "withdrawn": self.tr("withdrawn: %1"), "review": self.tr("answers to review: %1"),
                   "overdue": self.tr("overdue: %1"), "due_soon": self.tr("due soon: %1")}
        listed = self.ctx.pick("，", ", ").join(phrases[k].replace("%1", str(n)) for k, n in counts.items())
        return self.tr("Assignments — %1").replace("%1", listed)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and isValid(self.table) and watched is self.table.viewport():
            self._fit_rows()
        return False

    def _fit_rows(self) -> None:
        """A withdrawal's row as tall as its title and reason wrapped in the title's column; the others one line."""
        table = self.table
        fm, base = table.fontMetrics(), table.verticalHeader().defaultSectionSize()
        margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
        # the stretched column as wide as the viewport leaves it (the header lays its sections out later)
        width = table.viewport().width() - sum(table.columnWidth(i) for i in range(table.columnCount()) if i != TITLE)
        room = QRect(0, 0, max(1, width - 2 * margin), 10_000)
        for row in range(table.rowCount()):
            item = table.item(row, TITLE)
            height = base
            if item is not None and item.data(WRAP_ROLE):
                lines = round(fm.boundingRect(room, int(Qt.TextFlag.TextWordWrap), item.text()).height()
                              / fm.lineSpacing())
                height = base + (max(1, lines) - 1) * fm.lineSpacing()
            if table.rowHeight(row) != height:
                table.setRowHeight(row, height)

    def _open(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            self.ctx.open_requested.emit("assignments", item.data(ID_ROLE))

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels([self.tr("What"), self.tr("Title"), self.tr("From / to"),
                                              self.tr("Due"), self.tr("State")])
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for i, w in ((0, 110), (2, 150), (3, 170), (4, 90)):
            self.table.setColumnWidth(i, w)
        self.empty.setText(self.tr("No new assignments, none to review and none due soon."))
        self._fill()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
