"""Meeting editor, consensus tab: the consensus items (协商共识), each optionally under an agenda item,
and the follow-ups (督办) made from them — one step from a consensus item to a follow-up.

ConsensusWidget.value(): [{"id"?, "agenda_key", "text"}]
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import today as office_clock
from desktop.dialogs.act_then_close import ActThenClose, AsksBeforeDiscarding, line_edit, quote_box
from desktop.dialogs.meeting_editor_agenda import clean_text, list_buttons, text_problem
from desktop.labels import enum_label
from desktop.models.record_columns import OVERDUE_COLOR
from desktop.style import banner_label, message_label
from desktop.widgets.fields import DateEdit


class ConsensusWidget(QWidget):
    changed = Signal()
    follow_up_requested = Signal(int)        # the row of the consensus item

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[dict] = []
        self._read_only = False
        self._agenda: list[tuple[str, str]] = []
        self._filling = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        lay.addWidget(self.title)
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.currentRowChanged.connect(self._show)
        lay.addWidget(self.list, 1)
        bar, self.buttons = list_buttons(self, ("add", "remove", "up", "down", "follow_up"))
        self.buttons["add"].clicked.connect(lambda: self.add_item())
        self.buttons["remove"].clicked.connect(self.remove_item)
        self.buttons["up"].clicked.connect(lambda: self.move_item(-1))
        self.buttons["down"].clicked.connect(lambda: self.move_item(1))
        self.buttons["follow_up"].clicked.connect(lambda: self.follow_up_requested.emit(self.list.currentRow()))
        lay.addLayout(bar)
        form = QFormLayout()
        self.agenda_combo = QComboBox(self)
        self.text = QPlainTextEdit(self)
        self.text.setTabChangesFocus(True)
        self.text.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.agenda_label, self.text_label = QLabel(self), QLabel(self)
        form.addRow(self.agenda_label, self.agenda_combo)
        form.addRow(self.text_label, self.text)
        lay.addLayout(form)
        self.agenda_combo.currentIndexChanged.connect(lambda _i: self._set("agenda_key", self.agenda_combo.currentData()))
        self.text.textChanged.connect(lambda: self._set("text", clean_text(self.text.toPlainText())))
        self.retranslate()
        self._show(-1)

    def retranslate(self) -> None:
        self.title.setText(self.tr("Consensus reached (协商共识)"))
        self.agenda_label.setText(self.tr("Agenda item"))
        self.text_label.setText(self.tr("Consensus"))
        for name, text in (("add", self.tr("Add consensus")), ("remove", self.tr("Remove")), ("up", self.tr("Up")),
                           ("down", self.tr("Down")), ("follow_up", self.tr("Make follow-up…"))):
            self.buttons[name].setText(text)
        self.buttons["follow_up"].setToolTip(self.tr("Create a follow-up (督办事项) from the selected consensus"))
        self.set_agenda(self._agenda)
        self._refresh()

    def set_agenda(self, titles: list[tuple[str, str]]) -> None:
        self._agenda = list(titles)
        was = self._filling
        self._filling = True
        current = self.current()
        self.agenda_combo.clear()
        self.agenda_combo.addItem(self.tr("(the meeting as a whole)"), None)
        for key, title in self._agenda:
            self.agenda_combo.addItem(title, key)
        if current:
            self.agenda_combo.setCurrentIndex(max(self.agenda_combo.findData(current["agenda_key"]), 0))
        self._filling = was

    def current(self) -> dict | None:
        row = self.list.currentRow()
        return self._items[row] if 0 <= row < len(self._items) else None

    def _label(self, n: int, item: dict) -> str:
        text = " ".join((item["text"] or self.tr("(empty)")).split())
        return f"{n}. {text[:120]}"

    def _refresh(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for n, item in enumerate(self._items, start=1):
            self.list.addItem(self._label(n, item))
        self.list.setCurrentRow(min(row, len(self._items) - 1))
        self.list.blockSignals(False)

    def _show(self, _row: int) -> None:
        item = self.current()
        self._filling = True
        self.text.setPlainText((item["text"] or "") if item else "")
        self.agenda_combo.setCurrentIndex(max(self.agenda_combo.findData(item["agenda_key"]), 0) if item else 0)
        self._filling = False
        for w in (self.text, self.buttons["remove"], self.buttons["up"], self.buttons["down"],
                  self.buttons["follow_up"]):
            w.setEnabled(item is not None)
        self.agenda_combo.setEnabled(item is not None and not self._read_only)

    def _set(self, name: str, value) -> None:
        item = self.current()
        if self._filling or item is None:
            return
        item[name] = value
        row = self.list.currentRow()
        self.list.item(row).setText(self._label(row + 1, item))
        self.changed.emit()

    def add_item(self, text: str = "") -> dict:
        item = {"id": None, "agenda_key": None, "text": text or None}
        self._items.append(item)
        self._refresh()
        self.list.setCurrentRow(len(self._items) - 1)
        self.text.setFocus()
        self.changed.emit()
        return item

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._refresh()
            self._show(self.list.currentRow())
            self.changed.emit()

    def move_item(self, step: int) -> None:
        row, new = self.list.currentRow(), self.list.currentRow() + step
        if 0 <= row < len(self._items) and 0 <= new < len(self._items):
            self._items[row], self._items[new] = self._items[new], self._items[row]
            self._refresh()
            self.list.setCurrentRow(new)
            self.changed.emit()

    def value(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._items)

    def set_value(self, value: list[dict] | None) -> None:
        self._items = [{"id": c.get("id"), "agenda_key": c.get("agenda_key"), "text": c.get("text")}
                       for c in value or []]
        self._refresh()
        self.list.setCurrentRow(0 if self._items else -1)
        self._show(self.list.currentRow())

    def forget_agenda_key(self, keys: set[str]) -> None:
        """Consensus items under a removed agenda item move to the meeting as a whole."""
        for item in self._items:
            if item["agenda_key"] and item["agenda_key"] not in keys:
                item["agenda_key"] = None

    def set_read_only(self, read_only: bool) -> None:
        """Final minutes: the text is fixed, but follow-ups can still be made from it."""
        self._read_only = read_only
        for name in ("add", "remove", "up", "down"):
            self.buttons[name].setVisible(not read_only)
        self.text.setReadOnly(read_only)
        self.agenda_combo.setEnabled(not read_only and self.current() is not None)

    def check(self, value) -> str | None:
        for n, item in enumerate(value or [], start=1):
            if not item["text"]:
                return self.tr("Consensus %1 is empty.").replace("%1", str(n))
            problem = text_problem("consensus_item", "text", item["text"], self.ctx)
            if problem:
                return self.tr("Consensus %1: %2").replace("%1", str(n)).replace("%2", problem)
        return None


class FollowUpsView(QTreeWidget):
    """The follow-ups made from a meeting's consensus: item, lead unit, due date, state; overdue in red."""

    open_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setColumnCount(4)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.header().setStretchLastSection(False)
        for col, width in ((1, 150), (2, 96), (3, 110)):
            self.setColumnWidth(col, width)
        self.itemDoubleClicked.connect(lambda item, _c: self.open_requested.emit(item.data(0, Qt.ItemDataRole.UserRole)))
        self._follow_ups: tuple = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Follow-up"), self.tr("Lead unit"), self.tr("Due"), self.tr("State")])
        self.set_follow_ups(self._follow_ups)

    def set_follow_ups(self, follow_ups) -> None:
        self._follow_ups = tuple(follow_ups)
        self.clear()
        for f in self._follow_ups:
            state = enum_label("followup_state", f.state)
            if f.overdue:
                state = self.tr("%1 (overdue)").replace("%1", state)
            item = QTreeWidgetItem([f.title, f.lead_unit or "", f.due_date or "", state])
            item.setData(0, Qt.ItemDataRole.UserRole, f.id)
            if f.overdue:
                for col in range(4):
                    item.setForeground(col, QBrush(OVERDUE_COLOR))
            self.addTopLevelItem(item)


class FollowUpFromConsensusDialog(AsksBeforeDiscarding, ActThenClose, QDialog):
    """The few facts a follow-up needs: what, which unit leads, by when, what kind."""

    def __init__(self, ctx, parent: QWidget | None, consensus_text: str, made: tuple[str, ...] = ()):
        super().__init__(parent)
        from db.meeting_parts import default_follow_up_title
        from db.reference import items
        self.ctx = ctx
        self.setWindowModality(Qt.WindowModality.WindowModal)
        lay = QVBoxLayout(self)
        self.source = quote_box(self, consensus_text)
        lay.addWidget(self.source)
        # the follow-ups already made from it: said before a second one is made by a second click
        self.made = banner_label(self)
        if made:
            self.made.setText(self.tr("Already made from this consensus: %1. Go on only for a further, separate "
                                      "item.").replace("%1", self.tr(", ").join(f"“{t}”" for t in made)))
            self.made.show()
        lay.addWidget(self.made)
        form = QFormLayout()
        self.title = line_edit(self, default_follow_up_title(consensus_text), "follow_up.title")
        self.lead_unit = line_edit(self, field="follow_up.lead_unit")
        self.co_units = line_edit(self, field="follow_up.co_units")
        self.due_date = DateEdit(self)
        self.due_date.setText((office_clock.today() + dt.timedelta(days=30)).isoformat())
        self.category = QComboBox(self)
        self.category.addItem("", None)
        for i in items(ctx.db, "followup_category"):
            self.category.addItem(ctx.pick(i.name, i.name_en), i.id)
        form.addRow(self.tr("Follow-up item"), self.title)
        form.addRow(self.tr("Lead unit"), self.lead_unit)
        form.addRow(self.tr("Co-units"), self.co_units)
        form.addRow(self.tr("Due date"), self.due_date)
        form.addRow(self.tr("Category"), self.category)
        lay.addLayout(form)
        self.reason = message_label(self)
        self.reason.hide()
        lay.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create follow-up"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setWindowTitle(self.tr("Make a follow-up from the consensus"))
        self.resize(520, 0)

    def result_values(self) -> dict:
        return {"title": self.title.text().strip() or None, "lead_unit": self.lead_unit.text().strip() or None,
                "co_units": self.co_units.text().strip() or None, "due_date": self.due_date.text().strip() or None,
                "category_id": self.category.currentData()}

    def show_problem(self, message: str) -> None:
        self.reason.setText(message)
        self.reason.show()

    def accept(self) -> None:
        v = self.result_values()
        if not v["title"]:
            self.show_problem(self.tr("Please write what is to be followed up."))
            return
        problem = text_problem("follow_up", "due_date", v["due_date"], self.ctx)
        if problem:
            self.show_problem(problem)
            return
        self.finish()
