"""A table model over one SQLite table that never loads the whole table (Anki's browser model).

A subclass gives a column spec and its FROM clause; the model does the rest:

    class MemberListModel(PagedTableModel):
        table, alias = "member", "m"
        from_sql = "member m LEFT JOIN reference_item s ON s.id = m.sector_id"
        columns = (
            Column("name", QT_TRANSLATE_NOOP("MemberListModel", "Name"), "m.name", indexed=True),
            Column("sector", QT_TRANSLATE_NOOP("MemberListModel", "Sector"), "s.name"),
        )
        default_sort = ("name", Qt.SortOrder.AscendingOrder)

How it stays instant on 500k rows: every (re)query runs on a worker thread. The first screenful
(LIMIT first_rows + 1) comes back in milliseconds and is shown at once; if there are more rows,
a second job reads the rowids of all matching rows in order (3 bytes a row, `PackedIds`)
and the model grows to the full count. Rows are then fetched by page (`rowid IN (...)`, 200 at a
time) as the view asks for them, and only a few pages are kept. A new query cancels the old
jobs (sqlite progress handler), and the old rows stay on screen until the new ones arrive.
Search uses the table's bigram index: rare words drive from the index's hits, frequent ones walk the
sort index keeping the rows among the hits, whichever is cheaper (`choose_plan`).
Column titles are translated in the context `tr_context` (default: the class name), so use
`QT_TRANSLATE_NOOP("<ClassName>", "Title")` in the spec.
"""

from __future__ import annotations

import sys
import threading
from array import array
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

ROW_ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1     # the row's id (text UUID)
SORT_VALUE_ROLE = int(Qt.ItemDataRole.UserRole) + 2  # the raw value of the cell

_ALIGN = {"left": Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
          "right": Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
          "center": Qt.AlignmentFlag.AlignCenter}


@dataclass(frozen=True)
class Column:
    key: str
    title: str                      # English; translated in the model's tr_context
    sql: str                        # the select expression
    sort: str | None = ""           # ORDER BY expression; "" = same as sql; None = not sortable
    indexed: bool = False           # an index serves this sort (first page without a full scan)
    width: int = 120
    align: str = "left"
    fmt: Callable[[Any], str] | None = None   # display text for a value
    hidden: bool = False            # hidden until the user shows it
    personal: bool = False          # personal data (a phone number): 导出 Excel… asks before writing it

    @property
    def sort_sql(self) -> str | None:
        return None if self.sort is None else (self.sort or self.sql)


# Searching, two plans; the cheaper one is chosen per query from the number of hits (see choose_plan).
# Each table has its own index whose entries are its rows' rowids (db.search).
# walk: go down the sort index and keep rows whose rowid is among the word's hits (a set made once per
#       query; `+` keeps SQLite from driving from it) — cheap when the word is frequent, as only a few
#       hundred rows are walked;
# drive: start from the word's hits (each a rowid look-up) and sort them — cheap when the word is rare.
# The hits are db.search.hits_sql's (the index's, and the rows not indexed yet), two parameters each.
_WALK = "+{a}.rowid IN ({hits})"
_DRIVE = "{a}.rowid IN ({hits})"
_DRIVE_CHILD = "{a}.id IN (SELECT ct.{fk} FROM {c} ct WHERE ct.rowid IN ({hits}))"
# Cost model in microseconds (city-10y): making the hit set costs about 0.2 µs a hit, walking 2 µs a
# row; driving from the hits about 2 µs a hit.
_SET_US, _WALK_US, _DRIVE_US = 0.2, 2.0, 2.0


def choose_plan(db, table: str, expr: str, want: int) -> str:
    """"walk" or "drive" for the first `want` rows of `table` matching `expr`, whichever costs less."""
    from db.search import hits_params, hits_sql
    hits = db.execute(f"SELECT count(*) FROM ({hits_sql(table)})", hits_params(expr)).fetchone()[0]
    if hits == 0:
        return "drive"
    size = db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    walked = min(size, want * size / hits)
    return "walk" if _SET_US * hits + _WALK_US * walked < _DRIVE_US * hits else "drive"


class PagedTableModel(QAbstractTableModel):
    """Base of every list. Signals: `loaded` after each (re)query's first page is shown,
    `counted(total)` once the number of matching rows is known."""

    table: str = ""
    alias: str = "t"
    from_sql: str = ""
    columns: tuple[Column, ...] = ()
    default_sort: tuple[str, Qt.SortOrder] = ("", Qt.SortOrder.AscendingOrder)
    page_size = 200
    # The first page read for a new query: a screenful and some (a tall window shows about 40 rows). A search
    # that walks the sort index (a frequent word) stops after this many matches instead of a whole page, so
    # the rows are painted about three times sooner; the rest come with the count.
    first_rows = 60
    cached_pages = 8
    tr_context: str | None = None
    # Child tables whose text also finds the row: (child table, its column holding this row's id),
    # e.g. a meeting is found by its agenda items: (("agenda_item", "meeting_id"), ...).
    search_children: tuple[tuple[str, str], ...] = ()
    # Names the list shows but the search index lacks (the members who went on a visit, a report's reporter, a
    # follow-up's lead unit): SQL over the row's alias {a} whose every ? is the typed text as a LIKE pattern
    # (%…%, ESCAPE '\\'). The search box finds the rows by them too: the name is in the list, and searching it
    # found nothing.
    search_names_sql: str | None = None
    single_char_delay_ms = 300
    search_plans: tuple[str, ...] = ("walk", "drive")   # the plans _where knows; pick_plan picks one
    all_ids_plan = "drive"                              # the plan of the query for every matching row (the count)

    loaded = Signal()
    counted = Signal(int)
    started = Signal()          # a (re)query began; `waiting_first_page` until its first page is shown

    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self._search = ""
        self._conditions: dict[str, tuple[str, list]] = {}
        self.refiltered = False     # a search or filter changed since the rows were last read (RecordTable)
        key, order = self.default_sort or (self.columns[0].key, Qt.SortOrder.AscendingOrder)
        self._sort_col = self.column_index(key) if key else 0
        self._sort_order = order
        self._gen = 0
        self._cancel: threading.Event | None = None
        self._ids: array | None = None     # rowids in order, once known
        self._pages: OrderedDict[int, list[tuple]] = OrderedDict()
        self._rows = 0
        self._total: int | None = None
        self._pending = False
        self._first_pending = False
        self._n_cols = len(self.columns)
        self._single_char = QTimer(self, singleShot=True, interval=self.single_char_delay_ms)
        self._single_char.timeout.connect(self.refresh)
        ctx.changed.connect(self._on_data_changed)

    # -- the query ------------------------------------------------------------------
    def column_index(self, key: str) -> int:
        for i, c in enumerate(self.columns):
            if c.key == key:
                return i
        raise KeyError(key)

    def base_conditions(self) -> list[tuple[str, list]]:
        """Conditions every query has; subclasses may add (call super)."""
        return [(f"{self.alias}.deleted = 0", [])]

    def set_condition(self, name: str, sql: str | None, params: list | tuple = ()) -> None:
        """Add, replace (or with sql=None remove) a named filter, e.g. ("group", "m.group_id = ?", [gid])."""
        if sql is None:
            self._conditions.pop(name, None)
        else:
            self._conditions[name] = (sql, list(params))
        self.refiltered = True
        self.refresh()

    def set_search(self, text: str) -> None:
        """Search as you type. A single character waits a moment for the next one (typing 社区 should
        not first search every row with 社); two or more search at once."""
        text = (text or "").strip()
        if text == self._search:
            self._single_char.stop()
            return
        self._search = text
        self.refiltered = True
        if len(text) == 1:
            self._single_char.start()
        else:
            self._single_char.stop()
            self.refresh()

    @property
    def search_text(self) -> str:
        return self._search

    def _where(self, plan: str | None, expr: str | None) -> tuple[str, list]:
        parts, params = [], []
        for sql, p in [*self.base_conditions(), *self._conditions.values()]:
            parts.append(f"({sql})")
            params += p
        if expr is not None:
            from db.search import hits_params, hits_sql
            names = []
            if self.search_names_sql:
                sql = self.search_names_sql.format(a=("+" if plan == "walk" else "") + self.alias)
                like = "%" + self._search.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
                names = [(sql, [like] * sql.count("?"))]
            if plan == "walk":
                alternatives = [_WALK.format(a=self.alias, hits=hits_sql(self.table))]
                params += hits_params(expr)
            else:
                alternatives = [_DRIVE.format(a=self.alias, hits=hits_sql(self.table))]
                params += hits_params(expr)
                for child, fk in self.search_children:
                    alternatives.append(_DRIVE_CHILD.format(a=self.alias, c=child, fk=fk, hits=hits_sql(child)))
                    params += hits_params(expr)
            for sql, p in names:
                alternatives.append(f"({sql})")
                params += p
            parts.append("(" + " OR ".join(alternatives) + ")")
        return " AND ".join(parts) or "1", params

    def pick_plan(self, db, expr: str, want: int) -> str:
        """The plan for the first page of a search (runs on a worker: reads only the database)."""
        return choose_plan(db, self.table, expr, want)

    def _first_limit(self) -> int:
        """The rows of a new query's first read: a screenful, never more than the page that holds them."""
        return min(self.first_rows, self.page_size)

    def _order(self) -> str:
        direction = "DESC" if self._sort_order == Qt.SortOrder.DescendingOrder else "ASC"
        expr = self.columns[self._sort_col].sort_sql or f"{self.alias}.rowid"
        return f"{expr} {direction}, {self.alias}.rowid {direction}"

    def _select(self) -> str:
        cols = ", ".join(c.sql for c in self.columns)
        return f"SELECT {cols}, {self.alias}.rowid, {self.alias}.id FROM {self.from_sql}"

    # -- loading --------------------------------------------------------------------
    def refresh(self) -> None:
        """Run the query again (after a filter, sort, search or data change)."""
        from db.search import match_expression
        if self._cancel is not None:
            self._cancel.set()
        self._gen += 1
        gen, cancel = self._gen, threading.Event()
        self._cancel = cancel
        self._pending = True
        self._first_pending = True
        expr = match_expression(self._search) if self._search else None
        indexed = self.columns[self._sort_col].indexed
        select, order, limit = self._select(), self._order(), self._first_limit() + 1
        plans = {plan: self._where(plan, expr) for plan in self.search_plans}
        children = bool(self.search_children)
        pick = self.pick_plan

        def first_page(db):
            plan = "drive"
            if expr is not None and indexed and not children:
                plan = pick(db, expr, limit)
            where, params = plans[plan]
            return db.execute(f"{select} WHERE {where} ORDER BY {order} LIMIT {limit}", params).fetchall()

        self.ctx.tasks.run(first_page, lambda status, value: self._on_first_page(gen, status, value, expr),
                           cancel=cancel)
        self.started.emit()

    def _on_first_page(self, gen: int, status: str, rows, expr: str | None) -> None:
        if gen != self._gen:
            return
        self._first_pending = False
        if status != "ok":
            self._pending = False
            if status == "error":
                self.ctx.errors.report(rows, context=type(self).__name__)
            return
        first = self._first_limit()
        complete = len(rows) <= first
        rows = rows[:first]
        self.beginResetModel()
        self._pages = OrderedDict({0: rows})
        self._rows = len(rows)
        self._ids = array("q", (r[-2] for r in rows)) if complete else None
        self._total = len(rows) if complete else None
        self.endResetModel()
        self.refiltered = False
        if complete:
            self._pending = False
            self.loaded.emit()
            self.counted.emit(self._rows)
            return
        self.loaded.emit()
        where, params = self._where(self.all_ids_plan, expr)
        sql = f"SELECT {self.alias}.rowid FROM {self.from_sql} WHERE {where} ORDER BY {self._order()}"

        def all_ids(db):
            return _rowid_array(db.execute(sql, params))

        cancel = self._cancel
        self.ctx.tasks.run(all_ids, lambda status, value: self._on_ids(gen, status, value), cancel=cancel)

    def _on_ids(self, gen: int, status: str, ids) -> None:
        if gen != self._gen:
            return
        self._pending = False
        if status != "ok":
            if status == "error":
                self.ctx.errors.report(ids, context=type(self).__name__)
            return
        first = self._pages.get(0, [])
        if list(ids[:len(first)]) != [r[-2] for r in first]:
            self.beginResetModel()           # the data moved in between: start from the ids
            self._ids, self._pages, self._rows = ids, OrderedDict(), len(ids)
            self.endResetModel()
        else:
            self._ids = ids
            if len(first) < self.page_size and len(ids) > len(first):
                self._pages.pop(0, None)     # the first page was a screenful: read whole, by rowid, when shown
            if len(ids) > self._rows:
                self.beginInsertRows(QModelIndex(), self._rows, len(ids) - 1)
                self._rows = len(ids)
                self.endInsertRows()
        self._total = len(ids)
        self.counted.emit(self._total)

    def _page(self, page: int) -> list[tuple]:
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
            return rows
        if self._ids is None:
            return []
        wanted = self._ids[page * self.page_size:(page + 1) * self.page_size]
        found = {}
        for chunk in range(0, len(wanted), 500):
            part = list(wanted[chunk:chunk + 500])
            sql = (f"{self._select()} WHERE {self.alias}.rowid IN ({', '.join('?' * len(part))})")
            for r in self.ctx.db.execute(sql, part).fetchall():
                found[r[-2]] = r
        blank = (None,) * self._n_cols
        rows = [found.get(rid, (*blank, rid, None)) for rid in wanted]
        self._pages[page] = rows
        while len(self._pages) > self.cached_pages:
            self._pages.popitem(last=False)
        return rows

    def _row(self, row: int) -> tuple | None:
        if not 0 <= row < self._rows:
            return None
        page = self._page(row // self.page_size)
        i = row % self.page_size
        return page[i] if i < len(page) else None

    def _on_data_changed(self, tables: set[str]) -> None:
        if self.watches(tables):
            self.refresh()

    def watches(self, tables: set[str]) -> bool:
        """Whether a change to these tables affects this list (default: any table in FROM)."""
        return any(t in self.from_sql.split() for t in tables) or self.table in tables

    # -- state for pages and tests -------------------------------------------------
    @property
    def total(self) -> int | None:
        """The number of matching rows, or None while it is being counted."""
        return self._total

    @property
    def waiting_first_page(self) -> bool:
        """A query runs whose first page is not shown yet (the rows on screen are the previous query's)."""
        return self._first_pending

    def is_loading(self) -> bool:
        return self._pending or self._single_char.isActive()

    def row_id(self, row: int) -> str | None:
        r = self._row(row)
        return r[-1] if r else None

    def row_values(self, row: int) -> dict[str, Any] | None:
        r = self._row(row)
        if r is None:
            return None
        return {c.key: r[i] for i, c in enumerate(self.columns)} | {"id": r[-1]}

    def row_of_id(self, row_id: str) -> int | None:
        """The row showing `row_id`: among the rows already fetched, else (once the count is known) among all
        the matching rows, by its rowid."""
        for page, rows in self._pages.items():
            for i, r in enumerate(rows):
                if r[-1] == row_id:
                    return page * self.page_size + i
        if self._ids is None:
            return None
        got = self.ctx.db.execute(f"SELECT rowid FROM {self.table} WHERE id = ?", [row_id]).fetchone()
        try:
            return self._ids.index(got[0]) if got else None
        except ValueError:
            return None

    def sort_state(self) -> tuple[int, Qt.SortOrder]:
        return self._sort_col, self._sort_order

    # -- Qt model -------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._rows

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else self._n_cols

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        col = self.columns[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(_ALIGN[col.align].value)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, ROW_ID_ROLE, SORT_VALUE_ROLE):
            return None
        r = self._row(index.row())
        if r is None:
            return None
        if role == ROW_ID_ROLE:
            return r[-1]
        value = r[index.column()]
        if role == SORT_VALUE_ROLE:
            return value
        text = self.display(col, value)
        if role == Qt.ItemDataRole.ToolTipRole:
            return text if len(text) > 20 else None
        return text

    def display(self, col: Column, value: Any) -> str:
        """The text of a cell; a column's `fmt` decides, else the value as text."""
        if col.fmt is not None:
            return col.fmt(value)
        return "" if value is None else str(value)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < self._n_cols:
            return None
        return QCoreApplication.translate(self.tr_context or type(self).__name__, self.columns[section].title)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < self._n_cols or self.columns[column].sort_sql is None:
            return
        if (column, order) != (self._sort_col, self._sort_order) or not self._pages:
            self._sort_col, self._sort_order = column, order
            self.refresh()

    def retranslate(self) -> None:
        """Header titles and formatted cells follow the interface language."""
        if self._n_cols:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self._n_cols - 1)
            if self._rows:
                self.dataChanged.emit(self.index(0, 0), self.index(self._rows - 1, self._n_cols - 1))


# Rowids fetched at a time, packed as they come into one growing buffer: batches of 20,000 left ~3 MB of freed
# tuples and copies behind in the worker's heap (returned only by a malloc_trim after each large count).
_BATCH = 1000


class PackedIds:
    """Rowids in order, 3 bytes each (every rowid below 2**24, 16.7 M: 1.5 MB for the 508k visits instead
    of 2 MB as 4-byte ints, bench_memory). Read as a list is: len(), an index, a slice (an array of ints)."""

    __slots__ = ("_data", "_n")

    def __init__(self, data: bytes):
        self._data = data
        self._n = len(data) // 3

    @staticmethod
    def pack(ids: array) -> bytearray | None:
        """An array('i') of rowids as 3 bytes each, or None when one needs more (or is negative)."""
        if sys.byteorder != "little":
            ids = array("i", ids)
            ids.byteswap()
        raw = ids.tobytes()
        if raw[3::4].strip(b"\0"):
            return None
        out = bytearray(3 * len(ids))
        out[0::3], out[1::3], out[2::3] = raw[0::4], raw[1::4], raw[2::4]
        return out

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, key):
        if isinstance(key, slice):
            start, stop, step = key.indices(self._n)
            if step != 1:
                return array("i", [self[i] for i in range(start, stop, step)])
            n = max(0, stop - start)
            part = self._data[3 * start:3 * start + 3 * n]
            raw = bytearray(4 * n)
            raw[0::4], raw[1::4], raw[2::4] = part[0::3], part[1::3], part[2::3]
            out = array("i")
            out.frombytes(raw)
            if sys.byteorder != "little":
                out.byteswap()
            return out
        i = key.__index__()
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError("rowid index out of range")
        return int.from_bytes(self._data[3 * i:3 * i + 3], "little")

    def __iter__(self):
        return iter(self[:])

    def index(self, rowid: int) -> int:
        """The position of `rowid` (ValueError when it is not among them), found in C (bytes.find)."""
        if not 0 <= rowid < 1 << 24:
            raise ValueError(rowid)
        pattern = rowid.to_bytes(3, "little")
        at = self._data.find(pattern)
        while at != -1:
            if at % 3 == 0:
                return at // 3
            at = self._data.find(pattern, at + 1)
        raise ValueError(rowid)


def _rowid_array(cur) -> PackedIds | array:
    """The rowids a cursor gives: PackedIds (3 bytes each) while they fit, else an array of 8-byte ints."""
    packed = bytearray()
    wide: array | None = None
    while batch := cur.fetchmany(_BATCH):
        ids = [r[0] for r in batch]
        if wide is None:
            try:
                part = PackedIds.pack(array("i", ids))
            except OverflowError:
                part = None
            if part is not None:
                packed += part
                continue
            wide = array("q", PackedIds(packed))
            packed = bytearray()
        wide.extend(ids)
    return PackedIds(packed) if wide is None else wide
