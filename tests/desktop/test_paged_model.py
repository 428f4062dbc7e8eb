"""The paged model: correct rows in order, pages fetched lazily, count, search plans, sort, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from db.search import hits_params, ids_sql, match_expression
from desktop.models import paged
from desktop.models.groups import GroupListModel
from desktop.models.members import MemberListModel
from desktop.models.paged import ROW_ID_ROLE, Column, PagedTableModel


class VisitsModel(PagedTableModel):
    """A small page size, so the demo's ~1,200 visits span many pages."""
    table, alias = "visit", "v"
    from_sql = "visit v LEFT JOIN liaison_group g ON g.id = v.group_id"
    page_size = 100
    cached_pages = 3
    columns = (
        Column("date", QT_TRANSLATE_NOOP("VisitsModel", "Date"), "v.visit_date", indexed=True),
        Column("place", QT_TRANSLATE_NOOP("VisitsModel", "Place"), "v.place"),
        Column("group", QT_TRANSLATE_NOOP("VisitsModel", "Group"), "g.name", sort=None),
        Column("people", QT_TRANSLATE_NOOP("VisitsModel", "People"), "v.people_reached", align="right"),
    )
    default_sort = ("date", Qt.SortOrder.DescendingOrder)


def loaded(model, qtbot):
    """Wait until the model has its first page and its count."""
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=5000)
    return model


def expected_ids(db, where="", params=(), order="v.visit_date DESC, v.rowid DESC"):
    return [r[0] for r in db.execute(
        f"SELECT v.id FROM visit v WHERE v.deleted = 0 {where} ORDER BY {order}", list(params)).fetchall()]


def test_rows_come_in_sort_order_across_pages(ctx, qtbot, qtmodeltester):
    model = VisitsModel(ctx)
    model.refresh()
    loaded(model, qtbot)
    want = expected_ids(ctx.db)
    assert len(want) > 10 * model.page_size
    assert model.rowCount() == model.total == len(want)
    qtmodeltester.check(model)
    got = [model.index(r, 0).data(ROW_ID_ROLE) for r in range(model.rowCount())]
    assert got == want


def test_only_a_few_pages_are_kept(ctx, qtbot):
    model = VisitsModel(ctx)
    model.refresh()
    loaded(model, qtbot)
    for row in range(0, model.rowCount(), 37):
        model.index(row, 1).data()
    assert len(model._pages) <= model.cached_pages
    assert len(model._ids) == model.total      # the ids: 8 bytes a row, never the rows themselves


def test_first_page_is_shown_before_the_count(ctx, qtbot):
    model = VisitsModel(ctx)
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.refresh()
    assert model.rowCount() == model.first_rows        # a screenful, shown at once
    with qtbot.waitSignal(model.counted, timeout=5000) as blocker:
        pass
    assert blocker.args[0] == model.total > model.page_size
    want = expected_ids(ctx.db)                         # page 0 is then read whole
    assert [model.row_id(r) for r in range(2 * model.page_size)] == want[:2 * model.page_size]


def test_the_current_row_beyond_the_first_screenful_stays_current_after_a_reload(ctx, qtbot):
    """After an edit the list is read again (a screenful first): the record the clerk had selected further
    down is current again once every matching row is known, and the view scrolls to it."""
    from desktop.widgets.table import RecordTable
    model = VisitsModel(ctx)
    table = RecordTable(ctx, model, "test/visits")
    model.setParent(table)                  # one lifetime, as on a page (the table's timers read the model)
    qtbot.addWidget(table)
    table.resize(800, 500)
    table.show()
    try:
        model.refresh()
        loaded(model, qtbot)
        row = model.first_rows + 45
        rid = model.row_id(row)
        table.selectRow(row)
        assert table.current_id() == rid
        table.remember_current()
        model.refresh()
        loaded(model, qtbot)
        qtbot.waitUntil(lambda: table.current_id() == rid, timeout=5000)
        assert table.currentIndex().row() == row
    finally:                                # the table and its model go together, before the next test's events
        from PySide6.QtCore import QCoreApplication, QEvent
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
        table.hide()
        table.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.parametrize("plan", ["walk", "drive"])
def test_search_gives_the_same_rows_with_either_plan(ctx, qtbot, monkeypatch, plan):
    monkeypatch.setattr(paged, "choose_plan", lambda *a: plan)
    model = VisitsModel(ctx)
    model.set_search("养老")
    loaded(model, qtbot)
    want = expected_ids(ctx.db, f"AND v.id IN ({ids_sql('visit')})", hits_params(match_expression("养老")))
    assert 0 < len(want) < 1300
    got = [model.row_id(r) for r in range(model.rowCount())]
    assert got == want


def test_the_plan_follows_how_common_the_word_is(ctx):
    common = max(("社区", "养老", "群众"), key=lambda w: ctx.db.execute(
        "SELECT count(*) FROM visit_fts WHERE visit_fts MATCH ?", [match_expression(w)]).fetchone()[0])
    assert paged.choose_plan(ctx.db, "visit", match_expression(common), 201) == "walk"
    assert paged.choose_plan(ctx.db, "visit", match_expression("量子"), 201) == "drive"
    name = ctx.db.execute("SELECT name FROM member LIMIT 1").fetchone()[0]      # hits only members
    assert paged.choose_plan(ctx.db, "visit", match_expression(name), 201) == "drive"


def test_a_newer_search_wins_over_an_older_one(ctx, qtbot):
    model = VisitsModel(ctx)
    for text in ("养", "养老", "坐诊", "养老"):
        model.set_search(text)
    loaded(model, qtbot)
    qtbot.waitUntil(ctx.tasks.is_idle)
    want = expected_ids(ctx.db, f"AND v.id IN ({ids_sql('visit')})", hits_params(match_expression("养老")))
    assert [model.row_id(r) for r in range(model.rowCount())] == want


def test_search_that_finds_nothing_empties_the_list(ctx, qtbot, qtmodeltester):
    model = VisitsModel(ctx)
    model.set_search("量子纠缠")
    loaded(model, qtbot)
    assert model.rowCount() == 0 and model.total == 0
    qtmodeltester.check(model)


def test_sorting_by_a_column_and_back(ctx, qtbot):
    model = VisitsModel(ctx)
    model.refresh()
    loaded(model, qtbot)
    model.sort(3, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: not model.is_loading() and model.sort_state()[0] == 3 and model.total is not None)
    values = [model.index(r, 3).data(paged.SORT_VALUE_ROLE) for r in range(model.rowCount())]
    assert values == sorted(values)
    model.sort(2, Qt.SortOrder.AscendingOrder)          # not sortable: nothing happens
    assert model.sort_state()[0] == 3


def test_named_conditions_filter_and_can_be_removed(ctx, qtbot):
    group_id = ctx.db.execute("SELECT id FROM liaison_group ORDER BY name LIMIT 1").fetchone()[0]
    model = VisitsModel(ctx)
    model.set_condition("group", "v.group_id = ?", [group_id])
    loaded(model, qtbot)
    assert model.total == len(expected_ids(ctx.db, "AND v.group_id = ?", [group_id]))
    model.set_condition("group", None)
    qtbot.waitUntil(lambda: model.total == len(expected_ids(ctx.db)))


def test_a_write_refreshes_the_list(ctx, qtbot):
    from db.members import save_member
    from desktop.ops import CollectionOp
    model = MemberListModel(ctx)
    model.refresh()
    loaded(model, qtbot)
    before = model.total
    CollectionOp(ctx, parent=None, op=lambda db: save_member(db, None, {"name": "新委员"})).run_in_background()
    qtbot.waitUntil(lambda: model.total == before + 1, timeout=5000)


def test_member_and_group_models_pass_the_model_tester(ctx, qtbot, qtmodeltester):
    for cls in (MemberListModel, GroupListModel):
        model = cls(ctx)
        model.refresh()
        loaded(model, qtbot)
        assert model.rowCount() > 0
        qtmodeltester.check(model)
        assert all(model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount()))


def test_member_model_shows_labels_in_the_interface_language(ctx, qtbot):
    model = MemberListModel(ctx)
    model.set_search("王")
    loaded(model, qtbot)
    row = next(r for r in range(model.rowCount()) if model.row_values(r)["sex"] == "M")
    sex_col = model.column_index("sex")
    assert model.index(row, sex_col).data() == "男"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"


class MeetingsWithParts(PagedTableModel):
    table, alias = "meeting", "m"
    from_sql = "meeting m"
    columns = (Column("starts_at", QT_TRANSLATE_NOOP("MeetingsWithParts", "Time"), "m.starts_at", indexed=True),)
    default_sort = ("starts_at", Qt.SortOrder.DescendingOrder)
    search_children = (("agenda_item", "meeting_id"), ("speech", "meeting_id"), ("consensus_item", "meeting_id"))


def test_search_finds_rows_by_the_text_of_their_children(ctx, qtbot):
    from db.meetings import MeetingFilter, count_meetings
    word = "电梯"
    model = MeetingsWithParts(ctx)
    model.set_search(word)
    loaded(model, qtbot)
    own = ctx.db.execute(f"SELECT count(*) FROM meeting WHERE deleted = 0 AND id IN ({ids_sql('meeting')})",
                         hits_params(match_expression(word))).fetchone()[0]
    assert model.total == count_meetings(ctx.db, MeetingFilter(text=word, include_superseded=True)) > own


def test_one_character_waits_for_the_next_before_searching(ctx, qtbot):
    model = VisitsModel(ctx)
    model.refresh()
    loaded(model, qtbot)
    qtbot.waitUntil(ctx.tasks.is_idle)
    model.set_search("养")
    assert model.is_loading() and ctx.tasks.is_idle()          # nothing started for a lone character
    model.set_search("养老")
    assert not ctx.tasks.is_idle()
    loaded(model, qtbot)
    model.set_search("养")                                       # a pause after one character: it searches
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=5000)
    assert model.search_text == "养" and model.total > 0


def test_the_rowids_take_3_bytes_each_and_8_once_one_needs_more():
    """A 508k-row list holds its rowids in 1.5 MB, not 4 (bench_memory), read back by slice and index as
    the pages read them; a rowid past 24 bits (or 32) still fits."""
    import sqlite3

    from desktop.models.paged import PackedIds, _rowid_array
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE t (x)")
    conn.executemany("INSERT INTO t (rowid, x) VALUES (?, 0)", [(i,) for i in range(1, 30_001)])
    small = _rowid_array(conn.execute("SELECT rowid FROM t ORDER BY rowid DESC"))
    expected = list(range(30_000, 0, -1))
    assert isinstance(small, PackedIds) and len(small._data) == 3 * 30_000
    assert list(small) == expected and len(small) == 30_000
    for a, b in ((0, 200), (29_900, 30_100), (-5, None), (400, 200)):
        assert list(small[a:b]) == expected[a:b]
    assert small[0] == 30_000 and small[-1] == 1 and small[12_345] == expected[12_345]
    conn.execute("INSERT INTO t (rowid, x) VALUES (?, 1)", [2 ** 24])
    wide = _rowid_array(conn.execute("SELECT rowid FROM t ORDER BY x, rowid"))
    assert wide.itemsize == 8 and list(wide) == [*range(1, 30_001), 2 ** 24]
    conn.execute("INSERT INTO t (rowid, x) VALUES (?, 2)", [2 ** 31])
    big = _rowid_array(conn.execute("SELECT rowid FROM t ORDER BY x, rowid"))
    assert big.itemsize == 8 and list(big) == [*range(1, 30_001), 2 ** 24, 2 ** 31]
