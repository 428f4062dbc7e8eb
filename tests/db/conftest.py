"""Fixtures for the data core: a fresh city database per test, built from a template made once."""

from __future__ import annotations

import shutil

import pytest

from db.database import open_database
from db.offices import create_city
from db.reference import id_by_code
from db.write import writing


@pytest.fixture(scope="session")
def core_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("core-template") / "template.sqlite3"
    db = open_database(path)
    city = create_city(db, "贵阳市政协")
    with writing(db) as w:
        g = w.insert("liaison_group", {"name": "新华路街道委员联络组"}, office_id=city)
        m = w.insert("member", {"name": "王𠇔", "sex": "M", "phone": "13800000000"}, office_id=city)
        w.insert("membership", {"group_id": g, "member_id": m, "role": "convener"}, office_id=city)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    return path


@pytest.fixture
def core_db(core_template, tmp_path):
    path = tmp_path / "liaison-desk.sqlite3"
    shutil.copy(core_template, path)
    db = open_database(path)
    yield db
    db.conn.close()


@pytest.fixture
def refs(core_db):
    return {lst: id_by_code(core_db, lst) for lst in ("meeting_kind", "visit_kind", "sector", "ethnicity")}


@pytest.fixture
def group_id(core_db):
    return core_db.execute("SELECT id FROM liaison_group LIMIT 1").fetchone()[0]
