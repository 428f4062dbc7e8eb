"""Meeting editor, minutes tab: the real PDF of the minutes (desktop.minutes), previewed with QtPdf,
printed through the print dialog, or saved as a file. Rendering runs on a worker.

The preview shows the minutes as saved; a draft prints with its 草稿 watermark.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def render_minutes_pdf(db, meeting_id: str) -> tuple[bytes, str, object]:
    """(pdf bytes, suggested file name, render info) of a meeting's minutes (runs on a worker)."""
    import io

    from desktop.minutes import minutes_filename, minutes_for_meeting, render_minutes
    data = minutes_for_meeting(db, meeting_id)
    out = io.BytesIO()
    info = render_minutes(data, out)
    return out.getvalue(), minutes_filename(data), info


class MinutesPreview(QWidget):
    """Preview / print / save the minutes of the editor's meeting (`set_meeting(id)` once saved)."""

    def __init__(self, ctx, ensure_saved, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
        from PySide6.QtPdfWidgets import QPdfView
        self.ctx, self.ensure_saved = ctx, ensure_saved
        self.meeting_id: str | None = None
        self.pdf_bytes: bytes | None = None
        self.file_name = "minutes.pdf"
        self._buffer: QBuffer | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.refresh_button = QPushButton(self)
        self.refresh_button.clicked.connect(self.on_refresh)
        self.print_button = QPushButton(self)
        self.print_button.clicked.connect(self.on_print)
        self.save_button = QPushButton(self)
        self.save_button.clicked.connect(self.on_save)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.status, 1)
        lay.addLayout(bar)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        lay.addWidget(self.view, 1)
        self.retranslate()
        self._set_enabled()

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Show the minutes"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        if self.pdf_bytes is None:
            self.status.setText(self.tr("The preview shows the minutes as last saved."))

    def _set_enabled(self) -> None:
        has = self.pdf_bytes is not None
        self.print_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def set_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id

    def on_refresh(self) -> None:
        self.ensure_saved(self._render)

    def _render(self, meeting_id: str) -> None:
        from desktop.ops import QueryOp
        self.meeting_id = meeting_id
        self.status.setText(self.tr("Preparing the minutes…"))
        self.refresh_button.setEnabled(False)
        QueryOp(self.ctx, parent=self, op=lambda db: render_minutes_pdf(db, meeting_id), success=self._show) \
            .failure(self._failed).run_in_background()

    def _failed(self, exc: BaseException) -> None:
        self.refresh_button.setEnabled(True)
        self.status.setText(self.tr("The minutes could not be prepared."))
        self.ctx.errors.report(exc, parent=self)

    def _show(self, result) -> None:
        pdf, name, info = result
        self.refresh_button.setEnabled(True)
        self.pdf_bytes, self.file_name = pdf, name
        self.document.close()
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        text = self.tr("%1 pages").replace("%1", str(info.pages))
        if info.missing:
            text += " · " + self.tr("characters no font has (printed as 〓): %1").replace("%1", info.missing)
        self.status.setText(text)
        self._set_enabled()

    def page_count(self) -> int:
        return self.document.pageCount()

    def on_save(self) -> None:
        if self.pdf_bytes is None:
            return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the minutes"), self.file_name,
                                                self.tr("PDF files (*.pdf)"))
        if target:
            self.save_to(target)

    def save_to(self, target: str) -> None:
        """Write the previewed PDF in one step, on a worker (a slow stick must not freeze the window):
        a full or read-only stick, or a file open in a PDF reader, is told in plain words and leaves
        the old file (or none) behind, never half a file."""
        from db.files import write_atomic
        from desktop.ops import QueryOp
        data = self.pdf_bytes or b""
        QueryOp(self.ctx, parent=self, op=lambda _db: write_atomic(Path(target), lambda fh: fh.write(data))) \
            .run_in_background()

    def on_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        if self.pdf_bytes is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        dialog.open()

    def print_to(self, printer) -> None:
        """Draw every page of the PDF, as rendered by QtPdf, onto the printer's pages."""
        painter = QPainter()
        if not painter.begin(printer):
            return
        try:
            rect = painter.viewport()
            for page in range(self.document.pageCount()):
                if page:
                    printer.newPage()
                size = self.document.pagePointSize(page)
                scale = min(rect.width() / size.width(), rect.height() / size.height())
                image = self.document.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
                painter.drawImage(QPointF(0, 0), image)
        finally:
            painter.end()

