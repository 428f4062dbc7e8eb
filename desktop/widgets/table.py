"""A list view over a PagedTableModel: sortable, keyboard-driven, remembers its columns (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from desktop.models.paged import ROW_ID_ROLE, PagedTableModel


class RecordTable(QTableView):
    """`activated_id(id)` on double-click / Enter; `current_id_changed(id or None)` as the selection moves.

    Header state (order, widths, hidden columns, sort) is saved under `settings_key` in the
    context's QSettings and restored when the table is built."""

    activated_id = Signal(str)
    current_id_changed = Signal(object)

    def __init__(self, ctx, model: PagedTableModel, settings_key: str, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.settings_key = f"lists/{settings_key}/header"
        self.setModel(model)
        self._model = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = self.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.horizontalHeader()
        hh.setSectionsMovable(True)
        hh.setHighlightSections(False)
        hh.setStretchLastSection(True)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, col in enumerate(model.columns):
            self.setColumnWidth(i, col.width)
            if col.hidden:
                self.setColumnHidden(i, True)
        col, order = model.sort_state()
        hh.setSortIndicator(col, order)
        self._restore_header()
        self.setSortingEnabled(True)
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._save_timer.timeout.connect(self.save_header)
        hh.sectionResized.connect(self._save_timer.start)
        hh.sectionMoved.connect(self._save_timer.start)
        hh.sortIndicatorChanged.connect(self._save_timer.start)
        self.doubleClicked.connect(self._on_activated)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelReset.connect(self._on_reset)
        self._keep_id: str | None = None

    # -- header state ---------------------------------------------------------------
    def _restore_header(self) -> None:
        state = self.ctx.settings.value(self.settings_key)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.horizontalHeader().restoreState(state)

    def save_header(self) -> None:
        self.ctx.settings.setValue(self.settings_key, self.horizontalHeader().saveState())

    # -- selection ------------------------------------------------------------------
    def current_id(self) -> str | None:
        idx = self.currentIndex()
        return idx.data(ROW_ID_ROLE) if idx.isValid() else None

    def select_id(self, row_id: str | None) -> bool:
        """Make `row_id` current if it is among the fetched rows (else remember it for the next load)."""
        if row_id is None:
            return False
        row = self._model.row_of_id(row_id)
        if row is None:
            self._keep_id = row_id
            return False
        self.selectRow(row)
        self.scrollTo(self._model.index(row, 0))
        return True

    def _on_reset(self) -> None:
        keep = self._keep_id
        self._keep_id = None
        if keep:
            self.select_id(keep)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_id_changed.emit(current.data(ROW_ID_ROLE) if current.isValid() else None)

    def _on_activated(self, index: QModelIndex) -> None:
        rid = index.data(ROW_ID_ROLE)
        if rid:
            self.activated_id.emit(rid)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            return
        super().keyPressEvent(event)

    def remember_current(self) -> None:
        """Keep the current row selected across the next reload (after an edit)."""
        self._keep_id = self.current_id()
