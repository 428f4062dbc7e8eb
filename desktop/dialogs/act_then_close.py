"""Small dialogs that do their work before they close (record a step, make a follow-up …).

Pressing the dialog's OK runs `action(db, values)` on a worker; the dialog closes only when that
succeeded. When the data core refuses (a time before the last step, a reply too long, a due date
that does not exist), the reason is shown in the dialog and everything typed stays there to be
corrected — nothing typed is lost to a message box after the dialog has gone.

    dialog.set_action(ctx, lambda db, values: move_follow_up(db, fid, target, **values),
                      on_done=lambda _result: editor.reload())
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


class ActThenClose:
    """Mix into a QDialog that has `show_problem(text)` and `result_values()`; its accept() calls
    `self.finish()` once its own checks passed."""

    _action: Callable[[Any, dict], Any] | None = None
    _on_done: Callable[[Any], None] | None = None
    _busy = False

    def set_action(self, ctx, action: Callable[[Any, dict], Any], on_done: Callable[[Any], None] | None = None):
        self._ctx, self._action, self._on_done = ctx, action, on_done
        return self

    def finish(self, values: dict | None = None) -> None:
        """Run the action (when one is set) and close on success; otherwise close at once."""
        if self._action is None:
            QDialog.accept(self)
            return
        if self._busy:
            return
        from desktop.ops import CollectionOp
        values = dict(self.result_values() if values is None else values)
        action = self._action
        self._set_busy(True)
        CollectionOp(self._ctx, parent=self, op=lambda db: action(db, values)) \
            .success(self._succeeded).failure(self._failed).run_in_background()

    def _succeeded(self, result) -> None:
        self._set_busy(False)
        QDialog.accept(self)
        if self._on_done is not None:
            self._on_done(result)

    def _failed(self, exc: BaseException) -> None:
        from desktop.errors_ui import explain
        self._set_busy(False)
        self._refocus()
        known = explain(exc, self._ctx.lang)
        if known is None:
            self._ctx.errors.report(exc, parent=self)
            return
        self.show_problem(known[1])

    def _refocus(self) -> None:
        """Turning the action's button off while it ran moved the focus to Cancel, where the next Enter (the
        reflex after correcting what was refused) threw everything typed away: back to OK, which stays the
        default."""
        for box in self.findChildren(QDialogButtonBox):      # (the key dialogs keep Cancel the default: no Ok)
            ok = box.button(QDialogButtonBox.StandardButton.Ok)
            if ok is not None:
                ok.setDefault(True)
                ok.setFocus()
                return

    def _set_busy(self, busy: bool) -> None:
        """While the action runs, every button of the dialog's button boxes that could start it again (all
        but Cancel) is disabled."""
        self._busy = busy
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) != QDialogButtonBox.ButtonRole.RejectRole:
                    button.setEnabled(not busy)


def form_state(dialog) -> tuple:
    """What a person can type or choose in `dialog`, as one comparable value (the text of every editable
    line and text box, including those inside date and number fields, each choice and check)."""
    out: list = []
    for w in dialog.findChildren(QWidget):
        if isinstance(w, QLineEdit):
            out.append(w.text())
        elif isinstance(w, (QPlainTextEdit, QTextEdit)) and not w.isReadOnly():
            out.append(w.toPlainText())
        elif isinstance(w, QComboBox):
            out.append(w.currentIndex())
        elif isinstance(w, QAbstractButton) and w.isCheckable():
            out.append(w.isChecked())
        elif isinstance(w, QListWidget):       # its rows, and the ticks of a check list (牵头联络组)
            out.append(tuple(w.item(i).checkState().value for i in range(w.count())))
    return tuple(out)


class AsksBeforeDiscarding:
    """Mix into a small QDialog (before QDialog in the bases): Escape, 取消 or the close box ask first when
    something was typed or chosen since the dialog opened (they threw a reply or a reason away at once). The
    question is the editors' (desktop.widgets.unsaved: 保存 / 放弃 / 取消); 保存 presses the dialog's own OK,
    so what it checks is checked and a refusal is shown in the dialog, which stays open."""

    _typed_from: tuple | None = None
    # False where OK does what cannot be undone (撤回): the question then never does it (放弃 / 取消, 取消 first)
    save_on_close = True

    def showEvent(self, event) -> None:
        if self._typed_from is None:
            self._typed_from = form_state(self)
        super().showEvent(event)

    def has_typing(self) -> bool:
        return self._typed_from is not None and form_state(self) != self._typed_from

    def reject(self) -> None:
        if getattr(self, "_busy", False):
            return                      # the action is running: it closes the dialog itself when it is done
        if self.has_typing():
            from desktop.widgets.unsaved import DISCARD, SAVE, ask_unsaved
            answer = ask_unsaved(self, can_save=self.save_on_close)
            if answer == SAVE:
                self.save_from_question()
            if answer != DISCARD:
                return
        super().reject()

    def save_from_question(self) -> None:
        """保存 in the unsaved-changes question: what the dialog's OK (or Save) button does."""
        for box in self.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) == QDialogButtonBox.ButtonRole.AcceptRole and button.isVisible() \
                        and button.isEnabled():
                    button.click()
                    return
        self.accept()


def quote_box(parent, text: str, *, lines: int = 5):
    """What the new record is made from, quoted whole above the dialog's fields: a read-only text box
    of at most `lines` lines that scrolls (a wrapped label was cut at its first line when the dialog
    had been sized before the label knew its height)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFrame, QPlainTextEdit
    box = QPlainTextEdit(parent)
    box.setReadOnly(True)
    box.setPlainText((text or "").strip())
    box.setFrameShape(QFrame.Shape.StyledPanel)
    box.setTabChangesFocus(True)
    box.setFocusPolicy(Qt.FocusPolicy.ClickFocus)      # selectable to copy, not a stop for Tab
    box.setFixedHeight(box.fontMetrics().lineSpacing() * lines + 14)
    box.setStyleSheet("QPlainTextEdit { background: #f6f7f9; color: #3b4453; }")
    box.setVisible(bool((text or "").strip()))
    return box


def line_edit(dialog, text: str = "", field: str | None = None):
    """A one-line field for these dialogs: no silent cut at a length (the data core says "太长：N 字"
    in the dialog), and a paste too long for the field is refused with its length in the dialog's
    `show_problem`, by the field's own limit — `field` ("table.name" of db.model, e.g. "plan_topic.title"), or a
    maxLength set on it — and its label beside it (“议题”最多 200 字), as the forms say it; not Qt's 32,767."""
    from desktop.widgets.fields import LINE_LIMIT, LineEdit, field_limit, paste_refusal
    edit = LineEdit(dialog)
    edit.setText(text)

    def refused(n: int) -> None:
        limits = [x for x in (field_limit(*field.split(".", 1)) if field else None,
                              edit.maxLength() if edit.maxLength() < LINE_LIMIT else None) if x is not None]
        dialog.show_problem(paste_refusal(n, min(limits) if limits else None, _form_label(dialog, edit)))
    edit.paste_refused.connect(refused)
    return edit


def _form_label(dialog, edit) -> str | None:
    """The text of the label beside `edit` in one of the dialog's form layouts, without a colon or a star."""
    from PySide6.QtWidgets import QFormLayout, QLabel
    for form in dialog.findChildren(QFormLayout):
        label = form.labelForField(edit)
        if isinstance(label, QLabel) and label.text():
            return label.text().replace("&", "").rstrip(" *:：")
    return None
