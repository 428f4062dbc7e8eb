"""The database file shared safely: while a program holds the database open and has written to it
(the way the window does), the command line and a second connection of the same program may open,
read and close it beside it, and the first keeps its -wal and -shm, writes, and loses nothing.

On Linux closing any descriptor of a file drops every POSIX lock the process holds on it, SQLite's
included (SQLite's "How To Corrupt An SQLite Database File", section 2.2): then another program that
closes its last connection checkpoints and deletes the -wal and -shm still in use here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from db.database import connect, open_database
from db.write import writing

ROOT = Path(__file__).resolve().parents[2]


def cli(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def add_member(db, name: str) -> str:
    office = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()[0]
    with writing(db) as w:
        return w.insert("member", {"name": name, "sex": "F"}, office_id=office)


def names(path) -> set[str]:
    db = open_database(path)
    try:
        return {r[0] for r in db.execute("SELECT name FROM member")}
    finally:
        db.conn.close()


@pytest.fixture
def held(core_template, tmp_path):
    """The database held the way the window holds it: the main connection and a worker connection,
    both used, and a write made (so the -wal and -shm are in use)."""
    import shutil
    path = tmp_path / "data" / "liaison-desk.sqlite3"
    path.parent.mkdir()
    shutil.copy(core_template, path)
    db = open_database(path)
    worker = connect(path)
    worker.execute("SELECT count(*) FROM member").fetchone()
    add_member(db, "开窗前")
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    yield path, db
    worker.conn.close()
    db.conn.close()


def test_the_command_line_and_a_second_connection_beside_an_open_database_leave_it_working(held, tmp_path):
    path, db = held
    # A second connection of the same program opens and closes (every worker and dialog does this).
    second = open_database(path)
    second.execute("SELECT count(*) FROM member").fetchone()
    second.conn.close()
    connect(path).conn.close()
    # The command line beside it: read, check, back up, dump, list backups.
    assert cli("check", "--db", path).returncode == 0
    assert cli("backup", "--db", path).returncode == 0
    assert cli("backup", "--db", path, "--list").returncode == 0
    p = cli("dump", "--db", path, "--out", tmp_path / "dump.json")
    assert p.returncode == 0, p.stderr
    # Nobody took the -wal and -shm away from under the open connections ...
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    # ... and the first connection still writes, durably.
    add_member(db, "开窗后")
    second = connect(path)
    assert second.execute("SELECT count(*) FROM member WHERE name = '开窗后'").fetchone()[0] == 1
    second.conn.close()
    db.conn.close()
    assert {"开窗前", "开窗后"} <= names(path)


def test_a_write_from_the_command_line_beside_a_save_in_progress_waits_and_both_are_kept(held):
    path, db = held
    office = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()[0]
    with writing(db) as w:                          # the program in the middle of a save ...
        w.insert("member", {"name": "保存中", "sex": "F"}, office_id=office)
        child = subprocess.Popen([sys.executable, "-m", "desktop.cli", "offices", "add", "--db", str(path), "--code",
                                  "520102", "--name", "南明区政协", "--level", "district", "--parent", "520100"],
                                 cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        w.insert("member", {"name": "保存中2", "sex": "F"}, office_id=office)   # ... while the other starts
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    add_member(db, "登记后")
    assert Path(f"{path}-wal").exists()
    db.conn.close()
    assert {"保存中", "登记后"} <= names(path)
    check = open_database(path)
    assert check.execute("SELECT name FROM office WHERE code = '520102'").fetchone() == ("南明区政协",)
    check.conn.close()


def test_a_byte_for_byte_safety_copy_of_the_open_database_keeps_its_locks(held):
    """The copy taken before restoring a database the backup API cannot read reads the live file
    outside SQLite: it must not drop this program's locks either."""
    from db.backup import _raw_copy
    path, db = held
    copy = _raw_copy(path, reason="before-restore-damaged")
    assert copy.read_bytes()[:16] == b"SQLite format 3\x00"
    assert cli("check", "--db", path).returncode == 0
    assert Path(f"{path}-wal").exists() and Path(f"{path}-shm").exists()
    add_member(db, "复制后")
    db.conn.close()
    assert "复制后" in names(path)


def test_restoring_the_open_database_from_itself_is_refused_and_keeps_its_locks(held):
    """A backup file is read through SQLite only: even the live file itself, picked by mistake."""
    from db.backup import verify_backup
    path, db = held
    verify_backup(path)
    assert cli("check", "--db", path).returncode == 0
    assert Path(f"{path}-wal").exists()
    add_member(db, "校验后")
    db.conn.close()
    assert "校验后" in names(path)


def test_nothing_the_command_line_does_opens_the_database_file_outside_sqlite(held, monkeypatch, tmp_path, capsys):
    """The audit, kept: while this program holds the database, its commands (run here, in the same
    program) never open the database file, its -wal or its -shm other than through SQLite."""
    import builtins
    import io
    import os

    from desktop import cli
    path, db = held
    watched = {os.path.realpath(f"{path}{suffix}") for suffix in ("", "-wal", "-shm")}
    opened: list[str] = []

    def guard(real):
        def wrapper(file, *args, **kwargs):
            if isinstance(file, (str, bytes, os.PathLike)) and os.path.realpath(os.fsdecode(file)) in watched:
                opened.append(os.fsdecode(file))
            return real(file, *args, **kwargs)
        return wrapper
    monkeypatch.setattr(builtins, "open", guard(builtins.open))
    monkeypatch.setattr(io, "open", guard(io.open))
    monkeypatch.setattr(os, "open", guard(os.open))
    steps = [["check"], ["backup"], ["backup", "--list"], ["dump", "--out", tmp_path / "dump.json"],
             ["offices", "add", "--code", "520102", "--name", "南明区政协", "--level", "district", "--parent", "520100"],
             ["setup-file", "--office", "520102", "--out", tmp_path / "nanming.ldsetup"],
             ["peers"], ["report", "duty", "--year", "2026", "--out", tmp_path / "duty.xlsx"]]
    for args in steps:
        assert cli.main([*map(str, args), "--db", str(path)]) == 0, (args, capsys.readouterr())
    backups = sorted((path.parent / "backups").glob("*.sqlite3"))
    assert cli.main(["restore", "--db", str(path), str(backups[-1])]) == 0, capsys.readouterr()
    assert opened == []
    assert Path(f"{path}-wal").exists()
    add_member(db, "命令之后")
    db.conn.close()
    assert "命令之后" in names(path)


HOLD = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("PRAGMA locking_mode = EXCLUSIVE")
c.execute("BEGIN EXCLUSIVE")
c.execute("SELECT count(*) FROM sqlite_master").fetchone()
print("locked", flush=True)
sys.stdin.read()
"""


def test_check_and_backup_beside_a_program_locking_the_database_say_so_in_chinese(demo_db_path):
    """Found walking: a database locked by another program for over 10 s made the command line say
    "无法打开数据库：database is locked": SQLite's English inside the Chinese sentence. The Chinese now says the
    database is in use by another program, to close it and retry; SQLite's words stay in the English half."""
    import re
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(demo_db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        runs = [subprocess.Popen([sys.executable, "-m", "desktop.cli", *args, "--db", str(demo_db_path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT)
                for args in (("check",), ("backup",))]           # side by side: each waits out the 10 s lock timeout
        said = [(p.wait(timeout=120), p.communicate()[1]) for p in runs]
    finally:
        holder.communicate("", timeout=30)
    for rc, err in said:
        assert rc == 1 and "Traceback" not in err, err
        zh, _, en = err.partition(" / failed:")
        assert "被其他程序" in zh and "重试" in zh and not re.search(r"[A-Za-z]{3,}", zh), err
        assert "in use by another program" in en and "database is locked" in en, err


WRITING = """
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")                      # a program in the middle of writing (the window saving, an import)
c.execute("UPDATE node_state SET hlc = hlc WHERE id = 1")
print("writing", flush=True)
sys.stdin.read()
"""


def test_check_beside_a_program_writing_says_the_file_is_in_use_not_that_the_index_is_faulty(demo_db_path):
    """Found walking: `check` while another program held a write transaction (readers go on in WAL) reported
    "search index: office_fts: database is locked … 发现 2 个问题" after waiting 10 s per index: a healthy
    database misreported as faulty. It now says the file is in use, to close the other program and retry."""
    holder = subprocess.Popen([sys.executable, "-c", WRITING, str(demo_db_path)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        p = subprocess.run([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                           capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    finally:
        holder.communicate("", timeout=30)
    assert p.returncode == 1 and "Traceback" not in p.stderr, p.stderr
    assert "被其他程序" in p.stderr and "in use by another program" in p.stderr, p.stderr
    assert "问题" not in p.stdout and "search index" not in p.stdout + p.stderr.split(" / ")[0], p.stdout
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                       capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr                    # once it is closed: all well


def test_check_in_a_terminal_says_each_step_as_it_begins(demo_db_path):
    """A city's ten-year file takes half a minute to check: in a terminal, `check` says which step runs (文件完整性,
    变更日志 … 检索索引) and clears the line before the result; piped, it prints only the result."""
    import pty
    leader, follower = pty.openpty()
    p = subprocess.Popen([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                         stdin=follower, stdout=follower, stderr=follower, cwd=ROOT, close_fds=True)
    os.close(follower)
    seen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:                              # the child closed its end
            break
        if not chunk:
            break
        seen += chunk
    assert p.wait(timeout=120) == 0
    os.close(leader)
    text = seen.decode("utf-8")
    for i, (zh, en) in enumerate((("文件完整性", "file integrity"), ("变更日志", "change log"), ("字段取值", "field values"),
                                  ("跨机构引用", "references to other offices"), ("检索索引", "search index")), 1):
        assert f"检查中（{i}/6）：{zh}… / checking ({i}/6): {en}…" in text, text
    assert "检查通过" in text.rsplit("\x1b[K", 1)[-1], text                # the result after the cleared line
    piped = subprocess.run([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                           capture_output=True, text=True, encoding="utf-8", cwd=ROOT, timeout=120)
    assert piped.returncode == 0 and piped.stderr == "" and "检查中" not in piped.stdout
