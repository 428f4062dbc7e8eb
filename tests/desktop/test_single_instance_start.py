"""Starting the program from source: `bootstrap.py run` installs once and then starts at once; on Linux
without the window system's libraries the program says which packages to install."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def bootstrap(tmp_path, monkeypatch):
    """bootstrap.py on a copy of pyproject.toml and a venv in tmp_path, pip replaced by a recorder."""
    spec = importlib.util.spec_from_file_location("bootstrap_under_test", ROOT / "bootstrap.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(module, "ROOT", tmp_path)
    monkeypatch.setattr(module, "VENV", tmp_path / ".venv")
    monkeypatch.setattr(module, "STAMP", tmp_path / ".venv" / "liaison-desk-installed.txt")
    python = module._python()
    python.parent.mkdir(parents=True)
    python.write_text("")                             # the venv exists
    module.pip_runs = []

    def run(cmd, **kwargs):
        module.pip_runs.append(cmd[-1])
        return subprocess.CompletedProcess(cmd, 0)
    monkeypatch.setattr(module.subprocess, "run", run)
    return module


def test_bootstrap_installs_once_and_again_only_when_pyproject_changes(bootstrap, tmp_path):
    bootstrap._ensure_venv("")
    bootstrap._ensure_venv("")
    assert bootstrap.pip_runs == ["."]                # the second start went straight on
    bootstrap._ensure_venv("[test]")
    bootstrap._ensure_venv("")                        # the test extras hold everything `run` needs
    assert bootstrap.pip_runs == [".", ".[test]"]
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8") + "\n# a new dependency\n", encoding="utf-8")
    bootstrap._ensure_venv("")
    bootstrap._ensure_venv("")
    assert bootstrap.pip_runs == [".", ".[test]", "."]


def test_a_failed_install_is_tried_again_at_the_next_start(bootstrap, monkeypatch):
    def fail(cmd, **kwargs):
        raise subprocess.CalledProcessError(1, cmd)
    monkeypatch.setattr(bootstrap.subprocess, "run", fail)
    with pytest.raises(subprocess.CalledProcessError):
        bootstrap._ensure_venv("")
    assert not bootstrap.STAMP.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Qt's xcb platform plugin is Linux only")
def test_without_the_window_systems_libraries_the_program_names_the_packages(tmp_path):
    broken = tmp_path / "lib"
    broken.mkdir()
    (broken / "libxcb-cursor.so.0").write_bytes(b"")   # as if libxcb-cursor0 were missing
    env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=":97", LD_LIBRARY_PATH=str(broken),
               XDG_CONFIG_HOME=str(tmp_path / "config"), LIAISON_DESK_NO_POPUP="1")
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", tmp_path / "liaison-desk.sqlite3"],
                       cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert p.returncode != 0
    assert "系统缺少图形界面所需的软件包" in p.stderr and "lacks packages" in p.stderr
    assert "sudo apt install libxcb-cursor0\n" in p.stderr
    assert not (tmp_path / "liaison-desk.sqlite3").exists()


def test_started_from_the_desktop_the_explanation_also_shows_in_a_window(monkeypatch):
    """No console to read: the desktop's own message tool shows it (zenity, kdialog or xmessage)."""
    from desktop import platform_help
    started = []
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("LIAISON_DESK_NO_POPUP", raising=False)
    monkeypatch.setattr("shutil.which", lambda tool: f"/usr/bin/{tool}" if tool == "xmessage" else None)
    monkeypatch.setattr("subprocess.Popen", lambda cmd, **kw: started.append(cmd))
    platform_help.show_outside_qt(platform_help.explanation(["Cannot load library libqxcb.so"]))
    assert len(started) == 1 and started[0][0] == "/usr/bin/xmessage"
    assert "sudo apt install" in started[0][-1] and "无法打开窗口" in started[0][-1]
