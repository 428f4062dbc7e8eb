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


def test_a_list_first_shown_empty_fits_its_columns_to_the_first_record_saved(app, qtbot, tmp_path):
    """A new office's 会议 list is empty the first time it is shown, so its columns were fitted to their headers;
    the first meeting saved then read 2026-12… under 时间 and 协商议… under 类型 until the program was restarted."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QDialogButtonBox

    from db.database import open_database
    from db.groups import save_group
    from db.offices import create_city
    from desktop.dialogs.meeting_editor import MeetingEditor
    from desktop.pages.meetings import MeetingsPage
    from tests.desktop.conftest import make_context
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    office = create_city(db, "贵阳市政协")
    save_group(db, None, {"name": "新华路街道委员联络组"}, office_id=office)
    db.conn.close()
    ctx = make_context(path, tmp_path / "s.ini")
    try:
        page = MeetingsPage(ctx)
        qtbot.addWidget(page)
        page.resize(1190, 700)
        page.show()
        qtbot.waitUntil(lambda: page.model.total == 0, timeout=5000)
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
        qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
        editor = next(e for e in page.findChildren(MeetingEditor) if e.isVisible())
        editor.form.rows["topic"].editor.setText("关于停车难的协商议事会")
        editor.form.rows["starts_at"].editor.setText(f"{ctx.today().isoformat()} 09:30")
        with qtbot.waitSignal(editor.saved, timeout=5000):
            qtbot.mouseClick(editor.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.model.total == 1 and page.model.rowCount() == 1, timeout=5000)
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
        QApplication.processEvents()
        table = page.table
        for key in ("starts_at", "kind", "state"):
            i = next(i for i, c in enumerate(page.model.columns) if c.key == key)
            assert table.columnWidth(i) >= table.sizeHintForColumn(i), key
    finally:
        ctx.close()
