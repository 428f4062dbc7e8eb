"""The roster workbook: read an .xlsx into plain rows for db.roster_import (refusing, with the reason, what is
not a readable workbook), and write the roster in the layout that imports back unchanged. No Qt."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from db.errors import os_reason
from db.roster_import import MAX_ROWS, RosterFileError, RosterSheet, export_rows
from db.roster_values import EXPORT_COLUMNS, FormulaWithoutValue

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_COLUMNS = 60
MAX_UNPACKED = 500 * 1024 * 1024
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MERGE = re.compile(rb'<mergeCell ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')


def _col(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _refuse(zh: str, en: str, code: str) -> RosterFileError:
    return RosterFileError(zh, en, code=code)


def check_file(path: Path) -> None:
    """What the file is, from its first bytes: an .xlsx is a zip; an old .xls and an encrypted .xlsx are OLE files."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
            ole = f.read(min(size, 1 << 20)) if head == _OLE else b""
    except OSError as exc:
        raise _refuse(f"无法读取文件“{path.name}”：{os_reason(exc)[0]}", f"cannot read {path.name}: {os_reason(exc)[1]}",
                      "unreadable") from exc
    if size == 0:
        raise _refuse(f"文件“{path.name}”是空的", f"{path.name} is empty", "empty_file")
    if size > MAX_FILE_BYTES:
        raise _refuse(f"文件超过 {MAX_FILE_BYTES // 1024 // 1024} MB，不像一份名册", f"the file is larger than "
                      f"{MAX_FILE_BYTES // 1024 // 1024} MB: not a roster", "too_large")
    if head == _OLE:
        if "EncryptionInfo".encode("utf-16-le") in ole or "EncryptedPackage".encode("utf-16-le") in ole:
            raise _refuse("该工作簿设有打开密码，无法读取：请在 Excel 中取消密码（文件→信息→保护工作簿）后另存为 .xlsx",
                          "the workbook is protected by a password: remove it in Excel (File → Info → Protect "
                          "Workbook) and save it again as .xlsx", "encrypted")
        raise _refuse("这是旧版 Excel 文件（.xls），请在 Excel 或 WPS 中“另存为” Excel 工作簿（.xlsx）后再导入",
                      "this is an old Excel file (.xls): save it as an Excel workbook (.xlsx) and import that",
                      "old_xls")
    if not head.startswith(b"PK") or not zipfile.is_zipfile(path):
        raise _refuse(f"“{path.name}”不是 Excel 工作簿（.xlsx），可能只是改了扩展名",
                      f"{path.name} is not an Excel workbook (.xlsx); it may only have been renamed", "not_xlsx")
    try:
        with zipfile.ZipFile(path) as z:
            unpacked = sum(info.file_size for info in z.infolist())
            names = {n.lower() for n in z.namelist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(f"“{path.name}”已损坏，无法读取", f"{path.name} is damaged", "damaged") from exc
    if not any(n.startswith("xl/") and n.endswith("workbook.xml") for n in names):     # a zip, not a workbook
        if {"manifest.json", "payload.enc"} & names:        # a sync package or a setup file given another name
            raise _refuse(f"“{path.name}”是本软件的同步包或安装文件（只是改了扩展名），不是 Excel 名册：同步包请在“同步”页"
                          f"或用 import-sync 导入", f"{path.name} is a Liaison Desk sync package or setup file with "
                          f"another extension, not an Excel roster: import a package on the Sync page or with "
                          f"import-sync", "not_xlsx")
        raise _refuse(f"“{path.name}”是压缩文件，不是 Excel 工作簿（.xlsx），可能只是改了扩展名",
                      f"{path.name} is a zip archive, not an Excel workbook (.xlsx); it may only have been renamed",
                      "not_xlsx")
    if unpacked > MAX_UNPACKED:              # a small file that unpacks to gigabytes is not a roster
        raise _refuse(f"文件解压后超过 {MAX_UNPACKED // 1024 // 1024} MB，不像一份名册",
                      f"the file unpacks to more than {MAX_UNPACKED // 1024 // 1024} MB: not a roster", "too_large")


def read_roster(path: str | Path, *, progress: Callable[[int, int], None] | None = None) -> RosterSheet:
    """The first visible sheet's non-empty rows, merged cells filled down, formulas as their computed values."""
    from openpyxl import load_workbook
    path = Path(path)
    check_file(path)
    first = _first_visible_sheet(path)
    if first and _filled_rows(_sheet_xml(path, first)) > MAX_ROWS + 100:   # before openpyxl scans it whole
        raise _too_many()
    try:
        wb = load_workbook(path, read_only=True, data_only=False)
    except Exception as exc:      # openpyxl raises whatever its parsers raise on a damaged file
        raise _refuse(f"无法打开工作簿“{path.name}”：文件已损坏或不是 Excel 工作簿", f"cannot open {path.name}: damaged "
                      f"or not an Excel workbook ({type(exc).__name__})", "damaged") from exc
    try:
        visible = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
        hidden = [ws.title for ws in wb.worksheets if ws.sheet_state != "visible"]
        if not visible:
            raise _refuse("工作簿中所有工作表都被隐藏：请在 Excel 中取消隐藏要导入的工作表", "every sheet of the "
                          "workbook is hidden: unhide the sheet to import in Excel", "hidden_sheets")
        # the roster's sheet: the first with 姓名 among its first rows (a 说明 or 填表须知 sheet often comes first)
        ws = next((w for w in visible if _has_name_heading(w)), visible[0])
        notices = []
        if hidden:
            notices.append((f"隐藏的工作表未导入：{'、'.join(hidden)}", f"hidden sheets not imported: {', '.join(hidden)}"))
        if len(visible) > 1:
            which = "第一个" if ws is visible[0] else f"第 {visible.index(ws) + 1} 个"
            notices.append((f"只导入{which}工作表“{ws.title}”（有“姓名”列的第一个），其余 {len(visible) - 1} 个未导入",
                            f"only the sheet '{ws.title}' is imported (the first with a 姓名 column); "
                            f"{len(visible) - 1} others are not"))
        xml = _sheet_xml(path, getattr(ws, "_worksheet_path", None))
        if _filled_rows(xml) > MAX_ROWS + 100:
            raise _too_many()
        rows, formulas = _rows(ws, progress)
        if formulas:
            _computed(path, ws.title, rows, formulas)
        _fill_merged(xml, rows)
    finally:
        wb.close()
    if not rows:
        raise _refuse(f"工作表“{ws.title}”是空的", f"the sheet '{ws.title}' is empty", "empty_sheet")
    return RosterSheet(ws.title, [(line, tuple(cells)) for line, cells in rows], tuple(notices))


def _has_name_heading(ws, rows: int = 20) -> bool:
    for row in ws.iter_rows(max_row=rows, values_only=True):
        if any(isinstance(v, str) and "".join(v.split()) == "姓名" for v in row):
            return True
    return False


def _too_many() -> RosterFileError:
    return _refuse(f"表格超过 {MAX_ROWS:,} 行的上限，请分成几个文件导入",
                   f"the sheet has more than the limit of {MAX_ROWS:,} rows: split it into several files",
                   "too_many_rows")


def _rows(ws, progress) -> tuple[list[tuple[int, list]], list[tuple[int, int]]]:
    total = ws.max_row or 0           # from the sheet's stated size: refused at once when it says too many
    if total > MAX_ROWS + 100:
        raise _too_many()
    rows, formulas = [], []
    for line, cells in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
        if progress is not None and line % 250 == 0:
            progress(line, max(total, line))
        if not any(v is not None and str(v).strip() for v in cells):
            continue
        if len(rows) >= MAX_ROWS + 20:                       # a sheet without a stated size, or a wrong one
            raise _too_many()
        values = list(cells)
        while values and values[-1] is None:
            values.pop()
        for c, v in enumerate(values):
            if isinstance(v, str) and v.startswith("="):
                formulas.append((len(rows), c))
        rows.append((line, values))
    return rows, formulas


def _computed(path: Path, title: str, rows: list, formulas: list) -> None:
    """Formula cells take the value Excel stored when it last saved the file, or say there is none."""
    from openpyxl import load_workbook
    wb = load_workbook(path, read_only=True, data_only=True)
    try:
        wanted = {rows[i][0] for i, _c in formulas}
        values = {line: cells for line, cells in enumerate(wb[title].iter_rows(max_col=MAX_COLUMNS,
                                                                                 values_only=True), start=1)
                  if line in wanted}
    finally:
        wb.close()
    for i, c in formulas:
        line, cells = rows[i]
        computed = values.get(line, ())
        value = computed[c] if c < len(computed) else None
        cells[c] = FormulaWithoutValue(str(cells[c])) if value is None else value


MAX_SHEET_XML = 400 * 1024 * 1024


def _sheet_xml(path: Path, sheet_path: str | None) -> bytes:
    """The sheet's XML as stored (for its merged cells and its size), bounded: a 20,000-row roster is ~10 MB."""
    if not sheet_path:
        return b""
    with zipfile.ZipFile(path) as z:
        try:
            info = z.getinfo(sheet_path)
        except KeyError:
            return b""
        if info.file_size > MAX_SHEET_XML:
            raise _too_many()
        with z.open(info) as f:
            return f.read(MAX_SHEET_XML)


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b([^>]*)/?>")
_REL = re.compile(rb"<(?:\w+:)?Relationship\b([^>]*)/?>")


def _attr(attrs: bytes, name: bytes) -> bytes | None:
    m = re.search(rb"(?:^|\s)(?:\w+:)?" + name + rb'="([^"]*)"', attrs)
    return m.group(1) if m else None


def _first_visible_sheet(path: Path) -> str | None:
    """The zip member of the workbook's first visible sheet, from workbook.xml and its relations (None if unsure)."""
    try:
        with zipfile.ZipFile(path) as z:
            book = z.read("xl/workbook.xml")
            rels = z.read("xl/_rels/workbook.xml.rels")
    except (KeyError, zipfile.BadZipFile, OSError):
        return None
    targets = {_attr(a, b"Id"): _attr(a, b"Target") for a in _REL.findall(rels)}
    for attrs in _SHEET.findall(book):
        if (_attr(attrs, b"state") or b"visible") != b"visible":
            continue
        target = targets.get(_attr(attrs, b"id"))
        if not target:
            return None
        target = target.decode()
        return target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    return None


def _filled_rows(xml: bytes) -> int:
    """Rows holding a value (a formatted empty row holds none)."""
    return sum(1 for part in xml.split(b"<row ") if b"<v>" in part or b"<is>" in part or b"<v " in part)


def _fill_merged(xml: bytes, rows: list) -> None:
    """A merged block's value (a group's name over its members' rows) goes to every row of its first column."""
    by_line = {line: i for i, (line, _c) in enumerate(rows)}
    for c1, r1, _c2, r2 in _MERGE.findall(xml):
        col, top, bottom = _col(c1), int(r1), int(r2)
        if top == bottom or top not in by_line:
            continue
        cells = rows[by_line[top]][1]
        value = cells[col] if col < len(cells) else None
        for line in range(top + 1, bottom + 1):
            if line in by_line:
                target = rows[by_line[line]][1]
                target.extend([None] * (col + 1 - len(target)))
                if target[col] is None:
                    target[col] = value


def write_roster(db, out: str | Path) -> tuple[Path, int]:
    """The serving members as a workbook in the import's layout; returns the file and the number of members."""
    from db import today as office_clock
    from desktop.reports.xlsx_export import write_table
    rows = export_rows(db)
    title = f"委员名册（{office_clock.today().isoformat()}导出）"
    return write_table(out, title, [h for _k, h in EXPORT_COLUMNS], rows, sheet_title="委员名册"), len(rows)
