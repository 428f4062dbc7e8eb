"""走访接待: the members' visits — reception days 坐诊, outreach 出诊, joint consultations 会诊 — with
filters, search, a summary beside the list, and the visit editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout

from desktop.pages.base import ListPage
from desktop.pages.record_detail import (
    EditorTracker,
    RecordDetail,
    confirm_delete,
    default_split,
    esc,
    fill_combo,
    filter_combo,
    para,
)


def render_visit(ctx, v) -> str:
    rows = [f"<h3>{esc(v.visit_date)} {esc(v.start_time or '')} · {esc(ctx.pick(v.kind_name, None))}</h3>",
            f"<p>{esc(v.group_name)}<br>{esc(v.place)}</p>",
            "<p>" + QCoreApplication.translate("VisitsPage", "Members: %1").replace("%1", esc(v.member_names) or "—") + "<br>"
            + QCoreApplication.translate("VisitsPage", "People reached: %1").replace("%1", str(v.people_reached)) + "</p>"]
    if v.departments:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Departments: %1").replace("%1", esc(v.departments)) + "</p>")
    if v.heard:
        rows.append("<p><b>" + QCoreApplication.translate("VisitsPage", "What was heard") + f"</b><br>{para(v.heard)}</p>")
    if v.handling:
        rows.append("<p><b>" + QCoreApplication.translate("VisitsPage", "Handling") + f"</b><br>{para(v.handling)}</p>")
    for o in v.opinions:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Report: %1").replace("%1", esc(o.title)) + "</p>")
    for f in v.follow_ups:
        rows.append("<p>" + QCoreApplication.translate("VisitsPage", "Follow-up: %1").replace("%1", esc(f.title)) + "</p>")
    return "".join(rows)


class VisitsPage(ListPage):
    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        default_split(self)

    settings_key = "visits"
    watched_tables = frozenset({"visit", "visit_member", "opinion_report", "follow_up", "attachment"})

    def make_model(self):
        from desktop.models.visits import VisitListModel
        self.editors = EditorTracker()
        return VisitListModel(self.ctx, self)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.group_filter = filter_combo(self, 170)
        self.kind_filter = filter_combo(self, 110)
        for combo in (self.group_filter, self.kind_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)

    def build_detail(self):
        from db.visits import load_visit
        detail = RecordDetail(self.ctx, load_visit, lambda v: render_visit(self.ctx, v), self)
        detail.open_requested.connect(self.open_record)
        return detail

    def page_title(self) -> str:
        return self.tr("Visits and receptions")

    def new_button_text(self) -> str:
        return self.tr("Log a visit")

    def retranslate(self) -> None:
        from db.record_lookups import group_choices
        from db.reference import items
        fill_combo(self.group_filter, self.tr("All groups"), group_choices(self.ctx.db))
        fill_combo(self.kind_filter, self.tr("All kinds"),
                   [(i.id, self.ctx.pick(i.name, i.name_en)) for i in items(self.ctx.db, "visit_kind")])
        super().retranslate()
        self.detail.retranslate()

    def _apply_filters(self) -> None:
        group, kind = self.group_filter.currentData(), self.kind_filter.currentData()
        self.model.set_condition("group", "v.group_id = ?" if group else None, [group])
        self.model.set_condition("kind", "v.kind_id = ?" if kind else None, [kind])

    def refresh(self) -> None:
        super().refresh()
        self.detail.refresh()

    def open_record(self, record_id: str) -> None:
        from desktop.dialogs.visit_editor import VisitEditor
        self.editors.show(record_id, lambda: VisitEditor(self.ctx, record_id, self))

    def new_record(self) -> None:
        from desktop.dialogs.visit_editor import VisitEditor
        initial = {}
        if self.group_filter.currentData():
            initial["group_id"] = self.group_filter.currentData()
        if self.kind_filter.currentData():
            initial["kind_id"] = self.kind_filter.currentData()
        editor = VisitEditor(self.ctx, None, self, initial=initial or None)
        if initial.get("group_id"):
            editor._offer_members()
            editor._initial = editor.form.values()
        editor.saved.connect(self.table.select_id)
        self.last_editor = editor
        editor.open()

    def delete_selected(self) -> None:
        record_id = self.current_id()
        if not record_id or not confirm_delete(self, self.tr("Delete visit"),
                                               self.tr("Delete this visit record? Reports and follow-ups made "
                                                       "from it are kept.")):
            return
        from db.visits import delete_visit
        from desktop.ops import CollectionOp
        CollectionOp(self.ctx, parent=self, op=lambda db: delete_visit(db, record_id)).run_in_background()


PAGE_CLASS = VisitsPage
