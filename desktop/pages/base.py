"""The base of every sidebar page, and `ListPage`: search box + filters + paged table (+ detail).

A page is built lazily the first time it is shown and gets the application context. It sets
its texts in `retranslate()` (called once built and again on every language switch — build
widgets in __init__, set texts only there). Data changes made anywhere (`ctx.changed`) mark it
stale if it watches the changed tables; a stale page refreshes when it is next shown.
The main window sends the page its commands: `new_record` (Ctrl+N), `find` (Ctrl+F),
`delete_selected` (Del), `refresh` (F5); `can_close()` is asked before the window closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)


class Page(QWidget):
    watched_tables: frozenset[str] = frozenset()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = False
        ctx.changed.connect(self._on_changed)

    # -- to override ----------------------------------------------------------------
    def retranslate(self) -> None:
        """Set every visible text (English source through self.tr)."""

    def refresh(self) -> None:
        """Read the data again."""

    def new_record(self) -> None: ...

    def find(self) -> None: ...

    def delete_selected(self) -> None: ...

    def can_close(self) -> bool:
        return True

    def save_state(self) -> None:
        """Remember columns, splitter sizes … (called when the window closes)."""

    # -- machinery ------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        # a language change that arrives after the database closed (the window shutting down) reads nothing
        if event.type() == QEvent.Type.LanguageChange and not getattr(self.ctx, "closed", False):
            self.retranslate()
        super().changeEvent(event)

    def _on_changed(self, tables: set[str]) -> None:
        if self.watched_tables & set(tables):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh()


def filter_combo(parent: QWidget, width: int = 150) -> QComboBox:
    combo = QComboBox(parent)
    combo.setMinimumWidth(width)
    combo.setMaximumWidth(width + 60)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


def fill_combo(combo: QComboBox, all_text: str, items: list[tuple[str, str]]) -> None:
    """First "all" (data None), then the items; keeps the current choice."""
    current = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    combo.addItem(all_text, None)
    for value, text in items:
        combo.addItem(text, value)
    combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
    combo.blockSignals(False)


class SearchBox(QLineEdit):
    """Search as you type (Esc clears)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(140)
        self.setMaxLength(100)

    def sizeHint(self) -> QSize:
        """Wide enough for the placeholder beside the clear button: in English 统计's "Find a member (Ctrl+F)"
        read "Find a member (Ctrl…" in a layout that gives the box its size hint."""
        hint = super().sizeHint()
        want = self.fontMetrics().horizontalAdvance(self.placeholderText()) + hint.height() + 16
        return QSize(max(hint.width(), want), hint.height())

    def setPlaceholderText(self, text: str) -> None:
        super().setPlaceholderText(text)
        self.updateGeometry()                   # another language, another width

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        super().keyPressEvent(event)


class ListPage(Page):
    """Title, search box, filters, count and New button over a RecordTable, with an optional
    detail panel on the right. Subclasses: `make_model()`, `settings_key`, `open_record(id)`,
    optionally `build_filters(layout)`, `build_detail()` → widget with `show_record(id or None)`."""

    settings_key = ""
    split_stretch = (3, 2)          # list : detail
    default_hidden: tuple[str, ...] = ()    # columns left out until shown from the header's menu (to fit 1366 px)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        from desktop.widgets.table import RecordTable
        self.model = self.make_model()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(8)
        from desktop.widgets.wrap_bar import WrapBar
        self.bar = WrapBar(self)
        bar = self.bar.left
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        bar.addWidget(self.title)
        bar.addSpacing(12)
        self.search = SearchBox(self)
        self.search.textChanged.connect(self.model.set_search)
        bar.addWidget(self.search)
        self.office_filter = self._build_office_filter(bar)
        self.build_filters(bar)
        bar.addStretch(1)
        right = self.bar.right
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        right.addWidget(self.count_label)
        self.new_button = QPushButton(self)
        self.new_button.clicked.connect(self.new_record)
        right.addWidget(self.new_button)
        self.export_button = QPushButton(self)
        self.export_button.clicked.connect(lambda: self.export_excel())
        right.addWidget(self.export_button)
        outer.addWidget(self.bar)
        self.table = RecordTable(ctx, self.model, self.settings_key, self, default_hidden=self.default_hidden)
        self.table.activated_id.connect(self.open_record)
        self.detail = self.build_detail()
        if self.detail is not None:
            self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
            self.splitter.addWidget(self.table)
            self.splitter.addWidget(self.detail)
            self.splitter.setStretchFactor(0, self.split_stretch[0])
            self.splitter.setStretchFactor(1, self.split_stretch[1])
            self.splitter.setChildrenCollapsible(False)
            state = ctx.settings.value(f"lists/{self.settings_key}/splitter")
            if state is not None:
                self.splitter.restoreState(state)
            outer.addWidget(self.splitter, 1)
            self.table.current_id_changed.connect(self.detail.show_record)
        else:
            outer.addWidget(self.table, 1)
        self.model.counted.connect(lambda _n: self._update_count())
        self.model.loaded.connect(self._update_count)
        self.model.started.connect(lambda: QTimer.singleShot(150, self, self._show_busy))
        self.model.loaded.connect(self._select_first_if_none)
        self.model.counted.connect(lambda _n: self._select_first_if_none())     # after the table looked for the kept row
        self.retranslate()
        self.model.refresh()

    # -- to override ----------------------------------------------------------------
    def make_model(self):
        raise NotImplementedError

    def build_filters(self, bar: QHBoxLayout) -> None:
        """Add filter widgets to the tool bar (after the search box)."""

    def build_detail(self) -> QWidget | None:
        return None

    def open_record(self, record_id: str) -> None: ...

    def page_title(self) -> str:
        return ""

    def new_button_text(self) -> str:
        return self.tr("New")

    # -- behaviour ------------------------------------------------------------------
    def retranslate(self) -> None:
        self._fill_office_filter()
        self.title.setText(self.page_title())
        self.search.setPlaceholderText(self.tr("Search (Ctrl+F)"))
        self.new_button.setText(self.new_button_text())
        self.export_button.setText(self.tr("Export to Excel…"))
        self.new_button.setToolTip(QKeySequence(QKeySequence.StandardKey.New).toString(
            QKeySequence.SequenceFormat.NativeText))
        self.model.retranslate()
        self._update_count()

    # -- which office's records (a district or the city; a township has none below) -----------
    def _offices_below(self) -> list:
        office = self.ctx.office
        if office is None:
            return []
        from db.offices import list_offices
        return list_offices(self.ctx.db, parent_id=office.id)

    def _build_office_filter(self, bar: QHBoxLayout):
        """At an office with offices below: a choice of whose records to list — this office's own, or one
        office below with its own offices below (a district with its townships, at the city)."""
        if not self._offices_below():
            return None
        combo = filter_combo(self, 110)
        combo.currentIndexChanged.connect(self._apply_office_filter)
        self.ctx.changed.connect(lambda tables: "office" in tables and self._fill_office_filter())
        bar.addWidget(combo)
        return combo

    def _fill_office_filter(self) -> None:
        if self.office_filter is None:
            return
        own = self.ctx.office
        # short ("本级"): with the office's name it was cut to "南明区政协（2" in the 1366 px bar
        items = [("", self.tr("Own records"))] if own else []
        items += [(o.id, o.name) for o in self._offices_below()]
        fill_combo(self.office_filter, self.tr("All offices"), items)
        self.office_filter.setToolTip(self.tr("Whose records to list: this office's own (%1), or those of an "
                                              "office below with the offices below it").replace(
            "%1", own.name if own else ""))

    def office_scope(self) -> list[str] | None:
        """The offices whose records the office choice leaves (None: every office's)."""
        chosen = self.office_filter.currentData() if self.office_filter is not None else None
        if chosen is None:
            return None
        if chosen == "":
            return [self.ctx.office_id]
        from db.offices import list_offices
        return [chosen, *(o.id for o in list_offices(self.ctx.db, parent_id=chosen))]

    def scoped_groups(self) -> list[tuple[str, str]]:
        """(id, name) of the liaison groups of the offices chosen (all groups without a choice), for the
        page's group filter."""
        from db.record_lookups import group_choices
        return group_choices(self.ctx.db, offices=self.office_scope())

    def refill_groups(self) -> None:
        """Fill the page's group filter from `scoped_groups()` (pages with a group filter override it)."""

    def _apply_office_filter(self) -> None:
        scope = self.office_scope()
        self.model.set_condition("office", None if scope is None else
                                 f"{self.model.alias}.office_id IN ({', '.join('?' * len(scope))})", scope or [])
        group_filter = getattr(self, "group_filter", None)
        if group_filter is not None:
            before = group_filter.currentData()
            self.refill_groups()
            if group_filter.currentData() != before:        # the group chosen is not of that office: all groups
                group_filter.currentIndexChanged.emit(group_filter.currentIndex())

    def allow_new(self, why_not: str) -> None:
        """Enable New, or disable it with the reason (e.g. a township keeps no roster) as its tooltip."""
        self.new_button.setEnabled(not why_not)
        if why_not:
            self.new_button.setToolTip(why_not)

    def _update_count(self) -> None:
        total = self.model.total
        if total is None:
            self.count_label.setText(self.tr("%1+ records (counting…)").replace(
                "%1", str(self.model.rowCount())))
        else:
            self.count_label.setText(self.tr("%1 records").replace("%1", str(total)))

    def _show_busy(self) -> None:
        """A query still without its first page after 150 ms (a frequent word on a city's ten years) says
        so where the count is; the previous rows stay until the new ones come."""
        if self.model.waiting_first_page:
            self.count_label.setText(self.tr("Searching…") if self.model.search_text else self.tr("Loading…"))

    def _select_first_if_none(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount() and self.detail is not None:
            QTimer.singleShot(0, self, self._select_first)

    def _select_first(self) -> None:
        if not self.table.currentIndex().isValid() and self.model.rowCount() and not self.table.keeping():
            self.table.selectRow(0)

    def find(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def export_excel(self) -> None:
        """导出 Excel…: the list as shown (its columns, search, filters and order)."""
        from desktop.widgets.list_export import export_list
        export_list(self)

    def refresh(self) -> None:
        self.table.remember_current()
        self.model.refresh()

    def current_id(self) -> str | None:
        return self.table.current_id()

    def save_state(self) -> None:
        self.table.save_header()
        if self.detail is not None:
            self.ctx.settings.setValue(f"lists/{self.settings_key}/splitter", self.splitter.saveState())
