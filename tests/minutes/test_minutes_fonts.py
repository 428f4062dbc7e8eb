"""Font resolution: the office's official fonts first, the shipped ones after, fallback per character."""

from __future__ import annotations

import shutil

import pytest
from fontTools.ttLib import TTCollection, TTFont

from desktop.minutes.fonts import BODY, HEI, KAI, ROLES, SHIPPED, build_font_set, shipped_fonts_dir

SHIPPED_DIR = shipped_fonts_dir()


def test_shipped_fonts_are_truetype_with_licences_and_fit_the_budget():
    total = 0
    for name, index in SHIPPED.values():
        path = SHIPPED_DIR / name
        total += path.stat().st_size
        font = TTCollection(str(path)).fonts[index] if name.endswith(".ttc") else TTFont(str(path), lazy=True)
        assert "glyf" in font                               # TrueType outlines: reportlab can embed them
    assert total < 40_000_000
    licences = {p.name for p in (SHIPPED_DIR / "licenses").iterdir()}
    assert {"wqy-microhei.copyright.txt", "Apache-2.0.txt", "arphic-gbsn00lp.copyright.txt",
            "arphic-gkai00mp.copyright.txt", "ARPHICPL.english.txt", "hanazono.copyright.txt"} <= licences
    assert (SHIPPED_DIR / "wqy-microhei.ttc").exists()       # the GUI loads this one


def test_shipped_chain_covers_hard_names(fonts):
    for role in ROLES:
        for ch in "王𠇔李䶮阿依古丽·买买提—镕堃喆頔祎昇，。“”0aZ":
            assert fonts.font_for(role, ch) is not None, (role, ch)
    assert fonts.primary(BODY).endswith("gbsn00lp-0")
    assert fonts.primary(HEI).endswith("wqy-microhei-0")
    assert fonts.primary(KAI).endswith("gkai00mp-0")


def test_official_system_fonts_come_first(tmp_path):
    # stand-ins with the official file names, in nested folders as on Linux, in another case
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(SHIPPED_DIR / "gkai00mp.ttf", tmp_path / "a" / "b" / "SIMFANG.TTF")
    (tmp_path / "simhei.ttf").write_bytes(b"OTTO" + b"\0" * 200)     # not a font reportlab can embed
    fonts = build_font_set(font_dirs=[tmp_path])
    body = fonts.chains[BODY]
    assert body[0].face.filename.endswith("SIMFANG.TTF")
    assert body[1].face.filename.endswith("gbsn00lp.ttf")            # shipped fonts follow
    assert fonts.primary(HEI).endswith("wqy-microhei-0")            # the broken simhei.ttf is skipped
    assert fonts.font_for(BODY, "𠇔") != fonts.primary(BODY)          # and the fallback still works


def test_no_system_fonts_when_asked(tmp_path):
    shutil.copy(SHIPPED_DIR / "gkai00mp.ttf", tmp_path / "simfang.ttf")
    assert build_font_set(system=False, font_dirs=[tmp_path]).primary(BODY).endswith("gbsn00lp-0")


def test_missing_shipped_fonts_are_reported(tmp_path):
    with pytest.raises(FileNotFoundError):
        build_font_set(system=False, shipped_dir=tmp_path)
