"""The Qt half of `liaison-desk selftest` (run in a child process by desktop/commands/selftest.py,
which must not load Qt): the window's fonts, QtPdf, translations, input-method plugins."""

from __future__ import annotations

import sys
from pathlib import Path


def run_qt_checks(report, pdf: Path | None, name_test: str) -> None:
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import QLibraryInfo, qVersion
    from PySide6.QtWidgets import QApplication

    from desktop.app import create_application
    try:
        app = create_application([])
    except Exception as exc:  # noqa: BLE001
        report.line(False, "Qt starts", f"{type(exc).__name__}: {exc}")
        return
    report.line(True, "Qt starts", f"PySide6 {pyside_version}, Qt {qVersion()}, platform {app.platformName()}")
    report.run("name test string in the window's fonts", lambda: window_fonts(app, name_test))
    report.run("QtPdf renders the minutes", lambda: render_pdf(pdf))
    report.run("translations zh_CN", lambda: translations(app))
    if sys.platform.startswith("linux"):
        report.run("input-method plugins", lambda: input_methods(Path(QLibraryInfo.path(
            QLibraryInfo.LibraryPath.PluginsPath))))
    QApplication.processEvents()


def window_fonts(app, name_test: str) -> str:
    from PySide6.QtGui import QFont, QRawFont

    from desktop.fonts import FALLBACK_FAMILIES, load_fonts
    families = load_fonts(app)
    family = app.font().family()          # WenQuanYi Micro Hei (or its localized name, under some Qt versions)
    if family not in families or family in FALLBACK_FAMILIES:
        raise LookupError(f"the interface font (WenQuanYi Micro Hei) is not the application's font "
                          f"(found: {', '.join(families) or 'none'}; font: {app.font().family()})")
    chain = [family, *QFont.substitutes(family)]
    raws = [(fam, QRawFont.fromFont(QFont(fam, 12))) for fam in chain]
    missing, used = [], set()
    for ch in name_test:
        if ch.isspace():
            continue
        fam = next((f for f, raw in raws if raw.isValid() and raw.familyName().lower() == f.lower()
                    and raw.supportsCharacter(ord(ch))), None)
        if fam is None:
            missing.append(ch)
        else:
            used.add(fam)
    if missing:
        raise LookupError(f"no font of the chain {' → '.join(chain)} has {' '.join(missing)}")
    return f"{name_test} via {' → '.join(f for f in chain if f in used)}"


def render_pdf(pdf: Path | None) -> str:
    from PySide6.QtCore import QSize
    from PySide6.QtPdf import QPdfDocument
    if pdf is None or not pdf.is_file():
        raise FileNotFoundError("no minutes PDF (the command-line step `minutes` failed)")
    doc = QPdfDocument(None)
    err = doc.load(str(pdf))
    if err != QPdfDocument.Error.None_ or doc.pageCount() < 1:
        raise OSError(f"QPdfDocument.load: {err}")
    size = doc.pagePointSize(0)
    image = doc.render(0, QSize(int(size.width()), int(size.height())))
    if image.isNull():
        raise OSError("the page rendered as nothing")
    dark = sum(1 for y in range(0, image.height(), 4) for x in range(0, image.width(), 4)
               if image.pixelColor(x, y).lightness() < 128)
    pages = doc.pageCount()
    doc.close()
    if dark < 50:
        raise AssertionError(f"the first page is blank ({dark} dark samples)")
    return f"{pages} page(s), page 1 at {image.width()}×{image.height()}, {dark} dark samples"


def translations(app) -> str:
    from PySide6.QtCore import QCoreApplication

    from desktop.i18n import Translations
    tr = Translations(app)
    try:
        if not tr.install("zh_CN"):
            raise FileNotFoundError("liaison_desk_zh_CN.qm did not load")
        if len(tr._installed) < 2:
            raise FileNotFoundError("Qt's own qtbase_zh_CN.qm did not load")
        lookup = QCoreApplication.translate      # (a name lupdate does not collect: these strings are others')
        ours = lookup("app", "Cannot open the data")
        qts = lookup("QPlatformTheme", "Cancel")
        if ours == "Cannot open the data":
            raise LookupError("the application's strings are not translated")
        return f"{ours} / {qts}"
    finally:
        tr.uninstall()


def input_methods(plugins: Path) -> str:
    folder = plugins / "platforminputcontexts"
    names = sorted(p.name for p in folder.glob("*")) if folder.is_dir() else []
    kinds = [k for k in ("ibus", "fcitx", "compose") if any(k in n for n in names)]
    if "ibus" not in kinds and "fcitx" not in kinds:
        raise FileNotFoundError(f"no ibus/fcitx plugin in {folder} (Chinese typing needs one): {names}")
    return ", ".join(kinds)
