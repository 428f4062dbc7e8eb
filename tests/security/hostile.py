"""Hand-made packages: an installed office signs and encrypts whatever it likes with its own real
keys (valid signature, valid encryption), as a hostile or broken program on that PC could."""

from __future__ import annotations

import json
from pathlib import Path

from syncnet import CODES

from db.clock import HybridClock, clock_text
from db.sync.export import Collected, build_manifest
from db.sync.keys import node_keys, trusted_keys
from db.sync.package import encode_changes, write_package
from db.sync.scope import OfficeTree
from db.sync.state import have_vector, me


def node_of(net, name: str) -> str:
    return net.db(name).execute("SELECT node_id FROM node_state").fetchone()[0]


def seq_of(net, name: str) -> int:
    return net.db(name).execute("SELECT seq FROM node_state").fetchone()[0]


def row_of(net, at: str, table: str, row_id: str) -> dict:
    cur = net.db(at).execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    return dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True))


def far_clock(node: str, ahead_ms: int = 60_000) -> str:
    """A clock of `node` a minute after now: newer than anything held."""
    from db.clock import pack, wall_ms_now
    return clock_text(pack(wall_ms_now() + ahead_ms, 0), node)


def forge(net, frm: str, to: str, *, entries=(), rows: dict[str, list[dict]] | None = None,
          ranges: dict | None = None, nodes: dict | None = None, have: dict | None = None,
          out: Path | None = None, tweak=None) -> Path:
    """A package from `frm` to `to`, signed and encrypted with `frm`'s real keys, holding exactly what
    the caller wrote. `rows`: table -> row dicts (all columns). `tweak(manifest)` edits the manifest."""
    db = net.db(frm)
    node = me(db)
    keys = node_keys(db)
    tree = OfficeTree.load(db)
    recipient = net.office(to)
    col = Collected()
    col.entries = [tuple(e) for e in entries]
    for table, rs in (rows or {}).items():
        cols = list(rs[0])
        col.tables[table] = (cols, [tuple(r[c] for c in cols) for r in rs])
    col.ranges = {o: list(v) for o, v in (ranges or {}).items()}
    offices = dict(db.execute("SELECT node_id, office_id FROM sync_node").fetchall())
    offices[node.node_id] = node.office_id
    named = {e[0] for e in col.entries}
    for rs in (rows or {}).values():
        for r in rs:
            named.add(r["_rc"].rpartition("@")[2])
            for pair in json.loads(r["_fc"] or "{}").values():
                named.add(pair[0].rpartition("@")[2])
    col.nodes = {n: offices[n] for n in named if n in offices}
    col.nodes.update(nodes or {})
    manifest = build_manifest(node, keys, tree, recipient, col, full=False,
                              created_hlc=HybridClock(node.node_id, node.hlc).now(),
                              have=have if have is not None else have_vector(db, node))
    if tweak:
        tweak(manifest)
    folder = out or net.stick
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"hostile-{frm}-to-{to}-{manifest['package_id']}.ldsync"
    changes = encode_changes(col.entries, col.tables)
    write_package(path, manifest, changes, {}, keys, [k[1] for k in trusted_keys(db, recipient)])
    return path


def code(name: str) -> str:
    return CODES[name]
