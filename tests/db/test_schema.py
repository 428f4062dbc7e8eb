"""Migrations: a database made by the first migration upgrades in place, after a backup."""

from __future__ import annotations

import sqlite3

import pytest

from db import schema, search
from db.backup import list_backups
from db.database import connect, open_database
from db.errors import DatabaseProblem, NewerDatabase
from db.paths import backups_dir


def _first_version_database(path):
    db = connect(path)
    schema.migrations.apply(db, stop_before="m0002_search_index")
    # What version 1 of the application wrote: a city office and a meeting, through its write path.
    db.execute("INSERT INTO node_state (id, node_id, db_epoch, created_at, guard, seq, hlc) "
               "VALUES (1, 'aaaaaaaaaaaaaaaa', 'e1', '2026-01-01', 1, 2, 5)")
    rc = "0000000000000005@aaaaaaaaaaaaaaaa"
    db.execute("INSERT INTO office (id, office_id, code, name, level, _rc) VALUES ('o1', 'o1', '520100', "
               "'贵阳市政协', 'city', ?)", [rc])
    db.execute("INSERT INTO change_log VALUES ('aaaaaaaaaaaaaaaa', 1, 'office', 'o1', '*', 4)")
    db.execute("INSERT INTO change_log VALUES ('aaaaaaaaaaaaaaaa', 2, 'office', 'o1', 'name', 5)")
    db.execute("UPDATE node_state SET guard = 0")
    db.conn.close()


def test_first_migration_database_upgrades_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    _first_version_database(path)
    db = open_database(path)
    assert [m.name for m in schema.migrations.applied(db)] == [m.name for m in schema.migrations._migrations]
    assert [h.row_id for h in search.search(db, "贵阳")] == ["o1"]          # index built from old rows
    backups = list_backups(backups_dir(path))
    assert len(backups) == 1 and backups[0].reason == "before-upgrade"
    old = sqlite3.connect(backups[0].path)
    assert old.execute("SELECT name FROM office").fetchone()[0] == "贵阳市政协"
    assert not old.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_fts'").fetchone()


def test_a_current_database_opens_without_a_backup(tmp_path):
    path = tmp_path / "new.sqlite3"
    open_database(path).conn.close()
    open_database(path).conn.close()
    assert list_backups(backups_dir(path)) == []


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "newer.sqlite3"
    db = open_database(path)
    db.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
               "VALUES ('liaison_desk', 'm9999_future', '2030-01-01')")
    db.conn.close()
    with pytest.raises(NewerDatabase):
        open_database(path)


@pytest.mark.parametrize("content", [b"hello, not a database" * 100, b"SQLite format 3\x00" + b"\xff" * 2000])
def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path, content):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(content)
    with pytest.raises(DatabaseProblem):
        open_database(path)
    assert path.read_bytes() == content


def test_pragmas_wal_and_foreign_keys(tmp_path):
    db = open_database(tmp_path / "p.sqlite3")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_second_version_database_with_known_keys_gains_key_revocation(tmp_path):
    """Sync tables made by version 2 (no revoked_at): m0003 adds the columns, keys and trust kept."""
    from db.sync.keys import key_status, remember_key, revoke
    from db.sync.schema import TABLES_SQL
    path = tmp_path / "v2.sqlite3"
    db = connect(path)
    schema.migrations.apply(db, stop_before="m0003_key_revocation")
    db.execute("DROP INDEX idx_follow_up_state_closed_on")             # version 2 had no such index
    old_sql = [sql.replace(",\n        revoked_at TEXT, revoked_reason TEXT)", ")") for sql in TABLES_SQL]
    assert old_sql != list(TABLES_SQL)
    for sql in old_sql:
        db.execute(sql)
    db.execute("INSERT INTO sync_office_key (fingerprint, office_id, sign_public, box_public, status, first_seen_at) "
               "VALUES ('1' , 'o2', x'00', x'00', 'trusted', '2026-01-01')")
    db.conn.close()
    db = open_database(path)
    assert {"revoked_at", "revoked_reason"} <= {c.name for c in db["sync_office_key"].columns}
    assert key_status(db, "1") == ("trusted", "o2")
    fp = remember_key(db, "o2", b"s" * 32, b"b" * 32, node_id=None, status="trusted", source="test")
    revoke(db, fp, "更换电脑")
    assert key_status(db, fp) == ("revoked", "o2")
    assert [b.reason for b in list_backups(backups_dir(path))] == ["before-upgrade"]
    indexes = {r[1] for r in db.execute("PRAGMA index_list(follow_up)")}
    assert "idx_follow_up_state_closed_on" in indexes                                     # m0004 ran too


def test_a_demo_database_from_before_the_demo_setting_is_recognised(tmp_path):
    from db.demo import generate
    from db.permissions import is_demo
    path = tmp_path / "old-demo.sqlite3"
    db = open_database(path)
    generate(db, "township", seed=2)
    assert is_demo(db)
    db.execute("DELETE FROM setting WHERE key = 'demo'")                 # as version 4 made it:
    node = db.execute("SELECT node_id FROM node_state").fetchone()[0]     # the city's node wrote every row
    db.execute("UPDATE node_state SET guard = 1")
    db.execute("UPDATE meeting SET _rc = substr(_rc, 1, 17) || ?", [node])
    db.execute("UPDATE node_state SET guard = 0")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0005_mark_demo_databases'")
    db.conn.close()
    db = open_database(path)
    assert is_demo(db)
    db.conn.close()
    fresh = open_database(tmp_path / "real.sqlite3")                    # a real (empty or set-up) one is not
    assert not is_demo(fresh)


def test_an_upgraded_city_confirms_relayed_keys_and_a_demo_does_not(tmp_path):
    """m0016 (SECURITY.md R6d): a city of an older version takes the next township key it has never heard of
    only once confirmed by phone; the demo and a city whose person already chose are left alone."""
    from db.demo import generate
    from db.offices import create_city
    from db.sync.computers import CONFIRM_RELAYED, confirms_relayed_keys

    def as_before_m0016(path, setting=None):
        db = connect(path)
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm0016_city_confirms_relayed_keys'")
        db.execute("DELETE FROM setting WHERE key = ?", [CONFIRM_RELAYED])
        if setting is not None:
            db.execute("INSERT INTO setting (key, value) VALUES (?, ?)", [CONFIRM_RELAYED, setting])
        db.conn.close()
        return open_database(path)
    city = open_database(tmp_path / "city.sqlite3")
    create_city(city, "贵阳市政协", "520100")
    assert not confirms_relayed_keys(city)              # the library's create_city leaves it to the caller
    city.conn.close()
    assert confirms_relayed_keys(as_before_m0016(tmp_path / "city.sqlite3"))
    assert not confirms_relayed_keys(as_before_m0016(tmp_path / "city.sqlite3", setting="0"))
    demo = open_database(tmp_path / "demo.sqlite3")
    generate(demo, "township", seed=3)
    demo.conn.close()
    assert not confirms_relayed_keys(as_before_m0016(tmp_path / "demo.sqlite3"))
