"""The meetings list's search (each table's hits mapped to their meeting, or each meeting probed) finds exactly
the meetings the plain rule finds (a meeting whose own text or any agenda item, speech or consensus item
has the words), in the same order, on the township demo. (That each table's index has the same hits as the
single index before m0012: tests/db/test_search_per_table.py.)"""

from __future__ import annotations

from PySide6.QtCore import Qt

from db.revisions import latest_only
from db.search import ids_sql, match_expression
from desktop.models.meetings import MeetingListModel
from desktop.models.paged import ROW_ID_ROLE

WORDS = ["社区", "电梯", "养老", "协商", "道路", "老旧小区", "停车 电梯", "社", "委员", "无此词语"]


def old_rule(db, word: str, superseded: bool) -> list[str]:
    """The plain rule (four subselects, one a table), kept here as the reference."""
    expr = match_expression(word)
    found = (f"(m.id IN ({ids_sql('meeting')}) OR m.id IN (SELECT meeting_id FROM agenda_item WHERE id IN "
             f"({ids_sql('agenda_item')})) OR m.id IN (SELECT meeting_id FROM speech WHERE id IN ({ids_sql('speech')})) "
             f"OR m.id IN (SELECT meeting_id FROM consensus_item WHERE id IN ({ids_sql('consensus_item')})))")
    latest = "" if superseded else f"AND {latest_only('m')}"
    return [r[0] for r in db.execute(
        f"SELECT m.id FROM meeting m WHERE m.deleted = 0 {latest} AND {found} "
        f"ORDER BY m.starts_at DESC, m.rowid DESC",
        [expr] * 8).fetchall()]


def shown(model, qtbot) -> list[str]:
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10000)
    return [model.index(r, 0).data(ROW_ID_ROLE) for r in range(model.rowCount())]


def test_the_search_finds_what_it_found_before(ctx, qtbot):
    model = MeetingListModel(ctx)
    model.page_size = 20                      # the first page and the rest (all ids) both compared
    assert model.sort_state() == (model.column_index("starts_at"), Qt.SortOrder.DescendingOrder)
    found_some = 0
    for superseded in (False, True):
        model.show_superseded = superseded
        for word in WORDS:
            model.set_search(word)
            model.refresh()
            want = old_rule(ctx.db, word, superseded)
            assert shown(model, qtbot) == want, word
            found_some += len(want) > model.page_size
    assert found_some >= 6                    # most words span more than one page


def test_both_plans_give_the_same_rows(ctx, qtbot):
    model = MeetingListModel(ctx)
    db = ctx.db
    for word in WORDS[:6]:
        expr = match_expression(word)
        rows = {}
        for plan in ("walk", "drive", "probe", "owners"):
            where, params = model._where(plan, expr)
            rows[plan] = db.execute(f"SELECT m.id FROM {model.from_sql} WHERE {where} ORDER BY {model._order()}",
                                    params).fetchall()
        assert rows["walk"] == rows["drive"] == rows["probe"] == rows["owners"]
        assert [r[0] for r in rows["walk"]] == old_rule(db, word, False)


def test_meetings_written_a_moment_ago_are_found_by_every_plan_before_they_are_indexed(ctx, qtbot):
    """A meeting, its speech and its consensus item written a moment ago (above the index's mark, db.search
    deferred indexing) are found by the list's search with each plan, and by the same rows once indexed."""
    from db import search
    from db.write import writing
    db = ctx.db
    meeting = db.execute("SELECT id, group_id, kind_id, office_id FROM meeting WHERE deleted = 0 ORDER BY rowid "
                         "LIMIT 1").fetchone()
    with writing(db) as w:
        new = w.insert("meeting", {"group_id": meeting[1], "kind_id": meeting[2], "topic": "萤火虫夜市协商",
                                   "starts_at": "2026-11-20T09:00"})
        w.insert("speech", {"meeting_id": meeting[0], "speaker_name": "王", "summary": "建议夜市萤火虫灯光减半"},
                 office_id=meeting[3])              # a part of the meeting's own office (SECURITY.md R4c)
    assert search.pending(db) >= 2
    model = MeetingListModel(ctx)
    answers = []
    for indexed in (False, True):
        if indexed:
            search.catch_up(db)
            assert search.pending(db) == 0
        for word in ("萤火虫", "夜市 灯光", "社区"):
            expr = match_expression(word)
            rows = {}
            for plan in ("walk", "drive", "probe", "owners"):
                where, params = model._where(plan, expr)
                rows[plan] = [r[0] for r in db.execute(
                    f"SELECT m.id FROM {model.from_sql} WHERE {where} ORDER BY {model._order()}", params)]
            assert rows["walk"] == rows["drive"] == rows["probe"] == rows["owners"] == old_rule(db, word, False), (word, indexed)
            answers.append(rows["walk"])
        assert set(answers[-3]) >= {new, meeting[0]}
    assert answers[:3] == answers[3:]
