"""A member's duty score (履职积分) explained line by line, from the member's page: which record gave which
points and which cap applied (db.scoring), with the duty record printed as PDF by the head of the office."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
)

from db import scoring


class MemberScoreDialog(QDialog):
    def __init__(self, ctx, score: scoring.MemberScore, parent=None):
        super().__init__(parent)
        self.ctx, self.score = ctx, score
        self.saved_to = None
        self.setWindowTitle(self.tr("Duty score of %1, %2").replace("%1", score.name).replace("%2", str(score.year)))
        self.resize(640, 520)
        lay = QVBoxLayout(self)
        lang = "zh" if ctx.is_zh() else "en"
        self.summary = QLabel(self)
        self.summary.setObjectName("sectionTitle")
        self.summary.setText(summary_text(score, lang))
        lay.addWidget(self.summary)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setPlainText("\n".join(score.explanation(lang)))
        lay.addWidget(self.text, 1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        lay.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.print_button = QPushButton(self.tr("Print duty record (PDF)…"), self)
        self.buttons.addButton(self.print_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.print_button.clicked.connect(lambda: self.save_pdf())
        from desktop.dialogs.sign_in import head_only
        head_only(ctx, self.print_button, self.tr("Printing a member's duty record"))
        lay.addWidget(self.buttons)

    def save_pdf(self) -> None:
        from desktop.ops import QueryOp
        name = self.tr("duty-record-%1-%2").replace("%1", str(self.score.year)).replace("%2", self.score.name)
        from desktop.dialogs.last_folder import remember, start_path
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save"),
                                              start_path(self.ctx.settings, "pdf", f"{name}.pdf", self.ctx.data_dir),
                                              self.tr("PDF files (*.pdf)"))
        if not path:
            return
        remember(self.ctx.settings, "pdf", path)
        from desktop.widgets.confirm import with_suffix
        path = with_suffix(self, path, ".pdf")
        if path is None:
            return
        score, lang = self.score, "zh" if self.ctx.is_zh() else "en"

        def write(db, progress):
            from desktop.reports.duty_pdf import write_duty_pdf
            return write_duty_pdf(db, [score], path, rules=scoring.rules_in_force(db, score.year),
                                  title=score.name, lang=lang, progress=progress)

        def done(out) -> None:
            self.saved_to = out
            self.status.setText(self.tr("Saved to %1").replace("%1", str(out)))
        QueryOp(self.ctx, parent=self, op=write, success=done).with_progress(
            self.tr("Writing…")).run_in_background()


def summary_text(score: scoring.MemberScore, lang: str) -> str:
    total = f"{score.total:g}" if score.total == int(score.total) else f"{score.total:.1f}"
    if lang == "en":
        return f"Duty score {score.year}: {total} points, {score.grade_en}"
    return f"{score.year} 年履职积分：{total} 分，{score.grade_zh}"
