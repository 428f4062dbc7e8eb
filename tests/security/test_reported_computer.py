"""One computer per office for computers a relay reports (SECURITY.md R6b): an honest reinstalled township
PC, confirmed at its district, has its changes held at the city (the rest of the district's package applied) until the city's clerk confirms the fingerprint the
township itself shows; a restore on the same PC (a new node with the same key) passes without a call."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hostile import node_of, rewrite, row_of
from syncnet import CODES, NAMES

from db.backup import backup, restore
from db.database import open_database
from db.sync.export import export_package
from db.sync.keys import node_keys, revoke, trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing

ROOT = Path(__file__).resolve().parents[2]


def node_of_db(db) -> str:
    return db.execute("SELECT node_id FROM node_state").fetchone()[0]


def _reinstalled_t1(net, tmp_path):
    """T1's PC replaced: a new installation from the district's setup file, confirmed at the district by
    phone, which then writes a meeting topic."""
    sf = make_setup_file(net.db("D1"), CODES["T1"], tmp_path)
    path = tmp_path / "T1-new" / "liaison-desk.sqlite3"
    init_from_setup(path, sf.path, sf.passcode)
    db = open_database(path)
    mid = db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [net.office("T1")]).fetchone()[0]
    with writing(db) as w:
        w.update("meeting", mid, {"topic": "新电脑写的议题"})
    rep = net.imp("D1", export_package(db, CODES["D1"], net.stick).path)
    assert rep.status == "refused" and rep.second_computer
    old_fp = node_keys(net.db("T1")).fingerprint
    revoke(net.db("D1"), old_fp, "更换电脑")
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", export_package(db, CODES["D1"], net.stick).path).status == "applied"
    return db, mid


def test_a_reinstalled_township_pc_is_confirmed_at_the_city_by_its_own_fingerprint(net, tmp_path):
    new_pc, mid = _reinstalled_t1(net, tmp_path)
    pkg = net.export("D1", "C")
    rep = net.imp("C", pkg)
    # applied, with the new computer's changes kept back until the city's clerk confirms it (R6b)
    assert rep.status == "applied" and rep.second_computer, rep.text()
    [held] = rep.held
    assert held.node == node_of_db(new_pc) and held.changes >= 1
    assert f"{NAMES['D1']}转告：“{NAMES['T1']}”的第二台电脑" in held.reason_zh, held.reason_zh
    assert f"a second computer for {CODES['T1']}, reported by {CODES['D1']}" in held.reason_en
    # the number the city's clerk reads is the one the new township PC shows on its 同步 page
    assert rep.fingerprint == held.fingerprint == node_keys(new_pc).fingerprint
    assert rep.fingerprint in held.reason_zh
    assert row_of(net, "C", "meeting", mid)["topic"] != "新电脑写的议题"
    again = net.imp("C", pkg)                                         # asked again: still held, not "already"
    assert again.status == "applied" and [h.node for h in again.held] == [held.node], again.text()
    assert row_of(net, "C", "meeting", mid)["topic"] != "新电脑写的议题"
    trust(net.db("C"), rep.fingerprint)                               # confirmed by phone
    rep = net.imp("C", pkg)
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "meeting", mid)["topic"] == "新电脑写的议题"
    # later packages of the new computer pass without another call
    with writing(new_pc) as w:
        w.update("meeting", mid, {"topic": "新电脑后来的议题"})
    assert net.imp("D1", export_package(new_pc, CODES["D1"], net.stick).path).status == "applied"
    assert net.imp("C", net.export("D1", "C")).status == "applied"
    assert row_of(net, "C", "meeting", mid)["topic"] == "新电脑后来的议题"
    new_pc.conn.close()


def test_a_restore_on_the_same_township_pc_passes_the_city_without_a_call(net):
    """A restore makes a new node with the same key file: the city already accepts that key for T1."""
    t1 = net.db("T1")
    old_node = node_of(net, "T1")
    b = backup(t1, net.path("T1"))
    restore(t1, net.path("T1"), b)
    assert node_of(net, "T1") != old_node
    mid = t1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [net.office("T1")]).fetchone()[0]
    with writing(t1) as w:
        w.update("meeting", mid, {"topic": "恢复后写的议题"})
    net.send("T1", "D1")
    rep = net.imp("C", net.export("D1", "C"))
    assert rep.status == "applied", rep.text()
    assert row_of(net, "C", "meeting", mid)["topic"] == "恢复后写的议题"


def test_the_citys_clerk_sees_the_reported_computer_on_the_command_line(net, tmp_path):
    """The user's way: import-sync at the city, in a child process, prints who reported which computer."""
    _db, _mid = _reinstalled_t1(net, tmp_path)
    pkg = net.export("D1", "C")
    city = net.path("C")
    net.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "import-sync", "--db", str(city), str(pkg)],
                         cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    text = out.stdout + out.stderr
    assert out.returncode == 0 and "Traceback" not in text, text          # applied, the new PC's changes held
    assert f"{NAMES['D1']}转告：“{NAMES['T1']}”的第二台电脑" in text, text
    assert "reported by" in text and "暂缓导入" in text and "held back" in text
    _db.conn.close()


def test_a_township_set_up_from_a_setup_file_knows_the_citys_key(net):
    """Setup binds the ancestors' computers to their keys: the city's computer is bound to the city's key at
    T1 before any change of the city reached it (so a computer a relay invents for the city is held)."""
    t1, cn = net.db("T1"), node_of(net, "C")
    key = net.db("C").execute("SELECT sign_key FROM sync_origin_key WHERE node_id = ?", [cn]).fetchone()[0]
    assert t1.execute("SELECT sign_key, via FROM sync_origin_key WHERE node_id = ?", [cn]).fetchone() == (key, "setup")


def test_a_computer_invented_for_the_city_is_held_at_a_township_that_never_verified_the_city(net):
    """Downward, at a township that has only its setup file's word for the city's key: the district declares a
    new city computer and rewrites a roster phone in its name, with no signed head. Held, nothing applied."""
    from hostile import far_clock, forge

    from db.clock import uuid7
    t1 = net.db("T1")
    assert not t1.execute("SELECT 1 FROM sync_head WHERE origin = ?", [node_of(net, "C")]).fetchone()
    city = net.db("C").execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = net.db("C").execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    honest = row_of(net, "T1", "member", mid)["phone"]
    phantom = uuid7().replace("-", "")[:16]
    row = row_of(net, "D1", "member", mid)
    hlc = rewrite(row, "phone", "13900000000", far_clock(phantom))
    path = forge(net, "D1", "T1", entries=[(phantom, 1, "member", mid, "phone", hlc, None)], rows={"member": [row]},
                 ranges={phantom: [1, 1, hlc]}, nodes={phantom: city})
    rep = net.imp("T1", path)
    assert rep.status == "applied" and [h.node for h in rep.held] == [phantom], rep.text()
    assert f"{NAMES['D1']}转告：“{NAMES['C']}”的第二台电脑" in rep.held[0].reason_zh
    assert "reported by" in rep.held[0].reason_en
    assert row_of(net, "T1", "member", mid)["phone"] == honest
