"""The minutes read from a database written through db.write: deleted rows left out, names looked up."""

from __future__ import annotations

import io

import minutes_samples as samples
import pytest
from pypdf import PdfReader

from db.database import open_database
from db.errors import NotFound, StateError
from db.minutes_source import load_minutes_data, meetings_in_range
from desktop.minutes import minutes_for_meeting, minutes_from_source, render_minutes


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = tmp_path_factory.mktemp("minutes-db") / "d.sqlite3"
    ids = samples.build_database(path)
    db = open_database(path)
    yield db, ids
    db.conn.close()


def test_load_minutes_data_reads_the_meeting_as_plain_data(world):
    db, ids = world
    src = load_minutes_data(db, ids["meeting"])
    m = src["meeting"]
    assert (m["group_name"], m["kind_name"], m["chair"], m["state"]) == (samples.GROUP, "协商议事会", "王𠇔", "draft")
    people = [(a["name"], a["status"], a["reason"], a["unit"]) for a in src["attendance"]]
    assert ("王𠇔", "present", None, "南明区人民医院") in people
    assert ("阿依古丽·买买提", "leave", "外出学习", "区民族中学") in people
    assert ("郑华", "attending", None, "街道办事处") in people
    names = {p[0] for p in people}
    assert "删掉的列席人" not in names and "已删除委员" not in names
    [item] = src["agenda"]
    assert [s["speaker"] for s in item["speeches"]] == ["王𠇔", "郑华"]           # the deleted speech is gone
    assert [c["text"] for c in src["consensus"]] == ["由街道牵头制定实施方案。"]
    assert [(f["title"], f["co_units"], f["state_zh"]) for f in src["follow_ups"]] == [
        ("制定加装电梯实施方案", "区住建局", "办理中")]
    assert [a["name"] for a in src["attachments"]] == ["会议签到表.pdf"]
    assert isinstance(src["attendance"][0], dict)


def test_minutes_from_the_database_print(world, fonts):
    db, ids = world
    data = minutes_for_meeting(db, ids["meeting"])
    assert data.title == samples.GROUP + "协商议事会纪要" and data.issue_no == "3"
    assert data.on_leave[0].note == "外出学习" and data.guests[0].note == "居民代表"
    assert data.follow_ups[0].responsible == "新华路街道办事处（协办：区住建局）"
    buf = io.BytesIO()
    info = render_minutes(data, buf, fonts=fonts)
    text = "".join(p.extract_text() for p in PdfReader(buf).pages).replace("\n", "")
    assert info.pages >= 1 and not info.missing
    for expected in ("王𠇔", "阿依古丽·买买提（外出学习）", "郑华（街道办事处）", "1.王𠇔：建议建立“一梯一议”机制。",
                     "2.郑华：街道将积极配合。", "会议签到表.pdf", "上午11时45分散会。"):
        assert expected in text, expected
    assert "已删除" not in text


def test_meetings_in_range(world):
    db, ids = world
    assert meetings_in_range(db) == [ids["meeting"], ids["later"]]           # the cancelled one has no minutes
    assert meetings_in_range(db, group_id=ids["group"]) == [ids["meeting"]]
    assert meetings_in_range(db, date_from="2026-03-06") == [ids["later"]]
    assert meetings_in_range(db, date_from="2026-03-05", date_to="2026-03-05") == [ids["meeting"]]
    assert meetings_in_range(db, date_to="2026-01-01") == []


def test_no_minutes_for_a_cancelled_or_missing_meeting(world):
    db, ids = world
    with pytest.raises(StateError):
        minutes_from_source(load_minutes_data(db, ids["cancelled"]))
    with pytest.raises(NotFound):
        load_minutes_data(db, "no-such-meeting")


def test_final_minutes_carry_the_finalization_date(world):
    db, ids = world
    data = minutes_for_meeting(db, ids["later"])
    assert data.is_final and data.signed_on == "2026-05-03"
