"""Interface language: Chinese (zh_CN) by default, English available, switchable while running.

Source strings are English (`self.tr`, `QCoreApplication.translate`); the Chinese comes from
resources/translations/liaison_desk_zh_CN.qm (built by tools/i18n.py from one .ts per source
module) and Qt's own qtbase_zh_CN.qm for Qt's dialogs. Switching installs or removes the
translators; Qt then sends every widget a LanguageChange event, on which widgets re-set their
texts (desktop.pages.base.Page.retranslate) — nothing is rebuilt, so nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from desktop.paths import RESOURCES

LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"
TRANSLATIONS_DIR = RESOURCES / "translations"
APP_QM = "liaison_desk_{lang}.qm"


def translate(context: str, text: str) -> str:
    return QCoreApplication.translate(context, text)


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
            app_tr = QTranslator(self.app)
            ok = app_tr.load(str(TRANSLATIONS_DIR / APP_QM.format(lang=lang)))
            if ok:
                self.app.installTranslator(app_tr)
                self._installed.append(app_tr)
            qt_tr = QTranslator(self.app)
            if qt_tr.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                self.app.installTranslator(qt_tr)
                self._installed.append(qt_tr)
        QLocale.setDefault(QLocale("zh_CN" if lang.startswith("zh") else "en_US"))
        self.lang = lang
        return ok
