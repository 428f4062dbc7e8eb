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
from dataclasses import dataclass

from . import model
from . import today as office_clock
from .clock import uuid7
from .connection import Database
from .demo_names import COMMUNITY_STEMS, SHOWCASE, member_profile, person, phone, staff_name
from .demo_names import address as make_address
from .demo_names import community as make_community
from .demo_names import village as make_village
from .demo_records import Group, RecordMaker, Stint, pick, placeholder_blobs
from .demo_texts import Writer as TextWriter
from .demo_topics import TOPICS
from .demo_work import WorkMaker
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
    "network": Size("network", 1, 1),       # `demo --network`: two districts, two townships each
}
NETWORK_DISTRICTS = (DEMO_DISTRICT, "520103")     # 南明区, 云岩区
NETWORK_TOWNSHIPS = 2                             # per district, DEMO_TOWNSHIP first


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


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    out, d = [], first.replace(day=1)
    while d <= last:
        out.append(d)
        d = (d + dt.timedelta(days=32)).replace(day=1)
    return out


LEVEL_SETS = ((("district",), 64), (("municipal",), 15), (("municipal", "district"), 12),
              (("provincial", "municipal"), 5), (("provincial", "district"), 3), (("national", "provincial"), 1))
RURAL_TOPICS = {"water", "rural", "flood", "bus", "jobs", "garbage", "school_traffic", "clinic", "elderly"}


class _Generator(RecordMaker, WorkMaker):
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
        self.nodes: dict[str, tuple[str, int]] = {}    # office → (its node, its last seq)
        self.meetings_made: list[tuple] = []
        self.closed_made: list[tuple] = []

    # -- buffered writes ---------------------------------------------------------------
    def add(self, table: str, row: dict, office_id: str, *, by: str | None = None) -> str:
        """Buffer a row owned by `office_id`, written by that office's node (or by office `by`'s)."""
        row["office_id"] = office_id
        row.setdefault("id", uuid7())
        if by is not None and by != office_id:
            row["_by"] = by
        self.buf.setdefault(table, []).append(row)
        self.pending += 1
        if table == "meeting":          # what the work between offices (db.demo_work) builds on
            self.meetings_made.append((row["id"], row["group_id"], office_id, dt.date.fromisoformat(
                row["starts_at"][:10]), row["topic"], self.kind_codes[row["kind_id"]], row["state"]))
        elif table == "follow_up" and row.get("state") == "closed" and row.get("group_id"):
            self.closed_made.append((row["id"], row["group_id"], office_id, dt.date.fromisoformat(row["closed_on"]),
                                     row["title"]))
        return row["id"]

    def flush(self, force: bool = False) -> None:
        """Write the buffered rows, each office's from that office's node (see `_origin`)."""
        if not self.pending or (self.pending < BATCH_ROWS and not force):
            return
        with writing(self.db) as w:
            self.nodes[self.city] = (w.node_id, w.seq)
            for table in model.TABLE_ORDER:
                rows = self.buf.get(table)
                if not rows:
                    continue
                by_office: dict[str, list[dict]] = {}
                for r in rows:
                    by_office.setdefault(r.pop("_by", None) or r["office_id"], []).append(r)
                for office, office_rows in by_office.items():
                    w.node_id, w.seq = self._origin(office)
                    w.insert_many(table, office_rows)
                    self.nodes[office] = (w.node_id, w.seq)
                self.counts[table] = self.counts.get(table, 0) + len(rows)
            w.node_id, w.seq = self.nodes.pop(self.city)
        self.buf.clear()
        self.pending = 0

    # -- one node per office: a demo is a network that could have happened ----------------------
    # The city writes as this database's own node; every other office's rows come from a node of
    # that office, as if its own computer had written them and sent them up (SYNC.md: each change
    # is checked against its origin's rights). `finish_origins` records those nodes and what this
    # database holds of them, so packages and setup files made from the demo pass those checks.
    def _origin(self, office: str) -> tuple[str, int]:
        node = self.nodes.get(office)
        if node is None:
            from .clock import new_node_id
            node = self.nodes[office] = (new_node_id(), 0)
        return node

    def finish_origins(self) -> None:
        from .sync.schema import ensure_sync_tables
        ensure_sync_tables(self.db)
        when = office_clock.now_text()
        with self.db.atomic():
            for office, (node, seq) in self.nodes.items():
                hlc = self.db.execute("SELECT hlc FROM change_log WHERE origin = ? AND seq = ?", [node, seq]).fetchone()
                self.db.execute("INSERT INTO sync_node (node_id, office_id, learned_at) VALUES (?, ?, ?)",
                                [node, office, when])
                self.db.execute("INSERT INTO sync_have (origin, seq, hlc) VALUES (?, ?, ?)", [node, seq, hlc[0]])

    # -- set-up: offices, groups, members ------------------------------------------------
    def run(self) -> dict[str, int]:
        from .offices import add_guiyang_network, create_city, guiyang_townships
        from .reference import id_by_code
        city = create_city(self.db)
        self.city = city
        office_ids = add_guiyang_network(self.db, city)
        self.ref = {lst: id_by_code(self.db, lst) for lst in model.REFERENCE_LISTS}
        self.kind_codes = {v: k for k, v in self.ref["meeting_kind"].items()}
        rows = guiyang_townships()
        if self.size.scope == "township":
            rows = [r for r in rows if r["township_code"] == DEMO_TOWNSHIP]
        elif self.size.scope == "district":
            rows = [r for r in rows if r["district_code"] == DEMO_DISTRICT]
        elif self.size.scope == "network":
            rows = [r for d in NETWORK_DISTRICTS
                    for r in [x for x in rows if x["district_code"] == d][:NETWORK_TOWNSHIPS]]
        first_month = (self.today.replace(day=1) - dt.timedelta(days=365 * self.size.years - 20)).replace(day=1)
        months = _months(first_month, self.today + dt.timedelta(days=31))
        self.first_day = first_month
        from .scoring import default_rule_rows  # the city's scoring rules (履职积分), in force from then
        for row in default_rule_rows(first_month.year):
            self.add("scoring_rule", row, city)
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
        self.work_between_offices(groups, self.meetings_made, self.closed_made)
        self.flush(force=True)
        self.finish_origins()
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
        levels = pick(rng, LEVEL_SETS)
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
        meeting_days = sorted(rng.choice(workdays) for _ in range(pick(rng, ((0, 20), (1, 65), (2, 15)))))
        if first_group and month == today.replace(day=1):
            # the dashboard's "this week" and "this month" always have something in the first group
            for ahead in (2, 12):
                d = today + dt.timedelta(days=ahead)
                while d.weekday() >= 5:
                    d += dt.timedelta(days=1)
                meeting_days.append(d)
        visit_days = [d for d in workdays if d <= today]
        visits = [(d, "reception") for d in visit_days if d.weekday() == 2]
        if visit_days:      # over the whole month as it will be: the current month has only its days so far
            visits += [(rng.choice(workdays), "outreach") for _ in range(rng.randint(15, 24))]
            visits += [(rng.choice(workdays), "joint") for _ in range(pick(rng, ((0, 40), (1, 45), (2, 15))))]
        visits = sorted(v for v in visits if v[0] <= today)
        recent_visits: list[str] = []
        for day, kind in visits:
            recent_visits.append(self.visit(g, day, kind))
        for day in meeting_days:
            if day <= horizon:
                self.meeting(g, day)
        if visit_days:
            for _ in range(pick(rng, ((0, 40), (1, 45), (2, 15)))):
                day = rng.choice(workdays)
                if day <= today:
                    self.report(g, day, recent_visits)

def generate(db: Database, size: str, seed: int = 1, progress: Callable[[int, int], None] | None = None,
             cancel: Callable[[], bool] | None = None, *, today: dt.date | None = None) -> dict[str, int]:
    """Fill an empty database with demo data of `size` (see SIZES); returns rows written per table."""
    if size not in SIZES:
        raise ValidationError(f"未知的演示数据规模：{size}（可选 {'、'.join(SIZES)}）",
                              f"unknown demo size {size!r} (choose from {', '.join(SIZES)})", code="bad_size")
    if has_data(db):
        raise StateError("数据库中已有数据，演示数据只能写入空数据库",
                         "the database already has data; demo data goes into an empty database", code="not_empty")
    from .database import set_setting
    from .permissions import DEMO_SETTING
    set_setting(db, DEMO_SETTING, size)      # one node writes every office's data: not checked
    gen = _Generator(db, SIZES[size], seed, today or office_clock.today(), progress, cancel)
    counts = gen.run()
    store_placeholder_blobs(db)
    from . import search
    search.catch_up(db, chunk=20000)           # the demo is searched at once: index it now
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
