"""Shared fixtures: Qt offscreen (set before anything imports Qt), fonts, and a demo township
database built once per session and copied per test."""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import subprocess
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


@pytest.fixture
def small_fs(tmp_path):
    """A 16 MB file system of its own; `fill(room)` leaves only `room` bytes free, `free()` gives it back."""
    mnt = tmp_path / "small"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small file system here: {done.stderr.decode(errors='replace').strip()}")

    class Fs:
        path = mnt
        filler = mnt / "filler.bin"

        def fill(self, room: int = 0) -> None:
            with open(self.filler, "ab", buffering=0) as fh:
                chunk = b"\0" * (1 << 20)
                while True:
                    try:
                        fh.write(chunk)
                    except OSError as exc:
                        assert exc.errno == errno.ENOSPC
                        if len(chunk) == 1:
                            break
                        chunk = chunk[: len(chunk) // 2]
            if room:
                size = self.filler.stat().st_size
                os.truncate(self.filler, max(0, size - room))

        def free(self) -> None:
            self.filler.unlink(missing_ok=True)

        def names(self) -> set[str]:
            return {p.name for p in mnt.rglob("*") if p.is_file() and p != self.filler}

    try:
        yield Fs()
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)
