"""Staff accounts (db.accounts): hashes, roles, the growing wait after wrong passwords, the last head,
who made each change, and hashes that never leave the PC."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from db import accounts
from db import today as office_clock
from db.accounts import CLERK, HEAD, NotAllowed, SignInRefused
from db.backup import backup
from db.errors import ValidationError
from db.write import writing

T0 = dt.datetime(2026, 11, 25, 9, 0, 0)


@pytest.fixture(autouse=True)
def nobody_signed_in():
    accounts.sign_out()
    yield
    accounts.sign_out()


@pytest.fixture
def office(core_db):
    """Accounts on: a head (张主任) and a clerk (李芳), nobody signed in."""
    head = accounts.create_account(core_db, "zhang", "head-pass-1", role=HEAD, display_name="张主任")
    with accounts.acting(head):
        accounts.create_account(core_db, "li", "clerk-pass-1", role=CLERK, display_name="李芳")
        accounts.set_enabled(core_db, True)
    return core_db


def test_off_by_default_and_a_one_person_office_needs_nothing(core_db):
    assert not accounts.enabled(core_db)
    assert accounts.is_head(core_db)            # nobody signed in, and everything is allowed
    accounts.require_head(core_db, "定稿", "finalize")
    assert accounts.needs_first_head(core_db)
    with pytest.raises(ValidationError) as e:
        accounts.set_enabled(core_db, True)     # no head yet
    assert e.value.code == "no_head"
    with pytest.raises(ValidationError):
        accounts.create_account(core_db, "li", "clerk-pass-1", role=CLERK)   # the head's account comes first


def test_password_hash_is_salted_scrypt_with_its_parameters(office):
    stored = {n: h for n, h in office.execute("SELECT name, pw_hash FROM account")}
    assert len(stored) == 2
    for digest in stored.values():
        scheme, n, r, p, salt, key = digest.split("$")
        assert (scheme, n, r, p) == ("scrypt", str(2 ** 14), "8", "1")
        assert "head-pass-1" not in digest and "clerk-pass-1" not in digest
    assert stored["zhang"].split("$")[4] != stored["li"].split("$")[4]      # a salt of its own
    assert accounts.hash_password("same-pass") != accounts.hash_password("same-pass")
    assert accounts.verify_password("head-pass-1", stored["zhang"])
    assert not accounts.verify_password("head-pass-2", stored["zhang"])
    assert not accounts.verify_password("x", "scrypt$garbage")


def test_sign_in_and_roles(office):
    clerk = accounts.sign_in(office, "LI", "clerk-pass-1")          # the name ignores case
    assert accounts.current() == clerk and clerk.role == CLERK and clerk.display_name == "李芳"
    assert not accounts.is_head(office)
    with pytest.raises(NotAllowed) as e:
        accounts.require_head(office, "定稿会议纪要", "finalize minutes")
    assert "只有负责人" in e.value.message_zh and "李芳" in e.value.message_zh
    with pytest.raises(NotAllowed):
        accounts.reset_password(office, "zhang", "taken-over")
    with pytest.raises(NotAllowed):
        accounts.set_enabled(office, False)
    accounts.sign_out()
    with pytest.raises(NotAllowed) as e:
        accounts.require_head(office, "定稿会议纪要", "finalize minutes")
    assert "--user" in e.value.message_zh
    head = accounts.sign_in(office, "zhang", "head-pass-1")
    assert head.is_head and accounts.is_head(office)


def test_wrong_passwords_wait_longer_each_time_and_a_restart_does_not_reset_it(office, tmp_path):
    with office_clock.pinned(T0):
        for _ in range(accounts.FREE_TRIES - 1):
            with pytest.raises(SignInRefused) as e:
                accounts.sign_in(office, "li", "wrong-one")
            assert e.value.wait == 0
        with pytest.raises(SignInRefused) as e:
            accounts.sign_in(office, "li", "wrong-one")
        assert e.value.wait == accounts.FIRST_DELAY
        # during the wait even the right password is not looked at
        with pytest.raises(SignInRefused) as e:
            accounts.sign_in(office, "li", "clerk-pass-1")
        assert e.value.code == "wait" and e.value.wait == accounts.FIRST_DELAY
    # a restart: a new connection to the same file still waits
    path = office.execute("PRAGMA database_list").fetchone()[2]
    again = sqlite3.connect(path)
    from sqlite_utils import Database
    with office_clock.pinned(T0 + dt.timedelta(seconds=2)):
        assert accounts.wait_left(Database(again), "li") == accounts.FIRST_DELAY - 2
    again.close()
    with office_clock.pinned(T0 + dt.timedelta(seconds=accounts.FIRST_DELAY)):
        with pytest.raises(SignInRefused) as e:
            accounts.sign_in(office, "li", "wrong-again")
        assert e.value.wait == 2 * accounts.FIRST_DELAY                     # growing
    with office_clock.pinned(T0 + dt.timedelta(seconds=3 * accounts.FIRST_DELAY)):
        assert accounts.sign_in(office, "li", "clerk-pass-1").name == "li"
        assert office.execute("SELECT failed, wait_until FROM account WHERE name = 'li'").fetchone() == (0, None)
    assert accounts.delay_after(100) == accounts.MAX_DELAY


def test_unknown_name_is_told_like_a_wrong_password(office):
    with pytest.raises(SignInRefused) as e:
        accounts.sign_in(office, "nobody", "whatever")
    assert e.value.code == "wrong_password" and "登录名或密码不正确" in e.value.message_zh


def test_head_resets_a_forgotten_password_and_clears_the_wait(office):
    with office_clock.pinned(T0):
        for _ in range(accounts.FREE_TRIES + 1):
            with pytest.raises(SignInRefused):
                accounts.sign_in(office, "li", "forgotten")
        assert accounts.wait_left(office, "li") > 0
        with accounts.acting(accounts.get_account(office, "zhang")):
            with pytest.raises(ValidationError):
                accounts.reset_password(office, "li", "short")
            accounts.reset_password(office, "li", "new-pass-22")
        assert accounts.wait_left(office, "li") == 0
        assert accounts.sign_in(office, "li", "new-pass-22").name == "li"
        with pytest.raises(SignInRefused):
            accounts.sign_in(office, "li", "clerk-pass-1")


def test_the_last_head_cannot_be_deleted_or_made_a_clerk(office):
    head = accounts.get_account(office, "zhang")
    with accounts.acting(head):
        with pytest.raises(ValidationError) as e:
            accounts.set_role(office, "zhang", CLERK)
        assert e.value.code == "last_head"
        with pytest.raises(ValidationError):
            accounts.delete_account(office, "zhang")          # herself, and the last head
        accounts.set_role(office, "li", HEAD)                  # a second head: now the first may step down
        accounts.set_role(office, "zhang", CLERK)
    with accounts.acting(accounts.get_account(office, "li")):
        with pytest.raises(ValidationError) as e:
            accounts.set_role(office, "li", CLERK)
        assert e.value.code == "last_head"
        accounts.delete_account(office, "zhang")
    assert [a.name for a in accounts.list_accounts(office)] == ["li"]


def test_names_are_unique_and_checked(office):
    with accounts.acting(accounts.get_account(office, "zhang")):
        with pytest.raises(ValidationError) as e:
            accounts.create_account(office, "Li", "another-pass", display_name="另一个李芳")
        assert e.value.code == "name_taken"
        with pytest.raises(ValidationError):
            accounts.create_account(office, "", "another-pass")
        with pytest.raises(ValidationError):
            accounts.create_account(office, "wang", "another-pass", role="boss")


def test_every_change_log_entry_names_who_made_it(office, group_id):
    clerk = accounts.sign_in(office, "li", "clerk-pass-1")
    with writing(office) as w:
        w.update("liaison_group", group_id, {"name": "新华路街道第一委员联络组"})
    accounts.sign_out()
    with writing(office) as w:
        w.update("liaison_group", group_id, {"name": "新华路街道委员联络组"})
    rows = office.execute("SELECT actor FROM change_log WHERE row_id = ? AND fields = 'name' ORDER BY seq",
                          [group_id]).fetchall()
    assert rows == [(clerk.display_name,), (None,)]


def test_head_only_functions_in_db_refuse_a_clerk(office):
    from db import scoring
    from db.sync import keys
    with accounts.acting(accounts.get_account(office, "li")):
        with pytest.raises(NotAllowed):
            scoring.save_rules(office, 2026, {})
        with pytest.raises(NotAllowed):
            keys.revoke(office, "ABCD-EFGH", "电脑丢失")
        with pytest.raises(NotAllowed):
            keys.trust(office, "ABCD-EFGH")


def test_a_backup_leaving_the_data_folder_holds_no_hash(office, tmp_path_factory):
    db_path = office.execute("PRAGMA database_list").fetchone()[2]
    with accounts.acting(accounts.get_account(office, "zhang")):
        accounts.new_recovery_code(office)                    # nor the recovery code's
    hashes = [h for (h,) in office.execute("SELECT pw_hash FROM account")]
    hashes.append(office.execute("SELECT value FROM setting WHERE key = ?", [accounts.RECOVERY_KEY]).fetchone()[0])
    inside = backup(office, db_path)                          # the data folder's backups/: kept
    usb = tmp_path_factory.mktemp("usb-stick")
    outside = backup(office, db_path, folder=usb)
    assert any(h.split("$")[-1].encode() in inside.read_bytes() for h in hashes)
    data = outside.read_bytes()
    for h in hashes:
        for part in h.split("$")[-2:]:
            assert part.encode() not in data
    copy = sqlite3.connect(outside)
    assert copy.execute("SELECT name, pw_hash FROM account ORDER BY name").fetchall() == [("li", None), ("zhang", None)]
    copy.close()


def _cli(*args, password=None, new_password=None):
    import os
    import subprocess
    import sys
    env = {k: v for k, v in os.environ.items() if not k.startswith("LIAISON_DESK_") or k == office_clock.ENV}
    if password is not None:
        env["LIAISON_DESK_PASSWORD"] = password
    if new_password is not None:
        env["LIAISON_DESK_NEW_PASSWORD"] = new_password
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       env=env, timeout=120, stdin=subprocess.DEVNULL)
    assert "Traceback" not in p.stderr, p.stderr
    return p


def test_command_line_user_for_the_heads_commands(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert _cli("init", "--db", db, "--city", "贵阳市政协").returncode == 0
    p = _cli("accounts", "add", "wang", "--role", "head", "--full-name", "王主任", "--db", db,
             new_password="head-pass-1")
    assert p.returncode == 0, p.stderr
    p = _cli("accounts", "on", "--db", db)
    assert p.returncode == 1 and "--user" in p.stderr                   # the head must confirm it
    assert _cli("accounts", "on", "--user", "wang", "--db", db, password="head-pass-1").returncode == 0
    p = _cli("accounts", "add", "li", "--full-name", "李芳", "--db", db, new_password="clerk-pass-1")
    assert p.returncode == 1 and "负责人" in p.stderr                     # nobody signed in
    p = _cli("accounts", "add", "li", "--full-name", "李芳", "--user", "wang", "--db", db,
             password="head-pass-1", new_password="clerk-pass-1")
    assert p.returncode == 0, p.stderr
    p = _cli("accounts", "list", "--user", "wang", "--db", db, password="head-pass-1")
    assert p.returncode == 0 and "李芳" in p.stdout and "经办人" in p.stdout
    assert "scrypt" not in p.stdout and "pass-1" not in p.stdout + p.stderr
    # a clerk: refused the head's commands, in db (restore goes through its own connection)
    assert _cli("backup", "--db", db).returncode == 0
    backup_file = _cli("backup", "--db", db, "--list").stdout.split()[-1]
    p = _cli("restore", backup_file, "--user", "li", "--db", db, password="clerk-pass-1")
    assert p.returncode == 1 and "只有负责人" in p.stderr
    p = _cli("restore", backup_file, "--db", db)
    assert p.returncode == 1 and "--user" in p.stderr
    assert _cli("restore", backup_file, "--user", "wang", "--db", db, password="head-pass-1").returncode == 0
    # a wrong password, and no password at all without a terminal
    p = _cli("accounts", "list", "--user", "wang", "--db", db, password="wrong")
    assert p.returncode == 1 and "登录名或密码不正确" in p.stderr
    p = _cli("accounts", "list", "--user", "wang", "--db", db)
    assert p.returncode == 1 and "LIAISON_DESK_PASSWORD" in p.stderr
