"""The meeting editor: basics · attendance · agenda and speeches · consensus and follow-ups ·
attachments · minutes — one record, saved in one transaction (db.meeting_form.save_meeting).

The whole meeting is held as form values, so the unsaved-changes question and the crash draft
cover every tab. Actions that need a saved meeting (state moves, follow-ups, attachments, the
minutes preview) save first. Final minutes are read-only; "Amend" makes a new revision.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.editor import RecordEditor
from desktop.dialogs.meeting_editor_agenda import AgendaWidget, OtherSpeeches
from desktop.dialogs.meeting_editor_attendance import AttendanceWidget, GuestsWidget
from desktop.dialogs.meeting_editor_consensus import (
    ConsensusWidget,
    FollowUpFromConsensusDialog,
    FollowUpsView,
)
from desktop.dialogs.record_attachments import AttachmentsPanel
from desktop.dialogs.state_move import remembered_actor
from desktop.labels import ENUM_LABELS, labelled_state
from desktop.style import banner_label
from desktop.widgets.confirm import confirm
from desktop.widgets.fit import resize_within_screen

PART_TABS = {"attendance": 1, "guests": 1, "agenda": 2, "other_speeches": 2, "consensus": 3}


class MeetingEditor(RecordEditor):
    table = "meeting"

    def __init__(self, ctx, record_id: str | None = None, parent: QWidget | None = None, **kw):
        self.meeting = None                     # db.meetings.Meeting as last loaded
        super().__init__(ctx, record_id, parent, **kw)
        self._roster_group = self.form.rows["group_id"].value()     # the group whose sheet is shown
        self._unwrap_body()
        self.attachments.set_owner(record_id)
        self.minutes.set_meeting(record_id)
        if kw.get("draft") is not None:
            self._offer_speakers(self.form.values())
        elif record_id is None:
            self._on_group_or_day(force=True)      # the new meeting's attendance sheet: the group's members
            self._initial = self.form.values()
        self._apply_meeting()
        resize_within_screen(self, 1040, 680)
        # the keyboard starts in the first field, as in the other editors: the fields sit in tabs, after the
        # dialog's buttons in the focus chain, and a new meeting opened with 保存 focused (typing went nowhere)
        first = self.form.rows["group_id"].editor
        if first.isEnabled():
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building -------------------------------------------------------------------
    def _unwrap_body(self) -> None:
        """The tabs scroll on their own: take the body out of the base's scroll area, drop its stretch."""
        self.body_layout.takeAt(self.body_layout.count() - 1)
        scroll = self.findChild(QScrollArea, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if scroll is not None and scroll.widget() is self.body:
            outer = self.layout()
            index = outer.indexOf(scroll)
            scroll.takeWidget()
            outer.insertWidget(index, self.body, 1)
            outer.removeWidget(scroll)
            scroll.hide()
            scroll.deleteLater()
        self.body_layout.setContentsMargins(8, 8, 8, 0)

    def build(self, form) -> None:
        from db.record_lookups import group_choices, groups_for_new
        groups = group_choices(self.ctx.db) if self.record_id else groups_for_new(self.ctx.db, self.ctx.permissions,
                                                                                 "meeting")
        form.add("group_id", choices=groups, placeholder="" if groups else self.tr(
            "No liaison group yet: first add one on the Liaison groups page"))
        form.add("kind_id")
        form.add("topic")
        form.add("starts_at")
        form.add("ends_at")
        form.add("place")
        form.add("chair")
        form.add("recorder")
        form.add("issue_no")
        form.add("overview", lines=6)
        form.rows["group_id"].editor.currentIndexChanged.connect(lambda _i: self._on_group_or_day())
        form.rows["starts_at"].editor.textChanged.connect(lambda _t: self._on_group_or_day())
        form.rows["ends_at"].editor.editingFinished.connect(self._complete_end)

        self.attendance = AttendanceWidget(self.ctx)
        self.guests = GuestsWidget(self.ctx)
        self.agenda = AgendaWidget(self.ctx)
        self.other_speeches = OtherSpeeches(self.agenda)
        self.consensus = ConsensusWidget(self.ctx)
        self.agenda.items_changed.connect(self._on_agenda_items)
        self.attendance.changed.connect(lambda: self.form._loading or self._offer_speakers(self.form.values()))
        self.consensus.follow_up_requested.connect(self.make_follow_up)
        for name, widget in (("attendance", self.attendance), ("guests", self.guests), ("agenda", self.agenda),
                             ("other_speeches", self.other_speeches), ("consensus", self.consensus)):
            form.add_widget(name, lambda: "", widget, check=self._check_guests if name == "guests" else widget.check)

        self.header = QWidget(self.body)
        hl = QHBoxLayout(self.header)
        hl.setContentsMargins(0, 0, 0, 4)
        self.state_label = QLabel(self.header)
        self.state_label.setObjectName("sectionTitle")
        hl.addWidget(self.state_label)
        hl.addStretch(1)
        self.move_buttons: dict[str, QPushButton] = {}
        from desktop.widgets.clicks import guard
        for target in ("held", "draft", "final", "planned", "cancelled"):
            b = QPushButton(self.header)
            b.setAutoDefault(False)
            b.clicked.connect(lambda _c=False, t=target: self.move_to(t))
            self.move_buttons[target] = b
            hl.addWidget(b)
        guard(*self.move_buttons.values())  # a double click is one step: after 标记为已召开 the button under the
        #                                     mouse is 改回计划, which the second press pressed
        self.amend_button = QPushButton(self.header)
        self.amend_button.setAutoDefault(False)
        self.amend_button.clicked.connect(self.amend)
        hl.addWidget(self.amend_button)
        self.banner = banner_label(self.body)

        self.tabs = QTabWidget(self.body)
        basics = QScrollArea(self.tabs)
        basics.setWidgetResizable(True)
        basics.setFrameShape(QScrollArea.Shape.NoFrame)
        self.body_layout.removeWidget(form)
        basics_inner = QWidget()
        bl = QVBoxLayout(basics_inner)
        bl.addWidget(form)
        bl.addStretch(1)
        basics.setWidget(basics_inner)
        self.tabs.addTab(basics, "")
        self.tabs.addTab(self._part_page(("attendance", "guests"), stretch=(3, 2)), "")
        self.tabs.addTab(self._part_page(("agenda", "other_speeches"), (1, 0)), "")
        consensus_page = self._part_page(("consensus",))
        self.follow_ups_title = QLabel(consensus_page)
        self.follow_ups_title.setObjectName("sectionTitle")
        self.follow_ups = FollowUpsView(consensus_page)
        self.follow_ups.open_requested.connect(self.open_follow_up)
        consensus_page.layout().addWidget(self.follow_ups_title)
        consensus_page.layout().addWidget(self.follow_ups, 1)
        self.tabs.addTab(consensus_page, "")
        self.attachments = AttachmentsPanel(self.ctx, "meeting", self.ensure_saved, self.tabs)
        self.tabs.addTab(self.attachments, "")
        # The minutes tab: desktop.minutes renders the real PDF; QtPdf shows it.
        from desktop.dialogs.meeting_editor_minutes import MinutesPreview
        self.minutes = MinutesPreview(self.ctx, self.ensure_saved, self.tabs)
        self.tabs.addTab(self.minutes, "")
        self.body_layout.addWidget(self.header)
        self.body_layout.addWidget(self.banner)
        self.body_layout.addWidget(self.tabs, 1)

    def _part_page(self, names: tuple[str, ...], stretch: tuple[int, ...] = (1,)) -> QWidget:
        """A tab holding custom form rows: each row's reason above its widget."""
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        for name, factor in zip(names, stretch, strict=True):
            row = self.form.rows[name]
            for w in (row.editor, row.reason):
                self.form.grid.removeWidget(w)
            row.label.hide()
            row.reason.setParent(page)
            row.editor.setParent(page)
            lay.addWidget(row.reason)
            lay.addWidget(row.editor, factor)
        return page

    def retranslate(self) -> None:
        super().retranslate()
        for i, text in enumerate((self.tr("Basics"), self.tr("Attendance"), self.tr("Agenda and speeches"),
                                  self.tr("Consensus and follow-ups"), self.tr("Attachments"), self.tr("Minutes"))):
            self.tabs.setTabText(i, text)
        for target, text in (("held", self.tr("Mark as held")), ("draft", self.tr("Draft the minutes")),
                             ("final", self.tr("Finalize the minutes")), ("planned", self.tr("Back to planned")),
                             ("cancelled", self.tr("Cancel the meeting"))):
            self.move_buttons[target].setText(text)
        self.amend_button.setText(self.tr("Amend (new revision)"))
        self.follow_ups_title.setText(self.tr("Follow-ups made from this meeting"))
        for w in (self.attendance, self.guests, self.agenda, self.consensus, self.follow_ups, self.attachments,
                  self.minutes):
            w.retranslate()
        self._apply_meeting()

    def window_title(self) -> str:
        topic = self.form.rows["topic"].value().strip() if "topic" in self.form.rows else ""
        return self.tr("Meeting: %1").replace("%1", topic) if topic else self.tr("New meeting")

    def draft_title(self) -> str:
        return self.window_title()

    # -- values ---------------------------------------------------------------------
    def load_values(self, db) -> dict[str, Any]:
        from db.meeting_form import meeting_values
        from db.meetings import load_meeting
        self.meeting = load_meeting(db, self.record_id, today=self._today())
        values = meeting_values(db, self.record_id)
        self._roster_group = values.get("group_id")
        for key in ("starts_at", "ends_at"):          # shown as people write it: 2026-01-31 09:30
            if values.get(key):
                values[key] = values[key].replace("T", " ")
        self._offer_speakers(values)
        return values

    def new_values(self) -> dict[str, Any]:
        from db.reference import id_by_code
        groups = self.form.rows["group_id"].editor
        group_id = groups.itemData(0) if groups.count() else None
        tomorrow = self._today() + dt.timedelta(days=1)
        values = {"group_id": group_id, "kind_id": id_by_code(self.ctx.db, "meeting_kind").get("consultation"),
                  "starts_at": f"{tomorrow.isoformat()} 09:00", "attendance": [], "guests": [], "agenda": [],
                  "other_speeches": [], "consensus": []}
        return values

    def _today(self) -> dt.date:
        return getattr(self.ctx, "today", dt.date.today)()

    def _offer_speakers(self, values: dict) -> None:
        """The group's members and those on the sheet, less those marked on leave or absent (who did not
        speak); a speaker already chosen stays offered, so that the speech keeps its name."""
        from db.record_lookups import member_choices
        spoke = [s["member_id"] for i in values.get("agenda") or [] for s in i.get("speeches") or []]
        spoke += [s["member_id"] for s in values.get("other_speeches") or []]
        sheet = values.get("attendance") or []
        away = {a["member_id"] for a in sheet if a.get("status") in ("leave", "absent")} - set(spoke)
        choices = member_choices(self.ctx.db, values.get("group_id"), include=spoke + [a["member_id"] for a in sheet])
        self.agenda.set_members([(m, n) for m, n in choices if m not in away])

    def _on_group_or_day(self, *, force: bool = False) -> None:
        if self.form._loading and not force:
            return
        from db.meeting_parts import group_roster
        group_id = self.form.rows["group_id"].value()
        day = (self.form.rows["starts_at"].value() or "")[:10]
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            day = None
        roster = group_roster(self.ctx.db, group_id, day) if group_id else []
        same_group = getattr(self, "_roster_group", group_id) == group_id
        self._roster_group = group_id
        self.attendance.set_roster(roster, keep_others=same_group)
        self._offer_speakers(self.form.values())

    def _check_guests(self, value) -> str | None:
        """A member of the group on the attendance sheet, added again as a guest, was printed under both 出席
        and 列席 and counted twice."""
        message = self.guests.check(value)
        if message:
            return message
        members = {line["name"] for line in self.attendance.value() if line.get("name")}
        for i, guest in enumerate(value or []):
            n = self.guests.number(i)
            if guest["guest_name"] in members:
                return self.tr("Guest %1, %2, is a member of the group on the attendance sheet above: mark them "
                               "there and remove the guest (a namesake: tell them apart in the name).") \
                    .replace("%1", str(n)).replace("%2", guest["guest_name"])
        return None

    def _on_agenda_items(self) -> None:
        titles = self.agenda.titles()
        self.consensus.forget_agenda_key({k for k, _ in titles})
        self.consensus.set_agenda(titles)

    def write(self, db, values: dict[str, Any]) -> str:
        from db.meeting_form import save_meeting
        return save_meeting(db, self.record_id, values, actor=self._actor)

    # -- saving before an action ----------------------------------------------------
    def _complete_end(self) -> None:
        """散会时间 typed as a time of day (11:30, 11：30 from the input method) is on the meeting's day: the
        field wanted the date as well, and the time alone was refused as 不是有效时间."""
        edit = self.form.rows["ends_at"].editor
        typed = re.fullmatch(r"\s*(\d{1,2})[:：](\d{2})\s*", edit.text())
        day = (self.form.rows["starts_at"].value() or "").strip()[:10]
        if typed and re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):
            edit.setText(f"{day} {int(typed[1]):02d}:{typed[2]}")

    def save(self, *, close: bool = True) -> bool:
        if self.viewing_only:       # read-only (final minutes, a state not recognised): Ctrl+S too writes nothing
            return False
        self._complete_end()
        self._actor = remembered_actor(self.ctx) or None
        ok = super().save(close=close)
        if not ok:
            self._after_save.clear()
            self._show_tab_of_problem()
        return ok

    def _show_tab_of_problem(self) -> None:
        for name, row in self.form.rows.items():
            if row.message:
                self.tabs.setCurrentIndex(PART_TABS.get(name, 0))
                return

    def _on_save_failed(self, exc: BaseException) -> None:
        super()._on_save_failed(exc)
        self._show_tab_of_problem()

    def after_reload(self) -> None:
        self.attachments.set_owner(self.record_id)
        self.minutes.set_meeting(self.record_id, self.meeting.state if self.meeting else None)
        self._apply_meeting()

    # -- state ----------------------------------------------------------------------
    def _apply_meeting(self) -> None:
        m = self.meeting
        state = m.state if m else "planned"
        text = self.tr("State: %1").replace("%1", labelled_state("meeting_state", state))
        if m and m.revision > 1:
            text += " · " + self.tr("revision %1").replace("%1", str(m.revision))
        self.state_label.setText(text if m else self.tr("New meeting (not saved yet)"))
        nexts = m.next_states if m and self.permitted else ()
        for target, b in self.move_buttons.items():
            b.setVisible(target in nexts)
        from desktop.dialogs.sign_in import head_only
        head_only(self.ctx, self.move_buttons["final"], self.tr("finalize the minutes"))
        self.move_buttons["held"].setText(self.tr("Back to held (minutes not drafted)") if m and m.state == "draft"
                                          else self.tr("Mark as held"))
        locked = bool(m and m.locked)          # final minutes, or a state this program does not know
        unknown = self.state_unrecognised
        self.amend_button.setVisible(m is not None and m.state == "final" and not m.superseded_by and self.permitted)
        self.banner.setVisible(locked)
        if unknown:         # changed outside the program: shown, never written over (its parts and files neither)
            self.banner.setText(self.tr("This meeting's state is not recognised (%1): the record was changed outside "
                                        "this program. It is shown read-only; restore a backup or ask for support.")
                                .replace("%1", m.state))
        elif locked:
            self.banner.setText(
                self.tr("These minutes were amended; a newer revision exists. This one stays as it was.")
                if m.superseded_by else
                self.tr("These minutes are final and locked. To correct them, use “Amend”: a new revision is "
                        "made and this one stays as it was.") if self.permitted else
                self.tr("These minutes are final and locked. Only the office that held the meeting can amend "
                        "them."))
        self.set_read_only(locked or not self.permitted)  # final minutes: read, parts browsed, not changed
        self.attachments.set_locked_kinds(("signed_minutes",) if locked and not unknown else None)
        self.attachments.set_read_only(unknown or not self.permitted)
        self.follow_ups.set_follow_ups(m.follow_ups if m else ())

    @property
    def state_unrecognised(self) -> bool:
        """The meeting's state is none this program knows (the record was changed outside it)."""
        return bool(self.meeting and self.meeting.state not in ENUM_LABELS["meeting_state"])

    @property
    def locked(self) -> bool:
        return bool(self.meeting and self.meeting.locked)

    def move_to(self, target: str) -> None:
        if target == "final":
            values = self.form.values()
            if not any(a.get("status") == "present" for a in values.get("attendance") or ()):
                # said before the question, not after "Finalize now?" was answered Yes
                self.select_tab(PART_TABS["attendance"])
                QMessageBox.warning(self, self.tr("Finalize the minutes"),
                                    self.tr("Record who attended before finalizing the minutes."))
                return
            missing = [a.get("name") or "" for a in values.get("attendance") or () if not a.get("status")]
            if missing:         # final minutes printed 应到3人 for a group of 8, the 5 not marked left out
                self.select_tab(PART_TABS["attendance"])
                names = self.tr(", ").join(missing[:5]) + ("…" if len(missing) > 5 else "")
                QMessageBox.warning(self, self.tr("Finalize the minutes"), self.tr(
                    "Mark every member present, on leave or absent before finalizing: %1 not marked yet (%2). "
                    "The minutes count as due only the members marked.").replace("%1", str(len(missing)))
                    .replace("%2", names))
                return
            if not confirm(self, self.tr("Finalize the minutes"),
                           self.tr("Once final, the minutes are locked: corrections make a new revision. "
                                   "Finalize now?"), self.tr("Finalize")):
                return
        if target == "cancelled" and not confirm(self, self.tr("Cancel the meeting"),
                                                 self.tr("Mark this meeting as cancelled?"),
                                                 self.tr("Cancel the meeting"), self.tr("Keep the meeting")):
            return
        self.ensure_saved(lambda mid: self._move(mid, target))

    def _move(self, meeting_id: str, target: str) -> None:
        from db.meetings import move_meeting
        from desktop.ops import CollectionOp
        actor = remembered_actor(self.ctx) or None
        CollectionOp(self.ctx, parent=self, op=lambda db: move_meeting(db, meeting_id, target, actor=actor)) \
            .success(lambda _e: self.reload()).run_in_background()

    def amend(self) -> None:
        from db.meetings import amend_meeting
        from desktop.ops import CollectionOp
        meeting_id, actor = self.record_id, remembered_actor(self.ctx) or None
        CollectionOp(self.ctx, parent=self, op=lambda db: amend_meeting(db, meeting_id, actor=actor)) \
            .success(self._open_revision).run_in_background()

    def _open_revision(self, new_id: str) -> None:
        editor = MeetingEditor(self.ctx, new_id, self.parentWidget())
        editor.open()
        self.amended_editor = editor
        self._may_close = True
        self.close()

    # -- follow-ups -----------------------------------------------------------------
    def make_follow_up(self, row: int) -> None:
        self.ensure_saved(lambda _mid: self._ask_follow_up(row))

    def _ask_follow_up(self, row: int) -> None:
        items = self.consensus.value()
        if not 0 <= row < len(items) or not items[row].get("id"):
            return
        item = items[row]
        from db.followups import follow_ups_from
        made = tuple(f.title for f in follow_ups_from(self.ctx.db, "consensus_item", [item["id"]]))
        dialog = FollowUpFromConsensusDialog(self.ctx, self, item["text"] or "", made)
        actor, consensus_id = remembered_actor(self.ctx) or None, item["id"]
        dialog.set_action(self.ctx, lambda db, values: self._create_follow_up(db, consensus_id, actor, values),
                          on_done=lambda _fid: self._refresh_follow_ups())
        self.follow_up_dialog = dialog
        dialog.open()

    @staticmethod
    def _create_follow_up(db, consensus_id: str, actor: str | None, values: dict) -> str:
        from db.meeting_parts import follow_up_from_consensus
        return follow_up_from_consensus(db, consensus_id, actor=actor, **values)

    def _refresh_follow_ups(self) -> None:
        from db.meetings import load_meeting
        self.meeting = load_meeting(self.ctx.db, self.record_id, today=self._today())
        self.follow_ups.set_follow_ups(self.meeting.follow_ups)

    def open_follow_up(self, follow_up_id: str) -> None:
        from desktop.dialogs.followup_editor import FollowUpEditor
        FollowUpEditor(self.ctx, follow_up_id, self).open()

    def select_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)

