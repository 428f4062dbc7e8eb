"""The record lists' WHERE builder: empty filters add nothing, dates are checked everywhere."""

from __future__ import annotations

import pytest
import records_world

from db import followups, opinions, visits
from db.errors import ValidationError
from db.where import Where

records_template, db = records_world.records_template, records_world.db


def test_parts_and_parameters():
    w = Where("x.deleted = 0").equal("x.a", None).equal("x.b", "B").one_of("x.s", ()).one_of("x.s", ["p", "q"])
    w.since("x.d", "2026-01-05").until("x.d", "2026-01-31")
    assert w.build() == ("x.deleted = 0 AND x.b = ? AND x.s IN (?, ?) AND x.d >= ? AND x.d < ?",
                         ["B", "p", "q", "2026-01-05", "2026-02-01"])
    assert Where("1").text("", "x.id", "visit").build() == ("1", [])
    assert Where("1").text("……", "x.id", "visit").build() == ("1 AND 0", [])


@pytest.mark.parametrize("bad", ["2026-13-01", "下周", "2026-02-30", "2026/01/31"])
def test_a_malformed_date_is_refused_by_every_list(db, bad):
    for call in (lambda: visits.list_visits(db, visits.VisitFilter(date_from=bad)),
                 lambda: opinions.list_opinions(db, opinions.OpinionFilter(date_to=bad)),
                 lambda: followups.list_follow_ups(db, followups.FollowUpFilter(due_from=bad))):
        with pytest.raises(ValidationError) as exc:
            call()
        assert exc.value.code == "bad_date" and "2026-01-31" in exc.value.message_zh


def test_an_end_date_includes_its_whole_day():
    import sqlite3
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE m (starts_at TEXT)")
    conn.executemany("INSERT INTO m VALUES (?)", [("2026-03-04T23:59",), ("2026-03-05T09:30",), ("2026-03-05",),
                                                  ("2026-03-06T00:00",)])
    sql, params = Where("1").since("starts_at", "2026-03-05").until("starts_at", "2026-03-05").build()
    got = [r[0] for r in conn.execute(f"SELECT starts_at FROM m WHERE {sql} ORDER BY 1", params)]
    assert got == ["2026-03-05", "2026-03-05T09:30"]


def test_the_last_representable_day_has_no_upper_bound():
    assert Where("1").until("x.d", "9999-12-31").build() == ("1", [])
