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
