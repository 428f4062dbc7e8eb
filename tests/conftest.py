"""Shared fixtures: Qt offscreen (set before anything imports Qt), fonts, and a demo township
database built once per session and copied per test."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("LIAISON_DESK_EXIT_AFTER_PAINT", None)

import pytest  # noqa: E402

# The demo data is generated "as of" this day, and GUI tests pin the application's today to it,
# so lists, the home page and screenshots are the same on every run.
DEMO_TODAY = dt.date(2026, 11, 25)
DEMO_SEED = 7

# One business clock (db.today) for db, the command line and the window: pinned to DEMO_TODAY for the
# whole run, in this process and (through the environment) in every program a test starts. The real
# time of day is kept, so steps taken one after another still come in order. CI also runs the suite
# with the system clock a year ahead (faketime): nothing may depend on the real date.
os.environ["LIAISON_DESK_TODAY"] = DEMO_TODAY.isoformat()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    """A township demo database (about 5,000 rows), made once per session; copy it, never open it."""
    from db import demo
    from db.database import open_database
    path = tmp_path_factory.mktemp("demo-template") / "liaison-desk.sqlite3"
    db = open_database(path)
    demo.generate(db, "township", DEMO_SEED, today=DEMO_TODAY)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def demo_db_path(demo_template, tmp_path) -> Path:
    """A fresh copy of the demo database in its own data folder."""
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "liaison-desk.sqlite3"
    shutil.copy(demo_template, path)
    return path


# The offscreen platform warns whenever a window's size limits change (any top-level with a layout);
# harmless, and not ours. Every other Qt warning fails the test (pyproject: qt_log_level_fail).
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints\(\)"


def pytest_collection_modifyitems(items):
    for item in items:
        item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))
