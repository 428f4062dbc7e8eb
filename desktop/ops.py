"""Background work in the Anki shape: `QueryOp` reads, `CollectionOp` writes, both off the GUI thread.

    QueryOp(ctx, parent=self, op=lambda db: members.get_member(db, mid),
            success=self._show).run_in_background()

    CollectionOp(ctx, parent=self, op=lambda db: members.retire_member(db, mid)) \\
        .success(lambda _: self.close()).run_in_background()

    QueryOp(ctx, parent=self, op=lambda db, progress: export(db, progress), success=done) \\
        .with_progress(self.tr("Exporting…")).run_in_background()

`op` runs on a worker thread with that thread's own SQLite connection (db.database.connect);
`success` / `failure` run on the main thread. Without `.failure()` errors go to the context's
error reporter (plain message for what a user can fix, logged traceback for bugs). With
`.with_progress(label)` a progress dialog with a Cancel button appears if the work lasts longer
than a moment; an op with room for a second argument gets the Progress (`op(db, progress)`):
`progress.update(done, total)` reports, and raises `Cancelled` once the user pressed Cancel (an
op taking only `db` just shows the dialog). A `CollectionOp` tells the context which tables it
changed (read from the change log), so open lists and pages refresh themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop.tasks import GUI_CACHE_KB, Cancelled, Progress, TaskRunner

__all__ = ["GUI_CACHE_KB", "Cancelled", "CollectionOp", "Progress", "QueryOp", "TaskRunner"]

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from desktop.context import AppContext


def _takes_progress(op: Callable[..., Any]) -> bool:
    """Whether `op` has room for a second argument (the Progress)."""
    import inspect
    try:
        params = list(inspect.signature(op).parameters.values())
    except (TypeError, ValueError):
        return False
    positional = [p for p in params if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    return len(positional) >= 2 or any(p.kind == p.VAR_POSITIONAL for p in params)


class _Op:
    _writes = False

    def __init__(self, ctx: AppContext, *, parent: QWidget | None, op: Callable[..., Any],
                 success: Callable[[Any], None] | None = None):
        self.ctx, self.parent, self.op = ctx, parent, op
        self._success = success
        self._failure: Callable[[BaseException], None] | None = None
        self._cancelled: Callable[[], None] | None = None
        self._progress_label: str | None = None
        self._cancellable = True
        self.progress: Progress | None = None

    def success(self, fn: Callable[[Any], None]) -> _Op:
        self._success = fn
        return self

    def failure(self, fn: Callable[[BaseException], None]) -> _Op:
        self._failure = fn
        return self

    def on_cancelled(self, fn: Callable[[], None]) -> _Op:
        self._cancelled = fn
        return self

    def with_progress(self, label: str, *, cancellable: bool = True) -> _Op:
        self._progress_label = label
        self._cancellable = cancellable
        return self

    def _wrapped(self) -> Callable[[Any], Any]:
        op, writes = self.op, self._writes
        progress = self.progress if self.progress is not None and _takes_progress(op) else None

        def call(db):
            if not writes:
                return None, op(db, progress) if progress is not None else op(db)
            before = db.execute("SELECT seq FROM node_state WHERE id = 1").fetchone()[0]
            result = op(db, progress) if progress is not None else op(db)
            tables = {t for (t,) in db.execute(
                "SELECT DISTINCT tbl FROM change_log WHERE origin = (SELECT node_id FROM node_state) "
                "AND seq > ?", [before]).fetchall()}
            return tables, result
        return call

    def run_in_background(self) -> int:
        self._dialog = None
        if self._progress_label is not None:
            from desktop.widgets.progress import ProgressDialog
            self.progress = Progress()
            self._dialog = ProgressDialog(self.parent, self._progress_label, self.progress,
                                          cancellable=self._cancellable)
        return self.ctx.tasks.run(self._wrapped(), self._done, progress=self.progress,
                                  on_progress=self._dialog.on_progress if self._dialog is not None else None,
                                  writes=self._writes)

    def _done(self, status: str, value: Any) -> None:
        if self._dialog is not None:
            self._dialog.finish()
        if status == "cancelled":
            if self._cancelled:
                self._cancelled()
            return
        if status == "error":
            if self._failure is not None:
                self._failure(value)
            else:
                self.ctx.errors.report(value, parent=self.parent)
            return
        tables, result = value
        if tables:
            self.ctx.notify_changed(tables)
        if self._success is not None:
            self._success(result)


class QueryOp(_Op):
    """Read in the background; `success(result)` on the main thread."""


class CollectionOp(_Op):
    """Change data in the background (through db functions that use db.write.writing);
    the tables it changed are announced with `ctx.changed` before `success` runs."""

    _writes = True
