"""走访接待: the members' visits — reception days 坐诊, outreach 出诊, joint consultations 会诊 — with
filters, search, a summary beside the list, and the visit editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout

from desktop.labels import reference_label
from desktop.pages.record_detail import RecordListPage, esc, fill_combo, filter_combo, para


def render_visit(ctx, v) -> str:
    from desktop.timeline_notes import names_text
    rows = [f"<h3>{esc(v.visit_date)} {esc(v.start_time or '')} · {esc(reference_label(ctx, v.kind_id, v.kind_name))}</h3>",
            f"<p>{esc(v.group_name)}<br>{esc(v.place)}</p>",
            "<p>" + QCoreApplication.translate("VisitsPage", "Members: %1").replace("%1", esc(names_text(v.member_names)) or "—") + "<br>"
            + QCoreApplication.translate("VisitsPage", "People reached: %1").replace("%1", str(v.people_reached)) + "</p>"]
    if v.departments:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Departments: %1").replace("%1", esc(names_text(v.departments))) + "</p>")
    if v.heard:
        rows.append("<p><b>" + QCoreApplication.translate("VisitsPage", "What was heard") + f"</b><br>{para(v.heard)}</p>")
    if v.handling:
        rows.append("<p><b>" + QCoreApplication.translate("VisitsPage", "Handling") + f"</b><br>{para(v.handling)}</p>")
    for o in v.opinions:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Report: %1").replace("%1", esc(o.title)) + "</p>")
    for f in v.follow_ups:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Follow-up: %1").replace("%1", esc(f.title)) + "</p>")
    return "".join(rows)


class VisitsPage(RecordListPage):
    record_table = "visit"
    new_by_group = True
    settings_key = "visits"
    watched_tables = frozenset({"visit", "visit_member", "opinion_report", "follow_up", "attachment"})

    def list_model(self):
        from desktop.models.visits import VisitListModel
        return VisitListModel(self.ctx, self)

    def load_record(self, db, record_id: str):
        from db.visits import load_visit
        return load_visit(db, record_id)

    def render_record(self, record) -> str:
        return render_visit(self.ctx, record)

    def make_editor(self, record_id: str | None, initial: dict | None = None):
        from desktop.dialogs.visit_editor import VisitEditor
        return VisitEditor(self.ctx, record_id, self, initial=initial)

    def new_initial(self) -> dict:
        initial = super().new_initial()
        if self.kind_filter.currentData():
            initial["kind_id"] = self.kind_filter.currentData()
        return initial

    def prepare_new(self, editor, initial: dict) -> None:
        if initial.get("group_id"):
            editor._offer_members()
            editor._initial = editor.form.values()

    def delete_question(self) -> tuple[str, str]:
        return self.tr("Delete visit"), self.tr("Delete this visit record? Reports and follow-ups made from it are kept.")

    def delete_record(self, db, record_id: str) -> None:
        from db.visits import delete_visit
        delete_visit(db, record_id)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.group_filter = filter_combo(self, 130)
        self.kind_filter = filter_combo(self, 110)
        for combo in (self.group_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)

    def page_title(self) -> str:
        return self.tr("Visits and receptions")

    def new_button_text(self) -> str:
        return self.tr("Log a visit")

    def refill_groups(self) -> None:
        fill_combo(self.group_filter, self.tr("All groups"), self.scoped_groups())

    def retranslate(self) -> None:
        from db.reference import items
        self.refill_groups()
        fill_combo(self.kind_filter, self.tr("All kinds"),
                   [(i.id, self.ctx.pick(i.name, i.name_en)) for i in items(self.ctx.db, "visit_kind")])
        super().retranslate()
        self.detail.retranslate()

    def _apply_filters(self) -> None:
        group, kind = self.group_filter.currentData(), self.kind_filter.currentData()
        self.model.set_condition("group", "v.group_id = ?" if group else None, [group])
        self.model.set_condition("kind", "v.kind_id = ?" if kind else None, [kind])

PAGE_CLASS = VisitsPage
