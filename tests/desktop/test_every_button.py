"""Every page, every button: a walk through the sidebar that presses each enabled push button, tool
button and action a person can reach (on every tab), and in each dialog a press opens, presses that
dialog's buttons too. Dialogs are closed after each press, file dialogs cancel and message boxes
answer at once (tests/desktop/conftest.py). Any exception — in a slot (sys.excepthook) or in a
worker (ctx.errors, kind "bug") — fails the test, naming the button."""

from __future__ import annotations

import sys

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QTabWidget,
    QToolButton,
    QWidget,
)

# Buttons whose press would end the run rather than test anything (none so far).
SKIP_TEXTS: set[str] = set()


def settle(qtbot, ctx) -> None:
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)
    QApplication.processEvents()
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=20_000)


def _label(w: QWidget) -> str:
    text = w.text() if hasattr(w, "text") else ""
    return f"{type(w).__name__}({text!r}, name={w.objectName()!r}, tooltip={w.toolTip()[:40]!r})"


def _pressable(root: QWidget) -> list[QAbstractButton]:
    out = []
    for b in root.findChildren(QAbstractButton):
        if isinstance(b, (QCheckBox, QRadioButton)) or not isinstance(b, (QPushButton, QToolButton)):
            continue
        if b.isVisible() and b.isEnabled() and b.text() not in SKIP_TEXTS:
            out.append(b)
    return out


def _visible_tabs(root: QWidget):
    """Yield once per tab of every visible tab widget (the root itself first)."""
    yield None
    for tabs in root.findChildren(QTabWidget):
        if not tabs.isVisible():
            continue
        for i in range(tabs.count()):
            if tabs.isTabEnabled(i) and tabs.isTabVisible(i):
                tabs.setCurrentIndex(i)
                yield (tabs, i)


def _new_windows(before: set) -> list[QWidget]:
    return [w for w in QApplication.topLevelWidgets()
            if shiboken6.isValid(w) and w.isVisible() and w not in before and not isinstance(w, QMenu)]


def _close(windows: list[QWidget]) -> None:
    for w in reversed(windows):
        if not shiboken6.isValid(w) or not w.isVisible():
            continue
        if hasattr(w, "_may_close"):
            w._may_close = True
        if isinstance(w, QDialog):
            w.reject()
        if shiboken6.isValid(w) and w.isVisible():
            w.close()
    QApplication.processEvents()


class Walk:
    def __init__(self, qtbot, ctx, errors):
        self.qtbot, self.ctx, self.errors = qtbot, ctx, errors
        self.pressed: list[str] = []

    def check(self, where: str) -> None:
        bugs = [t for t in self.ctx.errors.shown if t.kind == "bug"]
        assert not self.errors and not bugs, f"after pressing {where}: {self.errors or bugs}"

    def press(self, button: QAbstractButton, where: str, depth: int) -> None:
        if not (shiboken6.isValid(button) and button.isVisible() and button.isEnabled()):
            return
        name = f"{where} › {_label(button)}"
        before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
        if button.menu() is not None:           # a drop-down: trigger each of its actions instead
            for action in button.menu().actions():
                if action.isEnabled() and not action.isSeparator():
                    self.trigger(action, f"{name} › {action.text()!r}", before, depth)
            return
        self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        self.after(name, before, depth)

    def trigger(self, action: QAction, name: str, before: set, depth: int) -> None:
        action.trigger()
        self.after(name, before, depth)

    def after(self, name: str, before: set, depth: int) -> None:
        self.pressed.append(name)
        settle(self.qtbot, self.ctx)
        self.check(name)
        opened = _new_windows(before)
        if depth > 0:
            for w in opened:
                if shiboken6.isValid(w) and w.isVisible() and not isinstance(w, QMessageBox):
                    self.walk(w, name, depth - 1)
        _close(_new_windows(before))
        settle(self.qtbot, self.ctx)
        self.check(name)

    def walk(self, root: QWidget, where: str, depth: int) -> None:
        """Every tab's buttons, then the dialog's own (Save, Close …: they end the dialog)."""
        boxes = root.findChildren(QDialogButtonBox)
        last = [b for box in boxes for b in box.buttons()]
        pressed: set = set()
        for tab in _visible_tabs(root):
            if not shiboken6.isValid(root) or not root.isVisible():
                return
            here = where if tab is None else f"{where} [tab {tab[0].tabText(tab[1])}]"
            settle(self.qtbot, self.ctx)
            for button in _pressable(root):
                if button in last or button in pressed:
                    continue
                pressed.add(button)
                self.press(button, here, depth)
                if not shiboken6.isValid(root) or not root.isVisible():
                    return
        for button in last:
            if shiboken6.isValid(root) and root.isVisible() and shiboken6.isValid(button):
                self.press(button, where, depth)


@pytest.fixture
def caught(monkeypatch):
    errors: list = []
    monkeypatch.setattr(sys, "excepthook", lambda t, e, tb: errors.append((t, e)))
    # a modal loop nobody answers would hang the run: answer it at once
    monkeypatch.setattr(QDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMenu, "exec", lambda self, *a, **k: None)
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: True)     # no file manager offscreen
    return errors


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_enabled_button_on_every_page_presses_without_an_error(window, module_ctx, qtbot, caught, lang):
    walk = Walk(qtbot, module_ctx, caught)
    window.set_language(lang)
    try:
        for entry in window.entries:
            page = window.show_page(entry.key)
            settle(qtbot, module_ctx)
            walk.walk(page, entry.key, depth=2)
            window.show_page(entry.key)          # a press may have gone to another page
        for action in window.actions():          # the window's shortcuts (Ctrl+N, F5, Ctrl+1 …)
            before = {w for w in QApplication.topLevelWidgets() if w.isVisible()}
            walk.trigger(action, f"window action {action.shortcut().toString()}", before, 0)
    finally:
        window.set_language("zh_CN")
    assert len(walk.pressed) > 100, walk.pressed


def test_no_signal_is_connected_to_a_method_with_optional_arguments():
    """`clicked.connect(self.send)` with `def send(self, codes=None)` hands the button's `checked`
    (False) to `codes`: the 写入同步包 button wrote nothing that way. Connect a lambda, or mark the
    slot with @Slot(). A connection made in a base class counts for every subclass's override."""
    import ast
    from pathlib import Path
    root = Path(__file__).resolve().parents[2] / "desktop"
    classes: dict[str, tuple[list[str], dict[str, str]]] = {}     # name → (bases, risky methods → where)
    connects: list[tuple[str | None, str, str]] = []               # (class or None, method, where)

    def risky(fn: ast.FunctionDef) -> bool:
        return bool(fn.args.defaults or fn.args.vararg) and not any(
            "Slot" in ast.unparse(d) for d in fn.decorator_list)

    for p in root.rglob("*.py"):
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for cls in [n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)]:
            methods = {f.name: f"{p.name}:{f.lineno}" for f in cls.body
                       if isinstance(f, ast.FunctionDef) and risky(f)}
            classes[cls.name] = ([ast.unparse(b).split(".")[-1] for b in cls.bases], methods)
            for node in ast.walk(cls):
                if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                        and node.func.attr == "connect" and len(node.args) == 1
                        and isinstance(node.args[0], ast.Attribute)):
                    target = node.args[0]
                    owner = cls.name if isinstance(target.value, ast.Name) and target.value.id == "self" else None
                    connects.append((owner, target.attr, f"{p.relative_to(root)}:{node.lineno}"))

    def subclasses(name: str) -> set[str]:
        out, todo = {name}, [name]
        while todo:
            base = todo.pop()
            for cname, (bases, _m) in classes.items():
                if base in bases and cname not in out:
                    out.add(cname)
                    todo.append(cname)
        return out

    found = []
    for owner, method, where in connects:
        scope = subclasses(owner) if owner else set(classes)
        for cname in sorted(scope):
            if method in classes[cname][1]:
                found.append(f"{where} → {cname}.{method} ({classes[cname][1][method]})")
    assert not found, "\n".join(found)
