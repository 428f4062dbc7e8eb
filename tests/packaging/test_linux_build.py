"""The Linux build's glibc check: what each binary needs, and `--max-glibc` refusing a bundle that needs more
(the Kylin V10 build, packaging/build-in-debian-root.sh --glibc 2.28, relies on it)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or not shutil.which("objdump"),
                                reason="Linux with objdump (binutils)")


def _build_linux():
    spec = importlib.util.spec_from_file_location("build_linux", ROOT / "packaging" / "build_linux.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_glibc_needs_reads_the_symbol_versions_and_the_limit_names_what_is_over(tmp_path):
    bl = _build_linux()
    shutil.copy(sys.executable, tmp_path / "python")
    (tmp_path / "notes.txt").write_text("not a binary")
    top, rows = bl.glibc_needs(tmp_path)
    assert [f for _, f in rows] == ["python"]
    assert tuple(map(int, top.split("."))) >= (2, 2)
    assert bl.glibc_over(rows, "2.0") == rows
    assert bl.glibc_over(rows, "99.0") == []
    assert bl.glibc_over([("2.29", "libm-user.so"), ("2.28", "ok.so"), ("2.3.4", "old.so")], "2.28") == \
        [("2.29", "libm-user.so")]


def test_max_glibc_refuses_to_package_a_bundle_that_needs_more(tmp_path, monkeypatch, capsys):
    """build_linux.py's command line as the build script runs it, on a bundle already frozen (--skip-freeze;
    here a stand-in with one binary): a limit below what it needs makes no packages and names the binary."""
    bl = _build_linux()
    bundle = tmp_path / "bundle"
    (bundle / "_internal").mkdir(parents=True)
    shutil.copy(sys.executable, bundle / "liaison-desk")
    monkeypatch.setattr(bl, "BUNDLE", bundle)
    dist = tmp_path / "dist"
    assert bl.main(["--skip-freeze", "--max-glibc", "2.0", "--dist", str(dist)]) == 1
    out = capsys.readouterr().out
    assert "1 binaries need more than GLIBC_2.0: no packages made" in out
    assert "liaison-desk" in out.split("no packages made")[1]
    assert list(dist.iterdir()) == []


def test_the_build_scripts_parse():
    for script in ("build-in-debian-root.sh", "ci-linux.sh"):
        subprocess.run(["bash", "-n", str(ROOT / "packaging" / script)], check=True)
    p = subprocess.run(["bash", str(ROOT / "packaging" / "build-in-debian-root.sh"), "--release", "jessie"],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "bullseye or buster" in p.stderr
