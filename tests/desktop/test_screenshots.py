"""Screenshots of every page in Chinese and English at 1366×768, saved to a folder this test prints.

Set LIAISON_DESK_SCREENSHOTS to choose the folder (default: screenshots/ in the source tree, ignored by git).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def shots_dir() -> Path:
    folder = Path(os.environ.get("LIAISON_DESK_SCREENSHOTS", ROOT / "screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def settle(window, qtbot) -> None:
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()
    qtbot.waitUntil(window.ctx.tasks.is_idle, timeout=10_000)
    QApplication.processEvents()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_every_page(window, qtbot, shots_dir, lang, capsys):
    window.set_language(lang)
    window.resize(1366, 768)
    saved = []
    try:
        for entry in window.entries:
            window.show_page(entry.key)
            settle(window, qtbot)
            image = window.grab()
            assert image.width() == 1366 and image.height() == 768
            path = shots_dir / f"{entry.key}-{lang}.png"
            assert image.save(str(path))
            saved.append(path)
    finally:
        window.set_language("zh_CN")
    with capsys.disabled():
        print(f"\nscreenshots ({lang}): {shots_dir}")
    assert len(saved) == len(window.entries)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_first_run_and_people_editors(window, qtbot, shots_dir, lang, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop.dialogs.first_run import FirstRunDialog
    from desktop.dialogs.group_editor import GroupEditor
    from desktop.dialogs.member_editor import MemberEditor
    window.set_language(lang)
    QApplication.processEvents()
    ctx = window.ctx
    try:
        first = FirstRunDialog(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat),
                               tmp_path / "data" / "liaison-desk.sqlite3")
        qtbot.addWidget(first)
        member = ctx.db.execute("SELECT id FROM member ORDER BY name LIMIT 1").fetchone()[0]
        group = ctx.db.execute("SELECT id FROM liaison_group ORDER BY name LIMIT 1").fetchone()[0]
        editors = [("first-run", first), ("member-editor", MemberEditor(ctx, member, window)),
                   ("group-editor", GroupEditor(ctx, group, window))]
        for name, dialog in editors:
            dialog.show()
            QApplication.processEvents()
            assert dialog.grab().save(str(shots_dir / f"{name}-{lang}.png"))
            if name != "first-run":
                dialog._may_close = True
                dialog.close()
    finally:
        window.set_language("zh_CN")
        QApplication.processEvents()
