"""The 同步 (sync) page, first open, on a district that has synced with its townships (issue 18).

The demo network (`liaison-desk demo --network FOLDER`: the city, two districts, two townships of each,
set up from setup files and synced both ways) is made once into .bench-cache/network/; the page is
opened on district 520102's database. Measured: click the sidebar's 同步 entry → the page painted with
its data (every worker it started finished, then a repaint). Budget ≤ 300 ms (absolute, no baseline).
Each run is a new main window on a new connection; the first run of the process is the cold path
(the page's modules imported then), reported on its own; then the median and range of the others.

    .venv/bin/python bench/steps/bench_sync_page.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time

from common_gui import ROOT, StallMeter, make_app, make_context, report, spread, wait_until
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

NETWORK = ROOT / ".bench-cache" / "network"
DISTRICT = NETWORK / "district-520102" / "liaison-desk.sqlite3"


def network() -> None:
    if DISTRICT.exists():
        return
    env = dict(os.environ, LIAISON_DESK_TODAY="2026-11-25")
    subprocess.run([sys.executable, "-m", "desktop.cli", "demo", "--network", str(NETWORK)], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL)


def open_sync_page(stalls: list[float]) -> float:
    from desktop.main_window import MainWindow
    ctx = make_context(DISTRICT)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()
    wait_until(lambda: ctx.tasks.is_idle())
    QApplication.processEvents()
    row = next(i for i in range(window.sidebar.count())
               if window.sidebar.item(i).data(Qt.ItemDataRole.UserRole) == "sync")
    rect = window.sidebar.visualItemRect(window.sidebar.item(row))
    meter = StallMeter()
    meter.start()
    t = time.perf_counter()
    QTest.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_until(lambda: "sync" in window.pages and ctx.tasks.is_idle())
    window.repaint()
    ms = 1000 * (time.perf_counter() - t)
    stalls.append(meter.stop())
    assert window.stack.currentWidget() is window.pages["sync"]
    window.close()
    window.deleteLater()
    ctx.close()
    QApplication.processEvents()
    return ms


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    network()
    make_app()
    stalls: list[float] = []
    times = [open_sync_page(stalls) for _ in range(args.repeat + 1)]
    from db.database import open_database
    db = open_database(DISTRICT)
    peers = db.execute("SELECT count(*) FROM sync_peer").fetchone()[0] if db["sync_peer"].exists() else "?"
    print(f"district 520102 ({peers} peers): cold {times[0]:.0f} ms; warm {spread(times[1:])}; "
          f"longest stall {spread(stalls)}")
    ok = report("sync page, first open (cold: first in the process)", times[0], 300)
    ok &= report("sync page, first open (warm median)", statistics.median(times[1:]), 300)
    ok &= report("sync page, longest GUI stall (worst)", max(stalls), 300)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
