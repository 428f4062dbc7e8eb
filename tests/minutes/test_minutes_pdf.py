"""The printed minutes, measured from the PDF itself: page, grid, fonts, glyphs, line breaking,
pagination, extracted text, draft/final, page numbers."""

from __future__ import annotations

import io
import re

import minutes_probe as probe
import minutes_samples as samples
import pytest
from pypdf import PdfReader

from desktop.minutes import AgendaItem, Person, render_minutes
from desktop.minutes.geometry import (
    BLOCK_W,
    BOTTOM,
    CHARS_PER_LINE,
    LEFT,
    LINE,
    LINES_PER_PAGE,
    PAGE_H,
    PITCH,
    TITLE_TOP,
    TOP,
)

MM = 72 / 25.4
CLOSING = set("，。、；：！？）》」』】”’")     # MINUTES.md: no line may start with these
OPENING = set("（《「『【“‘")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def page_texts(pdf: bytes) -> list[str]:
    return [p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages]


def body_lines(pdf: bytes) -> list[list[probe.Glyph]]:
    """Lines of text inside the text block (not page numbers, not the watermark)."""
    return [ln for ln in probe.lines(probe.glyphs(pdf)) if ln[0].y > BOTTOM]


@pytest.fixture(scope="module")
def grid_pdf(render):
    return render(samples.typical(agenda=(AgendaItem("长文", background=samples.GRID_TEXT),), consensus=(),
                                  follow_ups=(), attachments=()))


def test_page_is_a4(typical_pdf):
    for page in PdfReader(io.BytesIO(typical_pdf)).pages:
        assert float(page.mediabox.width) == pytest.approx(210 * MM, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(297 * MM, abs=0.01)


def test_body_sits_on_a_22_line_28_character_grid(grid_pdf):
    lines = [ln for ln in body_lines(grid_pdf) if ln[0].page == 3]     # page 3: nothing but the long text
    assert len(lines) == LINES_PER_PAGE
    baselines = [ln[0].y for ln in lines]
    assert all(a - b == pytest.approx(LINE, abs=0.01) for a, b in zip(baselines, baselines[1:], strict=False))
    assert baselines[0] - baselines[-1] == pytest.approx(21 / 22 * 225 * MM, abs=0.01)
    # each line centred in its grid cell: the 16 pt em box of the first line 6.5 pt under the block top
    block_top = PAGE_H - TOP
    assert baselines[0] + 0.88 * 16 == pytest.approx(block_top - (LINE - 16) / 2, abs=0.01)
    assert baselines[-1] - 0.12 * 16 >= BOTTOM
    for ln in lines:
        assert len(ln) == CHARS_PER_LINE
        assert {g.size for g in ln} == {16}
        assert ln[0].x == pytest.approx(LEFT, abs=0.01)
        pitches = [b.x - a.x for a, b in zip(ln, ln[1:], strict=False)]
        assert all(15.75 <= p <= 16 for p in pitches)
        assert sum(pitches) / len(pitches) == pytest.approx(PITCH, abs=0.01)
        assert ln[-1].x + PITCH == pytest.approx(LEFT + BLOCK_W, abs=0.01)


def test_fonts_are_embedded_truetype_subsets_only(typical_pdf):
    fonts = probe.embedded_fonts(typical_pdf)
    assert fonts
    for (_page, _name), (info, program) in fonts.items():
        f = info.obj
        assert f["/Subtype"] == "/TrueType", info.base_font
        desc = f["/FontDescriptor"].get_object()
        assert "/FontFile2" in desc and "/FontFile" not in desc and "/FontFile3" not in desc
        assert re.fullmatch(r"[A-Z]{6}\+\S+", info.base_font)
        assert program is not None and program["maxp"].numGlyphs <= 257      # a subset, not the whole font


def test_every_character_of_hard_names_is_drawn_by_a_font_that_has_it(render):
    names = samples.HARD_NAMES.replace("—", "").split()
    pdf = render(samples.typical(overview=samples.HARD_TEXT, present=tuple(Person(n) for n in names),
                                 chair=names[0], recorder=names[1]))
    fonts = probe.embedded_fonts(pdf)
    drawn = probe.glyphs(pdf)
    assert "𠇔" in {g.char for g in drawn} and "䶮" in {g.char for g in drawn}
    for g in drawn:
        if g.char.strip():
            _info, program = fonts[(g.page, g.font)]
            assert probe.has_outline(program, g.code), f"{g.char!r} (U+{ord(g.char):04X}) drawn by {g.base_font}"
    text = "".join(g.char for g in drawn if g.char.strip())
    assert squeeze(samples.HARD_TEXT) in text
    by_char = {g.char: g.base_font for g in drawn}
    assert "HanaMinA" in by_char["𠇔"] and "HanaMinA" in by_char["镕"]


def test_no_line_starts_with_closing_punctuation(render):
    tails = ["，", "。”", "）。", "！？", "；", "：“", "、", "》，", "」』", "】", "’。", "……", "——"]
    paragraphs = "\n".join("字" * k + tail + "后续文字" * 3 for k in range(18, 32) for tail in tails)
    pdf = render(samples.typical(overview=paragraphs))
    lines = body_lines(pdf)
    starts = [ln[0].char for ln in lines]
    assert not set(starts) & CLOSING
    assert not {ln[-1].char for ln in lines} & OPENING
    for ln in lines:
        text = "".join(g.char for g in ln)
        lead = len(text) - len(text.lstrip("—…"))
        assert lead % 2 == 0, text                                        # —— and …… stay together
        assert ln[-1].x + ln[-1].advance <= LEFT + BLOCK_W + 0.5         # nothing hangs into the margin


def test_long_minutes_paginate_with_repeated_table_headers(long_pdf):
    texts = [squeeze(t) for t in page_texts(long_pdf)]
    assert len(texts) >= 10
    attendance_pages = [t for t in texts if re.search(r"委员\d\d号第\d+单位出席", t)]
    follow_up_pages = [t for t in texts if "督办事项第" in t]
    assert len(attendance_pages) >= 2 and len(follow_up_pages) >= 2
    assert all("序号姓名单位出席情况" in t for t in attendance_pages)
    assert all("序号事项责任单位办理时限状态" in t for t in follow_up_pages)
    everything = "".join(texts)
    for n in range(1, 41):
        assert f"{n}.委员{n:02d}号：第{n}次发言" in everything
        assert f"督办事项第{n}项" in everything
    body = "".join(g.char for ln in body_lines(long_pdf) for g in ln)
    assert body.count("各方同意加强协作") == 30 * 12


def test_extracted_text_equals_what_was_entered(typical_pdf):
    d = samples.typical()
    text = squeeze("".join(page_texts(typical_pdf)))
    expected = [d.title, "第3期", "2026年3月5日", d.group_name, d.place, d.topic, d.chair, d.recorder, d.overview,
                *[p.name for p in d.present], "周敏（外出学习）", d.absent[0].name, "郑华（新华路街道办事处）",
                "钱七（居民代表）", "现将会议议定事项纪要如下："]
    for item in d.agenda:
        expected += [item.title, item.background]
        expected += [f"{s.speaker}：{s.summary}" for s in item.speeches]
        expected.append(item.decision)
    expected += list(d.consensus)
    for f in d.follow_ups:
        expected += [f.item, f.responsible, "2026年4月30日", f.status]
    expected += ["上午11时45分散会。", *d.attachments]
    at = 0
    for field in expected:
        found = text.find(squeeze(field), at if field not in (d.group_name, d.chair, d.recorder) else 0)
        assert found >= 0, field
        if field not in (d.group_name, d.chair, d.recorder):
            at = found                               # in the order of MINUTES.md
    assert "\ufffd" not in text


def test_draft_has_watermark_and_no_signatures(typical_pdf):
    texts = page_texts(typical_pdf)
    assert all("草稿" in t for t in texts)
    assert not any("签字" in t for t in texts)
    marks = [g for g in probe.glyphs(typical_pdf) if not g.upright]
    assert {g.char for g in marks} == {"草", "稿"} and {g.page for g in marks} == set(range(1, len(texts) + 1))


def test_final_has_signatures_and_no_watermark(render):
    pdf = render(samples.typical(state="final", signed_on="2026-03-06"))
    text = squeeze("".join(page_texts(pdf)))
    assert "草稿" not in text
    assert "主持人（签字）：" in text and "记录人（签字）：" in text and "2026年3月6日" in text
    assert text.index("散会") < text.index("主持人（签字）") < text.index("附件")
    assert all(g.upright for g in probe.glyphs(pdf))


def test_page_numbers_odd_right_even_left_7mm_below_the_block(long_pdf):
    fonts = probe.embedded_fonts(long_pdf)
    numbers = [ln for ln in probe.lines(probe.glyphs(long_pdf)) if ln[0].y < BOTTOM]
    pages = len(PdfReader(io.BytesIO(long_pdf)).pages)
    assert [ln[0].page for ln in numbers] == list(range(1, pages + 1))
    for ln in numbers:
        n = ln[0].page
        assert "".join(g.char for g in ln) == f"—{n}—"
        assert {g.size for g in ln} == {14}
        if n % 2:
            assert ln[-1].x + ln[-1].advance == pytest.approx(LEFT + BLOCK_W - 14, abs=0.05)
        else:
            assert ln[0].x == pytest.approx(LEFT + 14, abs=0.05)
        # the ink of the dash, from the embedded glyph, 7 mm under the text block
        dash = ln[0]
        _info, program = fonts[(dash.page, dash.font)]
        glyph = program["glyf"][program["cmap"].tables[0].cmap[dash.code]]
        units = program["head"].unitsPerEm
        middle = dash.y + (glyph.yMin + glyph.yMax) / 2 / units * 14
        assert middle == pytest.approx(BOTTOM - 7 * MM, abs=1 * MM)


def test_title_is_red_22pt_35mm_under_the_block_top(typical_pdf):
    first = body_lines(typical_pdf)[0]
    assert "".join(g.char for g in first) == samples.typical().title
    assert {g.size for g in first} == {22}
    assert first[0].y + 0.88 * 22 == pytest.approx(PAGE_H - TOP - TITLE_TOP, abs=0.01)
    content = PdfReader(io.BytesIO(typical_pdf)).pages[0].get_contents().get_data().decode("latin1")
    assert re.search(r"\.9 0 0 rg [^\n]*22 Tf", content)


def test_a_character_no_font_has_prints_a_placeholder_and_is_reported(fonts):
    buf = io.BytesIO()
    info = render_minutes(samples.typical(chair="王\U00030EDD", recorder="葛\U000E0100"), buf, fonts=fonts)
    assert info.missing == "\U00030EDD"                      # CJK Ext. G: in none of the shipped fonts
    text = squeeze("".join(page_texts(buf.getvalue())))
    assert "王〓" in text and "葛记录" in text               # a variation selector is not a character to print


def test_a_units_name_and_a_status_are_not_broken_across_lines_in_the_follow_up_table(render):
    """Found by walking a clerk's day: 新华路街道办事 / 处 in the 责任单位 column read as two units."""
    from desktop.minutes import FollowUpRow
    rows = (FollowUpRow("街道牵头三月底前完成背街小巷环境整治", "新华路街道办事处", "2027-12-31", "重新办理"),)
    pdf = render(samples.typical(follow_ups=rows))
    lines = ["".join(g.char for g in ln) for ln in body_lines(pdf)]
    assert any("新华路街道办事处" in ln for ln in lines), lines
    assert any("重新办理" in ln for ln in lines) and any("2027年12月31日" in ln for ln in lines), lines[-8:]
