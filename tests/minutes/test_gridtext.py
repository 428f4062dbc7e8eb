"""Line breaking of Chinese text: the no-line-start / no-line-end rules and justified lines."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.minutes.gridtext import NO_LINE_END, NO_LINE_START, GridText, TextStyle, break_lines, layout

CJK = "政协委员联络组协商议事会纪要王李阿"
CLOSE = "，。、；：！？）》」』】”’"
OPEN = "（《「『【“‘"

# words that always leave a legal break somewhere on a line of 8+ cells: a character with up to
# two closing marks after it, an opening mark before it, or a short Latin word with a space
word = st.one_of(
    st.builds(lambda c, p: c + p, st.sampled_from(CJK), st.text(CLOSE, max_size=2)),
    st.builds(lambda o, c: o + c, st.sampled_from(OPEN), st.sampled_from(CJK)),
    st.builds(lambda w: w + " ", st.text("abcXYZ019", min_size=1, max_size=5)),
    st.sampled_from(["——", "……", "阿依古丽·买买提"]),
)


def widths(text: str) -> list[float]:
    return [0.5 if c.isascii() else 1.0 for c in text]


@settings(max_examples=300, deadline=None)
@given(st.lists(word, min_size=1, max_size=60).map("".join).filter(lambda t: "…………" not in t),
       st.integers(8, 28))
def test_lines_never_start_with_closing_or_end_with_opening_marks(text, cells):
    lines = break_lines(list(text), widths(text), cells - 2, cells)
    assert "".join(text[s:e] for s, e, _ in lines).replace(" ", "") == text.replace(" ", "")
    for k, (s, e, _last) in enumerate(lines):
        line = text[s:e].rstrip(" ")
        assert sum(widths(line)) <= (cells - 2 if k == 0 else cells) + 1e-6
        if k:
            assert line[0] not in NO_LINE_START, (text, line)
        if k < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, (text, line)
            for mark in "—…":
                assert (len(line) - len(line.rstrip(mark))) % 2 == 0, (text, line)    # pairs stay whole
            assert not (line.endswith("·") or text[e:e + 1] == "·")


def test_a_forced_line_break_and_a_justified_paragraph(fonts):
    style = TextStyle(size=10, leading=12, tracking=0, first_indent=20)
    text = "协商" * 40 + "\n" + "纪要"
    lines = GridText(text, style, fonts).lines(200)
    assert [ln.source for ln in lines][-1] == "纪要"
    assert lines[0].x == 20 and lines[1].x == 0
    assert lines[0].char_space == 0                 # 18 cells of 10 pt fill 180 pt exactly
    ragged = GridText("协商" * 9 + "，" + "协商" * 30, style, fonts).lines(200)
    # the 19th cell would be "，": "商，" go down together, and the first line is spread to the width
    assert ragged[1].source.startswith("商，")
    assert ragged[0].char_space > 0
    natural = sum(GridText(ragged[0].source, style, fonts).shaped.advances)
    assert natural + ragged[0].char_space * (len(ragged[0].source) - 1) == 180


def test_layout_keeps_fonts_per_character(fonts):
    style = TextStyle()
    shaped = GridText("王𠇔主持", style, fonts).shaped
    lines = layout(shaped, style, 442)
    assert [text for _font, text in lines[0].segments] == ["王", "𠇔", "主持"]
