"""`liaison-desk selftest` from the source tree, and output that survives a non-UTF-8 redirect."""

from __future__ import annotations

import os
import subprocess
import sys

NAME_TEST = "王𠇔 李䶮 欧阳𬌗 阿依古丽·买买提 镕堃喆"


def _cli(*args, encoding: str = "utf-8", cwd=None):
    env = dict(os.environ, PYTHONIOENCODING=encoding)
    env.pop("QT_QPA_PLATFORM", None)           # --offscreen must set it itself (Wine passes no variables)
    return subprocess.run([sys.executable, "-m", "desktop.cli", *map(str, args)], capture_output=True,
                          timeout=300, env=env, cwd=cwd)


def test_selftest_passes_and_reports_every_check_under_a_cp936_redirect():
    p = _cli("selftest", "--offscreen", encoding="cp936")
    out = p.stdout.decode("utf-8")             # redirected output is UTF-8, whatever the code page
    assert p.returncode == 0, out + p.stderr.decode("utf-8", "replace")
    assert out.strip().splitlines()[-1].startswith("selftest: passed")
    assert "自检通过" in out.strip().splitlines()[-1]        # the verdict was in English only
    for what in ("fonts shipped", "name test string in the minutes' fonts", "SQLite FTS5", "cryptography",
                 "openpyxl", "cli init", "cli demo --size township", "cli minutes", "cli export-sync",
                 "cli import-sync (district)", "cli check (district)", "Qt starts", "name test string in the window's fonts",
                 "QtPdf renders the minutes", "translations zh_CN", "input-method plugins"):
        assert f"[ok]   {what}" in out, what
    assert "[FAIL]" not in out and NAME_TEST in out and "platform offscreen" in out


def test_selftest_reports_a_missing_font(tmp_path, monkeypatch, capsys):
    # a fonts folder without the minutes' fonts: the report names what is missing
    from desktop.commands import selftest
    from desktop.minutes import fonts
    monkeypatch.setattr(fonts, "shipped_fonts_dir", lambda: tmp_path)
    report = selftest.Report()
    report.run("fonts shipped", selftest.check_font_files)
    assert report.failed == 1 and report.passed == 0
    assert "[FAIL] fonts shipped: FileNotFoundError: missing in" in capsys.readouterr().out


def test_every_command_prints_chinese_under_an_ansi_code_page(tmp_path):
    db = tmp_path / "d.sqlite3"
    for args in (("demo", "--size", "township", "--db", db), ("check", "--db", db), ("peers", "--db", db)):
        p = _cli(*args, encoding="cp1252")
        assert p.returncode == 0, p.stderr.decode("utf-8", "replace")
        assert "internal error" not in p.stderr.decode("utf-8", "replace")
    assert "检查通过" in _cli("check", "--db", db, encoding="cp1252").stdout.decode("utf-8")
