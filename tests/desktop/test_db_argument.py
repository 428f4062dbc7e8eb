"""`liaison-desk gui --db PATH` opens that database for the session (the README's demo command uses it)."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop.app import _take_db_argument


@pytest.mark.parametrize("argv, path, rest", [
    (["--db", "/x/a.sqlite3", "-style", "fusion"], Path("/x/a.sqlite3"), ["-style", "fusion"]),
    (["--db=/x/b.sqlite3"], Path("/x/b.sqlite3"), []),
    (["-style", "fusion"], None, ["-style", "fusion"]),
    (["--db"], None, ["--db"]),
])
def test_db_argument_is_taken_out_of_the_qt_arguments(argv, path, rest):
    assert _take_db_argument(argv) == path
    assert argv == rest


def test_db_before_a_command_of_two_words_reaches_it(demo_db_path):
    """`liaison-desk --db PATH accounts list` said "invalid choice: 'PATH'" (--db went in after the first word)."""
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_db_path), "accounts", "list"],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "账号登录" in out.stdout
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_db_path), "check"],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("argv", [
    ["offices", "--db", "{db}", "list"],
    ["offices", "--db={db}", "list"],
    ["accounts", "--db", "{db}", "list"],
    ["offices", "list", "--db", "{db}"],
])
def test_db_between_the_two_words_of_a_command_reaches_it(demo_db_path, argv):
    """`liaison-desk offices --db PATH list` said "invalid choice: 'PATH'": the group word has no --db of its own,
    so argparse read the path as the second word."""
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    args = [a.replace("{db}", str(demo_db_path)) for a in argv]
    out = subprocess.run([sys.executable, "-m", "desktop.cli", *args],
                         cwd=root, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert "用法错误" not in out.stderr
