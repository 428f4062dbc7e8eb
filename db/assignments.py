"""交办 / 反馈: work an office hands to its lower offices, their receipts and answers, one timeline across offices.

One `assignment` row per receiving office, owned by the receiver (so the ordinary sync scope carries it
down to the receiver and its answer up to the sender and above). The sender writes the assignment's
fields (title, what is asked, source, due date, its verdict on an answer); the receiver writes its
receipt and answer (`state`, `answer` …): db.sync.scope checks both on import, db/sync/README.md has
the rule. Rows handed to several offices at once share a `batch_id`, the number a person quotes.

What a person sees as the state is derived from both halves:
  new 待签收 → accepted 已签收 → in_progress 办理中 → answered 已反馈 → done 已办结
                                                        ↘ returned 已退回 → in_progress … (answered again)
  new / accepted / in_progress / returned → withdrawn 已撤回 (the sender takes back work it no longer asks for, with a reason)
A withdrawal is the sender's half (`withdrawn_at`, `withdrawn_note`), so it travels down like any change of what
was asked; it wins over an answer that crossed it on the way (the answer is kept and shown, nothing more is
asked), and a withdrawn assignment leaves every to-do list at both ends. A part handed down whose answer waits for
review when the assignment above it is withdrawn is withdrawn with it (`withdrawn_above`): the office that handed
it down is not asked to review an answer to work nobody asks for any more. Every part still open below (not
answered yet, sent back, or that answer) is that office's to withdraw: a township never holds the row above its own
part (its copy of it is as it was handed down), so only its own part, withdrawn, tells it. The office is asked to
(home_items 'withdraw_parts') and withdraws them all in one step with the reason from above (withdraw_parts).
The same holds when the sender accepts the office's answer (已办结) while parts it handed down are still to be answered
(待签收, 已签收, 办理中, 已退回): nothing more is asked from above, so the office is asked to withdraw them (reason
上级已办结) or to keep them open on purpose (keep_parts, a 'parts_kept' step on its own row, which ends the asking).
Answers below waiting for its review are not among them: it still reviews those.
Overdue is derived, never stored: due date passed and not yet answered. Every step is a state_event
(subject `assignment`) owned by the row's receiver, written by whichever side took the step.
"""

from __future__ import annotations

import datetime as dt
import shutil
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import today as office_clock
from .attachments import store_file, store_root
from .clock import uuid7
from .connection import Database
from .errors import NotFound, StateError, ValidationError
from .timeline import coded_label, this_office_id
from .write import Writer, writing

STATUS_LABELS: dict[str, tuple[str, str]] = {
    "new": ("待签收", "New"),
    "accepted": ("已签收", "Received"),
    "in_progress": ("办理中", "In progress"),
    "answered": ("已反馈", "Answered"),
    "returned": ("已退回", "Sent back"),
    "done": ("已办结", "Done"),
    "withdrawn": ("已撤回", "Withdrawn"),
}


def status_label(status: str) -> tuple[str, str]:
    """(Chinese, English) of a status; a value this program does not know (a damaged record, or one written by
    hand) is said as such instead of failing whatever shows it."""
    return coded_label(STATUS_LABELS, status)


EVENT_LABELS: dict[str, tuple[str, str]] = {
    "sent": ("交办", "Sent"),
    "accepted": ("签收", "Received"),
    "in_progress": ("开始办理", "Started"),
    "answered": ("反馈", "Answered"),
    "done": ("审核通过", "Answer accepted"),
    "returned": ("退回重办", "Sent back"),
    "handed_down": ("转交下级", "Handed down"),
    "linked": ("关联工作记录", "Linked a record"),
    "edited": ("修改交办内容", "Changed"),
    "withdrawn": ("撤回交办", "Withdrawn"),
    "parts_kept": ("保留下级办理", "Parts below kept open"),
}
SOURCE_LABELS: dict[str, tuple[str, str]] = {
    "instruction": ("领导批示", "Leader's instruction"),
    "follow_up": ("督办事项", "Follow-up"),
    "opinion_report": ("社情民意", "Opinion report"),
    "consensus": ("协商共识", "Consensus"),
    "other": ("其他", "Other"),
}
MAX_DUE_YEARS = 5          # a due date further away is a typing slip (9999-12-31, 2062 for 2026)
SENDER_EDITABLE = ("title", "request", "source_kind", "source_text", "source_id", "due_date", "remind_days")
LINKABLE = {"follow_up": ("督办事项", "title", "due_date"), "visit": ("走访接待", "place", "visit_date"),
            "meeting": ("会议", "topic", "starts_at"), "opinion_report": ("社情民意", "title", "collected_on")}
STATUSES = (*STATUS_LABELS, "overdue")


@dataclass(frozen=True)
class Assignment:
    id: str
    batch_id: str
    office_id: str                 # the receiving office
    receiver_name: str
    receiver_code: str
    sender_office_id: str
    sender_name: str
    sender_code: str
    parent_id: str | None
    title: str
    request: str | None
    source_kind: str
    source_text: str | None
    source_id: str | None
    due_date: str | None
    remind_days: int
    sent_at: str
    verdict: str | None
    verdict_round: int
    verdict_note: str | None
    verdict_at: str | None
    state: str
    accepted_at: str | None
    answer: str | None
    answer_round: int
    answered_at: str | None
    withdrawn_at: str | None = None
    withdrawn_note: str | None = None
    above_withdrawn_at: str | None = None       # the assignment this part was handed down from: withdrawn when,
    above_withdrawn_note: str | None = None     # why,
    above_sender_name: str | None = None        # and by whom (the office above this part's sender)
    today: str = ""

    @property
    def _own_status(self) -> str:
        if self.withdrawn_at:
            return "withdrawn"
        if self.state == "answered" and self.verdict_round == self.answer_round and self.verdict:
            return "done" if self.verdict == "accepted" else "returned"
        return self.state

    @property
    def withdrawn_above(self) -> bool:
        """An answer waiting for review under an assignment its sender withdrew: nothing more is asked of it."""
        return bool(self.above_withdrawn_at) and self._own_status == "answered"

    @property
    def status(self) -> str:
        return "withdrawn" if self.withdrawn_above else self._own_status

    @property
    def withdrawable(self) -> bool:
        """Its sender may withdraw it: nothing answered waits for review, or the answer waiting is withdrawn above
        (withdrawing it then tells the receiver, whose copy still reads 已反馈: it never holds the row above)."""
        return self.withdrawn_above or (not self.withdrawn_at and self.status in WITHDRAWABLE)

    @property
    def status_zh(self) -> str:
        return status_label(self.status)[0]

    @property
    def awaiting_answer(self) -> bool:
        return self.status in ("new", "accepted", "in_progress", "returned")

    @property
    def overdue(self) -> bool:
        """Due date passed and the receiver has not answered (a sent-back answer counts as not answered)."""
        return bool(self.due_date) and self.awaiting_answer and self.due_date < self.today

    @property
    def answered_late(self) -> bool:
        return bool(self.due_date and self.answered_at) and self.answered_at[:10] > self.due_date

    @property
    def days_left(self) -> int | None:
        if not self.due_date or not self.today:
            return None
        return (dt.date.fromisoformat(self.due_date) - dt.date.fromisoformat(self.today)).days

    @property
    def due_soon(self) -> bool:
        """Within `remind_days` of the due date and still to answer (the home page's reminder)."""
        left = self.days_left
        return left is not None and self.awaiting_answer and 0 <= left <= self.remind_days


@dataclass(frozen=True)
class ChainEvent:
    at: str
    assignment_id: str
    kind: str
    actor_office: str | None
    receiver: str
    note: str | None
    actor: str | None = None      # the person signed in at that office (accounts on), else None

    @property
    def who(self) -> str | None:
        """The office, and the person when one was signed in: 南明区政协（王芳）."""
        if self.actor and self.actor_office:
            return f"{self.actor_office}（{self.actor}）"
        return self.actor_office or self.actor

    @property
    def label_zh(self) -> str:
        return EVENT_LABELS.get(self.kind, (self.kind, self.kind))[0]


@dataclass(frozen=True)
class Chain:
    """An assignment with everything handed down from it, and every step of every office, by date."""
    rows: tuple[Assignment, ...]
    depth: dict[str, int] = field(default_factory=dict)
    events: tuple[ChainEvent, ...] = ()


_COLS = ("a.id, a.batch_id, a.office_id, r.name, r.code, a.sender_office_id, s.name, s.code, a.parent_id, a.title, "
         "a.request, a.source_kind, a.source_text, a.source_id, a.due_date, a.remind_days, a.sent_at, a.verdict, "
         "a.verdict_round, a.verdict_note, a.verdict_at, a.state, a.accepted_at, a.answer, a.answer_round, "
         "a.answered_at, a.withdrawn_at, a.withdrawn_note, p.withdrawn_at, p.withdrawn_note, ps.name")
_FROM = ("assignment a JOIN office r ON r.id = a.office_id JOIN office s ON s.id = a.sender_office_id "
         "LEFT JOIN assignment p ON p.id = a.parent_id AND p.deleted = 0 "
         "LEFT JOIN office ps ON ps.id = p.sender_office_id")


def _today() -> str:
    return office_clock.today().isoformat()


def _rows(db: Database, where: str, params: Iterable = (), order: str = "a.sent_at, a.rowid") -> list[Assignment]:
    t = _today()
    return [Assignment(*r, today=t) for r in db.execute(
        f"SELECT {_COLS} FROM {_FROM} WHERE a.deleted = 0 AND ({where}) ORDER BY {order}", list(params))]


def get_assignment(db: Database, assignment_id: str) -> Assignment:
    found = _rows(db, "a.id = ?", [assignment_id])
    if not found:
        raise NotFound("找不到这项交办", f"assignment not found: {assignment_id}")
    return found[0]


def batch(db: Database, number: str) -> list[Assignment]:
    """The rows of one handing (its number, `batch_id`): one a receiving office."""
    return _rows(db, "a.batch_id = ?", [number], order="r.code")


def find(db: Database, ref: str, *, side: str | None = None, office_code: str | None = None) -> Assignment:
    """The one row meant by `ref` (a row id, or the number of an assignment sent to several offices):
    `side` 'received' (this office's own row) or 'sent' (a row this office sent); `office_code` picks the
    receiver when a sent assignment went to several."""
    me = this_office_id(db)
    where, params = "(a.id = ? OR a.batch_id = ?)", [ref, ref]
    if side == "received":
        where += " AND a.office_id = ?"
        params.append(me)
    elif side == "sent":
        where += " AND a.sender_office_id = ?"
        params.append(me)
    if office_code:
        where += " AND r.code = ?"
        params.append(office_code)
    found = _rows(db, where, params)
    if not found:
        what = {"received": "本机构收到的", "sent": "本机构交办的"}.get(side or "", "")
        raise NotFound(f"找不到{what}交办事项 {ref}", f"no {side or ''} assignment {ref}".replace("  ", " "))
    if len(found) > 1:
        codes = "、".join(a.receiver_code for a in found)
        raise ValidationError(f"交办事项 {ref} 交给了多个机构（{codes}），请指明是哪一个机构",
                              f"assignment {ref} went to several offices ({codes}); name the office",
                              code="ambiguous", field="office")
    return found[0]


# -- the sender's side ----------------------------------------------------------------------------
def _check_text(value: str | None, zh: str, en: str, name: str) -> str:
    if value is None or not str(value).strip():
        raise ValidationError(f"请填写{zh}", f"{en} is required", code="required", field=name)
    return str(value).strip()


def _check_due(due_date: str | None) -> str | None:
    if due_date in (None, ""):
        return None
    try:        # ２０２６－１２－３１ as a Chinese input method in full-width mode types it
        day = dt.date.fromisoformat(unicodedata.normalize("NFKC", str(due_date)).strip())
    except ValueError:
        raise ValidationError(f"办理时限“{due_date}”不是有效日期（格式 2026-12-31）",
                              f"due date {due_date!r} is not a date (YYYY-MM-DD)", code="bad_date",
                              field="due_date") from None
    today = office_clock.today()
    if day < today:
        raise ValidationError(f"办理时限 {day} 已经过去，请给出今天或以后的日期",
                              f"the due date {day} has passed", code="past_date", field="due_date")
    if day > today.replace(year=today.year + MAX_DUE_YEARS, day=min(today.day, 28)):
        raise ValidationError(f"办理时限 {day} 太远（超过 {MAX_DUE_YEARS} 年），请核对年份",
                              f"the due date {day} is more than {MAX_DUE_YEARS} years away: check the year",
                              code="far_date", field="due_date")
    return day.isoformat()


def _within_parent(due: str | None, parent: Assignment | None) -> None:
    """A part handed further down is due no later than the office itself must answer (the township saw two
    deadlines, the city's to the district and a later one from the district)."""
    if parent is not None and parent.due_date and due and due > parent.due_date:
        raise ValidationError(f"办理时限 {due} 晚于{parent.sender_name}给本机构的时限 {parent.due_date}：转交下级的时限"
                              f"不能晚于本机构要答复的时限",
                              f"the due date {due} is after {parent.due_date}, when this office must answer "
                              f"{parent.sender_code}: a part handed down is due no later", code="after_parent",
                              field="due_date")


def _event(w: Writer, row: dict, kind: str, before: str | None, note: str | None = None, at: str | None = None):
    w.insert("state_event", {"subject_table": "assignment", "subject_id": row["id"],
                             "at": at or office_clock.now_text(), "from_state": before, "to_state": kind,
                             "actor_office_id": w.office_id, "actor": w.actor, "note": note},
             office_id=row["office_id"])    # w.actor: who signed in (accounts on), as on a follow-up's timeline


def create_assignment(db: Database, *, to: Iterable[str], title: str, request: str | None = None,
                      due_date: str | None = None, source_kind: str = "other", source_text: str | None = None,
                      source_id: str | None = None, parent_id: str | None = None, remind_days: int = 3,
                      files: Iterable[str | Path] = ()) -> str:
    """Hand work to offices directly below this one (`to`: office ids). Returns the assignment's number
    (`batch_id`); each receiver gets a row of its own. `parent_id`: a received assignment this office
    hands a part of further down (it is marked received if it was not)."""
    me = this_office_id(db)
    receivers = list(dict.fromkeys(to))
    title = _check_text(title, "交办事项的标题", "the title", "title")
    due = _check_due(due_date)
    if source_kind not in SOURCE_LABELS:
        raise ValidationError("交办来源无效", f"bad source {source_kind!r}", code="bad_choice", field="source_kind")
    if not receivers:
        raise ValidationError("请选择接收交办的下级机构", "choose the offices to send it to", code="required",
                              field="to")
    below = {r[0]: r[1] for r in db.execute("SELECT id, name FROM office WHERE parent_id = ? AND deleted = 0 "
                                            "AND deactivated_on IS NULL", [me])}      # 停用: nothing more to it
    for oid in receivers:
        if oid not in below:
            row = db.execute("SELECT name, parent_id, deactivated_on FROM office WHERE id = ? AND deleted = 0",
                             [oid]).fetchone()
            name = row[0] if row else oid
            if row and row[1] == me and row[2]:        # below this office, but taken off the register
                raise ValidationError(f"“{name}”已于 {row[2]} 停用，不再接收交办（可由市政协在“同步 › 机构与密钥”"
                                      f"中重新启用）", f"{name} was deactivated on {row[2]} and takes no more "
                                      f"assignments (the city can take it back into use under 同步 › offices)",
                                      code="deactivated", field="to")
            raise ValidationError(f"“{name}”不是本机构的直接下级，只能向直接下级交办",
                                  f"{name} is not directly below this office", code="not_below", field="to")
    parent = None
    if parent_id:
        parent = get_assignment(db, parent_id)
        if parent.office_id != me:
            raise ValidationError("只能转交本机构收到的交办事项", "only an assignment this office received can be "
                                  "handed down", code="not_received", field="parent_id")
        if parent.status == "done":
            raise StateError("该交办事项已办结，不能再转交", "the assignment is done", code="done")
        _check_not_withdrawn(parent)
        _within_parent(due, parent)
    stored = [(Path(f).name, *store_file(store_root(db), f)) for f in files]
    now = office_clock.now_text()
    batch = uuid7()
    with writing(db) as w:
        if parent is not None:
            prow = w.live("assignment", parent.id)
            if prow["state"] == "new":
                w.update("assignment", parent.id, {"state": "accepted", "accepted_at": now})
                _event(w, prow, "accepted", "new", at=now)
            _event(w, prow, "handed_down", parent.status, "、".join(below[o] for o in receivers) + "：" + title, at=now)
        for oid in receivers:
            aid = w.insert("assignment", {
                "batch_id": batch, "sender_office_id": me, "parent_id": parent_id, "title": title,
                "request": (request or "").strip() or None, "source_kind": source_kind,
                "source_text": (source_text or "").strip() or None, "source_id": source_id, "due_date": due,
                "remind_days": remind_days, "sent_at": now, "state": "new", "answer_round": 0,
                "verdict_round": 0}, office_id=oid)
            row = {"id": aid, "office_id": oid}
            _event(w, row, "sent", None, at=now)
            for name, sha, size in stored:
                w.insert("attachment", {"owner_table": "assignment", "owner_id": aid, "name": name[:255],
                                        "sha256": sha, "size": size, "kind": "other"}, office_id=oid)
    return batch


def update_assignment(db: Database, assignment_id: str, **changes) -> list[str]:
    """The sender changes what it asked (title, text, source, due date); the receiver sees it next sync."""
    unknown = set(changes) - set(SENDER_EDITABLE)
    if unknown:
        raise ValidationError("这些内容不能在这里修改", f"not editable here: {sorted(unknown)}", code="unknown_field")
    if "title" in changes:
        changes["title"] = _check_text(changes["title"], "交办事项的标题", "the title", "title")
    if "due_date" in changes:
        changes["due_date"] = _check_due(changes["due_date"])
    a = get_assignment(db, assignment_id)
    _check_sender(db, a)
    _check_not_withdrawn(a)
    if changes.get("due_date") and a.parent_id:
        _within_parent(changes["due_date"], get_assignment(db, a.parent_id))
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        changed = w.update("assignment", assignment_id, changes)
        if changed:
            labels = {"title": "标题", "request": "交办内容", "source_kind": "来源", "source_text": "来源说明",
                      "source_id": "来源记录", "due_date": "办理时限", "remind_days": "提醒天数"}
            note = "、".join(labels[c] for c in changed)
            if "due_date" in changed:
                note += f"（办理时限改为 {changes['due_date'] or '无'}）"
            _event(w, row, "edited", a.status, note)
        return changed


def parts_due_after(db: Database, assignment_id: str, due: str | None) -> list[Assignment]:
    """The parts handed down from an assignment, not done yet, due after `due` (none when `due` is None).
    They are the lower office's to change (it sent them): its sender shortening the date only says which."""
    if not due:
        return []
    return [p for p in _rows(db, "a.parent_id = ? AND a.due_date > ?", [assignment_id, due])
            if p.status not in ("done", "withdrawn")]


def _check_known_state(a: Assignment) -> None:
    """A step from a state this program does not know (a damaged record) is refused in words."""
    if a.status not in STATUS_LABELS:
        raise StateError(f"这项交办的状态“{a.state}”无法识别（记录可能已损坏），不能办理：请从损坏前的备份恢复",
                         f"this assignment's state {a.state!r} is not one this program knows (the record may be "
                         f"damaged): nothing was changed; restore a backup made before the damage",
                         code="unknown_state")


def _check_sender(db: Database, a: Assignment) -> None:
    _check_known_state(a)
    if a.sender_office_id != this_office_id(db):
        raise StateError(f"这项交办由{a.sender_name}发出，只有交办机构可以修改或审核",
                         f"only the sending office ({a.sender_code}) may change or review it", code="not_sender")


def _check_receiver(db: Database, a: Assignment) -> None:
    _check_known_state(a)
    if a.office_id != this_office_id(db):
        raise StateError(f"这项交办是交给{a.receiver_name}的，只有接收机构可以签收和反馈",
                         f"only the receiving office ({a.receiver_code}) may receive or answer it",
                         code="not_receiver")


def _check_not_withdrawn(a: Assignment) -> None:
    if a.withdrawn_above:
        raise _withdrawn_above(a)
    if a.status == "withdrawn":
        raise StateError(f"这项交办已由{a.sender_name}撤回（{(a.withdrawn_at or '')[:10]}），无需再办理",
                         f"{a.sender_code} withdrew this assignment on {(a.withdrawn_at or '')[:10]}: nothing more "
                         f"is asked", code="withdrawn")


def _withdrawn_above(a: Assignment) -> StateError:
    day, note = (a.above_withdrawn_at or "")[:10], a.above_withdrawn_note or ""
    return StateError(f"{a.above_sender_name}已于 {day} 撤回上级交办（{note}），{a.receiver_name}的这份反馈无需审核，"
                      f"已随之撤回；反馈内容保留在办理过程中",
                      f"the assignment above was withdrawn by {a.above_sender_name} on {day} ({note}): the answer of "
                      f"{a.receiver_code} needs no review and is withdrawn with it; the answer is kept on the timeline",
                      code="withdrawn_above")


WITHDRAWABLE = ("new", "accepted", "in_progress", "returned")


def withdraw(db: Database, assignment_id: str, reason: str) -> None:
    """撤回: the sender takes back an assignment, with a reason, while nothing answered waits for its review
    (new, received, in progress, or sent back to be answered again). The receiver's copy shows 已撤回 after the
    next sync and leaves its to-do lists; the timeline keeps who withdrew it, when and why. Parts the receiver
    handed further down are its own: it withdraws them itself."""
    reason = _check_text(reason, "撤回理由", "the reason", "reason")
    a = get_assignment(db, assignment_id)
    _check_sender(db, a)
    if not a.withdrawn_above:           # withdrawn here already, but the receiver is told only by its own row
        _check_not_withdrawn(a)
    if not a.withdrawable:
        raise StateError(f"“{a.status_zh}”的交办不能撤回：只有尚未反馈或已退回重办的交办可以撤回"
                         + ("（请审核这份反馈：通过或退回）" if a.status == "answered" else ""),
                         f"only an assignment not answered yet, or sent back, can be withdrawn (it is {a.status})",
                         code="not_withdrawable")
    now = office_clock.now_text()
    with writing(db) as w:
        _withdraw_row(w, a, reason, now)


def _withdraw_row(w: Writer, a: Assignment, reason: str, now: str) -> None:
    row = w.live("assignment", a.id)
    w.update("assignment", a.id, {"withdrawn_at": now, "withdrawn_note": reason})
    _event(w, row, "withdrawn", a._own_status, reason, at=now)


def open_parts(db: Database, assignment_id: str) -> list[Assignment]:
    """The parts this office handed down from `assignment_id` that it may still withdraw (Assignment.withdrawable),
    in the order they were sent: when the office above withdraws the assignment, they are what is left to withdraw
    (a township learns of the withdrawal only from its own part, withdrawn by the district)."""
    return [p for p in _mine(db, "sent", f"a.parent_id = ? AND {_PART_OPEN}", [assignment_id],
                             order="a.sent_at, a.rowid") if p.withdrawable]


def reason_from_above(a: Assignment) -> str:
    """The reason a withdrawal above is passed down with: who withdrew it, and why (贵阳市政协已撤回交办：…)."""
    if a.status == "done":
        return f"上级已办结：{a.sender_name}已审核通过{a.receiver_name}的反馈"
    if a.withdrawn_at:
        who, note = a.sender_name, a.withdrawn_note
    else:
        who, note = a.above_sender_name or a.sender_name, a.above_withdrawn_note
    return f"{who}已撤回交办：{note or ''}".rstrip("：")


def withdraw_parts(db: Database, assignment_id: str, reason: str | None = None) -> list[Assignment]:
    """The assignment this office received was withdrawn by its sender, or its answer accepted (已办结): withdraw
    every part still open that this office handed down from it, in one step, with the reason from above
    (`reason_from_above`) unless another is given. Returns the parts withdrawn, as they were before."""
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    if a.status not in CLOSED_ABOVE:
        raise StateError(f"“{a.title}”没有被{a.sender_name}撤回，也未办结（{a.status_zh}）：转交下级的部分请逐项撤回",
                         f"{a.sender_code} has neither withdrawn “{a.title}” nor accepted its answer (it is "
                         f"{a.status}): withdraw the parts handed down one by one", code="not_withdrawn")
    parts = open_parts(db, a.id)
    if not parts:
        raise StateError("转交下级的部分都已办结或撤回，没有要撤回的", "no part handed down is left open to withdraw",
                         code="nothing_open")
    text = (reason or "").strip() or reason_from_above(a)
    now = office_clock.now_text()
    with writing(db) as w:
        for p in parts:
            _withdraw_row(w, p, text, now)
    return parts


CLOSED_ABOVE = ("withdrawn", "done")      # nothing more asked from above: the parts handed down are to close


def parts_kept(db: Database, assignment_id: str) -> bool:
    """The office kept the parts it handed down open on purpose after its own assignment was done (keep_parts): its
    own step, not one an office above put on its timeline (an office above may add notes there)."""
    return db.execute("SELECT 1 FROM state_event e JOIN assignment a ON a.id = e.subject_id "
                      "WHERE e.subject_table = 'assignment' AND e.subject_id = ? AND e.to_state = 'parts_kept' "
                      "AND e.actor_office_id = a.office_id AND e.deleted = 0 LIMIT 1",
                      [assignment_id]).fetchone() is not None


def keep_parts(db: Database, assignment_id: str, note: str | None = None) -> list[Assignment]:
    """The assignment this office received is done (its answer accepted) while parts it handed down are still to be
    answered: keep them open on purpose (the work goes on below). A step on the timeline, seen above after the next
    sync; the office is no longer asked to withdraw them. Returns the parts kept."""
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    if a.status != "done":
        raise StateError(f"“{a.title}”尚未办结（{a.status_zh}）：转交下级的部分照常办理，无需保留",
                         f"“{a.title}” is not done (it is {a.status}): its parts below go on as they are",
                         code="not_done")
    if parts_kept(db, a.id):
        raise StateError("转交下级的部分已保留继续办理", "the parts handed down are kept open already",
                         code="already_kept")
    parts = open_parts(db, a.id)
    if not parts:
        raise StateError("转交下级的部分都已办结或撤回，没有要保留的", "no part handed down is left open to keep",
                         code="nothing_open")
    text = "、".join(f"{p.receiver_name}（{p.status_zh}）" for p in parts)
    if (note or "").strip():
        text += "：" + note.strip()
    with writing(db) as w:
        _event(w, w.live("assignment", a.id), "parts_kept", a.status, text)
    return parts


def parts_open_below(db: Database, assignment_id: str) -> list[Assignment]:
    """The parts handed down from `assignment_id`, as this office holds them, still to be answered (待签收, 已签收,
    办理中, 已退回): what accepting its answer leaves asked for below until the office below closes them."""
    return [p for p in _rows(db, "a.parent_id = ?", [assignment_id], order="a.sent_at, r.code") if p.awaiting_answer]


def accept_answer(db: Database, assignment_id: str, note: str | None = None) -> None:
    """The sender accepts the receiver's latest answer: the assignment is done (办结)."""
    _verdict(db, assignment_id, "accepted", (note or "").strip() or None)


def return_answer(db: Database, assignment_id: str, reason: str) -> None:
    """The sender sends the latest answer back with a reason; the receiver works it again."""
    _verdict(db, assignment_id, "returned", _check_text(reason, "退回理由", "the reason", "reason"))


def _verdict(db: Database, assignment_id: str, verdict: str, note: str | None) -> None:
    a = get_assignment(db, assignment_id)
    _check_sender(db, a)
    if a.withdrawn_above:
        raise _withdrawn_above(a)
    if a.status != "answered":
        raise StateError(f"只有已反馈、待审核的交办可以{'审核通过' if verdict == 'accepted' else '退回'}"
                         f"（现在是“{a.status_zh}”）",
                         f"only an answered assignment can be reviewed (it is {a.status})", code="not_answered")
    now = office_clock.now_text()
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        w.update("assignment", assignment_id, {"verdict": verdict, "verdict_round": a.answer_round,
                                               "verdict_note": note, "verdict_at": now})
        _event(w, row, "done" if verdict == "accepted" else "returned", a.status, note, at=now)


# -- the receiver's side -------------------------------------------------------------------------
def receive(db: Database, assignment_id: str) -> None:
    """签收: the receiver confirms it has the assignment."""
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    _check_not_withdrawn(a)
    if a.status != "new":
        raise StateError(f"这项交办已经签收（{a.status_zh}）", "already received", code="already_received")
    now = office_clock.now_text()
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        w.update("assignment", assignment_id, {"state": "accepted", "accepted_at": now})
        _event(w, row, "accepted", "new", at=now)


def start(db: Database, assignment_id: str, note: str | None = None) -> None:
    """开始办理 (or again, after a send-back)."""
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    _check_not_withdrawn(a)
    if a.status not in ("new", "accepted", "returned"):
        raise StateError(f"“{a.status_zh}”的交办不能开始办理", f"cannot start from {a.status}", code="bad_move")
    now = office_clock.now_text()
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        changes = {"state": "in_progress"}
        if a.status == "new":
            changes["accepted_at"] = now
            _event(w, row, "accepted", "new", at=now)
        w.update("assignment", assignment_id, changes)
        _event(w, row, "in_progress", a.status, (note or "").strip() or None, at=now)


def answer(db: Database, assignment_id: str, text: str, files: Iterable[str | Path] = ()) -> int:
    """反馈: the receiver's answer, with files; returns the answer's round (2 after one send-back …)."""
    text = _check_text(text, "反馈内容", "the answer", "answer")
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    _check_not_withdrawn(a)
    if not a.awaiting_answer:
        raise StateError(f"这项交办{a.status_zh}，不能再反馈" + ("（等待交办机构审核）" if a.status == "answered" else ""),
                         f"the assignment is {a.status}; it cannot be answered now", code="bad_move")
    stored = [(Path(f).name, *store_file(store_root(db), f)) for f in files]
    now = office_clock.now_text()
    rnd = a.answer_round + 1
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        changes = {"state": "answered", "answer": text, "answer_round": rnd, "answered_at": now}
        if a.status == "new":
            changes["accepted_at"] = now
            _event(w, row, "accepted", "new", at=now)
        w.update("assignment", assignment_id, changes)
        _event(w, row, "answered", a.status, text, at=now)
        for name, sha, size in stored:
            w.insert("attachment", {"owner_table": "assignment_answer", "owner_id": assignment_id,
                                    "name": name[:255], "sha256": sha, "size": size, "kind": "other"},
                     office_id=a.office_id)
    return rnd


def describe_record(db: Database, record_table: str, record_id: str) -> str | None:
    spec = LINKABLE.get(record_table)
    if spec is None:
        return None
    label, title_col, date_col = spec
    row = db.execute(f"SELECT {title_col}, {date_col} FROM {record_table} WHERE id = ?", [record_id]).fetchone()
    if row is None:
        return None
    return f"{label} {str(row[1] or '')[:10]} {row[0] or ''}".strip()


def link_record(db: Database, assignment_id: str, record_table: str, record_id: str, note: str | None = None) -> str:
    """The receiver links one of its own follow-ups, visits, meetings or reports to the assignment."""
    a = get_assignment(db, assignment_id)
    _check_receiver(db, a)
    _check_not_withdrawn(a)
    what = describe_record(db, record_table, record_id)
    if what is None:
        raise NotFound("找不到要关联的记录", f"{record_table} not found: {record_id}")
    with writing(db) as w:
        row = w.live("assignment", assignment_id)
        lid = w.insert("record_link", {"subject_table": "assignment", "subject_id": assignment_id,
                                       "record_table": record_table, "record_id": record_id, "role": "work",
                                       "note": (note or "").strip() or None}, office_id=a.office_id)
        _event(w, row, "linked", a.status, what)
    return lid


def links(db: Database, assignment_id: str) -> list[tuple[str, str, str]]:
    """(table, id, description) of the records linked to an assignment."""
    out = []
    for table, rid in db.execute("SELECT record_table, record_id FROM record_link WHERE subject_table = 'assignment' "
                                 "AND subject_id = ? AND deleted = 0 ORDER BY rowid", [assignment_id]):
        out.append((table, rid, describe_record(db, table, rid) or rid))
    return out


def files(db: Database, assignment_id: str) -> list[tuple[str, str, str]]:
    """(attachment id, 'assignment'|'assignment_answer', name) of an assignment's files."""
    return [tuple(r) for r in db.execute(
        "SELECT id, owner_table, name FROM attachment WHERE owner_id = ? AND owner_table IN "
        "('assignment', 'assignment_answer') AND deleted = 0 ORDER BY rowid", [assignment_id])]


def save_file(db: Database, attachment_id: str, dest: str | Path) -> Path:
    from .attachments import attachment_file
    src = attachment_file(db, attachment_id)
    dest = Path(dest)
    from .files import StickMissing, require_stick, write_failed
    try:
        require_stick(dest.parent)      # a pulled-out stick's folder left behind: nothing copied, said so
    except StickMissing as exc:
        raise write_failed(exc, dest) from exc
    shutil.copyfile(src, dest)
    return dest


# -- lists ---------------------------------------------------------------------------------------
# The derived states in SQL (see Assignment.status), so that lists read only the rows they show.
_LATEST = "a.verdict_round = a.answer_round"
_LIVE = "a.withdrawn_at IS NULL"
_ANSWERED = f"a.state = 'answered' AND (a.verdict IS NULL OR NOT {_LATEST}) AND {_LIVE}"
_ABOVE = "p.withdrawn_at IS NOT NULL"         # see Assignment.withdrawn_above
STATUS_SQL = {
    "new": f"a.state = 'new' AND {_LIVE}", "accepted": f"a.state = 'accepted' AND {_LIVE}",
    "in_progress": f"a.state = 'in_progress' AND {_LIVE}",
    "answered": f"{_ANSWERED} AND NOT ({_ABOVE})",
    "returned": f"a.state = 'answered' AND a.verdict = 'returned' AND {_LATEST} AND {_LIVE}",
    "done": f"a.state = 'answered' AND a.verdict = 'accepted' AND {_LATEST} AND {_LIVE}",
    "withdrawn": f"(a.withdrawn_at IS NOT NULL OR ({_ANSWERED} AND {_ABOVE}))",
}
OPEN_SQL = f"((a.state IN ('new', 'accepted', 'in_progress') AND {_LIVE}) OR ({STATUS_SQL['returned']}))"
_PART_OPEN = f"({OPEN_SQL} OR ({_ANSWERED}))"     # to withdraw (Assignment.withdrawable) when the one above is
_PARENT_DONE = ("p.state = 'answered' AND p.verdict = 'accepted' AND p.verdict_round = p.answer_round "
                "AND p.withdrawn_at IS NULL")
_PARENT_KEPT = ("EXISTS (SELECT 1 FROM state_event e WHERE e.subject_table = 'assignment' AND e.subject_id = p.id "
                "AND e.to_state = 'parts_kept' AND e.actor_office_id = p.office_id AND e.deleted = 0)")   # parts_kept


def parts_left_open(db: Database) -> dict[str, list[Assignment]]:
    """Received assignment id → the parts this office handed down from it and has yet to withdraw, for every
    received assignment its sender withdrew, or accepted the answer of while parts below are still to be answered
    (unless the office kept them on purpose): the district is asked to pass it on."""
    out: dict[str, list[Assignment]] = {}
    closed = f"({_ABOVE} OR ({_PARENT_DONE} AND NOT {_PARENT_KEPT}))"
    for p in _mine(db, "sent", f"{closed} AND {_PART_OPEN}", order="a.sent_at, a.rowid"):
        if p.withdrawable:
            out.setdefault(p.parent_id or "", []).append(p)
    return out


def _mine(db: Database, direction: str | None, cond: str = "1", params: Iterable = (),
          order: str = "a.sent_at DESC, a.rowid DESC") -> list[Assignment]:
    """Rows this office sent and/or received matching `cond`: one indexed query per side (an OR of the two
    sides would read every row)."""
    me = this_office_id(db)
    sides = {"sent": ["a.sender_office_id = ?"], "received": ["a.office_id = ?"]}.get(
        direction or "", ["a.office_id = ?", "a.sender_office_id = ? AND a.office_id <> ?"])
    out: list[Assignment] = []
    for side in sides:
        out += _rows(db, f"{side} AND ({cond})", [me] * side.count("?") + list(params), order=order)
    if len(sides) > 1:
        out.sort(key=lambda a: a.sent_at, reverse=True)
    return out


def list_assignments(db: Database, *, status: str | None = None, direction: str | None = None) -> list[Assignment]:
    """What this office sent (`direction` 'sent') and received ('received'); both without a direction, newest
    first. `status` one of STATUSES ('overdue': not answered by its due date)."""
    if status is not None and status not in STATUSES:
        raise ValidationError(f"未知的状态“{status}”，可选：{', '.join(STATUSES)}", f"unknown state {status!r}",
                              code="bad_choice", field="state")
    if status == "overdue":
        return _mine(db, direction, f"{OPEN_SQL} AND a.due_date < ?", [_today()])
    return _mine(db, direction, STATUS_SQL[status] if status else "1")


def parts_answered(db: Database, assignment_id: str) -> list[Assignment]:
    """The parts of a received assignment this office handed down and accepted the answers of, in the order
    they were answered: what its own answer upward is made of."""
    return _mine(db, "sent", f"a.parent_id = ? AND ({STATUS_SQL['done']})", [assignment_id],
                 order="a.answered_at, a.rowid")


def parts_not_done(db: Database, assignment_id: str) -> list[Assignment]:
    """The parts of a received assignment this office handed down that are neither done nor withdrawn, in the
    order they were sent: an answer upward sent now goes without theirs."""
    return [p for p in _mine(db, "sent", f"a.parent_id = ? AND NOT ({STATUS_SQL['done']}) AND NOT "
                             f"({STATUS_SQL['withdrawn']})", [assignment_id], order="a.sent_at, a.rowid")]


def inbox(db: Database) -> list[Assignment]:
    """新交办: what this office received and has not yet received (签收)."""
    return _mine(db, "received", STATUS_SQL["new"], order="a.sent_at, a.rowid")


WITHDRAWN_SHOWN_DAYS = 14


def recently_withdrawn(db: Database, days: int = WITHDRAWN_SHOWN_DAYS) -> list[Assignment]:
    """Received here and withdrawn by the sender within the last `days` days, newest first: the home page says
    so for a while (the item left the to-do lists; without a word the clerk would look for it)."""
    since = (office_clock.today() - dt.timedelta(days=days)).isoformat()
    return _mine(db, "received", f"{STATUS_SQL['withdrawn']} AND a.withdrawn_at >= ?", [since],
                 order="a.withdrawn_at DESC, a.rowid DESC")


def reminders(db: Database) -> list[Assignment]:
    """Sent or received, still to answer, and overdue or due within its reminder days, soonest first."""
    horizon = (office_clock.today() + dt.timedelta(days=60)).isoformat()     # remind_days is at most 60
    rows = [a for a in _mine(db, None, f"{OPEN_SQL} AND a.due_date <= ?", [horizon]) if a.overdue or a.due_soon]
    return sorted(rows, key=lambda a: (a.due_date or "", a.id))


def awaiting_review(db: Database, limit: int = 1000) -> list[Assignment]:
    """Answers this office must accept or send back, oldest first."""
    return _mine(db, "sent", STATUS_SQL["answered"], order=f"a.answered_at, a.rowid LIMIT {int(limit)}")


def chain(db: Database, ref: str) -> Chain:
    """The assignment `ref` (row id or number) — at the top of its chain as this office holds it — with every
    row handed down from it, and every office's every step, one dated timeline."""
    start_rows = _rows(db, "a.id = ? OR a.batch_id = ?", [ref, ref])
    if not start_rows:
        raise NotFound("找不到这项交办", f"assignment not found: {ref}")
    seen = set()
    while start_rows[0].parent_id and start_rows[0].parent_id not in seen:      # climb to the top held here
        seen.add(start_rows[0].parent_id)
        up = _rows(db, "a.id = ?", [start_rows[0].parent_id])
        if not up:
            break
        start_rows = _rows(db, "a.batch_id = ?", [up[0].batch_id])
    start_rows = _rows(db, "a.batch_id = ?", [start_rows[0].batch_id])      # every receiver of that handing
    rows = {a.id: a for a in start_rows}
    depth = dict.fromkeys(rows, 0)
    frontier = list(rows)
    while frontier:
        marks = ",".join("?" * len(frontier))
        found = _rows(db, f"a.parent_id IN ({marks})", frontier)
        frontier = []
        for a in found:
            if a.id not in rows:
                rows[a.id] = a
                depth[a.id] = depth[a.parent_id] + 1
                frontier.append(a.id)
    kids: dict[str | None, list[Assignment]] = {}
    for a in sorted(rows.values(), key=lambda a: (a.sent_at, a.receiver_code)):
        kids.setdefault(a.parent_id if depth[a.id] else None, []).append(a)
    ordered: list[Assignment] = []
    stack = list(reversed(kids.get(None, [])))
    while stack:                                     # each row followed by what was handed down from it
        a = stack.pop()
        ordered.append(a)
        stack.extend(reversed(kids.get(a.id, [])))
    marks = ",".join("?" * len(rows))
    names = {a.id: a.receiver_name for a in rows.values()}
    sql = (f"SELECT e.at, e.subject_id, e.to_state, o.name, e.note, e.actor FROM state_event e "
           f"LEFT JOIN office o ON o.id = e.actor_office_id WHERE e.subject_table = 'assignment' AND e.deleted = 0 "
           f"AND e.subject_id IN ({marks}) ORDER BY e.at, e._rc")
    events = [ChainEvent(at, sid, kind, office, names[sid], note, actor)
              for at, sid, kind, office, note, actor in db.execute(sql, list(rows))]
    return Chain(tuple(ordered), depth, tuple(events))


def chain_text(db: Database, ref: str) -> str:
    """The chain as plain lines (the command line's `assignments --show`)."""
    ch = chain(db, ref)
    out = []
    for a in ch.rows:
        pad = "  " * ch.depth[a.id]
        due = a.due_date or "-"
        flags = (" 逾期/overdue" if a.overdue else "") + (" 逾期反馈/answered late" if a.answered_late else "")
        out.append(f"{pad}{a.id}  {a.sender_name} → {a.receiver_name}  {a.status_zh}/{a.status}  "
                   f"时限/due {due}{flags}")
        out.append(f"{pad}  {a.title}")
        if a.request:
            out.append(f"{pad}  交办内容：{a.request}")
        if a.source_text:
            out.append(f"{pad}  {SOURCE_LABELS.get(a.source_kind, (a.source_kind,))[0]}：{a.source_text}")
        if a.answer:
            out.append(f"{pad}  反馈（第{a.answer_round}次）：{a.answer}")
        if a.withdrawn_at:
            out.append(f"{pad}  撤回/withdrawn {a.withdrawn_at[:16].replace('T', ' ')}：{a.withdrawn_note or ''}")
        elif a.withdrawn_above:
            out.append(f"{pad}  上级交办已撤回，无需审核/withdrawn above, no review "
                       f"{(a.above_withdrawn_at or '')[:16].replace('T', ' ')}：{a.above_withdrawn_note or ''}")
    me = this_office_id(db)
    for a in ch.rows:
        if a.office_id == me and a.status in CLOSED_ABOVE:
            still = [p for p in ch.rows if p.parent_id == a.id and p.sender_office_id == me and p.withdrawable]
            kept = parts_kept(db, a.id)
            if still and a.status == "done" and not kept:
                out.append(f"已办结，但转交下级的 {len(still)} 项仍在办理，请撤回或保留 / done, but {len(still)} parts "
                           f"handed down are still open: liaison-desk answer {a.id} --withdraw-parts, or --keep-parts")
            elif still and a.status == "withdrawn":
                out.append(f"转交下级的 {len(still)} 项仍在办理，请一并撤回 / {len(still)} parts handed down are still "
                           f"open: liaison-desk answer {a.id} --withdraw-parts")
    out.append("办理过程 / timeline:")
    for e in ch.events:
        note = f"：{e.note}" if e.note else ""
        out.append(f"  {e.at.replace('T', ' ')}  {e.who or '-'}  {e.label_zh}/{e.kind}  "
                   f"[{e.receiver}]{note}")
    return "\n".join(out)


@dataclass(frozen=True)
class HomeItem:
    kind: str            # 'new' (新交办), 'withdraw_parts' (withdrawn or done above, parts handed down still open),
    assignment: Assignment       # 'withdrawn', 'review' (an answer to accept or send back), 'overdue', 'due_soon'
    open_parts: int = 0          # 'withdraw_parts': how many


def home_items(db: Database, limit: int = 20) -> list[HomeItem]:
    """The home page's 新交办 box: new assignments received, those the sender withdrew while parts handed down from
    them are still open (until they are withdrawn too), those the sender withdrew lately (a notice, for
    WITHDRAWN_SHOWN_DAYS days), answers to review, then overdue and due-soon reminders (each assignment once, in
    that order)."""
    out: list[HomeItem] = []
    seen: set[str] = set()

    def add(kind: str, rows: Iterable[Assignment]) -> None:
        for a in rows:
            if a.id not in seen:
                seen.add(a.id)
                out.append(HomeItem(kind, a))
    add("new", inbox(db))
    left, me = parts_left_open(db), this_office_id(db)
    for a in _rows(db, f"a.id IN ({','.join('?' * len(left))})", list(left)) if left else ():
        if a.id not in seen and a.office_id == me:
            seen.add(a.id)
            out.append(HomeItem("withdraw_parts", a, len(left[a.id])))
    add("withdrawn", recently_withdrawn(db))
    add("review", awaiting_review(db, limit))
    rem = reminders(db)
    add("overdue", (a for a in rem if a.overdue))
    add("due_soon", (a for a in rem if not a.overdue))
    return out[:limit]


def lower_offices(db: Database) -> list[tuple[str, str, str]]:
    """(id, code, name) of the offices directly below this one: whom it may hand work to."""
    return [tuple(r) for r in db.execute("SELECT id, code, name FROM office WHERE parent_id = ? AND deleted = 0 "
                                         "AND deactivated_on IS NULL "
                                         "ORDER BY code", [this_office_id(db)])]


def linkable_records(db: Database, limit: int = 200) -> list[tuple[str, str, str]]:
    """(table, id, description) of this office's recent follow-ups, visits, meetings and reports, newest
    first, to link to an assignment it works."""
    from .permissions import Permissions
    me = this_office_id(db)
    mine = "1" if Permissions(db).open else "office_id = ?"      # a demo database: every office's records
    out = []
    for table, (_label, _title, date_col) in LINKABLE.items():
        for (rid,) in db.execute(f"SELECT id FROM {table} WHERE {mine} AND deleted = 0 "
                                 f"ORDER BY {date_col} DESC LIMIT ?", [me, limit] if mine != "1" else [limit]):
            out.append((table, rid, describe_record(db, table, rid) or rid))
    return sorted(out, key=lambda r: r[2].split(" ")[1] if " " in r[2] else "", reverse=True)[:limit]
