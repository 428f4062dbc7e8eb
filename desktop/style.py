"""The look: Fusion with a light palette and a small style sheet (sidebar, page titles, invalid fields)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QStyleFactory, QWidget

ERROR_COLOR = "#b3261e"   # reasons, warnings, overdue items

STYLE_SHEET = f"""
QListWidget#sidebar {{ background: #24324a; color: #e8edf5; border: none; padding-top: 8px; outline: 0; }}
QListWidget#sidebar::item {{ padding: 4px 10px; border-left: 3px solid transparent; }}
QListWidget#sidebar::item:selected {{ background: #32466a; color: white; border-left: 3px solid #e0a83a; }}
QListWidget#sidebar::item:hover:!selected {{ background: #2c3d5b; }}
QLabel#pageTitle {{ font-size: 15pt; font-weight: bold; color: #1d2a40; }}
QLabel#sectionTitle {{ font-size: 11pt; font-weight: bold; color: #1d2a40; padding-top: 4px; }}
QFrame#statusLine {{ background: #eef1f6; border-top: 1px solid #d9dee7; }}
QLabel#countLabel {{ color: #5b6472; }}
QLabel#hint {{ color: #5b6472; }}
QFrame#card {{ background: white; border: 1px solid #d9dee7; border-radius: 6px; }}
QLabel#cardNumber {{ font-size: 20pt; font-weight: bold; color: #24324a; }}
QLabel#cardCaption {{ color: #5b6472; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; }}
QLineEdit[readOnly="true"], QPlainTextEdit[readOnly="true"], QAbstractSpinBox[readOnly="true"] {{ background: #f1f3f6; color: #333a44; }}
QTableView {{ gridline-color: #e3e7ee; selection-background-color: #cfe0fb; selection-color: black; }}
QHeaderView::section {{ padding: 4px 6px; }}
"""


def apply_style(app: QApplication) -> None:
    fusion = QStyleFactory.create("Fusion")
    if fusion is not None:
        app.setStyle(fusion)
    app.setStyleSheet(STYLE_SHEET)


def message_label(parent: QWidget | None, *, wrap: bool = True, bold: bool = False, keep_lines: int = 0) -> QLabel:
    """A label for a reason or a warning, in the error colour (styled on the label itself, so it
    shows the same wherever the widget lives). With `keep_lines`, it starts hidden and keeps the room of
    that many lines while hidden: a reason appearing no longer pushes the buttons below it from under the
    mouse, nor is it cut in a dialog sized before it."""
    label = QLabel(parent)
    label.setWordWrap(wrap)
    label.setStyleSheet(f"color: {ERROR_COLOR};" + (" font-weight: bold;" if bold else ""))
    if keep_lines:
        policy = label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
        label.setMinimumHeight(label.fontMetrics().lineSpacing() * keep_lines + 2)
        label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        label.hide()
    return label


def banner_label(parent: QWidget | None) -> QLabel:
    """A notice across the top of an editor (final minutes, a record this office may only read);
    hidden until it has something to say."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet("background: #fff4d6; border: 1px solid #e0c070; padding: 4px 8px;")
    label.hide()
    return label


def add_text(layout, parent: QWidget, *, role: str = "", selectable: bool = False) -> QLabel:
    """A wrapped label added to `layout`: role "sectionTitle" for a heading, "hint" for small print."""
    label = QLabel(parent)
    label.setWordWrap(True)
    if role:
        label.setObjectName(role)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    layout.addWidget(label)
    return label
