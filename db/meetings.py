"""Meetings of a liaison group: plan, edit, move through their states, amend, load whole, list a page.

States: planned → held → draft (minutes drafted) → final (locked); planned/held/draft → cancelled,
cancelled → planned. A final meeting and all its parts refuse changes (RecordLocked); a correction
is a new revision (revises_id, revision + 1) with copies of every part. Each state move writes a
state_event. The parts (attendance, agenda, speeches, consensus, follow-ups from consensus) live in
db.meeting_parts and are re-exported here, so callers use one module.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import attachments as attachments_mod
from . import followups, search, timeline
from .accounts import require_head
from .connection import Database
from .errors import NotFound, RecordLocked, StateError, ValidationError
from .followups import FollowUp
from .meeting_parts import (  # noqa: F401  (re-exported: the meeting API in one place)
    MEMBER_STATUSES,
    STATUS_LABELS,
    AttendanceLine,
    Mark,
    add_agenda_item,
    add_consensus_item,
    add_guest,
    add_speech,
    attendance_sheet,
    default_follow_up_title,
    editable_meeting,
    follow_up_from_consensus,
    group_roster,
    record_attendance,
    remove_agenda_item,
    remove_attendance,
    remove_consensus_item,
    remove_speech,
    reorder_agenda_items,
    reorder_consensus_items,
    reorder_speeches,
    update_agenda_item,
    update_consensus_item,
    update_guest,
    update_speech,
)
from .own_parts import joined, own
from .revisions import latest_only
from .sortkey import group_order
from .timeline import StateEvent, coded_label
from .validate import not_after_today, only_fields
from .where import Where
from .write import writing

STATE_LABELS: dict[str, tuple[str, str]] = {
    "planned": ("计划", "Planned"),
    "held": ("已召开", "Held"),
    "draft": ("纪要草稿", "Minutes draft"),
    "final": ("纪要定稿", "Minutes final"),
    "cancelled": ("已取消", "Cancelled"),
}
HELD_STATES = ("held", "draft")        # recorded as having taken place (final is locked)
MOVES: dict[str, tuple[str, ...]] = {
    "planned": ("held", "cancelled"),
    "held": ("draft", "cancelled", "planned"),
    "draft": ("final", "held", "cancelled"),
    "final": (),
    "cancelled": ("planned",),
}
BASICS = ("group_id", "kind_id", "topic", "starts_at", "ends_at", "place", "chair", "recorder", "issue_no",
          "overview")
SORTS = {"starts_at": "m.starts_at", "topic": "m.topic", "group": group_order("m.group_id"), "kind": "r.sort",
         "state": "m.state", "place": "m.place"}
CHILD_TABLES = ("attendance", "agenda_item", "speech", "consensus_item")


@dataclass(frozen=True)
class Speech:
    id: str
    agenda_item_id: str | None
    member_id: str | None
    speaker: str | None             # the member's name, or the typed speaker name
    seq: int
    summary: str


@dataclass(frozen=True)
class AgendaItem:
    id: str
    seq: int
    title: str
    background: str | None
    decision: str | None
    speeches: tuple[Speech, ...] = ()


@dataclass(frozen=True)
class ConsensusItem:
    id: str
    agenda_item_id: str | None
    seq: int
    text: str


@dataclass(frozen=True)
class Meeting:
    id: str
    group_id: str
    group_name: str | None
    kind_id: str
    kind_code: str | None
    kind_name: str | None
    topic: str
    starts_at: str
    ends_at: str | None
    place: str | None
    chair: str | None
    recorder: str | None
    issue_no: str | None
    overview: str | None
    state: str
    revision: int
    revises_id: str | None
    finalized_at: str | None
    office_id: str | None
    superseded_by: str | None = None
    attendance: tuple[AttendanceLine, ...] = ()
    agenda: tuple[AgendaItem, ...] = ()
    other_speeches: tuple[Speech, ...] = ()      # speeches not under an agenda item
    consensus: tuple[ConsensusItem, ...] = ()
    follow_ups: tuple[FollowUp, ...] = ()         # made from this meeting's (or an earlier revision's) consensus
    attachments: tuple[attachments_mod.Attachment, ...] = ()
    timeline: tuple[StateEvent, ...] = ()

    @property
    def locked(self) -> bool:
        """Not to be changed: final minutes, or a state this program does not know (changed outside it), as
        editable_meeting refuses both."""
        return self.state == "final" or self.state not in STATE_LABELS

    @property
    def state_zh(self) -> str:
        return coded_label(STATE_LABELS, self.state)[0]

    @property
    def next_states(self) -> tuple[str, ...]:
        if self.revision > 1 and self.state == "draft":
            return ("final",)          # an amendment corrects final minutes: it is finalized, not undone
        return MOVES.get(self.state, ())

    def count(self, status: str) -> int:
        return sum(1 for a in self.attendance if a.status == status)

    @property
    def members_due(self) -> int:
        """应到: members of the group plus other members recorded."""
        return sum(1 for a in self.attendance if not a.is_guest)


@dataclass(frozen=True)
class MeetingRow:
    """A line of the meetings list."""
    id: str
    starts_at: str
    topic: str
    group_name: str | None
    kind_name: str | None
    place: str | None
    state: str
    revision: int
    present: int
    attendance_total: int


@dataclass(frozen=True)
class MeetingFilter:
    group_id: str | None = None
    kind_id: str | None = None
    states: tuple[str, ...] = ()
    date_from: str | None = None          # inclusive dates, YYYY-MM-DD
    date_to: str | None = None
    text: str = ""
    include_superseded: bool = False


# -- writing ----------------------------------------------------------------------------

def _check_times(starts_at: str | None, ends_at: str | None) -> None:
    if starts_at and ends_at and ends_at.replace(" ", "T") < starts_at.replace(" ", "T"):
        raise ValidationError("散会时间不能早于开始时间", "the meeting cannot end before it starts",
                              code="ends_before_start", field="ends_at")


def _check_start_year(starts_at: str | None) -> None:
    """A start typed with a wrong year (2096 for 2026, 1926) is refused: such a meeting was saved without a word
    and stood at the top of the list for ever, planned. Two years ahead is room enough for any plan."""
    try:
        day = dt.date.fromisoformat((starts_at or "")[:10])
    except ValueError:
        return                                   # not a date: the write path's own check says so
    from .today import today
    now = today()
    if day > now.replace(year=now.year + 2, day=min(now.day, 28)):
        raise ValidationError(f"开始时间 {day.isoformat()} 在两年以后，请检查年份",
                              f"the start {day.isoformat()} is more than two years ahead: check the year",
                              code="start_far_ahead", field="starts_at")
    if day.year < 2000:
        raise ValidationError(f"开始时间 {day.isoformat()} 早于 2000 年，请检查年份",
                              f"the start {day.isoformat()} is before 2000: check the year",
                              code="start_too_early", field="starts_at")


def plan_meeting(db: Database, *, group_id: str, kind_id: str, topic: str, starts_at: str,
                 ends_at: str | None = None, place: str | None = None, chair: str | None = None,
                 recorder: str | None = None, issue_no: str | None = None, overview: str | None = None,
                 actor: str | None = None) -> str:
    """Plan a meeting of a group (state `planned`); returns its id. It belongs to the group's office."""
    _check_times(starts_at, ends_at)
    _check_start_year(starts_at)
    group = db.execute("SELECT office_id FROM liaison_group WHERE id = ? AND deleted = 0", [group_id]).fetchone()
    values = {"group_id": group_id, "kind_id": kind_id, "topic": topic, "starts_at": starts_at,
              "ends_at": ends_at, "place": place, "chair": chair, "recorder": recorder, "issue_no": issue_no,
              "overview": overview, "state": "planned", "revision": 1}
    with writing(db) as w:
        mid = w.insert("meeting", values, office_id=group[0] if group else None)
        timeline.record(w, "meeting", mid, None, "planned", actor=actor, office_id=group[0] if group else None)
    return mid


def update_meeting(db: Database, meeting_id: str, **changes) -> list[str]:
    """Change the basics (topic, time, place, chair …). Refused on final minutes."""
    only_fields(changes, BASICS)
    with writing(db) as w:
        row = editable_meeting(w, meeting_id)
        _check_times(changes.get("starts_at", row["starts_at"]), changes.get("ends_at", row["ends_at"]))
        if changes.get("starts_at") and changes["starts_at"][:10] != (row["starts_at"] or "")[:10]:
            _check_start_year(changes["starts_at"])
            if row["state"] in HELD_STATES:       # recorded as held: it took place, on a day that has come
                not_after_today("meeting", "starts_at", changes["starts_at"], why_zh="：会议已记为召开",
                                why_en=", and the meeting is recorded as held")
        return w.update("meeting", meeting_id, changes)


def move_meeting(db: Database, meeting_id: str, to_state: str, *, actor: str | None = None,
                 note: str | None = None, at: str | None = None) -> StateEvent:
    """Move a meeting to another state. Finalizing needs the attendance recorded and locks the minutes."""
    at = timeline.check_at(db, at, "meeting", meeting_id)
    if to_state == "final":
        require_head(db, "定稿会议纪要", "finalize minutes")      # db.accounts: the head's, with accounts on
    with writing(db) as w:
        row = w.live("meeting", meeting_id)
        if row["state"] == "final":
            raise RecordLocked("会议纪要已定稿，不能再改变状态；如需更正请“修订”", "the minutes are final")
        timeline.check_move(MOVES, STATE_LABELS, row["state"], to_state)
        day = (row["starts_at"] or "")[:10]
        if to_state == "held" and day > at[:10]:       # found walking: a meeting of tomorrow was marked held
            raise StateError(f"这次会议定于 {day} 召开，还没有到日期，不能标记为已召开（如日期有变，请先修改会议时间）",
                             f"the meeting is set for {day}, which has not come yet: it cannot be marked as held "
                             f"(if the date changed, correct the meeting's time first)", code="not_yet_held")
        if row["revision"] > 1 and to_state != "final":
            raise StateError("修订稿只能定稿（它更正的是已定稿的纪要，不能退回或取消）",
                             "an amendment can only be finalized", code="bad_move")
        changes: dict = {"state": to_state}
        if to_state == "final":
            present = db.execute("SELECT count(*) FROM attendance WHERE meeting_id = ? AND deleted = 0 "
                                 f"AND status = 'present' AND {own()}", [meeting_id]).fetchone()[0]
            if not present:
                raise StateError("定稿前请先记录出席情况", "record the attendance before finalizing",
                                 code="needs_attendance")
            absent = db.execute(        # the minutes would list a member both absent and speaking
                "SELECT DISTINCT m.name FROM speech s JOIN attendance a ON a.meeting_id = s.meeting_id "
                "AND a.member_id = s.member_id AND a.deleted = 0 AND a.status = 'absent' AND a.office_id = s.office_id "
                f"JOIN member m ON m.id = s.member_id WHERE s.meeting_id = ? AND s.deleted = 0 AND {own('s')} "
                "ORDER BY m.name",
                [meeting_id]).fetchall()
            if absent:
                names = "、".join(n for (n,) in absent)
                raise StateError(f"{names}记为缺席，却有发言摘要：请改正出席情况或发言人后再定稿",
                                 f"{len(absent)} member(s) marked absent have a speech: correct the attendance "
                                 "or the speaker before finalizing", code="absent_speaker")
            changes["finalized_at"] = at
        w.update("meeting", meeting_id, changes)
        eid = timeline.record(w, "meeting", meeting_id, row["state"], to_state, actor=actor, note=note, at=at,
                              office_id=row["office_id"])
    return next(e for e in timeline.timeline(db, "meeting", meeting_id) if e.id == eid)


def finalize_minutes(db: Database, meeting_id: str, *, actor: str | None = None, note: str | None = None) -> StateEvent:
    return move_meeting(db, meeting_id, "final", actor=actor, note=note)


def _superseded_by(db: Database, meeting_id: str) -> str | None:
    row = db.execute("SELECT id FROM meeting WHERE revises_id = ? AND deleted = 0", [meeting_id]).fetchone()
    return row[0] if row else None


def amend_meeting(db: Database, meeting_id: str, *, actor: str | None = None, note: str | None = None) -> str:
    """Correct final minutes: a new revision (state draft) with copies of every part; returns its id.
    The final revision stays as it was, for the record and for reprinting."""
    with writing(db) as w:
        row = w.current("meeting", meeting_id)
        if row["deleted"] or row["state"] != "final":
            raise StateError("只有已定稿的会议纪要才能修订", "only final minutes can be amended", code="not_final")
        newer = _superseded_by(db, meeting_id)
        if newer:
            raise StateError("这份纪要已有修订版本，请在最新版本上修订", "this revision was already amended",
                             code="already_amended")
        office = row["office_id"]
        values = {k: row[k] for k in BASICS}
        new_id = w.insert("meeting", {**values, "state": "draft", "revision": row["revision"] + 1,
                                      "revises_id": meeting_id}, office_id=office)
        item_map: dict[str, str] = {}
        for item in _live(db, "agenda_item", meeting_id):
            item_map[item["id"]] = w.insert("agenda_item", _copy(item, ("seq", "title", "background", "decision"),
                                                                 new_id), office_id=office)
        for tbl, cols in (("attendance", ("member_id", "guest_name", "guest_unit", "guest_kind_id", "status",
                                          "reason", "sort")),
                          ("speech", ("agenda_item_id", "member_id", "speaker_name", "seq", "summary")),
                          ("consensus_item", ("agenda_item_id", "seq", "text"))):
            for child in _live(db, tbl, meeting_id):
                values = _copy(child, cols, new_id)
                if values.get("agenda_item_id"):
                    values["agenda_item_id"] = item_map[values["agenda_item_id"]]
                w.insert(tbl, values, office_id=office)
        for att in _live(db, "attachment", meeting_id, key="owner_id"):
            if att["kind"] == "signed_minutes":     # the signed scan is of that revision: the new one is signed anew
                continue
            w.insert("attachment", {k: att[k] for k in ("owner_table", "name", "sha256", "size", "kind")}
                     | {"owner_id": new_id}, office_id=office)
        timeline.record(w, "meeting", new_id, None, "draft", actor=actor, office_id=office,
                        note=note or f"修订第 {row['revision']} 版纪要，生成第 {row['revision'] + 1} 版")
    return new_id


def _live(db: Database, table: str, meeting_id: str, *, key: str = "meeting_id") -> list[dict]:
    mine = own(owner="meeting", fk=key)             # only the parts of the meeting's own office (R4c)
    cur = db.execute(f"SELECT * FROM {table} WHERE {key} = ? AND deleted = 0 AND {mine} ORDER BY rowid", [meeting_id])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]


def _copy(row: dict, cols: tuple[str, ...], meeting_id: str) -> dict:
    return {"meeting_id": meeting_id, **{c: row[c] for c in cols}}


def delete_meeting(db: Database, meeting_id: str) -> None:
    """Delete a meeting entered by mistake, with its parts. Final minutes and meetings whose consensus
    is being followed up are kept."""
    with writing(db) as w:
        editable_meeting(w, meeting_id)   # a draft revision may go: the final one it corrects remains
        ids = [r[0] for r in db.execute(f"SELECT id FROM consensus_item WHERE meeting_id = ? AND deleted = 0 "
                                        f"AND {own()}", [meeting_id])]
        if followups.follow_ups_from(db, "consensus_item", ids):
            raise StateError("这次会议的共识已生成督办事项，不能删除", "follow-ups were made from this meeting",
                             code="has_follow_up")
        for tbl in CHILD_TABLES:
            for (cid,) in db.execute(f"SELECT id FROM {tbl} WHERE meeting_id = ? AND deleted = 0 AND {own()}",
                                     [meeting_id]).fetchall():
                w.delete(tbl, cid)
        for (aid,) in db.execute("SELECT id FROM attachment WHERE owner_id = ? AND owner_table = 'meeting' "
                                 f"AND deleted = 0 AND {own(owner='meeting', fk='owner_id')}", [meeting_id]).fetchall():
            w.delete("attachment", aid)
        w.delete("meeting", meeting_id)


# -- reading ----------------------------------------------------------------------------

_M_COLS = ("m.id, m.group_id, g.name, m.kind_id, r.code, r.name, m.topic, m.starts_at, m.ends_at, m.place, "
           "m.chair, m.recorder, m.issue_no, m.overview, m.state, m.revision, m.revises_id, m.finalized_at, "
           "m.office_id")


def _revision_chain(db: Database, meeting_id: str) -> list[str]:
    chain, current = [], meeting_id
    while current and current not in chain:
        chain.append(current)
        row = db.execute("SELECT revises_id FROM meeting WHERE id = ?", [current]).fetchone()
        current = row[0] if row else None
    return chain


def load_meeting(db: Database, meeting_id: str, *, today: dt.date | None = None) -> Meeting:
    """The whole meeting record with its parts, follow-ups, attachments and timeline."""
    r = db.execute(f"SELECT {_M_COLS} FROM meeting m LEFT JOIN liaison_group g ON g.id = m.group_id "
                   f"LEFT JOIN reference_item r ON r.id = m.kind_id WHERE m.id = ? AND m.deleted = 0",
                   [meeting_id]).fetchone()
    if r is None:
        raise NotFound("找不到这次会议", f"meeting not found: {meeting_id}")
    office = r[-1]                          # only the parts of the meeting's own office (db.own_parts)
    speeches = [Speech(*s) for s in db.execute(
        "SELECT s.id, s.agenda_item_id, s.member_id, coalesce(mb.name, s.speaker_name), s.seq, s.summary "
        "FROM speech s LEFT JOIN member mb ON mb.id = s.member_id WHERE s.meeting_id = ? AND s.deleted = 0 "
        "AND s.office_id = ? ORDER BY s.seq, s.id", [meeting_id, office])]
    agenda = tuple(AgendaItem(*a, speeches=tuple(s for s in speeches if s.agenda_item_id == a[0]))
                   for a in db.execute("SELECT id, seq, title, background, decision FROM agenda_item "
                                       "WHERE meeting_id = ? AND deleted = 0 AND office_id = ? ORDER BY seq, id",
                                       [meeting_id, office]))
    item_ids = {a.id for a in agenda}
    consensus = tuple(ConsensusItem(*c) for c in db.execute(
        "SELECT id, agenda_item_id, seq, text FROM consensus_item WHERE meeting_id = ? AND deleted = 0 "
        "AND office_id = ? ORDER BY seq, id", [meeting_id, office]))
    chain = _revision_chain(db, meeting_id)
    marks = ", ".join("?" * len(chain))
    source_ids = [c[0] for c in db.execute(
        f"SELECT id FROM consensus_item WHERE meeting_id IN ({marks}) AND deleted = 0 AND office_id = ?",
        [*chain, office])]
    return Meeting(
        *r, superseded_by=_superseded_by(db, meeting_id),
        attendance=tuple(attendance_sheet(db, meeting_id)), agenda=agenda,
        other_speeches=tuple(s for s in speeches if s.agenda_item_id not in item_ids),
        consensus=consensus,
        follow_ups=tuple(followups.follow_ups_from(db, "consensus_item", source_ids, today=today)),
        attachments=tuple(attachments_mod.list_attachments(db, "meeting", meeting_id)),
        timeline=tuple(_chain_timeline(db, chain)))


def _chain_timeline(db: Database, chain: list[str]) -> list:
    """One meeting, one timeline: the steps of every revision up to this one, oldest first (an amendment
    shows as the step that made the new revision)."""
    events = [e for mid in reversed(chain) for e in timeline.timeline(db, "meeting", mid)]
    return sorted(events, key=lambda e: e.at or "")


_SEARCH_OWNED = (("agenda_item", "meeting_id"), ("speech", "meeting_id"), ("consensus_item", "meeting_id"))


def _where(flt: MeetingFilter) -> tuple[str, list]:
    w = Where("m.deleted = 0").equal("m.group_id", flt.group_id).equal("m.kind_id", flt.kind_id)
    w.one_of("m.state", flt.states).since("m.starts_at", flt.date_from).until("m.starts_at", flt.date_to)
    if not flt.include_superseded:
        w.add(latest_only("m"))
    expr = search.match_expression(flt.text) if flt.text else None
    if flt.text and expr is None:
        w.add("0")
    elif expr:
        # the topic and overview, or any agenda item, speech or consensus item of the meeting
        sub, sub_params = search.owner_subselect("meeting", _SEARCH_OWNED, expr)
        w.add(f"m.id IN ({sub})", sub_params)
    return w.build()


def list_meetings(db: Database, flt: MeetingFilter = MeetingFilter(), *, sort: str = "starts_at",
                  descending: bool = True, limit: int = 100, offset: int = 0) -> list[MeetingRow]:
    """A page of the meetings list (latest revisions only, unless asked)."""
    where, params = _where(flt)
    col = SORTS.get(sort)
    if col is None:
        raise ValueError(f"unknown sort {sort!r}")
    direction = "DESC" if descending else "ASC"
    rows = db.execute(
        f"SELECT m.id, m.starts_at, m.topic, g.name, r.name, m.place, m.state, m.revision, "
        f"(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted = 0 AND a.status = 'present' "
        f"AND {joined('a')}), "
        f"(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted = 0 AND a.member_id IS NOT NULL "
        f"AND {joined('a')}) "
        f"FROM meeting m LEFT JOIN liaison_group g ON g.id = m.group_id "
        f"LEFT JOIN reference_item r ON r.id = m.kind_id WHERE {where} "
        f"ORDER BY {col} {direction}, m.rowid {direction} LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [MeetingRow(*row) for row in rows]


def count_meetings(db: Database, flt: MeetingFilter = MeetingFilter()) -> int:
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM meeting m WHERE {where}", params).fetchone()[0]


def count_by_state(db: Database, flt: MeetingFilter = MeetingFilter()) -> dict[str, int]:
    where, params = _where(MeetingFilter(**{**flt.__dict__, "states": ()}))
    out = dict.fromkeys(STATE_LABELS, 0)
    for state, n in db.execute(f"SELECT m.state, count(*) FROM meeting m WHERE {where} GROUP BY m.state", params):
        out[state] = n
    return out
