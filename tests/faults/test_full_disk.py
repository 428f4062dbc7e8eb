"""A full disk (a small tmpfs mounted for the test) during a save, a sync export, a minutes PDF and a
backup: a clear message in Chinese and English, nothing half-written under its final name, the data as
it was, and the next try works once there is space again. Needs root to mount (skipped otherwise)."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT / "tests" / "minutes"))

from db.check import check_database  # noqa: E402
from db.database import open_database  # noqa: E402
from db.sync.dump import dump_text  # noqa: E402
from db.write import writing  # noqa: E402


def _cli(*args) -> subprocess.CompletedProcess:
    env = {**os.environ, "LIAISON_DESK_BACKUP_PASSPHRASE": "故障试验 fault trial passphrase"}   # a stick's backup
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                          timeout=180, cwd=ROOT, env=env)


def _clear_message(stderr: str) -> None:
    assert "Traceback" not in stderr and "内部错误" not in stderr, stderr
    assert "空间" in stderr and "space" in stderr.lower(), stderr


def test_save_on_a_full_disk_is_refused_whole_and_works_with_space_again(small_fs):
    path = small_fs.path / "data" / "liaison-desk.sqlite3"
    assert _cli("init", "--db", path).returncode == 0
    db = open_database(path)
    before = dump_text(db)
    office = db.execute("SELECT id FROM office LIMIT 1").fetchone()
    rows = [{"subject_table": "follow_up", "subject_id": f"s{i}", "at": "2026-05-01T10:00",
             "note": "群众反映强烈需要跟进" * 40} for i in range(3000)]
    small_fs.fill()
    with pytest.raises(Exception) as caught, writing(db) as w:
        w.insert_many("state_event", rows, office_id=office[0] if office else None)
    assert "full" in str(caught.value).lower()
    from desktop.errors_ui import explain
    code, message = explain(caught.value, "en")
    # the words come through Qt's translation: Chinese when an earlier test installed the zh_CN translator
    assert code == "disk_full" and ("full" in message or "磁盘已满" in message)
    assert dump_text(db) == before                 # nothing of the refused save
    small_fs.free()
    assert check_database(db).ok
    with writing(db) as w:
        w.insert_many("state_event", rows, office_id=office[0] if office else None)
    assert db.execute("SELECT count(*) FROM state_event").fetchone()[0] == 3000
    db.conn.close()


def test_backup_to_a_full_stick(small_fs, demo_db_path):
    stick = small_fs.path / "backups"
    small_fs.fill(room=64 * 1024)
    p = _cli("backup", "--db", demo_db_path, "--to", stick)
    assert p.returncode == 1
    _clear_message(p.stderr)
    assert small_fs.names() == set()               # no backup, whole or part (encrypted on a stick: .enc)
    small_fs.free()
    p = _cli("backup", "--db", demo_db_path, "--to", stick)
    assert p.returncode == 0, p.stderr
    written = small_fs.names()
    assert len(written) == 1 and written.pop().endswith((".sqlite3", ".sqlite3.enc"))
    assert not list(demo_db_path.parent.rglob("*.part"))   # nor the clear copy made for the encryption


@pytest.mark.parametrize("encrypt", [True, False], ids=["encrypted", "clear"])
def test_a_stick_with_room_for_the_data_but_not_the_attachment_files(small_fs, demo_db_path, tmp_path, encrypt):
    """A stick backup carries the attachment files: the stick fills while they are added (clear: into the
    copy on the stick; encrypted: while the encrypted file is written) and nothing is left on it."""
    import random

    from db.attachments import add_attachment
    db = open_database(demo_db_path)
    meeting = db.execute("SELECT id FROM meeting WHERE deleted = 0 AND state = 'final' LIMIT 1").fetchone()[0]
    scan = tmp_path / "签字纪要.pdf"
    scan.write_bytes(random.Random(3).randbytes(8 * 1024 * 1024))
    add_attachment(db, "meeting", meeting, scan, kind="signed_minutes")
    db.conn.close()
    stick = small_fs.path / "backups"
    small_fs.fill(room=9 * 1024 * 1024)             # the data (about 4 MB) fits, the scan with it does not
    flags = [] if encrypt else ["--no-encrypt"]
    p = _cli("backup", "--db", demo_db_path, "--to", stick, *flags)
    assert p.returncode == 1, p.stdout
    _clear_message(p.stderr)
    assert small_fs.names() == set()
    small_fs.free()
    p = _cli("backup", "--db", demo_db_path, "--to", stick, *flags)
    assert p.returncode == 0, p.stderr
    [written] = [p for p in stick.iterdir()]
    if not encrypt:
        from db.backup import carried_attachments
        assert carried_attachments(written) >= 1
    assert not list(demo_db_path.parent.rglob("*.part"))


def test_minutes_pdf_to_a_full_stick(small_fs, tmp_path):
    import minutes_samples as samples
    db_path = tmp_path / "m.sqlite3"
    ids = samples.build_database(db_path)
    out = small_fs.path / "纪要.pdf"
    small_fs.fill(room=8 * 1024)
    p = _cli("minutes", ids["meeting"], "--db", db_path, "--out", out)
    assert p.returncode == 1
    _clear_message(p.stderr)
    assert small_fs.names() == set()
    small_fs.free()
    p = _cli("minutes", ids["meeting"], "--db", db_path, "--out", out)
    assert p.returncode == 0, p.stderr
    assert out.read_bytes().startswith(b"%PDF") and small_fs.names() == {"纪要.pdf"}


def test_sync_export_to_a_full_stick(small_fs, tmp_path):
    from syncnet import CODES, build_network

    from db.errors import LiaisonError
    from db.sync.export import export_package
    root = tmp_path / "net"
    build_network(root)
    db = open_database(root / "T1" / "liaison-desk.sqlite3")
    before = dump_text(db)
    small_fs.fill(room=1024)
    with pytest.raises(LiaisonError) as caught:
        export_package(db, CODES["D1"], small_fs.path)
    assert caught.value.code == "disk_full"
    assert "磁盘空间不足" in caught.value.message_zh and "space" in caught.value.message_en
    assert small_fs.names() == set() and dump_text(db) == before and check_database(db).ok
    small_fs.free()
    res = export_package(db, CODES["D1"], small_fs.path)
    assert res.path.is_file() and [n for n in small_fs.names()] == [res.path.name]
    with contextlib.suppress(Exception):
        db.conn.close()
    shutil.rmtree(root, ignore_errors=True)


def test_sync_import_on_a_full_disk(small_fs, tmp_path):
    """The receiving database on a full disk: with no room even to open it, and with room to open it but
    not for the import, the command says the disk is full, the database is as before, and with space
    again the same package imports."""
    from syncnet import Net, build_network, state_of
    root = tmp_path / "net"
    build_network(root)
    net = Net(root)
    with writing(net.db("T1")) as w:
        w.insert_many("state_event", [{"subject_table": "follow_up", "subject_id": f"s{i}", "at": "2026-05-01T10:00",
                                       "note": f"第{i}次督办记录，群众反映强烈需要跟进" * 8} for i in range(4000)],
                      office_id=net.office("T1"))
    pkg = net.export("T1", "D1", tmp_path / "stick")
    net.close()
    shutil.copytree(root / "D1", small_fs.path / "D1")
    d1 = small_fs.path / "D1" / "liaison-desk.sqlite3"
    db = open_database(d1)
    before = state_of(db)
    db.conn.close()
    for room in (0, 256 * 1024):
        small_fs.fill(room)
        p = _cli("import-sync", "--db", d1, pkg)
        assert p.returncode == 1, p.stdout
        _clear_message(p.stderr)
        assert "磁盘" in p.stderr and "disk" in p.stderr, p.stderr
        small_fs.free()
        db = open_database(d1)
        assert state_of(db) == before and check_database(db).ok
        db.conn.close()
    p = _cli("import-sync", "--db", d1, pkg)
    assert p.returncode == 0, p.stderr
    db = open_database(d1)
    assert db.execute("SELECT count(*) FROM state_event WHERE note LIKE '第%次督办记录%'").fetchone()[0] == 4000
    db.conn.close()


def test_roster_export_to_a_full_stick_says_so_and_nothing_else(small_fs, demo_db_path):
    """The message was right, then the terminal got "Exception ignored in ZipFile.__del__ … seek of closed
    file" from the workbook's zip left open."""
    stick = small_fs.path / "out"
    stick.mkdir()
    small_fs.fill(room=4 * 1024)
    p = _cli("export", "members", "--db", demo_db_path, "--out", stick / "名册.xlsx")
    assert p.returncode == 1
    _clear_message(p.stderr)
    assert "Exception ignored" not in p.stderr and "seek of closed file" not in p.stderr, p.stderr
    assert small_fs.names() == set()


def test_a_batch_of_minutes_filling_the_stick_says_how_many_were_written(small_fs, demo_db_path):
    """Found walking: a folder of minutes that filled the stick after some of them said only "not enough
    space to write X": the files already there looked like the whole batch."""
    import re
    out = small_fs.path / "纪要"
    small_fs.fill(room=200 * 1024)          # two or so of the demo's PDFs
    p = _cli("minutes", "--from", "2020-01-01", "--to", "2030-12-31", "--db", demo_db_path, "--out", f"{out}/")
    assert p.returncode == 1
    _clear_message(p.stderr)
    written = sorted(f.name for f in out.iterdir())
    assert written and all(name.endswith(".pdf") for name in written)             # whole files only, no .part
    assert all((out / name).read_bytes().rstrip().endswith(b"%%EOF") for name in written)
    said = re.search(r"此前已写入 (\d+) 份完整的纪要（最后一份：(.+?)），其余 (\d+) 份未写入", p.stderr)
    assert said, p.stderr
    assert int(said[1]) == len(written) and said[2] == written[-1]
    assert f"{len(written)} whole minutes were written before it" in p.stderr


def test_a_set_up_from_a_setup_file_on_a_full_disk_leaves_nothing_behind(small_fs, tmp_path):
    """`init --from-setup` on a disk that filled part-way left an empty liaison-desk.sqlite3, its .keys file and
    the attachment files the setup file carried: the retry worked, but a clerk looking at the folder saw data."""
    city = tmp_path / "city" / "liaison-desk.sqlite3"          # the demo with its attachment files
    assert _cli("demo", "--size", "township", "--seed", "1", "--db", city).returncode == 0
    setup = tmp_path / "南明区.ldsetup"
    p = _cli("setup-file", "--db", city, "--office", "520102", "--out", setup)
    assert p.returncode == 0, p.stderr
    passcode = next(line.split(":", 1)[1].strip() for line in p.stdout.splitlines() if "passcode:" in line)
    target = small_fs.path / "data" / "liaison-desk.sqlite3"
    for room in (300_000, 2_000_000):        # full while the attachment files are written; while the rows are
        small_fs.fill(room=room)
        p = _cli("init", "--from-setup", setup, "--passcode", passcode, "--db", target)
        assert p.returncode == 1, p.stdout
        _clear_message(p.stderr)
        assert small_fs.names() == set(), (room, small_fs.names())      # no file nor folder of the set-up
        small_fs.free()
    p = _cli("init", "--from-setup", setup, "--passcode", passcode, "--db", target)
    assert p.returncode == 0, p.stderr
    assert "南明区政协 (520102)" in p.stdout and "附件文件 3 个" in p.stdout, p.stdout
