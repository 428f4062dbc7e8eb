"""A small world for the work-record tests: a city office, two groups, members with roles, the
reference lists — built once per session and copied per test (tests import the fixtures)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass

import pytest

from db.database import open_database
from db.offices import create_city
from db.reference import id_by_code
from db.write import writing

MEMBERS = [  # name, role in group A, joined_on, left_on
    ("王𠇔", "convener", None, None),
    ("李䶮", "deputy", None, None),
    ("阿依古丽·买买提", "member", "2021-03-01", None),
    ("张三", "member", None, None),
    ("赵六", "member", None, "2020-01-01"),          # left the group long ago
]


@dataclass(frozen=True)
class World:
    office: str
    group: str
    other_group: str
    members: dict[str, str]                  # name → id
    outsider: str                            # a member of the other group only
    meeting_kind: dict[str, str]
    visit_kind: dict[str, str]
    guest_kind: dict[str, str]
    followup_category: dict[str, str]


def build(path) -> None:
    db = open_database(path)
    city = create_city(db, "贵阳市政协")
    with writing(db) as w:
        g = w.insert("liaison_group", {"name": "新华路街道委员联络组", "station_address": "新华路 1 号"})
        g2 = w.insert("liaison_group", {"name": "花果园街道委员联络组"})
        for name, role, joined, left in MEMBERS:
            m = w.insert("member", {"name": name})
            w.insert("membership", {"group_id": g, "member_id": m, "role": role, "joined_on": joined,
                                    "left_on": left})
        m = w.insert("member", {"name": "钱七"})
        w.insert("membership", {"group_id": g2, "member_id": m, "role": "convener"})
    assert city
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()


def load_world(db) -> World:
    office = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    groups = dict(db.execute("SELECT name, id FROM liaison_group").fetchall())
    members = dict(db.execute("SELECT name, id FROM member").fetchall())
    outsider = members.pop("钱七")
    return World(office, groups["新华路街道委员联络组"], groups["花果园街道委员联络组"], members, outsider,
                 id_by_code(db, "meeting_kind"), id_by_code(db, "visit_kind"), id_by_code(db, "guest_kind"),
                 id_by_code(db, "followup_category"))


@pytest.fixture(scope="session")
def records_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("records-template") / "template.sqlite3"
    build(path)
    return path


@pytest.fixture
def db(records_template, tmp_path):
    path = tmp_path / "liaison-desk.sqlite3"
    shutil.copy(records_template, path)
    database = open_database(path)
    yield database
    database.conn.close()


@pytest.fixture
def world(db) -> World:
    return load_world(db)
