"""One version everywhere, the About box with the licences, `--db PATH` alone opens the window, portable
mode, settings beside the data, and a program without standard streams (a Windows GUI build)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    return re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.M).group(1)


def test_one_version_in_pyproject_cli_and_changelog():
    v = pyproject_version()
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "--version"], capture_output=True, text=True)
    assert p.stdout.strip() == f"liaison-desk {v}"
    assert f"## {v}" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_about_box_shows_version_and_licences(window, monkeypatch, tmp_path):
    from desktop.about import AboutDialog
    shown = []

    def fake_exec(dialog):
        dialog.resize(1000, 640)
        dialog.grab().save(str(tmp_path / "about.png"))
        shown.append((dialog.heading.text(), dialog.notices.toPlainText(), dialog.license.toPlainText()))
        return 0
    monkeypatch.setattr(AboutDialog, "exec", fake_exec)
    assert pyproject_version() in window.status_about.text()
    window.act_about.trigger()                                    # F1
    heading, notices, licence = shown[0]
    assert pyproject_version() in heading and "Qt 6" in heading and "Apache" in heading
    assert "LGPL-3.0" in notices and "pypinyin" in notices and "HanaMinA" in notices
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "关于" in window.status_about.text()


def test_db_alone_opens_the_window_and_settings_follow_the_data_home(tmp_path, demo_db_path):
    home = tmp_path / "home"
    env = dict(os.environ, LIAISON_DESK_EXIT_AFTER_PAINT="1", LIAISON_DESK_HOME=str(home),
               QT_QPA_PLATFORM="offscreen")
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_db_path)], capture_output=True,
                       text=True, timeout=120, env=env)
    assert p.returncode == 0, p.stderr
    assert "first-paint" in p.stdout
    assert (home / "settings.ini").is_file()                      # not the user's real settings


def test_portable_marker_puts_the_data_beside_the_program(tmp_path, monkeypatch):
    from desktop.paths import apply_portable_mode
    monkeypatch.delenv("LIAISON_DESK_HOME", raising=False)
    assert apply_portable_mode(tmp_path) is None and "LIAISON_DESK_HOME" not in os.environ
    (tmp_path / "portable.txt").write_text("")
    assert apply_portable_mode(tmp_path) == tmp_path / "data"
    assert os.environ["LIAISON_DESK_HOME"] == str(tmp_path / "data")
    from db.paths import default_db_path
    assert default_db_path() == tmp_path / "data" / "liaison-desk.sqlite3"
    monkeypatch.setenv("LIAISON_DESK_HOME", str(tmp_path / "chosen"))   # an explicit choice wins
    assert apply_portable_mode(tmp_path) is None and os.environ["LIAISON_DESK_HOME"] == str(tmp_path / "chosen")


@pytest.mark.parametrize("args", [["check"], ["gui"]])
def test_runs_without_standard_streams_like_a_windows_gui_build(tmp_path, demo_db_path, args):
    code = ("import sys, runpy; sys.stdout = sys.stderr = None; "
            f"sys.argv = ['liaison-desk', {args[0]!r}, '--db', {str(demo_db_path)!r}]; "
            f"runpy.run_path({str(ROOT / 'packaging' / 'launch.py')!r}, run_name='__main__')")
    env = dict(os.environ, LIAISON_DESK_EXIT_AFTER_PAINT="1", LIAISON_DESK_HOME=str(tmp_path / "home"),
               QT_QPA_PLATFORM="offscreen")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert "Traceback" not in p.stderr


def test_the_command_line_without_standard_streams_like_the_windows_launcher(tmp_path):
    # the Windows GUI launcher runs `python -m desktop.cli ARGS` with no console: no sys.stdout/stderr
    db = tmp_path / "d.sqlite3"
    code = ("import sys; sys.stdout = sys.stderr = None; from desktop.cli import main; "
            f"sys.exit(main(['demo', '--size', 'township', '--db', {str(db)!r}]))")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert p.returncode == 0, p.stderr
    assert db.is_file() and "Traceback" not in p.stderr
