"""Signing in on a shared PC (db.accounts), the idle lock, and the window's role checks.

- `SignInPanel`: name + password (or, when no head can sign in yet, the head's new account). It covers
  the whole main window while it is locked, so nothing of the office's data shows and nothing waits in a
  modal loop. After wrong passwords the button stays disabled for the wait db.accounts sets (the wait is
  measured on the business clock, db.today, which tests pin).
- `SessionGuard`: one per main window. Locks the window at start when accounts are on, after the idle
  time the office set (设置) and when the person presses 锁定; shows who is signed in in the status line.
  Its idle clock (`clock`, a monotonic clock) can be replaced in tests.
- `head_only(ctx, widget, what)`: disables a button that only the head may use, with the reason as its
  tooltip (db refuses the action anyway).
"""

from __future__ import annotations

import sqlite3
import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import accounts


def role_label(role: str) -> str:
    return QCoreApplication.translate(
        "SignIn", "Head") if role == accounts.HEAD else QCoreApplication.translate("SignIn", "Clerk")


def may_head(ctx) -> bool:
    """May the person at the window do what only the head may? Always with accounts off."""
    return (not ctx.is_open()) or accounts.is_head(ctx.db)


def head_only(ctx, widget: QWidget, what: str, enabled: bool = True) -> bool:
    """Enable `widget` (when `enabled`) only for the head; for anyone else disable it and say why in its
    tooltip. `what` is the action, already translated. Returns whether the head's rights are there."""
    allowed = may_head(ctx)
    widget.setEnabled(enabled and allowed)
    if allowed:
        if widget.property("headOnlyTip"):
            widget.setToolTip("")
            widget.setProperty("headOnlyTip", False)
    else:
        widget.setToolTip(not_head_reason(what))
        widget.setProperty("headOnlyTip", True)
    return allowed


def not_head_reason(what: str) -> str:
    who = accounts.current()
    return QCoreApplication.translate(
        "SignIn", "Only the head may %1 (signed in: %2, clerk).").replace("%1", what).replace(
        "%2", who.display_name if who else "—")


class SignInPanel(QFrame):
    """The sign-in form. `signed_in(account)` once the password was right (or the first head was made)."""

    signed_in = Signal(object)
    cancelled = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("signInPanel")
        self.setAutoFillBackground(True)
        self.first_head = accounts.needs_first_head(ctx.db)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        row = QHBoxLayout()
        row.addStretch(1)
        box = QFrame(self)
        box.setObjectName("signInBox")
        box.setFrameShape(QFrame.Shape.StyledPanel)
        box.setMinimumWidth(420)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(24, 20, 24, 20)
        self.title = QLabel(box)
        self.title.setObjectName("pageTitle")
        self.office = QLabel(box)
        self.office.setObjectName("hint")
        self.hint = QLabel(box)
        self.hint.setWordWrap(True)
        lay.addWidget(self.title)
        lay.addWidget(self.office)
        lay.addWidget(self.hint)
        form = QFormLayout()
        self.name_label, self.name = QLabel(box), QLineEdit(box)
        self.display_label, self.display = QLabel(box), QLineEdit(box)
        self.password_label, self.password = QLabel(box), QLineEdit(box)
        self.repeat_label, self.repeat = QLabel(box), QLineEdit(box)
        for edit in (self.password, self.repeat):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.name_label, self.name)
        form.addRow(self.display_label, self.display)
        form.addRow(self.password_label, self.password)
        form.addRow(self.repeat_label, self.repeat)
        for w in (self.display_label, self.display, self.repeat_label, self.repeat):
            w.setVisible(self.first_head)
        lay.addLayout(form)
        self.message = QLabel(box)
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020;")
        lay.addWidget(self.message)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.cancel_button = QPushButton(box)      # only while accounts are not on yet: "not now"
        self.cancel_button.setVisible(self.first_head and not accounts.enabled(ctx.db))
        self.cancel_button.clicked.connect(lambda: self.cancelled.emit())
        buttons.addWidget(self.cancel_button)
        self.forgot_button = QPushButton(box)     # the only head forgot her password: the recovery code
        self.forgot_button.setFlat(True)
        self.forgot_button.setVisible(not self.first_head)
        self.forgot_button.clicked.connect(lambda: self.recover())
        buttons.insertWidget(0, self.forgot_button)
        self.sign_in_button = QPushButton(box)
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(lambda: self.submit())
        buttons.addWidget(self.sign_in_button)
        lay.addLayout(buttons)
        self.password.returnPressed.connect(lambda: self.submit())
        self.repeat.returnPressed.connect(lambda: self.submit())
        self.name.textChanged.connect(lambda _t: self.tick())
        self.ticker = QTimer(self)          # counts a wait down; the wait itself is db.accounts'
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.retranslate()

    def retranslate(self) -> None:
        office = self.ctx.office
        self.office.setText(office.name if office else "")
        self.name_label.setText(QCoreApplication.translate("SignIn", "Sign-in name"))
        self.display_label.setText(QCoreApplication.translate("SignIn", "Full name"))
        self.password_label.setText(QCoreApplication.translate("SignIn", "Password"))
        self.repeat_label.setText(QCoreApplication.translate("SignIn", "Password again"))
        if self.first_head:
            self.title.setText(QCoreApplication.translate("SignIn", "Create the head's account"))
            self.hint.setText(QCoreApplication.translate(
                "SignIn", "Several people share this computer: first make the account of the office's "
                                  "head (负责人). The head then adds the clerks' accounts in Settings."))
            self.sign_in_button.setText(QCoreApplication.translate("SignIn", "Create and sign in"))
            self.cancel_button.setText(QCoreApplication.translate("SignIn", "Not now (no sign-in)"))
        else:
            self.title.setText(QCoreApplication.translate("SignIn", "Sign in"))
            self.hint.setText(QCoreApplication.translate(
                "SignIn", "Sign in with your own name and password. Forgot your password? Ask the head "
                                  "to reset it."))
            self.sign_in_button.setText(QCoreApplication.translate("SignIn", "Sign in"))
        self.forgot_button.setText(QCoreApplication.translate("SignIn", "Forgot the head's password?"))

    def recover(self):
        from desktop.dialogs.recovery import RecoverDialog
        self.recover_dialog = RecoverDialog(self.ctx, self.window(), self.name.text())
        self.recover_dialog.recovered.connect(self._recovered)
        self.recover_dialog.open()
        return self.recover_dialog

    def _recovered(self, account, code: str) -> None:
        from desktop.dialogs.recovery import show_code
        accounts.set_current(account)
        self.code_dialog = show_code(self.window(), code)
        self.message.clear()
        self.signed_in.emit(account)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _say(self, exc) -> None:
        self.message.setText(exc.message("en" if not self.ctx.is_zh() else "zh"))

    def submit(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        db = self.ctx.db
        try:
            if self.first_head:
                if self.password.text() != self.repeat.text():
                    self.message.setText(QCoreApplication.translate("SignIn", "The two passwords differ."))
                    return
                account = accounts.create_account(db, self.name.text(), self.password.text(), role=accounts.HEAD,
                                                  display_name=self.display.text())
                accounts.set_current(account)
                accounts.set_enabled(db, True)
                from desktop.dialogs.recovery import show_code  # the way back in if she forgets it
                self.code_dialog = show_code(self.window(), accounts.new_recovery_code(db))
            else:
                account = accounts.sign_in(db, self.name.text(), self.password.text())
        except accounts.SignInRefused as exc:
            self.password.clear()
            self._say(exc)
            self.tick()
            return
        except accounts.LiaisonError as exc:
            self._say(exc)
            return
        self.password.clear()
        self.repeat.clear()
        self.message.clear()
        self.signed_in.emit(account)

    def tick(self) -> None:
        """Enable the button once the wait after wrong passwords is over (checked against db.accounts)."""
        if self.first_head:
            return
        left = accounts.wait_left(self.ctx.db, self.name.text())
        self.sign_in_button.setEnabled(left == 0)
        if left:
            self.sign_in_button.setText(QCoreApplication.translate(
                "SignIn", "Wait %1 s").replace("%1", str(left)))
            if not self.ticker.isActive():
                self.ticker.start()
        else:
            self.ticker.stop()
            self.sign_in_button.setText(QCoreApplication.translate("SignIn", "Sign in"))


class SessionGuard(QObject):
    """The main window's sign-in state. `user_changed(account or None)` after a sign-in or a lock."""

    user_changed = Signal(object)
    INPUT_EVENTS = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.KeyPress, QEvent.Type.Wheel})

    def __init__(self, window, ctx, status_layout=None):
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.clock = time.monotonic
        self.last_input = self.clock()
        self.panel: SignInPanel | None = None
        self._hidden: list[QWidget] = []
        self._locked_user = None            # who was signed in when the window locked
        self.idle_timer = QTimer(self)
        self.idle_timer.setInterval(10_000)
        self.idle_timer.timeout.connect(self.check_idle)
        self.idle_timer.start()
        self.status = QLabel(window)
        self.status.setObjectName("hint")
        self.status.linkActivated.connect(lambda _link: self.lock())
        if status_layout is not None:
            status_layout.insertWidget(1, self.status)
        window.installEventFilter(self)
        self._watching = False              # the application-wide input filter, only with accounts on
        self.update_status()

    # -- state ------------------------------------------------------------------------
    def active(self) -> bool:
        try:
            return self.ctx.is_open() and accounts.enabled(self.ctx.db)
        except sqlite3.ProgrammingError:        # the window outlived its database (closing)
            return False

    @property
    def locked(self) -> bool:
        return self.panel is not None

    def offer_accounts(self) -> None:
        """First run, or 设置's switch: offer to make the head's account (and so turn sign-in on)."""
        if accounts.enabled(self.ctx.db):
            return
        if not accounts.needs_first_head(self.ctx.db):
            accounts.set_current(next(a for a in accounts.list_accounts(self.ctx.db) if a.is_head and a.has_password))
            accounts.set_enabled(self.ctx.db, True)
            accounts.sign_out()
            self.lock()
            return
        self.lock()

    def start(self) -> None:
        """At start: lock at once when accounts are on."""
        if self.active() and accounts.current() is None:
            self.lock()

    def lock(self) -> None:
        """Sign out and cover the window with the sign-in form; open editors are hidden, not closed."""
        if self.panel is not None:
            return
        self._locked_user = accounts.current()
        accounts.sign_out()
        w = self.window
        self._hidden = [t for t in QApplication.topLevelWidgets()
                        if t is not w and t.isVisible() and _inside(t, w)]
        for t in self._hidden:
            t.hide()
        w.centralWidget().setEnabled(False)
        for a in w.actions():
            a.setEnabled(False)
        self.panel = SignInPanel(self.ctx, w)
        self.panel.signed_in.connect(self.unlock)
        self.panel.cancelled.connect(lambda: self.unlock(None))
        self.panel.setGeometry(w.rect())
        self.panel.show()
        self.panel.raise_()
        self.panel.name.setFocus()
        self.update_status()
        self.user_changed.emit(None)
        self.ctx.notify_changed({"account"})        # pages that show the head's buttons look again

    def unlock(self, account) -> None:
        if self.panel is not None:
            self.panel.hide()
            self.panel.deleteLater()
            self.panel = None
        w = self.window
        w.centralWidget().setEnabled(True)
        for a in w.actions():
            a.setEnabled(True)
        before, self._locked_user = self._locked_user, None
        if account is not None and before is not None and account.name != before.name:
            self._put_away(before)      # another person: not the editors the one before left open
        else:
            for t in self._hidden:
                t.show()
        self._hidden = []
        self.last_input = self.clock()
        self.update_status()
        self.user_changed.emit(account)
        self.ctx.notify_changed({"account"})

    def _put_away(self, before) -> None:
        """Close what the person before left open, keeping each unsaved editor's work as a draft (offered at the
        next start), and say so: another person signing in got them back, and saving wrote her typing under
        the new name."""
        from desktop.dialogs.editor import RecordEditor
        kept = []
        for t in self._hidden:
            if isinstance(t, RecordEditor):
                if t.permitted and t.is_dirty():
                    with accounts.acting(before):          # hers: offered to her when she signs in again
                        t.write_draft()
                    kept.append(t.shown_title())
                t._may_close = True             # closed keeping its draft (not discarded)
            t.close()
            t.deleteLater()
        if kept:
            QMessageBox.information(self.window, QCoreApplication.translate("SignIn", "Unsaved work put away"),
                                    QCoreApplication.translate(
                                        "SignIn", "%1 left unsaved work open when the window locked:\n\n%2\n\nIt "
                                        "was closed and kept as a draft; it is offered again when Liaison Desk "
                                        "next starts.").replace("%1", before.display_name)
                                    .replace("%2", "\n".join(kept)))

    def _watch(self, on: bool) -> None:
        """Track input (for the idle lock) only while accounts are on: a one-person office pays nothing."""
        app = QApplication.instance()
        if app is None or on == self._watching:
            return
        if on:
            app.installEventFilter(self)
            self.last_input = self.clock()
        else:
            app.removeEventFilter(self)
        self._watching = on

    def update_status(self) -> None:
        who = accounts.current()
        self._watch(self.active())
        if who is None or not self.active():
            self.status.setVisible(False)
            return
        self.status.setVisible(True)
        text = QCoreApplication.translate(
            "SignIn", "Signed in: %1 (%2)").replace("%1", who.display_name).replace("%2", role_label(who.role))
        lock = QCoreApplication.translate("SignIn", "Lock")
        self.status.setText(f'{text} · <a href="lock">{lock}</a>')

    # -- idle -------------------------------------------------------------------------
    def eventFilter(self, obj, event) -> bool:
        kind = event.type()
        if kind in self.INPUT_EVENTS:
            self.last_input = self.clock()
        elif kind == QEvent.Type.Resize and obj is self.window and self.panel is not None:
            self.panel.setGeometry(self.window.rect())
        elif kind == QEvent.Type.LanguageChange and obj is self.window:
            self.update_status()
        return False

    def check_idle(self) -> None:
        if self.locked or not self.active():
            return
        minutes = accounts.idle_minutes(self.ctx.db)
        if minutes and self.clock() - self.last_input >= minutes * 60:
            self.lock()


def _inside(widget: QWidget, window: QWidget) -> bool:
    p = widget.parentWidget()
    while p is not None:
        if p is window:
            return True
        p = p.parentWidget()
    return False


def status_layout_of(window) -> QHBoxLayout | None:
    """The main window's status line layout (where who is signed in shows)."""
    label = getattr(window, "status_office", None)
    parent = label.parentWidget() if label is not None else None
    return parent.layout() if parent is not None else None

