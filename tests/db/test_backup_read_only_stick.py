"""Found by exploratory testing: `backup --to STICK --no-encrypt` onto a write-protected stick ended in
失败：文件操作出错（Read-only file system） with Python's errno text — the stale-part clean-up ran before
the write's own error handling. Root ignores chmod, so the read-only stick is simulated at the file system
call."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from db.database import open_database
from db.offices import create_city


def test_a_plain_backup_to_a_write_protected_stick_says_so(tmp_path, monkeypatch, capsys):
    from desktop import cli
    db_path = tmp_path / "home" / "liaison-desk.sqlite3"
    db = open_database(db_path)
    create_city(db, "贵阳市政协")
    db.conn.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    real_unlink, real_open = Path.unlink, os.open

    def unlink(self, missing_ok=False):
        if Path(self).parent == stick:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_unlink(self, missing_ok=missing_ok)

    def open_(path, *a, **k):
        if Path(path).parent == stick:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, *a, **k)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(os, "open", open_)
    rc = cli.main(["--db", str(db_path), "backup", "--to", str(stick), "--no-encrypt"])
    err = capsys.readouterr().err
    assert rc == 1
    assert "只读的或没有写入权限" in err and "写保护" in err and "read-only" in err, err
    assert "文件操作出错" not in err and "Errno" not in err
    assert list(stick.iterdir()) == []


def test_an_encrypted_backup_to_a_write_protected_stick_says_so_before_asking_for_a_passphrase(tmp_path, monkeypatch,
                                                                                               capsys):
    """Found walking: at a terminal, `backup --to STICK` onto a write-protected stick asked for a new passphrase twice,
    then said the folder was read-only."""
    import getpass
    import sys

    from desktop import cli
    db_path = tmp_path / "home" / "liaison-desk.sqlite3"
    db = open_database(db_path)
    create_city(db, "贵阳市政协")
    db.conn.close()
    stick = tmp_path / "stick"
    stick.mkdir()
    real_open = os.open

    def open_(path, *a, **k):
        if Path(path).parent == stick:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(path))
        return real_open(path, *a, **k)
    monkeypatch.setattr(os, "open", open_)
    monkeypatch.delenv("LIAISON_DESK_BACKUP_PASSPHRASE", raising=False)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)          # a clerk at a terminal
    asked = []
    monkeypatch.setattr(getpass, "getpass", lambda prompt="": asked.append(prompt) or "a-passphrase-2026")
    rc = cli.main(["--db", str(db_path), "backup", "--to", str(stick)])
    err = capsys.readouterr().err
    assert rc == 1 and asked == []
    assert "只读的或没有写入权限" in err and "写保护" in err and "read-only" in err, err
    assert list(stick.iterdir()) == []
