"""What the printed reports share: the minutes' fonts (with their per-character fallback, so a rare name
character never prints as nothing), paragraph styles, an A4 document with page numbers, and writing the
file in one step. No Qt."""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from db.files import write_atomic

MARGIN_MM = 20


class Fonts:
    """The minutes' font set: `body`/`hei`/`title` primary font names and `markup()` for mixed text."""

    def __init__(self):
        from desktop.minutes.fonts import BODY, HEI, TITLE, default_font_set
        self.set = default_font_set()
        self.roles = {"body": BODY, "hei": HEI, "title": TITLE}
        self.body, self.hei, self.title = (self.set.primary(r) for r in (BODY, HEI, TITLE))

    def markup(self, text: str, role: str = "body") -> str:
        """Paragraph markup of `text`: runs the role's first font lacks go to the font that has them."""
        r = self.roles[role]
        primary = self.set.primary(r)
        out, run, run_font = [], [], primary
        for ch in str(text):
            font = primary if ch in "\n\t " else (self.set.font_for(r, ch) or primary)
            if font != run_font and run:
                out.append(_tagged(run_font, primary, "".join(run)))
                run = []
            run_font = font
            run.append(ch)
        if run:
            out.append(_tagged(run_font, primary, "".join(run)))
        return "".join(out).replace("\n", "<br/>")

    def font_of(self, text: str, role: str = "body") -> str:
        """One font for a short label drawn on a chart: the first of the chain that has every character."""
        r = self.roles[role]
        for f in self.set.chains[r]:
            if all(ord(ch) in f.face.charToGlyph or ch in " \t" for ch in text):
                return f.fontName
        return self.set.primary(r)


def _tagged(font: str, primary: str, text: str) -> str:
    return escape(text) if font == primary else f'<font name="{font}">{escape(text)}</font>'


def styles(fonts: Fonts) -> dict:
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    base = ParagraphStyle("body", fontName=fonts.body, fontSize=10.5, leading=16, wordWrap="CJK")
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=11),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8.5, leading=11),
        "title": ParagraphStyle("title", parent=base, fontName=fonts.title, fontSize=18, leading=26,
                                alignment=TA_CENTER, spaceAfter=6),
        "subtitle": ParagraphStyle("subtitle", parent=base, alignment=TA_CENTER, fontSize=10.5, spaceAfter=10),
        "h2": ParagraphStyle("h2", parent=base, fontName=fonts.hei, fontSize=12.5, leading=18, spaceBefore=8,
                             spaceAfter=4),
    }


def table_style(fonts: Fonts, header_rows: int = 1, numeric_from: int = 1):
    from reportlab.lib import colors
    from reportlab.platypus import TableStyle
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), fonts.body),
        ("FONTNAME", (0, 0), (-1, header_rows - 1), fonts.hei),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("LEADING", (0, 0), (-1, -1), 11),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#DDE4EE")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#888888")),
        ("ALIGN", (numeric_from, header_rows), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ])


def build_pdf(out: str | Path, story: Sequence, fonts: Fonts, *, title: str, footer: str) -> Path:
    """Lay the story out on A4 with a centred page number and `footer`; write the file in one step."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(fonts.body, 8)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"— {doc.page} —")
        canvas.drawRightString(A4[0] - MARGIN_MM * mm, 10 * mm, footer)
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, leftMargin=MARGIN_MM * mm, rightMargin=MARGIN_MM * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=title, author="Liaison Desk")
    doc.build(list(story), onFirstPage=on_page, onLaterPages=on_page)
    data = buf.getvalue()
    return write_atomic(Path(out), lambda fh: fh.write(data), make_folder=True)


def fmt(x: float | int | None) -> str:
    if x is None:
        return "—"
    if isinstance(x, float) and x != int(x):
        return f"{x:.1f}"
    return f"{int(x):,}"
