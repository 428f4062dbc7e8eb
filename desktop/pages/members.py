"""委员: the members list (filter by status and group), and the selected member's page: groups, levels,
sector, party, contact, and everything the member took part in."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.labels import enum_label
from desktop.pages.base import ListPage
from desktop.widgets.confirm import confirm

ID_ROLE = int(Qt.ItemDataRole.UserRole) + 1
WHOLE_ROLE = int(Qt.ItemDataRole.UserRole) + 2      # 类别/情况 on one line (the cell may show it on two)
_KIND_PAGE = {"meeting": "meetings", "visit": "visits", "report": "opinions", "follow_up": "followups"}
_DETAIL_ENUM = {"meeting": "attendance_status", "report": "report_state", "follow_up": "followup_state"}


def _aside(text: str, zh: bool) -> str:
    """（…） in Chinese, " (…)" in English: 新华路街道委员联络组（Group member） read as a typo."""
    return f"（{text}）" if zh else f" ({text})"


_NO_BREAK_AFTER = frozenset("（(《“‘「『【")
_NO_BREAK_BEFORE = frozenset("，。、；：！？）)》”’」』】")
_GOOD_BREAK_AFTER = frozenset("，、；： ")


def two_lines(text: str, fm) -> list[str]:
    """`text` as the two lines that read best: at a space or after a comma where that is about as short, never
    inside brackets (出诊 / （走访）, not 出诊（走 / 访）) nor before a closing mark; English only between words."""
    best, best_cost = [text], None
    depth = 0
    for i in range(1, len(text)):
        ch, prev = text[i], text[i - 1]
        depth += (prev in "（(") - (prev in "）)")
        if depth > 0 or prev in _NO_BREAK_AFTER or ch in _NO_BREAK_BEFORE:
            continue
        if ord(prev) < 0x2E80 and ord(ch) < 0x2E80 and " " not in (prev, ch):
            continue                    # inside a word (or a number) of English
        left, right = text[:i].rstrip(), text[i:].lstrip()
        if not left or not right:
            continue
        cost = max(fm.horizontalAdvance(left), fm.horizontalAdvance(right))
        if prev in _GOOD_BREAK_AFTER or ch in "（(":
            cost *= 0.8
        if best_cost is None or cost < best_cost:
            best, best_cost = [left, right], cost
    return best


class MemberDetail(QWidget):
    """The selected member's profile and activity (read on a worker: a long career has many rows)."""

    def __init__(self, page: MembersPage):
        super().__init__(page)
        self.page, self.ctx = page, page.ctx
        self.member_id: str | None = None
        self.member = None
        self.activity: list = []
        self._request = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(8, 0, 0, 0)
        head = QHBoxLayout()
        self.name = QLabel(self)
        self.name.setObjectName("sectionTitle")
        head.addWidget(self.name, 1)
        self.edit_button = QPushButton(self)
        self.edit_button.clicked.connect(self._on_edit)
        self.retire_button = QPushButton(self)
        self.retire_button.clicked.connect(self.page.retire_or_reinstate)
        head.addWidget(self.edit_button)
        head.addWidget(self.retire_button)
        lay.addLayout(head)
        self.info = QFormLayout()
        self.info.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.info.setVerticalSpacing(3)
        self.info_labels: dict[str, tuple[QLabel, QLabel]] = {}
        for key in ("basics", "party", "sector", "post", "unit", "phone", "levels", "groups", "expertise"):
            caption, value = QLabel(self), QLabel(self)
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.info.addRow(caption, value)
            self.info_labels[key] = (caption, value)
        lay.addLayout(self.info)
        score_row = QHBoxLayout()            # this year's duty score, explained line by line on request
        self.score_label = QLabel(self)
        self.score_label.setWordWrap(True)           # the line for a member not scored here is longer
        score_row.addWidget(self.score_label, 1)
        self.score_button = QPushButton(self)
        self.score_button.clicked.connect(lambda: self.show_score())
        score_row.addWidget(self.score_button)
        lay.addLayout(score_row)
        self.score = None
        self.score_dialog = None
        head2 = QHBoxLayout()
        self.activity_title = QLabel(self)
        self.activity_title.setObjectName("sectionTitle")
        head2.addWidget(self.activity_title)
        head2.addStretch(1)
        self.activity_filter = QComboBox(self)
        self.activity_filter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.activity_filter.currentIndexChanged.connect(lambda _i: self._fill_activity())
        head2.addWidget(self.activity_filter)
        lay.addLayout(head2)
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        lay.addWidget(self.summary)
        self.table = QTableWidget(0, 4, self)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        # 内容 on two lines in rows two lines tall, cut with … at the end of the second: on one line, in a detail
        # pane about 380 px wide at 1366×768, it showed three characters (关于松…)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(2 * self.table.fontMetrics().lineSpacing() + 10)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setMinimumSectionSize(24)
        self.table.cellDoubleClicked.connect(self._on_open)
        self.table.viewport().installEventFilter(self)
        lay.addWidget(self.table, 1)
        self.retranslate()
        self.show_record(None)

    def _on_edit(self) -> None:
        if self.member_id:
            self.page.open_record(self.member_id)

    def retranslate(self) -> None:
        captions = {"basics": self.tr("Personal"), "party": self.tr("Party"), "sector": self.tr("Sector"),
                    "post": self.tr("Post"), "unit": self.tr("Work unit"), "phone": self.tr("Phone"),
                    "levels": self.tr("Levels"), "groups": self.tr("Groups"), "expertise": self.tr("Expertise")}
        for key, (caption, _v) in self.info_labels.items():
            caption.setText(captions[key])
        self.edit_button.setText(self.tr("Edit…"))
        self.score_button.setText(self.tr("Score details…"))
        self.activity_title.setText(self.tr("Took part in"))
        current = self.activity_filter.currentData()
        self.activity_filter.blockSignals(True)
        self.activity_filter.clear()
        for value, text in ((None, self.tr("Everything")), ("meeting", self.tr("Meetings")),
                            ("visit", self.tr("Visits")), ("report", self.tr("Reports")),
                            ("follow_up", self.tr("Follow-ups"))):
            self.activity_filter.addItem(text, value)
        self.activity_filter.setCurrentIndex(max(0, self.activity_filter.findData(current)))
        self.activity_filter.blockSignals(False)
        self.table.setHorizontalHeaderLabels([self.tr("Date"), self.tr("Kind"), self.tr("What"), self.tr("Status")])
        self._fill()

    def show_record(self, member_id: str | None) -> None:
        self.member_id = member_id
        self._request += 1
        if member_id is None:
            self.member, self.activity, self.score = None, [], None
            self._fill()
            return
        from desktop.ops import QueryOp
        request = self._request

        year = self.ctx.today().year

        def load(db):
            from db.errors import NotFound
            from db.members import load_member, member_activity
            from db.scoring import score_members
            try:
                member, activity = load_member(db, member_id), member_activity(db, member_id)
            except NotFound:
                return None, [], None
            found = score_members(db, year, member_ids=[member_id])
            return member, activity, (found[0] if found else None)

        def show(result):
            if request == self._request:
                self.member, self.activity, self.score = result
                self._fill()
        QueryOp(self.ctx, parent=self, op=load, success=show).run_in_background()

    def is_loading(self) -> bool:
        return self.member_id is not None and (self.member is None or self.member.id != self.member_id)

    def _fill(self) -> None:
        m = self.member
        for w in (self.edit_button, self.retire_button, self.activity_filter):
            w.setEnabled(m is not None)
        unscored = self.score is not None and self.score.groups is None and not self.score.lines
        self.score_button.setEnabled(self.score is not None and not unscored)
        if unscored:
            # in none of this office's groups and nothing of theirs here (a member of another district's group, seen
            # on the shared roster): "0 分，不合格" was a verdict on records this office does not hold, and the
            # 履职积分 tab does not list them
            self.score_label.setText(self.tr("%1: in no liaison group of this office, no duty records here: "
                                             "not scored here").replace("%1", str(self.score.year)))
        elif self.score is not None:
            from desktop.dialogs.member_score import summary_text
            self.score_label.setText(summary_text(self.score, "zh" if self.ctx.is_zh() else "en"))
        else:
            self.score_label.setText("")
        if m is None:
            self.name.setText(self.tr("No member selected"))
            for _c, v in self.info_labels.values():
                v.clear()
            self.summary.clear()
            self.table.setRowCount(0)
            return
        retired = m.status == "retired"
        may = self.ctx.permissions.may_write("member", m.office_id, ["status"])
        self.retire_button.setEnabled(may)
        zh = self.ctx.is_zh()
        self.name.setText(m.name + (_aside(enum_label('member_status', 'retired'), zh) if retired else ""))
        # short, so the page fits 1366 px (委员离任（退出所有联络组）… pushed the buttons past the edge)
        self.retire_button.setText(self.tr("Reinstate") if retired else self.tr("Retire…"))
        if not may:         # why it is off, not what it would do
            self.retire_button.setToolTip(self.ctx.permissions.refusal("member", m.office_id, ()).message(self.ctx.lang))
        else:
            self.retire_button.setToolTip("" if retired else self.tr(
                "Mark the member as retired from the roster: they leave every group; their record of duties is "
                "kept"))
        # the editor opens read-only where this office may not change the member: say so on the button
        self.edit_button.setText(self.tr("Edit…") if self.ctx.permissions.may_change_any("member", m.office_id)
                                 else self.tr("View…"))
        pick = self.ctx.pick
        basics = [enum_label("sex", m.sex), pick(*m.ethnicity), m.birth_date or ""]
        sep = "、" if self.ctx.is_zh() else ", "
        levels = sep.join(enum_label("member_level", lv.level) + (f" {lv.term}" if lv.term else "")
                          + (f" {enum_label('post', lv.post)}" if lv.post == "standing" else "") for lv in m.levels)
        groups = sep.join(g.group_name + _aside(enum_label('membership_role', g.role), zh) for g in m.groups
                          if not g.left_on)
        if not groups and any(g.left_on for g in m.groups):     # after 离任 her groups were gone from her record
            until = self.tr("until %1")
            formerly = self.tr("Formerly in %1")
            groups = formerly.replace("%1", sep.join(g.group_name + _aside(until.replace("%1", g.left_on), zh)
                                                     for g in m.groups if g.left_on))
        values = {"basics": " · ".join(x for x in basics if x), "party": pick(*m.party), "sector": pick(*m.sector),
                  "post": " · ".join(x for x in (enum_label("post", m.post), m.term or "") if x),
                  "unit": " · ".join(x for x in (m.work_unit, m.job_title) if x),
                  "phone": m.phone or "", "levels": levels, "groups": groups, "expertise": m.expertise or ""}
        for key, (_c, v) in self.info_labels.items():
            v.setText(values[key])
        self._fill_activity()

    def _fill_activity(self) -> None:
        kinds = {"meeting": 0, "visit": 0, "report": 0, "follow_up": 0}
        present = sum(1 for a in self.activity if a.kind == "meeting" and a.detail == "present")
        for a in self.activity:
            kinds[a.kind] += 1
        self.summary.setText(self.tr("Meetings %1 (attended %2), visits %3, reports %4, follow-ups %5")
                             .replace("%1", str(kinds["meeting"])).replace("%2", str(present))
                             .replace("%3", str(kinds["visit"])).replace("%4", str(kinds["report"]))
                             .replace("%5", str(kinds["follow_up"])) if self.member else "")
        wanted = self.activity_filter.currentData()
        rows = [a for a in self.activity if wanted is None or a.kind == wanted]
        names = {"meeting": self.tr("Meeting"), "visit": self.tr("Visit"), "report": self.tr("Report"),
                 "follow_up": self.tr("Follow-up")}
        visit_kinds = self._visit_kinds()
        self.table.setRowCount(len(rows))
        for i, a in enumerate(rows):
            if a.kind == "visit":
                status = visit_kinds.get(a.detail, a.detail or "")
            else:
                status = enum_label(_DETAIL_ENUM[a.kind], a.detail)
            if a.kind == "meeting" and a.speeches:
                status += self.tr(", spoke %1×").replace("%1", str(a.speeches))
            for j, text in enumerate((a.date or "", names[a.kind], a.title, status)):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, (a.kind, a.id))
                if j in (1, 3):
                    item.setData(WHOLE_ROLE, text)      # _fit_columns puts it on two lines where it must
                if j == 2:
                    item.setToolTip(f"{a.title}\n{a.group_name or ''}")
                self.table.setItem(i, j, item)
        self._fitted = (list(names.values()), sorted({self.table.item(i, 3).data(WHOLE_ROLE)
                                                     for i in range(len(rows))}))
        self._fit_columns()

    def _fit_columns(self) -> None:
        """The date as wide as a date, 类别 and 情况 as wide as their texts, 内容 the rest; where that leaves 内容 less
        than two fifths of the table (a narrow pane), 类别 and then 情况 go onto two lines to give it room."""
        kinds, statuses = getattr(self, "_fitted", ([], []))
        fm = self.table.fontMetrics()
        style = self.table.style()
        pad = 2 * (style.pixelMetric(style.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 1) + 6
        header = self.table.horizontalHeader()

        def head(col: int) -> int:
            item = self.table.horizontalHeaderItem(col)
            return header.fontMetrics().horizontalAdvance(item.text() if item else "") + 16

        def natural(texts) -> int:
            return max([fm.horizontalAdvance(t) + pad for t in texts], default=0)

        def halved(texts) -> int:       # the width that puts the longest on two lines: 走访/接待, not 走访接/待
            return max((max(fm.horizontalAdvance(line) for line in two_lines(t, fm)) + pad + 4 for t in texts),
                       default=0)
        date = max(head(0), natural(["0000-00-00"]))
        kind, status = max(head(1), natural(kinds)), max(head(3), natural(statuses))
        kind_halved, status_halved = min(kind, max(head(1), halved(kinds))), min(status, max(head(3), halved(statuses)))
        # 内容 keeps room for eight characters a line whatever the pane's share of the page: in English at 1024 px
        # the pane left it three (“Outreach visit”, “Follow-up” are wider than 出诊（走访）, 督办)
        self.table.setMinimumWidth(date + kind_halved + status_halved + fm.horizontalAdvance("国" * 8) + pad
                                   + 2 * self.table.frameWidth() + self.table.verticalScrollBar().sizeHint().width())
        room = self.table.viewport().width()
        if room - date - kind - status < room * 2 // 5:          # 类别 on two lines first (走访/接待), then 情况
            kind = kind_halved
        if room - date - kind - status < room * 2 // 5:
            status = status_halved
        self.table.setColumnWidth(0, date)
        self.table.setColumnWidth(1, kind)
        self.table.setColumnWidth(3, status)
        # a text the column holds on two lines is broken where it reads right (出诊 / （走访）): left to the cell,
        # the line broke inside the brackets (出诊（走 / 访）)
        for col, width in ((1, kind), (3, status)):
            for row in range(self.table.rowCount()):
                item = self.table.item(row, col)
                whole = item.data(WHOLE_ROLE) if item is not None else None
                if whole is None:
                    continue
                text = whole if fm.horizontalAdvance(whole) + pad <= width else "\n".join(two_lines(whole, fm))
                if item.text() != text:
                    item.setText(text)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()         # the pane resized, or its scroll bar came or went
        return super().eventFilter(watched, event)

    def show_score(self) -> None:
        """The score explained record by record, with printing for the head of the office."""
        if self.score is None:
            return
        from desktop.dialogs.member_score import MemberScoreDialog
        self.score_dialog = MemberScoreDialog(self.ctx, self.score, self)
        self.score_dialog.open()

    def _visit_kinds(self) -> dict[str, str]:
        from db.reference import items
        return {it.code: self.ctx.pick(it.name, it.name_en) for it in items(self.ctx.db, "visit_kind")}

    def _on_open(self, row: int, _col: int) -> None:
        item = self.table.item(row, 0)
        if item is not None:
            kind, rid = item.data(ID_ROLE)
            self.ctx.open_requested.emit(_KIND_PAGE[kind], rid)


class MembersPage(ListPage):
    settings_key = "members"
    # to fit 1366×768 beside the detail, which shows them: sex, post, levels; the state only under 全部
    default_hidden = ("sex", "post", "levels", "status")
    split_stretch = (2, 1)
    watched_tables = frozenset({"member", "membership", "member_level", "attendance", "visit_member",
                                "opinion_report", "follow_up"})
    retire_dialog = None            # 离任…: the day the member left

    def make_model(self):
        from desktop.models.members import MemberListModel
        model = MemberListModel(self.ctx, self)
        model.set_condition("status", "m.status = 'active'")
        return model

    def build_filters(self, bar) -> None:
        self.status_filter = QComboBox(self)
        self.status_filter.currentIndexChanged.connect(self._on_status)
        bar.addWidget(self.status_filter)
        self.group_filter = QComboBox(self)
        self.group_filter.setMinimumWidth(160)
        self.group_filter.currentIndexChanged.connect(self._on_group)
        bar.addWidget(self.group_filter)
        self.import_button = QPushButton(self)          # 从Excel导入…: the roster's workbook (district, city)
        self.import_button.clicked.connect(lambda: self.import_roster())
        bar.addWidget(self.import_button)

    def import_roster(self) -> None:
        from desktop.dialogs.roster_import import RosterImportDialog
        if not self.may_add():
            self.ctx.errors.report(self.ctx.permissions.refusal("member", self.ctx.office_id, None), parent=self)
            return
        RosterImportDialog(self.ctx, self).open()

    def build_detail(self):
        return MemberDetail(self)

    def page_title(self) -> str:
        return self.tr("Members")

    def new_button_text(self) -> str:
        return self.tr("New member")

    def retranslate(self) -> None:
        status = self.status_filter.currentData() if self.status_filter.count() else "active"
        self.status_filter.blockSignals(True)
        self.status_filter.clear()
        for value, text in (("active", self.tr("Serving")), ("retired", self.tr("Retired")), ("all", self.tr("All"))):
            self.status_filter.addItem(text, value)
        self.status_filter.setCurrentIndex(max(0, self.status_filter.findData(status)))
        self.status_filter.blockSignals(False)
        self._fill_groups()
        self.import_button.setText(self.tr("Import from Excel…"))
        super().retranslate()
        if self.detail is not None:
            self.detail.retranslate()
        if self.isVisible():
            self._apply_permissions()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ctx.when_open(self._apply_permissions)

    def _apply_permissions(self) -> None:
        why_not = "" if self.may_add() else self.ctx.permissions.refusal("member", self.ctx.office_id, None) \
            .message(self.ctx.lang)
        self.allow_new(why_not)
        self.import_button.setToolTip(why_not or self.tr("Add or update members from the roster's Excel workbook"))

    def refill_groups(self) -> None:
        self._fill_groups()

    def _fill_groups(self) -> None:
        current = self.group_filter.currentData()
        self.group_filter.blockSignals(True)
        self.group_filter.clear()
        self.group_filter.addItem(self.tr("All groups"), None)
        for gid, name in self.scoped_groups():
            self.group_filter.addItem(name, gid)
        self.group_filter.setCurrentIndex(max(0, self.group_filter.findData(current)))
        self.group_filter.blockSignals(False)

    def _on_status(self, _i: int) -> None:
        value = self.status_filter.currentData()
        self.model.set_condition("status", None if value == "all" else "m.status = ?", [value])
        status = next(i for i, c in enumerate(self.model.columns) if c.key == "status")
        if self.table.isColumnHidden(status) == (value == "all"):
            self.table.show_column(status, value == "all")

    def _on_group(self, _i: int) -> None:
        gid = self.group_filter.currentData()
        self.model.set_condition(
            "group", None if gid is None else
            "EXISTS (SELECT 1 FROM membership ms WHERE ms.member_id = m.id AND ms.group_id = ? "
            "AND ms.deleted = 0 AND ms.left_on IS NULL)", [gid])

    def refresh(self) -> None:
        super().refresh()
        self._fill_groups()
        self.detail.show_record(self.detail.member_id)

    def open_record(self, record_id: str) -> None:
        from desktop.dialogs.member_editor import MemberEditor
        if not self.table.select_id(record_id):
            self.detail.show_record(record_id)
        MemberEditor(self.ctx, record_id, self).open()

    def may_add(self) -> bool:
        """At a township the roster is read-only: members are added by the district or city."""
        return self.ctx.permissions.may_write("member", self.ctx.office_id)

    def new_record(self) -> None:
        from desktop.dialogs.member_editor import MemberEditor
        if not self.may_add():
            self.ctx.errors.report(self.ctx.permissions.refusal("member", self.ctx.office_id, None), parent=self)
            return
        editor = MemberEditor(self.ctx, None, self, group_id=self.group_filter.currentData())
        editor.saved.connect(self.table.select_id)
        editor.open()

    def delete_selected(self) -> None:
        self.retire_or_reinstate()

    def retire_or_reinstate(self) -> None:
        member = self.detail.member
        if member is None:
            return
        perms = self.ctx.permissions
        if not perms.may_write("member", member.office_id, ["status"]):      # Del at a township: say why
            self.ctx.errors.report(perms.refusal("member", member.office_id, ["status"]), parent=self)
            return
        from desktop.ops import CollectionOp
        if member.status == "retired":
            from db.members import reinstate_member
            if not confirm(self, self.tr("Reinstate member"),
                           self.tr("Reinstate %1 as serving? The member is listed under Serving again; the groups "
                                   "they left are not rejoined (add them to a group on the Liaison groups page).")
                           .replace("%1", member.name), self.tr("Reinstate")):
                return
            CollectionOp(self.ctx, parent=self, op=lambda db: reinstate_member(db, member.id)).run_in_background()
            return
        from db.members import retire_member
        from desktop.dialogs.member_retire import RetireMemberDialog
        if self.retire_dialog is not None:
            self.retire_dialog.deleteLater()
        self.retire_dialog = RetireMemberDialog(self.ctx, member, self)
        self.retire_dialog.set_action(self.ctx, lambda db, values: retire_member(db, member.id, on=values["on"]))
        self.retire_dialog.open()


PAGE_CLASS = MembersPage
