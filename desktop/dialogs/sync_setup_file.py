"""Making the setup file of a new office directly below this one (db.sync.setup.make_setup_file):
choose the office and where to write, then read out the passcode (not one-time) and this office's
fingerprint over the phone — the passcode never travels on the stick."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_drives import TargetChooser
from desktop.dialogs.sync_widgets import add_digits
from desktop.models.sync import office_text
from desktop.style import add_text, message_label


class MakeSetupFileDialog(QDialog):
    """`offices`: the offices directly below this one (db.sync.views.OfficeInfo)."""

    def __init__(self, ctx, offices, parent: QWidget | None = None, *, office_id: str | None = None, drives=None):
        super().__init__(parent)
        self.ctx = ctx
        self.offices = list(offices)
        self.result_file = None
        self._busy = False
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        lay = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        lay.addWidget(self.stack, 1)

        # 1. what and where
        ask = QWidget(self.stack)
        al = QVBoxLayout(ask)
        al.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(ask)
        self.heading.setObjectName("sectionTitle")
        al.addWidget(self.heading)
        self.intro = add_text(al, ask)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.office_label = QLabel(ask)
        self.office_combo = QComboBox(ask)
        for o in self.offices:
            self.office_combo.addItem(office_text(o.name, o.code), o.code)
        if office_id:
            self.office_combo.setCurrentIndex(max(0, next((i for i, o in enumerate(self.offices)
                                                           if o.id == office_id), 0)))
        form.addRow(self.office_label, self.office_combo)
        self.where_label = QLabel(ask)
        kw = {"drives": drives} if drives is not None else {}
        self.target = TargetChooser(ctx.settings, "sync/setup_folder", parent=ask, **kw)
        form.addRow(self.where_label, self.target)
        al.addLayout(form)
        self.status = message_label(ask)
        al.addWidget(self.status)
        al.addStretch(1)
        self.stack.addWidget(ask)

        # 2. what to tell by phone
        done = QWidget(self.stack)
        dl = QVBoxLayout(done)
        dl.setContentsMargins(0, 0, 0, 0)
        self.done_heading = add_text(dl, done, role="sectionTitle")
        self.file_label = add_text(dl, done, selectable=True)
        self.passcode_caption = add_text(dl, done)
        self.passcode = add_digits(dl, done, size=2.0)
        self.fp_caption = add_text(dl, done)
        self.fingerprint = add_digits(dl, done, size=1.3)
        self.next_steps = add_text(dl, done, role="hint")
        dl.addStretch(1)
        self.stack.addWidget(done)

        self.buttons = QDialogButtonBox(self)
        self.make_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.make_button.clicked.connect(self.make)
        self.close_button.clicked.connect(self.reject)
        lay.addWidget(self.buttons)
        self.retranslate()
        self.resize(680, 400)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Setup file for a new office"))
        self.heading.setText(self.tr("Make a setup file for a new office"))
        self.intro.setText(self.tr("A setup file installs Liaison Desk for an office directly below this one: it "
                                   "carries that office's identity, this office's key and the data it needs. It is "
                                   "encrypted with a passcode, which you tell the other office by phone. The file and its "
                                   "passcode work more than once: keep both safe, and delete the file once the "
                                   "office is set up. A second computer set up with them is shown to you here "
                                   "before anything from it is accepted."))
        self.office_label.setText(self.tr("For"))
        self.where_label.setText(self.tr("Write to"))
        self.make_button.setText(self.tr("Make the setup file"))
        self.close_button.setText(self.tr("Close") if self.result_file else self.tr("Cancel"))
        self.passcode_caption.setText(self.tr("Passcode — tell it by phone; never write it on the stick or send "
                                              "it with the file:"))
        self.fp_caption.setText(self.tr("This office's fingerprint — on the same call, the new office compares it "
                                        "with the one its setup shows:"))
        self.next_steps.setText(self.tr("Then the new office sends its first package. When it arrives here, compare "
                                        "its fingerprint with them by phone and confirm it on the Offices and keys "
                                        "tab."))
        if self.result_file is not None:
            sf = self.result_file
            self.done_heading.setText(self.tr("The setup file for %1 was written").replace(
                "%1", office_text(sf.office_name, sf.office_code)))
            self.file_label.setText(str(sf.path))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def make(self) -> None:
        if self._busy:
            return
        code, folder = self.office_combo.currentData(), self.target.path()
        if not code:
            self.status.setText(self.tr("There is no office directly below this one yet."))
            return
        if not folder:
            self.status.setText(self.tr("Choose where to write the setup file (a USB stick or a folder)."))
            return
        if not Path(folder).is_dir():
            self.status.setText(self.tr("The folder is not there any more: was the USB stick removed? Insert it, "
                                        "choose it again and retry."))
            return
        from db.sync.setup import make_setup_file
        from desktop.ops import QueryOp
        self._busy = True
        self.status.clear()
        self.make_button.setEnabled(False)
        QueryOp(self.ctx, parent=self, op=lambda db, _progress: make_setup_file(db, code, folder),
                success=self._on_made).failure(self._on_failed) \
            .with_progress(self.tr("Writing the setup file…"), cancellable=False).run_in_background()

    def _on_made(self, sf) -> None:
        self._busy = False
        self.result_file = sf
        self.passcode.setText(sf.passcode.replace(" ", "  "))
        self.fingerprint.setText(sf.parent_fingerprint.replace("-", "  "))
        self.make_button.setVisible(False)
        self.stack.setCurrentIndex(1)
        self.retranslate()

    def _on_failed(self, exc: BaseException) -> None:
        from desktop.dialogs.sync_report import SyncReport
        from desktop.dialogs.sync_widgets import failure_text
        self._busy = False
        self.make_button.setEnabled(True)
        known = failure_text(self, exc)
        if known is None:
            return
        advice = SyncReport(self.ctx.pick, self).advice(known[0])
        self.status.setText(known[1] + ("\n" + advice if advice else ""))
