"""Provenance a relay cannot change (SYNC.md "Trust", SECURITY.md P1–P6): a hostile district, holding its
own real keys, relays its township's changes to the city and alters, drops, invents or re-signs them. Each
package is written the way the district's own program would write it (the district's honest export,
opened as the city would open it, edited, then signed and encrypted again with the district's real keys).
The city refuses each one and is unchanged; honest relaying still converges."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hostile import Opened, node_of, rechain, row_of
from syncnet import state_of

from db.clock import clock_text, uuid7
from db.sync import provenance
from db.sync.keys import b64, node_keys
from db.sync.simulate import simulate
from db.write import writing
from tests.desktop.conftest import app  # noqa: F401 - the application as at start (Chinese installed)

ROOT = Path(__file__).resolve().parents[2]


def _converges(net):
    for i, name in enumerate(("T1", "T2", "T3", "T4", "D1", "D2", "C")):
        simulate(net.db(name), 3, seed=700 + i)
    net.settle(2)
    assert not net.dumps_agree()


def _township_edits(net, n: int = 3, at: str = "T1", text: str = "街道的真实议题") -> list[str]:
    """n honest edits of one meeting's topic at the township (n log entries), sent to its district."""
    db = net.db(at)
    office = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    mids = [r[0] for r in db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT ?",
                                     [office, n])]
    for i, mid in enumerate(mids):
        with writing(db) as w:
            w.update("meeting", mid, {"topic": f"{text}{i}"})
    net.send(at, "D1")
    return mids


def _refused(net, at: str, path, codes=("bad_provenance",)):
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    assert rep.status == "refused", rep.text()
    assert rep.code in codes, rep.text()
    assert rep.reason_zh and rep.reason_en and rep.details
    assert state_of(net.db(at)) == before
    return rep


def test_the_city_verifies_the_townships_chain_through_the_district(net):
    """The control: the honest relay carries T1's signed head, the city verifies it, stores it and binds
    T1's key; the re-written package (the tampering machinery, telling the truth) is applied too."""
    mids = _township_edits(net)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    assert t1 in opened.manifest["provenance"]["heads"] and t1 in opened.material
    rep = net.imp("C", opened.write())
    assert rep.status == "applied", rep.text()
    c = net.db("C")
    head = c.execute("SELECT seq FROM sync_head WHERE origin = ?", [t1]).fetchone()
    assert head[0] == net.db("T1").execute("SELECT seq FROM node_state").fetchone()[0]
    assert c.execute("SELECT sign_key FROM sync_origin_key WHERE node_id = ?", [t1]).fetchone()[0] == \
        node_keys(net.db("T1")).sign_public
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道的真实议题0"
    _converges(net)


def test_altering_a_townships_value_while_relaying_is_refused(net):
    mids = _township_edits(net)
    opened = Opened(net)
    opened.row("meeting", mids[1])["topic"] = "区里改过的议题"
    rep = _refused(net, "C", opened.write())
    assert any("altered" in d or "signed" in d for d in rep.details), rep.details
    assert row_of(net, "C", "meeting", mids[1])["topic"] != "区里改过的议题"
    _converges(net)


def test_altering_the_value_and_the_digest_it_claims_is_refused(net):
    """The district marks the township's value as overwritten and claims a digest of its own value."""
    mids = _township_edits(net, 1)
    opened = Opened(net)
    row = opened.row("meeting", mids[0])
    d1 = node_of(net, "D1")
    t1 = node_of(net, "T1")
    fc = json.loads(row["_fc"] or "{}")
    old = fc["topic"][0]
    fc["topic"] = [old, fc["topic"][1]]
    row["topic"] = "区里改过的议题"
    # the entry's material: every field digested except topic, whose digest the district now claims
    mat = opened.material[t1]
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == mids[0])
    i = e[1] - mat["from"]
    li = mat["m"][i] if isinstance(mat["m"][i], int) else mat["m"][i][0]
    row["_fc"] = json.dumps({**fc, "topic": [clock_text(int(old[:16], 16) + 1, d1), old]})
    mat["m"][i] = [li, b64(provenance.field_digest("topic", "区里改过的议题"))]
    _refused(net, "C", opened.write(), codes=("bad_provenance", "out_of_scope"))
    _converges(net)


def _held_back_package(net, *, leave_out: bool = False):
    """The district carries the township's edited meeting with its topic (and the topic's clock) as they were
    before the edit, or without the topic at all, and claims the real digest of the new topic as "written over
    since": the chain verifies, and the city's vector moves past the edit."""
    mids = _township_edits(net, 1)
    t1 = node_of(net, "T1")
    before = row_of(net, "C", "meeting", mids[0])
    opened = Opened(net)
    row = opened.row("meeting", mids[0])
    new_topic = row["topic"]
    fc = json.loads(row["_fc"] or "{}")
    old_fc = json.loads(before["_fc"] or "{}")
    if leave_out:
        del row["topic"]
        fc.pop("topic", None)
        row["_fc"] = json.dumps(fc) if fc else None
    else:
        row["topic"] = before["topic"]
        row["_fc"] = json.dumps({**fc, "topic": old_fc.get("topic", [before["_rc"], before["_rc"]])})
    mat = opened.material[t1]
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == mids[0])
    i = e[1] - mat["from"]
    li = mat["m"][i] if isinstance(mat["m"][i], int) else mat["m"][i][0]
    mat["m"][i] = [li, b64(provenance.field_digest("topic", new_topic))]
    return mids[0], before, new_topic, opened.write()


@pytest.mark.parametrize("leave_out", [False, True], ids=["older value", "column left out"])
def test_a_value_held_back_by_the_relay_is_said_and_nothing_unvouched_is_applied(net, leave_out):
    """Holding a value back (SECURITY.md P7): the city keeps its own topic (nothing the author did not sign is
    applied), the import report and the sync history say which record's field the relay held back, and the
    value arrives once the township writes it again."""
    mid, before, new_topic, path = _held_back_package(net, leave_out=leave_out)
    rep = net.imp("C", path)
    assert rep.status == "applied", rep.text()
    assert row_of(net, "C", "meeting", mid)["topic"] == before["topic"]
    assert len(rep.held_back) == 1 and mid in rep.held_back[0][0] and "主题" in rep.held_back[0][0], rep.held_back
    assert "Topic" in rep.held_back[0][1]
    text = rep.text()
    assert "转交方没有送来 1 个值" in text and "held back by the relay" in text
    assert new_topic not in text and before["topic"] not in text          # named by record, never by value
    summary = json.loads(net.db("C").execute("SELECT summary FROM sync_history WHERE direction = 'in' "
                                             "ORDER BY rowid DESC LIMIT 1").fetchone()[0])
    assert summary["held_back"] == 1
    with writing(net.db("T1")) as w:
        w.update("meeting", mid, {"topic": "街道再次改过的议题"})
    net.send("T1", "D1")
    rep = net.send("D1", "C")
    assert not rep.held_back, rep.text()
    assert row_of(net, "C", "meeting", mid)["topic"] == "街道再次改过的议题"
    _converges(net)


def test_an_honest_relay_of_values_written_over_since_raises_no_alarm(net):
    """The control: the township edits a topic, the district relays it, the township edits it again before
    the district's next package: the value written over travels as a claimed digest and no alarm is raised."""
    mids = _township_edits(net, 1)
    with writing(net.db("T1")) as w:
        w.update("meeting", mids[0], {"topic": "第二次修改的议题"})
    net.send("T1", "D1")
    opened = Opened(net)
    assert any(not isinstance(x, int) for m in opened.material.values() for x in m["m"]), "nothing was claimed"
    rep = net.imp("C", opened.write())
    assert rep.status == "applied" and not rep.held_back, rep.text()
    assert "转交方没有送来" not in rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "第二次修改的议题"


def test_the_relays_own_older_value_put_back_is_said(net):
    """The district wrote a reply on the township's follow-up; the township wrote its own reply after it. The
    district relays the township's change carrying its own older reply (with its own, older clock) under the
    township's claimed digest: the city keeps the district's reply and is told the township's was held back."""
    with writing(net.db("T1")) as w:
        fid = w.insert("follow_up", {"title": "督办：背街小巷整治", "reply": "初稿", "state": "open"},
                       office_id=net.office("T1"))
    net.send("T1", "D1")
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里的答复"})
    net.send("D1", "C")
    net.send("C", "D1")                     # the city's acknowledgement: D1 does not send its reply again
    net.send("D1", "T1")
    before = row_of(net, "C", "follow_up", fid)
    with writing(net.db("T1")) as w:
        w.update("follow_up", fid, {"reply": "街道的新答复"})
    net.send("T1", "D1")
    t1 = node_of(net, "T1")
    opened = Opened(net)
    row = opened.row("follow_up", fid)
    fc = json.loads(row["_fc"] or "{}")
    row["reply"] = before["reply"]
    old_fc = json.loads(before["_fc"] or "{}")
    row["_fc"] = json.dumps({**fc, "reply": old_fc.get("reply", [before["_rc"], before["_rc"]])})
    mat = opened.material[t1]
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == fid and "reply" in e[4])
    i = e[1] - mat["from"]
    li = mat["m"][i] if isinstance(mat["m"][i], int) else mat["m"][i][0]
    mat["m"][i] = [li, b64(provenance.field_digest("reply", "街道的新答复"))]
    rep = net.imp("C", opened.write())
    assert rep.status == "applied", rep.text()
    assert row_of(net, "C", "follow_up", fid)["reply"] == "区里的答复"
    assert len(rep.held_back) == 1 and fid in rep.held_back[0][0], rep.text()


def test_a_value_the_relay_wrote_over_behind_a_clock_that_ran_ahead_raises_no_alarm(net):
    """Honest: the township's clock runs three days ahead when it writes a follow-up; the district, whose clock
    does not follow one so far ahead, writes its reply over it a day later (its clock behind the township's).
    The city takes the district's reply and says nothing is held back."""
    from db.clock import pack, wall_ms_now
    t1 = net.db("T1")
    t1.execute("UPDATE node_state SET hlc = ?", [pack(wall_ms_now() + 3 * 24 * 3600 * 1000, 0)])
    with writing(t1) as w:
        fid = w.insert("follow_up", {"title": "督办：背街小巷整治", "reply": "初稿", "state": "open"},
                       office_id=net.office("T1"))
    net.send("T1", "D1")
    with writing(net.db("D1")) as w:
        w.update("follow_up", fid, {"reply": "区里的答复"})
    rep = net.send("D1", "C")
    assert rep.status == "applied" and not rep.held_back, rep.text()
    assert row_of(net, "C", "follow_up", fid)["reply"] == "区里的答复"


def test_dropping_an_entry_from_the_middle_is_refused(net):
    mids = _township_edits(net, 3)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    mine = sorted((e for e in opened.entries if e[0] == t1 and e[3] in mids), key=lambda e: e[1])
    middle = mine[1]
    opened.entries.remove(middle)
    mat = opened.material[t1]
    del mat["m"][middle[1] - mat["from"]]
    _refused(net, "C", opened.write(), codes=("bad_provenance", "bad_origin"))
    # the same with the entry's digest left in its place (as if filtered out of the city's scope)
    opened = Opened(net)
    opened.entries = [e for e in opened.entries if not (e[0] == t1 and e[1] == middle[1])]
    chain = net.db("D1").execute("SELECT link, fset, digests FROM sync_chain WHERE origin = ? AND seq = ?",
                                 [t1, middle[1]]).fetchone()
    names = net.db("D1").execute("SELECT names FROM sync_fset WHERE id = ?", [chain[1]]).fetchone()[0]
    inner = provenance.entry_digest(tuple(middle), names, chain[2])
    office = net.office("T1")
    opened.material[t1]["m"][middle[1] - opened.material[t1]["from"]] = ["meeting", office, b64(inner)]
    _refused(net, "C", opened.write(), codes=("bad_provenance", "bad_origin"))
    _converges(net)


def test_inventing_a_change_in_the_townships_name_is_refused(net):
    mids = _township_edits(net, 1)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    e = next(e for e in opened.entries if e[0] == t1 and e[3] == mids[0])
    row = opened.row("meeting", mids[0])
    invented = [t1, e[1] + 1, "meeting", mids[0], "topic", e[5] + 1, None]
    opened.entries.append(invented)
    opened.manifest["ranges"][t1][1] = e[1] + 1
    opened.manifest["ranges"][t1][2] = e[5] + 1
    row["topic"] = "区里编造的议题"
    row["_fc"] = json.dumps({**json.loads(row["_fc"] or "{}"), "topic": [clock_text(e[5] + 1, t1), None]})
    _refused(net, "C", opened.write())
    _converges(net)


def _without_origin(opened, origin: str) -> None:
    """The package as if it carried nothing of `origin`: no range, no entries, no head, no material."""
    opened.entries = [e for e in opened.entries if e[0] != origin]
    opened.manifest["ranges"].pop(origin, None)
    if opened.material is not None:
        opened.manifest["provenance"]["heads"].pop(origin, None)
        opened.material.pop(origin, None)


@pytest.mark.parametrize("with_range", [True, False])
def test_inventing_a_new_record_in_the_townships_name_is_refused(net, with_range):
    """No log entry at all: a new meeting whose clocks say T1 wrote it (beside T1's honest changes, or in a
    package that carries nothing else of T1's)."""
    _township_edits(net, 1)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    if not with_range:
        _without_origin(opened, t1)
    template = dict(opened.rows["meeting"][0])
    template["id"] = uuid7()
    template["topic"] = "区里编造的会议"
    template["_rc"] = clock_text(int(template["_rc"][:16], 16) + 7, t1)
    template["_fc"] = None
    opened.rows["meeting"].append(template)
    _refused(net, "C", opened.write())
    assert not net.db("C").execute("SELECT 1 FROM meeting WHERE id = ?", [template["id"]]).fetchone()
    _converges(net)


def test_a_newer_value_in_the_townships_name_without_its_record_is_not_applied(net):
    """A bare row state: T1's meeting with a newer clock of T1's and a changed topic, and nothing else of
    T1's in the package. The city keeps its value and the report says so (as R3)."""
    mids = _township_edits(net, 1)
    net.send("D1", "C")
    net.send("C", "D1")                      # acknowledged: the district's next package holds nothing of it
    t1 = node_of(net, "T1")
    opened = Opened(net)
    row = row_of(net, "D1", "meeting", mids[0])
    _without_origin(opened, t1)
    row["topic"] = "区里改过的议题"
    fc = json.loads(row["_fc"] or "{}")
    fc["topic"] = [clock_text(int(fc["topic"][0][:16], 16) + 5, t1), fc["topic"][0]]
    row["_fc"] = json.dumps(fc)
    opened.rows["meeting"] = [r for r in opened.rows.get("meeting", []) if r["id"] != row["id"]] + [row]
    rep = net.imp("C", opened.write())
    assert rep.status == "applied", rep.text()
    assert row_of(net, "C", "meeting", mids[0])["topic"] == "街道的真实议题0"
    assert any("author's signed record" in line for line in rep.ignored), rep.ignored
    _converges(net)


def test_replaying_an_old_signed_head_with_altered_values_is_refused(net):
    mids = _township_edits(net, 1)
    t1 = node_of(net, "T1")
    old = Opened(net)
    old_head = dict(old.manifest["provenance"]["heads"][t1])
    net.send("D1", "C")                      # the city verified that head honestly
    net.send("C", "D1")                      # and acknowledged it
    mids = _township_edits(net, 1, text="街道后来的议题")
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    opened.manifest["provenance"]["heads"][t1] = old_head
    rep = _refused(net, "C", opened.write())
    assert any("range" in d or "head" in d for d in rep.details), rep.details
    # and the old head with the range cut back to it: the new change lies outside the claimed range
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    opened.manifest["provenance"]["heads"][t1] = old_head
    opened.manifest["ranges"][t1][1] = old_head["seq"]
    _refused(net, "C", opened.write(), codes=("bad_provenance", "bad_origin"))
    _converges(net)


def test_a_head_re_signed_with_the_districts_own_key_is_refused(net):
    """The district alters a value, recomputes the whole chain itself and signs the head with its own key."""
    mids = _township_edits(net, 2)
    t1 = node_of(net, "T1")
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    rechain(opened, t1, node_keys(net.db("D1")))
    rep = _refused(net, "C", opened.write())
    assert any("key" in d for d in rep.details), rep.details
    _converges(net)


def test_stripping_the_provenance_of_a_verified_origin_is_refused(net):
    """A downgrade: the district writes the package as a reader before provenance would (no heads, no
    material) to slip an altered value through; the city has verified T1 before, so it refuses."""
    mids = _township_edits(net, 1)
    opened = Opened(net)
    opened.material = None
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    _refused(net, "C", opened.write())
    _converges(net)


def test_a_package_without_provenance_from_the_sender_itself_is_accepted(net):
    """Packages of writers before provenance: the sender's own changes are vouched for by its signature."""
    from hostile import forge
    db = net.db("T1")
    office = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = db.execute("SELECT id FROM meeting WHERE office_id = ? ORDER BY id LIMIT 1", [office]).fetchone()[0]
    with writing(db) as w:
        w.update("meeting", mid, {"topic": "旧版本写的包"})
    entry = db.execute("SELECT origin, seq, tbl, row_id, fields, hlc FROM change_log WHERE origin = ? "
                       "ORDER BY seq DESC LIMIT 1", [node_of(net, "T1")]).fetchone()
    path = forge(net, "T1", "D1", entries=[tuple(entry)], rows={"meeting": [row_of(net, "T1", "meeting", mid)]},
                 ranges={entry[0]: [entry[1], entry[1], entry[5]]})
    rep = net.imp("D1", path)
    assert rep.status == "applied", rep.text()
    assert row_of(net, "D1", "meeting", mid)["topic"] == "旧版本写的包"


def test_import_sync_on_the_command_line_refuses_an_altered_relay(net):
    mids = _township_edits(net)
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    path = opened.write()
    net.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "import-sync", "--db", str(net.path("C")), str(path)],
                       capture_output=True, text=True, timeout=180, cwd=ROOT, env=env)
    assert p.returncode == 1, p.stdout + p.stderr
    out = p.stdout + p.stderr
    assert "原作者签名" in out and "author signed" in out, out
    assert "Traceback" not in out
    assert row_of(net, "C", "meeting", mids[0])["topic"] != "区里改过的议题"


@pytest.mark.parametrize("kind", ["value", "head"])
def test_the_city_relaying_down_cannot_alter_its_own_origins_for_a_township(net, kind):
    """Downward too: the district relays the city's changes to a township with the city's signed head."""
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    mid = c.execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    with writing(c) as w:
        w.update("member", mid, {"phone": "13911112222"})
    net.send("C", "D1")
    net.send("D1", "T1")
    with writing(c) as w:
        w.update("member", mid, {"phone": "13933334444"})
    net.send("C", "D1")
    opened = Opened(net, "D1", "T1")
    cn = node_of(net, "C")
    assert cn in opened.material
    if kind == "value":
        opened.row("member", mid)["phone"] = "13900000000"
    else:
        opened.manifest["provenance"]["heads"][cn]["sig"] = b64(bytes(64))
    _refused(net, "T1", opened.write())
    _converges(net)


def test_the_district_cannot_withhold_a_city_change_from_a_township_as_out_of_its_scope(net):
    """Downward the district may leave out what is outside the township's scope (as an entry digest naming the
    entry's table and its row's office); passing off a change in the township's scope that way is refused."""
    c = net.db("C")
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    cm = c.execute("SELECT id FROM member WHERE office_id = ? ORDER BY id LIMIT 1", [city]).fetchone()[0]
    with writing(c) as w:
        w.update("member", cm, {"phone": "13977778888"})
    net.send("C", "D1")
    opened = Opened(net, "D1", "T1")
    cn = node_of(net, "C")
    mat = opened.material[cn]
    e = next(e for e in opened.entries if e[0] == cn and e[3] == cm)
    k = e[1] - mat["from"]
    item = mat["m"][k]
    names = mat["fs"][item if isinstance(item, int) else item[0]]
    row = opened.row("member", cm)
    current = provenance.current_test(row, clock_text(e[5], cn))
    assert isinstance(item, int) and all(current(n) for n in names.split(","))
    inner = provenance.entry_digest(tuple(e), names, b"".join(provenance.field_digest(n, row[n])
                                                              for n in names.split(",")))
    mat["m"][k] = ["member", row["office_id"], b64(inner)]      # the chain still verifies: only the scope is false
    opened.entries.remove(e)
    rep = _refused(net, "T1", opened.write())
    assert any("scope" in d for d in rep.details), rep.details
    _converges(net)


def _city_presses_receive(net, qtbot, tmp_path):
    """The city's clerk presses 接收并导入 on the stick (a window over the city's database): the page and what
    its report says."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from desktop.context import AppContext
    from desktop.pages.sync import SyncPage
    from tests.conftest import DEMO_TODAY

    net.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    ctx = AppContext(net.path("C"), net.db("C"), settings, lang="zh_CN")
    ctx.errors.show_boxes = False
    ctx.today = lambda: DEMO_TODAY
    try:
        page = SyncPage(ctx, drives=lambda: [])
        qtbot.addWidget(page)
        page.receive_source.set_path(str(net.stick))
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
        QApplication.processEvents()
        qtbot.mouseClick(page.receive_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: page.last_receive is not None and ctx.tasks.is_idle(), timeout=20_000)
        QApplication.processEvents()
        return page.last_receive, page.report.toPlainText()
    finally:
        ctx.close()
        net._dbs.pop("C", None)         # closed with the window's context


@pytest.mark.usefixtures("app")
def test_the_sync_page_says_why_an_altered_relay_was_refused(net, qtbot, tmp_path):
    """The city's clerk presses 接收并导入 on the stick holding the altered package: refused, said in Chinese
    with what to do, and nothing changed."""
    mids = _township_edits(net, 1)
    opened = Opened(net)
    opened.row("meeting", mids[0])["topic"] = "区里改过的议题"
    opened.write()
    before = state_of(net.db("C"))
    outcome, text = _city_presses_receive(net, qtbot, tmp_path)
    [rep] = outcome.refused
    assert rep.code == "bad_provenance"
    assert "已拒绝" in text and "原作者签名" in text and "请不要使用此文件" in text, text
    assert state_of(net.db("C")) == before


@pytest.mark.usefixtures("app")
def test_the_sync_page_says_which_value_the_relay_held_back(net, qtbot, tmp_path):
    """The same clerk's view of a held-back value (P7): imported, and the report says in red which record's
    field the district held back and whom to phone, without the value itself."""
    mid, before, new_topic, _path = _held_back_package(net)
    outcome, text = _city_presses_receive(net, qtbot, tmp_path)
    [rep] = outcome.applied
    assert len(rep.held_back) == 1
    assert "1 个值被转交此包的机构扣下" in text and "会议“主题”" in text and mid in text, text
    assert new_topic not in text
    assert row_of(net, "C", "meeting", mid)["topic"] == before["topic"]
