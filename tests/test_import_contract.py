"""The one-way import rule: db never reaches desktop, Qt or reportlab; headless parts never reach Qt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tools"))
import import_contract  # noqa: E402


def test_the_tree_keeps_the_contract():
    assert import_contract.violations() == []


def test_the_checker_sees_a_lazy_import_inside_a_function(tmp_path):
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "bad.py").write_text("def f():\n    from PySide6.QtCore import QObject\n")
    (tmp_path / "desktop" / "minutes").mkdir(parents=True)
    (tmp_path / "desktop" / "minutes" / "bad.py").write_text("import PySide6\n")
    found = import_contract.violations(tmp_path)
    assert found == ["db/bad.py:2: imports PySide6.QtCore", "desktop/minutes/bad.py:1: imports PySide6"]


def test_the_checker_sees_an_import_cycle_even_through_a_lazy_or_type_only_import(tmp_path):
    (tmp_path / "desktop" / "dialogs").mkdir(parents=True)
    (tmp_path / "desktop" / "app.py").write_text("def main():\n    from desktop.dialogs import first\n")
    (tmp_path / "desktop" / "dialogs" / "first.py").write_text("from . import second\n")
    (tmp_path / "desktop" / "dialogs" / "second.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from desktop.app import main\n")
    (tmp_path / "desktop" / "one_way.py").write_text("import desktop.app\n")
    assert import_contract.violations(tmp_path) == [
        "import cycle: desktop.app → desktop.dialogs.first → desktop.dialogs.second → desktop.app"]


def test_importing_every_db_module_and_the_cli_loads_no_qt_or_reportlab():
    code = ("import importlib, pkgutil, sys, db, desktop.cli\n"
            "for m in pkgutil.walk_packages(db.__path__, 'db.'): importlib.import_module(m.name)\n"
            "desktop.cli.build_parser()\n"
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('PySide6', 'reportlab', 'openpyxl')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
