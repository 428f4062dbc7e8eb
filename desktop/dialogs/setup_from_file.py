"""First run of a district or township office: set this installation up from the setup file its
parent office gave (on a stick) and the passcode it told by phone (not one-time: SECURITY.md R6)
(db.sync.setup.init_from_setup, on a worker thread), then show the two fingerprints to compare on
the same call.

The first-run dialog offers it with one line, `attach_to_first_run(self)`, which adds a button
that opens this dialog for the data folder chosen there and, once set up, finishes the first run
with that database. The sync page offers it too, for an installation that has no office yet.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_widgets import add_digits
from desktop.style import add_text, message_label


class _Relay(QObject):
    """Carries the worker thread's outcome to the dialog on the main thread (a queued signal)."""
    finished = Signal(object)


class SetupFromFileDialog(QDialog):
    """Set up the database at `db_path` from a setup file. Accepted once set up; `info` then holds
    what init_from_setup returned (office, parent and both fingerprints)."""

    set_up = Signal(str)             # the database path, once set up

    def __init__(self, db_path: Path, parent: QWidget | None = None, *, lang: str | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lang = lang or ("zh_CN" if QLocale().language() == QLocale.Language.Chinese else "en")
        self.info: dict | None = None
        self._job: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        lay = QVBoxLayout(self)
        self.stack = QStackedWidget(self)
        lay.addWidget(self.stack, 1)

        ask = QWidget(self.stack)
        al = QVBoxLayout(ask)
        al.setContentsMargins(0, 0, 0, 0)
        self.heading = QLabel(ask)
        self.heading.setObjectName("sectionTitle")
        al.addWidget(self.heading)
        self.intro = add_text(al, ask)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.file_label = QLabel(ask)
        self.file_edit = QLineEdit(ask)
        self.browse = QPushButton(ask)
        self.browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.file_edit, 1)
        row.addWidget(self.browse)
        form.addRow(self.file_label, row)
        self.passcode_label = QLabel(ask)
        self.passcode_edit = QLineEdit(ask)
        self.passcode_edit.setPlaceholderText("0000 0000 0000 0000 0000")
        self.passcode_edit.setMaxLength(40)
        form.addRow(self.passcode_label, self.passcode_edit)
        self.target_label = QLabel(ask)
        self.target = QLabel(str(self.db_path), ask)
        self.target.setObjectName("hint")
        self.target.setWordWrap(True)
        form.addRow(self.target_label, self.target)
        al.addLayout(form)
        self.status = message_label(ask)
        al.addWidget(self.status)
        al.addStretch(1)
        self.stack.addWidget(ask)

        done = QWidget(self.stack)
        dl = QVBoxLayout(done)
        dl.setContentsMargins(0, 0, 0, 0)
        self.done_heading = add_text(dl, done, role="sectionTitle")
        self.parent_caption = add_text(dl, done)
        self.parent_fp = add_digits(dl, done, size=1.4)
        self.own_caption = add_text(dl, done)
        self.own_fp = add_digits(dl, done, size=1.4)
        self.next_steps = add_text(dl, done, role="hint")
        dl.addStretch(1)
        self.stack.addWidget(done)

        self.buttons = QDialogButtonBox(self)
        self.go_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.start_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start_button.setVisible(False)
        self.go_button.setDefault(True)         # Enter in the passcode field sets up (never Cancel)
        self.go_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.start_button.clicked.connect(self.accept)
        lay.addWidget(self.buttons)
        self.retranslate()
        self.resize(680, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Set up from a setup file"))
        self.heading.setText(self.tr("Set up this office from the setup file of your parent office"))
        self.intro.setText(self.tr("Your parent office (the district, or the city for a district) made a setup file "
                                   "for your office and told you its passcode by phone. Choose the file (on the USB "
                                   "stick) and type the passcode."))
        self.file_label.setText(self.tr("Setup file"))
        self.browse.setText(self.tr("Choose…"))
        self.passcode_label.setText(self.tr("Passcode"))
        self.target_label.setText(self.tr("Data file"))
        self.go_button.setText(self.tr("Set up"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.start_button.setText(self.tr("Start using Liaison Desk"))
        self.parent_caption.setText(self.tr("Your parent office's fingerprint — compare it with them by phone; it "
                                            "must match the one their screen shows:"))
        self.own_caption.setText(self.tr("This office's fingerprint — your parent office confirms it when your "
                                         "first package arrives:"))
        self.next_steps.setText(self.tr("Next: on the Sync page, write your first package for your parent office "
                                        "and carry it there. If the fingerprints do not match, do not use this "
                                        "installation and call your parent office."))
        if self.info:
            self.done_heading.setText(self.tr("Set up as %1（%2）").replace("%1", self.info["office_name"])
                                      .replace("%2", self.info["office_code"]))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Setup file"), self.file_edit.text() or str(Path.home()),
                                                self.tr("Setup files (*.ldsetup)"))
        if chosen:
            self.file_edit.setText(chosen)

    # -- doing it ---------------------------------------------------------------------------
    def is_busy(self) -> bool:
        return self._job is not None

    def start(self) -> None:
        if self._job is not None:
            return
        path, passcode = self.file_edit.text().strip(), self.passcode_edit.text().strip()
        digits = "".join(ch for ch in passcode if ch.isdigit())
        if not path:
            self.status.setText(self.tr("Choose the setup file first."))
            return
        if len(digits) != 20:
            self.status.setText(self.tr("The passcode has 20 digits (spaces do not matter)."))
            return
        self.status.setText(self.tr("Setting up…"))
        self.go_button.setEnabled(False)
        db_path, relay = self.db_path, self._relay

        def work():
            from db.sync.setup import init_from_setup
            try:
                db_path.parent.mkdir(parents=True, exist_ok=True)
                relay.finished.emit(("ok", init_from_setup(db_path, path, digits)))
            except BaseException as exc:  # noqa: BLE001 - shown to the person in the dialog
                relay.finished.emit(("error", exc))

        self._job = threading.Thread(target=work, daemon=True, name="setup-from-file")
        self._job.start()

    def _on_finished(self, outcome) -> None:
        self._job = None
        self.go_button.setEnabled(True)
        status, value = outcome
        if status == "error":
            from desktop.errors_ui import explain
            known = explain(value, self.lang)
            code = known[0] if known else None
            # the engine's words ("the setup file is damaged or not a setup file") said what, not what to do
            if code == "read_only" and not self.db_path.exists():     # the first run's folder: nothing to copy
                said = self.tr("The data folder %1 cannot be written (a write-protected USB stick, a disc, or no "
                               "permission). Cancel, choose another data folder and set up again.").replace(
                                   "%1", str(self.db_path.parent))
            elif code == "not_found" and not Path(self.file_edit.text().strip()).exists():
                said = self.tr("The setup file is not there: was the USB stick removed? Insert it and choose the "
                               "file again.")
            else:
                said = {"wrong_passcode": self.tr("The passcode is wrong, or the setup file is damaged. Check the "
                                                  "20 digits with your parent office by phone and type them again."),
                        "corrupt": self.tr("This file is damaged or is not a setup file. Copy the setup file from "
                                           "your parent office again (or ask it to make a new one) and choose it."),
                        }.get(code)
            if not said and not known:          # a bug: logged beside the data, not its Python text on the screen
                from db.paths import logs_dir
                from desktop.errors_ui import bug_text
                said = bug_text(value, logs_dir(self.db_path))
            self.status.setText(said or known[1])
            # a digit misheard is typed again at once; a wrong or damaged file is chosen again
            field = self.file_edit if code in ("corrupt", "not_found") else self.passcode_edit
            field.setFocus()
            field.selectAll()
            return
        self.info = value
        self.parent_fp.setText(value["parent_fingerprint"].replace("-", "  "))
        self.own_fp.setText(value["fingerprint"].replace("-", "  "))
        self.stack.setCurrentIndex(1)
        self.go_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.start_button.setVisible(True)
        self.start_button.setDefault(True)
        self.retranslate()
        self.set_up.emit(str(self.db_path))

    def reject(self) -> None:
        if self._job is None:
            super().reject()


class SetupFromFileButton(QPushButton):
    """The first-run dialog's way in (see attach_to_first_run)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(self.tr("Set up from a setup file…"))
        self.setToolTip(self.tr("For a district or township office: use the setup file and passcode your parent "
                                "office gave"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def attach_to_first_run(first_run) -> SetupFromFileButton:
    """Add "Set up from a setup file…" to desktop.dialogs.first_run.FirstRunDialog: it sets up the
    database in the folder chosen there, remembers it like the first run does, and finishes the
    first run with it."""
    from db.paths import DB_NAME
    button = SetupFromFileButton(first_run)
    first_run.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)

    def open_dialog() -> None:
        folder = Path(first_run.folder.text().strip() or ".").expanduser()
        path = folder / getattr(first_run, "_db_name", DB_NAME)
        dialog = SetupFromFileDialog(path, first_run)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def done() -> None:
            from desktop.settings_keys import SETTING_DB
            first_run.db_path = path
            first_run.made_new = True
            first_run.settings.setValue(SETTING_DB, str(path))
            first_run.settings.sync()
            first_run.finished_setup.emit(str(path))
            first_run.accept()
        dialog.accepted.connect(done)
        first_run.setup_dialog = dialog
        dialog.open()

    button.clicked.connect(open_dialog)
    return button
