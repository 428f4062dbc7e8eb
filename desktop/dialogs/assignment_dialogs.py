"""Dialogs of the 交办 page: hand work down (new, or a part of a received one), answer / send back, link a record.

Each is opened with `.open()` (never exec) and calls its db function on a worker when OK is pressed; it
stays open with the reason shown when the data core refuses (bad date, nothing chosen …)."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.act_then_close import AsksBeforeDiscarding
from desktop.style import message_label
from desktop.widgets.fields import DateEdit


class OpDialog(AsksBeforeDiscarding, QDialog):
    """OK runs `self.work(db)` on a worker; `done_with(result)` after it succeeded."""

    done_with = Signal(object)
    # the data core's field name → the dialog's attribute holding its editor, where they differ
    field_widgets: dict[str, str] = {"due_date": "due", "request": "request"}

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.lay = QVBoxLayout(self)
        self.error = message_label(self)      # in the error colour, as in every other dialog
        # its line is kept while hidden: a reason appearing moved the fields about 20 px under the mouse, and the
        # next click landed in the field above the one aimed at
        policy = self.error.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.error.setSizePolicy(policy)
        self.error.setText("—")
        self.error.setMinimumHeight(self.error.sizeHint().height())     # one line of it
        self.error.clear()
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(lambda: self.submit())
        self.buttons.rejected.connect(self.reject)

    def line_edit(self, text: str = "", field: str | None = None):
        """A one-line field that refuses, and says so here by the field's own limit, a paste it could not hold
        whole (a bare QLineEdit cut it at 32,767 characters without a word, and the length then refused was the
        cut one). `field` as for desktop.dialogs.act_then_close.line_edit."""
        from desktop.dialogs.act_then_close import line_edit
        return line_edit(self, text, field)

    def show_problem(self, text: str) -> None:
        self._show_error(text)

    def finish_layout(self) -> None:
        self.lay.addWidget(self.error)
        self.lay.addWidget(self.buttons)
        # a reason shown goes once the person types again (it stayed: "请填写标题。" under a title typed since)
        for edit in self.findChildren(QLineEdit):
            edit.textEdited.connect(lambda _text: self._clear_error())
        for edit in self.findChildren(QPlainTextEdit):
            edit.textChanged.connect(self._clear_error)

    def _clear_error(self) -> None:
        if self.error.isVisible():
            self.error.clear()
            self.error.setVisible(False)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def check(self) -> str | None:
        """A reason not to submit yet (shown under the fields), or None."""
        return None

    def work(self, db):
        raise NotImplementedError

    def submit(self) -> None:
        problem = self.check()
        if problem:
            self._show_error(problem)
            return
        from desktop.ops import CollectionOp
        self.ok_button.setEnabled(False)
        self._busy = True
        CollectionOp(self.ctx, parent=self, op=self.work).success(self._succeeded) \
            .failure(self._failed).run_in_background()

    def _succeeded(self, result) -> None:
        self._busy = False
        self.done_with.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        from db.errors import LiaisonError
        self.ok_button.setEnabled(True)
        self._busy = False
        # disabling OK while it ran moved the focus to Cancel, where the next Enter threw the form away: back to
        # the field the reason is about when the data core names one, else to OK
        name = getattr(exc, "field", None) or ""
        field = getattr(self, self.field_widgets.get(name, name), None)
        target = field if isinstance(field, QWidget) and field.isVisibleTo(self) and field.isEnabled() \
            else self.ok_button
        self.ok_button.setDefault(True)
        target.setFocus()
        if isinstance(exc, LiaisonError):
            self._show_error(exc.message(self.ctx.lang))
        else:
            self.ctx.errors.report(exc, parent=self)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)


class FileList(QWidget):
    """Files to attach: a list with Add / Remove."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setMaximumHeight(64)
        lay.addWidget(self.list, 1)
        col = QVBoxLayout()
        self.add_button = QPushButton(self.tr("Add file…"), self)
        self.add_button.clicked.connect(lambda: self.add_files())
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.clicked.connect(lambda: [self.list.takeItem(self.list.row(i))
                                                    for i in self.list.selectedItems()])
        # 移除 takes off the files selected: with none (no file added yet) it is off and says so (it did nothing)
        self.list.itemSelectionChanged.connect(self._update_remove)
        col.addWidget(self.add_button)
        col.addWidget(self.remove_button)
        col.addStretch(1)
        lay.addLayout(col)
        self._update_remove()

    def _update_remove(self) -> None:
        chosen = bool(self.list.selectedItems())
        self.remove_button.setEnabled(chosen)
        self.remove_button.setToolTip("" if chosen else self.tr("Select a file in the list first."))

    def add_files(self, paths: list[str] | None = None) -> None:
        if paths is None:
            paths, _f = QFileDialog.getOpenFileNames(self, self.tr("Attach files"))
        for p in paths or []:
            self.list.addItem(p)
        if paths:                       # the file just added is the one 移除 would take off
            self.list.setCurrentRow(self.list.count() - 1)

    def paths(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]


class NewAssignmentDialog(OpDialog):
    """交办: to one or more offices directly below; `parent_assignment` when handing a part of a received one
    further down. `done_with(number)`."""

    def __init__(self, ctx, offices: list[tuple[str, str, str]], parent: QWidget | None = None, *,
                 parent_assignment=None):
        super().__init__(ctx, parent)
        from db.assignments import SOURCE_LABELS
        self.parent_assignment = parent_assignment
        self.setWindowTitle(self.tr("Hand a part down") if parent_assignment else self.tr("New assignment"))
        self.resize(620, 560)
        if parent_assignment is not None:
            src = QLabel(self.tr("Handing down a part of “%1” from %2").replace("%1", parent_assignment.title)
                         .replace("%2", parent_assignment.sender_name), self)
            src.setWordWrap(True)
            self.lay.addWidget(src)
        form = QFormLayout()
        self.boxes: dict[str, QCheckBox] = {}
        for oid, code, name in offices:
            box = QCheckBox(self.ctx.pick(f"{name}（{code}）", f"{name} ({code})"), self)     # brackets of the language
            self.boxes[oid] = box
        recv = QWidget(self)
        rl = QVBoxLayout(recv)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.setSpacing(2)
        for box in self.boxes.values():
            rl.addWidget(box)
        if not offices:
            rl.addWidget(QLabel(self.tr("This office has no offices below it."), self))
        # a district has twenty and more townships: they scroll, so the buttons stay on a 768-pixel screen
        self.receivers = QScrollArea(self)
        self.receivers.setWidget(recv)
        self.receivers.setWidgetResizable(True)
        self.receivers.setFrameShape(QFrame.Shape.NoFrame)
        self.receivers.setMaximumHeight(min(recv.sizeHint().height() + 4, 180))
        self.all_box = None
        if len(offices) > 1:
            # "请各街道…": a district hands most work to every township; ticking two dozen boxes one by one
            # in a five-row list was the day's chore
            self.all_box = QCheckBox(self.tr("All %1 offices below").replace("%1", str(len(offices))), self)
            self.all_box.clicked.connect(self._choose_all)
            for box in self.boxes.values():
                box.toggled.connect(lambda _on: self._follow_choice())
            to_col = QVBoxLayout()
            to_col.setContentsMargins(0, 0, 0, 0)
            to_col.setSpacing(2)
            to_col.addWidget(self.all_box)
            to_col.addWidget(self.receivers)
            form.addRow(self.tr("To"), to_col)
        else:
            form.addRow(self.tr("To"), self.receivers)
        self.title = self.line_edit(field="assignment.title")
        self.title.setMaxLength(200)
        if parent_assignment is not None:
            self.title.setText(parent_assignment.title)
        form.addRow(self.tr("Title"), self.title)
        self.request = QPlainTextEdit(self)
        self.request.setMinimumHeight(90)
        form.addRow(self.tr("What is asked"), self.request)
        self.source = QComboBox(self)
        for key, (zh, en) in SOURCE_LABELS.items():
            self.source.addItem(self.ctx.pick(zh, en), key)
        if parent_assignment is not None:
            self.source.setCurrentIndex(self.source.findData(parent_assignment.source_kind))
        form.addRow(self.tr("Source"), self.source)
        self.source_text = QPlainTextEdit(self)
        self.source_text.setMaximumHeight(70)
        self.source_text.setPlaceholderText(self.tr("The leader's instruction, or where it came from"))
        if parent_assignment is not None and parent_assignment.source_text:
            self.source_text.setPlainText(parent_assignment.source_text)
        form.addRow(self.tr("Instruction / source"), self.source_text)
        due_row = QHBoxLayout()
        self.has_due = QCheckBox(self.tr("Due by"), self)
        # a date typed whole (2027-01-15, 2027/1/15, full-width digits), or picked from the calendar: Qt's
        # QDateEdit edited one section at a time and turned a typed 2027-01-15 into another date
        self.due = DateEdit(self)
        today = self.ctx.today()
        self.due.setText((today + dt.timedelta(days=14)).isoformat())
        if parent_assignment is not None and parent_assignment.due_date:
            self.due.setText(parent_assignment.due_date)
        self.has_due.setChecked(True)
        self.has_due.toggled.connect(self.due.setEnabled)
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due)
        due_row.addStretch(1)
        form.addRow(self.tr("Due date"), due_row)
        self.files = FileList(self)
        form.addRow(self.tr("Attachments"), self.files)
        self.lay.addLayout(form)
        self.finish_layout()

    def chosen(self) -> list[str]:
        return [oid for oid, box in self.boxes.items() if box.isChecked()]

    def _choose_all(self, on: bool) -> None:
        for box in self.boxes.values():
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self._follow_choice()

    def _follow_choice(self) -> None:
        """全部 is ticked when every office is, and only then."""
        if self.all_box is not None:
            self.all_box.setChecked(all(box.isChecked() for box in self.boxes.values()))

    def check(self) -> str | None:
        if not self.chosen():
            return self.tr("Choose at least one office to send it to.")
        if not self.title.text().strip():
            return self.tr("Write a title.")
        return None

    def work(self, db):
        from db.assignments import create_assignment
        return create_assignment(
            db, to=self.chosen(), title=self.title.text(), request=self.request.toPlainText(),
            due_date=(self.due.text() or None) if self.has_due.isChecked() else None,
            source_kind=self.source.currentData(), source_text=self.source_text.toPlainText(),
            parent_id=self.parent_assignment.id if self.parent_assignment is not None else None,
            files=self.files.paths())


class TextDialog(OpDialog):
    """One text to write (an answer, a reason to send back, a remark), with files when `files`."""

    # an empty text is refused by the data core by name (请填写撤回理由 / 退回理由 / 反馈内容), at the text box; the
    # dialog's own "内容不能为空" named nothing
    field_widgets = {"reason": "text", "answer": "text"}

    def __init__(self, ctx, title: str, label: str, op, parent: QWidget | None = None, *, files: bool = False,
                 required: bool = True, text: str = ""):
        super().__init__(ctx, parent)
        self.setWindowTitle(title)
        self.resize(560, 380 if files else 300)
        self._op, self._required = op, required
        caption = QLabel(label, self)
        caption.setWordWrap(True)
        self.lay.addWidget(caption)
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        self.lay.addWidget(self.text, 1)
        self.files = FileList(self) if files else None
        if self.files is not None:
            self.lay.addWidget(self.files)
        self.finish_layout()

    def work(self, db):
        text = self.text.toPlainText()
        return self._op(db, text, self.files.paths()) if self.files is not None else self._op(db, text)


class WithdrawPartsDialog(TextDialog):
    """The assignment above was withdrawn: the parts this office handed down from it that are still open, listed,
    withdrawn all at once with the reason from above (editable). A township learns of a withdrawal only from its
    own part: the row above it is a copy as it was handed down."""

    save_on_close = False           # closing it never withdraws: only its own button does

    def __init__(self, ctx, assignment, parts, parent: QWidget | None = None):
        from db.assignments import keep_parts, reason_from_above, status_label, withdraw_parts
        aid = assignment.id
        self.kept = False           # True once 保留 was pressed and it succeeded
        self._keep = lambda db: keep_parts(db, aid)
        done = assignment.status == "done"
        who = assignment.sender_name if assignment.withdrawn_at or done else (assignment.above_sender_name or "")
        if done:        # its answer accepted above: nothing more is asked for from above, the parts are
            label = self.tr("%1 accepted the answer to “%2”: it is done. These %3 parts this office handed down are "
                            "still open below: withdraw them all, so that the offices below are no longer asked for "
                            "them (each is told with its next package), or keep them open if their work goes "
                            "on:")
        else:
            label = self.tr("%1 withdrew “%2”. These %3 parts this office handed down are still open below; withdraw "
                            "them all, so that the offices below are no longer asked for them (each is told with its "
                            "next package):")
        label = label.replace("%1", who).replace("%2", assignment.title).replace("%3", str(len(parts)))
        super().__init__(ctx, self.tr("Withdraw the parts handed down"), label,
                         lambda db, t: withdraw_parts(db, aid, t), parent, text=reason_from_above(assignment))
        self.keep_button = None
        if done:
            self.keep_button = self.buttons.addButton(self.tr("Keep them open"),
                                                      QDialogButtonBox.ButtonRole.ActionRole)
            self.keep_button.setToolTip(self.tr("Their work goes on below; this office is no longer asked to "
                                                "withdraw them (the timeline says so)"))
            self.keep_button.clicked.connect(self._keep_open)
        self.parts = QListWidget(self)
        for p in parts:
            state = ctx.pick(*status_label("answered" if p.withdrawn_above else p.status))     # its answer is in
            self.parts.addItem(f"{p.receiver_name} · {state} · {p.title}")
        self.parts.setMaximumHeight(self.parts.sizeHintForRow(0) * min(len(parts), 8) + 2 * self.parts.frameWidth()
                                    + 4)
        reason = QLabel(self.tr("Reason given to them:"), self)
        at = self.lay.indexOf(self.text)
        self.lay.insertWidget(at, self.parts)
        self.lay.insertWidget(at + 1, reason)
        self.ok_button.setText(self.tr("Withdraw all"))

    def _keep_open(self) -> None:
        from desktop.ops import CollectionOp
        self.keep_button.setEnabled(False)
        self.ok_button.setEnabled(False)
        self._busy = True

        def kept(result) -> None:
            self.kept = True
            self._succeeded(result)

        def failed(exc) -> None:
            self.keep_button.setEnabled(True)
            self._failed(exc)
        CollectionOp(self.ctx, parent=self, op=self._keep).success(kept).failure(failed).run_in_background()


class LinkRecordDialog(OpDialog):
    """Link one of this office's follow-ups, visits, meetings or reports to a received assignment."""

    def __init__(self, ctx, assignment_id: str, records: list[tuple[str, str, str]], parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(self.tr("Link a record"))
        self.resize(620, 420)
        self.assignment_id = assignment_id
        caption = QLabel(self.tr("The work this office did for it (its own follow-ups, visits, meetings, reports):"),
                         self)
        caption.setWordWrap(True)
        self.lay.addWidget(caption)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setPlaceholderText(self.tr("Search: a word of the title, the kind or the date"))
        self.search.textChanged.connect(self.filter)
        self.lay.addWidget(self.search)
        self.list = QListWidget(self)
        self.records = records
        from desktop.timeline_notes import assignment_note_text
        for _t, _id, text in records:            # 督办事项 2026-11-01 … / Follow-up 2026-11-01 …
            self.list.addItem(assignment_note_text("linked", text, self.ctx.is_zh()))
            self.list.item(self.list.count() - 1).setData(Qt.ItemDataRole.UserRole, text)
        if records:
            self.list.setCurrentRow(0)
        self.lay.addWidget(self.list, 1)
        self.none_found = QLabel(self.tr("No record matches: try fewer or other words."), self)
        self.none_found.setObjectName("hint")
        self.none_found.hide()
        self.lay.addWidget(self.none_found)
        if not records:                 # an empty list said nothing (a district whose work is its townships')
            self.none_found.setText(self.tr("This office has no follow-ups, visits, meetings or reports of its own "
                                            "yet: record the work first, then link it here."))
            self.none_found.setWordWrap(True)
            self.none_found.show()
            self.search.setEnabled(False)
        self.finish_layout()
        self.search.setFocus()

    def filter(self, text: str) -> None:
        """Show only the records whose description holds every word typed (any order, any case)."""
        words = text.casefold().split()
        first = -1
        for row in range(self.list.count()):
            item = self.list.item(row)
            said = f"{item.text()} {item.data(Qt.ItemDataRole.UserRole) or ''}".casefold()    # either language
            hidden = not all(w in said for w in words)
            item.setHidden(hidden)
            if not hidden and first < 0:
                first = row
        current = self.list.currentItem()
        if current is None or current.isHidden():
            self.list.setCurrentRow(first)
        self.none_found.setVisible(not self.records or first < 0)

    def check(self) -> str | None:
        if self.list.currentRow() < 0 or self.list.currentItem().isHidden():
            return self.tr("Choose a record.")
        return None

    def work(self, db):
        from db.assignments import link_record
        table, rid, _text = self.records[self.list.currentRow()]
        return link_record(db, self.assignment_id, table, rid)


class EditAssignmentDialog(OpDialog):
    """The sender changes what it asked: title, text, due date (the receiver sees it after the next sync)."""

    def __init__(self, ctx, assignment, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.assignment = assignment
        self.setWindowTitle(self.tr("Change the assignment"))
        self.resize(560, 380)
        head = QLabel(self.tr("Sent to %1").replace("%1", assignment.receiver_name), self)
        self.lay.addWidget(head)
        form = QFormLayout()
        self.title = self.line_edit(assignment.title, "assignment.title")
        self.title.setMaxLength(200)
        form.addRow(self.tr("Title"), self.title)
        self.request = QPlainTextEdit(assignment.request or "", self)
        form.addRow(self.tr("What is asked"), self.request)
        row = QHBoxLayout()
        self.has_due = QCheckBox(self.tr("Due by"), self)
        self.due = DateEdit(self)              # a typed year is kept (QDateEdit's sections lost it)
        self.due.setText(assignment.due_date or (self.ctx.today() + dt.timedelta(days=14)).isoformat())
        self.has_due.setChecked(bool(assignment.due_date))
        self.due.setEnabled(bool(assignment.due_date))
        self.has_due.toggled.connect(self.due.setEnabled)
        row.addWidget(self.has_due)
        row.addWidget(self.due)
        row.addStretch(1)
        form.addRow(self.tr("Due date"), row)
        self.lay.addLayout(form)
        self.finish_layout()

    def check(self) -> str | None:
        return None if self.title.text().strip() else self.tr("Write a title.")

    def submit(self) -> None:
        if self.check() is None and not self._parts_agreed():
            self.due.setFocus()
            return
        super().submit()

    def _parts_agreed(self) -> bool:
        """A due date brought before a part the receiver handed further down: say which parts, and change it
        only when asked to (No is the default). The parts are the receiver's to change: it sent them (the
        township's rows, written by the district), so they are not touched here; the new date reaches the
        receiver by sync, and its timeline marks the parts due after it."""
        from db.assignments import parts_due_after
        from desktop.widgets.confirm import confirm
        due = self.due.text() if self.has_due.isChecked() else None
        if not due or due == self.assignment.due_date:
            return True
        try:
            dt.date.fromisoformat(due)
        except ValueError:
            return True                     # not a date: the data core says so
        parts = parts_due_after(self.ctx.db, self.assignment.id, due)
        if not parts:
            return True
        listed = "\n".join(f"  {p.receiver_name}  {p.due_date}  {p.title}" for p in parts)
        text = self.tr("%1 has handed parts of this down that are due after %2:\n%3\n\nThose parts are %1's to "
                       "change, not this office's: after the next exchange %1 sees the new date, with those parts "
                       "marked, and brings them forward.\n\nChange the due date to %2 anyway?")
        text = text.replace("%1", self.assignment.receiver_name).replace("%2", due).replace("%3", listed)
        return confirm(self, self.tr("Parts due later than the new date"), text, self.tr("Change the date"))

    def work(self, db):
        from db.assignments import update_assignment
        due = (self.due.text() or None) if self.has_due.isChecked() else None
        changes = {"title": self.title.text(), "request": self.request.toPlainText().strip() or None}
        if due != self.assignment.due_date:
            changes["due_date"] = due
        return update_assignment(db, self.assignment.id, **changes)
