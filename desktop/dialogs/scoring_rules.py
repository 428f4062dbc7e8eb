"""履职积分规则: the rules in force for a year; the city edits them here, every other office reads them."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from db import scoring
from db import today as office_clock
from desktop.dialogs.act_then_close import AsksBeforeDiscarding
from desktop.style import message_label
from desktop.widgets.confirm import confirm
from desktop.widgets.fit import resize_within_screen


class ScoringRulesDialog(AsksBeforeDiscarding, QDialog):
    """Open with `.open()`. `saved(year)` after the city saved a changed set."""

    saved = Signal(int)

    def __init__(self, ctx, year: int, rules: scoring.RuleSet, parent=None):
        super().__init__(parent)
        self.ctx, self.year, self.rules = ctx, year, rules
        from desktop.dialogs.sign_in import may_head
        self.city_rules = bool(ctx.permissions.may_write("scoring_rule", ctx.office_id))
        self.editable = self.city_rules and may_head(ctx)      # accounts on: the head's (db.accounts)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_within_screen(self, 720, 640)
        outer = QVBoxLayout(self)
        self.source = QLabel(self)
        self.source.setWordWrap(True)
        outer.addWidget(self.source)
        year_row = QHBoxLayout()
        self.year_label = QLabel(self)
        self.year_spin = QSpinBox(self)
        self.year_spin.setRange(2000, 2100)
        # where the rules are only read, the year they are in force from (it showed the page's year beside
        # "in force from 2025"); where the head edits, the year new rules would start
        self.year_spin.setValue(year if self.editable or rules.is_default else rules.year)
        self.year_spin.setEnabled(self.editable)
        year_row.addWidget(self.year_label)
        year_row.addWidget(self.year_spin)
        year_row.addStretch(1)
        outer.addLayout(year_row)
        area = QScrollArea(self)
        area.setWidgetResizable(True)
        inner = QWidget(area)
        grid = QGridLayout(inner)
        grid.setColumnStretch(2, 1)
        self.spins: dict[str, QSpinBox] = {}
        self.notes: dict[str, QLineEdit] = {}
        self.labels: dict[str, QLabel] = {}
        row = 0
        last_kind = None
        for item in scoring.ITEMS:
            if item.kind != last_kind:
                head = QLabel(inner)
                head.setObjectName("sectionTitle")
                head.setProperty("kind", item.kind)
                grid.addWidget(head, row, 0, 1, 3)
                self.labels[f"_{item.kind}"] = head
                row += 1
                last_kind = item.kind
            label = QLabel(inner)
            spin = QSpinBox(inner)
            # a wide range, checked on save, the item named: a range of its own made the box change
            # what was typed without a word (-50 became 50 where deductions are not allowed, 99999999 became 99)
            spin.setRange(-99_999, 99_999)
            spin.setValue(rules[item.code])
            spin.setToolTip(f"{item.low} – {item.high}")
            spin.setReadOnly(not self.editable)
            spin.setButtonSymbols(QSpinBox.ButtonSymbols.UpDownArrows if self.editable
                                  else QSpinBox.ButtonSymbols.NoButtons)
            note = QLineEdit(inner)
            note.setMaxLength(200)
            note.setText(rules.notes.get(item.code, ""))
            note.setReadOnly(not self.editable)
            grid.addWidget(label, row, 0)
            grid.addWidget(spin, row, 1)
            grid.addWidget(note, row, 2)
            self.spins[item.code], self.notes[item.code], self.labels[item.code] = spin, note, label
            row += 1
        area.setWidget(inner)
        outer.addWidget(area, 1)
        self.error = message_label(self)
        self.error.setObjectName("fieldError")
        outer.addWidget(self.error)
        buttons = (QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
                   if self.editable else QDialogButtonBox.StandardButton.Close)
        self.buttons = QDialogButtonBox(buttons, self)
        self.buttons.accepted.connect(lambda: self.save())
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Scoring rules"))
        self.year_label.setText(self.tr("In force from the year"))
        kinds = {"points": self.tr("Points per record (deductions negative)"), "cap": self.tr("Caps"),
                 "share": self.tr("Joint reports"), "grade": self.tr("Grades (total points)")}
        for kind, text in kinds.items():
            self.labels[f"_{kind}"].setText(text)
        for item in scoring.ITEMS:
            self.labels[item.code].setText(self.ctx.pick(item.zh, item.en))
            self.notes[item.code].setPlaceholderText(self.tr("Note (basis, remarks)") if self.editable else "")
        if self.rules.is_default:
            src = self.tr("No rules set by the city yet: the default rules (100 points) apply.")
        else:
            src = self.tr("The city's rules, in force from %1.").replace("%1", str(self.rules.year))
        if not self.city_rules:
            src += " " + self.tr("They are set by the city office and reach this office by sync; they cannot be "
                                 "changed here.")
        elif not self.editable:
            from desktop.dialogs.sign_in import not_head_reason
            src += " " + not_head_reason(self.tr("change the scoring rules"))
        self.source.setText(src)

    def values(self) -> dict[str, int]:
        return {code: spin.value() for code, spin in self.spins.items()}

    def save(self) -> None:
        if not self.editable:
            self.accept()
            return
        from desktop.ops import CollectionOp
        year, values = self.year_spin.value(), self.values()
        notes = {code: edit.text() for code, edit in self.notes.items()}
        try:
            scoring.check_rules(values)
        except scoring.RuleError as exc:
            self.error.setText(exc.message(self.ctx.lang))
            wrong = next((c for c, item in scoring.ITEM.items() if not item.low <= values[c] <= item.high), None)
            if wrong is not None:
                self.spins[wrong].setFocus()
                self.spins[wrong].selectAll()
            return
        this_year = office_clock.today().year
        if year < this_year:
            # up to the year before the next set the city made: those years keep their own rules
            later = [y for y in scoring.rule_years(self.ctx.db) if y > year]
            last = min(min(later) - 1, this_year) if later else this_year
            if last > year:
                question = self.tr("These rules take effect from %1: the scores of %1 to %2 already shown and "
                                   "printed will change. Save them from %1?")
            else:
                question = self.tr("These rules apply to %1 only (the rules set from %3 apply from then on): "
                                   "the scores of %1 already shown and printed will change. Save them for %1?")
            question = question.replace("%1", str(year)).replace("%2", str(last)).replace("%3", str(last + 1))
            if not confirm(self, self.tr("Change past scores?"), question, self.tr("Change them")):
                return
        self.buttons.setEnabled(False)

        def done(_n) -> None:
            self.saved.emit(year)
            self.accept()

        def failed(exc) -> None:
            self.buttons.setEnabled(True)
            msg = exc.message(self.ctx.lang) if hasattr(exc, "message") else str(exc)
            self.error.setText(msg)
        CollectionOp(self.ctx, parent=self, op=lambda db: scoring.save_rules(db, year, values, notes)) \
            .success(done).failure(failed).run_in_background()
