"""The passphrase of an encrypted backup (db.backup_crypt): chosen (typed twice, with a strength
hint) when backing up to a folder outside the data folder, typed once to restore such a backup.

`ask_new(parent, folder)` and `ask_existing(parent, name)` return the passphrase, or None when the
person cancels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from db.backup_crypt import MIN_PASSPHRASE, passphrase_problem, strength
from desktop.style import add_text, message_label


class BackupPassphraseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, *, new: bool, where: str = "", automatic: bool = False):
        super().__init__(parent)
        self.new = new
        self.setMinimumWidth(480)
        lay = QVBoxLayout(self)
        self.intro = add_text(lay, self)
        form = QFormLayout()
        self.first = QLineEdit(self)
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first_label = QLabel(self)
        form.addRow(self.first_label, self.first)
        self.second = QLineEdit(self)
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second_label = QLabel(self)
        if new:
            form.addRow(self.second_label, self.second)
        else:
            self.second.hide()
            self.second_label.hide()
        lay.addLayout(form)
        self.hint = add_text(lay, self, role="hint")
        self.problem = message_label(self)
        lay.addWidget(self.problem)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        if new:
            self.setWindowTitle(self.tr("Encrypt the backup"))
            self.intro.setText(self.tr(
                "This backup goes to %1, outside the data folder. It holds the members' personal data, so it "
                "is encrypted with a passphrase you choose: whoever finds the stick cannot read it. Without "
                "the passphrase the backup cannot be restored: write it down and keep it apart from the "
                "stick.").replace("%1", where))
            self.first_label.setText(self.tr("Passphrase"))
            self.second_label.setText(self.tr("Once more"))
            self.ok.setText(self.tr("Encrypt and back up"))
            if automatic:
                self.setWindowTitle(self.tr("Encrypt automatic backups"))
                self.intro.setText(self.tr(
                    "Backups to %1, automatic ones too, will be encrypted with this passphrase, kept on this "
                    "computer so that nobody has to type it when a backup is due. Restoring a backup on "
                    "another computer needs it: write it down and keep it apart from the stick.")
                    .replace("%1", where))
                self.ok.setText(self.tr("Keep the passphrase"))
        else:
            self.setWindowTitle(self.tr("Encrypted backup"))
            self.intro.setText(self.tr("The backup %1 is encrypted. Type the passphrase chosen when it was "
                                       "made.").replace("%1", where))
            self.first_label.setText(self.tr("Passphrase"))
            self.ok.setText(self.tr("Restore"))
        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self._update()

    def passphrase(self) -> str:
        return self.first.text()

    def _update(self) -> None:
        text = self.first.text()
        if not self.new:
            self.hint.clear()
            self.problem.clear()
            self.ok.setEnabled(bool(text))
            return
        level = strength(text)
        self.hint.setText([self.tr("Too short: at least %1 characters").replace("%1", str(MIN_PASSPHRASE)),
                           self.tr("Strength: weak (longer, or mix digits, letters and signs)"),
                           self.tr("Strength: fair"), self.tr("Strength: strong")][level])
        differ = bool(self.second.text()) and self.second.text() != text
        self.problem.setText(self.tr("The two passphrases differ.") if differ else "")
        self.ok.setEnabled(passphrase_problem(text) is None and self.second.text() == text)


def ask_new(parent: QWidget | None, folder: str | Path, *, automatic: bool = False) -> str | None:
    dialog = BackupPassphraseDialog(parent, new=True, where=str(folder), automatic=automatic)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None


def ask_existing(parent: QWidget | None, name: str, problem: str = "") -> str | None:
    """The passphrase of the backup `name`; `problem`: why it is asked again (the one typed was wrong), said in the
    dialog itself — the reason was in the window behind it, hidden by the dialog."""
    dialog = BackupPassphraseDialog(parent, new=False, where=name)
    dialog.problem.setText(problem)
    return dialog.passphrase() if dialog.exec() == QDialog.DialogCode.Accepted else None
