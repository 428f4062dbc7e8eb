"""How an import does its work (bench/sync): the same result by a shorter way."""

from __future__ import annotations

import gc

from db.sync import importer
from db.sync.simulate import simulate


def test_the_cycle_collector_rests_during_an_import_and_is_back_after_it(net, monkeypatch):
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
