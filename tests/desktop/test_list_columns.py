"""At 1366×768, in Chinese and in English, every list shows its short columns whole: a state, a kind,
a count and every header read in full (Minutes draft vs Minutes final, not "Minutes…")."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from desktop.pages.base import ListPage
from desktop.widgets.table import RecordTable


def settle(window, qtbot) -> None:
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_short_columns_and_headers_are_never_cut(window, qtbot, lang):
    window.set_language(lang)
    window.resize(1366, 768)
    checked = 0
    try:
        for entry in window.entries:
            page = window.show_page(entry.key)
            settle(window, qtbot)
            if not isinstance(page, ListPage):
                continue
            table: RecordTable = page.table
            table.fit_columns()
            hh = table.horizontalHeader()
            cols = [i for i in range(len(table._model.columns)) if not table.isColumnHidden(i)]
            main = max(cols, key=lambda i: table._model.columns[i].width)
            for i in cols:
                if i == main:
                    continue
                name = table._model.headerData(i, hh.orientation())
                width = table.columnWidth(i)
                assert width >= hh.sectionSizeFromContents(i).width(), f"{entry.key}: header {name!r} cut"
                content = table.sizeHintForColumn(i)
                if content <= RecordTable.FIT_SHORT:            # a state, kind, post, count: whole
                    assert width >= content, f"{entry.key}: {name!r} cut"
                else:                                           # a long text gives way, within reason
                    assert width >= RecordTable.FIT_SHRINK_FLOOR, f"{entry.key}: {name!r} squeezed"
                checked += 1
    finally:
        window.set_language("zh_CN")
    assert checked >= 15


def test_meeting_states_read_differently_in_english(window, qtbot):
    from desktop.labels import enum_label
    window.set_language("en")
    try:
        assert enum_label("meeting_state", "draft") != enum_label("meeting_state", "final")
        page = window.show_page("meetings")
        settle(window, qtbot)
        col = next(i for i, c in enumerate(page.model.columns) if c.key == "state")
        texts = {page.model.index(r, col).data() for r in range(page.model.rowCount())}
        assert {"Minutes draft", "Minutes final"} <= texts
        fm = page.table.fontMetrics()
        assert page.table.columnWidth(col) > fm.horizontalAdvance("Minutes draft")
    finally:
        window.set_language("zh_CN")


def test_record_details_name_kinds_and_categories_in_english(window, qtbot):
    from db import followups as fu
    from db import visits as vi
    from desktop.pages.followups import render_follow_up
    from desktop.pages.visits import render_visit
    ctx = window.ctx
    window.set_language("en")
    try:
        v = vi.load_visit(ctx.db, vi.list_visits(ctx.db, limit=1)[0].id)
        english = ctx.db.execute("SELECT name_en FROM reference_item WHERE id = ?", [v.kind_id]).fetchone()[0]
        assert english and english in render_visit(ctx, v) and v.kind_name not in render_visit(ctx, v)
        f = next(fu.load_follow_up(ctx.db, x.id) for x in fu.list_follow_ups(ctx.db, limit=50) if x.category_id)
        cat = ctx.db.execute("SELECT name_en FROM reference_item WHERE id = ?", [f.category_id]).fetchone()[0]
        assert cat in render_follow_up(ctx, f)
    finally:
        window.set_language("zh_CN")
