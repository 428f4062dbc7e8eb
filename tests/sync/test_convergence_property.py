"""The property (guarantees 1, 2, 4, 7): random work everywhere — the same fields edited concurrently
at several offices — and packages exported along any edge, delivered in random order, duplicated,
lost and re-sent. After one full round of delivery every office holds exactly its scope of the
city's data (byte-identical `dump`), and no edit of a guarantee-7 field was lost without a conflict
row (an edit may only disappear if a later writer had seen it, or a conflict row names it)."""

from __future__ import annotations

import json
import os
import random
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from syncnet import ORDER, PARENT, copy_network

from db import model
from db.check import check_database
from db.clock import clock_text
from db.sync.simulate import Sim
from db.write import row_clock, writing

EDGES = [(c, p) for c, p in PARENT.items()] + [(p, c) for c, p in PARENT.items()]
CONFLICT = {name: {f.name for f in t.fields if f.conflict} for name, t in model.TABLES.items()}

actions = st.lists(st.one_of(
    st.tuples(st.just("edit"), st.sampled_from(ORDER), st.integers(1, 6), st.integers(0, 2 ** 32)),
    st.tuples(st.just("export"), st.sampled_from(EDGES)),
    st.tuples(st.just("deliver"), st.integers(0, 1000)),
    st.tuples(st.just("clash"), st.integers(0, 10 ** 6), st.sets(st.sampled_from(("own", "up", "city")), min_size=2),
              st.booleans()),
), min_size=6, max_size=40)


class Recorder:
    """Every field write made by the simulated offices: its clock, the clock it replaced, and for
    deletes the clocks the deleter's row held."""

    def __init__(self, net):
        self.net = net
        self.last = {n: net.db(n).execute("SELECT seq FROM node_state").fetchone()[0] for n in ORDER}
        self.writes: list[tuple] = []          # (tbl, row, field, clock, base, value)
        self.deletes: dict[tuple, set] = {}    # (tbl, row, clock) -> clocks the deleter held

    def after(self, name: str) -> None:
        db = self.net.db(name)
        node, seq = db.execute("SELECT node_id, seq FROM node_state").fetchone()
        for _s, tbl, row_id, fields, hlc in db.execute(
                "SELECT seq, tbl, row_id, fields, hlc FROM change_log WHERE origin = ? AND seq > ? ORDER BY seq",
                [node, self.last[name]]).fetchall():
            if fields == "*":
                continue
            cur = db.execute(f"SELECT * FROM {tbl} WHERE id = ?", [row_id])
            row = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
            fc = json.loads(row["_fc"])
            for f in fields.split(","):
                c, b = fc[f]
                if c != clock_text(hlc, node):
                    continue
                self.writes.append((tbl, row_id, f, c, b, row[f]))
                if f == "deleted":
                    self.deletes[(tbl, row_id, c)] = {row_clock(row, g) for g in row if g not in model.SYSTEM_COLUMNS}
        self.last[name] = seq


def _check_nothing_lost(net, rec: Recorder) -> None:
    city = net.db("C")
    conflicts: dict[tuple, set] = {}
    for n in ORDER:
        for tbl, row_id, f, kc, oc, kv, ov in net.db(n).execute(
                "SELECT tbl, row_id, field, kept_clock, other_clock, kept_value, other_value FROM conflict"):
            conflicts.setdefault((tbl, row_id, f), set()).update((kc, oc, ("value", kv), ("value", ov)))
    bases = {w[4] for w in rec.writes}
    finals: dict[tuple, dict] = {}

    def final(tbl, row_id):
        if (tbl, row_id) not in finals:
            cur = city.execute(f"SELECT * FROM {tbl} WHERE id = ?", [row_id])
            finals[(tbl, row_id)] = dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))
        return finals[(tbl, row_id)]

    for tbl, row_id, f, c, _b, value in rec.writes:
        row = final(tbl, row_id)
        if f in CONFLICT[tbl] and c != row_clock(row, f) and c not in bases and value != row[f]:
            kept = conflicts.get((tbl, row_id, f), ())   # the write itself, or an equal value written concurrently
            assert c in kept or ("value", value) in kept, f"edit lost without a conflict: {tbl}.{f} {c}"
    for (tbl, row_id, dclock), known in rec.deletes.items():
        row = final(tbl, row_id)
        if row["deleted"] != 1 or row_clock(row, "deleted") != dclock:
            continue
        for t2, r2, f, c, _b, _v in rec.writes:
            if (t2, r2) == (tbl, row_id) and f != "deleted" and c == row_clock(row, f) and c not in known:
                assert (tbl, row_id, "deleted") in conflicts, f"edit hidden by a delete without a conflict: {tbl}"


def _clash(net, rec: Recorder, k: int, who: set, owner_deletes: bool) -> None:
    """The same guarantee-7 field of one row edited at the owner, its district and the city, unsynced."""
    table, fld = ("follow_up", "reply") if k % 2 else ("opinion_report", "instruction")
    rows = net.db("C").execute(f"SELECT id, office_id FROM {table} ORDER BY id").fetchall()
    if not rows:
        return
    row_id, owner = rows[k // 2 % len(rows)]
    own = next(n for n in ORDER if net.office(n) == owner)
    offices = {"own": own, "up": PARENT.get(own, "C"), "city": "C"}
    for role in sorted(who):
        name = offices[role]
        db = net.db(name)
        if not db.execute(f"SELECT 1 FROM {table} WHERE id = ? AND deleted = 0", [row_id]).fetchone():
            continue
        with writing(db) as w:
            if role == "own" and owner_deletes:
                w.delete(table, row_id)
            else:
                w.update(table, row_id, {fld: f"{name} 写的 {k}", "state": "instructed" if k % 2 == 0 else "replied"})
        rec.after(name)


@settings(max_examples=int(os.environ.get("SYNC_EXAMPLES", "50")), deadline=None,
          derandomize=not os.environ.get("SYNC_EXAMPLES"), print_blob=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(steps=actions)
def test_random_work_random_delivery_converges(network_template, steps):
    with tempfile.TemporaryDirectory() as tmp:
        net = copy_network(network_template, Path(tmp) / "net")
        try:
            rec = Recorder(net)
            flight: list[tuple[str, Path]] = []
            for step in steps:
                if step[0] == "edit":
                    _k, office, n, seed = step
                    sim = Sim(net.db(office), random.Random(seed))
                    for _ in range(n):
                        sim.step()
                        rec.after(office)
                elif step[0] == "clash":
                    _clash(net, rec, *step[1:])
                elif step[0] == "export":
                    frm, to = step[1]
                    flight.append((to, net.export(frm, to)))
                elif flight:
                    to, path = flight[step[1] % len(flight)]
                    rep = net.imp(to, path)
                    assert rep.status in ("applied", "already"), rep.text()
            net.settle()
            assert net.dumps_agree() == []
            _check_nothing_lost(net, rec)
            for n in ORDER:
                assert check_database(net.db(n)).problems == [], n
        finally:
            net.close()
