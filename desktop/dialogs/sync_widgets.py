"""Small pieces the sync page and its dialogs share: a read-only sortable table over a RowsModel,
the big, grouped digits of a fingerprint or passcode that a person reads aloud, and the foot of a
one-action dialog (a status line, the action, Cancel) with what it shows when the action fails."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.act_then_close import ActThenClose
from desktop.models.sync import ITEM_ROLE, SORT_ROLE, RowsModel
from desktop.style import message_label


class ItemFilterProxy(QSortFilterProxyModel):
    """Sorts on SORT_ROLE; filters on the text (any column) and on an optional test of the row's item."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._test = None

    def set_item_test(self, test) -> None:
        if hasattr(self, "endFilterChange"):    # Qt 6.10+ (6.9 has beginFilterChange only); invalidateRowsFilter is deprecated there
            self.beginFilterChange()
            self._test = test
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._test = test
            self.invalidateRowsFilter()

    def filterAcceptsRow(self, row: int, parent) -> bool:
        if self._test is not None and not self._test(self.sourceModel().item(row)):
            return False
        return super().filterAcceptsRow(row, parent)


class SmallTable(QTableView):
    """A sortable, filterable, read-only table of a RowsModel; `current_item()` is the row's dataclass."""

    def __init__(self, model: RowsModel, parent: QWidget | None = None, *, stretch: str | None = None):
        super().__init__(parent)
        self.source = model
        self.proxy = ItemFilterProxy(self)
        self.proxy.setSourceModel(model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.setModel(self.proxy)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.setSortingEnabled(True)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        vh = self.verticalHeader()
        vh.setVisible(False)
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(self.fontMetrics().height() + 10)
        hh = self.horizontalHeader()
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        for i, col in enumerate(model.columns):
            self.setColumnWidth(i, col.width)
            if col.key == stretch:          # this column takes the room left; the last keeps its width
                hh.setStretchLastSection(False)
                hh.setSectionResizeMode(i, QHeaderView.ResizeMode.Stretch)

    def current_item(self):
        idx = self.currentIndex()
        return idx.data(ITEM_ROLE) if idx.isValid() else None

    def items(self) -> list:
        return [self.proxy.index(r, 0).data(ITEM_ROLE) for r in range(self.proxy.rowCount())]

    def select_first(self) -> None:
        if self.proxy.rowCount() and not self.currentIndex().isValid():
            self.selectRow(0)


def digits_label(parent: QWidget | None = None, *, size: float = 1.6) -> QLabel:
    """A label for digits read aloud over the phone: large, monospaced, selectable."""
    label = QLabel(parent)
    font = QFont(label.font())
    font.setPointSizeF(font.pointSizeF() * size)
    font.setBold(True)
    font.setStyleHint(QFont.StyleHint.Monospace)
    font.setFamilies(["DejaVu Sans Mono", "Consolas", "Courier New", *font.families()])
    label.setFont(font)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setStyleSheet("color: #1d2a40;")
    return label


def add_digits(layout, parent: QWidget, *, size: float = 1.6) -> QLabel:
    """Centred digits (a passcode, a fingerprint) added to `layout`."""
    label = digits_label(parent, size=size)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    layout.addWidget(label)
    return label



def action_foot(dialog: QDialog, layout: QVBoxLayout, role: QDialogButtonBox.ButtonRole,
                on_action) -> tuple[QPushButton, QPushButton]:
    """The foot of a one-action dialog: `dialog.status` (why the action failed), then
    `dialog.buttons` with the action and a Cancel that is the default (Enter does nothing rash).
    Returns (action button, cancel button); their texts are set by the dialog's retranslate()."""
    dialog.status = message_label(dialog)
    layout.addWidget(dialog.status)
    layout.addStretch(1)
    dialog.buttons = QDialogButtonBox(dialog)
    action = dialog.buttons.addButton("", role)
    cancel = dialog.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
    action.clicked.connect(on_action)
    cancel.clicked.connect(dialog.reject)
    cancel.setDefault(True)
    layout.addWidget(dialog.buttons)
    return action, cancel


class KeyActionDialog(ActThenClose):
    """Mixed into the one-action key dialogs (confirm, revoke, remove a relayed key) before QDialog: their
    action runs on a worker (ActThenClose) and a problem it meets is said in the foot's status line
    (`action_foot`), the dialog staying open; a language change retranslates them."""

    def show_problem(self, text: str) -> None:
        self.status.setText(text)

    def result_values(self) -> dict:
        return {}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def failure_text(dialog: QDialog, exc: BaseException) -> tuple[str, str] | None:
    """(code, message) of a problem the person can act on, for the dialog's status line; a bug
    goes to the error reporter (logged, and said in a box) and gives None."""
    from desktop.errors_ui import explain
    known = explain(exc, dialog.ctx.lang)
    if known is None:
        dialog.ctx.errors.report(exc, parent=dialog)
    return known
