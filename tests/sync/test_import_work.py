"""How an import does its work (bench/sync): the same result by a shorter way."""

from __future__ import annotations

import gc

from db.sync import importer
from db.sync.simulate import simulate


def test_the_cycle_collector_rests_during_an_import_and_is_back_after_it(net, monkeypatch):
    was = gc.isenabled()            # (off where the window's collector runs instead: desktop.gc_thread)
    gc.enable()
    try:
        _collector_rests(net, monkeypatch)
    finally:
        (gc.enable if was else gc.disable)()


def _collector_rests(net, monkeypatch):
    seen = []
    real = importer.apply_payload

    def apply_payload(*a, **k):
        seen.append(gc.isenabled())
        return real(*a, **k)
    monkeypatch.setattr(importer, "apply_payload", apply_payload)
    simulate(net.db("T1"), 20, seed=3)
    pkg = net.export("T1", "D1")
    assert gc.isenabled()
    assert net.imp("D1", pkg).status == "applied"
    assert seen == [False] and gc.isenabled()
    # refused (imported already, then a damaged copy): back on all the same, and left off when it was off
    assert net.imp("D1", pkg).status == "already" and gc.isenabled()
    bad = pkg.with_name("damaged.ldsync")
    bad.write_bytes(pkg.read_bytes()[:-100])
    assert net.imp("D1", bad).status == "refused" and gc.isenabled()
    gc.disable()
    try:
        assert net.imp("D1", bad).status == "refused" and not gc.isenabled()
    finally:
        gc.enable()


def test_every_change_of_a_refused_shape_is_named_not_only_the_first(net):
    """The write rights of a log entry are asked once per (origin, table, office, fields) only when the answer
    was yes: three inserts in another township's name are each named, from their log entry and their row."""
    from db.write import writing

    simulate(net.db("T1"), 5, seed=8)
    with writing(net.db("T1"), scope=False) as w:                   # a township writing another's rows,
        ids = [w.insert("liaison_group", {"name": f"冒名的联络组{i}"}, office_id=net.office("T2"))  # past its own check
               for i in range(3)]
    rep = net.imp("D1", net.export("T1", "D1"))
    assert rep.status == "refused" and rep.code == "out_of_scope"
    assert [sum(i in d for d in rep.details) for i in ids] == [2, 2, 2]
    assert len(rep.details) == 6
