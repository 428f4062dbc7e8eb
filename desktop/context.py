"""What every page and dialog is handed: the database, this office, settings, workers, errors.

No globals: the application builds one `AppContext` and passes it down. Pages read quick
things through `ctx.db` (the main-thread connection; keep each call well under 100 ms) and do
everything else through desktop.ops (`QueryOp` / `CollectionOp`, which use worker connections).

At start-up the context may be made before the database is opened (`AppContext.deferred`): the
first window paints from a prefetched read, and the database (db.database, migrations, upgrade
backup) opens right after, on a worker (`open_in_background`); `ctx.db` opens it at once if a
page needs it sooner.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal

import desktop.qtfix  # noqa: F401 - before the first emit
from desktop.errors_ui import ErrorReporter
from desktop.tasks import Progress, TaskRunner

_SHOWN_FROM = 20000     # rows to index from which the status line shows it (about half a second and more)


class AppContext(QObject):
    """`changed(set_of_table_names)` after any write made through a CollectionOp;
    `language_changed(lang)` after the interface language switched;
    `open_requested(page_key, record_id)` to show a record on its page (the main window does it)."""

    changed = Signal(object)
    language_changed = Signal(str)
    open_requested = Signal(str, str)      # (page key, record id): show that page and open the record
    language_requested = Signal(str)       # a page asks for another interface language (the window does it)

    opened = Signal()                      # the database is open (after a deferred start)
    indexing = Signal(int, int)            # (rows indexed, rows to index) while the search index catches up;
    #                                        (0, 0) when it has (db.search deferred indexing)

    def __init__(self, db_path: Path, db, settings: QSettings, *, lang: str = "zh_CN",
                 errors: ErrorReporter | None = None, parent: QObject | None = None, office=None):
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.settings = settings
        self.lang = lang
        self._db = None
        self.closed = False                 # after close(): pages stop reading (a late language change)
        self._open_lock = threading.Lock()
        self.open_error: BaseException | None = None
        self.upgraded = False
        self._versions_seen: set[str] | None = None
        self.tasks = TaskRunner(self.db_path, parent=self)
        self.errors = errors or ErrorReporter(self.data_dir / "logs", lang_source=lambda: self.lang)
        self.office = office
        self._permissions = None
        self._indexing = self._index_again = False
        if db is not None:
            self._adopt(db)
        self.changed.connect(lambda tables: self.catch_up_search(tables))
        self.when_open(lambda: self.catch_up_search())
        self.outside_writes = None
        self.when_open(self._watch_outside_writes)

    def _watch_outside_writes(self) -> None:
        """Records another program writes (the command line beside the window) are shown as they land."""
        from desktop.outside_writes import OutsideWrites
        if self.outside_writes is None and not self.closed:
            self.outside_writes = OutsideWrites(self)

    @classmethod
    def deferred(cls, db_path: Path, settings: QSettings, *, lang: str, office,
                 versions: set[str]) -> AppContext:
        """A context whose database opens later; `office` and the applied schema `versions` were
        read without it (db.dashboard.peek_installation)."""
        ctx = cls(db_path, None, settings, lang=lang, office=office)
        ctx._versions_seen = set(versions)
        return ctx

    def _adopt(self, db) -> None:
        from db.offices import this_office
        from desktop.tasks import GUI_CACHE_KB
        db.execute(f"PRAGMA cache_size = -{GUI_CACHE_KB}")
        self._db = db
        self.office = this_office(db)

    @property
    def db(self):
        """The main-thread connection (opened now if the deferred open has not finished)."""
        if self._db is None:
            self._open()
        return self._db

    @db.setter
    def db(self, value) -> None:
        self._adopt(value)

    def is_open(self) -> bool:
        return self._db is not None

    def when_open(self, fn: Callable[[], None]) -> None:
        """Call `fn` now if the database is open, else once it is (a deferred start is not forced)."""
        if self.is_open():
            fn()
        else:
            self.opened.connect(fn, Qt.ConnectionType.SingleShotConnection)

    def _open(self) -> None:
        with self._open_lock:
            if self._db is not None:
                return
            from db.database import applied_versions, open_database
            db = open_database(self.db_path)
            # an upgrade on opening means reads made before it (the prefetch) saw the old schema
            self.upgraded = self._versions_seen is not None and set(applied_versions(db)) != self._versions_seen
            self._adopt(db)

    def open_in_background(self, on_error=None) -> None:
        """Open the database on a worker thread; `opened` is emitted on the main thread when done."""
        if self._db is not None:
            self.opened.emit()
            return

        def work(_db):
            self._open()

        def done(status, value):
            if status == "ok":
                if self.upgraded:           # the prefetched reads saw the old schema
                    from db import model
                    self.notify_changed(set(model.TABLES))
                self.opened.emit()
            else:
                self.open_error = value
                if on_error is not None:
                    on_error(value)
        self.tasks.run(work, done, use_db=False)

    # -- places --------------------------------------------------------------------
    @property
    def data_dir(self) -> Path:
        return self.db_path.parent

    @property
    def drafts_dir(self) -> Path:
        return self.data_dir / "drafts"

    @property
    def backups_dir(self) -> Path:
        from db.paths import backups_dir
        custom = self.settings.value("backup/folder", "", type=str)
        return Path(custom) if custom else backups_dir(self.db_path)

    # -- state ---------------------------------------------------------------------
    @property
    def office_id(self) -> str | None:
        return self.office.id if self.office else None

    def reload_office(self) -> None:
        from db.offices import this_office
        if self._db is not None:
            self.office = this_office(self._db)
        self._permissions = None

    @property
    def permissions(self):
        """What this office may write (db.permissions): editors and pages show the rest read-only."""
        if self._permissions is None:
            from db.permissions import Permissions
            self._permissions = Permissions(self.db)
        return self._permissions

    def notify_changed(self, tables) -> None:
        """Tell open pages that these tables changed (after a write)."""
        if "office" in tables:
            self.reload_office()
        self.changed.emit(set(tables))

    def catch_up_search(self, tables=None) -> None:
        """Index what the last writes added (db.search.catch_up), on a worker, one run at a time: rows
        written are found by the searches at once all the same; this keeps those searches on the index.
        A large catch-up (after a sync import) is shown by `indexing`."""
        if self.closed or self._db is None:
            return
        if tables is not None:
            from db.search import SEARCHABLE_TABLES
            if not set(tables) & set(SEARCHABLE_TABLES):
                return
        if self._indexing:
            self._index_again = True
            return
        self._indexing = True
        progress = Progress()

        def work(db):
            from db import search
            total = search.pending(db)
            done = [0]

            def step(n):
                done[0] += n
                if total >= _SHOWN_FROM:
                    progress.update(min(done[0], total), total)
            return search.catch_up(db, progress=step, stop=lambda: self.closed or progress.cancelled)

        def finished(_status, _value):          # an error (a locked file) is left for the next write
            self._indexing = False
            self.indexing.emit(0, 0)
            if self._index_again and not self.closed:
                self._index_again = False
                self.catch_up_search()
        self.tasks.run(work, finished, progress=progress, writes=True,
                       on_progress=lambda done, total, _label: self.indexing.emit(done, total))

    def request_language(self, lang: str) -> None:
        self.language_requested.emit(lang)

    def today(self):
        """Today's date in the office, from the one business clock (db.today) that tests pin."""
        from db import today as office_clock
        return office_clock.today()

    def is_zh(self) -> bool:
        return self.lang.startswith("zh")

    def pick(self, zh: str | None, en: str | None) -> str:
        """The text in the interface language, for data that carries both (reference items, errors)."""
        return (zh or en or "") if self.is_zh() else (en or zh or "")

    def close(self) -> None:
        self.closed = True
        self.tasks.shutdown()
        if self._db is not None:
            with contextlib.suppress(Exception):   # closing twice is harmless
                self._db.conn.close()
