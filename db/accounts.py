"""Staff accounts on a shared office PC: who signs in, with which role, and who did what.

Accounts are optional and off by default: a one-person office signs in with nothing. When an office
turns them on (设置), each clerk signs in with a name and a password, and every change she makes is
logged with her name (`change_log.actor`, carried up to the district and city by sync).

Roles:
- 经办人 (`clerk`): keeps the records.
- 负责人 (`head`): also what changes the office's standing — finalizing minutes, confirming and revoking
  other offices' keys, restoring a backup, the scoring rules, the accounts, and the 操作日志.

The accounts are LOCAL to this PC: a table of this database (made by migration m0010) that is never
replicated, never in a sync package or a setup file. Backups in the data folder keep the table so that
a restore on this PC keeps the accounts; a copy written elsewhere (a USB stick) has its password hashes
wiped (`scrub_copy`). Passwords are hashed with scrypt (`cryptography`), a per-user salt and the
parameters stored beside the hash, and compared in constant time.

Wrong passwords: after `FREE_TRIES` wrong passwords in a row each further try waits longer
(`delay_after`), and the time is kept in the database, so restarting the program does not reset it.
A try made during the wait is refused without looking at the password. Times come from the business
clock (db.today), so tests pin them.

Who is signed in: one person per running program (`current()`), set by `sign_in` (the window), by
`acting(account)` (tests, the command line's `--user`), and read by the write path and by
`require_head`, which every head-only function in `db` calls.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:                      # annotations only
    from .connection import Database

from . import today as office_clock
from .errors import LiaisonError, ValidationError

CLERK, HEAD = "clerk", "head"
ROLES = {CLERK: ("经办人", "Clerk"), HEAD: ("负责人", "Head")}

ENABLED_KEY = "accounts.enabled"
RECOVERY_KEY = "accounts.recovery"     # scrypt hash of the head's recovery code (never the code itself)
IDLE_KEY = "accounts.idle_minutes"
IDLE_DEFAULT = 15

FREE_TRIES = 3                     # wrong passwords before the first wait
FIRST_DELAY = 5                    # seconds, doubled with every further wrong password
MAX_DELAY = 15 * 60
MIN_PASSWORD = 6
NAME_MAX = 40

SCRYPT_N, SCRYPT_R, SCRYPT_P = 2 ** 14, 8, 1

TABLE_SQL = """CREATE TABLE IF NOT EXISTS account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'head')),
    pw_hash TEXT,
    failed INTEGER NOT NULL DEFAULT 0,
    wait_until TEXT,
    created_at TEXT NOT NULL,
    changed_at TEXT)"""


class NotAllowed(LiaisonError):
    """The signed-in person's role does not allow this (or nobody is signed in)."""

    code = "not_allowed"


class SignInRefused(LiaisonError):
    code = "sign_in_refused"

    def __init__(self, message_zh: str, message_en: str, *, wait: int = 0, code: str | None = None):
        super().__init__(message_zh, message_en, code=code)
        self.wait = wait                # seconds before the next try is looked at


@dataclass(frozen=True)
class Account:
    id: int
    name: str
    display_name: str
    role: str
    has_password: bool = True

    @property
    def is_head(self) -> bool:
        return self.role == HEAD

    def role_label(self, lang: str = "zh") -> str:
        return ROLES[self.role][1 if lang.startswith("en") else 0]


# -- the signed-in person ---------------------------------------------------------------
_current: Account | None = None


def current() -> Account | None:
    return _current


def set_current(account: Account | None) -> None:
    global _current
    _current = account


def sign_out() -> None:
    set_current(None)


@contextlib.contextmanager
def acting(account: Account | None) -> Iterator[Account | None]:
    """Run a block as `account` (the command line's --user, tests), then restore who was before."""
    global _current
    before = _current
    _current = account
    try:
        yield account
    finally:
        _current = before


def actor_name(db: Database | None = None) -> str | None:
    """The name the change log records for this program's writes (None: nobody signed in)."""
    if _current is None and _sign_in_hook is not None and db is not None:
        run_sign_in_hook(db)
    return _current.display_name if _current is not None else None


# The command line's `--user NAME` signs in when the command first needs it (a write, a head's
# function), on whatever connection the command opened: the hook asks for the password then.
_sign_in_hook = None


def set_sign_in_hook(hook) -> None:
    global _sign_in_hook
    _sign_in_hook = hook


def run_sign_in_hook(db: Database) -> None:
    """Run the pending sign-in (once), when accounts are on in `db`."""
    global _sign_in_hook
    hook = _sign_in_hook
    if hook is None or not enabled(db):
        return
    _sign_in_hook = None
    hook(db)


# -- schema (migration m0010) -----------------------------------------------------------
def create_tables(db: Database) -> None:
    """The local account table and the change log's actor column (migration m0010)."""
    db.execute(TABLE_SQL)
    if "actor" not in {c.name for c in db["change_log"].columns}:
        db.execute("ALTER TABLE change_log ADD COLUMN actor TEXT")
    db.execute("CREATE INDEX IF NOT EXISTS idx_change_log_row ON change_log(row_id)")


# -- settings ---------------------------------------------------------------------------
def _setting(db: Database, key: str) -> str | None:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def _set(db: Database, key: str, value: str) -> None:
    db.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
               "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


def enabled(db: Database) -> bool:
    try:
        return _setting(db, ENABLED_KEY) == "1"
    except sqlite3.DatabaseError:       # a damaged database: its restore must stay possible
        return False


def idle_minutes(db: Database) -> int:
    """Minutes without input before the window locks (0: never)."""
    value = _setting(db, IDLE_KEY)
    try:
        return max(0, int(value)) if value is not None else IDLE_DEFAULT
    except ValueError:
        return IDLE_DEFAULT


def set_idle_minutes(db: Database, minutes: int) -> None:
    require_head(db, "修改锁屏时间", "change the idle lock time")
    if not 0 <= int(minutes) <= 24 * 60:
        raise ValidationError("锁屏时间应在 0（不锁屏）到 1440 分钟之间", "the idle time must be 0–1440 minutes",
                              field="idle")
    with db.atomic():
        _set(db, IDLE_KEY, str(int(minutes)))


def set_enabled(db: Database, on: bool) -> None:
    """Turn accounts on (needs a head with a password) or off (by a head)."""
    if on:
        if not any(a.role == HEAD and a.has_password for a in list_accounts(db)):
            raise ValidationError("请先建立负责人账号，再启用账号登录", "create the head's account before turning "
                                  "sign-in on", code="no_head")
        if enabled(db):
            return
        if _current is None or not _current.is_head:
            raise NotAllowed("只有负责人才能启用账号登录", "only the head may turn sign-in on")
    else:
        require_head(db, "关闭账号登录", "turn sign-in off")
    with db.atomic():
        _set(db, ENABLED_KEY, "1" if on else "0")


# -- roles --------------------------------------------------------------------------------
def is_head(db: Database) -> bool:
    """May the person at this program do what only the head may? Always, with accounts off."""
    if not enabled(db):
        return True
    if _current is None and _sign_in_hook is not None:
        run_sign_in_hook(db)
    return _current is not None and _current.is_head


def require_head(db: Database, what_zh: str, what_en: str) -> None:
    """Refuse a head-only action to anyone but a signed-in head (nothing is checked with accounts off)."""
    if is_head(db):
        return
    if _current is None:
        raise NotAllowed(f"“{what_zh}”需要负责人登录（命令行：--user 负责人账号）",
                         f"to {what_en}, the head must sign in (command line: --user NAME)")
    raise NotAllowed(f"只有负责人才能{what_zh}（当前登录：{_current.display_name}，经办人）",
                     f"only the head may {what_en} (signed in: a clerk)")


# -- passwords ----------------------------------------------------------------------------
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str, *, n: int = SCRYPT_N, r: int = SCRYPT_R, p: int = SCRYPT_P) -> str:
    """`scrypt$N$r$p$salt$hash` (base64), a fresh 16-byte salt each time."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    salt = os.urandom(16)
    key = Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(password.encode("utf-8"))
    return f"scrypt${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(password: str, stored: str | None) -> bool:
    if not stored:
        return False
    import hmac  # here: it loads OpenSSL (hashlib), which the window need not map

    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        n, r, p = int(n), int(r), int(p)
        if scheme != "scrypt" or not (2 ** 10 <= n <= 2 ** 20 and 1 <= r <= 32 and 1 <= p <= 16):
            return False
        salt_b, key_b = base64.b64decode(salt), base64.b64decode(key)
    except (ValueError, TypeError):
        return False
    got = Scrypt(salt=salt_b, length=len(key_b), n=n, r=r, p=p).derive(password.encode("utf-8"))
    return hmac.compare_digest(got, key_b)


def _check_password(password: str) -> None:
    if len(password or "") < MIN_PASSWORD:
        raise ValidationError(f"密码至少需要 {MIN_PASSWORD} 个字符", f"the password needs at least {MIN_PASSWORD} "
                              f"characters", field="password")


def delay_after(failed: int) -> int:
    """Seconds to wait after `failed` wrong passwords in a row."""
    if failed < FREE_TRIES:
        return 0
    return min(MAX_DELAY, FIRST_DELAY * 2 ** (failed - FREE_TRIES))


# -- accounts -----------------------------------------------------------------------------
_COLS = "id, name, display_name, role, pw_hash IS NOT NULL"


def _account(row) -> Account:
    return Account(row[0], row[1], row[2], row[3], bool(row[4]))


def list_accounts(db: Database) -> list[Account]:
    try:
        rows = db.execute(f"SELECT {_COLS} FROM account ORDER BY role DESC, zh_name_key(display_name), name").fetchall()
    except sqlite3.OperationalError:
        rows = db.execute(f"SELECT {_COLS} FROM account ORDER BY role DESC, display_name, name").fetchall()
    return [_account(r) for r in rows]


def get_account(db: Database, name: str) -> Account:
    row = db.execute(f"SELECT {_COLS} FROM account WHERE name = ?", [(name or "").strip()]).fetchone()
    if row is None:
        raise ValidationError(f"没有名为“{name}”的账号", "no such account", code="no_account", field="name")
    return _account(row)


def needs_first_head(db: Database) -> bool:
    """No head can sign in (a new office, or a copy whose hashes were wiped): offer to make one."""
    return not db.execute("SELECT 1 FROM account WHERE role = 'head' AND pw_hash IS NOT NULL").fetchone()


def _clean_name(name: str, display_name: str | None) -> tuple[str, str]:
    name = (name or "").strip()
    display = (display_name or "").strip() or name
    if not name:
        raise ValidationError("请填写登录名", "the sign-in name is required", field="name")
    if len(name) > NAME_MAX or len(display) > NAME_MAX:
        raise ValidationError(f"登录名和姓名不能超过 {NAME_MAX} 个字符", f"names are at most {NAME_MAX} characters",
                              field="name")
    if any(c in name for c in "$\n\r\t"):
        raise ValidationError("登录名不能包含 $ 或换行", "the sign-in name may not hold $ or line breaks", field="name")
    return name, display


def create_account(db: Database, name: str, password: str, *, role: str = CLERK,
                   display_name: str | None = None) -> Account:
    """A new account. The first head (no head can sign in yet) needs nobody signed in; later, a head."""
    if role not in ROLES:
        raise ValidationError("角色只能是经办人或负责人", "the role is clerk or head", field="role")
    first = needs_first_head(db)
    if first and role != HEAD:
        raise ValidationError("请先建立负责人账号", "create the head's account first", code="no_head")
    if not first:
        require_head(db, "管理账号", "manage accounts")
        if enabled(db) and _current is None:
            raise NotAllowed("管理账号需要负责人登录", "the head must sign in to manage accounts")
    name, display = _clean_name(name, display_name)
    _check_password(password)
    digest = hash_password(password)
    now = office_clock.now_text()
    with db.atomic():
        if db.execute("SELECT 1 FROM account WHERE name = ?", [name]).fetchone():
            if first and db.execute("SELECT 1 FROM account WHERE name = ? AND role = 'head' AND pw_hash IS NULL",
                                    [name]).fetchone():
                db.execute("UPDATE account SET pw_hash = ?, display_name = ?, failed = 0, wait_until = NULL, "
                           "changed_at = ? WHERE name = ?", [digest, display, now, name])
                return get_account(db, name)
            raise ValidationError(f"登录名“{name}”已被使用", "that sign-in name is taken", code="name_taken",
                                  field="name")
        db.execute("INSERT INTO account (name, display_name, role, pw_hash, created_at) VALUES (?, ?, ?, ?, ?)",
                   [name, display, role, digest, now])
    return get_account(db, name)


def _heads_with_password(db: Database) -> int:
    return db.execute("SELECT count(*) FROM account WHERE role = 'head' AND pw_hash IS NOT NULL").fetchone()[0]


def _guard_last_head(db: Database, account: Account) -> None:
    if account.role == HEAD and _heads_with_password(db) <= 1 and account.has_password:
        raise ValidationError("这是唯一的负责人账号，不能删除或改为经办人（请先另设一位负责人）",
                              "this is the last head's account: it cannot be deleted or made a clerk "
                              "(make another head first)", code="last_head")


def set_role(db: Database, name: str, role: str) -> Account:
    require_head(db, "管理账号", "manage accounts")
    if role not in ROLES:
        raise ValidationError("角色只能是经办人或负责人", "the role is clerk or head", field="role")
    account = get_account(db, name)
    if account.role == role:
        return account
    with db.atomic():
        if role == CLERK:
            _guard_last_head(db, account)
        db.execute("UPDATE account SET role = ?, changed_at = ? WHERE id = ?",
                   [role, office_clock.now_text(), account.id])
    return get_account(db, name)


def rename(db: Database, name: str, display_name: str) -> Account:
    require_head(db, "管理账号", "manage accounts")
    account = get_account(db, name)
    _, display = _clean_name(account.name, display_name)
    with db.atomic():
        db.execute("UPDATE account SET display_name = ?, changed_at = ? WHERE id = ?",
                   [display, office_clock.now_text(), account.id])
    return get_account(db, name)


def delete_account(db: Database, name: str) -> None:
    require_head(db, "管理账号", "manage accounts")
    account = get_account(db, name)
    if _current is not None and _current.id == account.id:
        raise ValidationError("不能删除自己正在使用的账号", "you cannot delete the account you are signed in with",
                              code="self")
    with db.atomic():
        _guard_last_head(db, account)
        db.execute("DELETE FROM account WHERE id = ?", [account.id])


def reset_password(db: Database, name: str, new_password: str) -> None:
    """The head sets a new password for someone who forgot hers (and clears her wait)."""
    require_head(db, "重设密码", "reset a password")
    account = get_account(db, name)
    _check_password(new_password)
    digest = hash_password(new_password)
    with db.atomic():
        db.execute("UPDATE account SET pw_hash = ?, failed = 0, wait_until = NULL, changed_at = ? WHERE id = ?",
                   [digest, office_clock.now_text(), account.id])


def change_password(db: Database, name: str, old_password: str, new_password: str) -> None:
    """Someone changes her own password (the old one is checked like a sign-in)."""
    check_credentials(db, name, old_password)
    _check_password(new_password)
    digest = hash_password(new_password)
    with db.atomic():
        db.execute("UPDATE account SET pw_hash = ?, changed_at = ? WHERE name = ?",
                   [digest, office_clock.now_text(), name.strip()])


# -- signing in ---------------------------------------------------------------------------
def _parse_time(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def wait_left(db: Database, name: str) -> int:
    """Seconds before `name`'s next try is looked at (0: now)."""
    row = db.execute("SELECT wait_until FROM account WHERE name = ?", [(name or "").strip()]).fetchone()
    until = _parse_time(row[0]) if row else None
    if until is None:
        return 0
    left = (until - office_clock.now()).total_seconds()
    return max(0, int(left + 0.999))


def _wrong(wait: int) -> SignInRefused:
    if wait:
        return SignInRefused(f"登录名或密码不正确。请等待 {wait} 秒后再试", f"wrong name or password. Try again in "
                             f"{wait} s", wait=wait, code="wrong_password")
    return SignInRefused("登录名或密码不正确", "wrong name or password", code="wrong_password")


def check_credentials(db: Database, name: str, password: str) -> Account:
    """The account if `password` is right; else SignInRefused, with the wait before the next try."""
    name = (name or "").strip()
    row = db.execute(f"SELECT {_COLS}, pw_hash, failed FROM account WHERE name = ?", [name]).fetchone()
    if row is None:
        verify_password(password, hash_password("-"))  # about the same time as a real check
        raise _wrong(0)
    left = wait_left(db, name)
    if left:
        raise SignInRefused(f"密码错误次数过多，请等待 {left} 秒后再试", f"too many wrong passwords: wait {left} s",
                            wait=left, code="wait")
    account, stored, failed = _account(row[:5]), row[5], row[6]
    if stored is None:
        raise SignInRefused("这个账号还没有密码，请负责人重设密码", "this account has no password: ask the head to "
                            "reset it", code="no_password")
    if not verify_password(password or "", stored):
        failed += 1
        wait = delay_after(failed)
        until = (office_clock.now() + dt.timedelta(seconds=wait)).isoformat(timespec="seconds") if wait else None
        with db.atomic():
            db.execute("UPDATE account SET failed = ?, wait_until = ? WHERE id = ?", [failed, until, account.id])
        raise _wrong(wait)
    if failed:
        with db.atomic():
            db.execute("UPDATE account SET failed = 0, wait_until = NULL WHERE id = ?", [account.id])
    return account


def sign_in(db: Database, name: str, password: str) -> Account:
    """Check the password and make the account this program's signed-in person."""
    account = check_credentials(db, name, password)
    set_current(account)
    return account


# -- the head's recovery code ------------------------------------------------------------------
# A one-person office whose only head forgets her password had no way back in: a clerk may not reset it, the
# command line asks for a head, and restoring a backup is the head's. The recovery code is shown once when
# the head's account is made (and again whenever a head asks for a new one), to be written down and kept
# in the office's safe, like a bank card's PIN letter. With it, a head's password can be set again at the
# sign-in screen or with `accounts recover`; it is then used up and a new one is shown. A clerk sharing the
# computer (and its OS login) cannot do that without the paper.
RECOVERY_DIGITS = 20


def _recovery_text(code: str) -> str:
    """The digits of a typed code (spaces, dashes and full-width digits from a Chinese IME allowed)."""
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKC", code or "") if c.isdigit())


def has_recovery_code(db: Database) -> bool:
    return bool(_setting(db, RECOVERY_KEY))


def new_recovery_code(db: Database) -> str:
    """Make (or make again) the recovery code; returns it, grouped by four, to be shown once. The head's."""
    require_head(db, "生成负责人恢复码", "make a recovery code")
    import secrets
    digits = "".join(secrets.choice("0123456789") for _ in range(RECOVERY_DIGITS))
    with db.atomic():
        _set(db, RECOVERY_KEY, hash_password(digits))
    return "-".join(digits[i:i + 4] for i in range(0, RECOVERY_DIGITS, 4))


def recover_head(db: Database, name: str, code: str, new_password: str) -> tuple[Account, str]:
    """Set a head's forgotten password with the recovery code; returns the account and the NEW recovery code
    (the one typed is used up). Refused for a clerk's account (the head resets those) or a wrong code."""
    account = get_account(db, name)
    if not account.is_head:
        raise ValidationError("恢复码只用于负责人账号；经办人的密码请负责人重设", "the recovery code is for a head's "
                              "account; a clerk's password is reset by the head", code="not_head", field="name")
    _check_password(new_password)
    stored = _setting(db, RECOVERY_KEY)
    if not stored:
        raise ValidationError("这台电脑上还没有生成恢复码", "no recovery code was made on this computer",
                              code="no_recovery_code", field="code")
    if not verify_password(_recovery_text(code), stored):
        raise ValidationError("恢复码不正确", "wrong recovery code", code="wrong_code", field="code")
    digest = hash_password(new_password)
    with db.atomic():
        db.execute("UPDATE account SET pw_hash = ?, failed = 0, wait_until = NULL, changed_at = ? WHERE id = ?",
                   [digest, office_clock.now_text(), account.id])
    with acting(account):
        return account, new_recovery_code(db)


# -- copies that leave the PC ---------------------------------------------------------------
def scrub_copy(path) -> None:
    """Wipe the password hashes from a copy of the database written outside the data folder (a
    backup on a USB stick): the accounts stay (names and roles), nobody can sign in with it until a
    head account is made again on the PC it is restored on (`needs_first_head`)."""
    conn = sqlite3.connect(str(path), isolation_level=None)
    try:
        has = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'account'").fetchone()
        if not has:
            return
        conn.execute("PRAGMA secure_delete = ON")
        conn.execute("UPDATE account SET pw_hash = NULL")
        conn.execute("DELETE FROM setting WHERE key = ?", [RECOVERY_KEY])
        conn.execute("VACUUM")
    finally:
        conn.close()


def enabled_in_file(path) -> bool:
    """Are accounts on in the database at `path`? Read without opening it for writing (the window's
    start decides whether to show anything before the sign-in)."""
    from .paths import read_only_uri
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?", [ENABLED_KEY]).fetchone()
        return bool(row and row[0] == "1")
    except sqlite3.Error:
        return False
    finally:
        conn.close()
