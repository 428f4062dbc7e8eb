"""Item models of the sync page: small lists handed over whole by a QueryOp (db.sync.views /
db.sync.resolve dataclasses) — the offices this one exchanges with, the office register, keys to
confirm, conflicts and the sync history. Each stays small (hundreds of rows, a few thousand for a
history of years), so the rows are kept as they came; sort and filter through a proxy on SORT_ROLE."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from db.sortkey import text_key
from desktop.labels import enum_label, field_label, table_label

ITEM_ROLE = int(Qt.ItemDataRole.UserRole) + 1      # the row's dataclass
SORT_ROLE = int(Qt.ItemDataRole.UserRole) + 2      # the value to sort by

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
          "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter}


@dataclass(frozen=True)
class ListColumn:
    key: str
    title: str                                      # English; translated in the model's context
    text: Callable[[Any], str]
    width: int = 120
    align: str = "left"
    sort: Callable[[Any], Any] | None = None        # default: the text


class RowsModel(QAbstractTableModel):
    columns: tuple[ListColumn, ...] = ()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[Any] = []

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[Any]:
        return list(self._rows)

    def item(self, row: int) -> Any:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item, col = self._rows[index.row()], self.columns[index.column()]
        if role == ITEM_ROLE:
            return item
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_ALIGN[col.align].value)
        if role == SORT_ROLE:           # names of offices and people in pinyin order (db.sortkey), as every list
            value = col.sort(item) if col.sort else text_key(col.text(item))
            return "" if value is None else value
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = col.text(item)
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if len(text) > 24 else None
            return text
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.columns):
            return None
        return QCoreApplication.translate(type(self).__name__, self.columns[section].title)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def retranslate(self) -> None:
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self.columns) - 1))


# -- shared texts ------------------------------------------------------------------------
def _register_key(r) -> str:
    """The office's key as the register says it. After a person removed the key learned on a relay's word
    (移除转告的密钥) the office has no key here until its next one is confirmed by phone: 已移除 is said, not
    尚无密钥 as for an office never heard from (short, as the column was fitted to the texts before)."""
    if r.key == "none" and r.relayed_keys:
        return QCoreApplication.translate("SyncTexts", "Told by a relay")
    if r.key == "none" and r.key_removed_on:
        return QCoreApplication.translate("SyncTexts", "Key removed")
    return key_text(r.key)


def key_text(key: str) -> str:
    if key == "trusted":
        return QCoreApplication.translate("SyncTexts", "Confirmed")
    if key == "pending":
        return QCoreApplication.translate("SyncTexts", "To be confirmed")
    if key == "none":
        return QCoreApplication.translate("SyncTexts", "No key yet")
    if key == "revoked":
        return QCoreApplication.translate("SyncTexts", "Key revoked")
    return ""


def when_text(value: str | None) -> str:
    """An ISO time as "2026-11-25 14:03" (or a dash)."""
    return value.replace("T", " ")[:16] if value else "—"


def count_text(n: int | None) -> str:
    return "" if n is None else str(n)


def size_text(n: int | None) -> str:
    if n is None:
        return ""
    if n < 1024:
        return QCoreApplication.translate("SyncTexts", "%1 bytes").replace("%1", str(n))
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / 1024 / 1024:.1f} MB"


def office_text(name: str, code: str) -> str:
    """新华路街道（520102001） in Chinese, 新华路街道 (520102001) in English."""
    if not code:
        return name
    return QCoreApplication.translate("SyncTexts", "%1 (%2)").replace("%1", name).replace("%2", code)


# -- the offices this one exchanges packages with -----------------------------------------
def _counterpart(c) -> str:
    role = QCoreApplication.translate("SyncTexts", "parent office") if c.direction == "up" else \
        QCoreApplication.translate("SyncTexts", "office below")
    name = c.office.name + (QCoreApplication.translate("SyncTexts", " (deactivated)") if c.deactivated_on else "")
    return QCoreApplication.translate("SyncTexts", "%1 (%2)").replace("%1", name).replace("%2", role)


class CounterpartModel(RowsModel):
    columns = (
        ListColumn("office", QT_TRANSLATE_NOOP("CounterpartModel", "Office"), _counterpart, 200,
                   sort=lambda c: (c.direction != "up", c.office.code)),
        ListColumn("key", QT_TRANSLATE_NOOP("CounterpartModel", "Key"), lambda c: key_text(c.key), 90),
        ListColumn("received", QT_TRANSLATE_NOOP("CounterpartModel", "Last received"),
                   lambda c: when_text(c.last_received), 125),
        ListColumn("sent", QT_TRANSLATE_NOOP("CounterpartModel", "Last written"),
                   lambda c: when_text(c.last_sent), 125),
        ListColumn("to_send", QT_TRANSLATE_NOOP("CounterpartModel", "Still lacks"),
                   lambda c: count_text(c.to_send), 80, "right", lambda c: c.to_send),
    )


# -- the office register -----------------------------------------------------------------
def _relation(r) -> str:
    return {
        "self": QCoreApplication.translate("SyncTexts", "This office"),
        "parent": QCoreApplication.translate("SyncTexts", "Parent office"),
        "child": QCoreApplication.translate("SyncTexts", "Office below"),
        "below": QCoreApplication.translate("SyncTexts", "Further below"),
    }.get(r.relation, "")


class OfficeRegisterModel(RowsModel):
    columns = (
        ListColumn("code", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Code"), lambda r: r.office.code, 90),
        ListColumn("name", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Name"), lambda r: r.office.name + (
            QCoreApplication.translate("SyncTexts", " (deactivated)") if r.deactivated_on else ""), 200),
        ListColumn("level", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Level"),
                   lambda r: enum_label("office_level", r.office.level), 140,
                   sort=lambda r: ("city", "district", "township").index(r.office.level)
                   if r.office.level in ("city", "district", "township") else 9),
        ListColumn("parent", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Parent office"), lambda r: r.parent_name, 120),
        ListColumn("relation", QT_TRANSLATE_NOOP("OfficeRegisterModel", "To this office"), _relation, 100),
        ListColumn("key", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Key"), _register_key, 90),
        ListColumn("received", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Last package"),
                   lambda r: when_text(r.last_received) if r.relation in ("parent", "child") else "", 130),
        ListColumn("latest", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Newest data from it"),
                   lambda r: when_text(r.latest_change), 130),
        ListColumn("to_send", QT_TRANSLATE_NOOP("OfficeRegisterModel", "Still lacks"),
                   lambda r: count_text(r.to_send), 80, "right", lambda r: -1 if r.to_send is None else r.to_send),
    )


class PendingKeyModel(RowsModel):
    columns = (
        ListColumn("office", QT_TRANSLATE_NOOP("PendingKeyModel", "Office"),
                   lambda k: office_text(k.office_name, k.office_code), 200),
        ListColumn("fingerprint", QT_TRANSLATE_NOOP("PendingKeyModel", "Fingerprint"), lambda k: k.fingerprint, 260),
        ListColumn("seen", QT_TRANSLATE_NOOP("PendingKeyModel", "Arrived"), lambda k: when_text(k.first_seen_at), 130),
        ListColumn("note", QT_TRANSLATE_NOOP("PendingKeyModel", "Note"),
                   lambda k: QCoreApplication.translate("SyncTexts", "Replaces a confirmed key — check carefully")
                   if k.replaces_trusted and not k.relayed else QCoreApplication.translate(
                       "SyncTexts", "Passed on by another office: its changes wait for this") if k.relayed else "", 200),
    )


# -- conflicts ------------------------------------------------------------------------------
def conflict_field_text(c) -> str:
    if c.kind == "delete":
        return QCoreApplication.translate("SyncTexts", "Deleted, and edited elsewhere")
    return field_label(c.table, c.field)


def conflict_record_text(c) -> str:
    what = table_label(c.table)
    title = c.title or c.parent_title
    return QCoreApplication.translate("SyncTexts", "%1: %2").replace("%1", what).replace("%2", title) if title \
        else what


def value_text(c, value: str | None, pick: Callable[[str, str | None], str] | None = None, *,
               one_line: bool = True) -> str:
    """One side's value as a person reads it: labels for coded values, names for reference items,
    "Deleted" or the edits for a delete conflict; `one_line` shortens long text for a list."""
    import json
    if c.kind == "delete":
        if value == "1":
            return QCoreApplication.translate("SyncTexts", "Deleted")
        try:
            edits = json.loads(value) if value else {}
        except ValueError:
            edits = {}
        colon = QCoreApplication.translate("SyncTexts", "%1: %2")
        parts = [colon.replace("%1", field_label(c.table, k)).replace("%2", _plain(c.table, k, v, c, pick))
                 for k, v in sorted(edits.items())] if isinstance(edits, dict) else []
        text = QCoreApplication.translate("SyncTexts", "Edited meanwhile: %1").replace("%1", "；".join(parts))
    else:
        text = _plain(c.table, c.field, value, c, pick)
    if one_line:
        text = " ".join(text.split())
        if len(text) > 80:
            text = text[:79] + "…"
    return text


def _plain(table: str, name: str, value, c, pick) -> str:
    from desktop.labels import field_enum
    if value is None or value == "":
        return QCoreApplication.translate("SyncTexts", "(empty)")
    kind = field_enum(table, name)
    if kind:
        return enum_label(kind, str(value))
    names = getattr(c, "ref_names", {}).get(str(value))
    if names:
        return pick(*names) if pick else names[0]
    return str(value)


class ConflictListModel(RowsModel):
    columns = (
        ListColumn("detected", QT_TRANSLATE_NOOP("ConflictListModel", "Found"), lambda c: when_text(c.detected_at), 125),
        ListColumn("record", QT_TRANSLATE_NOOP("ConflictListModel", "Record"), conflict_record_text, 240),
        ListColumn("field", QT_TRANSLATE_NOOP("ConflictListModel", "What"), conflict_field_text, 130),
        ListColumn("kept", QT_TRANSLATE_NOOP("ConflictListModel", "One value"),
                   lambda c: value_text(c, c.kept.value), 200),
        ListColumn("other", QT_TRANSLATE_NOOP("ConflictListModel", "The other value"),
                   lambda c: value_text(c, c.other.value), 200),
        ListColumn("owner", QT_TRANSLATE_NOOP("ConflictListModel", "Record of"), lambda c: c.owner_name, 110),
    )


# -- history ------------------------------------------------------------------------------
def direction_text(direction: str) -> str:
    return QCoreApplication.translate("SyncTexts", "Sent") if direction == "out" else \
        QCoreApplication.translate("SyncTexts", "Received")


def result_text(result: str) -> str:
    return {"written": QCoreApplication.translate("SyncTexts", "Written"),
            "applied": QCoreApplication.translate("SyncTexts", "Imported"),
            "refused": QCoreApplication.translate("SyncTexts", "Refused")}.get(result, result)


def history_carried(h) -> str:
    c = h.counts
    if h.result == "refused":
        return ""
    if h.direction == "out":
        text = QCoreApplication.translate("SyncTexts", "%1 changes, %2 records, %3 files") \
            .replace("%1", str(c.get("log", 0))).replace("%2", str(c.get("rows", 0))).replace("%3", str(c.get("blobs", 0)))
        if c.get("full"):
            text += QCoreApplication.translate("SyncTexts", " (everything)")
        return text
    text = QCoreApplication.translate("SyncTexts", "new %1, updated %2, unchanged %3") \
        .replace("%1", str(c.get("new", 0))).replace("%2", str(c.get("updated", 0))) \
        .replace("%3", str(c.get("unchanged", 0)))
    if c.get("conflicts"):
        text += QCoreApplication.translate("SyncTexts", ", %1 conflicts").replace("%1", str(c["conflicts"]))
    held = c.get("held")
    if isinstance(held, dict) and held:         # a computer another office reported (SECURITY.md R6b)
        n = sum(v for v in held.values() if type(v) is int)
        text += QCoreApplication.translate("SyncTexts", ", %1 change(s) held until a key is confirmed").replace(
            "%1", str(n))
    return text


_REFUSALS = {
    "corrupt": QT_TRANSLATE_NOOP("SyncTexts", "The file is damaged or incomplete"),
    "setup_file": QT_TRANSLATE_NOOP("SyncTexts", "A setup file, not a sync package"),
    "partial_file": QT_TRANSLATE_NOOP("SyncTexts", "An unfinished file"),
    "not_found": QT_TRANSLATE_NOOP("SyncTexts", "The file is missing"),
    "wrong_recipient": QT_TRANSLATE_NOOP("SyncTexts", "Addressed to another office"),
    "own_package": QT_TRANSLATE_NOOP("SyncTexts", "Written by this installation"),
    "unknown_office": QT_TRANSLATE_NOOP("SyncTexts", "The sending office is not registered here"),
    "not_related": QT_TRANSLATE_NOOP("SyncTexts", "The sender is neither above nor below this office"),
    "key_mismatch": QT_TRANSLATE_NOOP("SyncTexts", "Its key belongs to another office"),
    "untrusted_key": QT_TRANSLATE_NOOP("SyncTexts", "First package of this office: its key waits for confirmation"),
    "wrong_key": QT_TRANSLATE_NOOP("SyncTexts", "Not encrypted for this installation's key"),
    "newer_version": QT_TRANSLATE_NOOP("SyncTexts", "Made by a newer version of Liaison Desk"),
    "bad_origin": QT_TRANSLATE_NOOP("SyncTexts", "Its origins do not match what this office knows"),
    "bad_provenance": QT_TRANSLATE_NOOP("SyncTexts", "Relayed changes do not match what their author signed"),
    "relay_behind": QT_TRANSLATE_NOOP("SyncTexts", "The relaying office lacks its parent's latest package"),
    "out_of_scope": QT_TRANSLATE_NOOP("SyncTexts", "Changes the sender may not make"),
    "revoked_key": QT_TRANSLATE_NOOP("SyncTexts", "Signed by a computer whose key was revoked"),
    "missing_reference": QT_TRANSLATE_NOOP("SyncTexts", "Refers to records this office does not have yet"),
}


def refusal_reason(code: str) -> str:
    """A short reason for a refusal code, in the interface language ("" for an unknown code)."""
    text = _REFUSALS.get(code)
    return QCoreApplication.translate("SyncTexts", text) if text else ""


def history_reason(h) -> str:
    if h.result != "refused":
        return ""
    return refusal_reason(h.reason_code) or h.reason_en


class HistoryModel(RowsModel):
    columns = (
        ListColumn("at", QT_TRANSLATE_NOOP("HistoryModel", "When"), lambda h: when_text(h.at), 125),
        ListColumn("direction", QT_TRANSLATE_NOOP("HistoryModel", "Direction"), lambda h: direction_text(h.direction), 70),
        ListColumn("office", QT_TRANSLATE_NOOP("HistoryModel", "Office"), lambda h: h.peer_name, 130),
        ListColumn("result", QT_TRANSLATE_NOOP("HistoryModel", "Result"), lambda h: result_text(h.result), 70),
        ListColumn("carried", QT_TRANSLATE_NOOP("HistoryModel", "What it carried"), history_carried, 220),
        ListColumn("size", QT_TRANSLATE_NOOP("HistoryModel", "Size"), lambda h: size_text(h.size), 70, "right",
                   lambda h: h.size or 0),
        ListColumn("reason", QT_TRANSLATE_NOOP("HistoryModel", "Reason"), history_reason, 200),
        ListColumn("file", QT_TRANSLATE_NOOP("HistoryModel", "File"), lambda h: h.file_name, 300),
    )
