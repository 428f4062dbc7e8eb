"""The window keeps the search index caught up (db.search deferred indexing): after a write or an import the
new rows are indexed on a worker, a large catch-up shows its progress in the status line, and the lists find
the rows before and after."""

from __future__ import annotations

import shutil

from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from db import search
from tests.conftest import DEMO_TODAY


def _everything_pending(path) -> int:
    """The file as right after importing all its rows: nothing indexed yet, every mark at 0."""
    from db.database import connect
    db = connect(path)
    with db.conn:
        for table in search.SEARCHABLE_TABLES:
            db.execute(f"DROP TABLE {search.fts_name(table)}")
        search.create_index(db)
        db.execute("UPDATE search_mark SET upto = 0")
    n = search.pending(db)
    db.conn.close()
    return n


def test_a_large_catch_up_shows_in_the_status_line_and_the_lists_find_rows_all_along(
        app, demo_template, tmp_path, qtbot, monkeypatch):
    import desktop.context
    from db.database import open_database
    from desktop.context import AppContext
    from desktop.main_window import MainWindow
    path = tmp_path / "liaison-desk.sqlite3"
    shutil.copy(demo_template, path)
    pending = _everything_pending(path)
    assert pending > 1000
    monkeypatch.setattr(desktop.context, "_SHOWN_FROM", 100)     # a demo file is too small for the real 20,000
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("backup/schedule", "off")
    db = open_database(path)
    # before any window: the search reads the rows not indexed yet
    want = search.count(db, "社区", tables=["visit"])
    assert want > 0
    ctx = AppContext(path, db, settings, lang="zh_CN")          # opening starts the catch-up on a worker
    ctx.errors.show_boxes = False
    ctx.today = lambda: DEMO_TODAY
    seen, texts = [], []
    w = MainWindow(ctx, translations=QApplication.instance().translations)

    def shown(done, total):
        seen.append((done, total))
        texts.append(w.status_index.text() if w.status_index.isVisible() else "")
        if texts[-1] and not (tmp_path / "indexing.png").exists():
            w.grab().save(str(tmp_path / "indexing.png"))          # to look at: the status line at 1366×768
    ctx.indexing.connect(shown)
    try:
        w.resize(1366, 768)
        w._drafts_offered = True
        w.show()
        qtbot.waitUntil(lambda: ctx.tasks.is_idle() and search.pending(ctx.db) == 0, timeout=30_000)
        assert seen and seen[-1] == (0, 0) and any(total >= pending // 2 for _done, total in seen), seen
        assert any("正在更新检索索引" in t and "%" in t for t in texts), texts
        assert not w.status_index.isVisible()
        assert search.problems(ctx.db) == []
        assert search.count(ctx.db, "社区", tables=["visit"]) == want
        visits = w.show_page("visits")                               # and the list finds them by the index
        model = visits.model
        model.set_search("社区")
        qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10_000)
        assert model.total == want
        w.grab().save(str(tmp_path / "indexed.png"))
    finally:
        w.hide()
        w.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
        ctx.close()


def test_a_record_saved_in_the_window_is_indexed_right_after(ctx, qtbot):
    from db.write import writing
    group = ctx.db.execute("SELECT id FROM liaison_group WHERE deleted = 0 LIMIT 1").fetchone()[0]
    kind = ctx.db.execute("SELECT id FROM reference_item WHERE list = 'visit_kind' LIMIT 1").fetchone()[0]
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    with writing(ctx.db) as wr:
        vid = wr.insert("visit", {"group_id": group, "kind_id": kind, "visit_date": "2026-11-20",
                                  "heard": "居民反映萤火虫公园夜间照明不足"})
    assert search.pending(ctx.db) >= 1
    ctx.notify_changed({"visit"})                     # what every save through the window's ops does
    qtbot.waitUntil(lambda: ctx.tasks.is_idle() and search.pending(ctx.db) == 0, timeout=10_000)
    rowid = ctx.db.execute("SELECT rowid FROM visit WHERE id = ?", [vid]).fetchone()[0]
    assert ctx.db.execute("SELECT rowid FROM visit_fts WHERE visit_fts MATCH ?",
                          [search.match_expression("萤火虫")]).fetchall() == [(rowid,)]
