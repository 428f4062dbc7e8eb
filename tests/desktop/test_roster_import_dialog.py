"""从Excel导入… on the 委员 page, pressed like a user: choose the file (dialog patched), see every row's verdict
with the errors in red at their cells, filter to the errors, import only when allowed, and the database."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QPushButton

from desktop.dialogs.roster_import import ERROR_COLOR, RosterImportDialog
from desktop.pages.members import MembersPage
from tests.db.roster_books import bad_rows, good_rows, write_book


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10000)
    QApplication.processEvents()


def open_dialog(ctx, qtbot, monkeypatch, path):
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1366, 700)
    page.show()
    idle(ctx, qtbot)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    dialogs = [d for d in page.findChildren(RosterImportDialog) if shiboken6.isValid(d) and d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    idle(ctx, qtbot)
    return page, dialog


def group_name(ctx):
    return ctx.db.execute("SELECT name FROM liaison_group WHERE deleted = 0 ORDER BY name LIMIT 1").fetchone()[0]


def members(ctx):
    return ctx.db.execute("SELECT count(*) FROM member WHERE deleted = 0").fetchone()[0]


def test_errors_are_shown_in_red_at_their_cells_and_import_waits_for_the_user(ctx, qtbot, monkeypatch, tmp_path):
    group = group_name(ctx)
    path = write_book(tmp_path / "名册.xlsx", good_rows(group) + bad_rows(group))
    before = members(ctx)
    page, dialog = open_dialog(ctx, qtbot, monkeypatch, path)
    assert dialog.table.rowCount() == 8
    assert dialog.summary.text() == "工作表“委员名册”，表头在第 3 行：新增 3 行，更新 0 行，无变化 0 行，错误 5 行。"
    phone = next(i for i in range(8) if dialog.table.item(i, 0).text() == "8")
    assert dialog.table.item(phone, 3).text().startswith("J8：手机号码")
    assert dialog.table.item(phone, 2).foreground().color() == ERROR_COLOR
    assert not dialog.import_button.isEnabled()                 # errors: nothing until the user says skip them
    dialog.errors_only.setChecked(True)
    assert sorted(dialog.table.item(i, 0).text() for i in range(dialog.table.rowCount())) == ["10", "11", "4",
                                                                                               "8", "9"]
    assert members(ctx) == before                               # a preview writes nothing
    qtbot.mouseClick(dialog.skip_errors, Qt.MouseButton.LeftButton)
    assert dialog.import_button.isEnabled()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    idle(ctx, qtbot)
    assert (dialog.result.added, len(dialog.result.skipped)) == (3, 5)
    assert members(ctx) == before + 3
    assert not dialog.import_button.isEnabled()
    assert "新增 3" in dialog.summary.text()
    dialog.close()


def test_the_same_file_again_has_nothing_to_import(ctx, qtbot, monkeypatch, tmp_path):
    path = write_book(tmp_path / "名册.xlsx", good_rows(group_name(ctx)))
    _page, dialog = open_dialog(ctx, qtbot, monkeypatch, path)
    assert dialog.import_button.isEnabled() and not dialog.skip_errors.isVisible()
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
    assert dialog.result.added == 4
    dialog.close()
    _page, again = open_dialog(ctx, qtbot, monkeypatch, path)
    assert {again.table.item(i, 2).text() for i in range(4)} == {again.verdict_text("unchanged")}
    assert not again.import_button.isEnabled()
    again.close()


def test_a_bad_file_is_told_in_the_dialog(ctx, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = RosterImportDialog(ctx, page)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "另存为" in dialog.summary.text(), timeout=10000)
    assert not dialog.import_button.isEnabled() and dialog.table.rowCount() == 0
    dialog.close()


def test_a_township_is_told_the_district_keeps_the_roster(ctx, qtbot, monkeypatch):
    from db.offices import set_this_office
    town = ctx.db.execute("SELECT id FROM office WHERE level = 'township' LIMIT 1").fetchone()[0]
    ctx.db.execute("DELETE FROM setting WHERE key = 'demo'")     # a real township, not a demo
    set_this_office(ctx.db, town)
    ctx.reload_office()
    ctx._permissions = None
    page = MembersPage(ctx)                # deleted below, before the context closes
    page.show()
    idle(ctx, qtbot)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    assert not page.findChildren(RosterImportDialog)
    assert any("委员名册由市政协和区县政协维护" in str(s) for s in ctx.errors.shown)
    idle(ctx, qtbot)
    page.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_cancel_in_the_progress_dialog_stops_the_check(ctx, qtbot, monkeypatch, tmp_path):
    import threading
    import time

    import db.roster_import
    from desktop.widgets.progress import ProgressDialog
    stop = threading.Event()

    def slow_preview(db, sheet, *, progress=None):      # a long check: reports progress until told to stop
        for i in range(1000):
            progress(i, 1000)                            # raises Cancelled once Cancel was pressed
            if stop.is_set():
                break
            time.sleep(0.01)          # not stop.wait(0.01): a timed wait never returns under faketime (CI)
        raise AssertionError("Cancel did not stop the check")

    monkeypatch.setattr(db.roster_import, "preview_roster", slow_preview)
    path = write_book(tmp_path / "名册.xlsx", good_rows(group_name(ctx)))
    page = MembersPage(ctx)                # deleted below, before the context closes
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    dialog = RosterImportDialog(ctx, page)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in dialog.findChildren(ProgressDialog)), timeout=10000)
    progress = next(d for d in dialog.findChildren(ProgressDialog) if d.isVisible())
    cancel = next(b for b in progress.findChildren(QPushButton) if b.isVisible())
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    stop.set()
    assert dialog.preview is None and dialog.table.rowCount() == 0 and not dialog.import_button.isEnabled()
    assert dialog.file_label.text().startswith("请选择委员名册工作簿")
    dialog.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_the_roster_exported_from_the_dialog_imports_back_unchanged(ctx, qtbot, monkeypatch, tmp_path):
    out = tmp_path / "导出名册"
    page = MembersPage(ctx)                # deleted below, before the context closes
    dialog = RosterImportDialog(ctx, page)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=10000)
    assert dialog.exported.endswith("导出名册.xlsx")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (dialog.exported, ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    idle(ctx, qtbot)
    assert dialog.preview.rows and {r.verdict for r in dialog.preview.rows} == {"unchanged"}
    assert not dialog.import_button.isEnabled()
    dialog.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_a_name_typed_without_xlsx_asks_before_replacing_the_workbook_of_that_name(ctx, qtbot, monkeypatch,
                                                                                   tmp_path):
    """The clerk types 导出名册 in the save dialog, where 导出名册.xlsx is already: the dialog asked only about the
    name as typed, the program added .xlsx and replaced the workbook without a word. Now it asks; kept, nothing is
    written; replaced, the roster is written there."""
    from PySide6.QtWidgets import QMessageBox
    kept = tmp_path / "导出名册.xlsx"
    kept.write_bytes(b"the clerk's other workbook")
    page = MembersPage(ctx)                # deleted below, before the context closes
    dialog = RosterImportDialog(ctx, page)
    dialog.show()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "导出名册"), ""))
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, title, text, *a, **k: (
        asked.append(text), QMessageBox.StandardButton.No)[1])
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert asked and "导出名册.xlsx" in asked[0] and "已经存在" in asked[0], asked
    assert kept.read_bytes() == b"the clerk's other workbook" and dialog.exported is None
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.exported is not None, timeout=10000)
    assert dialog.exported.endswith("导出名册.xlsx") and kept.read_bytes()[:2] == b"PK"
    dialog.close()
    page.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


def test_a_column_under_a_merged_heading_is_named_before_import_not_dropped_unseen(ctx, qtbot, monkeypatch,
                                                                                 tmp_path):
    """姓名 and 性别 merged into one heading cell: 性别 came in empty for every member without a word."""
    from openpyxl import load_workbook
    path = write_book(tmp_path / "名册.xlsx", good_rows(group_name(ctx)))
    wb = load_workbook(path)
    ws = wb.active
    ws["C3"] = None
    ws.merge_cells("B3:C3")
    wb.save(path)
    page, dialog = open_dialog(ctx, qtbot, monkeypatch, path)
    assert dialog.warnings.isVisible()
    assert "C 列有内容却没有列名" in dialog.warnings.text() and "不会导入" in dialog.warnings.text()
    assert dialog.warnings.palette().color(dialog.warnings.foregroundRole()).name() == ERROR_COLOR
    ok = write_book(tmp_path / "好.xlsx", good_rows(group_name(ctx)))        # headed in full: no warning
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(ok), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.preview is not None and dialog.preview.warnings == [], timeout=10000)
    assert not dialog.warnings.isVisible()


def test_one_row_skipped_is_said_in_the_singular_in_english(app, demo_db_path, qtbot, monkeypatch, tmp_path):
    """Found walking: the English window said "1 rows with errors skipped"."""
    from tests.desktop.conftest import make_context
    ctx = make_context(demo_db_path, tmp_path / "settings.ini", lang="en")
    try:
        app.translations.install("en")
        group = group_name(ctx)
        path = write_book(tmp_path / "roster.xlsx", [good_rows(group)[0], bad_rows(group)[0]])
        _page, dialog = open_dialog(ctx, qtbot, monkeypatch, path)
        qtbot.mouseClick(dialog.skip_errors, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=10000)
        idle(ctx, qtbot)
        assert dialog.summary.text() == "Imported: 1 new, 0 updated, 0 unchanged, 1 row with errors skipped."
        dialog.close()
    finally:
        app.translations.install("zh_CN")
        ctx.close()
