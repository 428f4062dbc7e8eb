"""Demo data: Chinese minutes, visit notes, reports and replies composed from db.demo_topics."""

from __future__ import annotations

import random

from .demo_topics import DECISION_LEADS, HANDLING, SPEECH_LEADS

_CN_NUM = "一二三四五六七八九十"


def unit_name(unit: str, district: str, township: str) -> str:
    """A department named the way the township knows it: 区民政局 → 南明区民政局, 县 for counties."""
    if unit.startswith("区"):
        return district + unit[1:]
    if unit in ("街道办事处", "镇人民政府"):
        return township + ("办事处" if township.endswith("街道") else "人民政府")
    if unit == "交警大队":
        return district + "交警大队"
    if unit == "公交集团":
        return "贵阳公交集团"
    return unit


def fill(text: str, place: str) -> str:
    return text.replace("{p}", place)


class Writer:
    """Texts for one group, with its district, township and places."""

    def __init__(self, rng: random.Random, district: str, township: str, places: list[str]):
        self.rng, self.district, self.township, self.places = rng, district, township, places

    def place(self) -> str:
        return self.rng.choice(self.places)

    def unit(self, topic: dict) -> str:
        return unit_name(self.rng.choice(topic["units"]), self.district, self.township)

    def units(self, topic: dict, n: int) -> list[str]:
        picked = self.rng.sample(topic["units"], min(n, len(topic["units"])))
        return [unit_name(u, self.district, self.township) for u in picked]

    def phrase(self, topic: dict, key: str, place: str | None = None) -> str:
        return fill(self.rng.choice(topic[key]), place or self.place())

    # -- meetings ------------------------------------------------------------------
    def meeting_topic(self, kind: str, topic: dict, place: str) -> str:
        name = topic["name"]
        r = self.rng.random() < 0.5
        return {
            "consultation": f"关于{place}{name}的协商议事会" if r else f"“{name}”专题协商议事会",
            "forum": f"{name}工作座谈会" if r else f"{place}{name}群众座谈会",
            "study": "学习贯彻全国两会精神专题学习会" if r else f"政协理论暨{name}政策专题学习会",
            "inspection": f"{place}{name}工作视察",
            "research": f"{name}专题调研" if r else f"{place}{name}情况调研",
            "proposal": f"“{name}”提案办理协商会",
        }[kind]

    def overview(self, *, date_text: str, time_text: str, group: str, place: str, kind_name: str,
                 topic: dict, chair: str, present: int, guests: list[str]) -> str:
        guest_text = "、".join(guests[:3])
        verb = "组织开展" if kind_name.endswith("活动") else "召开"
        s = (f"{date_text}{time_text}，{group}在{place}{verb}{kind_name}，围绕“{topic['name']}”开展协商。"
             f"会议由召集人{chair}主持，{present}名委员出席")
        s += f"，{guest_text}等单位和人员列席会议。" if guest_text else "。"
        s += self.rng.choice((
            "与会委员结合走访调研情况踊跃发言，提出了具体意见建议。",
            "会前，委员们深入社区、村组开展走访，收集群众意见。",
            "会议听取了有关部门情况通报，委员们与部门负责同志面对面协商。"))
        return s

    def agenda_title(self, topic: dict, place: str) -> str:
        return self.rng.choice((f"关于{place}{topic['name']}问题", f"研究推进{topic['name']}工作",
                                f"{place}{topic['name']}情况通报及意见征集"))

    def background(self, topic: dict, place: str) -> str:
        a, b = self.rng.sample(topic["problems"], 2) if len(topic["problems"]) > 1 else (topic["problems"][0],) * 2
        return f"据调查了解，{fill(a, place)}；{fill(b, place)}。主要原因：{self.rng.choice(topic['causes'])}。"

    def speech(self, name: str, topic: dict, place: str) -> str:
        lead = self.rng.choice(SPEECH_LEADS)
        s = f"{name}委员{lead}：{self.phrase(topic, 'suggestions', place)}。"
        if self.rng.random() < 0.6:
            s += f"同时要注意{self.phrase(topic, 'problems', place)}的问题，{self.rng.choice(topic['causes'])}。"
        return s

    def decision(self, topic: dict, place: str, due_text: str) -> str:
        lead = self.rng.choice(DECISION_LEADS)
        unit = self.unit(topic)
        return (f"{lead}，要{self.phrase(topic, 'suggestions', place)}。由{unit}牵头，"
                f"{unit_name('街道办事处', self.district, self.township)}配合，于{due_text}前提出具体方案并反馈联络组。")

    def consensus(self, topic: dict, place: str) -> str:
        return f"{self.phrase(topic, 'suggestions', place)}，请{self.unit(topic)}研究落实，联络组跟踪问效。"

    # -- visits, reports, follow-ups ---------------------------------------------
    def heard(self, topics: list[dict], n: int) -> str:
        parts = [self.phrase(self.rng.choice(topics), "heard") for _ in range(n)]
        return "；".join(parts) + "。"

    def handling(self, topic: dict) -> str:
        return self.rng.choice(HANDLING).replace("{unit}", self.unit(topic)) + "。"

    def report(self, topic: dict, place: str) -> dict:
        problems = self.rng.sample(topic["problems"], min(2, len(topic["problems"])))
        sugg = self.rng.sample(topic["suggestions"], min(3, len(topic["suggestions"])))
        return {
            "title": f"关于解决{place}{topic['name']}问题的建议",
            "situation": "。".join(fill(p, place) for p in problems) + "。群众对此反映强烈。",
            "cause": "；".join(self.rng.sample(topic["causes"], min(2, len(topic["causes"])))) + "。",
            "suggestion": "".join(f"{_CN_NUM[i]}是{fill(s, place)}；" for i, s in enumerate(sugg))[:-1] + "。",
        }

    def followup_title(self, topic: dict, place: str) -> str:
        return fill(self.rng.choice(topic["suggestions"]), place).split("，")[0]
