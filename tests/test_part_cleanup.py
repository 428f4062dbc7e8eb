"""Unfinished files (.part) left by a killed backup, restore, key file or draft are removed when the
database opens (the window, the command line), only ours and never the database; new ones are made
with user-only permissions."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from db.backup import backup
from db.database import open_database
from db.offices import create_city
from db.write import writing

ROOT = Path(__file__).resolve().parents[1]


def _city(path):
    db = open_database(path)
    create_city(db, "贵阳市政协")
    with writing(db) as w:
        w.insert("member", {"name": "王𠇔", "sex": "M"}, office_id=db.execute(
            "SELECT office_id FROM node_state").fetchone()[0])
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def _leave_leftovers(home):
    ours = [home / "liaison-desk.sqlite3.restore.part", home / "liaison-desk.sqlite3.keys.part",
            home / "backups" / "liaison-desk-20261125-101500-manual.sqlite3.part",
            home / "backups" / "liaison-desk-20261125-101500-manual.sqlite3.part-journal",
            home / "backups" / "liaison-desk-20261124-090000-before-restore-2.sqlite3.part",
            home / "drafts" / "member_0190ab.json.part",
            home / "attachments" / f".tmp-{'ab' * 16}", home / "attachments" / "ab" / f"{'ab' * 32}.part"]
    not_ours = [home / "attachments" / "ab" / ("ab" * 32), home / "attachments" / "ab" / "notes.part",
                home / "attachments" / "ab" / "sub" / f"{'cd' * 32}.part", home / "notes.part", home / "backups" / "mine.sqlite3.part", home / "drafts" / "member.json",
                home / "report.pdf.part", home / "other" / "liaison-desk-20261125-101500-manual.sqlite3.part"]
    for p in ours + not_ours:
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"half written")
    return ours, not_ours


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_opening_the_database_removes_our_leftovers_only(tmp_path):
    db_path = tmp_path / "liaison-desk.sqlite3"
    _city(db_path)
    before = _digest(db_path)
    ours, not_ours = _leave_leftovers(tmp_path)
    db = open_database(db_path)
    try:
        assert [p for p in ours if p.exists()] == []
        assert all(p.exists() for p in not_ours)
        assert db.execute("SELECT name FROM member").fetchall() == [("王𠇔",)]
    finally:
        db.conn.close()
    assert _digest(db_path) == before           # opened, read, closed: the file itself untouched
    assert sqlite3.connect(db_path).execute("PRAGMA quick_check").fetchone()[0] == "ok"


def test_the_command_line_removes_them_at_start(tmp_path):
    db_path = tmp_path / "liaison-desk.sqlite3"
    _city(db_path)
    ours, not_ours = _leave_leftovers(tmp_path)
    env = dict(os.environ, LIAISON_DESK_HOME=str(tmp_path))
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "check"], capture_output=True, text=True,
                       env=env, timeout=120)
    assert p.returncode == 0, p.stderr
    assert "检查通过" in p.stdout
    assert [x for x in ours if x.exists()] == []
    assert all(x.exists() for x in not_ours)


def test_a_database_named_like_a_leftover_is_never_removed(tmp_path):
    odd = tmp_path / "liaison-desk-20261125-101500-manual.sqlite3.part"     # someone opened this very file
    _city(odd)
    db = open_database(odd)
    try:
        assert odd.exists() and db.execute("SELECT count(*) FROM member").fetchone()[0] == 1
    finally:
        db.conn.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_backups_drafts_and_part_files_are_user_only(tmp_path):
    from db.files import write_atomic
    from desktop.drafts import DraftStore
    old = os.umask(0o022)
    try:
        db_path = tmp_path / "liaison-desk.sqlite3"
        _city(db_path)
        db = open_database(db_path)
        seen = {}

        def peek(fh):                           # while the .part is being written
            seen["part"] = stat.S_IMODE(os.stat(fh.name).st_mode)
            fh.write(b"x")
        out = write_atomic(tmp_path / "report.pdf", peek)
        assert seen["part"] == 0o600 and stat.S_IMODE(out.stat().st_mode) == 0o644   # a saved PDF: ordinary
        key = write_atomic(tmp_path / "k", peek, private=True)
        assert seen["part"] == 0o600 and stat.S_IMODE(key.stat().st_mode) == 0o600
        b = backup(db, db_path)
        assert stat.S_IMODE(b.stat().st_mode) == 0o600
        db.conn.close()
        draft = DraftStore(tmp_path / "drafts").save("member_1", editor="desktop.x:Y", record_id=None,
                                                     title="委员", values={"name": "王"})
        assert stat.S_IMODE(draft.stat().st_mode) == 0o600
    finally:
        os.umask(old)


def test_writing_a_package_removes_this_offices_killed_package_files_in_that_folder(tmp_path):
    """A power cut while a package was written to the stick left NAME.ldsync.part: the next package this
    office writes there removes it; another office's, or one being written right now, stays."""
    from db.offices import add_office
    from db.sync.export import export_package
    from db.sync.setup import init_from_setup, make_setup_file
    c = open_database(tmp_path / "c" / "liaison-desk.sqlite3")
    city = create_city(c, "贵阳市政协", "520100")
    add_office(c, code="520102", name="南明区政协", level="district", parent_id=city, by_office=city)
    sf = make_setup_file(c, "520102", tmp_path)
    c.conn.close()
    init_from_setup(tmp_path / "d" / "liaison-desk.sqlite3", sf.path, sf.passcode)
    db = open_database(tmp_path / "d" / "liaison-desk.sqlite3")
    stick = tmp_path / "stick"
    stick.mkdir()
    killed = stick / "南明区政协-520102_至_贵阳市政协-520100_2026-12-01_101500.ldsync.part"
    young = stick / "南明区政协-520102_至_贵阳市政协-520100_2026-12-05_101500.ldsync.part"
    other = stick / "贵阳市政协-520100_至_南明区政协-520102_2026-12-01_101500.ldsync.part"
    for p in (killed, young, other):
        p.write_bytes(b"half written")
    old = young.stat().st_mtime - 3600          # the file system's clock (a faked process clock is not)
    for p in (killed, other):
        os.utime(p, (old, old))
    out = export_package(db, "520100", stick).path
    assert out.exists() and not killed.exists()
    assert young.exists() and other.exists()
    db.conn.close()


@pytest.mark.skipif(os.name == "nt", reason="RLIMIT_FSIZE is POSIX")
def test_a_database_that_cannot_be_made_for_lack_of_space_leaves_nothing_and_says_so(tmp_path):
    """A first start on a full disk said "数据库文件已损坏" and left a half-made database behind."""
    import resource
    import signal

    def small_disk():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
    target = tmp_path / "data" / "liaison-desk.sqlite3"
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--size", "township", "--db", str(target)],
                         cwd=ROOT, preexec_fn=small_disk, capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert "无法在" in out.stderr and "没有留下不完整的文件" in out.stderr and "已损坏" not in out.stderr
    assert "Traceback" not in out.stderr
    assert list(target.parent.iterdir()) == []
