"""When the meetings page is first shown the program loads the minutes' fonts on a background thread, so
the first minutes preview does not wait for them (bench/startup/bench_packaging.py measures the effect)."""

from __future__ import annotations


def test_warm_up_loads_the_minutes_font_set_in_the_background():
    from desktop.app import warm_minutes_fonts
    from desktop.minutes import fonts
    fonts._default.clear()
    worker = warm_minutes_fonts()         # (by name it may be gone already: the faces can be parsed by then)
    assert worker.name == "warm-minutes-fonts"
    assert worker.daemon
    worker.join(timeout=60)
    assert True in fonts._default                                   # default_font_set() is now instant
    assert fonts.default_font_set() is fonts._default[True]
