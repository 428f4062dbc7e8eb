"""The data that travels by sync since m0017/m0018, against the trust rules (SYNC.md "Trust", "Who may write
what"; SECURITY.md R4, V1): the withdrawal of a 交办 (`assignment.withdrawn_at`, `withdrawn_note`) is the
sender's half of the row; renaming, deactivating and reactivating an office (`office.name`,
`office.deactivated_on`) is the city's. A hostile township or district with its own real keys writes them
in a hand-made package (tests/security/hostile.py); the receiver refuses it by name and is unchanged, and the
network still converges under more honest work. Values of the new columns are checked like typed input, and
a package of a program without m0017/m0018 still imports."""

from __future__ import annotations

import pytest
from hostile import Opened, far_clock, forge, node_of, rewrite, row_of, seq_of
from syncnet import state_of

from db import assignments as A
from db import model, schema
from db.clock import uuid7
from db.errors import StateError
from db.offices import reactivate_office, remove_office, rename_office
from db.sync.importer import LATER_DIR
from db.sync.simulate import simulate

WITHDRAWAL = ("withdrawn_at", "withdrawn_note")


def _refused(net, at: str, path, code: str, details: bool = True):
    before = state_of(net.db(at))
    rep = net.imp(at, path)
    assert rep.status == "refused", rep.text()
    assert rep.code == code, rep.text()
    assert rep.reason_zh and rep.reason_en and (rep.details or not details)
    assert state_of(net.db(at)) == before
    return rep


def _converges(net):
    for i, name in enumerate(("T1", "T2", "T3", "T4", "D1", "D2", "C")):
        simulate(net.db(name), 4, seed=700 + i)
    net.settle(2)
    assert not net.dumps_agree()


def _assignments(net) -> tuple[str, str]:
    """The city hands work to D1 (a row owned by D1, sent by the city); D1 hands a part to T1 (owned by T1,
    sent by D1). Returns (D1's row, T1's row), each held by its receiver and the offices above it."""
    batch = A.create_assignment(net.db("C"), to=[net.office("D1")], title="核查辖区积水点",
                                request="请各区核查辖区易积水路段")
    net.send("C", "D1")
    d1_row = A.find(net.db("D1"), batch, side="received").id
    part = A.create_assignment(net.db("D1"), to=[net.office("T1")], title="核查街道积水点",
                               request="请核查街道易积水路段", parent_id=d1_row)
    net.send("D1", "T1")
    net.send("D1", "C")
    return d1_row, A.find(net.db("T1"), part, side="received").id


def _own_change(net, at: str, to: str, table: str, rid: str, changes: dict, *, entry: bool = True,
                clock_of: str | None = None):
    """A package from `at` to `to` (its real keys) in which the row `rid` carries `changes` under a fresh clock
    of `clock_of` (default: `at` itself) and, with `entry`, a log entry of `at` for them (the next sequence
    number `at` has not used yet: its next real write takes it, as after any refused package)."""
    row = row_of(net, at, table, rid)
    node = node_of(net, clock_of or at)
    c = far_clock(node)
    for k, v in changes.items():
        hlc = rewrite(row, k, v, c)
    entries, ranges = [], {}
    if entry:
        s = seq_of(net, at) + 1
        entries = [(node, s, table, rid, ",".join(changes), hlc)]
        ranges = {node: [s, s, hlc]}
    return forge(net, at, to, entries=entries, rows={table: [row]}, ranges=ranges)


def _named(rep, *words):
    text = " ".join(rep.details)
    for w in words:
        assert w in text, rep.text()


# -- 1. the withdrawal is the sender's ----------------------------------------------------------------
@pytest.mark.parametrize("how", ["entry", "bare_row"])
@pytest.mark.parametrize("what", ["withdraw", "un_withdraw"])
def test_a_township_cannot_withdraw_or_un_withdraw_the_assignment_it_received(net, what, how):
    """T1 received a part from D1. In its own name (with a log entry, or as a bare row state) it marks it
    withdrawn, or, once D1 withdrew it, takes the withdrawal back to answer it after all: both refused at D1
    by name, D1 unchanged; D1's own withdrawal then reaches T1 and stays."""
    _, t1_row = _assignments(net)
    if what == "un_withdraw":
        A.withdraw(net.db("D1"), t1_row, "发错了街道")
        net.send("D1", "T1")
        changes = {"withdrawn_at": None, "withdrawn_note": None}
    else:
        changes = {"withdrawn_at": "2026-12-01T09:00:00", "withdrawn_note": "街道自己撤回"}
    rep = _refused(net, "D1", _own_change(net, "T1", "D1", "assignment", t1_row, changes, entry=how == "entry"),
                   "out_of_scope")
    _named(rep, "撤回时间", "withdrawn_at")
    d1 = A.get_assignment(net.db("D1"), t1_row)
    assert d1.status == ("withdrawn" if what == "un_withdraw" else "new")
    if what == "withdraw":
        A.withdraw(net.db("D1"), t1_row, "区里撤回")             # the sender can
    _converges(net)
    for name in ("T1", "D1", "C"):
        a = A.get_assignment(net.db(name), t1_row)
        assert (a.status, a.withdrawn_note) == ("withdrawn", "区里撤回" if what == "withdraw" else "发错了街道"), name


def test_the_senders_clock_in_a_townships_package_is_not_taken(net):
    """T1 stamps the withdrawal with a fresh clock of its district's computer (which it may not speak for):
    the district keeps its own values and the report lists what it did not apply (R3)."""
    _, t1_row = _assignments(net)
    path = _own_change(net, "T1", "D1", "assignment", t1_row, {"withdrawn_at": "2026-12-01T09:00:00",
                                                                "withdrawn_note": "冒名撤回"},
                       entry=False, clock_of="D1")
    rep = net.imp("D1", path)
    if rep.status == "applied":
        assert rep.ignored and "未采用" in rep.text(), rep.text()
    assert A.get_assignment(net.db("D1"), t1_row).withdrawn_at is None
    _converges(net)
    assert A.get_assignment(net.db("T1"), t1_row).status == "new"


@pytest.mark.parametrize("to", ["C", "T1"])
def test_a_district_cannot_withdraw_the_citys_assignment_to_it(net, to):
    """D1 marks the city's assignment to it withdrawn, in its own name: refused by the city (its sender) and
    by the township that holds D1's row as the source of its part (a referenced row), both unchanged."""
    d1_row, _ = _assignments(net)
    path = _own_change(net, "D1", to, "assignment", d1_row, {"withdrawn_at": "2026-12-01T09:00:00",
                                                             "withdrawn_note": "区里不想办"})
    rep = _refused(net, to, path, "out_of_scope")
    _named(rep, "撤回时间", "withdrawn_at")
    assert A.get_assignment(net.db(to), d1_row).withdrawn_at is None
    A.withdraw(net.db("C"), d1_row, "市里撤回")                 # the sender can
    _converges(net)
    for name in ("C", "D1"):
        assert A.get_assignment(net.db(name), d1_row).withdrawn_note == "市里撤回", name


def test_an_office_above_that_did_not_send_it_cannot_withdraw_it(net):
    """The city writes the withdrawal of D1's part to T1 (the city is above T1 but did not send it): D1
    refuses it by name; D1's own withdrawal of it travels."""
    _, t1_row = _assignments(net)
    path = _own_change(net, "C", "D1", "assignment", t1_row, {"withdrawn_at": "2026-12-01T09:00:00",
                                                              "withdrawn_note": "市里越级撤回"})
    rep = _refused(net, "D1", path, "out_of_scope")
    _named(rep, "撤回时间", "withdrawn_at")
    A.withdraw(net.db("D1"), t1_row, "区里撤回")
    _converges(net)
    assert A.get_assignment(net.db("T1"), t1_row).withdrawn_note == "区里撤回"


@pytest.mark.parametrize("actor", ["D1", "C"])
def test_a_township_cannot_put_a_withdrawal_step_in_its_senders_name_on_the_timeline(net, actor):
    """T1 owns the timeline of the part it received (every step is a state_event owned by the receiver). It
    adds a step 撤回交办 naming its district (or the city) as the office that took it: refused at the district
    by name, nothing of it on the timeline there; the status never moved (withdrawn_at is the sender's)."""
    from db.clock import parse_clock
    _, t1_row = _assignments(net)
    t1 = node_of(net, "T1")
    c = far_clock(t1)
    row = {"id": uuid7(), "office_id": net.office("T1"), "deleted": 0, "_rc": c, "_fc": None,
           "subject_table": "assignment", "subject_id": t1_row, "at": "2026-12-01T09:00:00", "from_state": "new",
           "to_state": "withdrawn", "actor": None, "actor_office_id": net.office(actor), "note": "上级说不用办了"}
    cols = [r[1] for r in net.db("T1").execute("PRAGMA table_info(state_event)")]
    row = {k: row.get(k) for k in cols}
    s, hlc = seq_of(net, "T1") + 1, parse_clock(c)[0]
    path = forge(net, "T1", "D1", entries=[(t1, s, "state_event", row["id"], "*", hlc)], rows={"state_event": [row]},
                 ranges={t1: [s, s, hlc]})
    rep = _refused(net, "D1", path, "out_of_scope")
    _named(rep, "办理过程", "state_event")
    assert A.get_assignment(net.db("D1"), t1_row).status == "new"
    assert not [e for e in A.chain(net.db("D1"), t1_row).events if e.kind == "withdrawn"]
    A.withdraw(net.db("D1"), t1_row, "区里撤回")              # the sender's own step, in its own name
    _converges(net)
    steps = [(e.kind, e.actor_office) for e in A.chain(net.db("C"), t1_row).events if e.kind == "withdrawn"]
    assert steps == [("withdrawn", "南明区政协")]


# -- 2. the register is the city's ---------------------------------------------------------------------
RENAME = {"name": "改过名的街道"}
DEACTIVATE = {"deactivated_on": "2026-12-01"}
REACTIVATE = {"deactivated_on": None}


@pytest.mark.parametrize("at,to,target,what", [
    ("T1", "D1", "T1", "rename"), ("T1", "D1", "T1", "deactivate"), ("T1", "D1", "T2", "deactivate"),
    ("T1", "D1", "T1", "reactivate"),
    ("D1", "C", "T1", "rename"), ("D1", "C", "T1", "deactivate"), ("D1", "C", "D1", "reactivate"),
    ("D1", "T1", "T1", "rename"), ("D1", "T1", "T2", "deactivate"), ("D1", "T2", "T2", "reactivate"),
    ("T1", "D1", "T2", "delete"), ("D1", "C", "T1", "delete"),
])
def test_only_the_city_renames_deactivates_or_reactivates_an_office(net, at, to, target, what):
    """A township or a district renames, deactivates, takes back into use or deletes an office (itself, a sibling,
    one below it), in its own name, up to its parent or down to a township: refused by name, receiver unchanged.
    For a reactivation the city first deactivated the office (an honest change that reached everybody)."""
    if what == "reactivate":
        if target == "D1":
            for t in ("T1", "T2"):
                assert remove_office(net.db("C"), net.office(t)) == "deactivated"
        assert remove_office(net.db("C"), net.office(target)) == "deactivated"
        net.settle()
    changes = {"rename": RENAME, "deactivate": DEACTIVATE, "reactivate": REACTIVATE, "delete": {"deleted": 1}}[what]
    rep = _refused(net, to, _own_change(net, at, to, "office", net.office(target), changes), "out_of_scope")
    _named(rep, *{"rename": ("名称", "name"), "delete": ("删除标记", "deleted")}.get(what, ("停用日期", "deactivated_on")))
    _converges(net)
    want = row_of(net, "C", "office", net.office(target))
    for name in ("C", "D1", "T1", "T2"):
        got = row_of(net, name, "office", net.office(target))
        assert (got["name"], got["deactivated_on"], got["deleted"]) == (want["name"], want["deactivated_on"], 0), name
    assert want["name"] != RENAME["name"] and (want["deactivated_on"] is None) == (what != "reactivate")


def test_the_citys_register_changes_travel_and_a_deactivated_townships_packages_are_still_received(net):
    """The honest control: the city renames T2 and deactivates T1 (it has records); both reach every office.
    T1's later work still travels up and is received by its district and the city; D1 no longer hands it
    work; the city takes it back into use and that travels down too."""
    c = net.db("C")
    assert rename_office(c, net.office("T2"), "中华南路街道（新）") == ["name"]
    assert remove_office(c, net.office("T1")) == "deactivated"
    net.settle()
    for name in ("C", "D1", "T1", "T2"):
        assert row_of(net, name, "office", net.office("T2"))["name"] == "中华南路街道（新）", name
        assert row_of(net, name, "office", net.office("T1"))["deactivated_on"], name
    assert net.office("T1") not in {o[0] for o in A.lower_offices(net.db("D1"))}
    t1 = net.db("T1")
    mid = t1.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [net.office("T1")]).fetchone()[0]
    from db.write import writing
    with writing(t1) as w:
        w.update("meeting", mid, {"topic": "停用后补报的会议"})
    net.send("T1", "D1")
    net.send("D1", "C")
    assert row_of(net, "C", "meeting", mid)["topic"] == "停用后补报的会议"
    reactivate_office(c, net.office("T1"))
    _converges(net)
    assert row_of(net, "T1", "office", net.office("T1"))["deactivated_on"] is None


# -- 3. values of the new columns are checked like typed input -----------------------------------------
@pytest.mark.parametrize("at,to,table,field,value,zh", [
    ("D1", "T1", "assignment", "withdrawn_at", "下周二上午", "不是有效日期"),
    ("D1", "T1", "assignment", "withdrawn_at", "2026-02-30T09:00:00", "不是有效日期"),
    ("D1", "T1", "assignment", "withdrawn_at", "2026-12-01", "不是有效日期"),
    ("D1", "T1", "assignment", "withdrawn_note", "撤" * 50_000, "太长"),
    ("D1", "T1", "assignment", "withdrawn_note", "撤" * 5_001, "太长"),
    ("C", "D1", "office", "deactivated_on", "停用", "不是有效日期"),
    ("C", "D1", "office", "deactivated_on", "2026-12-01T09:00", "不是有效日期"),
    ("C", "D1", "office", "deactivated_on", "2026-13-01", "不是有效日期"),
])
def test_a_bad_value_of_a_new_column_is_refused_by_name(net, at, to, table, field, value, zh):
    """The writer has the right (D1 sent T1's part; the city keeps the register), the value does not fit the
    column: refused by name (code bad_value), never an internal error; the receiver unchanged. An honest
    withdrawal with a reason of the longest allowed length then travels."""
    _, t1_row = _assignments(net)
    rid = t1_row if table == "assignment" else net.office("T2")
    changes = {field: value}
    if field == "withdrawn_at":
        changes["withdrawn_note"] = "理由"
    rep = _refused(net, to, _own_change(net, at, to, table, rid, changes), "bad_value")
    label = model.TABLES[table].by_name[field].label_zh
    assert zh in rep.reason_zh and label in rep.reason_zh and f"{table}.{field}" in rep.reason_en, rep.text()
    longest = "撤" * model.TABLES["assignment"].by_name["withdrawn_note"].limit
    A.withdraw(net.db("D1"), t1_row, longest)
    _converges(net)
    assert A.get_assignment(net.db("T1"), t1_row).withdrawn_note == longest


# -- 4. an older program -------------------------------------------------------------------------------
def _as_older_program(opened: Opened) -> Opened:
    """What a program without m0017/m0018 writes: no withdrawal columns, no deactivation, schema 16."""
    dropped = {"assignment": WITHDRAWAL, "office": ("deactivated_on",)}
    for table, cols in dropped.items():
        for r in opened.rows.get(table, []):
            for c in cols:
                r.pop(c, None)
    opened.manifest["schema_version"] = min(opened.manifest["schema_version"], 16)
    return opened


def test_an_older_township_and_a_newer_district_meet_in_the_middle(net, monkeypatch):
    """D1 (updated) withdraws its part to T1; T1 still runs a version without m0017/m0018. D1's package is
    refused at T1 as made by a newer version, and kept (SYNC.md: the office named must update); T1 answers the
    part meanwhile, and its package (rows without the new columns) is received at D1, whose withdrawal stays
    (the answer that crossed it is kept). Once T1 is updated the kept package imports, and everybody agrees."""
    _, t1_row = _assignments(net)
    A.withdraw(net.db("D1"), t1_row, "发错了街道")
    newer = net.export("D1", "T1")
    monkeypatch.setattr(schema, "SCHEMA_VERSION", 16)         # T1's program reads up to m0016
    rep = _refused(net, "T1", newer, "newer_version", details=False)
    assert "升级" in rep.reason_zh and rep.kept
    monkeypatch.undo()
    A.answer(net.db("T1"), t1_row, "已核查，无积水点")
    older = _as_older_program(Opened(net, "T1", "D1"))
    assert "withdrawn_at" not in older.row("assignment", t1_row)
    rep = net.imp("D1", older.write())
    assert rep.status == "applied", rep.text()
    a = A.get_assignment(net.db("D1"), t1_row)
    assert (a.status, a.withdrawn_note, a.answer) == ("withdrawn", "发错了街道", "已核查，无积水点")
    kept = net.path("T1").parent / LATER_DIR / newer.name       # T1 updated: the kept package imports
    assert kept.is_file()
    assert net.imp("T1", kept).status == "applied"
    a = A.get_assignment(net.db("T1"), t1_row)
    assert (a.status, a.withdrawn_note, a.answer) == ("withdrawn", "发错了街道", "已核查，无积水点")
    _converges(net)


def test_an_older_citys_rename_does_not_undo_a_deactivation(net):
    """The city deactivated T1 and the register reached D1; a package of the city's written by a program
    without m0018 (the office row without `deactivated_on`, e.g. from before an update, carrying a rename)
    is received at D1: the rename lands, the deactivation stays."""
    c = net.db("C")
    assert remove_office(c, net.office("T1")) == "deactivated"
    net.send("C", "D1")
    net.send("D1", "C")             # acknowledged: the older program's package carries only the rename
    rename_office(c, net.office("T1"), "新华路街道（旧称）")
    older = _as_older_program(Opened(net, "C", "D1"))
    assert "deactivated_on" not in older.row("office", net.office("T1"))
    rep = net.imp("D1", older.write())
    assert rep.status == "applied", rep.text()
    got = row_of(net, "D1", "office", net.office("T1"))
    assert got["name"] == "新华路街道（旧称）" and got["deactivated_on"]
    _converges(net)


def test_a_column_this_program_does_not_know_is_refused_as_damaged(net):
    """A package that claims this program's schema (or an older one) but carries a column it does not know
    (as a newer program's would, had it not said so): refused as damaged, never an internal error."""
    _, t1_row = _assignments(net)
    A.withdraw(net.db("D1"), t1_row, "发错了街道")
    opened = Opened(net, "D1", "T1")
    for r in opened.rows["assignment"]:
        r["withdrawn_by"] = "某某"
    _refused(net, "T1", opened.write(), "corrupt", details=False)
    _converges(net)


# -- not a sync rule: closing a follow-up evaluated 不满意 ------------------------------------------------
def test_a_close_and_an_unsatisfied_evaluation_made_at_once_still_merge_and_converge(net):
    """db.followups refuses closing a follow-up evaluated 不满意 on the office's own computer; the import does
    not check state moves (SECURITY.md, after R4b): T1 evaluates its follow-up as satisfied and closes it while
    its district evaluates it as unsatisfied. Every package is applied, every office ends with the same
    follow-up, and wherever it stands the data core offers only 重新办理 after an unsatisfied evaluation."""
    from db import followups as F
    t1 = net.db("T1")
    fid = F.create_follow_up(t1, title="背街小巷路灯维修")
    F.move_follow_up(t1, fid, "assigned", lead_unit="区城管局")
    F.move_follow_up(t1, fid, "replied", reply="已更换路灯12盏")
    net.send("T1", "D1")
    F.move_follow_up(t1, fid, "evaluated", satisfaction="satisfied")
    F.move_follow_up(net.db("D1"), fid, "evaluated", satisfaction="unsatisfied")
    F.move_follow_up(t1, fid, "closed")
    net.settle(2)
    assert not net.dumps_agree()
    seen = {(r["state"], r["satisfaction"]) for r in (row_of(net, n, "follow_up", fid) for n in ("T1", "D1", "C"))}
    assert len(seen) == 1, seen
    [(state, satisfaction)] = seen
    if satisfaction == F.UNSATISFIED:
        d1 = net.db("D1")
        with pytest.raises(StateError) as refused:
            F.move_follow_up(d1, fid, "closed")
        assert refused.value.code in ("unsatisfied", "bad_move")
        F.move_follow_up(d1, fid, "reopened", note="重新办理")
        net.settle()
        assert row_of(net, "T1", "follow_up", fid)["state"] == "reopened"
    _converges(net)
