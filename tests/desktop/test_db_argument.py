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
