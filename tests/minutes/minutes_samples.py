"""Minutes to print in the tests: plain dataclasses, and a small database written through db.write."""

from __future__ import annotations

from dataclasses import replace

from db.database import open_database
from db.write import writing
from desktop.minutes import AgendaItem, FollowUpRow, MinutesData, Person, Speech, heading_for

GROUP = "新华路街道政协委员联络组"
HARD_NAMES = "王𠇔 李䶮 阿依古丽·买买提 — 镕堃喆頔祎昇"
HARD_TEXT = (f"{HARD_NAMES}，。、；：！？《》“”‘’（）【】「」『』……——"
             "0123456789 ABCXYZ abcxyz 2026-03-05 10.5% WiFi·5G")
# a text with no break opportunities other than between CJK characters, for the grid
GRID_TEXT = "政协委员联络组协商议事会纪要" * 200


def typical(**changes) -> MinutesData:
    data = MinutesData(
        group_name=GROUP, title=heading_for(GROUP, "协商议事会"), date="2026-03-05", kind="协商议事会",
        topic="老旧小区加装电梯", issue_no="3", start_time="09:30", end_time="11:45", place="新华路委员之家",
        chair="王𠇔", recorder="李䶮",
        overview="本次会议邀请了街道办事处、住建部门和居民代表参加，围绕资金筹措、低层住户意见协调等问题开展协商。",
        present=(Person("王𠇔"), Person("李䶮"), Person("阿依古丽·买买提"), Person("朱镕基"), Person("张堃"),
                 Person("陈喆")),
        on_leave=(Person("周敏", note="外出学习"),), absent=(Person("吴刚"),),
        guests=(Person("郑华", "新华路街道办事处"), Person("钱七", "", "居民代表")),
        agenda=(AgendaItem(
            "关于老旧小区加装电梯的协商",
            background="辖区内共有老旧小区12个，符合加装条件的单元86个，已完成加装的仅有9个。",
            speeches=(Speech("王𠇔", "建议由街道牵头，建立“一梯一议”工作机制，明确低层住户补偿标准。"),
                      Speech("阿依古丽·买买提", "应当加大财政补贴力度；同时简化审批流程（目前平均需要8个月）。")),
            decision="会议决定：一是由街道办事处牵头制定实施方案；二是住建部门简化审批流程。"),),
        consensus=("由街道办事处牵头，于4月底前制定加装电梯实施方案。",),
        follow_ups=(FollowUpRow("制定加装电梯实施方案", "新华路街道办事处", "2026-04-30", "办理中"),),
        attachments=("会议签到表", "现场照片"), meeting_id="0190aaaa-0000-7000-8000-000000000001")
    return replace(data, **changes)


def long(**changes) -> MinutesData:
    """60 people on the attendance list, 40 speeches, ~10 pages of consensus, 40 follow-ups."""
    present = tuple(Person(f"委员{n:02d}号", f"第{n}单位") for n in range(1, 51))
    on_leave = tuple(Person(f"请假{n}号", note="外出学习") for n in range(1, 6))
    guests = tuple(Person(f"列席{n}号", f"街道第{n}科室") for n in range(1, 6))
    speeches = tuple(Speech(f"委员{n:02d}号", f"第{n}次发言：" + "建议进一步完善工作机制，" * 6 + "切实解决群众急难愁盼问题。")
                     for n in range(1, 41))
    consensus = tuple(f"第{n}条共识：" + "各方同意加强协作，形成工作合力，" * 12 + "按期报告办理情况。" for n in range(1, 31))
    follow_ups = tuple(FollowUpRow(f"督办事项第{n}项：完善加装电梯配套政策", f"责任单位{n}", "2026-06-30", "办理中")
                       for n in range(1, 41))
    return typical(present=present, on_leave=on_leave, guests=guests,
                   agenda=(AgendaItem("关于加装电梯的协商", background="背景。", speeches=speeches, decision="会议决定。"),),
                   consensus=consensus, follow_ups=follow_ups, **changes)


def build_database(path) -> dict[str, str]:
    """A small database written through db.write: an office, reference items, a group, members, two
    meetings with every part (some parts soft-deleted). Returns the ids the tests need."""
    db = open_database(path)
    ids: dict[str, str] = {}
    with writing(db) as w:
        office = ids["office"] = w.insert("office", {"code": "520102016", "name": "新华路街道", "level": "township"})
        kind = w.insert("reference_item", {"list": "meeting_kind", "code": "consult", "name": "协商议事会"},
                        office_id=office)
        resident = w.insert("reference_item", {"list": "guest_kind", "code": "resident", "name": "居民代表"},
                            office_id=office)
        group = ids["group"] = w.insert("liaison_group", {"name": GROUP}, office_id=office)
        other_group = ids["other_group"] = w.insert("liaison_group", {"name": "花果园街道政协委员联络组"},
                                                    office_id=office)
        members = {}
        for name, unit in (("王𠇔", "南明区人民医院"), ("李䶮", "新华路小学"), ("阿依古丽·买买提", "区民族中学"),
                           ("张三", "某公司"), ("已删除委员", "某单位")):
            members[name] = w.insert("member", {"name": name, "work_unit": unit}, office_id=office)
            w.insert("membership", {"group_id": group, "member_id": members[name]}, office_id=office)
        w.delete("member", members["已删除委员"])
        meeting = ids["meeting"] = w.insert("meeting", {
            "group_id": group, "kind_id": kind, "topic": "老旧小区加装电梯", "starts_at": "2026-03-05T09:30",
            "ends_at": "2026-03-05T11:45", "place": "新华路委员之家", "chair": "王𠇔", "recorder": "李䶮",
            "issue_no": "3", "overview": "会议邀请了住建部门参加。", "state": "draft"}, office_id=office)
        for sort, (name, status, reason) in enumerate((("王𠇔", "present", None), ("李䶮", "present", None),
                                                        ("阿依古丽·买买提", "leave", "外出学习"),
                                                        ("张三", "absent", None))):
            w.insert("attendance", {"meeting_id": meeting, "member_id": members[name], "status": status,
                                    "reason": reason, "sort": sort}, office_id=office)
        gone = w.insert("attendance", {"meeting_id": meeting, "guest_name": "删掉的列席人", "status": "attending"},
                        office_id=office)
        w.delete("attendance", gone)
        w.insert("attendance", {"meeting_id": meeting, "guest_name": "郑华", "guest_unit": "街道办事处",
                                "guest_kind_id": resident, "status": "attending", "sort": 9}, office_id=office)
        item = w.insert("agenda_item", {"meeting_id": meeting, "seq": 1, "title": "关于加装电梯的协商",
                                        "background": "符合条件的单元86个。", "decision": "会议决定由街道牵头。"},
                        office_id=office)
        w.insert("speech", {"meeting_id": meeting, "agenda_item_id": item, "member_id": members["王𠇔"], "seq": 1,
                            "summary": "建议建立“一梯一议”机制。"}, office_id=office)
        dropped = w.insert("speech", {"meeting_id": meeting, "agenda_item_id": item, "speaker_name": "某某", "seq": 2,
                                      "summary": "这条发言已删除。"}, office_id=office)
        w.delete("speech", dropped)
        w.insert("speech", {"meeting_id": meeting, "agenda_item_id": item, "speaker_name": "郑华", "seq": 3,
                            "summary": "街道将积极配合。"}, office_id=office)
        kept = w.insert("consensus_item", {"meeting_id": meeting, "seq": 1, "text": "由街道牵头制定实施方案。"},
                        office_id=office)
        removed = w.insert("consensus_item", {"meeting_id": meeting, "seq": 2, "text": "这条共识已删除。"},
                           office_id=office)
        w.delete("consensus_item", removed)
        w.insert("follow_up", {"title": "制定加装电梯实施方案", "source_table": "consensus_item", "source_id": kept,
                               "group_id": group, "lead_unit": "新华路街道办事处", "co_units": "区住建局",
                               "due_date": "2026-04-30", "state": "in_progress"}, office_id=office)
        w.insert("attachment", {"owner_table": "meeting", "owner_id": meeting, "name": "会议签到表.pdf",
                                "sha256": "0" * 64, "size": 10}, office_id=office)
        ids["cancelled"] = w.insert("meeting", {
            "group_id": group, "kind_id": kind, "topic": "取消的会议", "starts_at": "2026-04-01T09:00",
            "state": "cancelled"}, office_id=office)
        ids["later"] = w.insert("meeting", {
            "group_id": other_group, "kind_id": kind, "topic": "另一个组的会议", "starts_at": "2026-05-01T09:00",
            "state": "final", "finalized_at": "2026-05-03T10:00"}, office_id=office)
    db.conn.close()
    return ids
