"""Any list as an Excel workbook, as shown: a title, the filter in words, its columns in their order, its rows
in their order. Plain values in, one file out (no Qt); written in one step, so a failure leaves no half file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from db.files import write_atomic

MAX_WIDTH = 60


class Percent(float):
    """A share (0–1) that Excel shows as a percentage (87%), as the window and the PDF do."""


def write_table(out: str | Path, title: str, headers: Sequence[str], rows: Iterable[Sequence], *,
                filter_text: str = "", sheet_title: str = "", percent_columns: Sequence[int] = ()) -> Path:
    """Row 1 the title, row 2 the filter (when any), then the headings and the rows. Numbers stay numbers."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = _sheet_name(sheet_title or title)
    ws.append([title])
    ws["A1"].font = Font(bold=True, size=14)
    if filter_text:
        ws.append([filter_text])
        ws["A2"].font = Font(italic=True, color="555555")
    ws.append(list(headers))
    head_row = ws.max_row
    fill = PatternFill("solid", fgColor="DDE4EE")
    for cell in ws[head_row]:
        cell.font, cell.fill = Font(bold=True), fill
        cell.alignment = Alignment(horizontal="center")
    widths = [max(6, _width(h)) for h in headers]
    for row in rows:
        values = _append(ws, row)
        for i, v in enumerate(values[:len(widths)]):
            widths[i] = max(widths[i], min(MAX_WIDTH, _width(v)))
    for col in percent_columns:
        for r in range(head_row + 1, ws.max_row + 1):
            ws.cell(r, col + 1).number_format = "0%"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = ws.cell(head_row + 1, 1)
    ws.auto_filter.ref = f"A{head_row}:{get_column_letter(max(1, len(headers)))}{ws.max_row}"
    return write_atomic(Path(out), saver(wb), make_folder=True)


def write_sheets(out: str | Path, sheets: Sequence[tuple[str, str, Sequence[str], Sequence[Sequence]]]) -> Path:
    """Several tables in one workbook: (sheet name, title, headers, rows) each."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    wb.remove(wb.active)
    fill = PatternFill("solid", fgColor="DDE4EE")
    for name, title, headers, rows in sheets:
        ws = wb.create_sheet(_sheet_name(name))
        ws.append([title])
        ws["A1"].font = Font(bold=True, size=13)
        ws.append(list(headers))
        for cell in ws[2]:
            cell.font, cell.fill = Font(bold=True), fill
        widths = [max(6, _width(h)) for h in headers]
        for row in rows:
            values = _append(ws, row)
            for i, v in enumerate(values[:len(widths)]):
                widths[i] = max(widths[i], min(MAX_WIDTH, _width(v)))
        for i, w in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = w + 2
        ws.freeze_panes = "A3"
    return write_atomic(Path(out), saver(wb), make_folder=True)


def _sheet_name(text: str) -> str:
    bad = '[]:*?/\\'
    name = "".join("_" if c in bad else c for c in text).strip() or "Sheet"
    return name[:31]


def _append(ws, row: Sequence) -> list:
    """One row at the bottom of `ws`; a Percent cell gets Excel's percentage format."""
    values = [_cell(v) for v in row]
    ws.append([float(v) if isinstance(v, Percent) else v for v in values])
    for i, v in enumerate(values, start=1):
        if isinstance(v, Percent):
            ws.cell(ws.max_row, i).number_format = "0%"
    return values


def _cell(v):
    if v is None or isinstance(v, (int, float)):
        return v
    text = str(v)
    # a text starting with = would be a formula in Excel: keep it text
    return "'" + text if text.startswith("=") else text


def _width(v) -> int:
    if v is None:
        return 0
    text = str(v)
    return sum(2 if ord(c) > 0x2E80 else 1 for c in text)


def saver(wb):
    """Write `wb` into an open file; on a failure (a full stick) its zip is closed at once, not left to the
    garbage collector, which then wrote "Exception ignored … seek of closed file" to the terminal."""
    def write(fh) -> None:
        import contextlib
        from zipfile import ZIP_DEFLATED, ZipFile

        from openpyxl.writer.excel import ExcelWriter
        archive = ZipFile(fh, "w", ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(wb, archive).save()
        except BaseException:
            with contextlib.suppress(Exception):
                archive.close()
            raise
    return write

