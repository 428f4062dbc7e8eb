"""A computer set up again (or a new one replacing a broken one) starts with the first-run window: 从备份恢复…
takes the office's backup (设置's, or an encrypted one on a stick) and opens the main window on it. The
restore is the one of 设置 (a new node id and sync epoch); the key is made new on this computer, so its
parent confirms it like a replaced computer (SECURITY.md K1). A file that is not a backup, one cut short, a
wrong passphrase or a newer version's backup is said, and nothing is left in the data folder."""

from __future__ import annotations

import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog

from db.backup import backup
from db.database import open_database
from db.offices import this_office
from db.sync.keys import node_keys
from desktop import app as app_module
from desktop.dialogs.first_run import FirstRunDialog
from tests.desktop.test_backup_passphrase import drive

GOOD = "Shan-Gao-2026-lianluo"


@pytest.fixture
def old(demo_db_path, tmp_path):
    """The office's old computer: its data, a backup in the data folder and an encrypted one on a stick."""
    db = open_database(demo_db_path)
    try:
        info = {"office": this_office(db).name, "fingerprint": node_keys(db).fingerprint,
                "node": db.execute("SELECT node_id FROM node_state").fetchone()[0],
                "members": db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0],
                "plain": backup(db, demo_db_path),
                "encrypted": backup(db, demo_db_path, folder=tmp_path / "U盘", passphrase=GOOD)}
    finally:
        db.conn.close()
    return info


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("backup/schedule", "off")
    return s


def choose(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))


def press_restore(dialog, qtbot) -> None:
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60_000)


def test_a_reinstalled_computer_restores_the_offices_encrypted_backup_and_opens_on_it(
        app, qtbot, monkeypatch, tmp_path, old):
    new = tmp_path / "new" / "liaison-desk.sqlite3"
    ini = tmp_path / "cfg.ini"
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue(app_module.SETTING_DB, str(new))
    s.setValue("backup/schedule", "off")
    s.sync()
    monkeypatch.setattr(app_module, "make_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    choose(monkeypatch, old["encrypted"])
    seen: list = []
    drive(monkeypatch, qtbot, [(GOOD[:-1] + "X", None), (GOOD, None)], seen)      # mistyped once, then right
    said: list[str] = []

    def walk(dialog):                           # what the clerk does in the first-run window
        dialog.show()
        qtbot.waitExposed(dialog)
        assert dialog.restore_button.text() == "从备份恢复…"
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == FirstRunDialog.DialogCode.Accepted, timeout=60_000)
        said.append(dialog.status.text())
        return dialog.result()
    monkeypatch.setattr(FirstRunDialog, "exec", walk)
    opened = []
    real_build = app_module.build_window

    def build(path, *a):
        ctx, window = real_build(path, *a)
        opened.append((path, this_office(ctx.db).name,
                       ctx.db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0]))
        return ctx, window
    monkeypatch.setattr(app_module, "build_window", build)
    asked = []
    monkeypatch.setattr(app_module, "offer_accounts", lambda window: asked.append(window))
    monkeypatch.setenv(app_module.ENV_EXIT_AFTER_PAINT, "1")
    assert app_module.main([]) == 0
    QApplication.processEvents()
    assert len(seen) == 2                       # asked again after the wrong passphrase, nothing changed between
    assert "备份口令不正确" in said[-1], said
    assert opened == [(new, old["office"], old["members"])]          # the main window on the restored data
    assert not asked                            # the office's own data: no "make the head's account" as if new
    db = open_database(new)
    try:
        assert db.execute("SELECT node_id FROM node_state").fetchone()[0] != old["node"]
        assert node_keys(db).fingerprint != old["fingerprint"]      # a new key: confirmed like a new computer
    finally:
        db.conn.close()
    assert not any(p.name.endswith(".part") for p in new.parent.iterdir())
    assert not (new.parent / "backups").exists()     # no "before a restore" copy of the empty new data


def _cut_short(src: Path, dest: Path) -> Path:
    data = src.read_bytes()
    dest.write_bytes(data[: len(data) // 2])
    return dest


def _newer(src: Path, dest: Path) -> Path:
    shutil.copy(src, dest)
    conn = sqlite3.connect(dest)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('liaison_desk', 'm9999_from_the_future', '2027-01-01')")
    conn.commit()
    conn.close()
    return dest


BAD = {
    "not_a_backup": (lambda old, d: (d / "名单.sqlite3").write_text("姓名,电话\n") and d / "名单.sqlite3",
                     None, "这不是有效的备份文件", "not a backup file"),
    "cut_short": (lambda old, d: _cut_short(old["plain"], d / "liaison-desk-20261201-080000-manual.sqlite3"),
                  None, "备份文件已损坏", "damaged"),
    "encrypted_cut_short": (lambda old, d: _cut_short(old["encrypted"], d / "x.sqlite3.enc"), GOOD,
                            "", ""),
    "wrong_passphrase": (lambda old, d: old["encrypted"], "not-the-passphrase", "备份口令不正确",
                         "wrong passphrase"),
    "newer_version": (lambda old, d: _newer(old["plain"], d / "liaison-desk-20261201-090000-manual.sqlite3"),
                      None, "更新版本", "newer version"),
}


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("case", list(BAD))
def test_a_file_that_cannot_be_restored_is_said_and_leaves_nothing(app, qtbot, monkeypatch, tmp_path, settings,
                                                                  old, case, lang):
    make, passphrase, zh, en = BAD[case]
    bad = make(old, tmp_path)
    choose(monkeypatch, bad)
    typed = [(passphrase, None), None] if passphrase else []        # the re-ask after a wrong one: cancelled
    drive(monkeypatch, qtbot, typed, [])
    new = tmp_path / "new" / "data" / "liaison-desk.sqlite3"
    app.translations.install(lang)
    try:
        dialog = FirstRunDialog(settings, new)
        qtbot.addWidget(dialog)
        dialog.show()
        press_restore(dialog, qtbot)
        said = dialog.status.text()
    finally:
        app.translations.install("zh_CN")
    assert dialog.result() != FirstRunDialog.DialogCode.Accepted and said, said
    assert bad.name in said, said
    if lang == "zh_CN":
        assert "无法从" in said and zh in said, said
    else:
        assert "Could not restore" in said and en.lower() in said.lower(), said
    assert "Traceback" not in said and "内部错误" not in said and "Internal" not in said
    assert not (tmp_path / "new").exists()         # no data file, no folder made for it: a first run again
    assert settings.value(app_module.SETTING_DB) is None
    assert dialog.buttons.isEnabled()


def test_a_folder_that_already_holds_the_offices_data_is_opened_not_overwritten(app, qtbot, monkeypatch, settings,
                                                                                demo_db_path, old):
    before = demo_db_path.read_bytes()
    opened_file = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: opened_file.append(1) or ("", ""))
    dialog = FirstRunDialog(settings, demo_db_path)
    qtbot.addWidget(dialog)
    press_restore(dialog, qtbot)
    assert old["office"] in dialog.status.text() and "开始" in dialog.status.text()
    assert not opened_file and dialog.result() != FirstRunDialog.DialogCode.Accepted
    assert demo_db_path.read_bytes() == before


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_of_the_first_run_window_with_its_restore_button(app, qtbot, settings, tmp_path, lang):
    app.translations.install(lang)
    try:
        dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        box = dialog.buttons
        buttons = [b for b in box.buttons() if b.isVisible()]
        assert dialog.restore_button in buttons and dialog.setup_file_button in buttons
        for b in buttons:                           # each button's text fits it
            assert b.fontMetrics().horizontalAdvance(b.text()) <= b.width(), (b.text(), b.width())
        assert dialog.width() <= 1366 and dialog.height() <= 768
        assert box.button(QDialogButtonBox.StandardButton.Ok).isVisible()
        dialog.grab().save(str(tmp_path / f"first_run_restore_{lang}.png"))
    finally:
        app.translations.install("zh_CN")


def test_a_mistyped_passphrase_is_said_in_the_passphrase_dialog_asked_again(app, qtbot, monkeypatch, tmp_path,
                                                                            settings, old):
    """Walked in a window: after a wrong passphrase the same empty dialog came back; why was said in the first-run
    window behind it, hidden by the dialog. The dialog asked again now says the passphrase was wrong."""
    from desktop.dialogs.backup_passphrase import BackupPassphraseDialog
    choose(monkeypatch, old["encrypted"])
    problems: list[str] = []
    typed = [GOOD[:-1] + "X", None]

    def fake_exec(dialog):
        dialog.show()
        problems.append(dialog.problem.text())
        answer = typed.pop(0)
        if answer is None:
            dialog.reject()
        else:
            qtbot.keyClicks(dialog.first, answer)
            qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.result()
    monkeypatch.setattr(BackupPassphraseDialog, "exec", fake_exec)
    dialog = FirstRunDialog(settings, tmp_path / "new" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    press_restore(dialog, qtbot)
    assert len(problems) == 2 and problems[0] == "", problems
    assert "备份口令不正确" in problems[1], problems
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_after_a_restore_the_first_run_window_says_what_came_back_and_names_the_files_that_did_not(
        app, qtbot, monkeypatch, tmp_path, settings, demo_db_path, lang):
    """Walked in a window: 从备份恢复… on a new computer opened the main window without a word on what the backup
    brought back — backups for a stick now carry the attachment files. It says the records restored, how many
    attachment files were written, and names each file that did not come back (missing from the backup, or
    damaged in it)."""
    import random

    from PySide6.QtWidgets import QMessageBox

    from db.attachments import add_attachment, blob_path
    from db.demo import store_placeholder_blobs
    db = open_database(demo_db_path)
    try:
        store_placeholder_blobs(db)
        meeting = db.execute("SELECT id FROM meeting WHERE deleted = 0 AND state <> 'final' LIMIT 1").fetchone()[0]
        scan, photo = tmp_path / "签到表扫描.pdf", tmp_path / "走访照片.jpg"
        scan.write_bytes(random.Random(1).randbytes(40_000))
        photo.write_bytes(random.Random(2).randbytes(30_000))
        add_attachment(db, "meeting", meeting, scan, kind="signed_minutes")
        photo_id = add_attachment(db, "meeting", meeting, photo)
        photo_sha = db.execute("SELECT sha256 FROM attachment WHERE id = ?", [photo_id]).fetchone()[0]
        blob_path(db, photo_sha).unlink()           # gone from the old computer: the backup cannot carry it
        files = db.execute("SELECT count(DISTINCT sha256) FROM attachment WHERE deleted = 0").fetchone()[0]
        members = db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0]
        office = this_office(db).name
        stick = backup(db, demo_db_path, folder=tmp_path / "U盘")
    finally:
        db.conn.close()
    conn = sqlite3.connect(stick)                   # the scan's bytes damaged on the stick
    scan_sha = __import__("hashlib").sha256(scan.read_bytes()).hexdigest()
    conn.execute("UPDATE backup_blob SET data = ? WHERE sha256 = ?", [b"x" * 40_000, scan_sha])
    conn.commit()
    conn.close()
    choose(monkeypatch, stick)
    told: list[tuple[str, str]] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, title, text, *a: told.append((title, text)))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, title, text, *a: told.append((title, text)))
    new = tmp_path / "new" / "liaison-desk.sqlite3"
    app.translations.install(lang)
    try:
        dialog = FirstRunDialog(settings, new)
        qtbot.addWidget(dialog)
        dialog.show()
        press_restore(dialog, qtbot)
    finally:
        app.translations.install("zh_CN")
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted, dialog.status.text()
    (title, text), = told
    carried, written = files - 1, files - 2         # the photo not carried; the scan carried, not written
    if lang == "zh_CN":
        assert title == "备份已恢复"
        assert f"已恢复{office}的数据" in text and f"委员 {members} 名" in text, text
        assert f"备份中含附件文件 {carried} 个，已写入本机 {written} 个" in text, text
        assert "有 2 个附件文件没有恢复" in text, text
        assert "“走访照片.jpg”（备份中没有）" in text and "“签到表扫描.pdf”（备份中的文件已损坏）" in text, text
    else:
        assert title == "Backup restored"
        assert f"The data of {office} is restored" in text and f"{members} members" in text, text
        assert f"The backup carried {carried} attachment file(s); {written} written to this computer" in text, text
        assert "2 attachment file(s) did not come back" in text, text
        assert "走访照片.jpg (not in the backup)" in text and "签到表扫描.pdf (damaged in the backup)" in text, text
