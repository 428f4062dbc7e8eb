"""Follow-ups (督办事项): create, edit, move through their states with a dated timeline, list with overdue.

States: open → assigned → in_progress → replied → evaluated → closed, and reopened after an
unsatisfying evaluation or a closing. 闭环: an evaluation of 不满意 never closes the item; its only next step is
reopened (重新办理), handled and evaluated again (move_follow_up refuses closing it, for every caller). Overdue is derived, never stored: due date before today
and not closed. Every move writes a state_event in the same transaction (db.timeline).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import timeline
from . import today as office_clock
from .connection import Database
from .errors import NotFound, RecordLocked, StateError, ValidationError
from .timeline import StateEvent, coded_label
from .validate import only_fields
from .where import Where
from .write import writing

STATE_LABELS: dict[str, tuple[str, str]] = {
    "open": ("待交办", "Open"),
    "assigned": ("已交办", "Assigned"),
    "in_progress": ("办理中", "In progress"),
    "replied": ("已答复", "Replied"),
    "evaluated": ("已评价", "Evaluated"),
    "closed": ("已办结", "Closed"),
    "reopened": ("重新办理", "Reopened"),
}
MOVES: dict[str, tuple[str, ...]] = {
    "open": ("assigned",),
    "assigned": ("in_progress", "replied"),
    "in_progress": ("replied",),
    "replied": ("evaluated", "in_progress"),
    "evaluated": ("closed", "reopened"),
    "closed": ("reopened",),
    "reopened": ("assigned", "in_progress"),
}
SATISFACTION_LABELS = {"satisfied": ("满意", "Satisfied"), "basically_satisfied": ("基本满意", "Basically satisfied"),
                       "unsatisfied": ("不满意", "Unsatisfied")}
UNSATISFIED = "unsatisfied"         # 闭环: sends the item back to be handled again, never closes it
SOURCE_LABELS = {"consensus_item": ("会议共识", "Meeting consensus"), "visit": ("走访接待", "Visit"),
                 "opinion_report": ("社情民意", "Opinion report"), "other": ("其他", "Other")}
EDITABLE = ("title", "description", "category_id", "group_id", "lead_unit", "co_units", "due_date", "reply",
            "satisfaction")
SORTS = {"due_date": "f.due_date", "title": "f.title", "state": "f.state", "lead_unit": "f.lead_unit",
         "group": "g.name", "category": "r.sort"}


@dataclass(frozen=True)
class FollowUp:
    id: str
    title: str
    description: str | None
    category_id: str | None
    category_name: str | None
    source_table: str
    source_id: str | None
    group_id: str | None
    group_name: str | None
    lead_unit: str | None
    co_units: str | None
    due_date: str | None
    state: str
    reply: str | None
    satisfaction: str | None
    closed_on: str | None
    overdue: bool
    office_id: str | None
    source_text: str | None = None          # what it came from, in words (consensus text, visit …)
    timeline: tuple[StateEvent, ...] = ()

    @property
    def state_zh(self) -> str:
        return state_zh(self.state)

    @property
    def next_states(self) -> tuple[str, ...]:
        if self.state == "evaluated" and self.satisfaction == UNSATISFIED:
            return tuple(s for s in MOVES["evaluated"] if s != "closed")
        return MOVES.get(self.state, ())


@dataclass(frozen=True)
class FollowUpFilter:
    states: tuple[str, ...] = ()
    overdue_only: bool = False
    group_id: str | None = None
    category_id: str | None = None
    source_table: str | None = None
    due_from: str | None = None
    due_to: str | None = None
    text: str = ""


def _today(today: dt.date | None) -> str:
    return (today or office_clock.today()).isoformat()


def is_overdue(due_date: str | None, state: str, today: dt.date | None = None) -> bool:
    return bool(due_date) and state != "closed" and due_date < _today(today)


_COLS = ("f.id, f.title, f.description, f.category_id, r.name, f.source_table, f.source_id, f.group_id, g.name, "
         "f.lead_unit, f.co_units, f.due_date, f.state, f.reply, f.satisfaction, f.closed_on")
_FROM = ("follow_up f LEFT JOIN liaison_group g ON g.id = f.group_id "
         "LEFT JOIN reference_item r ON r.id = f.category_id")


def _row(r, office_id, today: str, **extra) -> FollowUp:
    overdue = bool(r[11]) and r[12] != "closed" and r[11] < today
    return FollowUp(*r, overdue=overdue, office_id=office_id, **extra)


def _source_text(db: Database, source_table: str, source_id: str | None) -> str | None:
    if not source_id:
        return None
    if source_table == "consensus_item":
        row = db.execute("SELECT c.text, m.topic, substr(m.starts_at, 1, 10) FROM consensus_item c "
                         "JOIN meeting m ON m.id = c.meeting_id WHERE c.id = ?", [source_id]).fetchone()
        return f"{row[2]} {row[1]}：{row[0]}" if row else None
    if source_table == "visit":
        row = db.execute("SELECT v.visit_date, r.name, v.place FROM visit v LEFT JOIN reference_item r "
                         "ON r.id = v.kind_id WHERE v.id = ?", [source_id]).fetchone()
        return " ".join(x for x in row if x) if row else None
    if source_table == "opinion_report":
        row = db.execute("SELECT title FROM opinion_report WHERE id = ?", [source_id]).fetchone()
        return row[0] if row else None
    return None


def load_follow_up(db: Database, follow_up_id: str, *, today: dt.date | None = None) -> FollowUp:
    r = db.execute(f"SELECT {_COLS}, f.office_id FROM {_FROM} WHERE f.id = ? AND f.deleted = 0",
                   [follow_up_id]).fetchone()
    if r is None:
        raise NotFound("找不到这条督办事项", f"follow-up not found: {follow_up_id}")
    return _row(r[:-1], r[-1], _today(today), source_text=_source_text(db, r[5], r[6]),
                timeline=tuple(timeline.timeline(db, "follow_up", follow_up_id)))


MAX_DUE_YEARS = 5          # as for 交办: a due date further away is a typing slip (2999, 2062 for 2026)


def _check_values(values: dict) -> None:
    title = values.get("title")
    if "title" in values and (title is None or not str(title).strip()):
        raise ValidationError("督办事项的“事项”不能为空", "Follow-up: Item is required", code="required", field="title")
    due = values.get("due_date")
    try:
        day = dt.date.fromisoformat(str(due).strip()) if due else None
    except ValueError:
        day = None                  # not a date: the write path names it
    today = office_clock.today()
    if day is not None and day > today.replace(year=today.year + MAX_DUE_YEARS, day=min(today.day, 28)):
        # a slip of the year took the item off every overdue list for decades, without a word
        raise ValidationError(f"督办事项的“办理时限”{day} 太远（超过 {MAX_DUE_YEARS} 年），请核对年份",
                              f"Follow-up: the due date {day} is more than {MAX_DUE_YEARS} years away: check the year",
                              code="far_date", field="due_date")


def create_follow_up(db: Database, *, title: str, lead_unit: str | None = None, due_date: str | None = None,
                     category_id: str | None = None, description: str | None = None, co_units: str | None = None,
                     group_id: str | None = None, source_table: str = "other", source_id: str | None = None,
                     actor: str | None = None, note: str | None = None, office_id: str | None = None) -> str:
    """A new follow-up in state `open`, with the first event of its timeline. Returns its id."""
    values = {"title": title, "description": description, "category_id": category_id,
              "source_table": source_table, "source_id": source_id, "group_id": group_id,
              "lead_unit": lead_unit, "co_units": co_units, "due_date": due_date, "state": "open"}
    _check_values(values)
    with writing(db) as w:
        fid = w.insert("follow_up", values, office_id=office_id)
        timeline.record(w, "follow_up", fid, None, "open", actor=actor, note=note,
                        office_id=w.current("follow_up", fid)["office_id"])
    return fid



def update_follow_up(db: Database, follow_up_id: str, *, actor: str | None = None, **changes) -> list[str]:
    """Edit a follow-up's content (not its state). A closed follow-up must be reopened first.
    A changed due date is written on the timeline (who, when, from → to)."""
    only_fields(changes, EDITABLE)
    _check_values(changes)
    with writing(db) as w:
        row = w.live("follow_up", follow_up_id)
        if row["state"] == "closed":
            raise RecordLocked("该督办事项已办结，如需修改请先“重新办理”",
                               "the follow-up is closed; reopen it to make changes")
        _check_step_fields(row, changes)
        changed = w.update("follow_up", follow_up_id, changes)
        if "due_date" in changed:
            new = w.current("follow_up", follow_up_id)["due_date"]
            timeline.record(w, "follow_up", follow_up_id, row["state"], row["state"], actor=actor,
                            note=due_change_note(row["due_date"], new), office_id=row["office_id"])
        return changed


# The reply and the evaluation are recorded by their steps (记录办理答复, 记录满意度评价), which put them on the
# timeline; editing them is correcting what a step recorded: the reply once replied, the evaluation once made.
# (Typed into the editor in 已交办 they were stored without a step: a reply nobody recorded giving.)
STEP_FIELDS = {"reply": (("replied", "evaluated"), "记录办理答复", "Record the reply"),
               "satisfaction": (("evaluated",), "记录满意度评价", "Record the evaluation")}


def state_zh(state: str) -> str:
    """The Chinese name of a state; one this program does not know (a record changed outside it) is said as such
    (as db.assignments.status_label does)."""
    return coded_label(STATE_LABELS, state)[0]


def _check_step_fields(row: dict, changes: dict) -> None:
    if row["state"] == "evaluated" and row.get("satisfaction") == UNSATISFIED and "satisfaction" in changes \
            and changes["satisfaction"] != UNSATISFIED:
        # 闭环: 不满意 is answered by handling it again, not by correcting the verdict in the form (that made it
        # 满意 without a step on the timeline, and 办结 was offered)
        raise ValidationError("评价为“不满意”的督办事项不能在这里改为满意：请“重新办理”，再次答复后重新评价",
                              "an evaluation of unsatisfied is not changed here: reopen the follow-up (重新办理), "
                              "reply and evaluate it again", code="unsatisfied", field="satisfaction")
    for name, (states, step_zh, step_en) in STEP_FIELDS.items():
        if name in changes and changes[name] != row.get(name) and row["state"] not in states:
            label_zh, label_en = ("办理答复", "the reply") if name == "reply" else ("满意度", "the satisfaction")
            raise StateError(f"{label_zh}请用“{step_zh}”录入（当前状态：{state_zh(row['state'])}）",
                             f"{label_en} is recorded with “{step_en}” (the follow-up is {row['state']})",
                             code="by_step", field=name)


DUE_NOTE_PREFIX = "办理时限调整："


def due_change_note(old: str | None, new: str | None) -> str:
    """The timeline note of a changed due date: 办理时限调整：2026-12-01 → 2026-12-31 (— when none)."""
    return f"{DUE_NOTE_PREFIX}{old or '—'} → {new or '—'}"


def move_follow_up(db: Database, follow_up_id: str, to_state: str, *, actor: str | None = None,
                   note: str | None = None, at: str | None = None, reply: str | None = None,
                   satisfaction: str | None = None, lead_unit: str | None = None) -> StateEvent:
    """Move a follow-up to its next state and record who and when. Returns the new event.

    assigned needs a lead unit; replied needs the reply text; evaluated needs the satisfaction."""
    at = timeline.check_at(db, at, "follow_up", follow_up_id)
    with writing(db) as w:
        row = w.live("follow_up", follow_up_id)
        current = row["state"]
        timeline.check_move(MOVES, STATE_LABELS, current, to_state)
        changes: dict = {"state": to_state}
        if lead_unit is not None:
            changes["lead_unit"] = lead_unit
        if reply is not None:
            changes["reply"] = reply
        if satisfaction is not None:
            changes["satisfaction"] = satisfaction
        merged = {**row, **{k: (v.strip() if isinstance(v, str) else v) or None for k, v in changes.items()}}
        if to_state == "assigned" and not merged["lead_unit"]:
            raise StateError("交办前请填写主办单位", "a lead unit is needed to assign", code="needs_lead_unit")
        if to_state == "replied" and not merged["reply"]:
            raise StateError("请填写办理答复内容", "the reply text is needed", code="needs_reply")
        if to_state == "evaluated" and not merged["satisfaction"]:
            raise StateError("请选择满意度", "choose the satisfaction", code="needs_satisfaction")
        if to_state == "closed" and merged["satisfaction"] == UNSATISFIED:
            raise StateError("评价为“不满意”的督办事项不能办结：请“重新办理”，再次答复并评价",
                             "a follow-up evaluated as unsatisfied cannot be closed: reopen it (重新办理), then "
                             "reply and evaluate again", code="unsatisfied", field="satisfaction")
        if to_state == "closed":
            changes["closed_on"] = at[:10]
        elif to_state == "reopened":
            changes["closed_on"] = None
            changes["satisfaction"] = None
        w.update("follow_up", follow_up_id, changes)
        eid = timeline.record(w, "follow_up", follow_up_id, current, to_state, actor=actor, note=note, at=at,
                              office_id=row["office_id"])
    return next(e for e in timeline.timeline(db, "follow_up", follow_up_id) if e.id == eid)


def add_note(db: Database, follow_up_id: str, note: str, *, actor: str | None = None,
             at: str | None = None) -> str:
    """A supervision note (督办意见) on the timeline that does not change the state."""
    if not note or not note.strip():
        raise ValidationError("请填写说明", "the note is empty", code="required", field="note")
    at = timeline.check_at(db, at, "follow_up", follow_up_id)
    with writing(db) as w:
        row = w.live("follow_up", follow_up_id)
        return timeline.record(w, "follow_up", follow_up_id, row["state"], row["state"], actor=actor, note=note,
                               at=at, office_id=row["office_id"])


def delete_follow_up(db: Database, follow_up_id: str) -> None:
    """Delete an open follow-up made by mistake; once assigned it is part of the record."""
    with writing(db) as w:
        row = w.live("follow_up", follow_up_id)
        if row["state"] != "open":
            raise RecordLocked("已交办的督办事项不能删除，可以办结", "only an open follow-up can be deleted")
        w.delete("follow_up", follow_up_id)


def follow_ups_from(db: Database, source_table: str, source_ids: list[str], *,
                    today: dt.date | None = None) -> list[FollowUp]:
    """The follow-ups made from the given source records (consensus items, a visit, a report)."""
    if not source_ids:
        return []
    marks = ", ".join("?" * len(source_ids))
    rows = db.execute(f"SELECT {_COLS}, f.office_id FROM {_FROM} WHERE f.source_id IN ({marks}) "
                      f"AND f.source_table = ? AND f.deleted = 0 ORDER BY f.due_date, f.id",
                      [*source_ids, source_table]).fetchall()
    t = _today(today)
    return [_row(r[:-1], r[-1], t) for r in rows]


def _where(flt: FollowUpFilter, today: str) -> tuple[str, list]:
    w = Where("f.deleted = 0").one_of("f.state", flt.states)
    if flt.overdue_only:
        w.add("f.due_date < ? AND f.state <> 'closed'", [today])
    w.equal("f.group_id", flt.group_id).equal("f.category_id", flt.category_id)
    w.equal("f.source_table", flt.source_table)
    return w.since("f.due_date", flt.due_from).until("f.due_date", flt.due_to).text(flt.text, "f.id", "follow_up").build()


def list_follow_ups(db: Database, flt: FollowUpFilter = FollowUpFilter(), *, sort: str = "due_date",
                    descending: bool = False, limit: int = 100, offset: int = 0,
                    today: dt.date | None = None) -> list[FollowUp]:
    """A page of follow-ups. Without a due date they sort last; ties by id (creation order)."""
    t = _today(today)
    where, params = _where(flt, t)
    col = SORTS.get(sort)
    if col is None:
        raise ValueError(f"unknown sort {sort!r}")
    direction = "DESC" if descending else "ASC"
    rows = db.execute(f"SELECT {_COLS}, f.office_id FROM {_FROM} WHERE {where} "
                      f"ORDER BY {col} IS NULL, {col} {direction}, f.rowid {direction} LIMIT ? OFFSET ?",
                      [*params, limit, offset]).fetchall()
    return [_row(r[:-1], r[-1], t) for r in rows]


def count_follow_ups(db: Database, flt: FollowUpFilter = FollowUpFilter(), *,
                     today: dt.date | None = None) -> int:
    where, params = _where(flt, _today(today))
    needs_join = "g." in where or "r." in where
    table = _FROM if needs_join else "follow_up f"
    return db.execute(f"SELECT count(*) FROM {table} WHERE {where}", params).fetchone()[0]


def count_by_state(db: Database, *, today: dt.date | None = None) -> dict[str, int]:
    """How many follow-ups are in each state, plus 'overdue' (for the list's filter buttons and 首页)."""
    out = dict.fromkeys(STATE_LABELS, 0)
    for state, n in db.execute("SELECT state, count(*) FROM follow_up WHERE deleted = 0 GROUP BY state"):
        out[state] = n
    out["overdue"] = db.execute("SELECT count(*) FROM follow_up WHERE deleted = 0 AND state <> 'closed' "
                                "AND due_date < ?", [_today(today)]).fetchone()[0]
    return out
