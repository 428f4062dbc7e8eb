"""The public-opinion reports list: a paged model over `opinion_report`."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from db.sortkey import group_order
from desktop.labels import enum_label
from desktop.models.paged import Column, PagedTableModel


class OpinionListModel(PagedTableModel):
    table, alias = "opinion_report", "o"
    from_sql = ("opinion_report o LEFT JOIN liaison_group g ON g.id = o.group_id "
                "LEFT JOIN member mb ON mb.id = o.reporter_id")
    columns = (
        Column("collected_on", QT_TRANSLATE_NOOP("OpinionListModel", "Collected"), "o.collected_on", indexed=True,
               width=88),
        Column("title", QT_TRANSLATE_NOOP("OpinionListModel", "Title"), "o.title", width=262),
        Column("reporter", QT_TRANSLATE_NOOP("OpinionListModel", "Reporter"),
               "CASE WHEN o.reporter_id IS NOT NULL AND instr(o.reporter_name, '、') > 0 THEN o.reporter_name "
               "ELSE coalesce(mb.name, o.reporter_name) END",         # a joint report: every author
               sort="zh_name_key(coalesce(mb.name, o.reporter_name))", width=96),
        Column("state", QT_TRANSLATE_NOOP("OpinionListModel", "State"), "o.state", width=88),
        Column("group", QT_TRANSLATE_NOOP("OpinionListModel", "Liaison group"), "g.name",
               sort=group_order("o.group_id"), width=160),
        Column("submitted_on", QT_TRANSLATE_NOOP("OpinionListModel", "Submitted"), "o.submitted_on", width=96),
    )
    default_sort = ("collected_on", Qt.SortOrder.DescendingOrder)
    search_names_sql = ("{a}.reporter_id IN (SELECT smb.id FROM member smb WHERE smb.name LIKE ? ESCAPE '\\') "
                        "OR {a}.reporter_name LIKE ? ESCAPE '\\'")                   # 报送人

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"opinion_report", "member", "liaison_group"})

    def display(self, col: Column, value: Any) -> str:
        if col.key == "state":
            return enum_label("report_state", value)
        if col.key == "reporter":                   # a joint report's authors: 张三、李四 / 张三, 李四
            from desktop.timeline_notes import names_text
            return names_text(super().display(col, value))
        return super().display(col, value)
