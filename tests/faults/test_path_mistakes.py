"""Paths a clerk gets wrong at the command line: a file where a folder should be, a folder where a file
should be, a backup broken in copying. Each is said in words (Chinese, then English), never as the
system's own text ("File exists", "database disk image is malformed"), and nothing is changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIAISON_DESK_BACKUP_PASSPHRASE": "路径试验 path trial passphrase"}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env)


def _chinese_part(stderr: str) -> str:
    assert "Traceback" not in stderr and "内部错误" not in stderr, stderr
    return stderr.split(" / ")[0]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_backup_to_a_file_instead_of_a_folder_says_so(demo_db_path, tmp_path):
    afile = tmp_path / "stick"
    afile.write_text("not a folder")
    for extra in ((), ("--no-encrypt",)):
        p = _cli("backup", "--db", demo_db_path, "--to", afile, *extra)
        assert p.returncode == 1
        zh = _chinese_part(p.stderr)
        assert "是一个文件，不是文件夹" in zh and "is a file, not a folder" in p.stderr
        assert "File exists" not in p.stderr
    assert afile.read_text() == "not a folder"


def test_restoring_a_folder_or_a_broken_backup_says_what_is_wrong_and_changes_nothing(demo_db_path, tmp_path):
    before = _digest(demo_db_path)
    p = _cli("restore", tmp_path, "--db", demo_db_path)
    assert p.returncode == 1
    assert "是一个文件夹，不是备份文件" in _chinese_part(p.stderr)
    assert _cli("backup", "--db", demo_db_path, "--to", tmp_path / "kept", "--no-encrypt").returncode == 0
    kept = next((tmp_path / "kept").glob("*.sqlite3"))
    broken = tmp_path / "broken.sqlite3"
    data = kept.read_bytes()
    broken.write_bytes(data[: len(data) // 3])                # a copy cut short
    p = _cli("restore", broken, "--db", demo_db_path)
    assert p.returncode == 1
    zh = _chinese_part(p.stderr)
    assert "备份文件已损坏" in zh and "malformed" not in zh and "请选择另一个备份" in zh
    assert _digest(demo_db_path) == before


def test_minutes_into_a_folder_that_is_a_file_says_so(demo_db_path, tmp_path):
    from db.database import open_database
    db = open_database(demo_db_path)
    meeting = db.execute("SELECT id FROM meeting WHERE state = 'final' LIMIT 1").fetchone()[0]
    db.conn.close()
    afile = tmp_path / "afile"
    afile.write_text("x")
    p = _cli("minutes", meeting, "--db", demo_db_path, "--out", afile / "m.pdf")
    assert p.returncode == 1
    assert "是一个文件，不是文件夹" in _chinese_part(p.stderr)
    adir = tmp_path / "minutes.pdf"
    adir.mkdir()
    p = _cli("minutes", meeting, "--db", demo_db_path, "--out", adir)     # a folder: the PDF goes into it
    assert p.returncode == 0, p.stderr


def _device(path: Path, minor: int) -> Path:
    """A character device like /dev/null (minor 3) or /dev/full (minor 7), made in the test's own folder so
    that a program that replaces it harms nothing; only root may make one."""
    import stat

    import pytest
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, minor))
    except (OSError, AttributeError):
        pytest.skip("making a device file needs root")
    return path


def _still_a_device(path: Path) -> bool:
    import stat
    return path.exists() and stat.S_ISCHR(os.lstat(path).st_mode)


def test_a_device_given_as_the_database_is_refused_and_left_in_place(demo_db_path, tmp_path):
    null = _device(tmp_path / "null", 3)
    for command in ("check", "peers", "init"):
        p = _cli(command, "--db", null)
        assert p.returncode == 1, (command, p.stdout)
        assert "不是普通文件（是设备或管道）" in _chinese_part(p.stderr) and "not a regular file" in p.stderr
        assert _still_a_device(null), f"{command} removed or replaced the device"    # it used to delete /dev/null


def test_a_device_given_as_the_output_file_is_refused_and_left_in_place(demo_db_path, tmp_path):
    full, roster = _device(tmp_path / "full", 7), _device(tmp_path / "roster.xlsx", 7)
    for args, device in ((("dump", "--out", full), full), (("export", "members", "--out", roster), roster)):
        p = _cli(*args, "--db", demo_db_path)
        assert p.returncode == 1, p.stdout          # it said "written" and had put a file where /dev/full was
        assert "不是普通文件（是设备或管道）" in _chinese_part(p.stderr) and "not a regular file" in p.stderr
        assert _still_a_device(device)
    assert not list(tmp_path.glob("*.part"))


def test_an_empty_database_file_is_refused_not_made_into_a_new_one(tmp_path):
    empty = tmp_path / "liaison-desk.sqlite3"
    empty.write_bytes(b"")                  # a copy onto a stick cut short
    for command in ("check", "peers", "backup"):
        p = _cli(command, "--db", empty)
        assert p.returncode == 1, (command, p.stdout)    # check said "passed: 0 rows", peers showed a new key
        zh = _chinese_part(p.stderr)
        assert "是空的（0 字节）" in zh and "restore" in zh and "is empty (0 bytes)" in p.stderr
    assert empty.stat().st_size == 0
    assert sorted(f.name for f in tmp_path.iterdir()) == ["liaison-desk.sqlite3"]    # no key file, no -wal
    p = _cli("init", "--db", empty)              # making a database in it on purpose still works
    assert p.returncode == 0, p.stderr


def test_a_database_cut_short_in_copying_is_said_to_be_damaged_with_the_way_out(demo_db_path, tmp_path):
    """A database copied off a stick that was pulled out too soon: it said "请检查这个文件和它所在的磁盘 / database
    disk image is malformed", neither that the file is damaged nor what to do."""
    data = demo_db_path.read_bytes()
    cut = tmp_path / "liaison-desk.sqlite3"
    cut.write_bytes(data[: len(data) // 40])
    for command in ("check", "backup", "peers"):
        p = _cli(command, "--db", cut)
        assert p.returncode == 1, (command, p.stdout)
        zh = _chinese_part(p.stderr)
        assert "已损坏" in zh and "restore" in zh and "malformed" not in p.stderr, p.stderr
        assert "is damaged" in p.stderr and "Restore the latest backup" in p.stderr
    assert cut.read_bytes() == data[: len(data) // 40]
    assert sorted(f.name for f in tmp_path.iterdir()) == ["data", "liaison-desk.sqlite3"]


def test_a_dump_never_writes_over_the_database_or_another_file(demo_db_path, tmp_path):
    """`dump --out liaison-desk.sqlite3` (a slip of the tab key) replaced the whole database with its JSON, and
    `dump --out 名册.xlsx` any other file; only an earlier dump is written over now."""
    before = _digest(demo_db_path)
    for out in (demo_db_path, Path(f"{demo_db_path}.keys"), Path(f"{demo_db_path}-wal")):
        p = _cli("dump", "--db", demo_db_path, "--out", out)
        assert p.returncode == 1, p.stdout
        assert "是数据库文件本身" in _chinese_part(p.stderr) and "is the database itself" in p.stderr
    assert _digest(demo_db_path) == before
    assert not Path(f"{demo_db_path}.keys").exists() or Path(f"{demo_db_path}.keys").read_bytes()[:1] != b"{"
    roster = tmp_path / "名册.xlsx"
    roster.write_bytes(b"PK\x03\x04 a workbook")
    p = _cli("dump", "--db", demo_db_path, "--out", roster)
    assert p.returncode == 1 and "不是之前导出的内容" in _chinese_part(p.stderr) and "not an earlier dump" in p.stderr
    assert roster.read_bytes() == b"PK\x03\x04 a workbook"
    dump = tmp_path / "dump.json"
    for _ in range(2):                      # an earlier dump is written over
        p = _cli("dump", "--db", demo_db_path, "--out", dump)
        assert p.returncode == 0, p.stderr
    assert dump.read_bytes().startswith(b'{"format":') and _digest(demo_db_path) == before


def test_a_setup_file_onto_a_file_or_a_device_without_a_suffix_is_named_as_such(demo_db_path, tmp_path):
    """`setup-file --out <a file or a device>` said "[Errno 17] File exists: '…'" in the English half."""
    afile = tmp_path / "南明区安装"
    afile.write_text("not a folder")
    dev = _device(tmp_path / "stick", 7)
    for given, zh, en in ((afile, "是一个文件，不是文件夹", "is a file, not a folder"),
                          (dev, "是设备或管道，不是文件夹", "is a device or a pipe, not a folder")):
        p = _cli("setup-file", "--db", demo_db_path, "--office", "520102", "--out", given)
        assert p.returncode == 1, p.stdout
        assert f"“{given}”{zh}" in _chinese_part(p.stderr) and en in p.stderr, p.stderr
        assert "Errno" not in p.stderr and "File exists" not in p.stderr, p.stderr
    assert afile.read_text() == "not a folder" and _still_a_device(dev)


def test_a_missing_roster_file_is_said_without_the_systems_text(demo_db_path, tmp_path):
    p = _cli("import", "members", tmp_path / "名册.xlsx", "--db", demo_db_path)
    assert p.returncode == 1
    assert "文件或文件夹不存在" in _chinese_part(p.stderr) and "no such file or folder" in p.stderr, p.stderr
    assert "Errno" not in p.stderr and "No such file or directory" not in p.stderr, p.stderr
