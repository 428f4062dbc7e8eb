"""Duty records of one year as a table model (a year has at most a few thousand members: held in memory)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from db.sortkey import name_key, text_key
from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE
from desktop.timeline_notes import names_text

# (key, title, width, numeric)
COLUMNS = (
    ("name", QT_TRANSLATE_NOOP("DutyModel", "Name"), 96, False),
    ("sector", QT_TRANSLATE_NOOP("DutyModel", "Sector"), 130, False),
    ("groups", QT_TRANSLATE_NOOP("DutyModel", "Groups"), 170, False),
    ("meetings_attended", QT_TRANSLATE_NOOP("DutyModel", "Attended"), 80, True),
    ("leave", QT_TRANSLATE_NOOP("DutyModel", "On leave"), 80, True),
    ("absent", QT_TRANSLATE_NOOP("DutyModel", "Absent"), 80, True),
    ("attendance_rate", QT_TRANSLATE_NOOP("DutyModel", "Attendance"), 80, True),
    ("speeches", QT_TRANSLATE_NOOP("DutyModel", "Speeches"), 80, True),
    ("visits", QT_TRANSLATE_NOOP("DutyModel", "Visits"), 80, True),
    ("reports", QT_TRANSLATE_NOOP("DutyModel", "Reports"), 80, True),
    ("reports_adopted", QT_TRANSLATE_NOOP("DutyModel", "Adopted"), 80, True),
    ("follow_ups", QT_TRANSLATE_NOOP("DutyModel", "Follow-ups"), 80, True),
)


def sort_key(key: str, value: Any) -> str:
    """Names, sectors and groups sort in pinyin order (db.sortkey), the order of every list."""
    if value is None:
        return ""
    return name_key(value) if key == "name" else text_key(value)


class DutyModel(QAbstractTableModel):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.records: list = []

    def set_records(self, records: list) -> None:
        self.beginResetModel()
        self.records = list(records)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.records)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def _value(self, rec, key: str) -> Any:
        if key == "sector":
            return self.ctx.pick(rec.sector, rec.sector_en)
        return getattr(rec, key)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        rec = self.records[index.row()]
        key, _title, _w, numeric = COLUMNS[index.column()]
        if role == ROW_ID_ROLE:
            return rec.member_id
        value = self._value(rec, key)
        if role == SORT_VALUE_ROLE:
            if numeric:
                return -1.0 if value is None else value
            return sort_key(key, value)
        if key == "groups" and value:               # 南湖社区委员联络组、… / …, …
            value = names_text(value)
        if role == Qt.ItemDataRole.DisplayRole:
            if key == "attendance_rate":
                return "" if value is None else f"{value:.0%}"
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.TextAlignmentRole and numeric:
            return int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
        if role == Qt.ItemDataRole.ToolTipRole and key == "groups":
            return value
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(COLUMNS):
            return QCoreApplication.translate("DutyModel", COLUMNS[section][1])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.records:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.records) - 1, len(COLUMNS) - 1))

    def totals(self, rows: list[int] | None = None) -> dict[str, int]:
        """The sums over every record, or over the records at `rows` (those a name filter leaves shown)."""
        keys = ("meetings_attended", "leave", "absent", "speeches", "visits", "reports", "reports_adopted",
                "follow_ups")
        records = self.records if rows is None else [self.records[i] for i in rows]
        return {k: sum(getattr(r, k) for r in records) for k in keys}
