"""The setup file's passcode is not one-time (a setup file can be used again; a second computer is
shown to the parent, SECURITY.md R6): neither dialog says otherwise, in Chinese or in English."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from desktop.dialogs.setup_from_file import SetupFromFileDialog
from desktop.dialogs.sync_setup_file import MakeSetupFileDialog


def _texts(dialog) -> str:
    return "\n".join(label.text() for label in dialog.findChildren(QLabel))


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_neither_setup_dialog_calls_the_passcode_one_time(app, ctx, qtbot, tmp_path, lang):
    try:
        app.translations.install(lang)
        made = MakeSetupFileDialog(ctx, [])
        qtbot.addWidget(made)
        used = SetupFromFileDialog(tmp_path / "new" / "liaison-desk.sqlite3", lang=lang)
        qtbot.addWidget(used)
        for d in (made, used):
            d.retranslate()
        both = _texts(made) + _texts(used)
        assert "一次性" not in both and "one-time" not in both.lower()
        if lang == "zh_CN":
            assert "可以重复使用" in _texts(made) and "第二台电脑" in _texts(made)
            assert "告知了口令" in _texts(used)
            made.resize(640, made.sizeHint().height())
        else:
            assert "more than once" in _texts(made) and "second computer" in _texts(made)
            assert "told you its passcode" in _texts(used)
    finally:
        app.translations.install("zh_CN")
