"""首页, 统计 and 设置 driven through their widgets."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from db.backup import list_backups
from db.dashboard import dashboard
from db.duty import duty_records
from desktop.pages.home import HomePage
from desktop.pages.settings import SettingsPage
from desktop.pages.stats import StatsPage
from tests.conftest import DEMO_TODAY


def idle(ctx, qtbot):
    qtbot.waitUntil(ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


def build(cls, ctx, qtbot):
    page = cls(ctx)
    qtbot.addWidget(page)
    page.resize(1190, 700)
    page.show()
    idle(ctx, qtbot)
    return page


# -- 首页 -----------------------------------------------------------------------------------------

def test_home_shows_the_weeks_agenda_overdue_items_and_this_months_figures(ctx, qtbot):
    page = build(HomePage, ctx, qtbot)
    want = dashboard(ctx.db, DEMO_TODAY)
    assert page.agenda.rowCount() == len(want.agenda) > 0
    assert page.overdue.rowCount() == len(want.overdue)
    assert page.card_visits.number.text() == f"{want.month.visits:,}"
    assert page.card_open.number.text() == f"{want.month.followups_open:,}"
    assert page.overdue_title.text() == f"逾期督办事项（{want.overdue_total}）"
    assert page.agenda.item(0, 0).text().startswith(("今天", "明天", "11-"))
    assert "尚未" in page.sync_label.text()          # the demo has sent nothing upward yet


def test_home_cards_keep_their_captions_in_a_half_screen_window(ctx, qtbot):
    """Found by exploratory testing: with a township and its district side by side (683 pixels each),
    the cards read 本月召开会… and 接待群众… — cut, not wrapped."""
    page = build(HomePage, ctx, qtbot)
    page.resize(683 - 176, 700)                  # half of 1366, less the navigation bar
    idle(ctx, qtbot)
    assert page.width() == 683 - 176              # it was held at 720: the window cut the last cards
    cards = (page.card_meetings, page.card_visits, page.card_reports, page.card_closed, page.card_open)
    for card in cards:
        right = card.mapTo(page, card.rect().topRight()).x()
        assert right < page.width(), (card.caption.text(), right, page.width())     # not cut by the edge
        for label in (card.caption, card.note):
            if label.text():
                assert label.width() >= label.minimumSizeHint().width(), label.text()
                assert label.height() >= label.heightForWidth(label.width()), label.text()


def test_home_tables_fit_a_narrow_window_without_scrolling_sideways(ctx, qtbot):
    """Found walking: on a 1024-pixel screen the week's agenda needed a sideways scroll bar, and the
    overdue list kept 130 pixels for the lead unit while the item itself was cut to four characters."""
    page = build(HomePage, ctx, qtbot)
    for width in (1024 - 176, 1366 - 176):
        page.resize(width, 700)
        idle(ctx, qtbot)
        QApplication.processEvents()
        for table in (page.agenda, page.overdue):
            assert table.horizontalScrollBar().maximum() == 0, (width, table.objectName())
        title = page.overdue.columnWidth(0)
        assert all(title >= page.overdue.columnWidth(i) for i in (1, 2, 3)), width
        assert page.agenda.columnWidth(2) >= page.agenda.columnWidth(3), width


def test_settings_fit_a_narrow_window_in_english_without_scrolling_sideways(app, ctx, qtbot):
    """Found walking: 设置 in English on a 1024-pixel screen kept its two columns side by side, and the backups
    were cut at the right behind a sideways scroll bar; the second column now goes under the first."""
    from PySide6.QtWidgets import QScrollArea
    app.translations.install("en")
    page = build(SettingsPage, ctx, qtbot)
    try:
        for lang, width, wrapped in (("en", 1016 - 176, True), ("zh_CN", 1366 - 176, False)):
            app.translations.install(lang)
            page.resize(width, 700)
            idle(ctx, qtbot)
            QApplication.processEvents()
            scroll = page.findChild(QScrollArea)
            assert scroll.horizontalScrollBar().maximum() == 0, (lang, width)
            assert page.columns.wrapped is wrapped, (lang, width)
            for button in (page.backup_now, page.backup_box):
                right = button.mapTo(scroll.viewport(), button.rect().topRight()).x()
                assert right <= scroll.viewport().width(), (lang, width, right)
    finally:
        app.translations.install("zh_CN")


def test_home_opens_a_meeting_from_the_agenda(ctx, qtbot):
    page = build(HomePage, ctx, qtbot)
    row = next(i for i, e in enumerate(page.data.agenda) if e.kind == "meeting")
    with qtbot.waitSignal(ctx.open_requested) as asked:
        page._on_agenda(row, 0)
    assert asked.args == ["meetings", page.data.agenda[row].id]


def test_home_refreshes_after_a_change_elsewhere(ctx, qtbot):
    from db.followups import create_follow_up
    from desktop.ops import CollectionOp
    page = build(HomePage, ctx, qtbot)
    before = page.data.overdue_total
    CollectionOp(ctx, parent=None, op=lambda db: create_follow_up(
        db, title="检查路灯", lead_unit="城管局", due_date="2026-01-05")).run_in_background()
    qtbot.waitUntil(lambda: page.data.overdue_total == before + 1, timeout=5000)


def test_home_of_a_new_office_says_there_is_nothing_yet(app, qtbot, tmp_path):
    from db.database import open_database
    from db.offices import create_city
    from tests.desktop.conftest import make_context
    path = tmp_path / "new.sqlite3"
    db = open_database(path)
    create_city(db, "贵阳市政协")
    db.conn.close()
    ctx = make_context(path, tmp_path / "s.ini")
    try:
        page = build(HomePage, ctx, qtbot)
        assert page.agenda.rowCount() == 0 and page.agenda_empty.isVisibleTo(page)
        assert page.overdue_empty.isVisibleTo(page)
        assert page.card_meetings.number.text() == "0"
    finally:
        ctx.close()


# -- 统计 -----------------------------------------------------------------------------------------

def test_duty_records_table_matches_the_records(ctx, qtbot, qtmodeltester):
    page = build(StatsPage, ctx, qtbot)
    year = page.year.currentData()
    assert year == DEMO_TODAY.year
    want = duty_records(ctx.db, year)
    assert page.model.rowCount() == len(want) > 0
    qtmodeltester.check(page.model)
    total = sum(r.visits for r in want)
    assert f"走访接待 {total} 人次" in page.totals.text()


def test_duty_records_filter_by_group_and_name_and_sort(ctx, qtbot):
    from PySide6.QtCore import Qt
    page = build(StatsPage, ctx, qtbot)
    everyone = page.model.rowCount()
    page.group.setCurrentIndex(1)
    idle(ctx, qtbot)
    assert 0 < page.model.rowCount() < everyone
    name = page.model.records[0].name
    page.search.setText(name)
    assert page.proxy.rowCount() == 1
    page.search.setText("")
    page.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)       # visits, most first
    visits = [int(page.proxy.index(r, 8).data()) for r in range(page.proxy.rowCount())]
    assert visits == sorted(visits, reverse=True)


def test_duty_records_export_to_excel(ctx, qtbot, monkeypatch, tmp_path):
    from openpyxl import load_workbook
    out = tmp_path / "履职.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    page = build(StatsPage, ctx, qtbot)
    page.export()
    idle(ctx, qtbot)
    sheet = load_workbook(out).worksheets[0]
    assert sheet.max_row >= page.model.rowCount() + 2


# -- 设置 -----------------------------------------------------------------------------------------

def test_back_up_now_writes_a_backup_to_the_chosen_folder(ctx, qtbot, tmp_path, monkeypatch):
    from desktop.dialogs import backup_passphrase
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: "a-passphrase-2026")   # outside the data folder
    page = build(SettingsPage, ctx, qtbot)
    folder = tmp_path / "备份"
    page.folder_edit.setText(str(folder))
    page._on_folder_edited()
    page.back_up_now()
    idle(ctx, qtbot)
    found = list_backups(folder)
    assert len(found) == 1 and page.backups.rowCount() == 1
    assert str(folder) in page.backup_status.text()


def test_a_backup_to_an_unwritable_folder_is_told_plainly(ctx, qtbot, tmp_path, monkeypatch):
    from desktop.dialogs import backup_passphrase
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: "a-passphrase-2026")   # outside the data folder
    page = build(SettingsPage, ctx, qtbot)
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    page.folder_edit.setText(str(blocked / "backups"))
    page._on_folder_edited()
    page.back_up_now()
    idle(ctx, qtbot)
    told = ctx.errors.shown[-1]
    assert told.kind == "user" and page.backup_now.isEnabled()


def test_schedule_and_keep_are_remembered(ctx, qtbot):
    from desktop.backups import is_due, keep, schedule
    page = build(SettingsPage, ctx, qtbot)
    page.schedule_combo.setCurrentIndex(page.schedule_combo.findData("weekly"))
    page.keep_spin.setValue(5)
    assert schedule(ctx.settings) == "weekly" and keep(ctx.settings) == 5
    assert is_due(ctx.settings, Path(ctx.backups_dir))          # no backup yet


def test_restore_puts_back_the_backed_up_data(ctx, qtbot, monkeypatch):
    from db.members import load_member, save_member
    page = build(SettingsPage, ctx, qtbot)
    page.back_up_now()
    idle(ctx, qtbot)
    mid = ctx.db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
    before = load_member(ctx.db, mid).phone
    save_member(ctx.db, mid, {"phone": "13000000000"})
    page.backups.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.restore_selected()
    idle(ctx, qtbot)
    assert load_member(ctx.db, mid).phone == before
    assert page.backups.rowCount() == 2                   # and the safety copy taken first


def test_language_switch_from_settings(window, qtbot):
    page = window.show_page("settings")
    try:
        page.lang_combo.setCurrentIndex(page.lang_combo.findData("en"))
        QApplication.processEvents()
        assert window.sidebar.item(0).text() == "Home" and page.title.text() == "Settings"
        assert window.ctx.settings.value("ui/language") == "en"
    finally:
        page.lang_combo.setCurrentIndex(page.lang_combo.findData("zh_CN"))
        QApplication.processEvents()
    assert window.sidebar.item(0).text() == "首页"


def test_choosing_a_backup_folder_nothing_can_be_written_into_says_so_at_once(ctx, qtbot, monkeypatch, tmp_path):
    """A write-protected stick chosen as the backup folder was taken without a word; the first automatic backup
    then failed where no one looked. Found walking later: the red warning came, but the folder stayed chosen and
    every daily automatic backup kept failing. The folder used until then stays, and the page says so."""
    import errno
    import os
    import tempfile

    page = build(SettingsPage, ctx, qtbot)
    stick = tmp_path / "stick"
    stick.mkdir()
    real = tempfile.mkstemp
    before = ctx.backups_dir

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == stick:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*args, dir=dir, **kwargs)
    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    said = page.folder_problem.text()
    assert page.folder_problem.isVisible() and "只读" in said and str(stick) in said
    assert ctx.backups_dir == before and f"备份仍保存在 {before}" in said          # not taken
    assert page.folder_edit.text() != str(stick)
    monkeypatch.setattr(tempfile, "mkstemp", real)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)
    assert not page.folder_problem.isVisible() and ctx.backups_dir == tmp_path
    assert not list(tmp_path.glob(".liaison-desk-probe-*"))


def test_backing_up_to_a_write_protected_stick_says_so_before_asking_for_a_passphrase(ctx, qtbot, monkeypatch,
                                                                                       tmp_path):
    """Found walking: 立即备份 to a write-protected stick (the page already said so in red) had the clerk invent a
    passphrase and type it twice, then said the folder was read-only. It says so at once; nothing is written."""
    import errno
    import os
    import tempfile

    from desktop.dialogs import backup_passphrase
    page = build(SettingsPage, ctx, qtbot)
    stick = tmp_path / "stick"
    stick.mkdir()
    real = tempfile.mkstemp

    def read_only(*args, dir=None, **kwargs):
        if dir is not None and Path(dir) == stick:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real(*args, dir=dir, **kwargs)
    asked = []
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: asked.append(a) or "a-passphrase-2026")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    qtbot.mouseClick(page.folder_button, Qt.MouseButton.LeftButton)       # chosen while writable
    assert ctx.backups_dir == stick
    monkeypatch.setattr(tempfile, "mkstemp", read_only)                  # then its write-protect switch flipped
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert asked == []                                   # no passphrase asked for a backup that cannot be written
    told = ctx.errors.shown[-1]
    assert told.kind == "user" and "只读" in told.text, told.text
    assert page.backup_now.isEnabled() and list(stick.iterdir()) == []
    monkeypatch.setattr(tempfile, "mkstemp", real)       # the write protection off: the passphrase, then the backup
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert len(asked) == 1 and [p.suffix for p in stick.iterdir()] == [".enc"]


def test_the_reason_of_an_encrypted_backup_is_not_cut_off_in_english(ctx, qtbot, tmp_path, monkeypatch, app):
    """In English the list said "by hand, …" for a backup to a stick: the column was as wide as the Chinese."""
    from desktop.dialogs import backup_passphrase
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: "a-passphrase-2026")   # outside the data folder
    page = build(SettingsPage, ctx, qtbot)
    page.folder_edit.setText(str(tmp_path / "stick"))
    page._on_folder_edited()
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    try:
        app.translations.install("en")
        QApplication.processEvents()          # Qt posts LanguageChange: the page retranslates and refills
        item = page.backups.item(0, 1)
        assert item.text() == "by hand, encrypted"
        needed = page.backups.fontMetrics().horizontalAdvance(item.text())
        assert page.backups.columnWidth(1) > needed
    finally:
        app.translations.install("zh_CN")
        QApplication.processEvents()
    assert page.backups.item(0, 1).text() == "手动，已加密"


def test_a_restore_from_a_stick_says_where_the_data_from_before_went(ctx, qtbot, tmp_path, monkeypatch):
    """The backup folder on a stick: the restore's safety copy goes beside the data, so the list (of the stick)
    had no "before a restore" row while the question had promised the restore could be undone."""
    from desktop.dialogs import backup_passphrase
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: "a-passphrase-2026")
    monkeypatch.setattr(backup_passphrase, "ask_existing", lambda *a: "a-passphrase-2026")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = build(SettingsPage, ctx, qtbot)
    stick = tmp_path / "U盘"
    page.folder_edit.setText(str(stick))
    page._on_folder_edited()
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    page.backups.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    [safety] = [b for b in list_backups(Path(ctx.db_path).parent / "backups") if b.reason == "before-restore"]
    assert page.backups.rowCount() == 1                   # the stick holds only the backup restored
    assert "已恢复" in page.backup_status.text() and str(safety.path) in page.backup_status.text()


def test_a_refused_backup_reads_as_a_sentence_in_english(app, demo_db_path, tmp_path, qtbot, monkeypatch):
    """In English the box said "cannot write the backup: cannot write …: the folder is read-only or not writable;
    choose another and retry" — the command line's lowercase words, without a full stop."""
    from desktop.dialogs import backup_passphrase
    from tests.desktop.conftest import make_context
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a: "a-passphrase-2026")   # outside the data folder
    ctx = make_context(demo_db_path, tmp_path / "settings.ini", lang="en")
    try:
        app.translations.install("en")
        page = build(SettingsPage, ctx, qtbot)
        blocked = tmp_path / "file-not-folder"
        blocked.write_text("x")
        page.folder_edit.setText(str(blocked / "backups"))
        page._on_folder_edited()
        qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
        idle(ctx, qtbot)
        told = ctx.errors.shown[-1]
        assert told.kind == "user" and told.text[0].isupper() and told.text.endswith("."), told.text
    finally:
        app.translations.install("zh_CN")
        ctx.close()


def test_an_automatic_backup_encrypted_with_the_kept_passphrase_restores_on_this_computer_without_asking(
        ctx, qtbot, tmp_path, monkeypatch):
    """设置 said "restoring one on another computer needs the passphrase", but restoring on this very computer asked
    for it too: a clerk who chose it once, months ago, could not restore. The kept one is tried first; a backup made
    with another passphrase still asks for it."""
    from db.members import load_member, save_member
    from desktop.dialogs import backup_passphrase
    asked = []
    monkeypatch.setattr(backup_passphrase, "ask_new", lambda *a, **k: "春晖 社区 2026")
    monkeypatch.setattr(backup_passphrase, "ask_existing", lambda *a: asked.append(a) or "typed-by-hand-2026")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page = build(SettingsPage, ctx, qtbot)
    page.folder_edit.setText(str(tmp_path / "stick"))
    page._on_folder_edited()
    qtbot.mouseClick(page.auto_pass_button, Qt.MouseButton.LeftButton)          # 加密自动备份…
    qtbot.mouseClick(page.backup_now, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    mid = ctx.db.execute("SELECT id FROM member LIMIT 1").fetchone()[0]
    before = load_member(ctx.db, mid).phone
    save_member(ctx.db, mid, {"phone": "13000000000"})
    page.backups.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert asked == [] and load_member(ctx.db, mid).phone == before
    assert "已恢复" in page.backup_status.text() and ctx.errors.shown == []
    # a backup made with a passphrase typed by hand: the kept one does not open it, so it is asked for
    from db.backup import backup
    backup(ctx.db, ctx.db_path, folder=tmp_path / "stick", reason="manual", passphrase="typed-by-hand-2026")
    page._fill_backups()
    page.backups.selectRow(0)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert len(asked) == 1 and ctx.errors.shown == [] and "已恢复" in page.backup_status.text()


def test_another_data_file_that_is_not_ours_is_refused_before_the_next_start(ctx, qtbot, tmp_path, monkeypatch,
                                                                          no_modal_dialogs):
    """Found walking: 使用其他数据文件… took any *.sqlite3 (a damaged copy, another program's file); from the next
    start on, the program stopped at "无法打开数据文件" every time, with no way back in the window."""
    from desktop.app import SETTING_DB
    junk = tmp_path / "坏 文件.sqlite3"
    junk.write_text("hello")
    page = build(SettingsPage, ctx, qtbot)
    before = ctx.settings.value(SETTING_DB)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(junk), ""))
    qtbot.mouseClick(page.switch_file, Qt.MouseButton.LeftButton)
    assert ctx.settings.value(SETTING_DB) == before
    title, text = no_modal_dialogs[-1]
    assert "不是本软件的数据文件" in text and str(ctx.db_path) in text
    import shutil
    other = tmp_path / "other.sqlite3"
    shutil.copy(ctx.db_path, other)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(other), ""))
    qtbot.mouseClick(page.switch_file, Qt.MouseButton.LeftButton)
    assert ctx.settings.value(SETTING_DB) == str(other)


def test_a_backup_cut_short_is_refused_in_words_not_sqlites(app, demo_db_path, tmp_path, qtbot, monkeypatch):
    """In English, restoring a backup cut short on the stick said "The backup file is damaged (database disk image
    is malformed)": SQLite's own words. Nothing is changed, and the data stays."""
    from db.backup import backup
    from tests.desktop.conftest import make_context
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    ctx = make_context(demo_db_path, tmp_path / "settings.ini", lang="en")
    try:
        app.translations.install("en")
        good = backup(ctx.db, ctx.db_path, reason="auto")
        cut = good.with_name(good.name.replace("-auto", "-manual"))
        cut.write_bytes(good.read_bytes()[:1_000_000])
        good.unlink()
        page = build(SettingsPage, ctx, qtbot)
        page.backups.selectRow(0)
        qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
        idle(ctx, qtbot)
        told = ctx.errors.shown[-1]
        assert told.code == "corrupt_backup" and "malformed" not in told.text and "cut short" in told.text, told.text
    finally:
        app.translations.install("zh_CN")
        ctx.close()


def test_the_demo_asks_before_it_becomes_the_office_whose_backup_it_restores(ctx, qtbot, monkeypatch, tmp_path):
    """A real office's backup turned the demo into that office without a word (the command line now asks for
    --as-office): the window says whose data it is and restores only once the clerk agrees."""
    import shutil
    import subprocess
    import sys

    from db.permissions import is_demo
    city = tmp_path / "city" / "liaison-desk.sqlite3"
    for args in (["init", "--city", "贵阳市政协"], ["backup"]):
        assert subprocess.run([sys.executable, "-m", "desktop.cli", *args, "--db", str(city)],
                              capture_output=True, timeout=120).returncode == 0
    made = next((city.parent / "backups").glob("*.sqlite3"))
    Path(ctx.backups_dir).mkdir(parents=True, exist_ok=True)
    shutil.copy(made, Path(ctx.backups_dir) / made.name)
    page = build(SettingsPage, ctx, qtbot)
    page._fill_backups()
    page.backups.selectRow(0)
    members = ctx.db.execute("SELECT count(*) FROM member").fetchone()[0]
    asked: list[str] = []
    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No])   # restore? / as the city?

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return next(answers)
    monkeypatch.setattr(QMessageBox, "question", question)
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert len(asked) == 2 and "贵阳市政协" in asked[1] and "520100" in asked[1] and "演示" in asked[1], asked
    assert is_demo(ctx.db) and ctx.db.execute("SELECT count(*) FROM member").fetchone()[0] == members
    assert not ctx.errors.shown

    answers = iter([QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.Yes])
    from desktop.pages.settings import PATH_ROLE
    page.backups.selectRow(next(i for i in range(page.backups.rowCount())
                                if Path(page.backups.item(i, 0).data(PATH_ROLE)).name == made.name))
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    idle(ctx, qtbot)
    assert not ctx.errors.shown, ctx.errors.shown
    assert not is_demo(ctx.db) and ctx.db.execute("SELECT count(*) FROM member").fetchone()[0] == 0


def test_duty_records_in_english_join_a_members_groups_the_english_way(app, ctx, qtbot, monkeypatch, tmp_path):
    """Found walking in English: on 统计 a member in two groups read “南湖社区委员联络组、新华路街道委员联络组”
    in the table and in the English workbook; the names stay, between them ", "."""
    from openpyxl import load_workbook
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from db.groups import add_to_group, group_members, list_groups
    first, second = list_groups(ctx.db)[:2]
    add_to_group(ctx.db, second.id, group_members(ctx.db, first.id)[0].member_id)     # in two groups
    out = tmp_path / "duty.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    app.translations.install("en")
    ctx.lang = "en"
    try:
        page = build(StatsPage, ctx, qtbot)
        page.resize(1366, 700)
        rec = next(r for r in page.model.records if r.groups and "、" in r.groups)
        english = ", ".join(rec.groups.split("、"))
        row = page.model.records.index(rec)
        assert page.model.index(row, 2).data() == english
        assert page.model.index(row, 2).data(Qt.ItemDataRole.ToolTipRole) == english
        QTest.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
        idle(ctx, qtbot)
        sheet = load_workbook(out).worksheets[0]
        rows = [[c.value for c in r] for r in sheet.iter_rows()]
        assert rows[1][2] == "Groups"
        assert [rec.name, rec.sector_en or rec.sector, english] in [r[:3] for r in rows]
        assert not any("、" in (r[2] or "") for r in rows)
        page.grab().save(str(tmp_path / "stats_en.png"))
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
    QApplication.processEvents()
    assert page.model.index(row, 2).data() == rec.groups             # in Chinese, as stored


def test_home_tables_show_their_whole_headings_in_english(app, ctx, qtbot, tmp_path):
    """Found walking in English at 1366×768: the overdue list's last heading read "Overdue b" (its column kept
    the 70 pixels "逾期天数" needs); the short columns are now at least as wide as their headings."""
    app.translations.install("en")
    ctx.lang = "en"
    try:
        page = build(HomePage, ctx, qtbot)
        for width in (1366 - 176, 1024 - 176):
            page.resize(width, 700)
            idle(ctx, qtbot)
            QApplication.processEvents()
            for table, short in ((page.agenda, (0, 1, 4)), (page.overdue, (2, 3))):
                head = table.horizontalHeader()
                assert table.horizontalScrollBar().maximum() == 0, width
                for i in short:
                    assert head.sectionSizeFromContents(i).width() <= table.columnWidth(i), \
                        (width, table.horizontalHeaderItem(i).text(), table.columnWidth(i))
            page.grab().save(str(tmp_path / f"home_en_{width}.png"))
    finally:
        app.translations.install("zh_CN")
        ctx.lang = "zh_CN"
        QApplication.processEvents()
