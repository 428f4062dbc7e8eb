"""A demo is a network that could have happened: a district installed from a demo city accepts the city's
packages, and `demo --network` makes offices that go on syncing (run as child processes, the way a user does)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from db.database import open_database
from db.demo_network import NETWORK_SUBTASK, NETWORK_TASK
from db.sync.export import export_package
from db.sync.importer import import_path
from db.sync.keys import trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing


def cli(*args) -> subprocess.CompletedProcess:
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
    return p


def test_a_district_set_up_from_a_demo_city_accepts_the_citys_packages(demo_db_path, tmp_path):
    city = open_database(demo_db_path)
    sf = make_setup_file(city, "520102", tmp_path)
    init_from_setup(tmp_path / "district" / "liaison-desk.sqlite3", sf.path, sf.passcode)
    district = open_database(tmp_path / "district" / "liaison-desk.sqlite3")
    held = district.execute("SELECT count(*) FROM meeting").fetchone()[0]
    assert held == city.execute("SELECT count(*) FROM meeting").fetchone()[0] > 0
    (first,) = import_path(city, export_package(district, "520100", tmp_path / "up").path)
    assert first.code == "untrusted_key"
    trust(city, first.fingerprint)
    (up,) = import_path(city, export_package(district, "520100", tmp_path / "up2").path)
    assert up.status == "applied", up.text()
    with writing(city) as w:       # the city's instruction on a township's report goes down
        report = city.execute("SELECT id FROM opinion_report WHERE deleted = 0 LIMIT 1").fetchone()[0]
        w.update("opinion_report", report, {"instruction": "请区政协督促办理"})
    (down,) = import_path(district, export_package(city, "520102", tmp_path / "down").path)
    assert down.status == "applied", down.text()
    assert down.updated >= 1
    assert district.execute("SELECT instruction FROM opinion_report WHERE id = ?", [report]).fetchone()[0] == \
        "请区政协督促办理"
    city.conn.close()
    district.conn.close()


@pytest.fixture(scope="module")
def network(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("network") / "net"
    p = cli("demo", "--network", root, "--seed", "2")
    assert "township-520102016" in p.stdout and "liaison-desk --db" in p.stdout
    return root


def test_demo_network_makes_one_installed_database_per_office(network):
    folders = sorted(p.name for p in network.iterdir() if p.name != "U盘")
    assert (network / "U盘").is_dir()
    assert folders[0] == "city-520100"
    assert len([f for f in folders if f.startswith("district-")]) == 2
    assert 2 <= len([f for f in folders if f.startswith("township-")]) <= 4
    offices = set()
    for f in folders:
        db = open_database(network / f / "liaison-desk.sqlite3")
        code = db.execute("SELECT o.code FROM office o JOIN node_state n ON n.office_id = o.id").fetchone()[0]
        assert f.endswith(code)
        offices.add(code)
        if f.startswith("township-"):
            assert db.execute("SELECT count(*) FROM meeting").fetchone()[0] > 0
            # its parent's key came with the setup file, and the district confirmed the township's
            assert db.execute("SELECT count(*) FROM sync_office_key WHERE status = 'trusted'").fetchone()[0] == 1
        db.conn.close()
    assert len(offices) == len(folders)


def test_the_network_syncs_on_a_townships_edit_reaches_the_city(network, tmp_path):
    net = tmp_path / "net"
    shutil.copytree(network, net)
    town, district, city = (net / f / "liaison-desk.sqlite3" for f in
                            ("township-520102016", "district-520102", "city-520100"))
    def own_changes(path):
        db = open_database(path)
        node = db.execute("SELECT node_id FROM node_state").fetchone()[0]
        n = db.execute("SELECT count(*) FROM change_log WHERE origin = ?", [node]).fetchone()[0]
        db.conn.close()
        return node, n
    node, before = own_changes(town)
    cli("demo", "simulate", "--edits", "6", "--seed", "5", "--db", town)
    made = own_changes(town)[1] - before
    assert made >= 6
    for frm, to, code in ((town, district, "520102"), (district, city, "520100")):
        stick = tmp_path / f"stick-{code}"
        p = cli("export-sync", "--to", code, "--out", stick, "--db", frm)
        assert re.search(rf"修改 {made} 项", p.stdout), p.stdout
        p = cli("import-sync", stick, "--db", to)
        assert "已导入" in p.stdout and "拒绝 0 项" in p.stdout, p.stdout
    db = open_database(city)
    assert db.execute("SELECT count(*) FROM change_log WHERE origin = ?", [node]).fetchone()[0] == before + made
    db.conn.close()
    cli("check", "--db", city)
    from db import search
    for path in (town, district, city):        # each command indexed what it wrote before it ended
        db = open_database(path)
        assert search.pending(db) == 0 and search.problems(db) == [], path
        db.conn.close()


def test_the_demo_city_confirms_a_relayed_township_computer_by_phone_before_taking_its_changes(network, tmp_path):
    """The demo's city keeps the real rule of a city set up by a person (SECURITY.md R6d): a township it has never
    heard from (the second of each district: it had written nothing yet) has its first changes held back at the
    city, with its fingerprint to confirm by phone; once confirmed (`trust`), importing the same file again
    applies them. A district cannot pass a key of its own making off as the township's."""
    from db.sync.computers import confirms_relayed_keys
    from db.sync.keys import node_keys
    net = tmp_path / "net"
    shutil.copytree(network, net)
    town, district, city = (net / f / "liaison-desk.sqlite3" for f in
                            ("township-520102017", "district-520102", "city-520100"))
    t = open_database(town)
    node, fp = t.execute("SELECT node_id FROM node_state").fetchone()[0], node_keys(t).fingerprint
    t.conn.close()
    c = open_database(city)
    assert confirms_relayed_keys(c)
    assert not c.execute("SELECT 1 FROM sync_origin_key WHERE node_id = ?", [node]).fetchone()
    c.conn.close()
    cli("demo", "simulate", "--edits", "4", "--seed", "7", "--db", town)
    cli("export-sync", "--to", "520102", "--out", tmp_path / "up1", "--db", town)
    p = cli("import-sync", tmp_path / "up1", "--db", district)
    assert "已导入" in p.stdout and "暂缓" not in p.stdout, p.stdout           # the district confirmed it itself
    cli("export-sync", "--to", "520100", "--out", tmp_path / "up2", "--db", district)
    p = cli("import-sync", tmp_path / "up2", "--db", city)
    assert "暂缓" in p.stdout and fp in p.stdout, p.stdout
    # the city never saw a computer of this township: the first one, not "another" one
    assert "暂缓导入：“西湖路街道”的电脑的" in p.stdout and "（本机还未认过该机构的任何电脑）" in p.stdout, p.stdout
    assert "of a computer of 520102017 (no computer of that office is confirmed here yet)" in p.stdout, p.stdout
    assert "另一台电脑" not in p.stdout and "another computer" not in p.stdout, p.stdout

    def at_city() -> int:
        db = open_database(city)
        try:
            return db.execute("SELECT count(*) FROM change_log WHERE origin = ?", [node]).fetchone()[0]
        finally:
            db.conn.close()
    assert at_city() == 0
    cli("trust", fp, "--db", city)                    # the fingerprint the township read out on the phone
    p = cli("import-sync", tmp_path / "up2", "--db", city)
    assert "已导入" in p.stdout and "暂缓" not in p.stdout, p.stdout
    assert at_city() >= 4


def test_a_network_is_made_only_in_an_empty_folder(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("mine")
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--network", str(tmp_path / "x")],
                       capture_output=True, text=True, timeout=60)
    assert p.returncode == 1 and "不是空的" in p.stderr
    assert [f.name for f in (tmp_path / "x").iterdir()] == ["keep.txt"]
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--network", str(tmp_path / "y"), "--size",
                        "city"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2


def test_the_network_carries_a_handed_down_assignment_and_its_answers(network):
    def rows(folder):
        db = open_database(network / folder / "liaison-desk.sqlite3")
        out = db.execute("SELECT o.code, a.state, a.parent_id IS NOT NULL FROM assignment a "
                         "JOIN office o ON o.id = a.office_id WHERE a.deleted = 0 AND a.title IN (?, ?) "
                         "ORDER BY o.code", [NETWORK_TASK, NETWORK_SUBTASK]).fetchall()
        db.conn.close()
        return out
    city = rows("city-520100")
    assert ("520102", "accepted", 0) in city and ("520102016", "answered", 1) in city     # the answer came up
    assert rows("township-520102017") == [("520102", "accepted", 0), ("520102017", "new", 1)]


def test_a_clerk_answers_at_a_township_and_carries_it_to_the_district_with_the_buttons(network, tmp_path, qapp,
                                                                                       qtbot, monkeypatch):
    """The window's way: two offices of the demo network side by side, 写入同步包 at the township, 接收并导入
    at the district (the folder dialogs answered, the buttons pressed)."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication, QFileDialog

    from db import assignments as asg
    from desktop.context import AppContext
    from desktop.pages.sync import SyncPage
    from tests.conftest import DEMO_TODAY

    net = tmp_path / "net"
    shutil.copytree(network, net)
    stick = tmp_path / "U盘"
    stick.mkdir()
    ctxs = []

    def page(folder):
        path = net / folder / "liaison-desk.sqlite3"
        ctx = AppContext(path, open_database(path), QSettings(str(tmp_path / f"{folder}.ini"),
                                                             QSettings.Format.IniFormat), lang="zh_CN")
        ctx.errors.show_boxes = False
        ctx.today = lambda: DEMO_TODAY
        ctxs.append(ctx)
        p = SyncPage(ctx, drives=lambda: [])
        qtbot.addWidget(p)
        settle(ctx)
        return p

    def settle(ctx):
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
        QApplication.processEvents()
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)

    def choose(chooser):
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
        i = chooser.combo.findText(chooser.tr("Choose a folder…"))
        chooser.combo.setCurrentIndex(i)
        chooser.combo.activated.emit(i)

    try:
        town = page("township-520102017")
        mine = town.ctx.db.execute("SELECT id FROM assignment WHERE state = 'new' AND title = ?",
                                   [NETWORK_SUBTASK]).fetchone()[0]
        asg.answer(town.ctx.db, mine, "已走访小区2个，收集意见15条。")
        choose(town.send_target)
        qtbot.mouseClick(town.send_button, Qt.MouseButton.LeftButton)
        settle(town.ctx)
        assert len(list(stick.glob("*.ldsync"))) == 1 and not town.ctx.errors.shown
        district = page("district-520102")
        choose(district.receive_source)
        settle(district.ctx)
        qtbot.mouseClick(district.receive_button, Qt.MouseButton.LeftButton)
        settle(district.ctx)
        assert district.last_receive.applied and not district.last_receive.refused
        assert district.ctx.db.execute("SELECT state, answer FROM assignment WHERE id = ?", [mine]).fetchone() == \
            ("answered", "已走访小区2个，收集意见15条。")
    finally:
        for ctx in ctxs:
            ctx.close()
