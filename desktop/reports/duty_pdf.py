"""委员履职档案 as PDF: one member a page (a long record runs on, the next member starts a new page) —
the duty record's counts, the score under the rules in force, category by category with its cap, and
every record that gave points. One member, a group or a whole year in one file. No Qt."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from db import scoring
from db import today as office_clock
from db.connection import Database
from db.duty import duty_records
from db.scoring import CATEGORY_LABELS, ITEM, MemberScore, RuleSet


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def write_duty_pdf(db: Database, scores: Sequence[MemberScore], out: str | Path, *, rules: RuleSet | None = None,
                   title: str = "", lang: str = "zh", progress=None) -> Path:
    """Write the records of `scores` (db.scoring.score_members / score_member), in their order."""
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

    from .stats_pdf import Fonts, build_pdf, fmt, styles, table_style

    if not scores:
        from .stats_report import ReportError
        raise ReportError("没有可打印的委员", "no members to print")
    fonts = Fonts()
    st = styles(fonts)
    years = sorted({s.year for s in scores})
    rules_by_year = {y: (rules if rules is not None and len(years) == 1 else scoring.rules_in_force(db, y))
                     for y in years}
    duty = {}
    for y in years:
        for d in duty_records(db, y):
            duty[(d.member_id, y)] = d
    story = []
    made = office_clock.today().isoformat()
    for n, s in enumerate(scores):
        if progress is not None:
            progress.update(n, len(scores))
        if n:
            story.append(PageBreak())
        r = rules_by_year[s.year]
        heading = _t(lang, f"委员履职档案（{s.year}年度）", f"Member duty record {s.year}")
        story.append(Paragraph(fonts.markup(heading, "title"), st["title"]))
        groups_en = ", ".join((s.groups or "").split("、"))             # joined with 、 in db (db.duty)
        who = _t(lang, f"{s.name}　{s.groups or ''}", f"{s.name} · {groups_en}" if groups_en else s.name)
        story.append(Paragraph(fonts.markup(who), st["subtitle"]))
        d = duty.get((s.member_id, s.year))
        if d is not None:
            counts = _t(lang, f"应出席会议 {d.meetings_total} 次，出席 {d.meetings_attended} 次，请假 {d.leave} 次，"
                              f"缺席 {d.absent} 次；会议发言 {d.speeches} 次；参加走访接待 {d.visits} 次；"
                              f"报送社情民意信息 {d.reports} 篇（采用 {d.reports_adopted} 篇）；督办事项 {d.follow_ups} 件。",
                        f"Meetings due {d.meetings_total}: attended {d.meetings_attended}, leave {d.leave}, "
                        f"absent {d.absent}; speeches {d.speeches}; visits {d.visits}; reports {d.reports} "
                        f"(adopted {d.reports_adopted}); follow-ups {d.follow_ups}.")
            story.append(Paragraph(fonts.markup(counts), st["body"]))
            story.append(Spacer(1, 2 * mm))
        basis = (_t(lang, "积分规则：默认规则（百分制）", "Rules: the default rules (100 points)") if r.is_default
                 else _t(lang, f"积分规则：市政协 {r.year} 年起执行的规则", f"Rules: the city's rules from {r.year}"))
        story.append(Paragraph(fonts.markup(basis), st["small"]))
        data = [[_t(lang, "类别", "Category"), _t(lang, "所得", "Earned"), _t(lang, "上限", "Cap"),
                 _t(lang, "计分", "Counted")]]
        for c in s.categories:
            zh, en = CATEGORY_LABELS[c.category]
            data.append([_t(lang, zh, en), fmt(c.earned), "—" if c.cap is None else str(c.cap), fmt(c.counted)])
        data.append([_t(lang, "合计 / 等次", "Total / grade"), "", "", f"{fmt(s.total)}　{_t(lang, s.grade_zh, s.grade_en)}"])
        table = Table(data, colWidths=[60 * mm, 30 * mm, 30 * mm, 45 * mm], hAlign="LEFT")
        style = table_style(fonts)
        style.add("FONTNAME", (0, len(data) - 1), (-1, len(data) - 1), fonts.hei)
        table.setStyle(style)
        story.append(table)
        story.append(Spacer(1, 3 * mm))
        for c in s.categories:
            lines = [ln for ln in s.lines if ln.category == c.category]
            notes = c.notes_zh if lang != "en" else c.notes_en
            if not lines and not notes:
                continue
            zh, en = CATEGORY_LABELS[c.category]
            head = f"{_t(lang, zh, en)}　{fmt(c.counted)}"
            if c.cap is not None and c.earned > c.cap:
                head += _t(lang, f"（得 {fmt(c.earned)} 分，超过上限 {c.cap} 分，按上限计）",
                           f" (earned {fmt(c.earned)}, over the cap of {c.cap})")
            story.append(Paragraph(fonts.markup(head, "hei"), st["h2"]))
            for note in notes:
                story.append(Paragraph(fonts.markup(note), st["small"]))
            by_item: dict[str, list] = {}
            for ln in lines:
                by_item.setdefault(ln.item, []).append(ln)
            for item, group in by_item.items():
                label = ITEM[item].short(lang != "en")
                total = sum(ln.points for ln in group)
                # "；" and （） in Chinese, "; " and ( ) in English
                entries = _t(lang, "；", "; ").join(
                    f"{ln.date[5:]} {ln.title}" + (_t(lang, f"（{ln.note_zh}）", f" ({ln.note_en or ln.note_zh})")
                                                   if ln.note_zh else "") + f" {_sign(ln.points)}" for ln in group)
                text = _t(lang, f"{label} {len(group)} 项，共 {_sign(total)} 分：", f"{label}: {len(group)}, "
                          f"{_sign(total)} in all: ") + entries
                story.append(Paragraph(fonts.markup(text), st["small"]))
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(fonts.markup(_t(lang, f"打印日期：{made}　　负责人签字：", f"Printed {made}    Signed:")),
                               st["body"]))
    heading = title or _t(lang, "委员履职档案", "Member duty records")
    out = build_pdf(out, story, fonts, title=heading, footer=heading)
    if progress is not None:
        progress.update(len(scores), len(scores))
    return out


def _sign(x: float) -> str:
    from .stats_pdf import fmt
    return ("+" if x >= 0 else "−") + fmt(abs(x))
