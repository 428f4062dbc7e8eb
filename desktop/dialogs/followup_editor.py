"""The follow-up editor (督办事项): what, who leads, by when; the state with a button per next step,
each recorded with who and when on the dated timeline; overdue shown in red."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from desktop.dialogs.editor import RecordEditor
from desktop.dialogs.state_move import StateMoveDialog, StatePanel
from desktop.labels import enum_label
from desktop.widgets.fit import resize_within_screen

FIELDS = ("title", "category_id", "group_id", "lead_unit", "co_units", "due_date", "description", "reply",
          "satisfaction")
# in the two-column form: the title across, then pairs, the long texts across
LAYOUT = ("title", "category_id", "group_id", "lead_unit", "co_units", "due_date", "satisfaction", "description",
          "reply")
EXTRA = {"assigned": "lead_unit", "replied": "reply", "evaluated": "satisfaction"}


class FollowUpEditor(RecordEditor):
    table = "follow_up"
    # the short fields two to a row: in one column the form took the height, and 办理过程 below it showed two and a
    # half steps at 1366×768 (the newest ones below the fold of the editor's body)
    form_columns = 2

    def __init__(self, ctx, record_id: str | None = None, parent: QWidget | None = None, **kw):
        self.record = None
        super().__init__(ctx, record_id, parent, **kw)
        self.body_layout.setStretch(self.body_layout.count() - 1, 0)   # the room left goes to 办理过程, not a gap
        self._show_record()
        resize_within_screen(self, 820, 680)

    def build(self, form) -> None:
        from db.record_lookups import group_choices
        for name in LAYOUT:
            if name == "group_id":
                form.add(name, choices=group_choices(self.ctx.db))
            elif name in ("description", "reply"):
                form.add(name, lines=3)
            else:
                form.add(name, wide=name == "title")
        self.source = QLabel(self.body)
        self.source.setWordWrap(True)
        self.source.setObjectName("hint")
        self.body_layout.addWidget(self.source)
        self.panel = StatePanel("followup_state", {t: "" for t in ("assigned", "in_progress", "replied", "evaluated",
                                                                   "closed", "reopened")}, self.body, with_note=True)
        self.panel.move_requested.connect(self.move_to)
        self.panel.note_requested.connect(self.add_note)
        self.body_layout.addWidget(self.panel, 1)

    def retranslate(self) -> None:
        super().retranslate()
        self.panel.set_button_texts({
            "assigned": self.tr("Assign to the lead unit"), "in_progress": self.tr("Handling started"),
            "replied": self.tr("Record the reply"), "evaluated": self.tr("Record the evaluation"),
            "closed": self.tr("Close"), "reopened": self.tr("Reopen (look back)")})
        self.panel.retranslate()
        self._show_record()

    def window_title(self) -> str:
        title = (self.form.rows["title"].value() or "").strip() if "title" in self.form.rows else ""
        return self.tr("Follow-up: %1").replace("%1", title) if title else self.tr("New follow-up")

    def _today(self) -> dt.date:
        return getattr(self.ctx, "today", dt.date.today)()

    # -- values ---------------------------------------------------------------------
    def load_values(self, db) -> dict[str, Any]:
        from db.followups import load_follow_up
        self.record = load_follow_up(db, self.record_id, today=self._today())
        self._loaded = {name: getattr(self.record, name) for name in FIELDS}
        return dict(self._loaded)

    def write(self, db, values: dict[str, Any]) -> str:
        from db import followups
        from db.write import writing
        values = dict(values)
        if self.record_id:
            changes = {k: v for k, v in values.items() if v != self._loaded.get(k)}
            if changes:
                followups.update_follow_up(db, self.record_id, actor=self._actor, **changes)
            return self.record_id
        for k in ("reply", "satisfaction"):         # recorded by their steps, once it has been assigned
            values.pop(k, None)
        with writing(db):
            fid = followups.create_follow_up(db, **values, actor=self._actor)
        return fid

    def save(self, *, close: bool = True) -> bool:
        from desktop.dialogs.state_move import remembered_actor
        self._actor = remembered_actor(self.ctx) or None
        return super().save(close=close)

    def after_reload(self) -> None:
        self._show_record()

    def _show_record(self) -> None:
        r = self.record
        if r is None:
            self.panel.show_state(None, (), ())
            self.source.setVisible(False)
            self._step_fields(None)
            return
        warning = ""
        if r.overdue:
            warning = self.tr("Overdue: due %1").replace("%1", r.due_date or "")
        from db.followups import UNSATISFIED
        if r.state == "evaluated" and r.satisfaction == UNSATISFIED:     # 闭环: handled again, never closed so
            unsatisfied = self.tr("Unsatisfied: reopen it, it cannot be closed")     # beside the step buttons
            warning = f"{warning}\n{unsatisfied}" if warning else unsatisfied
        self.panel.show_state(r.state, r.next_states, r.timeline, warning=warning)
        # after a reply, 办理中 again means the reply was not enough: the button says so
        self.panel.set_button_texts({"in_progress": self.tr("Back to handling (reply not enough)")
                                     if r.state == "replied" else self.tr("Handling started")})
        source = enum_label("source", r.source_table)
        if r.source_text:
            source = self.tr("%1: %2").replace("%1", source).replace("%2", r.source_text)   # ： in Chinese
        self.source.setText(self.tr("From: %1").replace("%1", source))
        self.source.setVisible(True)
        self.set_fields_read_only(r.state == "closed" or not self.permitted)
        self._step_fields(r.state)

    def _step_fields(self, state: str | None) -> None:
        """The reply and the evaluation are recorded by their steps; the editor corrects them only once made
        (typed in 已交办 they were stored without a step, on no timeline)."""
        from db.followups import STEP_FIELDS
        for name, (states, _zh, _en) in STEP_FIELDS.items():
            if state in states:
                continue
            self.set_fields_read_only(True, [name])
            row = self.form.rows[name]
            step = self.tr("Record the reply") if name == "reply" else self.tr("Record the evaluation")
            row.editor.setToolTip(self.tr("Recorded with the step “%1”.").replace("%1", step))

    # -- steps ----------------------------------------------------------------------
    def move_to(self, target: str) -> None:
        self.ensure_saved(lambda fid: self._ask_move(fid, target))

    def _ask_move(self, follow_up_id: str, target: str) -> None:
        r = self.record
        extra = EXTRA.get(target)
        dialog = StateMoveDialog(self.ctx, self, enum_label("followup_state", r.state),
                                 enum_label("followup_state", target), extra=extra,
                                 extra_value=getattr(r, extra) if extra else None)
        dialog.set_action(self.ctx, lambda db, values: self._move(db, follow_up_id, target, values),
                          on_done=lambda _e: self.reload())
        self.move_dialog = dialog
        dialog.open()

    @staticmethod
    def _move(db, follow_up_id: str, target: str, values: dict):
        from db.followups import move_follow_up
        return move_follow_up(db, follow_up_id, target, **values)

    def add_note(self) -> None:
        self.ensure_saved(self._ask_note)

    def _ask_note(self, follow_up_id: str) -> None:
        label = enum_label("followup_state", self.record.state)
        dialog = StateMoveDialog(self.ctx, self, label, label)
        dialog.setWindowTitle(self.tr("Supervision note"))
        dialog.set_action(self.ctx, lambda db, values: self._note(db, follow_up_id, values),
                          on_done=lambda _e: self.reload())
        self.move_dialog = dialog
        dialog.open()

    @staticmethod
    def _note(db, follow_up_id: str, values: dict):
        from db.followups import add_note
        return add_note(db, follow_up_id, values["note"] or "", actor=values["actor"], at=values["at"])
