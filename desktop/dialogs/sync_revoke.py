"""Revoking an office's key (db.sync.keys.revoke): the computer was lost, stolen or replaced.
From then on its packages are refused and nothing is encrypted to it; the office sets up its new
computer from a new setup file, whose key is confirmed by phone like any new key."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_widgets import KeyActionDialog, action_foot
from desktop.models.sync import office_text
from desktop.style import add_text

REASON_MAX = 200


class RevokeKeyDialog(KeyActionDialog, QDialog):
    """`revoked(fingerprint)` once the key is revoked. `keys`: (fingerprint, trusted since) of the
    office's confirmed keys."""

    revoked = Signal(str)

    def __init__(self, ctx, office, keys: list[tuple[str, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.office = ctx, office
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.heading = add_text(lay, self, role="sectionTitle")
        self.intro = add_text(lay, self)
        form = QFormLayout()
        self.key_choice = QComboBox(self)
        for fp, since in keys:
            self.key_choice.addItem(ctx.pick(f"{fp}（{since[:10]}）", f"{fp} ({since[:10]})") if since else fp, fp)
        self.reason = QLineEdit(self)
        self.reason.setMaxLength(REASON_MAX)
        self.key_label, self.reason_label = QLabel(self), QLabel(self)
        form.addRow(self.key_label, self.key_choice)
        form.addRow(self.reason_label, self.reason)
        lay.addLayout(form)
        self.revoke_button, self.cancel_button = action_foot(self, lay, QDialogButtonBox.ButtonRole.DestructiveRole,
                                                             self.revoke)
        self.reason.textChanged.connect(lambda _t: self.status.clear())
        self.retranslate()
        self.resize(620, 320)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Revoke a key"))
        self.heading.setText(self.tr("Revoke the key of %1").replace(
            "%1", office_text(self.office.name, self.office.code)))
        self.intro.setText(self.tr("Do this when a computer of that office was lost, stolen or replaced. From now on "
                                   "packages signed with this key are refused and nothing is encrypted to it. This "
                                   "cannot be undone: the office sets up its new computer from a new setup file, and "
                                   "you confirm the new key by phone."))
        self.key_label.setText(self.tr("Key"))
        self.reason_label.setText(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("e.g. computer lost on 2026-11-20"))
        self.revoke_button.setText(self.tr("Revoke the key"))
        self.cancel_button.setText(self.tr("Cancel"))

    def revoke(self) -> None:
        if self._busy:
            return
        reason = " ".join(self.reason.text().split())
        if not reason:
            self.status.setText(self.tr("Write down why the key is revoked."))
            self.reason.setFocus()
            return
        from db.sync.keys import revoke
        fp = self.key_choice.currentData()
        self.set_action(self.ctx, lambda db, _values: revoke(db, fp, reason),
                        on_done=lambda _r: self.revoked.emit(fp)).finish({})
