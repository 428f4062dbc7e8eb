"""A meeting's parts that another office hung on it before SECURITY.md R4c (received from an older version, kept:
no office may delete another's records) are not the meeting's: the meetings list neither finds the meeting by
their words nor counts them as present, and its detail does not show them."""

from __future__ import annotations

from db.write import writing
from desktop.models.paged import ROW_ID_ROLE

FORGED_SPEECH = "外来编造发言甲乙丙"


def wait_list(page, qtbot):
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=10_000)


def test_the_meetings_list_and_detail_leave_out_another_offices_parts(window, qtbot):
    ctx = window.ctx
    db = ctx.db
    mid, office, group = db.execute(
        "SELECT id, office_id, group_id FROM meeting WHERE deleted = 0 AND state IN ('held', 'final') "
        "AND revises_id IS NULL AND id NOT IN (SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL) "
        "ORDER BY starts_at DESC LIMIT 1").fetchone()
    other = db.execute("SELECT id FROM office WHERE id <> ? ORDER BY code LIMIT 1", [office]).fetchone()[0]
    member = db.execute("SELECT id FROM member WHERE deleted = 0 AND id NOT IN (SELECT member_id FROM attendance "
                        "WHERE meeting_id = ? AND member_id IS NOT NULL) LIMIT 1", [mid]).fetchone()[0]
    present = db.execute("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted = 0 AND status = 'present'",
                         [mid]).fetchone()[0]
    with writing(db, scope=False) as w:                 # as a version before R4c applied another office's package
        w.insert("speech", {"meeting_id": mid, "seq": 1, "speaker_name": "张三", "summary": FORGED_SPEECH},
                 office_id=other)
        w.insert("attendance", {"meeting_id": mid, "member_id": member, "status": "present", "sort": 99},
                 office_id=other)
    from db import search
    search.catch_up(db)
    page = window.show_page("meetings")
    page.search.clear()
    page.search.setText(FORGED_SPEECH)
    wait_list(page, qtbot)
    assert page.model.total == 0 and page.model.rowCount() == 0       # before: the meeting was found by them
    topic = db.execute("SELECT topic FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    page.search.clear()
    page.search.setText(topic)
    wait_list(page, qtbot)
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data(ROW_ID_ROLE) == mid)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail.record is not None and page.detail.record.id == mid, timeout=10_000)
    col = page.model.column_index("attendance")
    assert page.model.index(row, col).data() == str(present)           # before: one more, the other office's
    text = page.detail.browser.toPlainText()
    assert topic in text and FORGED_SPEECH not in text
    page.search.clear()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


def test_the_meetings_history_tab_leaves_out_another_offices_parts(ctx, qtbot):
    """历史 of a meeting lists the changes of the meeting and its parts: not those of a speech another office hung
    on it (before: its insertion showed as a step of the meeting's own history)."""
    from desktop.dialogs.meeting_editor import MeetingEditor
    db = ctx.db
    mid, office = db.execute("SELECT id, office_id FROM meeting WHERE deleted = 0 AND state IN ('held', 'final') "
                             "ORDER BY starts_at DESC LIMIT 1").fetchone()
    other = db.execute("SELECT id FROM office WHERE id <> ? ORDER BY code LIMIT 1", [office]).fetchone()[0]

    def history_rows() -> int:
        e = MeetingEditor(ctx, mid, None)
        e.show()
        e.tabs.setCurrentIndex(e.tabs.indexOf(e.history))
        qtbot.waitUntil(lambda: e.history.loaded, timeout=10_000)
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
        n = e.history.table.rowCount()
        e._may_close = True
        e.close()
        return n

    before = history_rows()
    with writing(db, scope=False) as w:                 # as a version before R4c applied another office's package
        w.insert("speech", {"meeting_id": mid, "seq": 1, "speaker_name": "张三", "summary": FORGED_SPEECH},
                 office_id=other)
    assert history_rows() == before


def test_the_meeting_detail_leaves_out_another_offices_file(window, qtbot):
    """A file another office hung on a meeting before R4c is not counted in the meeting's detail (before: one file
    more than the meeting's own)."""
    ctx = window.ctx
    db = ctx.db
    mid, office = db.execute(
        "SELECT id, office_id FROM meeting m WHERE deleted = 0 AND state IN ('held', 'final') "
        "AND id NOT IN (SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL) "
        "ORDER BY starts_at DESC LIMIT 1 OFFSET 1").fetchone()
    files = db.execute("SELECT count(*) FROM attachment WHERE owner_table = 'meeting' AND owner_id = ? "
                       "AND deleted = 0", [mid]).fetchone()[0]
    other = db.execute("SELECT id FROM office WHERE id <> ? ORDER BY code LIMIT 1", [office]).fetchone()[0]
    with writing(db, scope=False) as w:                 # as a version before R4c applied another office's package
        w.insert("attachment", {"owner_table": "meeting", "owner_id": mid, "name": "外来假签到表.jpg",
                                "sha256": "0" * 64, "size": 0}, office_id=other)
    page = window.show_page("meetings")
    topic = db.execute("SELECT topic FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    page.search.setText(topic)
    wait_list(page, qtbot)
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data(ROW_ID_ROLE) == mid)
    page.table.selectRow(row)
    qtbot.waitUntil(lambda: page.detail.record is not None and page.detail.record.id == mid, timeout=10_000)
    text = page.detail.browser.toPlainText()
    assert topic in text, text
    if files:
        assert f"附件：{files} 个" in text, text
    else:
        assert "附件" not in text, text
    page.search.clear()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


def test_a_meeting_holding_another_offices_parts_can_still_be_deleted(window, qtbot, monkeypatch):
    """Delete (the meetings page's 删除, answered Yes) a planned meeting that another office hung a speech and a file
    on before R4c: the meeting and its own parts go, the other office's rows stay as they were (no office may delete
    another's). Before: refused, the deletion reaching for the other office's rows."""
    from PySide6.QtWidgets import QMessageBox
    ctx = window.ctx
    db = ctx.db
    mid, office = db.execute("SELECT id, office_id FROM meeting WHERE deleted = 0 AND state = 'planned' "
                             "ORDER BY starts_at DESC LIMIT 1").fetchone()
    other = db.execute("SELECT id FROM office WHERE id <> ? ORDER BY code LIMIT 1", [office]).fetchone()[0]
    with writing(db, scope=False) as w:                 # as a version before R4c applied another office's package
        sid = w.insert("speech", {"meeting_id": mid, "seq": 1, "speaker_name": "张三", "summary": FORGED_SPEECH},
                       office_id=other)
        aid = w.insert("attachment", {"owner_table": "meeting", "owner_id": mid, "name": "外来假签到表.jpg",
                                      "sha256": "0" * 64, "size": 0}, office_id=other)
    page = window.show_page("meetings")
    topic = db.execute("SELECT topic FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    page.search.setText(topic)
    wait_list(page, qtbot)
    page.table.selectRow(next(r for r in range(page.model.rowCount())
                              if page.model.index(r, 0).data(ROW_ID_ROLE) == mid))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    shown = len(ctx.errors.shown)
    page.delete_selected()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    assert len(ctx.errors.shown) == shown, ctx.errors.shown[shown:]
    assert db.execute("SELECT deleted FROM meeting WHERE id = ?", [mid]).fetchone()[0] == 1
    for table, rid in (("speech", sid), ("attachment", aid)):
        assert db.execute(f"SELECT deleted FROM {table} WHERE id = ?", [rid]).fetchone()[0] == 0
    page.search.clear()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)


def test_the_visits_list_does_not_find_a_visit_by_a_member_another_office_put_on_it(window, qtbot):
    """参加委员 of a visit are its own office's lines: a line another office hung on it before R4c neither shows in
    the list's 参加委员 column nor finds the visit when a clerk types that member's name (before: it found it)."""
    from db import visits as vs
    ctx = window.ctx
    db = ctx.db
    vid, office = db.execute("SELECT id, office_id FROM visit WHERE deleted = 0 ORDER BY visit_date DESC "
                             "LIMIT 1").fetchone()
    other = db.execute("SELECT id FROM office WHERE id <> ? ORDER BY code LIMIT 1", [office]).fetchone()[0]
    with writing(db, scope=False) as w:                 # as a version before R4c applied another office's package
        member = w.insert("member", {"name": "外来委员甲乙"}, office_id=other)
        w.insert("visit_member", {"visit_id": vid, "member_id": member}, office_id=other)
    assert vs.list_visits(db, vs.VisitFilter(member_id=member)) == []
    page = window.show_page("visits")
    page.search.clear()
    page.search.setText("外来委员甲乙")
    wait_list(page, qtbot)
    assert page.model.total == 0 and page.model.rowCount() == 0
    page.search.clear()
    wait_list(page, qtbot)
    row = next(r for r in range(page.model.rowCount()) if page.model.index(r, 0).data(ROW_ID_ROLE) == vid)
    assert "外来委员甲乙" not in (page.model.index(row, page.model.column_index("members")).data() or "")
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
