"""One window per data file, and the command line beside an open window: a second start brings the
first window forward and ends; check, backup and dump run beside the window, which keeps saving."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.instance import PING, ask_window, window_is_open
from desktop.single_instance import OneWindow

ROOT = Path(__file__).resolve().parents[2]


def start(tmp_path, *args) -> subprocess.Popen:
    """The program as a user starts it (`liaison-desk ...`), with its own settings folder."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(tmp_path / "config"))
    return subprocess.Popen([sys.executable, "-m", "desktop.cli", *map(str, args)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(qtbot, child: subprocess.Popen) -> tuple[int, str, str]:
    qtbot.waitUntil(lambda: child.poll() is not None, timeout=60_000)     # the window keeps running meanwhile
    out, err = child.communicate()
    assert "Traceback" not in err, err
    return child.returncode, out, err


@pytest.fixture
def one_window(window, module_ctx):
    one = OneWindow(module_ctx.db_path)
    assert not one.handed_over()             # nobody else has it open: this window listens
    one.window = window
    yield one
    one.close()
    window.showNormal()


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")     # offscreen has no window stack
def test_a_second_start_on_the_same_data_brings_the_open_window_forward_and_ends(one_window, window, module_ctx,
                                                                                 qtbot, tmp_path):
    window.showMinimized()
    with qtbot.waitSignal(one_window.raised, timeout=60_000):
        child = start(tmp_path, "--db", module_ctx.db_path)
        rc, out, _err = finish(qtbot, child)
    assert rc == 0
    assert "已切换到已打开的窗口" in out and "brought forward" in out
    assert window.isVisible() and not window.isMinimized()


def test_once_the_window_has_closed_a_start_goes_ahead_also_after_a_crash(module_ctx, tmp_path):
    one = OneWindow(module_ctx.db_path)
    assert not one.handed_over()
    assert ask_window(module_ctx.db_path, PING) == "ok" and window_is_open(module_ctx.db_path)
    one.close()
    assert ask_window(module_ctx.db_path, PING) is None and not window_is_open(module_ctx.db_path)
    if os.name != "nt":                      # a window that crashed leaves its socket file behind
        import socket

        from desktop.instance import address
        left = socket.socket(socket.AF_UNIX)
        left.bind(address(module_ctx.db_path))
        left.close()
        assert Path(address(module_ctx.db_path)).exists()
        again = OneWindow(module_ctx.db_path)
        assert not again.handed_over()
        assert ask_window(module_ctx.db_path, PING) == "ok"
        again.close()


def test_another_data_file_is_not_handed_over(one_window, tmp_path):
    other = OneWindow(tmp_path / "elsewhere" / "liaison-desk.sqlite3")
    assert not other.handed_over()
    other.close()


def test_the_command_line_beside_the_open_window_works_and_the_window_still_saves(window, module_ctx, qtbot,
                                                                                  tmp_path):
    from db.database import connect, open_database
    from desktop.dialogs.member_editor import MemberEditor
    path = module_ctx.db_path
    page = window.show_page("members")
    qtbot.waitUntil(module_ctx.tasks.is_idle)               # the window's worker connections are open
    assert Path(f"{path}-wal").exists()
    # Beside it: a second connection of the same program opens and closes, then the command line.
    open_database(path).conn.close()
    connect(path).conn.close()
    for args in (["check"], ["backup"], ["dump", "--out", tmp_path / "dump.json"]):
        rc, out, err = finish(qtbot, start(tmp_path, *args, "--db", path))
        assert rc == 0, (args, err)
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    # The clerk adds a member in the window, pressing the buttons.
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = next(e for e in page.findChildren(MemberEditor) if e.isVisible())
    editor.form.rows["name"].editor.setText("欧阳锁定")
    with qtbot.waitSignal(editor.saved, timeout=10_000):
        qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not (shiboken6.isValid(editor) and editor.isVisible()))
    assert module_ctx.errors.shown == []
    reader = connect(path)
    assert reader.execute("SELECT count(*) FROM member WHERE name = '欧阳锁定'").fetchone()[0] == 1
    reader.conn.close()
    assert Path(f"{path}-wal").exists()


def test_demo_force_refuses_to_replace_the_database_under_the_open_window(one_window, module_ctx, qtbot, tmp_path):
    before = Path(module_ctx.db_path).stat().st_size
    code, out, err = finish(qtbot, start(tmp_path, "demo", "--size", "township", "--force", "--db", module_ctx.db_path))
    assert code == 1
    assert "请先关闭窗口" in err and "close it first" in err
    assert Path(module_ctx.db_path).stat().st_size == before
    assert Path(str(module_ctx.db_path) + "-wal").exists()


def test_restore_from_the_command_line_refuses_under_the_open_window(one_window, module_ctx, qtbot, tmp_path):
    """A restore beside the window replaced the data under it: the window went on listing records that
    were gone, and an editor open in it could no longer save what had been typed."""
    code, out, err = finish(qtbot, start(tmp_path, "backup", "--to", tmp_path / "kept", "--no-encrypt",
                                     "--db", module_ctx.db_path))
    assert code == 0, err
    kept = next((tmp_path / "kept").glob("*.sqlite3"))
    before = Path(module_ctx.db_path).stat().st_mtime_ns
    code, out, err = finish(qtbot, start(tmp_path, "restore", kept, "--db", module_ctx.db_path))
    assert code == 1
    assert "请先关闭窗口" in err and "close it first" in err
    assert Path(module_ctx.db_path).stat().st_mtime_ns == before


def test_a_record_written_by_the_command_line_beside_the_window_shows_in_it(one_window, window, module_ctx,
                                                                            qtbot, tmp_path):
    """Found walking: after `import-sync` (or `assign`, `import members`) run beside the open window, the
    window went on showing the lists as before until F5. It now notices another program's writes."""
    page = window.show_page("assignments")
    qtbot.waitUntil(module_ctx.tasks.is_idle, timeout=20_000)
    before = page.table.rowCount()
    code = module_ctx.db.execute("SELECT code FROM office WHERE level = 'district' AND deleted = 0 "
                                 "ORDER BY code").fetchone()[0]
    title = "命令行旁写入的交办"
    rc, out, _err = finish(qtbot, start(tmp_path, "--db", module_ctx.db_path, "assign", "--to", code,
                                        "--title", title))
    assert rc == 0, out

    def shown() -> bool:
        return any(page.table.item(r, c) is not None and title in page.table.item(r, c).text()
                   for r in range(page.table.rowCount()) for c in range(page.table.columnCount()))
    qtbot.waitUntil(shown, timeout=10_000)               # no F5: the window saw the other program's write
    assert page.table.rowCount() == before + 1
    # the window's own writes are not reported twice as another program's
    seen = []
    module_ctx.changed.connect(seen.append)
    window.ctx.outside_writes.check()
    assert seen == []
