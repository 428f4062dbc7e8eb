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


def _cli(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       cwd=ROOT, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def _demo_and_members(path):
    conn = sqlite3.connect(path)
    try:
        return (conn.execute("SELECT value FROM setting WHERE key = 'demo'").fetchone(),
                conn.execute("SELECT count(*) FROM member").fetchone()[0])
    finally:
        conn.close()


def test_a_demo_takes_a_real_offices_backup_only_once_told_whose_data_it_is(demo_db_path, tmp_path):
    """The demo's office is the demo city: the real city's backup passed the check of code and level, and a
    clerk trying the demo out turned this computer into the city without a word."""
    city = tmp_path / "city" / "liaison-desk.sqlite3"
    assert _cli("init", "--db", city, "--city", "贵阳市政协").returncode == 0
    assert _cli("backup", "--db", city).returncode == 0
    made = next((city.parent / "backups").glob("*.sqlite3"))
    before = _demo_and_members(demo_db_path)
    assert before[0] is not None and before[1] > 0

    p = _cli("restore", "--db", demo_db_path, made)
    assert p.returncode == 1
    assert "此备份是“贵阳市政协”（520100）的数据，而本机是演示数据" in p.stderr, p.stderr
    assert "没有恢复" in p.stderr and "--as-office 520100" in p.stderr and "demo data" in p.stderr, p.stderr
    p = _cli("restore", "--db", demo_db_path, made, "--as-office", "520102")     # not the backup's office
    assert p.returncode == 1 and "--as-office 520100" in p.stderr, p.stderr
    assert _demo_and_members(demo_db_path) == before                             # nothing was replaced

    p = _cli("restore", "--db", demo_db_path, made, "--as-office", "520100")
    assert p.returncode == 0, p.stderr
    assert "本机现为“贵阳市政协”（520100）的数据" in p.stdout, p.stdout
    assert _demo_and_members(demo_db_path) == (None, 0)


def test_a_new_computer_takes_its_offices_backup_and_is_told_whose_data_it_now_holds(tmp_path):
    city = tmp_path / "city" / "liaison-desk.sqlite3"
    assert _cli("init", "--db", city, "--city", "贵阳市政协").returncode == 0
    assert _cli("backup", "--db", city).returncode == 0
    made = next((city.parent / "backups").glob("*.sqlite3"))
    p = _cli("restore", "--db", tmp_path / "新电脑" / "liaison-desk.sqlite3", made)   # nothing here yet
    assert p.returncode == 0, p.stderr
    assert "本机现为“贵阳市政协”（520100）的数据" in p.stdout, p.stdout


def test_a_real_office_refuses_a_demos_backup(demo_db_path, tmp_path):
    """The demo's office is the demo city (520100): the real city's installation took a demo's backup as its own
    and became a demo, every record open to editing."""
    city = tmp_path / "city" / "liaison-desk.sqlite3"
    assert _cli("init", "--db", city, "--city", "贵阳市政协").returncode == 0
    assert _cli("backup", "--db", demo_db_path).returncode == 0
    made = next((demo_db_path.parent / "backups").glob("*.sqlite3"))
    before = _demo_and_members(city)
    p = _cli("restore", "--db", city, made, "--as-office", "520100")
    assert p.returncode == 1
    assert "此备份是演示数据，而本机是“贵阳市政协”（520100）" in p.stderr and "demo data" in p.stderr, p.stderr
    assert _demo_and_members(city) == before == (None, 0)
