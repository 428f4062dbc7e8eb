"""Python's cyclic garbage collector runs on the GUI thread only.

With automatic collection, a collection can start in whichever thread happens to allocate: a worker
reading the database (desktop.tasks) then frees the Qt widgets of a closed dialog or page that were
waiting in a reference cycle, from the wrong thread, and Qt crashes (a segmentation fault in the GUI
thread soon after). Anki collects on its main thread for the same reason. Automatic collection is
switched off and a timer on the GUI thread collects the generations that are due, as often as
Python's own thresholds would have asked.
"""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QObject, QTimer


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject, interval_ms: int = 500):
        super().__init__(parent)
        gc.disable()
        self.collections = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.collect)
        self.timer.start()

    def collect(self) -> int | None:
        """Collect the oldest generation whose count passed its threshold (what Python would have done), but
        not while a worker imports a sync package: its rows are no garbage, and walking them all would hold
        the import up (db.sync.importer pauses Python's own collector for the same reason)."""
        importer = sys.modules.get("db.sync.importer")
        if importer is not None and importer.importing():
            return None
        counts, limits = gc.get_count(), gc.get_threshold()
        due = [g for g in (2, 1, 0) if counts[g] > limits[g]]
        if not due:
            return None
        self.collections += 1
        gc.collect(due[0])
        return due[0]

    def stop(self) -> None:
        self.timer.stop()
        gc.enable()
