"""The package file (`*.ldsync`, SYNC.md "Package file"): a zip of

    manifest.json   format and schema versions, package id, sender node/office/epoch and public keys,
                    recipient office, created HLC, the sender's have vector, covered ranges, the office
                    of every node named, and size + sha256 + nonce of every other member
    manifest.sig    Ed25519 signature over the exact bytes of manifest.json
    changes.jsonl   zlib-compressed JSON lines (log entries; row states by table), encrypted
    blobs/<sha256>  attachment files, encrypted (stored: photos and scans do not compress)

Members other than the manifest are encrypted with AES-256-GCM under a random content key, wrapped
for each trusted key of the recipient office (keys.wrap_key). Reading verifies everything before a
caller may touch the database: zip structure, manifest, signature, member list, sizes, hashes, AEAD
tags, and the structure and types of every change.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .. import model, schema
from .errors import SyncRefused, corrupt
from .fsutil import write_atomic
from .keys import NodeKeys, b64, open_sealed, seal, unb64, unwrap_key, verify_signature, wrap_key

KIND = "liaison-desk-sync"
FORMAT = 1                  # this reader's package format
MIN_READER = 1              # the oldest reader that can read what this version writes
SUFFIX = ".ldsync"
MAX_MANIFEST = 16 * 1024 * 1024
MAX_CHANGES = 2 * 1024 * 1024 * 1024
MAX_TEXT = 100_000
ENC_ALG = "X25519-HKDF-SHA256/AES-256-GCM"

_CLOCK = re.compile(r"^[0-9a-f]{16}@[0-9A-Za-z_-]{1,64}$")
_NODE = re.compile(r"^[0-9A-Za-z_-]{1,64}$")
_SHA = re.compile(r"^[0-9a-f]{64}$")
_ROW_ID = re.compile(r"^[0-9A-Za-z_-]{1,64}$")


def app_version() -> str:
    try:
        from importlib.metadata import version
        return version("liaison-desk")
    except Exception:  # noqa: BLE001 - a source tree without metadata
        return "0"


def _aad(package_id: str, member: str) -> bytes:
    return f"{KIND}\x00{package_id}\x00{member}".encode()


# -- the changes member ---------------------------------------------------------------
def encode_changes(entries: list[tuple], tables: dict[str, tuple[list[str], list[tuple]]]) -> bytes:
    out = []
    for i in range(0, len(entries), 5000):
        out.append(json.dumps({"k": "log", "e": entries[i:i + 5000]}, ensure_ascii=False, separators=(",", ":")))
    for tbl, (cols, rows) in tables.items():
        for i in range(0, len(rows), 2000):
            out.append(json.dumps({"k": "rows", "tb": tbl, "c": cols, "r": rows[i:i + 2000]},
                                  ensure_ascii=False, separators=(",", ":")))
    return ("\n".join(out) + "\n").encode("utf-8") if out else b""


_DELETED = model.Field("deleted", model.BOOL)
_INT_TYPES = frozenset({int, type(None)})
_STR_TYPES = frozenset({str, type(None)})


def _allowed_columns(table: str) -> dict[str, model.Field | None]:
    cols: dict[str, model.Field | None] = {c: None for c in model.SYSTEM_COLUMNS}
    cols["deleted"] = _DELETED
    cols.update(model.TABLES[table].by_name)
    return cols


def _check_clock(c) -> None:
    if not isinstance(c, str) or not _CLOCK.match(c):
        raise ValueError("bad clock")


def decode_changes(data: bytes) -> tuple[list[tuple], dict[str, list[dict]]]:
    """Parse and check the structure of every change; raises ValueError on anything unexpected."""
    entries: list[tuple] = []
    rows: dict[str, dict[str, dict]] = {}
    text = data.decode("utf-8")
    for line in text.split("\n"):
        if not line:
            continue
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError("line is not an object")
        kind = obj.get("k")
        if kind == "log":
            for e in obj["e"]:
                if not (isinstance(e, list) and len(e) == 6):
                    raise ValueError("bad log entry")
                origin, seq, tbl, row_id, fields, hlc = e
                if not (isinstance(origin, str) and _NODE.match(origin) and type(seq) is int and seq > 0
                        and tbl in model.TABLES and isinstance(row_id, str) and _ROW_ID.match(row_id)
                        and isinstance(fields, str) and type(hlc) is int and 0 <= hlc < 1 << 64):
                    raise ValueError("bad log entry")
                if fields != "*":
                    allowed = _allowed_columns(tbl)
                    if not fields or any(n not in allowed or n in ("id", "office_id", "_rc", "_fc")
                                         for n in fields.split(",")):
                        raise ValueError("bad field list")
                entries.append((origin, seq, tbl, row_id, fields, hlc))
        elif kind == "rows":
            tbl, cols, vals = obj["tb"], obj["c"], obj["r"]
            if tbl not in model.TABLES or not isinstance(cols, list) or not isinstance(vals, list):
                raise ValueError("bad rows")
            allowed = _allowed_columns(tbl)
            if len(set(cols)) != len(cols) or any(not isinstance(c, str) or c not in allowed for c in cols) \
                    or not set(model.SYSTEM_COLUMNS) <= set(cols):
                raise ValueError("bad columns")
            specs = [allowed[c] for c in cols]
            n = len(cols)
            if not all(type(r) is list and len(r) == n for r in vals):
                raise ValueError("bad row")
            for ci, f in enumerate(specs):          # column by column: one pass per type rule
                col = [r[ci] for r in vals]
                types = set(map(type, col))
                if f is not None and f.kind in (model.INT, model.BOOL):
                    ok = types <= _INT_TYPES
                else:
                    ok = types <= _STR_TYPES and max(map(len, filter(None, col)), default=0) <= MAX_TEXT
                if not ok:
                    raise ValueError(f"bad value in {cols[ci]}")
            bucket = rows.setdefault(tbl, {})
            for r in vals:
                row = dict(zip(cols, r))  # noqa: B905 - lengths checked above
                if row["id"] is None or not _ROW_ID.match(row["id"]):
                    raise ValueError("bad id")
                if row["deleted"] not in (0, 1):
                    raise ValueError("bad deleted flag")
                _check_clock(row["_rc"])
                if row["_fc"] is not None:
                    fc = json.loads(row["_fc"])
                    if not isinstance(fc, dict):
                        raise ValueError("bad field clocks")
                    for name, pair in fc.items():
                        if name not in allowed or name in ("id", "office_id", "_rc", "_fc") \
                                or not isinstance(pair, list) or len(pair) != 2:
                            raise ValueError("bad field clocks")
                        _check_clock(pair[0])
                        if pair[1] is not None:
                            _check_clock(pair[1])
                if row["id"] in bucket:
                    raise ValueError("row twice")
                bucket[row["id"]] = row
        else:
            raise ValueError("unknown line")
    return entries, {t: list(b.values()) for t, b in rows.items()}


# -- writing --------------------------------------------------------------------------
def write_package(path: Path, manifest: dict, changes: bytes, blobs: dict[str, Path], keys: NodeKeys,
                  recipient_box_keys: list[bytes]) -> Path:
    package_id = manifest["package_id"]
    content_key = os.urandom(32)
    manifest = dict(manifest)
    manifest["encryption"] = {"alg": ENC_ALG, "compression": "zlib",
                              "recipients": [wrap_key(content_key, k, _aad(package_id, "key"))
                                             for k in recipient_box_keys]}

    def member(z: zipfile.ZipFile, name: str, data: bytes, members: dict) -> None:
        nonce, ct = seal(content_key, data, _aad(package_id, name))
        z.writestr(zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0)), ct)
        members[name] = {"size": len(ct), "sha256": hashlib.sha256(ct).hexdigest(), "nonce": b64(nonce)}

    def write(fh) -> None:
        members: dict = {}
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as z:
            member(z, "changes.jsonl", zlib.compress(changes, 6), members)
            for sha, src in sorted(blobs.items()):
                member(z, f"blobs/{sha}", Path(src).read_bytes(), members)
            manifest["members"] = members
            mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
            z.writestr("manifest.json", mbytes)
            z.writestr("manifest.sig", keys.sign(mbytes))
    return write_atomic(path, write)


# -- reading --------------------------------------------------------------------------
@dataclass
class OpenedPackage:
    path: Path
    manifest: dict
    members: dict[str, bytes] = field(repr=False)

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def sender(self) -> dict:
        return self.manifest["sender"]


@dataclass
class Payload:
    entries: list[tuple]
    rows: dict[str, list[dict]]
    blobs: dict[str, bytes] = field(repr=False)


def newer_refusal(path: Path) -> SyncRefused:
    return SyncRefused("此同步包由更新版本的软件制作，请先升级本软件（文件已保留，升级后可再导入）",
                       "this package was made by a newer version: update the application (the file is kept "
                       "so it can be imported after the update)", code="newer_version", kept=str(path))


def _check_manifest(m: dict) -> None:
    s, r = m["sender"], m["recipient"]
    ok = (isinstance(m["package_id"], str) and _ROW_ID.match(m["package_id"])
          and type(m["created_hlc"]) is int and isinstance(s, dict) and isinstance(r, dict)
          and isinstance(s["node"], str) and _NODE.match(s["node"]) and isinstance(s["office"], str)
          and isinstance(s["epoch"], str) and isinstance(r["office"], str)
          and isinstance(m["have"], dict) and isinstance(m["ranges"], dict) and isinstance(m["nodes"], dict)
          and isinstance(m["members"], dict) and isinstance(m["encryption"]["recipients"], list))
    if not ok:
        raise ValueError("manifest fields")
    unb64(s["sign_key"], 32)
    unb64(s["box_key"], 32)
    for origin, v in m["have"].items():
        if not (_NODE.match(origin) and isinstance(v, list) and len(v) == 2 and all(type(x) is int for x in v)):
            raise ValueError("have vector")
    for origin, v in m["ranges"].items():
        if not (_NODE.match(origin) and isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v)
                and 1 <= v[0] <= v[1] + 1):
            raise ValueError("ranges")
    for node, office in m["nodes"].items():
        if not (_NODE.match(node) and isinstance(office, str)):
            raise ValueError("nodes")
    for name, info in m["members"].items():
        if not (name == "changes.jsonl" or (name.startswith("blobs/") and _SHA.match(name[6:]))):
            raise ValueError("member name")
        if not (isinstance(info, dict) and type(info["size"]) is int and isinstance(info["sha256"], str)):
            raise ValueError("member info")
        unb64(info["nonce"], 12)
    if "changes.jsonl" not in m["members"]:
        raise ValueError("no changes member")


def open_package(path: Path) -> OpenedPackage:
    """Read and check a package file up to (not including) decryption. Raises SyncRefused."""
    path = Path(path)
    if path.name.endswith(".part"):
        raise SyncRefused("这是一个未写完的文件（.part），已忽略", "this is an unfinished file (.part); ignored",
                          code="partial_file")
    if not path.is_file():
        raise SyncRefused(f"找不到文件：{path}", f"file not found: {path}", code="not_found")
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
            names = [i.filename for i in infos]
            if len(set(names)) != len(names) or "manifest.json" not in names or "manifest.sig" not in names:
                raise corrupt("members")
            by_name = {i.filename: i for i in infos}
            if by_name["manifest.json"].file_size > MAX_MANIFEST or by_name["manifest.sig"].file_size != 64:
                raise corrupt("manifest size")
            mbytes = z.read("manifest.json")
            sig = z.read("manifest.sig")
            manifest = json.loads(mbytes.decode("utf-8"))
            if not isinstance(manifest, dict) or manifest.get("kind") != KIND:
                raise corrupt("not a package")
            fmt, min_reader, sv = manifest.get("format"), manifest.get("min_reader"), manifest.get("schema_version")
            if not all(type(x) is int for x in (fmt, min_reader, sv)):
                raise corrupt("versions")
            if min_reader > FORMAT or sv > schema.SCHEMA_VERSION:
                raise newer_refusal(path)
            _check_manifest(manifest)
            if not verify_signature(unb64(manifest["sender"]["sign_key"], 32), sig, mbytes):
                raise corrupt("signature")
            expected = set(manifest["members"]) | {"manifest.json", "manifest.sig"}
            if set(names) != expected:
                raise corrupt("member list")
            members = {}
            total = 0
            for name, info in manifest["members"].items():
                zi = by_name[name]
                total += zi.file_size
                if zi.file_size != info["size"] or total > MAX_CHANGES:
                    raise corrupt("member size")
                data = z.read(name)
                if len(data) != info["size"] or hashlib.sha256(data).hexdigest() != info["sha256"]:
                    raise corrupt("member hash")
                members[name] = data
    except SyncRefused:
        raise
    except MemoryError:
        raise corrupt("too large") from None
    except Exception as exc:  # noqa: BLE001 - any parse error of an untrusted file is a damaged file
        raise corrupt(type(exc).__name__) from exc
    return OpenedPackage(path, manifest, members)


def decrypt_payload(pkg: OpenedPackage, keys: NodeKeys) -> Payload:
    m = pkg.manifest
    pid = pkg.package_id
    content_key = unwrap_key(keys, m["encryption"]["recipients"], _aad(pid, "key"))
    if content_key is None:
        raise SyncRefused("无法解密：此同步包不是用本机的密钥加密的（对方可能使用了旧的密钥，请对方重新导出）",
                          "cannot decrypt: the package was not encrypted for this installation's key "
                          "(the sender may hold an old key; ask for a new package)", code="wrong_key")
    try:
        blobs = {}
        for name, info in m["members"].items():
            plain = open_sealed(content_key, unb64(info["nonce"], 12), pkg.members[name], _aad(pid, name))
            if name == "changes.jsonl":
                d = zlib.decompressobj()
                changes = d.decompress(plain, MAX_CHANGES)
                if d.unconsumed_tail or not d.eof:
                    raise ValueError("changes too large or truncated")
            else:
                sha = name[6:]
                if hashlib.sha256(plain).hexdigest() != sha:
                    raise ValueError("blob hash")
                blobs[sha] = plain
        entries, rows = decode_changes(changes)
    except SyncRefused:
        raise
    except Exception as exc:  # noqa: BLE001 - tampered or garbled content
        raise corrupt(f"content: {type(exc).__name__}") from exc
    return Payload(entries, rows, blobs)
