"""Demo data: sizes, realism (names, states, dates), the write path, and the `demo` command."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import time

import pytest

from db import model
from db.check import check_database
from db.database import open_database
from db.demo import SIZES, Cancelled, generate, has_data
from db.errors import StateError, ValidationError
from db.search import count, search
from desktop.cli import main

TODAY = dt.date(2026, 11, 25)


@pytest.fixture(scope="module")
def township(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("demo") / "township.sqlite3")
    started = time.perf_counter()
    counts = generate(db, "township", seed=7, today=TODAY)
    db.seconds = time.perf_counter() - started
    db.counts = counts
    yield db
    db.conn.close()


def _scalar(db, sql, params=()):
    return db.execute(sql, params).fetchone()[0]


def test_township_size_generates_in_a_few_seconds(township):
    assert township.seconds < 10


def test_every_table_has_rows_and_the_counts_are_sane(township):
    c = township.counts
    assert set(c) == set(model.TABLES)
    assert [t for t, n in c.items() if n == 0] == []
    assert c["liaison_group"] == 2
    assert 10 <= c["member"] <= 40
    assert c["membership"] >= c["member"]
    assert 30 <= c["meeting"] <= 80                      # about one a month per group, two years
    assert 800 <= c["visit"] <= 1600
    assert c["visit_member"] >= c["visit"]
    assert c["attendance"] > 5 * c["meeting"]
    for t, n in c.items():
        assert _scalar(township, f"SELECT count(*) FROM {t}") == n


def test_names_include_minority_dotted_and_rare_characters(township):
    names = [r[0] for r in township.execute("SELECT name FROM member")]
    eth = {r[0] for r in township.execute(
        "SELECT r.code FROM member m JOIN reference_item r ON r.id = m.ethnicity_id")}
    assert {"miao", "buyei", "dong"} <= eth
    assert any("·" in n for n in names)
    assert any(ord(ch) > 0xFFFF for n in names for ch in n)          # CJK Extension B (𠇔)
    assert any(0x3400 <= ord(ch) <= 0x4DBF for n in names for ch in n)  # Extension A (䶮)
    assert all(2 <= len(n) <= 12 for n in names)


def test_attachment_rows_have_their_files(township):
    from db.attachments import verify_attachment
    ids = [r[0] for r in township.execute("SELECT id FROM attachment ORDER BY rowid LIMIT 50")]
    assert ids and all(verify_attachment(township, i) for i in ids)


def test_the_database_passes_its_check(township):
    rep = check_database(township)
    assert rep.problems == []


def test_rows_belong_to_the_township_that_runs_the_group(township):
    levels = {r[0] for r in township.execute(
        "SELECT o.level FROM liaison_group g JOIN office o ON o.id = g.office_id")}
    assert levels == {"township"}
    for table in ("meeting", "visit", "opinion_report", "follow_up"):
        wrong = _scalar(township, f"SELECT count(*) FROM {table} t JOIN liaison_group g ON g.id = t.group_id "
                                  "WHERE t.office_id != g.office_id")
        assert wrong == 0, table
    wrong = _scalar(township, "SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id "
                              "WHERE a.office_id != m.office_id")
    assert wrong == 0
    assert _scalar(township, "SELECT count(*) FROM member m JOIN office o ON o.id = m.office_id "
                             "WHERE o.level = 'township'") == 0


def test_search_finds_a_two_character_word_from_the_minutes(township):
    text = _scalar(township, "SELECT decision FROM agenda_item WHERE decision IS NOT NULL LIMIT 1")
    word = re.search(r"[\u4e00-\u9fff]{2}", text).group(0)
    expected = {r[0] for r in township.execute(
        "SELECT id FROM agenda_item WHERE deleted = 0 AND (title LIKE ? OR background LIKE ? OR decision LIKE ?)",
        [f"%{word}%"] * 3)}
    hits = search(township, word, tables=["agenda_item"], limit=100_000)
    assert {h.row_id for h in hits} == expected
    assert count(township, "养老") > 0


def test_dates_leave_upcoming_meetings_and_overdue_follow_ups_for_the_dashboard(township):
    today, week = TODAY.isoformat(), (TODAY + dt.timedelta(days=7)).isoformat()
    assert _scalar(township, "SELECT count(*) FROM meeting WHERE state = 'planned' AND starts_at > ? "
                             "AND starts_at < ?", [today, week]) >= 1
    assert _scalar(township, "SELECT count(*) FROM follow_up WHERE due_date < ? "
                             "AND state IN ('open', 'assigned', 'in_progress', 'reopened')", [today]) >= 1
    assert _scalar(township, "SELECT max(visit_date) FROM visit") <= today
    first = _scalar(township, "SELECT min(starts_at) FROM meeting")
    assert first >= (TODAY - dt.timedelta(days=2 * 366 + 31)).isoformat()   # whole months, two years
    assert _scalar(township, "SELECT count(*) FROM meeting WHERE state = 'planned' AND starts_at < ?", [today]) == 0


def test_minutes_have_speeches_by_members_who_were_present(township):
    bad = _scalar(township, """SELECT count(*) FROM speech s WHERE NOT EXISTS (
        SELECT 1 FROM attendance a WHERE a.meeting_id = s.meeting_id AND a.member_id = s.member_id
        AND a.status = 'present')""")
    assert bad == 0
    assert _scalar(township, "SELECT count(*) FROM attendance WHERE status = 'leave' AND reason IS NULL") == 0
    assert _scalar(township, "SELECT count(*) FROM attendance WHERE status = 'attending' "
                             "AND (guest_name IS NULL OR guest_unit IS NULL)") == 0


def test_every_follow_up_has_a_timeline_ending_in_its_state(township):
    rows = township.execute("""SELECT f.state, (SELECT e.to_state FROM state_event e WHERE e.subject_id = f.id
        ORDER BY e.at DESC, e.rowid DESC LIMIT 1) FROM follow_up f""").fetchall()
    assert rows and all(state == last for state, last in rows)


def test_larger_size_covers_every_state(tmp_path):
    db = open_database(tmp_path / "district.sqlite3")
    counts = generate(db, "district", seed=3, today=TODAY)
    assert counts["liaison_group"] == 25
    states = {r[0] for r in db.execute("SELECT DISTINCT state FROM meeting")}
    assert states == set(model.MEETING_STATES)
    states = {r[0] for r in db.execute("SELECT DISTINCT state FROM follow_up")}
    assert states == set(model.FOLLOWUP_STATES)
    states = {r[0] for r in db.execute("SELECT DISTINCT state FROM opinion_report")}
    assert states == set(model.REPORT_STATES)
    kinds = {r[0] for r in db.execute(
        "SELECT r.code FROM meeting m JOIN reference_item r ON r.id = m.kind_id")}
    assert kinds == {"consultation", "forum", "study", "inspection", "research", "proposal"}
    db.conn.close()


def _content(db):
    return ([r[0] for r in db.execute("SELECT name FROM member ORDER BY name")],
            [r[0] for r in db.execute("SELECT topic || starts_at FROM meeting ORDER BY starts_at, topic")])


def test_the_same_seed_gives_the_same_data(tmp_path):
    dbs = [open_database(tmp_path / f"{i}.sqlite3") for i in range(3)]
    for db, seed in zip(dbs, (5, 5, 6), strict=True):
        generate(db, "township", seed=seed, today=TODAY)
    assert _content(dbs[0]) == _content(dbs[1])
    assert _content(dbs[0]) != _content(dbs[2])


def test_progress_is_reported_and_cancel_stops(tmp_path):
    seen = []
    db = open_database(tmp_path / "p.sqlite3")
    generate(db, "township", seed=1, today=TODAY, progress=lambda d, t: seen.append((d, t)))
    assert seen[0][0] == 0 and seen[-1][0] == seen[-1][1]
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)
    db2 = open_database(tmp_path / "c.sqlite3")
    with pytest.raises(Cancelled):
        generate(db2, "township", seed=1, today=TODAY, cancel=lambda: len(seen) > 0)


def test_refuses_a_database_with_data_and_an_unknown_size(township, tmp_path):
    assert has_data(township)
    with pytest.raises(StateError):
        generate(township, "township", seed=1)
    empty = open_database(tmp_path / "e.sqlite3")
    assert not has_data(empty)
    with pytest.raises(ValidationError):
        generate(empty, "village", seed=1)
    assert set(SIZES) == {"township", "district", "city", "city-10y", "network"}


def test_demo_command_exit_codes(tmp_path, capsys):
    path = str(tmp_path / "cmd.sqlite3")
    assert main(["demo", "--size", "township", "--seed", "2", "--db", path]) == 0
    out = capsys.readouterr().out
    assert "visit" in out and "rows" in out
    assert main(["demo", "--size", "township", "--db", path]) == 1
    err = capsys.readouterr().err
    assert "已有数据" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--size", "huge", "--db", path])
    assert exc.value.code == 2
    assert main(["demo", "--edits", "3", "--db", path]) == 2
    assert main(["demo", "--size", "township", "--force", "--db", path]) == 0
    assert len(list((tmp_path / "backups").glob("*.sqlite3"))) == 1


def test_demo_simulate_parses_and_says_when_it_is_not_available(tmp_path, capsys):
    path = str(tmp_path / "sim.sqlite3")
    assert main(["demo", "--size", "township", "--db", path]) == 0
    rc = main(["demo", "simulate", "--edits", "3", "--seed", "1", "--db", path])
    if importlib.util.find_spec("db.sync.simulate") is None:
        assert rc == 1
        assert "not available" in capsys.readouterr().err
    else:
        assert rc == 0
    assert main(["demo", "simulate", "--size", "city", "--db", path]) == 2


def test_every_office_writes_its_own_rows_from_its_own_node(township):
    """A demo is a network that could have happened: each change's origin node belongs to an office that
    may write that row (SYNC.md's table), so setup files and packages made from it are accepted."""
    from db.sync.scope import OfficeTree
    tree = OfficeTree.load(township)
    city, own = township.execute("SELECT office_id, node_id FROM node_state").fetchone()
    offices = dict(township.execute("SELECT node_id, office_id FROM sync_node").fetchall())
    offices[own] = city
    have = dict(township.execute("SELECT origin, seq FROM sync_have").fetchall())
    origins = township.execute("SELECT origin, count(*), max(seq) FROM change_log GROUP BY origin").fetchall()
    assert len(origins) >= 3                # the city, the district (its members), the township
    for origin, n, top in origins:
        assert origin in offices
        assert n == top                     # gapless per node
        if origin != own:
            assert have[origin] == top      # what this database holds of each node
    bad = []
    for table in model.TABLES:
        cur = township.execute(f"SELECT * FROM {table}")
        names = [d[0] for d in cur.description]
        for values in cur:
            row = dict(zip(names, values, strict=True))
            writer = offices[row["_rc"].rpartition("@")[2]]
            if not tree.may_write(writer, table, row["office_id"], None, row):
                bad.append((table, tree.code[writer], tree.code[row["office_id"]]))
    assert bad == []
    # 交办 are written by their sender, their steps by whoever took them
    senders = township.execute("SELECT count(*) FROM assignment a WHERE substr(a._rc, 18) IN "
                               "(SELECT node_id FROM sync_node WHERE office_id = a.sender_office_id) "
                               "OR a.sender_office_id = ?", [city]).fetchone()[0]
    assert senders == township.execute("SELECT count(*) FROM assignment").fetchone()[0] > 0


OUTREACH = ("SELECT count(*) FROM visit v JOIN reference_item k ON k.id = v.kind_id "
            "WHERE k.code != 'reception' AND v.deleted = 0 ")


def test_outreach_visits_spread_over_the_month(tmp_path):
    """Made early in a month, the month so far has about as many visits a day as any other month, not the
    whole month's piled on its first days (the home page's 本月走访接待 would look inflated)."""
    early = dt.date(2026, 11, 4)
    db = open_database(tmp_path / "early.sqlite3")
    generate(db, "township", seed=3, today=early)

    def per_day(first: str, last: str) -> float:
        n = _scalar(db, OUTREACH + "AND v.visit_date BETWEEN ? AND ?", [first, last])
        return n / ((dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1)
    earlier = per_day("2026-05-01", "2026-10-31")
    assert earlier > 0.3
    assert per_day("2026-11-01", early.isoformat()) < 2.5 * earlier
    busiest = db.execute(OUTREACH.replace("count(*)", "v.visit_date, count(*) n") +
                         "GROUP BY v.visit_date ORDER BY n DESC LIMIT 1").fetchone()
    assert busiest[1] <= 8, busiest
    db.conn.close()


def test_demo_simulate_has_an_upper_bound_said_before_anything_is_written(tmp_path):
    """`demo simulate --edits 100000000` ran for minutes and grew the database past 110 MB."""
    import subprocess
    import sys
    path = tmp_path / "sim.sqlite3"
    assert main(["demo", "--size", "township", "--db", str(path)]) == 0
    before = path.read_bytes()
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "simulate", "--edits", "100000000", "--db",
                        str(path)], capture_output=True, text=True, timeout=60)
    assert p.returncode == 2, p.stdout
    assert "--edits 最多 50000" in p.stderr and "at most 50000" in p.stderr, p.stderr
    assert path.read_bytes() == before and not p.stdout
