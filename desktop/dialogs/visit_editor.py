"""The visit editor (委员进社区): a reception day 坐诊, an outreach visit 出诊, a joint consultation 会诊 —
who went, when, where, how many people, what was heard and how it was handled; a public-opinion
report or a follow-up made from it in one step; its attachments."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from db import today as office_clock
from desktop.dialogs.act_then_close import ActThenClose, AsksBeforeDiscarding, line_edit, quote_box
from desktop.dialogs.editor import RecordEditor
from desktop.dialogs.record_attachments import AttachmentsPanel
from desktop.dialogs.state_move import remembered_actor
from desktop.labels import reference_label
from desktop.style import message_label
from desktop.widgets.fit import resize_within_screen


def time_check(value) -> str | None:
    import re

    from PySide6.QtCore import QCoreApplication
    if value and not re.match(r"^([01]?\d|2[0-3])[:：][0-5]\d$", value.strip()):
        return QCoreApplication.translate("VisitEditor", "Write the time as 09:30")
    return None


class MembersChecklist(QWidget):
    """Tick the members who went. value(): their ids, in list order."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget(self)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(True)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.list.setSpacing(2)
        self.list.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 24)
        self.list.itemChanged.connect(lambda _i: self.changed.emit())
        lay.addWidget(self.list)

    def set_members(self, members: list[tuple[str, str]]) -> None:
        checked = set(self.value())
        self.list.blockSignals(True)
        self.list.clear()
        for member_id, name in members:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, member_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if member_id in checked else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)

    def item_of(self, member_id: str) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == member_id:
                return self.list.item(i)
        return None

    def value(self) -> list[str]:
        return [self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def set_value(self, ids: list[str] | None) -> None:
        wanted = set(ids or [])
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in wanted
                               else Qt.CheckState.Unchecked)
        self.list.blockSignals(False)


class FromVisitDialog(AsksBeforeDiscarding, ActThenClose, QDialog):
    """Title (and for a follow-up: lead unit, due date) of what is made from a visit."""

    def __init__(self, parent: QWidget | None, *, follow_up: bool, heard: str, window_title: str | None = None):
        super().__init__(parent)
        from desktop.widgets.fields import DateEdit
        self.setWindowModality(Qt.WindowModality.WindowModal)
        lay = QVBoxLayout(self)
        self.quote = quote_box(self, heard or "")
        lay.addWidget(self.quote)
        form = QFormLayout()
        self.title = line_edit(self, field="follow_up.title" if follow_up else "opinion_report.title")
        # worded as the same dialog from a meeting's consensus (标题 and 生成 here, 督办事项 and 生成督办事项 there)
        form.addRow(self.tr("Follow-up") if follow_up else self.tr("Title"), self.title)
        self.lead_unit = self.due_date = None
        if follow_up:
            self.lead_unit = line_edit(self, field="follow_up.lead_unit")
            self.due_date = DateEdit(self)
            self.due_date.setText((office_clock.today() + dt.timedelta(days=30)).isoformat())
            form.addRow(self.tr("Lead unit"), self.lead_unit)
            form.addRow(self.tr("Due date"), self.due_date)
        lay.addLayout(form)
        self.reason = message_label(self, wrap=False)
        self.reason.hide()
        lay.addWidget(self.reason)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Make the follow-up") if follow_up else self.tr("Make the report"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.setWindowTitle(window_title or (self.tr("Make a follow-up from the visit") if follow_up
                                             else self.tr("Make a public-opinion report from the visit")))
        self.resize(480, 0)

    def result_values(self) -> dict:
        out = {"title": self.title.text().strip() or None}
        if self.lead_unit is not None:
            out["lead_unit"] = self.lead_unit.text().strip() or None
            out["due_date"] = self.due_date.text().strip() or None
        return out

    def show_problem(self, message: str) -> None:
        self.reason.setText(message)
        self.reason.show()

    def accept(self) -> None:
        if not self.title.text().strip():
            self.show_problem(self.tr("Please write a title."))
            self.title.setFocus()
            return
        self.finish()


class VisitEditor(RecordEditor):
    table = "visit"

    def __init__(self, ctx, record_id: str | None = None, parent: QWidget | None = None, **kw):
        self.record = None
        super().__init__(ctx, record_id, parent, **kw)
        self.attachments.set_owner(record_id)
        self._show_made()
        draft = kw.get("draft")
        if draft is not None:
            ids = draft.values.get("member_ids") or []
            self._offer_members(include=ids)
            self.members.set_value(ids)
        elif record_id is None:
            self._offer_members()
            self._initial = self.form.values()
        resize_within_screen(self, 820, 680)

    def build(self, form) -> None:
        from db.record_lookups import group_choices, groups_for_new
        groups = group_choices(self.ctx.db) if self.record_id else groups_for_new(self.ctx.db, self.ctx.permissions,
                                                                                 "visit")
        form.add("group_id", choices=groups, placeholder="" if groups else self.tr(
            "No liaison group yet: first add one on the Liaison groups page"))
        form.add("kind_id")
        form.add("visit_date")
        form.add("start_time", check=time_check, placeholder="09:30")
        # a visit is someone going somewhere (db.visits): both said at once on save, not one after the other
        place_needed = self.tr("Fill in where the visit took place")
        form.add("place", check=lambda v: None if (v or "").strip() else place_needed).required = True
        form.retranslate()
        self.members = MembersChecklist(form)
        members_needed = self.tr("Choose at least one member who went")
        form.add_widget("member_ids", lambda: self.tr("Members who went"), self.members, required=True,
                        check=lambda v: None if v else members_needed)
        form.add("people_reached")
        form.add("departments")
        form.add("heard", lines=4)
        form.add("handling", lines=3)
        form.rows["group_id"].editor.currentIndexChanged.connect(
            lambda _i: self.form._loading or self._offer_members())
        bar = QHBoxLayout()
        self.made = QLabel(self.body)
        self.made.setWordWrap(True)
        self.made.setObjectName("hint")
        bar.addWidget(self.made, 1)
        self.report_button = QPushButton(self.body)
        self.report_button.setAutoDefault(False)
        self.report_button.clicked.connect(lambda: self.make_from_visit(follow_up=False))
        self.follow_up_button = QPushButton(self.body)
        self.follow_up_button.setAutoDefault(False)
        self.follow_up_button.clicked.connect(lambda: self.make_from_visit(follow_up=True))
        bar.addWidget(self.report_button)
        bar.addWidget(self.follow_up_button)
        self.body_layout.addLayout(bar)
        self.attachments_title = QLabel(self.body)
        self.attachments_title.setObjectName("sectionTitle")
        self.body_layout.addWidget(self.attachments_title)
        self.attachments = AttachmentsPanel(self.ctx, "visit", self.ensure_saved, self.body)
        self.attachments.setMinimumHeight(150)
        self.body_layout.addWidget(self.attachments)

    def retranslate(self) -> None:
        super().retranslate()
        self.report_button.setText(self.tr("Make a report…"))
        self.follow_up_button.setText(self.tr("Make a follow-up…"))
        self.attachments_title.setText(self.tr("Attachments"))
        self.attachments.retranslate()
        self._show_made()

    def window_title(self) -> str:
        if self.record is None:
            return self.tr("New visit record")
        return self.tr("Visit: %1 %2").replace("%1", self.record.visit_date).replace(
            "%2", reference_label(self.ctx, self.record.kind_id, self.record.kind_name))

    def _today(self) -> dt.date:
        return getattr(self.ctx, "today", dt.date.today)()

    def _offer_members(self, group_id: str | None = None, include: list[str] | None = None) -> None:
        from db.record_lookups import member_choices
        group_id = group_id or self.form.rows["group_id"].value()
        include = list(include or []) + self.members.value()
        self.members.set_members(member_choices(self.ctx.db, group_id, include=include))

    # -- values ---------------------------------------------------------------------
    def load_values(self, db) -> dict[str, Any]:
        from db.visits import FIELDS, load_visit
        self.record = load_visit(db, self.record_id, today=self._today())
        values = {name: getattr(self.record, name) for name in FIELDS}
        values["member_ids"] = [m.member_id for m in self.record.members]
        self._offer_members(self.record.group_id, values["member_ids"])
        return values

    def new_values(self) -> dict[str, Any]:
        from db.reference import id_by_code
        return {"kind_id": id_by_code(self.ctx.db, "visit_kind").get("reception"),
                "visit_date": self._today().isoformat(), "member_ids": []}

    def save(self, *, close: bool = True) -> bool:
        """A date after today is asked about: 2099 typed for 2026 saved a reception day into a year to come,
        unasked (a planned 回头看 keeps its date: asked only when the date is typed)."""
        day = self.form.values().get("visit_date") or ""
        if not self._saving and self.permitted and not self.form.validate_all() \
                and day[:10] > self._today().isoformat() and day != (self._initial or {}).get("visit_date"):
            from desktop.widgets.confirm import confirm
            question = self.tr("The date %1 is after today. A visit is recorded once it has taken place: "
                               "save it with this date?").replace("%1", day[:10])
            if not confirm(self, self.tr("Date after today"), question, self.tr("Save with this date")):
                self._after_save.clear()
                self.form.rows["visit_date"].editor.setFocus()
                return False
        return super().save(close=close)

    def write(self, db, values: dict[str, Any]) -> str:
        from db import visits
        values = dict(values)
        member_ids = values.pop("member_ids") or []
        if self.record_id:
            visits.update_visit(db, self.record_id, member_ids=member_ids, **values)
            return self.record_id
        return visits.log_visit(db, member_ids=member_ids, **values)

    def after_reload(self) -> None:
        self.attachments.set_owner(self.record_id)
        self._show_made()

    def _show_made(self) -> None:
        r = self.record
        parts = []
        if r is not None and r.opinions:
            parts.append(self.tr("Reports made: %1").replace("%1", "；".join(o.title for o in r.opinions)))
        if r is not None and r.follow_ups:
            parts.append(self.tr("Follow-ups made: %1").replace("%1", "；".join(f.title for f in r.follow_ups)))
        self.made.setText("\n".join(parts))

    # -- reports and follow-ups from the visit ----------------------------------------
    def make_from_visit(self, *, follow_up: bool) -> None:
        self.ensure_saved(lambda vid: self._ask(vid, follow_up))

    def _ask(self, visit_id: str, follow_up: bool) -> None:
        from db.meeting_parts import default_follow_up_title
        heard = self.record.heard if self.record else ""
        dialog = FromVisitDialog(self, follow_up=follow_up, heard=heard)
        dialog.title.setText(default_follow_up_title(heard or "", limit=30))   # a start to edit, short
        actor = remembered_actor(self.ctx) or None
        dialog.set_action(self.ctx, lambda db, values: self._make(db, visit_id, follow_up, actor, values),
                          on_done=lambda _id: self.reload())
        self.from_dialog = dialog
        dialog.open()

    @staticmethod
    def _make(db, visit_id: str, follow_up: bool, actor: str | None, values: dict) -> str:
        from db import visits
        fn = visits.follow_up_from_visit if follow_up else visits.opinion_from_visit
        return fn(db, visit_id, actor=actor, **values)
