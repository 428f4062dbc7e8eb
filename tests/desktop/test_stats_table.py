"""The 统计 tabs' table models over their one base (desktop.pages.stats_table): Qt's model tester, the
row ids, texts, sorting and alignment each tab relies on."""

from __future__ import annotations

from PySide6.QtCore import Qt

from db import scoring, stats
from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE
from tests.conftest import DEMO_TODAY


def test_the_rollup_model_shows_rates_and_counts(ctx, qtmodeltester):
    from desktop.pages.stats_rollup import RollupModel
    rows = stats.every_township(ctx.db, stats.Scope(DEMO_TODAY.year))
    assert rows
    model = RollupModel()
    model.set_rows(rows)
    qtmodeltester.check(model)
    keys = [k for k, _t, _n in model.columns]
    rate = keys.index("closure_rate")
    r = rows[0]
    assert model.index(0, 0).data(ROW_ID_ROLE) == r.key
    assert model.index(0, rate).data() == ("" if r.closure_rate is None else f"{r.closure_rate:.0%}")
    assert model.index(0, keys.index("visits")).data() == f"{r.visits:,}"
    assert model.index(0, keys.index("visits")).data(Qt.ItemDataRole.TextAlignmentRole) \
        == int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
    assert model.headerData(keys.index("visits"), Qt.Orientation.Horizontal) == "走访接待"


def test_the_score_model_shows_points_and_grades_in_the_interface_language(ctx, qtmodeltester):
    from desktop.pages.stats_scoring import ScoreModel
    scores = scoring.score_members(ctx.db, DEMO_TODAY.year)
    assert scores
    model = ScoreModel(ctx)
    model.set_rows(scores)
    qtmodeltester.check(model)
    keys = [k for k, _t, _n in model.columns]
    s = scores[0]
    assert model.index(0, 0).data(ROW_ID_ROLE) == s.member_id
    total = model.index(0, keys.index("total")).data()
    assert total == (f"{s.total:g}" if s.total == int(s.total) else f"{s.total:.1f}")
    assert model.index(0, keys.index("grade")).data() == s.grade_zh
    assert model.index(0, keys.index("total")).data(SORT_VALUE_ROLE) == s.total
    groups = model.index(0, keys.index("groups"))
    assert groups.data(Qt.ItemDataRole.ToolTipRole) == groups.data()
