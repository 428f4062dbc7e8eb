"""Writes made to the open database by another program — the command line run beside the window
(`import-sync`, `import members`, `assign`, …) — shown in the window without pressing F5.

Every 1.5 s the main connection's `PRAGMA data_version` is read: it changes only when another
connection committed (microseconds, no file read). Then the database's own counters say whether records
changed: this computer's change sequence (node_state.seq, moved by every logged write, whoever made it)
and the sequences received from other computers (sync_have). The tables written are read from the change
log by its key (origin, seq), and the pages that show them refresh as after the window's own writes.
The window's own writes are not reported twice: the counters are taken as seen whenever it reports them.
"""

from __future__ import annotations

import logging
import sqlite3

from PySide6.QtCore import QObject, QTimer

log = logging.getLogger("liaison.outside")

INTERVAL_MS = 1500
_LOOKUP_LIMIT = 20_000          # entries read back for their tables; past that, every table is refreshed


def counters(db) -> tuple[int, dict[str, int]]:
    """(this computer's change sequence, {origin: highest sequence received})."""
    seq = db.execute("SELECT seq FROM node_state WHERE id = 1").fetchone()
    have = dict(db.execute("SELECT origin, seq FROM sync_have").fetchall())
    return (seq[0] if seq else 0), have


def tables_written(db, node_id: str, before: tuple[int, dict[str, int]],
                   after: tuple[int, dict[str, int]]) -> set[str] | None:
    """The tables the change log names between two readings of `counters`; None when there are too many
    entries to read back (refresh everything)."""
    ranges = [(node_id, before[0], after[0])] if after[0] > before[0] else []
    ranges += [(o, before[1].get(o, 0), s) for o, s in after[1].items() if s > before[1].get(o, 0)]
    if sum(hi - lo for _o, lo, hi in ranges) > _LOOKUP_LIMIT:
        return None
    out: set[str] = set()
    for origin, lo, hi in ranges:
        out.update(t for (t,) in db.execute("SELECT DISTINCT tbl FROM change_log WHERE origin = ? AND seq > ? "
                                            "AND seq <= ?", [origin, lo, hi]))
    return out


class OutsideWrites(QObject):
    """Owned by the context once its database is open; stops when the context closes."""

    def __init__(self, ctx, interval_ms: int = INTERVAL_MS):
        super().__init__(ctx)
        self.ctx = ctx
        self._version = self._read_version()
        self._seen = self._counters()
        ctx.changed.connect(lambda _tables: self._take_as_seen())
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def _read_version(self) -> int | None:
        try:
            return self.ctx.db.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error:
            return None

    def _counters(self):
        try:
            return counters(self.ctx.db)
        except sqlite3.Error:            # locked for a moment by the other program: next time
            return None

    def _take_as_seen(self) -> None:
        """The window reported its own write: what the counters say now is known."""
        if not self.ctx.closed:
            self._version = self._read_version()
            self._seen = self._counters() or self._seen

    def check(self) -> None:
        if self.ctx.closed:
            self.timer.stop()
            return
        if not self.ctx.tasks.is_idle():     # the window's own write may be committed and not yet reported
            return
        version = self._read_version()
        if version is None or version == self._version:
            return
        now = self._counters()
        if now is None:
            return
        self._version = version
        if self._seen is None or now == self._seen:
            self._seen = now
            return                           # another connection wrote nothing logged (the search index)
        try:
            tables = tables_written(self.ctx.db, self.ctx.db.execute(
                "SELECT node_id FROM node_state WHERE id = 1").fetchone()[0], self._seen, now)
        except sqlite3.Error:
            tables = None
        self._seen = now
        if not tables:
            # too many to read back, or counters that moved with no entries here (a computer set up again,
            # changes received outside this office's scope): every page refreshes
            from db import model
            tables = set(model.TABLES)
        log.info("records written by another program: %s", ", ".join(sorted(tables)))
        self.ctx.notify_changed(tables)
