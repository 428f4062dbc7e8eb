"""Embedded subsets leave out TrueType hinting instructions, and nothing else of the glyphs."""

from __future__ import annotations

import io

from fontTools.ttLib import TTFont as FTFont

from desktop.minutes.fonts import _SubsetFace, _without_hinting
from desktop.paths import RESOURCES

SONG = RESOURCES / "fonts" / "gbsn00lp.ttf"
TEXT = "会议纪要协商议事社区养老服务"


def _subset(strip: bool) -> FTFont:
    face = _SubsetFace(str(SONG))
    codes = [0] + [ord(c) for c in TEXT]
    data = face.makeSubset(codes) if strip else super(_SubsetFace, face).makeSubset(codes)
    return FTFont(io.BytesIO(data))


def test_subset_glyphs_keep_their_outlines_and_lose_their_instructions():
    plain, stripped = _subset(False), _subset(True)
    pg, sg = plain["glyf"], stripped["glyf"]
    assert plain.getGlyphOrder() == stripped.getGlyphOrder()
    had_instructions = 0
    for name in plain.getGlyphOrder():
        a, b = pg[name], sg[name]
        a.expand(pg)
        b.expand(sg)
        if getattr(a, "numberOfContours", 0) > 0:
            assert list(a.coordinates) == list(b.coordinates) and list(a.endPtsOfContours) == list(b.endPtsOfContours)
            had_instructions += bool(a.program.getBytecode())
            assert not b.program.getBytecode()
    assert had_instructions > 0          # the test font has hints to remove


def test_a_font_it_cannot_read_is_returned_unchanged():
    assert _without_hinting(b"not a font at all") == b"not a font at all"


def test_subsets_lose_the_tables_only_hints_use_and_keep_a_short_english_name():
    hei = _SubsetFace(str(RESOURCES / "fonts" / "wqy-microhei.ttc"), 0)
    assert all(hei.get_table(tag) for tag in ("fpgm", "prep", "cvt "))   # the source font is hinted
    font = FTFont(io.BytesIO(hei.makeSubset([0] + [ord(c) for c in TEXT])))
    assert not {"fpgm", "prep", "cvt ", "gasp", "hdmx"} & set(font.keys())
    maxp = font["maxp"]
    assert (maxp.maxZones, maxp.maxFunctionDefs, maxp.maxSizeOfInstructions, maxp.maxStackElements) == (1, 0, 0, 0)
    names = font["name"].names
    assert {(n.platformID, n.langID) for n in names} == {(3, 0x409)}
    assert font["name"].getDebugName(1) == "WenQuanYi Micro Hei" and font["name"].getDebugName(0)
    font["glyf"][font.getGlyphOrder()[1]].expand(font["glyf"])     # the glyphs still read


def test_composite_glyphs_lose_their_instructions_and_keep_their_components():
    """WenQuanYi builds é à ü Ā from other glyphs, with instructions that call the removed functions."""
    hei = _SubsetFace(str(RESOURCES / "fonts" / "wqy-microhei.ttc"), 0)
    text = "éàüĀ"
    plain = FTFont(io.BytesIO(super(_SubsetFace, hei).makeSubset([0] + [ord(c) for c in text])))
    font = FTFont(io.BytesIO(hei.makeSubset([0] + [ord(c) for c in text])))
    composites = 0
    for name in font.getGlyphOrder():
        a, b = plain["glyf"][name], font["glyf"][name]
        if a.isComposite():
            composites += 1
            assert b.isComposite() and [(c.glyphName, c.x, c.y) for c in a.components] == [
                (c.glyphName, c.x, c.y) for c in b.components]
            assert not hasattr(b, "program") or not b.program.getBytecode()
            assert not any(c.flags & 0x100 for c in b.components)
    assert composites >= 2
    assert any(plain["glyf"][n].isComposite() and getattr(plain["glyf"][n], "program", None) is not None
               and plain["glyf"][n].program.getBytecode() for n in plain.getGlyphOrder())   # there were some
