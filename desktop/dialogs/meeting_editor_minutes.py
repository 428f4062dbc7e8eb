"""Meeting editor, minutes tab: the real PDF of the minutes (desktop.minutes), previewed with QtPdf,
printed through the print dialog, or saved as a file. Rendering runs on a worker.

The preview shows the minutes as saved; a draft prints with its 草稿 watermark. Printing draws each
page at 100 % (the PDF's own page size, no margins added) as an image of at most 600 dpi, on a
worker with progress and Cancel — the window stays usable while a long set of minutes prints.
Saving says where the file went, with a button that opens its folder.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRect, QRectF, QSize, QSizeF, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QPageLayout, QPageSize, QPainter
from PySide6.QtWidgets import QDialog, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def render_minutes_pdf(db, meeting_id: str) -> tuple[bytes, str, object]:
    """(pdf bytes, suggested file name, render info) of a meeting's minutes (runs on a worker)."""
    import io

    from desktop.minutes import minutes_filename, minutes_for_meeting, render_minutes
    data = minutes_for_meeting(db, meeting_id)
    out = io.BytesIO()
    info = render_minutes(data, out)
    return out.getvalue(), minutes_filename(data), info


PRINT_DPI = 600         # enough for 宋体 at 10.5 pt; 1200 dpi made 495 MiB a page
PRINT_BANDS = 32        # each page is rendered and sent in this many horizontal bands


def load_image_plugins() -> None:
    """Load Qt's image-format plugins on the GUI thread, before a worker prints. A PDF printer's first image
    asks QImageWriter for its formats; loading the plugins there moves each to the GUI thread
    (QObject::moveToThread), which deadlocked against the GUI thread's own signal bookkeeping: the print and
    the window both froze (seen once in CI, in test_printing_the_minutes_draws_every_page)."""
    from PySide6.QtGui import QImageWriter
    QImageWriter.supportedImageFormats()


def print_pdf(pdf: bytes, printer, progress=None) -> int:
    """Draw every page of `pdf` onto `printer` at 100 %: the printer takes the PDF's page size with no
    margins of its own, and each page is drawn as an image of at most PRINT_DPI over the whole sheet.
    Safe on a worker once load_image_plugins() ran on the GUI thread (QPainter on a QPrinter; QtPdf serialises
    its renderer). Returns the pages drawn;
    `progress.update()` may raise Cancelled, which aborts the print job."""
    import os
    import tempfile

    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

    from desktop.ops import Cancelled
    fd, path = tempfile.mkstemp(suffix=".pdf")
    doc = QPdfDocument()
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(pdf)
        doc.load(path)
        n = doc.pageCount()
        if n == 0:
            return 0
        first = doc.pagePointSize(0)
        landscape = first.width() > first.height()
        size = QSizeF(first.height(), first.width()) if landscape else QSizeF(first)
        printer.setFullPage(True)
        printer.setPageLayout(QPageLayout(
            QPageSize(size, QPageSize.Unit.Point, "", QPageSize.SizeMatchPolicy.FuzzyMatch),
            QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait, QMarginsF()))
        device_dpi = printer.resolution()
        dpi = min(device_dpi, PRINT_DPI)
        painter = QPainter()
        if not painter.begin(printer):
            raise OSError("the printer could not be started")
        drawn = 0
        try:
            for page in range(n):
                if progress is not None:
                    progress.update(page, n)
                if page:
                    printer.newPage()
                pt = doc.pagePointSize(page)
                full = QSize(round(pt.width() * dpi / 72), round(pt.height() * dpi / 72))
                ratio = device_dpi / dpi
                # in bands: each render and draw holds the interpreter (and so the window) only briefly,
                # and a band's image is 1/PRINT_BANDS of a page's (4 MiB, not 133, at 600 dpi A4)
                step = -(-full.height() // PRINT_BANDS)
                for top in range(0, full.height(), step):
                    band = QRect(0, top, full.width(), min(step, full.height() - top))
                    options = QPdfDocumentRenderOptions()
                    options.setScaledSize(full)
                    options.setScaledClipRect(band)
                    image = doc.render(page, band.size(), options)
                    painter.drawImage(QRectF(0, top * ratio, band.width() * ratio, band.height() * ratio), image)
                drawn += 1
            if progress is not None:
                progress.update(n, n)
        except Cancelled:
            printer.abort()
            raise
        finally:
            painter.end()
        return drawn
    finally:
        doc.close()
        os.unlink(path)


class MinutesPreview(QWidget):
    """Preview / print / save the minutes of the editor's meeting (`set_meeting(id)` once saved)."""

    def __init__(self, ctx, ensure_saved, parent: QWidget | None = None):
        super().__init__(parent)
        from PySide6.QtPdf import QPdfDocument
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
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.open_folder_button = QPushButton(self)
        self.open_folder_button.clicked.connect(lambda: self.open_folder())
        self.open_folder_button.hide()
        self.saved_path: str | None = None
        bar.addWidget(self.refresh_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.save_button)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.open_folder_button)
        lay.addLayout(bar)
        self.document = QPdfDocument(self)
        self.view = self._new_view()
        lay.addWidget(self.view, 1)
        self.retranslate()
        self._set_enabled()

    def _new_view(self):
        from PySide6.QtPdfWidgets import QPdfView
        view = QPdfView(self)
        view.setDocument(self.document)
        view.setPageMode(QPdfView.PageMode.MultiPage)
        view.setZoomMode(QPdfView.ZoomMode.FitInView)
        return view

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Show the minutes"))
        self.print_button.setText(self.tr("Print…"))
        self.save_button.setText(self.tr("Save as PDF…"))
        self.open_folder_button.setText(self.tr("Open the folder"))
        if self.saved_path:
            self.status.setText(self.tr("Saved to %1").replace("%1", self.saved_path))
        elif self.pdf_bytes is None:
            self.status.setText(self.tr("The preview shows the minutes as last saved."))

    def _set_enabled(self) -> None:
        has = self.pdf_bytes is not None
        self.print_button.setEnabled(has)
        self.save_button.setEnabled(has)

    def set_meeting(self, meeting_id: str | None, state: str | None = None) -> None:
        """The meeting as (re)loaded. A preview already shown is made again when the meeting's state changed:
        after 纪要定稿 it still showed the 草稿 watermark until 显示纪要 was pressed."""
        shown_state, self._state = getattr(self, "_state", None), state
        again = self.pdf_bytes is not None and meeting_id == self.meeting_id and state != shown_state
        self.meeting_id = meeting_id
        if again and meeting_id is not None:
            self._render(meeting_id)

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
        # A new view for the new PDF: QPdfView keeps any page its renderer sends back, and a page of the old PDF
        # asked for while this one was being made (the window laid out again: 纪要定稿 shows the locked banner)
        # came back after the new PDF was loaded and stood as its first page (草稿 across final minutes).
        old, self.view = self.view, self._new_view()
        self.layout().replaceWidget(old, self.view)
        old.hide()
        old.deleteLater()
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
        from desktop.dialogs.last_folder import remember, start_path
        target, _ = QFileDialog.getSaveFileName(self, self.tr("Save the minutes"),
                                                start_path(self.ctx.settings, "pdf", self.file_name),
                                                self.tr("PDF files (*.pdf)"))
        if target:
            remember(self.ctx.settings, "pdf", target)
            from desktop.widgets.confirm import with_suffix
            target = with_suffix(self, target, ".pdf")
            if target is not None:
                self.save_to(target)

    def save_to(self, target: str) -> None:
        """Write the previewed PDF in one step, on a worker (a slow stick must not freeze the window):
        a full or read-only stick, or a file open in a PDF reader, is told in plain words and leaves
        the old file (or none) behind, never half a file."""
        from db.files import write_atomic
        from desktop.ops import QueryOp
        data = self.pdf_bytes or b""
        QueryOp(self.ctx, parent=self, op=lambda _db: write_atomic(Path(target), lambda fh: fh.write(data)),
                success=lambda _r: self._saved(target)).run_in_background()

    def _saved(self, target: str) -> None:
        self.saved_path = str(Path(target))
        self.status.setText(self.tr("Saved to %1").replace("%1", self.saved_path))
        self.status.setToolTip(self.saved_path)
        self.open_folder_button.show()

    def open_folder(self) -> None:
        if self.saved_path:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self.saved_path).parent)))

    def on_print(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter
        if self.pdf_bytes is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.file_name)
        printer.setResolution(PRINT_DPI)
        self._printer = printer                 # alive until the worker has printed
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self.print_dialog = dialog
        # QDialog's open(): PySide's QPrintDialog has only open(receiver, member), and dialog.open() raised
        # TypeError — 打印… showed 软件内部出现错误 and nothing printed
        QDialog.open(dialog)

    def print_to(self, printer) -> None:
        """Print on a worker with progress (Cancel stops between pages and aborts the job)."""
        from desktop.ops import QueryOp
        data = self.pdf_bytes or b""
        self.print_button.setEnabled(False)
        self._printer = printer

        def done(pages) -> None:
            self._set_enabled()
            self.status.setText(self.tr("Sent %1 page(s) to the printer.").replace("%1", str(pages)))

        def failed(exc) -> None:
            self._set_enabled()
            self.ctx.errors.report(exc, parent=self)
        load_image_plugins()
        QueryOp(self.ctx, parent=self, op=lambda _db, progress: print_pdf(data, printer, progress), success=done) \
            .failure(failed).on_cancelled(self._set_enabled) \
            .with_progress(self.tr("Printing the minutes…")).run_in_background()

