"""Moving a record to its next state: the dialog that records who, when and why, and the timeline view.

    dlg = StateMoveDialog(ctx, parent, from_label, to_label, extra="reply")   # or "satisfaction", …
    dlg.set_action(ctx, lambda db, values: move(db, **values), on_done=lambda _event: reload())
    dlg.open()

Record runs the move on a worker and the dialog closes only when it was recorded: a refused time
or a reply too long is said in the dialog, with everything typed still there.

The person's name is remembered in the settings (records/actor) and offered next time.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import today as office_clock
from desktop.dialogs.act_then_close import ActThenClose, AsksBeforeDiscarding, line_edit
from desktop.labels import enum_choices, enum_label
from desktop.models.record_columns import short_time
from desktop.style import message_label
from desktop.widgets.fields import typed_date

ACTOR_KEY = "records/actor"


def remembered_actor(ctx) -> str:
    """Who records a step: the person signed in (accounts on), else the name typed last on this PC (with accounts
    on it was the name typed before, and the timeline said "Zhang San" for a step the head took)."""
    from db import accounts
    me = accounts.current()
    if me is not None:
        return me.display_name
    return ctx.settings.value(ACTOR_KEY, "", type=str)


class StateMoveDialog(AsksBeforeDiscarding, ActThenClose, QDialog):
    """Asks for the time, the person, a note, and what the target state needs (`extra`):
    "lead_unit", "reply", "satisfaction", "instruction" or None."""

    def __init__(self, ctx, parent: QWidget | None, from_label: str, to_label: str, *, extra: str | None = None,
                 extra_value: str | None = None):
        super().__init__(parent)
        self.ctx, self.extra = ctx, extra
        self.setWindowModality(Qt.WindowModality.WindowModal)
        lay = QVBoxLayout(self)
        self.heading = QLabel(self)
        self.heading.setObjectName("sectionTitle")
        self.heading.setText(self.tr("%1 → %2").replace("%1", from_label).replace("%2", to_label))
        lay.addWidget(self.heading)
        form = QFormLayout()
        self._now_text = office_clock.now().strftime("%Y-%m-%d %H:%M")
        self.at = QLineEdit(self._now_text, self)
        self.at.setPlaceholderText(self.tr("e.g. 2026-01-31 09:30"))
        form.addRow(self.tr("Time"), self.at)
        self.actor = QLineEdit(remembered_actor(ctx), self)
        self.actor.setMaxLength(60)
        self.actor.setPlaceholderText(self.tr("Your name"))
        form.addRow(self.tr("By"), self.actor)
        self.extra_widget: QWidget | None = None
        self.extra_label = ""
        if extra == "satisfaction":
            combo = QComboBox(self)
            combo.addItem(self.tr("Choose…"), None)      # nothing chosen: Enter recorded 满意 unasked
            for value, text in enum_choices("satisfaction"):
                combo.addItem(text, value)
            if extra_value:
                combo.setCurrentIndex(max(combo.findData(extra_value), 0))
            self.extra_widget = combo
            self.extra_label = self.tr("Satisfaction")
            form.addRow(self.extra_label, combo)
        elif extra == "lead_unit":
            self.extra_widget = line_edit(self, extra_value or "", "follow_up.lead_unit")
            self.extra_label = self.tr("Lead unit")
            form.addRow(self.extra_label, self.extra_widget)
        elif extra in ("reply", "instruction"):
            self.extra_widget = QPlainTextEdit(extra_value or "", self)
            self.extra_widget.setTabChangesFocus(True)
            self.extra_widget.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 12)
            self.extra_label = self.tr("Reply") if extra == "reply" else self.tr("Leader's instruction")
            form.addRow(self.extra_label, self.extra_widget)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 12)
        form.addRow(self.tr("Note"), self.note)
        lay.addLayout(form)
        # its room kept while hidden: a reason appearing pushed 记录 down about 20 px, and the click made again
        # after correcting the time landed beside it
        self.reason = message_label(self, keep_lines=2)
        lay.addWidget(self.reason)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Record"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.setWindowTitle(self.tr("Record a step"))
        self.resize(460, 0)
        for edit in (self.at, self.actor):
            edit.textEdited.connect(lambda _t: self._clear_problem())
        self.note.textChanged.connect(self._clear_problem)
        if isinstance(self.extra_widget, QComboBox):
            self.extra_widget.currentIndexChanged.connect(lambda _i: self._clear_problem())
        elif isinstance(self.extra_widget, QPlainTextEdit):
            self.extra_widget.textChanged.connect(self._clear_problem)
        elif self.extra_widget is not None:
            self.extra_widget.textEdited.connect(lambda _t: self._clear_problem())

    def extra_value(self) -> str | None:
        w = self.extra_widget
        if w is None:
            return None
        if isinstance(w, QComboBox):
            return w.currentData()
        text = w.toPlainText() if isinstance(w, QPlainTextEdit) else w.text()
        return text.strip() or None

    def result_values(self) -> dict:
        """at, actor, note and the extra field (named after `extra`)."""
        at = typed_date(self.at.text()).strip()
        if at == self._now_text:
            at = ""             # left as offered: the moment it is recorded (seconds count for the order)
        out = {"at": at or None, "actor": self.actor.text().strip() or None,
               "note": self.note.toPlainText().strip() or None}
        if self.extra:
            out[self.extra] = self.extra_value()
        return out

    def show_problem(self, message: str) -> None:
        self.reason.setText(message)
        self.reason.show()

    def _clear_problem(self) -> None:
        """A reason goes once the person types or chooses again (it stayed under the value since chosen)."""
        if self.reason.isVisible():
            self.reason.hide()

    def accept(self) -> None:
        if self.extra and self.extra_widget is not None and not self.extra_value():
            if isinstance(self.extra_widget, QComboBox):
                self.show_problem(self.tr("Please choose “%1”.").replace("%1", self.extra_label))
            else:
                self.show_problem(self.tr("Please fill in “%1”.").replace("%1", self.extra_label))
            self.extra_widget.setFocus()
            return
        if self.actor.text().strip():
            self.ctx.settings.setValue(ACTOR_KEY, self.actor.text().strip())
        self.finish()


class TimelineView(QTreeWidget):
    """The dated timeline of a record: time · step · by whom (office) · note."""

    def __init__(self, enum_kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.enum_kind = enum_kind
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        self.setUniformRowHeights(False)
        self.setColumnCount(4)
        self.header().setStretchLastSection(True)
        self.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.setColumnWidth(0, 130)
        self.setColumnWidth(1, 150)
        self.setColumnWidth(2, 150)
        # who and at which office, whole (a long name with its office was cut to 阿依古丽·买买提（新…)
        self.header().setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        # five steps in view at least: squeezed under the form at 1366×768 it showed two and a half (the editor's
        # body scrolls instead)
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 7 + 16)
        self._events: tuple = ()
        self.retranslate()

    def retranslate(self) -> None:
        self.setHeaderLabels([self.tr("Time"), self.tr("Step"), self.tr("By"), self.tr("Note")])
        self.set_events(self._events)

    def set_events(self, events) -> None:
        """Show the events (db.timeline.StateEvent), oldest first."""
        self._events = tuple(events)
        self.clear()
        from db.followups import DUE_NOTE_PREFIX
        from desktop.timeline_notes import note_text
        for e in self._events:
            note = note_text(e.note)
            if e.is_note and note.startswith(DUE_NOTE_PREFIX):
                step, note = self.tr("Due date changed"), note[len(DUE_NOTE_PREFIX):]
            elif e.is_note:
                step = self.tr("Supervision note")
            elif e.from_state is None:
                step = self.tr("Created: %1").replace("%1", enum_label(self.enum_kind, e.to_state))
            else:
                step = f"{enum_label(self.enum_kind, e.from_state)} → {enum_label(self.enum_kind, e.to_state)}"
            who = e.actor or ""
            if e.actor_office_name:
                # （…） in Chinese, " (…)" in English: the translation holds the punctuation
                who = self.tr("%1 (%2)").replace("%1", who).replace("%2", e.actor_office_name) if who \
                    else e.actor_office_name
            item = QTreeWidgetItem([short_time(e.at), step, who, note])
            item.setToolTip(3, note)
            self.addTopLevelItem(item)
        if self.topLevelItemCount():        # the step just recorded in view (it was below the fold)
            self.scrollToItem(self.topLevelItem(self.topLevelItemCount() - 1))


class StatePanel(QWidget):
    """The state of a record with a button per allowed next step, an optional note button, and its
    timeline. `move_requested(target)`, `note_requested()`."""

    move_requested = Signal(str)
    note_requested = Signal()

    def __init__(self, enum_kind: str, targets: dict[str, str], parent: QWidget | None = None, *,
                 with_note: bool = False):
        super().__init__(parent)
        self.enum_kind = enum_kind
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.state_label = QLabel(self)
        self.state_label.setObjectName("sectionTitle")
        bar.addWidget(self.state_label)
        self.warning = message_label(self, wrap=False, bold=True)
        bar.addWidget(self.warning)
        bar.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        from desktop.widgets.clicks import guard
        for target, text in targets.items():
            b = QPushButton(text, self)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, t=target: self.move_requested.emit(t))
            self.buttons[target] = b
            bar.addWidget(b)
        if self.buttons:
            guard(*self.buttons.values())   # a double click is one step (the button under the mouse changes)
        self.note_button = QPushButton(self)
        self.note_button.setAutoDefault(False)
        self.note_button.clicked.connect(self.note_requested)
        self.note_button.setVisible(with_note)
        self._with_note = with_note
        bar.addWidget(self.note_button)
        lay.addLayout(bar)
        self.timeline_title = QLabel(self)
        self.timeline_title.setObjectName("sectionTitle")
        lay.addWidget(self.timeline_title)
        self.timeline = TimelineView(enum_kind, self)
        self.timeline.setMinimumHeight(150)
        lay.addWidget(self.timeline, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.note_button.setText(self.tr("Add a note…"))
        self.timeline_title.setText(self.tr("Timeline"))
        self.timeline.retranslate()

    def set_button_texts(self, texts: dict[str, str]) -> None:
        for target, text in texts.items():
            self.buttons[target].setText(text)

    def show_state(self, state: str | None, next_states: tuple[str, ...], events, *, warning: str = "") -> None:
        """`state` None: a record not saved yet (no steps possible)."""
        if state is None:
            self.state_label.setText(self.tr("Not saved yet"))
        else:
            self.state_label.setText(self.tr("State: %1").replace("%1", enum_label(self.enum_kind, state)))
        self.warning.setText(warning)
        self.warning.setVisible(bool(warning))
        for target, b in self.buttons.items():
            b.setVisible(target in next_states)
        self.note_button.setVisible(self._with_note and state is not None)
        self.timeline.set_events(events)
