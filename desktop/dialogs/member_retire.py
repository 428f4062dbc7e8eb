"""离任: the day a member left, asked before she is marked 已离任 and her groups are ended on that day.

    dlg = RetireMemberDialog(ctx, member, parent)      # member: db.members.Member (with her groups)
    dlg.set_action(ctx, lambda db, values: retire_member(db, member.id, on=values["on"]))
    dlg.open()

The day defaults to today; a day after today or before she joined one of her groups is refused under
the field (the data core's own rule, db.members.retire_date_problem), with what was typed kept.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from desktop.dialogs.act_then_close import ActThenClose, AsksBeforeDiscarding
from desktop.style import message_label
from desktop.widgets.fields import DateEdit


class RetireMemberDialog(AsksBeforeDiscarding, ActThenClose, QDialog):
    """Asks for the day the member left (离任日期), today unless changed."""

    def __init__(self, ctx, member, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.member = ctx, member
        self.setWindowModality(Qt.WindowModality.WindowModal)
        lay = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        lay.addWidget(self.text)
        form = QFormLayout()
        self.on = DateEdit(self)
        self.on.setText(ctx.today().isoformat())
        self.on_label = QLabel(self)
        form.addRow(self.on_label, self.on)
        self.reason = message_label(self, keep_lines=2)     # the reason, in red under the field (wraps)
        form.addRow("", self.reason)
        lay.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.on.textChanged.connect(lambda _t: self._check())
        self.retranslate()
        self.resize(520, 0)
        self._fit()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Member leaving office"))
        self.text.setText(self.tr("%1 leaves office on the day below: the member leaves every liaison group on "
                                  "that day and is listed under Retired; every record of their work stays.")
                          .replace("%1", self.member.name))
        self.on_label.setText(self.tr("Left office on"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Leave office"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            self._fit()
        super().changeEvent(event)

    def _joined(self) -> list[tuple[str, str | None]]:
        return [(g.group_name, g.joined_on) for g in self.member.groups if not g.left_on]

    def problem(self) -> str | None:
        from db.members import retire_date_problem
        exc = retire_date_problem(self.on.text(), self._joined())
        return None if exc is None else exc.message(self.ctx.lang)

    def _check(self) -> None:
        problem = self.problem()
        if problem:
            self.show_problem(problem)
        else:
            self.reason.hide()

    def show_problem(self, message: str) -> None:
        self.reason.setText(message)
        self.reason.show()
        self._fit()

    def _fit(self) -> None:
        """Tall enough for the wrapped texts at this width (the English ones were cut at the bottom)."""
        need = self.heightForWidth(self.width())
        if need > self.height():
            self.resize(self.width(), need)

    def result_values(self) -> dict:
        return {"on": self.on.text().strip()}

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.show_problem(problem)
            self.on.setFocus()
            return
        self.finish()
