"""操作日志's 从 … 至 dates take a date typed whole, as the 交办 due dates do."""

from __future__ import annotations

import datetime as dt

from db.write import writing
from tests.desktop.test_assignments_page import type_date


def test_the_activity_logs_dates_take_a_typed_year(ctx, qtbot, tmp_path):
    """QDateEdit edited one section at a time: 2030-01-01 typed into 从 became another date."""
    from desktop.pages.oplog import OperationLogDialog
    group = ctx.db.execute("SELECT id FROM liaison_group WHERE deleted = 0 LIMIT 1").fetchone()[0]
    with writing(ctx.db) as w:
        w.update("liaison_group", group, {"note": "负责人核对"})
    dialog = OperationLogDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 600)
    dialog.show()
    before = dialog.table.rowCount()
    assert before > 0
    dialog.use_dates.setChecked(True)
    type_date(qtbot, dialog.until, "2099-12-31")
    type_date(qtbot, dialog.since, "2099-01-01")                 # nothing was changed that late
    assert dialog.log_filter().since == dt.date(2099, 1, 1) and dialog.table.rowCount() == 0
    type_date(qtbot, dialog.since, "２０２０/1/1")                # full-width digits of a Chinese input method
    assert dialog.log_filter().since == dt.date(2020, 1, 1)
    assert dialog.table.rowCount() == before
    dialog.grab().save(str(tmp_path / "oplog.png"))
