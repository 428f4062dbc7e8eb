"""导出 Excel… of a list that shows phone numbers (委员, 联络组) asks first: a workbook is not encrypted, and a
copy on a USB stick leaves the office. The clerk presses a button of the real box; the default leaves the
phone numbers out."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

WITHOUT, WITH = "不含这些列导出", "包含这些列导出"


def _press_in_box(answer: str | None, seen: list[str]):
    """When the box is up (its own event loop running), read it and press `answer` (None: 取消). Gives up
    after half a second (no box came)."""
    def press(tries=50):
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:
                QTimer.singleShot(10, lambda: press(tries - 1))
            return
        seen.append(box.text())
        if answer is None:
            box.button(QMessageBox.StandardButton.Cancel).click()
        else:
            next(b for b in box.buttons() if b.text() == answer).click()
    QTimer.singleShot(0, press)


@pytest.fixture
def members(window, qtbot):
    page = window.show_page("members")
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=20_000)
    qtbot.waitUntil(lambda: bool(page.model.total), timeout=10_000)
    return page


def _export(page, qtbot, monkeypatch, out, answer, seen):
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    _press_in_box(answer, seen)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.ctx.tasks.is_idle, timeout=20_000)
    QApplication.processEvents()


def _headers(ws) -> list:
    return next([c.value for c in row] for row in ws.iter_rows() if row[0].value == "姓名")


def _phones(page) -> set[str]:
    col = next(i for i, c in enumerate(page.model.columns) if c.key == "phone")
    return {page.model.index(r, col).data() for r in range(min(20, page.model.rowCount()))} - {None, ""}


def test_the_roster_list_leaves_the_phone_numbers_out_unless_the_clerk_says_otherwise(members, qtbot, monkeypatch,
                                                                                      tmp_path):
    page, phones = members, _phones(members)
    assert phones
    seen: list[str] = []
    _export(page, qtbot, monkeypatch, tmp_path / "without.xlsx", WITHOUT, seen)
    assert len(seen) == 1 and "联系电话" in seen[0] and "不加密" in seen[0], seen
    ws = openpyxl.load_workbook(tmp_path / "without.xlsx").active
    assert "联系电话" not in _headers(ws) and "工作单位" in _headers(ws)
    assert not phones & {str(c.value) for row in ws.iter_rows() for c in row}

    _export(page, qtbot, monkeypatch, tmp_path / "with.xlsx", WITH, seen)
    ws = openpyxl.load_workbook(tmp_path / "with.xlsx").active
    assert "联系电话" in _headers(ws)
    assert phones <= {str(c.value) for row in ws.iter_rows() for c in row}

    _export(page, qtbot, monkeypatch, tmp_path / "cancelled.xlsx", None, seen)
    assert len(seen) == 3 and not (tmp_path / "cancelled.xlsx").exists()


def test_no_question_when_the_phone_column_is_hidden_or_the_list_has_none(window, members, qtbot, monkeypatch,
                                                                          tmp_path):
    col = next(i for i, c in enumerate(members.model.columns) if c.key == "phone")
    members.table.setColumnHidden(col, True)
    seen: list[str] = []
    try:
        _export(members, qtbot, monkeypatch, tmp_path / "委员.xlsx", WITH, seen)
    finally:
        members.table.setColumnHidden(col, False)
    assert (tmp_path / "委员.xlsx").exists()
    visits = window.show_page("visits")
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=20_000)
    _export(visits, qtbot, monkeypatch, tmp_path / "走访.xlsx", WITH, seen)
    assert (tmp_path / "走访.xlsx").exists() and seen == []
    for w in QApplication.topLevelWidgets():           # the unused answer left no box behind
        assert not (isinstance(w, QMessageBox) and w.isVisible())
