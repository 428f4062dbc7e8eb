"""A backup on a USB stick carries the attachment files (scanned sign-in sheets, photos, signed minutes):
the office whose computer's disk died restores it on a new one, from the command line as a child process,
and every record opens its file again, byte for byte. An encrypted backup carries them too; a file damaged
on the old computer is said and the backup still completes; a backup made before backups carried them
(without the table) restores as it always did; the restored data holds no trace of the carrier."""

from __future__ import annotations

import gzip
import os
import random
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from db.attachments import add_attachment, attachment_file, blob_path
from db.backup import CARRIER, carried_attachments, make_backup, restore
from db.database import open_database
from db.demo import store_placeholder_blobs

ROOT = Path(__file__).resolve().parents[2]
PASSPHRASE = "Shan-Gao-2026-lianluo"
SCAN = random.Random(7).randbytes(3_000_000)         # a signed minutes scan of 3 MB


def cli(*args, passphrase: str | None = PASSPHRASE) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "LIAISON_DESK_BACKUP_PASSPHRASE"}
    if passphrase:
        env["LIAISON_DESK_BACKUP_PASSPHRASE"] = passphrase
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=180, cwd=ROOT, env=env)
    assert "Traceback" not in p.stderr, p.stderr
    return p


@pytest.fixture
def office(demo_db_path, tmp_path):
    """The office's old computer: the demo data with its attachment files, and a signed minutes scan."""
    db = open_database(demo_db_path)
    try:
        store_placeholder_blobs(db)
        meeting = db.execute("SELECT id FROM meeting WHERE deleted = 0 AND state = 'final' LIMIT 1").fetchone()[0]
        scan = tmp_path / "签字纪要.pdf"
        scan.write_bytes(SCAN)
        att = add_attachment(db, "meeting", meeting, scan, kind="signed_minutes")
        shas = {r[0] for r in db.execute("SELECT DISTINCT sha256 FROM attachment")}
    finally:
        db.conn.close()
    return {"path": demo_db_path, "attachment": att, "shas": shas}


def only_backup(folder: Path) -> Path:
    [made] = [p for p in folder.iterdir() if p.name.startswith("liaison-desk-")]
    return made


@pytest.mark.parametrize("encrypted", [True, False], ids=["encrypted", "clear"])
def test_a_backup_on_a_stick_brings_the_attachment_files_back_on_a_new_computer(office, tmp_path, encrypted):
    stick = tmp_path / "U盘"
    p = cli("backup", "--db", office["path"], "--to", stick, *([] if encrypted else ["--no-encrypt"]),
            passphrase=PASSPHRASE if encrypted else None)
    assert p.returncode == 0, p.stderr
    n = len(office["shas"])
    assert f"附件文件 {n} 个" in p.stdout and f"{n} attachment file(s)" in p.stdout, p.stdout
    made = only_backup(stick)
    assert made.name.endswith(".enc") == encrypted
    if encrypted:
        assert SCAN[:4096] not in made.read_bytes()            # the scan is encrypted with the rest
    else:
        assert carried_attachments(made) == n
        assert f"[附件 {n} 个/{n} attachment files]" in cli("backup", "--db", office["path"], "--to", stick,
                                                            "--list").stdout

    new = tmp_path / "新电脑" / "liaison-desk.sqlite3"             # the replacement computer's data folder
    p = cli("restore", "--db", new, made)
    assert p.returncode == 0, p.stderr
    assert f"备份中含附件文件 {n} 个，写回附件文件夹 {n} 个" in p.stdout, p.stdout
    db = open_database(new)
    try:
        path = attachment_file(db, office["attachment"])         # the record opens its file again
        assert path.read_bytes() == SCAN
        for sha in office["shas"]:
            assert blob_path(db, sha).read_bytes() == blob_path(open_database(office["path"]), sha).read_bytes()
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [CARRIER]).fetchone()
    finally:
        db.conn.close()
    assert new.stat().st_size < made.stat().st_size - len(SCAN) // 2     # the carrier's room is not kept
    assert cli("check", "--db", new).returncode == 0
    assert cli("dump", "--db", new).stdout == cli("dump", "--db", office["path"]).stdout
    assert not [p for p in new.parent.rglob("*") if p.name.endswith(".part")]


def test_a_damaged_attachment_file_is_said_and_the_backup_still_completes(office, tmp_path):
    db = open_database(office["path"])
    try:
        damaged = attachment_file(db, office["attachment"])
    finally:
        db.conn.close()
    data = bytearray(damaged.read_bytes())
    data[1000:1010] = b"0123456789"                              # a failing disk changed some bytes
    damaged.write_bytes(bytes(data))
    stick = tmp_path / "U盘"
    p = cli("backup", "--db", office["path"], "--to", stick, "--no-encrypt", passphrase=None)
    assert p.returncode == 0, p.stderr
    assert "签字纪要.pdf" in p.stderr and "损坏" in p.stderr and "damaged" in p.stderr, p.stderr
    n = len(office["shas"])
    assert f"附件文件 {n - 1} 个" in p.stdout and "1 个附件文件没能放入备份" in p.stdout, p.stdout
    made = only_backup(stick)
    assert carried_attachments(made) == n - 1                    # the damaged bytes are not carried

    new = tmp_path / "新电脑" / "liaison-desk.sqlite3"
    assert cli("restore", "--db", new, made).returncode == 0
    db = open_database(new)
    try:
        assert not blob_path(db, damaged.name).exists()          # never damaged bytes under the file's name
        assert all(blob_path(db, s).is_file() for s in office["shas"] - {damaged.name})
    finally:
        db.conn.close()


def test_a_restore_writes_back_only_the_files_missing_or_different(office, tmp_path):
    db = open_database(office["path"])
    try:
        result = make_backup(db, office["path"], folder=tmp_path / "U盘")
        assert result.carries_attachments and result.attachments == len(office["shas"]) and not result.problems
        assert result.attachment_bytes > len(SCAN)
        scan = attachment_file(db, office["attachment"])
        others = [blob_path(db, s) for s in office["shas"] if s != scan.name]
        scan.write_bytes(b"not the scan")                        # damaged since the backup
        others[0].unlink()                                       # lost since the backup
        untouched = others[1].stat().st_mtime_ns
        os.utime(others[1], ns=(untouched - 10**9, untouched - 10**9))
        told: list = []
        restore(db, office["path"], result.path, attachments=lambda *n: told.extend(n))
        assert told == [len(office["shas"]), 2]
        assert scan.read_bytes() == SCAN and others[0].is_file()
        assert others[1].stat().st_mtime_ns == untouched - 10**9     # whole and right: not written again
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name = ?", [CARRIER]).fetchone()
    finally:
        db.conn.close()


def test_a_backup_made_before_backups_carried_attachments_restores_as_before(office, tmp_path):
    """A stick backup without the table (the code before wrote a scrubbed copy and nothing else), and the
    database the previous release made (tests/fixtures), restore on a new computer."""
    db = open_database(office["path"])
    try:
        made = make_backup(db, office["path"], folder=tmp_path / "U盘").path
    finally:
        db.conn.close()
    with sqlite3.connect(made) as conn:
        conn.execute(f"DROP TABLE {CARRIER}")
    sqlite3.connect(made).execute("VACUUM")
    older = tmp_path / "liaison-desk-20261120-080000-manual.sqlite3"
    with gzip.open(ROOT / "tests" / "fixtures" / "township-0.1.0.sqlite3.gz") as src, open(older, "wb") as out:
        shutil.copyfileobj(src, out)
    for i, backup_file in enumerate((made, older)):
        new = tmp_path / f"新电脑{i}" / "liaison-desk.sqlite3"
        p = cli("restore", "--db", new, backup_file)
        assert p.returncode == 0, p.stderr
        assert "附件" not in p.stdout
        assert cli("check", "--db", new).returncode == 0
        assert not (new.parent / "attachments").exists()
    assert cli("dump", "--db", tmp_path / "新电脑0" / "liaison-desk.sqlite3").stdout == \
        cli("dump", "--db", office["path"]).stdout


def test_a_backup_cancelled_while_it_carries_the_files_leaves_nothing(office, tmp_path):
    class Cancelled(Exception):
        pass

    def cancel(done, total):
        if done > 1_000_000:
            raise Cancelled
    stick = tmp_path / "U盘"
    db = open_database(office["path"])
    try:
        for passphrase in (None, PASSPHRASE):
            with pytest.raises(Cancelled):
                make_backup(db, office["path"], folder=stick, passphrase=passphrase, progress=cancel)
            assert [p.name for p in stick.iterdir()] == []
            assert not [p for p in office["path"].parent.rglob("*.part")]
    finally:
        db.conn.close()


def test_a_file_cut_short_or_missing_here_is_told_apart_and_not_carried(office, tmp_path):
    db = open_database(office["path"])
    try:
        scan = attachment_file(db, office["attachment"])
        scan.write_bytes(SCAN[: len(SCAN) // 2])                 # a copy that stopped half way
        lost = blob_path(db, sorted(office["shas"] - {scan.name})[0])
        lost.unlink()
        made = make_backup(db, office["path"], folder=tmp_path / "U盘", passphrase=PASSPHRASE)
        assert made.attachments == len(office["shas"]) - 2
        assert sorted((p.sha256, p.reason) for p in made.problems) == sorted(
            [(scan.name, "damaged"), (lost.name, "missing")])
        zh, en = next(p for p in made.problems if p.reason == "missing").text()
        assert "不在本机" in zh and "not on this computer" in en
        assert made.path.stat().st_size < office["path"].stat().st_size + len(SCAN) // 4    # no room kept for it
    finally:
        db.conn.close()
