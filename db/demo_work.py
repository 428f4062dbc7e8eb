"""Demo data, second part: the work between offices and over the year, made once every month of every group
is written — 交办 from the city through the districts to the townships with their 反馈, each township's
yearly consultation plan (年度协商计划) tied to the meetings that consulted it, and 回头看 of follow-ups closed
a while ago. Each row is written by the office that would have written it (the generator's `add(by=…)`):
the sender writes a 交办, the receiver its steps; an office writes its own plan and re-inspections."""

from __future__ import annotations

import datetime as dt
import random

from .clock import uuid7

ASSIGNMENTS_PER_YEAR = 3
TASKS = (
    ("开展老旧小区加装电梯民主监督", "请组织委员联络组围绕老旧小区加装电梯开展走访和协商，形成意见建议，按期反馈。"),
    ("收集“一老一小”服务短板意见", "请结合委员进社区活动，收集养老托育服务方面的群众意见，梳理后反馈。"),
    ("背街小巷环境整治情况调研", "请组织委员对辖区背街小巷环境整治情况开展调研，提出改进建议。"),
    ("防汛减灾隐患排查民主监督", "请组织委员联络组参与辖区防汛隐患排查，发现问题及时督促整改并反馈。"),
    ("农贸市场食品安全专题视察", "请组织委员对辖区农贸市场食品安全开展视察，形成视察报告。"),
    ("学校周边交通安全协商", "请围绕学校周边上下学交通安全组织一次协商议事，反馈协商成果。"),
)
INSTRUCTIONS = ("市政协主席会议要求：作为本年度民主监督重点。", "市委领导批示：请政协组织委员深入调研，提出意见建议。",
                "根据市政协年度协商计划安排。")
ANSWERS = ("已组织委员走访辖区{n}个小区，收集群众意见{m}条，形成意见建议报区政协。",
           "已召开协商议事会一次，委员{m}人参加，达成共识{n}条，已交相关部门办理。",
           "已完成专题调研，走访点位{n}个，梳理问题{m}个，调研报告附后。")
PLAN_SOURCES = (("report", 30), ("visit", 35), ("party_priority", 20), ("assignment", 10), ("other", 5))
FINDINGS_HOLD = ("回访发现整改成效巩固，群众反映良好。", "现场查看设施运行正常，居民满意。")


def _at(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()}T{rng.randint(9, 16):02d}:{rng.choice((0, 15, 30, 45)):02d}:00"


class WorkMaker:
    """Mixed into the demo generator: needs rng, today, city, first_day, add(table, row, office, by=)."""

    def work_between_offices(self, groups, meetings: list[tuple], closed: list[tuple]) -> None:
        self.assignments(groups)
        self.plans(groups, meetings)
        self.reinspections(groups, closed)

    # -- 交办 / 反馈 ------------------------------------------------------------------------
    def assignments(self, groups) -> None:
        rng, today = self.rng, self.today
        towns: dict[str, list[str]] = {}
        for g in groups:
            towns.setdefault(g.district_office, [])
            if g.office_id not in towns[g.district_office]:
                towns[g.district_office].append(g.office_id)
        staff = {g.office_id: g.staff for g in groups}
        first_year = max(self.first_day.year, today.year - 2)
        for year in range(first_year, today.year + 1):
            last = min(today, dt.date(year, 12, 31)) - dt.timedelta(days=3)
            start = max(self.first_day, dt.date(year, 1, 1))
            if last <= start:
                continue
            for n in range(ASSIGNMENTS_PER_YEAR):
                title, request = TASKS[(year * ASSIGNMENTS_PER_YEAR + n) % len(TASKS)]
                sent = start + dt.timedelta(days=rng.randint(0, (last - start).days))
                if n == ASSIGNMENTS_PER_YEAR - 1 and year == today.year:
                    sent = today - dt.timedelta(days=rng.randint(1, 3))     # something new on the 交办 page
                due = sent + dt.timedelta(days=rng.choice((30, 45, 60)))
                batch, source = uuid7(), rng.choice(INSTRUCTIONS)
                for district, township_ids in towns.items():
                    top = self._assignment(batch, self.city, district, None, title, request, source, sent, due,
                                           "区政协办公室", answer=False)
                    sub_batch = uuid7()
                    handed = sent + dt.timedelta(days=rng.randint(1, 3))
                    answered = []
                    if handed <= today:
                        self.add("state_event", {
                            "subject_table": "assignment", "subject_id": top, "at": _at(handed, rng),
                            "from_state": "accepted", "to_state": "handed_down", "actor_office_id": district,
                            "note": f"转交各街道（乡镇）：{title}"}, district, by=district)
                        for t in township_ids:
                            when = self._assignment(sub_batch, district, t, top, title, request, None, handed,
                                                    due - dt.timedelta(days=5), staff.get(t, "联络员"), answer=True)
                            if when:
                                answered.append(when)
                    if answered and len(answered) == len(township_ids):
                        self._answer_up(top, district, max(answered), due)

    def _assignment(self, batch, sender, receiver, parent, title, request, source, sent: dt.date, due: dt.date,
                    actor: str, *, answer: bool) -> dt.date | str | None:
        """One receiver's row and its steps as far as `today` allows; returns the row id (top level) or the
        day it was answered (townships; None: not yet)."""
        rng, today = self.rng, self.today
        aid = uuid7()
        row = {"id": aid, "batch_id": batch, "sender_office_id": sender, "parent_id": parent, "title": title,
               "request": request, "source_kind": "instruction" if source else "other", "source_text": source,
               "due_date": due.isoformat(), "remind_days": 3, "sent_at": _at(sent, rng), "state": "new",
               "answer_round": 0, "verdict_round": 0}
        steps = [(sender, None, "sent", sent, None)]
        accepted = sent + dt.timedelta(days=rng.randint(0, 2))
        if accepted <= today:
            row.update(state="accepted", accepted_at=_at(accepted, rng))
            steps.append((receiver, "new", "accepted", accepted, None))
        answered_on = None
        started = accepted + dt.timedelta(days=rng.randint(0, 3))
        if answer and started <= today:
            row.update(state="in_progress")
            steps.append((receiver, "accepted", "in_progress", started, None))
            answered_on = started + dt.timedelta(days=rng.randint(8, 40))
            if answered_on <= today and rng.random() < 0.95:     # now and then one is overdue
                text = rng.choice(ANSWERS).format(n=rng.randint(2, 6), m=rng.randint(8, 40))
                row.update(state="answered", answer=text, answer_round=1, answered_at=_at(answered_on, rng))
                steps.append((receiver, "in_progress", "answered", answered_on, text))
                verdict_on = answered_on + dt.timedelta(days=rng.randint(2, 10))
                if verdict_on <= today:
                    row.update(verdict="accepted", verdict_round=1, verdict_note="反馈情况属实，同意办结。",
                               verdict_at=_at(verdict_on, rng))
                    steps.append((sender, "answered", "done", verdict_on, "反馈情况属实，同意办结。"))
            else:
                answered_on = None
        self.add("assignment", row, receiver, by=sender)
        for office, frm, to, day, note in steps:
            self.add("state_event", {"subject_table": "assignment", "subject_id": aid, "at": _at(day, self.rng),
                                     "from_state": frm, "to_state": to, "actor": actor if office == receiver else None,
                                     "actor_office_id": office, "note": note}, receiver, by=office)
        if parent is None:
            self._top = row
            return aid
        return answered_on

    def _answer_up(self, top_id: str, district: str, after: dt.date, due: dt.date) -> None:
        """The district answers the city once every township has (the row is still in the buffer)."""
        rng, today = self.rng, self.today
        day = after + dt.timedelta(days=rng.randint(1, 5))
        row = self._top
        if day > today or row["id"] != top_id:
            return
        text = "各街道已按要求完成并反馈，汇总情况：" + rng.choice(ANSWERS).format(n=rng.randint(5, 12),
                                                                               m=rng.randint(30, 90))
        row.update(state="answered", answer=text, answer_round=1, answered_at=_at(day, rng))
        self.add("state_event", {"subject_table": "assignment", "subject_id": top_id, "at": _at(day, rng),
                                 "from_state": "accepted", "to_state": "answered", "actor": "区政协办公室",
                                 "actor_office_id": district, "note": text}, district, by=district)
        verdict_on = day + dt.timedelta(days=rng.randint(2, 10))       # the city reviews it, unless just now
        if verdict_on <= today:
            note = "汇总情况属实，同意办结。"
            row.update(verdict="accepted", verdict_round=1, verdict_note=note, verdict_at=_at(verdict_on, rng))
            self.add("state_event", {"subject_table": "assignment", "subject_id": top_id,
                                     "at": _at(verdict_on, rng), "from_state": "answered", "to_state": "done",
                                     "actor_office_id": self.city, "note": note}, district, by=self.city)

    # -- 年度协商计划 -----------------------------------------------------------------------
    def plans(self, groups, meetings: list[tuple]) -> None:
        """Each township's plan for this year and last: a topic per consultation meeting (the meeting that
        consulted it), led by the meeting's group, and two topics still to come this year."""
        rng, today = self.rng, self.today
        by_office = {g.office_id: g for g in groups}
        for mid, group_id, office, day, topic, kind, state in meetings:
            if kind != "consultation" or state == "cancelled" or day.year < today.year - 1:
                continue
            tid = self.add("plan_topic", {
                "year": day.year, "month": day.month, "title": topic, "source_kind": _pick(rng, PLAN_SOURCES),
                "description": "经联络组会商确定，列入年度协商计划。", "meeting_id": mid, "cancelled": 0}, office)
            self.add("record_link", {"subject_table": "plan_topic", "subject_id": tid,
                                     "record_table": "liaison_group", "record_id": group_id, "role": "lead"}, office)
        if today.month < 12:
            for office, g in by_office.items():
                for _ in range(2):
                    topic = rng.choice(g.topics)
                    tid = self.add("plan_topic", {
                        "year": today.year, "month": rng.randint(today.month + 1, 12),
                        "title": f"关于{topic['name']}的协商", "source_kind": _pick(rng, PLAN_SOURCES),
                        "description": "根据走访接待中群众反映集中的问题确定。", "cancelled": 0}, office)
                    self.add("record_link", {"subject_table": "plan_topic", "subject_id": tid,
                                             "record_table": "liaison_group", "record_id": g.id, "role": "lead"},
                             office)

    # -- 回头看 -------------------------------------------------------------------------------
    def reinspections(self, groups, closed: list[tuple]) -> None:
        """About one in six follow-ups closed 3 to 24 months ago is re-inspected: a visit and what it found;
        a few are still to be visited."""
        rng, today = self.rng, self.today
        by_id = {g.id: g for g in groups}
        outreach = self.ref["visit_kind"]["outreach"]
        for fid, group_id, office, closed_on, title in closed:
            age = (today - closed_on).days
            g = by_id.get(group_id)
            if g is None or not 90 <= age <= 730 or rng.random() > 0.16:
                continue
            planned = closed_on + dt.timedelta(days=rng.randint(80, min(age + 20, 200)))
            row = {"follow_up_id": fid, "planned_on": planned.isoformat(), "result": "pending"}
            if planned <= today:
                members = [s.member["id"] for s in self._members_at(g, planned)][:2]
                vid = self.add("visit", {"group_id": g.id, "kind_id": outreach, "visit_date": planned.isoformat(),
                                         "start_time": "09:30", "place": g.text.place(), "people_reached":
                                         rng.randint(3, 15), "heard": f"回头看：{title}"}, office)
                for m in members:
                    self.add("visit_member", {"visit_id": vid, "member_id": m}, office)
                row.update(visit_id=vid, done_on=planned.isoformat(), result="holds",
                           findings=rng.choice(FINDINGS_HOLD))
            self.add("reinspection", row, office)


def _pick(rng: random.Random, weighted) -> str:
    total = sum(w for _v, w in weighted)
    x = rng.uniform(0, total)
    for v, w in weighted:
        x -= w
        if x <= 0:
            return v
    return weighted[-1][0]
