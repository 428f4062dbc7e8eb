"""Resolving conflicts (db.sync.resolve): a person's choice is a new write that wins everywhere, inside
the office's scope, and the conflict is marked resolved in the same transaction."""

from __future__ import annotations

import pytest
from syncnet import state_of

from db.errors import StateError, ValidationError
from db.sync.resolve import get_conflict, list_conflicts, resolve_conflict
from db.sync.views import office_register, sync_history, sync_overview
from db.write import writing


def _follow_up(net, town="T1"):
    with writing(net.db(town)) as w:
        return w.insert("follow_up", {"title": "督办：背街小巷整治", "reply": "初稿", "state": "open"},
                        office_id=net.office(town))


def _reply_clash(net):
    """The township and its district answer the same follow-up without seeing each other; the
    district finds the conflict when the township's package arrives."""
    fid = _follow_up(net)
    net.settle()
    with writing(net.db("T1")) as w:
        w.update("follow_up", fid, {"reply": "乡镇的答复"})
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里的答复"})
    rep = net.send("T1", "D1")
    assert len(rep.conflicts) == 1
    return fid


def _seq(db):
    return db.execute("SELECT seq FROM node_state").fetchone()[0]


def test_a_conflict_shows_both_values_who_wrote_them_and_the_record(net):
    fid = _reply_clash(net)
    [c] = list_conflicts(net.db("D1"))
    assert (c.table, c.row_id, c.field, c.kind) == ("follow_up", fid, "reply", "field")
    assert {c.kept.value, c.other.value} == {"乡镇的答复", "区里的答复"}
    assert {c.kept.office_name, c.other.office_name} == {"新华路街道", "南明区政协"}
    assert c.current == c.kept.value and not c.changed_since
    assert c.title == "督办：背街小巷整治" and c.owner_name == "新华路街道"
    assert c.may_write and c.mergeable and c.kept.at[:2] == "20"


def test_keeping_the_other_value_is_a_new_write_that_wins_everywhere(net):
    fid = _reply_clash(net)
    d1 = net.db("D1")
    [c] = list_conflicts(d1)
    res = resolve_conflict(d1, c.id, "other")
    assert res.wrote and res.fields == ("reply",)
    assert d1.execute("SELECT reply FROM follow_up WHERE id = ?", [fid]).fetchone()[0] == c.other.value
    assert get_conflict(d1, c.id).resolution == "other" and list_conflicts(d1) == []
    net.settle(2)
    assert net.dumps_agree() == []
    for office in ("T1", "C"):
        assert net.db(office).execute("SELECT reply FROM follow_up WHERE id = ?", [fid]).fetchone()[0] == \
            c.other.value
    # the resolution had seen both values: it makes no new conflict anywhere
    assert all(not list_conflicts(net.db(o)) for o in ("T1", "C", "D1"))


def test_a_merge_by_hand_travels_like_any_edit(net):
    fid = _reply_clash(net)
    d1 = net.db("D1")
    [c] = list_conflicts(d1)
    resolve_conflict(d1, c.id, "merged", "区里和乡镇商定的答复")
    net.settle()
    assert net.db("T1").execute("SELECT reply FROM follow_up WHERE id = ?", [fid]).fetchone()[0] == \
        "区里和乡镇商定的答复"


def test_keeping_the_current_value_writes_nothing(net):
    _reply_clash(net)
    d1 = net.db("D1")
    [c] = list_conflicts(d1)
    before = _seq(d1)
    res = resolve_conflict(d1, c.id, "current")
    assert not res.wrote and _seq(d1) == before
    assert list_conflicts(d1) == [] and len(list_conflicts(d1, include_resolved=True)) == 1
    with pytest.raises(StateError) as err:
        resolve_conflict(d1, c.id, "other")
    assert err.value.code == "already_resolved"


def test_only_text_can_be_merged_and_an_empty_merge_is_refused(net):
    _reply_clash(net)
    d1 = net.db("D1")
    [c] = list_conflicts(d1)
    with pytest.raises(ValidationError):
        resolve_conflict(d1, c.id, "merged", None)
    assert list_conflicts(d1)                                         # still open, nothing written
    d1.execute("UPDATE conflict SET field = 'state', kept_value = 'open', other_value = 'replied' WHERE id = ?",
               [c.id])
    with pytest.raises(StateError) as err:
        resolve_conflict(d1, c.id, "merged", "open")
    assert err.value.code == "not_mergeable"


def test_a_delete_racing_an_edit_is_kept_where_it_was_found_and_undone_only_within_scope(net):
    fid = _follow_up(net)
    net.settle()
    with writing(net.db("T1")) as w:
        w.delete("follow_up", fid)
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里在删除前写的答复"})
    net.send("T1", "D1")
    d1 = net.db("D1")
    [c] = [c for c in list_conflicts(d1) if c.row_id == fid]
    assert c.kind == "delete" and c.current == "1" and c.edits == {"reply": "区里在删除前写的答复"}
    assert not c.may_write            # only the township may undelete its follow-up
    before = state_of(d1)
    with pytest.raises(StateError) as err:
        resolve_conflict(d1, c.id, "other")
    assert err.value.code == "not_in_scope" and state_of(d1) == before


def test_a_deleted_member_is_restored_with_the_edit_made_meanwhile(net):
    d1 = net.db("D1")
    member = d1.execute("SELECT id FROM member WHERE office_id = ? LIMIT 1", [net.office("T1")]).fetchone()[0]
    with writing(d1) as w:                                   # the district retires the record …
        w.delete("member", member)
    with writing(net.db("C")) as w:                          # … while the city corrects the phone
        w.update("member", member, {"phone": "13912345678"})
    net.send("C", "D1")
    [c] = [c for c in list_conflicts(d1) if c.row_id == member]
    assert c.kind == "delete" and c.may_write and c.edits == {"phone": "13912345678"}
    res = resolve_conflict(d1, c.id, "other")
    assert res.wrote and set(res.fields) == {"deleted"}      # the phone already holds the edit
    net.settle(2)
    assert net.dumps_agree() == []
    for office in ("C", "T1", "D1"):
        assert net.db(office).execute("SELECT deleted, phone FROM member WHERE id = ?", [member]).fetchone() == \
            (0, "13912345678")


def test_a_resolution_outside_the_office_scope_is_refused_and_changes_nothing(net):
    t1 = net.db("T1")
    member, rc = t1.execute("SELECT id, _rc FROM member WHERE office_id = ? LIMIT 1", [net.office("T1")]).fetchone()
    t1.execute("INSERT INTO conflict (tbl, row_id, field, kept_value, kept_clock, other_value, other_clock, "
               "detected_at) VALUES ('member', ?, 'name', '张三', ?, '张叁', ?, '2026-01-01T00:00:00')",
               [member, rc, rc.replace(rc[:16], f"{int(rc[:16], 16) - 1:016x}")])
    [c] = list_conflicts(t1)
    assert not c.may_write                           # the roster is kept by the district and the city
    before = state_of(t1)
    with pytest.raises(StateError) as err:
        resolve_conflict(t1, c.id, "other")
    assert err.value.code == "not_in_scope"
    assert state_of(t1) == before
    assert not resolve_conflict(t1, c.id, "current").wrote


def test_views_name_peers_keys_and_history(net):
    d1 = net.db("D1")
    ov = sync_overview(d1)
    assert ov.office.name == "南明区政协" and ov.parent.office.name == "贵阳市政协"
    assert [c.office.name for c in ov.children] == ["新华路街道", "中华南路街道"]
    assert all(c.key == "trusted" for c in ov.counterparts) and not ov.may_register and ov.may_make_setup_files
    rows = {r.office.name: r for r in office_register(net.db("C"))}
    assert len(rows) == 7 and rows["贵阳市政协"].relation == "self" and rows["新华路街道"].relation == "below"
    assert rows["新华路街道"].latest_change is not None and rows["南明区政协"].to_send is not None
    hist = sync_history(d1)
    assert {h.direction for h in hist} == {"in", "out"} and all(h.peer_name for h in hist)
