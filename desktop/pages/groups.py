"""联络组: the groups list, and for the selected group its station, staff and roster (add, role, remove)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import enum_choices, enum_label
from desktop.pages.base import ListPage
from desktop.widgets.confirm import confirm

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1


class GroupDetail(QWidget):
    """The selected group: details, record counts and roster with its actions."""

    def __init__(self, page: GroupsPage):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.group_id: str | None = None
        self.group = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 0, 0, 0)
        self.name = QLabel(self)
        self.name.setObjectName("sectionTitle")
        self.name.setWordWrap(True)
        lay.addWidget(self.name)
        self.info = QFormLayout()
        self.info.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.info.setVerticalSpacing(4)
        self.info_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("station", "address", "convener", "staff", "founded", "records"):
            caption, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addRow(caption, value)
            self.info_labels[key] = (caption, value)
        lay.addLayout(self.info)
        self.note = QLabel(self)
        self.note.setObjectName("hint")
        self.note.setWordWrap(True)
        lay.addWidget(self.note)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self._on_edit)
        head = QHBoxLayout()
        self.roster_title = QLabel(self)
        self.roster_title.setObjectName("sectionTitle")
        head.addWidget(self.roster_title)
        head.addStretch(1)
        head.addWidget(self.edit_button)
        lay.addLayout(head)
        self.roster = QTableWidget(0, 5, self)
        self.roster.verticalHeader().setVisible(False)
        self.roster.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.roster.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.roster.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.roster.setAlternatingRowColors(True)
        self.roster.setWordWrap(False)
        rh = self.roster.horizontalHeader()
        rh.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.roster.verticalHeader().setDefaultSectionSize(self.roster.fontMetrics().height() + 10)
        for i, w in enumerate((80, 110, 120, 160, 86)):
            self.roster.setColumnWidth(i, w)
        rh.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.roster.cellDoubleClicked.connect(self._on_roster_open)
        self.roster.itemSelectionChanged.connect(self._update_roster_buttons)
        lay.addWidget(self.roster, 1)
        buttons = QHBoxLayout()
        self.add_button, self.role_button, self.remove_button = QPushButton(self), QPushButton(self), QPushButton(self)
        self.add_button.clicked.connect(self.add_member)
        self.role_button.clicked.connect(self.change_role)
        self.remove_button.clicked.connect(self.remove_member)
        for b in (self.add_button, self.role_button, self.remove_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.retranslate()
        self.show_record(None)

    def _on_edit(self) -> None:
        if self.group_id:
            self.page.open_record(self.group_id)

    def retranslate(self) -> None:
        captions = {"station": self.tr("Station"), "address": self.tr("Address"), "convener": self.tr("Convener"),
                    "staff": self.tr("Staff contact"), "founded": self.tr("Founded on"),
                    "records": self.tr("Records")}
        for key, (caption, _v) in self.info_labels.items():
            caption.setText(captions[key])
        self.edit_button.setText(self.tr("Edit group…"))
        self.roster_title.setText(self.tr("Members"))
        self.roster.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"), self.tr("Sector"),
                                               self.tr("Work unit"), self.tr("Joined")])
        self.add_button.setText(self.tr("Add member…"))
        self.role_button.setText(self.tr("Change role…"))
        self.remove_button.setText(self.tr("Remove from group"))
        self._fill()

    def show_record(self, group_id: str | None) -> None:
        self.group_id = group_id
        if group_id is None:
            self.group, self.members, self.counts = None, [], {}
            self._fill()
            return
        from db.errors import NotFound
        from db.groups import group_members, group_record_counts, load_group
        try:                      # a few small indexed reads
            self.group = load_group(self.ctx.db, group_id)
        except NotFound:
            self.group_id, self.group, self.members, self.counts = None, None, [], {}
            self._fill()
            return
        self.members = group_members(self.ctx.db, group_id)
        self.counts = group_record_counts(self.ctx.db, group_id)
        self._fill()

    def _fill(self) -> None:
        g = self.group
        for w in (self.edit_button, self.add_button, self.roster):
            w.setEnabled(g is not None)
        if g is None:
            self.name.setText(self.tr("No group selected"))
            for _c, v in self.info_labels.values():
                v.clear()
            self.note.clear()
            self.roster.setRowCount(0)
            self.roster_title.setText(self.tr("Members"))     # not the count of the group shown before
            self._update_roster_buttons()
            return
        self.name.setText(g.name)
        values = {"station": g.station_name or "", "address": g.station_address or "",
                  "convener": g.convener_name or self.tr("(none)"),
                  "staff": " ".join(x for x in (g.staff_name, g.staff_phone) if x),
                  "founded": g.founded_on or "",
                  "records": self.tr("%1 meetings, %2 visits, %3 reports, %4 follow-ups")
                  .replace("%1", str(self.counts.get("meeting", 0))).replace("%2", str(self.counts.get("visit", 0)))
                  .replace("%3", str(self.counts.get("opinion_report", 0)))
                  .replace("%4", str(self.counts.get("follow_up", 0)))}
        for key, (_c, v) in self.info_labels.items():
            v.setText(values[key])
        self.note.setText(g.note or "")
        self.note.setVisible(bool(g.note))
        self.roster_title.setText(self.tr("Members (%1)").replace("%1", str(len(self.members))))
        kept = self._chosen_membership_id()     # read off the rows shown: self.members may be the new list
        self.roster.setRowCount(len(self.members))
        for i, m in enumerate(self.members):
            cells = (m.name, enum_label("membership_role", m.role), self.ctx.pick(m.sector_name, m.sector_name_en),
                     m.work_unit or "", m.joined_on or "")
            for j, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, m.membership_id)
                self.roster.setItem(i, j, item)
        # the member chosen stays chosen where the roster put her (a new convener moves to the top): the
        # selection stayed on the row, now another member's, whom 移出本组 would then have removed
        row = next((i for i, m in enumerate(self.members) if m.membership_id == kept), -1) if kept else -1
        if row >= 0:
            self.roster.selectRow(row)
        else:
            self.roster.clearSelection()
            self.roster.setCurrentCell(-1, -1)
        self._update_roster_buttons()

    def _update_roster_buttons(self) -> None:
        """改角色 and 移出本组 act on the member selected in the roster: without one they are off and say so
        (pressed with none selected, they did nothing at all)."""
        chosen = self.group is not None and self._selected_membership() is not None
        hint = "" if chosen else self.tr("Select a member in the list above first.")
        for b in (self.role_button, self.remove_button):
            b.setEnabled(chosen)
            b.setToolTip(hint)

    def _chosen_membership_id(self) -> str | None:
        rows = self.roster.selectionModel().selectedRows()
        item = self.roster.item(rows[0].row(), 0) if rows else None
        return item.data(ID_ROLE) if item is not None else None

    def _selected_membership(self):
        """The member selected in the roster (by her membership, not by the row's place), or None."""
        chosen = self._chosen_membership_id()
        return next((m for m in self.members if m.membership_id == chosen), None) if chosen else None

    def _on_roster_open(self, row: int, _col: int) -> None:
        if 0 <= row < len(self.members):
            self.ctx.open_requested.emit("members", self.members[row].member_id)

    # -- roster actions ---------------------------------------------------------------
    def add_member(self) -> None:
        if self.group_id is None:
            return
        dialog = AddMemberDialog(self.ctx, self.group_id, self)
        dialog.accepted.connect(lambda: self._add(dialog.member_id(), dialog.role()))
        dialog.open()
        self._dialog = dialog

    def _add(self, member_id: str | None, role: str) -> None:
        if not member_id:
            return
        from db.groups import add_to_group
        from desktop.ops import CollectionOp
        gid, office = self.group_id, self.ctx.office_id
        CollectionOp(self.ctx, parent=self, op=lambda db: add_to_group(db, gid, member_id, role=role,
                                                                       office_id=office)).run_in_background()

    def change_role(self) -> None:
        m = self._selected_membership()
        if m is None:
            return
        dialog = RoleDialog(m.name, m.role, self)
        dialog.accepted.connect(lambda: self._set_role(m.membership_id, dialog.role()))
        dialog.open()
        self._dialog = dialog

    def _set_role(self, membership_id: str, role: str) -> None:
        from db.groups import set_role
        from desktop.ops import CollectionOp
        office = self.ctx.office_id
        CollectionOp(self.ctx, parent=self,
                     op=lambda db: set_role(db, membership_id, role, office_id=office)).run_in_background()

    def remove_member(self) -> None:
        m = self._selected_membership()
        if m is None:
            return
        if not confirm(self, self.tr("Remove from group"),
            self.tr("Remove %1 from this group as of today? The member's past records stay.").replace("%1", m.name),
            self.tr("Remove from the group")):
            return
        from db.groups import leave_group
        from desktop.ops import CollectionOp
        on = self.ctx.today().isoformat()
        CollectionOp(self.ctx, parent=self,
                     op=lambda db: leave_group(db, m.membership_id, on=on)).run_in_background()


class RoleDialog(QDialog):
    def __init__(self, name: str, role: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Role of %1").replace("%1", name))
        lay = QVBoxLayout(self)
        self.combo = QComboBox(self)
        for value, text in enum_choices("membership_role"):
            self.combo.addItem(text, value)
        self.combo.setCurrentIndex(max(0, self.combo.findData(role)))
        lay.addWidget(self.combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)

    def role(self) -> str:
        return self.combo.currentData()


class AddMemberDialog(QDialog):
    """Pick a member who is not yet in the group (type to filter), and their role."""

    def __init__(self, ctx, group_id: str, parent=None):
        super().__init__(parent)
        from db.members import member_choices
        in_group = {m for m, _ in member_choices(ctx.db, group_id=group_id)}
        self.choices = [(mid, name) for mid, name in member_choices(ctx.db) if mid not in in_group]
        self.setWindowTitle(self.tr("Add a member to the group"))
        lay = QVBoxLayout(self)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Type part of the name, or its pinyin"))
        self.filter.setClearButtonEnabled(True)
        lay.addWidget(self.filter)
        self.list = QListWidget(self)
        for mid, name in self.choices:
            item = QListWidgetItem(name, self.list)
            item.setData(ID_ROLE, mid)
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.role_label = QLabel(self.tr("Role"), self)
        self.role_combo = QComboBox(self)
        for value, text in enum_choices("membership_role"):
            self.role_combo.addItem(text, value)
        self.role_combo.setCurrentIndex(self.role_combo.findData("member"))
        row.addWidget(self.role_label)
        row.addWidget(self.role_combo, 1)
        lay.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.filter.textChanged.connect(self._on_filter)
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        if self.list.count():
            self.list.setCurrentRow(0)
        self.resize(360, 420)

    def _on_filter(self, text: str) -> None:
        from db.sortkey import name_pinyin

        # wangyan or wy finds 王䶮, as in the members list
        text = text.strip()
        first = None
        for i in range(self.list.count()):
            item = self.list.item(i)
            hide = bool(text) and text not in item.text() and text.lower() not in name_pinyin(item.text())
            item.setHidden(hide)
            if not hide and first is None:
                first = i
        if first is not None:
            self.list.setCurrentRow(first)

    def member_id(self) -> str | None:
        item = self.list.currentItem()
        return item.data(ID_ROLE) if item is not None and not item.isHidden() else None

    def role(self) -> str:
        return self.role_combo.currentData()


class GroupsPage(ListPage):
    settings_key = "groups"
    split_stretch = (1, 1)
    watched_tables = frozenset({"liaison_group", "membership", "member"})

    def make_model(self):
        from desktop.models.groups import GroupListModel
        return GroupListModel(self.ctx, self)

    def build_detail(self):
        return GroupDetail(self)

    def page_title(self) -> str:
        return self.tr("Liaison groups")

    def new_button_text(self) -> str:
        return self.tr("New group")

    def retranslate(self) -> None:
        super().retranslate()
        if self.detail is not None:
            self.detail.retranslate()

    def refresh(self) -> None:
        super().refresh()
        self.detail.show_record(self.detail.group_id)

    def open_record(self, record_id: str) -> None:
        from desktop.dialogs.group_editor import GroupEditor
        self.table.select_id(record_id)
        GroupEditor(self.ctx, record_id, self).open()

    def new_record(self) -> None:
        from desktop.dialogs.group_editor import GroupEditor
        editor = GroupEditor(self.ctx, None, self)
        editor.saved.connect(self.table.select_id)
        editor.open()

    def delete_selected(self) -> None:
        gid = self.current_id()
        if gid is None:
            return
        from db.groups import delete_group, load_group
        name = load_group(self.ctx.db, gid).name
        if not confirm(self, self.tr("Delete group"),
                                      self.tr("Delete the group “%1”? Only a group without any records can be "
                                              "deleted.").replace("%1", name), self.tr("Delete the group")):
            return
        from desktop.ops import CollectionOp
        CollectionOp(self.ctx, parent=self, op=lambda db: delete_group(db, gid)).run_in_background()


PAGE_CLASS = GroupsPage
