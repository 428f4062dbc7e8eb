"""Saving a whole meeting from the editor's values: one transaction, diffed against the database."""

from __future__ import annotations

import pytest
import records_world

from db import meetings as mt
from db.errors import RecordLocked, ValidationError
from db.meeting_form import meeting_values, save_meeting

records_template, db, world = records_world.records_template, records_world.db, records_world.world


def values(world, **kw):
    return {"group_id": world.group, "kind_id": world.meeting_kind["consultation"], "topic": "加装电梯协商",
            "starts_at": "2025-05-20T09:30", "place": "联络站", "chair": "王𠇔", "recorder": "小刘",
            "attendance": [{"member_id": world.members["王𠇔"], "status": "present", "reason": None},
                           {"member_id": world.members["李䶮"], "status": "leave", "reason": "出差"},
                           {"member_id": world.members["张三"], "status": None, "reason": None}],
            "guests": [{"guest_name": "陈工", "guest_unit": "区住建局", "guest_kind_id": world.guest_kind["department"]}],
            "agenda": [{"key": "new-1", "title": "资金分摊", "background": "12 栋楼", "decision": None,
                        "speeches": [{"member_id": world.members["王𠇔"], "speaker_name": None, "summary": "同意"},
                                     {"member_id": None, "speaker_name": "陈工", "summary": "可申请补贴"}]},
                       {"key": "new-2", "title": "施工安全", "speeches": []}],
            "other_speeches": [],
            "consensus": [{"agenda_key": "new-1", "text": "按楼层系数分摊"}, {"agenda_key": None, "text": "月底前报方案"}],
            } | kw


def log_seq(db):
    return db.execute("SELECT seq FROM node_state").fetchone()[0]


def test_new_meeting_with_every_part_in_one_save(db, world):
    mid = save_meeting(db, None, values(world), actor="小刘")
    m = mt.load_meeting(db, mid)
    assert m.topic == "加装电梯协商" and m.state == "planned"
    assert [(a.name, a.status) for a in m.attendance if a.status] == [("王𠇔", "present"), ("李䶮", "leave"),
                                                                       ("陈工", "attending")]
    assert [(i.title, [s.speaker for s in i.speeches]) for i in m.agenda] == [("资金分摊", ["王𠇔", "陈工"]),
                                                                               ("施工安全", [])]
    assert [(c.text, c.agenda_item_id) for c in m.consensus] == [("按楼层系数分摊", m.agenda[0].id),
                                                                 ("月底前报方案", None)]


def test_values_round_trip_and_saving_unchanged_values_writes_nothing(db, world):
    mid = save_meeting(db, None, values(world))
    v = meeting_values(db, mid)
    before = log_seq(db)
    assert save_meeting(db, mid, v) == mid
    assert log_seq(db) == before
    assert v["agenda"][0]["speeches"][1] | {"id": None} == {"id": None, "member_id": None, "speaker_name": "陈工",
                                                             "summary": "可申请补贴"}


def test_edits_reorder_add_and_remove_parts(db, world):
    mid = save_meeting(db, None, values(world))
    v = meeting_values(db, mid)
    first, second = v["agenda"]
    first["speeches"] = first["speeches"][::-1]
    first["speeches"].append({"member_id": None, "speaker_name": "刘女士", "summary": "支持"})
    v["agenda"] = [second, first, {"key": "new-3", "title": "后续安排", "speeches": []}]
    v["consensus"] = [{"agenda_key": "new-3", "text": "下月再议"}] + v["consensus"][:1]
    v["guests"] = []
    v["attendance"][1] = {"member_id": world.members["李䶮"], "status": None, "reason": None}
    v["topic"] = "加装电梯协商（二）"
    save_meeting(db, mid, v)
    m = mt.load_meeting(db, mid)
    assert m.topic == "加装电梯协商（二）"
    assert [i.title for i in m.agenda] == ["施工安全", "资金分摊", "后续安排"]
    assert [s.speaker for s in m.agenda[1].speeches] == ["陈工", "王𠇔", "刘女士"]
    assert [(c.text, c.agenda_item_id) for c in m.consensus] == [("下月再议", m.agenda[2].id),
                                                                 ("按楼层系数分摊", m.agenda[1].id)]
    assert [(a.name, a.status) for a in m.attendance if a.status] == [("王𠇔", "present")]


def test_an_error_in_a_part_names_the_item_and_rolls_everything_back(db, world):
    mid = save_meeting(db, None, values(world))
    v = meeting_values(db, mid)
    v["topic"] = "改了主题"
    v["agenda"][0]["speeches"].append({"member_id": None, "speaker_name": None, "summary": "谁说的？"})
    before = log_seq(db)
    with pytest.raises(ValidationError) as err:
        save_meeting(db, mid, v)
    assert err.value.field == "agenda"
    assert err.value.message_zh.startswith("第 1 个议题的第 3 条发言：")
    assert log_seq(db) == before and mt.load_meeting(db, mid).topic == "加装电梯协商"
    with pytest.raises(ValidationError) as err:
        save_meeting(db, None, values(world, guests=[{"guest_name": "", "guest_unit": "x"}]))
    assert err.value.field == "guests" and "第 1 位列席人员" in err.value.message_zh
    with pytest.raises(ValidationError) as err:
        save_meeting(db, None, values(world, topic=""))
    assert err.value.field == "topic"
    assert mt.count_meetings(db) == 1


def test_final_meeting_refuses_a_save(db, world):
    mid = save_meeting(db, None, values(world))
    mt.move_meeting(db, mid, "held")
    mt.move_meeting(db, mid, "draft")
    mt.finalize_minutes(db, mid)
    v = meeting_values(db, mid)
    with pytest.raises(RecordLocked):
        save_meeting(db, mid, v)


def test_a_speech_whose_agenda_item_is_gone_is_an_other_speech_saved_once_and_removable(db, world):
    """Deleted on one computer while a speech was added to it on another, the item leaves the
    speech on no item: shown among the other speeches, saved in place (not copied), removable."""
    from db.write import writing
    mid = save_meeting(db, None, values(world))
    item = mt.load_meeting(db, mid).agenda[1].id
    with writing(db) as w:                                  # what a merge can leave behind
        w.insert("speech", {"meeting_id": mid, "agenda_item_id": item, "speaker_name": "居民代表",
                            "summary": "希望装电梯"}, office_id=world.office)
        w.delete("agenda_item", item)
    for _ in range(3):
        v = meeting_values(db, mid)
        assert [s["summary"] for s in v["other_speeches"]] == ["希望装电梯"]
        save_meeting(db, mid, v)
    m = mt.load_meeting(db, mid)
    assert [s.summary for s in m.other_speeches] == ["希望装电梯"] and m.other_speeches[0].agenda_item_id is None
    v = meeting_values(db, mid)
    v["other_speeches"] = []
    save_meeting(db, mid, v)
    assert mt.load_meeting(db, mid).other_speeches == ()
    assert db.execute("SELECT count(*) FROM speech WHERE meeting_id = ? AND deleted = 0 AND agenda_item_id IS NULL",
                      [mid]).fetchone()[0] == 0
