"""Signing in on a shared PC, pressing the buttons: the window is locked until someone signs in; wrong
passwords make the next try wait (on the pinned business clock, no sleeps); the head resets a clerk's
password; a clerk sees 定稿 disabled with the reason; the window locks itself after the idle time."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtWidgets import QApplication

from db import accounts
from db import today as office_clock

T0 = dt.datetime(2026, 11, 25, 9, 0, 0)


@pytest.fixture(autouse=True)
def nobody_signed_in():
    accounts.sign_out()
    yield
    accounts.sign_out()


@pytest.fixture
def shared(ctx):
    """The demo office with accounts on: 张主任 (head) and 李芳 (clerk)."""
    head = accounts.create_account(ctx.db, "zhang", "head-pass-1", role=accounts.HEAD, display_name="张主任")
    with accounts.acting(head):
        accounts.create_account(ctx.db, "li", "clerk-pass-1", display_name="李芳")
        accounts.set_enabled(ctx.db, True)
    return ctx


def open_window(ctx):
    from desktop.main_window import MainWindow
    w = MainWindow(ctx, translations=QApplication.instance().translations)
    w.resize(1366, 768)
    w._drafts_offered = True
    w.show()
    return w


def close_window(w, qtbot) -> None:
    home = w.pages.get("home")
    if home is not None:                      # its first read is on a worker: let it land first
        qtbot.waitUntil(lambda: home.data is not None)
    w.hide()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture
def locked_window(shared, qtbot):
    w = open_window(shared)
    yield w
    close_window(w, qtbot)


def sign_in(window, qtbot, name: str, password: str) -> None:
    panel = window.session.panel
    panel.name.setText(name)
    panel.password.setText(password)
    qtbot.mouseClick(panel.sign_in_button, Qt.MouseButton.LeftButton)


def test_the_window_opens_locked_and_a_clerk_signs_in(locked_window, qtbot):
    w = locked_window
    assert w.session.locked and w.session.panel.isVisible()
    assert not w.centralWidget().isEnabled()
    assert w.session.panel.geometry() == w.rect()                  # covers everything
    assert w.session.panel.sign_in_button.text() == "登录"
    sign_in(w, qtbot, "li", "clerk-pass-1")
    assert not w.session.locked and w.centralWidget().isEnabled()
    assert accounts.current().display_name == "李芳"
    assert "李芳" in w.session.status.text() and "经办人" in w.session.status.text()


def test_wrong_passwords_make_the_next_try_wait(locked_window, qtbot):
    w = locked_window
    panel = w.session.panel
    with office_clock.pinned(T0):
        for _ in range(accounts.FREE_TRIES):
            sign_in(w, qtbot, "li", "not-it")
        assert w.session.locked
        assert f"{accounts.FIRST_DELAY} 秒" in panel.message.text()
        assert not panel.sign_in_button.isEnabled()                 # the button waits too
        assert panel.password.text() == ""
    with office_clock.pinned(T0 + dt.timedelta(seconds=accounts.FIRST_DELAY - 1)):
        panel.ticker.timeout.emit()
        assert not panel.sign_in_button.isEnabled() and "1" in panel.sign_in_button.text()
    with office_clock.pinned(T0 + dt.timedelta(seconds=accounts.FIRST_DELAY)):
        panel.ticker.timeout.emit()
        assert panel.sign_in_button.isEnabled()
        sign_in(w, qtbot, "li", "clerk-pass-1")
    assert not w.session.locked


def test_a_clerk_sees_finalize_disabled_with_the_reason_and_the_head_may(locked_window, qtbot):
    from desktop.dialogs.meeting_editor import MeetingEditor
    w = locked_window
    ctx = w.ctx
    draft = ctx.db.execute("SELECT id FROM meeting WHERE state = 'draft' AND deleted = 0 AND revision = 1 "
                           "LIMIT 1").fetchone()[0]
    sign_in(w, qtbot, "li", "clerk-pass-1")
    editor = MeetingEditor(ctx, draft, w)
    editor.show()
    final = editor.move_buttons["final"]
    assert final.isVisible() and not final.isEnabled()
    assert "只有负责人" in final.toolTip() and "李芳" in final.toolTip()
    editor._may_close = True
    editor.close()
    # the clerk locks the window (the status line's 锁定); the head signs in and may finalize
    w.session.status.linkActivated.emit("lock")
    assert w.session.locked and accounts.current() is None
    sign_in(w, qtbot, "zhang", "head-pass-1")
    editor = MeetingEditor(ctx, draft, w)
    editor.show()
    assert editor.move_buttons["final"].isEnabled() and editor.move_buttons["final"].toolTip() == ""
    editor._may_close = True
    editor.close()


def test_the_head_resets_a_clerks_password(locked_window, qtbot, monkeypatch):
    from desktop.dialogs.accounts import AccountsDialog, PasswordDialog
    w = locked_window
    sign_in(w, qtbot, "zhang", "head-pass-1")
    settings = w.show_page("settings")
    box = settings.accounts_box
    assert box.enable.isChecked() and box.manage.isEnabled() and box.oplog.isEnabled()
    dialog = AccountsDialog(w.ctx, w)
    dialog.show()
    assert [dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())] == ["张主任", "李芳"]
    dialog.select("li")
    monkeypatch.setattr(PasswordDialog, "ask", staticmethod(lambda parent, title: "brand-new-9"))
    qtbot.mouseClick(dialog.reset_button, Qt.MouseButton.LeftButton)
    assert "李芳" in dialog.message.text()
    # the last head cannot make herself a clerk: said in the dialog
    dialog.select("zhang")
    qtbot.mouseClick(dialog.role_button, Qt.MouseButton.LeftButton)
    assert "唯一的负责人" in dialog.message.text()
    dialog.close()
    w.session.lock()
    sign_in(w, qtbot, "li", "clerk-pass-1")
    assert w.session.locked                                          # the old password no longer works
    sign_in(w, qtbot, "li", "brand-new-9")
    assert not w.session.locked and accounts.current().name == "li"
    # a clerk: the settings' sign-in box and the restore are the head's
    settings = w.show_page("settings")
    assert not box.manage.isEnabled() and "只有负责人" in box.manage.toolTip()
    assert not box.oplog.isEnabled()
    assert not settings.restore_button.isEnabled()


def test_the_window_locks_after_the_idle_time_and_hides_open_editors(locked_window, qtbot):
    from desktop.dialogs.member_editor import MemberEditor
    w = locked_window
    ctx = w.ctx
    sign_in(w, qtbot, "li", "clerk-pass-1")
    now = [1000.0]
    w.session.clock = lambda: now[0]
    w.session.last_input = now[0]
    member = ctx.db.execute("SELECT id FROM member WHERE deleted = 0 LIMIT 1").fetchone()[0]
    editor = MemberEditor(ctx, member, w)
    editor.show()
    minutes = accounts.idle_minutes(ctx.db)
    assert minutes == accounts.IDLE_DEFAULT
    now[0] += minutes * 60 - 1
    w.session.idle_timer.timeout.emit()
    assert not w.session.locked
    qtbot.mouseClick(w.sidebar.viewport(), Qt.MouseButton.LeftButton)    # input restarts the idle time
    assert w.session.last_input == now[0]
    now[0] += minutes * 60
    w.session.idle_timer.timeout.emit()
    assert w.session.locked and accounts.current() is None
    assert not editor.isVisible()                                    # hidden, not closed: nothing typed is lost
    sign_in(w, qtbot, "li", "clerk-pass-1")
    assert editor.isVisible()
    editor._may_close = True
    editor.close()


def test_idle_time_is_set_in_settings_by_the_head(locked_window, qtbot):
    w = locked_window
    sign_in(w, qtbot, "zhang", "head-pass-1")
    box = w.show_page("settings").accounts_box
    box.idle.setValue(5)
    box.idle.editingFinished.emit()
    assert accounts.idle_minutes(w.ctx.db) == 5


def test_enabling_accounts_offers_the_heads_account(ctx, qtbot):
    w = open_window(ctx)
    try:
        assert not w.session.locked                                  # accounts off: nobody signs in
        box = w.show_page("settings").accounts_box
        qtbot.mouseClick(box.enable, Qt.MouseButton.LeftButton, pos=QPoint(8, box.enable.height() // 2))
        panel = w.session.panel
        assert panel is not None and panel.first_head and panel.cancel_button.isVisible()
        panel.name.setText("zhang")
        panel.display.setText("张主任")
        panel.password.setText("head-pass-1")
        panel.repeat.setText("head-pass-1")
        qtbot.mouseClick(panel.sign_in_button, Qt.MouseButton.LeftButton)
        assert not w.session.locked and accounts.enabled(ctx.db)
        assert accounts.current().display_name == "张主任" and accounts.current().is_head
    finally:
        close_window(w, qtbot)


def test_history_tab_and_button_show_who_changed_which_fields(shared, locked_window, qtbot):
    from db.write import writing
    from desktop.dialogs.history import HistoryDialog
    from desktop.dialogs.meeting_editor import MeetingEditor
    from desktop.dialogs.member_editor import MemberEditor
    w = locked_window
    ctx = w.ctx
    sign_in(w, qtbot, "li", "clerk-pass-1")
    meeting = ctx.db.execute("SELECT id FROM meeting WHERE state = 'draft' AND deleted = 0 LIMIT 1").fetchone()[0]
    with writing(ctx.db) as wr:
        wr.update("meeting", meeting, {"place": "社区议事厅（二楼）"})
    editor = MeetingEditor(ctx, meeting, w)
    editor.show()
    tab = editor.tabs.indexOf(editor.history)
    assert editor.tabs.tabText(tab) == "历史"
    editor.tabs.setCurrentIndex(tab)
    first = [editor.history.table.item(0, c).text() for c in range(5)]
    assert first[1] == "李芳" and first[3] == "修改" and "地点" in first[4], first
    assert first[2] == ctx.office.name
    rows = editor.history.table.rowCount()
    assert rows > 1 and editor.history.table.item(rows - 1, 1).text() == "（未登录）"   # the demo's own rows
    editor._may_close = True
    editor.close()
    # an editor without tabs: the 历史… button opens the same list in a dialog
    member = ctx.db.execute("SELECT id FROM member WHERE deleted = 0 LIMIT 1").fetchone()[0]
    medit = MemberEditor(ctx, member, w)
    medit.show()
    opened = []
    from PySide6.QtWidgets import QDialog
    monkey_exec = lambda self: opened.append(self) or QDialog.DialogCode.Rejected  # noqa: E731
    HistoryDialog.exec = monkey_exec
    try:
        qtbot.mouseClick(medit.history_button, Qt.MouseButton.LeftButton)
    finally:
        del HistoryDialog.exec
    assert opened and opened[0].panel.table_name == "member"
    medit._may_close = True
    medit.close()


def test_the_heads_operation_log_filters_and_exports(shared, locked_window, qtbot, monkeypatch, tmp_path):
    import openpyxl
    from PySide6.QtWidgets import QFileDialog

    from db.write import writing
    from desktop.pages.oplog import OperationLogDialog
    w = locked_window
    ctx = w.ctx
    sign_in(w, qtbot, "li", "clerk-pass-1")
    group = ctx.db.execute("SELECT id FROM liaison_group WHERE deleted = 0 LIMIT 1").fetchone()[0]
    meeting = ctx.db.execute("SELECT id FROM meeting WHERE state = 'draft' AND deleted = 0 LIMIT 1").fetchone()[0]
    with writing(ctx.db) as wr:
        wr.update("meeting", meeting, {"place": "社区议事厅"})
    w.session.lock()
    sign_in(w, qtbot, "zhang", "head-pass-1")
    with writing(ctx.db) as wr:
        wr.update("liaison_group", group, {"note": "负责人核对"})
    box = w.show_page("settings").accounts_box
    dialog = OperationLogDialog(ctx, w)
    dialog.show()
    assert dialog.person.findText("李芳") > 0 and dialog.person.findText("张主任") > 0
    dialog.person.setCurrentIndex(dialog.person.findText("李芳"))
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 5).text()
    assert dialog.table.item(0, 1).text() == "李芳" and "会议" in dialog.table.item(0, 4).text()
    dialog.person.setCurrentIndex(0)
    dialog.kind.setCurrentIndex(dialog.kind.findData("liaison_group"))
    assert {dialog.table.item(i, 1).text() for i in range(dialog.table.rowCount())} >= {"张主任"}
    dialog.use_dates.setChecked(True)                      # the last 30 days of the office's business clock
    out = tmp_path / "操作日志"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), "")))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(out.with_suffix(".xlsx"))
    cells = [[c for c in r] for r in book.active.iter_rows(values_only=True)]
    assert cells[0][0] == "操作日志" and "记录类别" in cells[1][0]
    assert any(r[1] == "张主任" for r in cells[3:])
    dialog.close()
    # a clerk: the button is disabled with the reason, and db refuses the log too
    w.session.lock()
    sign_in(w, qtbot, "li", "clerk-pass-1")
    assert not box.oplog.isEnabled() and "操作日志" in box.oplog.toolTip()
    with pytest.raises(accounts.NotAllowed):
        OperationLogDialog(ctx, w)


def test_first_run_offers_the_heads_account(ctx, qtbot, monkeypatch):
    """The offer's buttons say what they do (建立负责人账号… / 暂不设置), as every other question of the program; it
    asked 是(Y)/否(N). 暂不设置 is the default and leaves the computer as it is."""
    from desktop.app import offer_accounts
    from tests.desktop.confirm_box import button, on_the_box, real_box
    real_box(monkeypatch)
    w = open_window(ctx)
    try:
        seen = on_the_box(lambda box: button(box, "暂不设置").click())
        offer_accounts(w)
        assert seen["buttons"] == sorted(["建立负责人账号…", "暂不设置"]) and seen["default"] == "暂不设置"
        assert seen["escape"] == "暂不设置" and "负责人账号" in seen["text"]
        assert w.session.panel is None and not accounts.enabled(ctx.db)
        seen = on_the_box(lambda box: button(box, "建立负责人账号…").click())
        offer_accounts(w)
        assert "负责人账号" in seen["text"]
        panel = w.session.panel
        assert panel.first_head and panel.title.text() == "建立负责人账号"
        qtbot.mouseClick(panel.cancel_button, Qt.MouseButton.LeftButton)       # 暂不设置: nothing changes
        assert not w.session.locked and not accounts.enabled(ctx.db)
        assert accounts.list_accounts(ctx.db) == []
    finally:
        close_window(w, qtbot)


def test_a_clerk_sees_the_keys_and_the_scoring_rules_as_the_heads(shared, locked_window, qtbot):
    from desktop.dialogs.scoring_rules import ScoringRulesDialog
    from desktop.pages.offices import OfficesTab
    w = locked_window
    ctx = w.ctx
    sign_in(w, qtbot, "li", "clerk-pass-1")
    tab = OfficesTab(ctx, w)
    tab._update_revoke()
    assert not tab.confirm_button.isEnabled() and "只有负责人" in tab.confirm_button.toolTip()
    assert not tab.revoke_button.isEnabled()
    from db import scoring
    dialog = ScoringRulesDialog(ctx, 2026, scoring.rules_in_force(ctx.db, 2026), w)
    assert dialog.city_rules and not dialog.editable and "只有负责人" in dialog.source.text()
    dialog.close()
    w.session.lock()                                                 # the head: both allowed again
    sign_in(w, qtbot, "zhang", "head-pass-1")
    assert tab.confirm_button.isEnabled() and tab.confirm_button.toolTip() == ""
    dialog = ScoringRulesDialog(ctx, 2026, scoring.rules_in_force(ctx.db, 2026), w)
    assert dialog.editable
    dialog.close()
    tab.deleteLater()


def test_the_program_starts_locked_without_the_prefetched_window(app, demo_db_path, monkeypatch, tmp_path):
    import sys

    from PySide6.QtCore import QSettings

    from db.database import open_database
    from desktop import app as app_module
    from desktop.dialogs.sign_in import SessionGuard
    db = open_database(demo_db_path)
    head = accounts.create_account(db, "zhang", "head-pass-1", role=accounts.HEAD, display_name="张主任")
    with accounts.acting(head):
        accounts.set_enabled(db, True)
    db.conn.close()
    ini = tmp_path / "cfg.ini"
    monkeypatch.setattr(app_module, "make_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue(app_module.SETTING_DB, str(demo_db_path))
    s.setValue("backup/schedule", "off")
    s.sync()
    monkeypatch.setenv(app_module.ENV_EXIT_AFTER_PAINT, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def no_deferred(*_a, **_k):
        raise AssertionError("the deferred start paints data before anyone signed in")
    monkeypatch.setattr(app_module, "build_window_deferred", no_deferred)
    locked = []
    original = SessionGuard.lock
    monkeypatch.setattr(SessionGuard, "lock", lambda self: (locked.append(self.window), original(self)))
    assert app_module.main([]) == 0
    QApplication.processEvents()
    assert len(locked) == 1 and accounts.current() is None


def test_the_only_head_who_forgot_her_password_gets_back_in_with_the_recovery_code(ctx, qtbot):
    """A one-person office whose only head forgot her password could not get past the sign-in screen: a clerk
    may not reset it, the command line asks for a head, restoring a backup is the head's."""
    w = open_window(ctx)
    try:
        box = w.show_page("settings").accounts_box
        qtbot.mouseClick(box.enable, Qt.MouseButton.LeftButton, pos=QPoint(8, box.enable.height() // 2))
        panel = w.session.panel
        panel.name.setText("zhang")
        panel.password.setText("head-pass-1")
        panel.repeat.setText("head-pass-1")
        qtbot.mouseClick(panel.sign_in_button, Qt.MouseButton.LeftButton)
        shown = panel.code_dialog                      # the code, shown once, to be written down
        code = shown.code_edit.text()
        assert shown.isVisible() and len(code.replace("-", "")) == 20 and code.count("-") == 4
        shown.accept()
        w.session.lock()                               # ... and months later, the password is forgotten
        panel = w.session.panel
        assert panel.forgot_button.isVisible() and panel.forgot_button.text() == "忘记负责人密码？"
        qtbot.mouseClick(panel.forgot_button, Qt.MouseButton.LeftButton)
        d = panel.recover_dialog
        d.name.setText("zhang")
        d.code.setText("0000 0000 0000 0000 0000")
        d.password.setText("new-head-pass")
        d.repeat.setText("new-head-pass")
        qtbot.mouseClick(d.buttons.button(d.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert d.isVisible() and d.error.text() == "恢复码不正确" and w.session.locked
        assert d.focusWidget() is d.code                   # where the correction goes
        d.code.setText(code.replace("-", " "))         # typed with spaces, as read off the paper
        d.password.setText("new-head-pass")
        d.repeat.setText("new-head-pass")
        qtbot.mouseClick(d.buttons.button(d.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
        assert not w.session.locked and accounts.current().name == "zhang"
        new_code = panel.code_dialog.code_edit.text()
        assert new_code != code
        panel.code_dialog.accept()
        accounts.check_credentials(ctx.db, "zhang", "new-head-pass")
        with pytest.raises(accounts.ValidationError):  # used up: the old code no longer works
            accounts.recover_head(ctx.db, "zhang", code, "another-pass")
    finally:
        close_window(w, qtbot)


def test_recover_from_the_command_line_and_a_clerks_account_is_not_recovered(shared, tmp_path):
    import os
    import subprocess
    import sys
    from pathlib import Path
    ctx = shared
    with accounts.acting(accounts.get_account(ctx.db, "zhang")):
        code = accounts.new_recovery_code(ctx.db)
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "LIAISON_DESK_RECOVERY_CODE": code, "LIAISON_DESK_NEW_PASSWORD": "from-the-cli-1"}

    def cli(*args):
        return subprocess.run([sys.executable, "-m", "desktop.cli", "accounts", *args, "--db", str(ctx.db_path)],
                              cwd=root, env=env, capture_output=True, text=True, timeout=120)
    refused = cli("recover", "li")
    assert refused.returncode == 1 and "恢复码只用于负责人账号" in refused.stderr
    done = cli("recover", "zhang")
    assert done.returncode == 0, done.stderr
    assert "新的恢复码" in done.stdout and code not in done.stdout
    accounts.check_credentials(ctx.db, "zhang", "from-the-cli-1")
    again = cli("recover", "zhang")                    # the same code twice: used up
    assert again.returncode == 1 and "恢复码不正确" in again.stderr


def test_another_person_signing_in_after_the_lock_does_not_get_the_open_editors(locked_window, qtbot, monkeypatch):
    """Li typed into an editor and left; the window locked; the head signed in, got Li's editor back, and
    saving recorded Li's typing under the head's name."""
    import shiboken6
    from PySide6.QtWidgets import QMessageBox

    from desktop.dialogs.member_editor import MemberEditor
    from desktop.drafts import DraftStore
    w = locked_window
    ctx = w.ctx
    sign_in(w, qtbot, "li", "clerk-pass-1")
    member = ctx.db.execute("SELECT id FROM member WHERE deleted = 0 LIMIT 1").fetchone()[0]
    before = ctx.db.execute("SELECT expertise FROM member WHERE id = ?", [member]).fetchone()[0]
    editor = MemberEditor(ctx, member, w)
    editor.show()
    editor.form.rows["expertise"].editor.setText("Li typed this")
    told = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: told.append(text))
    w.session.lock()
    assert not editor.isVisible()
    sign_in(w, qtbot, "zhang", "head-pass-1")
    assert not (shiboken6.isValid(editor) and editor.isVisible())
    assert told and "李芳" in told[0] and "草稿" in told[0]
    assert ctx.db.execute("SELECT expertise FROM member WHERE id = ?", [member]).fetchone()[0] == before
    drafts = DraftStore(ctx.drafts_dir).all()
    assert any(d.values.get("expertise") == "Li typed this" and d.owner == "li" for d in drafts)
    # offered to Li when she signs in, never to the head nor over the sign-in screen (opened there and saved,
    # it changed the record with nobody's name)
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text)
                        or QMessageBox.StandardButton.Ignore)
    w.offer_drafts()
    assert asked == []
    w.session.lock()
    w.offer_drafts()
    assert asked == []
    sign_in(w, qtbot, "li", "clerk-pass-1")
    qtbot.waitUntil(lambda: bool(asked))
    assert "草稿" in asked[0]
    for d in drafts:
        d.path.unlink(missing_ok=True)


def test_a_new_recovery_code_asks_first_and_the_code_is_not_lost_to_a_stray_escape(shared, qtbot, monkeypatch):
    from PySide6.QtWidgets import QLineEdit, QMessageBox

    from desktop.dialogs.accounts import AccountsDialog, NewAccountDialog
    ctx = shared
    head = accounts.get_account(ctx.db, "zhang")
    with accounts.acting(head):
        accounts.new_recovery_code(ctx.db)
        before = ctx.db.execute("SELECT value FROM setting WHERE key = ?", [accounts.RECOVERY_KEY]).fetchone()[0]
        d = AccountsDialog(ctx)
        d.show()
        answers = []
        monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: answers.append(title)
                            or QMessageBox.StandardButton.No)
        qtbot.mouseClick(d.code_button, Qt.MouseButton.LeftButton)     # the code in the safe: asked, No keeps it
        assert answers == ["新的恢复码"]
        assert ctx.db.execute("SELECT value FROM setting WHERE key = ?", [accounts.RECOVERY_KEY]).fetchone()[0] == before
        monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: answers.append(title)
                            or (QMessageBox.StandardButton.Yes if title == "新的恢复码" else QMessageBox.StandardButton.No))
        qtbot.mouseClick(d.code_button, Qt.MouseButton.LeftButton)
        shown = d.code_dialog
        assert shown.isVisible()
        qtbot.keyClick(shown, Qt.Key.Key_Escape)                       # "shown only now": asked, No keeps it
        assert shown.isVisible() and answers[-1] == "负责人恢复码"
        shown.accept()
        n = NewAccountDialog(ctx, d)                                    # typing there is asked about too
        n.show()
        n.findChildren(QLineEdit)[0].setText("wu")
        qtbot.keyClick(n, Qt.Key.Key_Escape)
        assert n.isVisible() and answers[-1] == "尚未保存的修改"
        n._typed_from = None
        n.hide()
        d.close()
