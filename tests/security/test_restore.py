"""Restore is atomic with the node's renewal (SECURITY.md K2): killed at any moment, the live database
is either untouched or the backup already renewed (new node id, new epoch) — never the backup with its
old node id, whose next writes would reuse sequence numbers its peers hold. A newer version's backup
is refused before anything is replaced."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from syncnet import state_of

from db.backup import backup, restore
from db.errors import NewerDatabase
from db.sync.simulate import simulate

ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import os, pathlib, signal, sys
from db import backup as B
from db.database import open_database
import db.sync.state as st
point = sys.argv[3]
def die():
    os.kill(os.getpid(), signal.SIGKILL)
if point == "after-safety-copy":
    orig = B.backup
    def patched(*a, **k):
        out = orig(*a, **k)
        die()
    B.backup = patched
elif point == "before-migrations":
    def patched(*a, **k):
        die()
    B.bring_up_to_date = patched
elif point == "after-renewal":
    orig = st.after_restore
    def patched(d):
        orig(d)
        die()
    st.after_restore = patched
elif point == "before-cleanup":
    orig_unlink = pathlib.Path.unlink
    calls = []
    def patched(self, *a, **k):
        if self.name.endswith(".restore.part"):
            calls.append(1)
            if len(calls) == 2:
                die()
        return orig_unlink(self, *a, **k)
    pathlib.Path.unlink = patched
db = open_database(sys.argv[1])
B.restore(db, sys.argv[1], sys.argv[2])
print("finished")
"""


def _node(path: Path):
    with sqlite3.connect(path) as c:
        return c.execute("SELECT node_id, seq, db_epoch FROM node_state").fetchone()


@pytest.mark.parametrize("point", ["after-safety-copy", "before-migrations", "after-renewal", "before-cleanup"])
def test_a_restore_killed_at_any_step_never_brings_back_a_used_node_id(net, point):
    t1 = net.db("T1")
    b = backup(t1, net.path("T1"))
    simulate(t1, 5, seed=31)                      # work after the backup, sent to the district
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"
    net.close()
    before = _node(net.path("T1"))
    p = subprocess.run([sys.executable, "-c", _CHILD, str(net.path("T1")), str(b), point], cwd=ROOT,
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == -9, p.stderr[-2000:]              # killed where asked
    node, seq, epoch = _node(net.path("T1"))
    if (node, seq, epoch) != before:                        # the restore went through: renewed
        assert node != before[0] and seq == 0 and epoch != before[2]
    # either way the office goes on: a new restore (or none) and the next package is accepted
    restore(net.db("T1"), net.path("T1"), b)
    assert not list(net.path("T1").parent.glob("*.restore.part"))
    simulate(net.db("T1"), 3, seed=32)
    assert net.imp("D1", net.export("T1", "D1")).status == "applied"


def test_a_newer_versions_backup_is_refused_before_anything_is_replaced(net, tmp_path):
    t1 = net.db("T1")
    b = backup(t1, net.path("T1"), folder=tmp_path)
    with sqlite3.connect(b) as c:
        c.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                  "VALUES ('liaison_desk', 'm0099_from_the_future', '2027-01-01')")
    before = state_of(t1)
    safety_before = sorted((net.path("T1").parent / "backups").glob("*"))
    with pytest.raises(NewerDatabase):
        restore(t1, net.path("T1"), b)
    assert state_of(t1) == before
    assert sorted((net.path("T1").parent / "backups").glob("*")) == safety_before
