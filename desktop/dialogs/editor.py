"""The base of every record editor: a validated form that never loses what was typed.

    class MemberEditor(RecordEditor):
        table = "member"
        def build(self, form):            form.add("name"); form.add("sex"); ...
        def load_values(self, db):        return {...}              # quick main-thread read
        def write(self, db, values):      return members.save_member(db, self.record_id, values, ...)
        def window_title(self):           return self.tr("Member")

    MemberEditor(ctx, record_id, parent).open()      # never exec(): tests and the window stay live

What the base does: Save (Ctrl+S, or the button) checks every field, then writes in a
CollectionOp and closes; a ValidationError from the write path is shown next to its field.
Esc / Cancel / the close button with unsaved changes asks the one question of desktop.widgets.unsaved
(保存 / 放弃 / 取消, 保存 the default, Esc = 取消), as every small dialog that keeps what was typed does.
A draft (desktop.drafts) is written a moment after each edit and removed on save or discard,
so a crash leaves it to be offered at the next start (`RecordEditor.from_draft`).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QScrollArea, QVBoxLayout, QWidget

from db import model
from desktop.drafts import Draft, DraftStore
from desktop.style import banner_label
from desktop.widgets.fields import Form

log = logging.getLogger("liaison.editor")



TITLE_CHARS = 60      # a window title longer than this is cut with …


class RecordEditor(QDialog):
    table: str = ""
    form_columns = 1
    draft_delay_ms = 800
    permitted = True                 # this office may change the record (db.permissions)
    viewing_only = False             # shown read-only: the dialog's button says Close, not Cancel
    owner_office: str | None = None

    saved = Signal(str)          # the record id, after a successful save

    def __init__(self, ctx, record_id: str | None = None, parent: QWidget | None = None, *,
                 draft: Draft | None = None, initial: dict[str, Any] | None = None):
        super().__init__(parent)
        from db.clock import uuid7
        self.ctx = ctx
        self.record_id = record_id
        self.drafts = DraftStore(ctx.drafts_dir)
        self.draft_key = draft.key if draft else f"{self.table}-{record_id or 'new-' + uuid7()}"
        self._saving = False
        self._close_after_save = True
        self._after_save: list = []          # actions waiting for the record to be saved (ensure_saved)
        self._may_close = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)

        outer = QVBoxLayout(self)
        self.body = QWidget(self)
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(12, 12, 12, 12)
        self.form = Form(ctx, self.table, self.body, columns=self.form_columns)
        self.body_layout.addWidget(self.form)
        self.build(self.form)
        self.body_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.body)
        # records of another office (or the roster, at a township) open read-only, saying why
        self.scope_note = banner_label(self)
        outer.addWidget(self.scope_note)
        outer.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save)

        values = self.load_values(ctx.db) if record_id else self.new_values()
        if initial:
            values = {**values, **initial}
        self.form.set_values(values)
        self._initial = self.form.values()
        self.owner_office = self.load_owner(ctx.db) if record_id else None
        self.permitted = not record_id or ctx.permissions.may_change_any(self.table, self.owner_office)
        if draft is not None:
            self.form.set_values(draft.values)
            for row in self.form.rows.values():
                row.validate()
        self._draft_timer = QTimer(self, singleShot=True, interval=self.draft_delay_ms)
        self._draft_timer.timeout.connect(self.write_draft)
        self.form.changed.connect(self._on_changed)
        self.resize(640, 560)
        self.history = None
        self._add_history()
        self.retranslate()
        if not self.permitted:
            self.set_read_only(True)
        else:
            self.limit_to_permitted_fields()

    def _add_history(self) -> None:
        """历史 (db.history): a tab where the editor has tabs, else a button that opens it."""
        if not self.record_id:
            return
        from PySide6.QtWidgets import QTabWidget

        from desktop.dialogs.history import HistoryDialog, HistoryPanel
        tabs = getattr(self, "tabs", None)
        if isinstance(tabs, QTabWidget):
            self.history = HistoryPanel(self.ctx, self.table, self.record_id, tabs)
            tabs.addTab(self.history, "")
            self.history_button = None
        else:
            self.history_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
            self.history_button.setObjectName("historyButton")
            self.history_button.clicked.connect(
                lambda: HistoryDialog(self.ctx, self.table, self.record_id, self.windowTitle(), self).exec())

    def _name_history(self) -> None:
        if self.history is not None:
            tabs = self.tabs
            tabs.setTabText(tabs.indexOf(self.history), self.tr("History"))
        elif getattr(self, "history_button", None) is not None:
            self.history_button.setText(self.tr("History…"))

    # -- for subclasses -------------------------------------------------------------
    def build(self, form: Form) -> None:
        raise NotImplementedError

    def load_values(self, db) -> dict[str, Any]:
        """The record's current values (a quick read on the main thread)."""
        raise NotImplementedError

    def new_values(self) -> dict[str, Any]:
        return {}

    def load_owner(self, db) -> str | None:
        """The office that owns the record (decides whether this office may change it)."""
        row = db.execute(f"SELECT office_id FROM {self.table} WHERE id = ?", [self.record_id]).fetchone()
        return row[0] if row else None

    def set_read_only(self, read_only: bool) -> None:
        """Show the record without letting it be changed (subclasses with parts add theirs)."""
        self.set_fields_read_only(read_only)
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(not read_only)
        self.show_viewing_only(read_only)
        if not self.permitted:                     # another office's record: its files too
            from desktop.dialogs.record_attachments import AttachmentsPanel
            for panel in self.findChildren(AttachmentsPanel):
                panel.set_read_only(True)

    def show_viewing_only(self, viewing: bool) -> None:
        self.viewing_only = viewing
        self._name_cancel()

    def _name_cancel(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(
            self.tr("Close") if self.viewing_only else self.tr("Cancel"))

    def set_fields_read_only(self, read_only: bool, names=None) -> None:
        """Make form fields (all, or `names`) read-only or editable again; fields this office may not
        change stay read-only whatever a record's state allows."""
        for name in names if names is not None else self.form.rows:
            _row_read_only(self.form.rows[name], read_only)
        self.limit_to_permitted_fields()

    def limit_to_permitted_fields(self) -> None:
        """Where this office may change only some fields (a district or the city answering a
        township's follow-up or report), the others are shown read-only."""
        if not self.record_id or not self.permitted:
            return
        perms = self.ctx.permissions
        fields = model.TABLES[self.table].by_name
        for name, row in self.form.rows.items():
            if name in fields and not perms.may_write(self.table, self.owner_office, [name]):
                _row_read_only(row, True)
                # why, where the clerk looks: the field greyed without a word (a district reading a
                # township's follow-up saw 事项 and 具体内容 locked, no reason anywhere)
                row.editor.setToolTip(perms.refusal(self.table, self.owner_office, [name]).message(self.ctx.lang))

    def write(self, db, values: dict[str, Any]) -> str:
        """Save through a db function (runs on a worker); return the record id."""
        raise NotImplementedError

    def window_title(self) -> str:
        return self.tr("Edit")

    def shown_title(self) -> str:
        """window_title() on one line and cut with … past TITLE_CHARS (a 30,000-character topic that could not
        be saved was the whole title bar)."""
        title = " ".join(self.window_title().split())
        return title if len(title) <= TITLE_CHARS else title[:TITLE_CHARS - 1] + "…"

    def draft_title(self) -> str:
        """How the draft is named when it is offered back (e.g. the record's name)."""
        return self.window_title()

    def retranslate(self) -> None:
        self.setWindowTitle(self.shown_title() + (" *" if self.is_dirty() else ""))
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Save"))
        self._name_cancel()
        self._name_history()
        self.form.retranslate()
        if not self.permitted:
            why = self.ctx.permissions.refusal(self.table, self.owner_office, ()).message(self.ctx.lang)
            self.scope_note.setText(self.tr("Read only. %1").replace("%1", why))
        self.scope_note.setVisible(not self.permitted)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # the button box renames its standard buttons on the same event, after this dialog: name
            # Close/Cancel again once it has
            QTimer.singleShot(0, self, self._name_cancel)
        super().changeEvent(event)

    # -- state ----------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        return self.form.values()

    def is_dirty(self) -> bool:
        return self.form.values() != self._initial

    def _on_changed(self) -> None:
        self.setWindowTitle(self.shown_title() + (" *" if self.is_dirty() else ""))
        self._draft_timer.start()

    @property
    def editor_path(self) -> str:
        return f"{type(self).__module__}:{type(self).__name__}"

    def write_draft(self) -> None:
        if not self.is_dirty():
            self.drafts.remove(self.draft_key)
            return
        try:
            from db import accounts
            me = accounts.current()
            self.drafts.save(self.draft_key, editor=self.editor_path, record_id=self.record_id,
                             title=self.draft_title(), values=self.values(), owner=me.name if me else None)
        except OSError as exc:          # a draft is a safety net; failing to write one is logged only
            log.warning("could not write a draft: %s", exc.strerror)

    def discard_draft(self) -> None:
        self._draft_timer.stop()
        self.drafts.remove(self.draft_key)

    @classmethod
    def from_draft(cls, ctx, draft: Draft, parent: QWidget | None = None) -> RecordEditor:
        return cls(ctx, draft.record_id, parent, draft=draft)

    # -- saving ---------------------------------------------------------------------
    def save(self, *, close: bool = True) -> bool:
        """Check and write; returns False (and shows why) when a field is not valid. A record shown read-only
        (another office's, final minutes: its banner says why) is not written, and Ctrl+S says nothing more."""
        if self._saving or not self.permitted or self.viewing_only:
            return False
        invalid = self.form.validate_all()
        if invalid:
            self._after_save.clear()
            widget = self.form.first_invalid()
            if widget is not None:
                widget.setFocus()
            return False
        from desktop.ops import CollectionOp
        self._saving = True
        self._close_after_save = close
        self.buttons.setEnabled(False)
        values = self.values()
        CollectionOp(self.ctx, parent=self, op=lambda db: self.write(db, values)) \
            .success(lambda rid: self._on_saved(rid, values)).failure(self._on_save_failed).run_in_background()
        return True

    def _on_saved(self, record_id: str, values: dict[str, Any]) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.record_id = record_id
        self.discard_draft()
        self._initial = values
        self.saved.emit(record_id)
        if self._close_after_save:
            self._may_close = True
            self.done(QDialog.DialogCode.Accepted)
        else:
            self.reload()
            pending, self._after_save = self._after_save, []
            for then in pending:
                then(record_id)

    def _on_save_failed(self, exc: BaseException) -> None:
        from db.errors import ValidationError
        self._after_save.clear()
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, ValidationError) and self.form.show_error(exc.field, exc.message(self.ctx.lang)):
            return
        self.ctx.errors.report(exc, parent=self)

    # -- saving before an action ----------------------------------------------------
    def ensure_saved(self, then) -> None:
        """Call `then(record_id)` once the record is saved (saving it now if it has changes or is new)."""
        if self.record_id and not self.is_dirty():
            then(self.record_id)
            return
        self._after_save.append(then)
        self.save(close=False)

    def reload(self) -> None:
        """Read the saved record again (new rows now have ids), keeping nothing unsaved."""
        if not self.record_id:
            return
        values = self.load_values(self.ctx.db)
        self.form.set_values(values)
        self._initial = self.form.values()
        self.after_reload()
        self.setWindowTitle(self.shown_title())
        if self.history is not None and self.history.isVisible():       # a step taken with 历史 in view
            self.history.load()

    def after_reload(self) -> None:
        """What a subclass shows beside the form after the record was read again."""
        self.retranslate()

    # -- closing --------------------------------------------------------------------
    def ask_unsaved(self) -> QMessageBox.StandardButton:
        from desktop.widgets.unsaved import ask_unsaved
        return ask_unsaved(self)        # the same question as every dialog's (保存 / 放弃 / 取消)

    def confirm_close(self) -> bool:
        """True when the editor may close (saved, discarded or nothing changed)."""
        if self._saving:
            return False
        if not self.is_dirty() or not self.permitted:      # a record it may only read: nothing to save
            self.discard_draft()
            return True
        answer = self.ask_unsaved()
        if answer == QMessageBox.StandardButton.Save:
            self.save(close=True)
            return False                   # closes itself once saved
        if answer == QMessageBox.StandardButton.Discard:
            self.discard_draft()
            return True
        return False

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """Enter in a field goes on to the next field, as Tab does: it saved and closed the whole record (the
        visit's 地点 or 接待群众人数, typed and confirmed with Enter). Saving is the button, or Ctrl+S."""
        from PySide6.QtWidgets import QPushButton, QToolButton
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers() \
                and not isinstance(self.focusWidget(), (QPushButton, QToolButton)):
            # any input (a line, a number box, a choice, a tick box) goes on to the next: only a button acts
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        if self._may_close or self.confirm_close():
            self._may_close = True
            super().reject()

    def closeEvent(self, event) -> None:
        if self._may_close or self.confirm_close():
            self._may_close = True
            event.accept()
        else:
            event.ignore()


def _row_read_only(row, read_only: bool) -> None:
    editor = row.editor
    if hasattr(editor, "setReadOnly"):
        editor.setReadOnly(read_only)
        editor.style().unpolish(editor)       # the style sheet greys read-only text (it looked editable, white)
        editor.style().polish(editor)
    elif hasattr(editor, "set_read_only"):
        editor.set_read_only(read_only)
    else:
        editor.setEnabled(not read_only)
