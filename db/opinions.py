"""Public-opinion reports (社情民意信息): one issue per report, moved through its states with a timeline.

States: collected → drafted → submitted → adopted / not_adopted; adopted → instructed (领导批示)
→ closed. Once submitted, the text that was sent is kept as sent (RecordLocked); the leader's
instruction is recorded by the move to `instructed`.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import followups, timeline
from . import today as office_clock
from .connection import Database
from .errors import NotFound, RecordLocked, StateError, ValidationError
from .sortkey import group_order
from .timeline import StateEvent, coded_label
from .validate import clean, only_fields
from .where import Where
from .write import writing

STATE_LABELS: dict[str, tuple[str, str]] = {
    "collected": ("已收集", "Collected"),
    "drafted": ("已成稿", "Drafted"),
    "submitted": ("已报送", "Submitted"),
    "adopted": ("已采用", "Adopted"),
    "not_adopted": ("未采用", "Not adopted"),
    "instructed": ("已批示", "Instructed"),
    "closed": ("已办结", "Closed"),
}
MOVES: dict[str, tuple[str, ...]] = {
    "collected": ("drafted",),
    "drafted": ("submitted", "collected"),
    "submitted": ("adopted", "not_adopted"),
    "adopted": ("instructed", "closed"),
    "not_adopted": ("closed",),
    "instructed": ("closed",),
    "closed": (),
}
CONTENT = ("title", "situation", "cause", "suggestion", "reporter_id", "reporter_name", "group_id", "collected_on")
EDITABLE = (*CONTENT, "instruction")
_LOCKED_FROM = ("submitted", "adopted", "not_adopted", "instructed", "closed")
SORTS = {"collected_on": "o.collected_on", "title": "o.title", "state": "o.state", "group": group_order("o.group_id"),
         "reporter": "zh_name_key(coalesce(m.name, o.reporter_name))", "submitted_on": "o.submitted_on"}


@dataclass(frozen=True)
class OpinionReport:
    id: str
    title: str
    situation: str | None
    cause: str | None
    suggestion: str | None
    reporter_id: str | None
    reporter_name: str | None     # the member's name when reporter_id is set (with the co-authors of a
    #                               joint report after it: 张三、李四), else the typed name
    group_id: str | None
    group_name: str | None
    source_table: str
    source_id: str | None
    state: str
    collected_on: str
    submitted_on: str | None
    instruction: str | None
    office_id: str | None
    timeline: tuple[StateEvent, ...] = ()

    @property
    def state_zh(self) -> str:
        return coded_label(STATE_LABELS, self.state)[0]

    @property
    def next_states(self) -> tuple[str, ...]:
        return MOVES.get(self.state, ())

    @property
    def content_locked(self) -> bool:
        return self.state in _LOCKED_FROM


@dataclass(frozen=True)
class OpinionFilter:
    states: tuple[str, ...] = ()
    group_id: str | None = None
    reporter_id: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    text: str = ""


_COLS = ("o.id, o.title, o.situation, o.cause, o.suggestion, o.reporter_id, "
         "CASE WHEN o.reporter_id IS NOT NULL AND instr(o.reporter_name, '、') > 0 THEN o.reporter_name "
         "ELSE coalesce(m.name, o.reporter_name) END, "
         "o.group_id, g.name, o.source_table, o.source_id, o.state, o.collected_on, o.submitted_on, "
         "o.instruction, o.office_id")
_FROM = ("opinion_report o LEFT JOIN liaison_group g ON g.id = o.group_id "
         "LEFT JOIN member m ON m.id = o.reporter_id")


def _check_title(values: dict) -> None:
    if "title" in values and (values["title"] is None or not str(values["title"]).strip()):
        raise ValidationError("社情民意信息的“标题”不能为空", "Public-opinion report: Title is required",
                              code="required", field="title")


def _check_collected(day) -> None:
    """Not after today: a report collected 2027-06-01 was submitted today, before it was collected (and fell out
    of this year's figures)."""
    if day and isinstance(day, str) and len(day) >= 10 and day[:10] > office_clock.today().isoformat():
        raise ValidationError(f"收集日期 {day[:10]} 晚于今天，请检查", f"the collection date {day[:10]} is after today",
                              code="future_date", field="collected_on")


def create_opinion(db: Database, *, title: str, collected_on: str | None = None, situation: str | None = None,
                   cause: str | None = None, suggestion: str | None = None, reporter_id: str | None = None,
                   reporter_name: str | None = None, group_id: str | None = None, source_table: str = "other",
                   source_id: str | None = None, actor: str | None = None, note: str | None = None,
                   office_id: str | None = None) -> str:
    """A new report in state `collected` (collected today unless told), with its first timeline event."""
    values = {"title": title, "situation": situation, "cause": cause, "suggestion": suggestion,
              "reporter_id": reporter_id, "reporter_name": reporter_name, "group_id": group_id,
              "source_table": source_table, "source_id": source_id, "state": "collected",
              "collected_on": collected_on or office_clock.today().isoformat()}
    _check_title(values)
    _check_collected(values["collected_on"])
    with writing(db) as w:
        oid = w.insert("opinion_report", values, office_id=office_id)
        timeline.record(w, "opinion_report", oid, None, "collected", actor=actor, note=note,
                        office_id=w.current("opinion_report", oid)["office_id"])
    return oid


def load_opinion(db: Database, opinion_id: str) -> OpinionReport:
    r = db.execute(f"SELECT {_COLS} FROM {_FROM} WHERE o.id = ? AND o.deleted = 0", [opinion_id]).fetchone()
    if r is None:
        raise NotFound("找不到这条社情民意信息", f"opinion report not found: {opinion_id}")
    return OpinionReport(*r, timeline=tuple(timeline.timeline(db, "opinion_report", opinion_id)))


def opinion_values(db: Database, opinion_id: str) -> dict:
    """The editable fields as stored (the typed reporter name, not the member's), for an editor."""
    cur = db.execute(f"SELECT {', '.join(EDITABLE)} FROM opinion_report WHERE id = ? AND deleted = 0", [opinion_id])
    row = cur.fetchone()
    if row is None:
        raise NotFound("找不到这条社情民意信息", f"opinion report not found: {opinion_id}")
    return dict(zip(EDITABLE, row, strict=True))



def update_opinion(db: Database, opinion_id: str, **changes) -> list[str]:
    """Edit a report. Its text is frozen once submitted; the instruction stays editable until closed."""
    only_fields(changes, EDITABLE)
    _check_title(changes)
    with writing(db) as w:
        row = w.live("opinion_report", opinion_id)
        if row["state"] == "closed":
            raise RecordLocked("该信息已办结，不能修改", "the report is closed")
        if "instruction" in changes and (changes["instruction"] or None) != (row["instruction"] or None) \
                and row["state"] not in ("adopted", "instructed"):
            raise StateError("领导批示请用“记录领导批示”录入（已采用之后）", "the leader's instruction is recorded with "
                             "“Record the instruction” (once adopted)", code="by_step", field="instruction")
        if "collected_on" in changes:
            _check_collected(changes["collected_on"])
        if row["state"] in _LOCKED_FROM:
            cleaned = clean(db, "opinion_report", changes, partial=True)
            if any(cleaned[k] != row[k] for k in cleaned if k in CONTENT):
                raise RecordLocked("该信息已报送，报送的内容不能再修改", "the report was submitted; its text is kept as sent")
        return w.update("opinion_report", opinion_id, changes)


def move_opinion(db: Database, opinion_id: str, to_state: str, *, actor: str | None = None,
                 note: str | None = None, at: str | None = None, instruction: str | None = None) -> StateEvent:
    """Move a report to its next state and record who and when. `instructed` needs the instruction text."""
    at = timeline.check_at(db, at, "opinion_report", opinion_id)
    with writing(db) as w:
        row = w.live("opinion_report", opinion_id)
        current = row["state"]
        timeline.check_move(MOVES, STATE_LABELS, current, to_state)
        changes: dict = {"state": to_state}
        if instruction is not None:
            changes["instruction"] = instruction
        if to_state == "instructed" and not ((instruction or "").strip() or row["instruction"]):
            raise StateError("请填写领导批示内容", "the leader's instruction is needed", code="needs_instruction")
        if to_state == "drafted" and not (row["situation"] or row["suggestion"]):
            raise StateError("成稿前请填写基本情况或意见建议", "write the situation or the suggestion first",
                             code="needs_text")
        if to_state == "submitted":
            missing = [zh for key, zh in (("situation", "基本情况"), ("suggestion", "意见建议"))
                       if not (row[key] or "").strip()]
            if missing:     # found walking: an empty report was submitted, and is locked from then on
                raise StateError(f"报送前请填写{'、'.join(missing)}（报送后内容不能再改）",
                                 "write the situation and the suggestion before submitting (a submitted report "
                                 "cannot be changed)", code="needs_text")
            changes["submitted_on"] = at[:10]
        w.update("opinion_report", opinion_id, changes)
        eid = timeline.record(w, "opinion_report", opinion_id, current, to_state, actor=actor, note=note, at=at,
                              office_id=row["office_id"])
    return next(e for e in timeline.timeline(db, "opinion_report", opinion_id) if e.id == eid)


def delete_opinion(db: Database, opinion_id: str) -> None:
    """Delete a report that has not been submitted."""
    with writing(db) as w:
        row = w.live("opinion_report", opinion_id)
        if row["state"] in _LOCKED_FROM:
            raise RecordLocked("已报送的信息不能删除", "a submitted report cannot be deleted")
        w.delete("opinion_report", opinion_id)


def follow_up_from_opinion(db: Database, opinion_id: str, *, title: str, lead_unit: str | None = None,
                           due_date: str | None = None, category_id: str | None = None,
                           description: str | None = None, co_units: str | None = None,
                           actor: str | None = None) -> str:
    """Make a follow-up from a public-opinion report, in one step (with its first timeline event)."""
    with writing(db) as w:
        row = w.live("opinion_report", opinion_id)
        text = "\n".join(t for t in (row["situation"], row["suggestion"]) if t) or None
        return followups.create_follow_up(
            db, title=title, description=description if description is not None else text,
            lead_unit=lead_unit, due_date=due_date, category_id=category_id, co_units=co_units,
            group_id=row["group_id"], source_table="opinion_report", source_id=opinion_id, actor=actor,
            note=f"由社情民意信息“{row['title'][:40]}”生成", office_id=w.owner_for("follow_up", row["office_id"]))


def opinions_from(db: Database, source_table: str, source_id: str) -> list[OpinionReport]:
    rows = db.execute(f"SELECT {_COLS} FROM {_FROM} WHERE o.source_id = ? AND o.source_table = ? "
                      f"AND o.deleted = 0 ORDER BY o.collected_on, o.id", [source_id, source_table]).fetchall()
    return [OpinionReport(*r) for r in rows]


def _where(flt: OpinionFilter) -> tuple[str, list]:
    w = Where("o.deleted = 0").one_of("o.state", flt.states).equal("o.group_id", flt.group_id)
    w.equal("o.reporter_id", flt.reporter_id).since("o.collected_on", flt.date_from).until("o.collected_on", flt.date_to)
    return w.text(flt.text, "o.id", "opinion_report").build()


def list_opinions(db: Database, flt: OpinionFilter = OpinionFilter(), *, sort: str = "collected_on",
                  descending: bool = True, limit: int = 100, offset: int = 0) -> list[OpinionReport]:
    where, params = _where(flt)
    col = SORTS.get(sort)
    if col is None:
        raise ValueError(f"unknown sort {sort!r}")
    direction = "DESC" if descending else "ASC"
    rows = db.execute(f"SELECT {_COLS} FROM {_FROM} WHERE {where} ORDER BY {col} {direction}, o.rowid {direction} "
                      f"LIMIT ? OFFSET ?", [*params, limit, offset]).fetchall()
    return [OpinionReport(*r) for r in rows]


def count_opinions(db: Database, flt: OpinionFilter = OpinionFilter()) -> int:
    where, params = _where(flt)
    return db.execute(f"SELECT count(*) FROM opinion_report o WHERE {where}", params).fetchone()[0]


def count_by_state(db: Database) -> dict[str, int]:
    out = dict.fromkeys(STATE_LABELS, 0)
    for state, n in db.execute("SELECT state, count(*) FROM opinion_report WHERE deleted = 0 GROUP BY state"):
        out[state] = n
    return out
