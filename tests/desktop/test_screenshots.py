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
