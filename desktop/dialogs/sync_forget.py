"""Removing a key this office learned on another office's word (db.sync.computers.forget_key, SECURITY.md R6c):
a phone call showed that a computer's key a district passed on is not the township's own. From then on that
office's next key is taken only once confirmed here by phone; its changes are held until then."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_widgets import KeyActionDialog, action_foot
from desktop.models.sync import office_text
from desktop.style import add_text


class ForgetKeyDialog(KeyActionDialog, QDialog):
    """`forgotten(office_id)` once the key is removed. `computers`: the office's db.sync.computers.KnownComputer
    rows whose key was learned from a relay or a setup file."""

    forgotten = Signal(str)

    def __init__(self, ctx, office, computers, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.office = ctx, office
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.computers = list(computers)
        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.heading = add_text(lay, self, role="sectionTitle")
        self.intro = add_text(lay, self)
        form = QFormLayout()
        self.computer_choice = QComboBox(self)
        self.computer_label = QLabel(self)
        form.addRow(self.computer_label, self.computer_choice)
        lay.addLayout(form)
        self.after = add_text(lay, self)
        self.forget_button, self.cancel_button = action_foot(self, lay, QDialogButtonBox.ButtonRole.DestructiveRole,
                                                             self.forget)
        self.retranslate()
        self.resize(660, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Remove a relayed key"))
        self.heading.setText(self.tr("Remove a key of %1 learned from another office").replace(
            "%1", office_text(self.office.name, self.office.code)))
        self.intro.setText(self.tr("This office learned the key of this computer from the office that passed its "
                                   "changes on, not from a phone call. Do this only when a phone call with the "
                                   "office showed that the key is not its own (its new changes are refused here as "
                                   "not signed with the computer's key, or it set up no such computer)."))
        self.after.setText(self.tr("Afterwards the next key of this office is taken only once you confirmed its "
                                   "fingerprint by phone here; its changes are held back until then. Records already "
                                   "received stay as they are."))
        self.computer_label.setText(self.tr("Computer"))
        current = self.computer_choice.currentIndex()
        self.computer_choice.clear()
        for c in self.computers:
            via = self.tr("from the setup file") if c.source == "setup" else self.tr("learned from %1").replace(
                "%1", c.via or "?")
            self.computer_choice.addItem(self.tr("Computer %1 · key %2 · %3 · %4").replace("%1", c.node).replace(
                "%2", c.key_code).replace("%3", via).replace("%4", c.learned_at[:10]), c.node)
        self.computer_choice.setCurrentIndex(max(current, 0))
        self.forget_button.setText(self.tr("Remove the key"))
        self.cancel_button.setText(self.tr("Cancel"))

    def forget(self) -> None:
        from db.sync.computers import forget_key
        node, office_id = self.computer_choice.currentData(), self.office.id
        self.set_action(self.ctx, lambda db, _values: forget_key(db, node),
                        on_done=lambda _r: self.forgotten.emit(office_id)).finish({})
