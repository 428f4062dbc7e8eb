"""logs/cli-errors.log, where the command line writes an internal error's traceback: scrubbed of names and phone
numbers however they are written (SECURITY.md: personal data stays out of logs), and bounded like the window's
log. The error is provoked the way a damaged database provokes it: a record changed outside the program."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

PHONES = ("139-1234-5678", "+86 139 1234 5678", "(0851)8888-8888", "13912345678")


def _damage_a_meeting(path) -> str:
    with sqlite3.connect(path) as c:
        mid = c.execute("SELECT id FROM meeting WHERE deleted = 0 AND state = 'final' LIMIT 1").fetchone()[0]
        c.execute("UPDATE node_state SET guard = 1 WHERE id = 1")
        c.execute("UPDATE meeting SET starts_at = ? WHERE id = ?", ["王芳 " + " ".join(PHONES), mid])
        c.execute("UPDATE node_state SET guard = 0 WHERE id = 1")
    return mid


def test_the_error_log_holds_no_name_nor_phone_and_rotates(demo_db_path, tmp_path):
    mid = _damage_a_meeting(demo_db_path)
    logs = demo_db_path.parent / "logs"
    logs.mkdir(exist_ok=True)
    log = logs / "cli-errors.log"
    log.write_text("--- an earlier error\n" + "x" * 1_100_000 + "\n", encoding="utf-8")     # past its limit
    p = subprocess.run([sys.executable, "-m", "desktop.cli", "minutes", "--db", str(demo_db_path), mid,
                        "--out", str(tmp_path / "m.pdf")], capture_output=True, text=True, timeout=120)
    assert p.returncode == 1 and "内部错误" in p.stderr and "internal error" in p.stderr, p.stderr
    text = log.read_text(encoding="utf-8")
    assert "Traceback" in text and "ValueError" in text            # the bug is still there to read
    assert "王芳" not in text and not any(phone in text for phone in PHONES), text[-800:]
    bare = text.replace(" ", "").replace("-", "")
    assert "12345678" not in bare and "88888888" not in bare       # nor a part of one
    assert len(text) < 50_000                                      # the earlier errors went to cli-errors.log.1
    assert (logs / "cli-errors.log.1").read_text(encoding="utf-8").startswith("--- an earlier error")
    assert not (tmp_path / "m.pdf").exists()
