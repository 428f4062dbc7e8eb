"""Conflicts to review (SYNC.md guarantee 7): the list on the sync page, and the dialog that shows both
values side by side — who wrote each and when — and lets a person keep one, merge text by hand, or
leave the record as it is. The choice is written by db.sync.resolve in a CollectionOp."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_widgets import SmallTable
from desktop.models.sync import ConflictListModel, conflict_field_text, conflict_record_text, value_text
from desktop.style import add_text, message_label

# The sidebar page that shows a record of each table (for "Open the record").
PAGE_OF_TABLE = {"meeting": "meetings", "visit": "visits", "opinion_report": "opinions", "follow_up": "followups",
                 "member": "members", "liaison_group": "groups"}


class ConflictsPanel(QWidget):
    """The list of open conflicts; Enter / double-click / the button opens one."""

    resolved = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        bar = QHBoxLayout()
        self.intro = QLabel(self)
        self.intro.setWordWrap(True)
        self.intro.setObjectName("hint")
        bar.addWidget(self.intro, 1)
        self.review_button = QPushButton(self)
        self.review_button.clicked.connect(self.review_current)
        bar.addWidget(self.review_button)
        lay.addLayout(bar)
        self.model = ConflictListModel(self)
        self.table = SmallTable(self.model, self, stretch="record")
        self.table.doubleClicked.connect(lambda _i: self.review_current())
        self.table.activated.connect(lambda _i: self.review_current())
        lay.addWidget(self.table, 1)
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setObjectName("hint")
        lay.addWidget(self.empty, 1)
        self.dialog: ConflictDialog | None = None
        self.retranslate()
        self.set_conflicts([])

    def retranslate(self) -> None:
        self.intro.setText(self.tr("Two offices changed the same thing without seeing each other's change. Both "
                                   "values are kept here until a person chooses; the data stays the same everywhere "
                                   "meanwhile."))
        self.review_button.setText(self.tr("Review…"))
        self.empty.setText(self.tr("No conflicts to review."))
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def refresh(self) -> None:
        from db.sync.resolve import list_conflicts
        from desktop.ops import QueryOp
        QueryOp(self.ctx, parent=self, op=list_conflicts, success=self.set_conflicts).run_in_background()

    def set_conflicts(self, conflicts) -> None:
        self.model.set_rows(conflicts)
        has = bool(conflicts)
        self.table.setVisible(has)
        self.review_button.setEnabled(has)
        self.empty.setVisible(not has)
        self.table.select_first()

    def review_current(self) -> ConflictDialog | None:
        c = self.table.current_item()
        if c is None:
            return None
        self.dialog = ConflictDialog(self.ctx, c, self)
        self.dialog.resolved.connect(lambda _cid: (self.refresh(), self.resolved.emit()))
        self.dialog.open()
        return self.dialog


class ConflictDialog(QDialog):
    """One conflict: both values side by side. `resolved(conflict_id)` once a choice was written."""

    resolved = Signal(int)

    def __init__(self, ctx, conflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.c = ctx, conflict
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._busy = False
        lay = QVBoxLayout(self)
        lay.setSpacing(8)
        self.heading = add_text(lay, self, role="sectionTitle")
        self.intro = add_text(lay, self)
        self.warning = message_label(self)
        lay.addWidget(self.warning)

        sides = QHBoxLayout()
        sides.setSpacing(10)
        self.kept_box, self.kept_text, self.keep_kept = self._side()
        self.other_box, self.other_text, self.keep_other = self._side()
        sides.addWidget(self.kept_box, 1)
        sides.addWidget(self.other_box, 1)
        lay.addLayout(sides, 3)
        self.keep_kept.clicked.connect(lambda: self.choose("kept"))
        self.keep_other.clicked.connect(lambda: self.choose("other"))

        self.merge_box = QGroupBox(self)
        ml = QVBoxLayout(self.merge_box)
        self.merge_text = QPlainTextEdit(self.merge_box)
        self.merge_text.setTabChangesFocus(True)
        ml.addWidget(self.merge_text, 1)
        mrow = QHBoxLayout()
        mrow.addStretch(1)
        self.save_merged = QPushButton(self.merge_box)
        self.save_merged.clicked.connect(lambda: self.choose("merged"))
        mrow.addWidget(self.save_merged)
        ml.addLayout(mrow)
        lay.addWidget(self.merge_box, 2)
        self.merge_box.setVisible(conflict.mergeable and conflict.may_write)
        if conflict.mergeable:          # both texts, for a person to edit into one
            both = [v for v in (conflict.kept.value, conflict.other.value) if v]
            self.merge_text.setPlainText("\n\n".join(dict.fromkeys(both)))

        self.status = message_label(self)
        lay.addWidget(self.status)
        line = QFrame(self)
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        lay.addWidget(line)
        buttons = QHBoxLayout()
        self.open_button = QPushButton(self)
        self.open_button.clicked.connect(self.open_record)
        self.open_button.setVisible(conflict.open_table in PAGE_OF_TABLE)
        self.leave_button = QPushButton(self)
        self.leave_button.clicked.connect(lambda: self.choose("current"))
        self.close_button = QPushButton(self)
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(self.leave_button)
        buttons.addWidget(self.close_button)
        lay.addLayout(buttons)
        for b in (self.keep_kept, self.keep_other):
            b.setEnabled(conflict.may_write)
        short = conflict.kind == "delete" or conflict.field_kind not in ("text", "longtext")
        if short:                       # a state, a date, "deleted": no need for tall boxes
            for t in (self.kept_text, self.other_text):
                t.setMaximumHeight(t.fontMetrics().lineSpacing() * 4 + 16)
        self.retranslate()
        self.resize(900, 600 if self.merge_box.isVisibleTo(self) else 340 if short else 440)

    def _side(self) -> tuple[QGroupBox, QPlainTextEdit, QPushButton]:
        box = QGroupBox(self)
        bl = QVBoxLayout(box)
        text = QPlainTextEdit(box)
        text.setReadOnly(True)
        bl.addWidget(text, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        button = QPushButton(box)
        row.addWidget(button)
        bl.addLayout(row)
        return box, text, button

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        c = self.c
        self.setWindowTitle(self.tr("Conflict to review"))
        self.heading.setText(f"{conflict_record_text(c)} — {conflict_field_text(c)}")
        if c.kind == "delete":
            self.intro.setText(self.tr("One office deleted this record while another was still editing it. The "
                                       "edits are kept. Keep it deleted, or restore it with the edits."))
        else:
            self.intro.setText(self.tr("Two offices changed this without seeing each other's change. Choose the "
                                       "value the record should hold, or merge the two by hand. Your choice is "
                                       "sent to the other offices with the next package."))
        warnings = []
        if c.changed_since:
            warnings.append(self.tr("It has been changed again since; the record now holds: %1").replace(
                "%1", value_text(c, c.current, self.ctx.pick)))
        if not c.may_write:
            warnings.append(self.tr("This office may not change this record (it belongs to %1). That office can "
                                    "choose; here you can leave it as it is.").replace("%1", c.owner_name))
        self.warning.setText("\n".join(warnings))
        self.warning.setVisible(bool(warnings))
        for box, text, button, side, which in ((self.kept_box, self.kept_text, self.keep_kept, c.kept, "kept"),
                                               (self.other_box, self.other_text, self.keep_other, c.other, "other")):
            if c.kind == "delete":
                title = self.tr("Deleted by %1, %2") if which == "kept" else self.tr("Edited by %1, %2")
            else:
                title = self.tr("Written by %1, %2")
            title = title.replace("%1", side.office_name or self.tr("another office")).replace("%2", side.at)
            if c.kind == "field":
                now = c.current is not None and _same(side.value, c.current)
            else:
                now = c.current == ("1" if which == "kept" else "0")
            if now and not c.changed_since:
                title += self.tr(" — now in the record")
            box.setTitle(title)
            text.setPlainText(value_text(c, side.value, self.ctx.pick, one_line=False))
            if c.kind == "delete":
                button.setText(self.tr("Keep it deleted") if which == "kept" else
                               self.tr("Restore it with these edits"))
            else:
                button.setText(self.tr("Keep this value"))
        self.merge_box.setTitle(self.tr("Or merge the two by hand"))
        self.save_merged.setText(self.tr("Save the merged text"))
        self.open_button.setText(self.tr("Open the record"))
        self.leave_button.setText(self.tr("Leave it as it is"))
        self.leave_button.setToolTip(self.tr("Mark the conflict as reviewed without changing the record"))
        self.close_button.setText(self.tr("Close"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- choosing ---------------------------------------------------------------------------
    def choose(self, choice: str) -> None:
        if self._busy:
            return
        from db.sync.resolve import resolve_conflict
        from desktop.ops import CollectionOp
        merged = self.merge_text.toPlainText().strip() if choice == "merged" else None
        if choice == "merged" and not merged:
            self.status.setText(self.tr("Write the merged text first."))
            return
        self._busy = True
        self.status.clear()
        cid = self.c.id
        CollectionOp(self.ctx, parent=self, op=lambda db: resolve_conflict(db, cid, choice, merged)) \
            .success(self._on_done).failure(self._on_failed).run_in_background()

    def _on_done(self, _resolution) -> None:
        self._busy = False
        self.resolved.emit(self.c.id)
        self.accept()

    def _on_failed(self, exc: BaseException) -> None:
        from desktop.dialogs.sync_widgets import failure_text
        self._busy = False
        known = failure_text(self, exc)
        if known:
            self.status.setText(known[1])

    def open_record(self) -> None:
        page = PAGE_OF_TABLE.get(self.c.open_table)
        if page:
            self.ctx.open_requested.emit(page, self.c.open_id)


def _same(a, b) -> bool:
    return (a or None) == (b or None)
