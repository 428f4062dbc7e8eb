"""设置: this office, the data file, backups (folder, schedule, back up now, restore) and the language."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import enum_label
from desktop.pages.base import Page
from desktop.widgets.confirm import confirm
from desktop.widgets.wrap_bar import WrapBar

PATH_ROLE = int(Qt.ItemDataRole.UserRole) + 1


def folder_problem(folder: Path) -> str | None:
    """Why nothing can be written into `folder` (a probe file is made and removed), or None."""
    import errno
    import tempfile

    from db.files import stick_missing
    try:
        if stick_missing(folder):       # the folder a pulled-out stick left behind: a probe would succeed there
            return QCoreApplication.translate("SettingsPage", "the USB stick is not there (pulled out or not "
                                              "mounted): insert it again")
        if not folder.exists():
            return None             # made by the first backup
        if not folder.is_dir():
            return QCoreApplication.translate("SettingsPage", "it is a file, not a folder")
        fd, probe = tempfile.mkstemp(prefix=".liaison-desk-probe-", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return QCoreApplication.translate("SettingsPage", "it is read-only or not writable (a write-protected "
                                              "stick?)")
        return exc.strerror or str(exc)
    return None


def is_liaison_data(path: Path) -> bool:
    """Whether `path` is a Liaison Desk database (read-only look: nothing is written to it)."""
    import sqlite3

    from db.paths import read_only_uri
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            conn.execute("SELECT 1 FROM node_state LIMIT 1").fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return False
    return True


class SettingsPage(Page):
    watched_tables = frozenset({"office", "account"})      # "account": who is signed in changed

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(12)
        self.title = QLabel(body)
        self.title.setObjectName("pageTitle")
        lay.addWidget(self.title)

        # two columns side by side, or the second under the first where they do not fit (a 1024-pixel screen in
        # English: the backups were cut at the right behind a sideways scroll bar)
        columns = WrapBar(body, spacing=12)
        columns.right.takeAt(0)                     # no stretch before the second column: it shares the width
        columns.box.setStretch(1, 1)
        left, right = QVBoxLayout(), QVBoxLayout()
        columns.left.addLayout(left, 1)
        columns.right.addLayout(right, 1)
        self.columns = columns
        lay.addWidget(columns)

        # this office
        self.office_box = QGroupBox(body)
        form = QFormLayout(self.office_box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.office_rows: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("name", "code", "level", "parent"):
            caption, value = QLabel(self.office_box), QLabel(self.office_box)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            form.addRow(caption, value)
            self.office_rows[key] = (caption, value)
        self.office_hint = QLabel(self.office_box)
        self.office_hint.setObjectName("hint")
        self.office_hint.setWordWrap(True)
        form.addRow(self.office_hint)
        left.addWidget(self.office_box)

        # language
        self.lang_box = QGroupBox(body)
        ll = QHBoxLayout(self.lang_box)
        self.lang_label = QLabel(self.lang_box)
        self.lang_combo = QComboBox(self.lang_box)
        self.lang_combo.addItem("中文（简体）", "zh_CN")
        self.lang_combo.addItem("English", "en")
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(ctx.lang)))
        self.lang_combo.currentIndexChanged.connect(self._on_language)
        ll.addWidget(self.lang_label)
        ll.addWidget(self.lang_combo)
        ll.addStretch(1)
        left.addWidget(self.lang_box)

        # data file
        self.data_box = QGroupBox(body)
        dl = QFormLayout(self.data_box)
        dl.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.data_file_label, self.data_file = QLabel(self.data_box), QLabel(self.data_box)
        self.data_file.setWordWrap(True)
        self.data_file.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dl.addRow(self.data_file_label, self.data_file)
        buttons = QHBoxLayout()
        self.open_folder = QPushButton(self.data_box)
        self.open_folder.clicked.connect(self._on_open_folder)
        self.switch_file = QPushButton(self.data_box)
        self.switch_file.clicked.connect(self._on_switch_file)
        buttons.addWidget(self.open_folder)
        buttons.addWidget(self.switch_file)
        buttons.addStretch(1)
        dl.addRow(buttons)
        left.addWidget(self.data_box)
        from desktop.dialogs.accounts import AccountsBox
        self.accounts_box = AccountsBox(ctx, body)           # sign-in, idle lock, accounts, 操作日志
        left.addWidget(self.accounts_box)
        left.addStretch(1)

        # backups
        self.backup_box = QGroupBox(body)
        bl = QVBoxLayout(self.backup_box)
        bform = QFormLayout()
        bform.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.folder_label = QLabel(self.backup_box)
        self.folder_edit = QLineEdit(self.backup_box)
        self.folder_edit.setPlaceholderText(str(ctx.data_dir / "backups"))
        self.folder_edit.setText(ctx.settings.value("backup/folder", "", type=str))
        self.folder_edit.editingFinished.connect(self._on_folder_edited)
        self.folder_button = QPushButton(self.backup_box)
        self.folder_button.clicked.connect(self._on_choose_folder)
        frow = QHBoxLayout()
        frow.addWidget(self.folder_edit, 1)
        frow.addWidget(self.folder_button)
        bform.addRow(self.folder_label, frow)
        from desktop.style import message_label
        self.folder_problem = message_label(self.backup_box)     # a folder no backup can be written into
        self.folder_problem.setVisible(False)
        bform.addRow("", self.folder_problem)
        self.schedule_label = QLabel(self.backup_box)
        self.schedule_combo = QComboBox(self.backup_box)
        self.schedule_combo.currentIndexChanged.connect(self._on_schedule)
        bform.addRow(self.schedule_label, self.schedule_combo)
        self.keep_label = QLabel(self.backup_box)
        self.keep_spin = QSpinBox(self.backup_box)
        self.keep_spin.setRange(1, 100)
        from desktop.backups import keep
        self.keep_spin.setValue(keep(ctx.settings))
        self.keep_spin.valueChanged.connect(lambda v: ctx.settings.setValue("backup/keep", v))
        bform.addRow(self.keep_label, self.keep_spin)
        bl.addLayout(bform)
        # a folder outside the data folder (a stick): automatic backups encrypted with a kept passphrase
        self.auto_crypt = message_label(self.backup_box)
        bl.addWidget(self.auto_crypt)
        crow = QHBoxLayout()
        self.auto_pass_button = QPushButton(self.backup_box)
        self.auto_pass_button.clicked.connect(lambda: self.set_auto_passphrase())
        self.auto_pass_forget = QPushButton(self.backup_box)
        self.auto_pass_forget.clicked.connect(lambda: self.forget_auto_passphrase())
        crow.addWidget(self.auto_pass_button)
        crow.addWidget(self.auto_pass_forget)
        crow.addStretch(1)
        bl.addLayout(crow)
        self.backups = QTableWidget(0, 3, self.backup_box)
        self.backups.verticalHeader().setVisible(False)
        self.backups.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.backups.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.backups.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.backups.horizontalHeader().setStretchLastSection(True)
        self.backups.setColumnWidth(0, 150)
        self.backups.setColumnWidth(1, 110)
        self.backups.setMinimumHeight(200)
        bl.addWidget(self.backups, 1)
        brow = QHBoxLayout()
        self.backup_now = QPushButton(self.backup_box)
        self.backup_now.clicked.connect(self.back_up_now)
        self.restore_button = QPushButton(self.backup_box)
        self.restore_button.clicked.connect(self.restore_selected)
        brow.addWidget(self.backup_now)
        brow.addWidget(self.restore_button)
        brow.addStretch(1)
        bl.addLayout(brow)
        self.backup_status = QLabel(self.backup_box)
        self.backup_status.setObjectName("hint")
        self.backup_status.setWordWrap(True)
        bl.addWidget(self.backup_status)
        right.addWidget(self.backup_box, 1)
        lay.addStretch(1)
        self.retranslate()
        self.refresh()

    # -- texts and data ---------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Settings"))
        self.office_box.setTitle(self.tr("This office"))
        captions = {"name": self.tr("Name"), "code": self.tr("Administrative code"), "level": self.tr("Level"),
                    "parent": self.tr("Parent office")}
        for key, (caption, _v) in self.office_rows.items():
            caption.setText(captions[key])
        city = getattr(self.ctx.office, "level", "") == "city"      # it has no office above it
        self.office_hint.setText(self.tr("The city office's details were entered when this computer was set up as "
                                         "the city office; they reach the offices below with their setup files and "
                                         "packages.") if city else
                                 self.tr("The office's details come with its set-up and are kept up to date by "
                                         "the office above it through sync."))
        self.lang_box.setTitle(self.tr("Language"))
        self.lang_label.setText(self.tr("Interface language"))
        self.data_box.setTitle(self.tr("Data"))
        self.data_file_label.setText(self.tr("Data file"))
        self.open_folder.setText(self.tr("Open the data folder"))
        self.switch_file.setText(self.tr("Use another data file…"))
        self.backup_box.setTitle(self.tr("Backups"))
        self.folder_label.setText(self.tr("Backup folder"))
        self.folder_button.setText(self.tr("Choose…"))
        self.schedule_label.setText(self.tr("Back up automatically"))
        self.keep_label.setText(self.tr("Keep the newest"))
        self.keep_spin.setSuffix(self.tr(" backups"))
        current = self.schedule_combo.currentData()
        from desktop.backups import schedule
        current = current or schedule(self.ctx.settings)
        self.schedule_combo.blockSignals(True)
        self.schedule_combo.clear()
        for value, text in (("start", self.tr("Every time the program starts")), ("daily", self.tr("Once a day")),
                            ("weekly", self.tr("Once a week")), ("off", self.tr("Never (not recommended)"))):
            self.schedule_combo.addItem(text, value)
        self.schedule_combo.setCurrentIndex(max(0, self.schedule_combo.findData(current)))
        self.schedule_combo.blockSignals(False)
        self.backups.setHorizontalHeaderLabels([self.tr("Taken at"), self.tr("Why"), self.tr("Size")])
        self.backup_now.setText(self.tr("Back up now"))
        self.restore_button.setText(self.tr("Restore the selected backup…"))
        self.lang_combo.blockSignals(True)
        self.lang_combo.setCurrentIndex(max(0, self.lang_combo.findData(self.ctx.lang)))
        self.lang_combo.blockSignals(False)
        self._fill_office()
        self._fill_backups()

    def refresh(self) -> None:
        self._fill_office()
        self._fill_backups()
        self.accounts_box.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fill_backups()                # who is signed in may have changed (the restore is the head's)
        self._check_folder()
        self.accounts_box.refresh()

    def _fill_office(self) -> None:
        from db.offices import get_office
        office = self.ctx.office
        parent = None
        if office is not None and office.parent_id:
            try:
                parent = get_office(self.ctx.db, office.parent_id).name
            except Exception:  # noqa: BLE001 - a parent not (yet) in this database is shown as blank
                parent = None
        values = {"name": office.name if office else self.tr("(not set up)"), "code": office.code if office else "",
                  "level": enum_label("office_level", office.level) if office else "",
                  "parent": parent or "—"}
        for key, (_c, v) in self.office_rows.items():
            v.setText(values[key])
        size = self.ctx.db_path.stat().st_size if self.ctx.db_path.exists() else 0
        self.data_file.setText(f"{self.ctx.db_path}（{size / 1e6:.1f} MB）" if self.ctx.is_zh()
                               else f"{self.ctx.db_path} ({size / 1e6:.1f} MB)")

    def _fill_backups(self) -> None:
        from db.backup import list_backups
        reasons = {"manual": self.tr("by hand"), "auto": self.tr("automatic"),
                   "before-upgrade": self.tr("before an upgrade"), "before-restore": self.tr("before a restore")}
        locked = self.tr("%1, encrypted")
        try:
            found = list_backups(self.ctx.backups_dir)
        except OSError:
            found = []
        self.backups.setRowCount(len(found))
        for i, b in enumerate(found):
            why = reasons.get(b.reason, b.reason)
            cells = (b.taken_at.strftime("%Y-%m-%d %H:%M"), locked.replace("%1", why) if b.encrypted else why,
                     f"{b.size / 1e6:.1f} MB")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PATH_ROLE, str(b.path))
                self.backups.setItem(i, j, item)
        # "by hand, encrypted" (English, longer than its Chinese) was cut to "by hand, …" in a fixed width
        self.backups.resizeColumnToContents(1)
        self.backups.setColumnWidth(1, max(110, self.backups.columnWidth(1)))
        from desktop.dialogs.sign_in import head_only
        head_only(self.ctx, self.restore_button, self.tr("restore a backup"), bool(found))
        self.backup_status.setText(self.tr("Backups are kept in %1").replace("%1", str(self.ctx.backups_dir)))
        self._fill_auto_crypt()

    def _fill_auto_crypt(self) -> None:
        """Outside the data folder: say whether automatic backups there are encrypted, plainly."""
        from desktop.backups import needs_passphrase, schedule, stored_passphrase
        try:
            outside = needs_passphrase(self.ctx)
        except OSError:
            outside = False
        kept = outside and stored_passphrase(self.ctx) is not None
        for w in (self.auto_crypt, self.auto_pass_button):
            w.setVisible(outside)
        self.auto_pass_forget.setVisible(kept)
        self.auto_pass_button.setText(self.tr("Change the passphrase…") if kept
                                      else self.tr("Encrypt automatic backups…"))
        self.auto_pass_forget.setText(self.tr("Forget the passphrase"))
        if kept:
            self.auto_crypt.setStyleSheet("")
            self.auto_crypt.setText(self.tr(
                "Backups to this folder, automatic ones too, are encrypted with the passphrase kept on this "
                "computer. Restoring one on another computer needs the passphrase."))
        elif schedule(self.ctx.settings) == "off":
            self.auto_crypt.setStyleSheet("")
            self.auto_crypt.setText(self.tr(
                "This folder is outside the data folder: a backup made here by hand is encrypted with a "
                "passphrase you type."))
        else:
            from desktop.style import ERROR_COLOR
            self.auto_crypt.setStyleSheet(f"color: {ERROR_COLOR};")
            self.auto_crypt.setText(self.tr(
                "Automatic backups to this folder are NOT encrypted: whoever finds the stick can read the "
                "members' personal data. Choose a passphrase to encrypt them (it is kept on this computer)."))

    def set_auto_passphrase(self) -> None:
        from desktop.backups import store_passphrase
        from desktop.dialogs import backup_passphrase
        passphrase = backup_passphrase.ask_new(self, self.ctx.backups_dir, automatic=True)
        if passphrase is None:
            return
        try:
            store_passphrase(self.ctx, passphrase)
        except Exception as exc:  # noqa: BLE001 - a read-only data folder: said, nothing kept
            self.ctx.errors.report(exc, parent=self)
        self._fill_auto_crypt()

    def forget_auto_passphrase(self) -> None:
        from desktop.backups import store_passphrase
        if not confirm(self, self.tr("Forget the passphrase"),
            self.tr("Automatic backups to %1 will no longer be encrypted. Backups already made keep their "
                    "passphrase. Forget it?").replace("%1", str(self.ctx.backups_dir)), self.tr("Forget it")):
            return
        try:
            store_passphrase(self.ctx, None)
        except Exception as exc:  # noqa: BLE001
            self.ctx.errors.report(exc, parent=self)
        self._fill_auto_crypt()

    # -- actions ----------------------------------------------------------------------
    def _on_language(self, _i: int) -> None:
        lang = self.lang_combo.currentData()
        if lang and lang != self.ctx.lang:
            self.ctx.request_language(lang)

    def _on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ctx.data_dir)))

    def _on_schedule(self, _i: int) -> None:
        self.ctx.settings.setValue("backup/schedule", self.schedule_combo.currentData())
        self._fill_auto_crypt()

    def _on_folder_edited(self) -> None:
        """Take the folder typed or chosen, unless no backup can be written into it: then the folder used until
        now stays (a read-only one kept as chosen had every daily automatic backup fail), and the page says so."""
        from db.paths import backups_dir
        text = self.folder_edit.text().strip()
        before = self.ctx.settings.value("backup/folder", "", type=str)
        if text != before:
            problem = folder_problem(Path(text).expanduser() if text else backups_dir(self.ctx.db_path))
            if problem:
                self.folder_edit.setText(before)
                self.folder_problem.setText(
                    self.tr("No backup can be written into %1: %2. The backups stay in %3; choose another folder.")
                    .replace("%1", text).replace("%2", problem).replace("%3", str(self.ctx.backups_dir)))
                self.folder_problem.setVisible(True)
                return
        self.ctx.settings.setValue("backup/folder", text)
        self._fill_backups()
        self._check_folder()

    def _check_folder(self) -> None:
        """Said when the folder is chosen, not when the first automatic backup fails unseen (a write-protected
        stick, a folder of another user)."""
        problem = folder_problem(self.ctx.backups_dir)
        self.folder_problem.setText(self.tr("No backup can be written into this folder: %1. Choose another "
                                            "folder.").replace("%1", problem) if problem else "")
        self.folder_problem.setVisible(bool(problem))

    def _on_choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Backup folder"), str(self.ctx.backups_dir))
        if folder:
            self.folder_edit.setText(folder)
            self._on_folder_edited()

    def back_up_now(self) -> None:
        from db.backup import refuse_unwritable_folder
        from db.errors import LiaisonError
        from desktop.backups import backup_passphrase, needs_passphrase, run_backup
        try:                # a stick pulled out or write-protected: said at once, not after a passphrase typed
            refuse_unwritable_folder(self.ctx.backups_dir, self.ctx.db_path)         # twice for nothing
        except LiaisonError as exc:
            self.ctx.errors.report(exc, parent=self)
            return
        passphrase = backup_passphrase(self.ctx)     # the kept one, when the folder is outside
        if passphrase is None and needs_passphrase(self.ctx):   # a stick: a passphrase the person chooses
            from desktop.dialogs import backup_passphrase
            passphrase = backup_passphrase.ask_new(self, self.ctx.backups_dir)
            if passphrase is None:
                return
        self.backup_now.setEnabled(False)
        self.backup_status.setText(self.tr("Backing up…"))

        def done(made) -> None:
            self.backup_now.setEnabled(True)
            self._fill_backups()
            self.backup_status.setText(self._backed_up_text(made))

        def failed(exc) -> None:
            self.backup_now.setEnabled(True)
            self.backup_status.clear()
            self.ctx.errors.report(exc, parent=self)

        def cancelled() -> None:
            self.backup_now.setEnabled(True)
            self.backup_status.setText(self.tr("The backup was cancelled; nothing was written."))
        # a backup to a stick carries the attachment files (scans, photos): many MB take a while
        label = self.tr("Backing up the data and the attachment files…") if needs_passphrase(self.ctx) else \
            self.tr("Backing up…")
        run_backup(self.ctx, reason="manual", parent=self, success=done, failure=failed, passphrase=passphrase,
                   progress_label=label, cancelled=cancelled)

    def _backed_up_text(self, made) -> str:
        """"Backed up to …", and for a backup outside the data folder the attachment files it carries and
        those it could not (missing or damaged on this computer: the backup is complete without them)."""
        text = self.tr("Backed up to %1").replace("%1", str(made.path))
        if not made.carries_attachments:
            return text
        carried = self.tr("The backup carries %1 attachment files (%2).")
        text += "\n" + carried.replace("%1", str(made.attachments)).replace("%2", made.size_text())
        if made.problems:
            reasons = {"missing": self.tr("not on this computer"),
                       "damaged": self.tr("damaged: its bytes no longer match its checksum"),
                       "unreadable": self.tr("cannot be read")}
            shown = "; ".join(f"{p.name} ({reasons.get(p.reason, reasons['unreadable'])})" for p in made.problems[:5])
            if len(made.problems) > 5:
                shown += "; …"
            left_out = self.tr("%1 attachment files could not be put in it: %2.")
            text += "\n" + left_out.replace("%1", str(len(made.problems))).replace("%2", shown)
        return text

    def restore_selected(self) -> None:
        row = self.backups.currentRow()
        item = self.backups.item(row, 0) if row >= 0 else None
        if item is None:
            QMessageBox.information(self, self.tr("Restore"), self.tr("Select a backup in the list first."))
            return
        path, taken = Path(item.data(PATH_ROLE)), item.text()
        if not confirm(self, self.tr("Restore"),
            self.tr("Replace all current data with the backup of %1? The current data is backed up first, "
                    "so this can be undone.").replace("%1", taken), self.tr("Restore the backup")):
            return
        from db.backup import backup_is_encrypted
        from desktop.backups import stored_passphrase
        from desktop.dialogs import backup_passphrase
        from desktop.ops import CollectionOp
        db_path = self.ctx.db_path
        encrypted = backup_is_encrypted(path, db_path)
        # the passphrase kept on this computer is tried first ("restoring one on another computer needs the
        # passphrase", 设置 says): asked only when there is none, or the backup was made with another one
        kept = stored_passphrase(self.ctx) if encrypted else None

        def ask() -> str | None:
            return backup_passphrase.ask_existing(self, path.name)
        passphrase = kept if kept is not None else ask() if encrypted else None
        if encrypted and passphrase is None:
            return

        def restoring(passphrase: str | None, as_office: str | None = None):
            def op(db, *_progress):
                from db.backup import restore
                told: list = []           # the attachment files the backup carried, and those written back
                safety = restore(db, db_path, path, passphrase=passphrase, attachments=lambda *n: told.extend(n),
                                 as_office=as_office)
                return safety, told
            return op

        def run(passphrase: str | None, as_office: str | None = None) -> None:
            CollectionOp(self.ctx, parent=self, op=restoring(passphrase, as_office), success=done).failure(
                lambda exc: failed(exc, passphrase)).with_progress(
                self.tr("Restoring the backup…"), cancellable=False).run_in_background()

        def failed(exc: BaseException, passphrase: str | None) -> None:
            from db.backup import OfficeNotConfirmed
            if isinstance(exc, OfficeNotConfirmed):     # a demo would become that office: said, and asked
                here = self.tr("This computer holds demo data.") if exc.demo_here else \
                    self.tr("This computer is not set up as an office yet.")
                question = self.tr("This backup holds the data of %1 (%2). %3 After the restore this computer works "
                                   "as %1 and syncs in its name. Restore it only if it is your office's backup.")
                if confirm(self, self.tr("Restore"), question.replace("%1", exc.office_name).replace(
                        "%2", exc.office_code).replace("%3", here), self.tr("Restore as %1").replace(
                        "%1", exc.office_name)):
                    run(passphrase, exc.office_code)
                return
            if kept is None or passphrase != kept or getattr(exc, "code", "") != "wrong_passphrase":
                self.ctx.errors.report(exc, parent=self)
                return
            typed = ask()               # made with another passphrase than the one kept here (nothing changed)
            if typed is not None:
                run(typed)

        def done(result) -> None:
            from db import model
            safety, told = result
            self.ctx.notify_changed(set(model.TABLES))
            self._fill_backups()
            # the copy taken first goes beside the data, not to a stick chosen as the backup folder: said where
            # it is, or the clerk who wants the data back finds no "before a restore" row in the list
            text = self.tr("Restored the backup of %1. The data as it was before the restore was backed up to "
                           "%2.").replace("%1", taken).replace("%2", str(safety))
            if told and told[0] is not None:
                files = self.tr("The backup carried %1 attachment files; %2 of them were written back (the others "
                                "were here already).")
                text += "\n" + files.replace("%1", str(told[0])).replace("%2", str(told[1]))
            self.backup_status.setText(text)
        run(passphrase)

    def _on_switch_file(self) -> None:
        from desktop.app import SETTING_DB
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Use another data file"), str(self.ctx.data_dir),
                                              self.tr("Liaison Desk data (*.sqlite3)"))
        if not path:
            return
        if not is_liaison_data(Path(path)):     # remembered, every later start stopped at "cannot be opened"
            QMessageBox.warning(self, self.tr("Data file"), self.tr(
                "%1 is not a Liaison Desk data file (it may be damaged, or another program's file). Nothing was "
                "changed: Liaison Desk goes on using %2.").replace("%1", path).replace("%2", str(self.ctx.db_path)))
            return
        self.ctx.settings.setValue(SETTING_DB, path)
        QMessageBox.information(self, self.tr("Data file"),
                                self.tr("Liaison Desk will use %1 from the next start.").replace("%1", path))


PAGE_CLASS = SettingsPage
