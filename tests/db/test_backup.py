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
