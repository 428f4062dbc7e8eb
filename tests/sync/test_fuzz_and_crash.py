"""Damaged packages never crash the import nor apply part of a package; an import killed at any
moment leaves the database as it was before or as it is after, never in between."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time

from syncnet import state_of

from db.check import check_database
from db.sync.simulate import simulate
from db.write import writing


def _snapshot(net, name, dest):
    net.close()
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(net.root / name, dest)


def _restore(net, name, src):
    net.close()
    shutil.rmtree(net.root / name)
    shutil.copytree(src, net.root / name)


def _mutate(r: random.Random, data: bytes) -> bytes:
    b = bytearray(data)
    kind = r.choice(("flip", "flip", "byte", "cut", "insert", "delete", "swap"))
    i = r.randrange(len(b))
    if kind == "flip":
        b[i] ^= 1 << r.randrange(8)
    elif kind == "byte":
        b[i] = r.randrange(256)
    elif kind == "cut":
        del b[i:]
    elif kind == "insert":
        b[i:i] = os.urandom(r.randrange(1, 20))
    elif kind == "delete":
        del b[i:i + r.randrange(1, 50)]
    else:
        j = r.randrange(len(b))
        b[i], b[j] = b[j], b[i]
    return bytes(b)


def test_fuzzed_packages_never_crash_nor_partly_apply(net, tmp_path):
    simulate(net.db("T1"), 25, seed=21)
    pkg = net.export("T1", "D1")
    _snapshot(net, "D1", tmp_path / "before")
    assert net.imp("D1", pkg).status == "applied"
    expected = state_of(net.db("D1"))
    _restore(net, "D1", tmp_path / "before")
    before = state_of(net.db("D1"))
    r = random.Random(2026)
    data = pkg.read_bytes()
    outcomes = {"refused": 0, "applied": 0}
    for n in range(150):
        bad = tmp_path / f"m{n}.ldsync"
        bad.write_bytes(_mutate(r, data))
        rep = net.imp("D1", bad)
        assert rep.status in ("refused", "applied"), rep.text()
        outcomes[rep.status] += 1
        if rep.status == "refused":
            assert state_of(net.db("D1")) == before, rep.text()
        else:                   # only bytes zip ignores (timestamps, comments) can be changed unnoticed
            got = state_of(net.db("D1"))
            assert got.split("\n")[:2] == expected.split("\n")[:2]
            _restore(net, "D1", tmp_path / "before")
        bad.unlink()
    assert outcomes["refused"] > 100


_IMPORT = ("import sys; from db.database import open_database; from db.sync.importer import import_path; "
           "db = open_database(sys.argv[1]); print(import_path(db, sys.argv[2])[0].status, flush=True)")


def test_import_killed_at_random_moments_is_all_or_nothing(net, tmp_path):
    t1 = net.db("T1")
    office = net.office("T1")
    with writing(t1) as w:
        w.insert_many("state_event", [{"subject_table": "follow_up", "subject_id": f"s{i}", "at": "2026-05-01T10:00",
                                       "note": f"第{i}次督办记录，群众反映强烈需要跟进"} for i in range(20_000)],
                      office_id=office)
    simulate(t1, 30, seed=22)
    pkg = net.export("T1", "D1")
    _snapshot(net, "D1", tmp_path / "before")
    before = state_of(net.db("D1"))
    started = time.perf_counter()
    assert net.imp("D1", pkg).status == "applied"
    took = time.perf_counter() - started
    after = state_of(net.db("D1"))
    r = random.Random(7)
    seen = set()
    for _ in range(6):
        _restore(net, "D1", tmp_path / "before")
        p = subprocess.Popen([sys.executable, "-c", _IMPORT, str(net.path("D1")), str(pkg)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
        time.sleep(r.uniform(0.3, 0.6 + 2 * took))        # python start-up, then somewhere in the import
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
        got = state_of(net.db("D1"))
        assert got in (before, after)
        seen.add("after" if got == after else "before")
        assert check_database(net.db("D1")).ok
    print("outcomes of the killed imports:", seen)
    # and a killed import can simply be run again
    _restore(net, "D1", tmp_path / "before")
    assert net.imp("D1", pkg).status == "applied"
    assert state_of(net.db("D1")) == after
