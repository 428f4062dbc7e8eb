"""How the minutes write numbers, dates, times, headings and the opening sentence."""

from __future__ import annotations

import minutes_samples as samples

from desktop.minutes import heading_for
from desktop.minutes.story import build_story
from desktop.minutes.wording import cn_date, cn_moment, cn_number, cn_time, cn_weekday, issue_text


def test_numbers_dates_and_times():
    assert [cn_number(n) for n in (1, 9, 10, 11, 20, 21, 99)] == ["一", "九", "十", "十一", "二十", "二十一", "九十九"]
    assert cn_date("2026-03-05") == "2026年3月5日" and cn_weekday("2026-03-05") == "星期四"
    assert [cn_time(t) for t in ("09:30", "12:00", "15:00", "19:05")] == ["上午9时30分", "中午12时", "下午3时",
                                                                          "晚上7时5分"]
    assert cn_moment("2026-03-06 08:00") == "2026年3月6日上午8时"
    assert issue_text("3", 1) == "第3期" and issue_text("2026年第3期", 2) == "2026年第3期（第2版）"
    assert issue_text("", 1) == ""


def first_paragraph(fonts, **changes) -> str:
    texts = build_story(samples.typical(**changes), fonts)[1]
    body = [t for t in texts if "".join(x for x, _ in t.runs).startswith("2026年3月5日（")]
    return "".join(x for x, _ in body[0].runs)


def test_heading_and_opening_sentence_follow_the_meeting_kind(fonts):
    assert heading_for("新华路街道政协委员联络组", "座谈会") == "新华路街道政协委员联络组座谈会纪要"
    assert heading_for("新华路街道政协委员联络组", "") == "新华路街道政协委员联络组会议纪要"
    assert "在新华路委员之家召开协商议事会，主题为“老旧小区加装电梯”。会议由王𠇔主持，李䶮记录。" in first_paragraph(fonts)
    assert "在新华路委员之家开展调研，" in first_paragraph(fonts, kind="调研")
    assert first_paragraph(fonts, place="", topic="", chair="", recorder="").endswith("新华路街道政协委员联络组召开协商议事会。")
