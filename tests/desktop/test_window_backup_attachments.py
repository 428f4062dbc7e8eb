"""In the window, a backup to a USB stick carries the attachment files: 设置's 立即备份 says how many (with a
progress dialog while they are copied), a file damaged on this computer is named and the backup still
completes, and restoring it — in 设置, or from the first-run window on a new computer — brings the files back
so that the record opens its scan again. Only the file dialog, the question box and the passphrase input are
patched; the buttons are pressed."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from db.attachments import add_attachment, attachment_file, blob_path
from db.backup import backup, list_backups
from db.database import open_database
from db.demo import store_placeholder_blobs
from desktop.dialogs import backup_passphrase
from desktop.dialogs.first_run import FirstRunDialog
from desktop.pages.settings import SettingsPage
from desktop.widgets.progress import ProgressDialog

PASSPHRASE = "Shan-Gao-2026-lianluo"
SCAN = random.Random(11).randbytes(2_500_000)            # a scanned sign-in sheet


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=30_000)
    QApplication.processEvents()


def with_scan(db, tmp_path) -> str:
    """The demo's attachment files beside the data, and a scanned sign-in sheet on a meeting."""
    store_placeholder_blobs(db)
    meeting = db.execute("SELECT id FROM meeting WHERE deleted = 0 AND state = 'final' LIMIT 1").fetchone()[0]
    scan = tmp_path / "签到表扫描.pdf"
    scan.write_bytes(SCAN)
    return add_attachment(db, "meeting", meeting, scan, kind="signed_minutes")


@pytest.fixture
def page(ctx, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: PASSPHRASE)
    monkeypatch.setattr(backup_passphrase, "ask_existing", lambda *a: PASSPHRASE)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    p = SettingsPage(ctx)
    qtbot.addWidget(p)
    p.resize(1190, 700)
    p.show()
    idle(ctx, qtbot)
    p.folder_edit.setText(str(tmp_path / "U盘"))
    p._on_folder_edited()
    return p


def press_backup(page, ctx, qtbot) -> list:
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    shown = page.findChildren(ProgressDialog)       # made at once, shown if the copy lasts more than a moment
    idle(ctx, qtbot)
    return shown


def test_back_up_to_a_stick_in_settings_and_restore_the_scans(ctx, page, qtbot, tmp_path):
    att = with_scan(ctx.db, tmp_path)
    n = ctx.db.execute("SELECT count(DISTINCT sha256) FROM attachment").fetchone()[0]
    progress = press_backup(page, ctx, qtbot)
    assert progress, "no progress dialog for a backup that copies the attachment files"
    [made] = list_backups(tmp_path / "U盘")
    assert made.encrypted and SCAN[:4096] not in made.path.read_bytes()
    said = page.backup_status.text()
    assert "已备份到" in said and f"备份中含附件文件 {n} 个" in said and "没能" not in said, said
    assert ctx.errors.shown == []

    scan = attachment_file(ctx.db, att)
    scan.unlink()                                   # the scan lost on this computer since the backup
    page.backups.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert ctx.errors.shown == [] and "已恢复" in page.backup_status.text()
    assert f"备份中含附件文件 {n} 个，其中 1 个已写回" in page.backup_status.text()
    assert attachment_file(ctx.db, att).read_bytes() == SCAN


def test_a_scan_damaged_on_this_computer_is_named_and_the_backup_completes(ctx, page, qtbot, tmp_path):
    att = with_scan(ctx.db, tmp_path)
    n = ctx.db.execute("SELECT count(DISTINCT sha256) FROM attachment").fetchone()[0]
    scan = attachment_file(ctx.db, att)
    scan.write_bytes(SCAN[:-10] + b"0123456789")
    press_backup(page, ctx, qtbot)
    assert len(list_backups(tmp_path / "U盘")) == 1 and ctx.errors.shown == []
    said = page.backup_status.text()
    assert f"备份中含附件文件 {n - 1} 个" in said and "签到表扫描.pdf" in said and "已损坏" in said, said
    page.grab().save(str(tmp_path / "settings_backup_damaged_scan.png"))


def test_a_new_computer_restores_the_sticks_backup_with_its_scans_from_the_first_run_window(
        app, qtbot, monkeypatch, demo_db_path, tmp_path):
    db = open_database(demo_db_path)
    try:
        att = with_scan(db, tmp_path)
        made = backup(db, demo_db_path, folder=tmp_path / "U盘", passphrase=PASSPHRASE)
    finally:
        db.conn.close()
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(made), ""))
    monkeypatch.setattr(backup_passphrase, "ask_existing", lambda *a: PASSPHRASE)
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/schedule", "off")
    new = tmp_path / "新电脑" / "liaison-desk.sqlite3"
    dialog = FirstRunDialog(settings, new)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=60_000)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted, dialog.status.text()
    db = open_database(new)
    try:
        assert attachment_file(db, att).read_bytes() == SCAN
        assert all(blob_path(db, s).is_file() for (s,) in db.execute("SELECT DISTINCT sha256 FROM attachment"))
    finally:
        db.conn.close()
    assert not [p for p in Path(new).parent.rglob("*.part")]


def test_a_backup_to_a_stick_cancelled_while_it_copies_the_files_leaves_nothing(ctx, page, qtbot, tmp_path):
    with_scan(ctx.db, tmp_path)
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    [dialog] = page.findChildren(ProgressDialog)
    dialog.canceled.emit()                          # its Cancel button: seen when the files are copied
    idle(ctx, qtbot)
    assert list_backups(tmp_path / "U盘") == [] and not list((tmp_path / "U盘").glob("*"))
    assert not [p for p in ctx.data_dir.rglob("*.part")]
    assert page.backup_now.isEnabled() and "已取消" in page.backup_status.text() and ctx.errors.shown == []
