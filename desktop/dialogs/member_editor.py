"""Editor of a member: personal details, sector and party, contact, levels (each with term and post)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QGridLayout, QLineEdit, QWidget

from desktop.dialogs.editor import RecordEditor
from desktop.labels import enum_choices, enum_label
from desktop.timeline_notes import names_text
from desktop.widgets.fields import Form, phone_check
from desktop.widgets.fit import resize_within_screen

FIELDS = ("name", "sex", "ethnicity_id", "birth_date", "party_id", "sector_id", "post", "work_unit", "job_title",
          "phone", "expertise", "term", "note")
LEVELS = ("national", "provincial", "municipal", "district")


class LevelsWidget(QWidget):
    """The member's levels: a tick per level, with that level's term and post."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        self.rows: dict[str, tuple[QCheckBox, QLineEdit, QComboBox]] = {}
        for i, level in enumerate(LEVELS):
            tick = QCheckBox(self)
            term = QLineEdit(self)
            term.setMaxLength(40)
            post = QComboBox(self)
            for value, text in enum_choices("post"):
                post.addItem(text, value)
            post.setCurrentIndex(post.findData("member"))
            grid.addWidget(tick, i, 0)
            grid.addWidget(term, i, 1)
            grid.addWidget(post, i, 2)
            tick.toggled.connect(self._on_tick)
            term.textChanged.connect(self.changed)
            post.currentIndexChanged.connect(self.changed)
            self.rows[level] = (tick, term, post)
        grid.setColumnStretch(1, 1)
        self.retranslate()
        self._on_tick()

    def retranslate(self) -> None:
        for level, (tick, term, post) in self.rows.items():
            tick.setText(enum_label("member_level", level))
            term.setPlaceholderText(self.tr("Term, e.g. 十四届"))
            for i in range(post.count()):
                post.setItemText(i, enum_label("post", post.itemData(i)))

    def _on_tick(self) -> None:
        for tick, term, post in self.rows.values():
            term.setEnabled(tick.isChecked())
            post.setEnabled(tick.isChecked())
        self.changed.emit()

    def value(self) -> list[dict]:
        return [{"level": level, "term": term.text().strip() or None, "post": post.currentData()}
                for level, (tick, term, post) in self.rows.items() if tick.isChecked()]

    def set_value(self, levels) -> None:
        given = {lv["level"]: lv for lv in (levels or [])}
        for level, (tick, term, post) in self.rows.items():
            lv = given.get(level)
            tick.setChecked(lv is not None)
            term.setText((lv or {}).get("term") or "")
            post.setCurrentIndex(max(0, post.findData((lv or {}).get("post") or "member")))


class MemberEditor(RecordEditor):
    table = "member"
    form_columns = 2

    def __init__(self, ctx, record_id=None, parent=None, *, draft=None, initial=None,
                 group_id: str | None = None):
        self._group_id = group_id
        super().__init__(ctx, record_id, parent, draft=draft, initial=initial)
        resize_within_screen(self, 820, 640)

    def build(self, form: Form) -> None:
        form.add("name")
        form.add("sex")
        form.add("ethnicity_id")
        form.add("birth_date")
        form.add("party_id")
        form.add("sector_id")
        form.add("post")
        form.add("term")
        form.add("work_unit")
        form.add("job_title")
        form.add("phone", check=phone_check)
        self.levels = LevelsWidget(form)
        form.add("expertise", wide=True)
        form.add_widget("levels", lambda: self.tr("Levels"), self.levels)
        if self.record_id is None:
            from db.groups import group_choices
            from desktop.widgets.fields import ChoiceWidget
            self.group_pick = ChoiceWidget([("", None), *((name, gid) for gid, name in group_choices(self.ctx.db))],
                                           form)
            form.add_widget("group_id", lambda: self.tr("Join group"), self.group_pick, wide=False)
        form.add("note", lines=2)

    def load_values(self, db) -> dict[str, Any]:
        from db.members import load_member
        m = load_member(db, self.record_id)
        values = m.values()
        values["levels"] = [{"level": lv.level, "term": lv.term, "post": lv.post} for lv in m.levels]
        return values

    def new_values(self) -> dict[str, Any]:
        return {"post": "member", "levels": [], "group_id": self._group_id}

    def save(self, *, close: bool = True) -> bool:
        """A new member whose name is already on the roster is asked about: the same person entered twice (her
        phone typed 139-0851-0013 the second time) was saved unasked, and her duty records split in two."""
        if self.record_id is None and not self._saving and self.permitted and not self.form.validate_all():
            same = self._namesakes((self.form.values().get("name") or "").strip())
            if same:
                from desktop.widgets.confirm import confirm
                question = self.tr("The roster already has a member named “%1”:\n%2\nIf this is the same person, "
                                   "cancel and edit that record: entered twice, the records are split in two. "
                                   "Add a new member all the same?").replace("%2", "\n".join(same)).replace(
                    "%1", (self.form.values().get("name") or "").strip())
                if not confirm(self, self.tr("Member already on the roster"), question, self.tr("Save anyway")):
                    self._after_save.clear()
                    return False
        return super().save(close=close)

    def _namesakes(self, name: str) -> list[str]:
        """The members of that name, one line each: phone, date of birth, groups, retired."""
        out = []
        for phone, birth, status, groups in self.ctx.db.execute(
                "SELECT m.phone, m.birth_date, m.status, (SELECT group_concat(g.name, '、') FROM membership ms "
                "JOIN liaison_group g ON g.id = ms.group_id WHERE ms.member_id = m.id AND ms.deleted = 0 "
                "AND ms.left_on IS NULL) FROM member m WHERE m.deleted = 0 AND m.name = ? LIMIT 5", [name]):
            parts = [p for p in (phone, birth, names_text(groups)) if p]
            if status == "retired":
                parts.append(enum_label("member_status", "retired"))
            out.append("· " + (" · ".join(parts) if parts else name))
        return out

    def write(self, db, values: dict[str, Any]) -> str:
        from db.members import save_member
        fields = {k: values.get(k) for k in FIELDS if k in values}
        group_id = values.get("group_id")
        return save_member(db, self.record_id, fields, levels=values.get("levels") or [],
                           group_ids=[group_id] if group_id else None, office_id=self.ctx.office_id)

    def window_title(self) -> str:
        return self.tr("Edit member") if self.record_id else self.tr("New member")

    def draft_title(self) -> str:
        name = self.form.values().get("name") or ""
        return self.tr("Member “%1”").replace("%1", name) if name else self.tr("New member")

    def retranslate(self) -> None:
        super().retranslate()
        if hasattr(self, "levels"):
            self.levels.retranslate()
        # an empty 出生日期 showed 2026-01-31 in grey, which read like her date of birth
        self.form.rows["birth_date"].editor.set_hint(self.tr("e.g. 1975-03-16"))
