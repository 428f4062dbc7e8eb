"""Who made a change travels with it (change_log.actor): a township clerk's change shows her name in the
district's and the city's history after sync; the accounts and their password hashes never leave the PC
(not in a package, not in a setup file); a change made without sign-in, and a package in the older form
without the field, still import."""

from __future__ import annotations

import json

import pytest

from db import accounts
from db.history import LogFilter, operation_log, record_history
from db.sync.package import ChangesDecoder
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing


@pytest.fixture(autouse=True)
def nobody_signed_in():
    accounts.sign_out()
    yield
    accounts.sign_out()


def _staff(db):
    head = accounts.create_account(db, "wang", "head-pass-1", role=accounts.HEAD, display_name="王主任")
    with accounts.acting(head):
        clerk = accounts.create_account(db, "li", "clerk-pass-1", display_name="李芳")
        accounts.set_enabled(db, True)
    return head, clerk


def _hash_parts(db) -> list[bytes]:
    out = []
    for (h,) in db.execute("SELECT pw_hash FROM account"):
        out += [p.encode() for p in h.split("$")[-2:]]
    return out


def test_a_township_clerks_change_shows_her_name_at_the_district_and_the_city(net):
    town = net.db("T1")
    _staff(town)
    clerk = accounts.sign_in(town, "li", "clerk-pass-1")
    with writing(town) as w:
        fid = w.insert("follow_up", {"title": "督办：背街小巷整治", "state": "open"}, office_id=net.office("T1"))
    with writing(town) as w:
        w.update("follow_up", fid, {"reply": "已协调街道办"})
    accounts.sign_out()
    secrets = _hash_parts(town)
    assert secrets

    pkg = net.export("T1", "D1")
    data = pkg.read_bytes()
    assert not any(s in data for s in secrets)
    net.imp("D1", pkg)
    net.send("D1", "C")                                        # relayed unchanged to the city

    for office in ("D1", "C"):
        db = net.db(office)
        history = record_history(db, "follow_up", fid)
        assert [(c.action, c.actor) for c in history] == [("change", "李芳"), ("create", "李芳")], office
        assert {c.office_name for c in history} == {"新华路街道"}
        assert history[0].field_labels("zh") == ["答复"] or history[0].fields == ("reply",)
        # the accounts stayed at the township: no table rows, no log entry, no hash anywhere in the file
        assert db.execute("SELECT count(*) FROM account").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM change_log WHERE tbl = 'account'").fetchone()[0] == 0
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        raw = net.path(office).read_bytes()
        assert not any(s in raw for s in secrets)
    # the district's 操作日志 of its own office does not list the township's work; all offices' does
    d1 = net.db("D1")
    assert not [c for c in operation_log(d1, LogFilter(actor=clerk.display_name))]
    assert len(operation_log(d1, LogFilter(actor="李芳", office_only=False, table="follow_up"))) == 2


def test_a_change_without_sign_in_travels_as_an_older_package_did(net):
    town = net.db("T1")
    with writing(town) as w:
        fid = w.insert("follow_up", {"title": "督办：路灯维修", "state": "open"}, office_id=net.office("T1"))
    net.send("T1", "D1")
    [change] = record_history(net.db("D1"), "follow_up", fid)
    assert change.actor is None and change.action == "create"


def test_log_entries_with_and_without_the_person_decode():
    dec = ChangesDecoder()
    old = ["a1b2c3d4e5f60718", 1, "follow_up", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "*", 123]
    new = ["a1b2c3d4e5f60718", 2, "follow_up", "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", "reply", 124, "李芳"]
    dec.line(json.dumps({"k": "log", "e": [old, new]}))
    assert [e[6] for e in dec.entries] == [None, "李芳"]
    for bad in ([*new[:6], 5], [*new[:6], ""], [*new[:6], "x" * 41], [*new, "extra"]):
        with pytest.raises(ValueError):
            ChangesDecoder().line(json.dumps({"k": "log", "e": [bad]}))


def test_a_setup_file_carries_no_account(net, tmp_path):
    district = net.db("D1")
    _staff(district)
    secrets = _hash_parts(district)
    made = make_setup_file(district, "520102001", tmp_path)     # a new computer for 新华路街道
    assert not any(s in made.path.read_bytes() for s in secrets)
    target = tmp_path / "new" / "liaison-desk.sqlite3"
    init_from_setup(target, made.path, made.passcode)
    from db.database import open_database
    db = open_database(target)
    try:
        assert db.execute("SELECT count(*) FROM account").fetchone()[0] == 0
        assert not accounts.enabled(db)                          # the new office decides for itself
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.conn.close()
    assert not any(s in target.read_bytes() for s in secrets)
