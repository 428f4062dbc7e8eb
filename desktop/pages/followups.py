"""督办: follow-ups — by state, overdue ones in red — with their dated timeline beside the list."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout

from desktop.labels import enum_choices, enum_label, reference_label
from desktop.pages.opinions import render_timeline
from desktop.pages.record_detail import RecordListPage, esc, fill_combo, filter_combo, para
from desktop.style import ERROR_COLOR

OVERDUE = "overdue"


def render_follow_up(ctx, f) -> str:
    # 协办单位 typed 区教育局、区卫健局: ", " between them in English
    from desktop.timeline_notes import names_text
    state = esc(enum_label("followup_state", f.state))
    due = QCoreApplication.translate("FollowUpsPage", "Due %1").replace("%1", esc(f.due_date or "—"))
    if f.overdue:
        due = f"<span style='color:{ERROR_COLOR}'><b>{due} · " + QCoreApplication.translate("FollowUpsPage", "overdue") + "</b></span>"
    rows = [f"<h3>{esc(f.title)}</h3>",
            "<p>" + QCoreApplication.translate("FollowUpsPage", "State: %1").replace("%1", state) + f" · {due}<br>"
            + QCoreApplication.translate("FollowUpsPage", "Lead unit: %1").replace("%1", esc(f.lead_unit) or "—")
            + (" · " + QCoreApplication.translate("FollowUpsPage", "co-units: %1").replace("%1", esc(names_text(f.co_units))) if f.co_units else "")
            + "<br>" + " · ".join(esc(x) for x in (f.group_name, reference_label(ctx, f.category_id, f.category_name)) if x) + "</p>"]
    if f.source_text:
        rows.append("<p>" + QCoreApplication.translate("FollowUpsPage", "From: %1").replace("%1", esc(f.source_text)) + "</p>")
    if f.description:
        rows.append(f"<p>{para(f.description)}</p>")
    if f.reply:
        rows.append("<p><b>" + QCoreApplication.translate("FollowUpsPage", "Reply") + f"</b><br>{para(f.reply)}</p>")
    if f.satisfaction:
        rows.append("<p>" + QCoreApplication.translate("FollowUpsPage", "Satisfaction: %1").replace(
            "%1", esc(enum_label("satisfaction", f.satisfaction))) + "</p>")
    rows.append(render_timeline(f.timeline, "followup_state"))
    return "".join(rows)


class FollowUpsPage(RecordListPage):
    record_table = "follow_up"
    default_hidden = ("category",)          # in the detail; the list fits 1366×768 at a district without it
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        remembered = self.ctx.settings.value("lists/followups/state_filter")
        start = "not_closed" if remembered is None else remembered or None
        self.state_filter.setCurrentIndex(max(self.state_filter.findData(start), 0))

    settings_key = "followups"
    watched_tables = frozenset({"follow_up", "state_event"})

    def list_model(self):
        from desktop.models.followups import FollowUpListModel
        return FollowUpListModel(self.ctx, self)

    def load_record(self, db, record_id: str):
        from db.followups import load_follow_up
        return load_follow_up(db, record_id, today=self._today())

    def render_record(self, record) -> str:
        return render_follow_up(self.ctx, record)

    def make_editor(self, record_id: str | None, initial: dict | None = None):
        from desktop.dialogs.followup_editor import FollowUpEditor
        return FollowUpEditor(self.ctx, record_id, self, initial=initial)

    def delete_question(self) -> tuple[str, str]:
        return self.tr("Delete follow-up"), self.tr("Delete this follow-up? Only one not yet assigned can be deleted.")

    def delete_record(self, db, record_id: str) -> None:
        from db.followups import delete_follow_up
        delete_follow_up(db, record_id)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.state_filter = filter_combo(self, 120)
        self.group_filter = filter_combo(self, 130)
        for combo in (self.state_filter, self.group_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)

    def _today(self) -> dt.date:
        return getattr(self.ctx, "today", dt.date.today)()

    def page_title(self) -> str:
        return self.tr("Follow-ups")

    def new_button_text(self) -> str:
        return self.tr("New follow-up")

    def refill_groups(self) -> None:
        fill_combo(self.group_filter, self.tr("All groups"), self.scoped_groups())

    def retranslate(self) -> None:
        fill_combo(self.state_filter, self.tr("All states"),
                   [(OVERDUE, self.tr("Overdue")), ("not_closed", self.tr("Not closed")),
                    *enum_choices("followup_state")])
        self.refill_groups()
        super().retranslate()
        self.detail.retranslate()

    def show_overdue(self) -> None:
        """Filter to the overdue follow-ups (the home page links here)."""
        self.state_filter.setCurrentIndex(self.state_filter.findData(OVERDUE))

    def _apply_filters(self) -> None:
        state, group = self.state_filter.currentData(), self.group_filter.currentData()
        today = self._today().isoformat()
        if state == OVERDUE:
            self.model.set_condition("state", "f.due_date < ? AND f.state <> 'closed'", [today])
        elif state == "not_closed":
            self.model.set_condition("state", "f.state <> 'closed'", [])
        else:
            self.model.set_condition("state", "f.state = ?" if state else None, [state])
        self.model.set_condition("group", "f.group_id = ?" if group else None, [group])
        self.ctx.settings.setValue("lists/followups/state_filter", state or "")


PAGE_CLASS = FollowUpsPage
