"""The annual statistics report (年度履职工作统计) of a township, district or city: PDF with the charts as
vector drawings in the minutes' fonts, or an Excel workbook with the same figures (db.stats). No Qt."""

from __future__ import annotations

from pathlib import Path

from db import stats
from db import today as office_clock
from db.connection import Database
from db.errors import LiaisonError
from db.stats import AnnualStats, RollupRow, Scope
from desktop.reports.xlsx_export import Percent

MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
ROLLUP_ZH = ("名称", "所属", "走访接待", "接待群众", "会议", "社情民意", "采用", "到期督办", "办结", "办结率", "逾期")
ROLLUP_EN = ("Name", "Part of", "Visits", "People reached", "Meetings", "Reports", "Adopted", "Follow-ups due",
             "Closed", "Closure rate", "Overdue")


class ReportError(LiaisonError):
    code = "report"


def _t(lang: str, zh: str, en: str) -> str:
    return en if lang == "en" else zh


def _rollup_values(r: RollupRow) -> list:
    return [r.name, r.parent or "", r.visits, r.people, r.meetings, r.reports, r.adopted, r.due, r.closed,
            None if r.closure_rate is None else Percent(r.closure_rate), r.overdue]


def collect(db: Database, scope: Scope) -> tuple[AnnualStats, tuple[RollupRow, ...]]:
    """The report's figures: the year's, and every township's when the scope is above a township."""
    a = stats.annual(db, scope)
    level = None
    if scope.office_id and not scope.group_id:
        row = db.execute("SELECT level FROM office WHERE id = ?", [scope.office_id]).fetchone()
        level = row[0] if row else None
    elif not scope.group_id:
        level = "city"
    towns = stats.every_township(db, scope) if level in ("city", "district") else ()
    return a, towns


def write_stats(db: Database, scope: Scope, out: str | Path, *, lang: str = "zh") -> Path:
    """`out` ending in .pdf or .xlsx decides the form."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".pdf", ".xlsx"):
        raise ReportError("输出文件应以 .pdf 或 .xlsx 结尾", "the output file must end in .pdf or .xlsx")
    a, towns = collect(db, scope)
    if suffix == ".xlsx":
        # the sheet lists every lead unit, so that it adds up to the overdue figure of the summary (the charts
        # show the units with the most)
        return _xlsx(a, towns, out, lang, stats.followups(db, scope, top_units=None).overdue_by_unit)
    return _pdf(a, towns, out, lang)


def _title(a: AnnualStats, lang: str) -> str:
    return _t(lang, f"{a.title_zh}{a.scope.year}年度履职工作统计", f"{a.title_en}: statistics of {a.scope.year}")


def _overdue_title(by_unit, lang: str) -> str:
    """The chart draws the RANKED_BARS units with the most overdue; its title says so when there are more."""
    from desktop.reports.stats_charts import RANKED_BARS
    if len(by_unit) > RANKED_BARS:
        return _t(lang, f"逾期督办事项（逾期最多的 {RANKED_BARS} 个主办单位）",
                  f"Overdue follow-ups: the {RANKED_BARS} lead units with the most")
    return _t(lang, "逾期督办事项（按主办单位）", "Overdue follow-ups by lead unit")


def _xlsx(a: AnnualStats, towns, out: Path, lang: str, overdue_by_unit) -> Path:
    from desktop.reports.xlsx_export import write_sheets
    t = a.totals()
    f = a.followups
    months = [(f"{m.month}月" if lang != "en" else MONTHS_EN[m.month - 1]) for m in a.months]
    summary = [
        [_t(lang, "走访接待（次）", "Visits"), t.visits], [_t(lang, "接待群众（人次）", "People reached"), t.people],
        [_t(lang, "召开会议（次）", "Meetings held"), t.meetings],
        [_t(lang, "收集社情民意（篇）", "Reports collected"), a.funnel.collected],
        [_t(lang, "报送", "Submitted"), a.funnel.submitted], [_t(lang, "采用", "Adopted"), a.funnel.adopted],
        [_t(lang, "获领导批示", "Instructed"), a.funnel.instructed],
        [_t(lang, "本年到期督办事项", "Follow-ups due this year"), f.due],
        [_t(lang, "已办结", "Closed"), f.closed],
        [_t(lang, "办结率", "Closure rate"), None if f.closure_rate is None else Percent(round(f.closure_rate, 4))],
        [_t(lang, "办结用时中位数（天）", "Median days to close"), f.median_days],
        [_t(lang, "逾期未办结", "Overdue"), f.overdue],
        [_t(lang, "今天逾期未办结（不论哪年到期，同首页）", "Overdue today, whatever year due (as on the home page)"), f.overdue_now],
        [_t(lang, f"其中{a.scope.year}年以前到期", f"of them due before {a.scope.year}"), f.overdue_before],
    ]
    heads = ROLLUP_EN if lang == "en" else ROLLUP_ZH
    sheets = [
        (_t(lang, "概况", "Summary"), _title(a, lang), [_t(lang, "项目", "Item"), _t(lang, "数值", "Value")], summary),
        (_t(lang, "每月", "Per month"), _title(a, lang),
         [_t(lang, "月份", "Month"), _t(lang, "走访接待", "Visits"), _t(lang, "接待群众", "People reached"),
          _t(lang, "会议", "Meetings"), _t(lang, "社情民意", "Reports")],
         [[months[i], m.visits, m.people, m.meetings, m.reports] for i, m in enumerate(a.months)]),
        (_t(lang, "逾期督办", "Overdue"), _title(a, lang), [_t(lang, "主办单位", "Lead unit"), _t(lang, "逾期", "Overdue")],
         [list(x) for x in overdue_by_unit]),
    ]
    if a.rollup:
        sheets.append((_t(lang, "汇总", "Roll-up"), _title(a, lang), list(heads), [_rollup_values(r) for r in a.rollup]))
    if towns:
        sheets.append((_t(lang, "各乡镇（街道）", "Every township"), _title(a, lang), list(heads),
                       [_rollup_values(r) for r in towns]))
    return write_sheets(out, sheets)


def _pdf(a: AnnualStats, towns, out: Path, lang: str) -> Path:
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, Spacer, Table

    from .stats_charts import funnel, month_bars, ranked_bars
    from .stats_pdf import Fonts, build_pdf, fmt, styles, table_style

    fonts = Fonts()
    st = styles(fonts)
    t, f = a.totals(), a.followups
    title = _title(a, lang)
    made = office_clock.today().isoformat()
    story = [Paragraph(fonts.markup(title, "title"), st["title"]),
             Paragraph(fonts.markup(_t(lang, f"统计日期：{made}", f"As of {made}")), st["subtitle"])]
    rate = "—" if f.closure_rate is None else f"{f.closure_rate:.0%}"
    median = "—" if f.median_days is None else f"{f.median_days:g}"
    summary = _t(
        lang,
        f"{a.scope.year}年，共开展走访接待 {t.visits:,} 次，接待群众 {t.people:,} 人次；召开会议 {t.meetings:,} 次；"
        f"收集社情民意信息 {a.funnel.collected:,} 篇，报送 {a.funnel.submitted:,} 篇，被采用 {a.funnel.adopted:,} 篇，"
        f"获领导批示 {a.funnel.instructed:,} 篇。本年到期督办事项 {f.due:,} 件，已办结 {f.closed:,} 件，办结率 {rate}，"
        f"办结用时中位数 {median} 天，逾期未办结 {f.overdue:,} 件。",
        f"In {a.scope.year}: {t.visits:,} visits reaching {t.people:,} people; {t.meetings:,} meetings held; "
        f"{a.funnel.collected:,} public-opinion reports collected, {a.funnel.submitted:,} submitted, "
        f"{a.funnel.adopted:,} adopted, {a.funnel.instructed:,} with a leader's instruction. Follow-ups due this "
        f"year {f.due:,}, closed {f.closed:,} ({rate}), median {median} days to close, {f.overdue:,} overdue.")
    if f.overdue_now != f.overdue:
        summary += _t(lang, f"今天逾期未办结的督办事项（不论哪年到期）共 {f.overdue_now:,} 件，其中 {a.scope.year} 年以前到期的 "
                            f"{f.overdue_before:,} 件。",
                      f" Overdue today whatever year they were due: {f.overdue_now:,} ({f.overdue_before:,} of them "
                      f"due before {a.scope.year}).")
    story.append(Paragraph(fonts.markup(summary), st["body"]))
    story.append(Spacer(1, 4 * mm))
    months = [(f"{m.month}月" if lang != "en" else MONTHS_EN[m.month - 1]) for m in a.months]
    today = office_clock.today()     # months still to come have no line point (not a fall to zero)
    last = today.month if a.scope.year == today.year else 12 if a.scope.year < today.year else 0
    story.append(month_bars(fonts, _t(lang, "每月走访接待与接待群众", "Visits and people reached per month"), months,
                            [(_t(lang, "走访接待（次）", "Visits"), [m.visits for m in a.months])],
                            (_t(lang, "接待群众（人次，右轴）", "People reached (right)"),
                             [m.people if m.month <= last else None for m in a.months])))
    story.append(Spacer(1, 3 * mm))
    story.append(month_bars(fonts, _t(lang, "每月会议与社情民意", "Meetings and reports per month"), months,
                            [(_t(lang, "召开会议", "Meetings held"), [m.meetings for m in a.months]),
                             (_t(lang, "收集社情民意", "Reports collected"), [m.reports for m in a.months])]))
    story.append(Spacer(1, 3 * mm))
    stages = [(_t(lang, zh, en), v) for zh, en, v in a.funnel.stages()]
    pair = Table([[funnel(fonts, _t(lang, "社情民意办理情况", "Public-opinion reports"), stages, lang=lang),
                   ranked_bars(fonts, _overdue_title(f.overdue_by_unit, lang), f.overdue_by_unit,
                               _t(lang, "无逾期", "None overdue"))]])
    story.append(pair)
    heads = ROLLUP_EN if lang == "en" else ROLLUP_ZH

    def rollup_table(rows) -> Table:
        data = [[Paragraph(fonts.markup(h, "hei"), st["cell"]) for h in heads]]
        for r in rows:
            v = _rollup_values(r)
            data.append([Paragraph(fonts.markup(v[0]), st["cell"]), Paragraph(fonts.markup(v[1]), st["cell"]),
                         *[fmt(x) for x in v[2:9]], "—" if v[9] is None else f"{v[9]:.0%}", fmt(v[10])])
        widths = [38 * mm, 26 * mm] + [11.6 * mm] * 9
        tab = Table(data, colWidths=widths, repeatRows=1)
        tab.setStyle(table_style(fonts, numeric_from=2))
        return tab

    if a.rollup:
        story.append(PageBreak())
        story.append(Paragraph(fonts.markup(_t(lang, "分级汇总", "By office and group"), "hei"), st["h2"]))
        story.append(rollup_table(a.rollup))
    if towns:
        story.append(Spacer(1, 4 * mm))
        story.append(Paragraph(fonts.markup(_t(lang, f"各乡镇（街道）一览（{len(towns)} 个）",
                                               f"Every township ({len(towns)})"), "hei"), st["h2"]))
        story.append(rollup_table(towns))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(fonts.markup(_t(
        lang, "口径：走访接待按日期、会议按召开时间（已召开，修订纪要只计一次）、社情民意按收集日期计入年度；"
              "督办事项按办理时限计入年度，办结用时自交办起算；逾期指已过时限仍未办结。",
        "Counted by the visit's date, the meeting's time (held; a revised minutes once), the report's collection "
        "date; follow-ups by their due date, days to close from their opening; overdue: past due, not closed.")),
        st["small"]))
    return build_pdf(out, story, fonts, title=title, footer=_t(lang, "委员联络组工作台", "Liaison Desk"))
