"""Typing a word into a list page's search box (city-10y), as a clerk does: the page's own search box
gets the first character, then the second; timed to the rows painted and to the count shown
("N records" in place of "N+ records (counting…)"), with the longest GUI-thread stall meanwhile.

Budgets (absolute, no baseline: issue 18):
  meetings 社区, visits 小区, members 委员, opinions 养老, follow-ups 道路:
    rows painted ≤ 100 ms; count shown ≤ 300 ms; the GUI never blocked (longest stall ≤ 100 ms).
The cold path: the first search of each page is on a freshly opened database (SQLite's page cache
empty), reported on its own; then the median and range of N warm searches. With --evict the database
file is also dropped from the OS cache (posix_fadvise DONTNEED) before it is opened, as after a reboot
of an office PC: the page opens as it would (its first unfiltered page read from disk), then the word is
typed.

    .venv/bin/python bench/steps/bench_list_search.py [--repeat N] [--pages meetings,visits] [--evict]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

from common_gui import StallMeter, city10y_path, make_app, make_context, report, wait_until

CASES = {
    "meetings": ("desktop.pages.meetings", "MeetingsPage", "社区"),
    "visits": ("desktop.pages.visits", "VisitsPage", "小区"),
    "members": ("desktop.pages.members", "MembersPage", "委员"),
    "opinions": ("desktop.pages.opinions", "OpinionsPage", "养老"),
    "followups": ("desktop.pages.followups", "FollowUpsPage", "道路"),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--pages", default=",".join(CASES))
    ap.add_argument("--evict", action="store_true", help="drop the database file from the OS cache first")
    args = ap.parse_args()
    import importlib

    from PySide6.QtWidgets import QApplication
    app = make_app()
    ok = True
    for key in args.pages.split(","):
        module, cls, word = CASES[key]
        rows_ms, count_ms, stalls = [], [], []
        if args.evict:
            evict(city10y_path())
        ctx = make_context()                   # a fresh connection: the first search is the cold path
        page = getattr(importlib.import_module(module), cls)(ctx)
        page.resize(1366, 700)
        page.show()
        model = page.model
        for _ in range(args.repeat + 1):
            page.search.setText("")
            wait_until(lambda m=model: not m.is_loading() and not m.search_text)
            wait_until(lambda c=ctx: c.tasks.is_idle())
            QApplication.processEvents()
            meter = StallMeter()
            meter.start()
            marks: dict[str, float] = {}
            model.loaded.connect(lambda m=model, d=marks, w=word: m.search_text == w and d.setdefault(
                "rows", time.perf_counter()))
            model.counted.connect(lambda _n, m=model, d=marks, w=word: m.search_text == w and d.setdefault(
                "count", time.perf_counter()))
            t = time.perf_counter()
            page.search.setText(word[0])          # typing: the first character …
            page.search.setText(word)             # … then the second
            wait_until(lambda d=marks: "rows" in d)
            page.table.repaint()
            rows_ms.append(1000 * (time.perf_counter() - t))
            wait_until(lambda d=marks: "count" in d)
            QApplication.processEvents()
            count_ms.append(1000 * (marks["count"] - t))
            assert "+" not in page.count_label.text(), page.count_label.text()
            stalls.append(meter.stop())
            total = model.total
        page.hide()
        page.deleteLater()
        ctx.close()
        app.processEvents()
        print(f"{key} {word}: {total:,} rows; cold: rows {rows_ms[0]:.0f} ms, count {count_ms[0]:.0f} ms; "
              f"warm: rows {_s(rows_ms[1:])}; count {_s(count_ms[1:])}; stall {_s(stalls)}")
        cold = "cold, file out of the OS cache" if args.evict else "cold"
        ok &= report(f"{key}: type {word} → rows painted ({cold})", rows_ms[0], 100)
        ok &= report(f"{key}: type {word} → count shown ({cold})", count_ms[0], 300)
        ok &= report(f"{key}: type {word} → rows painted (warm median)", statistics.median(rows_ms[1:]), 100)
        ok &= report(f"{key}: type {word} → count shown (warm median)", statistics.median(count_ms[1:]), 300)
        ok &= report(f"{key}: longest GUI stall (worst run)", max(stalls), 100)
    return 0 if ok else 1


def evict(path) -> None:
    """Drop the file (and its WAL) from the OS page cache, as after a reboot."""
    for p in (str(path), f"{path}-wal"):
        if os.path.exists(p):
            fd = os.open(p, os.O_RDONLY)
            try:
                os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(fd)


def _s(values) -> str:
    return f"{statistics.median(values):.0f} ms ({min(values):.0f}–{max(values):.0f})"


if __name__ == "__main__":
    sys.exit(main())
