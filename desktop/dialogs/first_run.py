"""First run: choose the data folder, then open the demo data, set this installation up as the city
office, or — a district or township office — from the setup file its parent office gave
(desktop.dialogs.setup_from_file adds that button), or — a computer set up again, or one replacing a broken
one — from a backup of the office's data (db.backup.restore_new_installation). The long part — building the demo database —
runs on a worker with a progress dialog; the dialog stays responsive.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QEvent, QSettings, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.style import add_text, message_label

DEMO_DB_NAME = "liaison-desk-demo.sqlite3"
DEMO_SEED = 20260101


class FirstRunDialog(QDialog):
    """On Accept, `db_path` is the database to open (the settings remember it) and `made_new` says whether
    new data was made there (not an office's existing data opened). `finished_setup(path)` is emitted when
    the data is ready."""

    finished_setup = Signal(str)

    def __init__(self, settings: QSettings, default_db: Path, parent: QWidget | None = None):
        super().__init__(parent)
        from db.paths import DB_NAME
        self.settings = settings
        self.db_path: Path = default_db
        self.made_new = False
        self._db_name = default_db.name or DB_NAME
        self._job: threading.Thread | None = None
        self.error: str | None = None

        lay = QVBoxLayout(self)
        lay.setSpacing(10)
        self.heading = QLabel(self)
        self.heading.setObjectName("pageTitle")
        lay.addWidget(self.heading)
        self.intro = add_text(lay, self)

        grid = QGridLayout()
        self.folder_label = QLabel(self)
        self.folder = QLineEdit(str(default_db.parent), self)
        self.browse = QPushButton(self)
        self.browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        grid.addWidget(self.folder_label, 0, 0)
        grid.addLayout(row, 0, 1)
        self.backups_hint = QLabel(self)
        self.backups_hint.setObjectName("hint")
        self.backups_hint.setWordWrap(True)
        grid.addWidget(self.backups_hint, 1, 1)
        lay.addLayout(grid)
        self.folder.textChanged.connect(self._update_hint)

        self.choice = QButtonGroup(self)
        self.opt_demo = QRadioButton(self)
        self.opt_city = QRadioButton(self)
        self.choice.addButton(self.opt_demo, 0)
        self.choice.addButton(self.opt_city, 1)
        self.opt_demo.setChecked(True)
        lay.addWidget(self.opt_demo)
        self.demo_hint = QLabel(self)
        self.demo_hint.setObjectName("hint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setContentsMargins(24, 0, 0, 0)
        lay.addWidget(self.demo_hint)
        lay.addWidget(self.opt_city)
        city = QGridLayout()
        city.setContentsMargins(24, 0, 0, 0)
        self.city_name_label = QLabel(self)
        self.city_name = QLineEdit("贵阳市政协", self)
        self.city_code_label = QLabel(self)
        self.city_code = QLineEdit("520100", self)
        self.city_code.setMaxLength(12)
        city.addWidget(self.city_name_label, 0, 0)
        city.addWidget(self.city_name, 0, 1)
        city.addWidget(self.city_code_label, 1, 0)
        city.addWidget(self.city_code, 1, 1)
        lay.addLayout(city)
        self.status = message_label(self)
        lay.addWidget(self.status)
        lay.addStretch(1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        # a district or township office: from the setup file its parent office gave (the sync work)
        from desktop.dialogs.setup_from_file import attach_to_first_run
        self.setup_file_button = attach_to_first_run(self)
        # a computer set up again: the office's data from a backup (设置's, or one on a stick)
        self.restore_button = QPushButton(self)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.clicked.connect(lambda: self.restore_backup())
        self.choice.idToggled.connect(lambda *_: self._update_enabled())
        self.retranslate()
        self._update_enabled()
        self.resize(620, 460)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Welcome to Liaison Desk"))
        self.heading.setText(self.tr("Set up Liaison Desk"))
        self.intro.setText(self.tr("Choose where the data is kept, then how to start. A district or township "
                                   "office uses the setup file its parent office gave; a computer set up again "
                                   "restores the office's backup. Everything stays on this computer; nothing is "
                                   "sent over a network."))
        self.folder_label.setText(self.tr("Data folder"))
        self.browse.setText(self.tr("Choose…"))
        # what opens is the demo's own office, the city (db.demo makes the city with one township's group in it)
        self.opt_demo.setText(self.tr("Open the demo data (a sample city office with one township's liaison "
                                      "group, to look around in)"))
        self.demo_hint.setText(self.tr("It opens as the city's office (贵阳市政协), over made-up groups, members, "
                                       "meetings and visits of one township. You can set up your own office later; "
                                       "the demo is kept in a separate file."))
        self.opt_city.setText(self.tr("Set up as the city office (with its districts and townships)"))
        self.city_name_label.setText(self.tr("Name"))
        self.city_code_label.setText(self.tr("Administrative code"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Start"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Quit"))
        self.restore_button.setText(self.tr("Restore from a backup…"))
        self.restore_button.setToolTip(self.tr("For a computer set up again, or one replacing a broken one: the "
                                               "office's data from a backup file (from Settings, or on a USB "
                                               "stick)"))
        self._update_hint()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def existing_data(self) -> tuple[Path, str] | None:
        """The data of an office already in the chosen folder (a reinstalled program, a new Windows user):
        its file and the office's name. Start opens it rather than making the demo beside it."""
        from db.startup import peek_installation
        path = Path(self.folder.text().strip() or ".").expanduser() / self._db_name
        try:
            found = peek_installation(path)
        except OSError:
            return None
        return (path, found.office.name) if found is not None and found.office is not None else None

    def _update_hint(self) -> None:
        folder = Path(self.folder.text().strip() or ".")
        text = self.tr("Backups go to %1").replace("%1", str(folder / "backups"))
        if existing := self.existing_data():
            text += "\n" + self.tr("This folder already holds the data of %1: Start opens it.").replace(
                "%1", existing[1])
        self.backups_hint.setText(text)

    def _update_enabled(self) -> None:
        city = self.opt_city.isChecked()
        for w in (self.city_name, self.city_code, self.city_name_label, self.city_code_label):
            w.setEnabled(city)

    def _on_browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Data folder"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    # -- doing it -------------------------------------------------------------------
    def target_path(self) -> Path:
        folder = Path(self.folder.text().strip()).expanduser()
        return folder / (DEMO_DB_NAME if self.opt_demo.isChecked() else self._db_name)

    def start(self) -> None:
        """Create the database (in a worker: the demo takes a few seconds) and accept when ready."""
        if self._job is not None:
            return
        self.status.clear()
        if existing := self.existing_data():     # its own data, not a demo made beside it
            self._opened(existing[0])
            return
        name, code = self.city_name.text().strip(), self.city_code.text().strip()
        if self.opt_city.isChecked() and (not name or not code.isdigit()):
            self.status.setText(self.tr("Enter the office's name and its administrative code (digits)."))
            return
        path = self.target_path()
        demo = self.opt_demo.isChecked()
        self._run(self.tr("Preparing the data…"),
                  lambda: create_database(path, demo=demo, city_name=name, city_code=code),
                  lambda made, exc: self._made(path, made, exc))

    def _run(self, title: str, work, done) -> None:
        """`work()` on a thread (creating or restoring the data takes seconds), a progress window meanwhile and
        the buttons off; then `done(result, exception)` here, on the GUI thread."""
        from PySide6.QtCore import QTimer

        from desktop.ops import Progress
        from desktop.widgets.progress import ProgressDialog
        dialog = ProgressDialog(self, title, Progress(), cancellable=False, delay_ms=200)
        self.buttons.setEnabled(False)
        outcome: dict = {}

        def run():
            try:
                outcome["result"] = work()
            except BaseException as exc:  # noqa: BLE001 - shown to the user by done()
                outcome["error"] = exc

        def check() -> None:
            if self._job is None or self._job.is_alive():
                return
            self._poll.stop()
            self._job = None
            dialog.finish()
            self.buttons.setEnabled(True)
            done(outcome.get("result"), outcome.get("error"))
        self._job = threading.Thread(target=run, daemon=True)
        self._job.start()
        self._poll = QTimer(self, interval=50)
        self._poll.timeout.connect(check)
        self._poll.start()

    def _explain(self, exc: BaseException, path: Path):
        """(the known kind or None, the words for it): desktop.errors_ui's, or a bug's with where it was logged."""
        from db.paths import logs_dir
        from desktop.errors_ui import bug_text, explain
        known = explain(exc, "zh_CN" if self.tr("Start") != "Start" else "en")
        self.error = known[1] if known else bug_text(exc, logs_dir(path))
        return known

    def _made(self, path: Path, made, exc: BaseException | None) -> None:
        if exc is not None:
            known = self._explain(exc, path)
            if known and known[0] == "read_only" and not path.exists():
                # no database there to "copy to a writable folder", as the engine's words said: another folder
                self.error = self.tr("The data folder %1 cannot be written (a write-protected USB stick, a disc, "
                                     "or no permission). Choose another data folder.").replace("%1", str(path.parent))
                self.folder.setFocus()
                self.folder.selectAll()
            self.status.setText(self.tr("Could not prepare the data: %1").replace("%1", self.error))
            return
        self.made_new = bool(made)
        self._opened(path)

    def _opened(self, path: Path) -> None:
        from desktop.settings_keys import SETTING_DB
        self.db_path = path
        self.settings.setValue(SETTING_DB, str(path))
        self.settings.sync()
        self.finished_setup.emit(str(path))
        self.accept()

    def is_busy(self) -> bool:
        return self._job is not None

    # -- restoring a backup -----------------------------------------------------------
    def restore_backup(self) -> None:
        """Choose a backup file (and type its passphrase when it is encrypted), restore it as this
        computer's data in the chosen folder, and finish the first run with it. Anything wrong with the
        file is said here and nothing is left behind (db.backup.restore_new_installation)."""
        if self._job is not None:
            return
        self.status.clear()
        if existing := self.existing_data():
            self.status.setText(self.tr("This folder already holds the data of %1: Start opens it (a backup can "
                                        "then be restored in Settings), or choose another data folder.")
                                .replace("%1", existing[1]))
            return
        from desktop.dialogs.last_folder import remember, start_path
        start = start_path(self.settings, "backup-file", "", Path.home())
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Restore from a backup"), start,
                                                self.tr("Liaison Desk backups (*.sqlite3 *.enc);;All files (*)"))
        if not chosen:
            return
        remember(self.settings, "backup-file", chosen)
        target = Path(self.folder.text().strip() or ".").expanduser() / self._db_name
        from db.backup import backup_is_encrypted
        try:
            encrypted = backup_is_encrypted(chosen, target)
        except OSError:
            encrypted = False           # unreadable: the restore says why
        self._restore_from(Path(chosen), target, encrypted)

    def _restore_from(self, backup: Path, target: Path, encrypted: bool, problem: str = "") -> None:
        passphrase = None
        if encrypted:
            from desktop.dialogs import backup_passphrase
            passphrase = backup_passphrase.ask_existing(self, backup.name, problem)
            if passphrase is None:
                return
        from db.backup import restore_new_installation
        self._run(self.tr("Restoring the backup…"),
                  lambda: restore_new_installation(target, backup, passphrase=passphrase),
                  lambda report, exc: self._restored(backup, target, encrypted, exc, report))

    def _restored(self, backup: Path, target: Path, encrypted: bool, exc: BaseException | None,
                  report=None) -> None:
        if exc is None:
            self.made_new = False           # the office's own data, not a new office
            if report is not None:          # what came back: the records, the attachment files, any not here
                from PySide6.QtWidgets import QMessageBox
                zh, en = report.text()
                said = zh if self.tr("Start") != "Start" else en
                box = QMessageBox.warning if report.problems else QMessageBox.information
                box(self, self.tr("Backup restored"), said)
            self._opened(target)
            return
        known = self._explain(exc, target)
        self.status.setText(self.tr("Could not restore %1: %2").replace("%1", backup.name).replace("%2", self.error))
        if known and known[0] == "wrong_passphrase":
            self._restore_from(backup, target, encrypted, known[1])     # typed again (nothing was changed)


def create_database(path: Path, *, demo: bool, city_name: str = "", city_code: str = "") -> bool:
    """Make the database at `path`: the demo township, or this office as the city office.
    False when data set up before was found there (and is used as it is)."""
    from db.database import open_database
    from db.offices import add_guiyang_network, create_city, this_office
    path.parent.mkdir(parents=True, exist_ok=True)
    db = open_database(path)
    try:
        if this_office(db) is not None:
            return False                # already set up (e.g. the demo opened before): just use it
        if demo:
            from db import demo as demo_data
            demo_data.generate(db, "township", DEMO_SEED)
        else:
            city = create_city(db, city_name, city_code)
            add_guiyang_network(db, city)
            from db.sync.computers import set_confirms_relayed_keys
            set_confirms_relayed_keys(db, True)      # SECURITY.md R6d: a new city confirms relayed keys itself
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    return True
