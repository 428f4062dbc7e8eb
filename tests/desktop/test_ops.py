"""Workers: results on the main thread, errors routed, progress and Cancel, writes announced."""

from __future__ import annotations

import threading

from PySide6.QtWidgets import QPushButton

from db.errors import ValidationError
from desktop.ops import CollectionOp, QueryOp


def test_query_runs_off_the_main_thread_and_answers_on_it(ctx, qtbot):
    main = threading.get_ident()
    seen = {}

    def op(db):
        seen["worker"] = threading.get_ident()
        return db.execute("SELECT count(*) FROM member").fetchone()[0]

    def success(n):
        seen["callback"] = threading.get_ident()
        seen["n"] = n
    QueryOp(ctx, parent=None, op=op, success=success).run_in_background()
    qtbot.waitUntil(lambda: "n" in seen)
    assert seen["worker"] != main and seen["callback"] == main
    assert seen["n"] == ctx.db.execute("SELECT count(*) FROM member").fetchone()[0]


def test_a_domain_error_is_told_to_the_user(ctx, qtbot):
    def op(db):
        raise ValidationError("委员的“姓名”不能为空", "Member: Name is required", field="name")
    QueryOp(ctx, parent=None, op=op).run_in_background()
    qtbot.waitUntil(lambda: bool(ctx.errors.shown))
    told = ctx.errors.shown[-1]
    assert told.kind == "user" and told.text == "委员的“姓名”不能为空"


def test_a_bug_is_logged_and_shown_once(ctx, qtbot, tmp_path):
    from desktop.errors_ui import setup_logging
    log_file = setup_logging(ctx.data_dir / "logs")

    def op(db):
        return {"王𠇔 13800000000": 1}["missing"]       # a KeyError that carries personal data
    for _ in range(2):
        QueryOp(ctx, parent=None, op=op).run_in_background()
        qtbot.waitUntil(ctx.tasks.is_idle)
    bugs = [t for t in ctx.errors.shown if t.kind == "bug"]
    assert len(bugs) == 1 and str(log_file) in bugs[0].text
    logged = log_file.read_text(encoding="utf-8")
    assert "KeyError" in logged and "Traceback" in logged
    assert "王" not in logged and "13800000000" not in logged


def test_failure_callback_replaces_the_reporter(ctx, qtbot):
    got = []
    QueryOp(ctx, parent=None, op=lambda db: 1 / 0).failure(got.append).run_in_background()
    qtbot.waitUntil(lambda: bool(got))
    assert isinstance(got[0], ZeroDivisionError) and not ctx.errors.shown


def test_collection_op_announces_the_tables_it_changed(ctx, qtbot):
    from db.members import save_member
    with qtbot.waitSignal(ctx.changed, timeout=5000) as blocker:
        CollectionOp(ctx, parent=None, op=lambda db: save_member(
            db, None, {"name": "测试委员"}, levels=[{"level": "district"}])).run_in_background()
    assert blocker.args[0] == {"member", "member_level"}


def test_progress_reaches_the_dialog_and_cancel_stops_the_op(ctx, qtbot):
    started, release = threading.Event(), threading.Event()
    outcome = []

    def op(db, progress):
        progress.update(1, 10, "step 1")
        started.set()
        release.wait(5)
        progress.update(2, 10)            # raises Cancelled: the user pressed Cancel
        outcome.append("not cancelled")

    query = QueryOp(ctx, parent=None, op=op, success=outcome.append).with_progress("working")
    query.on_cancelled(lambda: outcome.append("cancelled"))
    query.run_in_background()
    qtbot.waitUntil(started.is_set)
    qtbot.waitUntil(lambda: query._dialog.value() == 1)
    assert query._dialog.labelText() == "step 1"
    query._dialog.findChild(QPushButton).click()     # the Cancel button
    release.set()
    qtbot.waitUntil(lambda: bool(outcome))
    assert outcome == ["cancelled"]


def test_a_long_query_is_interrupted_when_cancelled(ctx, qtbot):
    outcome = []
    slow = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000) "
            "SELECT count(*) FROM n")
    query = QueryOp(ctx, parent=None, op=lambda db, progress: db.execute(slow).fetchone(),
                    success=outcome.append).with_progress("counting")
    query.on_cancelled(lambda: outcome.append("cancelled"))
    query.run_in_background()
    query.progress.cancel()
    qtbot.waitUntil(lambda: bool(outcome), timeout=5000)
    assert outcome == ["cancelled"]


def test_workers_reuse_their_connections_instead_of_opening_one_per_op(ctx, qtbot):
    """Twenty ops one after the other need one worker connection, a few at once no more than the pool's
    threads: each connection holds a page cache of its own (bench_memory)."""
    qtbot.waitUntil(ctx.tasks.is_idle)          # the context's own start (the search index catching up)
    opened = len(ctx.tasks._conns)
    seen = []
    for _ in range(20):
        QueryOp(ctx, parent=None, op=lambda db: seen.append(db)).run_in_background()
        qtbot.waitUntil(ctx.tasks.is_idle)
    assert len({id(db) for db in seen}) == 1 and len(ctx.tasks._conns) == max(opened, 1)
    release = threading.Event()
    for _ in range(6):
        QueryOp(ctx, parent=None, op=lambda db: (release.wait(10), seen.append(db))).run_in_background()
    release.set()
    qtbot.waitUntil(ctx.tasks.is_idle)
    assert len(ctx.tasks._conns) <= ctx.tasks.pool.maxThreadCount()


def test_a_write_has_a_writers_cache_while_it_runs_and_reads_keep_the_small_one(ctx, qtbot):
    from desktop.tasks import GUI_CACHE_KB, WRITE_CACHE_KB
    sizes = []

    def cache(db):
        sizes.append(db.execute("PRAGMA cache_size").fetchone()[0])
    for op in (CollectionOp, QueryOp):
        op(ctx, parent=None, op=cache).run_in_background()
        qtbot.waitUntil(ctx.tasks.is_idle)
    assert sizes == [-WRITE_CACHE_KB, -GUI_CACHE_KB]


def test_freed_memory_is_handed_back_on_a_worker(ctx, qtbot):
    import sys

    from desktop.tasks import _malloc_trim
    assert _malloc_trim() is sys.platform.startswith("linux")       # glibc: malloc_trim; elsewhere nothing
    ctx.tasks.release_memory()
    qtbot.waitUntil(ctx.tasks.is_idle)
    assert not ctx.errors.shown
