"""Node keys, fingerprints, trust, and the cryptography of packages and setup files.

Every node has an Ed25519 key (signs manifests) and an X25519 key (receives package contents),
made at first use: the public halves in the local table sync_local_key, the private halves in a
key file beside the database (db.sync.keystore), so no backup of the database holds them. Package contents are encrypted
with a random content key (AES-256-GCM); the content key is wrapped for each trusted key of the
recipient office with X25519 + HKDF-SHA256 + AES-256-GCM. Setup files are encrypted with a key
derived from a 20-digit passcode (scrypt; the passcode opens that file as often as it is used, so it
travels apart from the stick). All primitives come from `cryptography`.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .. import today as office_clock
from ..accounts import require_head
from ..connection import Database
from .errors import SyncRefused

_RAW = serialization.Encoding.Raw, serialization.PublicFormat.Raw
_RAW_PRIV = serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
WRAP_INFO = b"liaison-desk package key v1"
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 15, 8, 1


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: str, size: int | None = None) -> bytes:
    if not isinstance(text, str):
        raise ValueError("not base64 text")
    data = base64.b64decode(text.encode("ascii"), validate=True)
    if size is not None and len(data) != size:
        raise ValueError("wrong key size")
    return data


def fingerprint(sign_public: bytes, box_public: bytes) -> str:
    """30 digits in six groups of five: easy to read aloud over the phone (about 100 bits)."""
    digest = hashlib.sha256(b"liaison-desk fingerprint v1" + sign_public + box_public).digest()
    n = int.from_bytes(digest[:16], "big") % 10 ** 30
    digits = f"{n:030d}"
    return "-".join(digits[i:i + 5] for i in range(0, 30, 5))


def normalize_fingerprint(text: str) -> str:
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 30:
        raise SyncRefused("指纹应为 30 位数字（可带空格或短横线）",
                          "a fingerprint is 30 digits (spaces or dashes allowed)", code="bad_fingerprint")
    return "-".join(digits[i:i + 5] for i in range(0, 30, 5))


def now_text() -> str:
    return office_clock.now().isoformat(timespec="seconds")


class NodeKeys:
    def __init__(self, sign_private: bytes, box_private: bytes):
        self.sign_key = Ed25519PrivateKey.from_private_bytes(sign_private)
        self.box_key = X25519PrivateKey.from_private_bytes(box_private)
        self.sign_public = self.sign_key.public_key().public_bytes(*_RAW)
        self.box_public = self.box_key.public_key().public_bytes(*_RAW)
        self.fingerprint = fingerprint(self.sign_public, self.box_public)

    def sign(self, data: bytes) -> bytes:
        return self.sign_key.sign(data)


def node_keys(db: Database) -> NodeKeys:
    """This node's keys, made on first use. The private halves live in a key file beside the database
    (db.sync.keystore), never in the database file, so backups hold none."""
    from .keystore import load_private_keys
    row = db.execute("SELECT sign_private, box_private, sign_public, box_public FROM sync_local_key "
                     "WHERE id = 1").fetchone()

    def make_row(sign: bytes, box: bytes, *, keep_private: bool) -> None:
        keys = NodeKeys(sign, box)
        with db.atomic():
            db.execute("INSERT INTO sync_local_key (id, sign_private, sign_public, box_private, box_public, "
                       "fingerprint, created_at) VALUES (1, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                       "sign_private = excluded.sign_private, sign_public = excluded.sign_public, "
                       "box_private = excluded.box_private, box_public = excluded.box_public, "
                       "fingerprint = excluded.fingerprint, created_at = excluded.created_at",
                       [sign if keep_private else b"", keys.sign_public, box if keep_private else b"",
                        keys.box_public, keys.fingerprint, now_text()])
    sign, box = load_private_keys(db, row, make_row)
    return NodeKeys(sign, box)


def verify_signature(sign_public: bytes, signature: bytes, data: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, data)
        return True
    except (InvalidSignature, ValueError):
        return False


# -- trust ------------------------------------------------------------------------------
def trusted_keys(db: Database, office_id: str) -> list[tuple[bytes, bytes, str]]:
    return [(r[0], r[1], r[2]) for r in db.execute(
        "SELECT sign_public, box_public, fingerprint FROM sync_office_key WHERE office_id = ? AND status = 'trusted' "
        "AND revoked_at IS NULL ORDER BY first_seen_at, fingerprint", [office_id])]


def confirmed_keys(db: Database, office_id: str) -> list[tuple[str, str]]:
    """(fingerprint, trusted at) of an office's keys trusted here and not revoked."""
    return [(r[0], r[1] or "") for r in db.execute(
        "SELECT fingerprint, trusted_at FROM sync_office_key WHERE office_id = ? AND status = 'trusted' "
        "AND revoked_at IS NULL ORDER BY trusted_at", [office_id])]


def key_status(db: Database, fp: str) -> tuple[str, str] | None:
    """('trusted' | 'pending' | 'revoked', office id) of a known key; None for a key never seen."""
    row = db.execute("SELECT status, office_id, revoked_at FROM sync_office_key WHERE fingerprint = ?", [fp]).fetchone()
    if row is None:
        return None
    return ("revoked" if row[2] else row[0]), row[1]


def revocation(db: Database, sign_public: bytes, node_id: str | None) -> tuple[str, str] | None:
    """(revoked at, reason) when this signing key, or the computer (node) it speaks for, was revoked.
    Matched on the signing key and the node, not on the fingerprint alone: a thief keeping the
    stolen signing key with a new encryption key would otherwise look like a new computer."""
    row = db.execute("SELECT revoked_at, revoked_reason FROM sync_office_key WHERE revoked_at IS NOT NULL AND "
                     "(sign_public = ? OR (node_id IS NOT NULL AND node_id = ?)) ORDER BY revoked_at LIMIT 1",
                     [sign_public, node_id]).fetchone()
    return (row[0], row[1] or "") if row else None


def revoke(db: Database, fp_text: str, reason: str) -> dict:
    """Withdraw a key (its computer was lost, stolen or replaced): packages it signs are refused from
    now on and nothing more is encrypted to it. The office sets up its new computer from a new setup
    file; that computer's key is confirmed by phone as any new key is. Cannot be undone."""
    require_head(db, "停用密钥", "revoke a key")
    fp = normalize_fingerprint(fp_text)
    reason = " ".join((reason or "").split())
    if not reason:
        raise SyncRefused("请写明停用原因（如“电脑丢失”“更换电脑”）", "give the reason (e.g. computer lost, replaced)",
                          code="no_reason")
    if len(reason) > 200:
        raise SyncRefused(f"停用原因太长（{len(reason)} 字，最多 200 字）", "the reason is too long (200 at most)",
                          code="too_long")
    row = db.execute("SELECT office_id, revoked_at FROM sync_office_key WHERE fingerprint = ?", [fp]).fetchone()
    if row is None and fp == node_keys(db).fingerprint:
        raise SyncRefused("这是本机自己的指纹：要停用的是对方（丢失或更换的那台电脑）的密钥，请在它的上级或下级机构操作",
                          "this is this installation's own fingerprint: revoke a lost computer's key at the office "
                          "it exchanges packages with", code="own_key")
    if row is None:
        raise SyncRefused(f"本机没有指纹为 {fp} 的密钥", f"no key with fingerprint {fp} is known here",
                          code="unknown_fingerprint")
    if row[1] is None:
        with db.atomic():
            db.execute("UPDATE sync_office_key SET revoked_at = ?, revoked_reason = ? WHERE fingerprint = ?",
                       [now_text(), reason, fp])
    name = db.execute("SELECT name, code FROM office WHERE id = ?", [row[0]]).fetchone()
    return {"fingerprint": fp, "office_id": row[0], "office_name": name[0] if name else row[0],
            "office_code": name[1] if name else "", "already": row[1] is not None}


def remember_key(db: Database, office_id: str, sign_public: bytes, box_public: bytes, *, node_id: str | None,
                 status: str, source: str) -> str:
    """Record a key as pending or trusted (a trusted key stays trusted). Returns its fingerprint."""
    fp = fingerprint(sign_public, box_public)
    now = now_text()
    with db.atomic():
        db.execute("INSERT INTO sync_office_key (fingerprint, office_id, sign_public, box_public, node_id, status, "
                   "first_seen_at, trusted_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                   "ON CONFLICT(fingerprint) DO UPDATE SET status = CASE WHEN sync_office_key.status = 'trusted' "
                   "THEN 'trusted' ELSE excluded.status END, trusted_at = coalesce(sync_office_key.trusted_at, "
                   "excluded.trusted_at)",
                   [fp, office_id, sign_public, box_public, node_id, status, now,
                    now if status == "trusted" else None, source])
    return fp


def trust(db: Database, fp_text: str) -> dict:
    """A person confirmed this fingerprint (read aloud over the phone): trust the pending key."""
    require_head(db, "确认密钥", "confirm a key")
    fp = normalize_fingerprint(fp_text)
    row = db.execute("SELECT office_id, status, sign_public, node_id FROM sync_office_key WHERE fingerprint = ?",
                     [fp]).fetchone()
    if row is None:
        raise SyncRefused(f"没有待确认的指纹 {fp}：请先导入对方的同步包",
                          f"no key with fingerprint {fp} is waiting: import the other office's package first",
                          code="unknown_fingerprint")
    revoked = revocation(db, row[2], row[3])
    if revoked:
        raise SyncRefused(f"指纹 {fp} 的密钥（或发出它的电脑）已于 {revoked[0][:10]} 停用，不能再信任；"
                          f"请对方用新的安装导出同步包",
                          f"the key {fp}, or the computer it comes from, was revoked on {revoked[0][:10]} and "
                          f"cannot be trusted", code="revoked_key")
    if row[1] != "trusted":
        with db.atomic():
            db.execute("UPDATE sync_office_key SET status = 'trusted', trusted_at = ? WHERE fingerprint = ?",
                       [now_text(), fp])
    name = db.execute("SELECT name, code FROM office WHERE id = ?", [row[0]]).fetchone()
    return {"fingerprint": fp, "office_id": row[0], "office_name": name[0] if name else row[0],
            "office_code": name[1] if name else "", "already": row[1] == "trusted"}


# -- package encryption ------------------------------------------------------------------
def _kek(shared: bytes, eph_public: bytes, recipient_public: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=eph_public + recipient_public,
                info=WRAP_INFO).derive(shared)


def wrap_key(content_key: bytes, recipient_box_public: bytes, aad: bytes) -> dict:
    eph = X25519PrivateKey.generate()
    eph_public = eph.public_key().public_bytes(*_RAW)
    shared = eph.exchange(X25519PublicKey.from_public_bytes(recipient_box_public))
    nonce = os.urandom(12)
    wrapped = AESGCM(_kek(shared, eph_public, recipient_box_public)).encrypt(nonce, content_key, aad)
    return {"key_id": hashlib.sha256(recipient_box_public).hexdigest()[:16], "ephemeral": b64(eph_public),
            "nonce": b64(nonce), "wrapped": b64(wrapped)}


def unwrap_key(keys: NodeKeys, recipients: list, aad: bytes) -> bytes | None:
    """The content key, if one of `recipients` was wrapped for this node's key; else None."""
    my_id = hashlib.sha256(keys.box_public).hexdigest()[:16]
    for r in recipients:
        if not isinstance(r, dict) or r.get("key_id") != my_id:
            continue
        try:
            eph_public = unb64(r["ephemeral"], 32)
            shared = keys.box_key.exchange(X25519PublicKey.from_public_bytes(eph_public))
            return AESGCM(_kek(shared, eph_public, keys.box_public)).decrypt(
                unb64(r["nonce"], 12), unb64(r["wrapped"]), aad)
        except (InvalidTag, ValueError, KeyError, TypeError):
            return None
    return None


def seal(key: bytes, data: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(12)
    return nonce, AESGCM(key).encrypt(nonce, data, aad)


def open_sealed(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    return AESGCM(key).decrypt(nonce, data, aad)


# -- setup-file passcodes -----------------------------------------------------------------
def new_passcode() -> str:
    """20 digits in groups of four: read aloud or sent separately from the stick."""
    digits = "".join(str(secrets.randbelow(10)) for _ in range(20))
    return " ".join(digits[i:i + 4] for i in range(0, 20, 4))


# Setup files name their scrypt parameters; these bounds are checked before anything is derived, so a
# hostile file cannot make the reader spend gigabytes or minutes (n = 2^17, r = 8 takes 128 MB).
SCRYPT_N_RANGE = (2 ** 14, 2 ** 17)
SCRYPT_P_MAX = 2
_SEPARATORS = frozenset(" -_.\u2010\u2011\u2012\u2013\u2014\u2212\u30fc")


def passcode_digits(passcode: str) -> str:
    """The 20 digits of a passcode as typed: NFKC first (full-width digits and spaces from a Chinese
    input method), then spaces and dashes between groups dropped. Anything else is refused."""
    import unicodedata
    text = unicodedata.normalize("NFKC", passcode or "")
    digits = "".join(ch for ch in text if ch in "0123456789")
    if len(digits) != 20 or any(ch not in "0123456789" and ch not in _SEPARATORS and not ch.isspace()
                                for ch in text):
        raise SyncRefused("口令不正确：口令是 20 位数字（可带空格或短横线）",
                          "wrong passcode: a passcode is 20 digits (spaces or dashes allowed)",
                          code="wrong_passcode")
    return digits


def check_kdf(n, r, p, salt: bytes) -> None:
    """Refuse scrypt parameters outside the bounds of the format, before deriving."""
    ok = (type(n) is int and SCRYPT_N_RANGE[0] <= n <= SCRYPT_N_RANGE[1] and n & (n - 1) == 0
          and type(r) is int and r == SCRYPT_R and type(p) is int and 1 <= p <= SCRYPT_P_MAX
          and 16 <= len(salt) <= 64)
    if not ok:
        raise SyncRefused("安装文件的加密参数不在允许范围内，已拒绝（文件已损坏或不是本软件制作的）",
                          "the setup file's key-derivation parameters are outside the allowed bounds; refused",
                          code="corrupt")


def passcode_key(passcode: str, salt: bytes, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> bytes:
    check_kdf(n, r, p, salt)
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passcode_digits(passcode).encode("ascii"))


InvalidTagError = InvalidTag
