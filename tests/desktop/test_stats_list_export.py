"""导出 Excel… on every list page (desktop.pages.base.ListPage): the list as shown — visible columns in their
order, the search, the sort order — written by a worker."""

from __future__ import annotations

import openpyxl


def test_every_list_page_exports_what_it_shows(window, qtbot, monkeypatch, tmp_path):
    """导出 Excel… on the visits page: the visible columns in their order, the search, the sort order."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog
    ctx = window.ctx
    page = window.show_page("visits")
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    page.search.setText("社区")
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=10_000)
    header = page.table.horizontalHeader()
    saved = header.saveState()
    header.moveSection(header.visualIndex(2), 0)               # the user dragged the third column first
    page.table.setColumnHidden(1, True)
    out = tmp_path / "走访.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    ws = openpyxl.load_workbook(out).active
    assert ws["A2"].value == "搜索：社区"
    shown = [header.logicalIndex(v) for v in range(header.count()) if not header.isSectionHidden(header.logicalIndex(v))]
    assert [c.value for c in ws[3]] == [page.model.headerData(i, Qt.Orientation.Horizontal) for i in shown]
    assert ws.max_row - 3 == page.model.total
    for r in range(min(20, page.model.total)):
        want = [page.model.index(r, i).data() for i in shown]
        got = [ws.cell(4 + r, 1 + k).value for k in range(len(shown))]
        assert [str(x) if x is not None else "" for x in got] == [w or "" for w in want]
    header.restoreState(saved)             # the module's window is shared: leave the list as it was
    page.search.setText("")


def test_the_export_names_the_filters_chosen(window, qtbot, monkeypatch, tmp_path):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QComboBox, QFileDialog
    ctx = window.ctx
    page = window.show_page("meetings")
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    combo = next(c for c in page.findChildren(QComboBox) if c.isVisibleTo(page) and c.count() > 1)
    combo.setCurrentIndex(1)
    qtbot.waitUntil(lambda: not page.model.is_loading() and page.model.total is not None, timeout=10_000)
    out = tmp_path / "会议.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    ws = openpyxl.load_workbook(out).active
    assert combo.currentText() in ws["A2"].value and ws.max_row - 3 == page.model.total
    combo.setCurrentIndex(0)


def test_a_failed_export_leaves_no_saved_note_of_the_one_before(window, qtbot, monkeypatch, tmp_path):
    """After one export, a second to a folder that is a file failed while "已保存 <the first file>" stayed."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFileDialog
    ctx = window.ctx
    page = window.show_page("members")
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    first = tmp_path / "委员.xlsx"
    monkeypatch.setattr("desktop.widgets.list_export.ask_personal", lambda *a: True)   # with the phones
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(first), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    assert str(first) in page.count_label.text()
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(blocker / "委员.xlsx"), ""))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    assert str(first) not in page.count_label.text() and "已保存" not in page.count_label.text()


def test_the_next_export_opens_in_the_folder_used_last(ctx, qtbot, monkeypatch, tmp_path):
    """Found walking: 委员 › 导出 Excel… opened in the data folder every time, though the clerk had saved the
    roster list on her stick the time before (the 统计 exports remember their folder)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication, QFileDialog

    from desktop.pages.members import MembersPage
    page = MembersPage(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 700)
    page.show()
    qtbot.waitUntil(lambda: page.model.total is not None, timeout=10_000)
    stick = tmp_path / "U盘" / "报表"
    stick.mkdir(parents=True)
    offered = []
    monkeypatch.setattr("desktop.widgets.list_export.ask_personal", lambda *a: False)  # without the phones

    def save_as(_parent, _title, start, _filter, *a, **k):
        offered.append(start)
        return str(stick / "委员.xlsx"), ""
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    for _ in range(2):
        qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
        QApplication.processEvents()
    assert offered[0].startswith(str(ctx.data_dir))                 # the first time: as before
    assert offered[1] == str(stick / "委员.xlsx"), offered
    assert openpyxl.load_workbook(stick / "委员.xlsx").active.max_row > 3
