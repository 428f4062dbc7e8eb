"""Cyclic garbage is collected on the GUI thread only: a worker's allocations never free a widget."""

from __future__ import annotations

import gc
import threading

from PySide6.QtWidgets import QWidget


def test_a_cycle_holding_a_widget_is_freed_on_the_gui_thread_not_by_a_worker(app, qtbot):
    collector = app.gc_collector
    assert not gc.isenabled()
    freed_in: list[str] = []

    class Holder(QWidget):
        def __del__(self):
            freed_in.append(threading.current_thread().name)

    holder = Holder()
    holder.me = holder                          # a reference cycle, as a closed dialog's lambdas make
    del holder

    def allocate():                             # what a worker reading the database does
        junk = [[i] for i in range(200_000)]
        del junk
    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert freed_in == []                       # the worker's allocations collected nothing
    keep = [[] for _ in range(2 * gc.get_threshold()[0])]   # enough new objects for a collection to be due
    qtbot.waitUntil(lambda: freed_in == [threading.main_thread().name], timeout=5000)
    assert collector.collections > 0
    del keep


def test_the_collector_waits_while_a_sync_package_is_imported(app):
    from db.sync import importer
    collector = app.gc_collector
    keep = [[] for _ in range(2 * gc.get_threshold()[0])]   # a collection is due
    with importer._no_cycle_collection():
        assert importer.importing()
        assert collector.collect() is None                  # the import's rows are not walked meanwhile
    assert not importer.importing() and not gc.isenabled()   # the window's collector stays the only one
    assert collector.collect() is not None                  # and collects what is due once it is done
    del keep
