"""Backups with the SQLite backup API: rotation, restore, and refusal of bad files."""

from __future__ import annotations

import pytest

from db.backup import backup, list_backups, restore
from db.errors import DatabaseProblem
from db.write import writing


def _path(db):
    return db.path


def test_backup_restore_round_trip_with_a_new_epoch(core_db):
    path = _path(core_db)
    saved = backup(core_db, path)
    epoch = core_db.execute("SELECT db_epoch FROM node_state").fetchone()[0]
    mid = core_db.execute("SELECT id FROM member").fetchone()[0]
    with writing(core_db) as w:
        w.update("member", mid, {"name": "改过的名字"})
    safety = restore(core_db, path, saved)
    assert core_db.execute("SELECT name FROM member WHERE id = ?", [mid]).fetchone()[0] == "王𠇔"
    assert core_db.execute("SELECT db_epoch FROM node_state").fetchone()[0] != epoch
    assert safety.exists() and safety != saved


def test_rotation_keeps_the_newest(core_db, tmp_path):
    folder = tmp_path / "bk"
    made = [backup(core_db, _path(core_db), folder=folder, keep=3) for _ in range(5)]
    kept = [b.path for b in list_backups(folder)]
    assert len(kept) == 3 and set(kept) == set(made[-3:])
    assert not list(folder.glob("*.part"))


def test_restore_refuses_a_damaged_backup_and_changes_nothing(core_db, tmp_path):
    bad = tmp_path / "bad.sqlite3"
    good = backup(core_db, _path(core_db), folder=tmp_path / "bk")
    bad.write_bytes(good.read_bytes()[:4096])
    names = core_db.execute("SELECT name FROM member").fetchall()
    with pytest.raises(DatabaseProblem):
        restore(core_db, _path(core_db), bad)
    assert core_db.execute("SELECT name FROM member").fetchall() == names


def test_backup_into_an_unwritable_folder_says_so(core_db, tmp_path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises((DatabaseProblem, OSError)):
        backup(core_db, _path(core_db), folder=blocker)


def _damaged_copy(core_db, tmp_path):
    """A copy of the database with a stretch of its pages overwritten, as a failing disk leaves it."""
    import random
    good = backup(core_db, _path(core_db), folder=tmp_path / "source")
    data = bytearray(good.read_bytes())
    rng = random.Random(1)
    for i in range(len(data) // 3, len(data) // 3 + 40_000):
        data[i] = rng.randrange(256)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(bytes(data))
    return damaged


def test_a_damaged_database_is_not_backed_up_over_the_good_backups(core_db, tmp_path):
    import sqlite3

    from sqlite_utils import Database
    folder = tmp_path / "bk"
    good = [backup(core_db, _path(core_db), folder=folder, keep=2) for _ in range(2)]
    damaged = _damaged_copy(core_db, tmp_path)
    db = Database(sqlite3.connect(str(damaged)))
    with pytest.raises(DatabaseProblem) as exc:
        backup(db, damaged, folder=folder, keep=2)
    assert exc.value.code == "database_damaged" and "已损坏" in exc.value.message_zh
    assert sorted(b.path for b in list_backups(folder)) == sorted(good)     # the good ones are kept
    assert not list(folder.glob("*.part"))


def test_check_reports_a_damaged_database_instead_of_failing(core_db, tmp_path):
    import sqlite3

    from sqlite_utils import Database

    from db.check import check_database
    damaged = _damaged_copy(core_db, tmp_path)
    rep = check_database(Database(sqlite3.connect(str(damaged))))
    assert not rep.ok and any("integrity" in p for p in rep.problems)


def test_a_backup_of_another_office_is_refused_by_an_installation_set_up_for_one(core_db, tmp_path):
    import sqlite3
    saved = backup(core_db, _path(core_db), folder=tmp_path / "bk")
    other = tmp_path / "other.sqlite3"
    other.write_bytes(saved.read_bytes())
    conn = sqlite3.connect(other)                                    # as if another office's data
    conn.execute("UPDATE node_state SET guard = 1")
    conn.execute("UPDATE office SET code = '520199', name = '别的机构' WHERE id = (SELECT office_id FROM node_state)")
    conn.execute("UPDATE node_state SET guard = 0")
    conn.commit()
    conn.close()
    before = core_db.execute("SELECT count(*) FROM member").fetchone()
    with pytest.raises(DatabaseProblem) as exc:
        restore(core_db, _path(core_db), other)
    assert exc.value.code == "other_office" and "冒用" in exc.value.message_zh
    assert core_db.execute("SELECT count(*) FROM member").fetchone() == before


def test_another_programs_sqlite_file_is_refused_untouched(tmp_path):
    import hashlib
    import sqlite3

    from db.database import open_database
    path = tmp_path / "someone-else.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseProblem) as exc:
        open_database(path)
    assert exc.value.code == "not_a_database"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == digest and sorted(p.name for p in tmp_path.iterdir()) == [
        "someone-else.sqlite3"]


def test_a_damaged_database_can_still_be_restored(core_db, tmp_path):
    """The safety copy before a restore is not checked (the damaged database is what is being
    replaced); a file the backup API cannot read is kept byte for byte."""
    import shutil
    import sqlite3

    from sqlite_utils import Database
    good = backup(core_db, _path(core_db), folder=tmp_path / "bk")
    damaged = _damaged_copy(core_db, tmp_path)
    live = tmp_path / "live" / "liaison-desk.sqlite3"
    live.parent.mkdir()
    shutil.copyfile(damaged, live)
    db = Database(sqlite3.connect(str(live)))
    safety = restore(db, live, good)
    assert safety.exists() and "before-restore" in safety.name
    db.conn.close()
    from db.check import check_database
    from db.database import open_database
    restored = open_database(live)
    assert check_database(restored).ok
    restored.conn.close()


def test_a_reinstalled_office_restores_its_own_backup(tmp_path):
    """Set up as the city again (a new office id, the same code): its old backup is its own."""
    from db.database import open_database
    from db.offices import create_city
    old = open_database(tmp_path / "old.sqlite3")
    create_city(old)
    saved = backup(old, tmp_path / "old.sqlite3", folder=tmp_path / "bk")
    old.conn.close()
    new = open_database(tmp_path / "new" / "liaison-desk.sqlite3")
    create_city(new)
    restore(new, tmp_path / "new" / "liaison-desk.sqlite3", saved)
    new.conn.close()


def test_check_stops_at_integrity_problems(tmp_path):
    """A few damaged bytes: integrity_check lists problems (rather than failing), and the checks
    after it, which could fail on the damaged pages, are not run."""
    import sqlite3

    from sqlite_utils import Database

    from db.check import check_database
    from db.database import open_database
    from db.offices import create_city
    db = open_database(tmp_path / "city.sqlite3")
    create_city(db)
    good = backup(db, tmp_path / "city.sqlite3", folder=tmp_path / "src")
    db.conn.close()
    data, page = good.read_bytes(), 4096
    for n in range(len(data) // page - 1, 1, -1):
        if data[n * page] != 0x0D:                                   # a table's leaf page
            continue
        damaged = bytearray(data)
        damaged[n * page + 8:n * page + 24] = b"\xff\xf0" * 8          # its cell pointers out of range
        path = tmp_path / f"damaged-{n}.sqlite3"
        path.write_bytes(bytes(damaged))
        try:
            listed = sqlite3.connect(path).execute("PRAGMA integrity_check").fetchall() != [("ok",)]
        except sqlite3.DatabaseError:
            continue                                                 # the other path, tested above
        if listed:
            break
    else:
        pytest.skip("no page gave a listed integrity problem")
    rep = check_database(Database(sqlite3.connect(str(path))))
    assert not rep.ok and rep.problems[0].startswith("integrity:")
    assert "其余检查已跳过" in rep.problems[-1]


def test_paths_with_hash_or_question_marks_are_opened_as_they_are(tmp_path):
    """An f-string "file:{path}" URI would cut `a#b/x.db` at the # and open (create) `a`."""
    from db.database import open_database
    from db.offices import create_city
    folder = tmp_path / "a#b?c"
    db = open_database(folder / "liaison-desk.sqlite3")
    create_city(db)
    saved = backup(db, folder / "liaison-desk.sqlite3")
    db.conn.close()
    db = open_database(folder / "liaison-desk.sqlite3")              # the foreign-file check reads it
    restore(db, folder / "liaison-desk.sqlite3", saved)
    db.conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a#b?c"]
