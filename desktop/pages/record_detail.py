"""What the record pages share (RecordListPage): the detail panel beside the list (a summary read on a
worker), filter combos, opening one editor per record, and deleting the selected record after a question."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.pages.base import ListPage, fill_combo, filter_combo  # noqa: F401 - the pages import them from here
from desktop.widgets.confirm import confirm

# What html.escape does, without importing the html package: it loads html.entities' 2,231-entry table
# (~0.3 MB), which only unescaping needs, and this page is built when the first list is shown.
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;"})


def esc(value) -> str:
    return ("" if value is None else str(value)).translate(_ESCAPES)


def para(text: str | None) -> str:
    return esc(text).replace("\n", "<br>") if text else ""


class RecordDetail(QWidget):
    """A read-only summary of the current record with an Open button. `load(db, id)` runs on a worker
    and returns the record; `render(record)` returns HTML on the main thread."""

    open_requested = Signal(str)

    def __init__(self, ctx, load: Callable, render: Callable[[object], str], parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.load, self.render = ctx, load, render
        self.record_id: str | None = None
        self.record = None
        self._gen = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.browser = QTextBrowser(self)
        self.browser.setOpenLinks(False)
        lay.addWidget(self.browser, 1)
        bar = QHBoxLayout()
        bar.addStretch(1)
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(lambda: self.record_id and self.open_requested.emit(self.record_id))
        bar.addWidget(self.open_button)
        lay.addLayout(bar)
        self.retranslate()
        self.show_record(None)

    def retranslate(self) -> None:
        self.open_button.setText(self.tr("Open"))
        if self.record is not None:
            self.browser.setHtml(self.render(self.record))

    def show_record(self, record_id: str | None) -> None:
        from desktop.ops import QueryOp
        self.record_id = record_id
        self._gen += 1
        gen = self._gen
        self.open_button.setEnabled(record_id is not None)
        if record_id is None:
            self.record = None
            self.browser.clear()
            return
        load = self.load
        QueryOp(self.ctx, parent=self, op=lambda db: load(db, record_id),
                success=lambda rec: self._shown(gen, rec)).failure(lambda exc: self._failed(gen, exc)) \
            .run_in_background()

    def _alive(self) -> bool:
        from shiboken6 import isValid
        return isValid(self) and isValid(self.browser)

    def _shown(self, gen: int, record) -> None:
        if not self._alive() or gen != self._gen:       # the page went away while the record was read
            return
        self.record = record
        self.browser.setHtml(self.render(record))

    def _failed(self, gen: int, exc: BaseException) -> None:
        from db.errors import NotFound
        if not self._alive() or gen != self._gen:
            return
        self.record = None
        self.browser.clear()
        if not isinstance(exc, NotFound):          # deleted meanwhile: nothing to show, nothing to say
            self.ctx.errors.report(exc, parent=self)

    def refresh(self) -> None:
        self.show_record(self.record_id)


class EditorTracker:
    """At most one editor per record: opening it again brings the open one to the front."""

    def __init__(self):
        self.open: dict[str, QWidget] = {}

    def show(self, key: str, make: Callable[[], QWidget]) -> QWidget:
        editor = self.open.get(key)
        if editor is not None:
            try:
                editor.raise_()
                editor.activateWindow()
                return editor
            except RuntimeError:           # closed and deleted
                self.open.pop(key, None)
        editor = make()
        self.open[key] = editor
        editor.destroyed.connect(lambda *_: self.open.pop(key, None))
        editor.open()
        return editor


def default_split(page, table_width: int = 800, detail_width: int = 390) -> None:
    """First use: more room for the list than for the summary (later, the user's sizes are kept)."""
    if page.ctx.settings.value(f"lists/{page.settings_key}/splitter") is None:
        page.splitter.setSizes([table_width, detail_width])


def confirm_delete(parent: QWidget, title: str, text: str) -> bool:
    return confirm(parent, title, text, QCoreApplication.translate("Confirm", "Delete"))    # Enter does not delete


class RecordListPage(ListPage):
    """The pages of records — meetings, visits, reports, follow-ups: the list and its filters over
    a summary of the selected record; one editor per record; a new record takes the group chosen
    in the filter; deletion after a question. Subclasses say which model, loader, summary, editor
    and delete function, each imported when first used (start-up loads none of them)."""

    group_filter: QComboBox
    record_table = ""              # the table of the records listed
    new_by_group = False           # a new record belongs to its group's office (meetings, visits)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        default_split(self)

    # -- for subclasses -------------------------------------------------------------
    def list_model(self):
        raise NotImplementedError

    def load_record(self, db, record_id: str):
        """The record the summary shows (a db.* load function)."""
        raise NotImplementedError

    def render_record(self, record) -> str:
        raise NotImplementedError

    def make_editor(self, record_id: str | None, initial: dict | None = None):
        raise NotImplementedError

    def delete_question(self) -> tuple[str, str]:
        """(title, text) of the question asked before deleting."""
        raise NotImplementedError

    def delete_record(self, db, record_id: str) -> None:
        raise NotImplementedError

    def new_initial(self) -> dict:
        """Values a new record starts with: the group chosen in the filter."""
        group = self.group_filter.currentData()
        return {"group_id": group} if group else {}

    def prepare_new(self, editor, initial: dict) -> None:
        """After a new record's editor is made with `initial` (e.g. fill its group's members)."""

    # -- shared behaviour -----------------------------------------------------------
    def make_model(self):
        self.editors = EditorTracker()
        return self.list_model()

    def build_detail(self):
        detail = RecordDetail(self.ctx, self.load_record, self.render_record, self)
        detail.open_requested.connect(self.open_record)
        return detail

    def refresh(self) -> None:
        super().refresh()
        self.detail.refresh()

    def open_record(self, record_id: str) -> None:
        self.editors.show(record_id, lambda: self.make_editor(record_id))

    def cannot_add(self) -> str:
        """Why this office cannot add such records ("" when it can): a district keeps no meetings
        or visits of its townships' groups (db.permissions)."""
        perms = self.ctx.permissions
        if perms.open or not self.new_by_group:
            return ""
        offices = {o for (o,) in self.ctx.db.execute("SELECT DISTINCT office_id FROM liaison_group WHERE deleted = 0")}
        if not offices or any(perms.may_write(self.record_table, o) for o in offices):
            return ""
        from db import model
        spec = model.TABLES[self.record_table]
        return self.tr("%1 records are kept by the office their liaison group belongs to, and this office has no "
                       "liaison group of its own: those of the offices below can be read here, and given replies, "
                       "instructions and supervision notes. To record your own, first add a group on the Liaison "
                       "groups page.").replace("%1", self.ctx.pick(spec.label_zh, spec.label_en))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ctx.when_open(lambda: self.allow_new(self.cannot_add()))

    def new_record(self) -> None:
        why = self.cannot_add()
        if why:
            from db.permissions import NotPermitted
            self.ctx.errors.report(NotPermitted(why, why), parent=self)
            return
        initial = self.new_initial()
        editor = self.make_editor(None, initial or None)
        self.prepare_new(editor, initial)
        editor.saved.connect(self.table.select_id)
        self.last_editor = editor
        editor.open()

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        row = self.ctx.db.execute(f"SELECT office_id FROM {self.record_table} WHERE id = ?", [record_id]).fetchone()
        perms = self.ctx.permissions
        if row is not None and not perms.may_write(self.record_table, row[0], ["deleted"]):
            self.ctx.errors.report(perms.refusal(self.record_table, row[0], ["deleted"]), parent=self)
            return
        if not confirm_delete(self, *self.delete_question()):
            return
        from desktop.ops import CollectionOp
        CollectionOp(self.ctx, parent=self, op=lambda db: self.delete_record(db, record_id)).run_in_background()
