"""The public-opinion report editor (社情民意信息): one issue — situation, cause, suggestion, reporter —
moved collected → drafted → submitted → adopted / not adopted → instructed → closed, each step
recorded with who and when. Once submitted, the text stays as it was sent."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from desktop.dialogs.editor import RecordEditor
from desktop.dialogs.state_move import StateMoveDialog, StatePanel, remembered_actor
from desktop.labels import enum_label

FIELDS = ("title", "group_id", "reporter_id", "reporter_name", "collected_on", "situation", "cause", "suggestion",
          "instruction")
CONTENT = ("title", "group_id", "reporter_id", "reporter_name", "collected_on", "situation", "cause", "suggestion")


class OpinionEditor(RecordEditor):
    table = "opinion_report"

    def __init__(self, ctx, record_id: str | None = None, parent: QWidget | None = None, **kw):
        self.record = None
        self._loaded: dict[str, Any] = {}
        super().__init__(ctx, record_id, parent, **kw)
        self._show_record()
        self.resize(820, 680)

    def build(self, form) -> None:
        from db.record_lookups import group_choices, member_choices
        form.add("title")
        form.add("group_id", choices=group_choices(self.ctx.db))
        groups = group_choices(self.ctx.db)
        form.add("reporter_id", choices=member_choices(self.ctx.db, groups[0][0] if groups else None))
        form.add("reporter_name")
        form.add("collected_on")
        form.add("situation", lines=4)
        form.add("cause", lines=3)
        form.add("suggestion", lines=4)
        form.add("instruction", lines=3)
        form.rows["group_id"].editor.currentIndexChanged.connect(
            lambda _i: self.form._loading or self._offer_reporters())
        self.panel = StatePanel("report_state", {t: "" for t in ("drafted", "submitted", "collected", "adopted",
                                                                 "not_adopted", "instructed", "closed")}, self.body)
        self.panel.move_requested.connect(self.move_to)
        bar = QHBoxLayout()
        self.follow_ups_label = QLabel(self.body)
        self.follow_ups_label.setWordWrap(True)
        self.follow_up_button = QPushButton(self.body)
        self.follow_up_button.setAutoDefault(False)
        self.follow_up_button.clicked.connect(self.make_follow_up)
        bar.addWidget(self.follow_ups_label, 1)
        bar.addWidget(self.follow_up_button)
        self.body_layout.addLayout(bar)              # above the states and timeline, which stretch
        self.body_layout.addWidget(self.panel, 1)

    def retranslate(self) -> None:
        super().retranslate()
        self.panel.set_button_texts({
            "drafted": self.tr("Mark as drafted"), "submitted": self.tr("Mark as submitted"),
            "collected": self.tr("Back to collected"), "adopted": self.tr("Record: adopted"),
            "not_adopted": self.tr("Record: not adopted"), "instructed": self.tr("Record the leader's instruction"),
            "closed": self.tr("Close")})
        self.follow_up_button.setText(self.tr("Make a follow-up…"))
        self.follow_up_button.setToolTip(self.tr("Hand the issue to a lead unit and follow it until it is closed"))
        self.panel.retranslate()
        self._show_record()

    def window_title(self) -> str:
        title = (self.form.rows["title"].value() or "").strip() if "title" in self.form.rows else ""
        return self.tr("Report: %1").replace("%1", title) if title else self.tr("New public-opinion report")

    def _offer_reporters(self, group_id: str | None = None, current: str | None = None) -> None:
        """Members of the chosen group, and whoever reported this one."""
        from db.record_lookups import member_choices
        combo = self.form.rows["reporter_id"].editor
        current = current or combo.currentData()
        group_id = group_id or self.form.rows["group_id"].value()
        was = self.form._loading
        self.form._loading = True
        combo.clear()
        combo.addItem("", None)
        for member_id, name in member_choices(self.ctx.db, group_id, include=[current] if current else []):
            combo.addItem(name, member_id)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current else 0)
        self.form._loading = was

    # -- values ---------------------------------------------------------------------
    def load_values(self, db) -> dict[str, Any]:
        from db.opinions import load_opinion, opinion_values
        self.record = load_opinion(db, self.record_id)
        stored = opinion_values(db, self.record_id)
        values = {name: stored[name] for name in FIELDS}
        self._offer_reporters(values["group_id"], values["reporter_id"])
        self._loaded = dict(values)
        return values

    def new_values(self) -> dict[str, Any]:
        import datetime as dt

        from db.record_lookups import group_choices
        today = getattr(self.ctx, "today", dt.date.today)()
        values = {"collected_on": today.isoformat()}
        groups = group_choices(self.ctx.db, self.ctx.office_id)
        if len(groups) == 1:                 # a township with one group: the report is that group's
            values["group_id"] = groups[0][0]
        return values

    def write(self, db, values: dict[str, Any]) -> str:
        from db import opinions
        values = dict(values)
        if self.record_id:
            changes = {k: v for k, v in values.items() if v != self._loaded.get(k)}
            if changes:
                opinions.update_opinion(db, self.record_id, **changes)
            return self.record_id
        values.pop("instruction", None)         # a new report has none: it comes once adopted
        return opinions.create_opinion(db, **values, actor=self._actor)

    def save(self, *, close: bool = True) -> bool:
        self._actor = remembered_actor(self.ctx) or None
        return super().save(close=close)

    def after_reload(self) -> None:
        self._show_record()

    def _show_follow_ups(self) -> None:
        made = []
        if self.record is not None:
            from db.followups import follow_ups_from
            made = follow_ups_from(self.ctx.db, "opinion_report", [self.record.id])
        self.follow_ups_label.setText(
            self.tr("Follow-ups made: %1").replace("%1", "；".join(f.title for f in made)) if made else "")

    def _show_record(self) -> None:
        self._show_follow_ups()
        r = self.record
        if r is None:
            self.panel.show_state(None, (), ())
            self.set_fields_read_only(True, ["instruction"])        # greyed, as it reads (it looked editable)
            return
        # a district or the city may move a township's report on, not submit it for the township
        nexts = tuple(s for s in r.next_states if s != "submitted" or self.ctx.permissions.may_write(
            "opinion_report", self.owner_office, ["state", "submitted_on"]))
        self.panel.show_state(r.state, nexts, r.timeline,
                              warning=self.tr("Text kept as submitted") if r.content_locked else "")
        self.set_fields_read_only(r.content_locked or not self.permitted, CONTENT)
        # a leader's instruction is for a report adopted (and comes with the step 记录领导批示): typed in 已报送 or 未采用
        # it was stored on a report that no leader had instructed
        self.set_fields_read_only(r.state not in ("adopted", "instructed") or not self.permitted, ["instruction"])

    # -- steps ----------------------------------------------------------------------
    def move_to(self, target: str) -> None:
        self.ensure_saved(lambda oid: self._ask_move(oid, target))

    def _ask_move(self, opinion_id: str, target: str) -> None:
        r = self.record
        extra = "instruction" if target == "instructed" else None
        dialog = StateMoveDialog(self.ctx, self, enum_label("report_state", r.state), enum_label("report_state", target),
                                 extra=extra, extra_value=r.instruction if extra else None)
        dialog.set_action(self.ctx, lambda db, values: self._move(db, opinion_id, target, values),
                          on_done=lambda _e: self.reload())
        self.move_dialog = dialog
        dialog.open()

    @staticmethod
    def _move(db, opinion_id: str, target: str, values: dict):
        from db.opinions import move_opinion
        return move_opinion(db, opinion_id, target, **values)

    # -- a follow-up from the report --------------------------------------------------
    def make_follow_up(self) -> None:
        self.ensure_saved(self._ask_follow_up)

    def _ask_follow_up(self, opinion_id: str) -> None:
        from desktop.dialogs.visit_editor import FromVisitDialog
        r = self.record
        dialog = FromVisitDialog(self, follow_up=True, heard=(r.suggestion or r.situation or "") if r else "",
                                 window_title=self.tr("Make a follow-up from the report"))
        dialog.title.setText(r.title if r else "")
        actor = remembered_actor(self.ctx) or None
        dialog.set_action(self.ctx, lambda db, values: self._make_follow_up(db, opinion_id, actor, values),
                          on_done=lambda _id: self._show_follow_ups())
        self.follow_up_dialog = dialog
        dialog.open()

    @staticmethod
    def _make_follow_up(db, opinion_id: str, actor: str | None, values: dict) -> str:
        from db.opinions import follow_up_from_opinion
        return follow_up_from_opinion(db, opinion_id, actor=actor, **values)
