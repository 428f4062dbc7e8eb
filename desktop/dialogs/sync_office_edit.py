"""The city corrects an office's name in the register (db.offices.rename_office); removing one is asked with
what it will do (deleted, or deactivated when it has records) on the offices tab itself."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from desktop.dialogs.assignment_dialogs import OpDialog


class RenameOfficeDialog(OpDialog):
    field_widgets = {"name": "name"}

    def __init__(self, ctx, office, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.office = office
        self.setWindowTitle(self.tr("Rename an office"))
        self.resize(520, 200)           # the caption wraps to two lines: room for it
        caption = QLabel(self.tr("The new name of %1 (code %2). Every office gets it with the next packages; its "
                                 "records stay with it.").replace("%1", office.name).replace("%2", office.code), self)
        caption.setWordWrap(True)
        self.lay.addWidget(caption)
        self.name = self.line_edit(office.name, "office.name")
        self.name.selectAll()
        self.lay.addWidget(self.name)
        self.finish_layout()
        self.ok_button.setText(self.tr("Rename"))

    def check(self) -> str | None:
        if not self.name.text().strip():
            return self.tr("This cannot be empty.")
        return None

    def work(self, db):
        from db.offices import rename_office
        return rename_office(db, self.office.id, self.name.text())
