"""联络组 and 委员 pages driven through their widgets: list, search, add, edit, roster, retire."""

from __future__ import annotations

import contextlib

import pytest
import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QMessageBox

from db.groups import group_members, load_group
from db.members import load_member
from desktop.dialogs.group_editor import GroupEditor
from desktop.dialogs.member_editor import MemberEditor
from desktop.pages.groups import AddMemberDialog, GroupsPage, RoleDialog
from desktop.pages.members import MembersPage


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
    QApplication.processEvents()


def build(cls, ctx, qtbot):
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    idle(ctx, qtbot)
    return page


def press_ok(qtbot, dialog):
    qtbot.waitUntil(dialog.isVisible)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def shown_ids(page):
    return [page.model.row_id(r) for r in range(page.model.rowCount())]


def open_editor(page, cls):
    editors = [e for e in page.findChildren(cls) if shiboken6.isValid(e) and e.isVisible()]
    assert len(editors) == 1
    return editors[0]


# -- 联络组 ---------------------------------------------------------------------------------------

def test_groups_list_and_the_selected_groups_roster(ctx, qtbot):
    page = build(GroupsPage, ctx, qtbot)
    assert page.model.total == ctx.db.execute("SELECT count(*) FROM liaison_group WHERE deleted = 0").fetchone()[0]
    qtbot.waitUntil(lambda: page.detail.group is not None)
    gid = page.current_id()
    assert page.detail.name.text() == load_group(ctx.db, gid).name
    assert page.detail.roster.rowCount() == len(group_members(ctx.db, gid)) > 0
    assert page.count_label.text() == f"共 {page.model.total} 条"


def test_new_group_is_created_and_selected(ctx, qtbot):
    page = build(GroupsPage, ctx, qtbot)
    page.new_record()
    editor = open_editor(page, GroupEditor)
    editor.form.rows["name"].editor.setText("油榨街街道委员联络组")
    editor.form.rows["station_name"].editor.setText("油榨街委员之家")
    editor.form.rows["staff_phone"].editor.setText("0851-85551234")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        editor.save()
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: saved.args[0] in shown_ids(page))
    qtbot.waitUntil(lambda: page.current_id() == saved.args[0])
    assert load_group(ctx.db, saved.args[0]).station_name == "油榨街委员之家"


def test_add_a_member_give_a_role_and_remove(ctx, qtbot, monkeypatch):
    page = build(GroupsPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.group is not None)
    gid = page.detail.group_id
    before = len(group_members(ctx.db, gid))
    page.detail.add_member()
    dialog = page.detail._dialog
    assert isinstance(dialog, AddMemberDialog) and dialog.list.count() > 0
    dialog.filter.setText(dialog.list.item(0).text()[:1])
    chosen = dialog.member_id()
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("deputy"))
    dialog.accept()
    idle(ctx, qtbot)
    roster = group_members(ctx.db, gid)
    assert len(roster) == before + 1
    added = next(m for m in roster if m.member_id == chosen)
    assert added.role == "deputy"
    qtbot.waitUntil(lambda: page.detail.roster.rowCount() == before + 1)

    row = next(i for i, m in enumerate(page.detail.members) if m.member_id == chosen)
    page.detail.roster.selectRow(row)
    page.detail.change_role()
    dialog = page.detail._dialog
    assert isinstance(dialog, RoleDialog)
    dialog.combo.setCurrentIndex(dialog.combo.findData("convener"))
    dialog.accept()
    idle(ctx, qtbot)
    assert load_group(ctx.db, gid).convener_id == chosen
    assert [m.role for m in group_members(ctx.db, gid)].count("convener") == 1

    row = next(i for i, m in enumerate(page.detail.members) if m.member_id == chosen)
    page.detail.roster.selectRow(row)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.detail.remove_member()
    idle(ctx, qtbot)
    assert chosen not in [m.member_id for m in group_members(ctx.db, gid)]
    assert load_group(ctx.db, gid).convener_id is None


def test_a_group_with_records_cannot_be_deleted(ctx, qtbot, monkeypatch):
    page = build(GroupsPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.current_id() is not None)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.delete_selected()
    idle(ctx, qtbot)
    told = ctx.errors.shown[-1]
    assert told.kind == "user" and told.code == "has_records" and "不能删除" in told.text
    assert load_group(ctx.db, page.current_id())


# -- 委员 -----------------------------------------------------------------------------------------

def test_members_and_groups_are_listed_in_pinyin_order(ctx, qtbot):
    from db.sortkey import name_key, text_key
    page = build(MembersPage, ctx, qtbot)
    names = [page.model.row_values(r)["name"] for r in range(min(page.model.rowCount(), 60))]
    assert len(names) > 5 and names == sorted(names, key=name_key) and names != sorted(names)
    page = build(GroupsPage, ctx, qtbot)          # the township has 南湖 (nan) and 新华路 (xin)
    names = [page.model.row_values(r)["name"] for r in range(page.model.rowCount())]
    assert len(names) >= 2 and names == sorted(names, key=text_key)


def test_search_as_you_type_filters_members(ctx, qtbot):
    page = build(MembersPage, ctx, qtbot)
    everyone = page.model.total
    name = ctx.db.execute("SELECT name FROM member WHERE status = 'active' ORDER BY name LIMIT 1").fetchone()[0]
    page.search.setText(name[:2])
    qtbot.waitUntil(lambda: page.model.search_text == name[:2] and not page.model.is_loading())
    names = [page.model.row_values(r)["name"] for r in range(page.model.rowCount())]
    assert name in names and len(names) < everyone
    page.search.setText("")
    qtbot.waitUntil(lambda: page.model.total == everyone)


def test_member_page_shows_groups_levels_and_what_they_took_part_in(ctx, qtbot):
    from db.members import member_activity
    page = build(MembersPage, ctx, qtbot)
    mid = ctx.db.execute("SELECT m.id FROM member m WHERE EXISTS (SELECT 1 FROM member_level l WHERE "
                         "l.member_id = m.id) AND m.status = 'active' ORDER BY m.name LIMIT 1").fetchone()[0]
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == mid)
    m = load_member(ctx.db, mid)
    texts = {k: v.text() for k, (_c, v) in page.detail.info_labels.items()}
    assert m.groups[0].group_name in texts["groups"]
    assert texts["levels"] and texts["phone"] == m.phone
    assert texts["sector"] == m.sector[0]
    activity = member_activity(ctx.db, mid)
    assert page.detail.table.rowCount() == len(activity) > 0
    page.detail.activity_filter.setCurrentIndex(page.detail.activity_filter.findData("visit"))
    assert page.detail.table.rowCount() == sum(a.kind == "visit" for a in activity)


def test_edit_member_from_the_list_and_invalid_phone_is_refused(ctx, qtbot):
    page = build(MembersPage, ctx, qtbot)
    mid = page.model.row_id(0)
    page.open_record(mid)
    editor = open_editor(page, MemberEditor)
    editor.form.rows["phone"].editor.setText("打电话")
    assert editor.save() is False
    editor.form.rows["phone"].editor.setText("13912345678")
    with qtbot.waitSignal(editor.saved, timeout=5000):
        editor.save()
    assert load_member(ctx.db, mid).phone == "13912345678"
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.phone == "13912345678")


def test_retire_a_member_then_find_them_among_the_retired(ctx, qtbot, monkeypatch):
    page = build(MembersPage, ctx, qtbot)
    serving = page.model.total
    mid = page.model.row_id(0)
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == mid)
    page.delete_selected()                      # Del retires (after the day is asked: today unless changed)
    press_ok(qtbot, page.retire_dialog)
    idle(ctx, qtbot)
    m = load_member(ctx.db, mid)
    assert m.status == "retired" and all(g.left_on for g in m.groups)
    qtbot.waitUntil(lambda: page.model.total == serving - 1)
    page.status_filter.setCurrentIndex(page.status_filter.findData("retired"))
    qtbot.waitUntil(lambda: mid in shown_ids(page))


def test_retire_asks_first_and_cancel_means_no(ctx, qtbot, no_modal_dialogs):
    page = build(MembersPage, ctx, qtbot)
    mid = page.model.row_id(0)
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == mid)
    page.retire_or_reinstate()                  # the day is asked first; 取消 writes nothing
    dialog = page.retire_dialog
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert not dialog.isVisible() and load_member(ctx.db, mid).status == "active"


def test_group_filter_shows_only_that_groups_members(ctx, qtbot):
    page = build(MembersPage, ctx, qtbot)
    gid = page.group_filter.itemData(1)
    page.group_filter.setCurrentIndex(1)
    want = {m.member_id for m in group_members(ctx.db, gid) if m.status == "active"}
    qtbot.waitUntil(lambda: set(shown_ids(page)) == want)


@pytest.mark.parametrize("page_cls", [GroupsPage, MembersPage])
def test_lists_remember_their_columns(ctx, qtbot, page_cls):
    page = build(page_cls, ctx, qtbot)
    page.table.setColumnWidth(0, 217)
    page.save_state()
    again = build(page_cls, ctx, qtbot)
    assert again.table.columnWidth(0) == 217


def test_unknown_draft_editor_value_does_not_break_dialog(ctx, qtbot):
    # a retired reference item or a value no longer offered still shows in the combo
    editor = MemberEditor(ctx, None)
    editor.form.rows["sector_id"].set_value("no-such-id")
    assert editor.form.rows["sector_id"].value() == "no-such-id"
    editor._may_close = True
    editor.done(QDialog.DialogCode.Rejected)
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    assert not shiboken6.isValid(editor)


def test_member_page_explains_this_years_score_and_the_head_prints_it(ctx, qtbot, tmp_path, monkeypatch):
    from pypdf import PdfReader
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog

    from db.scoring import score_member
    from desktop.dialogs.member_score import MemberScoreDialog
    page = build(MembersPage, ctx, qtbot)
    year = ctx.today().year
    mid = ctx.db.execute("SELECT a.member_id FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
                         "WHERE a.status = 'present' AND m.starts_at LIKE ? LIMIT 1", [f"{year}%"]).fetchone()[0]
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.score is not None and page.detail.score.member_id == mid)
    want = score_member(ctx.db, mid, year)
    assert f"{year} 年履职积分" in page.detail.score_label.text() and want.grade_zh in page.detail.score_label.text()
    qtbot.mouseClick(page.detail.score_button, Qt.MouseButton.LeftButton)
    dialog = page.detail.score_dialog
    assert isinstance(dialog, MemberScoreDialog) and dialog.isVisible()
    text = dialog.text.toPlainText()
    assert text.splitlines() == want.explanation("zh") and "合计" in text
    target = tmp_path / "record.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    assert dialog.print_button.isEnabled()               # accounts are off: everyone is the head
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.saved_to is not None, timeout=20_000)
    assert want.name in PdfReader(str(target)).pages[0].extract_text()
    dialog.close()
    idle(ctx, qtbot)


def test_a_member_in_no_group_here_is_not_given_a_failing_score(ctx, qtbot):
    """Found walking the district: 蔡贵顺, on the shared roster but in a group of another district (75 分，良好 at
    the city), read "2026 年履职积分：0 分，不合格" on the district's 委员 page, and 积分明细… explained a zero."""
    from db.write import writing
    office = ctx.db.execute("SELECT id FROM office WHERE parent_id IS NULL").fetchone()[0]
    with writing(ctx.db) as w:
        mid = w.insert("member", {"name": "蔡贵顺", "sex": "M"}, office_id=office)
    ctx.notify_changed({"member"})
    page = build(MembersPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.table.select_id(mid), timeout=10_000)
    qtbot.waitUntil(lambda: page.detail.score is not None and page.detail.score.member_id == mid)
    text = page.detail.score_label.text()
    assert "不合格" not in text and "0 分" not in text, text
    assert "不在本机构的联络组" in text, text
    assert not page.detail.score_button.isEnabled()
    grouped = ctx.db.execute("SELECT member_id FROM membership WHERE deleted = 0 AND left_on IS NULL LIMIT 1").fetchone()[0]
    page.table.select_id(grouped)                   # a member of a group here is scored as before
    qtbot.waitUntil(lambda: page.detail.score is not None and page.detail.score.member_id == grouped)
    assert "年履职积分" in page.detail.score_label.text() and page.detail.score_button.isEnabled()


def test_a_phone_typed_with_full_width_digits_is_taken(ctx, qtbot):
    """A Chinese input method in full-width mode types １３９０８５１００１３: the editor said 只能填数字 and would not
    save, though the clerk had typed nothing but digits."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    page = build(MembersPage, ctx, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = open_editor(page, MemberEditor)
    editor.form.rows["name"].editor.insert("王䶮")
    editor.form.rows["phone"].editor.insert("１３９－０８５１－００１３")      # as the input method commits it
    assert editor.form.rows["phone"].message is None
    with qtbot.waitSignal(editor.saved, timeout=5000):
        qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert load_member(ctx.db, editor.record_id).phone == "139-0851-0013"


def test_a_member_entered_twice_is_asked_about(ctx, qtbot, monkeypatch, no_modal_dialogs):
    """王䶮 added again with her phone typed 139-0851-0013: a second 王䶮 was on the roster unasked, her visits on one
    record and her reports on the other. Now the namesake is shown and No (the default) adds nobody."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox
    page = build(MembersPage, ctx, qtbot)
    mid = page.model.row_id(0)
    m = load_member(ctx.db, mid)
    count = ctx.db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = open_editor(page, MemberEditor)
    editor.form.rows["name"].editor.insert(m.name)
    editor.form.rows["phone"].editor.insert(m.phone[:3] + "-" + m.phone[3:7] + "-" + m.phone[7:])
    save = editor.buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)             # the question answers No (not Yes)
    idle(ctx, qtbot)
    assert no_modal_dialogs and m.name in no_modal_dialogs[-1][1] and m.phone in no_modal_dialogs[-1][1]
    assert editor.isVisible() and editor.record_id is None
    assert ctx.db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0] == count
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(editor.saved, timeout=5000):             # a namesake who really is another person
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert ctx.db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0] == count + 1



def test_members_are_found_by_pinyin(ctx, qtbot):
    """王䶮 is not on every input method: typing wangyan or wy in the search box found nobody (共 0 条)."""
    from PySide6.QtTest import QTest

    from db.members import save_member
    from db.sortkey import name_pinyin
    page = build(MembersPage, ctx, qtbot)
    everyone = page.model.total
    mid = page.model.row_id(0)
    save_member(ctx.db, mid, {"name": "王䶮"})
    idle(ctx, qtbot)
    for typed in ("wangyan", "WY"):
        page.search.clear()
        QTest.keyClicks(page.search, typed)
        qtbot.waitUntil(lambda t=typed: page.model.search_text == t and page.model.total is not None
                        and not page.model.is_loading(), timeout=5000)
        names = [page.model.row_values(r)["name"] for r in range(page.model.rowCount())]
        assert "王䶮" in names and len(names) < everyone, typed
        assert all(typed.lower() in name_pinyin(n) for n in names), (typed, names)


def test_groups_are_found_by_convener_station_and_staff(ctx, qtbot):
    """召集人 吴银花 and 联络员 石飞斌 stood in the groups list, yet typing either name found nothing (共 0 条)."""
    page = build(GroupsPage, ctx, qtbot)
    gid, station, staff, convener = ctx.db.execute(
        "SELECT g.id, g.station_name, g.staff_name, c.name FROM liaison_group g JOIN member c ON c.id = g.convener_id "
        "WHERE g.deleted = 0 AND g.station_name IS NOT NULL AND g.staff_name IS NOT NULL LIMIT 1").fetchone()
    for typed in (convener, staff, station):
        page.search.clear()
        page.search.insert(typed)                   # as the input method commits it
        qtbot.waitUntil(lambda t=typed: page.model.search_text == t and page.model.total is not None
                        and not page.model.is_loading(), timeout=5000)
        assert gid in shown_ids(page), typed


def test_no_group_selected_shows_no_member_count(ctx, qtbot):
    """A search that left the list empty: 未选择联络组 above, and still 成员（8 人） of the group shown before."""
    page = build(GroupsPage, ctx, qtbot)
    page.table.select_id(page.model.row_id(0))
    qtbot.waitUntil(lambda: page.detail.group is not None)
    assert "（" in page.detail.roster_title.text()
    page.search.insert("没有这个联络组")
    qtbot.waitUntil(lambda: page.model.total == 0 and page.detail.group is None, timeout=5000)
    assert page.detail.roster_title.text() == "成员"


def test_add_member_finds_the_name_by_pinyin(ctx, qtbot):
    """添加成员…: wy typed to find 王䶮 (not on every input method) emptied the list."""
    from PySide6.QtTest import QTest

    from db.members import save_member
    page = build(GroupsPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.group is not None)
    outside = ctx.db.execute("SELECT m.id FROM member m WHERE m.status = 'active' AND m.deleted = 0 AND NOT EXISTS "
                             "(SELECT 1 FROM membership ms WHERE ms.member_id = m.id AND ms.group_id = ? AND "
                             "ms.deleted = 0 AND ms.left_on IS NULL) LIMIT 1", [page.detail.group_id]).fetchone()[0]
    save_member(ctx.db, outside, {"name": "王䶮"})
    idle(ctx, qtbot)
    page.detail.add_member()
    dialog = page.detail._dialog
    QTest.keyClicks(dialog.filter, "wy")
    assert dialog.member_id() == outside
    dialog.reject()


def test_a_retired_members_record_names_the_groups_she_was_in(ctx, qtbot, monkeypatch):
    """After 离任 the member's record said nothing under 所在联络组: which group she had served in was gone."""
    page = build(MembersPage, ctx, qtbot)
    mid = page.model.row_id(0)
    group = load_member(ctx.db, mid).groups[0].group_name
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == mid)
    page.retire_or_reinstate()
    press_ok(qtbot, page.retire_dialog)
    idle(ctx, qtbot)
    page.status_filter.setCurrentIndex(page.status_filter.findData("retired"))
    qtbot.waitUntil(lambda: mid in shown_ids(page))
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.status == "retired")
    shown = page.detail.info_labels["groups"][1].text()
    assert shown.startswith("曾在") and group in shown and load_member(ctx.db, mid).groups[0].left_on in shown


# -- 离任: the day the member left -------------------------------------------------------------------

def open_retire_dialog(ctx, qtbot, page, latest_joined: str = "2026-11-20"):
    """Select a serving member whose groups were all joined by `latest_joined` and press 离任…"""
    mid = next(mid for mid in shown_ids(page) if (g := [x.joined_on for x in load_member(ctx.db, mid).groups
                                                        if not x.left_on]) and max(g) <= latest_joined)
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == mid)
    qtbot.mouseClick(page.detail.retire_button, Qt.MouseButton.LeftButton)
    dialog = page.retire_dialog
    qtbot.waitUntil(dialog.isVisible)
    return mid, dialog


def retype(field, text: str) -> None:
    field.selectAll()
    QTest.keyClicks(field, text)


def test_a_departure_is_backdated_to_the_day_the_member_left(ctx, qtbot):
    """离任… offered only “from today”: a member who left on 11-20, recorded on the 25th, had her groups ended on
    the 25th (and duty days counted that she did not serve)."""
    page = build(MembersPage, ctx, qtbot)
    mid, dialog = open_retire_dialog(ctx, qtbot, page)
    assert dialog.on.text() == "2026-11-25"                  # today unless changed
    serving = [g.membership_id for g in load_member(ctx.db, mid).groups if not g.left_on]
    retype(dialog.on.line, "2026/11/20")                     # as a clerk types it
    assert not dialog.reason.isVisible()
    press_ok(qtbot, dialog)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    m = load_member(ctx.db, mid)
    assert m.status == "retired"
    assert {g.membership_id: g.left_on for g in m.groups if g.membership_id in serving} == \
        dict.fromkeys(serving, "2026-11-20")


def test_a_day_after_today_or_before_joining_is_refused_under_the_field(ctx, qtbot, monkeypatch, no_modal_dialogs):
    page = build(MembersPage, ctx, qtbot)
    mid, dialog = open_retire_dialog(ctx, qtbot, page)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    retype(dialog.on.line, "2026-11-30")
    assert dialog.reason.isVisible() and "离任日期不能晚于今天（2026-11-25）" in dialog.reason.text()
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert dialog.isVisible() and dialog.on.line.text() == "2026-11-30"      # what was typed stays
    group = max((g for g in load_member(ctx.db, mid).groups if not g.left_on), key=lambda g: g.joined_on)
    retype(dialog.on.line, "2000-01-01")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert dialog.isVisible() and dialog.on.line.text() == "2000-01-01"
    assert f"不能早于该委员加入“{group.group_name}”的日期（{group.joined_on}）" in dialog.reason.text()
    assert load_member(ctx.db, mid).status == "active"
    # Escape after changing the day asks first; No keeps the dialog and what was typed
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.No)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.on.line.text() == "2000-01-01"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    QTest.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    idle(ctx, qtbot)
    assert load_member(ctx.db, mid).status == "active"


def test_the_refusal_is_in_english_in_the_english_interface(ctx, qtbot, app):
    page = build(MembersPage, ctx, qtbot)
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        _mid, dialog = open_retire_dialog(ctx, qtbot, page)
        assert dialog.on_label.text() == "Left office on"
        retype(dialog.on.line, "2026-12-01")
        assert dialog.reason.text().startswith("The day left cannot be after today (2026-11-25)")
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()


def test_leaving_reads_the_same_everywhere_and_reinstating_asks_first(ctx, qtbot, monkeypatch, no_modal_dialogs):
    """离任… led to 委员退出 / 标记为已退出 and the status 已退出, and 恢复在任 acted without a question."""
    page = build(MembersPage, ctx, qtbot)
    mid, dialog = open_retire_dialog(ctx, qtbot, page)
    assert dialog.windowTitle() == "委员离任" and dialog.on_label.text() == "离任日期"
    assert "退出" not in dialog.text.text() + page.detail.retire_button.toolTip()
    press_ok(qtbot, dialog)
    idle(ctx, qtbot)
    page.status_filter.setCurrentIndex(page.status_filter.findData("retired"))
    assert page.status_filter.currentText() == "已离任"
    qtbot.waitUntil(lambda: mid in shown_ids(page))
    page.table.select_id(mid)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.status == "retired")
    assert page.detail.name.text().endswith("（已离任）")
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))       # the 状态 column under 全部
    qtbot.waitUntil(lambda: mid in shown_ids(page))
    status = next(i for i, c in enumerate(page.model.columns) if c.key == "status")
    row = shown_ids(page).index(mid)
    assert page.model.index(row, status).data() == "已离任"
    button = page.detail.retire_button
    assert button.text() == "恢复在任"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)          # the question (answered: not Yes) comes first
    idle(ctx, qtbot)
    assert no_modal_dialogs[-1][0] == "恢复在任" and load_member(ctx.db, mid).status == "retired"
    defaults = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: defaults.append(a[4]) or QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert defaults == [QMessageBox.StandardButton.No]             # Enter out of habit does not reinstate
    assert load_member(ctx.db, mid).status == "active"


def test_an_empty_date_of_birth_shows_a_hint_not_a_date(ctx, qtbot, app):
    """出生日期 of a new member showed 2026-01-31 in grey, which read like her date of birth."""
    page = build(MembersPage, ctx, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = open_editor(page, MemberEditor)
    birth = editor.form.rows["birth_date"].editor
    assert birth.text() == "" and birth.line.placeholderText() == "例如 1975-03-16"
    editor.resize(820, 640)
    QTest.keyClicks(birth.line, "1975/3/16")                       # typed, it is a date like any other
    assert editor.form.values()["birth_date"] == "1975-03-16"
    try:
        app.translations.install("en")
        QApplication.processEvents()
        birth.line.clear()
        assert birth.line.placeholderText() == "e.g. 1975-03-16"
    finally:
        app.translations.install("zh_CN")
        QApplication.processEvents()


def test_a_closed_follow_up_in_the_members_record_is_dated_when_it_was_closed(ctx, qtbot):
    """Found walking: a follow-up closed today showed in the member's 履职记录 with its due date (2026-12-20) and sat
    at the top of the list; it is now dated by when it was closed."""
    from db.followups import move_follow_up
    from db.write import writing
    from desktop.pages.members import ID_ROLE
    fid, reporter, state = ctx.db.execute(
        "SELECT f.id, o.reporter_id, f.state FROM follow_up f JOIN opinion_report o ON o.id = f.source_id "
        "WHERE f.source_table = 'opinion_report' AND f.deleted = 0 AND o.deleted = 0 AND f.state <> 'closed' "
        "ORDER BY f.id LIMIT 1").fetchone()
    with writing(ctx.db) as w:
        w.update("follow_up", fid, {"due_date": "2026-12-20"})
    steps = {"open": ("assigned", {"lead_unit": "市住建局"}), "reopened": ("assigned", {"lead_unit": "市住建局"}),
             "assigned": ("replied", {"reply": "已办理"}), "in_progress": ("replied", {"reply": "已办理"}),
             "replied": ("evaluated", {"satisfaction": "satisfied"}), "evaluated": ("closed", {})}
    while state != "closed":
        state, extra = steps[state]
        move_follow_up(ctx.db, fid, state, **extra)
    today = ctx.today().isoformat()
    page = build(MembersPage, ctx, qtbot)
    page.table.select_id(reporter)
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.member.id == reporter)
    table = page.detail.table
    [row] = [r for r in range(table.rowCount()) if table.item(r, 0).data(ID_ROLE) == ("follow_up", fid)]
    assert table.item(row, 0).text() == today
    dates = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "2026-12-20" not in dates and dates == sorted(dates, reverse=True)


def test_change_role_and_remove_wait_for_a_member_chosen_in_the_roster(ctx, qtbot):
    """改角色… and 移出本组 with no member selected did nothing when pressed: they are off until one is chosen,
    and then they act on that member."""
    page = build(GroupsPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.group is not None)
    detail = page.detail
    assert detail.roster.rowCount() > 0
    assert not detail.role_button.isEnabled() and not detail.remove_button.isEnabled()
    assert detail.role_button.toolTip() == "请先在上面的名单中选择一位委员。"
    rect = detail.roster.visualRect(detail.roster.model().index(0, 0))
    qtbot.mouseClick(detail.roster.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert detail.role_button.isEnabled() and detail.remove_button.isEnabled()
    assert detail.role_button.toolTip() == ""
    qtbot.mouseClick(detail.role_button, Qt.MouseButton.LeftButton)
    dialog = detail._dialog
    assert isinstance(dialog, RoleDialog) and dialog.isVisible()
    assert detail.members[0].name in dialog.windowTitle()
    dialog.reject()


def test_a_new_group_is_given_its_convener_who_joins_its_roster(ctx, qtbot):
    """新建联络组: the 召集人 list was empty (a group not yet made has no members), so a new group could not be
    given its convener; it offers the roster, and the one chosen joins the group as its convener."""
    from db.members import member_choices
    page = build(GroupsPage, ctx, qtbot)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    editor = open_editor(page, GroupEditor)
    combo = editor.form.rows["convener_id"].editor
    offered = [combo.itemData(i) for i in range(combo.count()) if combo.itemData(i)]
    assert offered == [mid for mid, _ in member_choices(ctx.db)]
    chosen_id, chosen_name = member_choices(ctx.db)[1]
    combo.setCurrentIndex(combo.findData(chosen_id))
    editor.form.rows["name"].editor.setText("油榨街街道委员联络组")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    gid = saved.args[0]
    assert load_group(ctx.db, gid).convener_id == chosen_id
    assert [(m.member_id, m.role) for m in group_members(ctx.db, gid)] == [(chosen_id, "convener")]
    qtbot.waitUntil(lambda: page.detail.group_id == gid and page.detail.roster.rowCount() == 1, timeout=5000)
    assert page.detail.info_labels["convener"][1].text() == chosen_name


def test_the_member_given_a_role_stays_chosen_where_the_roster_moves_her(ctx, qtbot, monkeypatch):
    """A member made convener moves to the top of the roster; the selection stayed on her old row, now another
    member's, and 移出本组 pressed next asked to remove that other member."""
    page = build(GroupsPage, ctx, qtbot)
    qtbot.waitUntil(lambda: page.detail.group is not None)
    detail = page.detail
    row = len(detail.members) - 1
    chosen = detail.members[row]
    assert row > 0 and chosen.role != "convener"
    rect = detail.roster.visualRect(detail.roster.model().index(row, 0))
    qtbot.mouseClick(detail.roster.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseClick(detail.role_button, Qt.MouseButton.LeftButton)
    dialog = detail._dialog
    dialog.combo.setCurrentIndex(dialog.combo.findData("convener"))
    qtbot.mouseClick(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
                     Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: detail.members[0].member_id == chosen.member_id, timeout=5000)
    assert detail.roster.selectionModel().selectedRows()[0].row() == 0
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.No)
    qtbot.mouseClick(detail.remove_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and chosen.name in asked[0]


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
@pytest.mark.parametrize("page_width, at_least", [(1190, 16), (848, 12)])    # the page at 1366 and 1024 px (was 3)
def test_what_a_member_took_part_in_is_readable_in_the_narrow_detail_pane(ctx, qtbot, app, page_width, at_least,
                                                                          lang):
    """Found walking: at 1366 px 内容 showed about three characters (关于松…) beside a date column wider than a date
    and 类别/情况 columns of fixed widths. Now 内容 wraps onto two lines in taller rows and the others fit their texts.
    In English at 1024 px it showed three characters a line again (Outreach visit, Follow-up are wider than their
    Chinese): the pane keeps room for eight."""
    app.translations.install(lang)
    ctx.lang = "en" if lang == "en" else "zh_CN"
    try:
        _took_part_in_is_readable(ctx, qtbot, page_width, at_least)
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"


def _took_part_in_is_readable(ctx, qtbot, page_width, at_least):
    from PySide6.QtCore import QRect
    page = build(MembersPage, ctx, qtbot)
    page.resize(page_width, 700)
    QApplication.processEvents()
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.table.rowCount() > 0)
    idle(ctx, qtbot)
    table = page.detail.table
    fm = table.fontMetrics()

    def shown(row: int, col: int) -> int:
        """How many characters of the cell's text are in view (laid out as the cell lays it out)."""
        text = table.item(row, col).text()
        cell = table.visualItemRect(table.item(row, col)).adjusted(4, 2, -4, -2)
        box = QRect(0, 0, cell.width(), cell.height())
        n = 0
        while n < len(text) and fm.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text[:n + 1]).height() \
                <= box.height() and fm.boundingRect(box, int(Qt.TextFlag.TextWordWrap), text[:n + 1]).width() \
                <= box.width():
            n += 1
        return n

    def readable() -> bool:
        return all(shown(row, 2) >= min(len(table.item(row, 2).text()), at_least)
                   and all(shown(row, col) == len(table.item(row, col).text()) for col in (0, 1, 3))
                   for row in range(min(table.rowCount(), 12)))
    # the pane's width settles with the page's layout (its splitter, the list's columns fitted to their rows):
    # on a loaded machine that can come a moment after the rows are shown
    with contextlib.suppress(qtbot.TimeoutError):              # the asserts below say what is cut
        qtbot.waitUntil(readable, timeout=5000)
    for row in range(min(table.rowCount(), 12)):
        title = table.item(row, 2).text()
        assert shown(row, 2) >= min(len(title), at_least), (title, table.columnWidth(2))
        for col in (0, 1, 3):                                  # the date, the kind and the status whole
            assert shown(row, col) == len(table.item(row, col).text()), (row, col, table.item(row, col).text())
    assert table.columnWidth(0) <= fm.horizontalAdvance("0000-00-00") + 24      # no wider than a date needs


def _cell_lines(table, item) -> list[str]:
    """The lines a cell of the 履职记录 shows its text on, laid out as the item delegate lays it out (wrapped at its
    width, at word boundaries or anywhere)."""
    from PySide6.QtGui import QTextLayout, QTextOption
    style = table.style()
    margin = style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    width = table.visualItemRect(item).width() - 2 * margin
    lines = []
    for paragraph in item.text().split("\n"):
        layout = QTextLayout(paragraph, table.font())
        option = QTextOption()
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        layout.setTextOption(option)
        layout.beginLayout()
        while True:
            line = layout.createLine()
            if not line.isValid():
                break
            line.setLineWidth(width)
        layout.endLayout()
        lines += [paragraph[layout.lineAt(i).textStart():layout.lineAt(i).textStart() + layout.lineAt(i).textLength()]
                  .strip() for i in range(layout.lineCount())]
    return lines


@pytest.mark.parametrize("page_width", [1190, 848])      # the page at 1366 and 1024 px
def test_a_status_on_two_lines_breaks_before_its_brackets(ctx, qtbot, page_width):
    """Found walking: the 情况 column of 履职记录 showed 出诊（走访） as 出诊（走 / 访）; it breaks as 出诊 / （走访）,
    and 出席，发言 1 次 after its comma."""
    page = build(MembersPage, ctx, qtbot)
    page.resize(page_width, 700)
    QApplication.processEvents()
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.member is not None and page.detail.table.rowCount() > 0)
    idle(ctx, qtbot)
    QApplication.processEvents()
    table = page.detail.table
    seen = {}
    for row in range(table.rowCount()):
        item = table.item(row, 3)
        seen["".join(_cell_lines(table, item))] = _cell_lines(table, item)
    assert "出诊（走访）" in seen                     # the demo member went on outreach visits
    for whole, lines in seen.items():
        assert all(line.count("（") == line.count("）") for line in lines), lines
        assert not any(line[:1] in "，。、）" for line in lines), lines
        if whole.startswith("出席，发言") and len(lines) > 1:
            assert lines[0] == "出席，", lines


def test_a_members_groups_read_with_english_brackets_in_the_english_interface(ctx, qtbot, app):
    """Found walking in English: 所在联络组 read 新华路街道委员联络组（Group member）, the Chinese bracket hard against the
    English word; in English it is 新华路街道委员联络组 (Group member), in Chinese still 新华路街道委员联络组（成员）."""
    page = build(MembersPage, ctx, qtbot)
    rect = page.table.visualRect(page.model.index(0, 0))
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: page.detail.member is not None)
    groups = page.detail.info_labels["groups"][1]
    assert "（" in groups.text() and " (" not in groups.text()
    try:
        app.translations.install("en")
        ctx.lang = "en"
        QApplication.processEvents()
        qtbot.waitUntil(lambda: "Group member" in groups.text() or "Convener" in groups.text())
        assert "（" not in groups.text() and "）" not in groups.text(), groups.text()
        assert groups.text().endswith(")") and " (" in groups.text(), groups.text()
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()


def test_a_members_groups_are_joined_the_english_way_in_the_english_interface(app, ctx, qtbot, no_modal_dialogs,
                                                                             tmp_path):
    """Found walking in English: a member in two groups read “南湖社区委员联络组、新华路街道委员联络组” in the
    members list, and so did the line about a namesake when the same name was entered again."""
    from db.groups import add_to_group, list_groups
    first, second = list_groups(ctx.db)[:2]
    mid = group_members(ctx.db, first.id)[0].member_id
    add_to_group(ctx.db, second.id, mid)                                  # in two groups
    m = load_member(ctx.db, mid)
    names = sorted(g.group_name for g in m.groups if not g.left_on)
    app.translations.install("en")
    ctx.lang = "en"
    try:
        page = build(MembersPage, ctx, qtbot)
        page.resize(1366, 700)
        qtbot.waitUntil(lambda: page.model.row_of_id(mid) is not None, timeout=5000)
        col = next(i for i, c in enumerate(page.model.columns) if c.key == "groups")
        qtbot.waitUntil(lambda: bool(page.model.index(page.model.row_of_id(mid), col).data()), timeout=5000)
        cell = page.model.index(page.model.row_of_id(mid), col).data()
        assert "、" not in cell and sorted(cell.split(", ")) == names
        page.grab().save(str(tmp_path / "members_en.png"))
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        editor = open_editor(page, MemberEditor)
        editor.form.rows["name"].editor.insert(m.name)
        qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        idle(ctx, qtbot)
        asked = no_modal_dialogs[-1][1]
        assert all(n in asked for n in names) and "、" not in asked, asked
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
