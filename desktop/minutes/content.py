"""What printed minutes say, as plain frozen dataclasses, and the conversion from db.minutes_source."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from db.errors import StateError


@dataclass(frozen=True)
class Person:
    """Someone on the attendance list. `unit`: work unit (member) or unit (guest);
    `note`: the reason for leave, or a guest's kind (群众代表, 部门工作人员, 专家 …)."""

    name: str
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Speech:
    speaker: str
    summary: str
    is_member: bool = True          # False: a speaker typed by name (a resident, a department's staff)


@dataclass(frozen=True)
class AgendaItem:
    title: str
    background: str = ""
    speeches: tuple[Speech, ...] = ()
    decision: str = ""          # 会议认为 / 指出 / 决定 / 要求 …, as written


@dataclass(frozen=True)
class FollowUpRow:
    item: str
    responsible: str = ""       # 责任单位 (lead unit; co-units after it)
    due: str = ""               # ISO date
    status: str = ""            # as printed (Chinese)


@dataclass(frozen=True)
class MinutesData:
    group_name: str
    title: str                  # the red heading, e.g. "新华路街道政协委员联络组协商议事会纪要"
    date: str                   # ISO date of the meeting
    kind: str = ""              # meeting kind, e.g. 协商议事会
    topic: str = ""
    issue_no: str = ""
    start_time: str = ""        # "09:30"
    end_time: str = ""          # 散会 time
    place: str = ""
    chair: str = ""
    recorder: str = ""
    overview: str = ""          # free text after the opening sentence
    present: tuple[Person, ...] = ()
    on_leave: tuple[Person, ...] = ()
    absent: tuple[Person, ...] = ()
    guests: tuple[Person, ...] = ()   # 列席
    agenda: tuple[AgendaItem, ...] = ()
    consensus: tuple[str, ...] = ()
    follow_ups: tuple[FollowUpRow, ...] = ()
    attachments: tuple[str, ...] = ()
    state: str = "draft"        # draft | final
    revision: int = 1
    signed_on: str = ""         # ISO date printed under the signatures (final); default: the meeting date
    meeting_id: str = ""

    def __post_init__(self):
        if self.state not in ("draft", "final"):
            raise ValueError(f"state must be draft or final, not {self.state!r}")
        dt.date.fromisoformat(self.date)

    @property
    def due_count(self) -> int:
        return len(self.present) + len(self.on_leave) + len(self.absent)

    @property
    def present_count(self) -> int:
        return len(self.present)

    @property
    def absent_count(self) -> int:
        """Members not there, on leave or not."""
        return len(self.on_leave) + len(self.absent)

    @property
    def is_final(self) -> bool:
        return self.state == "final"


def heading_for(group_name: str, kind: str) -> str:
    """The kind's own title (…协商议事会纪要, …调研纪要), or "<group>会议纪要" without a kind."""
    return f"{group_name}{kind or '会议'}纪要"


def _date_time(value: str | None) -> tuple[str, str]:
    if not value:
        return "", ""
    date, _, time = value.replace(" ", "T").partition("T")
    return date, time[:5]


def text(value: str | None) -> str:
    return (value or "").strip()


def _speech(s: dict) -> Speech:
    return Speech(text(s["speaker"]), text(s["summary"]), bool(s.get("is_member", True)))


def minutes_from_source(src: dict) -> MinutesData:
    """MinutesData from db.minutes_source.load_minutes_data(). A cancelled or only planned meeting
    has no minutes (StateError)."""
    m = src["meeting"]
    if m["state"] in ("planned", "cancelled"):
        if m["state"] == "cancelled":
            raise StateError("会议已取消，没有纪要", "the meeting was cancelled: it has no minutes", code="no_minutes")
        # what to do, not only why not: a planned meeting gets its minutes once it is marked as held
        raise StateError("会议尚未召开，没有纪要：会议开过以后，请先把它标记为已召开（会议上方的“标记为已召开”），"
                         "再生成纪要",
                         "the meeting has not been held yet, so it has no minutes: once it has been held, mark it "
                         "as held first (Mark as held, above the meeting), then make its minutes", code="no_minutes")
    date, start = _date_time(m["starts_at"])
    end_date, end = _date_time(m["ends_at"])
    if end_date and end_date != date:
        end = f"{end_date} {end}"
    people: dict[str, list[Person]] = {"present": [], "leave": [], "absent": [], "attending": []}
    for a in src["attendance"]:
        if a["status"] not in people:           # changed outside the program: named, never a KeyError
            raise StateError(f"{text(a['name'])}的出席情况无法识别（{a['status']}）：记录已在本程序之外被改动，请在会议中"
                             f"重新勾选出席、请假或缺席后再生成纪要",
                             f"the attendance of {text(a['name'])} is not recognised ({a['status']}): the record was "
                             f"changed outside this program; tick present, on leave or absent again in the meeting, "
                             f"then make the minutes", code="bad_state")
        note = text(a["reason"]) if a["status"] == "leave" else text(a.get("guest_kind"))
        people[a["status"]].append(Person(text(a["name"]), text(a["unit"]), note))
    agenda = [AgendaItem(text(a["title"]), text(a["background"]),
                         tuple(_speech(s) for s in a["speeches"]),
                         text(a["decision"])) for a in src["agenda"]]
    loose = src.get("speeches_without_item") or []
    if loose:
        agenda.append(AgendaItem("其他发言", speeches=tuple(_speech(s) for s in loose)))
    follow_ups = []
    for f in src["follow_ups"]:
        unit = text(f["lead_unit"])
        if text(f["co_units"]):
            unit = f"{unit}（协办：{text(f['co_units'])}）" if unit else f"协办：{text(f['co_units'])}"
        follow_ups.append(FollowUpRow(text(f["title"]), unit, text(f["due_date"]), text(f["state_zh"])))
    kind = text(m.get("kind_name"))
    group = text(m["group_name"])
    return MinutesData(
        group_name=group, title=heading_for(group, kind), date=date, kind=kind, topic=text(m["topic"]),
        issue_no=text(m["issue_no"]), start_time=start, end_time=end, place=text(m["place"]),
        chair=text(m["chair"]), recorder=text(m["recorder"]), overview=text(m["overview"]),
        present=tuple(people["present"]), on_leave=tuple(people["leave"]), absent=tuple(people["absent"]),
        guests=tuple(people["attending"]), agenda=tuple(agenda),
        consensus=tuple(text(c["text"]) for c in src["consensus"]),
        follow_ups=tuple(follow_ups), attachments=tuple(text(a["name"]) for a in src["attachments"]),
        state="final" if m["state"] == "final" else "draft", revision=m["revision"] or 1,
        signed_on=_date_time(m["finalized_at"])[0] if m["state"] == "final" else "",
        meeting_id=m["id"])
