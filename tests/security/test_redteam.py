"""Red-team attacks on the sync trust rules (SYNC.md "Trust", SECURITY.md R1–R5, P1–P6): a hostile district
(or township) holding its own real keys relays, replays or forges changes in other offices' names. Each
package is written the way the hostile office's own program would write it (its honest export, opened,
edited, signed and encrypted again with its real keys). Expected: refused with a Chinese and English
reason and the receiver unchanged (or, where SECURITY.md says so, the value not applied and reported),
and honest traffic still converging afterwards. An attack that still succeeds is kept as a strict xfail
naming the hole."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hostile import Opened, far_clock, forge, import_in_child, node_of, rechain, rewrite, row_of
from syncnet import CODES, state_of

from db.clock import clock_text, uuid7
from db.sync import provenance
from db.sync.keys import b64, node_keys
from db.sync.simulate import simulate
from db.write import writing

ALTERED = "区里改过的议题"
BEFORE_SIGNATURE_MB = 300      # the brief's budget before a signature (here: the heads') is checked
AFTER_TRUST_MB = 1024          # SECURITY.md B2: at most 1 GB once the sender is trusted
ROOT = Path(__file__).resolve().parents[2]


def _converges(net):
    for i, name in enumerate(("T1", "T2", "T3", "T4", "D1", "D2", "C")):
        simulate(net.db(name), 2, seed=900 + i)
    net.settle(2)
    assert not net.dumps_agree()


def _township_edits(net, n: int = 1, at: str = "T1", text: str = "街道的真实议题", send=True) -> list[str]:
    db = net.db(at)
    office = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    mids = [r[0] for r in db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT ?",
                                     [office, n])]
    for i, mid in enumerate(mids):
        with writing(db) as w:
            w.update("meeting", mid, {"topic": f"{text}{i}"})
    if send:
        net.send(at, "D1" if at in ("T1", "T2") else "D2")
    return mids


def _reopen(net, path: Path, frm: str = "D1", to: str = "C") -> Opened:
    """A hand-made package opened back into an Opened (to add chain material)."""
    return Opened(net, frm, to, path=path, keep_material=False)


def _refused(net, at: str, path, codes=("bad_provenance",), details=True):
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    assert rep.status == "refused", rep.text()
    assert rep.code in codes, rep.text()
    assert rep.reason_zh and rep.reason_en and (rep.details or not details)
    print(f"\n{rep.code}: {rep.details[:3]}")
    assert state_of(net.db(at)) == before
    return rep


def _not_applied(net, at, path, check):  # noqa: D401
    """Refused (receiver unchanged), or applied with the forged value left out and reported."""
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    if rep.status == "refused":
        assert rep.reason_zh and rep.reason_en
        assert state_of(net.db(at)) == before
    else:
        assert rep.status == "applied", rep.text()
        assert rep.ignored, rep.text()
    check()
    return rep


# -- 1. bare row states in a relayed origin's name -----------------------------------------------
def test_control_the_honest_relay_is_applied(net):
    mids = _township_edits(net)
    rep = net.imp("C", Opened(net).write())
    assert rep.status == "applied", rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道的真实议题0"


@pytest.mark.parametrize("ranges", ["absent", "empty"])
def test_a_bare_row_state_in_a_verified_townships_name_without_its_range(net, ranges):
    """The district alters a township meeting and stamps the field with a fresh clock of the township, but
    leaves the township out of the package's ranges (or gives it an empty range, to= fr-1): nothing asks for
    the author's chain. The city has verified T1's chain before (sync_head)."""
    t1 = node_of(net, "T1")
    assert net.db("C").execute("SELECT 1 FROM sync_head WHERE origin = ?", [t1]).fetchone()
    mid = net.db("D1").execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                               [net.office("T1")]).fetchone()[0]
    row = row_of(net, "D1", "meeting", mid)
    honest = row_of(net, "C", "meeting", mid)["topic"]
    rewrite(row, "topic", ALTERED, far_clock(t1))
    rng = {}
    if ranges == "empty":
        s = net.db("C").execute("SELECT seq FROM sync_have WHERE origin = ?", [t1]).fetchone()[0]
        rng = {t1: [s + 1, s, 0]}
    path = forge(net, "D1", "C", rows={"meeting": [row]}, ranges=rng)
    _not_applied(net, "C", path, lambda: assert_topic(net, "C", mid, honest))
    _converges(net)


def assert_topic(net, at, mid, want):
    assert row_of(net, at, "meeting", mid)["topic"] == want


def _city_edits_a_phone(net, phone: str) -> str:
    """The city changes its first member's phone and sends it to its district D1; returns the member."""
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = c.execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    with writing(c) as w:
        w.update("member", mid, {"phone": phone})
    net.send("C", "D1")
    return mid


def _city_member_phone_change(net, phone="13911112222"):
    """An honest roster change at the city relayed down to T1: T1 verifies the city's signed chain."""
    mid = _city_edits_a_phone(net, phone)
    net.send("D1", "T1")
    assert net.db("T1").execute("SELECT 1 FROM sync_head WHERE origin = ?", [node_of(net, "C")]).fetchone()
    return mid


@pytest.mark.parametrize("verified", [False, True])
def test_a_bare_row_state_in_the_citys_name_relayed_down(net, verified):
    """Downward: the district rewrites a city roster row (a member's phone) for its township with a fresh
    clock of the city and no range of the city in the package. `verified`: the township has verified the
    city's chain before (an honest roster change came down first); otherwise it never has (as every
    township set up from a setup file, until the city's next change in its scope): its setup file bound the
    city's key, so a value replacing one it holds must still come with the city's chain (P6)."""
    if verified:
        _city_member_phone_change(net)
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    cn = node_of(net, "C")
    mid = c.execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    row = row_of(net, "D1", "member", mid)
    honest = row_of(net, "T1", "member", mid)["phone"]
    rewrite(row, "phone", "13866665555", far_clock(cn))
    path = forge(net, "D1", "T1", rows={"member": [row]})
    _not_applied(net, "T1", path, lambda: (
        None if row_of(net, "T1", "member", mid)["phone"] == honest else pytest.fail("phone rewritten")))
    _converges(net)


def _city_member_invented(net, clock: str) -> tuple[dict, str]:
    """A new member of the city office, as the district would forge it for its township under `clock`."""
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = c.execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    row = row_of(net, "D1", "member", mid)
    row.update(id=uuid7(), name="区里编造的委员", phone="13900000001", _rc=clock, _fc=None)
    return row, mid


def test_a_record_invented_in_the_citys_name_after_the_set_up_is_refused(net):
    """Downward: the district sends its township a new member of the city office that the city never wrote,
    with a clock of the city after the township's setup file and no chain: refused (P6), the township
    unchanged; the network converges afterwards."""
    row, _ = _city_member_invented(net, far_clock(node_of(net, "C")))
    path = forge(net, "D1", "T1", rows={"member": [row]})
    _refused(net, "T1", path)
    assert net.db("T1").execute("SELECT 1 FROM member WHERE id = ?", [row["id"]]).fetchone() is None
    _converges(net)


def test_an_older_record_of_the_city_without_its_chain_is_still_taken_at_a_township(net):
    """The other side of P6, plainly: a record of the city with a clock from before the township's setup file
    (as a full re-send from the parent carries, older than the parent's own copy of the city's chain) is
    taken on the parent's word at a township that has not verified the city's chain. A district could invent
    such a record only with a back-dated clock; it cannot replace a value the township holds with one."""
    t1 = net.db("T1")
    got = t1.execute("SELECT value FROM setting WHERE key = 'sync/setup_hlc'").fetchone()
    assert got, "the township keeps its setup file's clock"
    before_setup = clock_text(int(got[0]) - 1, node_of(net, "C"))
    row, mid = _city_member_invented(net, before_setup)
    honest = row_of(net, "T1", "member", mid)["phone"]
    old = row_of(net, "D1", "member", mid)
    rewrite(old, "phone", "13866665555", before_setup)
    rep = net.imp("T1", forge(net, "D1", "T1", rows={"member": [row, old]}))
    assert rep.status == "applied", rep.text()
    assert t1.execute("SELECT name FROM member WHERE id = ?", [row["id"]]).fetchone() == ("区里编造的委员",)
    assert row_of(net, "T1", "member", mid)["phone"] == honest, "a value held here was replaced without a chain"
    assert rep.ignored, rep.text()


def _full_resend_with_a_city_edit(net, phone="13911113333"):
    """The city edits a member's phone after T1's set-up (and before T1 verified the city's chain); the
    district's next package to T1 is a full re-send (T1 asked for one, as after a restore): the city's
    range starts at its first entry, older than where the district's copy of the city's chain began."""
    mid = _city_edits_a_phone(net, phone)
    assert not net.db("T1").execute("SELECT 1 FROM sync_head WHERE origin = ?", [node_of(net, "C")]).fetchone()
    d1 = net.db("D1")
    d1.execute("UPDATE sync_peer SET full_resend = 1 WHERE office_id = ?", [net.office("T1")])
    d1.conn.commit()
    opened = Opened(net, "D1", "T1")
    cn = node_of(net, "C")
    assert opened.manifest["ranges"][cn][0] == 1
    assert opened.material[cn]["from"] > 1, "the district holds the city's chain from its first entry"
    return opened, mid


def test_a_full_resend_carries_the_citys_newer_changes_with_their_chain(net):
    """Honest: the re-send carries the city's chain from where the district's copy began, so the city's edit
    made after T1's set-up is applied at T1 (its value replaces the one T1 held), and T1 then holds the
    city's signed head."""
    opened, mid = _full_resend_with_a_city_edit(net)
    rep = net.imp("T1", opened.write())
    assert rep.status == "applied" and not rep.ignored, rep.text()
    assert row_of(net, "T1", "member", mid)["phone"] == "13911113333"
    assert net.db("T1").execute("SELECT 1 FROM sync_head WHERE origin = ?", [node_of(net, "C")]).fetchone()
    _converges(net)


def test_a_full_resend_with_the_citys_newer_change_altered_is_refused(net):
    """Hostile: in that re-send the district alters the city's new value (the phone the city wrote): the
    proved part of the city's chain no longer matches the city's signed head, so T1 refuses the package."""
    opened, mid = _full_resend_with_a_city_edit(net)
    held = row_of(net, "T1", "member", mid)["phone"]
    opened.row("member", mid)["phone"] = "13866665555"
    _refused(net, "T1", opened.write())
    assert row_of(net, "T1", "member", mid)["phone"] == held
    _converges(net)


def test_a_record_invented_after_the_set_up_behind_a_back_dated_one_is_refused(net):
    """The invented city member dated after the set-up follows a back-dated one of the same office and table
    (which P6 still takes): the first new row must not vouch for the rest."""
    cn = node_of(net, "C")
    setup_hlc = int(net.db("T1").execute("SELECT value FROM setting WHERE key = 'sync/setup_hlc'").fetchone()[0])
    old, _ = _city_member_invented(net, clock_text(setup_hlc - 1, cn))
    new, _ = _city_member_invented(net, far_clock(cn))
    _refused(net, "T1", forge(net, "D1", "T1", rows={"member": [old, new]}))


def test_a_verified_origins_new_entries_cannot_be_left_unproved_by_a_late_start(net):
    """Upward, the city has verified T1's chain. The district forges T1's first new entry (actor, fields) and
    sends the chain only from the second one, with the genuine link before it as its start: the entries
    before a proved part must all be held here already, so the package is refused."""
    t1 = node_of(net, "T1")
    assert net.db("C").execute("SELECT 1 FROM sync_head WHERE origin = ?", [t1]).fetchone()
    _township_edits(net, n=2)
    o = Opened(net, "D1", "C")
    fr, to, _h = o.manifest["ranges"][t1]
    assert to == fr + 1 and o.material[t1]["from"] == fr
    first = next(e for e in o.entries if e[0] == t1 and e[1] == fr)
    first[6], first[4] = "伪造的经办人", "deleted"
    link = net.db("D1").execute("SELECT link FROM sync_chain WHERE origin = ? AND seq = ?", [t1, fr]).fetchone()[0]
    o.material[t1].update({"from": fr + 1, "start": b64(link), "m": o.material[t1]["m"][1:]})
    rep = _refused(net, "C", o.write(), codes=("relay_behind",))
    assert "上级机构的同步包" in " ".join(rep.details)


def test_a_full_resend_to_a_township_that_verified_the_city_is_applied(net):
    """Honest: T1 verified the city's chain; later the district re-sends everything (range from the city's
    first entry, its chain from where the district's copy began): applied, the city's newer edit with it."""
    mid = _city_member_phone_change(net)
    _city_edits_a_phone(net, "13911114444")
    d1 = net.db("D1")
    d1.execute("UPDATE sync_peer SET full_resend = 1 WHERE office_id = ?", [net.office("T1")])
    d1.conn.commit()
    rep = net.imp("T1", net.export("D1", "T1"))
    assert rep.status == "applied" and not rep.ignored, rep.text()
    assert row_of(net, "T1", "member", mid)["phone"] == "13911114444"


def _replace_d1(net, tmp_path):
    """D1's PC is replaced: a new installation from the city's setup file takes D1's place, its key confirmed
    by phone at the city and at its township (a second computer of D1 there), and T1's at the new PC."""
    import shutil

    from db.sync.keys import trust
    from db.sync.setup import init_from_setup, make_setup_file
    sf = make_setup_file(net.db("C"), CODES["D1"], tmp_path)
    init_from_setup(tmp_path / "D1new" / "liaison-desk.sqlite3", sf.path, sf.passcode)
    net.close()
    shutil.move(str(net.root / "D1"), str(tmp_path / "D1old"))
    shutil.move(str(tmp_path / "D1new"), str(net.root / "D1"))
    for frm, to in (("D1", "C"), ("T1", "D1"), ("D1", "T1")):
        rep = net.imp(to, net.export(frm, to))
        assert rep.status == "refused" and rep.code == "untrusted_key", rep.text()
        trust(net.db(to), rep.fingerprint)
    net.send("D1", "C")
    net.send("T1", "D1")


@pytest.mark.parametrize("city_first", [True, False])
def test_a_reinstalled_district_passes_the_citys_changes_down_with_their_chain(net, tmp_path, city_first):
    """Honest: after T1's set-up the city edits a member's phone and adds a member; then D1's PC is replaced
    from a setup file of the city (which carries both, without their chain). When the city's package reaches
    the new PC first, its next package to T1 brings both with the city's chain. When the new PC writes to T1
    first, T1 refuses it, saying to import the parent's package first (nothing is lost or half-applied); once
    it has, the same steps bring both."""
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = _city_edits_a_phone(net, "13911110000")
    with writing(c) as w:
        new = w.insert("member", {"name": "新市委员", "sex": "F", "phone": "13900000009"}, office_id=city)
    _replace_d1(net, tmp_path)
    if not city_first:
        rep = _refused(net, "T1", net.export("D1", "T1"), codes=("relay_behind",))
        assert "请转交方先导入其上级机构的同步包" in " ".join(rep.details)
    net.send("C", "D1")
    rep = net.send("D1", "T1")
    assert not rep.ignored, rep.text()
    assert row_of(net, "T1", "member", mid)["phone"] == "13911110000"
    assert row_of(net, "T1", "member", new)["name"] == "新市委员"
    for frm, to in (("T1", "D1"), ("D1", "C"), ("C", "D1"), ("D1", "T1")):     # and on, as every week
        net.send(frm, to)


def test_a_reinstalled_district_that_writes_twice_before_the_city_answers_still_gets_the_whole_chain(net, tmp_path):
    """The re-send the city owes a new computer of D1 is written once, however many packages the new PC sends
    before it: its second package no longer cancels it, so the new PC gets the city's whole chain and passes
    the city's changes down to T1 (before: T1 refused every package as relay_behind, for good)."""
    mid = _city_edits_a_phone(net, "13911110000")
    _replace_d1(net, tmp_path)
    net.send("D1", "C")                                 # a week later, before the city writes back
    net.send("C", "D1")
    rep = net.send("D1", "T1")
    assert not rep.ignored, rep.text()
    assert row_of(net, "T1", "member", mid)["phone"] == "13911110000"


def test_a_district_restored_from_a_backup_with_unexported_work_still_reaches_its_township(net):
    """Honest: the district edits, writes to T1 (which verifies its chain), edits again, makes a backup and is
    restored from it (a new node, same key). The earlier node's last edit was never chained: the restored PC
    chains and signs it at its next export, so T1 takes it instead of refusing every package as stripped."""
    from db.backup import backup, restore
    d1 = net.db("D1")
    t1office = net.office("T1")
    mid = d1.execute("SELECT id FROM member WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [t1office]).fetchone()[0]
    with writing(d1) as w:
        w.update("member", mid, {"phone": "13733330001"})
    net.send("D1", "T1")
    with writing(d1) as w:
        w.update("member", mid, {"phone": "13733330002"})
    restore(d1, net.path("D1"), backup(d1, net.path("D1")))
    net.close()
    net.send("T1", "D1")
    rep = net.send("D1", "T1")
    assert not rep.ignored, rep.text()
    assert row_of(net, "T1", "member", mid)["phone"] == "13733330002"


def test_only_computers_whose_chain_the_parent_relays_are_held_to_it():
    """A setup file names as chained the parent's own computer, those it holds a signed head of, and those its
    own setup file named so; a computer above still on a version before provenance (no head) is not held to
    its chain at the new office (it has none to carry)."""
    from db.database import open_database, set_setting
    from db.sync.computers import chained_above
    db = open_database(":memory:")
    assert chained_above(db, "own") == {"own"}
    db.execute("INSERT INTO sync_head (origin, seq, link, sig, sign_key) VALUES ('city', 1, x'00', x'00', x'00')")
    set_setting(db, "sync/setup_chained", '["grandparent", 5]')
    assert chained_above(db, "own") == {"own", "city", "grandparent"}


# -- 2. duplicated log entries -------------------------------------------------------------------
def test_a_duplicated_entry_with_a_forged_actor_before_the_honest_one(net):
    """The district puts a second copy of the township's entry (same origin and seq, another actor and
    hlc) before the honest one: the chain is checked on the last copy, the log keeps the first."""
    mids = _township_edits(net)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == mids[0])
    forged = list(e)
    forged[6] = "forged-actor"
    opened.entries.insert(0, forged)
    path = opened.write()
    before = state_of(net.db("C"))
    rep = net.imp("C", path)
    if rep.status == "applied":
        got = net.db("C").execute("SELECT actor FROM change_log WHERE origin = ? AND seq = ?", [t1, e[1]]).fetchone()
        assert got[0] == e[6], f"the city's log holds the forged entry: {got}"
    else:
        assert rep.reason_zh and rep.reason_en and state_of(net.db("C")) == before
    _converges(net)


# -- 3. a field's clock pointed at another entry of the same township -------------------------
def test_a_field_clock_pointed_at_another_entry_of_the_same_row(net):
    """T1 writes a meeting's topic, then (later) its place. The district relays both, but blanks a field the
    second entry never wrote (`deleted` back to 0, or a column to its default) and stamps it with the second
    entry's clock: the chain still verifies (the first entry's value is claimed as overwritten, with its
    real digest)."""
    t1db = net.db("T1")
    office = t1db.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = t1db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                       [office]).fetchone()[0]
    with writing(t1db) as w:
        w.delete("meeting", mid)
    with writing(t1db) as w:
        w.update("meeting", mid, {"topic": "删除后改的议题"})
    net.send("T1", "D1")
    t1 = node_of(net, "T1")
    opened = Opened(net)
    row = opened.row("meeting", mid)
    assert row["deleted"] == 1
    fc = json.loads(row["_fc"] or "{}")
    del_clock = fc["deleted"][0] if "deleted" in fc else row["_rc"]
    top_clock = fc["topic"][0] if "topic" in fc else row["_rc"]
    assert top_clock > del_clock
    mat = opened.material[t1]
    e_del = next(e for e in opened.entries if e[0] == t1 and clock_text(e[5], t1) == del_clock)
    k = e_del[1] - mat["from"]
    item = mat["m"][k]
    li = item if isinstance(item, int) else item[0]
    names = mat["fs"][li].split(",")
    # the delete entry's digests: `deleted` now claimed as overwritten, with the author's own digest
    claimed = b"".join(provenance.field_digest(n, 1) for n in names if n == "deleted")
    fc["deleted"] = [top_clock, del_clock]
    row["_fc"] = json.dumps(fc)
    row["deleted"] = 0
    cur = provenance.current_test(row, del_clock)
    assert [n for n in names if not cur(n)] == ["deleted"]
    mat["m"][k] = [li, b64(claimed)]
    path = opened.write()
    before = state_of(net.db("C"))
    rep = net.imp("C", path)
    if rep.status == "refused":
        assert rep.reason_zh and rep.reason_en and state_of(net.db("C")) == before
    assert row_of(net, "C", "meeting", mid)["deleted"] == 1 or rep.status == "refused", \
        "the district undeleted the township's deleted meeting"
    _converges(net)


# -- 4. replay ----------------------------------------------------------------------------------
def test_an_old_package_of_the_township_re_sent_after_newer_ones(net):
    """The district keeps the township's first package and imports it again after newer ones (as if the
    township re-sent it); the newer value stays."""
    mids = _township_edits(net, 1, send=False)
    old = net.export("T1", "D1", net.root / "kept")
    net.imp("D1", old)
    _township_edits(net, 1, text="街道后来的议题", send=True)
    before = state_of(net.db("D1"))
    rep = net.imp("D1", old)
    assert rep.status == "already", rep.text()
    assert "已导入过" in rep.text() and "already imported" in rep.text()
    assert row_of(net, "D1", "meeting", mids[0])["topic"] == "街道后来的议题0"
    assert state_of(net.db("D1")) == before
    _converges(net)


def test_a_package_from_another_network(net):
    """A district of another network: the same office codes, its own keys (which nobody here confirmed). The
    city refuses it unread and is unchanged."""
    from hostile import forge_stream, stranger_keys
    line = json.dumps({"k": "log", "e": []}).encode() + b"\n"
    path = forge_stream(net, "D1", "C", [line], declared=len(line), keys=stranger_keys())
    rep = _refused(net, "C", path, codes=("untrusted_key", "second_computer"), details=False)
    assert rep.fingerprint and "指纹" in rep.reason_zh and "fingerprint" in rep.reason_en


# -- 5. resource bounds of the provenance member ---------------------------------------------------
def _with_packed(net, packed: bytes, frm="D1", to="C") -> Path:
    _township_edits(net) if frm == "D1" else None
    opened = Opened(net, frm, to)
    opened.packed = packed
    return opened.write()


def test_deeply_nested_provenance_material(net):
    """The material nests 200,000 lists deep (a few hundred bytes compressed): a clear refusal, never an
    internal error, the city unchanged."""
    depth = 200_000
    packed = zlib.compress(b'{"v": 1, "o": ' + b"[" * depth + b"]" * depth + b"}", 9)
    _refused(net, "C", _with_packed(net, packed), codes=("corrupt", "bad_provenance"), details=False)
    _converges(net)


def test_deeply_nested_material_of_one_origin(net):
    """Nested where the checker walks (an origin's `m` item) rather than at the top."""
    t1 = node_of(net, "T1")
    _township_edits(net)
    opened = Opened(net)
    depth = 200_000
    mat = json.dumps({"v": 1, "o": opened.material}).encode()
    key = json.dumps(t1).encode() + b": {"
    at = mat.index(key) + len(key)
    packed = zlib.compress(mat[:at] + b'"x": ' + b"[" * depth + b"]" * depth + b", " + mat[at:], 9)
    opened.packed = packed
    _refused(net, "C", opened.write(), codes=("corrupt", "bad_provenance"), details=False)


def _child_refused(net, at: str, path: Path, budget_mb: int) -> dict:
    before = state_of(net.db(at))
    res = import_in_child(net, at, path)
    print(f"\n{path.name}: {res}")
    assert res["status"] == "refused", res
    assert state_of(net.db(at)) == before
    assert res["peak_mb"] <= budget_mb, res
    return res


def test_provenance_material_of_forty_million_items(net):
    """A trusted district's material lists 40 million field-set indexes for one origin (80 MB inflated, a
    hundred kilobytes on the stick): parsed whole (json.loads) before any head's signature is checked, so
    the before-signature budget (300 MB) applies."""
    t1 = node_of(net, "T1")
    _township_edits(net)
    opened = Opened(net)
    mat = dict(opened.material[t1])
    n = 40_000_000
    head = json.dumps({"v": 1, "o": {t1: {**mat, "m": []}}}).encode()
    at = head.rindex(b"[]") + 1
    comp = zlib.compressobj(6)
    parts = [comp.compress(head[:at])]
    chunk = b"0," * (1 << 20)
    for _ in range(n // (1 << 20)):
        parts.append(comp.compress(chunk))
    parts += [comp.compress(b"0" + head[at:]), comp.flush()]
    opened.packed = b"".join(parts)
    path = opened.write()
    assert path.stat().st_size < 5 << 20
    _child_refused(net, "C", path, BEFORE_SIGNATURE_MB)


def test_out_of_scope_digests_by_the_million_at_a_district(net):
    """A hostile township (its own key signs its own head) sends its district a run of 4 million entry
    digests 'left out as outside the district's scope' past its real entries: the district chains and keeps
    a row for each before it finds that the run does not end the signed range."""
    t1 = node_of(net, "T1")
    _township_edits(net, send=False)
    opened = Opened(net, "T1", "D1")
    mat = opened.material[t1]
    n = 4_000_000
    mat["m"].append(["meeting", net.office("T3"), b64(bytes(range(16)) * n)])
    path = opened.write()
    res = _child_refused(net, "D1", path, AFTER_TRUST_MB)
    assert res["code"] in ("bad_provenance", "too_large", "corrupt"), res


@pytest.mark.parametrize("shape", ["list", "text", "heads_list", "head_text"])
def test_a_provenance_section_of_the_wrong_shape(net, shape):
    """The signed manifest's provenance section is not an object (or its heads are not): a clear refusal,
    never an internal error."""
    t1 = node_of(net, "T1")
    _township_edits(net)
    opened = Opened(net)

    def tweak(m):
        if shape == "list":
            m["provenance"] = [m["provenance"]]
        elif shape == "text":
            m["provenance"] = "x"
        elif shape == "heads_list":
            m["provenance"]["heads"] = [m["provenance"]["heads"]]
        else:
            m["provenance"]["heads"][t1] = "x"
    opened.last_tweak = tweak
    _refused(net, "C", opened.write(), codes=("corrupt", "bad_provenance"), details=False)


# -- 6. tampering with the chain material itself --------------------------------------------------
def _two_edits_opened(net):
    mids = _township_edits(net, 2)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    mat = opened.material[t1]
    assert len(mat["m"]) >= 2
    return mids, t1, opened, mat


@pytest.mark.parametrize("how", ["reorder", "duplicate", "past_head"])
def test_reordered_duplicated_or_extended_chain_items(net, how):
    mids, t1, opened, mat = _two_edits_opened(net)
    if how == "reorder":
        mat["m"][-1], mat["m"][-2] = mat["m"][-2], mat["m"][-1]
        for e in opened.entries:        # the entries follow the material: each takes its neighbour's seq
            if e[0] == t1 and e[1] >= mat["from"] + len(mat["m"]) - 2:
                e[1] = (2 * mat["from"] + 2 * len(mat["m"]) - 3) - e[1]
    elif how == "duplicate":
        mat["m"].append(mat["m"][-1])
        last = max((e for e in opened.entries if e[0] == t1), key=lambda e: e[1])
        extra = list(last)
        extra[1] += 1
        opened.entries.append(extra)
        opened.manifest["ranges"][t1][1] += 1
    else:
        opened.manifest["ranges"][t1][1] += 1      # the range goes on past the signed head
    opened.row("meeting", mids[0])["topic"] = ALTERED
    _refused(net, "C", opened.write(), codes=("bad_provenance", "bad_origin", "corrupt"))
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED
    _converges(net)


def test_a_field_clock_pointed_at_an_entry_of_another_row(net):
    """The altered topic of one meeting carries the clock of T1's entry on another meeting (whose chain
    verifies from its own, honest row); the first entry's topic is claimed as overwritten."""
    mids, t1, opened, mat = _two_edits_opened(net)
    a, b = (next(e for e in opened.entries if e[0] == t1 and e[3] == m) for m in mids)
    row = opened.row("meeting", mids[0])
    fc = json.loads(row["_fc"] or "{}")
    own = clock_text(a[5], t1)
    names = mat["fs"][mat["m"][a[1] - mat["from"]] if isinstance(mat["m"][a[1] - mat["from"]], int)
                      else mat["m"][a[1] - mat["from"]][0]].split(",")
    fc["topic"] = [clock_text(b[5], t1), own]
    row["_fc"] = json.dumps(fc)
    real = row["topic"]
    row["topic"] = ALTERED
    k = a[1] - mat["from"]
    li = mat["m"][k] if isinstance(mat["m"][k], int) else mat["m"][k][0]
    assert names == ["topic"]
    mat["m"][k] = [li, b64(provenance.field_digest("topic", real))]
    before = state_of(net.db("C"))
    rep = net.imp("C", opened.write())
    if rep.status == "refused":
        assert rep.reason_zh and rep.reason_en and state_of(net.db("C")) == before
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED
    _converges(net)


def test_an_invented_clock_with_the_authors_old_digest_claimed(net):
    """The district alters a value, gives it a clock of T1 that T1 never used (one tick after the entry) and
    claims the entry's real digest for the value 'overwritten since': not applied (P4), or refused."""
    mids = _township_edits(net, 1)
    t1 = node_of(net, "T1")
    was = row_of(net, "C", "meeting", mids[0])["topic"]
    opened = Opened(net)
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == mids[0])
    mat = opened.material[t1]
    row = opened.row("meeting", mids[0])
    real = row["topic"]
    fc = json.loads(row["_fc"] or "{}")
    fc["topic"] = [clock_text(e[5] + 1, t1), clock_text(e[5], t1)]
    row["_fc"] = json.dumps(fc)
    row["topic"] = ALTERED
    k = e[1] - mat["from"]
    li = mat["m"][k] if isinstance(mat["m"][k], int) else mat["m"][k][0]
    assert mat["fs"][li] == "topic"
    mat["m"][k] = [li, b64(provenance.field_digest("topic", real))]
    _not_applied(net, "C", opened.write(), lambda: assert_topic(net, "C", mids[0], was))
    _converges(net)


# -- 7. a township forging a sibling's origin ------------------------------------------------------
def test_a_township_forges_its_siblings_changes_with_provenance(net):
    """T1 sends its district a change of T2's meeting in T2's node, with a range, a head and chain material
    for T2 that T1 made itself (signed with T1's own key): refused by relay rights, district unchanged."""
    t2 = node_of(net, "T2")
    d1 = net.db("D1")
    mid = d1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [net.office("T2")]).fetchone()[0]
    row = row_of(net, "D1", "meeting", mid)
    seq = d1.execute("SELECT seq FROM sync_have WHERE origin = ?", [t2]).fetchone()[0] + 1
    clock = far_clock(t2)
    hlc = rewrite(row, "topic", "冒名修改的议题", clock)
    entry = (t2, seq, "meeting", mid, "topic", hlc, None)
    keys = node_keys(net.db("T1"))
    inner = provenance.entry_digest(entry, "topic", provenance.field_digest("topic", row["topic"]))
    start = d1.execute("SELECT link FROM sync_chain WHERE origin = ? AND seq = ?", [t2, seq - 1]).fetchone()
    start = start[0] if start else provenance.genesis(t2)
    link = provenance.chain_step(start, provenance.scope_tag("meeting", row["office_id"]), inner)

    def tweak(m):
        m["provenance"] = {"heads": {t2: {"seq": seq, "link": b64(link), "key": b64(keys.sign_public),
                                          "sig": b64(keys.sign(provenance.head_message(t2, seq, link)))}}}
    path = forge(net, "T1", "D1", entries=[entry], rows={"meeting": [row]}, ranges={t2: [seq, seq, hlc]},
                 tweak=tweak)
    _refused(net, "D1", path, codes=("bad_origin", "bad_provenance", "out_of_scope"))
    assert row_of(net, "D1", "meeting", mid)["topic"] != "冒名修改的议题"
    _converges(net)


# -- 8. substituting a township's head key ------------------------------------------------------------
def _city_never_saw(net, name: str) -> str:
    """The city as it was before any head of this township reached it (a township added, or the network
    just upgraded): no head, no bound key."""
    n = node_of(net, name)
    c = net.db("C")
    with c.conn:
        c.execute("DELETE FROM sync_head WHERE origin = ?", [n])
        c.execute("DELETE FROM sync_origin_key WHERE node_id = ?", [n])
    return n


@pytest.mark.xfail(strict=True, reason="hole with R6d off (a city whose head turned it off, or single-office demo data; SECURITY.md 'Limits': the city learns a "
                   "township's key from its district): first binding wins for a key the district made itself")
def test_the_district_plants_its_own_key_for_a_township_the_city_never_saw(net):
    from hostile import stranger_keys
    mids = _township_edits(net, 1, at="T2")
    t2 = _city_never_saw(net, "T2")
    opened = Opened(net)
    assert t2 in opened.material
    opened.row("meeting", mids[0])["topic"] = ALTERED
    rechain(opened, t2, stranger_keys())
    _not_applied(net, "C", opened.write(), lambda: None)
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED


def _planted(net):
    """A district that planted its own key for T2 at a city that had never heard from T2 (the values untouched:
    only the key is the district's), and T2's next real change, which the city then refuses."""
    from hostile import stranger_keys
    _township_edits(net, 1, at="T2")
    t2 = _city_never_saw(net, "T2")
    opened = Opened(net)
    rechain(opened, t2, stranger_keys())
    rep = net.imp("C", opened.write())
    assert rep.status == "applied", rep.text()
    mids = _township_edits(net, 1, at="T2", text="街道后来的议题")
    return t2, mids


def test_a_planted_key_locks_the_townships_real_heads_out_until_a_person_removes_it(net):
    t2, mids = _planted(net)
    real = net.export("D1", "C")
    _refused(net, "C", real)                                  # first binding wins: the real head is refused
    assert row_of(net, "C", "meeting", mids[0])["topic"] != "街道后来的议题0"


def _cli(net, *args) -> subprocess.CompletedProcess:
    """The command line at the city, in a child process (the database closed here first)."""
    net.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args, "--db", str(net.path("C"))], cwd=ROOT,
                          capture_output=True, text=True, timeout=120, env=env)


def test_after_a_planted_key_the_townships_real_heads_still_get_through(net):
    """The city's clerk phones the township, finds the key wrong, removes it on the command line; the township's
    next real package (relayed by its district) is then held for the township's own fingerprint, confirmed by
    phone, and lands. A district planting its key again meanwhile is held too, never bound."""
    from hostile import stranger_keys

    from db.sync.keys import node_keys as keys_of
    t2, mids = _planted(net)
    listed = _cli(net, "computers", "list", "--office", CODES["T2"])
    assert listed.returncode == 0 and t2 in listed.stdout, listed.stdout + listed.stderr
    assert f"经 {CODES['D1']} 转告" in listed.stdout, listed.stdout
    out = _cli(net, "computers", "forget", t2)
    assert out.returncode == 0 and "已移除" in out.stdout and "removed" in out.stdout, out.stdout + out.stderr
    # the district plants its key again: held, not bound, nothing of T2's applied
    opened = Opened(net)
    rechain(opened, t2, stranger_keys())
    rep = net.imp("C", opened.write())
    assert rep.status == "applied" and [h.node for h in rep.held] == [t2], rep.text()
    assert rep.held[0].fingerprint != keys_of(net.db("T2")).fingerprint
    assert "移除" in rep.held[0].reason_zh and "removed here" in rep.held[0].reason_en
    assert not net.db("C").execute("SELECT 1 FROM sync_origin_key WHERE node_id = ?", [t2]).fetchone()
    assert row_of(net, "C", "meeting", mids[0])["topic"] != "街道后来的议题0"
    # the real package: held for the fingerprint the township itself shows
    real = net.export("D1", "C")
    rep = net.imp("C", real)
    assert rep.status == "applied" and [h.node for h in rep.held] == [t2], rep.text()
    fp = keys_of(net.db("T2")).fingerprint
    assert rep.held[0].fingerprint == fp, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] != "街道后来的议题0"
    out = _cli(net, "trust", fp)                                   # the numbers matched on the phone
    assert out.returncode == 0, out.stdout + out.stderr
    rep = net.imp("C", real)                                       # received again: now it lands
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道后来的议题0"
    assert net.db("C").execute("SELECT sign_key FROM sync_origin_key WHERE node_id = ?", [t2]).fetchone()[0] == \
        keys_of(net.db("T2")).sign_public
    _converges(net)


def _confirm_relayed_keys(net) -> None:
    """The city's head turns R6d on, on the command line."""
    out = _cli(net, "computers", "confirm-relayed", "on")
    assert out.returncode == 0 and "已开启" in out.stdout and "on:" in out.stdout, out.stdout + out.stderr


def test_a_city_confirming_relayed_keys_holds_a_planted_key_and_takes_the_real_one_once_confirmed(net):
    """R6d closes the planted first key: with the setting on, the district's own key for a township the city
    never heard from is held (its fingerprint is not the one the township reads out on the phone), nothing of the
    altered value lands and nothing is bound; the township's real package is held for its own fingerprint, which
    the clerk confirms on the command line, and then lands; the network converges."""
    from hostile import stranger_keys

    from db.sync.keys import node_keys as keys_of
    mids = _township_edits(net, 1, at="T2")
    t2 = _city_never_saw(net, "T2")
    _confirm_relayed_keys(net)
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = ALTERED
    rechain(opened, t2, stranger_keys())
    rep = net.imp("C", opened.write())
    assert rep.status == "applied" and [h.node for h in rep.held] == [t2], rep.text()
    real_fp = keys_of(net.db("T2")).fingerprint
    assert rep.held[0].fingerprint and rep.held[0].fingerprint != real_fp
    assert "电话核对" in rep.held[0].reason_zh and "confirms relayed keys" in rep.held[0].reason_en, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED
    assert not net.db("C").execute("SELECT 1 FROM sync_origin_key WHERE node_id = ?", [t2]).fetchone()
    real = net.export("D1", "C")
    rep = net.imp("C", real)
    assert rep.status == "applied" and [h.fingerprint for h in rep.held] == [real_fp], rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] != "街道的真实议题0"
    out = _cli(net, "trust", real_fp)                          # the digits matched on the phone
    assert out.returncode == 0, out.stdout + out.stderr
    rep = net.imp("C", real)
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道的真实议题0"
    _converges(net)


def test_a_city_confirming_relayed_keys_holds_a_stripped_origin_it_never_verified(net):
    """R6d also closes P6 upward for an office the city never heard from: without its chain and head the
    township's changes cannot be confirmed, so they stay held; the district's own work lands."""
    mids = _township_edits(net, 1, at="T2")
    t2 = _city_never_saw(net, "T2")
    _confirm_relayed_keys(net)
    opened = Opened(net)
    del opened.material[t2]
    del opened.manifest["provenance"]["heads"][t2]
    opened.row("meeting", mids[0])["topic"] = ALTERED
    rep = net.imp("C", opened.write())
    assert rep.status == "applied" and [h.node for h in rep.held] == [t2], rep.text()
    assert rep.held[0].fingerprint is None and "无法核对" in rep.held[0].reason_zh, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED
    rep = net.imp("C", net.export("D1", "C"))                  # the honest package: held for a phone call
    assert [h.node for h in rep.held] == [t2], rep.text()


def test_a_city_confirming_relayed_keys_does_not_hold_a_known_computer_named_only_as_an_older_writer(net):
    """A township computer the city knows from before provenance (an upgraded city: its node bound to the office,
    no key) sends nothing now, but the record the district answers was written by it: the package names it only
    as the writer of the record's other fields. There is no key to confirm: nothing is held, and the district's
    answer lands (it was held as "a computer with no signed record" on every such package). What it sends later is
    held for its key as before."""
    with writing(net.db("T2")) as w:
        fid = w.insert("follow_up", {"title": "背街小巷路灯", "lead_unit": "区城管局", "due_date": "2026-12-30"})
    net.settle(1)                                       # up to the city and back: every office holds it
    t2 = _city_never_saw(net, "T2")
    assert net.db("C").execute("SELECT 1 FROM sync_node WHERE node_id = ?", [t2]).fetchone()
    _confirm_relayed_keys(net)
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "已协调区城管局年内完成"})
    rep = net.imp("C", net.export("D1", "C"))
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "follow_up", fid)["reply"] == "已协调区城管局年内完成"
    from db.sync.keys import node_keys as keys_of
    _township_edits(net, 1, at="T2")                    # once it sends something, its key is asked for (R6d)
    rep = net.imp("C", net.export("D1", "C"))
    assert [(h.node, h.fingerprint) for h in rep.held] == [(t2, keys_of(net.db("T2")).fingerprint)], rep.text()


def test_confirming_relayed_keys_leaves_the_keys_already_taken_alone(net):
    """Turned on in a running network, the setting changes nothing for the townships the city already knows."""
    _confirm_relayed_keys(net)
    mids = _township_edits(net, 1, at="T2")
    rep = net.imp("C", net.export("D1", "C"))
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道的真实议题0"
    out = _cli(net, "computers", "confirm-relayed", "off")
    assert out.returncode == 0 and "未开启" in out.stdout, out.stdout + out.stderr
    out = _cli(net, "computers", "confirm-relayed", "maybe")
    assert out.returncode == 2 and "用法错误" in out.stderr, out.stderr


@pytest.mark.parametrize("what", ["nosuchcomputer", "own node", "own office"])
def test_forgetting_with_a_wrong_argument_says_so(net, what):
    """An unknown computer or code, the city's own computer or office; and a computer whose key the city
    confirmed itself (the district's: that is `revoke`)."""
    before = state_of(net.db("C"))
    arg = {"own node": node_of(net, "C"), "own office": CODES["C"]}.get(what, what)
    out = _cli(net, "computers", "forget", arg)
    assert out.returncode == 2, out.stdout + out.stderr
    assert "用法错误" in out.stderr and "usage error" in out.stderr and "Traceback" not in out.stderr, out.stderr
    assert state_of(net.db("C")) == before
    out = _cli(net, "computers", "forget", node_of(net, "D1"))
    assert out.returncode == 2 and "revoke" in out.stderr, out.stderr
    if what == "nosuchcomputer":
        out = _cli(net, "computers", "list", "--office", "999999")
        assert out.returncode == 2 and "用法错误" in out.stderr and "no office" in out.stderr, out.stderr
        out = _cli(net, "computers", "forget")
        assert out.returncode == 2 and "用法错误" in out.stderr, out.stderr


@pytest.mark.xfail(strict=True, reason="hole with R6d off (a city whose head turned it off, or single-office demo data; P6, documented for districts on an "
                   "older version): a district on this version strips the material of an origin the city has not "
                   "verified yet and alters its values")
def test_stripping_the_provenance_of_an_origin_the_city_has_not_verified(net):
    mids = _township_edits(net, 1, at="T2")
    t2 = _city_never_saw(net, "T2")
    opened = Opened(net)
    del opened.material[t2]
    del opened.manifest["provenance"]["heads"][t2]
    opened.row("meeting", mids[0])["topic"] = ALTERED
    _not_applied(net, "C", opened.write(), lambda: None)
    assert row_of(net, "C", "meeting", mids[0])["topic"] != ALTERED


# -- 9. a phantom computer of a township ----------------------------------------------------------------
@pytest.mark.parametrize("with_chain", [False, True])
def test_a_phantom_second_computer_of_a_township_declared_by_its_district(net, with_chain):
    """The district declares a new node bound to its township's office (R2 allows a binding inside its
    subtree) and relays a change of the township's meeting in that node's name: entry, range and (with_chain)
    a chain and head signed by a key the district made. No person ever confirmed a second computer of the
    township (R6), and nothing of the township's own chain vouches for the value."""
    from hostile import stranger_keys
    phantom = uuid7().replace("-", "")[:16]
    assert len(phantom) == len(node_of(net, "T1"))
    t1office = net.office("T1")
    mid = net.db("D1").execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                               [t1office]).fetchone()[0]
    honest = row_of(net, "C", "meeting", mid)["topic"]
    row = row_of(net, "D1", "meeting", mid)
    clock = far_clock(phantom)
    hlc = rewrite(row, "topic", ALTERED, clock)
    entry = (phantom, 1, "meeting", mid, "topic", hlc, None)
    tweak = None
    if with_chain:
        keys = stranger_keys()
        inner = provenance.entry_digest(entry, "topic", provenance.field_digest("topic", ALTERED))
        link = provenance.chain_step(provenance.genesis(phantom), provenance.scope_tag("meeting", t1office), inner)

        def tweak(m):
            m["provenance"] = {"heads": {phantom: {"seq": 1, "link": b64(link), "key": b64(keys.sign_public),
                                                   "sig": b64(keys.sign(provenance.head_message(phantom, 1, link)))}}}
    path = forge(net, "D1", "C", entries=[entry], rows={"meeting": [row]}, ranges={phantom: [1, 1, hlc]},
                 nodes={phantom: t1office}, tweak=tweak)
    if with_chain:
        # the chain material travels in its own sealed member: write the package the district's way
        opened = _reopen(net, path)
        opened.material = {phantom: {"from": 1, "start": b64(provenance.genesis(phantom)), "fs": ["topic"],
                                     "m": [0]}}
        path = opened.write()
    rep = net.imp("C", path)
    assert row_of(net, "C", "meeting", mid)["topic"] == honest, rep.text()
    # held as a second computer of the township, reported by the district (SECURITY.md R6b): its change kept back,
    # not counted as received, and its node not bound, so nothing of it passes unconfirmed later either
    _held_at(net, "C", rep, phantom, "南明区政协转告：“新华路街道”的第二台电脑")
    assert (rep.held[0].fingerprint is not None) == with_chain, rep.text()
    _converges(net)


def _district_and_t2_work(net) -> tuple[str, str]:
    """Honest work for the district to relay: a T2 meeting topic (T2's own), and a phone number of a T1 member
    written by the district (it keeps its townships' roster)."""
    [t2_mid] = _township_edits(net, 1, at="T2", text="中华南路的真实议题")
    d1 = net.db("D1")
    member = d1.execute("SELECT id FROM member WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                        [net.office("T1")]).fetchone()[0]
    with writing(d1) as w:
        w.update("member", member, {"phone": "13712345678"})
    return t2_mid, member


def test_a_phantom_of_a_township_relayed_with_honest_work_holds_only_the_phantom(net):
    """The district relays, in one package, T2's real change, its own roster change and a made-up second
    computer of T1 that rewrites a T1 meeting and adds a meeting (a head signed with a key of the district's
    making). The city applies T2's and the district's changes and keeps back the phantom's: nothing of it is
    applied, counted as received or bound, and the report says which computer was held and why."""
    from hostile import stranger_keys
    t2_mid, member = _district_and_t2_work(net)
    opened = Opened(net)
    t1office = net.office("T1")
    phantom = uuid7().replace("-", "")[:16]
    d1 = net.db("D1")
    mid = d1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [t1office]).fetchone()[0]
    assert all(r["id"] != mid for r in opened.rows.get("meeting", []))
    honest = row_of(net, "C", "meeting", mid)["topic"]
    row = row_of(net, "D1", "meeting", mid)
    hlc = rewrite(row, "topic", ALTERED, far_clock(phantom))
    new = dict(row, id=uuid7(), _rc=far_clock(phantom, 61_000), _fc=None, topic="幽灵电脑新增的会议")
    opened.rows.setdefault("meeting", []).extend([row, new])
    opened.entries += [[phantom, 1, "meeting", mid, "topic", hlc, None],
                       [phantom, 2, "meeting", new["id"], "*", int(new["_rc"][:16], 16), None]]
    opened.manifest["ranges"][phantom] = [1, 2, int(new["_rc"][:16], 16)]
    opened.manifest["nodes"][phantom] = t1office
    keys = stranger_keys()
    link = provenance.genesis(phantom)          # a head of the district's making (never checked: held)
    opened.manifest["provenance"]["heads"][phantom] = {
        "seq": 2, "link": b64(link), "key": b64(keys.sign_public),
        "sig": b64(keys.sign(provenance.head_message(phantom, 2, link)))}
    opened.material[phantom] = {"from": 1, "start": b64(provenance.genesis(phantom)), "fs": ["topic"], "m": [0, 0]}
    rep = net.imp("C", opened.write())
    _held_at(net, "C", rep, phantom, "南明区政协转告：“新华路街道”的第二台电脑")
    assert rep.held[0].changes == 2 and rep.new == 0 and rep.updated >= 2, rep.text()
    assert row_of(net, "C", "meeting", t2_mid)["topic"] == "中华南路的真实议题0"          # T2's change landed
    assert row_of(net, "C", "member", member)["phone"] == "13712345678"             # and the district's
    assert row_of(net, "C", "meeting", mid)["topic"] == honest                       # the phantom's did not
    assert not net.db("C").execute("SELECT 1 FROM meeting WHERE id = ?", [new["id"]]).fetchone()
    from db.sync.views import pending_keys
    assert [k.fingerprint for k in pending_keys(net.db("C"))] == [rep.held[0].fingerprint]
    _converges(net)
    assert row_of(net, "C", "meeting", mid)["topic"] != ALTERED


def test_an_added_township_computer_relayed_with_other_work_is_held_alone_until_confirmed(net, tmp_path):
    """An honest added computer of T1 (its setup file used again), confirmed at the district. The district's
    next package to the city carries its work together with T2's and the district's own: the city applies the
    rest at once and holds the new computer's; its clerk confirms the fingerprint the new PC shows, on the
    command line, and the district's next package brings the held changes; the network converges."""
    from db.database import open_database
    from db.sync.export import export_package
    from db.sync.keys import node_keys as keys_of
    from db.sync.keys import trust
    from db.sync.setup import init_from_setup, make_setup_file
    sf = make_setup_file(net.db("D1"), CODES["T1"], tmp_path)
    init_from_setup(tmp_path / "T1-added" / "db.sqlite3", sf.path, sf.passcode)
    added = open_database(tmp_path / "T1-added" / "db.sqlite3")
    t1office = net.office("T1")
    mid = added.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                        [t1office]).fetchone()[0]
    with writing(added) as w:
        w.update("meeting", mid, {"topic": "新增电脑写的议题"})
        w.insert("follow_up", {"title": "新增电脑的督办", "reply": "初稿", "state": "open"}, office_id=t1office)
    rep = net.imp("D1", export_package(added, CODES["D1"], net.stick).path)
    assert rep.status == "refused" and rep.second_computer                   # R6 at the district: whole package
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", export_package(added, CODES["D1"], net.stick).path).status == "applied"
    fp = keys_of(added).fingerprint
    t2_mid, member = _district_and_t2_work(net)
    rep = net.imp("C", net.export("D1", "C"))
    [held] = rep.held
    assert rep.status == "applied" and held.fingerprint == fp and held.changes == 2, rep.text()
    assert row_of(net, "C", "meeting", t2_mid)["topic"] == "中华南路的真实议题0"
    assert row_of(net, "C", "member", member)["phone"] == "13712345678"
    assert row_of(net, "C", "meeting", mid)["topic"] != "新增电脑写的议题"
    held_rows = "SELECT count(*) FROM follow_up WHERE title = '新增电脑的督办'"
    assert net.db("C").execute(held_rows).fetchone()[0] == 0
    out = _cli(net, "trust", fp)                           # the numbers matched on the phone
    assert out.returncode == 0, out.stdout + out.stderr
    rep = net.imp("C", net.export("D1", "C"))              # the district's next package
    assert rep.status == "applied" and not rep.held, rep.text()
    assert row_of(net, "C", "meeting", mid)["topic"] == "新增电脑写的议题"
    assert net.db("C").execute(held_rows).fetchone()[0] == 1
    # T1's first computer is asked too (R6b downward), then everyone converges
    rep = net.imp("T1", net.export("D1", "T1"))
    assert rep.status == "applied" and [h.fingerprint for h in rep.held] == [fp], rep.text()
    trust(net.db("T1"), fp)
    added.conn.close()
    _converges(net)
    assert net.db("T1").execute(held_rows).fetchone()[0] == 1


@pytest.mark.parametrize("how", ["new membership", "meeting moved"])
def test_changes_building_on_a_held_computers_records_are_held_with_them(net, tmp_path, how):
    """An added T1 computer makes a liaison group; T1's first computer (which confirmed it) adds a member to that
    group (or moves one of its meetings, which the city holds, into it). At the city, which has not confirmed the added computer, the group is held, so T1's membership is held
    with it (T1's whole range, so the city never counts a change received that it did not apply), and T2's and
    the district's work lands. Once confirmed, the next package brings both."""
    from db.database import open_database
    from db.sync.export import export_package
    from db.sync.keys import trust
    from db.sync.setup import init_from_setup, make_setup_file
    sf = make_setup_file(net.db("D1"), CODES["T1"], tmp_path)
    init_from_setup(tmp_path / "T1-added" / "db.sqlite3", sf.path, sf.passcode)
    added = open_database(tmp_path / "T1-added" / "db.sqlite3")
    t1office = net.office("T1")
    with writing(added) as w:
        gid = w.insert("liaison_group", {"name": "新增电脑建的联络组"}, office_id=t1office)
    rep = net.imp("D1", export_package(added, CODES["D1"], net.stick).path)
    trust(net.db("D1"), rep.fingerprint)
    assert net.imp("D1", export_package(added, CODES["D1"], net.stick).path).status == "applied"
    added_node = added.execute("SELECT node_id FROM node_state").fetchone()[0]
    added.conn.close()
    down = net.imp("T1", net.export("D1", "T1"))
    trust(net.db("T1"), down.held[0].fingerprint)
    assert net.imp("T1", net.export("D1", "T1")).status == "applied"
    t1 = net.db("T1")
    member = t1.execute("SELECT id FROM member WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                        [t1office]).fetchone()[0]
    moved = t1.execute("SELECT id, group_id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                       [t1office]).fetchone()
    with writing(t1) as w:
        if how == "new membership":
            ms = w.insert("membership", {"group_id": gid, "member_id": member}, office_id=t1office)
        else:
            w.update("meeting", moved[0], {"group_id": gid})
    net.send("T1", "D1")
    t2_mid, phone_member = _district_and_t2_work(net)
    c = net.db("C")
    t1_node = node_of(net, "T1")
    t1_have = c.execute("SELECT seq FROM sync_have WHERE origin = ?", [t1_node]).fetchone()
    rep = net.imp("C", net.export("D1", "C"))
    assert rep.status == "applied", rep.text()
    held = {h.node: h for h in rep.held}
    assert set(held) == {added_node, t1_node}, rep.text()
    assert held[t1_node].fingerprint is None and "依赖于暂缓导入" in held[t1_node].reason_zh, rep.text()
    assert row_of(net, "C", "meeting", t2_mid)["topic"] == "中华南路的真实议题0"
    assert row_of(net, "C", "member", phone_member)["phone"] == "13712345678"
    assert not c.execute("SELECT 1 FROM liaison_group WHERE id = ?", [gid]).fetchone()
    if how == "new membership":
        assert not c.execute("SELECT 1 FROM membership WHERE id = ?", [ms]).fetchone()
    else:
        assert row_of(net, "C", "meeting", moved[0])["group_id"] == moved[1]
    assert c.execute("SELECT seq FROM sync_have WHERE origin = ?", [t1_node]).fetchone() == t1_have
    trust(c, held[added_node].fingerprint)
    rep = net.imp("C", net.export("D1", "C"))
    assert rep.status == "applied" and not rep.held, rep.text()
    if how == "new membership":
        assert c.execute("SELECT group_id FROM membership WHERE id = ?", [ms]).fetchone() == (gid,)
    else:
        assert row_of(net, "C", "meeting", moved[0])["group_id"] == gid
    _converges(net)


def test_a_phantom_computer_of_the_city_declared_downward(net):
    mid = _city_member_phone_change(net)
    honest = row_of(net, "T1", "member", mid)["phone"]
    city = net.db("C").execute("SELECT office_id FROM node_state").fetchone()[0]
    phantom = uuid7().replace("-", "")[:16]
    row = row_of(net, "D1", "member", mid)
    hlc = rewrite(row, "phone", "13900000000", far_clock(phantom))
    path = forge(net, "D1", "T1", entries=[(phantom, 1, "member", mid, "phone", hlc, None)],
                 rows={"member": [row]}, ranges={phantom: [1, 1, hlc]}, nodes={phantom: city})
    rep = net.imp("T1", path)
    assert row_of(net, "T1", "member", mid)["phone"] == honest, rep.text()
    _held_at(net, "T1", rep, phantom, "南明区政协转告：“贵阳市政协”的第二台电脑")
    _converges(net)


def _held_at(net, at: str, rep, node: str, says: str) -> None:
    """The package was applied with `node`'s changes kept back and said so (SECURITY.md R6b)."""
    assert rep.status == "applied" and rep.second_computer, rep.text()
    assert [h.node for h in rep.held] == [node], rep.text()
    assert says in rep.held[0].reason_zh and "held back" in rep.held[0].reason_en, rep.text()
    assert "暂缓导入" in rep.text() and "held back" in rep.text()
    db = net.db(at)
    assert not db.execute("SELECT 1 FROM sync_have WHERE origin = ?", [node]).fetchone()
    assert not db.execute("SELECT 1 FROM change_log WHERE origin = ?", [node]).fetchone()
    assert not db.execute("SELECT 1 FROM sync_node WHERE node_id = ?", [node]).fetchone()
    assert not db.execute("SELECT 1 FROM sync_origin_key WHERE node_id = ?", [node]).fetchone()


# -- 10. replay of older content and a material bomb ---------------------------------------------------
def test_an_older_relay_re_written_as_a_new_package_after_newer_ones(net):
    """The district keeps what it relayed once (T1's older value with its real signed head) and writes it
    again as a new package after the city holds T1's newer value: the newer value stays."""
    mids = _township_edits(net, 1)
    old = Opened(net)
    net.send("D1", "C")
    net.send("C", "D1")
    _township_edits(net, 1, text="街道后来的议题")
    net.send("D1", "C")
    path = old.write()
    before = state_of(net.db("C"))
    rep = net.imp("C", path)
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道后来的议题0", rep.text()
    if rep.status == "refused":
        assert rep.reason_zh and rep.reason_en and state_of(net.db("C")) == before
    else:
        assert rep.status == "applied" and rep.updated == 0, rep.text()
    _converges(net)


def test_provenance_material_inflating_to_gigabytes(net):
    """The material member inflates to 1.9 GB (about 2 MB on the stick): refused, never held whole."""
    from test_bounded_inputs import _bomb
    _township_edits(net)
    opened = Opened(net)
    opened.packed = _bomb()
    res = _child_refused(net, "C", opened.write(), BEFORE_SIGNATURE_MB)
    assert res["code"] in ("corrupt", "too_large", "bad_provenance"), res
