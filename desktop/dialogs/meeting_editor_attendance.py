"""Meeting editor, attendance tab: tick the group's members (present / on leave with a reason / absent)
and list the guests attending (列席) with their unit and kind."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import enum_label

STATUSES = ("present", "leave", "absent")


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


class AttendanceWidget(QWidget):
    """The members' sheet. value(): [{"member_id", "status" (None: not recorded), "reason"}]."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._lines: list[dict] = []           # member_id, name, role, status, reason
        self._groups: list[QButtonGroup] = []
        self._reasons: list[QLineEdit] = []
        self._radios: list[dict[str, QRadioButton]] = []
        self._filling = False
        self._read_only = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        bar.addWidget(self.summary, 1)
        self.all_present = QPushButton(self)
        self.all_present.clicked.connect(self.mark_rest_present)
        bar.addWidget(self.all_present)
        lay.addLayout(bar)
        self.table = QTableWidget(0, 6, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Tab goes from member to member (and into the reason when on leave), the arrow keys between 出席, 请假
        # and 缺席, Space ticks: the table's own Tab moved a cell cursor that ticked nothing, and a member could
        # not be marked without the mouse
        self.table.setTabKeyNavigation(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(5, QHeaderView.ResizeMode.Stretch)
        for col, width in enumerate((150, 90, 64, 64, 64)):
            self.table.setColumnWidth(col, width)
        lay.addWidget(self.table, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.all_present.setText(self.tr("Mark the others present"))
        self.table.setHorizontalHeaderLabels([self.tr("Member"), self.tr("Role"),
                                              *(enum_label("attendance_status", s) for s in STATUSES),
                                              self.tr("Reason for leave")])
        for row, line in enumerate(self._lines):
            item = self.table.item(row, 1)
            if item is not None:
                item.setText(enum_label("membership_role", line["role"]) if line["role"] else self.tr("Other"))
        # the role whole in either language (English "Deputy convener" was cut to "Deputy …" at 90 px)
        self.table.resizeColumnToContents(1)
        self.table.setColumnWidth(1, max(90, self.table.columnWidth(1)))
        for reason in self._reasons:
            reason.setPlaceholderText(self.tr("e.g. away on official business"))
        self._update_summary()

    # -- roster ---------------------------------------------------------------------
    def set_roster(self, roster: list[tuple[str, str, str | None]], *, keep_others: bool = True) -> None:
        """Show these members (id, name, role) — after the group or the date changed — keeping what
        was ticked for those still listed, and (`keep_others`: the same group on another day) every other
        member already ticked. Another group's members are not kept: ticked under the group chosen first by
        mistake, they stood on the right group's sheet as present and were printed under 出席."""
        old = {line["member_id"]: line for line in self._lines}
        lines = []
        for member_id, name, role in roster:
            prev = old.pop(member_id, None)
            lines.append({"member_id": member_id, "name": name, "role": role,
                          "status": prev["status"] if prev else None, "reason": prev["reason"] if prev else None})
        if keep_others:
            lines += [line for line in old.values() if line["status"]]
        self._set_lines(lines)

    def _set_lines(self, lines: list[dict]) -> None:
        self._filling = True
        try:
            self._lines = lines
            self._groups, self._reasons, self._radios = [], [], []
            self.table.clearContents()
            self.table.setRowCount(len(lines))
            for row, line in enumerate(lines):
                name = QTableWidgetItem(line["name"])
                self.table.setItem(row, 0, name)
                self.table.setItem(row, 1, QTableWidgetItem(""))
                group = QButtonGroup(self)
                group.setExclusive(True)
                radios = {}
                for col, status in enumerate(STATUSES, start=2):
                    cell = QWidget(self.table)
                    cl = QHBoxLayout(cell)
                    cl.setContentsMargins(0, 0, 0, 0)
                    cl.setAlignment(Qt.AlignmentFlag.AlignCenter)
                    radio = QRadioButton(cell)
                    radio.setAccessibleName(f"{line['name']} {status}")
                    radio.installEventFilter(self)
                    cl.addWidget(radio)
                    group.addButton(radio)
                    radios[status] = radio
                    self.table.setCellWidget(row, col, cell)
                    if line["status"] == status:
                        radio.setChecked(True)
                group.buttonToggled.connect(lambda _b, on, r=row: on and self._on_status(r))
                reason = QLineEdit(line["reason"] or "", self.table)
                reason.setMaxLength(200)
                reason.setEnabled(line["status"] == "leave")
                reason.textChanged.connect(lambda text, r=row: self._on_reason(r, text))
                reason.installEventFilter(self)
                self.table.setCellWidget(row, 5, reason)
                self._groups.append(group)
                self._reasons.append(reason)
                self._radios.append(radios)
        finally:
            self._filling = False
        previous = self.all_present                      # Tab: each member's buttons and reason, in sheet order
        for radios, reason in zip(self._radios, self._reasons, strict=True):
            for widget in (*radios.values(), reason):
                QWidget.setTabOrder(previous, widget)
                previous = widget
        self.retranslate()
        if self._read_only:
            self.set_read_only(True)

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusIn:         # the member reached by Tab is scrolled into view
            for row, radios in enumerate(self._radios):
                if watched is self._reasons[row] or any(watched is r for r in radios.values()):
                    self.table.scrollTo(self.table.model().index(row, 0))
                    break
        return super().eventFilter(watched, event)

    # -- editing --------------------------------------------------------------------
    def radio(self, member_id: str, status: str) -> QRadioButton:
        return self._radios[self.row_of(member_id)][status]

    def reason_edit(self, member_id: str) -> QLineEdit:
        return self._reasons[self.row_of(member_id)]

    def row_of(self, member_id: str) -> int:
        return next(i for i, line in enumerate(self._lines) if line["member_id"] == member_id)

    def _on_status(self, row: int) -> None:
        status = next(s for s, r in self._radios[row].items() if r.isChecked())
        self._lines[row]["status"] = status
        self._reasons[row].setEnabled(status == "leave")
        if status == "leave":
            self._reasons[row].setFocus()
        self._edited()

    def _on_reason(self, row: int, text: str) -> None:
        self._lines[row]["reason"] = _clean(text)
        self._edited()

    def _edited(self) -> None:
        if not self._filling:
            self._update_summary()
            self.changed.emit()

    def mark_rest_present(self) -> None:
        for row, line in enumerate(self._lines):
            if not line["status"]:
                self._radios[row]["present"].setChecked(True)

    def _update_summary(self) -> None:
        counts = {s: sum(1 for line in self._lines if line["status"] == s) for s in STATUSES}
        self.summary.setText(self.tr("Due %1 · present %2 · on leave %3 · absent %4 · not recorded %5")
                             .replace("%1", str(len(self._lines))).replace("%2", str(counts["present"]))
                             .replace("%3", str(counts["leave"])).replace("%4", str(counts["absent"]))
                             .replace("%5", str(sum(1 for line in self._lines if not line["status"]))))

    # -- value ----------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]]:
        return [{"member_id": line["member_id"], "name": line["name"], "role": line["role"],
                 "status": line["status"], "reason": line["reason"] if line["status"] == "leave" else None}
                for line in self._lines]

    def set_value(self, value: list[dict] | None) -> None:
        self._set_lines([{"member_id": v["member_id"], "name": v.get("name") or "", "role": v.get("role"),
                          "status": v.get("status"), "reason": v.get("reason")} for v in value or []])

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.all_present.setEnabled(not read_only)
        for radios in self._radios:
            for r in radios.values():
                r.setEnabled(not read_only)
        for row, reason in enumerate(self._reasons):
            reason.setReadOnly(read_only)
            reason.setEnabled(self._lines[row]["status"] == "leave")

    def check(self, value) -> str | None:
        for line in value or []:
            if line["status"] and line["status"] not in STATUSES:     # changed outside the program: none ticked
                return self.tr("The attendance of %1 is not recognised (%2): the record was changed outside this "
                               "program. Mark them present, on leave or absent.") \
                    .replace("%1", line.get("name") or "").replace("%2", line["status"])
            if line["status"] == "leave" and not line.get("reason"):
                return self.tr("Please give the reason for %1's leave.").replace("%1", line.get("name") or "")
        return None


class GuestsWidget(QWidget):
    """Guests attending (列席): name, unit, kind. value(): [{"id"?, "guest_name", "guest_unit", "guest_kind_id"}]."""

    changed = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        from db.reference import items
        self.kinds = [(i.id, ctx.pick(i.name, i.name_en)) for i in items(ctx.db, "guest_kind")]
        self._ids: list[str | None] = []
        self._filling = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.title = QLabel(self)
        self.title.setObjectName("sectionTitle")
        bar.addWidget(self.title, 1)
        self.add_button = QPushButton(self)
        self.add_button.clicked.connect(lambda: self.add_guest())
        self.remove_button = QPushButton(self)
        self.remove_button.clicked.connect(self.remove_current)
        bar.addWidget(self.add_button)
        bar.addWidget(self.remove_button)
        lay.addLayout(bar)
        self.table = QTableWidget(0, 3, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Tab leaves the table once a guest is typed (Tab while typing still goes on to the unit): the table's
        # own Tab went round its cells for ever, and 保存 could not be reached without the mouse
        self.table.setTabKeyNavigation(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 150)
        self.table.setColumnWidth(2, 150)
        self.table.itemChanged.connect(lambda _i: self._edited())
        self.table.currentCellChanged.connect(lambda *_a: self._update_remove())
        lay.addWidget(self.table, 1)
        self._read_only = False
        self.retranslate()
        self._update_remove()

    def _update_remove(self) -> None:
        """删除列席人员 removes the guest whose row is current: with none (no guests yet) it is off and says so
        (it did nothing when pressed)."""
        has = 0 <= self.table.currentRow() < self.table.rowCount()
        self.remove_button.setEnabled(has and not self._read_only)
        self.remove_button.setToolTip("" if has else self.tr("Choose a guest in the list first."))

    def retranslate(self) -> None:
        self.title.setText(self.tr("Guests attending (residents, department staff, experts)"))
        self.add_button.setText(self.tr("Add guest"))
        self.remove_button.setText(self.tr("Remove guest"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Unit"), self.tr("Kind")])

    def _edited(self) -> None:
        if not self._filling:
            self.changed.emit()

    def _combo(self, kind_id: str | None) -> QComboBox:
        combo = QComboBox(self.table)
        combo.addItem("", None)
        for value, text in self.kinds:
            combo.addItem(text, value)
        combo.setCurrentIndex(max(combo.findData(kind_id), 0) if kind_id else 0)
        combo.currentIndexChanged.connect(lambda _i: self._edited())
        return combo

    def add_guest(self, name: str = "", unit: str = "", kind_id: str | None = None, guest_id: str | None = None) -> int:
        row = self.table.rowCount()
        was = self._filling
        self._filling = True
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        self.table.setItem(row, 1, QTableWidgetItem(unit))
        self.table.setCellWidget(row, 2, self._combo(kind_id))
        self._ids.append(guest_id)
        self._filling = was
        if not was:
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self.table.item(row, 0))
            self.changed.emit()
        return row

    def remove_current(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            del self._ids[row]
            self.changed.emit()
        self._update_remove()

    def _row_value(self, row: int) -> dict[str, Any]:
        return {"id": self._ids[row], "guest_name": _clean(self.table.item(row, 0).text()),
                "guest_unit": _clean(self.table.item(row, 1).text()),
                "guest_kind_id": self.table.cellWidget(row, 2).currentData()}

    def _shown_rows(self) -> list[int]:
        """The rows that are guests: not a new one left entirely blank (added, nothing typed or chosen yet),
        which is no error (添加列席人员 showed 第 1 位列席人员没有填写姓名 before a key was pressed) and not saved."""
        return [row for row in range(self.table.rowCount()) if not _blank_new(self._row_value(row))]

    def value(self) -> list[dict[str, Any]]:
        return [self._row_value(row) for row in self._shown_rows()]

    def number(self, i: int) -> int:
        """The number the table shows for the `i`-th guest of value() (a blank new row keeps its place)."""
        rows = self._shown_rows()
        return rows[i] + 1 if i < len(rows) else i + 1

    def set_value(self, value: list[dict] | None) -> None:
        self._filling = True
        try:
            self.table.setRowCount(0)
            self._ids = []
            for g in value or []:
                self.add_guest(g.get("guest_name") or "", g.get("guest_unit") or "", g.get("guest_kind_id"),
                               g.get("id"))
        finally:
            self._filling = False
        self._update_remove()

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        self.add_button.setEnabled(not read_only)
        self._update_remove()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers if read_only else
                                   QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        for row in range(self.table.rowCount()):
            self.table.cellWidget(row, 2).setEnabled(not read_only)

    def check(self, value) -> str | None:
        seen: dict[tuple[str, str], int] = {}
        for i, g in enumerate(value or []):
            n = self.number(i)
            if not g["guest_name"]:
                return self.tr("Guest %1 has no name.").replace("%1", str(n))
            if g["guest_unit"] and len(g["guest_unit"]) > 200:
                return self.tr("The unit of guest %1 is too long (at most 200 characters).").replace("%1", str(n))
            # the same person entered twice would be printed twice in the minutes' 列席 and counted twice
            key = (g["guest_name"], g["guest_unit"] or "")
            if key in seen:
                return self.tr("Guests %1 and %2 have the same name and unit: remove the one entered twice "
                               "(two different people: tell them apart in the name).") \
                    .replace("%1", str(seen[key])).replace("%2", str(n))
            seen[key] = n
        return None


def _blank_new(guest: dict[str, Any]) -> bool:
    return guest["id"] is None and not guest["guest_name"] and not guest["guest_unit"] and not guest["guest_kind_id"]
