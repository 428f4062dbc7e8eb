"""The page: one frame on the text block with zero padding, page numbers "— 1 —" odd right / even
left, and the 草稿 watermark; several minutes can share one PDF, each numbered from 1."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Frame, PageTemplate

from db import today as office_clock

from .fonts import BODY, HEI, FontSet
from .geometry import (
    BLOCK_H,
    BLOCK_W,
    BODY_SIZE,
    BOTTOM,
    LEFT,
    LINE,
    PAGE_H,
    PAGE_NUMBER_GAP,
    PAGE_NUMBER_SIZE,
    PAGE_W,
    RIGHT,
    TOP,
)
from .gridtext import Shaped, TextStyle, draw_lines, layout

WATERMARK = "草稿"


class Cancelled(Exception):
    """The user cancelled a batch export."""


@dataclass
class Section:
    """One minutes inside the PDF being built."""

    draft: bool
    first_page: int = 0
    pages: int = 0


class StartSection(ActionFlowable):
    """Begins a minutes: a new page (a right-hand one when printing both sides), numbering from 1."""

    def __init__(self, section: Section, *, duplex: bool = False, on_start: Callable[[], None] | None = None):
        super().__init__()
        self.section = section
        self.duplex = duplex
        self.on_start = on_start

    def apply(self, doc):
        if doc.sections:
            doc.handle_pageBreak()
            doc.clean_hanging()
            if self.duplex and doc.page % 2 == 0:
                doc.handle_pageBreak()
                doc.clean_hanging()
        self.section.first_page = doc.page
        doc.sections.append(self.section)
        if self.on_start is not None:
            self.on_start()


class MinutesDoc(BaseDocTemplate):
    def __init__(self, out, fonts: FontSet, *, title: str = "", cancel_cb: Callable[[], bool] | None = None,
                 created: dt.datetime | None = None):
        super().__init__(out, pagesize=(PAGE_W, PAGE_H), leftMargin=LEFT, rightMargin=RIGHT,
                         topMargin=TOP, bottomMargin=BOTTOM, title=title, creator="Liaison Desk 委员联络组工作台",
                         invariant=True, allowSplitting=1,
                         # else every page names Helvetica, a font that is neither ours nor embedded
                         initialFontName=fonts.primary(BODY), initialFontSize=BODY_SIZE, initialLeading=LINE)
        frame = Frame(LEFT, BOTTOM, BLOCK_W, BLOCK_H, leftPadding=0, rightPadding=0, topPadding=0,
                      bottomPadding=0, id="block")
        self.addPageTemplates([PageTemplate("minutes", [frame], onPageEnd=self._decorate)])
        self.fonts = fonts
        self.cancel_cb = cancel_cb
        # `invariant` keeps the file's ID and layout reproducible, but would date it 2000-01-01: the
        # creation date is the office's clock (db.today, pinned in tests), in its local time.
        self.created = created or office_clock.now()
        self.sections: list[Section] = []
        self._number_style = TextStyle(size=PAGE_NUMBER_SIZE, leading=PAGE_NUMBER_SIZE, role=BODY,
                                       tracking=0, align="left")
        self._mark_style = TextStyle(size=120, leading=120, role=HEI, tracking=0, align="left",
                                     color=colors.Color(0.55, 0.55, 0.55, alpha=0.22))

    def beforeDocument(self) -> None:
        stamp = f"D:{self.created:%Y%m%d%H%M%S}"
        self.canv.setDateFormatter(lambda *_ymdhms: stamp)

    def build(self, flowables, **kw):
        # Page content as binary Flate streams, not ASCII85 on top: a quarter smaller, and faster.
        # rl_config is reportlab's process-wide setting; it is read while the PDF is written.
        saved = rl_config.useA85
        rl_config.useA85 = 0
        try:
            super().build(flowables, **kw)
        finally:
            rl_config.useA85 = saved

    def _decorate(self, canv, doc) -> None:
        if self.cancel_cb is not None and self.cancel_cb():
            raise Cancelled
        if not self.sections or not self._curPageFlowableCount:
            return                       # a blank left-hand page before a minutes
        section = self.sections[-1]
        number = self.page - section.first_page + 1
        section.pages = number
        canv.saveState()
        self._page_number(canv, number)
        if section.draft:
            self._watermark(canv)
        canv.restoreState()

    def _page_number(self, canv, number: int) -> None:
        """GB/T 9704 7.5: 4号 half-width digits between em dashes, the dashes 7 mm under the text block;
        odd pages one character in from the right, even pages one character in from the left."""
        style = self._number_style
        shaped = Shaped([(f"— {number} —", BODY)], self.fonts, style)
        width = sum(shaped.advances)
        x = LEFT + BLOCK_W - PAGE_NUMBER_SIZE - width if number % 2 else LEFT + PAGE_NUMBER_SIZE
        # lines are centred in their cell, and the dash is drawn at the middle of the em box
        middle = BOTTOM - PAGE_NUMBER_GAP
        draw_lines(canv, layout(shaped, style, BLOCK_W), style, x, middle + style.leading / 2)

    def _watermark(self, canv) -> None:
        style = self._mark_style
        shaped = Shaped([(WATERMARK, HEI)], self.fonts, style)
        canv.translate(PAGE_W / 2, PAGE_H / 2)
        canv.rotate(35)
        draw_lines(canv, layout(shaped, style, PAGE_W), style, -sum(shaped.advances) / 2, style.leading / 2)
