"""Backups encrypted with a passphrase the person chooses, for a copy that leaves the data folder
(a USB stick).

Format (version 1), all integers big-endian:

    header  "LDBACKUP" | version=1 | cipher=1 (AES-256-GCM) | log2(n) | r | p | log2(chunk)
            | salt (16 bytes) | nonce prefix (7 bytes)                                     37 bytes
    check   AES-GCM tag over nothing, nonce = prefix + FF×5, header as associated data    16 bytes
    chunks  AES-GCM(chunk of 1 MiB plaintext), nonce = prefix + index (4 bytes) + last (1 byte),
            header as associated data; the final chunk (possibly short or empty) has last = 1

The key comes from scrypt (n = 2^17, r = 8, p = 1: 128 MB and a fraction of a second, once per
backup). A reader accepts only bounded parameters (n 2^14..2^17, r 8, p 1..2, chunks of 1 MiB) before
deriving anything, so a hostile file cannot make it spend memory or time. The check tag tells a wrong
passphrase from a damaged file; the index and the last flag in every nonce refuse a file that was
cut short, reordered or spliced. The file is processed one chunk at a time (a 1.5 GB database needs
a few MB of memory).
"""

from __future__ import annotations

import contextlib
import os
import struct
import unicodedata
from collections.abc import Callable
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .errors import DatabaseProblem, os_reason

MAGIC = b"LDBACKUP"
VERSION = 1
CIPHER_AES_GCM = 1
SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P = 17, 8, 1
CHUNK_LOG2 = 20
_HEADER = struct.Struct(">8sBBBBBB16s7s")
TAG = 16
MIN_PASSPHRASE = 8
ENV_PASSPHRASE = "LIAISON_DESK_BACKUP_PASSPHRASE"
SUFFIX = ".enc"                         # liaison-desk-….sqlite3.enc


def normalized(passphrase: str) -> bytes:
    """NFKC, so that full-width characters from a Chinese input method give the same key."""
    return unicodedata.normalize("NFKC", passphrase).encode("utf-8")


def passphrase_problem(passphrase: str) -> tuple[str, str] | None:
    """Why a new passphrase is refused (Chinese, English), or None."""
    if len(unicodedata.normalize("NFKC", passphrase).strip()) < MIN_PASSPHRASE:
        return (f"口令太短：至少 {MIN_PASSPHRASE} 个字符", f"the passphrase is too short: at least {MIN_PASSPHRASE} characters")
    return None


def strength(passphrase: str) -> int:
    """0 (too short) .. 3 (strong): a rough hint for the person choosing it."""
    p = unicodedata.normalize("NFKC", passphrase)
    if len(p.strip()) < MIN_PASSPHRASE:
        return 0
    kinds = sum(any(f(c) for c in p) for f in (str.isdigit, str.islower, str.isupper,
                                                 lambda c: not c.isascii() or not c.isalnum()))
    score = 1 + (len(p) >= 12) + (kinds >= 3 or len(p) >= 16)
    return min(score, 3) if len(set(p)) > 3 else 1


def _not_a_backup() -> DatabaseProblem:
    return DatabaseProblem("加密备份文件已损坏或不完整（可能未复制完），未作任何改动",
                           "the encrypted backup is damaged or incomplete (perhaps not fully copied); nothing was "
                           "changed", code="corrupt_backup")


def wrong_passphrase() -> DatabaseProblem:
    return DatabaseProblem("备份口令不正确，未作任何改动。请输入备份时设定的口令（注意大小写）",
                           "wrong passphrase for this backup; nothing was changed (it is the one chosen when the "
                           "backup was made; letters are case-sensitive)", code="wrong_passphrase")


def passphrase_needed() -> DatabaseProblem:
    return DatabaseProblem("这是加密的备份，需要输入备份时设定的口令",
                           "this backup is encrypted: its passphrase is needed", code="passphrase_needed")


def same_file(a: str | Path, b: str | Path) -> bool:
    """Without opening either (closing a descriptor of the live database drops SQLite's locks)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def is_encrypted(path: str | Path) -> bool:
    """Whether `path` starts like an encrypted backup. Never call it on the live database file."""
    try:
        with open(path, "rb") as fh:
            return fh.read(len(MAGIC)) == MAGIC
    except OSError:
        return False


def _key(passphrase: str, salt: bytes, log2n: int, r: int, p: int) -> AESGCM:
    kdf = Scrypt(salt=salt, length=32, n=1 << log2n, r=r, p=p)
    return AESGCM(kdf.derive(normalized(passphrase)))


def _nonce(prefix: bytes, index: int, last: bool) -> bytes:
    return prefix + struct.pack(">IB", index, 1 if last else 0)


def encrypt_file(src: str | Path, out, passphrase: str, *, progress: Callable[[int], None] | None = None) -> None:
    """Encrypt the file `src` into the open binary file `out`, one chunk at a time."""
    if problem := passphrase_problem(passphrase):
        raise DatabaseProblem(*problem, code="weak_passphrase")
    salt, prefix = os.urandom(16), os.urandom(7)
    header = _HEADER.pack(MAGIC, VERSION, CIPHER_AES_GCM, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P, CHUNK_LOG2,
                          salt, prefix)
    aead = _key(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    out.write(header)
    out.write(aead.encrypt(prefix + b"\xff" * 5, b"", header))
    size = 1 << CHUNK_LOG2
    with open(src, "rb") as fh:
        chunk, index, done = fh.read(size), 0, 0
        while True:
            following = fh.read(size) if len(chunk) == size else b""
            last = not following
            out.write(aead.encrypt(_nonce(prefix, index, last), chunk, header))
            done += len(chunk)
            if progress:
                progress(done)
            if last:
                return
            chunk, index = following, index + 1


def decrypt_file(src: str | Path, dest: str | Path, passphrase: str) -> None:
    """Decrypt the backup `src` into a new file `dest` (user-only permissions). On any failure `dest`
    is removed and a DatabaseProblem says why (wrong passphrase, damaged or cut short, newer version)."""
    dest = Path(dest)
    try:
        with open(src, "rb") as fh:
            header = fh.read(_HEADER.size)
            if len(header) < _HEADER.size or not header.startswith(MAGIC):
                raise _not_a_backup()
            _magic, version, cipher, log2n, r, p, chunk_log2, salt, prefix = _HEADER.unpack(header)
            if version != VERSION or cipher != CIPHER_AES_GCM:
                raise DatabaseProblem("此加密备份由更新版本的软件制作，请先升级本软件再恢复",
                                      "this encrypted backup was made by a newer version; upgrade first",
                                      code="newer_backup")
            if not (14 <= log2n <= 17 and r == 8 and 1 <= p <= 2 and chunk_log2 == CHUNK_LOG2):
                raise _not_a_backup()             # bounded before anything is derived
            check = fh.read(TAG)
            if len(check) < TAG:
                raise _not_a_backup()
            aead = _key(passphrase, salt, log2n, r, p)
            try:
                aead.decrypt(prefix + b"\xff" * 5, check, header)
            except InvalidTag:
                raise wrong_passphrase() from None
            size = (1 << chunk_log2) + TAG
            fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
            with open(fd, "wb") as out:
                block, index = fh.read(size), 0
                while True:
                    following = fh.read(size) if len(block) == size else b""
                    last = not following
                    try:
                        out.write(aead.decrypt(_nonce(prefix, index, last), block, header))
                    except InvalidTag:
                        raise _not_a_backup() from None
                    if last:
                        break
                    block, index = following, index + 1
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        with contextlib.suppress(OSError):
            dest.unlink(missing_ok=True)
        zh, en = os_reason(exc)
        raise DatabaseProblem(f"无法读取或解密备份：{zh}", f"cannot read or decrypt the backup: {en} ({exc})",
                              code="backup_failed") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            dest.unlink(missing_ok=True)
        raise
