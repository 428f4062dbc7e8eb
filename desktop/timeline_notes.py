"""Notes the program itself writes on a timeline (由 … 生成), said in the language the window shows.

They are stored in Chinese, as every release has written them (db.visits, db.meeting_parts, db.opinions,
db.reinspection), and travel so between offices; a note a person typed is shown as typed.
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
