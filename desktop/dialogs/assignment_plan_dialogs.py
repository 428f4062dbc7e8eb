"""Dialogs of the 协商计划 page (desktop.pages.plan): a new plan topic, picking a record to link, scheduling a
回头看 re-inspection and recording what it found (db.plan, db.reinspection). Built on the 交办 dialogs' base."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.dialogs.assignment_dialogs import OpDialog
from desktop.widgets.fields import DateEdit


def _checklist(parent, items: list[tuple[str, str]]) -> QListWidget:
    lst = QListWidget(parent)
    for rid, text in items:
        it = QListWidgetItem(text, lst)
        it.setData(Qt.ItemDataRole.UserRole, rid)
        it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        it.setCheckState(Qt.CheckState.Unchecked)
    return lst


def _checked(lst: QListWidget) -> list[str]:
    return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
            if lst.item(i).checkState() == Qt.CheckState.Checked]


class NewTopicDialog(OpDialog):
    """A topic of this office's yearly consultation plan, new or (`topic`, a db.plan.PlanTopic) to correct.
    `done_with(topic id)`; when correcting, the changed field names."""

    def __init__(self, ctx, year: int, groups: list[tuple[str, str]], parent: QWidget | None = None, *,
                 topic=None):
        super().__init__(ctx, parent)
        from db.plan import SOURCE_LABELS
        from desktop.dialogs.act_then_close import line_edit
        self.topic = topic
        self.setWindowTitle(self.tr("New plan topic") if topic is None else self.tr("Edit plan topic"))
        self.resize(560, 520)
        form = QFormLayout()
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.year.setValue(year if topic is None else topic.year)
        form.addRow(self.tr("Year"), self.year)
        self.month = QSpinBox(self)
        self.month.setRange(0, 12)
        self.month.setSpecialValueText(self.tr("Not fixed"))
        self.month.setValue(0 if topic is None else topic.month or 0)
        form.addRow(self.tr("Month"), self.month)
        self.title = line_edit(self, "" if topic is None else topic.title, "plan_topic.title")     # a long paste: said, never cut
        form.addRow(self.tr("Topic"), self.title)
        self.description = QPlainTextEdit(self)
        self.description.setMaximumHeight(80)
        if topic is not None:
            self.description.setPlainText(topic.description or "")
        form.addRow(self.tr("Description"), self.description)
        self.source = QComboBox(self)
        for key, (zh, en) in SOURCE_LABELS.items():
            self.source.addItem(self.ctx.pick(zh, en), key)
        if topic is not None:
            self.source.setCurrentIndex(max(0, self.source.findData(topic.source_kind)))
        form.addRow(self.tr("Source"), self.source)
        self.source_text = line_edit(self, "" if topic is None else topic.source_text or "",
                                     "plan_topic.source_text")
        form.addRow(self.tr("Source note"), self.source_text)
        if topic is None:
            self.groups = _checklist(self, groups)
            self.groups.setMaximumHeight(110)
            form.addRow(self.tr("Leading groups"), self.groups)
            if not groups:          # a district or city without groups of its own: say so, not an empty box
                self.groups.setVisible(False)
                form.addRow("", QLabel(self.tr("This office has no liaison group of its own yet (add one on the "
                                               "Liaison groups page to have it lead a topic)."), self))
        else:
            self.groups = None
            leads = QLabel(self.ctx.pick("、", ", ").join(topic.lead_groups) or "—", self)
            leads.setWordWrap(True)
            form.addRow(self.tr("Leading groups"), leads)
            self.resize(560, 380)
        self.lay.addLayout(form)
        self.lay.addStretch(1)
        self.finish_layout()

    def check(self) -> str | None:
        return None if self.title.text().strip() else self.tr("Write the topic.")

    def work(self, db):
        from db.plan import add_topic, update_topic
        values = dict(year=self.year.value(), month=self.month.value() or None, title=self.title.text(),
                      description=self.description.toPlainText() or None, source_kind=self.source.currentData(),
                      source_text=self.source_text.text() or None)
        if self.topic is not None:
            return update_topic(db, self.topic.id, **values)
        return add_topic(db, **values, lead_group_ids=_checked(self.groups))


class PickRecordDialog(OpDialog):
    """Choose one of `records` ((table, id, description)); OK runs `op(db, table, id)`."""

    def __init__(self, ctx, title: str, caption: str, records: list[tuple[str, str, str]], op,
                 parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.setWindowTitle(title)
        self.resize(620, 420)
        self.records, self._op = records, op
        label = QLabel(caption, self)
        label.setWordWrap(True)
        self.lay.addWidget(label)
        self.list = QListWidget(self)
        for _t, _id, text in records:
            self.list.addItem(text)
        if records:
            self.list.setCurrentRow(0)
        self.lay.addWidget(self.list, 1)
        if not records:
            self.lay.addWidget(QLabel(self.tr("Nothing to choose from yet."), self))
        self.finish_layout()

    def check(self) -> str | None:
        return None if self.list.currentRow() >= 0 else self.tr("Choose a record.")

    def work(self, db):
        table, rid, _text = self.records[self.list.currentRow()]
        return self._op(db, table, rid)


class ScheduleReinspectionDialog(OpDialog):
    """回头看: the visit that will re-inspect a closed follow-up. `done_with(re-inspection id)`."""

    field_widgets = {**OpDialog.field_widgets, "planned_on": "date", "visit_date": "date"}

    def __init__(self, ctx, follow_up_id: str, follow_up_title: str, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        from db.record_lookups import groups_for_new
        from db.reference import items
        self.follow_up_id = follow_up_id
        self.setWindowTitle(self.tr("Schedule a re-inspection"))
        self.resize(560, 520)
        head = QLabel(self.tr("Re-inspect “%1”").replace("%1", follow_up_title), self)
        head.setWordWrap(True)
        self.lay.addWidget(head)
        form = QFormLayout()
        self.date = DateEdit(self)            # a typed year is kept (QDateEdit's sections lost it)
        self.date.setText((self.ctx.today() + dt.timedelta(days=7)).isoformat())
        form.addRow(self.tr("Date"), self.date)
        self.group = QComboBox(self)
        for gid, name in groups_for_new(ctx.db, ctx.permissions, "visit"):
            self.group.addItem(name, gid)
        form.addRow(self.tr("Group"), self.group)
        self.kind = QComboBox(self)
        kinds = items(ctx.db, "visit_kind")
        for it in kinds:
            self.kind.addItem(self.ctx.pick(it.name, it.name_en), it.id)
        # a re-inspection goes out (出诊（走访）): chosen by its code, the names differ by office and language
        self.kind.setCurrentIndex(max(self.kind.findData(next((it.id for it in kinds if it.code == "outreach"),
                                                               None)), 0))
        form.addRow(self.tr("Kind"), self.kind)
        self.place = QLineEdit(self)
        form.addRow(self.tr("Place"), self.place)
        self.members_box = QWidget(self)
        self.members_lay = QVBoxLayout(self.members_box)
        self.members_lay.setContentsMargins(0, 0, 0, 0)
        self.members = _checklist(self, [])
        self.members.setMinimumHeight(120)      # it takes the dialog's height: a whole group shows, no gap
        self.members_lay.addWidget(self.members)
        form.addRow(self.tr("Members who go"), self.members_box)
        self.lay.addLayout(form)
        self.group.currentIndexChanged.connect(lambda _i: self._fill_members())
        self._fill_members()
        self.finish_layout()

    def _fill_members(self) -> None:
        from db.record_lookups import member_choices
        self.members.clear()
        for mid, name in member_choices(self.ctx.db, self.group.currentData()):
            it = QListWidgetItem(name, self.members)
            it.setData(Qt.ItemDataRole.UserRole, mid)
            it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            it.setCheckState(Qt.CheckState.Unchecked)

    def check(self) -> str | None:
        if self.group.currentData() is None:
            return self.tr("This office has no liaison group to make the visit.")
        if not self.place.text().strip():
            return self.tr("Write where the re-inspection goes.")
        if not _checked(self.members):
            return self.tr("Tick at least one member who goes.")
        return None

    def work(self, db):
        from db.reinspection import schedule
        return schedule(db, self.follow_up_id, planned_on=self.date.text().strip(),
                        group_id=self.group.currentData(), kind_id=self.kind.currentData(),
                        member_ids=_checked(self.members), place=self.place.text())


class FindingsDialog(OpDialog):
    """What a re-inspection found; reopen the follow-up with a reason when the problem came back."""

    def __init__(self, ctx, reinspection_id: str, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.reinspection_id = reinspection_id
        self.setWindowTitle(self.tr("Re-inspection findings"))
        self.resize(560, 420)
        self.lay.addWidget(QLabel(self.tr("What the re-inspection found:"), self))
        self.findings = QPlainTextEdit(self)
        self.lay.addWidget(self.findings, 1)
        self.reopen = QCheckBox(self.tr("The problem came back: reopen the follow-up"), self)
        self.lay.addWidget(self.reopen)
        self.reason = QPlainTextEdit(self)
        self.reason.setMaximumHeight(70)
        self.reason.setPlaceholderText(self.tr("Why it is reopened"))
        self.reason.setEnabled(False)
        self.reopen.toggled.connect(self.reason.setEnabled)
        self.lay.addWidget(self.reason)
        self.finish_layout()

    def check(self) -> str | None:
        if not self.findings.toPlainText().strip():
            return self.tr("Write what was found.")
        if self.reopen.isChecked() and not self.reason.toPlainText().strip():
            return self.tr("Write why it is reopened.")
        return None

    def work(self, db):
        from db.reinspection import record_findings
        return record_findings(db, self.reinspection_id, self.findings.toPlainText(),
                               reopen_reason=self.reason.toPlainText() if self.reopen.isChecked() else None)
