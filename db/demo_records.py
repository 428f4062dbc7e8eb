"""Demo data: one group's records — meetings with their minutes and attendance, visits,
public-opinion reports, follow-ups with their timelines, attachments — as rows for db.demo."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from .clock import uuid7
from .demo_names import staff_name
from .demo_texts import Writer as TextWriter
from .demo_topics import EVALUATIONS, GUEST_UNITS, INSTRUCTIONS, LEAVE_REASONS, REPLIES


def cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


MEETING_KINDS = (("consultation", 48), ("forum", 15), ("study", 14), ("inspection", 8), ("research", 9),
                 ("proposal", 6))


def pick(rng: random.Random, pairs):
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


class RecordMaker:
    """Makes the records of a group on a day; the generator supplies rng, today, ref, city and add()."""

    rng: random.Random
    today: dt.date
    ref: dict[str, dict[str, str]]
    city: str
    wanted_states: list[str]
    forced_overdue: bool

    def add(self, table: str, row: dict, office_id: str) -> str:
        raise NotImplementedError

    def _members_at(self, g: Group, day: dt.date) -> list[Stint]:
        return g.active(day) or g.stints[:1]

    def meeting(self, g: Group, day: dt.date) -> None:
        rng, today, text = self.rng, self.today, g.text
        kind = pick(rng, MEETING_KINDS)
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
            for _ in range(pick(rng, ((0, 25), (1, 25), (2, 25), (3, 15), (4, 10)))):
                gk = pick(rng, (("resident", 40), ("department", 35), ("expert", 8), ("deputy", 10), ("other", 7)))
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
        n_items = 1 if kind in ("study", "inspection") else pick(rng, ((1, 45), (2, 40), (3, 15)))
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
                for _ in range(pick(rng, ((1, 60), (2, 40)))):
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
            for k in range(pick(rng, ((0, 50), (1, 35), (2, 15)))):
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
                sat = pick(rng, (("satisfied", 70), ("basically_satisfied", 22), ("unsatisfied", 8)))
                if force_unsatisfied and not reopened:
                    sat = "unsatisfied"
                elif reopened and sat == "unsatisfied":     # evaluated again after 重新办理: an unsatisfied one
                    sat = "basically_satisfied"             # would be reopened, never closed (闭环)
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
                                 "actor": actor, "actor_office_id": actor_office, "note": note}, owner,
                 by=actor_office)      # the office that took the step writes it (checked on import)

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
