"""委员履职档案 as an Excel workbook: one sheet per year, one row per member, totals at the bottom."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from db.duty import DutyRecord
from db.files import write_atomic

HEADERS_ZH = ("姓名", "界别", "所在联络组", "应出席会议", "出席", "请假", "缺席", "出席率", "发言",
              "走访接待", "社情民意信息", "其中采用", "督办事项")
HEADERS_EN = ("Name", "Sector", "Groups", "Meetings due", "Attended", "Leave", "Absent", "Attendance",
              "Speeches", "Visits", "Reports", "Adopted", "Follow-ups")
WIDTHS = (14, 16, 30, 11, 8, 8, 8, 9, 8, 10, 13, 10, 10)


def _row(d: DutyRecord, lang: str) -> list:
    sector = d.sector_en if lang == "en" and d.sector_en else d.sector
    groups = ", ".join((d.groups or "").split("、")) if lang == "en" else d.groups or ""    # joined with 、 in db
    return [d.name, sector or "", groups, d.meetings_total, d.meetings_attended, d.leave, d.absent,
            d.attendance_rate, d.speeches, d.visits, d.reports, d.reports_adopted, d.follow_ups]


def write_duty_workbook(records_by_year: dict[int, Sequence[DutyRecord]], out: str | Path, *,
                        title: str = "", lang: str = "zh") -> Path:
    """Write the workbook in one step (temp file, then rename), so a failure leaves no half file."""
    from openpyxl import Workbook  # only when a report is made: keeps start-up light
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    out = Path(out)
    headers = HEADERS_EN if lang == "en" else HEADERS_ZH
    wb = Workbook()
    wb.remove(wb.active)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for year, records in sorted(records_by_year.items(), reverse=True):
        ws = wb.create_sheet(f"{year}" + ("" if lang == "en" else "年"))
        heading = title or ("委员履职档案" if lang != "en" else "Member duty records")
        ws.append([f"{heading} {year}"])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append(list(headers))
        for cell in ws[2]:
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(horizontal="center")
        for d in records:
            ws.append(_row(d, lang))
        last = ws.max_row
        if records:
            total = ["合计" if lang != "en" else "Total", "", ""]
            for col in range(4, len(headers) + 1):
                letter = get_column_letter(col)
                total.append(None if col == 8 else f"=SUM({letter}3:{letter}{last})")
            ws.append(total)
            for cell in ws[ws.max_row]:
                cell.font = bold
        for r in range(3, ws.max_row + 1):
            ws.cell(r, 8).number_format = "0%"
        for i, w in enumerate(WIDTHS, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w
        ws.freeze_panes = "B3"
    from desktop.reports.xlsx_export import saver
    return write_atomic(out, saver(wb), make_folder=True)   # WriteFailed with the reason, nothing half-written
