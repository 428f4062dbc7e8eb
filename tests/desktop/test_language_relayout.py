"""设置's language switch at run time lays the pages out again for the new language's widths: walked at 1024×768,
中文 → English left 设置's two columns side by side with the Chinese widths (the backups' list cut behind a sideways
scroll bar, the folder's path squeezed), where a window started in English puts the backups under the rest."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea


def _cut(page) -> list[str]:
    """The buttons of the page shown narrower than their text, or past the right edge of what is in view."""
    view = page.findChild(QScrollArea)
    right = view.viewport().mapTo(page, view.viewport().rect().topRight()).x() if view is not None else page.width()
    out = []
    for b in page.findChildren(QPushButton):
        if not b.isVisible():
            continue
        if b.width() < b.sizeHint().width() or b.mapTo(page, b.rect().topRight()).x() > right:
            out.append(f"{b.text()}: {b.width()} < {b.sizeHint().width()} or past {right}")
    return out


def _pick_language(page, lang: str) -> None:
    combo = page.lang_combo                         # the clerk picks it in 界面语言 / Interface language
    combo.setCurrentIndex(combo.findData(lang))


def test_switching_the_language_in_settings_lays_the_page_out_for_the_new_widths(window, qtbot):
    page = window.show_page("settings")
    try:
        window.resize(1024, 768)
        qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
        qtbot.waitUntil(lambda: not page.columns.wrapped, timeout=2_000)    # Chinese: side by side at 1024
        assert not _cut(page), _cut(page)
        _pick_language(page, "en")
        QApplication.processEvents()
        assert page.title.text() == "Settings"
        qtbot.waitUntil(lambda: page.columns.wrapped, timeout=2_000)       # English: the backups under the rest
        qtbot.waitUntil(lambda: not _cut(page), timeout=2_000)
        # no sideways scroll bar once the list has taken its new width (its last column stretches to the view,
        # which may settle a layout pass after the columns wrapped)
        qtbot.waitUntil(lambda: page.backups.horizontalScrollBar().maximum() == 0, timeout=2_000)
        _pick_language(page, "zh_CN")
        QApplication.processEvents()
        assert page.title.text() == "设置"
        qtbot.waitUntil(lambda: not page.columns.wrapped, timeout=2_000)
        qtbot.waitUntil(lambda: not _cut(page), timeout=2_000)
        # no sideways scroll bar once the list has taken its new width (its last column stretches to the view,
        # which may settle a layout pass after the columns wrapped)
        qtbot.waitUntil(lambda: page.backups.horizontalScrollBar().maximum() == 0, timeout=2_000)
    finally:
        window.set_language("zh_CN")
        window.resize(1366, 768)
