"""The thread pool behind desktop.ops: worker threads each with their own SQLite connection, and
the Progress / Cancelled an op is handed. Owned by the context (`ctx.tasks`); pages use desktop.ops.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import sqlite3
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger("liaison.ops")
# SQLite page cache of each GUI connection (main thread and workers), in KB. The operating system
# caches the file too (a page from it costs microseconds); a small cache per connection keeps the
# program's memory modest: with 8 MB each, the 508k-row visit list alone held 13 MB more, with 2 MB
# 3 MB more than with 0.5 MB, and the list searches took as long (bench_memory, bench_list_search).
GUI_CACHE_KB = 500
# A job that writes (a CollectionOp, the search index catching up) has a larger cache while it runs:
# a large transaction (an import, a sync package) keeps its changed pages instead of spilling them.
WRITE_CACHE_KB = 8000


def _malloc_trim() -> bool:
    """Hand the memory freed since to the operating system (glibc keeps it for reuse otherwise); False
    where there is no glibc (Windows)."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    trim = getattr(ctypes.CDLL(None), "malloc_trim", None)
    if trim is None:                         # another C library (musl)
        return False
    trim(0)
    return True


class Cancelled(Exception):
    """The user pressed Cancel; the op stops and nothing is reported."""


class Progress:
    """Handed to an op started `.with_progress()`: report how far it is, learn of Cancel."""

    def __init__(self) -> None:
        self._cancel = threading.Event()
        self._relay: _Relay | None = None
        self._job_no = 0

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()

    def check(self) -> None:
        """Raise `Cancelled` if the user pressed Cancel."""
        if self._cancel.is_set():
            raise Cancelled()

    def update(self, done: int, total: int = 0, label: str | None = None) -> None:
        """Report progress (thread-safe); raises `Cancelled` when cancelled."""
        self.check()
        if self._relay is not None:
            self._relay.progressed.emit(self._job_no, int(done), int(total), label)


class _Relay(QObject):
    """Lives on the main thread as long as its runner; queued signals carry results back from the
    workers, each with its job number. One for all jobs, never one per job: a per-job relay deleted
    once its result had arrived could be freed while the worker was still returning from emit(),
    and the worker then crashed the program (seen as a segmentation fault in the suite)."""

    finished = Signal(int, object)     # job, ("ok", result) | ("error", exc) | ("cancelled", None)
    progressed = Signal(int, int, int, object)   # job, done, total, label


class _Job(QRunnable):
    def __init__(self, runner: TaskRunner, job_no: int, fn: Callable[[Any], Any], cancel: threading.Event,
                 use_db: bool = True, writes: bool = False):
        super().__init__()
        self.setAutoDelete(True)
        self.runner, self.job_no, self.fn, self.cancel, self.use_db = runner, job_no, fn, cancel, use_db
        self.writes = writes

    def report(self, outcome: tuple) -> None:
        self.runner.relay.finished.emit(self.job_no, outcome)

    def run(self) -> None:
        if not self.use_db:
            try:
                self.report(("ok", self.fn(None)))
            except BaseException as exc:  # noqa: BLE001 - handed to the main thread, never lost
                self.report(("error", exc))
            return
        try:
            conn_db = self.runner.take_connection()
            try:
                conn_db.conn.set_progress_handler(lambda: 1 if self.cancel.is_set() else 0, 2000)
                if self.writes:
                    conn_db.conn.execute(f"PRAGMA cache_size = -{WRITE_CACHE_KB}")
                try:
                    result = self.fn(conn_db)
                finally:
                    conn_db.conn.set_progress_handler(None, 0)
                    if conn_db.conn.in_transaction:      # an op must not leave a transaction open
                        conn_db.conn.execute("ROLLBACK")
                    if self.writes:                      # back to the small cache, its pages freed
                        conn_db.conn.execute(f"PRAGMA cache_size = -{GUI_CACHE_KB}")
                        conn_db.conn.execute("PRAGMA shrink_memory")
            finally:
                self.runner.give_back(conn_db)
            self.report(("ok", result))
        except Cancelled:
            self.report(("cancelled", None))
        except sqlite3.OperationalError as exc:
            if self.cancel.is_set() and "interrupted" in str(exc):
                self.report(("cancelled", None))
            else:
                self.report(("error", exc))
        except BaseException as exc:  # noqa: BLE001 - handed to the main thread, never lost
            self.report(("error", exc))


class TaskRunner(QObject):
    """Runs functions on a small thread pool, each worker thread with its own connection.

    One per application (owned by the context). `idle` is emitted when nothing runs any more,
    which tests wait on (`qtbot.waitUntil(ctx.tasks.is_idle)`)."""

    idle = Signal()

    def __init__(self, db_path: Path, *, threads: int = 3, parent: QObject | None = None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(threads)
        self._conns: list = []              # every worker connection open
        self._idle: list = []               # those no job is using
        self._lock = threading.Lock()
        self._running: dict[int, tuple] = {}    # job → (on_done, on_progress)
        self.relay = _Relay(self)
        self.relay.finished.connect(self._finished)
        self.relay.progressed.connect(self._progressed)
        self._ids = itertools.count(1)
        self._prefetched: dict[str, Any] = {}
        self.closed = False

    def take_connection(self):
        """A connection for the job about to run on the calling worker: an idle one, else a new one.
        Jobs hand theirs back (`give_back`), so there are never more than jobs running at once (the
        pool's threads). A thread-local connection would not do: a pool thread's Python state, and so
        its `threading.local`, ends with each job, and every job opened one more connection."""
        with self._lock:
            if self._idle:
                return self._idle.pop()
        from db.database import connect
        db = connect(self.db_path)
        db.execute(f"PRAGMA cache_size = -{GUI_CACHE_KB}")
        with self._lock:
            self._conns.append(db)
        return db

    def give_back(self, db) -> None:
        with self._lock:
            if not self.closed and db in self._conns:
                self._idle.append(db)

    def run(self, fn: Callable[[Any], Any], on_done: Callable[[str, Any], None],
            *, cancel: threading.Event | None = None, progress: Progress | None = None,
            on_progress: Callable[[int, int, Any], None] | None = None, use_db: bool = True,
            writes: bool = False) -> int:
        """Run `fn(db)` in the pool; `on_done(status, value)` on the main thread (and
        `on_progress(done, total, label)` for each `progress.update`). With `use_db=False` the
        function gets None and opens what it needs itself; with `writes=True` its connection has the
        larger cache of a writer while it runs (WRITE_CACHE_KB). Returns a job number."""
        job_no = next(self._ids)
        cancel = cancel or (progress._cancel if progress else threading.Event())
        if progress is not None:
            progress._relay, progress._job_no = self.relay, job_no
        self._running[job_no] = (on_done, on_progress)
        self.pool.start(_Job(self, job_no, fn, cancel, use_db, writes))
        return job_no

    def _progressed(self, job_no: int, done: int, total: int, label: Any) -> None:
        entry = self._running.get(job_no)
        if entry is not None and entry[1] is not None and not self.closed:
            entry[1](done, total, label)

    def _finished(self, job_no: int, outcome: tuple) -> None:
        entry = self._running.pop(job_no, None)
        if entry is None or self.closed:   # the context closed meanwhile: nobody is waiting any more
            return
        try:
            entry[0](*outcome)
        finally:
            if not self._running:
                self.idle.emit()

    def prefetch(self, key: str, fn: Callable[[Any], Any], *, use_db: bool = True) -> None:
        """Start `fn(db)` now (at start-up, while the window is built); `take(key, ...)` collects it."""
        self._prefetched[key] = None
        self.run(fn, lambda status, value: self._prefetch_done(key, status, value), use_db=use_db)

    def _prefetch_done(self, key: str, status: str, value: Any) -> None:
        waiting = self._prefetched.get(key)
        if callable(waiting):
            del self._prefetched[key]
            waiting(status, value)
        else:
            self._prefetched[key] = (status, value)

    def take(self, key: str, on_done: Callable[[str, Any], None]) -> bool:
        """Hand a prefetched result to `on_done` (now, or when it arrives); False if none was started."""
        if key not in self._prefetched:
            return False
        found = self._prefetched[key]
        if isinstance(found, tuple):
            del self._prefetched[key]
            on_done(*found)
        else:
            self._prefetched[key] = on_done
        return True

    def release_memory(self) -> None:
        """After a large read has been handed over and its batches freed, give the freed memory back to the
        system, on a worker: the GUI thread does not wait for it. (The lists no longer need it: their rowids
        are packed as they are fetched, desktop.models.paged._rowid_array.)"""
        self.run(lambda _db: _malloc_trim(), lambda _status, _value: None, use_db=False)

    def is_idle(self) -> bool:
        return not self._running

    def shutdown(self, timeout_ms: int = 5000) -> None:
        """Wait for running work, then close the worker connections; later results are dropped."""
        self.closed = True
        self.pool.waitForDone(timeout_ms)
        with self._lock:
            for db in self._conns:
                with contextlib.suppress(sqlite3.Error):
                    db.conn.close()
            self._conns.clear()
            self._idle.clear()
