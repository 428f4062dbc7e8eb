"""The dated timeline (办理过程) of follow-ups, opinion reports and meetings: one state_event per step.

A state move and its event are written in the same transaction (callers pass their Writer), so a
record's state and its timeline never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import today as office_clock
from .connection import Database
from .errors import StateError, ValidationError
from .validate import clean
from .write import Writer

SUBJECTS = ("follow_up", "opinion_report", "meeting")


@dataclass(frozen=True)
class StateEvent:
    id: str
    subject_table: str
    subject_id: str
    at: str
    from_state: str | None
    to_state: str | None
    actor: str | None
    actor_office_id: str | None
    actor_office_name: str | None
    note: str | None

    @property
    def is_note(self) -> bool:
        """A supervision note that did not change the state."""
        return self.from_state == self.to_state


def now_text() -> str:
    """Local wall-clock time as stored in DATETIME fields (seconds precision)."""
    return office_clock.now().isoformat(timespec="seconds")


def this_office_id(db: Database) -> str | None:
    row = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
    return row[0] if row else None


def record(w: Writer, subject_table: str, subject_id: str, from_state: str | None, to_state: str | None, *,
           actor: str | None = None, note: str | None = None, at: str | None = None,
           office_id: str | None = None) -> str:
    """Append one event to a record's timeline inside the caller's write transaction."""
    if subject_table not in SUBJECTS:
        raise ValueError(subject_table)
    return w.insert("state_event", {
        "subject_table": subject_table, "subject_id": subject_id, "at": at or now_text(),
        "from_state": from_state, "to_state": to_state, "actor": actor or w.actor,   # w.actor: who signed in
        "actor_office_id": w.office_id, "note": note}, office_id=office_id)


def check_at(db: Database, at: str | None, subject_table: str, subject_id: str) -> str:
    """Validate a user-given event time (or take now). A given time may not be after the current minute,
    nor before the record's last step: the timeline reads in the order things happened."""
    last = db.execute("SELECT max(at) FROM state_event WHERE subject_id = ? AND subject_table = ? AND deleted = 0",
                      [subject_id, subject_table]).fetchone()[0]
    typed = (at or "").strip()
    if at is not None:
        at = clean(db, "state_event", {"at": at}, partial=True)["at"]
    if at is None:
        # now; or the last step's time when that was stored a few minutes ahead (by a version that allowed typing
        # it, or a PC whose clock ran fast): the step taken after it was stored before it, and the timeline read
        # 已报送 above 已成稿
        now = now_text()
        slack = (office_clock.now() + dt.timedelta(minutes=5)).isoformat(timespec="seconds")
        return last if last and now < last <= slack else now
    to_the_minute = len(at) == 16
    if to_the_minute:
        at += ":00"
    # to the minute, as it is typed and shown: the minute it is now is not the future, the next one is (a step
    # typed a few minutes ahead was taken, and the timeline then said it happened before it did)
    now_minute = office_clock.now().isoformat(timespec="minutes")
    if at[:16] > now_minute:
        shown_now = now_minute.replace("T", " ")
        raise ValidationError(f"办理时间“{typed}”晚于现在（{shown_now}），请核对时间",
                              f"the time {typed} is after now ({shown_now}): check the time",
                              code="future_time", field="at")
    if last and at < last and to_the_minute and at[:16] == last[:16]:
        at = last       # the minute of the last step, typed as the timeline shows it (to the minute): after it
    if last and at < last:
        shown = last.replace("T", " ")
        raise ValidationError(f"办理时间“{typed}”不能早于上一步的时间（{shown}）",
                              f"the time {typed} is before the last step ({shown})",
                              code="before_last_step", field="at")
    return at


def coded_label(labels: dict[str, tuple[str, str]], value: str | None,
                what: tuple[str, str] = ("状态", "state")) -> tuple[str, str]:
    """(Chinese, English) of a coded value (a state, a result …) from its `labels`; one this program does not know
    (a damaged record, or one written outside the program) is said as such (状态无法识别：x) instead of failing
    whatever shows it; `what` names the kind of value in that text."""
    return labels.get(value) or (f"{what[0]}无法识别：{value}", f"unknown {what[1]}: {value}")


def check_move(moves: dict[str, tuple[str, ...]], labels: dict[str, tuple[str, str]], current: str,
               target: str) -> None:
    """Raise StateError unless `current → target` is one of `moves`."""
    if target not in labels:
        raise StateError(f"未知的状态“{target}”", f"unknown state '{target}'", code="bad_state")
    if target not in moves.get(current, ()):
        cz, ce = coded_label(labels, current)      # a state changed outside the program: said, never a KeyError
        tz, te = labels[target]
        raise StateError(f"不能从“{cz}”改为“{tz}”", f"cannot move from '{ce}' to '{te}'", code="bad_move")


def timeline(db: Database, subject_table: str, subject_id: str) -> list[StateEvent]:
    """Every step of a record, oldest first (ties keep the order they were written in)."""
    rows = db.execute(
        "SELECT e.id, e.subject_table, e.subject_id, e.at, e.from_state, e.to_state, e.actor, "
        "e.actor_office_id, o.name, e.note FROM state_event e LEFT JOIN office o ON o.id = e.actor_office_id "
        "WHERE e.subject_id = ? AND e.subject_table = ? AND e.deleted = 0 ORDER BY e.at, e._rc",
        [subject_id, subject_table]).fetchall()
    return [StateEvent(*r) for r in rows]
