"""The main window: a sidebar of pages (desktop.pages.PAGES), each built the first time it is shown."""

from __future__ import annotations

import logging

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

import desktop.qtfix  # noqa: F401 - its work-arounds before the modules below load (as desktop.app does)
from desktop.pages import PageEntry, available_pages, page_class
from desktop.paths import icon_path
from desktop.widgets.elided import ElidedLabel
from desktop.widgets.fit import keep_on_screen, resize_within_screen

log = logging.getLogger("liaison.window")


class MainWindow(QMainWindow):
    """`page_shown(key)` after a page became current (built on first show)."""

    page_shown = Signal(str)

    def __init__(self, ctx, *, translations=None, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.translations = translations
        self.entries: list[PageEntry] = available_pages()
        self.pages: dict[str, QWidget] = {}
        central = QWidget(self)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        lay = QHBoxLayout()
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        outer.addLayout(lay, 1)
        self.sidebar = QListWidget(central)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFixedWidth(176)
        self.sidebar.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for entry in self.entries:
            item = QListWidgetItem(QIcon(str(icon_path(entry.icon))), "", self.sidebar)
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            item.setSizeHint(QSize(160, 40))
        self.stack = QStackedWidget(central)
        lay.addWidget(self.sidebar)
        lay.addWidget(self.stack, 1)
        self._placeholders: dict[str, QWidget] = {}
        for entry in self.entries:
            ph = QWidget(self.stack)
            self._placeholders[entry.key] = ph
            self.stack.addWidget(ph)
        # A status line of our own (QStatusBar's size grip upsets the offscreen platform in tests).
        status = QFrame(central)
        status.setObjectName("statusLine")
        sl = QHBoxLayout(status)
        sl.setContentsMargins(10, 3, 10, 3)
        self.status_office = QLabel(status)
        # the data file's path, cut in the middle with … where the bar is short (it was cut mid-word, unmarked)
        self.status_db = ElidedLabel(status, Qt.TextElideMode.ElideMiddle)
        self.status_db.setObjectName("hint")
        sl.addWidget(self.status_office)
        sl.addStretch(1)
        self.status_index = QLabel(status)             # the search index catching up after a large import
        self.status_index.setObjectName("hint")
        self.status_index.hide()
        sl.addWidget(self.status_index)
        sl.addWidget(self.status_db)
        self.status_about = QLabel(status)             # "About 0.1.0": the version, the licences (also F1)
        self.status_about.linkActivated.connect(lambda _link: self.show_about())
        sl.addWidget(self.status_about)
        outer.addWidget(status)
        self.setCentralWidget(central)
        self._make_actions()
        # sign-in and idle lock (db.accounts): built once the database is open — at a deferred start (accounts
        # off, known from the file) right after the first paint, so the start does not import them
        self.session = None
        self._status_layout = sl
        self.sidebar.currentRowChanged.connect(self._on_sidebar)
        self.retranslate()
        geometry = ctx.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty() and self.restoreGeometry(geometry) \
                and self.height() >= 400:
            keep_on_screen(self)
        else:
            resize_within_screen(self, 1280, 720)
        start = ctx.settings.value("window/page", "home", type=str)
        self.show_page(start if any(e.key == start for e in self.entries) else "home")
        ctx.changed.connect(self._on_data_changed)
        ctx.indexing.connect(self._on_indexing)
        ctx.open_requested.connect(self.open_record)
        ctx.language_requested.connect(self.set_language)
        ctx.when_open(self._start_session)               # accounts on: locked until someone signs in

    def _start_session(self) -> None:
        from desktop.dialogs.sign_in import SessionGuard
        if self.session is None:
            self.session = SessionGuard(self, self.ctx, self._status_layout)
        self.session.start()

    # -- pages ----------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page widget for `key`, built now if it was not yet."""
        if key not in self.pages:
            entry = next(e for e in self.entries if e.key == key)
            cls = page_class(entry)
            widget = cls(self.ctx, self.stack)
            self.pages[key] = widget
            ph = self._placeholders.pop(key)
            index = self.stack.indexOf(ph)
            self.stack.insertWidget(index, widget)
            self.stack.removeWidget(ph)
            ph.deleteLater()
        return self.pages[key]

    def show_page(self, key: str) -> QWidget:
        row = next(i for i, e in enumerate(self.entries) if e.key == key)
        if self.sidebar.currentRow() != row:
            self.sidebar.setCurrentRow(row)      # → _on_sidebar
        return self.pages[key]

    def open_record(self, key: str, record_id: str) -> None:
        """Show page `key` and open the record there (if that page is installed)."""
        if not any(e.key == key for e in self.entries):
            return
        page = self.show_page(key)
        opener = getattr(page, "open_record", None)
        if opener is not None:
            opener(record_id)

    def current_page(self) -> QWidget | None:
        w = self.stack.currentWidget()
        return w if w in self.pages.values() else None

    def _on_sidebar(self, row: int) -> None:
        if row < 0:
            return
        key = self.entries[row].key
        page = self.page(key)
        self.stack.setCurrentWidget(page)
        self.ctx.settings.setValue("window/page", key)
        self.page_shown.emit(key)

    # -- commands -------------------------------------------------------------------
    def _make_actions(self) -> None:
        def act(shortcut, method):
            a = QAction(self)
            a.setShortcut(shortcut)
            a.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            a.triggered.connect(lambda: self._dispatch(method))
            self.addAction(a)
            return a
        self.act_new = act(QKeySequence.StandardKey.New, "new_record")
        self.act_find = act(QKeySequence.StandardKey.Find, "find")
        self.act_delete = act(QKeySequence(Qt.Key.Key_Delete), "delete_selected")
        self.act_refresh = act(QKeySequence(Qt.Key.Key_F5), "refresh")
        self.act_about = QAction(self)
        self.act_about.setShortcut(QKeySequence(Qt.Key.Key_F1))
        self.act_about.triggered.connect(lambda: self.show_about())
        self.addAction(self.act_about)
        for i in range(min(9, len(self.entries))):
            a = QAction(self)
            a.setShortcut(QKeySequence(f"Ctrl+{i + 1}"))
            a.triggered.connect(lambda _=False, k=self.entries[i].key: self.show_page(k))
            self.addAction(a)

    def _dispatch(self, method: str) -> None:
        page = self.current_page()
        if page is not None:
            getattr(page, method)()

    # -- texts ----------------------------------------------------------------------
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Liaison Desk"))
        for i, entry in enumerate(self.entries):
            self.sidebar.item(i).setText(QCoreApplication.translate("Sidebar", entry.title))
        self._update_status()

    def _on_data_changed(self, tables) -> None:
        if "office" in tables:
            self._update_status()

    def _on_indexing(self, done: int, total: int) -> None:
        if total <= 0:
            self.status_index.hide()
            return
        self.status_index.setText(self.tr("Updating the search index… %1%").replace(
            "%1", str(min(99, done * 100 // total))))
        self.status_index.show()

    def _update_status(self) -> None:
        office = self.ctx.office
        self.status_office.setText(self.tr("Office: %1").replace("%1", office.name) if office
                                   else self.tr("Office not set up"))
        self.status_db.setText(self.tr("Data: %1").replace("%1", str(self.ctx.db_path)))
        from desktop.version import version
        about = self.tr("About")
        self.status_about.setText(f'<a href="about">{about} {version()}</a>')

    def show_about(self) -> None:
        from desktop.about import AboutDialog
        AboutDialog(self.ctx.data_dir, self).exec()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            # once every page has its new texts (the event reaches them after this window): widths measured in the
            # old language measured again, and the bars laid out for the new ones
            from desktop.widgets.language_fit import remeasure
            QTimer.singleShot(0, self, lambda: remeasure(self))
        super().changeEvent(event)

    def set_language(self, lang: str) -> None:
        """Switch the interface language now; open editors keep what was typed."""
        if self.translations is not None:
            self.translations.install(lang)
        self.ctx.lang = lang
        self.ctx.settings.setValue("ui/language", lang)
        self.ctx.language_changed.emit(lang)

    # -- drafts left by a crash -----------------------------------------------------
    def offer_drafts(self) -> None:
        """Ask about each draft left by a crash (or put away at a lock): reopen it in its editor, or throw it away.
        With accounts on, only once someone has signed in, and only her own drafts: offered over the sign-in
        screen, a clerk's draft was opened and saved with nobody's name."""
        from db import accounts
        from desktop.drafts import DraftStore
        if self.session is not None and self.session.locked:
            if not getattr(self, "_drafts_waiting", False):
                self._drafts_waiting = True     # each sign-in from now on offers that person's drafts
                self.session.user_changed.connect(self._offer_drafts_on_sign_in)
            return
        drafts = DraftStore(self.ctx.drafts_dir).all()
        if not drafts:
            return                  # (the editors' modules load when one is first opened, not at every start)
        from desktop.dialogs.editor import RecordEditor
        from desktop.widgets.confirm import DraftBox
        me = accounts.current()
        mine = me.name if me is not None else None
        open_now = {e.draft_key for e in self.findChildren(RecordEditor)}
        for draft in drafts:
            if draft.owner is not None and draft.owner != mine or draft.key in open_now:
                continue            # another person's (offered when she signs in), or in an editor open now
            answer = DraftBox.ask(
                self, self.tr("Recover unsaved work"),
                self.tr("There is unsaved work, kept as a draft (the program did not close normally, or the "
                        "window locked while it was open):\n\n%1 (last edited %2)\n\nOpen it again to finish and "
                        "save it?")
                .replace("%1", draft.title).replace("%2", draft.saved_at.replace("T", " ")))
            if answer == "open":
                try:
                    editor = draft.editor_class().from_draft(self.ctx, draft, self)
                except Exception as exc:  # noqa: BLE001 - a stale draft must not stop the start
                    self.ctx.errors.report(exc, parent=self, context="draft")
                    continue
                editor.open()
            elif answer == "discard":
                draft.path.unlink(missing_ok=True)

    def _offer_drafts_on_sign_in(self, account) -> None:
        if account is not None:
            QTimer.singleShot(0, self, self.offer_drafts)

    # -- closing --------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        for page in self.pages.values():
            if not page.can_close():
                event.ignore()
                return
        from desktop.dialogs.editor import RecordEditor
        for editor in self.findChildren(RecordEditor):
            if editor.isVisible() and not editor.confirm_close():
                event.ignore()
                return
        for page in self.pages.values():
            page.save_state()
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.sync()
        event.accept()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_drafts_offered", False):     # once the database is open (after the first paint)
            self._drafts_offered = True
            self.ctx.when_open(self._after_open)

    def _after_open(self) -> None:
        QTimer.singleShot(0, self, self.offer_drafts)
        QTimer.singleShot(3000, self, self._backup_if_due)

    def _backup_if_due(self) -> None:
        from desktop.backups import backup_if_due
        backup_if_due(self.ctx, self)
