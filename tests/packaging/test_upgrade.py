"""Upgrade and downgrade: a database made by the previous release opens in this build, is backed up,
migrated and passes `check`; a database made by a newer version is refused with a Chinese message and
left byte for byte as it was.

Runs the command line from the source, or the program named by LIAISON_DESK_PROGRAM (packaging/ci-linux.sh
points it at the installed .deb's binary)."""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
PREVIOUS = FIXTURES / "township-0.1.0.sqlite3.gz"


def program() -> list[str]:
    exe = os.environ.get("LIAISON_DESK_PROGRAM")
    return [exe] if exe else [sys.executable, "-m", "desktop.cli"]


def run(*args, **env):
    full = dict(os.environ, **{k: str(v) for k, v in env.items()})
    return subprocess.run([*program(), *map(str, args)], capture_output=True, timeout=180, env=full)


def migrations(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT name FROM _sqlite_migrations ORDER BY rowid")]
    finally:
        conn.close()


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


@pytest.fixture
def previous(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "liaison-desk.sqlite3"
    path.write_bytes(gzip.decompress(PREVIOUS.read_bytes()))
    return path


def test_previous_release_database_is_backed_up_migrated_and_checks(previous):
    from db import schema
    before = migrations(previous)
    current = [m.name for m in schema.migrations._migrations]
    pending = [m for m in current if m not in before]
    meetings, members = count(previous, "meeting"), count(previous, "member")
    p = run("check", "--db", previous)
    out = p.stdout.decode("utf-8")
    assert p.returncode == 0, out + p.stderr.decode("utf-8", "replace")
    assert "检查通过" in out
    assert migrations(previous) == before + pending                  # migrated, in order
    assert (count(previous, "meeting"), count(previous, "member")) == (meetings, members)
    backups = sorted((previous.parent / "backups").glob("*"))
    if pending:                                                       # the copy taken before the upgrade
        assert backups, "no backup before the upgrade"
        assert any(migrations(b) == before for b in backups if b.suffix == ".sqlite3")


def test_previous_release_database_opens_in_the_window(previous, tmp_path):
    p = run("--db", previous, LIAISON_DESK_EXIT_AFTER_PAINT=1, LIAISON_DESK_HOME=tmp_path / "home",
            QT_QPA_PLATFORM="offscreen")
    assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
    assert b"first-paint" in p.stdout


def test_newer_database_is_refused_and_left_unchanged(previous):
    assert run("check", "--db", previous).returncode == 0             # today's schema
    conn = sqlite3.connect(previous)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "SELECT migration_set, 'm9999_made_by_a_newer_version', '2027-06-01 00:00:00+00:00' FROM _sqlite_migrations LIMIT 1")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    folder = previous.parent
    shutil.rmtree(folder / "backups", ignore_errors=True)
    listing = sorted(p.name for p in folder.iterdir())
    digest = hashlib.sha256(previous.read_bytes()).hexdigest()
    for args in (("check",), ("backup",), ("demo", "simulate", "--edits", "3")):
        p = run(*args, "--db", previous)
        err = p.stderr.decode("utf-8")
        assert p.returncode == 1, (args, err)
        assert "更新版本" in err and "newer version" in err and "Traceback" not in err
        assert hashlib.sha256(previous.read_bytes()).hexdigest() == digest, args
        assert sorted(p.name for p in folder.iterdir()) == listing, args
