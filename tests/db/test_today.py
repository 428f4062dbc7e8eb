"""The one business clock (db.today): pinned by tests, by the environment, and read by nothing else."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

from db import today as office_clock

ROOT = Path(__file__).resolve().parents[2]
WALL_CLOCK = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.today|QDate\.currentDate|QDateTime\.currentDateTime)"
                        r"\(|date\('now'|datetime\('now'")


def test_nothing_but_the_business_clock_reads_the_calendar():
    offenders = []
    for folder in ("db", "desktop"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path == ROOT / "db" / "today.py":
                continue
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if WALL_CLOCK.search(line):
                    offenders.append(f"{path.relative_to(ROOT)}:{n}: {line.strip()}")
    assert offenders == []


def test_a_pinned_day_keeps_the_time_of_day_and_is_restored():
    with office_clock.pinned(dt.date(2031, 2, 28)):
        assert office_clock.today() == dt.date(2031, 2, 28)
        assert office_clock.now().date() == dt.date(2031, 2, 28)
        with office_clock.pinned("2031-03-01T08:30"):
            assert office_clock.now() == dt.datetime(2031, 3, 1, 8, 30)
            assert office_clock.now_text() == "2031-03-01T08:30:00"
        assert office_clock.today() == dt.date(2031, 2, 28)


def test_the_environment_pins_a_child_program(monkeypatch):
    monkeypatch.setenv(office_clock.ENV, "2030-07-01")
    out = subprocess.run([sys.executable, "-c", "from db import today; print(today.today())"],
                         capture_output=True, text=True, cwd=ROOT, check=True).stdout.strip()
    assert out == "2030-07-01"


def test_a_member_joining_today_can_leave_today_whatever_the_real_date(tmp_path):
    # the date bomb of 2026-12-02: joining stamped the wall clock, leaving the pinned day
    from db import groups
    from db.database import open_database
    from db.demo import generate
    db = open_database(tmp_path / "d.sqlite3")
    generate(db, "township", seed=3)
    group_id = db.execute("SELECT id FROM liaison_group WHERE deleted = 0 LIMIT 1").fetchone()[0]
    with office_clock.pinned(dt.date(2033, 5, 6)):
        member_id = db.execute("SELECT id FROM member WHERE deleted = 0 AND id NOT IN "
                               "(SELECT member_id FROM membership WHERE group_id = ?) LIMIT 1",
                               [group_id]).fetchone()[0]
        membership = groups.add_to_group(db, group_id, member_id)
        assert db.execute("SELECT joined_on FROM membership WHERE id = ?", [membership]).fetchone()[0] == "2033-05-06"
        groups.leave_group(db, membership)
        assert db.execute("SELECT left_on FROM membership WHERE id = ?", [membership]).fetchone()[0] == "2033-05-06"
