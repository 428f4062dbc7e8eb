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
from functools import partial
from operator import itemgetter
from pathlib import Path

from .. import model, schema
from .errors import SyncRefused, corrupt
from .fsutil import write_atomic
from .keys import NodeKeys, b64, open_sealed, seal, unb64, unwrap_key, verify_signature, wrap_key

KIND = "liaison-desk-sync"
FORMAT = 1                  # this reader's package format
MIN_READER = 1              # the oldest reader that can read what this version writes
SUFFIX = ".ldsync"
# Bounded work before trust (SYNC.md "Trust", SECURITY.md B1–B4): every size and count is checked against
# these before anything is read, inflated or parsed. The sync benchmark (160k changes) packs into 7.4 MB
# and inflates to about 60 MB: the limits leave room for years of a district's records.
MAX_MANIFEST = 16 * 1024 * 1024                 # manifest.json
MAX_CHANGES = 2 * 1024 * 1024 * 1024            # all members together (attachment files included)
MAX_MEMBERS = 20_000                            # zip members (one per attachment file)
MAX_DIRECTORY = 8 * 1024 * 1024                 # the zip's central directory
MAX_PACKED = 96 * 1024 * 1024                   # changes.jsonl as stored (encrypted, compressed)
MAX_RAW = 320 * 1024 * 1024                     # changes.jsonl inflated (streamed, never held whole)
MAX_LINE = 48 * 1024 * 1024                     # one line of changes.jsonl
MAX_ROWS = 400_000                              # row states in one package
MAX_LOG = 800_000                               # log entries in one package
MAX_BLOB = 200 * 1024 * 1024 + 16               # one attachment file (db.attachments.MAX_SIZE) + its tag
MAX_TEXT = 100_000
MAX_INT = (1 << 63) - 1                         # SQLite's integers
_CHUNK = 1024 * 1024
_MAX_NODES = 50_000                             # origins named in a manifest (171 offices, a few PCs each)
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


_DELETED = model.Field("deleted", model.BOOL, label_zh="删除标记")
_INT_TYPES = frozenset({int, type(None)})
_STR_TYPES = frozenset({str, type(None)})
_STR = frozenset({str})
_LIST = frozenset({list})
_LOG_LENGTHS = frozenset({6, 7})


def _allowed_columns(table: str) -> dict[str, model.Field | None]:
    cols: dict[str, model.Field | None] = {c: None for c in model.SYSTEM_COLUMNS}
    cols["deleted"] = _DELETED
    cols.update(model.TABLES[table].by_name)
    return cols


def _check_clock(c) -> None:
    if not isinstance(c, str) or not _CLOCK.match(c):
        raise ValueError("bad clock")


class TooLarge(ValueError):
    """More than this reader's fixed limits (rows, log entries, inflated size, one line)."""


class BadValue(ValueError):
    """A value that does not fit its column: refused by name (table, field, row)."""

    def __init__(self, table: str, column: str, row_id, zh: str, en: str):
        super().__init__(en)
        spec = model.TABLES.get(table)
        f = spec.by_name.get(column) if spec else None
        label = f.label_zh if f and f.label_zh else column
        self.zh = f"{spec.label_zh if spec else table}的“{label}”{zh}（记录 {row_id}）"
        self.en = f"{table}.{column} {en} (row {row_id})"


def _bad_text(v) -> bool:
    """Not text that SQLite can store as UTF-8 (JSON's \\ud800 escapes make lone surrogates)."""
    if v.isascii():
        return False
    try:
        v.encode("utf-8")
        return False
    except UnicodeEncodeError:
        return True


def _bad_date(kind: str, v: str) -> bool:
    import datetime as dt
    try:
        if kind == model.DATE:
            return not (len(v) == 10 and dt.date.fromisoformat(v))
        return not (16 <= len(v) <= 19 and v[10] in "T " and dt.datetime.fromisoformat(v.replace(" ", "T")))
    except ValueError:
        return True


def _check_column(tbl: str, name: str, f: model.Field | None, col: list, ids: list) -> None:
    """Type, range, encoding and date of one column of a batch of rows, at C speed where it can be:
    the per-value loops below only run to name the row of a value already known to be bad."""
    types = set(map(type, col))
    if f is not None and f.kind in (model.INT, model.BOOL):
        if not types <= _INT_TYPES:
            raise ValueError(f"bad value in {name}")
        lo = 0 if f.kind == model.BOOL else max(-MAX_INT - 1, f.min_value if f.min_value is not None else -MAX_INT - 1)
        hi = 1 if f.kind == model.BOOL else min(MAX_INT, f.max_value if f.max_value is not None else MAX_INT)
        vals = [v for v in col if v is not None] if type(None) in types else col
        if vals and (min(vals) < lo or max(vals) > hi):
            v, i = next((v, i) for v, i in zip(col, ids) if v is not None and not lo <= v <= hi)  # noqa: B905
            raise BadValue(tbl, name, i, f"超出允许范围：{str(v)[:30]}（应在 {lo} 到 {hi} 之间）",
                           f"is out of range: {str(v)[:30]} (allowed {lo}..{hi})")
        return
    if not types <= _STR_TYPES:
        raise ValueError(f"bad value in {name}")
    vals = [v for v in col if v is not None] if type(None) in types else col
    if not vals:
        return
    # the field's own bound (as typed input: db.validate), within the fixed cap for every text
    limit = MAX_TEXT if f is None or f.limit is None else min(MAX_TEXT, f.limit)
    if max(map(len, vals)) > limit:
        v, i = next((v, i) for v, i in zip(col, ids) if v is not None and len(v) > limit)  # noqa: B905
        raise BadValue(tbl, name, i, f"太长（{len(v)} 字，最多 {limit} 字）",
                       f"is too long ({len(v)} characters, at most {limit})")
    if not all(map(str.isascii, vals)):
        try:
            "".join(vals).encode("utf-8")
        except UnicodeEncodeError:
            i = next(i for v, i in zip(col, ids) if v is not None and _bad_text(v))  # noqa: B905
            raise BadValue(tbl, name, i, "含有无法保存的字符（不是有效的 UTF-8 文本）", "is not valid UTF-8 text") from None
    if f is not None and f.kind in (model.DATE, model.DATETIME):
        bad = {v for v in set(vals) if _bad_date(f.kind, v)}
        if bad:
            v, i = next((v, i) for v, i in zip(col, ids) if v in bad)  # noqa: B905
            raise BadValue(tbl, name, i, f"不是有效日期：“{v[:20]}”", f"is not a valid date: '{v[:20]}'")


class ChangesDecoder:
    """Parse and check changes.jsonl line by line (so the inflated text is never held whole); raises
    ValueError (BadValue for a value that does not fit its column) on anything unexpected."""

    def __init__(self, max_rows: int = MAX_ROWS, max_log: int = MAX_LOG):
        self.entries: list[tuple] = []
        self.rows: dict[str, dict[str, dict]] = {}
        self.n_rows = 0
        self.max_rows, self.max_log = max_rows, max_log

    def line(self, line: bytes | str) -> None:
        if not line:
            return
        obj = json.loads(line)
        if not isinstance(obj, dict):
            raise ValueError("line is not an object")
        kind = obj.get("k")
        if kind == "log":
            self._log(obj["e"])
        elif kind == "rows":
            self._rows(obj["tb"], obj["c"], obj["r"])
        else:
            raise ValueError("unknown line")

    def _log(self, es) -> None:
        if not isinstance(es, list):
            raise ValueError("bad log entries")
        if len(self.entries) + len(es) > self.max_log:
            raise TooLarge(f"more than {self.max_log} log entries")
        # column by column (a package carries up to 800,000): each rule once per distinct value or at C speed
        if not set(map(type, es)) <= _LIST or not set(map(len, es)) <= _LOG_LENGTHS:
            raise ValueError("bad log entry")
        for i in (0, 2, 3, 4):                  # origin, table, row id, fields: text (hashable) before any set
            if not all(map(str.__instancecheck__, map(itemgetter(i), es))):
                raise ValueError("bad log entry")
        if not all(map(_NODE.match, set(map(itemgetter(0), es)))):
            raise ValueError("bad log entry")
        for i, lowest in ((1, 1), (5, 0)):          # seq ≥ 1, hlc ≥ 0, both integers within int64
            col = list(map(itemgetter(i), es))
            if es and (not set(map(type, col)) <= {int} or min(col) < lowest or max(col) > MAX_INT):
                raise ValueError("bad log entry")
        if not all(map(_ROW_ID.match, map(itemgetter(3), es))):
            raise ValueError("bad log entry")
        for tbl, fields in set(zip(map(itemgetter(2), es), map(itemgetter(4), es))):  # noqa: B905 - same list
            if tbl not in model.TABLES:
                raise ValueError("bad log entry")
            if fields != "*":
                allowed = _allowed_columns(tbl)
                if not fields or any(n not in allowed or n in ("id", "office_id", "_rc", "_fc")
                                     for n in fields.split(",")):
                    raise ValueError("bad field list")
        actors = [e[6] for e in es if len(e) == 7]          # who made it (db.accounts); older packages: none
        if not set(map(type, actors)) <= _STR_TYPES or not all(0 < len(a) <= 40 and a.isprintable()
                                                               for a in set(actors) - {None}):
            raise ValueError("bad log entry")
        if len(actors) == len(es):
            self.entries.extend(map(tuple, es))
        elif not actors:
            self.entries.extend([(*e, None) for e in es])
        else:
            self.entries.extend((*e, None) if len(e) == 6 else tuple(e) for e in es)

    def _rows(self, tbl, cols, vals) -> None:
        if tbl not in model.TABLES or not isinstance(cols, list) or not isinstance(vals, list):
            raise ValueError("bad rows")
        self.n_rows += len(vals)
        if self.n_rows > self.max_rows:
            raise TooLarge(f"more than {self.max_rows} rows")
        allowed = _allowed_columns(tbl)
        if len(set(cols)) != len(cols) or any(not isinstance(c, str) or c not in allowed for c in cols) \
                or not set(model.SYSTEM_COLUMNS) <= set(cols):
            raise ValueError("bad columns")
        n = len(cols)
        if not set(map(type, vals)) <= _LIST or not set(map(len, vals)) <= {n}:
            raise ValueError("bad row")
        columns = list(zip(*vals, strict=True)) or [()] * n     # column by column: one pass per type rule
        ids = columns[cols.index("id")]
        if not set(map(type, ids)) <= _STR or not all(map(_ROW_ID.match, ids)):
            raise ValueError("bad id")
        for name, col in zip(cols, columns, strict=True):
            _check_column(tbl, name, allowed[name], col, ids)
        if not set(columns[cols.index("deleted")]) <= {0, 1}:
            raise ValueError("bad deleted flag")
        rcs = columns[cols.index("_rc")]
        if not all(map(str.__instancecheck__, rcs)) or not all(map(_CLOCK.match, rcs)):
            raise ValueError("bad clock")
        bucket = self.rows.setdefault(tbl, {})
        if len(set(ids)) != len(ids) or not bucket.keys().isdisjoint(ids):
            raise ValueError("row twice")
        for fc_text in columns[cols.index("_fc")]:
            if fc_text is not None:
                fc = json.loads(fc_text)
                if not isinstance(fc, dict):
                    raise ValueError("bad field clocks")
                for name, pair in fc.items():
                    if name not in allowed or name in ("id", "office_id", "_rc", "_fc") \
                            or not isinstance(pair, list) or len(pair) != 2:
                        raise ValueError("bad field clocks")
                    _check_clock(pair[0])
                    if pair[1] is not None:
                        _check_clock(pair[1])
        bucket.update(zip(ids, map(dict, map(partial(zip, cols), vals))))  # noqa: B905 - lengths checked above

    def result(self) -> tuple[list[tuple], dict[str, list[dict]]]:
        return self.entries, {t: list(b.values()) for t, b in self.rows.items()}


def decode_changes(data: bytes) -> tuple[list[tuple], dict[str, list[dict]]]:
    """Parse and check the structure of every change; raises ValueError on anything unexpected."""
    dec = ChangesDecoder()
    for line in data.split(b"\n"):
        dec.line(line)
    return dec.result()


def inflate_lines(data: bytes, cap: int, max_line: int = MAX_LINE):
    """The lines of zlib-compressed `data`, inflated in 1 MB steps; ValueError past `cap` bytes in all,
    past `max_line` in one line, or on truncated or trailing data."""
    d = zlib.decompressobj()
    view = memoryview(data)
    pos = total = 0
    tail = b""
    buf = bytearray()
    while True:
        if tail:
            out = d.decompress(tail, _CHUNK)
        elif pos < len(view):
            out = d.decompress(view[pos:pos + _CHUNK], _CHUNK)
            pos += _CHUNK
        else:
            break
        tail = d.unconsumed_tail
        total += len(out)
        if total > cap:
            raise TooLarge(f"inflates beyond {cap} bytes")
        buf += out
        start = 0
        while (nl := buf.find(b"\n", start)) >= 0:
            yield bytes(buf[start:nl])
            start = nl + 1
        del buf[:start]
        if len(buf) > max_line:
            raise TooLarge(f"a line longer than {max_line} bytes")
        if d.eof:
            break
    if not d.eof or d.unused_data or pos < len(view) or tail:
        raise ValueError("truncated or trailing data")
    if buf:
        yield bytes(buf)


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
            manifest["changes_size"] = len(changes)      # the cap of streaming inflation on import
            member(z, "changes.jsonl", zlib.compress(changes, 6), members)
            for sha, src in sorted(blobs.items()):
                member(z, f"blobs/{sha}", src if isinstance(src, bytes) else Path(src).read_bytes(), members)
            manifest["members"] = members
            mbytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode("utf-8")
            z.writestr("manifest.json", mbytes)
            z.writestr("manifest.sig", keys.sign(mbytes))
    return write_atomic(path, write)


# -- reading --------------------------------------------------------------------------
@dataclass
class OpenedPackage:
    """A package whose manifest, signature and member sizes were checked; members are read (bounded,
    re-hashed) only when asked for, after the sender's key is known to be trusted."""
    path: Path
    manifest: dict

    @property
    def package_id(self) -> str:
        return self.manifest["package_id"]

    @property
    def sender(self) -> dict:
        return self.manifest["sender"]

    def read(self, name: str) -> bytes:
        """One member, no more than its declared size, checked against its declared hash."""
        info = self.manifest["members"][name]
        with zipfile.ZipFile(self.path) as z:
            zi = z.getinfo(name)
            _check_stored(zi, info["size"])
            with z.open(zi) as f:
                data = f.read(info["size"] + 1)
        if len(data) != info["size"] or hashlib.sha256(data).hexdigest() != info["sha256"]:
            raise corrupt("member hash")
        return data


@dataclass
class Payload:
    entries: list[tuple]
    rows: dict[str, list[dict]]
    blobs: dict[str, bytes] = field(repr=False)
    provenance: bytes | None = field(default=None, repr=False)     # the sealed chain material (provenance.py)


def newer_refusal(path: Path) -> SyncRefused:
    return SyncRefused("此同步包由更新版本的软件制作，请先升级本软件（文件已保留，升级后可再导入）",
                       "this package was made by a newer version: update the application (the file is kept "
                       "so it can be imported after the update)", code="newer_version", kept=str(path))


def _check_manifest(m: dict) -> None:
    s, r = m["sender"], m["recipient"]
    ok = (isinstance(m["package_id"], str) and _ROW_ID.match(m["package_id"])
          and type(m["created_hlc"]) is int and 0 <= m["created_hlc"] <= MAX_INT
          and isinstance(s, dict) and isinstance(r, dict)
          and isinstance(s["node"], str) and _NODE.match(s["node"]) and isinstance(s["office"], str)
          and isinstance(s["epoch"], str) and isinstance(r["office"], str)
          and isinstance(m["have"], dict) and isinstance(m["ranges"], dict) and isinstance(m["nodes"], dict)
          and isinstance(m["members"], dict) and isinstance(m["encryption"]["recipients"], list))
    if not ok:
        raise ValueError("manifest fields")
    if max(len(m["have"]), len(m["ranges"]), len(m["nodes"])) > _MAX_NODES or len(m["members"]) > MAX_MEMBERS:
        raise ValueError("too many nodes or members")
    unb64(s["sign_key"], 32)
    unb64(s["box_key"], 32)
    for origin, v in m["have"].items():
        if not (_NODE.match(origin) and isinstance(v, list) and len(v) == 2
                and all(type(x) is int and 0 <= x <= MAX_INT for x in v)):
            raise ValueError("have vector")
    for origin, v in m["ranges"].items():
        if not (_NODE.match(origin) and isinstance(v, list) and len(v) == 3
                and all(type(x) is int and 0 <= x <= MAX_INT for x in v) and 1 <= v[0] <= v[1] + 1):
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


def _check_stored(zi: zipfile.ZipInfo, size: int) -> None:
    """Members are stored, never compressed by zip (the changes are compressed inside, with a cap):
    so reading a member is reading its bytes, and nothing inflates before the signature is checked."""
    if zi.compress_type != zipfile.ZIP_STORED or zi.compress_size != zi.file_size or zi.file_size != size \
            or zi.flag_bits & 0x1:
        raise corrupt("member size")


def _zip_directory_ok(fh) -> bool:
    """The zip's own count of members and size of its directory, read before zipfile parses it."""
    end = zipfile._EndRecData(fh)        # noqa: SLF001 - the end record, as zipfile itself reads it
    return bool(end) and end[zipfile._ECD_ENTRIES_TOTAL] <= MAX_MEMBERS + 2 \
        and end[zipfile._ECD_SIZE] <= MAX_DIRECTORY      # noqa: SLF001


def open_package(path: Path) -> OpenedPackage:
    """Read and check a package file up to (not including) decryption: zip directory, manifest,
    signature, member list and sizes, every member's hash (streamed: no member is held). Raises
    SyncRefused. Nothing larger than the fixed limits is read."""
    path = Path(path)
    if path.name.endswith(".part"):
        raise SyncRefused("这是一个未写完的文件（.part），已忽略", "this is an unfinished file (.part); ignored",
                          code="partial_file")
    if not path.is_file():
        if path.exists():                  # a folder, a device (/dev/null), a pipe: not a file to read
            raise SyncRefused(f"不是文件（是文件夹或设备）：{path}", f"not a file (a folder or a device): {path}",
                              code="not_found")
        raise SyncRefused(f"找不到文件：{path}", f"file not found: {path}", code="not_found")
    try:
        with open(path, "rb") as fh:
            if not _zip_directory_ok(fh):
                raise corrupt("zip directory")
            with zipfile.ZipFile(fh) as z:
                infos = z.infolist()
                names = [i.filename for i in infos]
                if {"header.json", "payload.enc"} <= set(names) and "manifest.json" not in names:
                    raise SyncRefused(      # a setup file (db.sync.setup) brought to the import: said as such
                        "这是安装文件，不是同步包：安装文件只用于在新电脑上设置本软件（首次启动时选择它，或 init "
                        "--from-setup），未导入任何内容。请导入对方“写入同步包”得到的 .ldsync 文件",
                        "this is a setup file, not a sync package: it sets up a new installation (at the first start, "
                        "or init --from-setup); nothing was imported. Import the .ldsync file the other office wrote",
                        code="setup_file")
                if len(set(names)) != len(names) or "manifest.json" not in names or "manifest.sig" not in names:
                    raise corrupt("members")
                by_name = {i.filename: i for i in infos}
                mi, si = by_name["manifest.json"], by_name["manifest.sig"]
                if mi.file_size > MAX_MANIFEST:
                    raise corrupt("manifest size")
                _check_stored(mi, mi.file_size)
                _check_stored(si, 64)
                with z.open(mi) as f:
                    mbytes = f.read(MAX_MANIFEST + 1)
                with z.open(si) as f:
                    sig = f.read(65)
                if len(mbytes) > MAX_MANIFEST or len(sig) != 64:
                    raise corrupt("manifest size")
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
                total = 0
                for name, info in manifest["members"].items():
                    zi = by_name[name]
                    limit = MAX_PACKED if name == "changes.jsonl" else MAX_BLOB
                    total += info["size"]
                    if not 0 <= info["size"] <= limit or total > MAX_CHANGES:
                        raise corrupt("member size")
                    _check_stored(zi, info["size"])
                    h = hashlib.sha256()
                    with z.open(zi) as f:
                        while chunk := f.read(_CHUNK):
                            h.update(chunk)
                    if h.hexdigest() != info["sha256"]:
                        raise corrupt("member hash")
    except SyncRefused:
        raise
    except MemoryError:
        raise corrupt("too large") from None
    except Exception as exc:  # noqa: BLE001 - any parse error of an untrusted file is a damaged file
        raise corrupt(type(exc).__name__) from exc
    return OpenedPackage(path, manifest)


def bad_value_refusal(exc: BadValue) -> SyncRefused:
    return SyncRefused(f"同步包中有不符合字段要求的值，整个包已拒绝：{exc.zh}",
                       f"the package holds a value that does not fit its field; the whole package was refused: "
                       f"{exc.en}", code="bad_value", details=[f"{exc.zh} / {exc.en}"])


def decrypt_payload(pkg: OpenedPackage, keys: NodeKeys, store_blob=None) -> Payload:
    """Decrypt and check the contents of a trusted sender's package. changes.jsonl is inflated in a
    stream, capped by its declared size; attachment files are decrypted one at a time and handed to
    `store_blob(sha, data)` (when given) instead of being held."""
    m = pkg.manifest
    pid = pkg.package_id
    content_key = unwrap_key(keys, m["encryption"]["recipients"], _aad(pid, "key"))
    if content_key is None:
        raise SyncRefused("无法解密：此同步包可能在复制中损坏，或不是用本机的密钥加密的（对方可能使用了旧的密钥）；"
                          "请对方重新导出一份，未做任何改动",
                          "cannot decrypt: the package was damaged in copying, or not encrypted for this "
                          "installation's key (the sender may hold an old key); ask for a new package. Nothing "
                          "was changed", code="wrong_key")
    declared = m.get("changes_size", MAX_RAW)
    counts = m.get("counts") if isinstance(m.get("counts"), dict) else {}
    try:
        if type(declared) is not int or declared < 0:
            raise ValueError("declared size")
        if declared > MAX_RAW:
            raise TooLarge(f"declares {declared} bytes of changes")
        info = m["members"]["changes.jsonl"]
        plain = open_sealed(content_key, unb64(info["nonce"], 12), pkg.read("changes.jsonl"),
                            _aad(pid, "changes.jsonl"))
        dec = ChangesDecoder(max_rows=min(MAX_ROWS, _count(counts, "rows", MAX_ROWS)),
                             max_log=min(MAX_LOG, _count(counts, "log", MAX_LOG)))
        for line in inflate_lines(plain, declared):
            dec.line(line)
        del plain
        entries, rows = dec.result()
        blobs = {}
        prov = m.get("provenance")
        prov_member = prov.get("member") if isinstance(prov, dict) else None
        prov_data = None
        for name, info in m["members"].items():
            if name == "changes.jsonl":
                continue
            data = open_sealed(content_key, unb64(info["nonce"], 12), pkg.read(name), _aad(pid, name))
            sha = name[6:]
            if hashlib.sha256(data).hexdigest() != sha:
                raise ValueError("blob hash")
            if name == prov_member:
                prov_data = data        # chain material, not an attachment (readers before it keep it as a file)
            elif store_blob is None:
                blobs[sha] = data
            else:
                store_blob(sha, data)
            del data
    except SyncRefused:
        raise
    except BadValue as exc:
        raise bad_value_refusal(exc) from None
    except TooLarge as exc:
        raise too_large_refusal(str(exc)) from None
    except MemoryError:
        raise corrupt("too large") from None
    except Exception as exc:  # noqa: BLE001 - tampered or garbled content
        raise corrupt(f"content: {type(exc).__name__}") from exc
    return Payload(entries, rows, blobs, prov_data)


def too_large_refusal(what: str) -> SyncRefused:
    return SyncRefused(f"同步包超出本软件一次能导入的上限（{MAX_ROWS} 条记录、{MAX_LOG} 条修改、"
                       f"{MAX_RAW // 2 ** 20} MB 内容），未导入任何内容。如对方数据确实很多，请联系技术支持",
                       f"the package is beyond what this application imports at once ({what}); nothing was "
                       f"imported", code="too_large")


def _count(counts: dict, key: str, default: int) -> int:
    v = counts.get(key, default)
    return v if type(v) is int and v >= 0 else default
