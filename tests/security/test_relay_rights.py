"""Who may speak for whom (SYNC.md "Trust"; SECURITY.md rules R1–R4): a hostile township (or district)
with its own real keys mounts each attack through a hand-made package; the receiver refuses it (or keeps
its own values), nothing else changes, and the network still converges under more honest work."""

from __future__ import annotations

import json

import pytest
from hostile import far_clock, forge, node_of, row_of, seq_of
from syncnet import state_of

from db.clock import parse_clock
from db.sync.simulate import simulate
from db.write import writing

BIG = (1 << 63) - 1


def _refused(net, at: str, path, code: str):
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    assert rep.status == "refused", rep.text()
    assert rep.code == code, rep.text()
    assert rep.reason_zh and rep.reason_en and rep.details
    assert state_of(net.db(at)) == before
    return rep


def _converges(net):
    """More honest work everywhere, two rounds of packages: every office agrees with the city, and the
    receiver's own writes still work (its sequence was not moved)."""
    for i, name in enumerate(("T1", "T2", "T3", "T4", "D1", "D2", "C")):
        simulate(net.db(name), 4, seed=900 + i)
    net.settle(2)
    assert not net.dumps_agree()


def _real_change(net, at: str = "T1"):
    """One honest edit at `at` through the write path: its log entry and the row as it now stands."""
    db = net.db(at)
    office = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [office]).fetchone()[0]
    with writing(db) as w:
        w.update("meeting", mid, {"topic": "一个真实的修改"})
    entry = db.execute("SELECT origin, seq, tbl, row_id, fields, hlc FROM change_log WHERE origin = ? "
                       "ORDER BY seq DESC LIMIT 1", [node_of(net, at)]).fetchone()
    return tuple(entry), row_of(net, at, "meeting", mid)


def test_the_hand_made_package_machinery_is_accepted_when_honest(net):
    """The control: the same forging helper, telling the truth, is applied (so each refusal below is
    the rule's doing, not a broken forgery)."""
    entry, row = _real_change(net)
    path = forge(net, "T1", "D1", entries=[entry], rows={"meeting": [row]},
                 ranges={entry[0]: [entry[1], entry[1], entry[5]]})
    rep = net.imp("D1", path)
    assert rep.status == "applied", rep.text()
    assert row_of(net, "D1", "meeting", row["id"])["topic"] == "一个真实的修改"
    _converges(net)


@pytest.mark.parametrize("whose", ["D1", "C", "both"])
def test_forged_ranges_for_the_receivers_and_the_citys_node(net, whose):
    """Issue 16 attack 1: ranges up to 2^63−1 for the district's and the city's nodes switched the
    district's sync off for good (OverflowError on its next write) and spread to every office."""
    ranges = {}
    if whose in ("D1", "both"):
        ranges[node_of(net, "D1")] = [1, BIG, 1]
    if whose in ("C", "both"):
        ranges[node_of(net, "C")] = [1, BIG, 1]
    rep = _refused(net, "D1", forge(net, "T1", "D1", ranges=ranges), "bad_origin")
    assert any("2^63" in d or "beyond" in d or "may not speak" in d or "this computer" in d for d in rep.details)
    seq = seq_of(net, "D1")
    simulate(net.db("D1"), 3, seed=5)
    assert seq_of(net, "D1") > seq and seq_of(net, "D1") < 10_000
    _converges(net)


def test_forged_range_for_the_senders_own_node_beyond_its_entries(net):
    """A range may not claim more than the entries it carries upward (nothing is filtered there)."""
    entry, row = _real_change(net)
    path = forge(net, "T1", "D1", entries=[entry], rows={"meeting": [row]},
                 ranges={entry[0]: [entry[1], entry[1] + 49, entry[5]]})
    rep = _refused(net, "D1", path, "bad_origin")
    assert any("claims more" in d for d in rep.details)
    path = forge(net, "T1", "D1", ranges={entry[0]: [entry[1], BIG, entry[5]]})
    _refused(net, "D1", path, "bad_origin")
    _converges(net)


def test_a_parent_cannot_move_the_childs_own_sequence(net):
    """A hostile district claims its township's own node up to 2^63−1: the township refuses; its own
    sequence moves only by its own writes."""
    path = forge(net, "D1", "T1", ranges={node_of(net, "T1"): [1, BIG, 1]})
    rep = _refused(net, "T1", path, "bad_origin")
    assert any("this computer" in d for d in rep.details)
    _converges(net)


def _office_row_renamed(net, at: str, target: str, clock_node: str, **changes) -> dict:
    row = row_of(net, at, "office", net.office(target))
    c = far_clock(clock_node)
    fc = json.loads(row["_fc"] or "{}")
    for k, v in changes.items():
        row[k] = v
        fc[k] = [c, fc.get(k, [row["_rc"]])[0]]
    row["_fc"] = json.dumps(fc, separators=(",", ":"), sort_keys=True)
    return row


def test_a_change_claiming_the_citys_node_renames_and_reparents_a_sibling(net):
    """Issue 16 attack 2: a change signed by the township but claiming the city's node as origin renamed
    a sibling township and moved it under the attacker, and was applied at the district."""
    city = node_of(net, "C")
    row = _office_row_renamed(net, "T1", "T2", city, name="被冒名改掉的街道", parent_id=net.office("T1"))
    have = net.db("D1").execute("SELECT seq FROM sync_have WHERE origin = ?", [city]).fetchone()[0]
    hlc = parse_clock(json.loads(row["_fc"])["name"][0])[0]
    entry = (city, have + 1, "office", row["id"], "name,parent_id", hlc)
    path = forge(net, "T1", "D1", entries=[entry], rows={"office": [row]}, ranges={city: [have + 1, have + 1, hlc]})
    rep = _refused(net, "D1", path, "bad_origin")
    assert any("may not speak for" in d for d in rep.details)
    assert row_of(net, "D1", "office", net.office("T2"))["name"] == "中华南路街道"
    _converges(net)


def test_the_same_rename_as_a_bare_row_state_is_not_applied(net):
    """Without a log entry, the row state alone in the city's name: the district keeps its values and
    the report says what it did not apply."""
    row = _office_row_renamed(net, "T1", "T2", node_of(net, "C"), name="被冒名改掉的街道",
                              parent_id=net.office("T1"))
    rep = net.imp("D1", forge(net, "T1", "D1", rows={"office": [row]}))
    assert rep.status in ("applied", "refused")
    assert row_of(net, "D1", "office", net.office("T2"))["name"] == "中华南路街道"
    assert row_of(net, "D1", "office", net.office("T2"))["parent_id"] == net.office("D1")
    if rep.status == "applied":
        assert rep.ignored and "未采用" in rep.text()
    _converges(net)


def test_a_parent_row_renamed_by_a_child_in_its_own_name(net):
    row = _office_row_renamed(net, "T1", "D1", node_of(net, "T1"), name="被下级改名的区政协")
    hlc = parse_clock(json.loads(row["_fc"])["name"][0])[0]
    t1 = node_of(net, "T1")
    s = seq_of(net, "T1")
    path = forge(net, "T1", "D1", entries=[(t1, s + 1, "office", row["id"], "name", hlc)], rows={"office": [row]},
                 ranges={t1: [s + 1, s + 1, hlc]})
    _refused(net, "D1", path, "out_of_scope")
    # T1 never wrote seq s+1 itself; its next real write takes that number, and the network converges
    _converges(net)


@pytest.mark.parametrize("origin", ["T2", "D1", "C"])
def test_a_change_in_the_name_of_a_sibling_the_receiver_or_the_city(net, origin):
    """Relay rights: from a child only origins of its own subtree. A sibling township's node writing
    the sibling's meeting, the district's or the city's node writing an instruction: each refused, though the origin itself would have had the right."""
    victim_node = node_of(net, origin)
    d1 = net.db("D1")
    if origin == "T2":
        table, rid = "meeting", d1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 LIMIT 1",
                                           [net.office("T2")]).fetchone()[0]
        field, value = "topic", "冒名修改的议题"
    else:
        table, rid = "opinion_report", d1.execute("SELECT id FROM opinion_report WHERE office_id = ? LIMIT 1",
                                                  [net.office("T1")]).fetchone()[0]
        field, value = "instruction", f"冒名的{'区级' if origin == 'D1' else '市级'}批示"
    row = row_of(net, "D1", table, rid)
    before = row[field]
    c = far_clock(victim_node)
    fc = json.loads(row["_fc"] or "{}")
    fc[field] = [c, fc.get(field, [row["_rc"]])[0]]
    row[field], row["_fc"] = value, json.dumps(fc, separators=(",", ":"), sort_keys=True)
    held = seq_of(net, "D1") if origin == "D1" else (d1.execute(
        "SELECT seq FROM sync_have WHERE origin = ?", [victim_node]).fetchone() or (0,))[0]
    hlc = parse_clock(c)[0]
    path = forge(net, "T1", "D1", entries=[(victim_node, held + 1, table, rid, field, hlc)], rows={table: [row]},
                 ranges={victim_node: [held + 1, held + 1, hlc]})
    _refused(net, "D1", path, "bad_origin")
    assert row_of(net, "D1", table, rid)[field] == before
    _converges(net)


def test_a_child_cannot_bind_nodes_to_offices_outside_its_subtree(net):
    """The node→office binding comes from first contact or the sender's own subtree, never from a
    package that names a sibling's office (a fresh node) or rebinds a known node."""
    t2_node = node_of(net, "T2")
    _refused(net, "D1", forge(net, "T1", "D1", nodes={"fresh-node-of-t2": net.office("T2")}), "bad_origin")
    _refused(net, "D1", forge(net, "T1", "D1", nodes={t2_node: net.office("T1")}), "bad_origin")
    _converges(net)
