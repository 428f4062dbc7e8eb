"""The record lists' item models: they pass Qt's model tester and show what the data core says."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from db import followups as fu
from db import meetings as mt
from db import opinions as op
from db import visits as vs
from desktop.labels import enum_label
from desktop.models.followups import FollowUpListModel
from desktop.models.meetings import MeetingListModel
from desktop.models.opinions import OpinionListModel
from desktop.models.paged import ROW_ID_ROLE
from desktop.models.record_columns import OVERDUE_COLOR
from desktop.models.visits import VisitListModel


def loaded(model, qtbot):
    model.refresh()
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10_000)
    return model


@pytest.mark.parametrize("cls, count", [
    (MeetingListModel, lambda db: mt.count_meetings(db)),
    (VisitListModel, lambda db: vs.count_visits(db)),
    (OpinionListModel, lambda db: op.count_opinions(db)),
    (FollowUpListModel, lambda db: fu.count_follow_ups(db)),
])
def test_each_record_model_passes_the_model_tester(ctx, qtbot, qtmodeltester, cls, count):
    model = loaded(cls(ctx), qtbot)
    assert model.total == count(ctx.db) > 0
    qtmodeltester.check(model)
    for col in range(model.columnCount()):
        assert model.headerData(col, Qt.Orientation.Horizontal)


def test_meeting_rows_match_the_data_core_order_and_text(ctx, qtbot):
    model = loaded(MeetingListModel(ctx), qtbot)
    want = [r.id for r in mt.list_meetings(ctx.db, limit=model.rowCount())]
    assert [model.index(r, 0).data(ROW_ID_ROLE) for r in range(model.rowCount())] == want
    first = mt.list_meetings(ctx.db, limit=1)[0]
    assert model.index(0, 1).data() == first.topic
    assert model.index(0, 2).data() == first.kind_name                 # picked from the reference item
    assert model.index(0, 4).data() == enum_label("meeting_state", first.state)


def test_follow_up_model_flags_overdue_with_the_applications_today(ctx, qtbot):
    model = loaded(FollowUpListModel(ctx), qtbot)
    overdue = {f.id for f in fu.list_follow_ups(ctx.db, fu.FollowUpFilter(overdue_only=True), today=ctx.today(),
                                                limit=1000)}
    assert overdue
    for row in range(model.rowCount()):
        fid = model.row_id(row)
        red = model.index(row, 1).data(Qt.ItemDataRole.ForegroundRole) == OVERDUE_COLOR
        assert red == (fid in overdue), fid
        assert bool(model.index(row, 4).data()) == (fid in overdue)


def test_meeting_search_also_finds_speeches(ctx, qtbot):
    speech = ctx.db.execute("SELECT meeting_id, summary FROM speech WHERE deleted = 0 LIMIT 1").fetchone()
    word = speech[1][5:9]
    model = MeetingListModel(ctx)
    model.set_search(word)
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10_000)
    assert model.total == mt.count_meetings(ctx.db, mt.MeetingFilter(text=word)) > 0
