"""At start: a read-only or vanished data folder, a database made by a newer version, and a second copy
of the program writing the same file beside the first (never two writers at once: each save waits for
the other's, and none is lost)."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.check import check_database
from db.database import open_database

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIAISON_DESK_BACKUP_PASSPHRASE": "故障试验 fault trial passphrase"}   # a stick's backup
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_database_from_a_newer_version_is_refused_unchanged(demo_db_path):
    conn = sqlite3.connect(demo_db_path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('liaison_desk', 'm0099_from_the_future', '2030-01-01')")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(demo_db_path)
    for args in (("check",), ("backup",), ("dump", "--out", demo_db_path.parent / "d.json")):
        p = _cli(*args, "--db", demo_db_path)
        assert p.returncode == 1, (args, p.stdout, p.stderr)
        assert "更新版本" in p.stderr and "newer version" in p.stderr and "Traceback" not in p.stderr
    assert _digest(demo_db_path) == before
    backups = demo_db_path.parent / "backups"
    assert not backups.exists() or not list(backups.glob("*.sqlite3"))      # no upgrade backup either


def test_a_vanished_data_folder_is_named(tmp_path):
    gone = tmp_path / "stick-removed" / "liaison-desk.sqlite3"
    p = _cli("check", "--db", gone)
    assert p.returncode == 1 and "不存在" in p.stderr and "not found" in p.stderr
    assert not gone.parent.exists()             # nothing made in its place


@pytest.fixture
def read_only_folder(tmp_path, demo_db_path):
    mnt = tmp_path / "ro"
    mnt.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", str(mnt)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a file system here: {done.stderr.decode(errors='replace').strip()}")
    try:
        conn = sqlite3.connect(demo_db_path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        (mnt / "liaison-desk.sqlite3").write_bytes(demo_db_path.read_bytes())
        assert subprocess.run(["mount", "-o", "remount,ro", str(mnt)]).returncode == 0
        yield mnt / "liaison-desk.sqlite3"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], capture_output=True)


def test_a_read_only_data_folder_is_said_so(read_only_folder):
    before = _digest(read_only_folder)
    for args in (("check",), ("backup", "--to", read_only_folder.parent.parent / "bk")):
        p = _cli(*args, "--db", read_only_folder)
        assert p.returncode == 1, p.stdout
        assert "只读" in p.stderr and "read-only" in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert _digest(read_only_folder) == before


_SAVER = ("import sys; from db.database import open_database; from db.write import writing\n"
          "db = open_database(sys.argv[1]); office = db.execute('SELECT office_id FROM node_state').fetchone()[0]\n"
          "print('ready', flush=True); sys.stdin.readline()\n"
          "for i in range(int(sys.argv[3])):\n"
          "    with writing(db) as w:\n"
          "        w.insert('state_event', {'subject_table': 'follow_up', 'subject_id': f'{sys.argv[2]}{i}',\n"
          "                 'at': '2026-05-01T10:00', 'note': f'{sys.argv[2]} 第{i}次'}, office_id=office)\n"
          "print('done', flush=True)\n")


def test_two_copies_saving_the_same_file_at_once_lose_nothing(demo_db_path):
    """The window refuses a second window on the same file (desktop.instance); the command line may still
    write beside it. SQLite lets one writer at a time in (each save waits for the other's), and every save
    reads the sequence afresh in its own transaction, so the log stays gapless and nothing is lost."""
    open_database(demo_db_path).conn.close()
    n = 150
    procs = [subprocess.Popen([sys.executable, "-c", _SAVER, str(demo_db_path), tag, str(n)], cwd=ROOT,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) for tag in ("A", "B")]
    for p in procs:
        assert p.stdout.readline().strip() == "ready"
    for p in procs:                         # both start saving at the same moment
        p.stdin.write("go\n")
        p.stdin.flush()
    for p in procs:
        out, _ = p.communicate(timeout=300)
        assert p.returncode == 0 and out.strip() == "done"
    db = open_database(demo_db_path)
    assert check_database(db).ok
    for tag in ("A", "B"):
        got = db.execute("SELECT count(*) FROM state_event WHERE note LIKE ?", [f"{tag} 第%"]).fetchone()[0]
        assert got == n
    db.conn.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 / Wayland")
def test_opening_the_window_without_a_desktop_says_so_and_ends_cleanly(demo_db_path):
    """`liaison-desk` from a terminal with no graphical desktop (over ssh): Qt printed its own lines, then ours,
    then aborted the process (exit 134, "Aborted", a core dump)."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    before = _digest(demo_db_path)
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(demo_db_path)], capture_output=True,
                       text=True, timeout=120, cwd=ROOT, env=env)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "没有可用的图形桌面" in p.stderr and "no graphical desktop is available" in p.stderr
    assert "qt.qpa" not in p.stderr and "Aborted" not in p.stderr, p.stderr
    assert _digest(demo_db_path) == before
