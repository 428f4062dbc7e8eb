"""The liaison groups list: a paged model over `liaison_group` with convener and roster size."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from desktop.models.paged import Column, PagedTableModel

_ACTIVE = "ms.deleted = 0 AND ms.left_on IS NULL"


class GroupListModel(PagedTableModel):
    table, alias = "liaison_group", "g"
    from_sql = "liaison_group g LEFT JOIN member c ON c.id = g.convener_id"
    columns = (
        Column("name", QT_TRANSLATE_NOOP("GroupListModel", "Name"), "g.name", sort="zh_key(g.name)", width=200),
        Column("station", QT_TRANSLATE_NOOP("GroupListModel", "Station"), "g.station_name", width=170),
        Column("convener", QT_TRANSLATE_NOOP("GroupListModel", "Convener"), "c.name", sort="zh_name_key(c.name)",
               width=110),
        Column("members", QT_TRANSLATE_NOOP("GroupListModel", "Members"),
               f"(SELECT count(*) FROM membership ms WHERE ms.group_id = g.id AND {_ACTIVE})", width=72,
               align="right"),
        Column("staff", QT_TRANSLATE_NOOP("GroupListModel", "Staff contact"), "g.staff_name",
               sort="zh_name_key(g.staff_name)", width=96),
        Column("staff_phone", QT_TRANSLATE_NOOP("GroupListModel", "Staff phone"), "g.staff_phone", width=110,
               personal=True),
        Column("address", QT_TRANSLATE_NOOP("GroupListModel", "Station address"), "g.station_address", width=180,
               hidden=True),
        Column("founded_on", QT_TRANSLATE_NOOP("GroupListModel", "Founded on"), "g.founded_on", width=90,
               hidden=True),
    )
    default_sort = ("name", Qt.SortOrder.AscendingOrder)
    search_names_sql = ("{a}.convener_id IN (SELECT smb.id FROM member smb WHERE smb.name LIKE ? ESCAPE '\\') "
                        "OR {a}.station_name LIKE ? ESCAPE '\\' OR {a}.staff_name LIKE ? ESCAPE '\\' "
                        "OR {a}.station_address LIKE ? ESCAPE '\\'")        # 召集人, 联络站, 联络员, 地址

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"liaison_group", "membership", "member"})
