"""The visits list (坐诊 / 出诊 / 会诊): a paged model over `visit`, newest first on the date index."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from db.sortkey import group_order
from desktop.models.paged import Column, PagedTableModel
from desktop.models.record_columns import first_line, pick_ref, ref_name_sql


class VisitListModel(PagedTableModel):
    table, alias = "visit", "v"
    from_sql = ("visit v LEFT JOIN liaison_group g ON g.id = v.group_id "
                "LEFT JOIN reference_item r ON r.id = v.kind_id")
    columns = (
        Column("visit_date", QT_TRANSLATE_NOOP("VisitListModel", "Date"), "v.visit_date", indexed=True, width=88),
        Column("kind", QT_TRANSLATE_NOOP("VisitListModel", "Kind"), ref_name_sql("r"), sort="r.sort", width=84),
        Column("group", QT_TRANSLATE_NOOP("VisitListModel", "Liaison group"), "g.name", sort=group_order("v.group_id"),
               width=150),
        Column("place", QT_TRANSLATE_NOOP("VisitListModel", "Place"), "v.place", width=140),
        Column("members", QT_TRANSLATE_NOOP("VisitListModel", "Members"),
               "(SELECT group_concat(mb.name, '、') FROM visit_member vm JOIN member mb ON mb.id = vm.member_id "
               "WHERE vm.visit_id = v.id AND vm.deleted = 0 AND vm.office_id = v.office_id)", sort=None, width=120),
        Column("people_reached", QT_TRANSLATE_NOOP("VisitListModel", "People"), "v.people_reached", width=44,
               align="right"),
        Column("heard", QT_TRANSLATE_NOOP("VisitListModel", "What was heard"), "substr(v.heard, 1, 80)",
               sort=None, width=240, fmt=lambda v: first_line(v, 60)),
        Column("start_time", QT_TRANSLATE_NOOP("VisitListModel", "Time"), "v.start_time", width=50, hidden=True),
    )
    default_sort = ("visit_date", Qt.SortOrder.DescendingOrder)
    # 参加委员, as the visit's own office recorded them (a line another office hung on it before R4c is not one)
    search_names_sql = ("({a}.id, {a}.office_id) IN (SELECT svm.visit_id, svm.office_id FROM member smb "
                        "CROSS JOIN visit_member svm ON svm.member_id = smb.id "
                        "WHERE smb.name LIKE ? ESCAPE '\\' AND svm.deleted = 0)")

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"visit", "visit_member", "member", "liaison_group", "reference_item"})

    def display(self, col: Column, value: Any) -> str:
        if col.key == "kind":
            return pick_ref(self.ctx, value)
        if col.key == "members":                    # 张三、李四 / 张三, 李四
            from desktop.timeline_notes import names_text
            return names_text(super().display(col, value))
        return super().display(col, value)
