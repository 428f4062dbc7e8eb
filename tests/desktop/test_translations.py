"""Translations: every message of every module has its Chinese, the .ts files follow the sources, and
the committed .qm is what the .ts files build to. Qt's own dialogs are Chinese too."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))

import i18n  # noqa: E402  (tools/i18n.py)


def test_every_message_is_translated_and_the_qm_is_fresh():
    problems = i18n.check()
    assert not problems, "\n".join(problems[:40])


def test_a_missing_translation_is_caught(tmp_path):
    ts = tmp_path / "x.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?><!DOCTYPE TS><TS version="2.1" language="zh_CN">'
                  '<context><name>Page</name><message><source>Save</source>'
                  '<translation type="unfinished"></translation></message></context></TS>', encoding="utf-8")
    assert i18n.todo(tmp_path) == [("x.ts", "Page", "Save")]


def test_model_labels_come_from_the_spec_per_table():
    from db import model
    text = i18n.model_ts_text()
    assert "<name>model.member</name>" in text and "<translation>姓名</translation>" in text
    assert text.count("<context>") == len(model.TABLES) + 1


def test_qt_dialog_buttons_are_chinese(app):
    from PySide6.QtWidgets import QDialogButtonBox
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Discard)
    assert box.button(QDialogButtonBox.StandardButton.Discard).text() in ("放弃", "丢弃", "不保存")
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() in ("确定", "好")


def test_qt_file_dialogs_speak_chinese(app):
    """Qt's own file dialog (the one used where the system has none): 查找范围, 文件类型, not "Look in:"."""
    from PySide6.QtWidgets import QFileDialog, QLabel
    d = QFileDialog(None, "选择文件夹")
    d.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    import re
    texts = {label.text() for label in d.findChildren(QLabel)}
    plain = {re.sub(r"\(&\w\)", "", t) for t in texts}     # Qt 6.9's translation has no (&L) accelerators
    assert {"查找范围：", "文件类型："} <= plain, texts
    assert not {"&Look in:", "Files of &type:", "File &name:"} & texts
    import tempfile

    from PySide6.QtCore import QFileInfo
    from PySide6.QtWidgets import QFileIconProvider
    assert QFileIconProvider().type(QFileInfo(tempfile.gettempdir())) == "文件夹"      # the 类型 column
    d.deleteLater()


def test_qt_catalogue_is_found_beside_pyside6_when_qt_does_not_say_where(app, monkeypatch):
    from PySide6.QtCore import QCoreApplication, QLibraryInfo

    from desktop import i18n
    monkeypatch.setattr(QLibraryInfo, "path", staticmethod(lambda _which: "/nonexistent"))
    tr = i18n.qt_translator(app, "zh_CN")
    assert tr is not None and tr.translate("QFileDialog", "Look in:") == "查找范围："
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "文件类型："


def test_rewriting_the_qm_file_while_running_changes_nothing_on_screen(app, tmp_path):
    """The translation is read into memory: an update that rewrites the .qm file in place (as a
    rebuild or an installer does) cannot pull the texts from under a running window."""
    import shutil

    from PySide6.QtCore import QCoreApplication

    from desktop import i18n
    qm = tmp_path / "copy.qm"
    shutil.copy(i18n.TRANSLATIONS_DIR / i18n.APP_QM.format(lang="zh_CN"), qm)
    tr = i18n.load_copy(QCoreApplication.instance(), qm)
    assert tr is not None and tr.translate("Sidebar", "Members") == "委员"
    with open(qm, "r+b") as fh:                 # overwritten in place, same file
        fh.write(b"\0" * qm.stat().st_size)
    assert tr.translate("Sidebar", "Members") == "委员"
    qm.write_bytes(b"")                         # truncated (a mapped file would now crash the process)
    assert tr.translate("Sidebar", "Members") == "委员"
