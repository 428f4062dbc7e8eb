"""The city's clerk, on the 同步 page, meets a township computer its district reports (SECURITY.md R6b): a
reinstalled township PC confirmed at the district has its changes held at the city (the rest of the package
applied), named with who reported it, and is confirmed there from the report's link with the fingerprint the new
PC itself shows. And (R6c) the clerk removes a township key the city learned on the district's word, with the
button of the offices tab; the township's next package is then held for its own fingerprint."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db.database import open_database
from db.sync.export import export_package
from db.sync.keys import node_keys, revoke, trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing
from tests.desktop.test_sync_page import CODES, DB, ROOT, net, network, settle  # noqa: F401 - fixtures


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
    [rep] = city.last_receive.applied                # the rest applied, the new PC's changes held back (R6b)
    text = city.report.toPlainText()
    assert rep.second_computer and "南明区政协转告：“新华路街道”的第二台电脑" in text, text
    assert "暂缓导入：“新华路街道（520102001）”的另一台电脑的修改（1 项）待电话核对指纹后再导入" in text, text
    assert net.db("C").execute("SELECT count(*) FROM follow_up WHERE title = '新电脑的督办'").fetchone()[0] == 0
    assert "第一个同步包" not in text and "打电话给发送方" not in text and fp_new in text
    assert "trust" not in text and "按下面的“确认这个密钥…”" in text        # the window's link, not a command
    city.resize(1366, 768)
    city.grab().save(str(_shots() / "sync-held-computer-zh_CN.png"))
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


def test_the_city_holds_the_first_computer_of_a_township_in_english_too_not_another_one(net, qtbot):  # noqa: F811
    """The city has seen no computer of 新华路街道 when the district relays its first changes: the English report
    says a computer of it waits for the phone call, not "another computer" (the Chinese one is checked with the
    tick box below)."""
    from db.sync.computers import set_confirms_relayed_keys
    set_confirms_relayed_keys(net.db("C"), True)
    office = net.office("T1")
    translations = QApplication.instance().translations
    translations.install("en")
    try:
        city = net.page(qtbot, "C", "en")
        _t1_follow_up_received_at_the_city_held(net, qtbot, city, office, "街道的第一件督办")
        [rep] = city.last_receive.applied
        assert [h.kind for h in rep.held] == ["first"], rep.text()
        text = city.report.toPlainText()
        assert ("Held back: the changes of a computer of 新华路街道 (520102001) (1 change(s)): no computer of that "
                "office is confirmed here yet, so they wait until its fingerprint is confirmed by phone") in text, text
        assert "another computer" not in text and "另一台电脑" not in rep.text(), rep.text()
    finally:
        translations.install("zh_CN")


def _import(db, path):
    from db.sync.importer import import_file
    return import_file(db, path)


def _shots() -> Path:
    return Path(os.environ.get("LIAISON_DESK_SCREENSHOTS", ROOT / "screenshots"))


def _t1_follow_up_received_at_the_city_held(net, qtbot, city, office, title):  # noqa: F811
    """T1 writes a follow-up, its district relays it, the city's clerk receives the stick: T1's changes are held
    for the fingerprint T1 itself shows, and the follow-up is not there yet. Returns that fingerprint."""
    d1, t1 = net.db("D1"), net.db("T1")
    with writing(t1) as w:
        w.insert("follow_up", {"title": title, "reply": "初稿", "state": "open"}, office_id=office)
    assert _import(d1, export_package(t1, CODES["D1"], net.tmp / "up").path).status == "applied"
    export_package(d1, CODES["C"], net.stick)
    city.receive(str(net.stick))
    settle(qtbot, city.ctx)
    [rep] = city.last_receive.applied
    fp = node_keys(t1).fingerprint
    assert [h.fingerprint for h in rep.held] == [fp], rep.text()
    assert net.db("C").execute("SELECT count(*) FROM follow_up WHERE title = ?", [title]).fetchone()[0] == 0
    return fp


def _confirmed_from_the_report_and_received_again(city, qtbot, fp):
    """The clerk follows the report's confirm link, presses 确认 (the digits matched on the phone), then its
    receive-again link: nothing is held any more."""
    city.on_report_link(f"trust:{fp}")
    confirm = city.offices.dialog
    assert confirm.digits.text().replace(" ", "") == fp.replace("-", "")
    qtbot.mouseClick(confirm.confirm_button, Qt.MouseButton.LeftButton)
    settle(qtbot, city.ctx)
    city.on_report_link("receive-again:")
    settle(qtbot, city.ctx)
    [rep] = city.last_receive.applied
    assert not rep.held, rep.text()


def test_the_city_removes_a_relayed_township_key_and_confirms_the_townships_own_by_phone(net, qtbot):  # noqa: F811
    d1, t1 = net.db("D1"), net.db("T1")
    office = d1.execute("SELECT id FROM office WHERE code = ?", [CODES["T1"]]).fetchone()[0]
    t1_node = t1.execute("SELECT node_id FROM node_state").fetchone()[0]
    with writing(t1) as w:                # T1's work reaches the city: its key learned there on the district's word
        w.insert("follow_up", {"title": "街道的督办", "reply": "初稿", "state": "open"}, office_id=office)
    assert _import(d1, export_package(t1, CODES["D1"], net.tmp / "up").path).status == "applied"
    assert _import(net.db("C"), export_package(d1, CODES["C"], net.tmp / "up").path).status == "applied"
    city = net.page(qtbot, "C")
    city.resize(1366, 768)            # shown as a person sees it: a click lands on a button laid out on screen
    city.show()
    tab = city.offices
    city.tabs.setCurrentWidget(tab)
    tab.refresh()
    settle(qtbot, city.ctx)
    rows = tab.table.items()
    tab.table.selectRow(next(i for i, r in enumerate(rows) if r.office.code == CODES["D1"]))   # confirmed by phone
    assert not tab.forget_button.isEnabled()
    tab.table.selectRow(next(i for i, r in enumerate(rows) if r.office.code == CODES["T1"]))
    assert tab.forget_button.isEnabled() and tab.forget_button.text() == "移除转告的密钥…"
    t1_row = next(r for r in tab.table.items() if r.office.code == CODES["T1"])
    assert tab.model.data(tab.model.index(tab.model.rows().index(t1_row), 5)) == "经转告得知"
    qtbot.mouseClick(tab.forget_button, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog.computer_choice.currentData() == t1_node and "经 520102 转告" in dialog.computer_choice.currentText()
    QApplication.processEvents()
    dialog.grab().save(str(_shots() / "sync-forget-key-zh_CN.png"))
    qtbot.mouseClick(dialog.forget_button, Qt.MouseButton.LeftButton)
    settle(qtbot, city.ctx)
    c = net.db("C")
    assert not c.execute("SELECT 1 FROM sync_origin_key WHERE node_id = ?", [t1_node]).fetchone()
    assert c.execute("SELECT office_id FROM sync_forgotten_key WHERE node_id = ?", [t1_node]).fetchone() == (office,)
    # T1's next package, relayed by the district: held for the fingerprint T1 itself shows
    fp = _t1_follow_up_received_at_the_city_held(net, qtbot, city, office, "电话核对后的督办")
    text = city.report.toPlainText()
    assert "移除" in text and "暂缓导入" in text and fp in text and "trust" not in text, text
    # the same computer whose key was removed, not "another" one
    assert "暂缓导入：“新华路街道（520102001）”的电脑的修改（1 项）：本机移除过该机构经转告得知的密钥" in text, text
    assert "另一台电脑" not in text, text
    from db.sync.views import sync_history
    from desktop.models.sync import history_carried
    latest = next(h for h in sync_history(c) if h.direction == "in")
    assert "，1 项修改暂缓导入（待确认密钥）" in history_carried(latest), history_carried(latest)
    city.resize(1366, 768)
    city.grab().save(str(_shots() / "sync-keys-after-removed-key-zh_CN.png"))     # the offices tab: the key to confirm
    assert "由其他机构转来" in tab.keys_model.data(tab.keys_model.index(0, 3))
    city.tabs.setCurrentIndex(0)
    city.grab().save(str(_shots() / "sync-held-after-removed-key-zh_CN.png"))
    _confirmed_from_the_report_and_received_again(city, qtbot, fp)
    assert c.execute("SELECT count(*) FROM follow_up WHERE title = '电话核对后的督办'").fetchone()[0] == 1


def test_a_district_is_not_offered_the_setting_for_keys_passed_on_from_below(net, qtbot):  # noqa: F811
    """R6d is about keys a child office passes on from its own offices below; a district's townships have none, so
    its 机构与密钥 tab showed a box that could never do anything. The city's shows it (the test below)."""
    district = net.page(qtbot, "D1")
    tab = district.offices
    district.tabs.setCurrentWidget(tab)
    tab.refresh()
    settle(qtbot, district.ctx)
    assert tab.setup_button.isVisibleTo(tab)          # the district's own tab, as its clerk sees it
    assert not tab.confirm_relayed.isVisibleTo(tab)


def test_the_city_ticks_confirm_relayed_keys_and_a_townships_first_package_waits_for_the_phone(net, qtbot):  # noqa: F811
    """SECURITY.md R6d through the window: the city's clerk ticks the box under 机构与密钥; the first package of
    a township the city never heard from, relayed by its district, is held for the fingerprint the township
    shows, and lands once the clerk confirmed it from the report's link."""
    from db.sync.computers import confirms_relayed_keys
    office = net.db("D1").execute("SELECT id FROM office WHERE code = ?", [CODES["T1"]]).fetchone()[0]
    city = net.page(qtbot, "C")
    tab = city.offices
    city.tabs.setCurrentWidget(tab)
    tab.refresh()
    settle(qtbot, city.ctx)
    box = tab.confirm_relayed
    assert not box.isHidden() and box.isEnabled() and not box.isChecked() and "电话核对" in box.text()
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)
    settle(qtbot, city.ctx)
    assert box.isChecked() and confirms_relayed_keys(net.db("C"))
    from PySide6.QtWidgets import QMessageBox
    asked = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    orig_question = QMessageBox.question
    QMessageBox.question = lambda *a, **k: asked.append(a[2]) or next(answers)
    try:                                                  # turning the safeguard off is asked first
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # "No": stays on
        settle(qtbot, city.ctx)
        assert box.isChecked() and confirms_relayed_keys(net.db("C")) and "确定关闭" in asked[0]
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton)  # "Yes": off
        settle(qtbot, city.ctx)
        assert not box.isChecked() and not confirms_relayed_keys(net.db("C")) and len(asked) == 2
    finally:
        QMessageBox.question = orig_question
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton)      # on again: not asked
    settle(qtbot, city.ctx)
    assert box.isChecked() and confirms_relayed_keys(net.db("C")) and len(asked) == 2
    city.resize(1366, 768)
    city.grab().save(str(_shots() / "sync-keys-confirm-relayed-zh_CN.png"))
    fp = _t1_follow_up_received_at_the_city_held(net, qtbot, city, office, "首次转来的督办")
    text = city.report.toPlainText()
    assert "电话核对" in text and "暂缓导入" in text and fp in text, text
    # the city never saw a computer of 新华路街道: "a computer" of it, the first, not "another computer"
    assert "暂缓导入：“新华路街道（520102001）”的电脑的修改（1 项）：本机还未认过该机构的任何电脑，待电话核对指纹后再导入" in text, text
    assert "另一台电脑" not in text, text
    c = net.db("C")
    _confirmed_from_the_report_and_received_again(city, qtbot, fp)
    assert c.execute("SELECT count(*) FROM follow_up WHERE title = '首次转来的督办'").fetchone()[0] == 1


def test_after_a_relayed_key_is_removed_the_register_says_so_in_both_languages(net, qtbot):  # noqa: F811
    """Found walking: once the city's clerk removed the key of 新华路街道 the city had on its district's word
    (移除转告的密钥…), 机构与密钥 said 尚无密钥 / No key yet for it, as for an office never heard from; a key was
    there and was removed, and the office's next key waits for a phone call. It now says so."""
    d1, t1 = net.db("D1"), net.db("T1")
    office = net.office("T1")
    with writing(t1) as w:                # T1's work reaches the city: its key learned there on the district's word
        w.insert("follow_up", {"title": "街道的督办", "reply": "初稿", "state": "open"}, office_id=office)
    assert _import(d1, export_package(t1, CODES["D1"], net.tmp / "up").path).status == "applied"
    assert _import(net.db("C"), export_package(d1, CODES["C"], net.tmp / "up").path).status == "applied"

    def key_cell(tab, code):
        row = next(i for i, r in enumerate(tab.model.rows()) if r.office.code == code)
        return tab.model.index(row, next(i for i, c in enumerate(tab.model.columns) if c.key == "key"))

    def shown_whole(tab, index):
        text = index.data()
        view = tab.table.horizontalHeader()
        return tab.table.fontMetrics().horizontalAdvance(text) + 8 <= view.sectionSize(index.column())

    city = net.page(qtbot, "C")
    city.resize(1366, 768)
    city.show()
    tab = city.offices
    city.tabs.setCurrentWidget(tab)
    tab.refresh()
    settle(qtbot, city.ctx)
    assert key_cell(tab, CODES["T1"]).data() == "经转告得知"
    tab.table.selectRow(next(i for i, r in enumerate(tab.table.items()) if r.office.code == CODES["T1"]))
    qtbot.mouseClick(tab.forget_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(tab.dialog.forget_button, Qt.MouseButton.LeftButton)
    settle(qtbot, city.ctx)
    cell = key_cell(tab, CODES["T1"])
    assert cell.data() == "已移除" and shown_whole(tab, cell), cell.data()
    assert key_cell(tab, CODES["T2"]).data() == "尚无密钥"               # never heard from: as before
    city.grab().save(str(_shots() / "sync-register-removed-key-zh_CN.png"))
    translations = QApplication.instance().translations
    translations.install("en")
    try:
        page = net.page(qtbot, "C", "en")
        page.resize(1366, 768)
        page.show()
        page.tabs.setCurrentWidget(page.offices)
        page.offices.refresh()
        settle(qtbot, page.ctx)
        cell = key_cell(page.offices, CODES["T1"])
        assert cell.data() == "Key removed" and shown_whole(page.offices, cell), cell.data()
        assert key_cell(page.offices, CODES["T2"]).data() == "No key yet"
        page.grab().save(str(_shots() / "sync-register-removed-key-en.png"))
    finally:
        translations.install("zh_CN")
    # its next package, relayed by the district, is held: the key waiting for the phone is "to be confirmed"
    _t1_follow_up_received_at_the_city_held(net, qtbot, city, office, "电话核对后的督办")
    tab.refresh()
    settle(qtbot, city.ctx)
    assert key_cell(tab, CODES["T1"]).data() == "待确认"
