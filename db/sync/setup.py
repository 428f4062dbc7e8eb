"""Setup files (SYNC.md "Keys and first contact"): a parent office hands a new office its identity,
the parent's public keys and the data it needs (offices, reference lists, roster, its own rows, and
the attachment files of those rows: a computer replaced after a loss gets its scanned, signed
minutes back too).

The file is signed by the parent (Ed25519) and encrypted (AES-256-GCM) under a key derived with
scrypt from a 20-digit passcode that `make_setup_file` prints: the stick and the passcode travel
separately (read it out over the phone), so a lost stick alone gives nothing away. The passcode is
not one-time: the file and its passcode set up a computer as often as they are used, which is why a
second computer for an office is shown to a person at the parent before anything from it is applied.
The new office confirms the parent's fingerprint on the same call.

Reading is bounded (SECURITY.md B3): members stored as declared, the header at most MAX_HEADER, the
scrypt parameters checked before deriving, the payload inflated with a cap, attachment files decrypted
one at a time."""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from .. import model, schema
from ..attachments import attachments_dir
from ..clock import HybridClock
from ..connection import Database
from ..database import open_database
from .apply import apply_payload
from .computers import ancestor_keys, chained_above, seed_keys
from .errors import SyncRefused
from .export import build_manifest, collect, recipient_office
from .fsutil import safe_name, write_atomic
from .keys import (
    InvalidTagError,
    b64,
    check_kdf,
    fingerprint,
    new_passcode,
    node_keys,
    open_sealed,
    passcode_key,
    remember_key,
    seal,
    unb64,
    verify_signature,
)
from .package import (
    FORMAT,
    MAX_BLOB,
    MAX_CHANGES,
    MAX_MANIFEST,
    MAX_PACKED,
    MAX_RAW,
    BadValue,
    Payload,
    TooLarge,
    _check_stored,
    _zip_directory_ok,
    bad_value_refusal,
    decode_changes,
    too_large_refusal,
)
from .report import ImportReport
from .scope import OfficeTree
from .state import Me, have_vector, me

SETUP_KIND = "liaison-desk-setup"
SETUP_SUFFIX = ".ldsetup"
_AAD = b"liaison-desk setup v1"


@dataclass
class SetupFile:
    path: Path
    passcode: str
    office_name: str
    office_code: str
    parent_fingerprint: str
    rows: int


SETUP_OWN_SEQ = "setup_file_own_seq"      # this computer's own changes made when its last setup file was written


def make_setup_file(db: Database, office_code: str, out: str | Path) -> SetupFile:
    keys = node_keys(db)            # first: a database copied from another PC becomes a new node here
    node = me(db)
    tree = OfficeTree.load(db)
    target = recipient_office(db, tree, office_code)
    if tree.parent.get(target) != node.office_id:
        raise SyncRefused(f"只能为本机构的直接下级制作安装文件（“{tree.label(target)}”不是）",
                          "a setup file can only be made for an office directly below this one", code="not_child")
    col = collect(db, node, tree, target, {}, upward=False)
    manifest = build_manifest(node, keys, tree, target, col, full=True,
                              created_hlc=HybridClock(node.node_id, node.hlc).now(), have=have_vector(db, node),
                              kind=SETUP_KIND)
    manifest["setup_office"] = {"id": target, "code": tree.code[target], "name": tree.name[target],
                                "level": tree.level[target], "parent_id": tree.parent[target]}
    manifest["setup_blobs"] = sorted(col.blobs)       # signed: which attachment files travel with it
    manifest["setup_keys"] = ancestor_keys(db, tree, target)    # signed: the keys of the computers above
    # ... and those of them whose later changes this office relays with their signed chain: its own, those it
    # holds a signed head of, and those its own setup file named so (SECURITY.md P6)
    manifest["setup_chained"] = sorted(n for n in chained_above(db, node.node_id) if n in manifest["setup_keys"])
    manifest["members"] = {}
    manifest["encryption"] = {"recipients": []}
    from .package import encode_changes
    body = json.dumps(manifest, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n" + \
        encode_changes(col.entries, col.tables)
    plaintext = keys.sign(body) + zlib.compress(body, 6)
    passcode = new_passcode()
    salt = os.urandom(16)
    key = passcode_key(passcode, salt)
    nonce, ct = seal(key, plaintext, _AAD)
    header = {"kind": SETUP_KIND, "format": FORMAT, "office_code": tree.code[target],
              "kdf": {"name": "scrypt", "n": 2 ** 15, "r": 8, "p": 1, "salt": b64(salt)}, "nonce": b64(nonce),
              "blob_nonces": {}}
    total = len(ct) + sum(Path(p).stat().st_size + 16 for p in col.blobs.values()) + 1024 * 1024   # + header, zip
    if total > MAX_CHANGES:
        raise _too_large(total)
    out = Path(out)
    if out.is_dir():
        out = out / f"安装文件_{safe_name(tree.name[target])}-{safe_name(tree.code[target])}{SETUP_SUFFIX}"

    def write(fh):
        with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_STORED) as z:
            z.writestr("payload.enc", ct)
            for sha, src in sorted(col.blobs.items()):        # each file sealed on its own, bound to its hash
                blob_nonce, blob_ct = seal(key, Path(src).read_bytes(), _blob_aad(sha))
                z.writestr(f"blobs/{sha}", blob_ct)
                header["blob_nonces"][sha] = b64(blob_nonce)
            z.writestr("header.json", json.dumps(header, ensure_ascii=False, indent=1))
    write_atomic(out, write)
    with db.atomic():       # the offices it carried are known below now (db.offices.known_elsewhere)
        db.execute("INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = "
                   "max(CAST(value AS INTEGER), excluded.value)", [SETUP_OWN_SEQ, node.seq])
    return SetupFile(out, passcode, tree.name[target], tree.code[target], keys.fingerprint, col.row_count)


def _too_large(size: int) -> SyncRefused:
    return SyncRefused(f"安装文件太大（{size / 2 ** 30:.1f} GB，最多 {MAX_CHANGES / 2 ** 30:.0f} GB）：附件过多。"
                       f"请先在本机把不再需要的附件另存后删除，或分批传递附件",
                       f"the setup file would be too large ({size / 2 ** 30:.1f} GB, at most "
                       f"{MAX_CHANGES / 2 ** 30:.0f} GB): too many attachment files", code="too_large")


def _blob_aad(sha: str) -> bytes:
    return _AAD + b" blob " + sha.encode("ascii")


MAX_HEADER = 4 * 1024 * 1024


def read_setup_file(path: str | Path, passcode: str, store_blob=None) -> tuple[dict, Payload]:
    """Decrypt, verify and decode a setup file. Attachment files go to `store_blob(sha, data)` one at a
    time when given (else into the payload)."""
    path = Path(path)
    bad = SyncRefused("安装文件已损坏或不是安装文件", "the setup file is damaged or not a setup file", code="corrupt")
    if not path.is_file():
        if path.exists():                  # a folder, a device (/dev/null), a pipe: not a file to read
            raise SyncRefused(f"不是文件（是文件夹或设备）：{path}", f"not a file (a folder or a device): {path}",
                              code="not_found")
        raise SyncRefused(f"找不到文件：{path}", f"file not found: {path}", code="not_found")
    try:
        with open(path, "rb") as fh:
            if not _zip_directory_ok(fh):
                raise bad
            with zipfile.ZipFile(fh) as z:
                infos = {i.filename: i for i in z.infolist()}
                names = list(infos)
                blob_names = sorted(n for n in names if n.startswith("blobs/"))
                if sorted(set(names) - set(blob_names)) != ["header.json", "payload.enc"] \
                        or len(z.infolist()) != len(names):
                    raise bad
                if (size := sum(i.file_size for i in z.infolist())) > MAX_CHANGES:
                    raise _too_large(size)
                for zi in infos.values():
                    limit = {"header.json": MAX_HEADER, "payload.enc": MAX_PACKED}.get(zi.filename, MAX_BLOB)
                    if zi.file_size > limit:
                        raise bad
                    _check_stored(zi, zi.file_size)
                with z.open(infos["header.json"]) as f:
                    header = json.loads(f.read(MAX_HEADER + 1))
                if not isinstance(header, dict) or header.get("kind") != SETUP_KIND:
                    raise bad
                if header.get("format") != FORMAT:
                    raise SyncRefused("安装文件由更新版本的软件制作，请先升级本软件", "the setup file was made by a newer "
                                      "version: update the application", code="newer_version")
                kdf = header["kdf"]
                salt = unb64(kdf["salt"])
                check_kdf(kdf["n"], kdf["r"], kdf["p"], salt)       # before deriving anything
                key = passcode_key(passcode, salt, kdf["n"], kdf["r"], kdf["p"])
                with z.open(infos["payload.enc"]) as f:
                    ct = f.read(MAX_PACKED + 1)
    except SyncRefused:
        raise
    except Exception as exc:  # noqa: BLE001
        raise bad from exc
    try:
        plaintext = open_sealed(key, unb64(header["nonce"], 12), ct, _AAD)
    except (InvalidTagError, ValueError, KeyError):
        raise SyncRefused("口令不正确，或安装文件已损坏", "wrong passcode, or the setup file is damaged",
                          code="wrong_passcode") from None
    del ct
    try:
        sig, d = plaintext[:64], zlib.decompressobj()
        body = d.decompress(plaintext[64:], MAX_RAW + MAX_MANIFEST + 1)
        if len(body) > MAX_RAW + MAX_MANIFEST or not d.eof or d.unconsumed_tail:
            raise bad
        del plaintext
        head, _, changes = body.partition(b"\n")
        manifest = json.loads(head)
        if manifest.get("kind") != SETUP_KIND or not verify_signature(
                unb64(manifest["sender"]["sign_key"], 32), sig, body):
            raise bad
        if manifest["min_reader"] > FORMAT or manifest["schema_version"] > schema.SCHEMA_VERSION:
            raise SyncRefused("安装文件由更新版本的软件制作，请先升级本软件", "the setup file was made by a newer "
                              "version: update the application", code="newer_version")
        del body, head
        entries, rows = decode_changes(changes)
        del changes
        blobs = {}
        if blob_names != sorted("blobs/" + b for b in manifest.get("setup_blobs", [])):
            raise bad
        with zipfile.ZipFile(path) as z:
            for name in blob_names:
                sha = name[6:]
                zi = z.getinfo(name)
                _check_stored(zi, infos[name].file_size)
                with z.open(zi) as f:
                    data = f.read(MAX_BLOB + 1)
                plain = open_sealed(key, unb64(header["blob_nonces"][sha], 12), data, _blob_aad(sha))
                del data
                if hashlib.sha256(plain).hexdigest() != sha:
                    raise bad
                if store_blob is None:
                    blobs[sha] = plain
                else:
                    store_blob(sha, plain)
                del plain
    except SyncRefused:
        raise
    except BadValue as exc:
        raise bad_value_refusal(exc) from None
    except TooLarge as exc:
        raise too_large_refusal(str(exc)) from None
    except Exception as exc:  # noqa: BLE001
        raise bad from exc
    return manifest, Payload(entries, rows, blobs)


def init_from_setup(db_path: str | Path, setup_path: str | Path, passcode: str) -> dict:
    """Set up a new installation from its parent's setup file. The database must be new (no office,
    no replicated rows). Returns what to tell the person (office, parent, both fingerprints).

    A set-up that fails part-way (a full disk, a damaged file, a refusal) leaves nothing it made behind: the
    database file made here, its key file, the attachment files written and the folders made for them are
    removed again, so the data folder is as it was and a retry starts clean."""
    import contextlib
    import shutil

    from ..files import NewFiles
    from .keystore import SUFFIX
    db_path = Path(db_path)
    made = NewFiles(db_path, ("-wal", "-shm", "-journal", SUFFIX))
    root = attachments_dir(db_path)
    root_made = not root.exists()
    written: list[Path] = []
    try:
        return _init_from_setup(db_path, setup_path, passcode, root, written)
    except BaseException:
        if root_made:
            shutil.rmtree(root, ignore_errors=True)
        else:
            for p in written:
                with contextlib.suppress(OSError):
                    p.unlink(missing_ok=True)
                with contextlib.suppress(OSError):
                    p.parent.rmdir()            # only when empty: made for this file
        made.remove()
        raise


def _init_from_setup(db_path: Path, setup_path: str | Path, passcode: str, root: Path, written: list[Path]) -> dict:
    rep = ImportReport(Path(setup_path).name)

    def store_blob(sha: str, data: bytes) -> None:     # files first: rows never name a missing file
        target = root / sha[:2] / sha
        if not target.exists():     # a folder that cannot be made: said as such, not as a damaged file
            written.append(target)
            write_atomic(target, lambda fh: fh.write(data), data_folder=True, make_folder=True)
            rep.blobs_written += 1
    manifest, payload = read_setup_file(setup_path, passcode, store_blob)
    db = open_database(db_path)
    try:
        state = db.execute("SELECT node_id, office_id, hlc, seq, db_epoch FROM node_state WHERE id = 1").fetchone()
        if state[1]:
            raise SyncRefused("此数据库已经设置过所属机构，不能再用安装文件设置",
                              "this database is already set up for an office", code="already_set_up")
        for t in model.TABLES:
            if db.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone():
                raise SyncRefused("此数据库中已有数据：请在新的空数据库上使用安装文件",
                                  "this database already holds data: use the setup file on a new, empty database",
                                  code="not_empty")
        keys = node_keys(db)
        office = manifest["setup_office"]
        if manifest["recipient"]["office"] != office["id"]:
            raise SyncRefused("安装文件已损坏或不是安装文件", "inconsistent setup file", code="corrupt")
        node = Me(state[0], office["id"], state[2], state[3], state[4])
        apply_payload(db, node, manifest, payload, file_name=Path(setup_path).name, relation="down-from-parent",
                      report=rep, setup_office=office["id"])
        sender = manifest["sender"]
        sign_pub, box_pub = unb64(sender["sign_key"], 32), unb64(sender["box_key"], 32)
        seed_keys(db, manifest.get("setup_keys"), office["id"], manifest["created_hlc"], manifest.get("setup_chained"))
        remember_key(db, sender["office"], sign_pub, box_pub, node_id=sender["node"], status="trusted",
                     source="setup file")
        return {"office_id": office["id"], "office_name": office["name"], "office_code": office["code"],
                "parent_name": sender.get("office_name", ""), "parent_code": sender.get("office_code", ""),
                "parent_fingerprint": fingerprint(sign_pub, box_pub), "fingerprint": keys.fingerprint,
                "rows": rep.new, "files": rep.blobs_written}
    finally:
        db.conn.close()
