"""The lists' office choice at a district and at the city (records of this office, or of one office below with
its own offices below), on the sync tests' small network after it has synced: chosen in the combo as a clerk
chooses it, the list and its count hold exactly that office's records; a township has no such choice."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from tests.desktop.test_assignments_page import ctx_of, net, network_template  # noqa: F401 - fixtures
from tests.sync.syncnet import CODES

ROOT = Path(__file__).resolve().parents[2]


def shown(qtbot, page_class, ctx):
    page = page_class(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 740)
    page.show()
    settle(qtbot, page)
    return page


def settle(qtbot, page) -> None:
    qtbot.waitUntil(lambda: page.ctx.tasks.is_idle() and page.model.total is not None, timeout=15_000)
    QApplication.processEvents()


def choose(qtbot, page, text: str) -> None:
    combo = page.office_filter
    i = combo.findText(text)
    assert i >= 0, [combo.itemText(k) for k in range(combo.count())]
    combo.setCurrentIndex(i)            # what picking the item in the open list does
    settle(qtbot, page)


def listed_offices(page) -> set[str]:
    """The office of every row the list holds (all its pages)."""
    model, db = page.model, page.ctx.db
    ids = [model.row_id(r) for r in range(model.rowCount())]
    assert len(ids) == model.total
    table = model.table
    return {db.execute(f"SELECT office_id FROM {table} WHERE id = ?", [i]).fetchone()[0] for i in ids}


def office_ids(db, *codes) -> set[str]:
    return {db.execute("SELECT id FROM office WHERE code = ?", [c]).fetchone()[0] for c in codes}


@pytest.mark.parametrize("page_name", ["visits", "members"])
def test_the_city_lists_one_districts_records_with_its_townships(net, qtbot, page_name):  # noqa: F811 - the fixture imported above
    from desktop.pages.members import MembersPage
    from desktop.pages.visits import VisitsPage
    page_class = {"visits": VisitsPage, "members": MembersPage}[page_name]
    ctx = ctx_of(net, "C")
    page = shown(qtbot, page_class, ctx)
    combo = page.office_filter
    assert combo is not None and combo.isVisible()
    assert combo.itemText(0) == "全部机构"
    everyone = page.model.total
    db = ctx.db

    choose(qtbot, page, "南明区政协")
    d1 = office_ids(db, CODES["D1"], CODES["T1"], CODES["T2"])
    got = listed_offices(page)
    assert got and got <= d1, got
    table = page.model.table
    want = db.execute(f"SELECT count(*) FROM {table} WHERE deleted = 0 AND office_id IN "
                      f"({','.join('?' * len(d1))})", sorted(d1)).fetchone()[0]
    assert page.model.total == want
    assert f"共 {want} 条" in page.count_label.text()

    choose(qtbot, page, "本级")
    assert listed_offices(page) <= office_ids(db, CODES["C"])

    choose(qtbot, page, "全部机构")
    assert page.model.total == everyone

    if os.environ.get("LIAISON_DESK_SCREENSHOTS"):
        page.resize(1190, 740)
        out = ROOT / "screenshots"
        out.mkdir(exist_ok=True)
        page.grab().save(str(out / f"city-{page_name}-office-filter.png"))


def test_a_district_chooses_among_its_townships_and_a_township_has_no_choice(net, qtbot):  # noqa: F811 - the fixture imported above
    from desktop.pages.visits import VisitsPage
    district = shown(qtbot, VisitsPage, ctx_of(net, "D1"))
    combo = district.office_filter
    texts = [combo.itemText(k) for k in range(combo.count())]
    assert texts[:2] == ["全部机构", "本级"] and "新华路街道" in texts and "中华南路街道" in texts
    choose(qtbot, district, "新华路街道")
    assert listed_offices(district) == office_ids(district.ctx.db, CODES["T1"])
    township = shown(qtbot, VisitsPage, ctx_of(net, "T1"))
    assert township.office_filter is None


def test_the_choice_combined_with_a_search(net, qtbot):  # noqa: F811 - the fixture imported above
    """Search and office together: only that office's records with the word."""
    from desktop.pages.visits import VisitsPage
    ctx = ctx_of(net, "C")
    page = shown(qtbot, VisitsPage, ctx)
    choose(qtbot, page, "云岩区政协")
    db = ctx.db
    word = db.execute("SELECT substr(place, 1, 2) FROM visit WHERE deleted = 0 AND office_id IN "
                      "(SELECT id FROM office WHERE code IN (?, ?)) AND length(place) >= 2 LIMIT 1",
                      [CODES["T3"], CODES["T4"]]).fetchone()[0]
    page.search.setText(word)
    qtbot.waitUntil(lambda: page.model.search_text == word, timeout=5_000)
    settle(qtbot, page)
    assert page.model.total > 0
    assert listed_offices(page) <= office_ids(db, CODES["D2"], CODES["T3"], CODES["T4"])


def test_the_group_choice_follows_the_office_choice(net, qtbot):  # noqa: F811 - the fixture imported above
    """With an office chosen, the group list offers only its groups; a group of another office chosen before
    gives way to all groups (never an empty list under a filter the clerk no longer sees)."""
    from desktop.pages.meetings import MeetingsPage
    ctx = ctx_of(net, "C")
    page = shown(qtbot, MeetingsPage, ctx)
    db = ctx.db
    groups = page.group_filter
    other = db.execute("SELECT g.id, g.name FROM liaison_group g JOIN office o ON o.id = g.office_id "
                       "WHERE g.deleted = 0 AND o.code = ? LIMIT 1", [CODES["T3"]]).fetchone()
    groups.setCurrentIndex(groups.findData(other[0]))
    settle(qtbot, page)
    assert listed_offices(page) <= office_ids(db, CODES["T3"])
    choose(qtbot, page, "南明区政协")
    assert groups.currentData() is None and groups.currentText() == "全部联络组"
    offered = {groups.itemData(i) for i in range(1, groups.count())}
    d1 = office_ids(db, CODES["D1"], CODES["T1"], CODES["T2"])
    assert offered == {g for (g,) in db.execute(
        f"SELECT id FROM liaison_group WHERE deleted = 0 AND office_id IN ({','.join('?' * len(d1))})", sorted(d1))}
    assert page.model.total and listed_offices(page) <= d1
    choose(qtbot, page, "全部机构")
    assert groups.count() - 1 == db.execute("SELECT count(*) FROM liaison_group WHERE deleted = 0").fetchone()[0]
