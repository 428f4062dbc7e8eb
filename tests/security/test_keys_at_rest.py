"""Keys at rest (SECURITY.md K1): the private keys live in a key file beside the database (user-only
permissions), never in the database file, so no backup holds them; a restore on the same PC keeps the
key, the database on another PC makes a new key that the parent confirms like a replaced computer."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import sys

import pytest
from syncnet import CODES

from db.backup import backup, restore
from db.database import open_database
from db.sync.export import export_package
from db.sync.keys import node_keys, revoke, trust
from db.sync.keystore import key_file, read_key_file
from db.sync.simulate import simulate


def _privates(net, name):
    k = read_key_file(key_file(net.db(name)))
    return k["sign_private"], k["box_private"]


def test_no_backup_holds_a_private_key(net, tmp_path):
    t1 = net.db("T1")
    sign, box = _privates(net, "T1")
    assert node_keys(t1).sign_key.private_bytes_raw() == sign
    path = backup(t1, net.path("T1"), folder=tmp_path / "stick")
    data = path.read_bytes()
    assert sign not in data and box not in data
    with sqlite3.connect(path) as c:
        assert c.execute("SELECT sign_private, box_private FROM sync_local_key").fetchone() == (b"", b"")
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(key_file(t1)).st_mode) == 0o600
    net.close()                     # read the live file only with no connection open (PITFALLS: POSIX locks)
    assert sign not in net.path("T1").read_bytes()


def test_an_older_database_moves_its_keys_out_and_keeps_no_copy(net):
    """A database of the previous version holds its private keys in the table: on first use they move to
    the key file and are wiped from the database file (secure_delete), the key unchanged."""
    t1 = net.db("T1")
    fp = node_keys(t1).fingerprint
    sign, box = _privates(net, "T1")
    with t1.atomic():
        t1.execute("UPDATE sync_local_key SET sign_private = ?, box_private = ?", [sign, box])
    key_file(t1).unlink()
    net.close()                     # read the live file only with no connection open (PITFALLS: POSIX locks)
    assert sign in net.path("T1").read_bytes()            # as the old version left it
    assert node_keys(net.db("T1")).fingerprint == fp
    assert _privates(net, "T1") == (sign, box)
    net.close()
    assert sign not in net.path("T1").read_bytes() and box not in net.path("T1").read_bytes()


def test_restore_on_the_same_pc_keeps_the_key(net):
    t1 = net.db("T1")
    fp = node_keys(t1).fingerprint
    b = backup(t1, net.path("T1"))
    simulate(t1, 3, seed=8)
    restore(t1, net.path("T1"), b)
    assert node_keys(t1).fingerprint == fp
    simulate(t1, 3, seed=9)
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"      # no new phone call


def test_the_database_on_another_pc_gets_a_new_key_confirmed_like_a_replaced_computer(net, tmp_path):
    t1 = net.db("T1")
    old_fp = node_keys(t1).fingerprint
    b = backup(t1, net.path("T1"), folder=tmp_path / "stick")
    other = tmp_path / "other-pc" / "liaison-desk.sqlite3"
    other.parent.mkdir()
    shutil.copy(b, other)
    db = open_database(other)
    assert node_keys(db).fingerprint != old_fp
    simulate(db, 2, seed=3)
    pkg = export_package(db, CODES["D1"], net.stick).path
    rep = net.imp("D1", pkg)
    assert rep.status == "refused" and rep.second_computer, rep.text()
    revoke(net.db("D1"), old_fp, "换了电脑")
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", pkg).status == "applied"
    db.conn.close()


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_key_file_of_another_database_is_not_used(net, tmp_path):
    """A key file whose public keys do not match the database's is ignored (a new key is made)."""
    t1 = net.db("T1")
    fp = node_keys(t1).fingerprint
    shutil.copy(key_file(net.db("T2")), key_file(t1))
    assert node_keys(t1).fingerprint not in (fp, node_keys(net.db("T2")).fingerprint)
