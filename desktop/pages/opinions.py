"""社情民意: public-opinion reports — one issue each — by state, with their timeline beside the list."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout

from desktop.labels import enum_choices, enum_label
from desktop.pages.record_detail import RecordListPage, esc, fill_combo, filter_combo, para


def render_timeline(events, enum_kind: str) -> str:
    """Each step on its line; who took it on a line of its own that never wraps (in a table cell the name
    and office broke across lines: 阿依古丽·买买提（新 / 华路街道）); the note below, wrapping as text does."""
    if not events:
        return ""
    rows = ["<p><b>" + QCoreApplication.translate("RecordTimeline", "Timeline") + "</b></p>"]
    from db.followups import DUE_NOTE_PREFIX
    from desktop.timeline_notes import note_text
    for e in events:
        note = note_text(e.note)
        if e.is_note and note.startswith(DUE_NOTE_PREFIX):
            step, note = QCoreApplication.translate("RecordTimeline", "Due date changed"), note[len(DUE_NOTE_PREFIX):]
        else:
            step = (QCoreApplication.translate("RecordTimeline", "Note") if e.is_note else
                    enum_label(enum_kind, e.to_state) if e.from_state is None else
                    f"{enum_label(enum_kind, e.from_state)} → {enum_label(enum_kind, e.to_state)}")
        who = esc(e.actor or "")          # the office in brackets after a name; alone, without them (as the editor)
        if e.actor_office_name:
            # （…） in Chinese, " (…)" in English: the translation holds the punctuation
            who = QCoreApplication.translate("RecordTimeline", "%1 (%2)").replace("%1", who).replace(
                "%2", esc(e.actor_office_name)) if who else esc(e.actor_office_name)
        rows.append(f"<p style='margin:6px 0 0 0'><span style='color:#5b6472'>{esc(e.at.replace('T', ' ')[:16])}"
                    f"</span>&nbsp;&nbsp;{esc(step)}</p>")
        if who:
            rows.append(f"<p style='margin:0 0 0 16px; white-space:nowrap'>{who}</p>")
        if note:
            rows.append(f"<p style='margin:0 0 0 16px'><small>{para(note)}</small></p>")
    return "".join(rows)


def render_opinion(ctx, r) -> str:
    from desktop.timeline_notes import names_text
    rows = [f"<h3>{esc(r.title)}</h3>",
            "<p>" + QCoreApplication.translate("OpinionsPage", "State: %1").replace("%1", esc(enum_label("report_state", r.state)))
            + "<br>" + QCoreApplication.translate("OpinionsPage", "Reporter: %1").replace("%1", esc(names_text(r.reporter_name)) or "—")
            + (f" · {esc(r.group_name)}" if r.group_name else "") + "<br>"
            + QCoreApplication.translate("OpinionsPage", "Collected on %1").replace("%1", esc(r.collected_on))
            + (" · " + QCoreApplication.translate("OpinionsPage", "submitted on %1").replace("%1", esc(r.submitted_on)) if r.submitted_on
               else "") + "</p>"]
    for title, text in ((QCoreApplication.translate("OpinionsPage", "Situation"), r.situation), (QCoreApplication.translate("OpinionsPage", "Cause"), r.cause),
                        (QCoreApplication.translate("OpinionsPage", "Suggestion"), r.suggestion),
                        (QCoreApplication.translate("OpinionsPage", "Leader's instruction"), r.instruction)):
        if text:
            rows.append(f"<p><b>{esc(title)}</b><br>{para(text)}</p>")
    rows.append(render_timeline(r.timeline, "report_state"))
    return "".join(rows)


class OpinionsPage(RecordListPage):
    record_table = "opinion_report"
    settings_key = "opinions"
    watched_tables = frozenset({"opinion_report", "state_event"})

    def list_model(self):
        from desktop.models.opinions import OpinionListModel
        return OpinionListModel(self.ctx, self)

    def load_record(self, db, record_id: str):
        from db.opinions import load_opinion
        return load_opinion(db, record_id)

    def render_record(self, record) -> str:
        return render_opinion(self.ctx, record)

    def make_editor(self, record_id: str | None, initial: dict | None = None):
        from desktop.dialogs.opinion_editor import OpinionEditor
        return OpinionEditor(self.ctx, record_id, self, initial=initial)

    def delete_question(self) -> tuple[str, str]:
        return self.tr("Delete report"), self.tr("Delete this report? Submitted reports are kept.")

    def delete_record(self, db, record_id: str) -> None:
        from db.opinions import delete_opinion
        delete_opinion(db, record_id)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.state_filter = filter_combo(self, 110)
        self.group_filter = filter_combo(self, 130)
        for combo in (self.state_filter, self.group_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)

    def page_title(self) -> str:
        return self.tr("Public-opinion reports")

    def new_button_text(self) -> str:
        return self.tr("New report")

    def refill_groups(self) -> None:
        fill_combo(self.group_filter, self.tr("All groups"), self.scoped_groups())

    def retranslate(self) -> None:
        fill_combo(self.state_filter, self.tr("All states"), enum_choices("report_state"))
        self.refill_groups()
        super().retranslate()
        self.detail.retranslate()

    def _apply_filters(self) -> None:
        state, group = self.state_filter.currentData(), self.group_filter.currentData()
        self.model.set_condition("state", "o.state = ?" if state else None, [state])
        self.model.set_condition("group", "o.group_id = ?" if group else None, [group])

PAGE_CLASS = OpinionsPage
