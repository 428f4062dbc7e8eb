"""This node, its have vector, the offices of origin nodes, and what we know of each peer."""

from __future__ import annotations

import json
from dataclasses import dataclass

from .. import today as office_clock
from ..connection import Database
from .errors import SyncRefused


@dataclass(frozen=True)
class Me:
    node_id: str
    office_id: str
    hlc: int
    seq: int
    epoch: str


def me(db: Database) -> Me:
    row = db.execute("SELECT node_id, office_id, hlc, seq, db_epoch FROM node_state WHERE id = 1").fetchone()
    if row is None or not row[1]:
        raise SyncRefused("本机尚未设置所属机构：请先用上级发来的安装文件设置，或设置为市级政协",
                          "this installation has no office yet: set it up from a setup file, or as the city",
                          code="no_office")
    return Me(*row)


def own_have(db: Database, node: Me) -> tuple[int, int]:
    if node.seq == 0:
        return (0, 0)
    row = db.execute("SELECT hlc FROM change_log WHERE origin = ? AND seq = ?", [node.node_id, node.seq]).fetchone()
    return (node.seq, row[0] if row else node.hlc)


def have_vector(db: Database, node: Me) -> dict[str, tuple[int, int]]:
    """have[origin] = (highest contiguous seq held, hlc of that change), this node included."""
    out = {o: (s, h) for o, s, h in db.execute("SELECT origin, seq, hlc FROM sync_have")}
    out[node.node_id] = own_have(db, node)
    return out


def node_offices(db: Database, node: Me) -> dict[str, str]:
    out = dict(db.execute("SELECT node_id, office_id FROM sync_node").fetchall())
    out[node.node_id] = node.office_id
    return out


@dataclass
class Peer:
    office_id: str
    node_id: str | None = None
    epoch: str | None = None
    have: dict | None = None
    last_created_hlc: int = 0
    full_resend: int = 0
    last_import_at: str | None = None
    last_export_at: str | None = None

    def base(self) -> dict[str, tuple[int, int]]:
        """What to send beyond: nothing known (or a re-send asked for) means everything."""
        if self.full_resend or not self.have:
            return {}
        return {o: (v[0], v[1]) for o, v in self.have.items()}


def get_peer(db: Database, office_id: str) -> Peer:
    row = db.execute("SELECT office_id, node_id, epoch, have, last_created_hlc, full_resend, last_import_at, "
                     "last_export_at FROM sync_peer WHERE office_id = ?", [office_id]).fetchone()
    if row is None:
        return Peer(office_id)
    p = Peer(*row)
    p.have = json.loads(p.have) if p.have else {}
    return p


def save_peer(db: Database, p: Peer) -> None:
    db.execute("INSERT INTO sync_peer (office_id, node_id, epoch, have, last_created_hlc, full_resend, last_import_at, "
               "last_export_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(office_id) DO UPDATE SET "
               "node_id = excluded.node_id, epoch = excluded.epoch, have = excluded.have, "
               "last_created_hlc = excluded.last_created_hlc, full_resend = excluded.full_resend, "
               "last_import_at = excluded.last_import_at, last_export_at = excluded.last_export_at",
               [p.office_id, p.node_id, p.epoch, json.dumps(p.have or {}, sort_keys=True), p.last_created_hlc,
                p.full_resend, p.last_import_at, p.last_export_at])


def after_restore(db: Database) -> str:
    """Call right after a restore from backup (db.backup.restore): this installation continues as a
    new node (new node_id, seq 0) so that its next changes never reuse (origin, seq) numbers that
    peers already hold from before the restore. The old node stays known as this office's, and the
    restored rows' clocks and log entries keep their old origin. Returns the new node id."""
    from ..clock import new_node_id
    old, office, seq = db.execute("SELECT node_id, office_id, seq FROM node_state WHERE id = 1").fetchone()
    new = new_node_id()
    with db.atomic():
        if office:
            db.execute("INSERT OR IGNORE INTO sync_node (node_id, office_id, learned_at) VALUES (?, ?, ?)",
                       [old, office, office_clock.now_text()])
        if seq:
            hlc = db.execute("SELECT hlc FROM change_log WHERE origin = ? AND seq = ?", [old, seq]).fetchone()
            db.execute("INSERT INTO sync_have (origin, seq, hlc) VALUES (?, ?, ?) ON CONFLICT(origin) DO UPDATE SET "
                       "seq = excluded.seq, hlc = excluded.hlc", [old, seq, hlc[0] if hlc else 0])
        db.execute("UPDATE node_state SET node_id = ?, seq = 0 WHERE id = 1", [new])
    return new
