"""首页 (home page) figures: today and the coming week, overdue follow-ups, this month, last sync.

Every query walks an index (meeting.starts_at, visit.visit_date, follow_up(state, due_date),
opinion_report.collected_on), so the whole dashboard reads in a few milliseconds on a ten-year
city database. The functions need only `execute`, so start-up runs them on a plain sqlite3
connection before db.database is loaded (db.startup).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import today as office_clock
from .model import FOLLOWUP_STATES
from .revisions import latest_only

if TYPE_CHECKING:                      # annotations only
    from .connection import Database

OPEN_FOLLOWUP_STATES = tuple(s for s in FOLLOWUP_STATES if s != "closed")


@dataclass(frozen=True)
class AgendaEntry:
    """A meeting or a reception day (坐诊) in the coming days."""
    kind: str              # "meeting" | "reception"
    id: str
    date: str              # YYYY-MM-DD
    time: str | None       # HH:MM
    title: str             # meeting topic, or the visit's place
    group_name: str | None
    place: str | None
    state: str | None      # meeting state


@dataclass(frozen=True)
class OverdueFollowUp:
    id: str
    title: str
    lead_unit: str | None
    due_date: str
    days_overdue: int
    state: str
    group_name: str | None


@dataclass(frozen=True)
class MonthFigures:
    first_day: str
    meetings_held: int
    meetings_planned: int
    visits: int
    people_reached: int
    reports: int
    followups_closed: int
    followups_open: int


@dataclass(frozen=True)
class LastSync:
    at: str
    peer_office: str | None
    result: str
    peers: tuple[str, ...] = ()      # sent: every office a package went to in that run (the city's to each district)


@dataclass(frozen=True)
class Dashboard:
    today: str
    agenda: tuple[AgendaEntry, ...]
    overdue: tuple[OverdueFollowUp, ...]
    overdue_total: int
    month: MonthFigures
    last_sent: LastSync | None
    last_received: LastSync | None


def agenda(db: Database, today: dt.date, days: int = 7) -> list[AgendaEntry]:
    """Meetings (not cancelled; amended minutes once) and reception days from today through `days` days ahead."""
    first, end = today.isoformat(), (today + dt.timedelta(days=days + 1)).isoformat()
    out = [AgendaEntry("meeting", r[0], r[1][:10], r[1][11:16] or None, r[2], r[3], r[4], r[5])
           for r in db.execute(
               "SELECT m.id, m.starts_at, m.topic, g.name, m.place, m.state FROM meeting m "
               "LEFT JOIN liaison_group g ON g.id = m.group_id "
               "WHERE m.starts_at >= ? AND m.starts_at < ? AND m.deleted = 0 AND m.state <> 'cancelled' "
               f"AND {latest_only('m')}", [first, end]).fetchall()]
    out += [AgendaEntry("reception", r[0], r[1], r[2], r[3] or "", r[4], r[3], None)
            for r in db.execute(
                "SELECT v.id, v.visit_date, v.start_time, v.place, g.name FROM visit v "
                "JOIN reference_item k ON k.id = v.kind_id AND k.code = 'reception' "
                "LEFT JOIN liaison_group g ON g.id = v.group_id "
                "WHERE v.visit_date >= ? AND v.visit_date < ? AND v.deleted = 0", [first, end]).fetchall()]
    return sorted(out, key=lambda e: (e.date, e.time or "", e.kind, e.title))


def overdue_follow_ups(db: Database, today: dt.date, limit: int = 50) -> tuple[list[OverdueFollowUp], int]:
    """The most overdue open follow-ups first (at most `limit`), and how many there are."""
    marks = ", ".join("?" * len(OPEN_FOLLOWUP_STATES))
    where = f"f.state IN ({marks}) AND f.due_date < ? AND f.due_date IS NOT NULL AND f.deleted = 0"
    params = [*OPEN_FOLLOWUP_STATES, today.isoformat()]
    total = db.execute(f"SELECT count(*) FROM follow_up f WHERE {where}", params).fetchone()[0]
    rows = db.execute(
        f"SELECT f.id, f.title, f.lead_unit, f.due_date, f.state, g.name FROM follow_up f "
        f"LEFT JOIN liaison_group g ON g.id = f.group_id WHERE {where} ORDER BY f.due_date, f.rowid LIMIT ?",
        [*params, limit]).fetchall()
    items = [OverdueFollowUp(r[0], r[1], r[2], r[3], (today - dt.date.fromisoformat(r[3])).days, r[4], r[5])
             for r in rows]
    return items, total


def month_figures(db: Database, today: dt.date) -> MonthFigures:
    first = today.replace(day=1)
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    a, b = first.isoformat(), nxt.isoformat()
    held, planned = db.execute(
        "SELECT coalesce(sum(state IN ('held', 'draft', 'final')), 0), coalesce(sum(state = 'planned'), 0) "
        f"FROM meeting m WHERE starts_at >= ? AND starts_at < ? AND deleted = 0 AND {latest_only('m')}",
        [a, b]).fetchone()
    visits, people = db.execute(
        "SELECT count(*), coalesce(sum(people_reached), 0) FROM visit "
        "WHERE visit_date >= ? AND visit_date < ? AND deleted = 0", [a, b]).fetchone()
    reports = db.execute("SELECT count(*) FROM opinion_report WHERE collected_on >= ? AND collected_on < ? "
                         "AND deleted = 0", [a, b]).fetchone()[0]
    closed = db.execute("SELECT count(*) FROM follow_up WHERE state = 'closed' AND closed_on >= ? "
                        "AND closed_on < ? AND deleted = 0", [a, b]).fetchone()[0]
    marks = ", ".join("?" * len(OPEN_FOLLOWUP_STATES))
    still_open = db.execute(f"SELECT count(*) FROM follow_up WHERE state IN ({marks}) AND deleted = 0",
                            list(OPEN_FOLLOWUP_STATES)).fetchone()[0]
    return MonthFigures(a, held, planned, visits, people, reports, closed, still_open)


RUN_MINUTES = 30


def last_sync(db: Database, direction: str) -> LastSync | None:
    """The last successful package sent ("out") or read ("in"), from the sync history (made when the database
    opens, m0006: not probed per call)."""
    row = db.execute(
        "SELECT h.at, o.name, h.result FROM sync_history h LEFT JOIN office o ON o.id = h.peer_office_id "
        "WHERE h.direction = ? AND h.result IN ('written', 'applied') ORDER BY h.at DESC LIMIT 1",
        [direction]).fetchone()
    if row is None:
        return None
    if direction != "out":
        return LastSync(*row)
    # one 写入同步包 writes a package for each office chosen, one after the other: those written in the
    # RUN_MINUTES before the last one are taken as the same run
    since = (dt.datetime.fromisoformat(row[0]) - dt.timedelta(minutes=RUN_MINUTES)).isoformat(timespec="seconds")
    peers = tuple(n for (n,) in db.execute(
        "SELECT o.name FROM sync_history h JOIN office o ON o.id = h.peer_office_id WHERE h.direction = 'out' "
        "AND h.result = 'written' AND h.at >= ? GROUP BY o.id ORDER BY o.code", [since]))
    return LastSync(*row, peers=peers or ((row[1],) if row[1] else ()))


def dashboard(db: Database, today: dt.date | None = None, *, days: int = 7, overdue_limit: int = 50) -> Dashboard:
    today = today or office_clock.today()
    items, total = overdue_follow_ups(db, today, overdue_limit)
    return Dashboard(today.isoformat(), tuple(agenda(db, today, days)), tuple(items), total,
                     month_figures(db, today), last_sync(db, "out"), last_sync(db, "in"))
