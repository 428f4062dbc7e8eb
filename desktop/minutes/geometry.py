"""The official page (GB/T 9704-2012): A4, a 156 × 225 mm text block, 22 lines of 28 characters."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm

PAGE_W, PAGE_H = A4
LEFT = 28 * mm                      # 订口 (binding side) margin
TOP = 37 * mm                       # 天头
BLOCK_W = 156 * mm                  # 版心 width
BLOCK_H = 225 * mm                  # 版心 height
BOTTOM = PAGE_H - TOP - BLOCK_H     # 35 mm
RIGHT = PAGE_W - LEFT - BLOCK_W     # 26 mm

LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
LINE = BLOCK_H / LINES_PER_PAGE     # line pitch, 28.99 pt
PITCH = BLOCK_W / CHARS_PER_LINE    # character pitch, 15.79 pt

BODY_SIZE = 16                      # 3号
TITLE_SIZE = 22                     # 2号
PAGE_NUMBER_SIZE = 14               # 4号
TABLE_SIZE = 14                     # 4号, inside tables
TRACK = PITCH - BODY_SIZE           # added to every advance so a 3号 character takes one grid cell

TITLE_TOP = 35 * mm                 # 纪要标志: its top edge 35 mm below the top of the text block
PAGE_NUMBER_GAP = 7 * mm            # the dashes of "— 1 —" sit 7 mm below the text block
RULE_GAP = 4 * mm                   # red separator 4 mm under the issue line
