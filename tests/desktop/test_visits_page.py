"""The visits page and editor: log a reception day (坐诊) with its members, make a report from it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db import visits as vs
from db.reference import id_by_code


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


@pytest.fixture
def visit_editor(ctx):
    made = []

    def make(record_id=None, **kw):
        from desktop.dialogs.visit_editor import VisitEditor
        editor = VisitEditor(ctx, record_id, None, **kw)
        editor.show()
        made.append(editor)
        return editor
    yield make
    for e in made:
        try:
            e._may_close = True
            e.close()
        except RuntimeError:
            pass


def test_log_a_reception_day_with_the_members_who_went(ctx, qtbot, visit_editor):
    e = visit_editor()
    rows = e.form.rows
    reception = id_by_code(ctx.db, "visit_kind")["reception"]
    assert rows["kind_id"].value() == reception                    # 坐诊 is the default kind
    rows["visit_date"].editor.setText("2026-11-20")
    rows["start_time"].editor.setText("09:00")
    rows["place"].editor.setText("新华路街道委员联络站")
    rows["people_reached"].editor.setValue(18)
    rows["heard"].editor.setPlainText("群众反映小区夜间停车难，消防通道被占用。")
    assert e.members.list.count() > 2
    first, second = e.members.list.item(0), e.members.list.item(1)
    first.setCheckState(Qt.CheckState.Checked)
    second.setCheckState(Qt.CheckState.Checked)
    names = [first.text(), second.text()]
    assert e.save()
    idle(ctx, qtbot)
    assert not ctx.errors.shown and e.record_id
    v = vs.load_visit(ctx.db, e.record_id)
    assert (v.kind_code, v.visit_date, v.start_time, v.people_reached) == ("reception", "2026-11-20", "09:00", 18)
    assert [m.name for m in v.members] == names
    assert v.heard == "群众反映小区夜间停车难，消防通道被占用。"


def test_bad_time_and_date_are_refused(ctx, qtbot, visit_editor):
    e = visit_editor()
    before = vs.count_visits(ctx.db)
    e.form.rows["start_time"].editor.setText("9点")
    e.form.rows["visit_date"].editor.setText("2026-02-30")
    assert not e.save()
    assert e.form.rows["start_time"].message and "2026-02-30" in e.form.rows["visit_date"].message
    idle(ctx, qtbot)
    assert vs.count_visits(ctx.db) == before


def test_make_a_report_and_a_follow_up_from_a_visit(ctx, qtbot, visit_editor):
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    e = visit_editor(vid)
    e.report_button.click()
    qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
    heard = vs.load_visit(ctx.db, vid).heard
    assert not heard or e.from_dialog.title.text() and heard.startswith(e.from_dialog.title.text().rstrip("…"))
    e.from_dialog.title.setText("关于解决小区停车难的建议")
    e.from_dialog.accept()
    idle(ctx, qtbot)
    e.follow_up_button.click()
    qtbot.waitUntil(lambda: e.from_dialog.isVisible() and e.from_dialog.lead_unit is not None)
    e.from_dialog.title.setText("清理消防通道")
    e.from_dialog.lead_unit.setText("新华路街道办事处")
    e.from_dialog.accept()
    idle(ctx, qtbot)
    v = vs.load_visit(ctx.db, vid)
    assert "关于解决小区停车难的建议" in [o.title for o in v.opinions]
    assert "清理消防通道" in [f.title for f in v.follow_ups]
    assert "清理消防通道" in e.made.text()


@pytest.mark.parametrize("heard, title", [
    ("群众反映小区夜间停车难，消防通道被占用。居民希望增设停车位。", "群众反映小区夜间停车难，消防通道被占用"),
    ("年轻人希望获得免费技能培训；群众反映市场门口摊贩占道堵路。", "年轻人希望获得免费技能培训"),
    ("居民反映幸福社区老旧小区化粪池堵塞，污水外溢，夏天气味很大，孩子上学要绕路，老人出门不便，多次找物业未果。",
     "居民反映幸福社区老旧小区化粪池堵塞，污水外溢，夏天气味很大"),
])
def test_a_report_made_from_a_visit_is_offered_a_short_title_without_a_full_stop(ctx, qtbot, visit_editor, heard,
                                                                                  title):
    """Found walking: 生成社情民意信息 offered the visit's whole first sentence as the title, ending with 。"""
    e = visit_editor()
    rows = e.form.rows
    rows["visit_date"].editor.setText("2026-11-20")
    rows["place"].editor.setText("新华路街道委员联络站")
    rows["heard"].editor.setPlainText(heard)
    e.members.list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(e.report_button, Qt.MouseButton.LeftButton)        # saves the visit first, then asks
    qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible(),
                    timeout=10_000)
    offered = e.from_dialog.title.text()
    assert offered == title and not offered.endswith("。") and len(offered) <= 30
    e.from_dialog.reject()


def test_visits_page_filters_by_kind_and_group(window, qtbot):
    page = window.show_page("visits")
    ctx = window.ctx
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    assert page.model.total == vs.count_visits(ctx.db)
    joint = id_by_code(ctx.db, "visit_kind")["joint"]
    page.kind_filter.setCurrentIndex(page.kind_filter.findData(joint))
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=10_000)
    assert page.model.total == vs.count_visits(ctx.db, vs.VisitFilter(kind_id=joint)) > 0
    page.kind_filter.setCurrentIndex(0)
    idle(ctx, qtbot)


def test_search_box_finds_visits_and_reports_by_the_members_name(ctx, qtbot):
    """The 参加委员 and 报送人 columns show names the search box did not know: typing 韦秀英 into the visits'
    or the reports' search found nothing (0 条), though her name stood in half the rows."""
    from desktop.pages.opinions import OpinionsPage
    from desktop.pages.visits import VisitsPage
    mid, name = ctx.db.execute(
        "SELECT m.id, m.name FROM member m WHERE EXISTS (SELECT 1 FROM visit_member vm WHERE vm.member_id = m.id "
        "AND vm.deleted = 0) AND EXISTS (SELECT 1 FROM opinion_report o WHERE o.reporter_id = m.id "
        "AND o.deleted = 0) ORDER BY m.name LIMIT 1").fetchone()
    went = {r[0] for r in ctx.db.execute("SELECT v.id FROM visit v JOIN visit_member vm ON vm.visit_id = v.id "
                                         "WHERE vm.member_id = ? AND vm.deleted = 0 AND v.deleted = 0", [mid])}
    reported = {r[0] for r in ctx.db.execute("SELECT id FROM opinion_report WHERE reporter_id = ? AND deleted = 0",
                                             [mid])}
    for cls, expected in ((VisitsPage, went), (OpinionsPage, reported)):
        page = cls(ctx)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        qtbot.waitUntil(lambda p=page: p.model.total is not None, timeout=10_000)
        page.search.insert(name)                    # as the input method commits it
        qtbot.waitUntil(lambda p=page: p.model.search_text == name and p.model.total is not None
                        and not p.model.is_loading(), timeout=10_000)
        shown = {page.model.row_id(r) for r in range(page.model.rowCount())}
        assert expected <= shown and page.model.total == len(shown), cls.__name__


def test_a_visit_dated_after_today_is_asked_about(ctx, qtbot, visit_editor, monkeypatch, no_modal_dialogs):
    """2099-12-05 typed for 2026-12-05: the reception day was saved into a year to come, unasked, and fell out
    of this year's figures. Now the date is asked about, No (the default) keeps the editor open."""
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox
    e = visit_editor()
    rows = e.form.rows
    rows["visit_date"].editor.setText("2099-12-05")
    rows["place"].editor.setText("新华路街道委员之家")
    e.members.list.item(0).setCheckState(Qt.CheckState.Checked)
    before = vs.count_visits(ctx.db)
    save = e.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)              # the question answers No (not Yes)
    idle(ctx, qtbot)
    assert any("2099-12-05" in text for _title, text in no_modal_dialogs)
    assert vs.count_visits(ctx.db) == before and e.isVisible() and not e.record_id
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(e.saved, timeout=5000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert vs.load_visit(ctx.db, e.record_id).visit_date == "2099-12-05"


def test_an_empty_file_is_not_attached(ctx, qtbot, visit_editor, monkeypatch, tmp_path):
    """A scan that never finished (0 bytes) was attached as 签到表 without a word, and opened to nothing."""
    from PySide6.QtWidgets import QFileDialog

    from db.attachments import list_attachments
    empty = tmp_path / "签到表.pdf"
    empty.write_bytes(b"")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(empty)], ""))
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    e = visit_editor(vid)
    before = len(list_attachments(ctx.db, "visit", vid))
    qtbot.mouseClick(e.attachments.add_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert ctx.errors.shown and ctx.errors.shown[-1].code == "empty_file" and "签到表.pdf" in ctx.errors.shown[-1].text
    assert len(list_attachments(ctx.db, "visit", vid)) == before


def test_a_time_typed_with_full_width_digits_is_taken(ctx, qtbot, visit_editor):
    """０９：３０ from a Chinese input method in full-width mode: refused with 时间“０９:３０”格式不对，应为 09:30."""
    from PySide6.QtWidgets import QDialogButtonBox
    e = visit_editor()
    rows = e.form.rows
    rows["start_time"].editor.insert("０９：３０")           # as the input method commits it
    rows["place"].editor.insert("新华路街道委员之家")
    e.members.list.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert not ctx.errors.shown, ctx.errors.shown
    assert e.record_id, {n: r.message for n, r in rows.items() if r.message}
    assert vs.load_visit(ctx.db, e.record_id).start_time == "09:30"


def test_several_files_at_once_add_every_good_one_and_name_the_refused(ctx, qtbot, visit_editor, monkeypatch,
                                                                       tmp_path):
    """Found walking: [photo, an empty file, a too-large file, a PDF] chosen in one 添加文件… added the photo, showed
    the refusal and silently skipped the PDF. Every good file is added now, and one message names the refused ones
    and why."""
    from PySide6.QtWidgets import QFileDialog

    from db.attachments import MAX_SIZE, list_attachments
    photo, empty, huge, pdf = (tmp_path / n for n in ("现场.jpg", "签到表.pdf", "录像.mp4", "会议材料.pdf"))
    photo.write_bytes(b"\xff\xd8\xff photo")
    empty.write_bytes(b"")
    with open(huge, "wb") as fh:                          # sparse: no disk used
        fh.truncate(MAX_SIZE + 1)
    pdf.write_bytes(b"%PDF-1.4 material")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(p) for p in (photo, empty, huge, pdf)],
                                                                          ""))
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    e = visit_editor(vid)
    before = {a.name for a in list_attachments(ctx.db, "visit", vid)}
    qtbot.mouseClick(e.attachments.add_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert {a.name for a in list_attachments(ctx.db, "visit", vid)} - before == {"现场.jpg", "会议材料.pdf"}
    shown = [e.attachments.table.item(r, 0).text() for r in range(e.attachments.table.rowCount())]
    assert "现场.jpg" in shown and "会议材料.pdf" in shown
    assert len(ctx.errors.shown) == 1, ctx.errors.shown
    text = ctx.errors.shown[0].text
    assert "已添加 2 个" in text and "签到表.pdf" in text and "是空的" in text and "录像.mp4" in text and "太大" in text
    assert "现场.jpg" not in text and "会议材料.pdf" not in text


def test_open_copy_and_remove_wait_for_a_file_chosen_and_remove_that_file(ctx, qtbot, visit_editor, monkeypatch,
                                                                          tmp_path):
    """附件: 打开, 另存副本… and 删除 were on with no file chosen (or none at all) and did nothing when pressed; after
    a file above was removed, the choice stayed on its row, now the next file's."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from db.attachments import list_attachments
    files = [tmp_path / n for n in ("签到表.pdf", "现场.jpg")]
    for f in files:
        f.write_bytes(b"%PDF-1.4 " + f.name.encode())
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    e = visit_editor(vid)
    panel = e.attachments
    assert panel.table.rowCount() == 0
    assert not any(b.isEnabled() for b in (panel.open_button, panel.save_button, panel.remove_button))
    assert panel.remove_button.toolTip() == "请先在列表中选择一个文件。"
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(f) for f in files], ""))
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 2)
    assert not panel.remove_button.isEnabled()
    first = panel.table.item(0, 0).text()
    rect = panel.table.visualRect(panel.table.model().index(0, 0))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.open_button.isEnabled() and panel.save_button.isEnabled() and panel.remove_button.isEnabled()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert [a.name for a in list_attachments(ctx.db, "visit", vid)] == [f.name for f in files if f.name != first]
    assert not panel.remove_button.isEnabled() and not panel.table.selectionModel().selectedRows()


def _press_ok(dialog, qtbot):
    from PySide6.QtWidgets import QDialogButtonBox
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_notes_written_when_a_record_is_made_read_in_english_in_the_english_interface(ctx, qtbot, app,
                                                                                       visit_editor):
    """Found walking: in English, a report made from a visit showed “由 2026-12-05 的走访接待记录生成；联名委员：…”
    on its timeline, and a follow-up made from a meeting “由会议“…”的协商共识生成”. The stored note stays as it
    was (old ones too); it is said in the window's language."""
    from PySide6.QtWidgets import QApplication

    from db import followups as fu
    from db import opinions as op
    from db.meeting_parts import follow_up_from_consensus
    from desktop.dialogs.state_move import TimelineView
    from desktop.pages.followups import FollowUpsPage
    from desktop.pages.opinions import OpinionsPage
    vid = next(v.id for v in vs.list_visits(ctx.db, limit=50) if len(vs.load_visit(ctx.db, v.id).members) >= 2)
    went = [m.name for m in vs.load_visit(ctx.db, vid).members]
    consensus = ctx.db.execute("SELECT c.id FROM consensus_item c WHERE c.deleted = 0 AND NOT EXISTS (SELECT 1 "
                               "FROM follow_up f WHERE f.source_id = c.id) LIMIT 1").fetchone()[0]
    from_meeting = follow_up_from_consensus(ctx.db, consensus, lead_unit="新华路街道办事处")   # as the editor does
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        e = visit_editor(vid)
        qtbot.mouseClick(e.report_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
        e.from_dialog.title.setText("关于解决小区停车难的建议")
        _press_ok(e.from_dialog, qtbot)
        idle(ctx, qtbot)
        oid = next(o.id for o in vs.load_visit(ctx.db, vid).opinions if o.title == "关于解决小区停车难的建议")
        stored = op.load_opinion(ctx.db, oid).timeline[0].note
        assert stored.startswith("由 ") and "联名委员" in stored       # stored as every release wrote it

        page = OpinionsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1366, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
        page.table.select_id(oid)
        qtbot.waitUntil(lambda: "停车难" in page.detail.browser.toPlainText(), timeout=5000)
        text = page.detail.browser.toPlainText()
        visit_date = vs.load_visit(ctx.db, vid).visit_date
        assert f"Made from the visit of {visit_date}; co-authors: {', '.join(went[1:])}" in text
        assert "由 " not in text and "联名委员" not in text and "生成" not in text

        timeline = TimelineView("followup_state")
        qtbot.addWidget(timeline)
        timeline.set_events(fu.load_follow_up(ctx.db, from_meeting).timeline)
        note = timeline.topLevelItem(0).text(3)
        assert note.startswith("Made from a consensus item of the meeting “") and "生成" not in note
        fpage = FollowUpsPage(ctx)
        qtbot.addWidget(fpage)
        fpage.resize(1366, 700)
        fpage.show()
        qtbot.waitUntil(lambda: fpage.model.total is not None, timeout=10_000)
        fpage.table.select_id(from_meeting)
        qtbot.waitUntil(lambda: "consensus item" in fpage.detail.browser.toPlainText(), timeout=5000)
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
    timeline.set_events(fu.load_follow_up(ctx.db, from_meeting).timeline)
    assert timeline.topLevelItem(0).text(3).startswith("由会议“")     # in Chinese, as stored


def test_a_joint_reports_reporters_are_joined_the_english_way_in_the_english_interface(ctx, qtbot, app,
                                                                                     visit_editor, tmp_path):
    """Found walking in English: a report made from a visit by several members stores its reporter as
    “龙俊、吴银花” (so it travels as every release wrote it), and the 社情民意 list and side panel showed
    “Reporter: 吕松、王佺”. The names stay as they are; between them the interface's own separator."""
    from PySide6.QtWidgets import QApplication

    from db import opinions as op
    from desktop.pages.opinions import OpinionsPage
    from desktop.pages.visits import VisitsPage
    vid = next(v.id for v in vs.list_visits(ctx.db, limit=50) if len(vs.load_visit(ctx.db, v.id).members) >= 2)
    went = [m.name for m in vs.load_visit(ctx.db, vid).members]
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        e = visit_editor(vid)
        qtbot.mouseClick(e.report_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: getattr(e, "from_dialog", None) is not None and e.from_dialog.isVisible())
        e.from_dialog.title.setText("关于增设社区健身器材的建议")
        _press_ok(e.from_dialog, qtbot)
        idle(ctx, qtbot)
        oid = next(o.id for o in vs.load_visit(ctx.db, vid).opinions if o.title == "关于增设社区健身器材的建议")
        assert op.load_opinion(ctx.db, oid).reporter_name == "、".join(went)     # stored as every release did

        page = OpinionsPage(ctx)          # deleted at the end, not at teardown: see there
        page.resize(1366, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
        qtbot.waitUntil(lambda: page.model.row_of_id(oid) is not None, timeout=5000)
        assert page.table.select_id(oid)
        qtbot.waitUntil(lambda: "健身器材" in page.detail.browser.toPlainText(), timeout=5000)
        assert f"Reporter: {', '.join(went)}" in page.detail.browser.toPlainText()
        col = next(i for i, c in enumerate(page.model.columns) if c.key == "reporter")
        cell = page.model.index(page.model.row_of_id(oid), col).data()
        assert cell == ", ".join(went)
        page.grab().save(str(tmp_path / "opinions_en.png"))

        vpage = VisitsPage(ctx)
        vpage.resize(1366, 700)
        vpage.show()
        qtbot.waitUntil(lambda: vpage.model.total is not None, timeout=10_000)
        qtbot.waitUntil(lambda: vpage.model.row_of_id(vid) is not None, timeout=5000)
        assert vpage.table.select_id(vid)
        qtbot.waitUntil(lambda: f"Members: {', '.join(went)}" in vpage.detail.browser.toPlainText(), timeout=5000)
        col = next(i for i, c in enumerate(vpage.model.columns) if c.key == "members")
        qtbot.waitUntil(lambda: vpage.model.row_of_id(vid) is not None
                        and bool(vpage.model.index(vpage.model.row_of_id(vid), col).data()), timeout=5000)
        assert vpage.model.index(vpage.model.row_of_id(vid), col).data() == ", ".join(went)
        vpage.grab().save(str(tmp_path / "visits_en.png"))
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
    assert page.model.index(page.model.row_of_id(oid), next(
        i for i, c in enumerate(page.model.columns) if c.key == "reporter")).data() == "、".join(went)
    from PySide6.QtCore import QEvent
    for p in (page, vpage):     # gone with this test's database, before a later test's language change reaches them
        p.close()
        p.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_a_paste_too_long_for_the_follow_up_from_a_visit_says_the_fields_own_limit(ctx, qtbot, app, visit_editor,
                                                                                  tmp_path):
    """Found walking in English: 50 000 characters pasted into 牵头单位 of 生成督办事项 said a one-line field holds at
    most 32767 — Qt's limit, not the 200 a lead unit may have, as the main forms now say."""
    from PySide6.QtWidgets import QApplication
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        e = visit_editor(vid)
        qtbot.mouseClick(e.follow_up_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: e.from_dialog.isVisible() and e.from_dialog.lead_unit is not None)
        d = e.from_dialog
        QApplication.clipboard().setText("单" * 50_000)
        d.lead_unit.setFocus()
        qtbot.keyClick(d.lead_unit, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert d.lead_unit.text() == ""
        assert d.reason.isVisible() and d.reason.text() == (
            "Nothing was pasted: 50000 characters, and Lead unit holds at most 200. "
            "Shorten it first (it is still on the clipboard)."), d.reason.text()
        d.grab().save(str(tmp_path / "follow-up-from-visit-paste-en.png"))
        d.reject()
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()


def test_a_visits_departments_are_joined_the_english_way_in_the_english_interface(ctx, qtbot, app, visit_editor,
                                                                                 tmp_path):
    """Found walking in English: a joint consultation's 参加部门 typed “区卫健局、区人社局” read “Departments:
    区卫健局、区人社局” in the side panel. The departments stay as typed; between them the interface's separator."""
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication, QDialogButtonBox

    from desktop.pages.visits import VisitsPage
    vid = vs.list_visits(ctx.db, limit=1)[0].id
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        e = visit_editor(vid)
        e.form.rows["departments"].editor.setText("区卫健局、区人社局、区住建局")
        with qtbot.waitSignal(e.saved, timeout=5000):
            qtbot.mouseClick(e.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        idle(ctx, qtbot)
        assert vs.load_visit(ctx.db, vid).departments == "区卫健局、区人社局、区住建局"     # stored as typed

        page = VisitsPage(ctx)
        page.resize(1366, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
        qtbot.waitUntil(lambda: page.model.row_of_id(vid) is not None, timeout=5000)
        assert page.table.select_id(vid)
        qtbot.waitUntil(lambda: "Departments:" in page.detail.browser.toPlainText(), timeout=5000)
        assert "Departments: 区卫健局, 区人社局, 区住建局" in page.detail.browser.toPlainText()
        page.grab().save(str(tmp_path / "visit_departments_en.png"))
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
    page.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
