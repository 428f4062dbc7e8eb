"""What every page and dialog is handed: the database, this office, settings, workers, errors.

No globals: the application builds one `AppContext` and passes it down. Pages read quick
things through `ctx.db` (the main-thread connection; keep each call well under 100 ms) and do
everything else through desktop.ops (`QueryOp` / `CollectionOp`, which use worker connections).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

import desktop.qtfix  # noqa: F401 - before the first emit
from desktop.errors_ui import ErrorReporter
from desktop.ops import TaskRunner


class AppContext(QObject):
    """`changed(set_of_table_names)` after any write made through a CollectionOp;
    `language_changed(lang)` after the interface language switched;
    `open_requested(page_key, record_id)` to show a record on its page (the main window does it)."""

    changed = Signal(object)
    language_changed = Signal(str)
    open_requested = Signal(str, str)      # (page key, record id): show that page and open the record
    language_requested = Signal(str)       # a page asks for another interface language (the window does it)

    def __init__(self, db_path: Path, db, settings: QSettings, *, lang: str = "zh_CN",
                 errors: ErrorReporter | None = None, parent: QObject | None = None):
        super().__init__(parent)
        from db.offices import this_office
        self.db_path = Path(db_path)
        self.db = db
        self.settings = settings
        self.lang = lang
        self.office = this_office(db)
        self.tasks = TaskRunner(self.db_path, parent=self)
        self.errors = errors or ErrorReporter(self.data_dir / "logs", lang_source=lambda: self.lang)

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
        self.office = this_office(self.db)

    def notify_changed(self, tables) -> None:
        """Tell open pages that these tables changed (after a write)."""
        if "office" in tables:
            self.reload_office()
        self.changed.emit(set(tables))

    def request_language(self, lang: str) -> None:
        self.language_requested.emit(lang)

    def today(self):
        """Today's date (tests and screenshots pin it by replacing this method)."""
        import datetime as dt
        return dt.date.today()

    def is_zh(self) -> bool:
        return self.lang.startswith("zh")

    def pick(self, zh: str | None, en: str | None) -> str:
        """The text in the interface language, for data that carries both (reference items, errors)."""
        return (zh or en or "") if self.is_zh() else (en or zh or "")

    def close(self) -> None:
        self.tasks.shutdown()
        with contextlib.suppress(Exception):   # closing twice is harmless
            self.db.conn.close()
