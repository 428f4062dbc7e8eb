"""The heads' recovery code (db.accounts): shown once, to be written down and kept in the office's safe; and
the dialog at the sign-in screen where a head who forgot her password sets a new one with it."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from db import accounts
from desktop.style import message_label
from desktop.widgets.confirm import confirm


class _CodeDialog(QDialog):
    def reject(self) -> None:
        """Escape or the close box: the only sight of the code; asked first."""
        if confirm(self, QCoreApplication.translate("Recovery", "The heads' recovery code"),
            QCoreApplication.translate("Recovery", "The code is shown only now. Have you written it down?"),
                   QCoreApplication.translate("Recovery", "Written down: close"),
                   QCoreApplication.translate("Recovery", "Back to the code")):
            super().reject()


def show_code(parent: QWidget | None, code: str) -> QDialog:
    """The code, large and selectable, with what to do with it. Opened (not exec'd); returned."""
    dialog = _CodeDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.setWindowTitle(QCoreApplication.translate("Recovery", "The heads' recovery code"))
    lay = QVBoxLayout(dialog)
    intro = QLabel(QCoreApplication.translate("Recovery", "Write this code down on paper and keep it in the office's safe. If the head forgets her "
                       "password, it sets a new one at the sign-in screen (“Forgot the head's password?”). It is "
                       "shown only now; each use, or a new code, makes the old one stop working."), dialog)
    intro.setWordWrap(True)
    lay.addWidget(intro)
    shown = QLineEdit(code, dialog)
    shown.setReadOnly(True)
    font = QFont(shown.font())
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    shown.setFont(font)
    shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
    lay.addWidget(shown)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, dialog)
    buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Recovery", "I have written it down"))
    buttons.accepted.connect(dialog.accept)
    lay.addWidget(buttons)
    dialog.code_edit = shown
    dialog.resize(560, dialog.sizeHint().height())
    dialog.open()
    return dialog


class RecoverDialog(QDialog):
    """A head's new password with the recovery code. `recovered(account, new_code)` once done."""

    recovered = Signal(object, str)

    def __init__(self, ctx, parent: QWidget | None = None, name: str = ""):
        super().__init__(parent)
        self.ctx = ctx
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(QCoreApplication.translate("Recovery", "Forgot the head's password"))
        lay = QVBoxLayout(self)
        intro = QLabel(QCoreApplication.translate("Recovery", "With the recovery code kept in the office's safe, set a new password for a head's "
                           "account. A clerk's password is reset by the head."), self)
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.name, self.code = QLineEdit(name, self), QLineEdit(self)
        self.code.setPlaceholderText("0000-0000-0000-0000-0000")
        self.password, self.repeat = QLineEdit(self), QLineEdit(self)
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Recovery", "The head's sign-in name"), self.name)
        form.addRow(QCoreApplication.translate("Recovery", "Recovery code"), self.code)
        form.addRow(QCoreApplication.translate("Recovery", "New password"), self.password)
        form.addRow(QCoreApplication.translate("Recovery", "New password again"), self.repeat)
        lay.addLayout(form)
        self.error = message_label(self)
        self.error.setVisible(False)
        lay.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(QCoreApplication.translate("Recovery", "Set the password"))
        self.buttons.accepted.connect(lambda: self.submit())
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.resize(520, self.sizeHint().height())

    def _say(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(True)

    def submit(self) -> None:
        if self.password.text() != self.repeat.text():
            self._say(QCoreApplication.translate("Recovery", "The two passwords differ."))
            return
        try:
            account, code = accounts.recover_head(self.ctx.db, self.name.text(), self.code.text(),
                                                  self.password.text())
        except accounts.LiaisonError as exc:
            self.password.clear()
            self.repeat.clear()
            self._say(exc.message("zh" if self.ctx.is_zh() else "en"))
            field = {"code": self.code, "name": self.name}.get(getattr(exc, "field", None) or "", self.password)
            field.setFocus()            # where the correction goes (it stayed in the second password box)
            field.selectAll()
            return
        self.accept()
        self.recovered.emit(account, code)
