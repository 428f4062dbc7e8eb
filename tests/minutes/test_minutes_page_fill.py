"""Printed minutes fill page 1 as far as the keep rule for “现将会议议定事项纪要如下：” needs, and no further.

Found walking: with four lines left on page 1 — room for 纪要如下, 一、议题, （一）基本情况 and a line of it — the rule
measured the room as 3.9999 lines, moved them all overleaf and left page 1 four lines short. Township demo meetings
(seed 7, as the suite makes them) printed with the `minutes` command, the PDF read back page by page."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from pypdf import PdfReader

from db.database import open_database

LEAD = "现将会议议定事项纪要如下："


def meeting(db_path, starts_at: str, topic: str) -> str:
    db = open_database(db_path)
    try:
        row = db.execute("SELECT id FROM meeting WHERE starts_at = ? AND topic = ? AND deleted = 0",
                         [starts_at, topic]).fetchone()
    finally:
        db.conn.close()
    assert row, f"the demo no longer has the meeting of {starts_at} ({topic}): choose another that shows it"
    return row[0]


def printed_pages(db_path, meeting_id: str, out) -> list[list[str]]:
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", meeting_id, "--db", str(db_path),
                        "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    return [[line.strip() for line in page.extract_text().split("\n") if line.strip()]
            for page in PdfReader(out).pages]


@pytest.fixture
def demo(demo_template, tmp_path):
    path = tmp_path / "liaison-desk.sqlite3"
    shutil.copy(demo_template, path)
    return path


@pytest.mark.parametrize("starts_at, topic", [
    ("2025-02-19T09:30", "学校周边交通专题调研"),
    ("2026-07-10T10:00", "“乡村振兴”专题协商议事会"),
])
def test_four_lines_left_on_page_one_take_the_lead_the_first_item_and_a_line_of_it(demo, tmp_path, starts_at,
                                                                                  topic):
    pages = printed_pages(demo, meeting(demo, starts_at, topic), tmp_path / "纪要.pdf")
    first = pages[0]
    assert LEAD in first, f"page 1 ends before {LEAD}: {first[-3:]}"
    at = first.index(LEAD)
    after = first[at + 1:]
    assert after[0].startswith("一、") and after[1].startswith("（一）")
    assert len(after) >= 4 and after[2] and not after[2].startswith("（")     # a line of the item's text
    assert after[-1] == "— 1 —"                                              # then the foot of the page
    assert not pages[1][0].startswith(("一、", "（一）"))                  # nothing of the lead left overleaf


def test_three_lines_left_are_not_enough_and_the_lead_goes_overleaf_with_its_item(demo, tmp_path):
    """The rule itself holds: 纪要如下, 一、 and （一） without a line of text under them go to page 2 together."""
    pages = printed_pages(demo, meeting(demo, "2024-12-06T14:30", "“加装电梯”专题协商议事会"), tmp_path / "纪要.pdf")
    assert LEAD not in pages[0] and pages[1][0] == LEAD
    assert pages[1][1].startswith("一、") and pages[1][2].startswith("（一）")
