"""Records that arrive by sync are found by search at once, and so are their edits: a township's new
follow-up, then its edited reply and its deletion, sent to the district, each change the district's search
index the way the township's own write path changed the township's (same hits in both, as a rebuild gives)."""

from __future__ import annotations

from db import search
from db.write import writing

WORDS = ("背街小巷", "整治", "街道办", "协调", "电梯加装")


def _found(db) -> dict[str, list[str]]:
    return {w: sorted(h.row_id for h in search.search(db, w, tables=["follow_up"], limit=10 ** 6)) for w in WORDS}


def _same_as_a_rebuild(db) -> None:
    before = _found(db)
    search.rebuild(db)
    assert _found(db) == before
    assert search.problems(db) == []


def test_a_synced_record_and_its_edits_are_found_at_the_receiver(net):
    town, district = net.db("T1"), net.db("D1")
    with writing(town) as w:
        fid = w.insert("follow_up", {"title": "督办：背街小巷整治", "state": "open"}, office_id=net.office("T1"))
    net.send("T1", "D1")
    assert fid in _found(district)["背街小巷"] and fid in _found(district)["整治"]

    with writing(town) as w:
        w.update("follow_up", fid, {"title": "督办：电梯加装", "reply": "已协调街道办"})
    net.send("T1", "D1")
    found = _found(district)
    assert fid not in found["背街小巷"] and fid in found["电梯加装"] and fid in found["街道办"]
    assert found == _found(town)
    _same_as_a_rebuild(district)

    with writing(town) as w:
        w.delete("follow_up", fid)
    net.send("T1", "D1")
    assert all(fid not in ids for ids in _found(district).values())
    _same_as_a_rebuild(district)


def test_a_speech_moved_to_another_meeting_by_its_township_is_counted_under_that_meeting_at_the_district(net):
    from db.reference import id_by_code
    town, district = net.db("T1"), net.db("D1")
    group = town.execute("SELECT id FROM liaison_group WHERE office_id = ? AND deleted = 0",
                         [net.office("T1")]).fetchone()[0]
    kind = id_by_code(town, "meeting_kind")["consultation"]
    with writing(town) as w:
        a, b = w.insert_many("meeting", [{"group_id": group, "kind_id": kind, "topic": t, "starts_at": "2026-11-02T09:00"}
                                         for t in ("甲议事会", "乙议事会")], office_id=net.office("T1"))
        speech = w.insert("speech", {"meeting_id": a, "summary": "建议增设非机动车棚"}, office_id=net.office("T1"))
    net.send("T1", "D1")
    search.catch_up(district)                 # as the district's window does after the import: the speech mapped

    def meetings_with(db, word):
        sub, params = search.owner_rowids("meeting", (("agenda_item", "meeting_id"), ("speech", "meeting_id"),
                                                      ("consensus_item", "meeting_id")), search.match_expression(word))
        return {r[0] for r in db.execute(f"SELECT id FROM meeting WHERE rowid IN ({sub})", params)}

    assert meetings_with(district, "非机动车") == {a}
    with writing(town) as w:                  # recorded under the wrong meeting: moved
        w.update("speech", speech, {"meeting_id": b})
    net.send("T1", "D1")
    assert meetings_with(district, "非机动车") == {b} == meetings_with(town, "非机动车")
    assert search.problems(district) == []
