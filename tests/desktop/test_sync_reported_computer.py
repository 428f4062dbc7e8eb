"""The city's clerk, on the 同步 page, meets a township computer its district reports (SECURITY.md R6b): a
reinstalled township PC confirmed at the district is held at the city, named with who reported it, and is
confirmed there from the report's link with the fingerprint the new PC itself shows."""

from __future__ import annotations

from db.database import open_database
from db.sync.export import export_package
from db.sync.keys import node_keys, revoke, trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing
from tests.desktop.test_sync_page import CODES, DB, net, network, settle  # noqa: F401 - fixtures


def test_the_city_confirms_a_reinstalled_township_pc_reported_by_its_district(net, qtbot):  # noqa: F811
    d1 = net.db("D1")
    office = d1.execute("SELECT id FROM office WHERE code = ?", [CODES["T1"]]).fetchone()[0]
    with writing(net.db("T1")) as w:                # the old PC's work reaches the city: its key is known there
        w.insert("follow_up", {"title": "旧电脑的督办", "reply": "初稿", "state": "open"}, office_id=office)
    assert _import(d1, export_package(net.db("T1"), CODES["D1"], net.tmp / "up").path).status == "applied"
    assert _import(net.db("C"), export_package(d1, CODES["C"], net.tmp / "up").path).status == "applied"
    sf = make_setup_file(d1, CODES["T1"], net.tmp)
    new_path = net.tmp / "T1-new" / DB
    init_from_setup(new_path, sf.path, sf.passcode)
    new_pc = open_database(new_path)
    with writing(new_pc) as w:
        w.insert("follow_up", {"title": "新电脑的督办", "reply": "初稿", "state": "open"}, office_id=office)
    fp_new = node_keys(new_pc).fingerprint
    # at the district: the replaced computer confirmed by phone (the old one revoked)
    stick = net.tmp / "to-district"
    rep = _import(d1, export_package(new_pc, CODES["D1"], stick).path)
    assert rep.second_computer
    old = d1.execute("SELECT fingerprint FROM sync_office_key WHERE office_id = ? AND status = 'trusted'",
                     [office]).fetchone()[0]
    revoke(d1, old, "更换电脑")
    trust(d1, fp_new)
    assert _import(d1, export_package(new_pc, CODES["D1"], stick).path).status == "applied"
    new_pc.conn.close()
    export_package(d1, CODES["C"], net.stick)

    city = net.page(qtbot, "C")
    city.receive(str(net.stick))
    settle(qtbot, city.ctx)
    [rep] = city.last_receive.refused
    text = city.report.toPlainText()
    assert rep.second_computer and "南明区政协转告：“新华路街道”的第二台电脑" in text, text
    assert "第一个同步包" not in text and "打电话给发送方" not in text and fp_new in text
    assert "trust" not in text and "按下面的“确认这个密钥…”" in text        # the window's link, not a command
    city.resize(1366, 768)
    city.grab().save(str(net.tmp / "city-reported-computer.png"))
    city.on_report_link(f"trust:{rep.fingerprint}")
    confirm = city.offices.dialog
    assert confirm.digits.text().replace(" ", "") == fp_new.replace("-", "")     # what the new PC shows
    confirm.grab().save(str(net.tmp / "city-confirms-reported-computer.png"))
    confirm.confirm_button.click()
    settle(qtbot, city.ctx)
    city.on_report_link("receive-again:")
    settle(qtbot, city.ctx)
    assert len(city.last_receive.applied) == 1
    assert net.db("C").execute("SELECT count(*) FROM follow_up WHERE title = '新电脑的督办'").fetchone()[0] == 1


def _import(db, path):
    from db.sync.importer import import_file
    return import_file(db, path)
