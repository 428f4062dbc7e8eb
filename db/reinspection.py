"""回头看: re-inspecting a closed follow-up — a re-inspection visit scheduled and linked to it, what was found,
and the follow-up reopened with a reason when the problem came back; its whole history across years.

A re-inspection is a `reinspection` row of the follow-up's office with the visit made for it. Findings and
the reopening are steps on the follow-up's own timeline too (db.followups), so the follow-up page shows them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import today as office_clock
from .connection import Database
from .errors import NotFound, StateError, ValidationError
from .followups import add_note, load_follow_up, move_follow_up
from .timeline import coded_label
from .visits import log_visit
from .write import writing

RESULT_LABELS = {"pending": ("待回访", "Pending"), "holds": ("整改成效巩固", "Holds"),
                 "reopened": ("问题反弹，重新办理", "Reopened")}


@dataclass(frozen=True)
class Reinspection:
    id: str
    follow_up_id: str
    planned_on: str
    visit_id: str | None
    findings: str | None
    result: str
    done_on: str | None


@dataclass(frozen=True)
class HistoryStep:
    at: str              # date or date-time, sorts as text
    kind: str            # source, state, note, reinspection, visit, meeting
    text: str
    office: str | None = None


def schedule(db: Database, follow_up_id: str, *, planned_on: str, group_id: str, kind_id: str,
             member_ids: Iterable[str], place: str, note: str | None = None) -> str:
    """Schedule a re-inspection of a closed follow-up: the visit that will do it, linked to the follow-up."""
    f = load_follow_up(db, follow_up_id)
    if f.state != "closed":
        raise StateError("只有已办结的督办事项才能“回头看”", "only a closed follow-up is re-inspected",
                         code="not_closed")
    if not planned_on:
        raise ValidationError("请填写回访日期", "the date is required", code="required", field="planned_on")
    if f.closed_on and str(planned_on)[:10] < f.closed_on[:10]:
        # a look back before the follow-up was closed read, on its timeline, between 办理中 and 已答复
        raise ValidationError(f"回头看的日期 {str(planned_on)[:10]} 早于该督办事项办结的日期 {f.closed_on[:10]}：请定在办结之后",
                              f"the re-inspection date {str(planned_on)[:10]} is before the follow-up was closed "
                              f"({f.closed_on[:10]}): plan it after", code="before_closed", field="planned_on")
    with writing(db) as w:                 # the visit, the re-inspection and the note: all or nothing
        vid = log_visit(db, group_id=group_id, kind_id=kind_id, visit_date=planned_on, member_ids=member_ids,
                        place=place, heard=f"回头看：{f.title}")
        rid = w.insert("reinspection", {"follow_up_id": follow_up_id, "planned_on": planned_on, "visit_id": vid,
                                        "result": "pending"}, office_id=f.office_id)
        add_note(db, follow_up_id, f"安排回头看：{planned_on} {place}" + (f"（{note}）" if note else ""))
    return rid


def record_findings(db: Database, reinspection_id: str, findings: str, *, reopen_reason: str | None = None) -> None:
    """What the re-inspection found; with `reopen_reason` the follow-up is reopened (重新办理) for that reason."""
    if not findings or not findings.strip():
        raise ValidationError("请填写回头看发现的情况", "the findings are required", code="required",
                              field="findings")
    row = db.execute("SELECT follow_up_id, planned_on FROM reinspection WHERE id = ? AND deleted = 0",
                     [reinspection_id]).fetchone()
    if row is None:
        raise NotFound("找不到这次回头看", f"re-inspection not found: {reinspection_id}")
    if row[1] > office_clock.today().isoformat():
        raise StateError(f"回头看定在 {row[1]}，还没到日期，不能记录发现的情况",
                         f"the re-inspection is planned for {row[1]}: record its findings after it",
                         code="not_yet")
    reopen = reopen_reason is not None
    if reopen and not reopen_reason.strip():
        raise ValidationError("请填写重新办理的理由", "the reason to reopen is required", code="required",
                              field="reason")
    f = load_follow_up(db, row[0])
    if reopen and f.state != "closed":
        raise StateError("该督办事项已不是办结状态，不能再重新办理", "the follow-up is no longer closed",
                         code="not_closed")
    with writing(db) as w:
        w.update("reinspection", reinspection_id, {"findings": findings.strip(), "done_on":
                                                   office_clock.today().isoformat(),
                                                   "result": "reopened" if reopen else "holds"})
        if reopen:
            move_follow_up(db, f.id, "reopened", note=f"回头看发现：{findings.strip()}；重新办理理由：{reopen_reason.strip()}")
        else:
            add_note(db, f.id, f"回头看发现：{findings.strip()}（整改成效巩固）")


def reinspections(db: Database, follow_up_id: str) -> list[Reinspection]:
    return [Reinspection(*r) for r in db.execute(
        "SELECT id, follow_up_id, planned_on, visit_id, findings, result, done_on FROM reinspection "
        "WHERE follow_up_id = ? AND deleted = 0 ORDER BY planned_on, rowid", [follow_up_id])]


def history(db: Database, follow_up_id: str) -> list[HistoryStep]:
    """Every step of a follow-up across years: where it came from (the meeting), its states and notes, the
    re-inspections and their visits, and records linked to it, by date."""
    from .assignments import describe_record
    from .followups import STATE_LABELS
    f = load_follow_up(db, follow_up_id)
    out: list[HistoryStep] = []
    if f.source_table == "consensus_item" and f.source_id:
        m = db.execute("SELECT m.starts_at, m.topic FROM consensus_item c JOIN meeting m ON m.id = c.meeting_id "
                       "WHERE c.id = ?", [f.source_id]).fetchone()
        if m:
            out.append(HistoryStep(m[0], "meeting", f"协商会议：{m[1]}"))
    for e in f.timeline:
        if e.is_note:
            out.append(HistoryStep(e.at, "note", e.note or "", e.actor_office_name))
        else:
            to = STATE_LABELS.get(e.to_state or "", (e.to_state, ""))[0]
            out.append(HistoryStep(e.at, "state", to + (f"：{e.note}" if e.note else ""), e.actor_office_name))
    for r in reinspections(db, follow_up_id):
        visit = describe_record(db, "visit", r.visit_id) if r.visit_id else None
        result = coded_label(RESULT_LABELS, r.result, ("结论", "result"))[0]
        out.append(HistoryStep(r.done_on or r.planned_on, "reinspection", f"回头看（{result}）"
                               + (f"：{visit}" if visit else "")))
    for table, rid in db.execute("SELECT record_table, record_id FROM record_link WHERE subject_table = 'follow_up' "
                                 "AND subject_id = ? AND deleted = 0", [follow_up_id]):
        text = describe_record(db, table, rid)
        if text:
            out.append(HistoryStep(text.split(" ")[1] if " " in text else "", table, text))
    return sorted(out, key=lambda s: s.at)


@dataclass(frozen=True)
class Candidate:
    """A follow-up this office may re-inspect or has: closed, or reopened after a re-inspection."""
    id: str
    title: str
    lead_unit: str | None
    state: str
    closed_on: str | None
    rounds: int
    last_result: str | None
    pending_id: str | None         # the re-inspection still waiting for its findings


def candidates(db: Database, limit: int = 500) -> list[Candidate]:
    """This office's closed follow-ups and those reopened by a re-inspection, most recently closed first."""
    from .permissions import Permissions
    from .timeline import this_office_id
    mine = "1 = ?" if Permissions(db).open else "f.office_id = ?"     # a demo database: every office's
    rows = db.execute(
        "SELECT f.id, f.title, f.lead_unit, f.state, f.closed_on, "
        "(SELECT count(*) FROM reinspection r WHERE r.follow_up_id = f.id AND r.deleted = 0), "
        "(SELECT r.result FROM reinspection r WHERE r.follow_up_id = f.id AND r.deleted = 0 "
        " ORDER BY r.planned_on DESC, r.rowid DESC LIMIT 1), "
        "(SELECT r.id FROM reinspection r WHERE r.follow_up_id = f.id AND r.deleted = 0 AND r.result = 'pending' "
        " ORDER BY r.planned_on LIMIT 1) "
        f"FROM follow_up f WHERE f.deleted = 0 AND {mine} AND (f.state = 'closed' OR (f.state <> 'closed' "
        "AND EXISTS (SELECT 1 FROM reinspection r WHERE r.follow_up_id = f.id AND r.deleted = 0))) "
        "ORDER BY f.closed_on IS NULL, f.closed_on DESC, f.rowid DESC LIMIT ?",
        [1 if mine.startswith("1") else this_office_id(db), limit]).fetchall()
    return [Candidate(*r) for r in rows]
