"""Saving a meeting as it was edited in the editor: the basics and every part, in one transaction.

The editor holds the whole record as plain, JSON-safe values (so a crash draft can keep it):

    {"topic": …, "starts_at": …, …,                                   # basics (db.meetings.BASICS)
     "attendance": [{"member_id", "status" (None = not recorded), "reason", "name", "role" (shown only)}],
     "guests":     [{"id"?, "guest_name", "guest_unit", "guest_kind_id"}],
     "agenda":     [{"key", "id"?, "title", "background", "decision",
                     "speeches": [{"id"?, "member_id", "speaker_name", "summary"}]}],
     "other_speeches": [{"id"?, "member_id", "speaker_name", "summary"}],
     "consensus":  [{"id"?, "agenda_key" (an agenda item's key or None), "text"}]}

`save_meeting` compares these with the database: rows without an id are added, rows whose id is
missing from a list are removed, the rest updated and renumbered in list order. A key left out
of `values` leaves that part untouched. Any error rolls back everything; errors in a part name
the item ("第 2 个议题的第 1 条发言：…") and carry the part as their field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import meeting_parts as parts
from .connection import Database
from .errors import ValidationError
from .meetings import BASICS, load_meeting, plan_meeting, update_meeting
from .own_parts import own
from .write import writing

PARTS = ("attendance", "guests", "agenda", "other_speeches", "consensus")


def meeting_values(db: Database, meeting_id: str) -> dict[str, Any]:
    """The editor's values for a saved meeting (the inverse of save_meeting)."""
    m = load_meeting(db, meeting_id)
    speeches = db.execute("SELECT id, member_id, speaker_name FROM speech WHERE meeting_id = ? AND deleted = 0 "
                          f"AND {own()}", [meeting_id]).fetchall()
    raw = {sid: (member_id, name) for sid, member_id, name in speeches}

    def speech(s) -> dict:
        member_id, name = raw[s.id]
        return {"id": s.id, "member_id": member_id, "speaker_name": name, "summary": s.summary}

    return {
        **{k: getattr(m, k) for k in BASICS},
        "attendance": [{"member_id": a.member_id, "name": a.name, "role": a.role, "status": a.status,
                        "reason": a.reason} for a in m.attendance if not a.is_guest],
        "guests": [{"id": a.attendance_id, "guest_name": a.name, "guest_unit": a.guest_unit,
                    "guest_kind_id": a.guest_kind_id} for a in m.attendance if a.is_guest],
        "agenda": [{"key": i.id, "id": i.id, "title": i.title, "background": i.background, "decision": i.decision,
                    "speeches": [speech(s) for s in i.speeches]} for i in m.agenda],
        "other_speeches": [speech(s) for s in m.other_speeches],
        "consensus": [{"id": c.id, "agenda_key": c.agenda_item_id, "text": c.text} for c in m.consensus],
    }


def _where(part: str, zh: str, en: str, fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except ValidationError as exc:
        raise ValidationError(f"{zh}：{exc.message_zh}", f"{en}: {exc.message_en}", code=exc.code,
                              field=part) from exc


def _live_ids(db: Database, sql: str, params: list) -> set[str]:
    """Ids of the meeting's parts `sql` reads, only those of the meeting's own office (SECURITY.md R4c)."""
    return {r[0] for r in db.execute(f"{sql} AND {own()}", params)}


def save_meeting(db: Database, meeting_id: str | None, values: dict[str, Any], *,
                 actor: str | None = None) -> str:
    """Write the editor's values (a new meeting when `meeting_id` is None); returns the meeting id."""
    basics = {k: values[k] for k in BASICS if k in values}
    with writing(db):
        if meeting_id is None:
            meeting_id = plan_meeting(db, **basics, actor=actor)
        else:
            update_meeting(db, meeting_id, **basics)
        if "attendance" in values:
            _save_attendance(db, meeting_id, values["attendance"])
        if "guests" in values:
            _save_guests(db, meeting_id, values["guests"])
        keys: dict[str, str] = {}
        if "agenda" in values:
            keys = _save_agenda(db, meeting_id, values["agenda"])
        else:
            keys = {i: i for i in _live_ids(db, "SELECT id FROM agenda_item WHERE meeting_id = ? AND deleted = 0",
                                            [meeting_id])}
        if "other_speeches" in values:
            _save_speeches(db, meeting_id, None, values["other_speeches"], "other_speeches",
                           "会议发言", "speeches")
        if "consensus" in values:
            _save_consensus(db, meeting_id, values["consensus"], keys)
    return meeting_id


def _save_attendance(db: Database, meeting_id: str, lines: list[dict]) -> None:
    marks = [parts.Mark(a["member_id"], a["status"], a.get("reason")) for a in lines if a.get("status")]
    _where("attendance", "出席情况", "attendance", lambda: parts.record_attendance(db, meeting_id, marks))
    cleared = {a["member_id"] for a in lines if not a.get("status")}
    for att_id, member_id in db.execute("SELECT id, member_id FROM attendance WHERE meeting_id = ? AND deleted = 0 "
                                        f"AND member_id IS NOT NULL AND {own()}", [meeting_id]).fetchall():
        if member_id in cleared:
            parts.remove_attendance(db, att_id)


def _save_guests(db: Database, meeting_id: str, guests: list[dict]) -> None:
    live = _live_ids(db, "SELECT id FROM attendance WHERE meeting_id = ? AND deleted = 0 AND member_id IS NULL",
                     [meeting_id])
    kept = {g["id"] for g in guests if g.get("id")}
    for gone in live - kept:
        parts.remove_attendance(db, gone)
    for n, g in enumerate(guests, start=1):
        def one(g=g):
            if g.get("id") in live:
                parts.update_guest(db, g["id"], name=g.get("guest_name") or "", unit=g.get("guest_unit") or "",
                                   kind_id=g.get("guest_kind_id") or "")
            else:
                parts.add_guest(db, meeting_id, g.get("guest_name") or "", unit=g.get("guest_unit"),
                                kind_id=g.get("guest_kind_id"))
        _where("guests", f"第 {n} 位列席人员", f"guest {n}", one)


def _save_agenda(db: Database, meeting_id: str, items: list[dict]) -> dict[str, str]:
    live = _live_ids(db, "SELECT id FROM agenda_item WHERE meeting_id = ? AND deleted = 0", [meeting_id])
    kept = {i["id"] for i in items if i.get("id")}
    for gone in live - kept:
        parts.remove_agenda_item(db, gone)
    keys, order = {}, []
    for n, item in enumerate(items, start=1):
        fields = {k: item.get(k) for k in ("title", "background", "decision")}

        def one(item=item, fields=fields):
            if item.get("id") in live:
                parts.update_agenda_item(db, item["id"], **fields)
                return item["id"]
            return parts.add_agenda_item(db, meeting_id, fields["title"] or "", background=fields["background"],
                                         decision=fields["decision"])
        item_id = _where("agenda", f"第 {n} 个议题", f"agenda item {n}", one)
        keys[item.get("key") or item_id] = item_id
        order.append(item_id)
        if "speeches" in item:
            _save_speeches(db, meeting_id, item_id, item["speeches"], "agenda",
                           f"第 {n} 个议题的", f"agenda item {n}, ")
    parts.reorder_agenda_items(db, meeting_id, order)
    return keys


def _save_speeches(db: Database, meeting_id: str, item_id: str | None, speeches: list[dict], part: str,
                   zh: str, en: str) -> None:
    live = {r[0] for r in parts.speeches_of(db, meeting_id, item_id)}
    kept = {s["id"] for s in speeches if s.get("id")}
    for gone in live - kept:
        parts.remove_speech(db, gone)
    order = []
    for n, s in enumerate(speeches, start=1):
        def one(s=s):
            who = {"member_id": s.get("member_id"), "speaker_name": s.get("speaker_name"),
                   "summary": s.get("summary") or ""}
            if s.get("id") in live:
                # a speech whose item is gone is saved as what it is shown as: on no item
                parts.update_speech(db, s["id"], **who, **({"agenda_item_id": None} if item_id is None else {}))
                return s["id"]
            return parts.add_speech(db, meeting_id, who["summary"], agenda_item_id=item_id,
                                    member_id=who["member_id"], speaker_name=who["speaker_name"])
        order.append(_where(part, f"{zh}第 {n} 条发言", f"{en}speech {n}", one))
    parts.reorder_speeches(db, meeting_id, item_id, order)


def _save_consensus(db: Database, meeting_id: str, items: list[dict], keys: dict[str, str]) -> None:
    live = _live_ids(db, "SELECT id FROM consensus_item WHERE meeting_id = ? AND deleted = 0", [meeting_id])
    kept = {c["id"] for c in items if c.get("id")}
    for gone in live - kept:
        _where("consensus", "删除协商共识", "removing a consensus item", lambda gone=gone: parts.remove_consensus_item(db, gone))
    order = []
    for n, c in enumerate(items, start=1):
        agenda_item_id = keys.get(c.get("agenda_key")) if c.get("agenda_key") else None

        def one(c=c, agenda_item_id=agenda_item_id):
            if c.get("id") in live:
                parts.update_consensus_item(db, c["id"], text=c.get("text") or "", agenda_item_id=agenda_item_id)
                return c["id"]
            return parts.add_consensus_item(db, meeting_id, c.get("text") or "", agenda_item_id=agenda_item_id)
        order.append(_where("consensus", f"第 {n} 条协商共识", f"consensus item {n}", one))
    parts.reorder_consensus_items(db, meeting_id, order)
