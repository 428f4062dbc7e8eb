"""Hand-made packages: an installed office signs and encrypts whatever it likes with its own real
keys (valid signature, valid encryption), as a hostile or broken program on that PC could."""

from __future__ import annotations

import hashlib
import json
import zlib
from pathlib import Path

from syncnet import CODES

from db.clock import HybridClock, clock_text, uuid7
from db.sync import provenance
from db.sync.export import Collected, build_manifest
from db.sync.keys import b64, node_keys, trusted_keys, unb64
from db.sync.package import decrypt_payload, encode_changes, open_package, write_package
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


def rewrite(row: dict, field: str, value, clock: str) -> int:
    """Give `row` a new value of `field` under `clock`, as a writer with that clock would (its field clock:
    [clock, the clock it replaces]); returns the clock's hlc."""
    fc = json.loads(row["_fc"] or "{}")
    fc[field] = [clock, fc.get(field, [row["_rc"]])[0]]
    row["_fc"] = json.dumps(fc)
    row[field] = value
    return int(clock[:16], 16)


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


def forge_stream(net, frm: str, to: str, chunks, *, declared: int | None, keys=None, counts=None,
                 extra_members=None, packed: bytes | None = None) -> Path:
    """A package whose changes.jsonl is made of `chunks` (bytes, compressed as they come, never held
    whole), declaring `declared` as its inflated size (None: no declaration, as an older writer).
    `keys`: sign with these instead of the sender's own (an unknown computer). `extra_members`:
    (name, manifest size, write(zipfile)) for hand-made zip members."""
    import hashlib
    import os
    import zipfile
    import zlib

    from db.sync.keys import b64, seal, wrap_key
    from db.sync.package import ENC_ALG, _aad

    db = net.db(frm)
    node = me(db)
    keys = keys or node_keys(db)
    tree = OfficeTree.load(db)
    recipient = net.office(to)
    manifest = build_manifest(node, keys, tree, recipient, Collected(), full=False,
                              created_hlc=HybridClock(node.node_id, node.hlc).now(), have=have_vector(db, node))
    manifest["sender"]["sign_key"] = b64(keys.sign_public)
    manifest["sender"]["box_key"] = b64(keys.box_public)
    if counts is not None:
        manifest["counts"] = counts
    if declared is not None:
        manifest["changes_size"] = declared
    pid = manifest["package_id"]
    content_key = os.urandom(32)
    manifest["encryption"] = {"alg": ENC_ALG, "compression": "zlib", "recipients": [
        wrap_key(content_key, k[1], _aad(pid, "key")) for k in trusted_keys(db, recipient)]}
    if packed is None:
        comp = zlib.compressobj(1)
        packed = b"".join([comp.compress(c) for c in chunks] + [comp.flush()])
    nonce, ct = seal(content_key, packed, _aad(pid, "changes.jsonl"))
    members = {"changes.jsonl": {"size": len(ct), "sha256": hashlib.sha256(ct).hexdigest(), "nonce": b64(nonce)}}
    for name, size, _w in extra_members or ():
        members[name] = {"size": size, "sha256": "0" * 64, "nonce": b64(b"\0" * 12)}
    manifest["members"] = members
    mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode()
    net.stick.mkdir(parents=True, exist_ok=True)
    path = net.stick / f"bomb-{pid}.ldsync"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        z.writestr("changes.jsonl", ct)
        for _name, _size, write in extra_members or ():
            write(z)
        z.writestr("manifest.json", mbytes)
        z.writestr("manifest.sig", keys.sign(mbytes))
    return path


def stranger_keys():
    """Keys of a computer nobody confirmed: an untrusted sender."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

    from db.sync.keys import NodeKeys
    raw = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
    return NodeKeys(Ed25519PrivateKey.generate().private_bytes(*raw), X25519PrivateKey.generate().private_bytes(*raw))


IMPORT_IN_CHILD = r"""
import json, resource, sys
# ru_maxrss survives exec on Linux: a child of a large test process starts with its parent's peak. Reset
# this process's high-water mark (clear_refs 5) and read VmHWM, so the figure is the import's own.
try:
    with open("/proc/self/clear_refs", "w") as fh:
        fh.write("5")
    def peak_mb():
        with open("/proc/self/status") as fh:
            return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:")) / 1024
except OSError:
    def peak_mb():
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
from db.database import open_database
from db.sync.importer import import_path
db = open_database(sys.argv[1])
r = import_path(db, sys.argv[2])[0]
print(json.dumps({"status": r.status, "code": r.code, "reason": r.reason_en, "peak_mb": peak_mb()}))
"""


def import_in_child(net, at: str, path: Path) -> dict:
    """Import in a child process and return its report and peak memory (ru_maxrss, MB): the whole
    process, interpreter and libraries included."""
    import os
    import subprocess
    import sys
    root = Path(__file__).resolve().parents[2]
    net.close()
    env = {**os.environ, "PYTHONPATH": str(root)}
    # first bring the database up to date in a process of its own (an upgrade's own cost is not the import's)
    subprocess.run([sys.executable, "-c", "import sys; from db.database import open_database; "
                    "open_database(sys.argv[1]).conn.close()", str(net.path(at))], cwd=root, check=True,
                   capture_output=True, timeout=300, env=env)
    out = subprocess.run([sys.executable, "-c", IMPORT_IN_CHILD, str(net.path(at)), str(path)], cwd=root,
                         capture_output=True, text=True, timeout=300, env=env)
    assert out.returncode == 0, out.stderr[-3000:]
    return json.loads(out.stdout.strip().splitlines()[-1])


def rechain(opened, origin: str, keys) -> None:
    """Recompute `origin`'s chain over the package's (edited) values and sign its head with `keys`."""
    mat = opened.material[origin]
    by_seq = {e[1]: e for e in opened.entries if e[0] == origin}
    rows = {(t, r["id"]): r for t, rs in opened.rows.items() for r in rs}
    link = unb64(mat["start"])
    for k, item in enumerate(mat["m"]):
        assert not (isinstance(item, list) and len(item) == 3)
        e = by_seq[mat["from"] + k]
        names = mat["fs"][item if isinstance(item, int) else item[0]]
        row = rows[(e[2], e[3])]
        current = provenance.current_test(row, clock_text(e[5], origin))
        claimed = unb64(item[1]) if isinstance(item, list) else b""
        parts, ci = [], 0
        for n in names.split(","):
            if current(n):
                parts.append(provenance.field_digest(n, row[n]))
            else:
                parts.append(claimed[ci:ci + 16])
                ci += 16
        inner = provenance.entry_digest(tuple(e), names, b"".join(parts))
        link = provenance.chain_step(link, provenance.scope_tag(e[2], row["office_id"]), inner)
    head = opened.manifest["provenance"]["heads"][origin]
    head.update(link=b64(link), key=b64(keys.sign_public),
                sig=b64(keys.sign(provenance.head_message(origin, head["seq"], link))))


class Opened:
    """A package as its sender's program holds it before writing (manifest, log entries, rows, chain
    material), to be edited and written again with the sender's real keys: by default the sender's honest
    package to `to`; with `path`, that package (its material dropped unless `keep_material`)."""

    def __init__(self, net, frm: str = "D1", to: str = "C", *, path: Path | None = None,
                 keep_material: bool = True):
        self.net, self.frm, self.to = net, frm, to
        if path is None:
            path = net.export(frm, to, net.root / "honest")
        pkg = open_package(path)
        payload = decrypt_payload(pkg, node_keys(net.db(to)))     # what the sender itself had put in
        path.unlink()
        self.manifest = {k: v for k, v in pkg.manifest.items() if k not in ("encryption", "members", "changes_size")}
        self.entries = [list(e) for e in payload.entries]
        self.rows = payload.rows
        self.material = (provenance.parse_material(payload.provenance)
                         if keep_material and payload.provenance else None)
        self.packed: bytes | None = None        # raw provenance member instead of self.material
        self.last_tweak = None                  # edits the manifest as written, last

    def row(self, table: str, row_id: str) -> dict:
        return next(r for r in self.rows[table] if r["id"] == row_id)

    def write(self) -> Path:
        db = self.net.db(self.frm)
        m = json.loads(json.dumps(self.manifest))
        m["package_id"] = uuid7()
        m["counts"] = {"log": len(self.entries), "rows": sum(map(len, self.rows.values())), "blobs": 0}
        blobs = {}
        if self.material is not None or self.packed is not None:
            packed = self.packed if self.packed is not None else zlib.compress(
                json.dumps({"v": 1, "o": self.material}).encode())
            sha = hashlib.sha256(packed).hexdigest()
            blobs[sha] = packed
            m["provenance"]["member"] = f"blobs/{sha}"
        elif "provenance" in m:
            del m["provenance"]
        if self.last_tweak:
            self.last_tweak(m)
        tables = {}
        for t, rs in self.rows.items():
            if rs:
                cols = list(rs[0])
                tables[t] = (cols, [tuple(r[c] for c in cols) for r in rs])
        self.net.stick.mkdir(parents=True, exist_ok=True)
        path = self.net.stick / f"relayed-{m['package_id']}.ldsync"
        write_package(path, m, encode_changes([tuple(e) for e in self.entries], tables), blobs, node_keys(db),
                      [k[1] for k in trusted_keys(db, self.net.office(self.to))])
        return path
