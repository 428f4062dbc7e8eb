"""会议: the meetings of the liaison groups — list with filters and search, a summary beside it, and the
meeting editor (attendance, agenda and speeches, consensus and follow-ups, attachments, minutes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QHBoxLayout

from desktop.labels import enum_choices, enum_label, labelled_state, reference_label
from desktop.pages.record_detail import RecordListPage, esc, fill_combo, filter_combo, para
from desktop.style import ERROR_COLOR


def _whole(text: str) -> str:
    """`text` that no line breaks inside: word joiners (U+2060, unseen) between its characters."""
    return "\u2060".join(text)


def render_meeting(ctx, m) -> str:
    rows = [f"<h3>{esc(m.topic)}</h3>",
            f"<p>{esc(m.starts_at.replace('T', ' '))}"
            + (f" – {esc((m.ends_at or '')[11:16])}" if m.ends_at else "")
            + (f" · {esc(m.place)}" if m.place else "")
            + f"<br>{esc(m.group_name)} · {esc(reference_label(ctx, m.kind_id, m.kind_name))}<br>"
            + QCoreApplication.translate("MeetingsPage", "State: %1").replace("%1", esc(labelled_state("meeting_state", m.state)))
            + (" · " + QCoreApplication.translate("MeetingsPage", "revision %1").replace("%1", str(m.revision)) if m.revision > 1 else "")
            + (" · <b>" + QCoreApplication.translate("MeetingsPage", "amended: a newer revision replaces this one")
               + "</b>" if m.superseded_by else "")
            + "</p>"]
    duties = ([QCoreApplication.translate("MeetingsPage", "Chair: %1").replace("%1", esc(m.chair))] if m.chair else []) \
        + ([QCoreApplication.translate("MeetingsPage", "Recorder: %1").replace("%1", esc(m.recorder))] if m.recorder else [])
    if duties:              # one not set is left out, as the printed minutes do (no empty 记录人：)
        rows.append("<p>" + " · ".join(duties) + "</p>")
    zh = ctx.is_zh()        # Chinese punctuation in Chinese only: "Present：" and "（…）" read as typos in English

    def named(a) -> str:        # a guest with their unit, as the printed minutes list 列席
        extra = a.reason or (a.guest_unit if a.is_guest else None)
        if not extra:
            return esc(a.name)
        return esc(a.name) + (f"（{esc(extra)}）" if zh else f" ({esc(extra)})")
    names = {s: ("、" if zh else ", ").join(named(a) for a in m.attendance if a.status == s)
             for s in ("present", "leave", "absent", "attending")}
    counts = QCoreApplication.translate("MeetingsPage", "Due %1, present %2, on leave %3, absent %4").replace("%1", str(m.members_due)) \
        .replace("%2", str(m.count("present"))).replace("%3", str(m.count("leave"))).replace("%4", str(m.count("absent")))
    # not recorded yet: a status changed outside the program is not one of them (said on its own line below)
    unrecorded = sum(1 for a in m.attendance if not a.is_guest and a.status is None)
    if unrecorded > 0:          # "应到 8 人，出席 0 人，请假 0 人，缺席 0 人" did not add up
        counts += QCoreApplication.translate("MeetingsPage", ", not recorded %1").replace("%1", str(unrecorded))
    rows.append(f"<p><b>{counts}</b></p>")
    for status in ("present", "leave", "absent", "attending"):
        if names[status]:
            label = esc(enum_label('attendance_status', status)) + ("：" if zh else ": ")
            rows.append(f"<p><b>{label}</b>{names[status]}</p>")
    # a status changed outside the program is said, not dropped (None is a member not recorded yet: counted above)
    unknown = [a for a in m.attendance if a.status is not None and a.status not in names]
    if unknown:
        rows.append(f"<p style='color:{ERROR_COLOR}'><b>"
                    + QCoreApplication.translate("MeetingsPage", "Attendance not recognised: %1").replace(
                        "%1", ("、" if zh else ", ").join(named(a) for a in unknown))
                    + "</b></p>")
    if m.agenda:
        rows.append("<p><b>" + QCoreApplication.translate("MeetingsPage", "Agenda") + "</b></p><ol>")
        rows += [f"<li>{esc(i.title)}" + (f"<br><small>{para(i.decision)}</small>" if i.decision else "") + "</li>"
                 for i in m.agenda]
        rows.append("</ol>")
    if m.consensus:
        rows.append("<p><b>" + QCoreApplication.translate("MeetingsPage", "Consensus") + "</b></p><ol>")
        rows += [f"<li>{para(c.text)}</li>" for c in m.consensus]
        rows.append("</ol>")
    if m.follow_ups:
        rows.append("<p><b>" + QCoreApplication.translate("MeetingsPage", "Follow-ups") + "</b></p><ul>")
        for f in m.follow_ups:
            state = esc(_whole(enum_label("followup_state", f.state)))
            # the unit, due date and state on a line of their own, each never broken (新华路街道办事 / 处), the line
            # broken only between them where the pane is narrow: kept on one line, 2027-01-04 · 已办结 went past
            # the pane's edge behind a sideways scroll bar (a district's long unit, or English at 1024 px)
            # parts not set yet are left out: a 待交办 follow-up has no unit, and its line began with " · "
            facts = " · ".join(p for p in (esc(_whole(f.lead_unit or "")), esc(f.due_date or ""), state) if p)
            line = f"{esc(f.title)}<div style='margin-top:0'>{facts}</div>"
            rows.append(f"<li style='color:{ERROR_COLOR}'>{line}</li>" if f.overdue else f"<li>{line}</li>")
        rows.append("</ul>")
    if m.attachments:
        rows.append("<p><b>" + QCoreApplication.translate("MeetingsPage", "Attachments: %1").replace("%1", str(len(m.attachments)))
                    + "</b></p>")
    return "".join(rows)


class MeetingsPage(RecordListPage):
    record_table = "meeting"
    new_by_group = True
    settings_key = "meetings"
    watched_tables = frozenset({"meeting", "attendance", "agenda_item", "speech", "consensus_item", "follow_up",
                                "attachment"})

    def list_model(self):
        from desktop.models.meetings import MeetingListModel
        return MeetingListModel(self.ctx, self)

    def load_record(self, db, record_id: str):
        from db.meetings import load_meeting
        return load_meeting(db, record_id)

    def render_record(self, record) -> str:
        return render_meeting(self.ctx, record)

    def make_editor(self, record_id: str | None, initial: dict | None = None):
        from desktop.dialogs.meeting_editor import MeetingEditor
        return MeetingEditor(self.ctx, record_id, self, initial=initial)

    def prepare_new(self, editor, initial: dict) -> None:
        if initial.get("group_id"):
            editor._on_group_or_day(force=True)         # the group's members on the attendance sheet
            editor._initial = editor.form.values()

    def delete_question(self) -> tuple[str, str]:
        return self.tr("Delete meeting"), self.tr("Delete this meeting with its attendance, agenda, speeches and "
                                                  "consensus? Final minutes cannot be deleted.")

    def delete_record(self, db, record_id: str) -> None:
        from db.meetings import delete_meeting
        delete_meeting(db, record_id)

    def build_filters(self, bar: QHBoxLayout) -> None:
        self.group_filter = filter_combo(self, 120)
        self.kind_filter = filter_combo(self, 90)
        self.state_filter = filter_combo(self, 80)
        self.revisions = QCheckBox(self)
        for combo in (self.group_filter, self.kind_filter, self.state_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            bar.addWidget(combo)
        self.revisions.toggled.connect(self._apply_filters)
        self.revisions.toggled.connect(self._show_revisions)
        bar.addWidget(self.revisions)

    def _show_revisions(self, on: bool) -> None:
        """With the earlier revisions listed, the 版次 column says which row is which: an amended meeting's
        two rows were alike in every column, and the old one could be opened and printed for the new."""
        self.table.show_column(self.model.column_index("revision"), on)

    def page_title(self) -> str:
        return self.tr("Meetings")

    def new_button_text(self) -> str:
        return self.tr("New meeting")

    def refill_groups(self) -> None:
        fill_combo(self.group_filter, self.tr("All groups"), self.scoped_groups())

    def retranslate(self) -> None:
        from db.reference import items
        self.refill_groups()
        fill_combo(self.kind_filter, self.tr("All kinds"),
                   [(i.id, self.ctx.pick(i.name, i.name_en)) for i in items(self.ctx.db, "meeting_kind")])
        fill_combo(self.state_filter, self.tr("All states"), enum_choices("meeting_state"))
        self.revisions.setText(self.tr("Earlier revisions"))
        self.revisions.setToolTip(self.tr("Also list the revisions that were later amended"))
        super().retranslate()
        self.detail.retranslate()

    def _apply_filters(self) -> None:
        m = self.model
        group, kind, state = (c.currentData() for c in (self.group_filter, self.kind_filter, self.state_filter))
        m.show_superseded = self.revisions.isChecked()
        m.set_condition("group", "m.group_id = ?" if group else None, [group])
        m.set_condition("kind", "m.kind_id = ?" if kind else None, [kind])
        m.set_condition("state", "m.state = ?" if state else None, [state])


PAGE_CLASS = MeetingsPage
