"""The parts of a meeting record: attendance (members and guests), agenda items, speeches, consensus
items, and the follow-up made from a consensus item in one step.

Every change checks that the meeting is not finalized (RecordLocked): finalized minutes change
only through a new revision (db.meetings.amend_meeting). Children carry their meeting's office.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from . import followups, model
from . import today as office_clock
from .connection import Database
from .errors import NotFound, RecordLocked, StateError, ValidationError
from .own_parts import own
from .validate import only_fields
from .write import Writer, writing

MEMBER_STATUSES = ("present", "leave", "absent")
STATUS_LABELS = {"present": ("出席", "Present"), "leave": ("请假", "On leave"), "absent": ("缺席", "Absent"),
                 "attending": ("列席", "Attending guest")}


@dataclass(frozen=True)
class Mark:
    """One member's attendance as ticked in the sheet."""
    member_id: str
    status: str
    reason: str | None = None


@dataclass(frozen=True)
class AttendanceLine:
    """A line of the attendance sheet: a group member (recorded or not yet) or a recorded guest."""
    attendance_id: str | None
    member_id: str | None
    name: str
    role: str | None              # convener / deputy / member, for members of the group
    status: str | None            # None: not recorded yet
    reason: str | None
    guest_unit: str | None = None
    guest_kind_id: str | None = None
    guest_kind_name: str | None = None

    @property
    def is_guest(self) -> bool:
        return self.member_id is None


def editable_meeting(w: Writer, meeting_id: str) -> dict:
    """The meeting row, refusing a deleted or finalized one."""
    row = w.live("meeting", meeting_id)
    if row["state"] == "final":
        raise RecordLocked("会议纪要已定稿，不能修改；如需更正请“修订”生成新版本",
                           "the minutes are final and locked; amend them to make a new revision")
    if row["state"] not in model.MEETING_STATES:   # changed outside the program: not written over (the editor
        raise RecordLocked(                        # opens it read-only; the command line and any other path too)
            f"该会议的状态无法识别（{row['state']}）：记录已在本程序之外被改动，不能修改；请恢复备份或联系技术支持",
            f"the meeting's state is not recognised ({row['state']}): the record was changed outside this program "
            "and cannot be changed; restore a backup or ask for support")
    return row


def _child(w: Writer, table: str, row_id: str) -> tuple[dict, dict]:
    row = w.live(table, row_id)
    return row, editable_meeting(w, row["meeting_id"])


def _next_seq(w: Writer, table: str, where: str, params: list) -> int:
    return w.db.execute(f"SELECT coalesce(max(seq), 0) + 1 FROM {table} WHERE deleted = 0 AND {where}",
                        params).fetchone()[0]


def _reorder(w: Writer, table: str, live: list[tuple[str, int]], ordered_ids: list[str]) -> None:
    if sorted(ordered_ids) != sorted(i for i, _ in live):
        raise StateError("排序列表与现有条目不一致，请刷新后重试", "the new order does not list the current items",
                         code="stale_order")
    current = dict(live)
    for seq, row_id in enumerate(ordered_ids, start=1):
        if current[row_id] != seq:
            w.update(table, row_id, {"seq": seq})


# -- attendance -------------------------------------------------------------------------

def group_roster(db: Database, group_id: str, day: str | None) -> list[tuple[str, str, str]]:
    """(member_id, name, role) of the group's members on `day` (all current ones when None),
    convener first, then deputies, then members by name."""
    day = (day or "")[:10] or None
    rows = db.execute(
        "SELECT p.member_id, mb.name, p.role FROM membership p JOIN member mb ON mb.id = p.member_id "
        "WHERE p.group_id = ?1 AND p.deleted = 0 AND mb.deleted = 0 "
        "AND (p.joined_on IS NULL OR ?2 IS NULL OR p.joined_on <= ?2) "
        "AND (p.left_on IS NULL OR p.left_on >= coalesce(?2, ?3)) "
        "ORDER BY CASE p.role WHEN 'convener' THEN 0 WHEN 'deputy' THEN 1 ELSE 2 END, zh_name_key(mb.name)",
        [group_id, day, office_clock.today().isoformat()]).fetchall()
    out, seen = [], set()
    for member_id, name, role in rows:
        if member_id not in seen:
            seen.add(member_id)
            out.append((member_id, name, role))
    return out


def attendance_sheet(db: Database, meeting_id: str) -> list[AttendanceLine]:
    """The group's members on the meeting's day (convener first), with what was recorded, then
    other recorded members, then guests. Unrecorded members have status None."""
    m = db.execute("SELECT group_id, substr(starts_at, 1, 10) FROM meeting WHERE id = ?", [meeting_id]).fetchone()
    if m is None:
        raise NotFound("找不到这次会议", f"meeting not found: {meeting_id}")
    group_id, day = m
    recorded = {r[1]: r for r in db.execute(
        "SELECT id, member_id, status, reason FROM attendance WHERE meeting_id = ? AND deleted = 0 "
        f"AND member_id IS NOT NULL AND {own()}", [meeting_id])}
    lines, seen = [], set()
    for member_id, name, role in group_roster(db, group_id, day):
        seen.add(member_id)
        rec = recorded.get(member_id)
        lines.append(AttendanceLine(rec[0] if rec else None, member_id, name, role,
                                    rec[2] if rec else None, rec[3] if rec else None))
    for att_id, member_id, name, status, reason in db.execute(
            "SELECT a.id, a.member_id, mb.name, a.status, a.reason FROM attendance a "
            f"JOIN member mb ON mb.id = a.member_id WHERE a.meeting_id = ? AND a.deleted = 0 AND {own('a')} "
            "ORDER BY a.sort, a.id",
            [meeting_id]):
        if member_id not in seen:
            seen.add(member_id)
            lines.append(AttendanceLine(att_id, member_id, name, None, status, reason))
    for att_id, name, unit, kind_id, kind_name in db.execute(
            "SELECT a.id, a.guest_name, a.guest_unit, a.guest_kind_id, r.name FROM attendance a "
            "LEFT JOIN reference_item r ON r.id = a.guest_kind_id WHERE a.meeting_id = ? AND a.deleted = 0 "
            f"AND a.member_id IS NULL AND {own('a')} ORDER BY a.sort, a.id", [meeting_id]):
        lines.append(AttendanceLine(att_id, None, name, None, "attending", None, unit, kind_id, kind_name))
    return lines


def record_attendance(db: Database, meeting_id: str, marks: Iterable[Mark]) -> int:
    """Record members as present / on leave (with a reason) / absent; returns rows written."""
    marks = list(marks)
    written = 0
    with writing(db) as w:
        meeting = editable_meeting(w, meeting_id)
        existing = {r[1]: r for r in db.execute(
            "SELECT id, member_id, status, reason FROM attendance WHERE meeting_id = ? AND deleted = 0 "
            f"AND member_id IS NOT NULL AND {own()}", [meeting_id])}
        sort = _next_seq_sort(w, meeting_id)
        for mark in marks:
            if mark.status not in MEMBER_STATUSES:
                raise ValidationError("委员的出席情况只能是出席、请假或缺席", f"bad member status {mark.status!r}",
                                      code="bad_choice", field="status")
            reason = (mark.reason or "").strip() or None
            if mark.status == "leave" and not reason:
                name = db.execute("SELECT name FROM member WHERE id = ?", [mark.member_id]).fetchone()
                who = name[0] if name else ""
                raise ValidationError(f"请填写{who}的请假事由", "a reason is needed for leave", code="required",
                                      field="reason")
            if mark.status != "leave":
                reason = None
            rec = existing.get(mark.member_id)
            if rec:
                written += bool(w.update("attendance", rec[0], {"status": mark.status, "reason": reason}))
            else:
                att_id = w.insert("attendance", {"meeting_id": meeting_id, "member_id": mark.member_id,
                                                 "status": mark.status, "reason": reason, "sort": sort},
                                  office_id=meeting["office_id"])
                existing[mark.member_id] = (att_id, mark.member_id, mark.status, reason)
                sort += 1
                written += 1
    return written


def _next_seq_sort(w: Writer, meeting_id: str) -> int:
    return w.db.execute("SELECT coalesce(max(sort), 0) + 1 FROM attendance WHERE meeting_id = ? AND deleted = 0",
                        [meeting_id]).fetchone()[0]


def _check_guest(values: dict) -> None:
    if "guest_name" in values and not (values["guest_name"] or "").strip():
        raise ValidationError("请填写列席人员姓名", "the guest's name is required", code="required", field="guest_name")


def add_guest(db: Database, meeting_id: str, name: str, *, unit: str | None = None,
              kind_id: str | None = None) -> str:
    """A guest attending (列席): residents, department staff, experts — with their unit."""
    values = {"guest_name": name, "guest_unit": unit, "guest_kind_id": kind_id}
    _check_guest(values)
    with writing(db) as w:
        meeting = editable_meeting(w, meeting_id)
        return w.insert("attendance", {"meeting_id": meeting_id, "status": "attending",
                                       "sort": _next_seq_sort(w, meeting_id), **values},
                        office_id=meeting["office_id"])


def update_guest(db: Database, attendance_id: str, *, name: str | None = None, unit: str | None = None,
                 kind_id: str | None = None) -> list[str]:
    changes = {k: v for k, v in (("guest_name", name), ("guest_unit", unit), ("guest_kind_id", kind_id))
               if v is not None}
    _check_guest(changes)
    with writing(db) as w:
        row, _ = _child(w, "attendance", attendance_id)
        if row["member_id"]:
            raise StateError("这是委员的出席记录，不是列席人员", "not a guest line", code="not_guest")
        return w.update("attendance", attendance_id, changes)


def remove_attendance(db: Database, attendance_id: str) -> None:
    """Remove a guest, or a member's recorded status (the member goes back to 'not recorded')."""
    with writing(db) as w:
        _child(w, "attendance", attendance_id)
        w.delete("attendance", attendance_id)


# -- agenda items -----------------------------------------------------------------------

def add_agenda_item(db: Database, meeting_id: str, title: str, *, background: str | None = None,
                    decision: str | None = None) -> str:
    with writing(db) as w:
        meeting = editable_meeting(w, meeting_id)
        seq = _next_seq(w, "agenda_item", "meeting_id = ?", [meeting_id])
        return w.insert("agenda_item", {"meeting_id": meeting_id, "seq": seq, "title": title,
                                        "background": background, "decision": decision},
                        office_id=meeting["office_id"])


def update_agenda_item(db: Database, item_id: str, **changes) -> list[str]:
    _only(changes, ("title", "background", "decision"))
    with writing(db) as w:
        _child(w, "agenda_item", item_id)
        return w.update("agenda_item", item_id, changes)


def reorder_agenda_items(db: Database, meeting_id: str, ordered_ids: list[str]) -> None:
    with writing(db) as w:
        editable_meeting(w, meeting_id)
        live = db.execute(f"SELECT id, seq FROM agenda_item WHERE meeting_id = ? AND deleted = 0 AND {own()}",
                          [meeting_id]).fetchall()
        _reorder(w, "agenda_item", live, ordered_ids)


def remove_agenda_item(db: Database, item_id: str) -> None:
    """Remove an agenda item with its speeches; its consensus items stay, under no agenda item."""
    with writing(db) as w:
        row, _ = _child(w, "agenda_item", item_id)
        for (sid,) in db.execute("SELECT id FROM speech WHERE agenda_item_id = ? AND deleted = 0 "
                                 "AND office_id = ?", [item_id, row["office_id"]]).fetchall():
            w.delete("speech", sid)
        for (cid,) in db.execute("SELECT id FROM consensus_item WHERE agenda_item_id = ? AND deleted = 0 "
                                 "AND office_id = ?", [item_id, row["office_id"]]).fetchall():
            w.update("consensus_item", cid, {"agenda_item_id": None})
        w.delete("agenda_item", item_id)


def _only(changes: dict, allowed: tuple[str, ...]) -> None:
    only_fields(changes, allowed)


def _check_item_of(w: Writer, agenda_item_id: str | None, meeting_id: str) -> None:
    if agenda_item_id is None:
        return
    row = db_row(w, "SELECT meeting_id, deleted FROM agenda_item WHERE id = ?", [agenda_item_id])
    if row is None or row[1] or row[0] != meeting_id:
        raise ValidationError("所选议题不属于这次会议", "the agenda item is not part of this meeting",
                              code="bad_reference", field="agenda_item_id")


def db_row(w: Writer, sql: str, params: list):
    return w.db.execute(sql, params).fetchone()


# -- speeches ---------------------------------------------------------------------------

def _check_speaker(member_id: str | None, speaker_name: str | None) -> None:
    if not member_id and not (speaker_name or "").strip():
        raise ValidationError("请选择发言委员或填写发言人", "choose the member or type the speaker's name",
                              code="required", field="speaker_name")


def add_speech(db: Database, meeting_id: str, summary: str, *, agenda_item_id: str | None = None,
               member_id: str | None = None, speaker_name: str | None = None) -> str:
    """A speech summary (发言摘要) by a member, or by a guest named in `speaker_name`."""
    _check_speaker(member_id, speaker_name)
    with writing(db) as w:
        meeting = editable_meeting(w, meeting_id)
        _check_item_of(w, agenda_item_id, meeting_id)
        if agenda_item_id:
            seq = _next_seq(w, "speech", "agenda_item_id = ?", [agenda_item_id])
        else:
            seq = _next_seq(w, "speech", "meeting_id = ? AND agenda_item_id IS NULL", [meeting_id])
        return w.insert("speech", {"meeting_id": meeting_id, "agenda_item_id": agenda_item_id,
                                   "member_id": member_id, "speaker_name": speaker_name, "seq": seq,
                                   "summary": summary}, office_id=meeting["office_id"])


def update_speech(db: Database, speech_id: str, **changes) -> list[str]:
    _only(changes, ("summary", "member_id", "speaker_name", "agenda_item_id"))
    with writing(db) as w:
        row, meeting = _child(w, "speech", speech_id)
        merged = {**row, **changes}
        _check_speaker(merged["member_id"], merged["speaker_name"])
        if "agenda_item_id" in changes:
            _check_item_of(w, changes["agenda_item_id"], meeting["id"])
        return w.update("speech", speech_id, changes)


# The speeches on no agenda item: none named, or one that is gone (deleted on one computer while a
# speech was added to it on another; the merge keeps both). db.meetings.load_meeting shows the same.
OTHER_SPEECHES = (f"meeting_id = ? AND deleted = 0 AND {own()} AND (agenda_item_id IS NULL OR agenda_item_id NOT IN "
                  "(SELECT id FROM agenda_item WHERE meeting_id = ? AND deleted = 0))")


def speeches_of(db: Database, meeting_id: str, agenda_item_id: str | None, columns: str = "id") -> list[tuple]:
    """The live speeches of an agenda item, or (None) those on no live item."""
    if agenda_item_id is None:
        return db.execute(f"SELECT {columns} FROM speech WHERE {OTHER_SPEECHES}", [meeting_id, meeting_id]).fetchall()
    return db.execute(f"SELECT {columns} FROM speech WHERE meeting_id = ? AND agenda_item_id = ? AND deleted = 0 "
                      f"AND {own()}",
                      [meeting_id, agenda_item_id]).fetchall()


def reorder_speeches(db: Database, meeting_id: str, agenda_item_id: str | None, ordered_ids: list[str]) -> None:
    with writing(db) as w:
        editable_meeting(w, meeting_id)
        _reorder(w, "speech", speeches_of(db, meeting_id, agenda_item_id, "id, seq"), ordered_ids)


def remove_speech(db: Database, speech_id: str) -> None:
    with writing(db) as w:
        _child(w, "speech", speech_id)
        w.delete("speech", speech_id)


# -- consensus items and their follow-ups -----------------------------------------------

def add_consensus_item(db: Database, meeting_id: str, text: str, *, agenda_item_id: str | None = None) -> str:
    with writing(db) as w:
        meeting = editable_meeting(w, meeting_id)
        _check_item_of(w, agenda_item_id, meeting_id)
        seq = _next_seq(w, "consensus_item", "meeting_id = ?", [meeting_id])
        return w.insert("consensus_item", {"meeting_id": meeting_id, "agenda_item_id": agenda_item_id,
                                           "seq": seq, "text": text}, office_id=meeting["office_id"])


def update_consensus_item(db: Database, item_id: str, **changes) -> list[str]:
    _only(changes, ("text", "agenda_item_id"))
    with writing(db) as w:
        _, meeting = _child(w, "consensus_item", item_id)
        if "agenda_item_id" in changes:
            _check_item_of(w, changes["agenda_item_id"], meeting["id"])
        return w.update("consensus_item", item_id, changes)


def reorder_consensus_items(db: Database, meeting_id: str, ordered_ids: list[str]) -> None:
    with writing(db) as w:
        editable_meeting(w, meeting_id)
        live = db.execute(f"SELECT id, seq FROM consensus_item WHERE meeting_id = ? AND deleted = 0 AND {own()}",
                          [meeting_id]).fetchall()
        _reorder(w, "consensus_item", live, ordered_ids)


def remove_consensus_item(db: Database, item_id: str) -> None:
    """Remove a consensus item; refused while a follow-up made from it exists."""
    with writing(db) as w:
        _child(w, "consensus_item", item_id)
        if db.execute("SELECT 1 FROM follow_up WHERE source_id = ? AND source_table = 'consensus_item' "
                      "AND deleted = 0", [item_id]).fetchone():
            raise StateError("这条共识已生成督办事项，不能删除", "a follow-up was made from this consensus item",
                             code="has_follow_up")
        w.delete("consensus_item", item_id)


_SENTENCE_END = re.compile(r"[。！？；!?;]")
_CLAUSE_END = "，、,"


def default_follow_up_title(text: str, limit: int = 60) -> str:
    """A title from a consensus item's or a visit's text: its first sentence, without the stop that ends it
    (a title has none: “…消防通道被占用。” read as a sentence), cut after a comma within `limit` characters when it
    is longer, else at `limit` with "…"."""
    first = (text or "").strip().splitlines()[0].strip() if (text or "").strip() else ""
    first = _SENTENCE_END.split(first, maxsplit=1)[0].strip()
    if len(first) <= limit:
        return first
    cut = max(first.rfind(c, 0, limit) for c in _CLAUSE_END)
    if cut >= limit // 2:             # a whole clause, not a word cut in two
        return first[:cut]
    return first[:limit - 1] + "…"


def follow_up_from_consensus(db: Database, consensus_item_id: str, *, lead_unit: str | None = None,
                             due_date: str | None = None, category_id: str | None = None,
                             title: str | None = None, description: str | None = None,
                             co_units: str | None = None, actor: str | None = None,
                             note: str | None = None) -> str:
    """Make a follow-up from a consensus item in one step (one transaction, with its first timeline
    event). Allowed on finalized minutes too: supervising the consensus is what comes after."""
    with writing(db) as w:
        row = w.current("consensus_item", consensus_item_id)
        if row["deleted"]:
            raise NotFound("这条共识已被删除", f"consensus item was deleted: {consensus_item_id}")
        meeting = w.current("meeting", row["meeting_id"])
        if meeting["deleted"]:
            raise NotFound("这次会议已被删除", "meeting was deleted")
        return followups.create_follow_up(
            db, title=title or default_follow_up_title(row["text"]), description=description or row["text"],
            lead_unit=lead_unit, due_date=due_date, category_id=category_id, co_units=co_units,
            group_id=meeting["group_id"], source_table="consensus_item", source_id=consensus_item_id,
            actor=actor, note=note or f"由会议“{_inner_quotes(meeting['topic'])}”的协商共识生成",
            office_id=w.owner_for("follow_up", meeting["office_id"]))


def _inner_quotes(text: str | None) -> str:
    """Quotation marks inside quotation marks, as Chinese writes them: “…‘农贸市场提升’专题…” (they doubled up as
    ““农贸市场提升”专题协商议事会”)."""
    return (text or "").replace("“", "‘").replace("”", "’")

