"""Where this node's private keys live (SECURITY.md K1): a key file beside the database, readable by
this user only, never in the database file, so no backup of the database holds a private key.

    <data folder>/<database file name>.keys     {"sign_private", "box_private", "sign_public", "box_public"}

The database keeps the public halves and the fingerprint (`sync_local_key`, private columns empty).
- Restoring a backup on the same PC: the key file is still there and matches the restored public
  keys: the same key, no new phone call.
- The database (or a backup of it) on another PC: no matching key file, so a new key pair is made;
  its parent sees "a second computer" for the office and a person confirms it (or revokes the old
  one), as for a replaced computer (db.sync.importer).
- A database made by an older version holds its private keys in the table: they move to the key file
  on first use and are wiped from the database (secure_delete, so the freed pages hold no copy).
  Backups taken before that still hold them; say so to the person (SECURITY.md).

A database without a file (":memory:") keeps its keys in the table as before.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import sqlite3
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from .. import files
from ..connection import Database
from .errors import SyncRefused

_RAW_PRIV = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
SUFFIX = ".keys"


def key_file(db: Database) -> Path | None:
    row = db.execute("PRAGMA database_list").fetchone()
    path = row[2] if row else ""
    if not path:
        return None
    p = Path(path)
    return p.with_name(p.name + SUFFIX)


def new_private_keys() -> tuple[bytes, bytes]:
    return (Ed25519PrivateKey.generate().private_bytes(*_RAW_PRIV),
            X25519PrivateKey.generate().private_bytes(*_RAW_PRIV))


def _b64(b: bytes) -> str:
    return base64.b64encode(b).decode("ascii")


def read_key_file(path: Path) -> dict[str, bytes] | None:
    """The keys in `path`, or None when it is missing, unreadable or not a key file."""
    try:
        if path.stat().st_size > 4096:
            return None
        data = json.loads(path.read_text("utf-8"))
        out = {k: base64.b64decode(data[k], validate=True) for k in
               ("sign_private", "box_private", "sign_public", "box_public")}
        if not all(len(v) == 32 for v in out.values()):
            return None
        return out
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_key_file(path: Path, sign_private: bytes, box_private: bytes, sign_public: bytes,
                   box_public: bytes) -> None:
    """Written as .part with user-only permissions, fsynced, renamed (db.files.write_atomic)."""
    text = json.dumps({"sign_private": _b64(sign_private), "box_private": _b64(box_private),
                       "sign_public": _b64(sign_public), "box_public": _b64(box_public)}, indent=1)

    def write(fh) -> None:
        with contextlib.suppress(OSError, AttributeError, TypeError):
            os.chmod(fh.name, 0o600)    # Windows: the data folder under the user's profile protects it
        fh.write(text.encode("utf-8"))
    files.write_atomic(path, write, refuse=_refusal, private=True, data_folder=True)      # 0600 before a byte is written
    with contextlib.suppress(OSError):
        os.chmod(path, 0o600)


def _refusal(exc: OSError, target: Path) -> SyncRefused:
    zh, en, code = files.write_problem(exc, target)
    return SyncRefused(f"无法保存本机密钥文件：{zh}", f"cannot save this computer's key file: {en}", code=code)


def wipe_private_columns(db: Database) -> None:
    """Empty the private columns of sync_local_key with secure_delete on, so the database file keeps no
    copy of them (the old page content is overwritten)."""
    conn = db.conn
    prev = conn.execute("PRAGMA secure_delete").fetchone()[0]
    conn.execute("PRAGMA secure_delete = ON")
    try:
        with db.atomic():
            db.execute("UPDATE sync_local_key SET sign_private = x'', box_private = x'' WHERE id = 1")
        with contextlib.suppress(sqlite3.DatabaseError):
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.execute(f"PRAGMA secure_delete = {int(prev)}")


def load_private_keys(db: Database, row, make_row) -> tuple[bytes, bytes]:
    """The private keys of this node. `row` = (sign_private, box_private, sign_public, box_public) of
    sync_local_key or None; `make_row(sign_private, box_private)` records new public keys in the table."""
    path = key_file(db)
    if path is None:                                # no file: the table keeps them (":memory:")
        if row and row[0]:
            return row[0], row[1]
        sign, box = new_private_keys()
        make_row(sign, box, keep_private=True)
        return sign, box
    if row and row[0]:                              # an older database: move them out of it
        found = read_key_file(path)
        if found is None or (found["sign_public"], found["box_public"]) != (row[2], row[3]):
            write_key_file(path, row[0], row[1], row[2], row[3])
        with contextlib.suppress(sqlite3.DatabaseError):     # read-only now: wiped on a writable open
            wipe_private_columns(db)
        return row[0], row[1]
    if row:
        found = read_key_file(path)
        if found is not None and (found["sign_public"], found["box_public"]) == (row[2], row[3]):
            return found["sign_private"], found["box_private"]
    # no key, or not this PC's key file (the database came from a backup of another PC): a new key,
    # and a new node (db.sync.state.after_restore): this copy must not reuse the other PC's numbers
    if row:
        from .state import after_restore
        after_restore(db)
    sign, box = new_private_keys()
    make_row(sign, box, keep_private=False)        # publics first: a crash leaves a key file never used
    raw = serialization.Encoding.Raw, serialization.PublicFormat.Raw
    write_key_file(path, sign, box, Ed25519PrivateKey.from_private_bytes(sign).public_key().public_bytes(*raw),
                   X25519PrivateKey.from_private_bytes(box).public_key().public_bytes(*raw))
    return sign, box
