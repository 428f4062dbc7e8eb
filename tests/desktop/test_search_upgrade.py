"""An office's database from before m0012 (one search index over every table) opened by the program: a word
typed into the visits page's search box lists the rows the old index listed, in the page's order, and the
count says how many."""

from __future__ import annotations

import sqlite3

from db.search import match_expression
from tests.db.test_search_per_table import _old_index
from tests.desktop.conftest import make_context

WORD = "小区"


def test_typing_a_word_after_the_upgrade_lists_what_the_old_index_listed(app, demo_db_path, tmp_path, qtbot):
    from desktop.pages.visits import VisitsPage
    _old_index(demo_db_path, contentless=True)
    conn = sqlite3.connect(demo_db_path)
    want = [r[0] for r in conn.execute(
        "SELECT v.id FROM visit v WHERE v.deleted = 0 AND v.id IN (SELECT d.row_id FROM search_fts f JOIN search_doc d "
        "ON d.rowid = f.rowid WHERE search_fts MATCH ? AND d.tbl = 'visit') ORDER BY v.visit_date DESC, v.rowid DESC",
        [match_expression(WORD)])]
    conn.close()
    assert len(want) > 200                              # more than the first page
    ctx = make_context(demo_db_path, tmp_path / "settings.ini")        # opening upgrades (m0012)
    try:
        assert not ctx.db["search_doc"].exists()
        page = VisitsPage(ctx)
        page.resize(1366, 768)
        page.show()
        qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=10_000)
        for typed in range(1, len(WORD) + 1):          # as typed (QTest cannot key in Chinese characters)
            page.search.setText(WORD[:typed])
        qtbot.waitUntil(lambda: page.model.search_text == WORD and not page.model.is_loading()
                        and page.model.total is not None, timeout=10_000)
        assert [page.model.row_id(r) for r in range(page.model.rowCount())] == want
        assert str(len(want)) in page.count_label.text()
        page.close()
    finally:
        ctx.close()
