"""The attachments of a record (meeting, visit, report, follow-up): add files, open, save a copy, remove.

Files are copied into the store on a worker (db.attachments); the panel asks its owner for a saved
record id first (`ensure_saved(callback)`), since a file can only hang on a saved record.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import enum_choices, enum_label
from desktop.widgets.confirm import confirm


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size / 1048576:.1f} MB"


class AttachmentsPanel(QWidget):
    """`changed` after a file was added or removed."""

    changed = Signal()

    def __init__(self, ctx, owner_table: str, ensure_saved: Callable[[Callable[[str], None]], None],
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.owner_table, self.ensure_saved = ctx, owner_table, ensure_saved
        self.owner_id: str | None = None
        self._items: list = []
        self.locked_kinds: tuple[str, ...] | None = None    # when set, only these kinds may be added
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.kind_label = QLabel(self)
        self.kind = QComboBox(self)
        for value, text in enum_choices("attachment_kind"):
            self.kind.addItem(text, value)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(self.on_add)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.on_open)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.on_save_copy)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.on_remove)
        for w in (self.kind_label, self.kind, self.add_button):
            bar.addWidget(w)
        bar.addStretch(1)
        for w in (self.open_button, self.save_button, self.remove_button):
            bar.addWidget(w)
        lay.addLayout(bar)
        self.table = QTableWidget(0, 3, self)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(1, 110)
        self.table.setColumnWidth(2, 90)
        self.table.doubleClicked.connect(lambda _i: self.on_open())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        lay.addWidget(self.table, 1)
        self.hint = QLabel(self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        lay.addWidget(self.hint)
        self.retranslate()

    def retranslate(self) -> None:
        self.kind_label.setText(self.tr("Kind of file:"))
        self.add_button.setText(self.tr("Add files…"))
        self.open_button.setText(self.tr("Open"))
        self.save_button.setText(self.tr("Save a copy…"))
        self.remove_button.setText(self.tr("Remove"))
        self.table.setHorizontalHeaderLabels([self.tr("File"), self.tr("Kind"), self.tr("Size")])
        self.hint.setText(self.tr("Scanned sign-in sheets, photos, signed minutes. Files are kept beside the "
                                  "data and travel with sync."))
        for i in range(self.kind.count()):
            self.kind.setItemText(i, enum_label("attachment_kind", self.kind.itemData(i)))
        self._fill()

    # -- data -----------------------------------------------------------------------
    def set_owner(self, owner_id: str | None) -> None:
        self.owner_id = owner_id
        self.reload()

    def set_locked_kinds(self, kinds: tuple[str, ...] | None) -> None:
        """Only these kinds may still be added (e.g. signed minutes to final minutes); removing is off."""
        self.locked_kinds = kinds
        self._update_buttons()
        if kinds:
            self.kind.setCurrentIndex(max(self.kind.findData(kinds[0]), 0))
        self.kind.setEnabled(kinds is None)

    def set_read_only(self, read_only: bool) -> None:
        """Files can be opened and copied, not added or removed (a record this office may only read)."""
        for w in (self.kind_label, self.kind, self.add_button, self.remove_button):
            w.setVisible(not read_only)

    def reload(self) -> None:
        if not self.owner_id:
            self._items = []
            self._fill()
            return
        from db.attachments import list_attachments
        self._items = list_attachments(self.ctx.db, self.owner_table, self.owner_id)
        self._fill()

    def _fill(self) -> None:
        kept = self._chosen_id()        # read off the rows shown: self._items may be the new list
        self.table.setRowCount(len(self._items))
        for row, a in enumerate(self._items):
            name = QTableWidgetItem(a.name)
            name.setData(Qt.ItemDataRole.UserRole, a.id)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(enum_label("attachment_kind", a.kind)))
            self.table.setItem(row, 2, QTableWidgetItem(human_size(a.size)))
        # the file chosen stays chosen, wherever the list now has it (after one above it was removed, the
        # choice stayed on the row, now the next file's)
        row = next((i for i, a in enumerate(self._items) if a.id == kept), -1) if kept else -1
        if row >= 0:
            self.table.selectRow(row)
        else:
            self.table.clearSelection()
            self.table.setCurrentCell(-1, -1)
        self._update_buttons()

    def _chosen_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        item = self.table.item(rows[0].row(), 0) if rows else None
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def current(self):
        """The file selected in the list, or None."""
        chosen = self._chosen_id()
        return next((a for a in self._items if a.id == chosen), None) if chosen else None

    def _update_buttons(self) -> None:
        """打开, 另存副本… and 删除 act on the file selected: without one they are off and say so (pressed with
        none selected, they did nothing at all); 删除 stays off where files may only be added."""
        chosen = self.current() is not None
        hint = "" if chosen else self.tr("Select a file in the list first.")
        for b in (self.open_button, self.save_button, self.remove_button):
            b.setEnabled(chosen and (b is not self.remove_button or self.locked_kinds is None))
            b.setToolTip(hint)

    # -- actions --------------------------------------------------------------------
    def on_add(self) -> None:
        from desktop.dialogs.last_folder import remember, start_path
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Add files"), start_path(self.ctx.settings, "attachments"),
                                                self.tr("Scans and photos (*.pdf *.jpg *.jpeg *.png *.tif *.tiff);;"
                                                        "All files (*)"))
        if paths:
            remember(self.ctx.settings, "attachments", paths[0])
            self.add_files(paths)

    def add_files(self, paths: list[str], kind: str | None = None) -> None:
        kind = kind or self.kind.currentData()
        self.ensure_saved(lambda owner_id: self._add(owner_id, list(paths), kind))

    def _add(self, owner_id: str, paths: list[str], kind: str) -> None:
        from db.attachments import add_attachment
        from desktop.ops import CollectionOp
        self.owner_id = owner_id
        owner_table = self.owner_table

        from db.errors import LiaisonError

        def op(db, progress):
            added, refused = 0, []
            for i, path in enumerate(paths):        # one file refused (too large, empty …) does not stop the rest
                progress.update(i, len(paths), Path(path).name)
                try:
                    add_attachment(db, owner_table, owner_id, path, kind=kind)
                    added += 1
                except LiaisonError as exc:
                    refused.append(exc)
            return added, refused

        CollectionOp(self.ctx, parent=self, op=op).success(lambda result: self._added(len(paths), *result)) \
            .with_progress(self.tr("Copying files…")).run_in_background()

    def _added(self, tried: int, added: int, refused: list) -> None:
        """The list shows what was added; the files refused are named, each with its reason, in one message."""
        if added:
            self._after_change()
        if not refused:
            return
        if tried == 1:
            self.ctx.errors.report(refused[0], parent=self)
            return
        from db.errors import LiaisonError
        head = self.tr("%1 of %2 files added. Not added:").replace("%1", str(added)).replace("%2", str(tried))
        text = "\n".join([head, *("• " + exc.message(self.ctx.lang) for exc in refused)])
        self.ctx.errors.report(LiaisonError(text, text, code=refused[0].code if len(refused) == 1 else "files_refused"),
                               parent=self)

    def _after_change(self) -> None:
        self.reload()
        self.changed.emit()

    def _open_copy(self, a, folder: Path) -> Path:
        from db.attachments import export_attachment
        return export_attachment(self.ctx.db, a.id, folder)

    def on_open(self) -> None:
        a = self.current()
        if a is None:
            return
        from db.errors import LiaisonError
        try:
            path = self._open_copy(a, Path(tempfile.mkdtemp(prefix="liaison-attachment-")))
        except LiaisonError as exc:
            self.ctx.errors.report(exc, parent=self)
            return
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def on_save_copy(self) -> None:
        a = self.current()
        if a is None:
            return
        from desktop.dialogs.last_folder import remember, start_path
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save a copy"), start_path(self.ctx.settings, "copies", a.name))
        if not target:
            return
        remember(self.ctx.settings, "copies", target)
        from db.attachments import export_attachment
        from db.errors import LiaisonError
        try:
            export_attachment(self.ctx.db, a.id, target)
        except LiaisonError as exc:
            self.ctx.errors.report(exc, parent=self)
            return
        from desktop.widgets.saved_note import tell_saved
        self.saved_note = tell_saved(self, target)

    def on_remove(self) -> None:
        a = self.current()
        if a is None:
            return
        if not confirm(self, self.tr("Remove attachment"),
                                      self.tr("Remove “%1” from this record?").replace("%1", a.name), self.tr("Remove")):
            return
        from db.attachments import remove_attachment
        from desktop.ops import CollectionOp
        CollectionOp(self.ctx, parent=self, op=lambda db: remove_attachment(db, a.id)) \
            .success(lambda _r: self._after_change()).run_in_background()
