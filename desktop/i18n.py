"""Interface language: Chinese (zh_CN) by default, English available, switchable while running.

Source strings are English (`self.tr`, `QCoreApplication.translate`); the Chinese comes from
resources/translations/liaison_desk_zh_CN.qm (built by tools/i18n.py from one .ts per source
module) and Qt's own qtbase_zh_CN.qm for Qt's dialogs. Switching installs or removes the
translators; Qt then sends every widget a LanguageChange event, on which widgets re-set their
texts (desktop.pages.base.Page.retranslate) — nothing is rebuilt, so nothing typed is lost.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import RESOURCES

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS_DIR = RESOURCES / "translations"
APP_QM = "liaison_desk_{lang}.qm"


# Qt 6 renamed a few of its own texts (an accelerator added) and its zh_CN catalogue still has only the
# old ones, so its file and print dialogs said "Look in:" in a Chinese window: ours carries them.
QT_TEXTS_MISSING_FROM_QTBASE = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
    QT_TRANSLATE_NOOP("QPrintSettingsOutput", "Page &Set:"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),       # the file dialog's 类型 column
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Computer"),
)


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


def qt_translation_dirs() -> list[str]:
    """Where Qt's own catalogues may be: Qt's configured folder, the PySide6 package's (a frozen
    bundle may not configure the first), and our resources."""
    dirs = [QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)]
    try:
        import PySide6
        dirs.append(os.path.join(os.path.dirname(PySide6.__file__), "Qt", "translations"))
        dirs.append(os.path.join(os.path.dirname(PySide6.__file__), "translations"))
    except ImportError:  # pragma: no cover - PySide6 is what runs this
        pass
    dirs.append(str(TRANSLATIONS_DIR / "qt"))
    return [d for d in dict.fromkeys(dirs) if d and os.path.isdir(d)]


def load_copy(app: QCoreApplication, path: str | os.PathLike) -> QTranslator | None:
    """A translator over a copy of the .qm file in memory. QTranslator.load(file) maps the file, so
    rewriting it while the program runs (an update, a rebuild of the translations) made every later
    translation read garbage and crash; a copy cannot change underneath. Qt does not copy the data:
    the bytes stay on the translator as long as it lives."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    tr = QTranslator(app)
    if not tr.load(data):
        tr.deleteLater()
        return None
    tr.qm_data = data
    return tr


def qt_translator(app: QCoreApplication, lang: str) -> QTranslator | None:
    """Qt's own texts (file dialogs' 查找范围 / 文件类型, buttons, the print dialog) in `lang`:
    qtbase_<lang>.qm, else the qt_<lang>.qm catalogue that includes it."""
    for name in (f"qtbase_{lang}", f"qt_{lang}"):
        for folder in qt_translation_dirs():
            path = Path(folder) / f"{name}.qm"
            tr = load_copy(app, path) if path.is_file() else None
            if tr is not None:
                return tr
    return None


class Translations:
    """The translators installed on the application for the current language."""

    def __init__(self, app: QCoreApplication):
        self.app = app
        self.lang = "en"
        self._installed: list[QTranslator] = []

    def uninstall(self) -> None:
        """Remove this object's translators (when the window closes and the application goes on)."""
        for t in self._installed:
            self.app.removeTranslator(t)
        self._installed.clear()

    def install(self, lang: str) -> bool:
        """Switch to `lang` ("zh_CN" or "en"); False if its translation file is missing."""
        lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
        for t in self._installed:
            self.app.removeTranslator(t)
        self._installed.clear()
        ok = True
        if lang != "en":
            qt_tr = qt_translator(self.app, lang)
            if qt_tr is not None:
                self.app.installTranslator(qt_tr)
                self._installed.append(qt_tr)
            # installed last, searched first: the few words of Qt's own the application words otherwise
            # (desktop.widgets.unsaved: 放弃, where Qt's catalogue says 丢弃) come from it
            app_tr = load_copy(self.app, TRANSLATIONS_DIR / APP_QM.format(lang=lang))
            ok = app_tr is not None
            if ok:
                self.app.installTranslator(app_tr)
                self._installed.append(app_tr)
        QLocale.setDefault(QLocale("zh_CN" if lang.startswith("zh") else "en_US"))
        self.lang = lang
        return ok
