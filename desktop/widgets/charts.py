"""Charts of the 统计 page on QtCharts: bars per month (with a line on a second axis), a funnel, and
horizontal bars. Each takes plain figures and already translated labels; nothing here reads data."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, QLocale, QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QToolTip

PALETTE = ("#3b6ea8", "#d9822b", "#4f9a5b", "#b5473a", "#7a5ea8")


def _value_axis(top: float) -> QValueAxis:
    """A value axis from 0 to a round maximum above `top`, with ticks on whole steps."""
    axis = QValueAxis()
    hi = _nice_max(top)
    # whole steps only: with 0…6 in five steps the labels read 0 1 2 3 4 6 (1.2, 2.4 … printed as %d) and a
    # month of 3 meetings stood between "2" and "3"
    ticks = int(hi) if hi <= 10 else next((n for n in (5, 4, 6, 3, 2) if hi % n == 0), 5)
    axis.setRange(0, hi)
    axis.setTickCount(ticks + 1)
    axis.setLabelFormat("%.0f")   # with the chart's localized numbers: 60,000 (Qt drew no "%d" label so)
    return axis


def _nice_max(value: float) -> float:
    """A round axis maximum a little above `value` (0 → 1)."""
    if value <= 0:
        return 1
    if value < 5:
        return int(value) + 1
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000,
                 100_000, 200_000, 500_000):
        if value <= step * 5:
            return step * (int(value // step) + 1)
    return value * 1.1


class ChartView(QChartView):
    """A chart with the application's font, no animation (screenshots and tests see the final state)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumSize(260, 200)
        self._new_chart()

    def _new_chart(self) -> QChart:
        chart = QChart()
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        chart.setLocalizeNumbers(True)      # axis labels 60,000 as in the PDF, not 60000
        chart.setLocale(QLocale())          # the interface language's (desktop.i18n sets it)
        font = QFont(self.font())
        title = QFont(font)
        title.setBold(True)
        chart.setTitleFont(title)
        chart.legend().setFont(font)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        old = self.chart()
        self.setChart(chart)
        if old is not None:
            old.deleteLater()
        return chart

    def _axis_font(self, axis) -> None:
        f = QFont(self.font())
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
        axis.setLabelsFont(f)

    @property
    def title(self) -> str:
        return self.chart().title()


class MonthChart(ChartView):
    """Bars per month (one set per series), optionally a line on a right-hand axis."""

    def set_data(self, title: str, months: Sequence[str], bars: Sequence[tuple[str, Sequence[int]]],
                 line: tuple[str, Sequence[int]] | None = None) -> None:
        chart = self._new_chart()
        chart.setTitle(title)
        series = QBarSeries()
        top = 0
        for i, (name, values) in enumerate(bars):
            s = QBarSet(name)
            s.setColor(QColor(PALETTE[i % len(PALETTE)]))
            s.append([float(v) for v in values])
            series.append(s)
            top = max(top, *values) if values else top
        chart.addSeries(series)
        x = QBarCategoryAxis()
        x.append(list(months))
        self._axis_font(x)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        self.month_axis, self._months = x, list(months)
        chart.plotAreaChanged.connect(self._fit_month_labels)
        y = _value_axis(top)
        self._axis_font(y)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
        if line is not None:
            name, values = line
            ls = QLineSeries()
            ls.setName(name)
            ls.setPen(QPen(QColor(PALETTE[3]), 2))
            for i, v in enumerate(values):
                if v is not None:                     # None: a month still to come
                    ls.append(QPointF(i, float(v)))
            chart.addSeries(ls)
            ls.attachAxis(x)
            y2 = _value_axis(max((v for v in values if v is not None), default=0))
            self._axis_font(y2)
            chart.addAxis(y2, Qt.AlignmentFlag.AlignRight)
            ls.attachAxis(y2)
        self.bar_sets = [series.barSets()[i] for i in range(series.count())]

    peers: tuple = ()       # month charts shown side by side, which label their months alike

    def _needs(self, labels: list[str]) -> bool:
        """Do `labels` not fit their columns side by side (Qt pads each label on both sides)?"""
        from PySide6.QtGui import QFontMetrics
        widest = max(QFontMetrics(self.month_axis.labelsFont()).horizontalAdvance(m) for m in labels)
        return widest + 16 > self.chart().plotArea().width() / len(labels)

    def _needs_short(self) -> bool:
        return self._needs(self._months)

    def _fit_month_labels(self, _area) -> None:
        """"10月" where a month's column is wide enough, else the number alone (the labels were elided to
        "10…" "11…" "12…" in a window narrower than the screen); with `peers`, all alike (one chart with a
        right-hand axis, the other without, read "1 … 12" beside "1月 … 12月")."""
        charts = [c for c in (self.peers or (self,)) if getattr(c, "_months", None)]
        if not charts:
            return
        short = any(c._needs_short() for c in charts)
        numbers = [[m.rstrip("月").strip() or m for m in c._months] for c in charts]
        # narrower still (a window of 800–900 px): every other month named, rather than "1…" "…" (Qt elides
        # upright labels too); the others get distinct empty labels (an axis's categories must differ)
        sparse = short and any(c._needs(n) for c, n in zip(charts, numbers, strict=True))
        for c, n in zip(charts, numbers, strict=True):
            want = n if short else c._months
            if sparse:
                want = [m if i % 2 == 0 else "\u200b" * (i + 1) for i, m in enumerate(n)]
            axis = c.month_axis
            if axis.categories() != want:
                for old, new in zip(axis.categories(), want, strict=True):
                    axis.replace(old, new)

class FunnelChart(ChartView):
    """Stages as centred horizontal bars, widest first: a funnel (stacked bars with a clear margin)."""

    def set_data(self, title: str, stages: Sequence[tuple[str, int]]) -> None:
        chart = self._new_chart()
        chart.setTitle(title)
        chart.legend().setVisible(False)
        widest = max((v for _n, v in stages), default=0) or 1
        pad, body = QBarSet(""), QBarSet("")
        pad.setColor(QColor(0, 0, 0, 0))
        pad.setBorderColor(QColor(0, 0, 0, 0))
        body.setColor(QColor(PALETTE[0]))
        body.setLabelColor(QColor("white"))
        rows = list(reversed(stages))              # the first stage on top
        pad.append([(widest - v) / 2 for _n, v in rows])
        body.append([float(v) for _n, v in rows])
        series = QHorizontalStackedBarSeries()
        series.append(pad)
        series.append(body)
        series.setBarWidth(0.85)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        first = stages[0][1] if stages else 0
        y.append([f"{n} {v:,}" + (f" ({v / first:.0%})" if first and i else "") for i, (n, v) in
                  enumerate(stages)][::-1])
        self._axis_font(y)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
        x = QValueAxis()
        x.setRange(0, widest)
        x.setVisible(False)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        self.values = [v for _n, v in stages]


class BarListChart(ChartView):
    """Horizontal bars for a ranked list (overdue follow-ups by lead unit), largest on top: the first BARS."""

    BARS = 8

    def set_data(self, title: str, rows: Sequence[tuple[str, int]], empty_text: str = "") -> None:
        chart = self._new_chart()
        chart.setTitle(title)
        chart.legend().setVisible(False)
        rows = list(rows)[:self.BARS]
        if not rows:
            rows = [(empty_text, 0)]
        s = QBarSet("")
        s.setColor(QColor(PALETTE[3]))
        s.append([float(v) for _n, v in reversed(rows)])
        series = QHorizontalBarSeries()
        series.append(s)
        series.setLabelsVisible(True)
        chart.addSeries(series)
        y = QBarCategoryAxis()
        y.append([(n if len(n) <= 12 else n[:11] + "…") for n, _v in reversed(rows)])
        y.setTruncateLabels(False)
        self._rows = [] if self._empty(rows, empty_text) else list(reversed(rows))   # bottom to top, names whole
        self._series = series
        self._axis_font(y)
        chart.addAxis(y, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(y)
        x = _value_axis(max(v for _n, v in rows))
        self._axis_font(x)
        chart.addAxis(x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(x)
        self.values = [v for _n, v in rows]

    @staticmethod
    def _empty(rows, empty_text) -> bool:
        return rows == [(empty_text, 0)]

    def tooltip_at(self, pos) -> str:
        """The whole name and count of the bar in the row under `pos` (a point of the view): on the bar or on
        its name left of it (names longer than 12 characters are cut to fit: "南明区人力资源和社会保…")."""
        if not getattr(self, "_rows", None):
            return ""
        chart = self.chart()
        at = chart.mapFromScene(self.mapToScene(pos))
        area = chart.plotArea()
        if not (area.top() <= at.y() <= area.bottom()) or at.x() > area.right():
            return ""
        i = round(chart.mapToValue(at, self._series).y())
        if not 0 <= i < len(self._rows):
            return ""
        name, count = self._rows[i]
        return f"{name}：{count:,}" if QLocale().language() == QLocale.Language.Chinese else f"{name}: {count:,}"

    def viewportEvent(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            text = self.tooltip_at(event.pos())
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)
