"""Confirming another office's key: its fingerprint, read aloud over the phone, compared digit by
digit, then trusted (db.sync.keys.trust) so its packages can be imported."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from desktop.dialogs.sync_widgets import KeyActionDialog, action_foot, digits_label
from desktop.models.sync import office_text, when_text
from desktop.style import add_text, message_label


class ConfirmKeyDialog(KeyActionDialog, QDialog):
    """`trusted(fingerprint)` once the key is confirmed."""

    trusted = Signal(str)

    def __init__(self, ctx, key, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.key = ctx, key
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.heading = add_text(lay, self, role="sectionTitle")
        self.intro = add_text(lay, self)
        self.digits = digits_label(self)
        self.digits.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.digits.setText(key.fingerprint.replace("-", "  "))
        self.digits.setContentsMargins(0, 8, 0, 8)
        lay.addWidget(self.digits)
        self.warning = message_label(self, bold=True)
        self.warning.setVisible(key.replaces_trusted)
        lay.addWidget(self.warning)
        self.source = add_text(lay, self, role="hint")
        self.confirm_button, self.cancel_button = action_foot(self, lay, QDialogButtonBox.ButtonRole.AcceptRole,
                                                              self.confirm)
        self.retranslate()
        self.resize(620, 360)

    def retranslate(self) -> None:
        k = self.key
        self.setWindowTitle(self.tr("Confirm an office's key"))
        self.heading.setText(self.tr("The key of %1").replace("%1", office_text(k.office_name, k.office_code)))
        self.intro.setText(self.tr("Phone this office and ask them to read the fingerprint shown at the top of "
                                   "their Sync page. Compare it with the digits below, group by group. Confirm "
                                   "only if every digit matches: from then on, packages signed with this key are "
                                   "accepted as coming from that office."))
        self.warning.setText(self.tr("This office already has a confirmed key. A new key means it set up Liaison "
                                     "Desk again — or that someone is pretending to be it. Ask on the phone before "
                                     "you confirm."))
        self.source.setText(self.tr("Arrived %1 with the package %2").replace("%1", when_text(k.first_seen_at))
                            .replace("%2", k.source or "—"))
        self.confirm_button.setText(self.tr("The digits match — confirm"))
        self.cancel_button.setText(self.tr("Not now"))

    def confirm(self) -> None:
        from db.sync.keys import trust
        fp = self.key.fingerprint
        self.set_action(self.ctx, lambda db, _values: trust(db, fp), on_done=lambda _r: self.trusted.emit(fp)).finish({})
