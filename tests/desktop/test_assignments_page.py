"""The 交办 page and the home page's 新交办 box on a real network (tests/sync/syncnet.py): buttons pressed at the
city, the district and a township, packages carried between them, and screenshots at 1366×768."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QToolButton

from db import assignments as A
from tests.conftest import DEMO_TODAY
from tests.sync.syncnet import CODES, build_network, copy_network

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def network_template(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("assign-net") / "net"
    build_network(root)
    return root


@pytest.fixture
def net(network_template, tmp_path, app):
    n = copy_network(network_template, tmp_path / "net")
    n.ctxs = []
    yield n
    for c in n.ctxs:
        c.close()
    n.close()


def ctx_of(net, name, lang="zh_CN"):
    from db.database import open_database
    from desktop.context import AppContext
    settings = QSettings(str(net.root / f"settings-{name}.ini"), QSettings.Format.IniFormat)
    c = AppContext(net.path(name), open_database(net.path(name)), settings, lang=lang)
    c.errors.show_boxes = False
    c.today = lambda: DEMO_TODAY
    net.ctxs.append(c)
    return c


def settle(qtbot, ctx) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


def click(qtbot, button) -> None:
    assert button.isEnabled() and button.isVisible(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def page_of(qtbot, ctx):
    from desktop.pages.assignments import AssignmentsPage
    page = AssignmentsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    settle(qtbot, ctx)
    return page


def select(qtbot, page, receiver_code: str) -> None:
    row = next(i for i, a in enumerate(page.rows) if a.receiver_code == receiver_code)
    page.table.setCurrentCell(row, 0)
    settle(qtbot, page.ctx)


def press_ok(qtbot, ctx, dialog) -> None:
    click(qtbot, dialog.ok_button)
    settle(qtbot, ctx)


def test_hand_down_receive_answer_and_send_back_by_pressing_buttons(net, qtbot, tmp_path, monkeypatch):
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    click(qtbot, page.new_button)
    dlg = page.dialog
    press_ok(qtbot, city, dlg)                        # nothing chosen: the dialog says so and stays open
    assert dlg.isVisible() and dlg.error.isVisible()
    dlg.boxes[net.office("D1")].setChecked(True)
    dlg.title.setText("菜篮子价格监测")
    dlg.request.setPlainText("请报送辖区菜市场价格")
    dlg.source.setCurrentIndex(dlg.source.findData("instruction"))
    dlg.source_text.setPlainText("请市政协跟踪落实")
    letter = tmp_path / "批示件.pdf"
    letter.write_bytes(b"%PDF-1.4 signed")
    dlg.files.add_files([str(letter)])
    press_ok(qtbot, city, dlg)
    assert not dlg.isVisible()
    assert [(a.receiver_code, a.status, a.source_kind) for a in page.rows] == [(CODES["D1"], "new", "instruction")]
    click(qtbot, page.edit_button)                   # the sender changes its due date before sending
    ed = page.dialog
    ed.due.setText((DEMO_TODAY + dt.timedelta(days=19)).isoformat())
    press_ok(qtbot, city, ed)
    assert page.rows[0].due_date == ed.due.text()
    assert "修改交办内容" in page.timeline.toPlainText()
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    from desktop.pages.home import HomePage
    home = HomePage(district)
    qtbot.addWidget(home)
    settle(qtbot, district)
    inbox = home.assignment_inbox
    assert inbox.table.rowCount() == 1 and inbox.table.item(0, 1).text() == "菜篮子价格监测"
    with qtbot.waitSignal(district.open_requested) as opened:
        inbox.table.cellDoubleClicked.emit(0, 1)
    assert opened.args[0] == "assignments"

    dpage = page_of(qtbot, district)
    dpage.open_record(opened.args[1])
    settle(qtbot, district)
    assert dpage.current is not None and dpage.current.id == opened.args[1]
    assert not dpage.accept_button.isEnabled()
    assert "批示件.pdf" in dpage.timeline.toPlainText()
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QFileDialog
    saved = tmp_path / "saved.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(saved), ""))
    (fid, _kind, _name), = A.files(net.db("D1"), dpage.current.id)
    dpage.timeline.anchorClicked.emit(QUrl(f"file:{fid}"))
    settle(qtbot, district)
    assert saved.read_bytes() == b"%PDF-1.4 signed"
    click(qtbot, dpage.receive_button)
    settle(qtbot, district)
    assert dpage.current.status == "accepted" and not dpage.receive_button.isEnabled()
    click(qtbot, dpage.hand_down_button)
    hd = dpage.dialog
    assert hd.title.text() == "菜篮子价格监测"
    for t in ("T1", "T2"):
        hd.boxes[net.office(t)].setChecked(True)
    given = hd.due.text()
    hd.due.setText(str(int(given[:4]) + 1) + given[4:])   # later than the city gave the district: said, kept open
    press_ok(qtbot, district, hd)
    assert hd.isVisible() and "不能晚于本机构要答复的时限" in hd.error.text()
    assert A.list_assignments(net.db("D1"), direction="sent") == []
    hd.due.setText(given)
    press_ok(qtbot, district, hd)
    assert A.inbox(net.db("D1")) == []
    sent = A.list_assignments(net.db("D1"), direction="sent")
    assert sorted(a.receiver_code for a in sent) == [CODES["T1"], CODES["T2"]]
    assert {a.parent_id for a in sent} == {opened.args[1]}

    net.send("D1", "T1")
    town = ctx_of(net, "T1")
    tpage = page_of(qtbot, town)
    assert not tpage.new_button.isVisible() and not tpage.hand_down_button.isVisible()
    select(qtbot, tpage, CODES["T1"])
    click(qtbot, tpage.link_button)
    ld = tpage.dialog
    assert ld.list.count() > 0                        # the township's own follow-ups and visits
    linked = ld.list.item(0).text()
    press_ok(qtbot, town, ld)
    settle(qtbot, town)
    shown = tpage.timeline.toPlainText()      # in words: the shipped fonts draw 🔗 as an empty box
    assert f"为此开展的工作： {linked}" in shown and "🔗" not in shown and "📎" not in shown, shown
    click(qtbot, tpage.answer_button)
    ad = tpage.dialog
    ad.text.setPlainText("新华路菜场价格平稳")
    press_ok(qtbot, town, ad)
    assert A.find(net.db("T1"), tpage.current.id).status == "answered"
    net.send("T1", "D1")

    dpage.direction.setCurrentIndex(dpage.direction.findData("sent"))
    settle(qtbot, district)
    select(qtbot, dpage, CODES["T1"])
    assert dpage.current.answer == "新华路菜场价格平稳"
    click(qtbot, dpage.return_button)
    rd = dpage.dialog
    press_ok(qtbot, district, rd)                     # a reason is required
    assert rd.isVisible() and rd.error.isVisible()
    rd.text.setPlainText("请补充价格表")
    press_ok(qtbot, district, rd)
    assert A.get_assignment(net.db("D1"), dpage.current.id).status == "returned"
    html = dpage.timeline.toPlainText()
    for text in ("贵阳市政协 → 南明区政协", "南明区政协 → 新华路街道", "退回重办", "请补充价格表", "新华路菜场价格平稳"):
        assert text in html, html


def test_the_city_accepts_an_answer_and_sees_the_chain_and_screenshots(net, qtbot, tmp_path, monkeypatch):
    c, d1 = net.db("C"), net.db("D1")
    batch = A.create_assignment(c, to=[net.office("D1"), net.office("D2")], title="养老服务站点运营情况调研",
                                request="请报送辖区养老服务站点运营情况和存在问题", source_kind="instruction",
                                source_text="请市政协组织各区开展专题调研。", due_date="2026-12-01")
    net.send("C", "D1")
    mine = A.find(d1, batch, side="received")
    A.create_assignment(d1, to=[net.office("T1"), net.office("T2")], title="养老服务站点摸底", parent_id=mine.id,
                        due_date="2026-11-30")
    for t in ("T1", "T2"):
        net.send("D1", t)
        row = A.inbox(net.db(t))[0]
        A.answer(net.db(t), row.id, f"{t} 辖区站点 3 个，运营正常")
        net.send(t, "D1")
    A.answer(d1, mine.id, "两街道已摸底")
    net.send("D1", "C")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    from PySide6.QtWidgets import QMessageBox
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, *a, **k: asked.append(title) or next(answers))
    click(qtbot, page.accept_button)                  # asked first; No leaves it awaiting review
    settle(qtbot, city)
    assert asked == ["审核通过"] and A.get_assignment(c, mine.id).status != "done"
    click(qtbot, page.accept_button)
    settle(qtbot, city)
    assert A.get_assignment(c, mine.id).status == "done"
    text = page.timeline.toPlainText()
    for t in ("T1 辖区站点 3 个", "T2 辖区站点 3 个", "审核通过", "转交下级"):
        assert t in text

    # D2's inbox: two new (one due in two days), one answer from a township to review
    A.create_assignment(c, to=[net.office("D2")], title="防汛隐患排查情况报送", due_date="2026-11-27")
    net.send("C", "D2")
    d2 = net.db("D2")
    A.create_assignment(d2, to=[net.office("T3")], title="背街小巷环境整治回访", due_date="2026-12-05")
    net.send("D2", "T3")
    A.answer(net.db("T3"), A.inbox(net.db("T3"))[0].id, "已回访 6 条背街小巷")
    net.send("T3", "D2")
    assert [i.kind for i in A.home_items(d2)] == ["new", "new", "review"]

    folder = Path(os.environ.get("LIAISON_DESK_SCREENSHOTS", ROOT / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    from desktop.main_window import MainWindow
    for name, ctx_name in (("assignments-timeline", "C"), ("home-inbox", "D2")):
        ctx = city if ctx_name == "C" else ctx_of(net, ctx_name)
        w = MainWindow(ctx, translations=QApplication.instance().translations)
        w._drafts_offered = True
        w.resize(1366, 768)
        w.show()
        if name == "assignments-timeline":
            w.show_page("assignments")
            w.page("assignments").open_record(mine.id)
        settle(qtbot, ctx)
        w.grab().save(str(folder / f"{name}-zh_CN.png"))
        assert (folder / f"{name}-zh_CN.png").stat().st_size > 10_000
        w.hide()
        w.deleteLater()
    shutil.rmtree(tmp_path / "unused", ignore_errors=True)


def test_a_district_sees_its_townships_plans_with_held_and_late(net, qtbot):
    from db import plan as P
    from desktop.pages.plan import PlanPage
    P.add_topic(net.db("T1"), year=2026, month=4, title="背街小巷整治")
    P.add_topic(net.db("T1"), year=2026, month=12, title="养老助餐")
    net.send("T1", "D1")
    district = ctx_of(net, "D1")
    page = PlanPage(district)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    settle(qtbot, district)
    page.tabs.setCurrentIndex(page.below_index)
    assert page.tabs.isTabVisible(page.below_index)
    assert [page.below_table.item(0, c).text() for c in range(4)] == ["新华路街道", "2", "0", "1"]
    page.below_table.setCurrentCell(0, 0)
    assert [page.below_topic_table.item(r, 2).text() for r in range(2)] == ["背街小巷整治", "养老助餐"]
    assert page.below_topic_table.item(0, 0).text() == "逾期未开"


def test_a_district_with_two_dozen_townships_reaches_ok_on_a_768_pixel_screen(net, qtbot, monkeypatch):
    """Found by exploratory testing: at 南明区 (24 townships) the 新建交办 dialog grew to 900 pixels, its
    buttons below a 1366×768 screen."""
    district = ctx_of(net, "D1")
    real = A.lower_offices(district.db)
    more = [(f"x{i}", f"5201020{40 + i}", f"第{i}街道") for i in range(22)]
    monkeypatch.setattr(A, "lower_offices", lambda _db: real + more)
    page = page_of(qtbot, district)
    click(qtbot, page.new_button)
    dlg = page.dialog
    QApplication.processEvents()
    assert len(dlg.boxes) == len(real) + 22
    assert dlg.minimumSizeHint().height() < 700 and dlg.height() < 700
    assert dlg.ok_button.isVisible() and dlg.rect().contains(dlg.ok_button.geometry().center())
    dlg.receivers.ensureWidgetVisible(dlg.boxes["x21"])          # the last township scrolls into view
    dlg.boxes[real[0][0]].setChecked(True)
    dlg.title.setText("收集加装电梯意见")
    dlg.request.setPlainText("请走访辖区老旧小区")
    press_ok(qtbot, district, dlg)
    assert not dlg.isVisible() and not district.errors.shown
    assert any(a.title == "收集加装电梯意见" and a.receiver_code == real[0][1] for a in page.rows)


def test_a_district_hands_work_to_every_township_with_one_tick(net, qtbot):
    """Found walking the district's day: "请各街道…" to 南明区's 23 townships meant ticking 23 boxes one by one in a
    list that shows five at a time."""
    from PySide6.QtCore import QPoint

    def tick(box) -> None:                                # on the box itself, where a person clicks
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    district = ctx_of(net, "D1")
    page = page_of(qtbot, district)
    click(qtbot, page.new_button)
    dlg = page.dialog
    assert dlg.all_box is not None and dlg.all_box.text() == f"全部 {len(dlg.boxes)} 个下级机构"
    tick(dlg.all_box)
    assert all(box.isChecked() for box in dlg.boxes.values())
    first = next(iter(dlg.boxes.values()))
    tick(first)                                   # one taken off again: not "all" any more
    assert not dlg.all_box.isChecked() and not first.isChecked()
    tick(first)
    assert dlg.all_box.isChecked()
    dlg.title.setText("走访老旧小区，收集加装电梯意见")
    press_ok(qtbot, district, dlg)
    assert not dlg.isVisible() and not district.errors.shown
    sent = [a for a in A.list_assignments(district.db, direction="sent") if a.title == "走访老旧小区，收集加装电梯意见"]
    assert sorted(a.receiver_code for a in sent) == sorted(code for _o, code, _n in A.lower_offices(district.db))


def test_a_refusal_in_an_assignment_dialog_is_in_the_error_colour(net, qtbot):
    """Found by exploratory testing: 内容不能为空 and 太长 under the 反馈 box were black, like a hint."""
    from desktop.style import ERROR_COLOR
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    click(qtbot, page.new_button)
    dlg = page.dialog
    press_ok(qtbot, city, dlg)                        # nothing chosen: refused
    assert dlg.error.isVisible() and dlg.error.text()
    image = dlg.error.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())}
    assert ERROR_COLOR in colours
    dlg.reject()


def test_after_a_refused_due_date_enter_submits_again_and_never_throws_the_form_away(net, qtbot):
    """Found walking the city's day: OK was turned off while the save ran, the focus fell to Cancel, and the
    Enter pressed after correcting the date closed the dialog with everything typed."""
    from PySide6.QtTest import QTest
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    before = len(page.rows)
    click(qtbot, page.new_button)
    dlg = page.dialog
    dlg.boxes[net.office("D1")].setChecked(True)
    dlg.title.setText("菜篮子价格监测")
    dlg.request.setPlainText("请报送辖区菜市场价格")
    dlg.due.setText("2020-01-01")                             # long past: the data core refuses it
    press_ok(qtbot, city, dlg)
    assert dlg.isVisible() and "已经过去" in dlg.error.text()
    assert dlg.focusWidget() is not dlg.buttons.button(dlg.buttons.StandardButton.Cancel)
    assert dlg.focusWidget() in (dlg.due, dlg.due.focusProxy(), dlg.due.findChild(type(dlg.title)))  # the date
    dlg.due.setText((city.today() + dt.timedelta(days=30)).isoformat())
    QTest.keyClick(dlg.focusWidget(), Qt.Key.Key_Return)        # the reflex after correcting it
    settle(qtbot, city)
    assert not dlg.isVisible() and len(page.rows) == before + 1


def test_a_reason_appearing_in_a_dialog_does_not_move_its_fields(net, qtbot):
    """In 新建交办 the red reason pushed the fields about 20 px: the next click landed in the field above."""
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    click(qtbot, page.new_button)
    dlg = page.dialog
    dlg.resize(dlg.sizeHint())
    qtbot.wait(20)
    before = {w: w.mapTo(dlg, w.rect().topLeft()) for w in (dlg.title, dlg.due, dlg.request)}
    press_ok(qtbot, city, dlg)                        # nothing chosen: a reason
    assert dlg.error.isVisible()
    qtbot.wait(20)
    assert {w: w.mapTo(dlg, w.rect().topLeft()) for w in before} == before
    dlg.reject()


def test_the_districts_answer_up_begins_with_the_answers_it_accepted_from_below(net, qtbot):
    """The district's 反馈 to the city opened empty, though the townships' answers it had just accepted are what
    it reports."""
    c, d1 = net.db("C"), net.db("D1")
    batch = A.create_assignment(c, to=[net.office("D1")], title="菜篮子价格监测", due_date="2026-12-01")
    net.send("C", "D1")
    mine = A.find(d1, batch, side="received")
    A.create_assignment(d1, to=[net.office("T1"), net.office("T2")], title="菜市场价格摸底", parent_id=mine.id,
                        due_date="2026-11-30")
    for t, said in (("T1", "新华路菜场价格平稳"), ("T2", "中华南路菜场蔬菜略涨")):
        net.send("D1", t)
        A.answer(net.db(t), A.inbox(net.db(t))[0].id, said)
        net.send(t, "D1")
    for part in A.awaiting_review(d1):
        A.accept_answer(d1, part.id)
    district = ctx_of(net, "D1")
    page = page_of(qtbot, district)
    select(qtbot, page, CODES["D1"])
    click(qtbot, page.answer_button)
    text = page.dialog.text.toPlainText()
    assert "新华路街道：新华路菜场价格平稳" in text and "中华南路街道：中华南路菜场蔬菜略涨" in text
    page.dialog.reject()


def test_an_answer_sent_again_after_a_return_is_not_shown_as_sent_back(net, qtbot):
    """The district sent a township's first answer back; the township answered again. The summary showed the
    second answer with “退回理由：…” under it, as if the new answer had been sent back too."""
    d1, t1 = net.db("D1"), net.db("T1")
    A.create_assignment(d1, to=[net.office("T1")], title="养老服务中心走访", due_date="2026-12-20")
    net.send("D1", "T1")
    A.answer(t1, A.inbox(t1)[0].id, "已走访 2 处")
    net.send("T1", "D1")
    district = ctx_of(net, "D1")
    page = page_of(qtbot, district)
    page.direction.setCurrentIndex(page.direction.findData("sent"))
    settle(qtbot, district)
    select(qtbot, page, CODES["T1"])
    click(qtbot, page.return_button)
    page.dialog.text.setPlainText("意见数量太少，请补充")
    press_ok(qtbot, district, page.dialog)
    assert "退回理由： 意见数量太少，请补充" in page.timeline.toPlainText()
    net.send("D1", "T1")
    A.answer(t1, A.list_assignments(t1, direction="received")[0].id, "又走访 3 处，共收集意见 28 条")
    net.send("T1", "D1")
    page.refresh()
    settle(qtbot, district)
    select(qtbot, page, CODES["T1"])
    assert page.current.status == "answered" and page.accept_button.isEnabled()
    summary = page.timeline.toPlainText().split("办理过程")[0]
    assert "反馈（第 2 次）： 又走访 3 处" in summary
    assert "退回理由" not in summary and "第 1 次反馈被退回： 意见数量太少，请补充" in summary, summary


def test_the_titles_stay_in_view_on_a_1024_pixel_screen(net, qtbot):
    """Found walking at 1024×768: the list showed state, offices and due date, and every title was behind a
    sideways scroll bar (the timeline beside it took half the page)."""
    c = net.db("C")
    A.create_assignment(c, to=[net.office("D1"), net.office("D2")], title="老旧小区加装电梯专项民主监督",
                        due_date="2026-12-20")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    for width in (1024 - 176, 1366 - 176):
        page.resize(width, 700)
        settle(qtbot, city)
        table = page.table
        assert table.horizontalScrollBar().maximum() == 0, width
        assert table.columnWidth(4) >= 6 * table.fontMetrics().horizontalAdvance("老"), width    # six characters
        assert not _office_names_cut(page), width


def _office_names_cut(page) -> list[str]:
    """The office names of the list not read whole: wider than their column on one line, or, wrapped in it,
    taller than their row."""
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QStyle
    table, cut = page.table, []
    fm = table.fontMetrics()
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1   # Qt's, each side
    for row in range(table.rowCount()):
        for col in (1, 2):
            name = table.item(row, col).text()
            room = QRect(0, 0, table.columnWidth(col) - 2 * margin, 10_000)
            needs = fm.boundingRect(room, int(Qt.TextFlag.TextWordWrap), name)
            if needs.width() > room.width() or needs.height() > table.rowHeight(row) - 4:
                cut.append(f"{name}: {table.columnWidth(col)}×{table.rowHeight(row)} for {needs.width()}×{needs.height()}")
    return cut


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_long_office_names_are_read_whole_at_1024_and_1366_pixels(net, qtbot, lang):
    """Walked at 1024×768: the 交办 list cut the offices' names (“小碧布依族…”), the columns a fixed 72 pixels. The
    names are read whole: their columns as wide as the names where there is room (1366), and a name that does not
    fit on one line wraps onto a second in a taller row (1024), the titles still in view."""
    from db.offices import rename_office
    c = net.db("C")
    rename_office(c, net.office("T1"), "小碧布依族苗族乡")          # Guiyang's longest township names
    rename_office(c, net.office("T2"), "黔陶布依族苗族乡")
    rename_office(c, net.office("D1"), "观山湖区政协")
    A.create_assignment(c, to=[net.office("D1")], title="老旧小区加装电梯专项民主监督", due_date="2026-12-20")
    net.send("C", "D1")
    d1 = net.db("D1")
    A.create_assignment(d1, to=[net.office("T1"), net.office("T2")], title="走访老旧小区，收集加装电梯意见",
                        due_date="2026-12-18")
    translations = QApplication.instance().translations
    translations.install(lang)
    try:
        district = ctx_of(net, "D1", lang=lang)
        page = page_of(qtbot, district)
        assert {a.receiver_name for a in page.rows} >= {"小碧布依族苗族乡", "黔陶布依族苗族乡", "观山湖区政协"}
        for width in (1024 - 8 - 176, 1366 - 8 - 176):
            page.resize(width, 700)
            settle(qtbot, district)
            table = page.table
            assert not _office_names_cut(page), (width, _office_names_cut(page))
            assert table.horizontalScrollBar().maximum() == 0, width
            assert table.columnWidth(4) >= 6 * table.fontMetrics().horizontalAdvance("老"), width
            if width > 1200:                     # room for every name on one line
                assert all(table.rowHeight(r) == table.verticalHeader().defaultSectionSize()
                           for r in range(table.rowCount())), width
            if os.environ.get("SHOTS"):
                page.grab().save(os.environ["SHOTS"] + f"-long-names-{lang}-{width}.png")
    finally:
        translations.install("zh_CN")


def test_an_overdue_state_is_read_whole_in_english(net, qtbot, monkeypatch):
    """Found walking in the English window: the state of an overdue assignment read “Received · over…”."""
    c = net.db("C")
    A.create_assignment(c, to=[net.office("D1")], title="防汛隐患排查情况报送", due_date="2026-11-26")
    net.send("C", "D1")
    d1 = net.db("D1")
    A.receive(d1, A.inbox(d1)[0].id)
    monkeypatch.setenv("LIAISON_DESK_TODAY", "2026-11-28")            # three days on: overdue
    translations = QApplication.instance().translations
    translations.install("en")
    try:
        district = ctx_of(net, "D1", lang="en")
        page = page_of(qtbot, district)
        page.resize(1366 - 176, 700)
        settle(qtbot, district)
        texts = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
        assert "Received · overdue" in texts, texts
        fm = page.table.fontMetrics()
        assert all(page.table.columnWidth(0) >= fm.horizontalAdvance(t) + 8 for t in texts), texts
    finally:
        translations.install("zh_CN")


def test_the_timeline_says_who_at_each_office_did_each_step(net, qtbot):
    """With accounts on, the follow-ups' timeline named the clerk of each step; the 交办 timeline named only
    the office: the city could not tell who at the district had sent a township's answer back."""
    from db import accounts
    d1, t1 = net.db("D1"), net.db("T1")
    A.create_assignment(d1, to=[net.office("T1")], title="养老服务中心走访", due_date="2026-12-20")
    net.send("D1", "T1")
    with accounts.acting(accounts.create_account(t1, "zhao", "town-pass-1", role=accounts.HEAD,
                                                 display_name="赵丽")):
        A.answer(t1, A.inbox(t1)[0].id, "已走访 2 处")
    net.send("T1", "D1")
    head = accounts.create_account(d1, "wang", "head-pass-1", role=accounts.HEAD, display_name="王芳")
    district = ctx_of(net, "D1")
    page = page_of(qtbot, district)
    page.direction.setCurrentIndex(page.direction.findData("sent"))
    settle(qtbot, district)
    select(qtbot, page, CODES["T1"])
    with accounts.acting(head):
        click(qtbot, page.return_button)
        page.dialog.text.setPlainText("请补充走访记录")
        press_ok(qtbot, district, page.dialog)
    timeline = page.timeline.toPlainText().split("办理过程")[1]
    assert "南明区政协（王芳）" in timeline and "退回重办" in timeline, timeline
    assert "新华路街道（赵丽）" in timeline
    net.send("D1", "T1")                                   # the township reads who sent it back, too
    assert "南明区政协（王芳）  退回重办" in A.chain_text(t1, page.current.id)


def test_a_steps_note_is_read_across_the_timeline_on_a_1024_pixel_screen(net, qtbot):
    """Found walking at 1024×768: the timeline's 说明 column was a few characters wide, a reason to send an
    answer back ran down the page one to four characters a line."""
    d1, t1 = net.db("D1"), net.db("T1")
    A.create_assignment(d1, to=[net.office("T1")], title="养老服务中心走访", due_date="2026-12-20")
    net.send("D1", "T1")
    A.answer(t1, A.inbox(t1)[0].id, "已走访 2 处")
    net.send("T1", "D1")
    district = ctx_of(net, "D1")
    page = page_of(qtbot, district)
    page.resize(1024 - 176, 700)
    page.direction.setCurrentIndex(page.direction.findData("sent"))
    settle(qtbot, district)
    select(qtbot, page, CODES["T1"])
    reason = "意见数量太少，请补充走访记录并附现场照片"
    click(qtbot, page.return_button)
    page.dialog.text.setPlainText(reason)
    press_ok(qtbot, district, page.dialog)
    settle(qtbot, district)
    doc = page.timeline.document()
    doc.setTextWidth(page.timeline.viewport().width())
    block = doc.begin()
    while block.isValid() and block.text().strip() != reason:      # the timeline's cell, not the summary's line
        block = block.next()
    assert block.isValid()
    assert block.layout().lineCount() <= 2, block.layout().lineCount()


def type_date(qtbot, field, text: str) -> None:
    """As a clerk does: click into the date, select what is there, type the date whole."""
    target = field.focusProxy() or field
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    qtbot.keyClick(target, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(target, ch)
        else:                                       # what a Chinese input method sends: the committed text
            ime = QInputMethodEvent()
            ime.setCommitString(ch)
            QApplication.sendEvent(target, ime)


def test_a_due_date_typed_whole_is_the_date_saved(net, qtbot, tmp_path):
    """Found walking the 交办 page at a city: 2027-01-15 typed into 办理时限 became 2026-… (QDateEdit edited one
    section at a time) and was refused as past. Typed whole, with / or full-width digits, it is what is saved."""
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    click(qtbot, page.new_button)
    dlg = page.dialog
    dlg.boxes[net.office("D1")].setChecked(True)
    dlg.title.setText("菜篮子价格监测")
    type_date(qtbot, dlg.due, "2027-01-15")
    dlg.resize(dlg.sizeHint())
    dlg.grab().save(str(tmp_path / "new.png"))
    press_ok(qtbot, city, dlg)
    assert not dlg.isVisible(), dlg.error.text()
    assert [a.due_date for a in page.rows] == ["2027-01-15"]
    assert dlg.due.findChild(QToolButton) is not None          # the calendar is still there to pick from
    click(qtbot, page.edit_button)
    ed = page.dialog
    type_date(qtbot, ed.due, "２０２７/1/10")                 # a Chinese input method's digits, slashes
    ed.grab().save(str(tmp_path / "edit.png"))
    press_ok(qtbot, city, ed)
    assert not ed.isVisible(), ed.error.text()
    assert A.get_assignment(net.db("C"), page.rows[0].id).due_date == "2027-01-10"
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    select(qtbot, dpage, CODES["D1"])
    click(qtbot, dpage.receive_button)
    settle(qtbot, district)
    click(qtbot, dpage.hand_down_button)
    hd = dpage.dialog
    hd.boxes[net.office("T1")].setChecked(True)
    type_date(qtbot, hd.due, "2027/1/8")
    press_ok(qtbot, district, hd)
    assert not hd.isVisible(), hd.error.text()
    assert [a.due_date for a in A.list_assignments(net.db("D1"), direction="sent")] == ["2027-01-08"]


def test_shortening_a_due_date_below_the_parts_handed_down_says_which(net, qtbot, monkeypatch):
    """Found walking the city and a district: the city shortened a 交办's due date after the district had handed
    parts down, and the townships' parts kept their later dates without a word. The parts are the district's to
    change (it sent them): the city is told which and asked (No by default); the district sees them marked."""
    from PySide6.QtWidgets import QMessageBox
    c, d1 = net.db("C"), net.db("D1")
    batch = A.create_assignment(c, to=[net.office("D1")], title="菜篮子价格监测", due_date="2027-01-20")
    net.send("C", "D1")
    mine = A.find(d1, batch, side="received")
    A.create_assignment(d1, to=[net.office("T1")], title="新华路菜场价格", parent_id=mine.id, due_date="2027-01-15")
    A.create_assignment(d1, to=[net.office("T2")], title="沙冲路菜场价格", parent_id=mine.id, due_date="2027-01-05")
    net.send("D1", "C")

    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    asked = []
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, text, _b, default: asked.append((title, text, default)) or next(answers))
    click(qtbot, page.edit_button)
    ed = page.dialog
    type_date(qtbot, ed.due, "2027-01-10")
    press_ok(qtbot, city, ed)                          # No: nothing is changed, the dialog stays
    (title, text, default), = asked
    assert default == QMessageBox.StandardButton.No
    assert "新华路街道" in text and "2027-01-15" in text and "2027-01-10" in text and "沙冲" not in text, text
    assert ed.isVisible() and A.get_assignment(c, mine.id).due_date == "2027-01-20"
    press_ok(qtbot, city, ed)                          # Yes: the city's own date changes, the district's parts not
    assert not ed.isVisible() and A.get_assignment(c, mine.id).due_date == "2027-01-10"
    assert sorted(p.due_date for p in A.chain(c, batch).rows if p.parent_id) == ["2027-01-05", "2027-01-15"]
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    select(qtbot, dpage, CODES["D1"])
    shown = dpage.timeline.toPlainText()
    assert shown.count("晚于上级时限 2027-01-10") == 1, shown
    dpage.direction.setCurrentIndex(dpage.direction.findData("sent"))
    settle(qtbot, district)
    select(qtbot, dpage, CODES["T1"])
    click(qtbot, dpage.edit_button)
    ded = dpage.dialog
    type_date(qtbot, ded.due, "2027-01-10")            # brought forward where it may be: at the district
    press_ok(qtbot, district, ded)
    assert not ded.isVisible(), ded.error.text()
    assert "晚于上级时限" not in dpage.timeline.toPlainText()


def test_the_sender_withdraws_an_assignment_made_by_mistake_and_the_receiver_sees_it_withdrawn(net, qtbot):
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="误发的交办",
                                due_date=(DEMO_TODAY + dt.timedelta(days=2)).isoformat())
    net.send("C", "D1")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    assert page.withdraw_button.text() == "撤回…"
    click(qtbot, page.withdraw_button)
    dlg = page.dialog
    from PySide6.QtWidgets import QLabel
    assert dlg.ok_button.text() == "撤回" and any("误发的交办" in lb.text() for lb in dlg.findChildren(QLabel))
    press_ok(qtbot, city, dlg)                        # a reason is asked for
    assert dlg.isVisible() and dlg.error.isVisible()
    dlg.text.setPlainText("发错了机构，应交云岩区")
    if os.environ.get("SHOTS"):
        dlg.grab().save(os.environ["SHOTS"] + "-withdraw-dialog.png")
    press_ok(qtbot, city, dlg)
    assert not dlg.isVisible()
    assert page.current.status == "withdrawn" and page.table.item(0, 0).text() == "已撤回"
    assert not page.withdraw_button.isEnabled() and not page.edit_button.isEnabled()
    shown = page.timeline.toPlainText()
    assert "撤回交办" in shown and "发错了机构，应交云岩区" in shown and "贵阳市政协" in shown, shown
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    from desktop.pages.home import HomePage
    home = HomePage(district)
    qtbot.addWidget(home)
    settle(qtbot, district)
    box = home.assignment_inbox                      # gone from its to-do list; a notice says why, for two weeks
    assert box.table.rowCount() == 1 and box.title.text() == "交办事项：已撤回 1 件"
    cells = [box.table.item(0, j).text() for j in range(5)]
    assert cells[0] == "已撤回" and cells[1] == "误发的交办（撤回理由：发错了机构，应交云岩区）" and cells[4] == "已撤回", cells
    assert cells[3] == DEMO_TODAY.isoformat() + " 撤回", cells
    dpage = page_of(qtbot, district)
    dpage.open_record(A.find(net.db("D1"), batch, side="received").id)
    settle(qtbot, district)
    assert dpage.current.status == "withdrawn" and dpage.table.item(0, 0).text() == "已撤回"
    for b in (dpage.receive_button, dpage.answer_button, dpage.hand_down_button, dpage.link_button):
        assert not b.isEnabled(), b.text()
    assert "贵阳市政协 撤回于" in dpage.timeline.toPlainText() and "发错了机构" in dpage.timeline.toPlainText()
    if os.environ.get("SHOTS"):
        dpage.grab().save(os.environ["SHOTS"] + "-withdrawn-page.png")


def test_a_district_whose_assignment_was_withdrawn_is_told_to_withdraw_the_parts_it_handed_down(net, qtbot):
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="误发的交办")
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="误发的交办", parent_id=mine.id)
    A.withdraw(net.db("C"), mine.id, "发错了")
    net.send("C", "D1")
    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert dpage.current.status == "withdrawn"
    assert "转交下级的 1 项仍在办理：请点“撤回…”一并撤回" in dpage.timeline.toPlainText()
    dpage.open_record(part)
    settle(qtbot, district)
    click(qtbot, dpage.withdraw_button)         # one part at a time, as before
    dpage.dialog.text.setPlainText("上级已撤回")
    press_ok(qtbot, district, dpage.dialog)
    assert A.find(net.db("D1"), part, side="sent").status == "withdrawn"
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert "仍在办理" not in dpage.timeline.toPlainText()


def test_closing_the_withdraw_dialog_never_withdraws_the_assignment(net, qtbot, monkeypatch):
    """Walked in a window: a reason typed into 撤回…, then 取消 — the clerk had decided to keep the assignment. The
    question offered 保存 as its default, and the reflexive Enter withdrew it, which cannot be undone. Closing now
    offers only 放弃 / 取消, with 取消 (back to the dialog) the default; only the dialog's own 撤回 withdraws."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
    A.create_assignment(net.db("C"), to=[net.office("D1")], title="留着的交办",
                        due_date=(DEMO_TODAY + dt.timedelta(days=2)).isoformat())
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    click(qtbot, page.withdraw_button)
    dlg = page.dialog
    dlg.text.setPlainText("想了想，先不撤回")
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _title, text, buttons, default: asked.append((text, buttons, default)) or default)
    click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel))      # Enter on the question
    settle(qtbot, city)
    (text, buttons, default), = asked
    assert default == QMessageBox.StandardButton.Cancel and not buttons & QMessageBox.StandardButton.Save
    assert buttons & QMessageBox.StandardButton.Discard and "放弃" in text and "保存" not in text, text
    assert dlg.isVisible() and page.current.status != "withdrawn"
    qtbot.keyClick(dlg, Qt.Key.Key_Escape)                                       # Esc asks the same
    settle(qtbot, city)
    assert len(asked) == 2 and dlg.isVisible() and page.current.status != "withdrawn"
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Discard)
    click(qtbot, dlg.buttons.button(QDialogButtonBox.StandardButton.Cancel))
    settle(qtbot, city)
    assert not dlg.isVisible()
    assert all(a.status != "withdrawn" for a in A.list_assignments(net.db("C"), direction="sent"))


def test_a_township_is_not_shown_a_stale_state_for_the_assignment_above_its_own(net, qtbot):
    """Walked in a window: the city withdrew its assignment and the district withdrew the part it had handed down; the
    township read its part 已撤回 under “贵阳市政协 → 南明区政协 · 已签收” — a copy as it was handed down, which no
    package updates. The row above the township's own now says its state is kept by the offices above."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    A.create_assignment(net.db("D1"), to=[net.office("T1")], title="新华路菜场价格", parent_id=mine.id,
                        due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    A.withdraw(net.db("C"), mine.id, "市里统一安排")
    net.send("C", "D1")
    part = next(a for a in A.list_assignments(net.db("D1"), direction="sent") if a.parent_id == mine.id)
    A.withdraw(net.db("D1"), part.id, "上级已撤回")
    net.send("D1", "T1")

    township = ctx_of(net, "T1")
    tpage = page_of(qtbot, township)
    tpage.open_record(part.id)
    settle(qtbot, township)
    shown = tpage.timeline.toPlainText()
    head = next(line for line in shown.splitlines() if "贵阳市政协 → 南明区政协" in line)
    assert "已签收" not in head and "待签收" not in head and "由上级掌握" in head, head
    assert "已撤回" in next(line for line in shown.splitlines() if "南明区政协 → 新华路街道" in line)

    district = ctx_of(net, "D1")                     # the district's own row: its real state, as before
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert "已撤回" in next(line for line in dpage.timeline.toPlainText().splitlines()
                         if "贵阳市政协 → 南明区政协" in line)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_districts_buttons_fit_a_1024_pixel_screen_in_both_languages(net, qtbot, lang):
    """撤回… joined the row of buttons today; in English a district's 交办 page then held the window past a 1024×768
    screen's edge (“Hand a part down…”, “Accept the answer”). Shorter English words; every button in reach."""
    translations = QApplication.instance().translations
    translations.install(lang)
    try:
        district = ctx_of(net, "D1", lang=lang)
        page = page_of(qtbot, district)
        assert page.withdraw_button.isVisible() and page.hand_down_button.isVisible()
        assert page.minimumSizeHint().width() <= 1024 - 8 - 176, page.minimumSizeHint().width()
        page.resize(1024 - 8 - 176, 700)
        QApplication.processEvents()
        for b in (page.new_button, page.withdraw_button, page.return_button):
            assert b.mapTo(page, b.rect().topRight()).x() <= page.width(), b.text()
    finally:
        translations.install("zh_CN")


def test_an_empty_reason_or_answer_is_refused_by_name(net, qtbot):
    """Walked in a window: 撤回 with no reason said “内容不能为空。” — which content, in a dialog about withdrawing? The
    refusal names what is missing (撤回理由, 反馈内容), at the text box, which keeps the focus."""
    A.create_assignment(net.db("C"), to=[net.office("D1")], title="空理由",
                        due_date=(DEMO_TODAY + dt.timedelta(days=2)).isoformat())
    net.send("C", "D1")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    click(qtbot, page.withdraw_button)
    dlg = page.dialog
    dlg.text.setPlainText("   ")
    press_ok(qtbot, city, dlg)
    assert dlg.isVisible() and "撤回理由" in dlg.error.text(), dlg.error.text()
    assert page.current.status != "withdrawn"
    dlg.text.setPlainText("")
    dlg._may_close = True
    dlg.done(0)

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    select(qtbot, dpage, CODES["D1"])
    click(qtbot, dpage.answer_button)
    ans = dpage.dialog
    press_ok(qtbot, district, ans)
    assert ans.isVisible() and "反馈内容" in ans.error.text(), ans.error.text()
    ans.done(0)


def test_a_district_is_not_asked_to_review_an_answer_under_an_assignment_the_city_withdrew(net, qtbot, monkeypatch):
    """Walked in a window: the city withdrew its assignment after the township had answered the part the district
    handed down; the district's 交办 page and home page went on showing the township's answer as 已反馈, to review
    (审核通过 / 退回… on). Nothing more is asked of anyone under a withdrawn assignment: the part reads withdrawn
    above, with the city's reason, and reviewing it is refused in words (the window, the command line)."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="新华路菜场价格", parent_id=mine.id,
                               due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    A.answer(net.db("T1"), A.find(net.db("T1"), part, side="received").id, "已走访三个菜场，价格平稳")
    net.send("T1", "D1")
    d1 = net.db("D1")
    assert A.find(d1, part, side="sent").status == "answered"           # to review, before the withdrawal
    A.withdraw(net.db("C"), mine.id, "市里统一安排，不再分头监测")
    net.send("C", "D1")

    sent = A.find(d1, part, side="sent")
    assert sent.status == "withdrawn" and sent.withdrawn_above
    assert not A.awaiting_review(d1) and all(i.kind != "review" for i in A.home_items(d1))
    assert [a.id for a in A.list_assignments(d1, status="answered")] == []
    assert sent.id in [a.id for a in A.list_assignments(d1, status="withdrawn")]
    from db.errors import StateError
    for review in (lambda: A.accept_answer(d1, sent.id), lambda: A.return_answer(d1, sent.id, "请补充")):
        with pytest.raises(StateError) as refused:
            review()
        assert "贵阳市政协" in refused.value.args[0] and "撤回" in refused.value.args[0] \
            and "无需审核" in refused.value.args[0], refused.value.args

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(part)
    settle(qtbot, district)
    assert dpage.current.id == sent.id
    row = next(i for i, a in enumerate(dpage.rows) if a.id == sent.id)
    assert dpage.table.item(row, 0).text() == "上级已撤回", dpage.table.item(row, 0).text()
    assert "市里统一安排" in dpage.table.item(row, 0).toolTip()
    assert not dpage.accept_button.isEnabled() and not dpage.return_button.isEnabled()
    assert dpage.withdraw_button.isEnabled()        # withdrawing it is what tells the township (its copy: 已反馈)
    line = next(ln for ln in dpage.timeline.toPlainText().splitlines() if "南明区政协 → 新华路街道" in ln)
    assert "上级已撤回" in line and "已反馈" not in line, line
    shown = dpage.timeline.toPlainText()
    assert "贵阳市政协撤回了上级交办" in shown and "市里统一安排，不再分头监测" in shown and "无需审核" in shown, shown
    assert "已走访三个菜场，价格平稳" in shown                          # the answer is kept, and shown
    from desktop.pages.home import HomePage
    home = HomePage(district)
    qtbot.addWidget(home)
    settle(qtbot, district)
    assert all(i.kind != "review" for i in home.assignment_inbox.items)

    import subprocess
    import sys
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "answer", sent.id, "--accept",
                          "--db", str(net.path("D1"))], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "LIAISON_DESK_TODAY": DEMO_TODAY.isoformat()})
    assert out.returncode != 0 and "无需审核" in out.stderr + out.stdout, (out.stdout, out.stderr)


def test_remove_a_file_is_off_until_there_is_a_file_to_take_off(net, qtbot, tmp_path, monkeypatch):
    """新建交办 / 反馈…: 移除 beside the files was on with no file in the list and did nothing when pressed."""
    from PySide6.QtWidgets import QFileDialog
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    click(qtbot, page.new_button)
    files = page.dialog.files
    assert files.list.count() == 0 and not files.remove_button.isEnabled()
    assert files.remove_button.toolTip() == "请先在列表中选择一个文件。"
    letter = tmp_path / "批示件.pdf"
    letter.write_bytes(b"%PDF-1.4 signed")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(letter)], ""))
    click(qtbot, files.add_button)
    assert files.paths() == [str(letter)] and files.remove_button.isEnabled()
    click(qtbot, files.remove_button)
    assert files.paths() == [] and not files.remove_button.isEnabled()
    page.dialog.reject()


def test_a_part_sent_back_is_withdrawn_by_its_sender_and_the_township_is_asked_no_more(net, qtbot):
    """The city withdrew its assignment; the district had sent a township's answer back (已退回), and 撤回… stayed off
    for that part: the township went on being asked to answer again work nobody asked for any more. A part sent
    back is withdrawn like one not answered yet, and the township's copy reads 已撤回 with nothing left to answer."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="新华路菜场价格", parent_id=mine.id,
                               due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    A.answer(net.db("T1"), A.find(net.db("T1"), part, side="received").id, "价格平稳")
    net.send("T1", "D1")
    A.return_answer(net.db("D1"), A.find(net.db("D1"), part, side="sent").id, "请补充涨价原因")
    net.send("D1", "T1")
    assert A.find(net.db("T1"), part, side="received").status == "returned"
    A.withdraw(net.db("C"), mine.id, "市里统一安排")
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(part)
    settle(qtbot, district)
    assert dpage.current.status == "returned"
    click(qtbot, dpage.withdraw_button)
    dpage.dialog.text.setPlainText("上级已撤回")
    press_ok(qtbot, district, dpage.dialog)
    assert not dpage.dialog.isVisible(), dpage.dialog.error.text()
    assert dpage.current.status == "withdrawn" and not dpage.withdraw_button.isEnabled()
    net.send("D1", "T1")

    township = ctx_of(net, "T1")
    tpage = page_of(qtbot, township)
    tpage.open_record(part)
    settle(qtbot, township)
    row = next(i for i, a in enumerate(tpage.rows) if a.id == tpage.current.id)
    assert tpage.table.item(row, 0).text() == "已撤回"
    assert not tpage.answer_button.isEnabled() and not tpage.link_button.isEnabled()
    assert "上级已撤回" in tpage.timeline.toPlainText()
    t1 = net.db("T1")
    assert A.list_assignments(t1, status="returned") == [] and A.reminders(t1) == []
    assert [(i.kind, i.assignment.id) for i in A.home_items(t1)] == [("withdrawn", tpage.current.id)]


def test_a_district_withdraws_every_part_left_open_in_one_step_and_the_township_reads_it_withdrawn(net, qtbot):
    """The city withdrew its assignment after a township had answered the district's part: the township's copy went
    on reading 已反馈 (it never holds the city's row), and the district had to find each part and withdraw it. The
    district's home page now asks it to (待撤回下级), 撤回… on its withdrawn assignment lists the parts still open with
    the city's reason, and 全部撤回 withdraws them all; the next package tells each township."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1"), net.office("T2")], title="菜场价格摸底",
                               parent_id=mine.id, due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    for t in ("T1", "T2"):
        net.send("D1", t)
    t1_row = A.find(net.db("T1"), part, side="received").id
    A.answer(net.db("T1"), t1_row, "已走访三个菜场，价格平稳")
    net.send("T1", "D1")
    A.withdraw(net.db("C"), mine.id, "市里统一安排，不再分头监测")
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    from desktop.pages.home import HomePage
    home = HomePage(district)
    qtbot.addWidget(home)
    settle(qtbot, district)
    box = home.assignment_inbox
    cells = [box.table.item(0, j).text() for j in range(5)]
    assert cells[0] == "待撤回下级" and "转交下级的 2 项仍在办理" in cells[3], cells
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert dpage.current.id == mine.id and dpage.current.status == "withdrawn"
    assert "一并撤回" in dpage.withdraw_button.toolTip()
    click(qtbot, dpage.withdraw_button)
    dlg = dpage.dialog
    listed = [dlg.parts.item(i).text() for i in range(dlg.parts.count())]
    assert len(listed) == 2 and "新华路街道 · 已反馈" in listed[0] and "待签收" in listed[1], listed
    assert dlg.text.toPlainText() == "贵阳市政协已撤回交办：市里统一安排，不再分头监测"
    assert dlg.ok_button.text() == "全部撤回"
    if os.environ.get("SHOTS"):
        dlg.grab().save(os.environ["SHOTS"] + "-withdraw-parts.png")
    press_ok(qtbot, district, dlg)
    assert not dlg.isVisible(), dlg.error.text()
    assert all(a.status == "withdrawn" and a.withdrawn_at for a in A.list_assignments(net.db("D1"), direction="sent"))
    assert not dpage.withdraw_button.isEnabled() and "仍在办理" not in dpage.timeline.toPlainText()
    settle(qtbot, district)
    assert [i.kind for i in box.items] == ["withdrawn"]
    net.send("D1", "T1")

    township = ctx_of(net, "T1")
    tpage = page_of(qtbot, township)
    tpage.open_record(t1_row)
    settle(qtbot, township)
    row = next(i for i, a in enumerate(tpage.rows) if a.id == t1_row)
    assert tpage.table.item(row, 0).text() == "已撤回", tpage.table.item(row, 0).text()
    shown = tpage.timeline.toPlainText()
    assert "贵阳市政协已撤回交办：市里统一安排" in shown and "已走访三个菜场，价格平稳" in shown, shown
    assert not tpage.answer_button.isEnabled()


def test_answering_up_says_which_parts_below_have_not_answered_yet(net, qtbot):
    """Walked in a window: the district accepted one township's answer and pressed 反馈… for the city; the dialog
    began with that answer and said nothing of the other township, which had not even received its part — the
    answer went up without it, and the township's later answer had nowhere to go. The dialog names the parts still
    open below, with their state."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1"), net.office("T2")], title="菜场价格摸底",
                               parent_id=mine.id, due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    A.answer(net.db("T1"), A.find(net.db("T1"), part, side="received").id, "价格平稳")
    net.send("T1", "D1")
    A.accept_answer(net.db("D1"), A.find(net.db("D1"), part, side="sent", office_code=CODES["T1"]).id)

    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    click(qtbot, dpage.answer_button)
    from PySide6.QtWidgets import QLabel
    caption = next(lb.text() for lb in dpage.dialog.findChildren(QLabel) if "向贵阳市政协反馈" in lb.text())
    assert "尚未反馈或尚未审核：中华南路街道（待签收）" in caption and "新华路街道" not in caption, caption
    assert dpage.dialog.text.toPlainText() == "新华路街道：价格平稳"
    if os.environ.get("SHOTS"):
        dpage.dialog.grab().save(os.environ["SHOTS"] + "-answer-up.png")
    dpage.dialog.done(0)


def test_after_each_step_the_page_says_the_other_office_learns_of_it_with_the_next_package(net, qtbot):
    """Walked in a window: the district pressed 反馈… › 确定 and the row turned 已反馈 — nothing said that the city would
    see it only once a package carried it there, and the clerk took the answer for sent. Each step taken here now
    says who learns of it, and when; choosing another row puts the line away."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert not dpage.notice.isVisible()
    click(qtbot, dpage.receive_button)
    settle(qtbot, district)
    assert dpage.notice.isVisible() and dpage.notice.text().startswith("已签收。贵阳市政协要在下次同步后才能看到")
    click(qtbot, dpage.hand_down_button)
    for t in ("T1", "T2"):
        dpage.dialog.boxes[net.office(t)].setChecked(True)
    press_ok(qtbot, district, dpage.dialog)
    assert not dpage.dialog.isVisible(), dpage.dialog.error.text()
    assert dpage.current.parent_id == mine.id
    assert dpage.notice.text().startswith("已转交下级。新华路街道、中华南路街道要在下次同步后"), dpage.notice.text()
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert not dpage.notice.isVisible()                     # another row: the line was about the parts
    click(qtbot, dpage.answer_button)
    dpage.dialog.text.setPlainText("已部署各街道摸底")
    press_ok(qtbot, district, dpage.dialog)
    assert dpage.current.id == mine.id and dpage.current.status == "answered"
    assert dpage.notice.isVisible() and "已反馈。贵阳市政协要在下次同步后才能看到" in dpage.notice.text()
    if os.environ.get("SHOTS"):
        dpage.grab().save(os.environ["SHOTS"] + "-notice.png")


def test_a_township_is_shown_only_the_steps_it_can_take(net, qtbot):
    """Walked in a window: a township's 交办 page showed 修改… 审核通过 退回… 撤回… greyed out whatever was chosen — a
    township never sends an assignment, so they never do anything there, and the clerk looked for what would turn
    them on. They are not shown at a township; its own steps are, and the district keeps all of them."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="新华路菜场价格", parent_id=mine.id,
                               due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    township = ctx_of(net, "T1")
    tpage = page_of(qtbot, township)
    tpage.open_record(part)
    settle(qtbot, township)
    for b in (tpage.new_button, tpage.hand_down_button, tpage.edit_button, tpage.accept_button, tpage.return_button,
              tpage.withdraw_button):
        assert not b.isVisible(), b.text()
    click(qtbot, tpage.receive_button)
    settle(qtbot, township)
    assert tpage.current.status == "accepted" and tpage.answer_button.isEnabled()
    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    for b in (dpage.new_button, dpage.hand_down_button, dpage.edit_button, dpage.accept_button, dpage.return_button,
              dpage.withdraw_button):
        assert b.isVisible(), b.text()


@pytest.mark.parametrize("width", [1024, 1366])
def test_the_home_pages_withdrawal_notice_is_read_whole(net, qtbot, width):
    """Walked in a window: the township's home page said “2026-12-05 撤回：贵阳市…” — the reason, who withdrew it
    above, cut after a few characters in the due date's column. It is read whole beside the title."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="走访老旧小区，收集加装电梯意见",
                               parent_id=mine.id, due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "T1")
    A.withdraw(net.db("C"), mine.id, "市里统一安排")
    net.send("C", "D1")
    A.withdraw_parts(net.db("D1"), mine.id)
    net.send("D1", "T1")
    township = ctx_of(net, "T1")
    from desktop.pages.home import HomePage
    home = HomePage(township)
    qtbot.addWidget(home)
    home.resize(width - 176, 700)
    home.show()
    settle(qtbot, township)
    box = home.assignment_inbox
    row = next(i for i, it in enumerate(box.items) if it.assignment.batch_id == part)
    table, fm = box.table, box.table.fontMetrics()
    texts = [table.item(row, j).text() for j in range(5)]
    col = next(j for j, text in enumerate(texts) if "市里统一安排" in text)
    assert "贵阳市政协已撤回交办：市里统一安排" in texts[col], texts
    from PySide6.QtCore import QRect
    wrapped = fm.boundingRect(QRect(0, 0, table.columnWidth(col) - 8, 10_000), int(Qt.TextFlag.TextWordWrap),
                              texts[col])
    assert wrapped.height() <= table.rowHeight(row) - 4, (texts[col], table.columnWidth(col), table.rowHeight(row))
    assert table.rowHeight(row) < wrapped.height() + fm.lineSpacing(), (wrapped.height(), table.rowHeight(row))
    others = [r for r in range(table.rowCount()) if r != row]
    assert all(table.rowHeight(r) == table.verticalHeader().defaultSectionSize() for r in others)
    if os.environ.get("SHOTS"):
        home.grab().save(os.environ["SHOTS"] + f"-home-withdrawn-{width}.png")


def test_the_city_sees_which_parts_below_its_withdrawal_are_still_asked_for(net, qtbot):
    """Walked in a window: the city withdrew its assignment and read the district's parts under it as 待签收 and
    上级已撤回 as if nothing were pending — the townships were still being asked for them until the district passed the
    withdrawal on. Each such part now says so, naming the office that has to withdraw it; once it has, the line reads
    已撤回 without it."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    A.create_assignment(net.db("D1"), to=[net.office("T1"), net.office("T2")], title="菜场价格摸底",
                        parent_id=mine.id, due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    net.send("D1", "C")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    click(qtbot, page.withdraw_button)
    from PySide6.QtWidgets import QLabel
    asked = next(lb.text() for lb in page.dialog.findChildren(QLabel) if "撤回交给南明区政协" in lb.text())
    assert asked.startswith("南明区政协已将其中部分转交下级，新华路街道、中华南路街道仍在办理：下次同步后南明区政协会被提示一并撤回"), \
        asked                                           # said before the city withdraws it
    page.dialog.text.setPlainText("市里统一安排")
    press_ok(qtbot, city, page.dialog)
    assert page.current.status == "withdrawn"

    def part_lines():
        shown = page.timeline.toPlainText().splitlines()
        return [ln for ln in shown if ln.startswith("南明区政协 → ")]
    lines = part_lines()
    assert len(lines) == 2 and all("待签收" in ln and "仍在办理：待南明区政协撤回" in ln for ln in lines), lines
    net.send("C", "D1")
    A.withdraw_parts(net.db("D1"), mine.id)
    net.send("D1", "C")
    page.refresh()
    settle(qtbot, city)
    lines = part_lines()
    assert len(lines) == 2 and all("已撤回" in ln and "待南明区政协撤回" not in ln for ln in lines), lines


def test_the_answer_and_send_back_dialogs_name_what_their_button_does(net, qtbot):
    """Walked in a window: 撤回… ended on 撤回, but 反馈… and 退回… on 确定 — which, in a dialog about sending an answer
    back, did not say whether it sent it back. Each names its step."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(A.find(net.db("D1"), batch, side="received").id)
    settle(qtbot, district)
    click(qtbot, dpage.answer_button)
    assert dpage.dialog.ok_button.text() == "反馈"
    dpage.dialog.text.setPlainText("已报送")
    press_ok(qtbot, district, dpage.dialog)
    net.send("D1", "C")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    click(qtbot, page.return_button)
    assert page.dialog.ok_button.text() == "退回"
    page.dialog.text.setPlainText("请补充")
    press_ok(qtbot, city, page.dialog)
    assert page.current.status == "returned"


def test_the_timeline_has_no_sideways_scroll_bar_with_nothing_to_scroll(net, qtbot):
    """Walked in a window: under a township's timeline sat a sideways scroll bar that scrolled one pixel (its table of
    steps, 100% wide, came out a pixel wider than the view at every other width)."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    A.create_assignment(net.db("D1"), to=[net.office("T1")], title="菜场价格摸底", parent_id=mine.id)
    net.send("D1", "T1")
    township = ctx_of(net, "T1")
    page = page_of(qtbot, township)
    for width in range(1180, 1192):
        page.resize(width, 740)
        settle(qtbot, township)
        assert page.timeline.horizontalScrollBar().maximum() == 0, (width, page.timeline.document().idealWidth())


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_home_pages_call_to_withdraw_parts_is_read_whole_at_1024_pixels(net, qtbot, lang):
    """In English at 1024 pixels the home page's 待撤回下级 row read “2 parts handed down still…”."""
    translations = QApplication.instance().translations
    translations.install(lang)
    QApplication.processEvents()
    try:
        batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                    due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
        net.send("C", "D1")
        mine = A.find(net.db("D1"), batch, side="received")
        A.create_assignment(net.db("D1"), to=[net.office("T1"), net.office("T2")], title="菜场价格摸底",
                            parent_id=mine.id)
        A.withdraw(net.db("C"), mine.id, "市里统一安排")
        net.send("C", "D1")
        district = ctx_of(net, "D1", lang=lang)
        from desktop.pages.home import HomePage
        home = HomePage(district)
        qtbot.addWidget(home)
        home.resize(1024 - 176, 700)
        home.show()
        settle(qtbot, district)
        table = home.assignment_inbox.table
        text = table.item(0, 3).text()
        assert "2" in text and table.fontMetrics().horizontalAdvance(text) + 8 <= table.columnWidth(3), text
    finally:
        translations.install("zh_CN")
        QApplication.processEvents()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_home_boxs_heading_counts_what_it_lists(net, qtbot, lang):
    """Walked in a window: the district's home page said “交办事项：新交办 0 件” over an answer to review — the clerk
    read that there was nothing to do. The heading counts each kind the box lists."""
    translations = QApplication.instance().translations
    translations.install(lang)
    QApplication.processEvents()
    try:
        due = (DEMO_TODAY + dt.timedelta(days=20)).isoformat()
        first = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测", due_date=due)
        net.send("C", "D1")
        mine = A.find(net.db("D1"), first, side="received")
        part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="菜场价格摸底", parent_id=mine.id)
        net.send("D1", "T1")
        A.answer(net.db("T1"), A.find(net.db("T1"), part, side="received").id, "价格平稳")
        net.send("T1", "D1")
        district = ctx_of(net, "D1", lang=lang)
        from desktop.pages.home import HomePage
        home = HomePage(district)
        qtbot.addWidget(home)
        home.resize(1024 - 176, 700)
        home.show()
        settle(qtbot, district)
        box = home.assignment_inbox
        assert [i.kind for i in box.items] == ["review"]
        assert box.title.text() == {"zh_CN": "交办事项：待审核反馈 1 件",
                                    "en": "Assignments — answers to review: 1"}[lang], box.title.text()
        A.create_assignment(net.db("C"), to=[net.office("D1")], title="背街小巷路灯", due_date=due)
        net.send("C", "D1")
        box.refresh()
        settle(qtbot, district)
        assert [i.kind for i in box.items] == ["new", "review"]
        assert box.title.text() == {"zh_CN": "交办事项：新交办 1 件，待审核反馈 1 件",
                                    "en": "Assignments — new: 1, answers to review: 1"}[lang], box.title.text()
        if os.environ.get("SHOTS"):
            home.grab().save(os.environ["SHOTS"] + f"-home-heading-{lang}.png")
    finally:
        translations.install("zh_CN")
        QApplication.processEvents()


def _answered_up_with_parts_open(net):
    """The district handed parts to T1 (answered, sent back) and T2 (not received), then answered the city."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测",
                                due_date=(DEMO_TODAY + dt.timedelta(days=20)).isoformat())
    net.send("C", "D1")
    mine = A.find(net.db("D1"), batch, side="received")
    part = A.create_assignment(net.db("D1"), to=[net.office("T1"), net.office("T2")], title="菜场价格摸底",
                               parent_id=mine.id, due_date=(DEMO_TODAY + dt.timedelta(days=10)).isoformat())
    for t in ("T1", "T2"):
        net.send("D1", t)
    t1_row = A.find(net.db("T1"), part, side="received").id
    A.answer(net.db("T1"), t1_row, "价格平稳")
    net.send("T1", "D1")
    A.return_answer(net.db("D1"), t1_row, "请补充蔬菜品种")
    A.answer(net.db("D1"), mine.id, "全区菜价平稳")
    net.send("D1", "C")
    return batch, mine, t1_row


def _city_accepts(net, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, title, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    click(qtbot, page.accept_button)
    settle(qtbot, city)
    assert page.current.status == "done"
    return page, asked


def test_the_city_accepts_while_parts_are_open_below_and_the_district_withdraws_them(net, qtbot, monkeypatch):
    """The city accepted the district's answer (审核通过 → 已办结) while one township's part was sent back and the other
    not even received: both townships were still asked for it and nobody was prompted. The city is told when it
    accepts; the district's home page and timeline ask it to close them, and 撤回… › 全部撤回 withdraws them with
    上级已办结; the townships read it withdrawn after the next package."""
    batch, mine, t1_row = _answered_up_with_parts_open(net)
    page, asked = _city_accepts(net, qtbot, monkeypatch)
    (text,) = asked
    assert "南明区政协转交下级的部分仍在办理：新华路街道（已退回）、中华南路街道（待签收）" in text, text
    lines = [ln for ln in page.timeline.toPlainText().splitlines() if ln.startswith("南明区政协 → ")]
    assert len(lines) == 2 and all("仍在办理：待南明区政协撤回" in ln for ln in lines), lines
    net.send("C", "D1")

    district = ctx_of(net, "D1")
    from desktop.pages.home import HomePage
    home = HomePage(district)
    qtbot.addWidget(home)
    settle(qtbot, district)
    box = home.assignment_inbox
    cells = [box.table.item(0, j).text() for j in range(5)]
    assert cells[0] == "待撤回下级" and "转交下级的 2 项仍在办理" in cells[3] and cells[4] == "已办结", cells
    assert box.title.text() == "交办事项：待撤回下级 1 件"
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    assert dpage.current.status == "done"
    assert "已办结，但转交下级的 2 项仍在办理" in dpage.timeline.toPlainText()
    assert "保留" in dpage.withdraw_button.toolTip()
    if os.environ.get("SHOTS"):
        dpage.grab().save(os.environ["SHOTS"] + "-done-parts-page.png")
        home.resize(1024 - 176, 700)
        home.show()
        home.grab().save(os.environ["SHOTS"] + "-done-parts-home.png")
    click(qtbot, dpage.withdraw_button)
    dlg = dpage.dialog
    assert dlg.text.toPlainText() == "上级已办结：贵阳市政协已审核通过南明区政协的反馈"
    assert dlg.ok_button.text() == "全部撤回" and dlg.keep_button.text() == "保留，继续办理"
    listed = [dlg.parts.item(i).text() for i in range(dlg.parts.count())]
    assert len(listed) == 2 and "已退回" in listed[0] and "待签收" in listed[1], listed
    if os.environ.get("SHOTS"):
        dlg.grab().save(os.environ["SHOTS"] + "-done-parts-dialog.png")
    press_ok(qtbot, district, dlg)
    assert not dlg.isVisible(), dlg.error.text()
    settle(qtbot, district)
    assert box.items == [] and not dpage.withdraw_button.isEnabled()
    assert "仍在办理" not in dpage.timeline.toPlainText()
    for t in ("T1", "T2"):
        net.send("D1", t)
        (row,) = A.list_assignments(net.db(t), direction="received")
        assert row.status == "withdrawn" and row.withdrawn_note.startswith("上级已办结"), row
    township = ctx_of(net, "T1")
    tpage = page_of(qtbot, township)
    tpage.open_record(t1_row)
    settle(qtbot, township)
    assert tpage.current.status == "withdrawn" and not tpage.answer_button.isEnabled()


def test_the_district_keeps_the_parts_below_open_and_is_asked_no_more(net, qtbot, monkeypatch):
    batch, mine, t1_row = _answered_up_with_parts_open(net)
    _city_accepts(net, qtbot, monkeypatch)
    net.send("C", "D1")
    district = ctx_of(net, "D1")
    dpage = page_of(qtbot, district)
    dpage.open_record(mine.id)
    settle(qtbot, district)
    click(qtbot, dpage.withdraw_button)
    dlg = dpage.dialog
    click(qtbot, dlg.keep_button)
    settle(qtbot, district)
    assert not dlg.isVisible(), dlg.error.text()
    assert A.home_items(net.db("D1")) == [] and not dpage.withdraw_button.isEnabled()
    shown = dpage.timeline.toPlainText()
    assert "保留下级办理" in shown and "新华路街道（已退回）、中华南路街道（待签收）" in shown and "仍在办理" not in shown, shown
    assert dpage.notice.text().startswith("已保留下级办理。贵阳市政协要在下次同步后"), dpage.notice.text()
    net.send("D1", "T1")
    assert A.get_assignment(net.db("T1"), t1_row).status == "returned"      # the work goes on below
    net.send("D1", "C")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    lines = [ln for ln in page.timeline.toPlainText().splitlines() if ln.startswith("南明区政协 → ")]
    assert len(lines) == 2 and all("由南明区政协保留继续办理" in ln for ln in lines), lines


def test_accepting_an_answer_asks_with_buttons_named_for_it_and_enter_does_not_accept(net, qtbot, monkeypatch):
    """审核通过 asked 是(Y)/否(N): what 是 did was read only in the question. The box says 审核通过 / 取消, with 取消 the
    default: an Enter pressed out of habit does not close the assignment for good; the named button does."""
    from PySide6.QtTest import QTest

    from tests.desktop.confirm_box import button, on_the_box, real_box
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="菜篮子价格监测")
    net.send("C", "D1")
    A.answer(net.db("D1"), A.find(net.db("D1"), batch, side="received").id, "全区菜价平稳")
    net.send("D1", "C")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    select(qtbot, page, CODES["D1"])
    real_box(monkeypatch)                                  # the real box, its real modal loop

    def enter(box):
        if os.environ.get("SHOTS"):
            box.grab().save(os.environ["SHOTS"] + "-confirm-accept.png")
        accept = button(box, "审核通过")
        accept.setFocus()                                  # even on the step's own button (Tab pressed before)
        QTest.keyClick(accept, Qt.Key.Key_Return)
    seen = on_the_box(enter)
    click(qtbot, page.accept_button)
    settle(qtbot, city)
    assert seen["buttons"] == sorted(["审核通过", "取消"]) and seen["default"] == "取消", seen
    assert seen["escape"] == "取消" and "南明区政协" in seen["text"], seen
    assert page.current.status == "answered"                           # Enter: nothing done

    seen = on_the_box(lambda box: qtbot.mouseClick(button(box, "审核通过"), Qt.MouseButton.LeftButton))
    click(qtbot, page.accept_button)
    settle(qtbot, city)
    assert seen["buttons"] and page.current.status == "done"


def test_an_assignment_whose_state_is_damaged_is_listed_and_shown_as_such(net, qtbot):
    """A state this program does not know (a record changed outside it) crashed the list (KeyError), as it did
    the command line's `assignments --show`: the 交办 page lists it, and shows its timeline, as damaged."""
    import sqlite3
    c = net.db("C")
    aid = A.create_assignment(c, to=[net.office("D1")], title="损坏状态试验", due_date="2026-12-20")
    net.close()
    with sqlite3.connect(net.path("C")) as conn:
        conn.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        conn.execute("UPDATE assignment SET state = 'x' WHERE ? IN (id, batch_id)", [aid])
        conn.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    city = ctx_of(net, "C")
    page = page_of(qtbot, city)
    row = next(i for i, a in enumerate(page.rows) if a.title == "损坏状态试验")
    assert page.table.item(row, 0).text() == "状态无法识别：x"
    page.table.setCurrentCell(row, 0)
    settle(qtbot, city)
    assert "状态无法识别：x" in page.timeline.toPlainText()
    assert not city.errors.shown


def test_a_paste_too_long_for_an_assignment_title_says_the_titles_own_limit_in_english(net, qtbot, tmp_path):
    """Found walking in English: 50 000 characters pasted into 新建交办's and 修改交办's title said a one-line field
    holds at most 32767 — Qt's limit, not the 200 a title may have (db.model), as the main forms now say."""
    from PySide6.QtTest import QTest
    translations = QApplication.instance().translations
    translations.install("en")
    try:
        city = ctx_of(net, "C", lang="en")
        A.create_assignment(net.db("C"), to=[net.office("D1")], title="防汛隐患排查情况报送", due_date="2026-12-20")
        page = page_of(qtbot, city)
        QApplication.clipboard().setText("字" * 50_000)
        click(qtbot, page.new_button)
        dlg = page.dialog
        assert dlg.boxes[net.office("D1")].text() == f"南明区政协 ({CODES['D1']})"     # English brackets too
        dlg.title.setFocus()
        QTest.keyClick(dlg.title, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert dlg.title.text() == ""
        assert dlg.error.isVisible() and dlg.error.text() == (
            "Nothing was pasted: 50000 characters, and Title holds at most 200. "
            "Shorten it first (it is still on the clipboard)."), dlg.error.text()
        dlg.grab().save(str(tmp_path / "new-assignment-paste-en.png"))
        dlg._may_close = True
        dlg.done(0)
        select(qtbot, page, CODES["D1"])
        click(qtbot, page.edit_button)
        ed = page.dialog
        ed.title.setFocus()
        ed.title.selectAll()
        QTest.keyClick(ed.title, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert ed.title.text() == "防汛隐患排查情况报送"
        assert "Title holds at most 200" in ed.error.text() and "32767" not in ed.error.text(), ed.error.text()
        QApplication.clipboard().setText("字" * 300)          # past the title's 200: refused, never cut there
        QTest.keyClick(ed.title, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert ed.title.text() == "防汛隐患排查情况报送"
        assert ed.error.text().startswith("Nothing was pasted: 300 characters"), ed.error.text()
        ed._may_close = True
        ed.done(0)
    finally:
        translations.install("zh_CN")


def test_the_notes_the_program_writes_on_the_timeline_are_read_in_english(net, qtbot, tmp_path):
    """Found walking in English: the 交办 timeline said “标题、办理时限（办理时限改为 2026-12-20）” and “南明区政协、
    云岩区政协：…” under its steps. Stored as every release wrote them (they travel so); said in English."""
    c = net.db("C")
    A.create_assignment(c, to=[net.office("D1")], title="防汛隐患排查情况报送", due_date="2026-12-20")
    translations = QApplication.instance().translations
    translations.install("en")
    try:
        city = ctx_of(net, "C", lang="en")
        page = page_of(qtbot, city)
        select(qtbot, page, CODES["D1"])
        click(qtbot, page.edit_button)                  # the sender corrects the title and the due date
        ed = page.dialog
        ed.title.setText("防汛隐患排查情况报送（第二批）")
        ed.due.setText("2026-12-22")
        press_ok(qtbot, city, ed)
        stored = c.execute("SELECT note FROM state_event WHERE subject_id = ? AND to_state = 'edited'",
                           [page.current.id]).fetchone()[0]
        assert stored == "标题、办理时限（办理时限改为 2026-12-22）"           # as every release wrote it
        timeline = page.timeline.toPlainText()
        assert "Title, Due date (due date changed to 2026-12-22)" in timeline, timeline
        assert "办理时限" not in timeline and "、" not in timeline.split("Timeline")[-1]
        net.send("C", "D1")
        district = ctx_of(net, "D1", lang="en")
        dpage = page_of(qtbot, district)
        click(qtbot, dpage.receive_button)
        settle(qtbot, district)
        click(qtbot, dpage.hand_down_button)
        hd = dpage.dialog
        for t in ("T1", "T2"):
            hd.boxes[net.office(t)].setChecked(True)
        press_ok(qtbot, district, hd)
        dpage.direction.setCurrentIndex(dpage.direction.findData("received"))
        settle(qtbot, district)
        stored = net.db("D1").execute("SELECT note FROM state_event WHERE to_state = 'handed_down'").fetchone()[0]
        names = stored.split("：")[0].split("、")
        assert len(names) == 2 and stored == "、".join(names) + "：防汛隐患排查情况报送（第二批）"
        shown = dpage.timeline.toPlainText()
        assert f"{', '.join(names)}: 防汛隐患排查情况报送（第二批）" in shown, shown
        dpage.grab().save(str(tmp_path / "assignments-timeline-en.png"))
        net.send("D1", "T1")
        town = ctx_of(net, "T1", lang="en")
        tpage = page_of(qtbot, town)
        select(qtbot, tpage, CODES["T1"])
        click(qtbot, tpage.link_button)                 # the township links a follow-up or visit of its own
        ld = tpage.dialog
        assert ld.list.count() > 0
        offered = [ld.list.item(i).text() for i in range(ld.list.count())]
        assert not any(t.startswith(("督办事项 ", "走访接待 ", "会议 ", "社情民意 ")) for t in offered), offered
        linked = ld.list.item(0).text()
        assert linked.startswith(("Follow-up ", "Visit ", "Meeting ", "Public-opinion report ")), linked
        press_ok(qtbot, town, ld)
        shown = tpage.timeline.toPlainText()
        assert f"Work done for it: {linked}" in shown, shown
        assert shown.count(linked) == 2, shown              # and under the step “Linked a record”
        tpage.grab().save(str(tmp_path / "assignments-linked-en.png"))
    finally:
        translations.install("zh_CN")
    chinese = ctx_of(net, "C")
    cpage = page_of(qtbot, chinese)
    select(qtbot, cpage, CODES["D1"])
    assert "标题、办理时限（办理时限改为 2026-12-22）" in cpage.timeline.toPlainText()       # in Chinese as stored
