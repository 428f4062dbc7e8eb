"""设置 → 立即备份 to a folder outside the data folder asks for a passphrase (twice, with a strength
hint) and writes an encrypted backup; restoring it asks for the passphrase; a wrong one is told and
changes nothing. The dialogs are the real ones, driven by clicks (their modal loop is replaced)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from db.backup import list_backups
from db.members import load_member, save_member
from desktop.dialogs.backup_passphrase import BackupPassphraseDialog
from desktop.pages.settings import SettingsPage

GOOD = "Shan-Gao-2026-lianluo"


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
    QApplication.processEvents()


def drive(monkeypatch, qtbot, typed: list[tuple[str, str] | None], seen: list):
    """Each exec() of the passphrase dialog types the next (first, second) and presses its OK button,
    or (None) presses Cancel."""
    def fake_exec(dialog):
        dialog.show()
        answer = typed.pop(0)
        seen.append((dialog.windowTitle(), dialog.intro.text(), dialog.second.isVisible()))
        if answer is None:
            dialog.reject()
        else:
            qtbot.keyClicks(dialog.first, answer[0])
            if dialog.new:
                qtbot.keyClicks(dialog.second, answer[1])
            assert dialog.ok.isEnabled()
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(BackupPassphraseDialog, "exec", fake_exec)


def test_the_dialog_hints_strength_and_refuses_short_or_differing_passphrases(app, qtbot):
    d = BackupPassphraseDialog(None, new=True, where="E:\\备份")
    qtbot.addWidget(d)
    d.show()
    assert not d.ok.isEnabled() and "8" in d.hint.text()
    qtbot.keyClicks(d.first, "abc")
    assert not d.ok.isEnabled() and "太短" in d.hint.text()
    qtbot.keyClicks(d.first, "defgh")
    qtbot.keyClicks(d.second, "abcdefgX")
    assert not d.ok.isEnabled() and "不一致" in d.problem.text()
    d.second.clear()
    qtbot.keyClicks(d.second, "abcdefgh")
    assert d.ok.isEnabled() and "弱" in d.hint.text() and d.problem.text() == ""
    d.first.setText(GOOD)
    d.second.setText(GOOD)
    assert d.ok.isEnabled() and "强" in d.hint.text()
    assert "E:\\备份" in d.intro.text() and "口令" in d.intro.text()
    d.resize(560, d.sizeHint().height())


def test_back_up_to_a_stick_and_restore_it_with_the_passphrase(ctx, qtbot, tmp_path, monkeypatch):
    ctx.errors.show_boxes = False
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 700)
    page.show()
    idle(ctx, qtbot)
    stick = tmp_path / "U盘"
    page.folder_edit.setText(str(stick))
    page._on_folder_edited()
    seen: list = []

    drive(monkeypatch, qtbot, [None], seen)                      # cancelled: nothing written
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert list_backups(stick) == [] and page.backup_now.isEnabled()

    drive(monkeypatch, qtbot, [(GOOD, GOOD)], seen)
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    [made] = list_backups(stick)
    assert made.encrypted and made.path.name.endswith(".sqlite3.enc")
    data = made.path.read_bytes()
    assert b"SQLite format 3" not in data
    mid = ctx.db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
    member = load_member(ctx.db, mid)
    assert member.name.encode() not in data
    assert seen[-1][2] is True and str(stick) in seen[-1][1]       # asked twice, names the folder
    assert page.backups.rowCount() == 1 and "加密" in page.backups.item(0, 1).text()

    save_member(ctx.db, mid, {"phone": "13000000000"})
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.backups.selectRow(0)
    drive(monkeypatch, qtbot, [("wrong-passphrase", None)], seen)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert seen[-1][2] is False and made.path.name in seen[-1][1]   # asked once, names the file
    assert ctx.errors.shown[-1].code == "wrong_passphrase" and "口令不正确" in ctx.errors.shown[-1].text
    assert load_member(ctx.db, mid).phone == "13000000000"
    assert len(list_backups(stick)) == 1                        # no safety copy: refused before anything

    page.backups.selectRow(0)
    drive(monkeypatch, qtbot, [(GOOD, None)], seen)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert load_member(ctx.db, mid).phone == member.phone
    assert not list(ctx.data_dir.glob("*.part"))


def test_automatic_backups_to_a_stick_are_encrypted_with_a_kept_passphrase(ctx, qtbot, tmp_path, monkeypatch):
    """Nobody is there to type a passphrase when an automatic backup is due: 设置 says plainly that
    automatic backups to a stick are not encrypted until a passphrase is kept on this computer; with
    one, the next automatic backup (and 立即备份) is encrypted without asking."""
    import os
    import stat

    from db.backup_crypt import decrypt_file
    from desktop.backups import backup_if_due, passphrase_file
    ctx.errors.show_boxes = False
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 700)
    page.show()
    idle(ctx, qtbot)
    assert page.auto_crypt.isHidden() and page.auto_pass_button.isHidden()   # backups in the data folder
    stick = tmp_path / "U盘"
    page.folder_edit.setText(str(stick))
    page._on_folder_edited()
    page.schedule_combo.setCurrentIndex(page.schedule_combo.findData("start"))
    assert page.auto_crypt.isVisible() and "未加密" in page.auto_crypt.text()
    assert page.auto_pass_forget.isHidden()

    seen: list = []
    drive(monkeypatch, qtbot, [(GOOD, GOOD)], seen)
    qtbot.mouseClick(page.auto_pass_button, Qt.MouseButton.LeftButton)
    assert seen[-1][0] == "加密自动备份" and str(stick) in seen[-1][1]
    kept = passphrase_file(ctx)
    assert kept.read_text(encoding="utf-8") == GOOD and kept.parent == ctx.db_path.parent
    if os.name == "posix":
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert "未加密" not in page.auto_crypt.text() and "加密" in page.auto_crypt.text()
    assert page.auto_pass_forget.isVisible() and page.auto_pass_button.text() == "更改口令…"

    assert backup_if_due(ctx)                              # what the window does at start
    idle(ctx, qtbot)
    [auto] = list_backups(stick)
    assert auto.encrypted and auto.reason == "auto"
    mid = ctx.db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
    assert load_member(ctx.db, mid).name.encode() not in auto.path.read_bytes()
    clear = tmp_path / "clear.sqlite3"
    decrypt_file(auto.path, clear, GOOD)
    assert clear.read_bytes().startswith(b"SQLite format 3")

    drive(monkeypatch, qtbot, [], seen)                    # 立即备份: the kept passphrase, nothing asked
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert len(list_backups(stick)) == 2 and all(b.encrypted for b in list_backups(stick))

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(page.auto_pass_forget, Qt.MouseButton.LeftButton)
    assert not kept.exists() and "未加密" in page.auto_crypt.text()
