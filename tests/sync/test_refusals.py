"""Bad input: each refused with a clear Chinese and English reason, and the database unchanged."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest
from syncnet import state_of

from db import files, schema
from db.sync import export as export_mod
from db.sync.importer import LATER_DIR, import_path
from db.sync.setup import init_from_setup, make_setup_file
from db.sync.simulate import simulate


@pytest.fixture
def pkg(net):
    simulate(net.db("T1"), 20, seed=3)
    return net.export("T1", "D1")


def _refused(net, path, code=None):
    before = state_of(net.db("D1"))
    rep = net.imp("D1", path)
    assert rep.status == "refused", rep.text()
    assert rep.reason_zh and rep.reason_en and rep.reason_zh != rep.reason_en
    if code:
        assert rep.code == code, rep.text()
    assert state_of(net.db("D1")) == before
    return rep


@pytest.mark.parametrize("keep", [0.0, 0.1, 0.5, 0.9, 0.999])
def test_truncated_file(net, pkg, keep):
    data = pkg.read_bytes()
    bad = pkg.with_name("cut.ldsync")
    bad.write_bytes(data[:int(len(data) * keep)])
    _refused(net, bad, "corrupt")
    assert net.imp("D1", pkg).status == "applied"               # the good one still goes in


@pytest.mark.parametrize("where", [0.02, 0.2, 0.4, 0.6, 0.8, 0.95, -1])
def test_any_flipped_byte(net, pkg, where):
    data = bytearray(pkg.read_bytes())
    i = len(data) - 1 if where == -1 else int(len(data) * where)
    data[i] ^= 0x20
    bad = pkg.with_name("flipped.ldsync")
    bad.write_bytes(bytes(data))
    before = state_of(net.db("D1"))
    rep = net.imp("D1", bad)
    if rep.status == "refused":
        assert rep.code == "corrupt" and state_of(net.db("D1")) == before
    else:                       # a byte zip itself ignores (a timestamp): the content was intact
        assert rep.status == "applied"


def test_a_non_package_renamed_ldsync(net, tmp_path):
    for content in (b"", b"hello, this is a text file\n" * 20, b"PK\x03\x04garbage", b"SQLite format 3\x00" + b"\0" * 100):
        bad = tmp_path / "not-a-package.ldsync"
        bad.write_bytes(content)
        rep = _refused(net, bad, "corrupt")
        assert "已损坏" in rep.reason_zh


def test_setup_file_renamed_as_package(net, tmp_path):
    sf = make_setup_file(net.db("D1"), "520102001", tmp_path)
    bad = tmp_path / "x.ldsync"
    sf.path.rename(bad)
    rep = _refused(net, bad, "setup_file")
    assert "这是安装文件，不是同步包" in rep.reason_zh and "已损坏" not in rep.reason_zh


def test_a_setup_file_given_to_import_sync_is_said_to_be_one(net, tmp_path):
    """`import-sync 安装文件_新华路街道.ldsetup` said "the package file is damaged": the clerk asked for the setup
    file again instead of using it to set the new computer up."""
    net.close()
    p = _cli("setup-file", "--db", net.path("D1"), "--office", "520102001", "--out", tmp_path / "stick/")
    assert p.returncode == 0, p.stderr
    setup = next((tmp_path / "stick").glob("*.ldsetup"))
    p = _cli("import-sync", "--db", net.path("T1"), setup)
    assert p.returncode == 1
    assert "这是安装文件，不是同步包" in p.stderr and "init --from-setup" in p.stderr, p.stderr
    assert "this is a setup file, not a sync package" in p.stderr and "damaged" not in p.stderr


def test_newer_app_version_is_refused_and_kept(net, monkeypatch):
    simulate(net.db("T1"), 3, seed=4)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    newer = net.export("T1", "D1")
    monkeypatch.undo()
    rep = _refused(net, newer, "newer_version")
    assert "升级" in rep.reason_zh and "update" in rep.reason_en
    assert rep.kept and (net.path("D1").parent / LATER_DIR / newer.name).is_file()
    monkeypatch.setattr(export_mod, "MIN_READER", 2)
    newer2 = net.export("T1", "D1")
    monkeypatch.undo()
    _refused(net, newer2, "newer_version")


def test_same_package_twice_says_so(net, pkg):
    assert net.imp("D1", pkg).status == "applied"
    before = state_of(net.db("D1"))
    rep = net.imp("D1", pkg)
    assert rep.status == "already" and rep.ok and "已导入过" in rep.text() and "already imported" in rep.text()
    assert state_of(net.db("D1")) == before


def test_part_files_are_ignored(net, pkg, tmp_path):
    folder = tmp_path / "stick"
    folder.mkdir()
    (folder / (pkg.name + ".part")).write_bytes(pkg.read_bytes()[:1000])
    before = state_of(net.db("D1"))
    reps = import_path(net.db("D1"), folder)
    assert all(r.status == "skipped" for r in reps)
    assert state_of(net.db("D1")) == before
    _refused(net, folder / (pkg.name + ".part"), "partial_file")
    (folder / pkg.name).write_bytes(pkg.read_bytes())
    reps = import_path(net.db("D1"), folder)
    assert [r.status for r in reps] == ["applied"]


def test_folder_import_skips_packages_for_other_offices(net, pkg):
    simulate(net.db("T3"), 3, seed=5)
    net.export("T3", "D2")
    reps = import_path(net.db("D1"), pkg.parent)
    assert sorted(r.status for r in reps) == ["applied", "skipped"]


@pytest.mark.parametrize("err,code", [(errno.EROFS, "read_only"), (errno.EACCES, "read_only"),
                                      (errno.ENOSPC, "disk_full")])
@pytest.mark.parametrize("stage", ["write", "fsync", "replace"])
def test_read_only_or_full_target_folder(net, monkeypatch, tmp_path, err, code, stage):
    simulate(net.db("T1"), 5, seed=6)
    out = tmp_path / "stick"
    out.mkdir()
    before = state_of(net.db("T1"))

    def fail(*a, **k):
        raise OSError(err, os.strerror(err))
    if stage == "write":
        monkeypatch.setattr(files, "open", fail, raising=False)     # the .part file cannot be created
    else:
        monkeypatch.setattr(files.os, stage, fail)
    from db.sync.errors import SyncRefused
    with pytest.raises(SyncRefused) as e:
        net.export("T1", "D1", out)
    monkeypatch.undo()
    assert e.value.code == code and e.value.message_zh and e.value.message_en
    assert list(out.iterdir()) == []                               # nothing half-written
    assert state_of(net.db("T1")) == before
    path = net.export("T1", "D1", out)                              # retry works
    assert net.imp("D1", path).status == "applied"


def test_target_that_is_not_a_folder(net, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    from db.sync.errors import SyncRefused
    with pytest.raises(SyncRefused):
        net.export("T1", "D1", blocker / "sub")


def test_setup_file_wrong_passcode_or_damaged(net, tmp_path):
    sf = make_setup_file(net.db("D1"), "520102001", tmp_path)
    from db.sync.errors import SyncRefused
    with pytest.raises(SyncRefused) as e:
        init_from_setup(tmp_path / "new.sqlite3", sf.path, "0000 0000 0000 0000 0000")
    assert e.value.code == "wrong_passcode"
    data = bytearray(sf.path.read_bytes())
    data[len(data) // 2] ^= 1
    bad = tmp_path / "bad.ldsetup"
    bad.write_bytes(bytes(data))
    with pytest.raises(SyncRefused):
        init_from_setup(tmp_path / "new2.sqlite3", bad, sf.passcode)
    with pytest.raises(SyncRefused) as e:                             # not on a database already set up
        init_from_setup(net.path("T2"), sf.path, sf.passcode)
    assert e.value.code == "already_set_up"


def _cli(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_cli_exit_codes_and_one_line_reasons(net, pkg, tmp_path):
    net.close()
    d1 = net.path("D1")
    bad = tmp_path / "bad.ldsync"
    bad.write_bytes(pkg.read_bytes()[:500])
    p = _cli("import-sync", "--db", d1, bad)
    assert p.returncode == 1 and "已损坏" in p.stdout and len(p.stderr.strip().splitlines()) == 1
    p = _cli("import-sync", "--db", d1, pkg)
    assert p.returncode == 0 and "已导入" in p.stdout
    p = _cli("import-sync", "--db", d1, pkg)
    assert p.returncode == 0 and "已导入过" in p.stdout
    p = _cli("export-sync", "--db", d1, "--to", "520102001", "--out", tmp_path / "out")
    assert p.returncode == 0 and list((tmp_path / "out").glob("*.ldsync"))
    p = _cli("export-sync", "--db", d1, "--to", "999999", "--out", tmp_path / "out")
    assert p.returncode == 1 and len(p.stderr.strip().splitlines()) == 1
    p = _cli("trust", "--db", d1, "12345")
    assert p.returncode == 1
    p = _cli("peers", "--db", d1)
    assert p.returncode == 0 and "新华路街道" in p.stdout and "已确认" in p.stdout
    p = _cli("dump", "--db", d1, "--out", tmp_path / "d1.json", "--scope", "520102001")
    assert p.returncode == 0 and (tmp_path / "d1.json").read_text(encoding="utf-8").startswith('{"format":1')
    p = _cli("export-sync", "--db", d1)
    assert p.returncode == 2


def test_a_revoked_key_is_refused_and_the_office_comes_back_with_a_new_installation(net, tmp_path):
    """A township's computer is lost: the district revokes its key; that computer's packages are
    refused and nothing is encrypted to it any more; the township sets up a new computer."""
    from db.sync.keys import key_status, revoke, trust, trusted_keys
    from db.sync.keys import node_keys as keys_of
    lost_fp = keys_of(net.db("T1")).fingerprint
    simulate(net.db("T1"), 5, seed=21)
    stolen = net.export("T1", "D1")                                     # still on the lost computer
    with pytest.raises(Exception) as exc:
        revoke(net.db("D1"), lost_fp, "  ")
    assert exc.value.code == "no_reason"
    done = revoke(net.db("D1"), lost_fp, "电脑丢失")
    assert not done["already"] and done["office_code"] == "520102001"
    assert key_status(net.db("D1"), lost_fp)[0] == "revoked" and not trusted_keys(net.db("D1"), net.office("T1"))
    rep = _refused(net, stolen, "revoked_key")
    assert "电脑丢失" in rep.reason_zh and "已停用" in rep.reason_zh
    with pytest.raises(Exception) as exc:                               # nothing is encrypted to it any more
        net.export("D1", "T1")
    assert exc.value.code == "no_key"
    with pytest.raises(Exception) as exc:                               # and trust cannot bring it back
        trust(net.db("D1"), lost_fp)
    assert exc.value.code == "revoked_key"
    assert revoke(net.db("D1"), lost_fp, "电脑丢失")["already"]
    # the new computer: a new setup file from the district, its key confirmed by phone
    sf = make_setup_file(net.db("D1"), "520102001", tmp_path)
    init_from_setup(tmp_path / "new-T1.sqlite3", sf.path, sf.passcode)
    from db.database import open_database
    from db.sync.export import export_package
    from db.sync.importer import import_path as imp
    new = open_database(tmp_path / "new-T1.sqlite3")
    try:
        first = imp(net.db("D1"), export_package(new, "520102", tmp_path / "out").path)[0]
        assert first.code == "untrusted_key" and first.fingerprint != lost_fp
        trust(net.db("D1"), first.fingerprint)
        again = imp(net.db("D1"), export_package(new, "520102", tmp_path / "out").path)[0]
        assert again.status == "applied", again.text()
        assert imp(new, export_package(net.db("D1"), "520102001", tmp_path / "back").path)[0].status == "applied"
    finally:
        new.conn.close()


def test_revoke_from_the_command_line(net):
    from db.sync.keys import node_keys as keys_of
    fp = keys_of(net.db("T1")).fingerprint
    cli = [sys.executable, "-m", "desktop.cli", "revoke", fp, "--db", str(net.path("D1"))]
    p = subprocess.run(cli, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and "--reason" in p.stderr                  # the reason is required
    p = subprocess.run([*cli, "--reason", "更换电脑"], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0 and "已停用" in p.stdout, p.stderr
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "peers", "--db", str(net.path("D1"))],
                       capture_output=True, text=True, timeout=120)
    assert "已停用 / revoked" in p.stdout


def test_a_replacement_computer_gets_the_attachment_files_with_its_setup_file(net, tmp_path):
    """A township's signed minutes scan reached the district; the setup file for its replacement
    computer carries the file, sealed and bound to its hash."""
    import zipfile

    from db.attachments import add_attachment, blob_path
    from db.database import open_database
    from db.sync.errors import SyncRefused
    t1 = net.db("T1")
    meeting = t1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0", [net.office("T1")]).fetchone()
    if meeting is None:
        simulate(t1, 30, seed=31)
        meeting = t1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0",
                             [net.office("T1")]).fetchone()
    scan = tmp_path / "签到表.pdf"
    scan.write_bytes(b"%PDF-1.4 signed sign-in sheet " + os.urandom(2000))
    add_attachment(t1, "meeting", meeting[0], scan, kind="sign_in")
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"
    sha = __import__("hashlib").sha256(scan.read_bytes()).hexdigest()

    sf = make_setup_file(net.db("D1"), "520102001", tmp_path)
    with zipfile.ZipFile(sf.path) as z:
        assert f"blobs/{sha}" in z.namelist()
        assert scan.read_bytes()[:20] not in z.read(f"blobs/{sha}")          # sealed, not stored plain
    info = init_from_setup(tmp_path / "new" / "liaison-desk.sqlite3", sf.path, sf.passcode)
    assert info["files"] >= 1
    new = open_database(tmp_path / "new" / "liaison-desk.sqlite3")
    try:
        assert blob_path(new, sha).read_bytes() == scan.read_bytes()
    finally:
        new.conn.close()

    for change in ("drop", "flip"):                                          # a file taken out or altered
        bad = tmp_path / f"{change}.ldsetup"
        with zipfile.ZipFile(sf.path) as src, zipfile.ZipFile(bad, "w") as dst:
            for item in src.infolist():
                data = src.read(item)
                if item.filename == f"blobs/{sha}":
                    if change == "drop":
                        continue
                    data = data[:-1] + bytes([data[-1] ^ 1])
                dst.writestr(item, data)
        with pytest.raises(SyncRefused) as e:
            init_from_setup(tmp_path / change / "liaison-desk.sqlite3", bad, sf.passcode)
        assert e.value.code == "corrupt"
        assert not (tmp_path / change / "attachments").exists()


def test_a_revoked_signing_key_with_a_new_encryption_key_is_still_refused(net):
    """Matched on the signing key and the computer, not the fingerprint alone: a thief keeping the
    stolen signing key and making a new encryption key does not pass as a new computer."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from db.sync.keys import node_keys as keys_of
    from db.sync.keys import revoke
    t1 = net.db("T1")
    revoke(net.db("D1"), keys_of(t1).fingerprint, "电脑被盗")
    from db.sync.keystore import key_file, read_key_file, write_key_file
    raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    old = read_key_file(key_file(t1))                      # the thief keeps the signing key, makes a box key
    new_box = X25519PrivateKey.generate()
    new_box_public = new_box.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    write_key_file(key_file(t1), old["sign_private"], new_box.private_bytes(*raw), old["sign_public"],
                   new_box_public)
    with t1.atomic():
        t1.execute("UPDATE sync_local_key SET box_public = ?", [new_box_public])
    assert keys_of(t1).sign_public == old["sign_public"] and keys_of(t1).box_public == new_box_public
    simulate(t1, 3, seed=41)
    rep = _refused(net, net.export("T1", "D1"), "revoked_key")
    assert "电脑被盗" in rep.reason_zh
    assert not net.db("D1").execute("SELECT 1 FROM sync_office_key WHERE status = 'pending'").fetchone()
    assert not net.db("D1").execute("SELECT 1 FROM sync_office_key WHERE sign_public = ? AND revoked_at IS NULL",
                                    [keys_of(t1).sign_public]).fetchone()     # no new, trustable entry for it


def test_a_setup_file_too_large_to_read_back_is_not_made(net, tmp_path, monkeypatch):
    from db.sync import setup as setup_mod
    from db.sync.errors import SyncRefused
    monkeypatch.setattr(setup_mod, "MAX_CHANGES", 1000)
    out = tmp_path / "stick"
    out.mkdir()
    with pytest.raises(SyncRefused) as e:
        make_setup_file(net.db("D1"), "520102001", out)
    assert e.value.code == "too_large" and "太大" in e.value.message_zh
    assert list(out.iterdir()) == []


def test_a_package_from_another_network_with_the_same_office_code_says_so(net, pkg, tmp_path):
    """A demo network (or another city's installation) has a 南明区政协 with the same code: its package was
    refused as 'for 南明区政协, not for this office 南明区政协', which read as nonsense."""
    p = _cli("demo", "--network", tmp_path / "other")
    assert p.returncode == 0, p.stderr
    other = tmp_path / "other" / "district-520102" / "liaison-desk.sqlite3"
    before = _cli("dump", "--db", other, "--out", tmp_path / "before.json")
    assert before.returncode == 0, before.stderr
    p = _cli("import-sync", "--db", other, pkg)
    assert p.returncode == 1
    assert "另一套安装" in p.stdout and "520102" in p.stdout and "未导入任何内容" in p.stdout, p.stdout
    assert "another installation" in p.stdout
    assert "不是发给本机构“南明区政协”" not in p.stdout
    assert _cli("dump", "--db", other, "--out", tmp_path / "after.json").returncode == 0
    assert (tmp_path / "before.json").read_bytes() == (tmp_path / "after.json").read_bytes()


def test_a_setup_file_whose_attachment_files_cannot_be_written_says_why_not_damaged(tmp_path):
    """Setting up where the attachment files cannot go (a file named attachments where the folder belongs, a
    read-only stick) said "the setup file is damaged", and the clerk asked the district for a new one."""
    import re
    p = _cli("demo", "--network", tmp_path / "net")
    assert p.returncode == 0, p.stderr
    district = tmp_path / "net" / "district-520102" / "liaison-desk.sqlite3"
    p = _cli("setup-file", "--db", district, "--office", "520102016", "--out", tmp_path / "stick/")
    assert p.returncode == 0, p.stderr
    passcode = re.search(r"口令 / passcode: ([\d ]+)", p.stdout)[1].strip()
    setup = next((tmp_path / "stick").glob("*.ldsetup"))
    here = tmp_path / "new"
    here.mkdir()
    (here / "attachments").write_text("not a folder")
    p = _cli("init", "--db", here / "liaison-desk.sqlite3", "--from-setup", setup, "--passcode", passcode)
    assert p.returncode == 1
    assert "已损坏" not in p.stderr and "damaged" not in p.stderr, p.stderr
    assert "是一个文件，不是文件夹" in p.stderr and "is a file, not a folder" in p.stderr
    assert sorted(f.name for f in here.iterdir()) == ["attachments"]              # no database begun
    (here / "attachments").unlink()
    p = _cli("init", "--db", here / "liaison-desk.sqlite3", "--from-setup", setup, "--passcode", passcode)
    assert p.returncode == 0 and re.search(r"附件文件 [1-9]\d* 个", p.stdout), p.stdout + p.stderr


def test_a_package_whose_attachment_files_cannot_be_written_says_why_not_damaged(net, tmp_path):
    """An attachment file the package carries could not be stored (a file named attachments where the folder
    belongs, a read-only data folder): the import said "the package file is damaged" and the district was
    asked for another one, which failed the same way."""
    net.close()
    scan = tmp_path / "交办通知.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned notice\n" * 40)
    p = _cli("assign", "--db", net.path("D1"), "--to", "520102001", "--title", "附件试验", "--file", scan)
    assert p.returncode == 0, p.stderr
    p = _cli("export-sync", "--db", net.path("D1"), "--to", "520102001", "--out", tmp_path / "stick")
    assert p.returncode == 0 and "附件 1 个" in p.stdout, p.stdout + p.stderr
    package = next((tmp_path / "stick").glob("*.ldsync"))
    blocker = net.path("T1").parent / "attachments"
    assert not blocker.exists()
    blocker.write_text("not a folder")
    p = _cli("import-sync", "--db", net.path("T1"), package)
    assert p.returncode == 1
    assert "已损坏" not in p.stdout + p.stderr and "damaged" not in p.stdout + p.stderr, p.stdout
    assert "是一个文件，不是文件夹" in p.stderr and "is a file, not a folder" in p.stderr
    blocker.unlink()
    p = _cli("import-sync", "--db", net.path("T1"), package)
    assert p.returncode == 0 and "已导入" in p.stdout, p.stdout + p.stderr
    stored = [f for f in blocker.rglob("*") if f.is_file()]
    assert [f.read_bytes() for f in stored] == [scan.read_bytes()]


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/null")
def test_a_device_or_a_folder_attached_from_the_command_line_is_named_as_such(net, tmp_path):
    """`assign --file /dev/null` said 无法读取文件“null”：文件不存在 (the file does not exist) of a file that is there.
    A device of the test's own stands for /dev/null: a mistake in the program must never harm the machine's."""
    import stat
    net.close()
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("making a device file needs root")
    folder = tmp_path / "folder"
    folder.mkdir()
    for given, zh, en in ((null, "不是普通文件（是设备或管道）", "a device or a pipe"),
                          (folder, "是一个文件夹", "it is a folder"),
                          (tmp_path / "gone.pdf", "不存在", "no such file")):
        p = _cli("assign", "--db", net.path("D1"), "--to", "520102001", "--title", "附件试验", "--file", given)
        assert p.returncode == 1
        assert f"文件{zh}" in p.stderr and en in p.stderr, p.stderr
    p = _cli("assignments", "--db", net.path("D1"), "--sent")
    assert "附件试验" not in p.stdout
    assert stat.S_ISCHR(os.lstat(null).st_mode)


@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/null")
def test_a_device_given_as_the_packages_folder_is_named_as_such(net, tmp_path):
    """`export-sync --out /dev/null` said "folder not found (was the stick removed?)" of a path that is there.
    A device of the test's own stands for /dev/null: a mistake in the program must never harm the machine's."""
    import stat
    net.close()
    null = tmp_path / "null"
    try:
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    except (OSError, AttributeError):
        pytest.skip("making a device file needs root")
    p = _cli("export-sync", "--db", net.path("D1"), "--to", "520102001", "--out", null)
    assert p.returncode == 1
    assert f"“{null}”是设备或管道，不是文件夹" in p.stderr and "is a device or a pipe, not a folder" in p.stderr
    assert "拔出" not in p.stderr and "removed" not in p.stderr
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_package_onto_a_read_only_stick_names_the_folder_not_a_made_up_file(net, tmp_path):
    """`export-sync` into a folder to be made on a read-only stick said 无法写入“…/es/x”: a file named x that
    nobody meant to write."""
    net.close()
    stick = tmp_path / "只读U盘"
    stick.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(stick)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a read-only file system here")
    try:
        for out in (stick / "es", stick / "es" / "2026"):       # folders to be made on it
            p = _cli("export-sync", "--db", net.path("D1"), "--to", "520102001", "--out", out)
            assert p.returncode == 1, p.stdout
            assert f"无法在“{out}”中写入：文件夹是只读的" in p.stderr, p.stderr
            assert f"cannot write into {out}: the folder is read-only" in p.stderr, p.stderr
            assert "/x”" not in p.stderr and "/x:" not in p.stderr and "Errno" not in p.stderr
    finally:
        subprocess.run(["umount", "-l", str(stick)], capture_output=True)


def test_a_package_renamed_to_xlsx_is_named_as_a_package_by_the_roster_import(net, pkg, tmp_path):
    """`import members` of a .ldsync renamed .xlsx said "damaged or not an Excel workbook (KeyError)"."""
    import zipfile
    net.close()
    renamed = tmp_path / "名册.xlsx"
    renamed.write_bytes(pkg.read_bytes())
    p = _cli("import", "members", renamed, "--db", net.path("D1"))
    assert p.returncode == 1
    assert "“名册.xlsx”是本软件的同步包或安装文件（只是改了扩展名），不是 Excel 名册" in p.stderr, p.stderr
    assert "sync package" in p.stderr and "KeyError" not in p.stderr, p.stderr
    with zipfile.ZipFile(tmp_path / "照片.xlsx", "w") as z:        # any other zip archive
        z.writestr("a.jpg", b"not a roster")
    p = _cli("import", "members", tmp_path / "照片.xlsx", "--db", net.path("D1"))
    assert p.returncode == 1
    assert "是压缩文件，不是 Excel 工作簿" in p.stderr and "KeyError" not in p.stderr, p.stderr
