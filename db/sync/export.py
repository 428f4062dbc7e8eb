"""Export (SYNC.md "Version vectors and acknowledgement"): everything in the recipient's scope that
its last acknowledgement does not cover, as log entries plus the current state of the rows they name."""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import files, model, schema
from .. import today as office_clock
from ..attachments import blob_path
from ..clock import HybridClock, parse_clock, uuid7
from ..connection import Database
from ..leftovers import stale_package_parts
from . import provenance
from .computers import node_boxes
from .errors import SyncRefused
from .fsutil import folder_refusal, safe_name, unique_path
from .keys import b64, node_keys, now_text, trusted_keys
from .package import (
    FORMAT,
    KIND,
    MAX_LOG,
    MAX_RAW,
    MAX_ROWS,
    MIN_READER,
    SUFFIX,
    app_version,
    encode_changes,
    write_package,
)
from .scope import OfficeTree, fk_fields
from .state import Me, get_peer, have_vector, me, node_offices, save_peer

_CHUNK = 500


@dataclass
class Collected:
    entries: list[tuple] = field(default_factory=list)
    tables: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)
    ranges: dict[str, list[int]] = field(default_factory=dict)
    nodes: dict[str, str] = field(default_factory=dict)
    blobs: dict[str, Path] = field(default_factory=dict)
    missing_blobs: int = 0

    @property
    def row_count(self) -> int:
        return sum(len(r) for _c, r in self.tables.values())


def _fetch_rows(db: Database, table: str, ids: Iterable[str]) -> tuple[list[str], list[tuple]]:
    ids = list(ids)
    cols: list[str] = []
    out: list[tuple] = []
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        cur = db.conn.execute(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        cols = [d[0] for d in cur.description]
        out.extend(cur.fetchall())
    if not cols:
        cur = db.conn.execute(f"SELECT * FROM {table} LIMIT 0")
        cols = [d[0] for d in cur.description]
    return cols, out


def collect(db: Database, node: Me, tree: OfficeTree, recipient: str, base: dict[str, tuple[int, int]],
            *, upward: bool) -> Collected:
    """What `recipient` lacks, given `base` (its last acknowledged have vector)."""
    out = Collected()
    mine = have_vector(db, node)
    offices = node_offices(db, node)
    own_subtree = tree.subtree(node.office_id)
    visible = tree.visible_to(recipient)
    by_table: dict[str, list[tuple]] = {}
    for origin, (hi, hi_hlc) in sorted(mine.items()):
        if upward and offices.get(origin) not in own_subtree:
            continue            # the receiver above holds more of these than we do: never speak for them
        lo = base.get(origin, (0, 0))[0]
        if hi <= lo:
            continue
        out.ranges[origin] = [lo + 1, hi, hi_hlc]
        for e in db.conn.execute("SELECT origin, seq, tbl, row_id, fields, hlc, actor FROM change_log "
                                 "WHERE origin = ? AND seq > ? AND seq <= ? ORDER BY seq", [origin, lo, hi]):
            # who made it (db.accounts) as a 7th item, only when known: older readers take 6
            by_table.setdefault(e[2], []).append(e if e[6] is not None else e[:6])
    kept: dict[str, dict[str, tuple]] = {}
    cols_of: dict[str, list[str]] = {}
    inserted_or_changed_blob: set[str] = set()
    for table in model.TABLE_ORDER:
        entries = by_table.get(table)
        if not entries:
            continue
        cols, rows = _fetch_rows(db, table, dict.fromkeys(e[3] for e in entries))
        cols_of[table] = cols
        oi = cols.index("office_id")
        rows_by_id = {r[0]: r for r in rows if visible(table, r[oi])}
        kept[table] = rows_by_id
        for e in entries:
            if e[3] in rows_by_id:
                out.entries.append(e)
                if table == "attachment" and (e[4] == "*" or "sha256" in e[4].split(",")):
                    inserted_or_changed_blob.add(e[3])
    _close_references(db, tree, recipient, kept, cols_of)
    for table in model.TABLE_ORDER:
        if kept.get(table):
            out.tables[table] = (cols_of[table], list(kept[table].values()))
    # Offices of every node named (origins and field clocks), so the receiver can check scope.
    nodes = {e[0] for e in out.entries}
    for cols, rows in out.tables.values():
        rc, fc = cols.index("_rc"), cols.index("_fc")
        for r in rows:
            nodes.add(parse_clock(r[rc])[1])
            if r[fc]:
                for pair in json.loads(r[fc]).values():
                    nodes.add(parse_clock(pair[0])[1])
    unknown = sorted(n for n in nodes if n not in offices)
    if unknown:
        raise SyncRefused("本机数据中有来源不明的修改，无法导出（请运行“检查”并联系技术支持）",
                          f"changes from nodes of unknown office: {', '.join(unknown[:3])}", code="unknown_node")
    nodes |= {o for o in out.ranges if o in offices}     # whose signed chains the package carries
    out.nodes = {n: offices[n] for n in sorted(nodes)}
    # Attachment files for attachment rows inserted (or re-pointed) in this package.
    if "attachment" in out.tables:
        cols, rows = out.tables["attachment"]
        si, di = cols.index("sha256"), cols.index("deleted")
        for r in rows:
            if r[0] in inserted_or_changed_blob and not r[di]:
                p = blob_path(db, r[si])
                if p.is_file():
                    out.blobs[r[si]] = p
                else:
                    out.missing_blobs += 1
    return out


def _close_references(db: Database, tree: OfficeTree, recipient: str, kept: dict, cols_of: dict) -> None:
    """Rows the package refers to that the recipient's scope would not give it (a group's member owned
    by another district, say): send their state too, so its foreign keys hold."""
    visible = tree.visible_to(recipient)
    pending = list(kept)
    for _round in range(4):
        wanted: dict[str, set[str]] = {}
        for table in pending:
            cols = cols_of[table]
            for fname, target in fk_fields(table):
                i = cols.index(fname) if fname in cols else None
                if i is None:
                    continue
                for r in kept[table].values():
                    v = r[i]
                    if v and v not in kept.get(target, {}):
                        wanted.setdefault(target, set()).add(v)
        pending = []
        for target, ids in wanted.items():
            cols, rows = _fetch_rows(db, target, sorted(ids))
            oi = cols.index("office_id")
            extra = {r[0]: r for r in rows if not visible(target, r[oi])}
            if extra:
                if target in cols_of and cols_of[target] != cols:
                    continue
                cols_of[target] = cols
                kept.setdefault(target, {}).update(extra)
                pending.append(target)
        if not pending:
            return


def package_name(tree: OfficeTree, sender: str, recipient: str, when: dt.datetime) -> str:
    def label(o):
        return f"{safe_name(tree.name.get(o, ''))}-{safe_name(tree.code.get(o, ''))}"
    return f"{label(sender)}_至_{label(recipient)}_{when:%Y-%m-%d_%H%M%S}"


@dataclass
class ExportResult:
    path: Path
    recipient_id: str
    recipient_name: str
    entries: int
    rows: int
    blobs: int
    missing_blobs: int
    full_resend: bool
    package_id: str


def build_manifest(node: Me, keys, tree: OfficeTree, recipient: str, col: Collected, *, full: bool,
                   created_hlc: int, have: dict, kind: str = KIND) -> dict:
    return {
        "kind": kind, "format": FORMAT, "min_reader": MIN_READER, "schema_version": schema.SCHEMA_VERSION,
        "app_version": app_version(), "package_id": uuid7(), "created_hlc": created_hlc,
        "created_at": now_text(),
        "sender": {"node": node.node_id, "office": node.office_id, "office_code": tree.code.get(node.office_id, ""),
                   "office_name": tree.name.get(node.office_id, ""), "epoch": node.epoch,
                   "sign_key": b64(keys.sign_public), "box_key": b64(keys.box_public)},
        "recipient": {"office": recipient, "office_code": tree.code.get(recipient, ""),
                      "office_name": tree.name.get(recipient, "")},
        "have": {o: list(v) for o, v in sorted(have.items())},
        "ranges": col.ranges, "nodes": col.nodes, "full_resend": full,
        "counts": {"log": len(col.entries), "rows": col.row_count, "blobs": len(col.blobs)},
    }


def recipient_office(db: Database, tree: OfficeTree, code: str) -> str:
    row = db.execute("SELECT id FROM office WHERE code = ? AND deleted = 0", [code]).fetchone()
    if row is None:
        raise SyncRefused(f"找不到代码为 {code} 的机构", f"no office with code {code}", code="unknown_office")
    return row[0]


def export_package(db: Database, to_code: str, out_dir: str | Path) -> ExportResult:
    try:                            # a stick pulled out, its mount folder left behind: nothing done, said so
        files.require_stick(out_dir)
    except OSError as exc:
        raise folder_refusal(exc, Path(out_dir)) from exc
    keys = node_keys(db)            # first: a database copied from another PC becomes a new node here
    node = me(db)
    tree = OfficeTree.load(db)
    recipient = recipient_office(db, tree, to_code)
    rel = tree.relation(node.office_id, recipient)
    if rel is None:
        raise SyncRefused(f"“{tree.label(recipient)}”不是本机构的上级或下级，不能直接交换同步包",
                          f"{tree.code.get(recipient)} is neither above nor below this office", code="not_related")
    rkeys = trusted_keys(db, recipient)
    if not rkeys and db.execute("SELECT 1 FROM sync_office_key WHERE office_id = ? AND revoked_at IS NOT NULL",
                                [recipient]).fetchone():
        raise SyncRefused(f"“{tree.label(recipient)}”的密钥已停用：请对方用新的初始化文件安装新电脑，"
                          f"收到它的同步包并电话核对指纹后再发送",
                          f"the key of {tree.code.get(recipient)} was revoked: its new installation's key must be "
                          f"confirmed first", code="no_key")
    if not rkeys:
        raise SyncRefused(f"还没有“{tree.label(recipient)}”的密钥：请先导入对方发来的同步包，电话核对指纹后运行 trust",
                          f"no trusted key for {tree.code.get(recipient)} yet: import its package, confirm the "
                          f"fingerprint by phone, then run trust", code="no_key")
    peer = get_peer(db, recipient)
    base = peer.base()
    provenance.chain_own(db, node.node_id, keys)        # SYNC.md "Trust": own entries chained, head signed
    provenance.chain_earlier_own(db, node.node_id, keys)  # ... and an earlier node's, before a restore
    col = collect(db, node, tree, recipient, base, upward=(rel == "up"))
    created = HybridClock(node.node_id, node.hlc).now()
    manifest = build_manifest(node, keys, tree, recipient, col, full=not base, created_hlc=created,
                              have=have_vector(db, node))
    heads, packed = provenance.material(db, col.ranges, col.entries, col.tables)
    blobs: dict = dict(col.blobs)
    if packed is not None:
        member = hashlib.sha256(packed).hexdigest()
        blobs[member] = packed
        manifest["provenance"] = {"heads": heads, "member": f"blobs/{member}"}
    boxes = node_boxes(db, manifest["nodes"], node.node_id)
    if boxes:
        manifest["node_boxes"] = boxes          # so a receiver shows a reported computer's own fingerprint
    out_dir = Path(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise folder_refusal(exc, out_dir) from exc
    name = package_name(tree, node.office_id, recipient, office_clock.now())
    path = unique_path(out_dir, name, SUFFIX)
    changes = encode_changes(col.entries, col.tables)
    if len(col.entries) > MAX_LOG or col.row_count > MAX_ROWS or len(changes) > MAX_RAW:
        raise SyncRefused(f"要发给“{tree.label(recipient)}”的内容太多（{col.row_count} 条记录、{len(col.entries)} 条修改），"
                          f"超出一个同步包的上限，对方将无法导入；请联系技术支持",
                          f"too much for one package ({col.row_count} rows, {len(col.entries)} changes): the "
                          f"recipient could not import it", code="too_large")
    write_package(path, manifest, changes, blobs, keys, [k[1] for k in rkeys])
    with contextlib.suppress(OSError):      # this office's packages whose writing was killed (a power cut)
        mine = name.split("_至_")[0] + "_至_"
        for stale in stale_package_parts(out_dir, mine, SUFFIX, now=path.stat().st_mtime):
            stale.unlink()
    summary = {"log": len(col.entries), "rows": col.row_count, "blobs": len(col.blobs),
               "missing_blobs": col.missing_blobs, "full": not base, "bytes": path.stat().st_size,
               # this computer's own changes made so far (at most what went): db.offices.remove_office asks
               # whether an office registered here may be known elsewhere
               "own_seq": db.execute("SELECT seq FROM node_state WHERE id = 1").fetchone()[0]}
    with db.atomic():
        peer.last_export_at = now_text()
        if not base and peer.full_resend == 1:
            # a re-send asked for (the peer restored, or a new computer) has now been written: the next package
            # from the peer may end it (db.sync.apply._update_peer), not one it sent before receiving this one
            peer.full_resend = 2
        save_peer(db, peer)
        db.execute("INSERT INTO sync_history (at, direction, package_id, peer_office_id, file_name, result, summary) "
                   "VALUES (?, 'out', ?, ?, ?, 'written', ?)",
                   [now_text(), manifest["package_id"], recipient, path.name, json.dumps(summary)])
    return ExportResult(path, recipient, tree.label(recipient), len(col.entries), col.row_count, len(col.blobs),
                        col.missing_blobs, not base, manifest["package_id"])
