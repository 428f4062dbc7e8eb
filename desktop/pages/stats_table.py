"""The table model the 统计 tabs share: a list of rows shown by columns (key, English title, numeric)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt

from desktop.models.paged import ROW_ID_ROLE, SORT_VALUE_ROLE

_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)


class StatsTableModel(QAbstractTableModel):
    """`rows` as given to `set_rows`; a subclass says which `columns` it has (titles translated in the
    subclass's own context), a row's id, a cell's value and its text."""

    columns: tuple[tuple[str, str, bool], ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows: list[Any] = []

    # -- what a subclass says ----------------------------------------------------------
    def row_id(self, row) -> Any:
        raise NotImplementedError

    def value(self, row, key: str) -> Any:
        return getattr(row, key)

    def text(self, key: str, value: Any, numeric: bool) -> str:
        return "" if value is None else (f"{value:,}" if numeric else str(value))

    def sort_value(self, value: Any, numeric: bool) -> Any:
        return (-1.0 if value is None else value) if numeric else (value or "")

    def tooltip(self, key: str, value: Any) -> str | None:
        return None

    # -- the model -------------------------------------------------------------------------
    def set_rows(self, rows) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        key, _t, numeric = self.columns[index.column()]
        if role == ROW_ID_ROLE:
            return self.row_id(row)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if numeric else None
        value = self.value(row, key)
        if role == SORT_VALUE_ROLE:
            return self.sort_value(value, numeric)
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(key, value, numeric)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(key, value)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self.columns):
            return QCoreApplication.translate(type(self).__name__, self.columns[section][1])
        return None

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, len(self.columns) - 1))
