"""After the interface language changed: the widgets that measured their texts once measure them again, so that
no layout keeps the old language's widths (设置's 自动备份 box, measured for 每天一次, kept that minimum width in
English; its two columns then stayed side by side at 1024 pixels, the backups' list cut behind a sideways bar,
where a window started in English put the backups under the rest)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QComboBox, QWidget


def remeasure(root: QWidget) -> None:
    """Every combo box under `root` forgets the widths it measured. Qt keeps a combo box's minimum width from the
    first time it was asked, whatever items it is given later, and forgets it only when the style changes (its
    size policy or minimum contents length changing does not clear it): it is told the style changed. The
    layouts around it follow, a WrapBar wrapping or unwrapping on their request."""
    for combo in root.findChildren(QComboBox):
        QCoreApplication.sendEvent(combo, QEvent(QEvent.Type.StyleChange))
        combo.updateGeometry()
