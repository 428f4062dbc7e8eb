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
