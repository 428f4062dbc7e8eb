"""导出 Excel… for every list page: the list as shown (visible columns in their order, search and filters,
sort order) read again on a worker and written by desktop.reports.xlsx_export."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFileDialog, QMessageBox

from desktop.models.paged import PagedTableModel


def shown_columns(table, model: PagedTableModel) -> list[int]:
    """Logical indexes of the visible columns, in the order the user arranged them."""
    header = table.horizontalHeader()
    out = []
    for visual in range(header.count()):
        logical = header.logicalIndex(visual)
        if not header.isSectionHidden(logical):
            out.append(logical)
    return out


def filter_words(page) -> str:
    """The search and the chosen filters, in words (the combo boxes of the page's tool bar)."""
    parts = []
    if page.model.search_text:
        parts.append(QCoreApplication.translate("ListExport", "Search: %1").replace("%1", page.model.search_text))
    for combo in page.findChildren(QComboBox):
        if combo.isVisibleTo(page) and combo.currentIndex() > 0 and combo.currentText():
            parts.append(combo.currentText())
    for box in page.findChildren(QCheckBox):
        if box.isVisibleTo(page) and box.isChecked() and box.text():
            parts.append(box.text())
    return "; ".join(parts)


def list_rows(db, model: PagedTableModel, columns: list[int], progress=None) -> list[list]:
    """Every row the list would show, in its order, as the cells' texts (numbers kept numbers)."""
    from db.search import match_expression
    expr = match_expression(model.search_text) if model.search_text else None
    # the model's own query (its conditions, search and order), so the file is the list as shown
    where, params = model._where("drive", expr)
    sql = f"{model._select()} WHERE {where} ORDER BY {model._order()}"
    cols = [model.columns[i] for i in columns]
    out = []
    cur = db.execute(sql, params)
    while batch := cur.fetchmany(2000):
        for r in batch:
            row = []
            for i, c in zip(columns, cols, strict=True):
                value = r[i]
                row.append(value if c.fmt is None and isinstance(value, (int, float)) else model.display(c, value))
            out.append(row)
        if progress is not None:
            progress.update(len(out), model.total or 0)
    return out


def ask_personal(parent, names: list[str]) -> bool | None:
    """The list shows personal data (phone numbers), and a workbook is not encrypted: write those columns
    (True), leave them out (False, the default button), or cancel (None)."""
    box = QMessageBox(QMessageBox.Icon.Warning, QCoreApplication.translate("ListExport", "Personal data"),
                      QCoreApplication.translate("ListExport", "The list shows personal data: %1. An Excel workbook is not encrypted: a "
                                       "copy on a USB stick or in an e-mail can be read by anyone who finds it.\n\n"
                                       "Leave these columns out of the workbook?").replace("%1", "、".join(names)),
                      QMessageBox.StandardButton.NoButton, parent)
    without = box.addButton(QCoreApplication.translate("ListExport", "Export without them"), QMessageBox.ButtonRole.AcceptRole)
    with_them = box.addButton(QCoreApplication.translate("ListExport", "Export with them"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(without)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is with_them else False if clicked is without else None


def export_list(page) -> None:
    """Ask where, then write the page's list (a ListPage: `model`, `table`, `page_title()`). A list showing
    personal data (a column marked `personal`) first asks whether to write it (ask_personal)."""
    from desktop.dialogs.last_folder import remember, start_path
    from desktop.ops import QueryOp
    title = page.page_title()
    model = page.model
    columns = shown_columns(page.table, model)
    personal = [i for i in columns if model.columns[i].personal]
    if personal:
        keep = ask_personal(page, [str(model.headerData(i, Qt.Orientation.Horizontal)) for i in personal])
        if keep is None:
            return
        if not keep:
            columns = [i for i in columns if i not in personal]
    # the folder used last for an Excel export (it opened in the data folder every time, wherever the clerk
    # had saved the list before)
    default = start_path(page.ctx.settings, "excel", f"{title}.xlsx", page.ctx.data_dir)
    path, _ = QFileDialog.getSaveFileName(page, QCoreApplication.translate("ListExport", "Export to Excel"),
                                          default, QCoreApplication.translate("ListExport", "Excel workbooks (*.xlsx)"))
    if not path:
        return
    if not path.lower().endswith(".xlsx"):
        path += ".xlsx"
    remember(page.ctx.settings, "excel", path)
    if hasattr(page, "_update_count"):
        page._update_count()            # no "已保存 <the last file>" beside a new export that may fail
    headers = [model.headerData(i, Qt.Orientation.Horizontal) for i in columns]
    words = filter_words(page)

    def write(db, progress):
        from desktop.reports.xlsx_export import write_table
        rows = list_rows(db, model, columns, progress)
        return write_table(path, title, headers, rows, filter_text=words)

    def done(out) -> None:
        page.exported = out
        page.count_label.setText(QCoreApplication.translate("ListExport", "Saved %1").replace("%1", str(out)))
    QueryOp(page.ctx, parent=page, op=write, success=done).with_progress(
        QCoreApplication.translate("ListExport", "Writing the workbook…")).run_in_background()
