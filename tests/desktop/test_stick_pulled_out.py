"""A USB stick pulled out or unmounted can leave its mount folder behind (/media/USER/LABEL, empty, on the
local disk). Writing a sync package, a backup or an export there would write onto this computer and say
"written": the clerk would carry an empty stick to the district. Each is refused with a clear message and
nothing is written. The media roots stand for /media here (db.files.MEDIA_ROOTS; the command line reads
LIAISON_DESK_MEDIA_ROOTS): a folder under them whose nearest mount point is above them is the folder left
behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from db import files
from db.backup import list_backups
from tests.desktop.test_sync_page import CODES, DB, ROOT, network, settle  # noqa: F401 - fixtures
from tests.desktop.test_sync_page import net as net  # noqa: PLC0414

GOOD = "Shan-Gao-2026-lianluo"


@pytest.fixture
def left_behind(tmp_path, monkeypatch) -> Path:
    """/media/<user>/KINGSTON as a pulled-out stick leaves it: an empty folder on the local disk."""
    media = tmp_path / "media"
    folder = media / "clerk" / "KINGSTON"
    folder.mkdir(parents=True)
    monkeypatch.setattr(files, "MEDIA_ROOTS", (str(media),))
    assert files.stick_missing(folder)
    return folder


def plugged_in(monkeypatch, folder: Path) -> None:
    """The stick mounted again at its folder."""
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: os.fspath(p) == str(folder) or real(p))


def _everything_in(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*"))


def test_the_folder_a_stick_left_behind_is_told_apart_from_a_mounted_stick(tmp_path, monkeypatch, left_behind):
    assert files.stick_missing(left_behind / "同步包")            # a folder inside it, not made yet
    assert files.stick_missing(left_behind.parent.parent / "gone" / "x")
    assert not files.stick_missing(tmp_path / "elsewhere")        # not under a media root: not a stick
    plugged_in(monkeypatch, left_behind)
    assert not files.stick_missing(left_behind) and not files.stick_missing(left_behind / "同步包")
    monkeypatch.setattr(files, "MEDIA_ROOTS", (str(left_behind),))   # a stick mounted on the root itself (/mnt)
    assert not files.stick_missing(left_behind / "x")


def test_writing_a_package_to_a_pulled_out_stick_is_refused_and_nothing_is_written(net, qtbot, monkeypatch,
                                                                                    left_behind):
    page = net.page(qtbot, "T1")
    history = net.db("T1").execute("SELECT count(*) FROM sync_history").fetchone()[0]
    page.send_target.set_path(str(left_behind))
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx)
    text = page.report.toPlainText()
    assert text.splitlines()[0] == f"未写入任何同步包：{left_behind}", text
    assert "找不到U盘" in text and "似乎已拔出或未挂载" in text and "重新插入" in text, text
    assert text.count("重新插入") == 1 and "本机自己的硬盘" in text, text          # said once, and why it matters
    assert "已写入" not in text.splitlines()[0]
    assert [f.code for f in page.last_send.failed] == ["no_stick"] and page.last_send.stopped
    assert _everything_in(left_behind) == []
    assert net.db("T1").execute("SELECT count(*) FROM sync_history").fetchone()[0] == history

    plugged_in(monkeypatch, left_behind)                          # plugged in again: written
    qtbot.mouseClick(page.send_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx)
    assert page.report.toPlainText().splitlines()[0] == f"已写入 {left_behind}"
    assert [p.suffix for p in _everything_in(left_behind)] == [".ldsync"]


def test_the_command_line_refuses_a_package_or_a_backup_for_a_pulled_out_stick(net, left_behind):
    env = dict(os.environ, LIAISON_DESK_MEDIA_ROOTS=files.MEDIA_ROOTS[0], LIAISON_DESK_BACKUP_PASSPHRASE=GOOD)
    db = net.root / "T1" / DB

    def run(*args):
        p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                           env=env, timeout=120, cwd=ROOT)
        assert "Traceback" not in p.stderr, p.stderr
        return p
    for args in (("export-sync", "--db", db, "--to", CODES["D1"], "--out", left_behind),
                 ("backup", "--db", db, "--to", left_behind),
                 ("backup", "--db", db, "--to", left_behind / "备份", "--no-encrypt"),
                 ("export", "members", "--db", db, "--out", left_behind / "名册.xlsx"),
                 ("setup-file", "--db", net.root / "D1" / DB, "--office", CODES["T2"], "--out", left_behind / "安装/")):
        p = run(*args)
        assert p.returncode == 1, (args, p.stdout, p.stderr)
        assert "找不到U盘" in p.stderr and "USB stick not found" in p.stderr, p.stderr
        assert _everything_in(left_behind) == []
    p = run("export-sync", "--db", db, "--to", CODES["D1"], "--out", net.stick)       # a folder elsewhere: written
    assert p.returncode == 0, p.stderr
    assert [x.suffix for x in net.stick.iterdir()] == [".ldsync"]


def test_backing_up_in_settings_to_a_pulled_out_stick_is_refused(ctx, qtbot, monkeypatch, left_behind):
    from desktop.pages.settings import SettingsPage
    from tests.desktop.test_backup_passphrase import drive, idle
    ctx.settings.setValue("backup/folder", str(left_behind))     # chosen while the stick was in, then pulled out
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    idle(ctx, qtbot)
    assert not page.folder_problem.isHidden() and "U盘不在" in page.folder_problem.text(), page.folder_problem.text()
    asked: list = []
    drive(monkeypatch, qtbot, [(GOOD, GOOD)], asked)
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert asked == []          # walked in a window: a passphrase was asked twice, then the stick said missing
    told = ctx.errors.shown[-1]
    assert told.kind == "user" and told.code == "no_stick" and "找不到U盘" in told.text, told
    assert "已备份" not in page.backup_status.text()
    assert _everything_in(left_behind) == [] and list_backups(left_behind) == []


def test_an_excel_export_to_a_pulled_out_stick_is_refused(window, qtbot, monkeypatch, left_behind):
    ctx = window.ctx
    window.show_page("members")
    page = window.pages["members"]
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
    shown = len(ctx.errors.shown)
    monkeypatch.setattr("desktop.widgets.list_export.ask_personal", lambda *a: False)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(left_behind / "委员.xlsx"), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
    [told] = ctx.errors.shown[shown:]
    assert told.code == "no_stick" and "找不到U盘" in told.text, told
    assert _everything_in(left_behind) == []


def test_a_drive_letter_that_is_gone_is_a_stick_pulled_out_on_windows(monkeypatch):
    """Windows: a removed stick's drive letter is simply not there; said in the same words."""
    monkeypatch.setattr(files, "_WINDOWS", True)
    with monkeypatch.context() as m:
        m.setattr(files.os.path, "isdir", lambda p: p.upper().startswith("C:"))
        assert files.stick_missing("E:\\同步包") and not files.stick_missing("C:\\Users\\clerk")
        with pytest.raises(files.StickMissing) as info:
            files.require_stick("E:\\同步包")
    zh, en, code = files.write_problem(info.value, Path("x"))
    assert code == "no_stick" and "找不到U盘" in zh and "E:\\同步包" in zh and "USB stick not found" in en


def test_saving_a_copy_of_an_attachment_to_a_pulled_out_stick_is_refused(ctx, qtbot, tmp_path, monkeypatch,
                                                                          left_behind):
    from db import visits as vi
    from desktop.dialogs.visit_editor import VisitEditor
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 sign-in sheet")
    e = VisitEditor(ctx, vi.list_visits(ctx.db, limit=1)[0].id, None)
    e.show()
    panel = e.attachments
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(scan)], ""))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
    qtbot.waitUntil(lambda: panel.table.rowCount() >= 1)
    row = next(r for r in range(panel.table.rowCount()) if panel.table.item(r, 0).text() == "签到表.pdf")
    panel.table.selectRow(row)
    shown = len(ctx.errors.shown)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(left_behind / "签到表.pdf"), ""))
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    [told] = ctx.errors.shown[shown:]
    assert told.code == "no_stick" and "找不到U盘" in told.text, told
    assert _everything_in(left_behind) == []
    e._may_close = True
    e.close()


def test_receiving_from_the_folder_a_pulled_out_stick_left_says_the_stick_is_not_there(net, qtbot, left_behind):
    """The same folder on the receiving side said "0 packages for this office" (and the command line "no package
    files in the folder"), as if the township had sent nothing: it is the stick that is not there."""
    page = net.page(qtbot, "D1")
    page.receive_source.set_path(str(left_behind))
    settle(qtbot, page.ctx)
    assert "U盘是否已拔出" in page.found_label.text(), page.found_label.text()
    qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
    settle(qtbot, page.ctx)
    text = page.report.toPlainText()
    assert text.splitlines()[0] == "没有接收任何内容" and "U盘是否已拔出" in text, text
    assert "0 个" not in text
    env = dict(os.environ, LIAISON_DESK_MEDIA_ROOTS=files.MEDIA_ROOTS[0])
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "import-sync", "--db", str(net.root / "D1" / DB),
                        str(left_behind)], capture_output=True, text=True, env=env, timeout=120, cwd=ROOT)
    assert p.returncode == 1, p.stdout + p.stderr
    assert "找不到U盘" in p.stderr and "USB stick not found" in p.stderr and "没有同步包" not in p.stdout, p.stderr
