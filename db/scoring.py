"""履职积分: the city's scoring rules (data, synced down) and every member's score, explained line by line.

A rule set is one value per item (db.model.SCORING_ITEMS) for a year; it stays in force for the
later years until the city sets another. Without any rows the built-in default applies, modelled
on published local rules (a 100-point scale): points per record, capped per category; absences
without leave deducted after the caps (leave costs nothing); a report's points shared between its
authors, the first author more. Quality weighs more than quantity: the number of reports is capped
low, adoption and a leader's instruction earn several times a report's points.

Which records count, for a member and a year (the same as db.duty's duty records):
meetings held (latest revision) attended / absent / on leave and speeches at them; visits taken part
in, by kind; reports collected that year: written (submitted or further), adopted, instructed,
shared between the reporter and the co-authors named after them in the reporter-name field
(张三、李四); follow-ups closed that year that came from the member's report or visit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import model
from .connection import Database
from .errors import LiaisonError
from .sortkey import name_key

HELD = ("held", "draft", "final")
WRITTEN = ("submitted", "adopted", "not_adopted", "instructed", "closed")
ADOPTED = ("adopted", "instructed", "closed")

CATEGORIES = ("meetings", "visits", "opinions", "followups", "discipline")
CATEGORY_LABELS = {
    "meetings": ("会议履职", "Meetings"),
    "visits": ("走访接待", "Visits"),
    "opinions": ("社情民意", "Public-opinion reports"),
    "followups": ("督办落实", "Follow-ups"),
    "discipline": ("纪律（扣分）", "Discipline (deductions)"),
}


@dataclass(frozen=True)
class RuleItem:
    code: str
    kind: str           # points | cap | share | grade
    category: str | None
    zh: str
    en: str
    default: int
    low: int
    high: int

    def short(self, zh: bool = True) -> str:
        """The label without its unit in brackets (出席会议（每次） → 出席会议), for a line of an explanation."""
        return self.zh.split("（")[0] if zh else self.en.split(" (")[0]


# Defaults modelled on published local rules (市、区县政协委员履职积分管理办法): 100 points in all.
ITEMS: tuple[RuleItem, ...] = (
    RuleItem("meeting_attended", "points", "meetings", "出席会议（每次）", "Meeting attended (each)", 3, 0, 100),
    RuleItem("speech", "points", "meetings", "会议发言（每次）", "Speech at a meeting (each)", 2, 0, 100),
    RuleItem("visit_reception", "points", "visits", "坐诊接待（每次）", "Reception day (each)", 3, 0, 100),
    RuleItem("visit_outreach", "points", "visits", "出诊走访（每次）", "Outreach visit (each)", 3, 0, 100),
    RuleItem("visit_joint", "points", "visits", "会诊（每次）", "Joint consultation (each)", 4, 0, 100),
    RuleItem("report_written", "points", "opinions", "社情民意信息报送（每篇）", "Report submitted (each)", 2, 0, 100),
    RuleItem("report_adopted", "points", "opinions", "社情民意信息被采用（每篇另加）", "Report adopted (each, extra)",
             6, 0, 100),
    RuleItem("report_instructed", "points", "opinions", "获领导批示（每篇另加）", "Leader's instruction (each, extra)",
             10, 0, 100),
    RuleItem("followup_closed", "points", "followups", "督办事项办结（每件）", "Follow-up closed (each)", 2, 0, 100),
    RuleItem("absent", "points", "discipline", "无故缺席（每次）", "Absent without leave (each)", -5, -100, 0),
    RuleItem("leave", "points", "discipline", "请假（每次）", "On leave (each)", 0, -100, 0),
    RuleItem("cap_meetings", "cap", "meetings", "会议履职上限", "Meetings: at most", 30, 0, 1000),
    RuleItem("cap_visits", "cap", "visits", "走访接待上限", "Visits: at most", 25, 0, 1000),
    RuleItem("cap_opinions", "cap", "opinions", "社情民意上限", "Reports: at most", 35, 0, 1000),
    RuleItem("cap_followups", "cap", "followups", "督办落实上限", "Follow-ups: at most", 10, 0, 1000),
    RuleItem("cap_report_written", "cap", "opinions", "报送篇数得分上限（重质量）",
             "Points for the number of reports: at most", 10, 0, 1000),
    RuleItem("share_first_author", "share", None, "联名信息第一作者所得比例（%）",
             "Joint report: first author's share (%)", 60, 1, 100),
    RuleItem("grade_excellent", "grade", None, "优秀（不低于）", "Excellent (from)", 85, 0, 1000),
    RuleItem("grade_good", "grade", None, "良好（不低于）", "Good (from)", 70, 0, 1000),
    RuleItem("grade_pass", "grade", None, "合格（不低于）", "Pass (from)", 60, 0, 1000),
)
ITEM = {i.code: i for i in ITEMS}
assert tuple(ITEM) == model.SCORING_ITEMS
GRADES = (("grade_excellent", "优秀", "Excellent"), ("grade_good", "良好", "Good"), ("grade_pass", "合格", "Pass"))
FAIL = ("不合格", "Fail")
MEMBER_DRIVEN = 120       # up to this many members, their records are read member by member (see _collect)
VISIT_ITEMS = {"reception": "visit_reception", "outreach": "visit_outreach", "joint": "visit_joint"}


class RuleError(LiaisonError):
    code = "scoring_rule"


@dataclass(frozen=True)
class RuleSet:
    year: int | None                 # the year the city set them for (None: the built-in default)
    values: dict[str, int]
    notes: dict[str, str] = field(default_factory=dict)

    @property
    def is_default(self) -> bool:
        return self.year is None

    def __getitem__(self, code: str) -> int:
        return self.values[code]

    def grade(self, total: float) -> tuple[str, str]:
        for code, zh, en in GRADES:
            if total >= self.values[code]:
                return zh, en
        return FAIL


DEFAULT = RuleSet(None, {i.code: i.default for i in ITEMS})


def rule_years(db: Database) -> list[int]:
    """The years for which the city has set rules, oldest first."""
    return [r[0] for r in db.execute(
        "SELECT DISTINCT year FROM scoring_rule WHERE deleted = 0 ORDER BY year").fetchall()]


def rules_in_force(db: Database, year: int) -> RuleSet:
    """The rules for `year`: the city's latest set from that year or before, else the default."""
    row = db.execute("SELECT max(year) FROM scoring_rule WHERE deleted = 0 AND year <= ?", [year]).fetchone()
    if not row or row[0] is None:
        return DEFAULT
    values, notes = dict(DEFAULT.values), {}
    for item, value, note in db.execute(
            "SELECT item, value, note FROM scoring_rule WHERE deleted = 0 AND year = ?", [row[0]]).fetchall():
        if item in ITEM:
            values[item] = value
            if note:
                notes[item] = note
    return RuleSet(row[0], values, notes)


def check_rules(values: dict[str, int]) -> None:
    """Refuse a rule set that cannot be right (ranges, grades in order), naming the item."""
    for code, item in ITEM.items():
        v = values.get(code)
        if not isinstance(v, int) or isinstance(v, bool):
            raise RuleError(f"“{item.zh}”缺少分值", f"“{item.en}” has no value")
        if not item.low <= v <= item.high:
            raise RuleError(f"“{item.zh}”应在 {item.low} 到 {item.high} 之间（现为 {v}）",
                            f"“{item.en}” must be between {item.low} and {item.high} (it is {v})")
    g = [values[c] for c, _z, _e in GRADES]
    if not g[0] > g[1] > g[2]:
        raise RuleError("等次分数线应为 优秀 > 良好 > 合格", "grade thresholds must be excellent > good > pass")


def default_rule_rows(year: int) -> list[dict]:
    """The default set as scoring_rule rows for `year` (the demo writes these as the city)."""
    return [{"year": year, "item": i.code, "value": i.default} for i in ITEMS]


def save_rules(db: Database, year: int, values: dict[str, int], notes: dict[str, str] | None = None) -> int:
    """Set the rules from `year` on (the city only: the write path refuses other offices).
    Returns the number of items changed; nothing is written when any value is wrong."""
    from .accounts import require_head
    from .write import writing
    require_head(db, "修改履职积分规则", "change the scoring rules")
    if not 2000 <= int(year) <= 2100:
        raise RuleError(f"年度不对：{year}", f"not a year: {year}")
    values = {c: values.get(c, DEFAULT.values[c]) for c in ITEM}
    check_rules(values)
    keep_notes = notes is None          # no notes given: each item keeps its own; given: an emptied one is cleared
    notes = notes or {}
    have = {item: (rid, value, note) for rid, item, value, note in db.execute(
        "SELECT id, item, value, note FROM scoring_rule WHERE deleted = 0 AND year = ?", [year]).fetchall()}
    changed = 0
    with writing(db) as w:
        for code in ITEM:
            note = (notes.get(code) or "").strip() or None
            if code in have:
                rid, value, old_note = have[code]
                if keep_notes or code not in notes:
                    note = old_note
                if value != values[code] or note != old_note:
                    w.update("scoring_rule", rid, {"value": values[code], "note": note})
                    changed += 1
            else:
                w.insert("scoring_rule", {"year": year, "item": code, "value": values[code], "note": note},
                         office_id=w.office_id)
                changed += 1
    return changed


# -- scores -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ScoreLine:
    category: str
    item: str
    record_table: str
    record_id: str
    date: str
    title: str
    points: float
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class CategoryScore:
    category: str
    earned: float            # before the cap
    counted: float           # after the caps
    cap: int | None
    notes_zh: tuple[str, ...] = ()
    notes_en: tuple[str, ...] = ()


@dataclass(frozen=True)
class MemberScore:
    member_id: str
    name: str
    groups: str | None
    year: int
    total: float
    grade_zh: str
    grade_en: str
    categories: tuple[CategoryScore, ...]
    lines: tuple[ScoreLine, ...]

    def category(self, code: str) -> CategoryScore:
        return next(c for c in self.categories if c.category == code)

    def explanation(self, lang: str = "zh") -> list[str]:
        """The score in words, line by line: each record's points, then each category with its cap."""
        zh = lang != "en"
        out = []
        for c in self.categories:
            zh_name, en_name = CATEGORY_LABELS[c.category]
            lines = [ln for ln in self.lines if ln.category == c.category]
            if not lines and not c.counted:
                continue
            head = (f"{zh_name}：{_n(c.counted)} 分" if zh else f"{en_name}: {_n(c.counted)} points")
            if c.cap is not None and c.earned > c.cap:
                head += (f"（得 {_n(c.earned)} 分，超过上限 {c.cap} 分，按上限计）" if zh
                         else f" (earned {_n(c.earned)}, over the cap of {c.cap}: the cap counts)")
            out.append(head)
            out.extend("  " + n for n in (c.notes_zh if zh else c.notes_en))
            for ln in lines:
                label = ITEM[ln.item].short(zh)
                note = ln.note_zh if zh else ln.note_en
                colon = "：" if zh else ": "
                out.append(f"  {ln.date} {label}{colon}{ln.title} {_signed(ln.points)}" + (f"（{note}）" if note and zh
                           else f" ({note})" if note else ""))
        out.append(f"合计 {_n(self.total)} 分，等次：{self.grade_zh}" if zh
                    else f"Total {_n(self.total)} points, grade: {self.grade_en}")
        return out


def _n(x: float) -> str:
    return f"{x:g}" if x == int(x) else f"{x:.1f}"


def _signed(x: float) -> str:
    return ("+" if x >= 0 else "−") + _n(abs(x))


def _span(year: int) -> list[str]:
    return [f"{year:04d}-01-01", f"{year + 1:04d}-01-01"]


_NAME_SPLIT = re.compile(r"[、,，;；/\s]+")


def members_in_scope(db: Database, year: int, *, group_id: str | None = None,
                     office_id: str | None = None) -> dict[str, tuple[str, str | None]]:
    """member id → (name, groups that year) of the members of the groups in scope during `year`."""
    span = _span(year)
    sql = ("SELECT ms.member_id, m.name, group_concat(g.name, '、') FROM membership ms "
           "JOIN liaison_group g ON g.id = ms.group_id AND g.deleted = 0 "
           "JOIN member m ON m.id = ms.member_id AND m.deleted = 0 "
           "WHERE ms.deleted = 0 AND (ms.joined_on IS NULL OR ms.joined_on < ?) "
           "AND (ms.left_on IS NULL OR ms.left_on >= ?)")
    params: list = [span[1], span[0]]
    if group_id:
        sql += " AND ms.group_id = ?"
        params.append(group_id)
    if office_id:
        from .stats import offices_under
        offices = offices_under(db, office_id)
        sql += f" AND g.office_id IN ({', '.join('?' * len(offices))})"
        params += offices
    return {r[0]: (r[1], r[2]) for r in db.execute(sql + " GROUP BY ms.member_id", params).fetchall()}


def _chunks(ids: list[str], n: int = 500) -> Iterable[list[str]]:
    for i in range(0, len(ids), n):
        yield ids[i:i + n]


def _collect(db: Database, year: int, ids: list[str], rules: RuleSet) -> dict[str, list[ScoreLine]]:
    """Every record that gives points to one of `ids` that year, as lines with the points before caps.

    A few members (a group): from each member's rows (their index), all years, keeping the year's.
    Many (a district, the city): from the year's meetings and visits (the date indexes) — a member's
    rows of ten years would cost more than reading one year's records once."""
    span = _span(year)
    lines: dict[str, list[ScoreLine]] = {m: [] for m in ids}
    held = ", ".join(f"'{s}'" for s in HELD)
    meetings = (f"m.starts_at >= ? AND m.starts_at < ? AND m.deleted = 0 AND +m.state IN ({held}) "
                "AND m.id NOT IN (SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL AND deleted = 0)")
    status_item = {"present": "meeting_attended", "absent": "absent", "leave": "leave"}
    by_member = len(ids) <= MEMBER_DRIVEN
    # (SQL, params) of the three queries, either for a part of the members or for the whole year
    parts = list(_chunks(ids)) if by_member else [None]
    for part in parts:
        if part is not None:
            only, extra = f" AND {{col}} IN ({', '.join('?' * len(part))})", list(part)
            join = "JOIN"
        else:
            only, extra, join = "", [], "CROSS JOIN"          # the year's meetings/visits drive the join
        attendance = (f"SELECT a.member_id, a.status, m.id, substr(m.starts_at, 1, 10), m.topic FROM meeting m "
                      f"{join} attendance a ON a.meeting_id = m.id WHERE {meetings} AND a.deleted = 0 "
                      "AND a.office_id = m.office_id"
                      + only.format(col="a.member_id") + " ORDER BY m.starts_at")
        for mid, status, rid, day, topic in db.execute(attendance, [*span, *extra]).fetchall():
            item = status_item.get(status)
            if item and mid in lines:
                cat = "meetings" if item == "meeting_attended" else "discipline"
                lines[mid].append(ScoreLine(cat, item, "meeting", rid, day, topic, float(rules[item])))
        speeches = (f"SELECT s.member_id, m.id, substr(m.starts_at, 1, 10), m.topic FROM meeting m "
                    f"{join} speech s ON s.meeting_id = m.id WHERE {meetings} AND s.deleted = 0 "
                    "AND s.office_id = m.office_id"
                    + only.format(col="s.member_id") + " ORDER BY m.starts_at, s.seq")
        for mid, rid, day, topic in db.execute(speeches, [*span, *extra]).fetchall():
            if mid in lines:
                lines[mid].append(ScoreLine("meetings", "speech", "meeting", rid, day, topic, float(rules["speech"])))
        if part is not None:
            visits = ("SELECT vm.member_id, v.id, v.visit_date, k.code, v.place FROM visit_member vm "
                      "JOIN visit v ON v.id = vm.visit_id AND v.office_id = vm.office_id "
                      "JOIN reference_item k ON k.id = v.kind_id "
                      "WHERE vm.deleted = 0 AND v.deleted = 0 AND v.visit_date >= ? AND v.visit_date < ?"
                      + only.format(col="vm.member_id") + " ORDER BY v.visit_date")
        else:
            visits = ("SELECT vm.member_id, v.id, v.visit_date, k.code, v.place FROM visit v "
                      "CROSS JOIN visit_member vm ON vm.visit_id = v.id AND vm.office_id = v.office_id "
                      "JOIN reference_item k ON k.id = v.kind_id "
                      "WHERE vm.deleted = 0 AND v.deleted = 0 AND v.visit_date >= ? AND v.visit_date < ? "
                      "ORDER BY v.visit_date")
        for mid, rid, day, kind, place in db.execute(visits, [*span, *extra]).fetchall():
            item = VISIT_ITEMS.get(kind)
            if item and mid in lines:
                lines[mid].append(ScoreLine("visits", item, "visit", rid, day, place or "", float(rules[item])))
    _reports(db, span, lines, rules)
    _followups(db, year, lines, rules)
    return lines


def _reports(db: Database, span: list[str], lines: dict[str, list[ScoreLine]], rules: RuleSet) -> None:
    names: dict[str, list[str]] | None = None
    share = rules["share_first_author"] / 100
    written = ", ".join(f"'{s}'" for s in WRITTEN)
    for rid, reporter, typed, first_name, state, instruction, day, title in db.execute(
            "SELECT o.id, o.reporter_id, o.reporter_name, m.name, o.state, o.instruction, o.collected_on, o.title "
            "FROM opinion_report o LEFT JOIN member m ON m.id = o.reporter_id "
            f"WHERE o.deleted = 0 AND o.collected_on >= ? AND o.collected_on < ? AND o.state IN ({written}) "
            "ORDER BY o.collected_on", span).fetchall():
        authors = [reporter] if reporter else []
        typed_names = [n for n in _NAME_SPLIT.split(typed or "") if n]
        extra = [n for n in typed_names if n != first_name]
        if extra:
            if names is None:
                names = {}
                for mid, name in db.execute("SELECT id, name FROM member WHERE deleted = 0").fetchall():
                    names.setdefault(name, []).append(mid)
            for n in extra:
                found = names.get(n, [])
                # a name shared by several members credits the one in scope, if exactly one is
                inside = [m for m in found if m in lines]
                if len(inside) == 1 and inside[0] not in authors:
                    authors.append(inside[0])
        if not any(a in lines for a in authors):
            continue
        items = ["report_written"]
        if state in ADOPTED:
            items.append("report_adopted")
        if state == "instructed" or (instruction or "").strip():
            items.append("report_instructed")
        for pos, mid in enumerate(authors):
            if mid not in lines:
                continue
            if len(authors) == 1:
                part, zh, en = 1.0, "", ""
            elif pos == 0:
                part = share
                zh, en = f"第一作者，得 {round(share * 100)}%", f"first author, {round(share * 100)}%"
            else:
                part = (1 - share) / (len(authors) - 1)
                zh, en = f"联名作者，得 {part * 100:.0f}%", f"co-author, {part * 100:.0f}%"
            for item in items:
                lines[mid].append(ScoreLine("opinions", item, "opinion_report", rid, day, title,
                                            round(rules[item] * part, 2), zh, en))


def _followups(db: Database, year: int, lines: dict[str, list[ScoreLine]], rules: RuleSet) -> None:
    span = _span(year)
    pts = float(rules["followup_closed"])
    rows = db.execute(
        "SELECT o.reporter_id, f.id, f.closed_on, f.title FROM follow_up f "
        "JOIN opinion_report o ON o.id = f.source_id AND o.deleted = 0 "
        "WHERE f.source_table = 'opinion_report' AND f.deleted = 0 AND f.state = 'closed' "
        "AND f.closed_on >= ? AND f.closed_on < ? "
        "UNION ALL SELECT vm.member_id, f.id, f.closed_on, f.title FROM follow_up f "
        "CROSS JOIN visit_member vm ON vm.visit_id = f.source_id AND vm.deleted = 0 "
        "AND vm.office_id = (SELECT v.office_id FROM visit v WHERE v.id = f.source_id) "
        "WHERE f.source_table = 'visit' AND f.deleted = 0 AND f.state = 'closed' "
        "AND f.closed_on >= ? AND f.closed_on < ? ORDER BY 3", [*span, *span]).fetchall()
    for mid, fid, day, title in rows:
        if mid in lines:
            lines[mid].append(ScoreLine("followups", "followup_closed", "follow_up", fid, day, title, pts))


def _total(member_id: str, name: str, groups: str | None, year: int, lines: list[ScoreLine],
           rules: RuleSet) -> MemberScore:
    cats = []
    positive = 0.0
    for cat in CATEGORIES:
        own = [ln for ln in lines if ln.category == cat]
        earned = round(sum(ln.points for ln in own), 2)
        if cat == "discipline":
            cats.append(CategoryScore(cat, earned, earned, None))
            continue
        notes_zh, notes_en = [], []
        counted = earned
        if cat == "opinions":
            written = round(sum(ln.points for ln in own if ln.item == "report_written"), 2)
            cap = rules["cap_report_written"]
            if written > cap:
                counted = round(earned - written + cap, 2)
                notes_zh.append(f"报送篇数得分 {_n(written)} 分，超过单项上限 {cap} 分，按 {cap} 分计（重质量）")
                notes_en.append(f"points for the number of reports {_n(written)}, over the cap of {cap}: {cap} count")
        cap = rules[f"cap_{cat}"]
        counted = min(counted, cap)
        positive += counted
        cats.append(CategoryScore(cat, earned, counted, cap, tuple(notes_zh), tuple(notes_en)))
    total = round(max(0.0, positive + cats[-1].counted), 1)
    zh, en = rules.grade(total)
    return MemberScore(member_id, name, groups, year, total, zh, en, tuple(cats), tuple(lines))


def score_members(db: Database, year: int, *, group_id: str | None = None, office_id: str | None = None,
                  member_ids: Iterable[str] | None = None, rules: RuleSet | None = None) -> list[MemberScore]:
    """The scores of the members of the groups in scope that year (or of `member_ids`), best first."""
    rules = rules or rules_in_force(db, year)
    if member_ids is not None:
        wanted = list(dict.fromkeys(member_ids))
        people = {}
        for part in _chunks(wanted):
            for mid, name in db.execute(
                    f"SELECT id, name FROM member WHERE id IN ({', '.join('?' * len(part))})", part).fetchall():
                people[mid] = (name, None)
        groups = members_in_scope(db, year)
        people = {m: (n, groups.get(m, (None, None))[1]) for m, (n, _g) in people.items()}
    else:
        people = members_in_scope(db, year, group_id=group_id, office_id=office_id)
    lines = _collect(db, year, list(people), rules)
    out = [_total(m, name, groups, year, lines[m], rules) for m, (name, groups) in people.items()]
    out.sort(key=lambda s: (-s.total, name_key(s.name), s.member_id))      # ties in pinyin order (db.sortkey)
    return out


def score_member(db: Database, member_id: str, year: int) -> MemberScore:
    """One member's score with every line (a member's page, the printed duty record)."""
    found = score_members(db, year, member_ids=[member_id])
    if not found:
        raise RuleError("找不到该委员", f"no member {member_id}")
    return found[0]
