"""Fonts shipped in resources/fonts, loaded at start so Chinese renders on any machine (offscreen too)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase

from desktop.paths import RESOURCES

FONTS_DIR = RESOURCES / "fonts"
UI_FAMILY = "WenQuanYi Micro Hei"
# An extra folder to load fonts from: for a development machine before resources/fonts is filled.
ENV_EXTRA = "LIAISON_DESK_FONT_DIR"
UI_POINT_SIZE = 10
FALLBACK_FAMILIES = ("HanaMinA", "HanaMinB")


# The files the interface uses: the UI font and the wide-coverage fallback for rare name characters.
# (The Song and Kai fonts beside them are for printed minutes, which embed their own fonts.)
UI_FILES = ("wqy-microhei.ttc", "HanaMinA.ttf", "HanaMinB.ttf")


def font_files() -> list[Path]:
    folders = [FONTS_DIR]
    if os.environ.get(ENV_EXTRA):
        folders.append(Path(os.environ[ENV_EXTRA]))
    out: list[Path] = []
    for folder in folders:
        if folder.is_dir():
            out += sorted(p for p in folder.rglob("*") if p.name.lower() in {f.lower() for f in UI_FILES})
    return out


def ui_family_of(families: list[str]) -> str | None:
    """The UI font's family among those its file registered: "WenQuanYi Micro Hei", or under some Qt
    versions and locales its localized name (PySide6 6.9 in a C or Chinese locale: 文泉驛微米黑) —
    the proportional face, not the monospaced one (… Mono, 等寬)."""
    if UI_FAMILY in families:
        return UI_FAMILY
    return next((f for f in families if "mono" not in f.lower() and "等寬" not in f and "等宽" not in f), None)


def load_fonts(app) -> list[str]:
    """Register the shipped fonts and make the UI font the application font; returns the families.

    Registering is cheap (a few ms each; the files are read when a glyph is needed). Rare name
    characters the UI font lacks (𠇔, 䶮 …) fall back to the wide-coverage font."""
    families: list[str] = []
    ui_family = None
    for path in font_files():
        fid = QFontDatabase.addApplicationFont(str(path))
        if fid >= 0:
            found = QFontDatabase.applicationFontFamilies(fid)
            families += found
            if path.name.lower() == UI_FILES[0] and ui_family is None:
                ui_family = ui_family_of(found)
    if ui_family:
        fallbacks = [f for f in FALLBACK_FAMILIES if f in families]
        if fallbacks:
            QFont.insertSubstitutions(ui_family, fallbacks)
        font = QFont(ui_family, UI_POINT_SIZE)
        font.setStyleStrategy(QFont.StyleStrategy.PreferAntialias)
        app.setFont(font)
    return families
