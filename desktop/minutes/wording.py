"""How dates, times and numbers are written in official Chinese documents."""

from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"
_WEEKDAYS = "一二三四五六日"


def cn_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (heading numbers 一、二、…)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def cn_date(iso: str) -> str:
    """2026-03-05 → 2026年3月5日 (Arabic digits, GB/T 9704 成文日期)."""
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日"


def cn_weekday(iso: str) -> str:
    return "星期" + _WEEKDAYS[dt.date.fromisoformat(iso).weekday()]


def cn_time(hhmm: str) -> str:
    """09:30 → 上午9时30分, 15:00 → 下午3时, 12:10 → 中午12时10分, 19:30 → 晚上7时30分."""
    if not hhmm:
        return ""
    hour, minute = (int(p) for p in hhmm.split(":")[:2])
    if hour < 12:
        part, h = "上午", hour
    elif hour < 13:
        part, h = "中午", hour
    elif hour < 19:
        part, h = "下午", hour - 12
    else:
        part, h = "晚上", hour - 12
    return f"{part}{h}时" + (f"{minute}分" if minute else "")


def cn_moment(value: str) -> str:
    """A time "HH:MM", or "YYYY-MM-DD HH:MM" for another day."""
    if " " in value:
        day, _, time = value.partition(" ")
        return cn_date(day) + cn_time(time)
    return cn_time(value)


def issue_text(issue_no: str, revision: int) -> str:
    """期号: "3" → 第3期; text already in words is kept. A later revision says so."""
    issue = issue_no.strip()
    if issue.isdigit():
        issue = f"第{int(issue)}期"
    if revision > 1:
        issue += f"（第{revision}版）"
    return issue


# Words that end a meeting's own name: a topic ending in one of them names the meeting itself
# ("关于加装电梯的协商议事会", "“垃圾分类”专题调研"), and is printed as what was held, not as its theme.
_MEETING_ENDINGS = ("会", "会议", "调研", "视察", "活动", "学习", "协商")


def names_the_meeting(topic: str, kind: str) -> bool:
    topic = topic.strip()
    return bool(topic) and (bool(kind) and topic.endswith(kind) or topic.endswith(_MEETING_ENDINGS))


def says_when(text: str, iso: str) -> bool:
    """Does a clerk's 会议概况 already say on which day the meeting was (then it is the opening itself)?"""
    d = dt.date.fromisoformat(iso)
    return any(s in text for s in (cn_date(iso), f"{d.month}月{d.day}日", iso))


def opening(*, date: str, start_time: str, group: str, place: str, kind: str, topic: str, chair: str,
            recorder: str, overview: str = "") -> list[str]:
    """The overview paragraphs (MINUTES.md: time, place, chair, recorder, topic), said once.

    Without a 会议概况 that says when and where, one sentence is made from the record: "2026年3月5日
    （星期四）上午9时30分，X联络组在Y召开关于…的协商议事会。会议由A主持，B记录。" When the clerk's
    概况 already opens that way, it is the opening: only the chair and recorder it does not name are added."""
    paras = [p.strip() for p in overview.splitlines() if p.strip()]
    if paras and says_when(paras[0], date):
        duties = _duties(chair if chair not in paras[0] else "", recorder if recorder not in paras[0] else "")
        if duties:
            paras[0] += ("" if paras[0].endswith(("。", "！", "？")) else "。") + duties
        return paras
    when = cn_date(date) + f"（{cn_weekday(date)}）" + cn_time(start_time)
    where = f"在{place}" if place else ""
    kind = kind or "会议"
    held = topic if names_the_meeting(topic, kind) else kind
    verb = "召开" if held.endswith(("会", "会议")) else "开展"      # 召开座谈会, 开展调研
    sentence = f"{when}，{group}{where}{verb}{held}"
    sentence += f"，主题为“{topic}”。" if topic and held != topic else "。"
    return [sentence + _duties(chair, recorder), *paras]


def _duties(chair: str, recorder: str) -> str:
    """会议由A主持，B记录。 / 会议由A主持。 / 会议由B记录。 / (nothing)"""
    if chair and recorder:
        return f"会议由{chair}主持，{recorder}记录。"
    if chair or recorder:
        return f"会议由{chair}主持。" if chair else f"会议由{recorder}记录。"
    return ""
