"""After the first paint the program loads the minutes' fonts on a background thread, so the first
minutes preview does not wait for them (bench/startup/bench_packaging.py measures the effect)."""

from __future__ import annotations

import threading


def test_warm_up_loads_the_minutes_font_set_in_the_background():
    from desktop.app import warm_minutes_fonts
    from desktop.minutes import fonts
    fonts._default.clear()
    warm_minutes_fonts()
    worker = next(t for t in threading.enumerate() if t.name == "warm-minutes-fonts")
    assert worker.daemon
    worker.join(timeout=60)
    assert True in fonts._default                                   # default_font_set() is now instant
    assert fonts.default_font_set() is fonts._default[True]
