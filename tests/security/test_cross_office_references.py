"""Cross-office references (SECURITY.md R4c): the write rights check who owns a row, but a row also points at
other rows (a speech at its meeting, an attendance line at a meeting and a member, a membership at a group, a
file or a timeline step at its record). A hostile township with its own real keys writes rows it owns that point
at its sibling's records (tests/security/hostile.py): its district refuses the package by name (code
`foreign_parent`), nothing changes there, and the network still converges under more honest work. A district
doing the same to its township, up to the city or down to the township, is refused too, and so is the write
path of a program that tries it. The honest references across offices (a district's note and reply letter on
its township's follow-up, a follow-up it makes from its township's visit, a member of the roster above, a
district adding a member to its township's group) still travel."""

from __future__ import annotations

import pytest
from hostile import far_clock, forge, node_of, row_of, seq_of
from syncnet import state_of

from db import model
from db.clock import parse_clock, uuid7
from db.permissions import NotPermitted
from db.sync.simulate import simulate
from db.write import writing


def _refused(net, at: str, path, *words):
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    assert rep.status == "refused", rep.text()
    assert rep.code == "foreign_parent", rep.text()
    assert rep.reason_zh and rep.reason_en and rep.details
    text = " ".join(rep.details)
    for w in words:
        assert w in text, rep.text()
    assert state_of(net.db(at)) == before
    return rep


def _converges(net):
    for i, name in enumerate(("T1", "T2", "T3", "T4", "D1", "D2", "C")):
        simulate(net.db(name), 4, seed=300 + i)
    net.settle(2)
    assert not net.dumps_agree()


def _first(net, at: str, table: str, owner: str, where: str = "1") -> str:
    row = net.db(at).execute(f"SELECT id FROM {table} WHERE office_id = ? AND deleted = 0 AND {where} ORDER BY id "
                             "LIMIT 1", [net.office(owner)]).fetchone()
    assert row, (table, owner)
    return row[0]


def _new_row(net, writer: str, table: str, values: dict, owner: str | None = None) -> dict:
    """A whole new row of `table` owned by `owner` (default: the writer's office), stamped by the writer."""
    cols = [r[1] for r in net.db(writer).execute(f"PRAGMA table_info({table})")]
    row = {f.name: f.default for f in model.TABLES[table].fields}
    row.update(id=uuid7(), office_id=net.office(owner or writer), deleted=0, _rc=far_clock(node_of(net, writer)),
               _fc=None)
    row.update(values)
    return {c: row.get(c) for c in cols}


def _send_rows(net, writer: str, to: str, table: str, rows: list[dict]):
    """A package from `writer` to `to`, with its real keys, inserting `rows` under its next sequence numbers."""
    node, s = node_of(net, writer), seq_of(net, writer)
    hlc = parse_clock(rows[0]["_rc"])[0]
    entries = [(node, s + k + 1, table, r["id"], "*", hlc) for k, r in enumerate(rows)]
    return forge(net, writer, to, entries=entries, rows={table: rows}, ranges={node: [s + 1, s + len(rows), hlc]})


def _of(net, owner: str, table: str) -> str:
    """A record of township `owner`, as its district holds it (the township makes one first if it has none)."""
    where = [net.office(owner)]
    if table in ("visit", "follow_up") and not net.db("D1").execute(
            f"SELECT 1 FROM {table} WHERE office_id = ? AND deleted = 0", where).fetchone():
        db = net.db(owner)
        if table == "visit":
            from db.visits import log_visit
            log_visit(db, group_id=_first(net, owner, "liaison_group", owner), kind_id=db.execute(
                "SELECT id FROM reference_item WHERE list = 'visit_kind' LIMIT 1").fetchone()[0],
                visit_date="2026-03-02", member_ids=[_first(net, owner, "member", owner)], place="街道联络站",
                heard="群众反映停车难")
        else:
            from db.followups import create_follow_up
            create_follow_up(db, title="督办：背街小巷整治", lead_unit="区城管局")
        net.send(owner, "D1")
    return _first(net, "D1", table, owner)


def _t2(net, table: str) -> str:
    """A record of the sibling township T2, as its district holds it."""
    return _of(net, "T2", table)


ATTACKS = {
    # a part of T2's meeting, written by T1
    "speech_on_siblings_meeting": lambda net: ("speech", {
        "meeting_id": _t2(net, "meeting"), "speaker_name": "张三", "summary": "一段编造的发言"}),
    "attendance_marks_siblings_member_absent": lambda net: ("attendance", {
        "meeting_id": _t2(net, "meeting"), "member_id": _first(net, "D1", "member", "T2"), "status": "absent"}),
    "agenda_item_on_siblings_meeting": lambda net: ("agenda_item", {
        "meeting_id": _t2(net, "meeting"), "title": "编造的议题"}),
    "consensus_on_siblings_meeting": lambda net: ("consensus_item", {
        "meeting_id": _t2(net, "meeting"), "text": "编造的共识"}),
    "meeting_in_siblings_group": lambda net: ("meeting", {
        "group_id": _t2(net, "liaison_group"), "kind_id": net.db("T1").execute(
            "SELECT id FROM reference_item WHERE list = 'meeting_kind' LIMIT 1").fetchone()[0],
        "topic": "冒用联络组的会议", "starts_at": "2026-03-01T09:30"}),
    "membership_in_siblings_group": lambda net: ("membership", {
        "group_id": _t2(net, "liaison_group"), "member_id": _first(net, "D1", "member", "T1")}),
    "member_on_siblings_visit": lambda net: ("visit_member", {
        "visit_id": _t2(net, "visit"), "member_id": _first(net, "D1", "member", "T1")}),
    "file_on_siblings_meeting": lambda net: ("attachment", {
        "owner_table": "meeting", "owner_id": _t2(net, "meeting"), "name": "假签到表.jpg", "sha256": "0" * 64,
        "size": 0}),
    "timeline_step_on_siblings_follow_up": lambda net: ("state_event", {
        "subject_table": "follow_up", "subject_id": _t2(net, "follow_up"), "at": "2026-05-01T10:00",
        "to_state": "closed", "actor_office_id": net.office("T1"), "note": "冒名办结"}),
    "reinspection_of_siblings_follow_up": lambda net: ("reinspection", {
        "follow_up_id": _t2(net, "follow_up"), "planned_on": "2026-06-01", "result": "reopened"}),
    # T1's own records naming T2's: its roster's member marked absent, its group, its visit as a source
    "siblings_member_absent_at_own_meeting": lambda net: ("attendance", {
        "meeting_id": _first(net, "T1", "meeting", "T1"), "member_id": _first(net, "D1", "member", "T2"),
        "status": "absent"}),
    "own_report_by_siblings_member": lambda net: ("opinion_report", {
        "title": "冒用别的街道委员报送的信息", "reporter_id": _first(net, "D1", "member", "T2"), "collected_on": "2026-04-01",
        "state": "collected"}),
    "own_group_convened_by_siblings_member": lambda net: ("liaison_group", {
        "name": "新的联络组", "convener_id": _first(net, "D1", "member", "T2")}),
    "own_follow_up_linked_to_siblings_meeting": lambda net: ("record_link", {
        "subject_table": "follow_up", "subject_id": _of(net, "T1", "follow_up"), "record_table": "meeting",
        "record_id": _t2(net, "meeting"), "role": "after"}),
    "own_plan_topic_consulted_at_siblings_meeting": lambda net: ("plan_topic", {
        "year": 2026, "title": "别的街道开过会的议题", "meeting_id": _t2(net, "meeting"), "cancelled": 0}),
    "own_follow_up_in_siblings_group": lambda net: ("follow_up", {
        "title": "督办：挂在别的街道名下", "group_id": _t2(net, "liaison_group"), "source_table": "visit",
        "source_id": _t2(net, "visit"), "state": "open"}),
}


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_a_township_cannot_hang_its_rows_on_its_siblings_records(net, attack):
    """T1 inserts a row it owns pointing at a record of its sibling T2 (which its district holds): refused at
    the district by name, district unchanged; nothing reaches the city, whose copy of T2's records stays T2's."""
    table, values = ATTACKS[attack](net)
    row = _new_row(net, "T1", table, values)
    rep = _refused(net, "D1", _send_rows(net, "T1", "D1", table, [row]), "中华南路街道", table)
    assert net.db("D1").execute(f"SELECT count(*) FROM {table} WHERE id = ?", [row["id"]]).fetchone()[0] == 0
    assert "520102002" in " ".join(rep.details)
    _converges(net)
    for name in ("D1", "C"):
        assert net.db(name).execute(f"SELECT count(*) FROM {table} WHERE id = ?", [row["id"]]).fetchone()[0] == 0


def test_a_township_cannot_move_its_own_speech_into_its_siblings_meeting(net):
    """An edit instead of a new row: T1's speech, already held at the district, moved (meeting_id) to T2's
    meeting under a fresh clock and a log entry of T1: refused, the speech stays in T1's meeting."""
    from hostile import rewrite
    sid = _first(net, "T1", "speech", "T1")
    row = row_of(net, "T1", "speech", sid)
    own_meeting = row["meeting_id"]
    node, s = node_of(net, "T1"), seq_of(net, "T1") + 1
    hlc = rewrite(row, "meeting_id", _t2(net, "meeting"), far_clock(node))
    row["agenda_item_id"] = None
    path = forge(net, "T1", "D1", entries=[(node, s, "speech", sid, "meeting_id,agenda_item_id", hlc)],
                 rows={"speech": [row]}, ranges={node: [s, s, hlc]})
    _refused(net, "D1", path, "中华南路街道", "meeting_id")
    assert row_of(net, "D1", "speech", sid)["meeting_id"] == own_meeting
    _converges(net)


@pytest.mark.parametrize("to", ["C", "T1"])
@pytest.mark.parametrize("table", ["speech", "attendance"])
def test_a_district_cannot_put_its_own_rows_into_its_townships_meeting(net, to, table):
    """D1 (which may not write T1's meeting) writes a speech or an attendance line it owns into T1's meeting, up
    to the city or down to T1: refused by name, receiver unchanged; T1's minutes stay T1's."""
    mid = _first(net, "D1", "meeting", "T1")
    values = {"meeting_id": mid, "speaker_name": "区里的人", "summary": "区政协替街道写的发言"} if table == "speech" else \
        {"meeting_id": mid, "member_id": _first(net, "D1", "member", "T1"), "status": "absent"}
    row = _new_row(net, "D1", table, values)
    _refused(net, to, _send_rows(net, "D1", to, table, [row]), "新华路街道", table)
    _converges(net)


def test_a_part_handed_down_names_a_source_its_sender_received(net):
    """A 交办 handed down names the row its sender received (`parent_id`). D1 sends T1 a new part whose source is
    not a row D1 received but T1's own part (a made-up chain of handing down): refused at T1 by name."""
    from db import assignments as A
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="核查辖区积水点", request="请各区核查")
    net.send("C", "D1")
    d1_row = A.find(net.db("D1"), batch, side="received").id
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="核查街道积水点", request="请核查",
                               parent_id=d1_row)
    net.send("D1", "T1")
    t1_row = A.find(net.db("T1"), part, side="received").id
    row = _new_row(net, "D1", "assignment", {
        "batch_id": uuid7(), "sender_office_id": net.office("D1"), "parent_id": t1_row, "title": "来源冒用的交办",
        "sent_at": "2026-05-01T10:00:00", "state": "new"}, owner="T1")
    _refused(net, "T1", _send_rows(net, "D1", "T1", "assignment", [row]), "交办", "parent_id")
    _converges(net)


@pytest.mark.parametrize("table", ["state_event", "attachment"])
def test_a_township_cannot_hang_a_step_or_a_file_on_the_districts_own_record(net, table):
    """The one record of its district a township holds: the 交办 the district received from the city, sent down
    as the source of the township's part. T1 puts a timeline step (撤回, in its own name) or a file on it: refused
    at the district by name; the city, which the district's next package reaches, never sees it."""
    from db import assignments as A
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="核查辖区积水点", request="请各区核查")
    net.send("C", "D1")
    d1_row = A.find(net.db("D1"), batch, side="received").id
    A.create_assignment(net.db("D1"), to=[net.office("T1")], title="核查街道积水点", request="请核查", parent_id=d1_row)
    net.send("D1", "T1")
    assert net.db("T1").execute("SELECT office_id FROM assignment WHERE id = ?", [d1_row]).fetchone()[0] == \
        net.office("D1")
    values = {"subject_table": "assignment", "subject_id": d1_row, "at": "2026-05-01T10:00", "to_state": "withdrawn",
              "actor_office_id": net.office("T1"), "note": "街道替区里撤回"} if table == "state_event" else \
        {"owner_table": "assignment_answer", "owner_id": d1_row, "name": "假反馈.pdf", "sha256": "0" * 64, "size": 0}
    row = _new_row(net, "T1", table, values)
    _refused(net, "D1", _send_rows(net, "T1", "D1", table, [row]), "南明区政协", table)
    _converges(net)
    assert net.db("C").execute(f"SELECT count(*) FROM {table} WHERE id = ?", [row["id"]]).fetchone()[0] == 0


# -- the write path --------------------------------------------------------------------------------------------
@pytest.mark.parametrize("at", ["D1", "C"])
def test_the_write_path_refuses_a_part_of_another_offices_meeting(net, at):
    """A program above the township (its own office owns what it inserts) writing a speech into the township's
    meeting: refused at once with the reason, nothing written (before, the district's own speech was written and
    went up to the city as part of the township's minutes)."""
    db = net.db(at)
    mid = _first(net, at, "meeting", "T1")
    seq = seq_of(net, at)
    with pytest.raises(NotPermitted) as e, writing(db) as w:
        w.insert("speech", {"meeting_id": mid, "speaker_name": "区里的人", "summary": "替街道写的发言"})
    assert e.value.code == "foreign_parent"
    assert "新华路街道" in e.value.message_zh and "meeting" in e.value.message_en.lower()
    assert seq_of(net, at) == seq


def test_the_write_path_refuses_a_township_naming_a_member_it_does_not_hold(net):
    """A township's program (e.g. an old database restored elsewhere) holding a member of its sibling's roster
    cannot mark it at its own meeting; its own and its district's members it can."""
    db = net.db("T1")
    mid = _first(net, "T1", "meeting", "T1")
    t2_member = row_of(net, "D1", "member", _first(net, "D1", "member", "T2"))
    with writing(db, scope=False) as w:           # the member as a stray copy would hold it
        db.conn.execute("INSERT INTO member (id, office_id, deleted, _rc, _fc, name) VALUES (?, ?, 0, ?, NULL, ?)",
                        [t2_member["id"], t2_member["office_id"], t2_member["_rc"], t2_member["name"]])
    with pytest.raises(NotPermitted) as e, writing(db) as w:
        w.insert("attendance", {"meeting_id": mid, "member_id": t2_member["id"], "status": "absent"},
                 office_id=net.office("T1"))
    assert e.value.code == "foreign_parent"
    assert "中华南路街道" in e.value.message_zh and "roster" in e.value.message_en
    with writing(db) as w:
        aid = w.insert("attendance", {"meeting_id": mid, "member_id": _first(net, "T1", "member", "C"),
                                      "status": "present"}, office_id=net.office("T1"))
    with pytest.raises(NotPermitted) as e, writing(db) as w:      # nor by changing a line it has
        w.update("attendance", aid, {"member_id": t2_member["id"]})
    assert e.value.code == "foreign_parent"
    assert row_of(net, "T1", "attendance", aid)["member_id"] != t2_member["id"]


def test_the_offices_above_still_write_what_is_theirs_on_a_townships_records(net, tmp_path):
    """Honest traffic: the district's supervision note, reply letter and reply on T1's follow-up, a follow-up it
    makes from T1's visit (naming T1's group and visit), a member it adds to T1's group (now owned by the group's
    township, so T1 holds it too) — all applied at T1 and at the city."""
    from db.attachments import add_attachment
    from db.followups import add_note
    from db.groups import add_to_group
    from db.members import save_member
    from db.visits import follow_up_from_visit
    d1 = net.db("D1")
    fid = _of(net, "T1", "follow_up")
    add_note(d1, fid, "区政协督办意见：请抓紧办理")
    letter = tmp_path / "答复函.pdf"
    letter.write_bytes(b"%PDF-1.4 reply")
    att = add_attachment(d1, "follow_up", fid, letter)
    vid = _of(net, "T1", "visit")
    own_fid = follow_up_from_visit(d1, vid, title="区里督办：走访反映的问题")
    gid = _first(net, "D1", "liaison_group", "T1")
    mem = save_member(d1, None, {"name": "新增委员", "sex": "F", "phone": "13800000001"}, office_id=net.office("T1"))
    ms = add_to_group(d1, gid, mem)
    assert row_of(net, "D1", "membership", ms)["office_id"] == net.office("T1")
    net.settle(2)
    assert not net.dumps_agree()
    for name in ("T1", "C"):
        db = net.db(name)
        assert db.execute("SELECT 1 FROM attachment WHERE id = ?", [att]).fetchone(), name
        assert db.execute("SELECT 1 FROM state_event WHERE subject_id = ? AND note LIKE '区政协督办意见%'",
                          [fid]).fetchone(), name
        assert db.execute("SELECT 1 FROM membership WHERE id = ?", [ms]).fetchone(), name
    assert net.db("C").execute("SELECT group_id FROM follow_up WHERE id = ?", [own_fid]).fetchone()[0] == \
        row_of(net, "D1", "visit", vid)["group_id"]


def test_check_names_records_that_came_in_before_the_rule(net):
    """A district that imported a township's speech in its sibling's meeting before this version still holds it:
    `check` names it (the honest offices' databases have none)."""
    from db.check import check_database
    for name in ("C", "D1", "T1"):
        assert not [p for p in check_database(net.db(name)).problems if p.startswith("references")], name
    d1 = net.db("D1")
    with writing(d1, scope=False) as w:               # as an older version applied it
        sid = w.insert("speech", {"meeting_id": _t2(net, "meeting"), "speaker_name": "张三", "summary": "编造的发言"},
                       office_id=net.office("T1"))
    problems = check_database(d1).problems
    assert problems[0].startswith("references: 1 ") and "其他机构" in problems[0], problems
    assert sid in problems[1] and "中华南路街道" in problems[1] and "新华路街道" in problems[1], problems


def _two_meetings_and_an_item(net) -> tuple[str, str, str]:
    """Two meetings of T1 and an agenda item of the second, as T1 and its district hold them."""
    from db.meetings import add_agenda_item
    t1 = net.db("T1")
    a, b = [r[0] for r in t1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 2",
                                     [net.office("T1")])]
    item = add_agenda_item(t1, b, "另一次会议的议题")
    net.send("T1", "D1")
    return a, b, item


@pytest.mark.parametrize("table", ["speech", "consensus_item"])
def test_a_part_cannot_hang_on_an_agenda_item_of_another_meeting_of_its_office(net, table):
    """T1's own speech (consensus item) in its own meeting A, named under an agenda item of its own meeting B, by a
    hand-made package: refused at the district by name (before: applied, and shown in A's minutes under no item
    while B's item counted it); a change moving a held speech under B's item, too; the program refuses both."""
    a, _b, item = _two_meetings_and_an_item(net)
    values = {"meeting_id": a, "agenda_item_id": item, "seq": 1}
    values.update({"speaker_name": "张三", "summary": "挂错会议的发言"} if table == "speech" else {"text": "挂错会议的共识"})
    row = _new_row(net, "T1", table, values)
    rep = _refused(net, "D1", _send_rows(net, "T1", "D1", table, [row]), row["id"], "另一次会议", "agenda_item_id")
    assert "another meeting" in " ".join(rep.details)
    t1 = net.db("T1")
    with pytest.raises(NotPermitted) as e, writing(t1) as w:
        w.insert(table, {k: v for k, v in values.items()}, office_id=net.office("T1"))
    assert e.value.code == "foreign_parent" and "另一次会议" in e.value.message_zh
    with writing(t1) as w:                                    # on no item, or one of its own meeting: written
        own = w.insert(table, {**values, "agenda_item_id": None}, office_id=net.office("T1"))
    with pytest.raises(NotPermitted), writing(t1) as w:       # nor by moving it under the other meeting's item
        w.update(table, own, {"agenda_item_id": item})
    net.send("T1", "D1")
    held = row_of(net, "D1", table, own)
    node, s = node_of(net, "T1"), seq_of(net, "T1") + 1
    from hostile import rewrite
    hlc = rewrite(held, "agenda_item_id", item, far_clock(node))
    path = forge(net, "T1", "D1", entries=[(node, s, table, own, "agenda_item_id", hlc)], rows={table: [held]},
                 ranges={node: [s, s, hlc]})
    _refused(net, "D1", path, own, "另一次会议")
    assert row_of(net, "D1", table, own)["agenda_item_id"] is None
    _converges(net)
    d1 = net.db("D1")
    with writing(d1, scope=False) as w:                       # as an older version applied it: check names it
        w.update(table, own, {"agenda_item_id": item})
    from db.check import check_database
    problems = check_database(d1).problems
    assert problems[0].startswith("references: 1 ") and own in problems[1] and "另一次会议" in problems[1], problems
