"""Make the Windows icon (.ico, 16–256 px) from the sidebar's home icon (resources/icons/home.svg):
the light outline on the sidebar's dark blue, with the selection's amber line. Needs PySide6 and Pillow
(both in the project's .venv).

    python packaging/windows/make_icon.py OUT.ico
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIZES = (16, 20, 24, 32, 40, 48, 64, 128, 256)


def render(size: int) -> bytes:
    from PySide6.QtCore import QBuffer, QRectF, Qt
    from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
    from PySide6.QtSvg import QSvgRenderer

    svg = (ROOT / "resources" / "icons" / "home.svg").read_bytes()
    svg = svg.replace(b'stroke-width="1.8"', b'stroke-width="2.2"' if size <= 32 else b'stroke-width="1.8"')
    img = QImage(size, size, QImage.Format.Format_ARGB32)
    img.fill(Qt.GlobalColor.transparent)
    p = QPainter(img)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    path = QPainterPath()
    r = size * 0.18
    path.addRoundedRect(QRectF(0, 0, size, size), r, r)
    p.fillPath(path, QColor("#24324a"))
    if size >= 24:                                   # the selected item's amber edge
        p.setPen(QPen(QColor("#e0a83a"), max(1.0, size / 16)))
        p.drawLine(int(size * 0.2), int(size * 0.86), int(size * 0.8), int(size * 0.86))
    margin = size * (0.12 if size <= 32 else 0.16)
    QSvgRenderer(svg).render(p, QRectF(margin, margin * 0.8, size - 2 * margin, size - 2 * margin))
    p.end()
    buf = QBuffer()
    buf.open(QBuffer.OpenModeFlag.WriteOnly)
    img.save(buf, "PNG")
    return bytes(buf.data())


def main(out: str) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtGui import QGuiApplication
    app = QGuiApplication.instance() or QGuiApplication([])  # noqa: F841 - QPainter needs it
    images = [Image.open(io.BytesIO(render(s))).convert("RGBA") for s in SIZES]
    images[-1].save(out, format="ICO", sizes=[(s, s) for s in SIZES], append_images=images[:-1])
    images[-1].save(Path(out).with_suffix(".png"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
