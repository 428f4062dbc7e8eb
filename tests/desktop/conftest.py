"""GUI fixtures: the application prepared like at start (fonts, Chinese, style), a context on a
fresh demo copy per test, and one main window per test module."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QEvent, QSettings
from PySide6.QtWidgets import QApplication

from tests.conftest import DEMO_TODAY


@pytest.fixture(scope="session")
def app(qapp):
    """The QApplication with our fonts, style and the Chinese translation installed."""
    from desktop.fonts import load_fonts
    from desktop.gc_thread import GuiThreadCollector
    from desktop.i18n import Translations
    from desktop.style import apply_style
    load_fonts(qapp)
    apply_style(qapp)
    if getattr(qapp, "gc_collector", None) is None:      # as the application does (desktop.app)
        qapp.gc_collector = GuiThreadCollector(qapp)
    # One Translations for the application, however many modules import this fixture (tests/security and
    # tests/packaging do): a second one left its Chinese catalogues installed under the first, and a later
    # switch to English kept showing Chinese.
    translations = getattr(qapp, "translations", None) or Translations(qapp)
    assert translations.install("zh_CN")
    qapp.translations = translations
    yield qapp
    translations.install("zh_CN")


def make_context(db_path, settings_file, lang="zh_CN"):
    from db.database import open_database
    from desktop.context import AppContext
    settings = QSettings(str(settings_file), QSettings.Format.IniFormat)
    settings.setValue("backup/schedule", "off")
    ctx = AppContext(db_path, open_database(db_path), settings, lang=lang)
    ctx.errors.show_boxes = False          # tests read ctx.errors.shown
    ctx.today = lambda: DEMO_TODAY
    return ctx


@pytest.fixture
def ctx(app, demo_db_path, tmp_path):
    c = make_context(demo_db_path, tmp_path / "settings.ini")
    yield c
    c.close()


@pytest.fixture(scope="module")
def module_ctx(app, demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("module-data")
    path = folder / "liaison-desk.sqlite3"
    shutil.copy(demo_template, path)
    c = make_context(path, folder / "settings.ini")
    yield c
    c.close()


@pytest.fixture(scope="module")
def window(module_ctx):
    """One main window per test module (building it is the slow part of a GUI test)."""
    from desktop.main_window import MainWindow
    w = MainWindow(module_ctx, translations=QApplication.instance().translations)
    w.resize(1366, 768)
    w._drafts_offered = True
    w.show()
    yield w
    w.hide()
    w.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A real modal loop would hang the run: Qt's static message boxes and file dialogs answer at
    once here (question → Discard, so a test that leaves an editor with changes closes it quietly;
    file dialogs → cancelled). Tests that care patch them again; `asked` keeps what was asked."""
    from PySide6.QtWidgets import QFileDialog, QMessageBox
    asked: list[tuple[str, str]] = []

    def answer(result):
        def box(parent, title, text, *args, **kwargs):
            asked.append((title, text))
            return result
        return box
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Discard))
    for name in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, answer(QMessageBox.StandardButton.Ok))
    from desktop.widgets import confirm as confirm_module

    def confirmed(parent, title, text, action, cancel=None) -> bool:
        """A question before an irreversible step (desktop.widgets.confirm) is answered through the patched
        QMessageBox.question, as before its buttons were named for the step: Yes = the step's button. The default
        passed along is the real box's (No = its safe button), so a test that checks it checks the box."""
        box, do, _keep = confirm_module.build_box(parent, title, text, action, cancel)
        default = QMessageBox.StandardButton.Yes if box.defaultButton() is do else QMessageBox.StandardButton.No
        box.deleteLater()
        yes_no = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
        return QMessageBox.question(parent, title, text, yes_no, default) == QMessageBox.StandardButton.Yes
    monkeypatch.setattr(confirm_module.ConfirmBox, "ask", staticmethod(confirmed))

    def draft_answer(parent, title, text) -> str:
        """The offer of a draft (desktop.widgets.confirm.DraftBox), answered through the patched QMessageBox.question
        as before its buttons were named: Open, Discard, anything else later."""
        answer = QMessageBox.question(parent, title, text, QMessageBox.StandardButton.Open
                                      | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Ignore,
                                      QMessageBox.StandardButton.Open)
        return {QMessageBox.StandardButton.Open: "open", QMessageBox.StandardButton.Discard: "discard"}.get(answer,
                                                                                                            "later")
    monkeypatch.setattr(confirm_module.DraftBox, "ask", staticmethod(draft_answer))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: "")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([], ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    from PySide6.QtWidgets import QDialog

    from desktop.dialogs.backup_passphrase import BackupPassphraseDialog
    # the backup passphrase (a folder outside the data folder): cancelled unless a test drives it
    monkeypatch.setattr(BackupPassphraseDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    return asked
