"""Telling where a saved file went, with a button that opens its folder (non-modal: nothing waits)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def open_folder_of(path: str | Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(path).parent)))


def tell_saved(parent: QWidget | None, path: str | Path) -> QMessageBox:
    """A small box: 已保存到 <path>, with 打开所在文件夹 and 确定. Returned (open, not exec'd)."""
    box = QMessageBox(QMessageBox.Icon.Information, QCoreApplication.translate("SavedNote", "Saved"),
                      QCoreApplication.translate("SavedNote", "Saved to %1").replace("%1", str(Path(path))),
                      QMessageBox.StandardButton.Ok, parent)
    folder = box.addButton(QCoreApplication.translate("SavedNote", "Open the folder"),
                           QMessageBox.ButtonRole.ActionRole)
    folder.clicked.connect(lambda: open_folder_of(path))
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.open()
    return box


def show_saved(label, note: str) -> None:
    """Say where a report was saved under what the label already says (the year's summary, the totals), not
    instead of it: the figures stayed replaced by "已保存 …" until the page was read again."""
    base = label.text().split("\n", 1)[0] if label.property("savedNote") else label.text()
    label.setText(f"{base}\n{note}" if base else note)
    label.setProperty("savedNote", True)
