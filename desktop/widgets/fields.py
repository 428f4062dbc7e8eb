"""Form fields that validate as you type and show the reason next to the field.

    form = Form(ctx, "member")
    form.add("name")                       # widget, label and rules from db.model
    form.add("sector_id")                  # REF → a combo of the reference list
    form.add("phone", check=phone_check)   # an extra rule: returns a message or None
    form.add_widget("levels", self.tr("Levels"), LevelsWidget(...))   # anything with value()/set_value()
    form.values() / form.set_values(d) / form.is_valid() / form.show_error(field, message)
    form.changed  → (emitted on every edit)

Rules are the data core's own (db.validate.clean on the one field), so the form and the write
path never disagree; the message shown is the ValidationError's, in the interface language.
Rows are added in tab order.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from db import today as office_clock
from desktop.labels import enum_choices, field_enum, field_label
from desktop.style import ERROR_COLOR

Check = Callable[[Any], str | None]
_PHONE = re.compile(r"^[0-9+\-() ]{3,40}$")
# Dates as clerks type them: 2026/12/5, 2026.12.05, 2026年12月5日, with a time 9:00 or 9：00 after a space
_TYPED_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
                         r"(?:(?:\s+|[T])(\d{1,2})\s*[:：]\s*(\d{2})(?:\s*[:：]\s*(\d{2}))?)?$")


def typed_date(text: str) -> str:
    """A date (and time) as a clerk types it, in the stored form (2026/12/5 9:00 → 2026-12-05 09:00);
    anything else is returned as typed, so a refusal quotes what was typed."""
    import unicodedata
    plain = unicodedata.normalize("NFKC", text).strip()      # full-width digits from a Chinese IME
    m = _TYPED_DATE.match(plain)
    if not m:
        return text
    y, mo, d, h, mi, sec = m.groups()
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if h is not None:
        out += f" {int(h):02d}:{mi}" + (f":{sec}" if sec else "")
    return out


def typed_narrow(text: str) -> str:
    """A phone number or a time as typed, with the full-width digits, dashes and colons of a Chinese input method
    made plain (１３９－０８５１ → 139-0851, ０９：３０ → 09:30): they were refused as not digits."""
    import unicodedata
    return unicodedata.normalize("NFKC", text)


def phone_check(value) -> str | None:
    from PySide6.QtCore import QCoreApplication
    if value and not _PHONE.match(value):
        return QCoreApplication.translate("fields", "Use digits only, e.g. 0851-12345678 or 13800000000")
    return None


class DateEdit(QWidget):
    """A date as text (empty allowed) with a calendar button; value is ISO text or None."""

    textChanged = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        self.line = QLineEdit(self)
        self._hint: str | None = None           # None: the example date, in the language of the window
        self.line.setPlaceholderText(self.hint())
        self.line.setMaxLength(10)
        self.button = QToolButton(self)
        self.button.setText("…")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.button)
        self.calendar = QCalendarWidget(menu)
        act = QWidgetAction(menu)
        act.setDefaultWidget(self.calendar)
        menu.addAction(act)
        menu.aboutToShow.connect(self._sync_calendar)
        self._menu = menu
        self.calendar.clicked.connect(self._on_pick)
        self.button.setMenu(menu)
        lay.addWidget(self.line, 1)
        lay.addWidget(self.button)
        self.line.textChanged.connect(self.textChanged)
        self.setFocusProxy(self.line)

    def _on_pick(self, day: QDate) -> None:
        self.line.setText(day.toString("yyyy-MM-dd"))
        self._menu.close()

    def _sync_calendar(self) -> None:
        try:
            d = dt.date.fromisoformat(self.line.text().strip())
            self.calendar.setSelectedDate(QDate(d.year, d.month, d.day))
        except ValueError:
            today = office_clock.today()
            self.calendar.setSelectedDate(QDate(today.year, today.month, today.day))

    def text(self) -> str:
        return typed_date(self.line.text())

    def setText(self, text: str) -> None:
        self.line.setText(text)

    def hint(self) -> str:
        """The grey text of the empty field: an example said to be one (a bare 2026-01-31 read like a date
        already filled in)."""
        from PySide6.QtCore import QCoreApplication
        return self._hint if self._hint is not None else QCoreApplication.translate("fields", "e.g. 2026-01-31")

    def set_hint(self, hint: str) -> None:
        """The grey text of the empty field, instead of the example 2026-01-31 (which read like a real date of
        birth): e.g. 例如 1975-03-16."""
        self._hint = hint
        if not self.line.isReadOnly():
            self.line.setPlaceholderText(hint)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and not self.line.isReadOnly():
            self.line.setPlaceholderText(self.hint())

    def setReadOnly(self, read_only: bool) -> None:
        """Read-only: no calendar, and no example date that would read like a real one."""
        self.line.setReadOnly(read_only)
        self.line.style().unpolish(self.line)        # greyed like every other read-only field (it stayed white)
        self.line.style().polish(self.line)
        self.button.setEnabled(not read_only)
        self.line.setPlaceholderText("" if read_only else self.hint())


def datetime_hint() -> str:
    """The grey example in an empty date-and-time field."""
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("fields", "e.g. 2026-01-31 09:30")


LINE_LIMIT = 32767          # what a QLineEdit can hold; a longer paste would be cut without a word


def field_limit(table: str, name: str) -> int | None:
    """The most characters the data model lets `table`.`name` hold (db.model), or None."""
    from db import model
    t = model.TABLES.get(table)
    if t is None or name not in {f.name for f in t.fields}:
        return None
    return t.field(name).limit


def paste_refusal(length: int, limit: int | None, label: str | None) -> str:
    """What a one-line field says of a paste it refused (`length` characters): the field's own `limit` by its
    `label` (“姓名”最多 60 字) where it has one, else what any one-line field holds (Qt's 32,767). Forms and the
    small dialogs (desktop.dialogs.act_then_close.line_edit) say it the same way."""
    from PySide6.QtCore import QCoreApplication
    # "not pasted" first: the line under a field of a two-column form shows its first twenty-odd characters
    # (粘贴的文字有 50000 字，单行栏最多容纳 327…), and the rest only in its tooltip
    if limit is None:
        return (QCoreApplication.translate("Form", "Nothing was pasted: %1 characters, and a one-line field "
                                           "holds at most %2. Shorten it first (it is still on the clipboard).")
                .replace("%1", str(length)).replace("%2", str(LINE_LIMIT)))
    if not label:
        return (QCoreApplication.translate("Form", "Nothing was pasted: %1 characters, and this field holds at "
                                           "most %2. Shorten it first (it is still on the clipboard).")
                .replace("%1", str(length)).replace("%2", str(limit)))
    return (QCoreApplication.translate("Form", "Nothing was pasted: %1 characters, and %3 holds at most %2. "
                                       "Shorten it first (it is still on the clipboard).")
            .replace("%1", str(length)).replace("%2", str(limit)).replace("%3", label))


class LineEdit(QLineEdit):
    """A one-line field that refuses a paste it could not hold whole (Qt cuts at 32,767 characters),
    leaving the field as it was and saying how long the pasted text is (`paste_refused(length)`)."""

    paste_refused = Signal(int)

    def _paste_fits(self) -> bool:
        from PySide6.QtWidgets import QApplication
        pasted = QApplication.clipboard().text()
        after = len(self.text()) - len(self.selectedText()) + len(pasted)
        if after > min(LINE_LIMIT, self.maxLength()):        # a field with a maxLength of its own cut there too
            self.paste_refused.emit(len(pasted))
            return False
        return True

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste) and not self.isReadOnly() and not self._paste_fits():
            event.accept()
            return
        super().keyPressEvent(event)

    def paste(self) -> None:
        if self._paste_fits():
            super().paste()

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu()
        for action in menu.actions():
            if action.objectName() == "edit-paste":
                action.triggered.disconnect()
                action.triggered.connect(lambda _c=False: self.paste())
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())


class ReasonLabel(QLabel):
    """The reason under a field, whole: wrapped onto further lines where the field is narrower than it, the form
    growing to hold them. (Cut with "…" on one line, the rest only in a tooltip, the reason under a field of a
    two-column editor read "不是存在的日期：'2026-1…" — what was wrong was never in view.) One line's room is kept
    while it is hidden, so a short reason appearing as one types does not move the fields below."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setStyleSheet(f"color: {ERROR_COLOR};")
        # as wide as its field, never wider (a long reason widened the whole form); as tall as its lines
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.setMinimumWidth(0)
        QLabel.setText(self, "国")                      # one line's height, as the label lays one out
        self._line = max(super().heightForWidth(400), self.fontMetrics().height())
        QLabel.setText(self, "")
        self.setMinimumHeight(self._line)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt's name
        return max(super().heightForWidth(width), self._line)

    def sizeHint(self):  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        if self.width() > 0:
            hint.setHeight(self.heightForWidth(self.width()))
        return hint


class FieldRow(QObject):
    """One field: its label, its editor, the reason it is not valid (empty when it is)."""

    changed = Signal()

    def __init__(self, form: Form, name: str, label: QLabel, editor: QWidget,
                 getter: Callable[[], Any], setter: Callable[[Any], None], check: Check | None,
                 validate_model: bool, required: bool):
        super().__init__(form)
        self.form, self.name, self.label, self.editor = form, name, label, editor
        self.getter, self.setter, self.check = getter, setter, check
        self.validate_model, self.required = validate_model, required
        # the reason's first line is kept while hidden, so a message appearing as one types does not push
        # the fields below down under the mouse; a longer one wraps onto further lines, whole
        self.reason = ReasonLabel(form)
        self.reason.setObjectName("fieldReason")
        self.reason.setVisible(False)
        if isinstance(editor, LineEdit):
            editor.paste_refused.connect(self._on_paste_refused)
        self.message: str | None = None
        self.touched = False

    def value(self):
        return self.getter()

    def set_value(self, value) -> None:
        self.setter(value)

    def validate(self) -> str | None:
        """Check the current value; show and return the reason, or clear it and return None."""
        value = self.value()
        message = None
        if self.validate_model:
            from db.errors import ValidationError
            from db.validate import clean
            try:
                clean(self.form.ctx.db, self.form.table, {self.name: value}, partial=True)
            except ValidationError as exc:
                message = exc.message(self.form.ctx.lang)
        if message is None and self.check is not None:
            message = self.check(value)
        self.show(message)
        return message

    def _on_paste_refused(self, length: int) -> None:
        # the field's own limit (姓名 holds 60), not Qt's 32,767, which no field of ours comes near
        self.show(paste_refusal(length, self._field_limit(), self.form._label_sources[self.name]()))

    def _field_limit(self) -> int | None:
        """The most characters the data model lets this field hold (db.model), when it is a field of the table."""
        return field_limit(self.form.table, self.name)

    def show(self, message: str | None) -> None:
        self.message = message
        self.reason.setText(message or "")
        self.reason.setVisible(bool(message))
        self.editor.setProperty("invalid", bool(message))
        self.editor.setToolTip(message or "")


class Form(QWidget):
    """A grid of fields for one table: label | editor, the reason under the editor."""

    changed = Signal()

    def __init__(self, ctx, table: str, parent=None, *, label_width: int = 96, columns: int = 1):
        super().__init__(parent)
        self.ctx, self.table = ctx, table
        self.rows: dict[str, FieldRow] = {}
        self._label_sources: dict[str, Callable[[], str]] = {}
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(10)
        self.grid.setVerticalSpacing(2)
        self.columns = columns
        for c in range(columns):
            self.grid.setColumnMinimumWidth(2 * c, label_width)
            self.grid.setColumnStretch(2 * c + 1, 1)
        self._next_row = 0
        self._slot = 0
        self._loading = False

    # -- building -------------------------------------------------------------------
    def add(self, name: str, *, check: Check | None = None, choices: list[tuple[str, str]] | None = None,
            editor: QWidget | None = None, placeholder: str = "", lines: int = 3, wide: bool = False) -> FieldRow:
        """Add a model field; the widget follows its kind (text, long text, date, enum, reference…).
        In a two-column form, `wide` (default for long text) takes the whole width."""
        from db import model
        f = model.TABLES[self.table].field(name)
        getter, setter, widget, signal = self._editor_for(f, choices, editor, lines)
        if placeholder and hasattr(widget, "setPlaceholderText"):
            widget.setPlaceholderText(placeholder)
            widget.setProperty("datetimeHint", False)
        return self._add_row(name, lambda: field_label(self.table, name), widget, getter, setter, signal,
                             check, True, f.required, wide or f.kind == model.LONGTEXT)

    def add_widget(self, name: str, label: Callable[[], str], widget: QWidget, *, check: Check | None = None,
                   required: bool = False, wide: bool = True) -> FieldRow:
        """Add a custom editor with `value()`, `set_value(v)` and a `changed` signal."""
        return self._add_row(name, label, widget, widget.value, widget.set_value, widget.changed, check,
                             False, required, wide)

    def _place(self, wide: bool) -> tuple[int, int, int]:
        """(row, first grid column, editor column span) for the next field, in tab order."""
        if self.columns == 1:
            row = self._next_row
            self._next_row += 2
            return row, 0, 1
        if wide:
            if self._slot:
                self._next_row += 2
                self._slot = 0
            row = self._next_row
            self._next_row += 2
            return row, 0, 2 * self.columns - 1
        row, col = self._next_row, 2 * self._slot
        self._slot += 1
        if self._slot == self.columns:
            self._slot = 0
            self._next_row += 2
        return row, col, 1

    def _add_row(self, name, label_source, widget, getter, setter, signal, check, validate_model, required,
                 wide=False):
        label = QLabel(self)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        label.setBuddy(widget)
        label.setContentsMargins(0, 4, 0, 0)
        row = FieldRow(self, name, label, widget, getter, setter, check, validate_model, required)
        r, c, span = self._place(wide)
        self.grid.addWidget(label, r, c)
        self.grid.addWidget(widget, r, c + 1, 1, span)
        self.grid.addWidget(row.reason, r + 1, c + 1, 1, span)
        self.rows[name] = row
        self._label_sources[name] = label_source
        self._set_label(name)
        signal.connect(lambda *_: self._on_edit(row))
        return row

    def _set_label(self, name: str) -> None:
        row = self.rows[name]
        text = self._label_sources[name]()
        row.label.setText(f"{text}{' *' if row.required else ''}")

    def _editor_for(self, f, choices, editor, lines):
        from db import model
        if editor is not None:
            return editor.value, editor.set_value, editor, editor.changed
        if f.kind == model.LONGTEXT:
            w = QPlainTextEdit(self)
            w.setTabChangesFocus(True)
            w.setFixedHeight(w.fontMetrics().lineSpacing() * lines + 12)
            return (lambda: w.toPlainText()), (lambda v: w.setPlainText(v or "")), w, w.textChanged
        if f.kind == model.DATE:
            w = DateEdit(self)
            return (lambda: w.text()), (lambda v: w.setText(v or "")), w, w.textChanged
        if f.kind in (model.ENUM, model.REF, model.FK) or choices is not None:
            w = QComboBox(self)
            w.setMaxVisibleItems(20)
            items = choices
            if items is None and f.kind == model.ENUM:
                kind = field_enum(self.table, f.name)
                items = enum_choices(kind) if kind else [(c, c) for c in f.choices]
            if items is None and f.kind == model.REF:
                from db.reference import items as ref_items
                items = [(i.id, self.ctx.pick(i.name, i.name_en)) for i in ref_items(self.ctx.db, f.ref_list)]
            items = list(items or [])
            if not f.required:
                w.addItem("", None)
            for value, text in items:
                w.addItem(text, value)

            def get():
                return w.currentData()

            def put(v):
                i = w.findData(v)
                if i < 0 and v is not None:       # a value no longer offered (e.g. a retired item)
                    w.addItem(str(v), v)
                    i = w.count() - 1
                w.setCurrentIndex(max(i, 0))
            return get, put, w, w.currentIndexChanged
        if f.kind in (model.INT,):
            w = QSpinBox(self)
            w.setRange(f.min_value if f.min_value is not None else -1_000_000,
                       f.max_value if f.max_value is not None else 1_000_000)
            w.setGroupSeparatorShown(False)
            return (lambda: w.value()), (lambda v: w.setValue(int(v or 0))), w, w.valueChanged
        if f.kind == model.BOOL:
            w = QCheckBox(self)
            return (lambda: int(w.isChecked())), (lambda v: w.setChecked(bool(v))), w, w.toggled
        w = LineEdit(self)                  # no maxLength: a long paste is refused with its length, not cut
        if f.kind == model.DATETIME:
            # said to be an example: an empty 开始时间 showed 2026-01-31 09:30 in grey beside 不能为空
            w.setPlaceholderText(datetime_hint())
            w.setProperty("datetimeHint", True)
            return (lambda: typed_date(w.text())), (lambda v: w.setText(v or "")), w, w.textChanged
        if f.name.endswith(("phone", "_time")):
            return (lambda: typed_narrow(w.text())), (lambda v: w.setText(v or "")), w, w.textChanged
        return (lambda: w.text()), (lambda v: w.setText(v or "")), w, w.textChanged

    # -- values ---------------------------------------------------------------------
    def _on_edit(self, row: FieldRow) -> None:
        if self._loading:
            return
        row.touched = True
        row.validate()
        self.changed.emit()

    def values(self) -> dict[str, Any]:
        out = {}
        for name, row in self.rows.items():
            v = row.value()
            if isinstance(v, str):
                v = v.strip() or None
            out[name] = v
        return out

    def set_values(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for name, row in self.rows.items():
                if name in values:
                    row.set_value(values[name])
                row.show(None)
        finally:
            self._loading = False

    def validate_all(self) -> dict[str, str]:
        """Check every field (as before saving); returns field → reason for the invalid ones."""
        return {name: msg for name, row in self.rows.items() if (msg := row.validate())}

    def is_valid(self) -> bool:
        return not self.validate_all()

    def show_error(self, name: str | None, message: str) -> bool:
        """Show a reason from the write path next to its field; False if no such field here."""
        row = self.rows.get(name or "")
        if row is None:
            return False
        row.show(message)
        row.editor.setFocus()
        return True

    def first_invalid(self) -> QWidget | None:
        for row in self.rows.values():
            if row.message:
                return row.editor
        return None

    def retranslate(self) -> None:
        for name in self.rows:
            self._set_label(name)
            editor = self.rows[name].editor
            if editor.property("datetimeHint"):
                editor.setPlaceholderText(datetime_hint())
        for row in self.rows.values():
            if row.message:
                row.validate()


class ChoiceWidget(QComboBox):
    """A combo over (text, value) pairs with the value()/set_value()/changed protocol of add_widget."""

    changed = Signal()

    def __init__(self, items: list[tuple[str, Any]], parent=None):
        super().__init__(parent)
        self.set_items(items)
        self.currentIndexChanged.connect(self.changed)

    def set_items(self, items: list[tuple[str, Any]]) -> None:
        current = self.currentData()
        self.blockSignals(True)
        self.clear()
        for text, value in items:
            self.addItem(text, value)
        self.setCurrentIndex(max(0, self.findData(current)))
        self.blockSignals(False)

    def value(self):
        return self.currentData()

    def set_value(self, value) -> None:
        self.setCurrentIndex(max(0, self.findData(value)))
