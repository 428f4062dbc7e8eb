"""The "Offices and keys" tab of the sync page: keys waiting for a person to confirm by phone, and the
office register — the city registers districts and townships; an office with offices below it makes
their setup files; everyone sees when each office last sent a package and what it still lacks.

(A tab of desktop.pages.sync, not a sidebar page of its own.)"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRegularExpression, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.sync_widgets import SmallTable
from desktop.labels import enum_label
from desktop.models.sync import OfficeRegisterModel, PendingKeyModel
from desktop.widgets.confirm import confirm


class OfficesTab(QWidget):
    """`keys_changed()` after a key was confirmed, revoked or removed; `key_confirmed()` after one was confirmed."""

    keys_changed = Signal()
    key_confirmed = Signal()            # a key confirmed by phone (not revoked, not forgotten): receive again

    def __init__(self, ctx, parent: QWidget | None = None, *, drives=None):
        super().__init__(parent)
        self.ctx = ctx
        ctx.changed.connect(self._on_data_changed)
        self.overview = None
        self._drives = drives
        self.dialog = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 8, 0, 0)
        lay.setSpacing(8)

        self.keys_box = QGroupBox(self)
        kl = QVBoxLayout(self.keys_box)
        self.keys_hint = QLabel(self.keys_box)
        self.keys_hint.setWordWrap(True)
        kl.addWidget(self.keys_hint)
        krow = QHBoxLayout()
        self.keys_model = PendingKeyModel(self)
        self.keys_table = SmallTable(self.keys_model, self.keys_box)
        self.keys_table.setMaximumHeight(self.keys_table.verticalHeader().defaultSectionSize() * 3 + 32)
        self.keys_table.doubleClicked.connect(lambda _i: self.confirm_key())
        krow.addWidget(self.keys_table, 1)
        self.confirm_button = QPushButton(self.keys_box)
        self.confirm_button.clicked.connect(lambda: self.confirm_key())
        krow.addWidget(self.confirm_button)
        kl.addLayout(krow)
        lay.addWidget(self.keys_box)
        self.keys_box.setVisible(False)

        bar = QHBoxLayout()
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self._apply_filter)
        bar.addWidget(self.search)
        self.level_filter = QComboBox(self)
        self.level_filter.currentIndexChanged.connect(self._apply_filter)
        bar.addWidget(self.level_filter)
        bar.addStretch(1)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("countLabel")
        bar.addWidget(self.count_label)
        self.register_button = QPushButton(self)
        self.register_button.clicked.connect(self.register_office)
        bar.addWidget(self.register_button)
        self.setup_button = QPushButton(self)
        self.setup_button.clicked.connect(lambda: self.make_setup_file())
        bar.addWidget(self.setup_button)
        lay.addLayout(bar)
        # what acts on the office selected in the list, under it: its key (every office), its name and its place
        # in the register (the city's). The key buttons were in the bar above, which then held the city's window
        # at 1039 px, past a 1024×768 screen's edge.
        edit_bar = QHBoxLayout()
        self.selected_label = QLabel(self)
        self.selected_label.setObjectName("hint")
        edit_bar.addWidget(self.selected_label, 1)
        self.revoke_button = QPushButton(self)
        self.revoke_button.clicked.connect(lambda: self.revoke_key())
        self.revoke_button.setEnabled(False)
        edit_bar.addWidget(self.revoke_button)
        self.forget_button = QPushButton(self)
        self.forget_button.clicked.connect(lambda: self.forget_key())
        self.forget_button.setEnabled(False)
        edit_bar.addWidget(self.forget_button)
        self.rename_button = QPushButton(self)
        self.rename_button.clicked.connect(lambda: self.rename_office())
        edit_bar.addWidget(self.rename_button)
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(lambda: self.remove_office())
        edit_bar.addWidget(self.remove_button)
        self.edit_bar = QWidget(self)
        self.edit_bar.setLayout(edit_bar)
        edit_bar.setContentsMargins(0, 0, 0, 0)
        self.rename_button.setVisible(False)
        self.remove_button.setVisible(False)
        self.model = OfficeRegisterModel(self)
        self.table = SmallTable(self.model, self, stretch="name")
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_revoke())
        lay.addWidget(self.table, 1)
        lay.addWidget(self.edit_bar)
        # R6d: the first key of an office below a child office (a township, at the city) confirmed here by phone
        self.confirm_relayed = QCheckBox(self)
        self.confirm_relayed.setVisible(False)
        self.confirm_relayed.toggled.connect(lambda on: self.set_confirm_relayed(on))
        lay.addWidget(self.confirm_relayed)
        self.register_button.setVisible(False)
        self.setup_button.setVisible(False)
        self.retranslate()

    # -- texts ------------------------------------------------------------------------------
    def retranslate(self) -> None:
        self.keys_box.setTitle(self.tr("Keys waiting for your confirmation"))
        self.keys_hint.setText(self.tr("A new office's first package brings its key, and so does a computer whose "
                                       "changes another office passes on (they are held until then). Phone that "
                                       "office, compare the fingerprint digit by digit, and confirm it; then receive "
                                       "its package again."))
        self.confirm_button.setText(self.tr("Confirm the key…"))
        self.search.setPlaceholderText(self.tr("Search by name or code"))
        current = max(self.level_filter.currentIndex(), 0)
        self.level_filter.blockSignals(True)
        self.level_filter.clear()
        self.level_filter.addItem(self.tr("All levels"), "")
        for level in ("district", "township"):
            self.level_filter.addItem(enum_label("office_level", level), level)
        self.level_filter.setCurrentIndex(current)
        self.level_filter.blockSignals(False)
        self.register_button.setText(self.tr("Register an office…"))
        self.rename_button.setText(self.tr("Rename…"))
        self.selected_label.setText(self.tr("The selected office in the register:"))
        self.setup_button.setText(self.tr("Make a setup file…"))
        self.setup_button.setToolTip(self.tr("For a new installation of an office directly below this one"))
        self.revoke_button.setText(self.tr("Revoke its key…"))
        self.revoke_button.setToolTip(self.tr("When a computer of the selected office was lost, stolen or replaced"))
        self.forget_button.setText(self.tr("Remove a relayed key…"))
        self.forget_button.setToolTip(self.tr("When a phone call shows that a key of the selected office, learned "
                                              "from the office that passed its changes on, is not its own"))
        self.confirm_relayed.setText(self.tr("Take the key of a computer that a district passes on only once it "
                                             "is confirmed here by phone (advised for the city)"))
        self.confirm_relayed.setToolTip(self.tr("Otherwise the first key of an office this office never heard "
                                                "from is taken on the word of the office that passes its changes "
                                                "on. When on, its changes wait until you confirm its fingerprint "
                                                "by phone; keys taken before stay."))
        self.model.retranslate()
        self.keys_model.retranslate()
        self._apply_filter()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # -- data -------------------------------------------------------------------------------
    def set_overview(self, ov) -> None:
        self.overview = ov
        self.keys_model.set_rows(ov.pending_keys)
        self.keys_box.setVisible(bool(ov.pending_keys))
        self.keys_table.select_first()
        self.register_button.setVisible(ov.may_register)
        self.rename_button.setVisible(ov.may_register)         # the register is the city's
        self.remove_button.setVisible(ov.may_register)
        self.setup_button.setVisible(ov.may_make_setup_files)
        self.level_filter.setVisible(ov.may_register)
        from db.sync.computers import confirms_relayed_keys
        # only the city has offices below a child office (a district's townships have none), whose keys a child
        # can pass on: the setting means nothing anywhere else (SECURITY.md R6d)
        relayed_from_below = ov.may_register
        self.confirm_relayed.setVisible(relayed_from_below)
        if relayed_from_below:
            self.confirm_relayed.blockSignals(True)
            self.confirm_relayed.setChecked(confirms_relayed_keys(self.ctx.db))
            self.confirm_relayed.blockSignals(False)
        self._update_revoke()

    def refresh(self) -> None:
        from db.sync.views import office_register
        from desktop.ops import QueryOp
        QueryOp(self.ctx, parent=self, op=office_register, success=self.set_register).run_in_background()

    def set_register(self, rows) -> None:
        kept = self.table.current_item()        # the office the clerk was on stays selected (after 改名, 移除…)
        self.model.set_rows(rows)
        self._apply_filter()
        if kept is not None:
            at = next((i for i, r in enumerate(self.table.items()) if r.office.id == kept.office.id), None)
            if at is not None:
                self.table.selectRow(at)
        self._update_revoke()

    def _update_revoke(self) -> None:
        """The revoke and confirm buttons; with accounts on, the head's (db.accounts)."""
        from desktop.dialogs.sign_in import head_only
        row = self.table.current_item()
        head_only(self.ctx, self.revoke_button, self.tr("revoke a key"), row is not None and row.key == "trusted")
        head_only(self.ctx, self.forget_button, self.tr("remove a key"), row is not None and row.relayed_keys > 0)
        head_only(self.ctx, self.confirm_button, self.tr("confirm a key"))
        head_only(self.ctx, self.confirm_relayed, self.tr("change how relayed keys are taken"))
        editable = row is not None and row.relation != "self" and row.office.level != "city"
        self.rename_button.setEnabled(row is not None)
        self.remove_button.setEnabled(editable)
        self.remove_button.setText(self.tr("Take back into use…") if row is not None and row.deactivated_on
                                   else self.tr("Remove…"))
        self.remove_button.setToolTip(self.tr("An office with records is deactivated, not deleted: its records "
                                              "stay, and it is no longer offered to hand work to"))

    def _on_data_changed(self, tables) -> None:
        if "account" in tables:                                # who is signed in changed
            self._update_revoke()

    def _apply_filter(self) -> None:
        proxy = self.table.proxy
        level = self.level_filter.currentData() or ""
        proxy.set_item_test((lambda r: r.office.level == level) if level else None)
        text = self.search.text().strip()
        proxy.setFilterRegularExpression(QRegularExpression(
            QRegularExpression.escape(text), QRegularExpression.PatternOption.CaseInsensitiveOption))
        shown, total = proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(self.tr("%1 offices").replace("%1", str(shown)) if shown == total
                                 else self.tr("%1 of %2 offices").replace("%1", str(shown)).replace("%2", str(total)))

    # -- actions ----------------------------------------------------------------------------
    def confirm_key(self, fingerprint: str | None = None):
        from desktop.dialogs.sync_trust import ConfirmKeyDialog
        keys = self.keys_model.rows()
        key = next((k for k in keys if k.fingerprint == fingerprint), None) if fingerprint else \
            self.keys_table.current_item()
        if key is None:
            return None
        self.dialog = ConfirmKeyDialog(self.ctx, key, self)
        self.dialog.trusted.connect(lambda _fp: (self.keys_changed.emit(), self.key_confirmed.emit()))
        self.dialog.open()
        return self.dialog

    def revoke_key(self, office_id: str | None = None):
        from db.sync.keys import confirmed_keys
        from desktop.dialogs.sync_revoke import RevokeKeyDialog
        row = next((r for r in self.model.rows() if r.office.id == office_id), None) if office_id else \
            self.table.current_item()
        keys = confirmed_keys(self.ctx.db, row.office.id) if row is not None else []
        if not keys:
            return None
        self.dialog = RevokeKeyDialog(self.ctx, row.office, keys, self)
        self.dialog.revoked.connect(lambda _fp: (self.keys_changed.emit(), self.refresh()))
        self.dialog.open()
        return self.dialog

    def forget_key(self, office_id: str | None = None):
        from db.sync.computers import known_computers
        from desktop.dialogs.sync_forget import ForgetKeyDialog
        row = next((r for r in self.model.rows() if r.office.id == office_id), None) if office_id else \
            self.table.current_item()
        computers = [c for c in known_computers(self.ctx.db, row.office.id) if c.source in ("relay", "setup")] \
            if row is not None else []
        if not computers:
            return None
        self.dialog = ForgetKeyDialog(self.ctx, row.office, computers, self)
        self.dialog.forgotten.connect(lambda _o: (self.keys_changed.emit(), self.refresh()))
        self.dialog.open()
        return self.dialog

    def set_confirm_relayed(self, on: bool) -> None:
        from db.sync.computers import set_confirms_relayed_keys
        from desktop.ops import CollectionOp
        # a safeguard turned off with one click: asked first (取消 by default)
        if not on and not confirm(
                self, self.tr("Stop confirming relayed keys"),
                self.tr("From now on, the key of a new computer that an office below passes on is taken on that "
                        "office's word, without a phone call here; a district could then pass off a key of its own "
                        "for a township this office has not heard from. Turn this off?"), self.tr("Turn it off")):
            self.confirm_relayed.blockSignals(True)
            self.confirm_relayed.setChecked(True)
            self.confirm_relayed.blockSignals(False)
            return

        def undo(exc):                       # refused (not the head): the box shows what is stored
            from db.sync.computers import confirms_relayed_keys
            self.confirm_relayed.blockSignals(True)
            self.confirm_relayed.setChecked(confirms_relayed_keys(self.ctx.db))
            self.confirm_relayed.blockSignals(False)
            self.ctx.errors.report(exc, parent=self)
        CollectionOp(self.ctx, parent=self, op=lambda db: set_confirms_relayed_keys(db, on)) \
            .failure(undo).run_in_background()

    def rename_office(self):
        from desktop.dialogs.sync_office_edit import RenameOfficeDialog
        row = self.table.current_item()
        if row is None:
            return None
        self.dialog = RenameOfficeDialog(self.ctx, row.office, self)
        self.dialog.done_with.connect(lambda _r: self.refresh())
        self.dialog.open()
        return self.dialog

    def remove_office(self) -> None:
        """Off the register, asked first with what it will do: deleted when nothing of it exists, else
        deactivated (kept with its records); a deactivated one is taken back into use."""
        from db.offices import office_usage, reactivate_office
        from db.offices import remove_office as remove
        from desktop.ops import CollectionOp
        row = self.table.current_item()
        if row is None:
            return
        name, oid = row.office.name, row.office.id
        if row.deactivated_on:
            if confirm(self, self.tr("Take an office back into use"),
                       self.tr("Take %1 back into use? It is offered again to hand work to and for setup files.")
                       .replace("%1", name), self.tr("Take back into use")):
                CollectionOp(self.ctx, parent=self, op=lambda db: reactivate_office(db, oid)) \
                    .success(lambda _r: self.refresh()).run_in_background()
            return
        usage = office_usage(self.ctx.db, oid)
        if usage["below"]:
            text = self.tr("%1 still has %2 offices below it in use: remove or deactivate them first.") \
                .replace("%1", name).replace("%2", str(usage["below"]))
            QMessageBox.information(self, self.tr("Remove an office"), text)
            return
        if usage["records"] or usage["keys"] or usage["elsewhere"]:
            text = self.tr("%1 may have records, a computer or a place in packages already sent, so it is "
                           "deactivated, not deleted: its records stay and its late packages are still received, "
                           "but it is no longer offered to hand work to, to register offices under, or for setup "
                           "files. Every office learns it with the next packages. Deactivate %1?").replace("%1", name)
        else:
            text = self.tr("%1 has no records, no computer and has not been sent to any office yet: it is deleted "
                           "from the register (a registration made by mistake). Delete %1?").replace("%1", name)
        if confirm(self, self.tr("Remove an office"), text, self.tr("Remove the office")):
            CollectionOp(self.ctx, parent=self, op=lambda db: remove(db, oid)) \
                .success(lambda _r: self.refresh()).run_in_background()

    def register_office(self):
        from desktop.dialogs.sync_register_office import RegisterOfficeDialog
        self.dialog = RegisterOfficeDialog(self.ctx, None, self)
        self.dialog.saved.connect(lambda _id: self.refresh())
        self.dialog.open()
        return self.dialog

    def make_setup_file(self, office_id: str | None = None):
        from desktop.dialogs.sync_setup_file import MakeSetupFileDialog
        if self.overview is None:
            return None
        from db.offices import list_offices
        active = {o.id for o in list_offices(self.ctx.db, active_only=True)}
        children = [c.office for c in self.overview.children if c.office.id in active]     # not one deactivated
        row = self.table.current_item()
        if office_id is None and row is not None and row.relation == "child":
            office_id = row.office.id
        kw = {"drives": self._drives} if self._drives is not None else {}
        self.dialog = MakeSetupFileDialog(self.ctx, children, self, office_id=office_id, **kw)
        self.dialog.open()
        return self.dialog
