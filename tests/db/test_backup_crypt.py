"""A backup written outside the data folder (a USB stick) is encrypted with a passphrase the person
chooses; restoring it asks for the passphrase; a wrong one, a file cut short or a hostile header
change nothing. The command line is run as a person runs it (a child process)."""

from __future__ import annotations

import os
import struct
import subprocess
import sys

import pytest

from db import backup_crypt
from db.backup import backup, list_backups, restore
from db.database import open_database
from db.errors import DatabaseProblem
from db.offices import create_city
from db.write import writing

NAME = "龙腾测试委员"
PASS = "青山绿水-2026"


def run(home, *args, passphrase=PASS):
    env = dict(os.environ, LIAISON_DESK_HOME=str(home))
    env.pop(backup_crypt.ENV_PASSPHRASE, None)
    if passphrase is not None:
        env[backup_crypt.ENV_PASSPHRASE] = passphrase
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.fixture
def office(tmp_path):
    home = tmp_path / "home"
    db = open_database(home / "liaison-desk.sqlite3")
    city = create_city(db, "贵阳市政协")
    with writing(db) as w:
        w.insert("member", {"name": NAME, "sex": "F", "phone": "13912345678"}, office_id=city)
    db.conn.close()
    return home


def _names(home):
    db = open_database(home / "liaison-desk.sqlite3")
    try:
        return [r[0] for r in db.execute("SELECT name FROM member ORDER BY name")]
    finally:
        db.conn.close()


def _rename(home, new):
    db = open_database(home / "liaison-desk.sqlite3")
    try:
        mid = db.execute("SELECT id FROM member WHERE name = ?", [NAME]).fetchone()[0]
        with writing(db) as w:
            w.update("member", mid, {"name": new})
    finally:
        db.conn.close()


def test_backup_to_a_stick_is_encrypted_and_restores_with_its_passphrase(office, tmp_path):
    stick = tmp_path / "stick"
    p = run(office, "backup", "--to", stick)
    assert p.returncode == 0, p.stderr
    assert "已加密备份到" in p.stdout
    [made] = list(stick.iterdir())
    assert made.name.endswith(".sqlite3.enc")
    data = made.read_bytes()
    assert data.startswith(backup_crypt.MAGIC)
    assert b"SQLite format 3" not in data
    assert NAME.encode() not in data and b"13912345678" not in data and "贵阳".encode() not in data
    assert not list((office / "backups").glob("*.part")) and not list(stick.glob("*.part"))
    listing = run(office, "backup", "--to", stick, "--list")
    assert "加密/encrypted" in listing.stdout

    _rename(office, "改过的名字")
    p = run(office, "restore", made)
    assert p.returncode == 0, p.stderr
    assert _names(office) == [NAME]
    assert not list(office.glob("*.part"))


def test_a_wrong_passphrase_or_none_changes_nothing(office, tmp_path):
    stick = tmp_path / "stick"
    assert run(office, "backup", "--to", stick).returncode == 0
    [made] = list(stick.iterdir())
    _rename(office, "改过的名字")
    before = sorted(p.name for p in (office / "backups").iterdir()) if (office / "backups").exists() else []
    p = run(office, "restore", made, passphrase="青山绿水-2025")
    assert p.returncode == 1 and "备份口令不正确" in p.stderr and "wrong passphrase" in p.stderr
    p = run(office, "restore", made, passphrase=None)           # no terminal, no environment
    assert p.returncode == 1 and "加密" in p.stderr
    assert _names(office) == ["改过的名字"]
    after = sorted(p.name for p in (office / "backups").iterdir()) if (office / "backups").exists() else []
    assert after == before                  # not even a safety copy: refused before anything
    assert not list(office.glob("*.part"))


def test_the_passphrase_is_read_the_same_from_a_chinese_input_method(office, tmp_path):
    stick = tmp_path / "stick"
    assert run(office, "backup", "--to", stick, passphrase="ＡＢＣＤ１２３４").returncode == 0   # full-width
    [made] = list(stick.iterdir())
    assert run(office, "restore", made, passphrase="ABCD1234").returncode == 0


def test_a_backup_cut_short_is_refused_and_nothing_is_replaced(office, tmp_path):
    db = open_database(office / "liaison-desk.sqlite3")
    try:
        made = backup(db, db.path, folder=tmp_path / "stick", passphrase=PASS)
        data = made.read_bytes()
        for cut in (len(data) - 1, len(data) - 17, 53 + 10, 40):
            short = tmp_path / f"short-{cut}.sqlite3.enc"
            short.write_bytes(data[:cut])
            with pytest.raises(DatabaseProblem) as exc:
                restore(db, db.path, short, passphrase=PASS)
            assert exc.value.code == "corrupt_backup" and "不完整" in exc.value.message_zh
        p = run(office, "restore", tmp_path / f"short-{len(data) - 1}.sqlite3.enc")
        assert p.returncode == 1 and "损坏或不完整" in p.stderr
        assert [r[0] for r in db.execute("SELECT name FROM member")] == [NAME]
        assert not list(office.glob("*.part"))
    finally:
        db.conn.close()


def test_a_multi_chunk_file_round_trips_and_a_swapped_chunk_is_refused(tmp_path):
    src = tmp_path / "plain"
    src.write_bytes(os.urandom((1 << 20) * 2 + 12345))
    enc = tmp_path / "enc"
    with open(enc, "wb") as fh:
        backup_crypt.encrypt_file(src, fh, PASS)
    backup_crypt.decrypt_file(enc, tmp_path / "back", PASS)
    assert (tmp_path / "back").read_bytes() == src.read_bytes()
    data = enc.read_bytes()
    head, size = 53, (1 << 20) + 16
    swapped = data[:head] + data[head + size:head + 2 * size] + data[head:head + size] + data[head + 2 * size:]
    (tmp_path / "swapped").write_bytes(swapped)
    with pytest.raises(DatabaseProblem) as exc:
        backup_crypt.decrypt_file(tmp_path / "swapped", tmp_path / "out", PASS)
    assert exc.value.code == "corrupt_backup" and not (tmp_path / "out").exists()
    exact = tmp_path / "exact"                  # a file that ends on a chunk boundary
    exact.write_bytes(b"x" * (1 << 20))
    with open(enc, "wb") as fh:
        backup_crypt.encrypt_file(exact, fh, PASS)
    backup_crypt.decrypt_file(enc, tmp_path / "back2", PASS)
    assert (tmp_path / "back2").read_bytes() == exact.read_bytes()


def test_hostile_kdf_parameters_are_refused_before_deriving(tmp_path, monkeypatch):
    derived = []
    monkeypatch.setattr(backup_crypt, "_key", lambda *a: derived.append(a))
    for log2n, r, p in ((30, 8, 1), (17, 64, 1), (17, 8, 16)):
        f = tmp_path / f"hostile-{log2n}-{r}-{p}"
        f.write_bytes(struct.pack(">8sBBBBBB16s7s", backup_crypt.MAGIC, 1, 1, log2n, r, p, 20, b"s" * 16, b"n" * 7)
                      + b"\0" * 100)
        with pytest.raises(DatabaseProblem) as exc:
            backup_crypt.decrypt_file(f, tmp_path / "out", PASS)
        assert exc.value.code == "corrupt_backup"
    newer = tmp_path / "newer"
    newer.write_bytes(struct.pack(">8sBBBBBB16s7s", backup_crypt.MAGIC, 2, 1, 17, 8, 1, 20, b"s" * 16, b"n" * 7))
    with pytest.raises(DatabaseProblem) as exc:
        backup_crypt.decrypt_file(newer, tmp_path / "out", PASS)
    assert exc.value.code == "newer_backup" and "更新版本" in exc.value.message_zh
    assert derived == []


def test_no_encrypt_says_plainly_what_is_in_clear(office, tmp_path):
    stick = tmp_path / "stick"
    p = run(office, "backup", "--to", stick, "--no-encrypt", passphrase=None)
    assert p.returncode == 0
    assert "未加密" in p.stderr and "个人信息" in p.stderr and "NOT encrypted" in p.stderr
    [made] = list(stick.iterdir())
    assert made.read_bytes().startswith(b"SQLite format 3")


def test_a_short_passphrase_and_no_passphrase_are_refused(office, tmp_path):
    stick = tmp_path / "stick"
    p = run(office, "backup", "--to", stick, passphrase="1234")
    assert p.returncode == 1 and "口令太短" in p.stderr
    p = run(office, "backup", "--to", stick, passphrase=None)
    assert p.returncode == 1 and "LIAISON_DESK_BACKUP_PASSPHRASE" in p.stderr and "--no-encrypt" in p.stderr
    assert not stick.exists() or not list(stick.iterdir())


def test_backups_in_the_data_folder_stay_plain_sqlite(office):
    p = run(office, "backup", passphrase=None)
    assert p.returncode == 0
    [b] = list_backups(office / "backups")
    assert not b.encrypted and b.path.read_bytes().startswith(b"SQLite format 3")


def test_a_backup_that_cannot_be_read_is_told_in_chinese_words(tmp_path):
    """"无法读取或解密备份：Is a directory" carried the system's English; the reason is now said in Chinese (and
    the system's text stays in the English half)."""
    import re
    folder = tmp_path / "backup.ldbak"
    folder.mkdir()
    with pytest.raises(DatabaseProblem) as exc:
        backup_crypt.decrypt_file(folder, tmp_path / "out.sqlite3", PASS)
    zh = exc.value.message("zh")
    assert zh.startswith("无法读取或解密备份：") and "文件夹" in zh and not re.search(r"[A-Za-z]{3,}", zh), zh
    assert "it is a folder, not a file" in exc.value.message("en")
