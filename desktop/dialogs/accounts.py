"""设置 → 账号与登录: turn sign-in on or off, the idle lock, the accounts (the head's), the 操作日志."""

from __future__ import annotations

import contextlib
import sqlite3

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from db import accounts
from desktop.dialogs.act_then_close import AsksBeforeDiscarding
from desktop.dialogs.sign_in import head_only, may_head, role_label
from desktop.widgets.confirm import confirm


def _lang(ctx) -> str:
    return "zh" if ctx.is_zh() else "en"


class AccountsBox(QGroupBox):
    """The 设置 page's box: the switch, the idle minutes, 管理账号… and 操作日志…."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        self.enable = QCheckBox(self)
        self.enable.clicked.connect(lambda checked: self.switch(bool(checked)))
        lay.addWidget(self.enable)
        row = QHBoxLayout()
        self.idle_label = QLabel(self)
        self.idle = QSpinBox(self)
        self.idle.setRange(0, 24 * 60)
        self.idle.editingFinished.connect(lambda: self.save_idle())
        row.addWidget(self.idle_label)
        row.addWidget(self.idle)
        row.addStretch(1)
        lay.addLayout(row)
        buttons = QHBoxLayout()
        self.manage = QPushButton(self)
        self.manage.clicked.connect(lambda: self.open_accounts())
        self.oplog = QPushButton(self)
        self.oplog.clicked.connect(lambda: self.open_oplog())
        buttons.addWidget(self.manage)
        buttons.addWidget(self.oplog)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(QCoreApplication.translate("Accounts", "Sign-in and accounts"))
        self.enable.setText(QCoreApplication.translate(
            "Accounts", "Several people use this computer: sign in with a name and password"))
        self.idle_label.setText(QCoreApplication.translate(
            "Accounts", "Lock after minutes without use (0: never)"))
        self.manage.setText(QCoreApplication.translate("Accounts", "Accounts…"))
        self.oplog.setText(QCoreApplication.translate("Accounts", "Activity log…"))
        self.refresh()

    def changeEvent(self, event) -> None:
        from PySide6.QtCore import QEvent
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        if not self.ctx.is_open():
            # 设置 shown at start (the page the program was closed on) is built before the database opens: filled
            # then, it kept a spin box at 0 and 管理账号… pressable with sign-in off until the page was left
            if not getattr(self, "_waiting_for_open", False):
                self._waiting_for_open = True
                self.ctx.when_open(self._on_opened)
            return
        with contextlib.suppress(sqlite3.ProgrammingError):     # the window outlived its database (closing)
            self._refresh()

    def _on_opened(self) -> None:
        self._waiting_for_open = False
        self.refresh()

    def _refresh(self) -> None:
        db = self.ctx.db
        on = accounts.enabled(db)
        self.enable.setChecked(on)
        self.idle.blockSignals(True)
        self.idle.setValue(accounts.idle_minutes(db))
        self.idle.blockSignals(False)
        what = QCoreApplication.translate("Accounts", "change the sign-in settings")
        head_only(self.ctx, self.enable, what)
        head_only(self.ctx, self.idle, what, on)
        head_only(self.ctx, self.manage, QCoreApplication.translate("Accounts", "manage the accounts"), on)
        head_only(self.ctx, self.oplog, QCoreApplication.translate("Accounts", "see the activity log"))
        who = accounts.current()
        if not on:
            self.hint.setText(QCoreApplication.translate(
                "Accounts", "Off: whoever uses this computer may do everything. Changes record the office "
                                  "only."))
        elif who is not None:
            text = QCoreApplication.translate("Accounts", "On. Signed in: %1 (%2).").replace(
                "%1", who.display_name).replace("%2", role_label(who.role))
            if not who.is_head:
                text += " " + QCoreApplication.translate(
                    "Accounts", "These settings, the accounts and the activity log are the head's.")
            self.hint.setText(text)
        else:
            self.hint.setText(QCoreApplication.translate("Accounts", "On."))

    # -- actions ----------------------------------------------------------------------
    def _guard(self):
        return getattr(self.window(), "session", None)

    def switch(self, on: bool) -> None:
        db = self.ctx.db
        try:
            if on:
                guard = self._guard()
                if guard is not None:
                    guard.offer_accounts()          # the head's account first (or sign in as a head)
                elif not accounts.needs_first_head(db):
                    accounts.set_enabled(db, True)
            else:
                if confirm(self, QCoreApplication.translate(
                        "Accounts", "Sign-in"),
                        QCoreApplication.translate("Accounts", "Turn sign-in off? Then whoever uses this computer may do "
                                              "everything, and changes no longer record who made them."),
                        QCoreApplication.translate("Accounts", "Turn sign-in off")):
                    accounts.set_enabled(db, False)
                    if self._guard() is not None:
                        self._guard().update_status()
        except accounts.LiaisonError as exc:
            QMessageBox.warning(self, QCoreApplication.translate(
                "Accounts", "Sign-in"), exc.message(_lang(self.ctx)))
        self.refresh()

    def save_idle(self) -> None:
        try:
            accounts.set_idle_minutes(self.ctx.db, self.idle.value())
        except accounts.LiaisonError as exc:
            QMessageBox.warning(self, QCoreApplication.translate(
                "Accounts", "Sign-in"), exc.message(_lang(self.ctx)))
            self.refresh()

    def open_accounts(self) -> None:
        AccountsDialog(self.ctx, self).exec()
        self.refresh()

    def open_oplog(self) -> None:
        from desktop.pages.oplog import OperationLogDialog
        OperationLogDialog(self.ctx, self).exec()


class PasswordDialog(QDialog):
    """A new password, typed twice."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        form = QFormLayout(self)
        self.password, self.repeat = QLineEdit(self), QLineEdit(self)
        for e in (self.password, self.repeat):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Accounts", "New password"), self.password)
        form.addRow(QCoreApplication.translate("Accounts", "Password again"), self.repeat)
        self.message = QLabel(self)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        box.accepted.connect(self._check)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def _check(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(QCoreApplication.translate("Accounts", "The two passwords differ."))
            return
        self.accept()

    @staticmethod
    def ask(parent: QWidget, title: str) -> str | None:
        d = PasswordDialog(title, parent)
        return d.password.text() if d.exec() == QDialog.DialogCode.Accepted else None


class NewAccountDialog(AsksBeforeDiscarding, QDialog):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.account = None
        self.setWindowTitle(QCoreApplication.translate("Accounts", "New account"))
        form = QFormLayout(self)
        self.name, self.display = QLineEdit(self), QLineEdit(self)
        self.role = QComboBox(self)
        self.role.addItem(role_label(accounts.CLERK), accounts.CLERK)
        self.role.addItem(role_label(accounts.HEAD), accounts.HEAD)
        self.password, self.repeat = QLineEdit(self), QLineEdit(self)
        for e in (self.password, self.repeat):
            e.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("Accounts", "Sign-in name"), self.name)
        form.addRow(QCoreApplication.translate("Accounts", "Full name"), self.display)
        form.addRow(QCoreApplication.translate("Accounts", "Role"), self.role)
        form.addRow(QCoreApplication.translate("Accounts", "Password"), self.password)
        form.addRow(QCoreApplication.translate("Accounts", "Password again"), self.repeat)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        form.addRow(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        box.accepted.connect(self.save)
        box.rejected.connect(self.reject)
        form.addRow(box)

    def save(self) -> None:
        if self.password.text() != self.repeat.text():
            self.message.setText(QCoreApplication.translate("Accounts", "The two passwords differ."))
            return
        try:
            self.account = accounts.create_account(self.ctx.db, self.name.text(), self.password.text(),
                                                   role=self.role.currentData(), display_name=self.display.text())
        except accounts.LiaisonError as exc:
            self.message.setText(exc.message(_lang(self.ctx)))      # what was typed stays
            return
        self.accept()


class AccountsDialog(QDialog):
    """The head's list of accounts: add, reset a password, change a role, delete."""

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(QCoreApplication.translate("Accounts", "Accounts"))
        self.resize(620, 400)
        lay = QVBoxLayout(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([QCoreApplication.translate(
            "Accounts", "Sign-in name"),
            QCoreApplication.translate("Accounts", "Full name"),
            QCoreApplication.translate("Accounts", "Role")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._on_selection)
        lay.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(QCoreApplication.translate("Accounts", "New account…"), self)
        self.reset_button = QPushButton(QCoreApplication.translate("Accounts", "Reset password…"), self)
        self.role_button = QPushButton(self)
        self.delete_button = QPushButton(QCoreApplication.translate("Accounts", "Delete"), self)
        self.new_button.clicked.connect(lambda: self.new_account())
        self.reset_button.clicked.connect(lambda: self.reset_password())
        self.role_button.clicked.connect(lambda: self.toggle_role())
        self.delete_button.clicked.connect(lambda: self.delete_account())
        self.code_button = QPushButton(QCoreApplication.translate("Accounts", "New recovery code…"), self)
        self.code_button.setToolTip(QCoreApplication.translate(
            "Accounts", "A code, kept on paper in the office's safe, with which a head who forgot her password "
                        "sets a new one at the sign-in screen. A new code makes the old one stop working."))
        self.code_button.clicked.connect(lambda: self.new_recovery_code())
        for b in (self.new_button, self.reset_button, self.role_button, self.delete_button, self.code_button):
            row.addWidget(b)
        row.addStretch(1)
        close = QPushButton(QCoreApplication.translate("Accounts", "Close"), self)
        close.clicked.connect(self.accept)
        row.addWidget(close)
        lay.addLayout(row)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.fill()

    def fill(self, select: str | None = None) -> None:
        self.accounts = accounts.list_accounts(self.ctx.db)
        self.table.setRowCount(len(self.accounts))
        for i, a in enumerate(self.accounts):
            for j, text in enumerate((a.name, a.display_name, role_label(a.role))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.name)
                self.table.setItem(i, j, item)
            if a.name == select:
                self.table.selectRow(i)
        self._on_selection()

    def selected(self) -> accounts.Account | None:
        rows = self.table.selectionModel().selectedRows()
        return self.accounts[rows[0].row()] if rows else None

    def select(self, name: str) -> None:
        for i, a in enumerate(self.accounts):
            if a.name == name:
                self.table.selectRow(i)

    def _on_selection(self) -> None:
        a = self.selected()
        head = may_head(self.ctx)
        for b in (self.new_button, self.code_button):
            b.setEnabled(head)
        for b in (self.reset_button, self.role_button, self.delete_button):
            b.setEnabled(head and a is not None)
        me = accounts.current()
        own = a is not None and me is not None and me.name == a.name
        if own:                 # said on the button, not after "删除 … 的账号吗？" was answered 是
            self.delete_button.setEnabled(False)
        self.delete_button.setToolTip(QCoreApplication.translate(
            "Accounts", "You cannot delete the account you are signed in with.") if own else "")
        self.role_button.setText(QCoreApplication.translate(
            "Accounts", "Make clerk") if a is not None and a.is_head else QCoreApplication.translate("Accounts", "Make head"))

    def _run(self, fn, done_text: str) -> bool:
        try:
            fn()
        except accounts.LiaisonError as exc:
            self.message.setStyleSheet("color: #b00020;")
            self.message.setText(exc.message(_lang(self.ctx)))
            return False
        self.message.setStyleSheet("")
        self.message.setText(done_text)
        return True

    def new_recovery_code(self):

        from desktop.dialogs.recovery import show_code
        # the one in the safe stops working: said first
        if accounts.has_recovery_code(self.ctx.db) and not confirm(
                self, QCoreApplication.translate("Accounts", "New recovery code"),
                QCoreApplication.translate("Accounts", "The recovery code kept in the safe will stop working. Make "
                                           "a new one?"),
                QCoreApplication.translate("Accounts", "Make a new code")):
            return None
        made: list[str] = []
        if not self._run(lambda: made.append(accounts.new_recovery_code(self.ctx.db)), ""):
            return None
        self.code_dialog = show_code(self, made[0])
        return self.code_dialog

    def new_account(self) -> None:
        d = NewAccountDialog(self.ctx, self)
        if d.exec() == QDialog.DialogCode.Accepted and d.account is not None:
            self.fill(select=d.account.name)
            self.message.setText(QCoreApplication.translate(
                "Accounts", "Account %1 made.").replace("%1", d.account.display_name))

    def reset_password(self) -> None:
        a = self.selected()
        if a is None:
            return
        password = PasswordDialog.ask(self, QCoreApplication.translate(
            "Accounts", "New password for %1").replace("%1", a.display_name))
        if password is None:
            return
        self._run(lambda: accounts.reset_password(self.ctx.db, a.name, password),
                  QCoreApplication.translate(
                      "Accounts", "The password of %1 was reset: tell her or him the new one.").replace("%1", a.display_name))

    def toggle_role(self) -> None:
        a = self.selected()
        if a is None:
            return
        role = accounts.CLERK if a.is_head else accounts.HEAD
        if self._run(lambda: accounts.set_role(self.ctx.db, a.name, role),
                     QCoreApplication.translate(
                         "Accounts", "%1 is now %2.").replace("%1", a.display_name).replace("%2", role_label(role))):
            self.fill(select=a.name)

    def delete_account(self) -> None:
        a = self.selected()
        if a is None:
            return
        if not confirm(self, QCoreApplication.translate(
            "Accounts", "Delete"),
            QCoreApplication.translate("Accounts", "Delete the account of %1? What she or he did "
                                                               "stays in the history.").replace("%1", a.display_name),
            QCoreApplication.translate("Accounts", "Delete the account")):
            return
        if self._run(lambda: accounts.delete_account(self.ctx.db, a.name),
                     QCoreApplication.translate(
                         "Accounts", "Account %1 deleted.").replace("%1", a.display_name)):
            self.fill()
