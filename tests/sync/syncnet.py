"""Test helpers: a small network built once per session and copied per test: the city, two districts, four
townships, each set up from its parent's setup file, keys confirmed, and synced once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from db.database import open_database
from db.offices import add_office, create_city
from db.sync.dump import dump_text
from db.sync.export import export_package
from db.sync.importer import import_path
from db.sync.keys import trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing

CODES = {"C": "520100", "D1": "520102", "D2": "520103",
         "T1": "520102001", "T2": "520102002", "T3": "520103001", "T4": "520103002"}
PARENT = {"D1": "C", "D2": "C", "T1": "D1", "T2": "D1", "T3": "D2", "T4": "D2"}
NAMES = {"C": "贵阳市政协", "D1": "南明区政协", "D2": "云岩区政协", "T1": "新华路街道", "T2": "中华南路街道",
         "T3": "黔东街道", "T4": "中环街道"}
ORDER = ("C", "D1", "D2", "T1", "T2", "T3", "T4")


class Net:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.stick = self.root / "stick"
        self._dbs = {}

    def path(self, name: str) -> Path:
        return self.root / name / "liaison-desk.sqlite3"

    def db(self, name: str):
        if name not in self._dbs:
            self._dbs[name] = open_database(self.path(name))
        return self._dbs[name]

    def office(self, name: str) -> str:
        return self.db("C").execute("SELECT id FROM office WHERE code = ?", [CODES[name]]).fetchone()[0]

    def export(self, frm: str, to: str, out: Path | None = None) -> Path:
        return export_package(self.db(frm), CODES[to], out or self.stick).path

    def imp(self, name: str, path: Path):
        reps = import_path(self.db(name), path)
        assert len(reps) == 1
        return reps[0]

    def send(self, frm: str, to: str):
        rep = self.imp(to, self.export(frm, to))
        assert rep.status == "applied", rep.text()
        return rep

    def settle(self, rounds: int = 1) -> None:
        for _ in range(rounds):
            for t in ("T1", "T2", "T3", "T4"):
                self.send(t, PARENT[t])
            for d in ("D1", "D2"):
                self.send(d, "C")
            for d in ("D1", "D2"):
                self.send("C", d)
            for t in ("T1", "T2", "T3", "T4"):
                self.send(PARENT[t], t)

    def dumps_agree(self) -> list[str]:
        bad = []
        for name in ORDER[1:]:
            oid = self.office(name)
            if dump_text(self.db(name), oid) != dump_text(self.db("C"), oid):
                bad.append(name)
        return bad

    def close(self) -> None:
        for db in self._dbs.values():
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.conn.close()
        self._dbs.clear()


def state_of(db) -> str:
    """Everything an import may change: data, log, node state, vectors, peers, received, conflicts."""
    out = [dump_text(db)]
    for sql in ("SELECT * FROM change_log ORDER BY origin, seq", "SELECT node_id, office_id, hlc, seq, db_epoch "
                "FROM node_state", "SELECT * FROM sync_have ORDER BY origin",
                "SELECT office_id, node_id, epoch, have, last_created_hlc, full_resend FROM sync_peer ORDER BY office_id",
                "SELECT package_id FROM sync_received ORDER BY package_id",
                "SELECT tbl, row_id, field, kept_value, kept_clock, other_value, other_clock FROM conflict ORDER BY id",
                "SELECT node_id, office_id FROM sync_node ORDER BY node_id"):
        out.append(json.dumps(db.execute(sql).fetchall(), ensure_ascii=False))
    return "\n".join(out)


def build_network(root: Path) -> None:
    net = Net(root)
    for n in ORDER:
        (root / n).mkdir(parents=True)
    c = net.db("C")
    city = create_city(c, NAMES["C"], CODES["C"])
    ids = {"C": city}
    for n in ORDER[1:]:
        ids[n] = add_office(c, code=CODES[n], name=NAMES[n], level="district" if n[0] == "D" else "township",
                            parent_id=ids[PARENT[n]], by_office=city)
    sector = c.execute("SELECT id FROM reference_item WHERE list = 'sector' ORDER BY id LIMIT 1").fetchone()[0]
    with writing(c) as w:
        for i in range(3):
            w.insert("member", {"name": f"市委员{i}", "sex": "F", "phone": f"1390000000{i}", "sector_id": sector},
                     office_id=city)
    for n in ORDER[1:]:
        parent = net.db(PARENT[n])
        sf = make_setup_file(parent, CODES[n], root)
        init_from_setup(net.path(n), sf.path, sf.passcode)
        sf.path.unlink()
        rep = net.imp(PARENT[n], net.export(n, PARENT[n]))
        assert rep.status == "refused" and rep.code == "untrusted_key", rep.text()
        trust(parent, rep.fingerprint)
        if n[0] == "D":
            with writing(net.db(n)) as w:
                for t in [t for t, p in PARENT.items() if p == n]:
                    w.insert("member", {"name": f"{NAMES[t]}委员", "sex": "M", "phone": "13700000000"},
                             office_id=ids[t])
    net.settle()
    from db.sync.simulate import simulate
    for i, t in enumerate(("T1", "T2", "T3", "T4")):
        simulate(net.db(t), 12, seed=100 + i)      # follow-ups and reports for the offices above to work on
    net.settle()
    assert not net.dumps_agree()
    net.close()
    shutil.rmtree(net.stick, ignore_errors=True)




def copy_network(template: Path, dest: Path) -> Net:
    shutil.copytree(template, dest)
    return Net(dest)
