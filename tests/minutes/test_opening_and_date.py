"""The minutes say when, where, who and what once (MINUTES.md "Overview paragraph"), and the PDF carries the
date it was made (the office's clock, pinned in tests), not 2000-01-01."""

from __future__ import annotations

import io
import re
import subprocess
import sys

import minutes_samples as samples
from pypdf import PdfReader

from db import today as office_clock
from desktop.minutes.wording import opening

BASE = dict(date="2026-03-05", start_time="09:30", group="新华路街道委员联络组", place="新华路委员之家",
            kind="协商议事会", chair="王𠇔", recorder="李䶮")


def test_a_topic_that_names_the_meeting_is_not_repeated_as_its_theme():
    (first,) = opening(**BASE, topic="关于老旧小区加装电梯的协商议事会")
    assert first == ("2026年3月5日（星期四）上午9时30分，新华路街道委员联络组在新华路委员之家召开关于老旧小区加装电梯的"
                     "协商议事会。会议由王𠇔主持，李䶮记录。")
    assert "主题为" not in first and first.count("协商议事会") == 1
    (first,) = opening(**{**BASE, "kind": "调研"}, topic="“垃圾分类”专题调研")
    assert "开展“垃圾分类”专题调研。" in first and first.count("调研") == 1
    (first,) = opening(**BASE, topic="老旧小区加装电梯")
    assert "召开协商议事会，主题为“老旧小区加装电梯”。" in first


def test_a_clerks_overview_that_opens_the_minutes_is_the_opening():
    written = ("2026年3月5日上午，新华路街道委员联络组在新华路委员之家召开协商议事会，围绕“加装电梯”开展协商。"
               "会议由召集人王𠇔主持，6名委员出席。")
    paras = opening(**BASE, topic="关于加装电梯的协商议事会", overview=written + "\n会上通报了进展。")
    assert paras == [written + "会议由李䶮记录。", "会上通报了进展。"]
    text = "".join(paras)
    for once in ("2026年3月5日", "新华路委员之家", "新华路街道委员联络组", "王𠇔", "李䶮"):
        assert text.count(once) == 1, once
    # an overview that does not say when comes after the made sentence
    paras = opening(**BASE, topic="加装电梯", overview="本次会议邀请了住建部门参加。")
    assert paras[0].startswith("2026年3月5日（星期四）") and paras[1] == "本次会议邀请了住建部门参加。"


def test_the_printed_minutes_say_it_once(render):
    d = samples.typical(topic="关于老旧小区加装电梯的协商议事会",
                        overview="2026年3月5日上午，新华路街道政协委员联络组在新华路委员之家召开协商议事会，"
                                 "会议由王𠇔主持。")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(render(d))).pages))
    opening_part = text[:text.index("出席：")]
    assert opening_part.count("2026年3月5日上午") == 1 and opening_part.count("新华路委员之家") == 1
    assert "主题为" not in opening_part and "会议由李䶮记录。" in opening_part


def test_the_pdf_is_dated_by_the_office_clock(render):
    with office_clock.pinned("2026-11-25T10:20:30"):
        meta = PdfReader(io.BytesIO(render(samples.typical()))).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20261125102030"
    assert meta.creation_date.date().isoformat() == "2026-11-25"


def test_the_command_dates_the_pdf_today(tmp_path):
    from db.database import open_database
    from db.demo import generate
    db = open_database(tmp_path / "d.sqlite3")
    generate(db, "township", seed=2)
    mid = db.execute("SELECT id FROM meeting WHERE state = 'final' LIMIT 1").fetchone()[0]
    db.conn.close()
    out = tmp_path / "m.pdf"
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", mid, "--out", str(out), "--db",
                        str(tmp_path / "d.sqlite3")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    created = PdfReader(out).metadata.creation_date
    assert created.date() == office_clock.today()           # the pinned day (tests/conftest.py), in the child too


def test_a_speaker_typed_by_name_is_not_printed_under_members_speeches(render):
    """A resident's words (a speaker typed by name, not on the roster) were printed under （二）委员发言."""
    from dataclasses import replace

    from desktop.minutes.content import Speech
    d = samples.typical()
    item = d.agenda[0]

    def text_of(data) -> str:
        return re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(render(data))).pages))
    assert "（二）委员发言" in text_of(d)
    mixed = replace(item, speeches=(*item.speeches, Speech("钱七", "希望尽快启动，低层住户愿意协商。", is_member=False)))
    text = text_of(replace(d, agenda=(mixed,)))
    assert "委员发言" not in text and "（二）发言" in text and "3.钱七：" in text
