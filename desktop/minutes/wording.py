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
