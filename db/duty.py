"""Duty records (委员履职档案): derived, never typed — per member and year, what they did.

Meetings attended / on leave / absent (held meetings only, the latest revision of each),
speeches, visits (坐诊/出诊/会诊) taken part in, public-opinion reports written (and how many
were adopted), and follow-ups that came from those reports and visits. One grouped query per
kind of record, each on an index of its date, so a city-sized year takes a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from .connection import Database
from .revisions import latest_only
from .sortkey import name_key, text_key

HELD = ("held", "draft", "final")
ADOPTED = ("adopted", "instructed", "closed")


@dataclass(frozen=True)
class DutyRecord:
    member_id: str
    name: str
    sector: str | None
    sector_en: str | None
    groups: str | None          # names of the member's groups that year, joined with 、
    year: int
    meetings_attended: int
    leave: int
    absent: int
    speeches: int
    visits: int
    reports: int
    reports_adopted: int
    follow_ups: int

    @property
    def meetings_total(self) -> int:
        return self.meetings_attended + self.leave + self.absent

    @property
    def attendance_rate(self) -> float | None:
        """Share of the meetings the member was expected at that they attended (None: none expected)."""
        total = self.meetings_total
        return self.meetings_attended / total if total else None


def _span(year: int) -> list[str]:
    return [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]


def duty_years(db: Database) -> list[int]:
    """The years that have meetings or visits, newest first."""
    years: set[int] = set()
    for table, col in (("meeting", "starts_at"), ("visit", "visit_date")):
        lo, hi = db.execute(f"SELECT min({col}), max({col}) FROM {table} WHERE deleted = 0").fetchone()
        if lo and hi:
            years.update(range(int(lo[:4]), int(hi[:4]) + 1))
    return sorted(years, reverse=True)


def duty_records(db: Database, year: int, *, group_id: str | None = None,
                 offices: Collection[str] | None = None) -> list[DutyRecord]:
    """One record per member who belonged to a group that year or took part in anything (by name).
    With `group_id`, only that group's members; with `offices` (an office drilled down to and those below it), only
    the members of those offices' groups that year (counts still cover all the member's work)."""
    span = _span(year)
    counts: dict[str, list[int]] = {}

    def add(rows, *slots):
        for member_id, *values in rows:
            if member_id is None:
                continue
            c = counts.setdefault(member_id, [0] * 8)
            for slot, v in zip(slots, values, strict=True):
                c[slot] += v or 0

    held = ", ".join(f"'{s}'" for s in HELD)
    meetings = f"m.starts_at >= ? AND m.starts_at < ? AND m.deleted = 0 AND m.state IN ({held}) AND {latest_only('m')}"
    add(db.execute(
        "SELECT a.member_id, sum(a.status = 'present'), sum(a.status = 'leave'), sum(a.status = 'absent') "
        f"FROM meeting m JOIN attendance a ON a.meeting_id = m.id WHERE {meetings} AND a.deleted = 0 "
        "AND a.office_id = m.office_id "
        "GROUP BY a.member_id", span).fetchall(), 0, 1, 2)
    add(db.execute(
        f"SELECT s.member_id, count(*) FROM meeting m JOIN speech s ON s.meeting_id = m.id WHERE {meetings} "
        "AND s.deleted = 0 AND s.office_id = m.office_id GROUP BY s.member_id", span).fetchall(), 3)
    add(db.execute(
        "SELECT vm.member_id, count(*) FROM visit v JOIN visit_member vm ON vm.visit_id = v.id "
        "WHERE v.visit_date >= ? AND v.visit_date < ? AND v.deleted = 0 AND vm.deleted = 0 "
        "AND vm.office_id = v.office_id GROUP BY vm.member_id",
        span).fetchall(), 4)
    adopted = ", ".join(f"'{s}'" for s in ADOPTED)
    add(db.execute(
        f"SELECT reporter_id, count(*), sum(state IN ({adopted})) FROM opinion_report "
        "WHERE collected_on >= ? AND collected_on < ? AND deleted = 0 GROUP BY reporter_id", span).fetchall(), 5, 6)
    add(db.execute(
        "SELECT o.reporter_id, count(*) FROM opinion_report o JOIN follow_up f ON f.source_id = o.id "
        "AND f.source_table = 'opinion_report' AND f.deleted = 0 "
        "WHERE o.collected_on >= ? AND o.collected_on < ? AND o.deleted = 0 GROUP BY o.reporter_id", span).fetchall(), 7)
    add(db.execute(
        # driven from the (few) follow-ups that came from visits: CROSS JOIN fixes the join order
        "SELECT vm.member_id, count(*) FROM follow_up f CROSS JOIN visit v ON v.id = f.source_id "
        "CROSS JOIN visit_member vm ON vm.visit_id = v.id AND vm.deleted = 0 AND vm.office_id = v.office_id "
        "WHERE f.source_table = 'visit' AND f.deleted = 0 AND v.visit_date >= ? AND v.visit_date < ? "
        "AND v.deleted = 0 GROUP BY vm.member_id", span).fetchall(), 7)

    # Members of a group during the year (joined before its end, not left before its start).
    roster_sql = ("SELECT ms.member_id, group_concat(g.name, '、') FROM membership ms "
                  "JOIN liaison_group g ON g.id = ms.group_id AND g.deleted = 0 "
                  "WHERE ms.deleted = 0 AND (ms.joined_on IS NULL OR ms.joined_on < ?) "
                  "AND (ms.left_on IS NULL OR ms.left_on >= ?)")
    params = [span[1], span[0]]
    if group_id:
        roster_sql += " AND ms.group_id = ?"
        params.append(group_id)
    if offices is not None:
        offices = list(offices)
        roster_sql += f" AND g.office_id IN ({', '.join('?' * len(offices))})" if offices else " AND 0"
        params += offices
    rosters = dict(db.execute(roster_sql + " GROUP BY ms.member_id", params).fetchall())
    wanted = set(rosters) if group_id or offices is not None else set(rosters) | set(counts)
    if not wanted:
        return []
    people = {}
    ids = sorted(wanted)
    for i in range(0, len(ids), 500):
        part = ids[i:i + 500]
        for r in db.execute(
                "SELECT m.id, m.name, s.name, s.name_en FROM member m LEFT JOIN reference_item s ON s.id = m.sector_id "
                f"WHERE m.deleted = 0 AND m.id IN ({', '.join('?' * len(part))})", part).fetchall():
            people[r[0]] = r[1:]
    out = []
    for member_id, (name, sector, sector_en) in people.items():
        c = counts.get(member_id, [0] * 8)
        groups = rosters.get(member_id)
        if groups:                  # one name per group, in pinyin order
            groups = "、".join(sorted(dict.fromkeys(groups.split("、")), key=text_key))
        out.append(DutyRecord(member_id, name, sector, sector_en, groups, year, *c))
    out.sort(key=lambda d: (name_key(d.name), d.member_id))      # pinyin order (db.sortkey), as every list
    return out
