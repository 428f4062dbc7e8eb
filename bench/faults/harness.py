"""Faults survived: kill -9 at a random moment of a save, a sync import, a sync export, a backup and a
restore, then look at what is left. Used by bench/faults/bench_faults.py (hundreds of trials) and by
tests/faults (a few each, in CI).

A trial runs the operation in a child process, kills its process group with SIGKILL after a random
delay (between Python's start-up and a little after the operation's usual length), and then checks:
- `check` passes on every database (0 corrupt);
- every edit whose command reported success is in `dump` (0 lost), and nothing else changed: the
  database is as before, or as after, or (a save) before plus the committed edits;
- no package or backup is left under its final name unless it is whole.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT))

from syncnet import CODES, Net, build_network, copy_network, state_of  # noqa: E402

from db.check import check_database  # noqa: E402
from db.database import open_database  # noqa: E402
from db.sync.dump import dump_text  # noqa: E402
from db.write import writing  # noqa: E402

KINDS = ("save", "import", "export", "backup", "encrypted_backup", "restore")
PASSPHRASE = "故障试验 fault trial passphrase"

_PRELUDE = f"import sys; sys.path.insert(0, {str(ROOT)!r}); from db.database import open_database; "
_CHILD = {
    # a clerk saving records one after another: each printed line is a save that returned success
    "save": _PRELUDE + (
        "from db.write import writing; db = open_database(sys.argv[1]); office = sys.argv[2]\n"
        "print('ready', flush=True)\n"
        "for i in range(100000):\n"
        "    note = f'故障试验 {sys.argv[3]} 第{i}次保存 fault trial save'\n"
        "    with writing(db) as w:\n"
        "        w.insert('state_event', {'subject_table': 'follow_up', 'subject_id': f'f{i}',\n"
        "                 'at': '2026-05-01T10:00', 'note': note}, office_id=office)\n"
        "    print(note, flush=True)\n"),
    "import": _PRELUDE + ("from db.sync.importer import import_path; db = open_database(sys.argv[1]); "
                          "print('ready', flush=True); print(import_path(db, sys.argv[2])[0].status, flush=True)"),
    "export": _PRELUDE + ("from db.sync.export import export_package; db = open_database(sys.argv[1]); "
                          "print('ready', flush=True); print(export_package(db, sys.argv[2], sys.argv[3]).path, flush=True)"),
    "backup": _PRELUDE + ("from db.backup import backup; db = open_database(sys.argv[1]); "
                          "print('ready', flush=True); print(backup(db, sys.argv[1], folder=sys.argv[2]), flush=True)"),
    "encrypted_backup": _PRELUDE + (
        "from db.backup import backup; db = open_database(sys.argv[1]); print('ready', flush=True); "
        "print(backup(db, sys.argv[1], folder=sys.argv[2], passphrase=sys.argv[3]), flush=True)"),
    "restore": _PRELUDE + ("from db.backup import restore; from db.database import connect; "
                           "db = connect(sys.argv[1]); print('ready', flush=True); print(restore(db, sys.argv[1], sys.argv[2]), flush=True)"),
}


@dataclass
class Tally:
    trials: dict[str, int] = field(default_factory=dict)
    corrupt: int = 0
    lost: int = 0
    failures: list[str] = field(default_factory=list)
    outcomes: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, outcome: str) -> None:
        self.trials[kind] = self.trials.get(kind, 0) + 1
        key = f"{kind}:{outcome}"
        self.outcomes[key] = self.outcomes.get(key, 0) + 1

    def fail(self, what: str, *, corrupt: bool = False, lost: int = 0) -> None:
        self.failures.append(what)
        self.corrupt += corrupt
        self.lost += lost

    def line(self) -> str:
        n = sum(self.trials.values())
        per = ", ".join(f"{k} {v}" for k, v in self.trials.items())
        return f"trials {n} ({per}); corrupt {self.corrupt}; lost {self.lost}"


def _run_killed(args: list[str], delay: float | None) -> tuple[list[str], float]:
    """Start the child; once it says `ready` (Python started, database open) wait `delay` s and SIGKILL its
    whole group if it is still running (None: let it finish). Its other stdout lines, and how long it ran
    after `ready`."""
    p = subprocess.Popen([sys.executable, "-c", *args], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         start_new_session=True, cwd=ROOT)
    first = p.stdout.readline()
    t0 = time.perf_counter()
    if first.strip() == b"ready" and delay is not None:
        try:
            p.wait(delay)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
    out = p.communicate()[0].decode("utf-8", "replace")
    took = time.perf_counter() - t0
    return [x for x in out.splitlines() if x.strip()], took


def _checked(tally: Tally, what: str, path: Path) -> str | None:
    """The database's dump, counting it corrupt (and returning None) when `check` finds a problem."""
    db = open_database(path)
    try:
        rep = check_database(db)
        if not rep.ok:
            tally.fail(f"{what}: check: {rep.problems[:3]}", corrupt=True)
            return None
        return dump_text(db)
    finally:
        db.conn.close()


class Bed:
    """A copied sync network and the states a trial compares against, made once per run."""

    def __init__(self, root: Path, seed: int = 11):
        self.root = Path(root)
        self.r = random.Random(seed)
        self.template = self.root / "template"
        if not self.template.exists():
            build_network(self.template)
        net = copy_network(self.template, self.root / "prep")
        t1 = net.db("T1")
        office = net.office("T1")
        with writing(t1) as w:          # a package big enough to be killed in the middle of
            w.insert_many("state_event", [{"subject_table": "follow_up", "subject_id": f"s{i}",
                                           "at": "2026-05-01T10:00", "note": f"第{i}次督办记录，群众反映强烈需要跟进"}
                                          for i in range(8000)], office_id=office)
        self.office_t1 = office
        self.pkg = net.export("T1", "D1", self.root / "pkgs")
        net.close()
        self.prep = self.root / "prep"
        shutil.copytree(self.prep, self.root / "after-import")
        after = Net(self.root / "after-import")
        assert after.imp("D1", self.pkg).status == "applied"
        self.d1_after = state_of(after.db("D1"))
        self.d1_before = state_of(Net(self.prep).db("D1"))
        after.close()
        from db.backup import backup
        net = Net(self.prep)
        self.backup_file = backup(net.db("D1"), net.path("D1"), folder=self.root / "backups")
        net.close()
        self.work = self.root / "work"
        self.took: dict[str, float | None] = {}

    def fresh(self) -> Net:
        shutil.rmtree(self.work, ignore_errors=True)
        return copy_network(self.prep, self.work)

    def delay(self, kind: str) -> float:
        """A moment within the operation's usual length (measured unkilled once), or a little after."""
        return self.r.uniform(0, 1.1 * self.took.get(kind, 0.5))

    def when(self, kind: str) -> float | None:
        return None if self.took.get(kind, 0) is None else self.delay(kind)

    def learn(self, kind: str, took: float) -> None:
        if self.took.get(kind, 0) is None:
            self.took[kind] = took

    def measure(self, kind: str) -> None:
        """Run the operation once to the end to learn its length: the trials kill within it."""
        if kind == "save":
            return
        self.took[kind] = None
        getattr(self, f"_{kind}")(Tally())

    # -- the trials -----------------------------------------------------------------------------
    def trial(self, kind: str, tally: Tally) -> None:
        getattr(self, f"_{kind}")(tally)

    def _save(self, tally: Tally) -> None:
        net = self.fresh()
        path = net.path("T1")
        before = state_of(net.db("T1"))
        net.close()
        tag = f"{self.r.randrange(10**9)}"
        saved, _ = _run_killed([_CHILD["save"], str(path), self.office_t1, tag], self.r.uniform(0, 1.0))
        dump = _checked(tally, "save", path)
        if dump is None:
            tally.add("save", "corrupt")
            return
        missing = [n for n in saved if n not in dump]
        if missing:
            tally.fail(f"save: {len(missing)} committed edit(s) missing", lost=len(missing))
        db = open_database(path)
        n_new = db.execute("SELECT count(*) FROM state_event WHERE note LIKE ?", [f"故障试验 {tag} %"]).fetchone()[0]
        if n_new not in (len(saved), len(saved) + 1):      # the one being saved at the kill may have committed
            tally.fail(f"save: {n_new} rows for {len(saved)} reported saves")
        db.conn.close()
        tally.add("save", "killed while saving")
        tally.outcomes["save:edits reported saved, all found"] = tally.outcomes.get(
            "save:edits reported saved, all found", 0) + len(saved) - len(missing)
        del before

    def _import(self, tally: Tally) -> None:
        net = self.fresh()
        path = net.path("D1")
        net.close()
        out, took = _run_killed([_CHILD["import"], str(path), str(self.pkg)], self.when("import"))
        self.learn("import", took)
        if _checked(tally, "import", path) is None:
            tally.add("import", "corrupt")
            return
        got = state_of(net.db("D1"))
        net.close()
        if got == self.d1_after:
            tally.add("import", "applied")
        elif got == self.d1_before and out != ["applied"]:
            tally.add("import", "not applied")
        else:
            tally.fail("import: the database is neither as before nor as after", lost=1)
            tally.add("import", "partial")

    def _export(self, tally: Tally) -> None:
        net = self.fresh()
        path = net.path("T1")
        before = dump_text(net.db("T1"))
        net.close()
        stick = self.root / "stick"
        shutil.rmtree(stick, ignore_errors=True)
        stick.mkdir()
        _, took = _run_killed([_CHILD["export"], str(path), CODES["D1"], str(stick)], self.when("export"))
        self.learn("export", took)
        after = _checked(tally, "export", path)
        if after is None:
            tally.add("export", "corrupt")
            return
        if after != before:
            tally.fail("export: the data changed", lost=1)
        finals = [p for p in stick.iterdir() if p.suffix == ".ldsync"]
        for p in finals:                    # a package under its final name must import whole
            rep = net.imp("D1", p)
            if rep.status != "applied":
                tally.fail(f"export: a package left under its final name does not import: {rep.status}")
        # and the next export works
        net2 = Net(net.root)
        try:
            net2.export("T1", "D1", stick / "again")
        except Exception as exc:  # noqa: BLE001 - count it
            tally.fail(f"export: the next export failed: {exc}")
        net2.close()
        net.close()
        tally.add("export", "written" if finals else "not written")

    def _killed_backup(self, tally: Tally, kind: str, label: str, folder_name: str, *extra: str):
        """A backup of D1 into a fresh `folder_name`, killed at a random moment; the data must be as before.
        (the data as dumped before, the folder) to check what was left there, or None when D1 is corrupt."""
        net = self.fresh()
        path = net.path("D1")
        before = dump_text(net.db("D1"))
        net.close()
        folder = self.root / folder_name
        shutil.rmtree(folder, ignore_errors=True)
        _, took = _run_killed([_CHILD[kind], str(path), str(folder), *extra], self.when(kind))
        self.learn(kind, took)
        after = _checked(tally, label, path)
        if after is None:
            tally.add(kind, "corrupt")
            return None
        if after != before:
            tally.fail(f"{label}: the data changed", lost=1)
        return before, folder

    def _backup(self, tally: Tally) -> None:
        got = self._killed_backup(tally, "backup", "backup", "bk")
        if got is None:
            return
        before, folder = got
        from db.backup import list_backups
        finals = list_backups(folder) if folder.exists() else []
        for b in finals:
            if _checked(tally, "backup file", b.path) != before:
                tally.fail(f"backup: {b.path.name} under its final name is not a whole copy")
        tally.add("backup", "written" if finals else "not written")

    def _encrypted_backup(self, tally: Tally) -> None:
        """A backup to a stick, encrypted: the clear copy is made in the data folder and removed."""
        got = self._killed_backup(tally, "encrypted_backup", "encrypted backup", "stick-bk", PASSPHRASE)
        if got is None:
            return
        before, folder = got
        from db.backup_crypt import decrypt_file
        finals = sorted(folder.glob("*.enc")) if folder.exists() else []
        for f in finals:                    # under its final name: decrypts to a whole copy
            clear = self.root / "decrypted.sqlite3"
            clear.unlink(missing_ok=True)
            try:
                decrypt_file(f, clear, PASSPHRASE)
            except Exception as exc:  # noqa: BLE001 - count it
                tally.fail(f"encrypted backup: {f.name} does not decrypt: {exc}")
                continue
            if _checked(tally, "decrypted backup", clear) != before:
                tally.fail(f"encrypted backup: {f.name} is not a whole copy")
        tally.add("encrypted_backup", "written" if finals else "not written")

    def _restore(self, tally: Tally) -> None:
        net = self.fresh()
        path = net.path("D1")
        db = net.db("D1")
        with writing(db) as w:              # an edit after the backup: restoring takes the data back
            w.insert("state_event", {"subject_table": "follow_up", "subject_id": "r", "at": "2026-05-01T10:00",
                                     "note": "恢复前的编辑 an edit before the restore"}, office_id=net.office("D1"))
        before = dump_text(db)
        net.close()
        backed = _checked(tally, "backup file", self.backup_file)
        _, took = _run_killed([_CHILD["restore"], str(path), str(self.backup_file)], self.when("restore"))
        self.learn("restore", took)
        after = _checked(tally, "restore", path)
        if after is None:
            tally.add("restore", "corrupt")
            return
        if after == before:
            tally.add("restore", "not restored")
        elif after == backed:
            tally.add("restore", "restored")
        else:
            tally.fail("restore: the database is neither as before nor the backup", lost=1)
            tally.add("restore", "partial")
        # the edit undone by a restore is kept in the safety copy taken before it
        safety = [p for p in path.parent.rglob("*before-restore*.sqlite3")]
        if after == backed and not any(_checked(tally, "safety copy", p) == before for p in safety):
            tally.fail("restore: no safety copy holds the data from before the restore", lost=1)


def run(root: Path, per_kind: int, kinds=KINDS, seed: int = 11) -> Tally:
    bed = Bed(root, seed)
    for kind in kinds:
        bed.measure(kind)
    tally = Tally()
    for i in range(per_kind):
        for kind in kinds:
            bed.trial(kind, tally)
        del i
    return tally
