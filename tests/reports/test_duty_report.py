"""The duty-record workbook: what the data says, one sheet per year, and the command's exit codes."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
import pytest

from db.duty import DutyRecord
from desktop.reports.duty import write_duty_workbook


def _rec(name, attended, leave, absent, **kw):
    base = dict(member_id=name, name=name, sector="教育界", sector_en="Education", groups="新华路街道委员联络组",
                year=2026, meetings_attended=attended, leave=leave, absent=absent, speeches=2, visits=3,
                reports=1, reports_adopted=1, follow_ups=0)
    base.update(kw)
    return DutyRecord(**base)


def test_workbook_rows_totals_and_rate(tmp_path):
    out = write_duty_workbook({2026: [_rec("王𠇔", 3, 1, 0), _rec("阿依古丽·买买提", 4, 0, 0)],
                               2025: [_rec("李䶮", 1, 0, 1, year=2025)]}, tmp_path / "duty.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["2026年", "2025年"]
    ws = wb["2026年"]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    assert rows[0][:8] == ("王𠇔", "教育界", "新华路街道委员联络组", 4, 3, 1, 0, 0.75)
    assert rows[1][0] == "阿依古丽·买买提"
    assert rows[2][0] == "合计" and rows[2][3] == "=SUM(D3:D4)"
    assert not list(tmp_path.glob("*.part"))


def test_english_headings(tmp_path):
    out = write_duty_workbook({2026: [_rec("王五", 1, 0, 0)]}, tmp_path / "d.xlsx", lang="en")
    ws = openpyxl.load_workbook(out)["2026"]
    assert ws["A2"].value == "Name" and ws["B3"].value == "Education"


def _run(*args):
    p = subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True, text=True,
                       timeout=120)
    assert "Traceback" not in p.stderr
    return p


@pytest.mark.parametrize("args, code", [
    (["report", "duty", "--year", "2026", "--out", "x.csv"], 1),
    (["report", "duty", "--year", "1800", "--out", "x.xlsx"], 1),
    (["report", "duty", "--out", "x.xlsx"], 2),
    (["report", "nothing", "--year", "2026", "--out", "x.xlsx"], 2),
])
def test_command_refusals(tmp_path, args, code):
    assert _run(*args, "--db", tmp_path / "none.sqlite3").returncode == code


def test_command_on_demo_data(tmp_path):
    db = tmp_path / "d.sqlite3"
    assert _run("demo", "--size", "township", "--seed", "3", "--db", db).returncode == 0
    p = _run("report", "duty", "--year", "2026", "--out", tmp_path / "duty.xlsx", "--db", db)
    assert p.returncode == 0, p.stderr
    ws = openpyxl.load_workbook(tmp_path / "duty.xlsx")["2026年"]
    assert ws.max_row > 3 and ws["A3"].value


def test_a_workbook_open_in_excel_is_a_clear_error_and_is_kept(tmp_path, monkeypatch):
    import errno
    import os

    from db import files
    out = tmp_path / "d.xlsx"
    out.write_bytes(b"the workbook open in Excel")

    def locked(*_a, **_k):                       # what Windows says when Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied")
    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(files.WriteFailed) as exc:
        write_duty_workbook({2026: [_rec("王五", 1, 0, 0)]}, out)
    assert exc.value.code == "in_use" and "Excel" in exc.value.message_zh
    assert out.read_bytes() == b"the workbook open in Excel" and os.listdir(tmp_path) == ["d.xlsx"]
