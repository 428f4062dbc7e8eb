"""A list view over a PagedTableModel: sortable, keyboard-driven, remembers its columns (QSettings)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from desktop.models.paged import ROW_ID_ROLE, PagedTableModel


class RecordTable(QTableView):
    """`activated_id(id)` on double-click / Enter; `current_id_changed(id or None)` as the selection moves.

    Header state (order, widths, hidden columns, sort) is saved under `settings_key` in the
    context's QSettings and restored when the table is built. Until a person drags a column's
    edge, the columns are sized to what they show (header and the first page of rows, in the
    interface language) and the widest column — the title or topic — takes the rest; this is done
    again after a language switch, so 纪要草稿 / Minutes draft are never cut to "Minutes…"."""

    FIT_MAX = 360               # no short column grows past this; the main column gets what is left
    FIT_MAIN_MIN = 160
    FIT_SHORT = 200             # a column whose content fits in this is never squeezed (states, kinds, posts)
    FIT_SHRINK_FLOOR = 140      # a longer text column squeezed for room keeps at least this (or its header)

    activated_id = Signal(str)
    current_id_changed = Signal(object)

    def __init__(self, ctx, model: PagedTableModel, settings_key: str, parent=None, *,
                 default_hidden: tuple[str, ...] = ()):
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
        # Fitting a column reads the rows in view only; Qt's default (1000 rows) had the paged model fetch
        # ten pages and the shaper load the wide fallback font for a rare name far below the fold.
        hh.setResizeContentsPrecision(0)
        hh.setStretchLastSection(True)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, col in enumerate(model.columns):
            self.setColumnWidth(i, col.width)
            if col.hidden or col.key in default_hidden:       # the page's choice to fit 1366 px; the
                self.setColumnHidden(i, True)                   # header's menu shows them again
        hh.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        hh.customContextMenuRequested.connect(lambda pos: self.column_menu().popup(hh.mapToGlobal(pos)))
        col, order = model.sort_state()
        hh.setSortIndicator(col, order)
        self._restore_header()
        self.setSortingEnabled(True)
        self._save_timer = QTimer(self, singleShot=True, interval=500)
        self._save_timer.timeout.connect(self.save_header)
        self._fitting = False
        self._fitted = False
        self._fitted_empty = False
        self._fit_timer = QTimer(self, singleShot=True, interval=50)
        self._fit_timer.timeout.connect(self.fit_columns)
        self.user_sized = bool(self.ctx.settings.value(self._user_key, False, type=bool))
        hh.sectionResized.connect(self._on_section_resized)
        hh.sectionMoved.connect(self._save_timer.start)
        hh.sortIndicatorChanged.connect(self._save_timer.start)
        self.doubleClicked.connect(self._on_activated)
        self.selectionModel().currentRowChanged.connect(self._on_current)
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._on_reset)
        if hasattr(model, "counted"):
            model.counted.connect(self._on_counted)
        model.loaded.connect(self._fit_once)
        self._keep_id: str | None = None
        self._shown_id: str | None = None
        self._refiltered = False

    # -- column widths ----------------------------------------------------------------
    @property
    def _user_key(self) -> str:
        return self.settings_key.replace("/header", "/user_widths")

    def _on_section_resized(self, index: int, _old: int, _new: int) -> None:
        hh = self.horizontalHeader()
        last = max((hh.visualIndex(i), i) for i in range(hh.count()) if not hh.isSectionHidden(i))[1] \
            if hh.count() else -1
        # after the first fit, a width that changes by anything but the fit (or the stretching of the
        # last column as the window resizes) was set by a person: from then on it is theirs
        if not self._fitting and self._fitted and index != last:
            self.user_sized = True
            self.ctx.settings.setValue(self._user_key, True)
        self._save_timer.start()

    def column_menu(self) -> QMenu:
        """The header's right-click menu: a check per column, to show or hide it."""
        menu = QMenu(self)
        shown = [i for i in range(len(self._model.columns)) if not self.isColumnHidden(i)]
        for i, _col in enumerate(self._model.columns):
            action = menu.addAction(str(self._model.headerData(i, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(i in shown)
            action.setEnabled(not (len(shown) == 1 and i in shown))        # never hide the last one
            action.toggled.connect(lambda on, i=i: self.show_column(i, on))
        return menu

    def show_column(self, index: int, show: bool) -> None:
        self._fitting = True
        try:
            self.setColumnHidden(index, not show)
        finally:
            self._fitting = False
        self.fit_columns()
        self._save_timer.start()

    def _fit_once(self) -> None:
        """Fit the columns to the first rows loaded; a list first shown empty (every list of a new office) is
        fitted again when its first rows come, instead of keeping its headers' widths (时间 read 2026-12…)."""
        rows = self._model.rowCount()
        if not self._fitted or (self._fitted_empty and rows):
            self._fitted = True
            self._fitted_empty = rows == 0
            self.fit_columns()

    def fit_columns(self) -> None:
        """Size every column to its header and the rows shown; the widest declared column takes the rest."""
        if self.user_sized:
            return
        model, hh = self._model, self.horizontalHeader()
        shown = [i for i in range(len(model.columns)) if not self.isColumnHidden(i)]
        if not shown:
            return
        main = max(shown, key=lambda i: model.columns[i].width)
        self._fitting = True
        try:
            widths, floors = {}, {}
            for i in shown:
                if i == main:
                    continue
                head = hh.sectionSizeFromContents(i).width() + 6
                widths[i] = min(max(head, self.sizeHintForColumn(i) + 6), self.FIT_MAX)
                floors[i] = widths[i] if widths[i] <= self.FIT_SHORT else max(head, self.FIT_SHRINK_FLOOR)
            room = self.viewport().width() or self.width()
            over = sum(widths.values()) + self.FIT_MAIN_MIN - room
            if over > 0:            # too many columns for the room: long texts give way, short ones never
                give = {i: widths[i] - floors[i] for i in widths if widths[i] > floors[i]}
                total = sum(give.values())
                for i, g in give.items():
                    widths[i] -= min(g, round(over * g / total)) if total else 0
            for i, w in widths.items():
                self.setColumnWidth(i, w)
            used = sum(widths.values())
            main_want = max(hh.sectionSizeFromContents(main).width(), self.sizeHintForColumn(main)) + 6
            self.setColumnWidth(main, max(self.FIT_MAIN_MIN, min(room - used - 2, main_want)
                                          if room - used - 2 >= self.FIT_MAIN_MIN else self.FIT_MAIN_MIN))
        finally:
            self._fitting = False

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LanguageChange and self._fitted:
            QTimer.singleShot(0, self, self.fit_columns)        # after the model has renamed its headers

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self._fitted and not self.user_sized and event.oldSize().width() != event.size().width():
            self._fit_timer.start()

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

    def _before_reset(self) -> None:
        self._shown_id = self.current_id()
        self._refiltered = self._model.refiltered

    def _on_reset(self) -> None:
        """The rows were read again. The row that was current stays current when it is among the rows read.
        After a search or filter that left it out, nothing is current and the detail beside the list says so (it
        went on showing a record the filter had hidden, with its buttons); after an edit or an import the detail
        goes on showing it, and it is made current again once the count finds it further down (_on_counted)."""
        keep = self._keep_id or self._shown_id
        self._keep_id = self._shown_id = None
        if keep and self.select_id(keep):
            return
        if self._refiltered and not self.currentIndex().isValid():
            self.current_id_changed.emit(None)

    def keeping(self) -> bool:
        """A record to keep current was not among the first screenful read, and the count that may find it
        further down is still running (the page then selects no first row meanwhile)."""
        return self._keep_id is not None and getattr(self._model, "total", 0) is None

    def _on_counted(self, _total: int) -> None:
        """Every matching row is known now: the row to keep current, not among the first screenful read, is
        looked for among them all."""
        keep = self._keep_id
        if keep and not self.currentIndex().isValid():
            self._keep_id = None
            self.select_id(keep)            # (remembered again for the next load when it is not there either)

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
