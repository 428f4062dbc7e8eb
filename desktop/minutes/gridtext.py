"""Chinese text on the official grid: a font per character, line breaking with the no-line-start /
no-line-end rules, justified lines, a fixed line pitch, and a flowable that splits across pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.platypus import Flowable

from .fonts import BODY, FontSet
from .geometry import BODY_SIZE, LINE, TRACK

# A line may not start with these (MINUTES.md, extended with the usual Chinese word-processor set)
NO_LINE_START = frozenset(
    "，。、；：！？）》」』】”’"
    "…‥·．〉〕〗〙〞﹚﹜﹞］｝｠％‰℃°′″¢､｡ー々〃"
    "!%),.:;?]}>")
# … nor end with these.
NO_LINE_END = frozenset("（《「『【“‘〈〔〖〘〝﹙﹛﹝［｛｟·．([{<$£¥￥＄")
PAIRED = frozenset("—…")          # written in pairs (—— ……) that a line break must not split
FUZZ = 1e-3
ASCENT = 0.88   # the ideographic em box spans 0.88 em above the baseline and 0.12 below


@dataclass(frozen=True)
class TextStyle:
    size: float = BODY_SIZE
    leading: float = LINE
    role: str = BODY
    tracking: float = TRACK        # added to every character's advance
    first_indent: float = 0.0      # points, first line
    indent: float = 0.0            # points, following lines (hanging indent)
    right_indent: float = 0.0      # points, every line
    align: str = "justify"         # justify | left | center | right
    color: colors.Color = colors.black


@dataclass(frozen=True)
class Line:
    x: float
    char_space: float
    segments: tuple[tuple[str, str], ...]   # (font name, text)
    source: str                              # the characters as entered (for tests and reports)


class Shaped:
    """A run list resolved to fonts and advances, character by character."""

    __slots__ = ("chars", "fonts", "advances", "sources", "missing")

    def __init__(self, runs: Sequence[tuple[str, str]], fonts: FontSet, style: TextStyle):
        chars, fonts_, advances, sources, missing = [], [], [], [], []
        tables: dict[str, dict[str, float]] = {}
        for text, role in runs:
            resolved = fonts.resolved(role or style.role)
            for src in text:
                found = resolved[src]
                if found is None:
                    continue
                font, ch = found
                table = tables.get(font)
                if table is None:
                    table = tables[font] = fonts.advances(font, style.size, style.tracking)
                chars.append(ch)
                fonts_.append(font)
                advances.append(table[ch])
                sources.append(src)
                if ch != src:
                    missing.append(src)
        self.chars, self.fonts, self.advances, self.sources, self.missing = chars, fonts_, advances, sources, missing


def _ascii_word(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _can_start(chars: list[str], i: int) -> bool:
    """May a line start at chars[i]?"""
    ch, prev = chars[i], chars[i - 1]
    if prev == "\n":
        return True
    if ch == " ":           # the next line starts at the next non-space character
        j = i
        while j < len(chars) and chars[j] == " ":
            j += 1
        return j == len(chars) or chars[j] not in NO_LINE_START
    if ch in NO_LINE_START or prev in NO_LINE_END:
        return False
    if ch in PAIRED and prev == ch:     # inside a run of —— or ……: only between pairs
        run = 1
        while i - run - 1 >= 0 and chars[i - run - 1] == ch:
            run += 1
        if run % 2:
            return False
    return not (_ascii_word(prev) and _ascii_word(ch))


def break_lines(chars: list[str], advances: list[float], first_width: float, width: float) -> list[tuple[int, int, bool]]:
    """Greedy line breaking: (start, end, ends_paragraph_or_forced) for every line."""
    lines: list[tuple[int, int, bool]] = []
    n, s = len(chars), 0
    while s < n:
        if lines:
            while s < n and chars[s] == " ":
                s += 1
            if s >= n:
                break
        avail = first_width if not lines else width
        used, j = 0.0, s
        while j < n and chars[j] != "\n" and used + advances[j] <= avail + FUZZ:
            used += advances[j]
            j += 1
        if j >= n:
            lines.append((s, n, True))
            break
        if chars[j] == "\n":
            lines.append((s, j, True))
            s = j + 1
            continue
        b = j
        while b > s and not _can_start(chars, b):
            b -= 1
        if b == s:
            # no legal break on the line: let up to two closing marks hang into the margin, else
            # (a very long word) break where the line overflows
            k = j
            while k < n and k - j < 2 and chars[k] in NO_LINE_START:
                k += 1
            b = k if k > j and (k == n or _can_start(chars, k)) else max(j, s + 1)
        lines.append((s, b, False))
        s = b
    return lines


def layout(shaped: Shaped, style: TextStyle, width: float) -> list[Line]:
    out = []
    chars, advances, fonts = shaped.chars, shaped.advances, shaped.fonts
    width -= style.right_indent
    for k, (s, e, last) in enumerate(break_lines(chars, advances, width - style.first_indent,
                                                 width - style.indent)):
        while e > s and chars[e - 1] in " \n":
            e -= 1
        indent = style.first_indent if k == 0 else style.indent
        avail = width - indent
        natural = sum(advances[s:e])
        visual = natural - style.tracking      # the last character's spacing is not seen
        char_space, x = style.tracking, indent
        if style.align == "justify" and not last and e - s > 1:
            extra = (avail - natural) / (e - s - 1)
            if 0 < extra <= style.size / 2:
                char_space += extra
        elif style.align == "center":
            x += (avail - visual) / 2
        elif style.align == "right":
            x += avail - visual
        segments: list[tuple[str, str]] = []
        for i in range(s, e):
            if segments and segments[-1][0] == fonts[i]:
                segments[-1] = (fonts[i], segments[-1][1] + chars[i])
            else:
                segments.append((fonts[i], chars[i]))
        out.append(Line(x, char_space, tuple(segments), "".join(shaped.sources[s:e])))
    return out


def draw_lines(canv, lines: Sequence[Line], style: TextStyle, x: float, top: float) -> None:
    """Draw `lines` with their first line cell's top edge at `top`, each line centred in its cell."""
    text = canv.beginText()
    text.setFillColor(style.color)
    font, char_space = None, None
    for k, line in enumerate(lines):
        baseline = top - (k + 0.5) * style.leading - (ASCENT - 0.5) * style.size
        text.setTextOrigin(x + line.x, baseline)
        if line.char_space != char_space:
            char_space = line.char_space
            text.setCharSpace(char_space)
        for name, chunk in line.segments:
            if name != font:
                font = name
                text.setFont(font, style.size, style.leading)
            # _textOut, not textOut: that would also measure the string (in pure Python unless
            # rl_accel is installed) for a text cursor nothing here uses
            text._textOut(chunk)
    if char_space:
        text.setCharSpace(0)
    canv.drawText(text)


class GridText(Flowable):
    """A paragraph on the grid. `runs` are (text, role) pairs; "\\n" forces a line break."""

    def __init__(self, runs: Sequence[tuple[str, str]] | str, style: TextStyle, fonts: FontSet,
                 *, _lines: list[Line] | None = None):
        super().__init__()
        self.runs = [(runs, style.role)] if isinstance(runs, str) else list(runs)
        self.style = style
        self.fonts = fonts
        self._lines = _lines or []
        self._fixed = _lines is not None        # a part of a split paragraph keeps its lines
        self._width: float | None = None
        self._shaped: Shaped | None = None

    @property
    def missing(self) -> list[str]:
        return self.shaped.missing

    @property
    def shaped(self) -> Shaped:
        if self._shaped is None:
            self._shaped = Shaped(self.runs, self.fonts, self.style)
        return self._shaped

    def lines(self, width: float) -> list[Line]:
        if not self._fixed and width != self._width:
            self._lines = layout(self.shaped, self.style, width)
            self._width = width
        return self._lines

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = len(self.lines(availWidth)) * self.style.leading
        return availWidth, self.height

    def split(self, availWidth, availHeight):
        lines = self.lines(availWidth)
        fit = int((availHeight + FUZZ) // self.style.leading)
        if fit < 1 or fit >= len(lines):
            return []
        return [self._part(lines[:fit]), self._part(lines[fit:])]

    def _part(self, lines: list[Line]) -> GridText:
        part = GridText(self.runs, self.style, self.fonts, _lines=lines)
        part._shaped = self._shaped
        return part

    def draw(self):
        draw_lines(self.canv, self._lines, self.style, 0, self.height)

    def font_names(self) -> set[str]:
        return set(self.shaped.fonts)


class GridSnap(Flowable):
    """Takes up the space left to the next grid line, so what follows sits on the 22-line grid."""

    def wrap(self, availWidth, availHeight):
        rest = availHeight % LINE
        self.height = 0 if rest < FUZZ or rest > LINE - FUZZ else rest
        return availWidth, self.height

    def draw(self):
        pass
