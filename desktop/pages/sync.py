"""同步: exchanging package files with the offices above and below, on a USB stick or in a folder.

Tabs: send and receive (one click writes the package(s); receiving verifies and imports every
package addressed to this office, then says what came, what was refused and why, and what to
carry back), offices and keys (desktop.pages.offices), conflicts to review
(desktop.dialogs.conflicts) and the history (desktop.dialogs.sync_history). Sending and receiving
run on a worker with progress and Cancel (desktop.dialogs.sync_work); each file is written or
imported whole or not at all.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from db import model
from desktop.dialogs.sync_drives import TargetChooser, removable_drives
from desktop.dialogs.sync_widgets import SmallTable
from desktop.models.sync import CounterpartModel, office_text
from desktop.pages.base import Page
from desktop.style import ERROR_COLOR


class SyncPage(Page):
    # Every change alters what the other offices still lack; the page re-reads when next shown.
    watched_tables = frozenset(model.TABLES)

    def __init__(self, ctx, parent=None, *, drives=removable_drives):
        super().__init__(ctx, parent)
        from desktop.dialogs.conflicts import ConflictsPanel
        from desktop.dialogs.sync_history import HistoryPanel
        from desktop.dialogs.sync_report import SyncReport
        from desktop.pages.offices import OfficesTab
        self.overview = None
        self.last_receive = None
        self.last_send = None
        self._said = False                  # the report shows a reason said (_say), cleared by a new choice
        self.report_maker = SyncReport(ctx.pick, self)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 8)
        outer.setSpacing(8)
        head = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("pageTitle")
        head.addWidget(self.title)
        head.addSpacing(16)
        self.office_label = QLabel(self)
        head.addWidget(self.office_label)
        head.addStretch(1)
        self.fp_caption = QLabel(self)
        self.fp_caption.setObjectName("hint")
        head.addWidget(self.fp_caption)
        self.fp_label = QLabel(self)
        self.fp_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fp_label.setStyleSheet("font-weight: bold; color: #1d2a40;")
        head.addWidget(self.fp_label)
        outer.addLayout(head)

        self.setup_frame = QFrame(self)
        self.setup_frame.setObjectName("card")
        sl = QHBoxLayout(self.setup_frame)
        self.setup_text = QLabel(self.setup_frame)
        self.setup_text.setWordWrap(True)
        self.setup_button = QPushButton(self.setup_frame)
        self.setup_button.clicked.connect(lambda: self.set_up_from_file())
        sl.addWidget(self.setup_text, 1)
        sl.addWidget(self.setup_button)
        self.setup_frame.setVisible(False)
        outer.addWidget(self.setup_frame)

        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        outer.addWidget(self.tabs, 1)
        self.exchange = QWidget(self.tabs)
        self._build_exchange(drives)
        self.offices = OfficesTab(ctx, self.tabs, drives=drives)
        self.offices.keys_changed.connect(self.refresh)
        # only a confirmed key asks to receive again (a revoke or a removed key said "the key is confirmed")
        self.offices.key_confirmed.connect(self._on_key_confirmed)
        self.conflicts = ConflictsPanel(ctx, self.tabs)
        self.conflicts.resolved.connect(self.refresh)
        self.history = HistoryPanel(ctx, self.tabs)
        for w in (self.exchange, self.offices, self.conflicts, self.history):
            self.tabs.addTab(w, "")
        self.retranslate()
        self.refresh()

    def _build_exchange(self, drives) -> None:
        ctx = self.ctx
        lay = QVBoxLayout(self.exchange)
        lay.setContentsMargins(0, 8, 0, 0)
        split = QSplitter(Qt.Orientation.Horizontal, self.exchange)
        split.setChildrenCollapsible(False)
        left = QWidget(split)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.setSpacing(8)
        self.send_box = QGroupBox(left)
        sf = QFormLayout(self.send_box)
        sf.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.to_label = QLabel(self.send_box)
        self.recipients = QComboBox(self.send_box)
        sf.addRow(self.to_label, self.recipients)
        self.send_where_label = QLabel(self.send_box)
        self.send_target = TargetChooser(ctx.settings, "sync/send_folder", parent=self.send_box, drives=drives)
        self.send_target.changed.connect(lambda _p: self._clear_said())
        sf.addRow(self.send_where_label, self.send_target)
        self.send_hint = QLabel(self.send_box)
        self.send_hint.setObjectName("hint")
        self.send_hint.setWordWrap(True)
        self.send_button = QPushButton(self.send_box)
        self.send_button.setDefault(True)
        self.send_button.clicked.connect(lambda: self.send())
        sf.addRow(self._with_button(self.send_hint, self.send_button))
        self.receive_box = QGroupBox(left)
        rf = QFormLayout(self.receive_box)
        rf.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.from_label = QLabel(self.receive_box)
        self.receive_source = TargetChooser(ctx.settings, "sync/receive_from", files=True, parent=self.receive_box,
                                            drives=drives)
        self.receive_source.changed.connect(lambda _p: self.look_at_source())
        self.receive_source.changed.connect(lambda _p: self._clear_said())
        rf.addRow(self.from_label, self.receive_source)
        self.found_label = QLabel(self.receive_box)
        self.found_label.setWordWrap(True)
        self.found_label.setObjectName("hint")
        self.receive_button = QPushButton(self.receive_box)
        self.receive_button.clicked.connect(lambda: self.receive())
        from desktop.widgets.clicks import guard
        guard(self.send_button, self.receive_button)     # a double click writes or reads the stick once
        rf.addRow(self._with_button(self.found_label, self.receive_button))
        ll.addWidget(self.send_box)
        ll.addWidget(self.receive_box)
        self.peers_box = QGroupBox(left)
        pl = QVBoxLayout(self.peers_box)
        self.peers_model = CounterpartModel(self)
        self.peers_table = SmallTable(self.peers_model, self.peers_box, stretch="office")
        pl.addWidget(self.peers_table)
        ll.addWidget(self.peers_box, 1)
        self.report_box = QGroupBox(split)
        rl = QVBoxLayout(self.report_box)
        self.report = QTextBrowser(self.report_box)
        self.report.setOpenLinks(False)
        self.report.anchorClicked.connect(lambda url: self.on_report_link(url.toString()))
        rl.addWidget(self.report)
        split.addWidget(left)
        split.addWidget(self.report_box)
        split.setStretchFactor(0, 11)
        split.setStretchFactor(1, 9)
        lay.addWidget(split, 1)
        # the stick or folder written to is offered to read from too (one USB stick carries both ways)
        self.receive_source.offer(self.send_target.path())
        self.send_target.changed.connect(self.receive_source.offer)

    @staticmethod
    def _with_button(text: QLabel, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(text, 1)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignBottom)
        return row

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.title.setText(self.tr("Sync"))
        self.fp_caption.setText(self.tr("This installation's fingerprint:"))
        self.setup_text.setText(self.tr("This installation is not set up for an office yet. A district or township "
                                        "office sets it up from the setup file and passcode its parent office gave."))
        self.setup_button.setText(self.tr("Set up from a setup file…"))
        self.send_box.setTitle(self.tr("Send: write packages to a USB stick or folder"))
        self.to_label.setText(self.tr("For"))
        self.send_where_label.setText(self.tr("Write to"))
        self.send_hint.setText(self.tr("Each package holds everything that office has not yet confirmed receiving, "
                                       "encrypted for it alone. One file per office."))
        self.send_button.setText(self.tr("Write the package(s)"))
        self.receive_box.setTitle(self.tr("Receive: import the packages for this office"))
        self.from_label.setText(self.tr("From"))
        self.receive_button.setText(self.tr("Receive and import"))
        self.peers_box.setTitle(self.tr("Offices this office exchanges packages with"))
        self.report_box.setTitle(self.tr("Report"))
        self.tabs.setTabText(0, self.tr("Send and receive"))
        self.tabs.setTabText(1, self.tr("Offices and keys"))
        self.tabs.setTabText(3, self.tr("History"))
        self.peers_model.retranslate()
        self._show_overview()
        if self.last_receive is not None:
            self.report.setHtml(self.report_maker.receive_html(self.last_receive))
        elif self.last_send is not None:
            self.report.setHtml(self.report_maker.send_html(self.last_send))
        else:
            self.report.setHtml("<p style='color:#5b6472'>" + self.tr(
                "The report of the next sending or receiving appears here.") + "</p>")
        self.look_at_source()

    def _show_overview(self) -> None:
        ov = self.overview
        n = ov.open_conflicts if ov else 0
        self.tabs.setTabText(2, self.tr("Conflicts (%1)").replace("%1", str(n)) if n else self.tr("Conflicts"))
        office = ov.office if ov else None
        self.office_label.setText(office_text(office.name, office.code) if office else "")
        self.fp_label.setText(ov.fingerprint if ov else "")
        self.setup_frame.setVisible(ov is not None and office is None)
        for w in (self.send_box, self.receive_box):
            w.setEnabled(office is not None)
        self._fill_recipients()

    def _fill_recipients(self) -> None:
        ov = self.overview
        current = self.recipients.currentData()
        self.recipients.blockSignals(True)
        self.recipients.clear()
        if ov is not None and ov.office is not None:
            trusted = [c for c in ov.counterparts if c.key == "trusted"]
            if len(ov.counterparts) > 1 and trusted:
                self.recipients.addItem(self.tr("All offices with a confirmed key (%1)").replace(
                    "%1", str(len(trusted))), [c.office.code for c in trusted])
            for c in ov.counterparts:
                role = self.tr("parent office") if c.direction == "up" else self.tr("office below")
                text = f"{office_text(c.office.name, c.office.code)} — {role}"
                if c.deactivated_on:        # the city took it off the register (同步 › 机构与密钥 says so too)
                    text += QCoreApplication.translate("SyncTexts", " (deactivated)")
                if c.key == "revoked":
                    text += self.tr(" (key revoked: waiting for its new computer's key)")
                elif c.key != "trusted":
                    text += self.tr(" (key not confirmed yet)")
                self.recipients.addItem(text, [c.office.code])
        i = self.recipients.findData(current) if current is not None else -1
        self.recipients.setCurrentIndex(max(i, 0))
        self.recipients.blockSignals(False)
        self.send_button.setEnabled(self.recipients.count() > 0)

    # -- data -------------------------------------------------------------------------------
    def refresh(self) -> None:
        from db.sync.views import sync_overview
        from desktop.ops import QueryOp
        QueryOp(self.ctx, parent=self, op=sync_overview, success=self._on_overview).run_in_background()
        self.offices.refresh()
        self.conflicts.refresh()
        self.history.refresh()

    def _on_overview(self, ov) -> None:
        self.overview = ov
        self.peers_model.set_rows(ov.counterparts)
        self.offices.set_overview(ov)
        self._show_overview()
        self.look_at_source()           # which packages are for this office needs the office

    def look_at_source(self) -> None:
        """Say what the chosen stick or folder holds (read on a worker: sticks can be slow)."""
        from desktop.ops import QueryOp
        source = self.receive_source.path()
        if not source:
            self.found_label.setText(self.tr("Choose the USB stick or folder the packages are on."))
            return
        from db.files import stick_missing
        if not Path(source).exists() or stick_missing(source):   # a stick pulled out (its mount folder may stay,
            # empty): not "one file" named like the folder it was, nor "0 packages"
            self.found_label.setText(self.tr("%1 is not there any more: was the USB stick removed? Insert it and "
                                             "choose it again.").replace("%1", source))
            return
        if not Path(source).is_dir():
            self.found_label.setText(self.tr("One file: %1").replace("%1", Path(source).name))
            return
        office = self.overview.office.id if self.overview and self.overview.office else None

        def look(_db):
            from db.sync.views import folder_contents
            return folder_contents(source, office)
        QueryOp(self.ctx, parent=self, op=look, success=self._show_found).failure(lambda _e: None).run_in_background()

    def _show_found(self, found) -> None:
        if found.folder != self.receive_source.path():
            return
        # a file that cannot be read as a package (empty, cut short, not one at all) is not counted as one for
        # this office: said apart, and the import names each with its reason
        text = self.tr("%1 package(s) for this office").replace("%1", str(len(found.for_this_office)))
        if found.for_others:
            text += self.tr("; %1 for other offices (left alone)").replace("%1", str(len(found.for_others)))
        if found.unreadable:
            text += self.tr("; %1 file(s) that cannot be read as a package").replace("%1", str(len(found.unreadable)))
        self.found_label.setText(text)

    # -- sending and receiving ----------------------------------------------------------------
    def send(self, codes: list[str] | None = None, folder: str | None = None) -> None:
        from desktop.dialogs.sync_work import send_packages
        from desktop.ops import QueryOp
        codes = codes if codes is not None else (self.recipients.currentData() or [])
        folder = folder or self.send_target.path()
        if not folder:
            self._say(self.tr("Choose where to write: a USB stick or a folder."))
            return
        if not codes:
            self._say(self.tr("No office has a confirmed key yet: receive its first package and confirm its "
                              "fingerprint on the Offices and keys tab."))
            return
        template = self.tr("Writing the package for %1…")
        self._busy(True)
        QueryOp(self.ctx, parent=self, success=self._on_sent,
                op=lambda db, progress: send_packages(db, codes, folder, progress,
                                                      lambda name: template.replace("%1", name))) \
            .failure(self._on_failed).on_cancelled(lambda: self._busy(False)) \
            .with_progress(self.tr("Writing packages…")).run_in_background()

    def _on_sent(self, outcome) -> None:
        self._busy(False)
        self.last_send, self.last_receive = outcome, None
        self._said = False
        self.report.setHtml(self.report_maker.send_html(outcome))
        self.refresh()

    def receive(self, source: str | None = None) -> None:
        from desktop.dialogs.sync_work import receive_packages
        from desktop.ops import QueryOp
        source = source or self.receive_source.path()
        if not source:
            self._say(self.tr("Choose the USB stick or folder the packages are on."))
            return
        template = self.tr("Checking and importing %1…")
        self._busy(True)
        QueryOp(self.ctx, parent=self, success=self._on_received,
                op=lambda db, progress: receive_packages(db, source, progress,
                                                         lambda name: template.replace("%1", name))) \
            .failure(self._on_failed).on_cancelled(lambda: self._busy(False)) \
            .with_progress(self.tr("Receiving packages…")).run_in_background()

    def _on_received(self, outcome) -> None:
        self._busy(False)
        previous = self.last_receive
        self._said = False
        if previous is not None and previous.applied and previous.source == outcome.source and outcome.reports \
                and all(r.status == "already" for r in outcome.reports) and not outcome.cancelled \
                and not outcome.source_missing:
            self.report.setHtml(self.report_maker.receive_again_html(outcome, previous))
        else:
            self.last_receive = outcome
            self.report.setHtml(self.report_maker.receive_html(outcome))
        self.last_send = None
        if outcome.applied:
            self.ctx.notify_changed(set(model.TABLES))     # lists and pages re-read what came in (this one too)
        if not (outcome.applied and self.isVisible()):
            self.refresh()
        self.look_at_source()

    def _on_failed(self, exc: BaseException) -> None:
        from desktop.errors_ui import explain
        self._busy(False)
        known = explain(exc, self.ctx.lang)
        if known is None:
            self.ctx.errors.report(exc, parent=self)
            return
        advice = self.report_maker.advice(known[0])
        self._say(known[1] + (" " + advice if advice else ""))

    def _say(self, text: str) -> None:
        from html import escape
        self.report.setHtml(f"<p style='color:{ERROR_COLOR}'><b>{escape(text)}</b></p>")
        self._said = True

    def _clear_said(self) -> None:
        """A folder chosen after "choose the folder…" was said: the reason goes (it stayed in red)."""
        if self._said:
            self._said = False
            self.report.clear()

    def _busy(self, busy: bool) -> None:
        self.send_button.setEnabled(not busy)
        self.receive_button.setEnabled(not busy)

    def on_report_link(self, link: str) -> None:
        kind, _, arg = link.partition(":")
        if kind == "conflicts":
            self.tabs.setCurrentWidget(self.conflicts)
        elif kind == "trust":
            self.tabs.setCurrentWidget(self.offices)
            self.offices.confirm_key(arg)
        elif kind == "receive-again" and self.last_receive is not None:
            self.receive(self.last_receive.source)
        elif kind == "carry-back" and self.last_receive is not None:
            source = Path(self.last_receive.source)
            folder = source if source.is_dir() else source.parent
            self.send([c.office_code for c in self.last_receive.carry_back], str(folder))

    def _on_key_confirmed(self) -> None:
        from html import escape
        text = escape(self.tr("The key is confirmed. Receive the package again to import it."))
        if self.last_receive is not None:
            again = self.tr("Receive again")
            text += f" <a href='receive-again:'>{escape(again)}</a>"
            self.tabs.setCurrentWidget(self.exchange)   # the link is here, not on the tab the key was confirmed on
        self.report.setHtml(f"<p><b>{text}</b></p>")

    # -- not set up yet -----------------------------------------------------------------------
    def set_up_from_file(self):
        from desktop.dialogs.setup_from_file import SetupFromFileDialog
        dialog = SetupFromFileDialog(self.ctx.db_path, self, lang=self.ctx.lang)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.set_up.connect(lambda _p: self.ctx.notify_changed(set(model.TABLES)))
        dialog.open()
        return dialog


PAGE_CLASS = SyncPage
