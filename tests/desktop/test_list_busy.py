"""A list whose search takes a while says so where its count is (正在搜索…), the old rows staying until
the new ones come; then the count of the new rows."""

from __future__ import annotations

import contextlib
import threading

from PySide6.QtCore import QCoreApplication, QEvent

from desktop.models import paged
from desktop.pages.visits import VisitsPage


@contextlib.contextmanager
def visits_page(ctx, qtbot):
    page = VisitsPage(ctx)
    page.show()
    try:
        yield page
    finally:
        qtbot.waitUntil(ctx.tasks.is_idle)
        page.hide()
        page.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)   # gone before the data file


def test_a_slow_search_shows_searching_then_the_count(ctx, qtbot, monkeypatch):
    gate = threading.Event()
    real = paged.choose_plan

    def slow_plan(db, table, expr, want):          # the query's first step waits until the test lets it go
        gate.wait(10)
        return real(db, table, expr, want)
    monkeypatch.setattr(paged, "choose_plan", slow_plan)
    with visits_page(ctx, qtbot) as page:
        qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
        before = page.model.rowCount()
        page.search.setFocus()
        for ch in "养老":                                 # typed (QTest cannot type Chinese keys)
            page.search.insert(ch)
        qtbot.waitUntil(lambda: page.count_label.text() == "正在搜索…", timeout=3000)
        assert page.model.waiting_first_page and page.model.rowCount() == before   # the old rows stay meanwhile
        gate.set()
        qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=5000)
        assert page.count_label.text() == f"共 {page.model.total} 条" and 0 < page.model.total < before


def test_after_a_refresh_the_count_is_shown_again(ctx, qtbot):
    with visits_page(ctx, qtbot) as page:
        qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
        page.model.refresh()
        qtbot.waitUntil(lambda: not page.model.is_loading(), timeout=5000)
        qtbot.wait(200)                                  # past the 150 ms after which the word would show
        assert page.count_label.text().startswith("共") and "正在" not in page.count_label.text()
