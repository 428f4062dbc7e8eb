"""Names, groups and units sort in pinyin order on every surface a person reads (db.sortkey, one key):
阿依古丽 < 陈 < 欧阳 < 王 < 张, and the surnames read as surnames (仇 qiu, 单 shan, 解 xie, 曾 zeng).
One test per surface: the duty records, the 统计 page, `report duty` and its workbook, every list."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from db import meetings as mt
from db.duty import duty_records
from db.followups import create_follow_up
from db.groups import add_to_group, group_choices, save_group
from db.opinions import create_opinion
from db.sortkey import name_key
from db.visits import log_visit
from db.write import writing
from tests.conftest import DEMO_TODAY

# In pinyin order; by code point they would read 仇 单 张 曾 欧阳 王 解 阿 陈.
NAMES = ["阿依古丽·艾山", "陈思远", "欧阳晓岚", "仇建国", "单立新", "王若曦", "解志明", "曾繁星", "张卫东"]
GROUPS = ["阿哈社区委员联络组", "陈家坡社区委员联络组", "欧阳社区委员联络组", "王家巷社区委员联络组", "张家湾社区委员联络组"]
UNITS = ["阿哈水库管理处", "陈家坡社区居委会", "欧阳路街道办事处", "王家巷物业公司", "张家湾派出所"]


def test_the_key_itself():
    assert sorted(reversed(NAMES), key=name_key) == NAMES
    assert sorted(NAMES) != NAMES                        # code-point order is not pinyin order


def people(db):
    """Our members (in a shuffled order) in the first demo group since January, and our five groups."""
    group, office = db.execute("SELECT id, office_id FROM liaison_group WHERE deleted = 0 ORDER BY rowid LIMIT 1") \
        .fetchone()
    sector = db.execute("SELECT id FROM reference_item WHERE list = 'sector' ORDER BY sort LIMIT 1").fetchone()[0]
    ids = {}
    with writing(db) as w:
        for i, name in enumerate(sorted(NAMES)):
            ids[name] = w.insert("member", {"name": name, "sex": "F" if i % 2 else "M", "phone": f"1390000{i:04d}",
                                            "sector_id": sector})
    for name in NAMES:
        add_to_group(db, group, ids[name], joined_on=f"{DEMO_TODAY.year}-01-01")
    groups = {g: save_group(db, None, {"name": g}, office_id=office) for g in sorted(GROUPS)}
    add_to_group(db, groups["张家湾社区委员联络组"], ids["王若曦"], joined_on=f"{DEMO_TODAY.year}-01-01")
    add_to_group(db, groups["阿哈社区委员联络组"], ids["王若曦"], joined_on=f"{DEMO_TODAY.year}-01-01")
    return group, ids, groups


def ours(values, wanted):
    return [v for v in values if v in wanted]


# -- db: the duty records (统计 and `report duty` read these) -------------------------------------------------

def test_duty_records_in_pinyin_order(demo_db_path):
    from db.database import open_database
    db = open_database(demo_db_path)
    group, _ids, _groups = people(db)
    recs = duty_records(db, DEMO_TODAY.year, group_id=group)
    assert ours([r.name for r in recs], NAMES) == NAMES
    assert ours([r.name for r in duty_records(db, DEMO_TODAY.year)], NAMES) == NAMES
    wang = next(r for r in duty_records(db, DEMO_TODAY.year) if r.name == "王若曦")
    parts = wang.groups.split("、")
    assert parts.index("阿哈社区委员联络组") < parts.index("张家湾社区委员联络组")
    assert [g for g in [n for _i, n in group_choices(db)] if g in GROUPS] == GROUPS
    db.conn.close()


# -- `report duty` and its workbook, run as a person runs it --------------------------------------------------

def test_report_duty_workbook_in_pinyin_order(demo_db_path, tmp_path):
    from db.database import open_database
    db = open_database(demo_db_path)
    people(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    out = tmp_path / "duty.xlsx"
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "report", "duty", "--year", str(DEMO_TODAY.year),
                        "--out", str(out), "--db", str(demo_db_path)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    ws = openpyxl.load_workbook(out).worksheets[0]
    names = [r[0] for r in ws.iter_rows(min_row=3, values_only=True)]
    assert ours(names, NAMES) == NAMES


def test_report_duty_pdf_in_pinyin_order(demo_db_path, tmp_path):
    """Found walking: `report duty --out FILE.pdf` printed everyone's pages in code-point order (侯 刘 吴 … 阿 陈
    黄 龙), the workbook of the same command in pinyin order."""
    from pypdf import PdfReader

    from db.database import open_database
    db = open_database(demo_db_path)
    people(db)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.conn.close()
    out = tmp_path / "duty.pdf"
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "report", "duty", "--year", str(DEMO_TODAY.year),
                        "--out", str(out), "--db", str(demo_db_path)], capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stderr
    firsts = []
    for page in PdfReader(out).pages:
        lines = [ln.strip() for ln in (page.extract_text() or "").splitlines()]
        head = next((ln for ln in lines[:6] if any(ln.startswith(n) for n in NAMES)), "")
        name = next((n for n in NAMES if head.startswith(n)), None)
        if name and name not in firsts:
            firsts.append(name)
    assert firsts == NAMES, firsts


# -- the window: 统计 and every list, sorted by a click on the column -------------------------------------------

def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


def test_stats_page_lists_members_in_pinyin_order(ctx, qtbot):
    from desktop.pages.stats import StatsPage
    people(ctx.db)
    page = StatsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    idle(ctx, qtbot)
    qtbot.waitUntil(lambda: page.proxy.rowCount() > len(NAMES), timeout=10_000)
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert ours(shown, NAMES) == NAMES
    page.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)          # by group, then back by name
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]
    assert ours(shown, NAMES) == NAMES


def sorted_column(ctx, qtbot, model_cls, key: str) -> list[str]:
    model = model_cls(ctx)
    col = model.column_index(key)
    model.sort(col, Qt.SortOrder.AscendingOrder)
    model.refresh()
    qtbot.waitUntil(lambda: not model.is_loading() and model.total is not None, timeout=10_000)
    return [model.index(r, col).data() for r in range(model.rowCount())]


@pytest.mark.parametrize("model_name, key, wanted", [
    ("members.MemberListModel", "name", NAMES),
    ("groups.GroupListModel", "name", GROUPS),
    ("meetings.MeetingListModel", "group", GROUPS),
    ("visits.VisitListModel", "group", GROUPS),
    ("followups.FollowUpListModel", "lead_unit", UNITS),
    ("followups.FollowUpListModel", "group", GROUPS),
    ("opinions.OpinionListModel", "reporter", NAMES),
    ("opinions.OpinionListModel", "group", GROUPS),
])
def test_lists_sort_in_pinyin_order(ctx, qtbot, model_name, key, wanted):
    import importlib
    db = ctx.db
    _group, ids, groups = people(db)
    kinds = dict(db.execute("SELECT code, id FROM reference_item WHERE list = 'meeting_kind'").fetchall())
    visit_kind = db.execute("SELECT id FROM reference_item WHERE list = 'visit_kind' AND code = 'outreach'").fetchone()[0]
    for i, g in enumerate(sorted(GROUPS)):
        gid = groups[g]
        mt.plan_meeting(db, group_id=gid, kind_id=next(iter(kinds.values())), topic=f"议题{i}",
                        starts_at="2026-12-01T09:00")
        log_visit(db, group_id=gid, kind_id=visit_kind, visit_date="2026-11-20", member_ids=[ids[NAMES[i]]],
                  place="社区")
        create_follow_up(db, title=f"事项{i}", lead_unit=sorted(UNITS)[i], group_id=gid)
    for i, name in enumerate(sorted(NAMES)):
        create_opinion(db, title=f"信息{i}", reporter_id=ids[name], group_id=groups[sorted(GROUPS)[i % 5]])
    module, cls = model_name.split(".")
    model_cls = getattr(importlib.import_module(f"desktop.models.{module}"), cls)
    shown = sorted_column(ctx, qtbot, model_cls, key)
    got = ours(shown, wanted)
    assert list(dict.fromkeys(got)) == wanted          # a group shows on several rows: first appearance order
    assert got == sorted(got, key=lambda v: wanted.index(v))


# -- 统计: a township's roll-up by group, and members with equal scores -----------------------------------------

def test_stats_rollup_and_equal_scores_in_pinyin_order(demo_db_path):
    from db.database import open_database
    from db.scoring import score_members
    from db.stats import Scope, rollup
    db = open_database(demo_db_path)
    group, ids, groups = people(db)
    office = db.execute("SELECT office_id FROM liaison_group WHERE id = ?", [group]).fetchone()[0]
    rows = rollup(db, Scope(DEMO_TODAY.year, office))
    assert [r.name for r in rows if r.name in GROUPS] == GROUPS
    scores = score_members(db, DEMO_TODAY.year, member_ids=list(ids.values()))
    assert {s.total for s in scores} == {scores[0].total}           # nobody did anything yet: all equal
    assert [s.name for s in scores] == NAMES
    db.conn.close()


def test_sync_lists_sort_office_names_in_pinyin_order(app):
    """The 同步 page's office, key and history tables (RowsModel, sorted on SORT_ROLE by the page's proxy)."""
    from PySide6.QtCore import QSortFilterProxyModel

    from desktop.models.sync import SORT_ROLE, ListColumn, RowsModel

    class Offices(RowsModel):
        columns = (ListColumn("office", "Office", lambda name: name),)

    offices = ["阿哈街道", "陈家坡镇", "欧阳社区", "王家巷街道", "张家湾镇"]
    model = Offices()
    model.set_rows(sorted(offices))
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(0, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == offices
