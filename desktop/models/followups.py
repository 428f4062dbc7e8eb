"""The follow-ups list: a paged model over `follow_up`; overdue rows (due date passed, not closed) in red."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QModelIndex, QPersistentModelIndex, Qt

from db.sortkey import group_order
from desktop.labels import enum_label
from desktop.models.paged import Column, PagedTableModel
from desktop.models.record_columns import OVERDUE_COLOR, pick_ref, ref_name_sql

OVERDUE_SQL = "CASE WHEN f.due_date < {today} AND f.state <> 'closed' THEN 1 ELSE 0 END"


class FollowUpListModel(PagedTableModel):
    table, alias = "follow_up", "f"
    from_sql = ("follow_up f LEFT JOIN liaison_group g ON g.id = f.group_id "
                "LEFT JOIN reference_item r ON r.id = f.category_id")
    columns = (
        Column("due_date", QT_TRANSLATE_NOOP("FollowUpListModel", "Due"), "f.due_date", indexed=True, width=88),
        Column("title", QT_TRANSLATE_NOOP("FollowUpListModel", "Item"), "f.title", width=250),
        Column("lead_unit", QT_TRANSLATE_NOOP("FollowUpListModel", "Lead unit"), "f.lead_unit",
               sort="zh_key(f.lead_unit)", width=140),
        Column("state", QT_TRANSLATE_NOOP("FollowUpListModel", "State"), "f.state", width=64),
        Column("overdue", QT_TRANSLATE_NOOP("FollowUpListModel", "Overdue"), OVERDUE_SQL.format(today="NULL"),
               sort=None, width=44),
        Column("category", QT_TRANSLATE_NOOP("FollowUpListModel", "Category"), ref_name_sql("r"), sort="r.sort",
               width=90),
        Column("group", QT_TRANSLATE_NOOP("FollowUpListModel", "Liaison group"), "g.name",
               sort=group_order("f.group_id"), width=160),
        Column("source", QT_TRANSLATE_NOOP("FollowUpListModel", "Source"), "f.source_table", width=80,
               hidden=True),
    )
    default_sort = ("due_date", Qt.SortOrder.AscendingOrder)
    search_names_sql = "{a}.lead_unit LIKE ? ESCAPE '\\' OR {a}.co_units LIKE ? ESCAPE '\\'"   # 主办、协办单位

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"follow_up", "liaison_group", "reference_item"})

    def __init__(self, ctx, parent=None):
        # "today" is the application's (tests pin it): written into the overdue column as a date literal
        today = getattr(ctx, "today", dt.date.today)()
        self.columns = tuple(replace(c, sql=OVERDUE_SQL.format(today=f"'{today.isoformat()}'"))
                             if c.key == "overdue" else c for c in type(self).columns)
        super().__init__(ctx, parent)

    def display(self, col: Column, value: Any) -> str:
        if col.key == "category":
            return pick_ref(self.ctx, value)
        if col.key == "state":
            return enum_label("followup_state", value)
        if col.key == "source":
            return enum_label("source", value)
        if col.key == "overdue":
            return self.tr("Overdue") if value else ""
        return super().display(col, value)

    def is_overdue(self, row: int) -> bool:
        values = self.row_values(row)
        return bool(values and values["overdue"])

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and index.isValid():
            return OVERDUE_COLOR if self.is_overdue(index.row()) else None
        return super().data(index, role)
