"""One computer per office (SYNC.md "Trust"; SECURITY.md R5): a setup file and its passcode can be used
again on another PC. The parent shows that PC as a second computer for the office and applies nothing
from it until a person confirms it or revokes the old one."""

from __future__ import annotations

from syncnet import CODES, state_of

from db.database import open_database
from db.sync.export import export_package
from db.sync.keys import revoke, trust
from db.sync.setup import init_from_setup, make_setup_file
from db.sync.simulate import simulate


def _second_pc(net, tmp_path):
    sf = make_setup_file(net.db("D1"), CODES["T1"], tmp_path)       # the same file, used again elsewhere
    path = tmp_path / "T1-second" / "liaison-desk.sqlite3"
    init_from_setup(path, sf.path, sf.passcode)
    db = open_database(path)
    simulate(db, 5, seed=77)
    pkg = export_package(db, CODES["D1"], net.stick).path
    return db, pkg


def test_a_reused_setup_file_is_a_second_computer_shown_to_a_person(net, tmp_path):
    second, pkg = _second_pc(net, tmp_path)
    before = state_of(net.db("D1"))
    rep = net.imp("D1", pkg)
    assert rep.status == "refused" and rep.code == "untrusted_key" and rep.second_computer
    assert "第二台电脑" in rep.reason_zh and "新华路街道" in rep.reason_zh and "second computer" in rep.reason_en
    assert state_of(net.db("D1")).split("\n")[0] == before.split("\n")[0]      # no data applied
    assert net.imp("D1", pkg).status == "refused"                                # still nothing, asked again
    # a person confirms it by phone: from now on both computers of the office are heard
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", pkg).status == "applied"
    # the city hears of it from the district and asks its own person to confirm it (SECURITY.md R6b)
    up = net.imp("C", net.export("D1", "C"))
    assert up.status == "applied" and up.held and up.fingerprint == rep.fingerprint, up.text()
    trust(net.db("C"), up.fingerprint)
    net.send("D1", "C")
    # and so does the office's first computer when the district passes the second one's work down
    down = net.imp("T1", net.export("D1", "T1"))
    assert down.status == "applied" and down.held and down.fingerprint == rep.fingerprint, down.text()
    trust(net.db("T1"), down.fingerprint)
    second.conn.close()
    net.settle()
    assert not net.dumps_agree()


def test_revoking_the_old_computer_then_trusting_the_new_one(net, tmp_path):
    second, pkg = _second_pc(net, tmp_path)
    rep = net.imp("D1", pkg)
    old_fp = net.db("D1").execute("SELECT fingerprint FROM sync_office_key WHERE office_id = ? AND status = "
                                  "'trusted'", [net.office("T1")]).fetchone()[0]
    assert old_fp in rep.reason_zh
    revoke(net.db("D1"), old_fp, "更换电脑")
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", pkg).status == "applied"
    simulate(net.db("T1"), 3, seed=5)
    old = net.imp("D1", net.export("T1", "D1"))
    assert old.status == "refused" and old.code == "revoked_key"
    second.conn.close()
