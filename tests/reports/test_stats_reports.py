"""Printed and exported: the annual statistics and the duty records as PDF (text read back with pypdf) and
xlsx, through `liaison-desk report` run as a child process; every list page's 导出 Excel… as shown."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from pypdf import PdfReader

from db import scoring, stats
from db.database import open_database
from db.stats import Scope
from tests.conftest import DEMO_TODAY

YEAR = DEMO_TODAY.year


def run(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    return p.returncode, p.stdout + p.stderr


def pdf_text(path) -> list[str]:
    """Each page's text without line breaks and spaces (the layout wraps lines anywhere)."""
    return ["".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_report_stats_pdf_of_a_district_has_the_figures_and_every_township(demo_db_path, tmp_path):
    out = tmp_path / "南明区.pdf"
    code, text = run("report", "stats", "--year", YEAR, "--office", "520102", "--out", out, "--db", demo_db_path)
    assert code == 0, text
    pages = pdf_text(out)
    db = open_database(demo_db_path)
    office = db.execute("SELECT id FROM office WHERE code = '520102'").fetchone()[0]
    a = stats.annual(db, Scope(YEAR, office))
    towns = stats.every_township(db, Scope(YEAR, office))
    db.conn.close()
    first = pages[0]
    assert f"南明区政协{YEAR}年度履职工作统计" in first
    assert f"走访接待{a.totals().visits:,}次" in first and f"收集社情民意信息{a.funnel.collected:,}篇" in first
    assert "每月走访接待与接待群众" in first and "社情民意办理情况" in first
    whole = "".join(pages)
    assert f"各乡镇（街道）一览（{len(towns)}个）" in whole
    assert all("".join(t.name.split()) in whole for t in towns)


def test_report_stats_xlsx_has_the_same_figures(demo_db_path, tmp_path):
    out = tmp_path / "s.xlsx"
    code, text = run("report", "stats", "--year", YEAR, "--out", out, "--db", demo_db_path, "--lang", "en")
    assert code == 0, text
    wb = openpyxl.load_workbook(out)
    db = open_database(demo_db_path)
    a = stats.annual(db, Scope(YEAR))
    db.conn.close()
    assert wb.sheetnames[:3] == ["Summary", "Per month", "Overdue"]
    per_month = [row[1] for row in wb["Per month"].iter_rows(min_row=3, values_only=True)]
    assert per_month == [m.visits for m in a.months]
    summary = dict(wb["Summary"].iter_rows(min_row=3, values_only=True))
    assert summary["Reports collected"] == a.funnel.collected and summary["Overdue"] == a.followups.overdue


def test_report_duty_pdf_one_member_a_page_with_the_score_explained(demo_db_path, tmp_path):
    out = tmp_path / "档案.pdf"
    code, text = run("report", "duty", "--year", YEAR, "--out", out, "--db", demo_db_path)
    assert code == 0, text
    db = open_database(demo_db_path)
    from db.sortkey import name_key
    scores = sorted(scoring.score_members(db, YEAR), key=lambda s: (name_key(s.name), s.member_id))   # pinyin
    db.conn.close()
    pages = pdf_text(out)
    starts = [p for p in pages if f"委员履职档案（{YEAR}年度）" in p]
    assert len(starts) == len(scores) > 0
    first = starts[0]
    assert "".join(scores[0].name.split()) in first and f"{scores[0].total:g}" in first and scores[0].grade_zh in first
    assert "会议履职" in first and "负责人签字" in first


@pytest.mark.parametrize("args, message", [
    (("--out", "x.doc"), ".xlsx 或 .pdf"),
    (("--office", "999999", "--out", "x.pdf"), "找不到代码为 999999 的机构"),
])
def test_report_stats_refuses_bad_input_plainly(demo_db_path, tmp_path, args, message):
    args = [a if a != "x.pdf" and a != "x.doc" else tmp_path / a for a in args]
    code, text = run("report", "stats", "--year", YEAR, *args, "--db", demo_db_path)
    assert code == 1 and message in text
    assert not list(tmp_path.glob("x.*"))


def test_a_duty_record_prints_a_rare_name_character(tmp_path):
    """王𠇔 (Extension B) must not print as nothing: the fonts' fallback chain draws it."""
    from db.offices import create_city
    from db.write import writing
    from desktop.reports.duty_pdf import write_duty_pdf
    db = open_database(tmp_path / "c.sqlite3")
    city = create_city(db, "贵阳市政协")
    with writing(db) as w:
        member = w.insert("member", {"name": "王𠇔"}, office_id=city)
    out = write_duty_pdf(db, [scoring.score_member(db, member, YEAR)], tmp_path / "one.pdf")
    db.conn.close()
    assert "王𠇔" in pdf_text(out)[0]


@pytest.mark.parametrize("top", [1, 4, 5, 6, 8, 13, 37, 99, 1234, 508_431])
def test_a_charts_count_axis_has_whole_number_ticks_up_to_its_maximum(top, tmp_path):
    """Found walking the city's day: 8 meetings at most gave ticks of 1.6, labelled "%d" as 0, 1, 3, 4, 6, 8,
    so January's 5 meetings read as about 4. Every tick is now a whole number the label shows exactly."""
    from reportlab.graphics import renderPDF

    from desktop.reports.stats_charts import _axis, _top, month_bars
    from desktop.reports.stats_pdf import Fonts
    axis_max, step = _axis(_top([top]), 5)
    assert axis_max >= top and axis_max % step == 0 and axis_max // step <= 6
    months = [f"{m}月" for m in range(1, 13)]
    drawing = month_bars(Fonts(), "每月召开会议", months, [("会议", [top] + [0] * 11)])
    out = tmp_path / "chart.pdf"
    renderPDF.drawToFile(drawing, str(out))
    words = PdfReader(out).pages[0].extract_text().split()
    ticks = [int(w) for w in words if w.isdigit()]
    assert ticks[:2] == [0, step] and axis_max in ticks, (ticks, axis_max, step)
    assert ticks[:axis_max // step + 1] == list(range(0, axis_max + 1, step)), ticks


def test_report_stats_xlsx_shows_the_closure_rate_as_a_percentage(demo_db_path, tmp_path):
    """Found walking the city: the 分级汇总 tab's export showed 办结率 87%, the year's workbook (统计 › 图表 ›
    导出 Excel…, `report stats`) 0.869565217391304 for the same office."""
    out = tmp_path / "s.xlsx"
    code, text = run("report", "stats", "--year", YEAR, "--office", "520102", "--out", out, "--db", demo_db_path)
    assert code == 0, text
    wb = openpyxl.load_workbook(out)
    rate = next(row for row in wb["概况"].iter_rows(min_row=3) if row[0].value == "办结率")[1]
    assert rate.number_format == "0%" and 0 < rate.value <= 1
    towns = wb["各乡镇（街道）"]
    column = [c.value for c in towns[2]].index("办结率")
    rated = [row[column] for row in towns.iter_rows(min_row=3) if row[column].value is not None]
    assert rated and all(c.number_format == "0%" for c in rated)


def _overdue_at_many_units(db_path, count: int = 14) -> None:
    """`count` follow-ups of this year, past due and open, each with a lead unit of its own."""
    from db.write import writing
    db = open_database(db_path)
    office = db.execute("SELECT id FROM office WHERE parent_id IS NULL").fetchone()[0]
    with writing(db) as w:
        for i in range(count):
            w.insert("follow_up", {"title": f"督办事项{i}", "state": "open", "lead_unit": f"第{i + 1:02d}主办单位",
                                   "due_date": f"{YEAR}-03-{i + 1:02d}"}, office_id=office)
    db.conn.close()


def test_the_years_workbook_lists_every_overdue_lead_unit_and_adds_up(demo_db_path, tmp_path):
    """Found walking the city: 逾期督办 listed the 12 units with the most, 50 follow-ups, beside 逾期未办结 207 in
    the summary; and the charts, which draw 8 units, called themselves "按主办单位" as if that were all."""
    _overdue_at_many_units(demo_db_path)
    out = tmp_path / "s.xlsx"
    code, text = run("report", "stats", "--year", YEAR, "--out", out, "--db", demo_db_path)
    assert code == 0, text
    wb = openpyxl.load_workbook(out)
    summary = dict(wb["概况"].iter_rows(min_row=3, values_only=True))
    units = list(wb["逾期督办"].iter_rows(min_row=3, values_only=True))
    assert len(units) > 12 and sum(n for _u, n in units) == summary["逾期未办结"]
    pdf = tmp_path / "s.pdf"
    code, text = run("report", "stats", "--year", YEAR, "--out", pdf, "--db", demo_db_path)
    assert code == 0, text
    assert "逾期督办事项（逾期最多的8个主办单位）" in pdf_text(pdf)[0]


def test_the_years_report_gives_the_overdue_of_every_year_as_the_home_page_counts_it(demo_db_path, tmp_path):
    """Found walking the city: 首页 said 逾期 215 and the year's statistics 207, without saying why: a follow-up due
    in an earlier year and still open was in no figure of the year. The summary sheet and the PDF give both."""
    from db.dashboard import dashboard
    from db.write import writing
    _overdue_at_many_units(demo_db_path, 2)
    db = open_database(demo_db_path)
    office = db.execute("SELECT id FROM office WHERE parent_id IS NULL").fetchone()[0]
    with writing(db) as w:
        w.insert("follow_up", {"title": "去年到期仍未办结", "state": "open", "lead_unit": "某主办单位",
                               "due_date": f"{YEAR - 1}-06-01"}, office_id=office)
    on_home = dashboard(db, DEMO_TODAY).overdue_total
    db.conn.close()
    out = tmp_path / "s.xlsx"
    code, text = run("report", "stats", "--year", YEAR, "--out", out, "--db", demo_db_path)
    assert code == 0, text
    summary = dict(openpyxl.load_workbook(out)["概况"].iter_rows(min_row=3, values_only=True))
    assert summary["今天逾期未办结（不论哪年到期，同首页）"] == on_home > summary["逾期未办结"]
    assert summary[f"其中{YEAR}年以前到期"] >= 1
    pdf = tmp_path / "s.pdf"
    code, text = run("report", "stats", "--year", YEAR, "--out", pdf, "--db", demo_db_path)
    assert code == 0, text
    assert f"今天逾期未办结的督办事项（不论哪年到期）共{on_home:,}件" in pdf_text(pdf)[0]


def _installed_from(parent, code: str, folder) -> object:
    """An office below `parent` installed from the setup file `parent` makes for it (as its clerk does)."""
    setup = folder / f"{code}.ldsetup"
    code_, text = run("setup-file", "--db", parent, "--office", code, "--out", setup)
    assert code_ == 0, text
    passcode = next(line.split(":", 1)[1].strip() for line in text.splitlines() if "passcode:" in line)
    path = folder / code / "liaison-desk.sqlite3"
    code_, text = run("init", "--from-setup", setup, "--passcode", passcode, "--db", path)
    assert code_ == 0, text
    return path


def test_a_township_refuses_the_statistics_of_an_office_whose_data_it_does_not_hold(demo_db_path, tmp_path):
    """`report stats --office 520100` on a township wrote “贵阳市政协2026年度统计” built from that township's
    records alone."""
    district = _installed_from(demo_db_path, "520102", tmp_path)
    township = _installed_from(district, "520102016", tmp_path)
    for code in ("520100", "520102", "520103"):          # the city, its own district, another district
        out = tmp_path / f"{code}.pdf"
        rc, text = run("report", "stats", "--year", YEAR, "--office", code, "--out", out, "--db", township)
        assert rc == 1, text
        assert "本机是“新华路街道”（520102016），只有本机构和下级机构的数据" in text and "on that office's computer" in text
        assert not out.exists()
    rc, text = run("report", "stats", "--year", YEAR, "--office", "520102016", "--out", tmp_path / "t.pdf",
                   "--db", township)
    assert rc == 0 and "新华路街道" in text, text
    rc, text = run("report", "stats", "--year", YEAR, "--office", "520102016", "--out", tmp_path / "d.pdf",
                   "--db", district)                      # an office below: its data is here
    assert rc == 0, text


def test_the_english_statistics_pdf_writes_the_funnels_shares_in_english_brackets(demo_db_path, tmp_path):
    """Found walking in English: the annual report's chart of public-opinion reports read "Submitted 29（97%）"
    with the Chinese brackets (the window's chart says "Submitted 29 (97%)")."""
    out = tmp_path / "stats-en.pdf"
    code, text = run("report", "stats", "--year", YEAR, "--lang", "en", "--out", out, "--db", demo_db_path)
    assert code == 0, text
    words = " ".join(page.extract_text() for page in PdfReader(out).pages)
    db = open_database(demo_db_path)
    a = stats.annual(db, Scope(YEAR, None))
    db.conn.close()
    share = f"{a.funnel.submitted / a.funnel.collected:.0%}"
    assert f"Submitted {a.funnel.submitted:,} ({share})" in words, words[:1500]
    assert "（" not in words and "）" not in words
