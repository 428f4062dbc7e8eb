"""Notes the program itself writes on a timeline (由 … 生成), said in the language the window shows.

They are stored in Chinese, as every release has written them (db.visits, db.meeting_parts, db.opinions,
db.reinspection, db.assignments), and travel so between offices; a note a person typed is shown as typed.
"""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

_VISIT = re.compile(r"由 (\d{4}-\d{2}-\d{2}) 的走访接待记录生成(?:；联名委员：(.+))?", re.S)
_MEETING = re.compile(r"由会议“(.*)”的协商共识生成", re.S)
_OPINION = re.compile(r"由社情民意信息“(.*)”生成", re.S)
_REINSPECTION = re.compile(r"回头看发现：(.*)；重新办理理由：(.*)", re.S)


def names_text(names: str | None) -> str:
    """Names the program stored joined with 、 (a joint report's 报送人 张三、李四, a visit's members), joined
    the way the window's language joins them: 、 in Chinese, ", " in English. The names stay as stored."""
    if not names or "、" not in names:
        return names or ""
    return QCoreApplication.translate("TimelineNote", ", ").join(names.split("、"))    # 、 in Chinese


def note_text(note: str | None) -> str:
    """`note` in the current language when the program wrote it, else as it is."""
    note = note or ""
    if m := _VISIT.fullmatch(note):
        if m[2]:
            joined = names_text(m[2])
            return (QCoreApplication.translate("TimelineNote", "Made from the visit of %1; co-authors: %2")
                    .replace("%1", m[1]).replace("%2", joined))
        return QCoreApplication.translate("TimelineNote", "Made from the visit of %1").replace("%1", m[1])
    if m := _MEETING.fullmatch(note):
        return QCoreApplication.translate("TimelineNote", "Made from a consensus item of the meeting “%1”") \
            .replace("%1", m[1])
    if m := _OPINION.fullmatch(note):
        return QCoreApplication.translate("TimelineNote", "Made from the public-opinion report “%1”") \
            .replace("%1", m[1])
    if m := _REINSPECTION.fullmatch(note):
        return (QCoreApplication.translate("TimelineNote", "Found on looking back: %1; why it is handled again: %2")
                .replace("%1", m[1]).replace("%2", m[2]))
    return note


# 交办 (db.assignments): what changed (edit_assignment), who it was handed down to (hand_down), the parts below kept
# open (keep_parts), the record linked (link_record). Told apart by the step's kind: a reason a person typed for
# another step is never read as one of these.
_EDIT_FIELDS = {"标题": "Title", "交办内容": "What is asked", "来源": "Source", "来源说明": "Source note",
                "来源记录": "Source record", "办理时限": "Due date", "提醒天数": "Reminder days"}
_EDITED = re.compile(r"((?:%s)(?:、(?:%s))*)(?:（办理时限改为 (.+)）)?" % (("|".join(_EDIT_FIELDS),) * 2), re.S)
_LINKED = {"督办事项": "Follow-up", "走访接待": "Visit", "会议": "Meeting", "社情民意": "Public-opinion report"}


def _edit_field(zh: str) -> str:
    en = _EDIT_FIELDS[zh]
    return {"Title": QCoreApplication.translate("TimelineNote", "Title"),
            "What is asked": QCoreApplication.translate("TimelineNote", "What is asked"),
            "Source": QCoreApplication.translate("TimelineNote", "Source"),
            "Source note": QCoreApplication.translate("TimelineNote", "Source note"),
            "Source record": QCoreApplication.translate("TimelineNote", "Source record"),
            "Due date": QCoreApplication.translate("TimelineNote", "Due date"),
            "Reminder days": QCoreApplication.translate("TimelineNote", "Reminder days")}[en]


def _linked_kind(zh: str) -> str:
    en = _LINKED[zh]
    return {"Follow-up": QCoreApplication.translate("TimelineNote", "Follow-up"),
            "Visit": QCoreApplication.translate("TimelineNote", "Visit"),
            "Meeting": QCoreApplication.translate("TimelineNote", "Meeting"),
            "Public-opinion report": QCoreApplication.translate("TimelineNote", "Public-opinion report")}[en]


def assignment_note_text(kind: str, note: str | None, zh: bool) -> str:
    """A 交办 timeline step's note (`kind` its step: edited, handed_down, parts_kept, linked, …) in the current
    language (`zh`: the window's is Chinese) when the program wrote it, else as it is."""
    from db.assignments import STATUS_LABELS
    note = note or ""
    sep = QCoreApplication.translate("TimelineNote", ", ")                  # 、 in Chinese
    colon = QCoreApplication.translate("TimelineNote", ": ")                # ： in Chinese
    if kind == "edited" and (m := _EDITED.fullmatch(note)):
        text = sep.join(_edit_field(f) for f in m[1].split("、"))
        if m[2] == "无":
            text += QCoreApplication.translate("TimelineNote", " (due date removed)")
        elif m[2]:
            text += QCoreApplication.translate("TimelineNote", " (due date changed to %1)").replace("%1", m[2])
        return text
    if kind == "handed_down" and "：" in note:
        names, title = note.split("：", 1)                   # office names never hold ：; a title may
        return names_text(names) + colon + title
    if kind == "parts_kept":
        states = {zh: en for zh, en in STATUS_LABELS.values()}
        part = r"[^、（）]+（(?:{})）".format("|".join(map(re.escape, states)))
        if m := re.fullmatch(rf"({part}(?:、{part})*)(?:：(.*))?", note, re.S):
            parts = []
            for name, state in re.findall(r"([^、（）]+)（([^（）]+)）", m[1]):
                label = state if zh else states[state]
                parts.append(QCoreApplication.translate("TimelineNote", "%1 (%2)").replace("%1", name)
                             .replace("%2", label))
            return sep.join(parts) + (colon + m[2] if m[2] else "")
    if kind == "linked" and (m := re.fullmatch(r"({}) (.*)".format("|".join(_LINKED)), note, re.S)):
        return _linked_kind(m[1]) + " " + m[2]
    return note
