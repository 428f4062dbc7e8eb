"""A question about what cannot be undone at once (delete, finalize, accept an answer, restore …): a button named
for the step (审核通过, 删除 …) beside 取消, 取消 the default and the Esc button, so that an Enter pressed out of habit
does not do it (是(Y)/否(N) made the clerk read the question again to know what 是 did).

The box runs through `ConfirmBox.ask`, a static call like Qt's own boxes: a test answers it by patching that call
(tests/desktop/conftest.py answers it through the patched QMessageBox.question, with the real box's default)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget


def build_box(parent: QWidget | None, title: str, text: str, action: str,
              cancel: str | None = None) -> tuple[QMessageBox, QAbstractButton, QAbstractButton]:
    """The box, not shown: (box, the action's button, the safe button — the default and the Esc button)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    do = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    keep = box.addButton(cancel or QCoreApplication.translate("Confirm", "Cancel"), QMessageBox.ButtonRole.RejectRole)
    for b in (do, keep):
        b.setAutoDefault(b is keep)         # Enter presses the safe button, even with the focus on the other
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    keep.setFocus()
    return box, do, keep


def run_box(parent: QWidget | None, title: str, text: str, action: str, cancel: str | None = None) -> bool:
    """The box shown and run: True when the person pressed the action's button (not 取消, Esc, Enter or the close
    box)."""
    box, do, _keep = build_box(parent, title, text, action, cancel)
    box.exec()
    return box.clickedButton() is do


class ConfirmBox:
    ask = staticmethod(run_box)         # the static call a test patches


def confirm(parent: QWidget | None, title: str, text: str, action: str, cancel: str | None = None) -> bool:
    """Ask before an irreversible step: `action` names it on its button (审核通过, 删除); `cancel` names the safe one
    when 取消 would read as the step itself (取消会议 → 保留会议)."""
    return ConfirmBox.ask(parent, title, text, action, cancel)



def run_draft_box(parent: QWidget | None, title: str, text: str) -> str:
    """Unsaved work kept as a draft: "open" (继续编辑, the default), "later" (以后再说: kept, offered at the next
    start; Esc and the close box) or "discard" (删除草稿). Qt's 打开/放弃/忽略 left the clerk to guess which kept it."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    reopen = box.addButton(QCoreApplication.translate("Confirm", "Open it again"), QMessageBox.ButtonRole.AcceptRole)
    later = box.addButton(QCoreApplication.translate("Confirm", "Later"), QMessageBox.ButtonRole.RejectRole)
    discard = box.addButton(QCoreApplication.translate("Confirm", "Delete the draft"),
                            QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(reopen)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return "open" if clicked is reopen else "discard" if clicked is discard else "later"


class DraftBox:
    ask = staticmethod(run_draft_box)   # the static call a test patches (tests/desktop/conftest.py answers it through
    #                                     the patched QMessageBox.question: Open, Discard, anything else later)


def with_suffix(parent: QWidget | None, path: str, suffix: str) -> str | None:
    """The file name chosen in a save dialog, with `suffix` (".xlsx") added when the person typed none; None when
    that adds up to a file already there and the person keeps it. The dialog asks before replacing only the name
    as typed: 名册 became 名册.xlsx and replaced it without a word."""
    if path.lower().endswith(suffix.lower()):
        return path
    path += suffix
    from pathlib import Path
    if not Path(path).exists():
        return path
    ok = confirm(parent, QCoreApplication.translate("Confirm", "Replace the file?"),
                 QCoreApplication.translate("Confirm", "“%1” is already there. Replace it?").replace(
                     "%1", Path(path).name),
                 QCoreApplication.translate("Confirm", "Replace"))
    return path if ok else None
