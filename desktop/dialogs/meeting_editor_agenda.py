"""Meeting editor, agenda tab: agenda items (议题) with background and what was agreed, and the
speeches (发言摘要) under each — a list on the left, the selected item on the right.

value(): [{"key", "id"?, "title", "background", "decision",
           "speeches": [{"id"?, "member_id", "speaker_name", "summary"}]}]
New items get a key "new-…" that consensus items can refer to before the meeting is saved.
"""

from __future__ import annotations

import copy
import uuid
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


def clean_text(text: str | None) -> str | None:
    text = (text or "").replace("\r\n", "\n").strip()
    return text or None


def text_problem(table: str, field: str, value: str | None, ctx) -> str | None:
    """The data core's own rule for one field, as a message in the interface language."""
    from db.errors import ValidationError
    from db.validate import clean
    try:
        clean(ctx.db, table, {field: value}, partial=True)
    except ValidationError as exc:
        return exc.message(ctx.lang)
    return None


def list_buttons(parent: QWidget, names: tuple[str, ...]) -> tuple[QHBoxLayout, dict[str, QPushButton]]:
    bar = QHBoxLayout()
    buttons = {}
    for name in names:
        b = QPushButton(parent)
        b.setAutoDefault(False)
        buttons[name] = b
        bar.addWidget(b)
    bar.addStretch(1)
    return bar, buttons


class SpeakerCombo(QComboBox):
    """A member of the group, or any typed name (a guest)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.lineEdit().setMaxLength(60)

    def set_members(self, members: list[tuple[str, str]]) -> None:
        text, data = self.currentText(), self.currentData()
        self.blockSignals(True)
        self.clear()
        for member_id, name in members:
            self.addItem(name, member_id)
        self.set_speaker(data, text)
        self.blockSignals(False)

    def set_speaker(self, member_id: str | None, name: str | None) -> None:
        i = self.findData(member_id) if member_id else -1
        if i >= 0:
            self.setCurrentIndex(i)
        else:
            self.setCurrentIndex(-1)
            self.setEditText(name or "")

    def speaker(self) -> tuple[str | None, str | None]:
        """(member_id, speaker_name): a listed member by id, anything else by name."""
        text = self.currentText().strip()
        i = self.findText(text, Qt.MatchFlag.MatchExactly)
        if i >= 0:
            return self.itemData(i), None
        return None, text or None


class AgendaWidget(QWidget):
    changed = Signal()
    items_changed = Signal()      # titles or order changed (the consensus tab lists them)
    other_changed = Signal()      # the speeches not on any agenda item changed

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[dict] = []
        self._read_only = False
        # speeches made at the meeting but not on any agenda item (an opening or closing word, a
        # speech recorded elsewhere): the last entry of the list, which has no title of its own
        self._other: dict = {"key": None, "id": None, "speeches": []}
        self._members: list[tuple[str, str]] = []
        self._filling = False
        outer = QHBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        outer.addWidget(split)

        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 6, 0)
        self.items_title = QLabel(left)
        self.items_title.setObjectName("sectionTitle")
        ll.addWidget(self.items_title)
        self.list = QListWidget(left)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.currentRowChanged.connect(self._show_item)
        ll.addWidget(self.list, 1)
        bar, self.item_buttons = list_buttons(left, ("add", "remove", "up", "down"))
        self.item_buttons["add"].clicked.connect(lambda: self.add_item())
        self.item_buttons["remove"].clicked.connect(self.remove_item)
        self.item_buttons["up"].clicked.connect(lambda: self.move_item(-1))
        self.item_buttons["down"].clicked.connect(lambda: self.move_item(1))
        ll.addLayout(bar)

        self.detail = QWidget(split)
        dl = QVBoxLayout(self.detail)
        dl.setContentsMargins(6, 0, 0, 0)
        form = self.item_form = QFormLayout()
        self.title = QLineEdit(self.detail)
        self.background = QPlainTextEdit(self.detail)
        self.decision = QPlainTextEdit(self.detail)
        for w in (self.background, self.decision):
            w.setTabChangesFocus(True)
            w.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        self.title_label, self.background_label, self.decision_label = QLabel(), QLabel(), QLabel()
        form.addRow(self.title_label, self.title)
        form.addRow(self.background_label, self.background)
        form.addRow(self.decision_label, self.decision)
        dl.addLayout(form)
        self.speeches_title = QLabel(self.detail)
        self.speeches_title.setObjectName("sectionTitle")
        dl.addWidget(self.speeches_title)
        self.speech_list = QListWidget(self.detail)
        self.speech_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.speech_list.currentRowChanged.connect(self._show_speech)
        dl.addWidget(self.speech_list, 1)
        bar, self.speech_buttons = list_buttons(self.detail, ("add", "remove", "up", "down"))
        self.speech_buttons["add"].clicked.connect(lambda: self.add_speech())
        self.speech_buttons["remove"].clicked.connect(self.remove_speech)
        self.speech_buttons["up"].clicked.connect(lambda: self.move_speech(-1))
        self.speech_buttons["down"].clicked.connect(lambda: self.move_speech(1))
        dl.addLayout(bar)
        sform = QFormLayout()
        self.speaker = SpeakerCombo(self.detail)
        self.summary = QPlainTextEdit(self.detail)
        self.summary.setTabChangesFocus(True)
        self.summary.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.speaker_label, self.summary_label = QLabel(), QLabel()
        sform.addRow(self.speaker_label, self.speaker)
        sform.addRow(self.summary_label, self.summary)
        dl.addLayout(sform)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([240, 640])

        self.title.textChanged.connect(lambda t: self._set_field("title", t))
        self.background.textChanged.connect(lambda: self._set_field("background", self.background.toPlainText()))
        self.decision.textChanged.connect(lambda: self._set_field("decision", self.decision.toPlainText()))
        self.speaker.currentTextChanged.connect(lambda _t: self._set_speech_field())
        self.summary.textChanged.connect(self._set_speech_field)
        self.retranslate()
        self._show_item(-1)

    def retranslate(self) -> None:
        self.items_title.setText(self.tr("Agenda items"))
        self.speeches_title.setText(self.tr("Speeches not on an agenda item") if self.on_other()
                                    else self.tr("Speeches on this item"))
        self.title_label.setText(self.tr("Item"))
        self.background_label.setText(self.tr("Background"))
        self.decision_label.setText(self.tr("What was agreed"))
        self.speaker_label.setText(self.tr("Speaker"))
        self.summary_label.setText(self.tr("Summary"))
        self.speaker.setToolTip(self.tr("Choose a member, or type the name of a guest"))
        for name, text in (("add", self.tr("Add item")), ("remove", self.tr("Remove")), ("up", self.tr("Up")),
                           ("down", self.tr("Down"))):
            self.item_buttons[name].setText(text)
        for name, text in (("add", self.tr("Add speech")), ("remove", self.tr("Remove")), ("up", self.tr("Up")),
                           ("down", self.tr("Down"))):
            self.speech_buttons[name].setText(text)
        self._refresh_labels()

    # -- members offered as speakers --------------------------------------------------
    def set_members(self, members: list[tuple[str, str]]) -> None:
        self._members = list(members)
        self._filling = True
        self.speaker.set_members(self._members)
        # the shown speech's speaker again, now that she may be on the list: a meeting reopened from its draft
        # had its speeches before its members, and 发言人 stayed empty (an edit then took the speaker off the speech)
        s = self.current_speech()
        if s is not None:
            self.speaker.set_speaker(s["member_id"], s["speaker_name"])
        self._filling = False
        self._refresh_labels()

    def _speaker_text(self, s: dict) -> str:
        if s.get("member_id"):
            return next((n for m, n in self._members if m == s["member_id"]), s.get("speaker_name") or "")
        return s.get("speaker_name") or ""

    # -- items ----------------------------------------------------------------------
    def current(self) -> dict | None:
        """The selected agenda item, or the entry of speeches on no item (see on_other)."""
        row = self.list.currentRow()
        if row == len(self._items):
            return self._other
        return self._items[row] if 0 <= row < len(self._items) else None

    def on_other(self) -> bool:
        return self.list.currentRow() == len(self._items)

    def current_speech(self) -> dict | None:
        item = self.current()
        row = self.speech_list.currentRow()
        return item["speeches"][row] if item and 0 <= row < len(item["speeches"]) else None

    def add_item(self, title: str = "") -> dict:
        item = {"key": f"new-{uuid.uuid4().hex[:12]}", "id": None, "title": title or None, "background": None,
                "decision": None, "speeches": []}
        self._items.append(item)
        self._refresh_labels()
        self._select_item(len(self._items) - 1)
        self.title.setFocus()
        self._edited(structure=True)
        return item

    def show_other(self) -> None:
        """Select the speeches that are on no agenda item."""
        self._select_item(len(self._items))

    def _select_item(self, row: int) -> None:
        """Select a row and show it, whether or not the selection changed: after a list was rebuilt
        with its signals blocked, the same row number may hold another item."""
        self.list.setCurrentRow(row)
        self._show_item(row)

    def _select_speech(self, row: int) -> None:
        self.speech_list.setCurrentRow(row)
        self._show_speech(row)

    def remove_item(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self._items):
            del self._items[row]
            self._refresh_labels()
            self._select_item(min(row, len(self._items) - 1))
            self._edited(structure=True)

    def move_item(self, step: int) -> None:
        row = self.list.currentRow()
        new = row + step
        if 0 <= row < len(self._items) and 0 <= new < len(self._items):
            self._items[row], self._items[new] = self._items[new], self._items[row]
            self._refresh_labels()
            self._select_item(new)
            self._edited(structure=True)

    def add_speech(self) -> dict | None:
        item = self.current()
        if item is None:
            item = self.add_item()
        speech = {"id": None, "member_id": None, "speaker_name": None, "summary": None}
        item["speeches"].append(speech)
        self._refresh_speeches()
        self._select_speech(len(item["speeches"]) - 1)
        self.speaker.setFocus()
        self._speeches_edited(item)
        return speech

    def remove_speech(self) -> None:
        item, row = self.current(), self.speech_list.currentRow()
        if item and 0 <= row < len(item["speeches"]):
            del item["speeches"][row]
            self._refresh_speeches()
            self._select_speech(min(row, len(item["speeches"]) - 1))
            self._speeches_edited(item)

    def move_speech(self, step: int) -> None:
        item, row = self.current(), self.speech_list.currentRow()
        if not item:
            return
        new = row + step
        sp = item["speeches"]
        if 0 <= row < len(sp) and 0 <= new < len(sp):
            sp[row], sp[new] = sp[new], sp[row]
            self._refresh_speeches()
            self._select_speech(new)
            self._speeches_edited(item)

    # -- showing and editing the current item ----------------------------------------
    def _refresh_labels(self) -> None:
        row = self.list.currentRow()
        self.list.blockSignals(True)
        self.list.clear()
        for n, item in enumerate(self._items, start=1):
            self.list.addItem(f"{n}. {item['title'] or self.untitled()}")
        self.list.addItem(self._other_label())
        other = self.list.item(len(self._items))
        font = other.font()
        font.setItalic(True)
        other.setFont(font)
        other.setToolTip(self.tr("Speeches made at the meeting but not on any agenda item; the minutes print "
                                 "them after the agenda items"))
        self.list.setCurrentRow(min(row, len(self._items)))
        self.list.blockSignals(False)
        self._refresh_speeches()

    def _other_label(self) -> str:
        n = len(self._other["speeches"])
        return self.tr("Other speeches (%1)").replace("%1", str(n)) if n else self.tr("Other speeches")

    def _refresh_speeches(self) -> None:
        item = self.current()
        row = self.speech_list.currentRow()
        self.speech_list.blockSignals(True)
        self.speech_list.clear()
        for s in (item["speeches"] if item else []):
            summary = " ".join((s.get("summary") or "").split())
            self.speech_list.addItem(f"{self._speaker_text(s) or '?'}：{summary[:60]}")
        if item:
            self.speech_list.setCurrentRow(min(max(row, 0), len(item["speeches"]) - 1))
        self.speech_list.blockSignals(False)

    def _show_item(self, _row: int) -> None:
        item, other = self.current(), self.on_other()
        self._filling = True
        self.title.setText(item.get("title") or "" if item else "")
        self.background.setPlainText(item.get("background") or "" if item else "")
        self.decision.setPlainText(item.get("decision") or "" if item else "")
        self._filling = False
        for w in (self.title, self.background, self.decision):
            self.item_form.setRowVisible(w, not other)
        for name in ("remove", "up", "down"):
            self.item_buttons[name].setEnabled(not other)
        self.speeches_title.setText(self.tr("Speeches not on an agenda item") if other
                                    else self.tr("Speeches on this item"))
        self.detail.setEnabled(item is not None)
        self._refresh_speeches()
        self._show_speech(self.speech_list.currentRow())

    def _show_speech(self, _row: int) -> None:
        s = self.current_speech()
        self._filling = True
        self.speaker.set_speaker(s["member_id"] if s else None, s["speaker_name"] if s else None)
        self.summary.setPlainText(s["summary"] or "" if s else "")
        self._filling = False
        for w in (self.speaker, self.summary, self.speech_buttons["remove"], self.speech_buttons["up"],
                  self.speech_buttons["down"]):
            w.setEnabled(s is not None)
        if self._read_only:                 # a combo's list would still choose another speaker
            self.speaker.setEnabled(False)

    def _set_field(self, name: str, text: str) -> None:
        item = self.current()
        if self._filling or item is None or self.on_other():
            return
        item[name] = clean_text(text)
        if name == "title":
            row = self.list.currentRow()
            self.list.item(row).setText(f"{row + 1}. {item['title'] or self.untitled()}")
        self._edited(structure=name == "title")

    def _set_speech_field(self) -> None:
        s = self.current_speech()
        if self._filling or s is None:
            return
        s["member_id"], s["speaker_name"] = self.speaker.speaker()
        s["summary"] = clean_text(self.summary.toPlainText())
        row = self.speech_list.currentRow()
        summary = " ".join((s["summary"] or "").split())
        self.speech_list.item(row).setText(f"{self._speaker_text(s) or '?'}：{summary[:60]}")
        self._speeches_edited(self.current())

    def _edited(self, *, structure: bool = False) -> None:
        if self._filling:
            return
        self.changed.emit()
        if structure:
            self.items_changed.emit()

    def _speeches_edited(self, item: dict | None) -> None:
        if item is not self._other:
            self._edited()
        elif not self._filling:
            self.list.item(len(self._items)).setText(self._other_label())
            self.other_changed.emit()

    def untitled(self) -> str:
        return self.tr("(untitled)")

    # -- value ----------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]]:
        """The agenda items, without a new one left entirely blank (added, nothing typed yet): it is
        neither an error to show while the person is still typing nor a row to save."""
        return copy.deepcopy([i for i in self._items if not _blank_new(i)])

    def set_value(self, value: list[dict] | None) -> None:
        self._items = [{"key": i.get("key") or i.get("id") or f"new-{uuid.uuid4().hex[:12]}", "id": i.get("id"),
                        "title": i.get("title"), "background": i.get("background"), "decision": i.get("decision"),
                        "speeches": [_speech(s) for s in i.get("speeches") or []]}
                       for i in value or []]
        self._refresh_labels()
        self.list.setCurrentRow(0 if self._items else -1)
        self._show_item(self.list.currentRow())
        self.items_changed.emit()

    def other_value(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._other["speeches"])

    def set_other_value(self, value: list[dict] | None) -> None:
        self._other["speeches"] = [_speech(s) for s in value or []]
        self._refresh_labels()
        if self.list.currentRow() < 0 and not self._items and self._other["speeches"]:
            self.list.setCurrentRow(0)      # nothing but speeches on no item: show them
        self._show_item(self.list.currentRow())

    def titles(self) -> list[tuple[str, str]]:
        """(key, "n. title") of the items, for choosing one elsewhere."""
        return [(i["key"], f"{n}. {i['title'] or self.untitled()}") for n, i in enumerate(self._items, 1)]

    def select(self, item_index: int, speech_index: int | None = None) -> None:
        self.list.setCurrentRow(item_index)
        if speech_index is not None:
            self.speech_list.setCurrentRow(speech_index)

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for b in (*self.item_buttons.values(), *self.speech_buttons.values()):
            b.setVisible(not read_only)
        for w in (self.title, self.background, self.decision, self.summary):
            w.setReadOnly(read_only)
        self.speaker.lineEdit().setReadOnly(read_only)
        self.speaker.setEnabled(not read_only and self.current_speech() is not None)

    def check(self, value) -> str | None:
        value = value or []
        # the numbers the list shows (a blank new item, left out of the value, still has its row)
        shown = [n for n, i in enumerate(self._items, start=1) if not _blank_new(i)]
        numbers = shown if len(shown) == len(value) else range(1, len(value) + 1)
        for n, item in zip(numbers, value, strict=True):
            if not item["title"]:
                return self.tr("Agenda item %1 has no title.").replace("%1", str(n))
            for field in ("title", "background", "decision"):
                problem = text_problem("agenda_item", field, item[field], self.ctx)
                if problem:
                    return self.tr("Agenda item %1: %2").replace("%1", str(n)).replace("%2", problem)
            for m, s in enumerate(item["speeches"], start=1):
                problem = self._speech_problem(
                    s, self.tr("Agenda item %1, speech %2").replace("%1", str(n)).replace("%2", str(m)))
                if problem:
                    return problem
        return None

    def check_other(self, value) -> str | None:
        for m, s in enumerate(value or [], start=1):
            problem = self._speech_problem(s, self.tr("Other speeches, speech %1").replace("%1", str(m)))
            if problem:
                return problem
        return None

    def _speech_problem(self, s: dict, where: str) -> str | None:
        if not s["member_id"] and not s["speaker_name"]:
            return self.tr("%1: choose the speaker.").replace("%1", where)
        if not s["summary"]:
            return self.tr("%1: the summary is empty.").replace("%1", where)
        problem = (text_problem("speech", "summary", s["summary"], self.ctx)
                   or text_problem("speech", "speaker_name", s["speaker_name"], self.ctx))
        if problem:
            return self.tr("%1: %2").replace("%1", where).replace("%2", problem)
        return None


class OtherSpeeches(QWidget):
    """The meeting form's field for the speeches on no agenda item. They are edited in the
    AgendaWidget (its last entry); this invisible field carries their value, check and changes."""

    changed = Signal()

    def __init__(self, agenda: AgendaWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.agenda = agenda
        agenda.other_changed.connect(self.changed)
        self.setFixedHeight(0)

    def value(self) -> list[dict[str, Any]]:
        return self.agenda.other_value()

    def set_value(self, value: list[dict] | None) -> None:
        self.agenda.set_other_value(value)

    def check(self, value) -> str | None:
        return self.agenda.check_other(value)


def _blank_new(item: dict) -> bool:
    return (item.get("id") is None and not any(item.get(k) for k in ("title", "background", "decision"))
            and not item.get("speeches"))


def _speech(s: dict) -> dict:
    return {"id": s.get("id"), "member_id": s.get("member_id"), "speaker_name": s.get("speaker_name"),
            "summary": s.get("summary")}
