"""`simulate`: random, realistic work by this office within its own scope (SYNC.md "Who may write
what"): townships run groups, meetings, visits, opinion reports and follow-ups; districts keep the
roster of their townships and reply to follow-ups; the city keeps reference lists and the roster and
gives instructions. Creates, edits, deletes and state changes, all through the write path."""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable

from .. import model
from ..attachments import blob_path
from ..connection import Database
from ..write import Writer, writing
from .fsutil import write_atomic
from .scope import OfficeTree
from .state import me

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红"
_TOPICS = ["老旧小区改造", "社区养老服务", "背街小巷整治", "农村饮水安全", "校园周边交通", "农贸市场管理",
           "垃圾分类推进", "便民服务中心建设", "乡村产业振兴", "停车难问题", "物业管理纠纷", "防汛安全隐患"]
_PLACES = ["社区委员之家", "街道联络站", "村委会议室", "便民服务中心", "街道办事处三楼会议室"]
_UNITS = ["区住建局", "区民政局", "街道办事处", "区交通运输局", "区城管局", "区教育局", "区卫健局"]
_PHRASES = ["群众反映强烈", "需要多部门协同", "建议纳入年度计划", "已初步形成共识", "请相关部门限期答复",
            "委员实地走访了解", "涉及居民切身利益", "经费保障有待落实", "建议建立长效机制"]


def _text(r: random.Random, n: int = 2) -> str:
    return "，".join(r.choice(_PHRASES) for _ in range(n)) + f"（{r.randrange(10_000)}）。"


def _name(r: random.Random) -> str:
    return r.choice(_SURNAMES) + "".join(r.choice(_GIVEN) for _ in range(r.choice((1, 2))))


def _phone(r: random.Random) -> str:
    return "1" + r.choice("3589") + "".join(str(r.randrange(10)) for _ in range(9))


class Sim:
    def __init__(self, db: Database, r: random.Random):
        self.db, self.r = db, r
        self.node = me(db)
        self.tree = OfficeTree.load(db)
        self.office = self.node.office_id
        self.level = self.tree.level.get(self.office)
        self.sub = self.tree.subtree(self.office)
        self.counts: dict[str, int] = {}

    # -- helpers -------------------------------------------------------------------------
    def ids(self, table: str, where: str = "1", params=(), owners=None) -> list[str]:
        owners = self.sub if owners is None else owners
        rows = self.db.execute(f"SELECT id, office_id FROM {table} WHERE deleted = 0 AND {where} ORDER BY id",
                               list(params)).fetchall()
        return [i for i, o in rows if o in owners]

    def ref(self, lst: str) -> str | None:
        ids = [r[0] for r in self.db.execute("SELECT id FROM reference_item WHERE list = ? AND deleted = 0 ORDER BY id",
                                             [lst])]
        return self.r.choice(ids) if ids else None

    def owner_of(self, table: str, row_id: str) -> str:
        return self.db.execute(f"SELECT office_id FROM {table} WHERE id = ?", [row_id]).fetchone()[0]

    def members(self) -> list[str]:
        visible = self.tree.visible_to(self.office)
        return [i for i, o in self.db.execute("SELECT id, office_id FROM member WHERE deleted = 0 ORDER BY id")
                if visible("member", o)]

    def pick(self, xs):
        return self.r.choice(xs) if xs else None

    def done(self, what: str) -> None:
        self.counts[what] = self.counts.get(what, 0) + 1

    # -- township work ---------------------------------------------------------------------
    def new_group(self, w: Writer) -> None:
        w.insert("liaison_group", {"name": f"{self.tree.name.get(self.office, '')}委员联络组{self.r.randrange(100)}",
                                   "station_address": self.r.choice(_PLACES), "staff_name": _name(self.r),
                                   "staff_phone": _phone(self.r)}, office_id=self.office)
        self.done("group")

    def new_membership(self, w: Writer) -> None:
        g, m = self.pick(self.ids("liaison_group", owners={self.office})), self.pick(self.members())
        if g and m:
            w.insert("membership", {"group_id": g, "member_id": m, "role": self.r.choice(("member", "deputy"))},
                     office_id=self.office)
            self.done("membership")

    def new_meeting(self, w: Writer) -> None:
        g, kind = self.pick(self.ids("liaison_group", owners={self.office})), self.ref("meeting_kind")
        if not (g and kind):
            return self.new_group(w)
        topic = self.r.choice(_TOPICS)
        day = f"2026-{self.r.randrange(1, 13):02d}-{self.r.randrange(1, 29):02d}"
        mid = w.insert("meeting", {"group_id": g, "kind_id": kind, "topic": f"{topic}协商议事会",
                                   "starts_at": f"{day}T09:30", "place": self.r.choice(_PLACES),
                                   "chair": _name(self.r), "recorder": _name(self.r), "overview": _text(self.r, 3)},
                       office_id=self.office)
        for i, m in enumerate(self.r.sample(self.members(), min(3, len(self.members())))):
            w.insert("attendance", {"meeting_id": mid, "member_id": m, "sort": i,
                                    "status": self.r.choice(("present", "present", "leave"))}, office_id=self.office)
        a = w.insert("agenda_item", {"meeting_id": mid, "seq": 1, "title": topic, "background": _text(self.r)},
                     office_id=self.office)
        w.insert("speech", {"meeting_id": mid, "agenda_item_id": a, "speaker_name": _name(self.r),
                            "summary": _text(self.r, 3)}, office_id=self.office)
        w.insert("consensus_item", {"meeting_id": mid, "agenda_item_id": a, "text": _text(self.r)},
                 office_id=self.office)
        self.done("meeting")

    def new_visit(self, w: Writer) -> None:
        g, kind = self.pick(self.ids("liaison_group", owners={self.office})), self.ref("visit_kind")
        if not (g and kind):
            return self.new_group(w)
        vid = w.insert("visit", {"group_id": g, "kind_id": kind, "visit_date": f"2026-03-{self.r.randrange(1, 29):02d}",
                                 "place": self.r.choice(_PLACES), "people_reached": self.r.randrange(1, 60),
                                 "heard": _text(self.r)}, office_id=self.office)
        m = self.pick(self.members())
        if m:
            w.insert("visit_member", {"visit_id": vid, "member_id": m}, office_id=self.office)
        self.done("visit")

    def new_report(self, w: Writer) -> None:
        w.insert("opinion_report", {"title": f"关于{self.r.choice(_TOPICS)}的建议", "situation": _text(self.r),
                                    "suggestion": _text(self.r), "reporter_name": _name(self.r),
                                    "collected_on": "2026-04-01", "group_id": self.pick(
                                        self.ids("liaison_group", owners={self.office}))}, office_id=self.office)
        self.done("opinion_report")

    def new_follow_up(self, w: Writer) -> None:
        fid = w.insert("follow_up", {"title": f"督办：{self.r.choice(_TOPICS)}", "description": _text(self.r),
                                     "lead_unit": self.r.choice(_UNITS), "due_date": "2026-06-30",
                                     "source_table": "other"}, office_id=self.office)
        if self.r.random() < 0.3:
            data = f"扫描件 {fid} {self.r.random()}".encode() * self.r.randrange(1, 50)
            sha = hashlib.sha256(data).hexdigest()
            p = blob_path(self.db, sha)
            if not p.exists():
                p.parent.mkdir(parents=True, exist_ok=True)
                write_atomic(p, lambda fh: fh.write(data), data_folder=True)
            w.insert("attachment", {"owner_table": "follow_up", "owner_id": fid, "name": "签到表.jpg",
                                    "sha256": sha, "size": len(data), "kind": "sign_in"}, office_id=self.office)
        self.done("follow_up")

    def edit_own(self, w: Writer) -> None:
        table, changes = self.r.choice([
            ("meeting", lambda: {"overview": _text(self.r, 3)}),
            ("meeting", lambda: {"state": self.r.choice(model.MEETING_STATES[:4])}),
            ("agenda_item", lambda: {"decision": _text(self.r)}),
            ("speech", lambda: {"summary": _text(self.r, 2)}),
            ("consensus_item", lambda: {"text": _text(self.r)}),
            ("visit", lambda: {"handling": _text(self.r), "people_reached": self.r.randrange(1, 80)}),
            ("opinion_report", lambda: {"state": self.r.choice(model.REPORT_STATES[:3]), "cause": _text(self.r)}),
            ("follow_up", lambda: {"state": self.r.choice(model.FOLLOWUP_STATES), "reply": _text(self.r)}),
            ("follow_up", lambda: {"description": _text(self.r)}),
            ("liaison_group", lambda: {"station_address": self.r.choice(_PLACES) + str(self.r.randrange(9))}),
        ])
        row = self.pick(self.ids(table, owners={self.office}))
        if row:
            w.update(table, row, changes())
            self.done(f"edit {table}")

    def delete_own(self, w: Writer) -> None:
        table = self.r.choice(("attendance", "speech", "visit", "opinion_report", "follow_up", "consensus_item"))
        row = self.pick(self.ids(table, owners={self.office}))
        if row:
            w.delete(table, row)
            self.done(f"delete {table}")

    # -- district / city work ------------------------------------------------------------------
    def roster(self, w: Writer) -> None:
        if self.level == "city":
            owners = set(self.tree.level)
        else:
            owners = set(self.sub)
        mem = self.pick(self.ids("member", owners=owners))
        if mem is None or self.r.random() < 0.25:
            owner = self.office if self.r.random() < 0.5 else self.pick(sorted(owners))
            sex = self.r.choice("MF")
            w.insert("member", {"name": _name(self.r), "sex": sex, "phone": _phone(self.r),
                                "sector_id": self.ref("sector"), "work_unit": self.r.choice(_UNITS),
                                "expertise": self.r.choice(_TOPICS)}, office_id=owner)
            self.done("member")
            return
        w.update("member", mem, self.r.choice([{"phone": _phone(self.r)}, {"name": _name(self.r)},
                                               {"job_title": self.r.choice(("主任", "科长", "教师", "医生"))},
                                               {"expertise": self.r.choice(_TOPICS)}]))
        self.done("edit member")

    def supervise(self, w: Writer) -> None:
        below = set(self.sub) - {self.office}
        if self.r.random() < 0.6:
            fid = self.pick(self.ids("follow_up", owners=below))
            if fid:
                state = self.r.choice(("assigned", "replied", "in_progress", "closed"))
                w.update("follow_up", fid, {"reply": _text(self.r), "state": state})
                w.insert("state_event", {"subject_table": "follow_up", "subject_id": fid, "at": "2026-05-01T10:00",
                                         "to_state": state, "actor": _name(self.r), "actor_office_id": self.office,
                                         "note": _text(self.r, 1)}, office_id=self.owner_of("follow_up", fid))
                self.done("reply")
        else:
            oid = self.pick(self.ids("opinion_report", owners=below))
            if oid:
                w.update("opinion_report", oid, {"instruction": _text(self.r), "state": "instructed"})
                self.done("instruction")

    def reference(self, w: Writer) -> None:
        items = self.ids("reference_item", "list = 'followup_category'")
        if items and self.r.random() < 0.6:
            w.update("reference_item", self.r.choice(items), {"name": f"类别{self.r.randrange(1000)}"})
        else:
            w.insert("reference_item", {"list": "followup_category", "code": f"c{self.r.randrange(10**6)}",
                                        "name": f"新类别{self.r.randrange(1000)}"}, office_id=self.office)
        self.done("reference")

    def group_care(self, w: Writer) -> None:
        g = self.pick(self.ids("liaison_group", owners=set(self.sub) - {self.office}))
        if g:
            w.update("liaison_group", g, {"note": _text(self.r)})
            self.done("edit group")

    def step(self) -> None:
        if self.level == "township":
            acts: list[tuple[float, Callable]] = [
                (1, self.new_group if not self.ids("liaison_group", owners={self.office}) else self.new_membership),
                (3, self.new_meeting), (2, self.new_visit), (2, self.new_report), (2, self.new_follow_up),
                (7, self.edit_own), (1.5, self.delete_own)]
        elif self.level == "district":
            acts = [(4, self.roster), (4, self.supervise), (1, self.group_care)]
        else:
            acts = [(2, self.reference), (4, self.roster), (3, self.supervise), (1, self.group_care)]
        act = self.r.choices([a for _w, a in acts], weights=[w_ for w_, _a in acts])[0]
        with writing(self.db) as w:
            act(w)


def simulate(db: Database, edits: int, seed: int) -> dict[str, int]:
    """Make `edits` random pieces of work (each in its own transaction); returns what was done."""
    sim = Sim(db, random.Random(seed))
    for _ in range(edits):
        sim.step()
    return sim.counts
