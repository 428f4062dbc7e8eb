"""Roster workbooks as offices keep them, for the import tests: a title row merged over the columns, the
headings in their own order and wording, a group's name merged down its members' rows, and mistakes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

HEADINGS = ["序号", "姓  名", "性别", "出生年月", "民族", "政治面貌", "界别", "职务", "工作单位及职务", "联系电话",
            "委员层级", "届次", "所属联络组", "专长"]


def good_rows(group: str) -> list[list]:
    """Four members without a mistake, written the ways offices write them."""
    return [
        [1, "王  芳", "女", dt.datetime(1975, 3, 8), "汉族", "中国共产党党员", "中共", "常委", "贵阳市第一中学 校长",
         "138 0851 0001", "市、区", "第十四届", group, "教育"],
        [2, "李　明", "男", "1980.05", "苗族", "民盟盟员", "教育界", "委员", "贵州大学 教授", "１３９０８５１０００２",
         "区", "第十四届", None, "法律"],           # the group's cell merged from the row above
        [3, "阿依古丽·买买提", "女", "1982年3月", "维吾尔族", "群众", "少数民族界", "委员", "某社区卫生服务中心",
         "0851-86801234", "区", "第十四届", group, ""],
        [4, "赵刚", "男", "1969-11-20", "布依族", "无党派人士", "无党派人士", "委员", "某律师事务所", "13608510004",
         "区", "第十四届", group, "调解"],
    ]


def bad_rows(group: str) -> list[list]:
    """Four rows each with a mistake: the phone, the ethnicity, the group, and a duplicate of 王芳."""
    return [
        [5, "钱多多", "男", "1985.07", "汉族", "中共党员", "经济界", "委员", "某公司", "1380851", "区", "第十四届", group,
         ""],
        [6, "孙丽", "女", "1990.02", "布衣族", "群众", "医卫界", "委员", "某医院", "13708510006", "区", "第十四届", group,
         ""],
        [7, "周强", "男", "1978.09", "汉族", "民建会员", "经济界", "委员", "某银行", "13508510007", "区", "第十四届",
         "没有这个组", ""],
        [8, "王芳", "女", "1975.03", "汉族", "中共党员", "中共", "委员", "另一单位", "13308510008", "区", "第十四届", group,
         ""],
    ]


def write_book(path: Path, rows: list[list], *, title: str = "云岩区政协委员名册（2026年）", hidden: bool = False,
               merge_group: bool = True) -> Path:
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "委员名册"
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADINGS))
    ws.append(["填报单位：云岩区政协办公室", None, None, None, None, None, None, None, None, None, None, "填报日期：2026-11"])
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    if merge_group and len(rows) >= 2 and rows[1][12] is None:
        ws.merge_cells("M4:M5")
    ws.append(["制表人：张敏", None, None, None, None, None, None, None, None, None, None, None, None, None])
    ws.column_dimensions["B"].width = 14
    if hidden:
        other = wb.create_sheet("旧名册")
        other.append(["姓名"])
        other.sheet_state = "hidden"
    wb.save(path)
    return path
