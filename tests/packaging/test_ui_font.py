"""The interface font is found by its file, whatever name Qt gives its family: PySide6 6.9 (the Kylin/UOS
build) reports WenQuanYi Micro Hei by its localized name 文泉驛微米黑 in some locales, and the window then
fell back to a font without Chinese (found by the self-test of the Debian 11 build)."""

from __future__ import annotations

from desktop.fonts import ui_family_of


def test_ui_family_by_its_english_or_localized_name_never_the_monospaced_face():
    assert ui_family_of(["WenQuanYi Micro Hei", "WenQuanYi Micro Hei Mono"]) == "WenQuanYi Micro Hei"
    assert ui_family_of(["WenQuanYi Micro Hei Mono", "WenQuanYi Micro Hei"]) == "WenQuanYi Micro Hei"
    assert ui_family_of(["文泉驛微米黑", "文泉驛等寬微米黑"]) == "文泉驛微米黑"
    assert ui_family_of(["文泉驛等寬微米黑", "文泉驿微米黑"]) == "文泉驿微米黑"
    assert ui_family_of([]) is None


def test_the_application_font_is_the_ui_font(app):
    from PySide6.QtGui import QFontInfo
    from PySide6.QtWidgets import QLabel
    label = QLabel("王𠇔 李䶮")
    assert QFontInfo(label.font()).family() in ("WenQuanYi Micro Hei", "文泉驛微米黑", "文泉驿微米黑")
