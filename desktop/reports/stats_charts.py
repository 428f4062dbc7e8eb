"""The annual report's charts as vector drawings (reportlab graphics): bars per month with a line, the
社情民意 funnel, horizontal bars. Same figures as the window's charts (desktop/widgets/charts.py). No Qt."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from .stats_pdf import Fonts

PALETTE = [colors.HexColor(c) for c in ("#3b6ea8", "#d9822b", "#4f9a5b", "#b5473a", "#7a5ea8")]


def _top(values: Sequence[float]) -> float:
    top = max([*values, 0])
    if top <= 0:
        return 1
    if top < 5:
        return int(top) + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000,
                 100_000, 200_000, 500_000):
        if top <= step * 5:
            return step * (int(top // step) + 1)
    return top * 1.1


_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 25_000, 50_000,
          100_000, 200_000, 250_000, 500_000, 1_000_000)


def _axis(top: float, parts: int) -> tuple[int, int]:
    """A count axis with whole-number ticks: (maximum, step), at most `parts` + 1 intervals, the maximum a
    multiple of the step. (top / parts gave 1.6 for 8, labelled "%d" as 0, 1, 3, 4, 6, 8: January's 5 meetings
    read as about 4.)"""
    for step in _STEPS:
        if top / step <= parts + 1:
            return step * -(-int(top) // step), step
    step = _STEPS[-1] * -(-int(top / parts) // _STEPS[-1])
    return step * -(-int(top) // step), step


def _title(d: Drawing, fonts: Fonts, text: str) -> None:
    d.add(String(d.width / 2, d.height - 12, text, fontName=fonts.font_of(text, "hei"), fontSize=10,
                 textAnchor="middle"))


def _legend(d: Drawing, fonts: Fonts, items: Sequence[tuple[colors.Color, str]], x: float, y: float) -> None:
    leg = Legend()
    leg.x, leg.y = x, y
    leg.fontName = fonts.font_of("".join(n for _c, n in items))
    leg.fontSize = 7.5
    leg.alignment = "right"
    leg.columnMaximum = 1
    leg.dx, leg.dy, leg.dxTextSpace = 8, 8, 4
    leg.deltax = max(60, 8 + 9 * max(len(n) for _c, n in items)) if items else 60
    leg.colorNamePairs = list(items)
    d.add(leg)


def month_bars(fonts: Fonts, title: str, months: Sequence[str], bars: Sequence[tuple[str, Sequence[int]]],
               line: tuple[str, Sequence[int]] | None = None, width: float = 480, height: float = 190) -> Drawing:
    """Bars per month (one colour per series); a line on its own right-hand scale when given."""
    d = Drawing(width, height)
    _title(d, fonts, title)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 36, 34, width - 80, height - 62
    chart.data = [list(v) for _n, v in bars] or [[0] * 12]
    top, step = _axis(_top([x for _n, v in bars for x in v]), 5)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax = 0, top
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.body
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.categoryAxis.categoryNames = list(months)
    chart.categoryAxis.labels.fontName = fonts.font_of("".join(months))
    chart.categoryAxis.labels.fontSize = 7
    chart.barSpacing, chart.groupSpacing = 1, 6
    for i in range(len(chart.data)):
        chart.bars[i].fillColor = PALETTE[i % len(PALETTE)]
        chart.bars[i].strokeColor = None
    d.add(chart)
    legend = [(PALETTE[i % len(PALETTE)], n) for i, (n, _v) in enumerate(bars)]
    if line is not None:
        name, values = line
        lc = HorizontalLineChart()
        lc.x, lc.y, lc.width, lc.height = chart.x, chart.y, chart.width, chart.height
        lc.data = [list(values)]
        # whole-number ticks like the bars' (ltop / 5 labelled a year of few people 0 0 0 1 1 1)
        ltop, lstep = _axis(_top([v for v in values if v is not None]), 5)
        lc.valueAxis.valueMin, lc.valueAxis.valueMax, lc.valueAxis.valueStep = 0, ltop, lstep
        lc.valueAxis.visible = False
        lc.categoryAxis.visible = False
        lc.categoryAxis.categoryNames = list(months)
        lc.lines[0].strokeColor = PALETTE[3]
        lc.lines[0].strokeWidth = 1.6
        d.add(lc)
        # the line's own scale on the right
        for v in range(0, ltop + 1, lstep):
            y = chart.y + chart.height * v / ltop
            d.add(String(chart.x + chart.width + 4, y - 2.5, f"{v:,}", fontName=fonts.body, fontSize=7,
                         fillColor=PALETTE[3]))
        legend.append((PALETTE[3], name))
    _legend(d, fonts, legend, chart.x, 10)
    return d


def funnel(fonts: Fonts, title: str, stages: Sequence[tuple[str, int]], width: float = 235,
           height: float = 170, lang: str = "zh") -> Drawing:
    """Centred bars, the first stage widest; each labelled with its count and share of the first (in the brackets
    of `lang`: 采用 15（50%）, Adopted 15 (50%))."""
    d = Drawing(width, height)
    _title(d, fonts, title)
    widest = max((v for _n, v in stages), default=0) or 1
    first = stages[0][1] if stages else 0
    label_w, bar_w = 92, width - 100
    top = height - 26
    row_h = (top - 6) / max(1, len(stages))
    for i, (name, v) in enumerate(stages):
        y = top - (i + 1) * row_h
        w = bar_w * v / widest
        x = label_w + (bar_w - w) / 2
        d.add(Rect(x, y + 2, max(w, 0.5), row_h - 4, fillColor=PALETTE[0], strokeColor=None))
        share = (f" ({v / first:.0%})" if lang == "en" else f"（{v / first:.0%}）") if first and i else ""
        text = f"{name} {v:,}{share}"
        d.add(String(label_w - 4, y + row_h / 2 - 3, text, fontName=fonts.font_of(text), fontSize=7.5,
                     textAnchor="end"))
    return d


RANKED_BARS = 8          # a ranked list's bars: the first 8 (the window's chart draws as many)


def ranked_bars(fonts: Fonts, title: str, rows: Sequence[tuple[str, int]], empty: str, width: float = 235,
                height: float = 170) -> Drawing:
    """Horizontal bars for a ranked list, largest on top (overdue follow-ups by lead unit)."""
    d = Drawing(width, height)
    _title(d, fonts, title)
    rows = list(rows)[:RANKED_BARS] or [(empty, 0)]
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 100, 16, width - 112, height - 40
    chart.data = [[v for _n, v in reversed(rows)]]
    names = [(n if len(n) <= 10 else n[:9] + "…") for n, _v in reversed(rows)]
    chart.categoryAxis.categoryNames = names
    chart.categoryAxis.labels.fontName = fonts.font_of("".join(names))
    chart.categoryAxis.labels.fontSize = 7
    top, step = _axis(_top([v for _n, v in rows]), 4)
    chart.valueAxis.valueMin, chart.valueAxis.valueMax, chart.valueAxis.valueStep = 0, top, step
    chart.valueAxis.labels.fontName = fonts.body
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = "%d"
    chart.bars[0].fillColor = PALETTE[3]
    chart.bars[0].strokeColor = None
    d.add(chart)
    return d
