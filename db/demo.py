"""Demo data: Guiyang's liaison groups with members, meetings and minutes, visits, public-opinion
reports and follow-ups, from one township to ten years of the whole city — written through db.write.

    counts = generate(db, "city", seed=1, progress=lambda done, total: ..., cancel=lambda: False)

Deterministic for a given (size, seed, today): the same names, dates and texts (row ids differ).
Rows are written in date order (month by month across all groups), batched a few thousand rows
to a transaction. Cancelling raises `Cancelled`; the batches already written stay (use a new file).
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import model
from .clock import uuid7
from .demo_names import COMMUNITY_STEMS, SHOWCASE, member_profile, person, phone, staff_name
from .demo_names import address as make_address
from .demo_names import community as make_community
from .demo_names import village as make_village
from .demo_texts import Writer as TextWriter
from .demo_topics import EVALUATIONS, GUEST_UNITS, INSTRUCTIONS, LEAVE_REASONS, REPLIES, TOPICS
from .errors import LiaisonError, StateError, ValidationError
from .write import writing

DEMO_DISTRICT = "520102"        # 南明区
DEMO_TOWNSHIP = "520102016"     # 新华路街道
BATCH_ROWS = 8000               # rows per write transaction


@dataclass(frozen=True)
class Size:
    scope: str              # "township", "district" or "city"
    years: int
    community_groups: int


SIZES: dict[str, Size] = {
    "township": Size("township", 2, 1),
    "district": Size("district", 3, 2),
    "city": Size("city", 2, 25),
    "city-10y": Size("city", 10, 25),
}


class Cancelled(LiaisonError):
    code = "cancelled"


def has_data(db: Database) -> bool:
    """True when the database already holds an office set-up or any replicated row."""
    row = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
    if row and row[0]:
        return True
    return any(db.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone() for t in model.TABLES)


# -- calendar -------------------------------------------------------------------------
_NUMS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    if n < 10:
        return _NUMS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else _NUMS[tens]) + "十" + (_NUMS[ones] if ones else "")


def term_of(day: dt.date) -> tuple[int, dt.date, dt.date]:
    """(index, start, end) of the five-year CPPCC term holding `day`; index 0 is 2012–2016."""
    idx = (day.year - 2012) // 5
    start = dt.date(2012 + 5 * idx, 1, 1)
    return idx, start, dt.date(start.year + 4, 12, 31)


def term_name(idx: int, level: str) -> str:
    return chinese_number((8 if level == "district" else 12) + idx) + "届"


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


LEVEL_SETS = ((("district",), 64), (("municipal",), 15), (("municipal", "district"), 12),
              (("provincial", "municipal"), 5), (("provincial", "district"), 3), (("national", "provincial"), 1))
MEETING_KINDS = (("consultation", 48), ("forum", 15), ("study", 14), ("inspection", 8), ("research", 9),
                 ("proposal", 6))
RURAL_TOPICS = {"water", "rural", "flood", "bus", "jobs", "garbage", "school_traffic", "clinic", "elderly"}


def _pick(rng: random.Random, pairs):
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights)[0]


@dataclass(eq=False)
class Stint:
    member: dict
    membership_id: str
    role: str
    start: dt.date
    end: dt.date | None


@dataclass
class Group:
    id: str
    name: str
    office_id: str
    district_office: str
    district: str
    township: str
    rural: bool
    station: str
    text: TextWriter
    topics: list[dict]
    staff: str
    founded: dt.date | None = None
    stints: list[Stint] = field(default_factory=list)
    issue: dict = field(default_factory=dict)

    def active(self, day: dt.date) -> list[Stint]:
        return [s for s in self.stints if s.start <= day and (s.end is None or day <= s.end)]


class _Generator:
    def __init__(self, db: Database, size: Size, seed: int, today: dt.date, progress, cancel):
        self.db, self.size, self.today = db, size, today
        self.rng = random.Random(seed)
        self.progress, self.cancel = progress, cancel
        self.buf: dict[str, list[dict]] = {}
        self.pending = 0
        self.counts: dict[str, int] = {}
        self.forced_overdue = False
        self.wanted_states = ["open", "reopened"]
        self.showcase = list(SHOWCASE)

    # -- buffered writes ---------------------------------------------------------------
    def add(self, table: str, row: dict, office_id: str) -> str:
        row["office_id"] = office_id
        row.setdefault("id", uuid7())
        self.buf.setdefault(table, []).append(row)
        self.pending += 1
        return row["id"]

    def flush(self, force: bool = False) -> None:
        if not self.pending or (self.pending < BATCH_ROWS and not force):
            return
        with writing(self.db) as w:
            for table in model.TABLE_ORDER:
                rows = self.buf.get(table)
                if rows:
                    w.insert_many(table, rows)
                    self.counts[table] = self.counts.get(table, 0) + len(rows)
        self.buf.clear()
        self.pending = 0

    # -- set-up: offices, groups, members ------------------------------------------------
    def run(self) -> dict[str, int]:
        from .offices import add_guiyang_network, create_city, guiyang_townships
        from .reference import id_by_code
        city = create_city(self.db)
        self.city = city
        office_ids = add_guiyang_network(self.db, city)
        self.ref = {lst: id_by_code(self.db, lst) for lst in model.REFERENCE_LISTS}
        rows = guiyang_townships()
        if self.size.scope == "township":
            rows = [r for r in rows if r["township_code"] == DEMO_TOWNSHIP]
        elif self.size.scope == "district":
            rows = [r for r in rows if r["district_code"] == DEMO_DISTRICT]
        first_month = (self.today.replace(day=1) - dt.timedelta(days=365 * self.size.years - 20)).replace(day=1)
        months = _months(first_month, self.today + dt.timedelta(days=31))
        self.first_day = first_month
        total = 1 + len(months)
        self._tick(0, total)
        groups = self.make_groups(rows, office_ids)
        self.flush(force=True)
        self._tick(1, total)
        for i, month in enumerate(months, start=2):
            for n, g in enumerate(groups):
                if self.cancel is not None and self.cancel():
                    raise Cancelled("已取消生成演示数据", "demo generation cancelled")
                self.month(g, month, n == 0)
                self.flush()
            self._tick(i, total)
        self.flush(force=True)
        return {t: self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in model.TABLES}

    def _tick(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)

    def make_groups(self, rows: list[dict], office_ids: dict[str, str]) -> list[Group]:
        rng = self.rng
        specs = []
        for r in rows:
            specs.append((r, r["township_name"] + "委员联络组", None))
        urban = [r for r in rows if r["township_name"].endswith("街道")] or rows
        for stem in rng.sample(COMMUNITY_STEMS, self.size.community_groups):
            specs.append((rng.choice(urban), stem + "社区委员联络组", stem + "社区"))
        self.members_by_district: dict[str, list[dict]] = {}
        groups = []
        for r, name, comm in specs:
            township, district = r["township_name"], r["district_name"]
            rural = not township.endswith("街道")
            places = [make_village(rng) if rural else make_community(rng) for _ in range(4)]
            if comm:
                places[0] = comm
            station = (comm or township) + rng.choice(("委员之家", "委员联络站"))
            ethnic_town = "族" in township
            preferred = [t for t in TOPICS if not rural or t["key"] in RURAL_TOPICS]
            topics = rng.sample(preferred, min(len(preferred), rng.randint(5, 8)))
            g = Group(id=uuid7(), name=name, office_id=office_ids[r["township_code"]],
                      district_office=office_ids[r["district_code"]], district=district, township=township,
                      rural=rural, station=station,
                      text=TextWriter(rng, district, township, places), topics=topics, staff=staff_name(rng))
            founded = g.founded = self.first_day - dt.timedelta(days=rng.randint(30, 900))
            self.plan_roster(g, 5 + rng.randint(0, 3) if comm else 8 + rng.randint(0, 4), founded,
                             ethnic_town=ethnic_town)
            groups.append(g)
        self.emit_members(groups)
        for g, (r, name, _comm) in zip(groups, specs, strict=True):
            township, district, rural, station = g.township, g.district, g.rural, g.station
            founded = g.founded
            convener = next((s for s in g.stints if s.role == "convener" and s.end is None), g.stints[0])
            self.add("liaison_group", {
                "id": g.id, "name": name, "township_code": r["township_code"], "station_name": station,
                "station_address": make_address(rng, district, township, rural=rural),
                "convener_id": convener.member["id"], "staff_name": g.staff, "staff_phone": phone(rng),
                "founded_on": founded.isoformat(),
                "note": f"联络组办公地点设在{station}，每周三上午为委员坐诊接待日。"}, g.office_id)
            for s in g.stints:
                self.add("membership", {"id": s.membership_id, "group_id": g.id, "member_id": s.member["id"],
                                        "role": s.role, "joined_on": s.start.isoformat(),
                                        "left_on": s.end.isoformat() if s.end else None}, g.office_id)
        return groups

    def new_member(self, g: Group, term_idx: int, *, showcase: tuple | None, ethnic_town: bool) -> dict:
        rng = self.rng
        if showcase:
            name, eth, sex = showcase
        else:
            name, sex, eth = person(rng)
            if ethnic_town and eth == "han" and rng.random() < 0.4:
                name, sex, eth = person(rng)
        levels = _pick(rng, LEVEL_SETS)
        prof = member_profile(rng, g.district, g.township)
        standing = rng.random() < 0.08
        member = {"id": uuid7(), "name": name, "sex": sex, "ethnicity_id": self.ref["ethnicity"][eth],
                  "birth_date": dt.date(rng.randint(1956, 1994), rng.randint(1, 12), rng.randint(1, 28)).isoformat(),
                  "party_id": self.ref["party"][prof["party"]], "sector_id": self.ref["sector"][prof["sector"]],
                  "post": "standing" if standing else "member", "work_unit": prof["work_unit"],
                  "job_title": prof["job_title"], "phone": phone(rng), "expertise": prof["expertise"],
                  "term": term_name(term_idx, levels[0]), "status": "active"}
        office = g.district_office if "district" in levels else self.city
        member["_levels"], member["_office"], member["_terms"] = levels, office, {term_idx}
        self.members_by_district.setdefault(g.district, []).append(member)
        return member

    def plan_roster(self, g: Group, n: int, founded: dt.date, *, ethnic_town: bool) -> None:
        """Memberships over the terms the demo spans: at each new term about 40% of members change."""
        rng = self.rng
        first = term_of(max(founded, self.first_day))[0]
        last = term_of(self.today)[0]
        show = self.showcase
        current: list[Stint] = []
        for t in range(first, last + 1):
            t_start = founded if t == first else dt.date(2012 + 5 * t, 1, 1)
            keep = [s for s in current if rng.random() < 0.6]
            for s in current:
                if s not in keep:
                    s.end = t_start - dt.timedelta(days=1)
            current = keep
            while len(current) < n:
                shared = [m for m in self.members_by_district.get(g.district, ())
                          if t in m["_terms"] and all(s.member is not m for s in current)]
                if shared and rng.random() < 0.08:
                    member = rng.choice(shared)
                else:   # every other new member of the first groups is one of the hard cases
                    hard = show.pop(0) if show and len(current) % 2 == 0 else None
                    member = self.new_member(g, t, showcase=hard, ethnic_town=ethnic_town)
                s = Stint(member, uuid7(), "member", t_start, None)
                current.append(s)
                g.stints.append(s)
            for s in current:
                s.member["_terms"].add(t)
            if not any(s.role == "convener" for s in current):
                self._set_role(g, current, "convener", t_start)
            while sum(s.role == "deputy" for s in current) < (2 if n > 8 else 1):
                self._set_role(g, current, "deputy", t_start)

    def _set_role(self, g: Group, current: list[Stint], role: str, start: dt.date) -> None:
        old = self.rng.choice([s for s in current if s.role == "member"])
        if old.start < start:   # the same person goes on in a new role: a new membership from this date
            old.end = start - dt.timedelta(days=1)
            new = Stint(old.member, uuid7(), role, start, None)
            current[current.index(old)] = new
            g.stints.append(new)
        else:
            old.role = role

    def emit_members(self, groups: list[Group]) -> None:
        """Members and their levels, once every roster is planned (status and terms are then known)."""
        open_members = {id(s.member) for g in groups for s in g.stints if s.end is None}
        for members in self.members_by_district.values():
            for m in members:
                levels, terms, office = m.pop("_levels"), sorted(m.pop("_terms")), m.pop("_office")
                standing = m["post"] == "standing"
                m["term"] = term_name(terms[-1], levels[0])
                m["status"] = "active" if id(m) in open_members else "retired"
                mid = self.add("member", m, office)
                for t in terms:
                    for lv in levels:
                        self.add("member_level", {"member_id": mid, "level": lv, "term": term_name(t, lv),
                                                  "post": "standing" if standing and t == terms[-1] else "member"},
                                 office)

    # -- a month of one group ---------------------------------------------------------
    def month(self, g: Group, month: dt.date, first_group: bool) -> None:
        rng, today = self.rng, self.today
        last_day = (month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        horizon = today + dt.timedelta(days=31)
        days = [month + dt.timedelta(days=i) for i in range((last_day - month).days + 1)]
        workdays = [d for d in days if d.weekday() < 5]
        meeting_days = sorted(rng.choice(workdays) for _ in range(_pick(rng, ((0, 20), (1, 65), (2, 15)))))
        if first_group and month == today.replace(day=1):
            # the dashboard's "this week" and "this month" always have something in the first group
            for ahead in (2, 12):
                d = today + dt.timedelta(days=ahead)
                while d.weekday() >= 5:
                    d += dt.timedelta(days=1)
                meeting_days.append(d)
        visit_days = [d for d in workdays if d <= today]
        visits = [(d, "reception") for d in visit_days if d.weekday() == 2]
        if visit_days:
            visits += [(rng.choice(visit_days), "outreach") for _ in range(rng.randint(15, 24))]
            visits += [(rng.choice(visit_days), "joint") for _ in range(_pick(rng, ((0, 40), (1, 45), (2, 15))))]
        visits.sort()
        recent_visits: list[str] = []
        for day, kind in visits:
            recent_visits.append(self.visit(g, day, kind))
        for day in meeting_days:
            if day <= horizon:
                self.meeting(g, day)
        if visit_days:
            for _ in range(_pick(rng, ((0, 40), (1, 45), (2, 15)))):
                self.report(g, rng.choice(visit_days), recent_visits)

    def _members_at(self, g: Group, day: dt.date) -> list[Stint]:
        return g.active(day) or g.stints[:1]

    def meeting(self, g: Group, day: dt.date) -> None:
        rng, today, text = self.rng, self.today, g.text
        kind = _pick(rng, MEETING_KINDS)
        topic, place = rng.choice(g.topics), text.place()
        start = rng.choice(("09:00", "09:30", "10:00", "14:30", "15:00"))
        starts = dt.datetime.fromisoformat(f"{day.isoformat()}T{start}")
        ends = starts + dt.timedelta(minutes=rng.choice((90, 120, 150, 180)))
        age = (today - day).days
        x = rng.random()
        if age < 0:
            state = "cancelled" if x < 0.04 else "planned"
        elif x < 0.02:
            state = "cancelled"
        elif age <= 7:
            state = "held" if x < 0.6 else "draft"
        elif age <= 45:
            state = "draft" if x < 0.35 else "final"
        else:
            state = "final" if x < 0.985 else "draft"
        done = state in ("held", "draft", "final")
        active = self._members_at(g, day)
        chair = next((s for s in active if s.role == "convener"), active[0]).member["name"]
        kind_name = KIND_NAMES[kind]
        issue = None
        if done:
            g.issue[day.year] = g.issue.get(day.year, 0) + 1
            issue = f"{day.year}年第{g.issue[day.year]}期"
        mid = uuid7()
        guests = []
        rows_att = []
        present: list[Stint] = []
        if done:
            for s in active:
                y = rng.random()
                if y < 0.86:
                    present.append(s)
                    rows_att.append({"member_id": s.member["id"], "status": "present"})
                elif y < 0.96:
                    rows_att.append({"member_id": s.member["id"], "status": "leave",
                                     "reason": rng.choice(LEAVE_REASONS)})
                else:
                    rows_att.append({"member_id": s.member["id"], "status": "absent"})
            for _ in range(_pick(rng, ((0, 25), (1, 25), (2, 25), (3, 15), (4, 10)))):
                gk = _pick(rng, (("resident", 40), ("department", 35), ("expert", 8), ("deputy", 10), ("other", 7)))
                unit = rng.choice(GUEST_UNITS[gk]).replace("{p}", place).replace("{unit}", text.unit(topic))
                guests.append(unit)
                rows_att.append({"guest_name": staff_name(rng), "guest_unit": unit,
                                 "guest_kind_id": self.ref["guest_kind"][gk], "status": "attending"})
        overview = None
        if done:
            overview = text.overview(date_text=cn_date(day), time_text="上午" if starts.hour < 12 else "下午",
                                     group=g.name, place=g.station, kind_name=kind_name, topic=topic, chair=chair,
                                     present=len(present), guests=guests)
        elif state == "cancelled":
            overview = "因工作安排调整，本次会议取消，议题并入下次会议。"
        finalized = None
        if state == "final":
            f_day = min(day + dt.timedelta(days=rng.randint(2, 20)), today)
            finalized = f"{f_day.isoformat()}T{rng.randint(9, 17):02d}:{rng.choice(('00', '15', '30', '45'))}"
        self.add("meeting", {
            "id": mid, "group_id": g.id, "kind_id": self.ref["meeting_kind"][kind],
            "topic": text.meeting_topic(kind, topic, place), "starts_at": starts.isoformat(timespec="minutes"),
            "ends_at": ends.isoformat(timespec="minutes") if done else None,
            "place": g.station if rng.random() < 0.7 else f"{place}会议室", "chair": chair, "recorder": g.staff,
            "issue_no": issue, "overview": overview, "state": state, "finalized_at": finalized}, g.office_id)
        for i, a in enumerate(rows_att):
            a["meeting_id"], a["sort"] = mid, i
            self.add("attendance", a, g.office_id)
        # agenda, speeches, consensus
        n_items = 1 if kind in ("study", "inspection") else _pick(rng, ((1, 45), (2, 40), (3, 15)))
        due_text = cn_date(day + dt.timedelta(days=30))
        consensus: list[tuple[str, dict, str]] = []
        for seq in range(1, n_items + 1):
            t = topic if seq == 1 else rng.choice(g.topics)
            aid = self.add("agenda_item", {
                "meeting_id": mid, "seq": seq, "title": text.agenda_title(t, place),
                "background": text.background(t, place),
                "decision": text.decision(t, place, due_text) if state in ("draft", "final") else None}, g.office_id)
            if not done:
                continue
            speakers = rng.sample(present, min(len(present), rng.randint(1, 4))) if present else []
            for k, s in enumerate(speakers, start=1):
                self.add("speech", {"meeting_id": mid, "agenda_item_id": aid, "member_id": s.member["id"],
                                    "speaker_name": s.member["name"], "seq": k,
                                    "summary": text.speech(s.member["name"], t, place)}, g.office_id)
            if state in ("draft", "final"):
                for _ in range(_pick(rng, ((1, 60), (2, 40)))):
                    cid = self.add("consensus_item", {"meeting_id": mid, "agenda_item_id": aid,
                                                      "seq": len(consensus) + 1, "text": text.consensus(t, place)},
                                   g.office_id)
                    consensus.append((cid, t, place))
        # timeline of the meeting's states
        created = min(starts - dt.timedelta(days=rng.randint(5, 20)), dt.datetime.combine(today, dt.time(9)))
        steps = [(None, "planned", created)]
        if state == "cancelled":
            steps.append(("planned", "cancelled", min(starts - dt.timedelta(days=rng.randint(1, 3)),
                                                      dt.datetime.combine(today, dt.time(10)))))
        if done:
            steps.append(("planned", "held", ends))
        if state in ("draft", "final"):
            steps.append(("held", "draft", ends + dt.timedelta(days=rng.randint(0, 2), hours=2)))
        if state == "final":
            steps.append(("draft", "final", max(dt.datetime.fromisoformat(finalized), steps[-1][2])))
        for frm, to, at in steps:
            self.event("meeting", mid, at, frm, to, g.staff, g.office_id, g.office_id)
        if done:
            if rng.random() < 0.8:
                self.attachment("meeting", mid, "sign_in", "签到表.png", g.office_id)
            for k in range(_pick(rng, ((0, 50), (1, 35), (2, 15)))):
                self.attachment("meeting", mid, "photo", f"会议照片{k + 1}.png", g.office_id)
            if state == "final" and rng.random() < 0.7:
                self.attachment("meeting", mid, "signed_minutes", "会议纪要（签字版）.pdf", g.office_id)
        for cid, t, p in consensus:
            if rng.random() < 0.2:
                self.follow_up(g, t, p, day, "consensus_item", cid)

    def visit(self, g: Group, day: dt.date, kind: str) -> str:
        rng, text = self.rng, g.text
        active = self._members_at(g, day)
        topic = rng.choice(g.topics)
        if kind == "reception":
            place, people, n, time = g.station, rng.randint(3, 30), 1 if rng.random() < 0.8 else 2, "09:00"
        elif kind == "outreach":
            place = text.place() + rng.choice(VISIT_SPOTS[g.rural])
            people, n, time = rng.randint(2, 20), 1 if rng.random() < 0.95 else 2, rng.choice(("09:30", "10:00", "15:00"))
        else:
            place, people, n, time = text.place(), rng.randint(10, 60), rng.randint(2, 4), "14:30"
        vid = self.add("visit", {
            "group_id": g.id, "kind_id": self.ref["visit_kind"][kind], "visit_date": day.isoformat(),
            "start_time": time, "place": place, "people_reached": people,
            "departments": "、".join(text.units(topic, rng.randint(2, 3))) if kind == "joint" else None,
            "heard": text.heard(g.topics, rng.randint(1, 3)), "handling": text.handling(topic)}, g.office_id)
        for s in rng.sample(active, min(n, len(active))):
            self.add("visit_member", {"visit_id": vid, "member_id": s.member["id"]}, g.office_id)
        if rng.random() < 0.04:
            self.attachment("visit", vid, "photo", "走访照片.png", g.office_id)
        if rng.random() < 0.006:
            self.follow_up(g, topic, text.place(), day, "visit", vid)
        return vid

    def report(self, g: Group, day: dt.date, recent_visits: list[str]) -> None:
        rng, text = self.rng, g.text
        topic, place = rng.choice(g.topics), text.place()
        reporter = rng.choice(self._members_at(g, day)).member
        source, source_id = ("visit", rng.choice(recent_visits)) if recent_visits and rng.random() < 0.5 \
            else ("other", None)
        rid = uuid7()
        row = {"id": rid, "group_id": g.id, **text.report(topic, place), "reporter_id": reporter["id"],
               "reporter_name": reporter["name"], "source_table": source, "source_id": source_id,
               "collected_on": day.isoformat()}
        at = dt.datetime.combine(day, dt.time(rng.randint(9, 16), 0))
        state, prev = "collected", None
        events = [(None, "collected", at, g.staff, g.office_id, None)]
        flow = [("drafted", (2, 10)), ("submitted", (1, 7))]
        adopted = rng.random() < 0.62
        flow.append(("adopted" if adopted else "not_adopted", (10, 40)))
        if adopted and rng.random() < 0.3:
            flow.append(("instructed", (5, 30)))
        if adopted:
            flow.append(("closed", (10, 60)))
        for nxt, (lo, hi) in flow:
            at = at + dt.timedelta(days=rng.randint(lo, hi), hours=rng.randint(0, 5))
            if at.date() > self.today:
                break
            prev, state = state, nxt
            city_step = nxt in ("adopted", "not_adopted", "instructed")
            note = None
            if nxt == "instructed":
                note = rng.choice(INSTRUCTIONS).replace("{unit}", text.unit(topic))
                row["instruction"] = "市领导批示：" + note
            elif nxt == "submitted":
                row["submitted_on"] = at.date().isoformat()
            events.append((prev, nxt, at, "市政协社情民意信息工作处" if city_step else g.staff,
                           self.city if city_step else g.office_id, note))
        row["state"] = state
        self.add("opinion_report", row, g.office_id)
        for frm, to, when, actor, office, note in events:
            self.event("opinion_report", rid, when, frm, to, actor, office, g.office_id, note)
        if state in ("adopted", "instructed", "closed") and rng.random() < 0.4:
            self.follow_up(g, topic, place, day, "opinion_report", rid)

    def follow_up(self, g: Group, topic: dict, place: str, created: dt.date, source: str, source_id: str) -> None:
        rng, text, today = self.rng, g.text, self.today
        lead, *co = text.units(topic, rng.randint(1, 3))
        due = created + dt.timedelta(days=rng.choice((30, 45, 60, 90)))
        fid = uuid7()
        row = {"id": fid, "title": text.followup_title(topic, place),
               "description": f"{text.phrase(topic, 'problems', place)}。{text.phrase(topic, 'suggestions', place)}。",
               "category_id": self.ref["followup_category"][topic["category"]], "source_table": source,
               "source_id": source_id, "group_id": g.id, "lead_unit": lead, "co_units": "、".join(co) or None,
               "due_date": due.isoformat()}
        at = dt.datetime.combine(created, dt.time(rng.randint(9, 16), 30))
        # some items get stuck (overdue on the dashboard) — mostly recent ones, rarely old ones
        stuck = rng.random() < (0.12 if (today - created).days < 365 else 0.01)
        stall_at = rng.randint(0, 6) if stuck else 99
        force_unsatisfied = False
        if not self.forced_overdue and due < today and created >= today - dt.timedelta(days=200):
            self.forced_overdue, stall_at = True, 2     # the dashboard always has an overdue item
        elif self.wanted_states and created >= today - dt.timedelta(days=150):
            # rare short-lived states appear even in the smallest demo
            if self.wanted_states[0] == "open":
                stall_at = 0
            else:
                force_unsatisfied, stall_at = True, 5
        events = [(None, "open", at, g.staff, g.office_id, None)]
        state, reopened, steps = "open", False, 0
        while state != "closed":
            if state == "evaluated" and row.get("satisfaction") == "unsatisfied" and not reopened:
                nxt, reopened = "reopened", True
            else:
                nxt = FOLLOWUP_NEXT[state]
            lo, hi = FOLLOWUP_DAYS[nxt]
            at = at + dt.timedelta(days=rng.randint(lo, hi), hours=rng.randint(0, 4))
            steps += 1
            if at.date() > today or steps > stall_at:
                break
            note, actor, office = None, g.staff, g.office_id
            if nxt == "replied":
                row["reply"] = note = rng.choice(REPLIES).replace("{unit}", lead)
                actor, office = lead, g.district_office
            elif nxt == "evaluated":
                sat = _pick(rng, (("satisfied", 70), ("basically_satisfied", 22), ("unsatisfied", 8)))
                if force_unsatisfied:
                    sat = "unsatisfied"
                row["satisfaction"], note = sat, EVALUATIONS[sat]
            elif nxt == "assigned":
                note = f"交{lead}办理，限{cn_date(due)}前答复。"
            elif nxt == "closed":
                row["closed_on"] = at.date().isoformat()
            events.append((state, nxt, at, actor, office, note))
            state = nxt
        row["state"] = state
        if state in self.wanted_states:
            self.wanted_states.remove(state)
        self.add("follow_up", row, g.office_id)
        for frm, to, when, actor, office, note in events:
            self.event("follow_up", fid, when, frm, to, actor, office, g.office_id, note)

    def event(self, subject: str, subject_id: str, at: dt.datetime, frm, to, actor: str, actor_office: str,
              owner: str, note: str | None = None) -> None:
        self.add("state_event", {"subject_table": subject, "subject_id": subject_id,
                                 "at": at.isoformat(timespec="minutes"), "from_state": frm, "to_state": to,
                                 "actor": actor, "actor_office_id": actor_office, "note": note}, owner)

    def attachment(self, owner_table: str, owner_id: str, kind: str, name: str, office: str) -> None:
        sha, size = PLACEHOLDERS[kind]
        self.add("attachment", {"owner_table": owner_table, "owner_id": owner_id, "name": name, "sha256": sha,
                                "size": size, "kind": kind}, office)


KIND_NAMES = {"consultation": "协商议事会", "forum": "座谈会", "study": "学习会", "inspection": "视察活动",
              "research": "调研活动", "proposal": "提案办理协商会"}
VISIT_SPOTS = {False: ("居委会", "小区", "农贸市场", "养老服务中心", "学校门口", "背街小巷"),
               True: ("村委会", "村民组", "合作社", "卫生室", "种植基地", "安置点")}
FOLLOWUP_NEXT = {"open": "assigned", "assigned": "in_progress", "in_progress": "replied", "replied": "evaluated",
                 "evaluated": "closed", "reopened": "in_progress"}
FOLLOWUP_DAYS = {"assigned": (1, 5), "in_progress": (2, 10), "replied": (10, 70), "evaluated": (5, 20),
                 "closed": (1, 10), "reopened": (2, 15)}


def placeholder_blobs() -> dict[str, bytes]:
    """The files the demo's attachment rows point to (sha256 → content): tiny valid PNG and PDF files."""
    import hashlib
    import struct
    import zlib

    def png(rgb: tuple[int, int, int]) -> bytes:
        def chunk(tag: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
        raw = b"".join(b"\x00" + bytes(rgb) * 16 for _ in range(16))
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))

    def pdf() -> bytes:
        objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]
        out, offsets = b"%PDF-1.4\n", []
        for i, o in enumerate(objs, start=1):
            offsets.append(len(out))
            out += f"{i} 0 obj\n".encode() + o + b"\nendobj\n"
        xref = len(out)
        out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
        out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
        return out + f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()

    blobs = [png((240, 240, 230)), png((120, 160, 200)), pdf()]
    return {hashlib.sha256(b).hexdigest(): b for b in blobs}


def _placeholders() -> dict[str, tuple[str, int]]:
    items = [(sha, len(b)) for sha, b in placeholder_blobs().items()]
    return {"sign_in": items[0], "photo": items[1], "signed_minutes": items[2]}


PLACEHOLDERS = _placeholders()


def generate(db: Database, size: str, seed: int = 1, progress: Callable[[int, int], None] | None = None,
             cancel: Callable[[], bool] | None = None, *, today: dt.date | None = None) -> dict[str, int]:
    """Fill an empty database with demo data of `size` (see SIZES); returns rows written per table."""
    if size not in SIZES:
        raise ValidationError(f"未知的演示数据规模：{size}（可选 {'、'.join(SIZES)}）",
                              f"unknown demo size {size!r} (choose from {', '.join(SIZES)})", code="bad_size")
    if has_data(db):
        raise StateError("数据库中已有数据，演示数据只能写入空数据库",
                         "the database already has data; demo data goes into an empty database", code="not_empty")
    gen = _Generator(db, SIZES[size], seed, today or dt.date.today(), progress, cancel)
    counts = gen.run()
    store_placeholder_blobs(db)
    return counts


def store_placeholder_blobs(db: Database) -> None:
    """Put the files the demo's attachment rows name into the attachment store beside the database."""
    import os

    from .attachments import blob_path, database_path
    if not str(database_path(db)) or str(database_path(db)) == ":memory:":
        return
    for sha, content in placeholder_blobs().items():
        path = blob_path(db, sha)
        if path.exists() and path.stat().st_size == len(content):
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".tmp-{sha}")
        tmp.write_bytes(content)
        os.replace(tmp, path)
