"""SYNC.md guarantees 1-7, the clocks, epochs and first contact, each on the small network."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from syncnet import CODES, state_of

from db.attachments import blob_path
from db.backup import backup, restore
from db.clock import MAX_DRIFT_MS, pack, wall_ms_now
from db.sync.dump import dump_text
from db.sync.simulate import simulate
from db.sync.state import after_restore
from db.write import writing


def _follow_up(net, town="T1"):
    with writing(net.db(town)) as w:
        return w.insert("follow_up", {"title": "督办：背街小巷整治", "reply": "初稿", "state": "open"},
                        office_id=net.office(town))


def test_idempotent_same_package_twice_is_a_no_op(net):          # guarantee 1
    simulate(net.db("T1"), 30, seed=1)
    pkg = net.export("T1", "D1")
    assert net.imp("D1", pkg).status == "applied"
    before = state_of(net.db("D1"))
    again = net.imp("D1", pkg)
    assert again.status == "already" and "已导入过" in again.text()
    assert state_of(net.db("D1")) == before
    # A second package with the same changes (no acknowledgement in between) changes no data either.
    data = dump_text(net.db("D1"))
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "applied" and rep.new == 0 and rep.updated == 0
    assert dump_text(net.db("D1")) == data


def test_order_free_any_order_same_result(net, tmp_path):         # guarantee 2
    t1 = net.db("T1")
    pkgs = []
    for seed in (1, 2, 3):
        simulate(t1, 15, seed=seed)
        pkgs.append(net.export("T1", "D1"))
    net.close()
    shutil.copytree(net.root / "D1", tmp_path / "D1-before")
    results = []
    for order in ([0, 1, 2], [2, 0, 1], [1, 2, 0, 2]):
        shutil.rmtree(net.root / "D1")
        shutil.copytree(tmp_path / "D1-before", net.root / "D1")
        for i in order:
            assert net.imp("D1", pkgs[i]).status in ("applied", "already")
        results.append(dump_text(net.db("D1")))
        net.close()
    assert results[0] == results[1] == results[2]
    assert dump_text(net.db("D1"), net.office("T1")) == dump_text(net.db("T1"), net.office("T1"))


def test_multi_hop_forwards_unchanged(net):                         # guarantee 3
    simulate(net.db("T1"), 25, seed=4)
    net.send("T1", "D1")
    net.send("D1", "C")
    node = net.db("T1").execute("SELECT node_id FROM node_state").fetchone()[0]
    q = "SELECT origin, seq, tbl, row_id, fields, hlc FROM change_log WHERE origin = ? ORDER BY seq"
    assert net.db("C").execute(q, [node]).fetchall() == net.db("T1").execute(q, [node]).fetchall()
    for tbl in ("meeting", "follow_up", "visit"):
        q2 = f"SELECT id, _rc, _fc FROM {tbl} WHERE office_id = ? ORDER BY id"
        t1 = [net.office("T1")]
        assert net.db("C").execute(q2, t1).fetchall() == net.db("T1").execute(q2, t1).fetchall()


def test_loss_tolerant_next_package_resends_everything(net):       # guarantee 4
    simulate(net.db("T1"), 20, seed=5)
    net.export("T1", "D1")                                          # lost on the way
    simulate(net.db("T1"), 20, seed=6)
    net.send("T1", "D1")
    t1 = net.office("T1")
    assert dump_text(net.db("D1"), t1) == dump_text(net.db("T1"), t1)
    net.send("D1", "T1")                                            # the acknowledgement comes back
    simulate(net.db("T1"), 5, seed=7)
    pkg = net.export("T1", "D1")
    rep = net.imp("D1", pkg)
    assert rep.log_entries <= 30                                    # only what was not acknowledged


def test_out_of_scope_changes_refuse_the_whole_package(net):       # guarantee 6
    simulate(net.db("T1"), 5, seed=8)
    with writing(net.db("T1"), scope=False) as w:                   # a township writing another's row,
        w.insert("liaison_group", {"name": "冒名的联络组"}, office_id=net.office("T2"))   # past its own check
    before = state_of(net.db("D1"))
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "refused" and rep.code == "out_of_scope"
    assert any("中华南路街道" in d for d in rep.details)
    assert state_of(net.db("D1")) == before


def test_township_may_not_edit_the_roster(net):
    t1 = net.db("T1")
    member = t1.execute("SELECT id FROM member WHERE office_id = ?", [net.office("T1")]).fetchone()[0]
    with writing(t1, scope=False) as w:
        w.update("member", member, {"phone": "13911112222"})
    before = state_of(net.db("D1"))
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "refused" and rep.code == "out_of_scope"
    assert state_of(net.db("D1")) == before


def test_the_write_path_refuses_what_the_office_may_not_write_so_its_packages_never_stall(net):
    from db.permissions import NotPermitted
    t1, d1 = net.db("T1"), net.db("D1")
    member = t1.execute("SELECT id FROM member WHERE office_id = ?", [net.office("T1")]).fetchone()[0]
    before = state_of(t1)
    for attempt in (lambda w: w.update("member", member, {"phone": "13911112222"}),        # the roster
                    lambda w: w.insert("member", {"name": "新委员"}),
                    lambda w: w.insert("liaison_group", {"name": "冒名的联络组"}, office_id=net.office("T2")),
                    lambda w: w.insert("reference_item", {"list": "sector", "code": "x", "name": "新界别"})):
        with pytest.raises(NotPermitted) as exc, writing(t1) as w:
            attempt(w)
        assert exc.value.message_zh and exc.value.message_en
    assert "委员名册由市政协和区县政协维护" in _refusal(t1, member)
    assert state_of(t1) == before                                    # nothing written, no log entry
    simulate(t1, 5, seed=8)                                          # its own work goes through
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"
    # the district may keep its townships' roster, and add a reply to their follow-ups, not edit their meetings
    with writing(d1) as w:
        w.update("member", member, {"phone": "13911112222"})
    meeting = d1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0", [net.office("T1")]).fetchone()
    assert meeting is not None
    with pytest.raises(NotPermitted), writing(d1) as w:
        w.update("meeting", meeting[0], {"place": "区政协"})


def _refusal(db, member) -> str:
    from db.permissions import NotPermitted
    try:
        with writing(db) as w:
            w.update("member", member, {"phone": "13911112223"})
    except NotPermitted as exc:
        return exc.message_zh
    return ""


def _conflicts(net):
    out = []
    for n in CODES:
        out += net.db(n).execute("SELECT tbl, row_id, field, kept_value, other_value FROM conflict").fetchall()
    return out


def test_concurrent_edits_of_written_text_are_kept_as_conflicts(net):   # guarantee 7
    fid = _follow_up(net)
    net.settle()
    with writing(net.db("T1")) as w:
        w.update("follow_up", fid, {"reply": "乡镇的答复"})
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里的答复"})
    with writing(net.db("C")) as w:
        w.update("follow_up", fid, {"reply": "市里的答复"})
    net.settle(2)
    assert net.dumps_agree() == []
    values = {v for _t, r, f, kv, ov in _conflicts(net) if r == fid and f == "reply" for v in (kv, ov)}
    assert {"乡镇的答复", "区里的答复", "市里的答复"} <= values


def test_sequential_edits_make_no_conflict(net):
    fid = _follow_up(net)
    net.settle()
    for office in ("D1", "T1", "C", "D1"):
        with writing(net.db(office)) as w:
            w.update("follow_up", fid, {"reply": f"{office} 的答复", "state": "replied"})
            w.update("follow_up", fid, {"reply": f"{office} 的第二稿"})
        net.settle()
    assert _conflicts(net) == []
    assert net.dumps_agree() == []


def test_delete_racing_an_edit_is_a_conflict(net):
    fid = _follow_up(net)
    net.settle()
    with writing(net.db("T1")) as w:
        w.delete("follow_up", fid)
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里在删除前写的答复"})
    net.settle(2)
    assert net.dumps_agree() == []
    rows = [c for c in _conflicts(net) if c[1] == fid and c[2] == "deleted"]
    assert rows and any("区里在删除前写的答复" in (c[4] or "") for c in rows)
    assert net.db("C").execute("SELECT deleted, reply FROM follow_up WHERE id = ?", [fid]).fetchone() == \
        (1, "区里在删除前写的答复")


def test_clock_far_ahead_is_applied_and_flagged_never_followed(net):
    t1 = net.db("T1")
    ahead = pack(wall_ms_now() + 3 * 24 * 3600 * 1000, 0)
    t1.execute("UPDATE node_state SET hlc = ?", [ahead])
    fid = _follow_up(net)
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "applied" and rep.clock_ahead >= 1 and "24" in rep.text()
    assert net.db("D1").execute("SELECT count(*) FROM follow_up WHERE id = ?", [fid]).fetchone()[0] == 1
    hlc = net.db("D1").execute("SELECT hlc FROM node_state").fetchone()[0]
    assert hlc <= pack(wall_ms_now() + MAX_DRIFT_MS, 0xFFFF)


@pytest.mark.parametrize("new_node", [False, True])
def test_restored_peer_gets_a_full_resend(net, new_node):
    t1 = net.db("T1")
    kept = backup(t1, net.path("T1"))
    simulate(t1, 20, seed=9)
    net.send("T1", "D1")
    net.send("D1", "T1")
    restore(t1, net.path("T1"), kept)                               # new epoch, older data
    net.close()
    if new_node:
        after_restore(net.db("T1"))
    net.send("T1", "D1")                                            # carries the new epoch
    pkg = net.export("D1", "T1")
    rep = net.imp("T1", pkg)
    assert rep.status == "applied" and rep.new > 0
    t = net.office("T1")
    assert dump_text(net.db("T1"), t) == dump_text(net.db("D1"), t)
    simulate(net.db("T1"), 10, seed=10)                             # and work goes on
    net.settle()
    assert net.dumps_agree() == []


def test_work_done_after_a_restore_before_the_resend_is_not_lost(net):
    """Needs db.sync.state.after_restore (a new node id): otherwise the new changes reuse sequence
    numbers the district already holds, and are never sent."""
    t1 = net.db("T1")
    kept = backup(t1, net.path("T1"))
    simulate(t1, 20, seed=13)
    net.settle()
    restore(t1, net.path("T1"), kept)
    net.close()
    after_restore(net.db("T1"))
    simulate(net.db("T1"), 15, seed=14)                             # typing goes on at once
    net.settle(2)
    assert net.dumps_agree() == []


def test_attachment_files_travel_with_the_package(net):
    fid = _follow_up(net)
    data = b"\x89PNG scanned sign-in sheet" * 100
    sha = hashlib.sha256(data).hexdigest()
    p = blob_path(net.db("T1"), sha)
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(data)
    with writing(net.db("T1")) as w:
        w.insert("attachment", {"owner_table": "follow_up", "owner_id": fid, "name": "签到表.png", "sha256": sha,
                                "size": len(data), "kind": "sign_in"}, office_id=net.office("T1"))
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.blobs_written == 1
    assert blob_path(net.db("D1"), sha).read_bytes() == data


def test_first_contact_needs_the_confirmed_fingerprint(net):
    t1 = net.db("T1")
    t1.execute("DELETE FROM sync_local_key")                        # a reinstalled PC: a new key
    simulate(t1, 3, seed=11)
    before = state_of(net.db("D1"))
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "refused" and rep.code == "untrusted_key" and rep.fingerprint
    assert "第二台电脑" in rep.reason_zh and rep.second_computer
    assert state_of(net.db("D1")) == before
    from db.sync.keys import trust
    trust(net.db("D1"), rep.fingerprint.replace("-", " "))
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"


@pytest.mark.parametrize("other", ["D2", "T2"])
def test_package_for_another_office_is_refused(net, other):
    simulate(net.db("T1"), 3, seed=12)
    pkg = net.export("T1", "D1")
    before = state_of(net.db(other))
    rep = net.imp(other, pkg)
    assert rep.status == "refused" and rep.code == "wrong_recipient" and "南明区政协" in rep.reason_zh
    assert state_of(net.db(other)) == before


def test_history_records_each_package_and_its_size(net):
    simulate(net.db("T1"), 10, seed=4)
    pkg = net.export("T1", "D1")
    assert net.imp("D1", pkg).status == "applied"
    size = pkg.stat().st_size
    q = "SELECT summary FROM sync_history WHERE direction = ? AND file_name = ?"
    sent = net.db("T1").execute(q, ["out", pkg.name]).fetchall()
    got = net.db("D1").execute(q, ["in", pkg.name]).fetchall()
    assert [json.loads(s)["bytes"] for (s,) in sent] == [size]
    assert [json.loads(s)["bytes"] for (s,) in got] == [size]


def test_the_district_makes_its_own_follow_up_from_a_townships_report_and_visit(net):
    from db.opinions import follow_up_from_opinion
    from db.visits import follow_up_from_visit, opinion_from_visit
    d1, t1 = net.db("D1"), net.office("T1")
    report = d1.execute("SELECT id FROM opinion_report WHERE office_id = ? AND deleted = 0", [t1]).fetchone()
    visit = d1.execute("SELECT id FROM visit WHERE office_id = ? AND deleted = 0", [t1]).fetchone()
    assert report and visit, "the network's townships have reports and visits"
    made = [follow_up_from_opinion(d1, report[0], title="督办：背街小巷整治"),
            follow_up_from_visit(d1, visit[0], title="督办：路灯维修")]
    owners = {r[0] for r in d1.execute(f"SELECT office_id FROM follow_up WHERE id IN ({','.join('?' * len(made))})",
                                        made)}
    assert owners == {net.office("D1")}                            # the district's own supervision items
    rid = opinion_from_visit(d1, visit[0], title="居民反映路灯不亮")
    assert d1.execute("SELECT office_id FROM opinion_report WHERE id = ?", [rid]).fetchone()[0] == net.office("D1")
    assert net.imp("C", net.export("D1", "C")).status == "applied"    # and the city takes them
