"""What the printed minutes of a meeting need, as plain data (dicts and lists of str/int).

Built on db.meetings.load_meeting, so the minutes list people, items and follow-ups exactly as the
meeting editor does (deleted rows left out, attendance in sheet order, follow-ups made from the
consensus of this or an earlier revision). desktop.minutes turns the dict into its MinutesData.
"""

from __future__ import annotations

from dataclasses import asdict

from .connection import Database
from .meetings import load_meeting

MINUTES_STATES = ("held", "draft", "final")   # meetings that can have minutes

_MEETING_FIELDS = ("id", "group_name", "kind_name", "kind_code", "topic", "starts_at", "ends_at", "place", "chair",
                   "recorder", "issue_no", "overview", "state", "revision", "finalized_at")


def load_minutes_data(db: Database, meeting_id: str) -> dict:
    """Everything the minutes print for one meeting. Raises NotFound for an unknown or deleted meeting."""
    m = load_meeting(db, meeting_id)
    member_ids = [a.member_id for a in m.attendance if a.member_id and a.status]
    units: dict[str, str | None] = {}
    if member_ids:
        marks = ",".join("?" * len(member_ids))
        units = dict(db.execute(f"SELECT id, work_unit FROM member WHERE id IN ({marks})", member_ids).fetchall())
    attendance = [{
        "status": a.status, "name": a.name, "reason": a.reason, "is_member": not a.is_guest,
        "unit": a.guest_unit if a.is_guest else units.get(a.member_id),
        "guest_kind": a.guest_kind_name,
    } for a in m.attendance if a.status]

    def speeches(items) -> list[dict]:
        return [{"speaker": s.speaker or "", "summary": s.summary, "is_member": s.member_id is not None}
                for s in items]

    return {
        "meeting": {k: getattr(m, k) for k in _MEETING_FIELDS},
        "attendance": attendance,
        "agenda": [{"title": a.title, "background": a.background, "decision": a.decision,
                    "speeches": speeches(a.speeches)} for a in m.agenda],
        "speeches_without_item": speeches(m.other_speeches),
        "consensus": [{"text": c.text} for c in m.consensus],
        "follow_ups": [{"title": f.title, "lead_unit": f.lead_unit, "co_units": f.co_units, "due_date": f.due_date,
                        "state": f.state, "state_zh": f.state_zh} for f in m.follow_ups],
        # the signed scan is these minutes themselves, never their 附件: listed, final minutes printed after it was
        # attached were no longer the ones signed (附件：会议纪要（签字版）.pdf at their foot)
        "attachments": [{k: v for k, v in asdict(a).items() if k in ("name", "kind")} for a in m.attachments
                        if a.kind != "signed_minutes"],
    }


def meetings_in_range(db: Database, group_id: str | None = None, date_from: str | None = None,
                      date_to: str | None = None, states: tuple[str, ...] = MINUTES_STATES) -> list[str]:
    """Ids of the meetings (not deleted, in `states`) of a group and/or a date range, oldest first.
    Dates are ISO calendar dates, both ends included."""
    where = ["deleted = 0", f"state IN ({','.join('?' * len(states))})"]
    params: list = list(states)
    if group_id:
        where.append("group_id = ?")
        params.append(group_id)
    if date_from:
        where.append("substr(starts_at, 1, 10) >= ?")
        params.append(date_from)
    if date_to:
        where.append("substr(starts_at, 1, 10) <= ?")
        params.append(date_to)
    cur = db.execute(f"SELECT id FROM meeting WHERE {' AND '.join(where)} ORDER BY starts_at, rowid", params)
    return [row[0] for row in cur.fetchall()]
