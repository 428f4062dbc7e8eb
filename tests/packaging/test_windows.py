"""The Windows build's inputs stay consistent with the project (the build itself and its Wine tests run in
packaging/ci-windows.sh): the lock file pins what pyproject.toml asks for, with hashes; the portable zip's
marker is one the program looks for; the installer never deletes the data folder; the DLL reader
that trims Qt reads a real PE file."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
WIN = ROOT / "packaging" / "windows"


def _build_module():
    spec = importlib.util.spec_from_file_location("windows_build", WIN / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _pins() -> dict[str, tuple[str, list[str]]]:
    text = (WIN / "requirements-win.txt").read_text(encoding="utf-8")
    pins = {}
    for block in re.split(r"\n(?=[A-Za-z])", "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))):
        head = block.split()[0]
        name, version = head.split("==")
        pins[canonicalize_name(name)] = (version, re.findall(r"--hash=sha256:([0-9a-f]{64})", block))
    return pins


def test_lock_pins_every_dependency_with_a_hash_and_qt_69():
    pins = _pins()
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for dep in map(Requirement, deps):
        name = canonicalize_name(dep.name)
        assert name in pins, f"{dep.name} is a dependency but not in requirements-win.txt"
        version, _ = pins[name]
        if name.startswith("pyside6"):
            # one Qt for every shipped build: 6.9.x (Wine 8 has no system ICU for 6.10+; Kylin/UOS need 6.9)
            assert version.startswith("6.9."), version
        else:
            assert dep.specifier.contains(version, prereleases=True), f"{dep.name}=={version} vs {dep.specifier}"
    for name, (version, hashes) in pins.items():
        assert len(hashes) == 1, f"{name}=={version} needs exactly one sha256"
    assert pins["shiboken6"][0] == pins["pyside6-essentials"][0] == pins["pyside6-addons"][0]


def test_portable_zip_marker_is_one_the_program_reads():
    from desktop.paths import PORTABLE_MARKERS
    assert _build_module().PORTABLE_MARKER in PORTABLE_MARKERS


def test_installer_keeps_the_data_folder():
    nsi = (WIN / "installer.nsi").read_text(encoding="utf-8")
    removing = [ln.strip() for ln in nsi.splitlines() if re.match(r"\s*(RMDir|Delete)\b", ln)]
    assert removing, "the uninstaller removes the program files"
    for line in removing:
        assert "$LOCALAPPDATA" not in line and "$APPDATA" not in line, line      # data and settings stay
        assert not re.fullmatch(r'RMDir /r "\$INSTDIR"', line), line              # never the whole folder
    assert "RequestExecutionLevel user" in nsi and "amd64-unicode" in nsi
    assert '"SimpChinese"' in nsi and "委员联络组工作台" in nsi


def test_dll_reader_reads_a_windows_executable():
    import pip
    exe = Path(pip.__file__).parent / "_vendor" / "distlib" / "t64.exe"   # a Windows x64 launcher pip ships
    if not exe.exists():
        pytest.skip("no Windows executable at hand")
    imports = _build_module().dll_imports(exe)
    assert "kernel32.dll" in imports, imports



def test_backup_follows_windows_fsync_rule(tmp_path, monkeypatch):
    """Windows' FlushFileBuffers needs a handle opened for writing: os.fsync on a file opened "rb" fails
    with EACCES there (found under Wine: every backup, and so every upgrade, was refused)."""
    import errno
    import fcntl
    import os

    from db import backup as backup_mod
    from db.database import open_database
    real_fsync = os.fsync

    def windows_fsync(fd):
        if fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_ACCMODE == os.O_RDONLY:
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_fsync(fd)

    monkeypatch.setattr(os, "fsync", windows_fsync)
    path = tmp_path / "liaison-desk.sqlite3"
    db = open_database(path, create=True)
    try:
        made = backup_mod.backup(db, path, reason="manual")
    finally:
        db.conn.close()
    assert made.exists() and made.stat().st_size > 0
