"""Start-up: first run (demo data, city office), the deferred open, and the main window's keyboard."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from desktop import app as app_module
from desktop.dialogs.first_run import FirstRunDialog


@pytest.fixture
def settings(tmp_path):
    s = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    s.setValue("backup/schedule", "off")
    return s


def finish(dialog, qtbot):
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)


def test_first_run_opens_the_demo_data(app, qtbot, settings, tmp_path):
    dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    assert dialog.opt_demo.isChecked() and "backups" in dialog.backups_hint.text()
    assert dialog.setup_file_button.text() == "用安装文件设置…"        # the way in for a township
    finish(dialog, qtbot)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.db_path.name == "liaison-desk-demo.sqlite3"
    assert settings.value(app_module.SETTING_DB) == str(dialog.db_path)
    assert not app_module.needs_setup(dialog.db_path)


def test_first_run_demo_option_names_the_office_that_opens(app, qtbot, settings, tmp_path):
    """Found walking: the option said 一个示例街道 (a sample township) but the window opened as 本单位：贵阳市政协,
    the city, whose home page talks about 区县. The option and its hint now say the office that opens."""
    from PySide6.QtWidgets import QDialogButtonBox

    from db.database import open_database
    from db.offices import this_office
    dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    said = dialog.opt_demo.text() + dialog.demo_hint.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    db = open_database(dialog.db_path)
    try:
        office = this_office(db)
    finally:
        db.conn.close()
    assert office.level == "city" and office.name in said
    assert "市政协" in dialog.opt_demo.text() and "街道" in dialog.opt_demo.text()


def test_first_run_sets_up_the_city_office(app, qtbot, settings, tmp_path):
    from db.database import open_database
    from db.offices import list_offices, this_office
    dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.opt_city.setChecked(True)
    dialog.city_code.setText("52010x")
    dialog.start()
    assert "数字" in dialog.status.text() and not dialog.is_busy()
    dialog.city_code.setText("520100")
    finish(dialog, qtbot)
    db = open_database(dialog.db_path)
    try:
        assert this_office(db).name == "贵阳市政协"
        assert len(list_offices(db, level="township")) > 100
        from db.sync.computers import confirms_relayed_keys
        assert confirms_relayed_keys(db)            # SECURITY.md R6d: a new city confirms relayed keys itself
    finally:
        db.conn.close()


def test_first_run_as_the_city_with_the_code_typed_in_full_width_digits(app, qtbot, settings, tmp_path):
    """Found walking: a Chinese input method in full-width mode typed the city's code as ５２０１００, which was
    stored so: the city's code then matched none of its offices' codes, setup files or command lines."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QDialogButtonBox

    from db.database import open_database
    from db.offices import this_office
    dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    from PySide6.QtCore import QPoint
    qtbot.mouseClick(dialog.opt_city, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.opt_city.height() // 2))
    assert dialog.opt_city.isChecked() and dialog.city_code.isEnabled()
    dialog.city_code.selectAll()
    typed = QInputMethodEvent()                     # what the IME commits; it replaces the selection
    typed.setCommitString("５２０１００")
    QApplication.sendEvent(dialog.city_code, typed)
    assert dialog.city_code.text() == "５２０１００"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted, dialog.status.text()
    db = open_database(dialog.db_path)
    try:
        assert dialog.db_path.name == "liaison-desk.sqlite3" and this_office(db).code == "520100"
    finally:
        db.conn.close()


def test_first_run_into_an_unusable_folder_explains(app, qtbot, settings, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    dialog = FirstRunDialog(settings, blocked / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    finish(dialog, qtbot)
    assert dialog.result() != FirstRunDialog.DialogCode.Accepted
    assert dialog.status.text() and dialog.buttons.isEnabled()


def test_first_run_on_a_write_protected_stick_says_to_choose_another_folder(app, qtbot, settings, tmp_path,
                                                                           monkeypatch):
    """Found walking the first start: a data folder on a write-protected stick said "请把数据库复制到可写的文件夹后再打开"
    (copy the database to a writable folder) though there was no database yet, in the first-run window and in the
    setup-file window opened from it; both now say to choose another data folder."""
    import os
    import sqlite3

    from db import database
    stick = tmp_path / "U盘"
    stick.mkdir()
    real_connect, real_access = sqlite3.connect, os.access

    def connect(target, *a, **k):
        if str(target).startswith(str(stick)):
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target, *a, **k)
    monkeypatch.setattr(database.sqlite3, "connect", connect)
    monkeypatch.setattr(database.os, "access", lambda p, mode: False if Path(p) == stick and mode == os.W_OK
                        else real_access(p, mode))
    dialog = FirstRunDialog(settings, stick / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    from PySide6.QtWidgets import QDialogButtonBox
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.status.text() != "", timeout=30_000)
    said = dialog.status.text()
    assert "请选择其他数据文件夹" in said and "复制" not in said, said
    assert dialog.folder.hasFocus() and dialog.result() != FirstRunDialog.DialogCode.Accepted

    from db.database import open_database
    from db.offices import add_office, create_city
    from db.sync.setup import make_setup_file
    city_db = open_database(tmp_path / "city.sqlite3")
    city = create_city(city_db, "贵阳市政协", "520100")
    add_office(city_db, code="520102", name="南明区政协", level="district", parent_id=city, by_office=city)
    sf = make_setup_file(city_db, "520102", tmp_path)
    city_db.conn.close()
    qtbot.mouseClick(dialog.setup_file_button, Qt.MouseButton.LeftButton)
    setup = dialog.setup_dialog
    setup.file_edit.setText(str(sf.path))
    qtbot.keyClicks(setup.passcode_edit, sf.passcode)
    qtbot.mouseClick(setup.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not setup.is_busy() and setup.status.text() != setup.tr("Setting up…"), timeout=30_000)
    said = setup.status.text()
    assert "选择其他数据文件夹" in said and "复制" not in said and setup.info is None, said


def test_first_run_pointed_at_the_offices_own_data_folder_opens_that_data(app, qtbot, settings, tmp_path,
                                                                          demo_db_path):
    """Found walking (a reinstalled program, settings lost): the data folder typed in the first-run window held the
    office's own liaison-desk.sqlite3, yet 开始 made the demo beside it and opened that; records typed next went into
    the demo. The window now says whose data is there, and 开始 opens it."""
    from PySide6.QtWidgets import QDialogButtonBox

    from db.startup import peek_installation
    office = peek_installation(demo_db_path).office.name
    dialog = FirstRunDialog(settings, tmp_path / "new" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.folder.selectAll()
    qtbot.keyClicks(dialog.folder, str(demo_db_path.parent))
    assert office in dialog.backups_hint.text() and "开始" in dialog.backups_hint.text()
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=30_000)
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted
    assert dialog.db_path == demo_db_path and settings.value(app_module.SETTING_DB) == str(demo_db_path)
    assert not (demo_db_path.parent / "liaison-desk-demo.sqlite3").exists()


def test_a_bug_during_the_first_run_is_logged_not_shown_as_python_text(app, qtbot, settings, tmp_path, monkeypatch):
    """The first-run window (and the setup-file window) showed an unexpected error as "未能准备数据：KeyError: 'x'";
    now the words say what happened and where the details were logged, and the traceback is in that log."""
    from PySide6.QtWidgets import QDialogButtonBox

    from desktop.dialogs import first_run, setup_from_file

    def broken(*_a, **_k):
        raise KeyError("office_secret_column")
    monkeypatch.setattr(first_run, "create_database", broken)
    dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.status.text() != "", timeout=30_000)
    said = dialog.status.text()
    assert "KeyError" not in said and "office_secret_column" not in said and "日志" in said, said
    log = tmp_path / "data" / "logs" / "liaison-desk.log"
    assert "KeyError" in log.read_text(encoding="utf-8")

    import db.sync.setup as setup_module
    monkeypatch.setattr(setup_module, "init_from_setup", broken)
    setup = setup_from_file.SetupFromFileDialog(tmp_path / "data" / "liaison-desk.sqlite3", lang="zh_CN")
    qtbot.addWidget(setup)
    setup.file_edit.setText(str(tmp_path / "a.ldsetup"))
    qtbot.keyClicks(setup.passcode_edit, "1" * 20)
    qtbot.mouseClick(setup.go_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not setup.is_busy() and setup.status.text() != setup.tr("Setting up…"), timeout=30_000)
    said = setup.status.text()
    assert "KeyError" not in said and "office_secret_column" not in said and "日志" in said, said


def test_start_paints_from_the_prefetch_then_opens_the_database(app, qtbot, settings, demo_db_path, monkeypatch):
    from db.startup import peek_installation
    from desktop.i18n import Translations
    installation = peek_installation(demo_db_path)
    assert installation.office is not None and installation.versions
    ctx, window = app_module.build_window_deferred(demo_db_path, settings, app.translations, installation)
    qtbot.addWidget(window)
    ctx.today = lambda: __import__("tests.conftest", fromlist=["DEMO_TODAY"]).DEMO_TODAY
    try:
        assert not ctx.is_open()
        window.show()
        home = window.pages["home"]
        qtbot.waitUntil(lambda: home.data is not None, timeout=5000)
        assert not ctx.is_open()                    # the home page did not need the database open
        with qtbot.waitSignal(ctx.opened, timeout=10_000):
            ctx.open_in_background()
        assert ctx.is_open() and ctx.office.name == installation.office.name
        assert window.show_page("members").model is not None
    finally:
        window.hide()
        ctx.close()
    del Translations


def test_a_page_needing_the_database_opens_it_at_once(app, qtbot, settings, demo_db_path):
    from db.startup import peek_installation
    ctx, window = app_module.build_window_deferred(demo_db_path, settings, app.translations,
                                                   peek_installation(demo_db_path))
    qtbot.addWidget(window)
    try:
        page = window.show_page("members")         # its group filter reads the groups at once
        assert ctx.is_open()
        qtbot.waitUntil(lambda: page.model.total is not None, timeout=5000)
    finally:
        qtbot.waitUntil(ctx.tasks.is_idle, timeout=5000)
        ctx.close()


def test_main_runs_on_an_existing_database_until_the_window_paints(app, qtbot, demo_db_path, monkeypatch, tmp_path):
    ini = tmp_path / "cfg.ini"
    monkeypatch.setattr(app_module, "make_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue(app_module.SETTING_DB, str(demo_db_path))
    s.setValue("backup/schedule", "off")
    s.sync()
    monkeypatch.setenv(app_module.ENV_EXIT_AFTER_PAINT, "1")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    assert app_module.main([]) == 0
    QApplication.processEvents()


def test_a_damaged_data_file_is_explained(app, qtbot, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox
    bad = tmp_path / "liaison-desk.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    ini = tmp_path / "cfg.ini"
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue(app_module.SETTING_DB, str(bad))
    s.sync()
    monkeypatch.setattr(app_module, "make_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    told = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text, *a: told.append(text))
    assert app_module.main([]) == 1
    assert told and "不是本软件的数据库" in told[0]


def test_keyboard_commands_go_to_the_current_page(window, qtbot, monkeypatch):
    page = window.show_page("members")
    calls = []
    for name in ("new_record", "find", "delete_selected", "refresh"):
        monkeypatch.setattr(page, name, lambda n=name: calls.append(n))
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    for key, mod in ((Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier),
                     (Qt.Key.Key_Delete, Qt.KeyboardModifier.NoModifier),
                     (Qt.Key.Key_F5, Qt.KeyboardModifier.NoModifier)):
        qtbot.keyClick(window.focusWidget() or window, key, mod)
    assert calls == ["new_record", "find", "delete_selected", "refresh"]
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page() is window.pages["groups"]


def test_window_remembers_its_size_and_page(window):
    window.show_page("stats")
    window.resize(1300, 740)
    window.closeEvent(__import__("PySide6.QtGui", fromlist=["QCloseEvent"]).QCloseEvent())
    assert window.ctx.settings.value("window/page") == "stats"
    assert window.ctx.settings.value("window/geometry") is not None


@pytest.mark.parametrize("existing", [True, False])
def test_the_heads_account_is_offered_only_when_the_first_run_made_new_data(app, qtbot, demo_db_path, monkeypatch,
                                                                            tmp_path, existing):
    """Found walking: the first-run window pointed at the office's own data folder opened that data, and then the
    program asked "现在建立负责人账号吗？" as for a new office. It asks now only when new data was made."""
    from PySide6.QtWidgets import QDialogButtonBox
    ini = tmp_path / "cfg.ini"
    s = QSettings(str(ini), QSettings.Format.IniFormat)
    s.setValue(app_module.SETTING_DB, str(tmp_path / "new" / "liaison-desk.sqlite3"))
    s.setValue("backup/schedule", "off")
    s.sync()
    monkeypatch.setattr(app_module, "make_settings", lambda: QSettings(str(ini), QSettings.Format.IniFormat))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)

    def walk(dialog):                           # what the clerk does in the first-run window
        dialog.show()
        qtbot.waitExposed(dialog)
        if existing:
            dialog.folder.selectAll()
            qtbot.keyClicks(dialog.folder, str(demo_db_path.parent))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.result() == FirstRunDialog.DialogCode.Accepted, timeout=30_000)
        return dialog.result()
    monkeypatch.setattr(FirstRunDialog, "exec", walk)
    asked = []
    monkeypatch.setattr(app_module, "offer_accounts", lambda window: asked.append(window))
    monkeypatch.setenv(app_module.ENV_EXIT_AFTER_PAINT, "1")
    assert app_module.main([]) == 0
    QApplication.processEvents()
    assert bool(asked) is not existing


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_first_run_given_a_file_as_its_data_folder_says_so_in_the_windows_language(app, qtbot, settings, tmp_path,
                                                                                   lang):
    """Found walking: a file typed as the 数据文件夹 gave "无法读写文件“…/afile”（File exists）。": the system's
    English inside the Chinese. The reason is now said in the window's language."""
    import re

    from PySide6.QtWidgets import QDialogButtonBox
    afile = tmp_path / "afile"
    afile.write_text("x")
    app.translations.install(lang)
    try:
        dialog = FirstRunDialog(settings, tmp_path / "data" / "liaison-desk.sqlite3")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.folder.selectAll()
        qtbot.keyClicks(dialog.folder, str(afile))
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.status.text() != "", timeout=30_000)
        said = dialog.status.text().replace(str(afile), "")
    finally:
        app.translations.install("zh_CN")
    assert "File exists" not in said and dialog.result() != FirstRunDialog.DialogCode.Accepted, said
    if lang == "zh_CN":
        assert "已有同名的文件" in said and not re.search(r"[A-Za-z]{3,}", said), said
    else:
        assert "a file of that name is there where a folder is needed" in said, said
