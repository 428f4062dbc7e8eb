"""履职积分: rules as the city's data (synced down, read-only elsewhere) and scores explained line by line."""

from __future__ import annotations

import pytest

from db import scoring
from db.database import open_database
from db.offices import add_office, create_city
from db.permissions import NotPermitted
from db.sync.export import export_package
from db.sync.importer import import_path
from db.sync.keys import trust
from db.sync.setup import init_from_setup, make_setup_file
from db.write import writing

DB = "liaison-desk.sqlite3"
CODES = {"C": "520100", "D1": "520102", "T1": "520102001"}


# -- a small world: one group, three members, a year of records --------------------------------
@pytest.fixture
def world(core_db, refs, group_id):
    db = core_db
    city = db.execute("SELECT office_id FROM node_state").fetchone()[0]
    with writing(db) as w:
        a, b, c = (w.insert("member", {"name": n}, office_id=city) for n in ("甲委员", "乙委员", "丙委员"))
        for m in (a, b, c):
            w.insert("membership", {"group_id": group_id, "member_id": m}, office_id=city)
        mk = refs["meeting_kind"]["consultation"]
        meetings = []
        for i in range(12):
            mid = w.insert("meeting", {"group_id": group_id, "kind_id": mk, "topic": f"协商会{i}",
                                       "starts_at": f"2026-{i + 1:02d}-10T09:00", "state": "final"}, office_id=city)
            meetings.append(mid)
            w.insert("attendance", {"meeting_id": mid, "member_id": a, "status": "present"}, office_id=city)
            w.insert("attendance", {"meeting_id": mid, "member_id": b,
                                    "status": "absent" if i < 2 else "leave" if i < 4 else "present"},
                     office_id=city)
        w.insert("speech", {"meeting_id": meetings[0], "member_id": a, "summary": "发言"}, office_id=city)
        vk = refs["visit_kind"]
        for kind, day in (("reception", "2026-03-01"), ("joint", "2026-04-01")):
            v = w.insert("visit", {"group_id": group_id, "kind_id": vk[kind], "visit_date": day, "place": "委员之家"},
                         office_id=city)
            w.insert("visit_member", {"visit_id": v, "member_id": c}, office_id=city)
        for i in range(8):       # many plain reports: the number of reports is capped
            w.insert("opinion_report", {"title": f"报送{i}", "reporter_id": c, "collected_on": "2026-05-01",
                                        "state": "submitted"}, office_id=city)
        w.insert("opinion_report", {"title": "联名建议", "reporter_id": a, "reporter_name": "甲委员、乙委员",
                                    "collected_on": "2026-06-01", "state": "instructed",
                                    "instruction": "请有关部门研究办理"}, office_id=city)
        w.insert("opinion_report", {"title": "还在起草", "reporter_id": b, "collected_on": "2026-06-01",
                                    "state": "drafted"}, office_id=city)
    return {"a": a, "b": b, "c": c}


def test_default_rules_apply_until_the_city_sets_some(core_db):
    rules = scoring.rules_in_force(core_db, 2026)
    assert rules.is_default and rules["absent"] == -5 and rules["leave"] == 0
    assert sum(rules[f"cap_{c}"] for c in ("meetings", "visits", "opinions", "followups")) == 100
    # quality over quantity: adoption and instruction earn more than a report
    assert rules["report_instructed"] > rules["report_adopted"] > rules["report_written"]
    scoring.save_rules(core_db, 2025, {**rules.values, "absent": -3})
    assert scoring.rules_in_force(core_db, 2024).is_default
    assert scoring.rules_in_force(core_db, 2026)["absent"] == -3          # in force from 2025 on
    assert scoring.rule_years(core_db) == [2025]


def test_a_wrong_rule_set_is_refused_whole(core_db):
    bad = {**scoring.DEFAULT.values, "grade_good": 90}
    with pytest.raises(scoring.RuleError, match="优秀 > 良好 > 合格"):
        scoring.save_rules(core_db, 2026, bad)
    with pytest.raises(scoring.RuleError, match="无故缺席"):
        scoring.save_rules(core_db, 2026, {**scoring.DEFAULT.values, "absent": 5})
    assert core_db.execute("SELECT count(*) FROM scoring_rule").fetchone()[0] == 0


def test_scores_follow_the_rules_and_explain_every_line(core_db, world):
    scores = {s.member_id: s for s in scoring.score_members(core_db, 2026)}
    a, b, c = (scores[world[k]] for k in "abc")
    # 甲: 12 meetings × 3 = 36 + a speech 2 = 38, capped at 30; joint instructed report, 60 % of 2+6+10
    assert a.category("meetings").earned == 38 and a.category("meetings").counted == 30
    assert a.category("opinions").counted == pytest.approx(10.8)
    assert a.total == pytest.approx(40.8)
    text = "\n".join(a.explanation())
    assert "超过上限 30 分" in text and "第一作者，得 60%" in text and "联名建议" in text
    # 乙: 8 meetings, 2 absences −10, leave costs nothing; co-author 40 % of 18; the draft earns nothing
    assert b.category("discipline").counted == -10
    assert b.category("opinions").counted == pytest.approx(7.2)
    assert b.total == pytest.approx(24 + 7.2 - 10)
    assert [ln.item for ln in b.lines].count("leave") == 2
    assert "还在起草" not in "\n".join(b.explanation())
    # 丙: 8 submitted reports = 16 points, capped at 10 for the number; visits 3 + 4
    assert c.category("opinions").counted == 10
    assert c.category("visits").counted == 7
    assert "重质量" in "\n".join(c.explanation())
    assert c.grade_zh == "不合格" and "Fail" in c.explanation("en")[-1]


def test_changed_rules_change_the_scores(core_db, world):
    values = {**scoring.DEFAULT.values, "absent": -10, "cap_meetings": 40}
    scoring.save_rules(core_db, 2026, values)
    b = scoring.score_member(core_db, world["b"], 2026)
    assert b.category("discipline").counted == -20 and b.category("meetings").counted == 24


# -- the rules travel from the city to a township ----------------------------------------------
def _exchange(frm, to_db, to_code, folder) -> None:
    rep = import_path(to_db, export_package(frm, to_code, folder).path)[0]
    if rep.status == "refused" and rep.code == "untrusted_key":
        trust(to_db, rep.fingerprint)
        rep = import_path(to_db, export_package(frm, to_code, folder).path)[0]
    assert rep.status == "applied", rep.text()


@pytest.fixture
def network(tmp_path):
    for n in CODES:
        (tmp_path / n).mkdir()
    c = open_database(tmp_path / "C" / DB)
    city = create_city(c, "贵阳市政协", CODES["C"])
    d1 = add_office(c, code=CODES["D1"], name="南明区政协", level="district", parent_id=city, by_office=city)
    add_office(c, code=CODES["T1"], name="新华路街道", level="township", parent_id=d1, by_office=city)
    carry = tmp_path / "carry"
    carry.mkdir()
    sf = make_setup_file(c, CODES["D1"], carry)
    init_from_setup(tmp_path / "D1" / DB, sf.path, sf.passcode)
    d = open_database(tmp_path / "D1" / DB)
    _exchange(d, c, CODES["C"], carry)
    sf = make_setup_file(d, CODES["T1"], carry)
    init_from_setup(tmp_path / "T1" / DB, sf.path, sf.passcode)
    t = open_database(tmp_path / "T1" / DB)
    _exchange(t, d, CODES["D1"], carry)
    _exchange(d, t, CODES["T1"], carry)
    yield c, d, t, carry
    for x in (c, d, t):
        x.conn.close()


def test_a_rule_the_city_changes_reaches_a_township_by_ordinary_sync(network):
    c, d, t, carry = network
    assert scoring.rules_in_force(t, 2026)["absent"] == -5
    scoring.save_rules(c, 2026, {**scoring.DEFAULT.values, "absent": -8, "report_adopted": 9},
                       {"absent": "2026 年起无故缺席每次扣 8 分"})
    _exchange(c, d, CODES["D1"], carry)          # the city's package to the district …
    _exchange(d, t, CODES["T1"], carry)          # … and the district's to the township
    rules = scoring.rules_in_force(t, 2026)
    assert rules.year == 2026 and rules["absent"] == -8 and rules["report_adopted"] == 9
    assert rules.notes["absent"] == "2026 年起无故缺席每次扣 8 分"
    assert scoring.rules_in_force(d, 2026)["absent"] == -8


def test_only_the_city_may_change_the_rules(network):
    c, d, t, carry = network
    for db in (d, t):
        with pytest.raises(NotPermitted, match="履职积分规则由市政协维护"):
            scoring.save_rules(db, 2026, dict(scoring.DEFAULT.values))
        assert db.execute("SELECT count(*) FROM scoring_rule").fetchone()[0] == 0


def test_many_members_are_scored_from_the_years_records_with_the_same_result(core_db, world, monkeypatch):
    few = scoring.score_members(core_db, 2026)
    monkeypatch.setattr(scoring, "MEMBER_DRIVEN", 0)       # as for a district or the city
    assert scoring.score_members(core_db, 2026) == few


def test_a_township_set_up_later_starts_with_the_rules_in_force(network, tmp_path):
    c, d, _t, carry = network
    scoring.save_rules(c, 2026, {**scoring.DEFAULT.values, "absent": -6})
    city = c.execute("SELECT office_id FROM node_state").fetchone()[0]
    d1 = c.execute("SELECT id FROM office WHERE code = ?", [CODES["D1"]]).fetchone()[0]
    add_office(c, code="520102002", name="中华南路街道", level="township", parent_id=d1, by_office=city)
    _exchange(c, d, CODES["D1"], carry)
    sf = make_setup_file(d, "520102002", carry)
    (tmp_path / "T2").mkdir()
    init_from_setup(tmp_path / "T2" / DB, sf.path, sf.passcode)
    t2 = open_database(tmp_path / "T2" / DB)
    try:
        assert scoring.rules_in_force(t2, 2026)["absent"] == -6
    finally:
        t2.conn.close()
