"""年度协商计划: an office's yearly plan of consultation topics (议题) — month, the groups that lead, where the
topic came from, the research before (调研 / 视察 meetings and visits), the meeting that consults it, and the
follow-ups that come out of it. A district or the city reads the plans of the offices below, held and late.

A topic is the office's own record (`plan_topic`); its groups, research and follow-ups are `record_link` rows
of the same office (roles lead, research, after). What happened is read from the records themselves, never
copied: a topic is *held* when its meeting was held, *late* when its month has passed without that.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from dataclasses import dataclass

from . import today as office_clock
from .connection import Database
from .errors import NotFound, StateError, ValidationError
from .followups import FollowUp, follow_ups_from, load_follow_up
from .own_parts import own
from .timeline import coded_label, this_office_id
from .write import writing

SOURCE_LABELS = {"report": ("社情民意和调研报告", "Reports"), "visit": ("走访接待", "Visits"),
                 "party_priority": ("党委中心工作", "Party committee's priorities"),
                 "assignment": ("上级交办", "Assigned from above"), "other": ("其他", "Other")}
STATUS_LABELS = {"planned": ("计划中", "Planned"), "scheduled": ("已安排会议", "Meeting scheduled"),
                 "held": ("已协商", "Held"), "late": ("逾期未开", "Late"), "cancelled": ("已取消", "Cancelled")}
EDITABLE = ("year", "month", "title", "description", "source_kind", "source_text", "cancelled")
_HELD = ("held", "draft", "final")


@dataclass(frozen=True)
class PlanTopic:
    id: str
    office_id: str
    office_name: str
    year: int
    month: int | None
    title: str
    description: str | None
    source_kind: str
    source_text: str | None
    meeting_id: str | None
    meeting_topic: str | None
    meeting_at: str | None
    meeting_state: str | None
    cancelled: bool
    status: str
    lead_groups: tuple[str, ...] = ()
    research: tuple[tuple[str, str, str], ...] = ()      # (table, id, description)
    follow_ups: tuple[FollowUp, ...] = ()

    @property
    def status_zh(self) -> str:
        return coded_label(STATUS_LABELS, self.status)[0]


@dataclass(frozen=True)
class OfficePlan:
    office_id: str
    office_name: str
    level: str
    topics: int
    held: int
    late: int


def _status(year: int, month: int | None, meeting_state: str | None, cancelled: bool, today: str) -> str:
    if cancelled:
        return "cancelled"
    if meeting_state in _HELD:
        return "held"
    due = f"{year:04d}-{month or 12:02d}"
    if due < today[:7]:
        return "late"
    return "scheduled" if meeting_state == "planned" else "planned"


_COLS = ("p.id, p.office_id, o.name, p.year, p.month, p.title, p.description, p.source_kind, p.source_text, "
         "p.meeting_id, m.topic, m.starts_at, m.state, p.cancelled")
_FROM = "plan_topic p JOIN office o ON o.id = p.office_id LEFT JOIN meeting m ON m.id = p.meeting_id"


def _topics(db: Database, where: str, params: Iterable, *, full: bool = False) -> list[PlanTopic]:
    today = office_clock.today().isoformat()
    out = []
    for r in db.execute(f"SELECT {_COLS} FROM {_FROM} WHERE p.deleted = 0 AND ({where}) "
                        f"ORDER BY p.year, p.month IS NULL, p.month, p.rowid", list(params)).fetchall():
        status = _status(r[3], r[4], r[12] if r[12] != "cancelled" else None, bool(r[13]), today)
        extra = _details(db, r[0], r[9]) if full else {}
        out.append(PlanTopic(*r[:13], cancelled=bool(r[13]), status=status, **extra))
    return out


def _details(db: Database, topic_id: str, meeting_id: str | None) -> dict:
    from .assignments import describe_record
    lead, research, after = [], [], []
    for table, rid, role in db.execute("SELECT record_table, record_id, role FROM record_link WHERE subject_table = "
                                       "'plan_topic' AND subject_id = ? AND deleted = 0 ORDER BY rowid", [topic_id]):
        if role == "lead":
            row = db.execute("SELECT name FROM liaison_group WHERE id = ?", [rid]).fetchone()
            lead.append(row[0] if row else rid)
        elif role == "research":
            research.append((table, rid, describe_record(db, table, rid) or rid))
        elif role == "after" and table == "follow_up":
            after.append(rid)
    fus: dict[str, FollowUp] = {}
    if meeting_id:
        consensus = [r[0] for r in db.execute("SELECT id FROM consensus_item WHERE meeting_id = ? AND deleted = 0 "
                                              f"AND {own()}", [meeting_id])]
        for f in follow_ups_from(db, "consensus_item", consensus):
            fus[f.id] = f
    for fid in after:
        if fid not in fus:
            with contextlib.suppress(NotFound):           # a follow-up deleted since it was linked
                fus[fid] = load_follow_up(db, fid)
    return {"lead_groups": tuple(lead), "research": tuple(research), "follow_ups": tuple(fus.values())}


def get_topic(db: Database, topic_id: str) -> PlanTopic:
    found = _topics(db, "p.id = ?", [topic_id], full=True)
    if not found:
        raise NotFound("找不到这个协商议题", f"plan topic not found: {topic_id}")
    return found[0]


def _check(values: dict) -> None:
    if "title" in values and (values["title"] is None or not str(values["title"]).strip()):
        raise ValidationError("请填写协商议题", "the topic is required", code="required", field="title")
    if values.get("source_kind") is not None and values["source_kind"] not in SOURCE_LABELS:
        raise ValidationError("议题来源无效", "bad source", code="bad_choice", field="source_kind")


def add_topic(db: Database, *, year: int, title: str, month: int | None = None, description: str | None = None,
              source_kind: str = "other", source_text: str | None = None, lead_group_ids: Iterable[str] = (),
              research: Iterable[tuple[str, str]] = ()) -> str:
    """A topic in this office's plan for `year`; `research`: (table, id) of meetings or visits done before."""
    values = {"year": year, "month": month, "title": title, "description": description,
              "source_kind": source_kind, "source_text": source_text, "cancelled": 0}
    _check(values)
    me = this_office_id(db)
    with writing(db) as w:
        tid = w.insert("plan_topic", values, office_id=me)
        for gid in dict.fromkeys(lead_group_ids):
            _link(w, tid, "liaison_group", gid, "lead", me)
        for table, rid in research:
            _link(w, tid, table, rid, "research", me)
    return tid


def _link(w, topic_id: str, table: str, record_id: str, role: str, office_id: str | None) -> str:
    if table not in ("meeting", "visit", "follow_up", "opinion_report", "liaison_group"):
        raise ValidationError("不能关联这类记录", f"cannot link a {table}", code="bad_choice", field="record_table")
    if w.db.execute(f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", [record_id]).fetchone() is None:
        raise NotFound("找不到要关联的记录", f"{table} not found: {record_id}")
    if w.db.execute("SELECT 1 FROM record_link WHERE subject_table = 'plan_topic' AND subject_id = ? AND "
                    "record_table = ? AND record_id = ? AND role = ? AND deleted = 0",
                    [topic_id, table, record_id, role]).fetchone():
        raise ValidationError("这条记录已经关联过了", "that record is linked already", code="linked_already",
                              field="record_id")
    return w.insert("record_link", {"subject_table": "plan_topic", "subject_id": topic_id, "record_table": table,
                                    "record_id": record_id, "role": role}, office_id=office_id)


def update_topic(db: Database, topic_id: str, **changes) -> list[str]:
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValidationError("这些内容不能在这里修改", f"not editable: {sorted(unknown)}", code="unknown_field")
    _check(changes)
    with writing(db) as w:
        row = w.live("plan_topic", topic_id)
        if changes.get("cancelled") and not row["cancelled"] and row["meeting_id"]:
            held = db.execute("SELECT state FROM meeting WHERE id = ? AND deleted = 0", [row["meeting_id"]]).fetchone()
            if held and held[0] in _HELD:       # dropped with one click, its minutes finalized months before
                raise StateError("这个议题已经协商过（会议已召开），不能取消", "this topic was consulted already (its "
                                 "meeting was held): it cannot be dropped", code="held", field="cancelled")
        return w.update("plan_topic", topic_id, changes)


def link_record(db: Database, topic_id: str, table: str, record_id: str, role: str) -> str:
    """Link research before (role research), a leading group (lead) or a follow-up after (after)."""
    if role not in ("lead", "research", "after"):
        raise ValidationError("关联作用无效", f"bad role {role!r}", code="bad_choice", field="role")
    with writing(db) as w:
        row = w.live("plan_topic", topic_id)
        return _link(w, topic_id, table, record_id, role, row["office_id"])


def consult_at(db: Database, topic_id: str, meeting_id: str) -> None:
    """The meeting that consults the topic (planned or already held)."""
    with writing(db) as w:
        w.live("plan_topic", topic_id)
        if db.execute("SELECT 1 FROM meeting WHERE id = ? AND deleted = 0", [meeting_id]).fetchone() is None:
            raise NotFound("找不到这次会议", f"meeting not found: {meeting_id}")
        w.update("plan_topic", topic_id, {"meeting_id": meeting_id})


def plan_of(db: Database, year: int, office_id: str | None = None, *, full: bool = True) -> list[PlanTopic]:
    """The topics of one office's plan (this office's without `office_id`)."""
    return _topics(db, "p.year = ? AND p.office_id = ?", [year, office_id or this_office_id(db)], full=full)


def plans_below(db: Database, year: int) -> list[OfficePlan]:
    """Every office below this one that has a plan for `year`: how many topics, held and late."""
    from .sync.scope import OfficeTree
    me = this_office_id(db)
    tree = OfficeTree.load(db)
    below = tree.subtree(me) - {me}
    counts: dict[str, list[int]] = {}
    for t in _topics(db, "p.year = ?", [year]):
        if t.office_id in below:
            c = counts.setdefault(t.office_id, [0, 0, 0])
            c[0] += 1
            c[1] += t.status == "held"
            c[2] += t.status == "late"
    return [OfficePlan(o, tree.label(o), tree.level.get(o, ""), *counts[o])
            for o in sorted(counts, key=lambda o: tree.code.get(o, ""))]
