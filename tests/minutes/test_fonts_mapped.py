"""The minutes' fonts are read through a memory mapping, not copied into the program's memory."""

from __future__ import annotations

import mmap

from desktop.minutes.fonts import BODY, default_font_set


def test_font_files_are_mapped_not_copied():
    fonts = default_font_set(system=False)
    faces = {f.face for chain in fonts.chains.values() for f in chain}
    assert len(faces) >= 4
    for face in faces:
        assert isinstance(face._ttf_data, mmap.mmap), face.filename
        assert face.filename.endswith((".ttf", ".ttc"))
    body = fonts.chains[BODY][0]
    assert body.face.makeSubset([0, ord("会"), ord("议")])[:4] in (b"\0\1\0\0", b"true")   # subsets cut from it


def test_the_wide_fallback_is_parsed_only_when_a_character_needs_it():
    from desktop.minutes.fonts import LazyFont, build_font_set
    fonts = build_font_set(system=False)
    wide = next(f for f in fonts.chains[BODY] if isinstance(f, LazyFont))
    assert "HanaMinA" in wide.fontName and not wide.loaded
    body = fonts.resolved(BODY)
    assert [body[ch][0] for ch in "会议纪要，2026年"] == [fonts.primary(BODY)] * 10
    assert not wide.loaded                                   # ordinary text never reaches it
    assert body["䶮"] == (wide.fontName, "䶮") and wide.loaded   # a rare character of a name does
    assert wide.face.filename.endswith("HanaMinA.ttf")
    from reportlab.pdfbase import pdfmetrics
    assert pdfmetrics.getFont(wide.fontName).face is wide.face     # registered under the name it printed
