"""The one question asked when a window with unsaved changes is closed (Esc, 取消, the close box): every record
editor and every small dialog that keeps what was typed asks it in the same words, with the same three buttons.

    保存  save, then close (the dialog's own OK: a refusal is shown in it and it stays open) — the default
    放弃  close without saving
    取消  go back and keep editing — also what Esc on the question means

It is Qt's static `QMessageBox.question`, so tests answer it by patching that call."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel
# The buttons' own words, 保存 / 放弃 / 取消 on every Qt version (Qt's catalogue says 丢弃 for Discard, which the
# question's text does not): Qt reads them under QPlatformTheme, and the application's translation is searched
# before Qt's own (desktop.i18n installs it last).
BUTTON_WORDS = (QT_TRANSLATE_NOOP("QPlatformTheme", "Save"), QT_TRANSLATE_NOOP("QPlatformTheme", "Discard"),
                QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"))


def ask_unsaved(parent: QWidget | None, *, can_save: bool = True) -> QMessageBox.StandardButton:
    """SAVE, DISCARD or CANCEL (Esc and anything else count as CANCEL).

    `can_save=False` for a dialog whose OK does something that cannot be undone (撤回 an assignment): closing it
    must never do it, so the question offers only 放弃 / 取消, and 取消 (back to the dialog) is the default — a
    reflexive Enter on "save before closing?" withdrew the assignment the clerk had just decided to keep."""
    title = QCoreApplication.translate("UnsavedChanges", "Unsaved changes")
    if not can_save:
        text = QCoreApplication.translate("UnsavedChanges", "What you typed here has not been acted on. Close and "
                                          "discard it?\n\nDiscard: close without doing it.\n"
                                          "Cancel: go back and keep editing.")
        answer = QMessageBox.question(parent, title, text, DISCARD | CANCEL, CANCEL)
        return DISCARD if answer == DISCARD else CANCEL
    text = QCoreApplication.translate("UnsavedChanges", "What you changed here is not saved yet. Save it before "
                                      "closing?\n\nSave: save, then close.\nDiscard: close without saving.\n"
                                      "Cancel: go back and keep editing.")
    answer = QMessageBox.question(parent, title, text, SAVE | DISCARD | CANCEL, SAVE)
    return answer if answer in (SAVE, DISCARD) else CANCEL
