"""Printing the minutes: the page images sent to the printer and the time the window's thread is held,
for the way it is done now (at most 600 dpi, on a worker, 100 %) against the way it was (the print
engine's 1200 dpi, drawn on the GUI thread, shrunk to the printable area), side by side on the same
4-page minutes of the township demo, printed to a PDF file (QPrinter's PDF engine stands in for a printer).

Budgets:
  largest page image now ÷ before ................................................... ≤ 0.3×
  longest time the GUI thread waits while the worker prints (as bench_visit_list) .... ≤ 100 ms
  time to print the whole minutes now ÷ before ........................................ ≤ 1×

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/gui/bench_print.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def minutes_pdf() -> bytes:
    from db import demo
    from db import meetings as mt
    from db.database import open_database
    from desktop.dialogs.meeting_editor_minutes import render_minutes_pdf
    from tests.conftest import DEMO_SEED, DEMO_TODAY
    path = Path(tempfile.mkdtemp()) / "demo.sqlite3"
    db = open_database(path)
    demo.generate(db, "township", DEMO_SEED, today=DEMO_TODAY)
    mid = mt.list_meetings(db, mt.MeetingFilter(states=("final",)), limit=1)[0].id
    return render_minutes_pdf(db, mid)[0]


def before(pdf: bytes, printer) -> tuple[float, int]:
    """The old print_to: QPdfDocument in the GUI thread, scaled into the printable area at the engine's dpi."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize
    from PySide6.QtGui import QPainter
    from PySide6.QtPdf import QPdfDocument
    doc, buf = QPdfDocument(), QBuffer()
    buf.setData(QByteArray(pdf))
    buf.open(QIODevice.OpenModeFlag.ReadOnly)
    doc.load(buf)
    biggest = 0
    t = time.perf_counter()
    painter = QPainter(printer)
    rect = painter.viewport()
    for page in range(doc.pageCount()):
        if page:
            printer.newPage()
        size = doc.pagePointSize(page)
        scale = min(rect.width() / size.width(), rect.height() / size.height())
        image = doc.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
        biggest = max(biggest, image.sizeInBytes())
        painter.drawImage(QPointF(0, 0), image)
    painter.end()
    return time.perf_counter() - t, biggest


def now(pdf: bytes, printer) -> tuple[float, float, int]:
    """print_pdf on a worker thread; returns (GUI thread held, total, biggest page image)."""
    import threading

    from desktop.dialogs import meeting_editor_minutes as mm
    biggest = [0]

    class Spy:
        def update(self, done, total):
            pass
    from PySide6.QtPdf import QPdfDocument
    render = QPdfDocument.render

    def measuring(self, page, size, *a):
        image = render(self, page, size, *a)
        biggest[0] = max(biggest[0], image.sizeInBytes())
        return image
    QPdfDocument.render = measuring
    try:
        mm.load_image_plugins()             # as MinutesPreview.print_to does, on the GUI thread
        t = time.perf_counter()
        worker = threading.Thread(target=mm.print_pdf, args=(pdf, printer, Spy()))
        worker.start()
        held = time.perf_counter() - t
        while worker.is_alive():            # the GUI thread's longest wait for the interpreter meanwhile
            tick = time.perf_counter()
            time.sleep(0.005)
            held = max(held, time.perf_counter() - tick - 0.005)
        worker.join()
        return held, time.perf_counter() - t, biggest[0]
    finally:
        QPdfDocument.render = render


def main() -> int:
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])   # noqa: F841 - QtPdf renders need an application
    pdf = minutes_pdf()
    out = Path(tempfile.mkdtemp())
    old = QPrinter(QPrinter.PrinterMode.HighResolution)
    old.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    old.setOutputFileName(str(out / "before.pdf"))
    t_old, img_old = before(pdf, old)
    new = QPrinter(QPrinter.PrinterMode.HighResolution)
    new.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    new.setOutputFileName(str(out / "now.pdf"))
    new.setResolution(600)
    held, t_new, img_new = now(pdf, new)
    rows = [
        ("largest page image now ÷ before", img_new / img_old, 0.3,
         f"{img_new / 2**20:.0f} MiB vs {img_old / 2**20:.0f} MiB"),
        ("GUI thread's longest stall (s)", held, 0.1, f"{held * 1000:.1f} ms vs {t_old * 1000:.0f} ms before"),
        ("whole minutes printed now ÷ before", t_new / t_old, 1.0, f"{t_new:.1f} s vs {t_old:.1f} s"),
    ]
    failed = 0
    for what, value, budget, detail in rows:
        ok = value <= budget
        failed += not ok
        print(f"{what:40s} {value:8.3f}  budget ≤ {budget:<5}  {'ok' if ok else 'OVER'}  ({detail})")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
