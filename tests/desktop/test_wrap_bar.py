"""The lists' tool bar: one row where it fits, the count and buttons under the filters where it does not,
decided again when the window is resized and when the language changes the texts' widths."""

from __future__ import annotations


def _buttons_inside(window, page) -> bool:
    right = page.export_button.mapTo(window, page.export_button.rect().topRight()).x()
    return right < window.width() and page.new_button.isVisible()


def test_the_bar_wraps_and_unwraps_with_the_width_and_the_language(window, qtbot):
    try:
        window.resize(1250, 740)
        page = window.show_page("meetings")
        qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
        qtbot.wait(50)
        assert not page.bar.wrapped and _buttons_inside(window, page)     # Chinese: one row at 1250 px
        window.set_language("en")                                         # longer English texts
        qtbot.waitUntil(lambda: page.bar.wrapped, timeout=2_000)
        search_bottom = page.search.mapTo(page, page.search.rect().bottomLeft()).y()
        qtbot.waitUntil(lambda: page.new_button.mapTo(page, page.new_button.rect().topLeft()).y() > search_bottom,
                        timeout=2_000)                                    # the buttons under the search box
        assert _buttons_inside(window, page)
        window.set_language("zh_CN")
        qtbot.waitUntil(lambda: not page.bar.wrapped, timeout=2_000)
        window.resize(1000, 740)                                          # an old 1024×768 screen
        qtbot.waitUntil(lambda: page.bar.wrapped, timeout=2_000)
        assert window.width() <= 1000 and _buttons_inside(window, page)
        window.resize(1366, 740)
        qtbot.waitUntil(lambda: not page.bar.wrapped, timeout=2_000)
    finally:
        window.set_language("zh_CN")
        window.resize(1366, 768)
