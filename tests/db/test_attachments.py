"""Attachments: content-addressed storage beside the database, clear errors, locking with the owner."""

from __future__ import annotations

import hashlib
import os
import sys

import pytest
import records_world

from db import attachments as at
from db import meetings as mt
from db.attachments import AttachmentError
from db.errors import NotFound, RecordLocked, ValidationError

records_template, db, world = records_world.records_template, records_world.db, records_world.world


@pytest.fixture
def meeting(db, world):
    return mt.plan_meeting(db, group_id=world.group, kind_id=world.meeting_kind["consultation"], topic="协商会",
                           starts_at="2025-05-20T09:30")


@pytest.fixture
def scan(tmp_path):
    path = tmp_path / "签到表 扫描.pdf"
    path.write_bytes(b"%PDF-1.4 sign-in sheet " * 1000)
    return path


def test_file_is_stored_by_its_sha256_beside_the_database(db, meeting, scan):
    aid = at.add_attachment(db, "meeting", meeting, scan, kind="sign_in")
    a = at.get_attachment(db, aid)
    sha = hashlib.sha256(scan.read_bytes()).hexdigest()
    assert (a.name, a.sha256, a.size, a.kind, a.kind_zh) == ("签到表 扫描.pdf", sha, scan.stat().st_size, "sign_in",
                                                            "签到表")
    stored = db.path.parent / "attachments" / sha[:2] / sha
    assert at.attachment_file(db, aid) == stored and stored.read_bytes() == scan.read_bytes()
    assert not list((db.path.parent / "attachments").glob(".tmp-*"))
    assert at.verify_attachment(db, aid)
    assert [x.id for x in mt.load_meeting(db, meeting).attachments] == [aid]


def test_same_content_is_stored_once(db, meeting, scan, tmp_path):
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(scan.read_bytes())
    a1 = at.add_attachment(db, "meeting", meeting, scan)
    a2 = at.add_attachment(db, "meeting", meeting, copy, name="另存.pdf")
    assert at.get_attachment(db, a1).sha256 == at.get_attachment(db, a2).sha256
    assert len([p for p in (db.path.parent / "attachments").rglob("*") if p.is_file()]) == 1
    assert [x.name for x in at.list_attachments(db, "meeting", meeting)] == ["签到表 扫描.pdf", "另存.pdf"]


def test_unreadable_sources_get_a_clear_error_and_store_nothing(db, meeting, tmp_path):
    with pytest.raises(AttachmentError) as err:
        at.add_attachment(db, "meeting", meeting, tmp_path / "不存在.jpg")
    assert err.value.code == "unreadable_file" and "不存在.jpg" in err.value.message_zh
    with pytest.raises(AttachmentError) as err:
        at.add_attachment(db, "meeting", meeting, tmp_path)
    assert "文件夹" in err.value.message_zh
    assert db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_file_without_read_permission_is_refused(db, meeting, tmp_path):
    locked = tmp_path / "locked.jpg"
    locked.write_bytes(b"x")
    locked.chmod(0)
    with pytest.raises(AttachmentError) as err:
        at.add_attachment(db, "meeting", meeting, locked)
    assert err.value.code == "unreadable_file"
    assert not list((db.path.parent / "attachments").glob(".tmp-*"))


def test_too_large_files_are_refused(db, meeting, scan, monkeypatch):
    monkeypatch.setattr(at, "MAX_SIZE", 100)
    with pytest.raises(AttachmentError) as err:
        at.add_attachment(db, "meeting", meeting, scan)
    assert err.value.code == "too_large"


def test_final_minutes_take_only_the_signed_scan(db, world, meeting, scan, tmp_path):
    sign_in = at.add_attachment(db, "meeting", meeting, scan, kind="sign_in")
    mt.move_meeting(db, meeting, "held")
    mt.record_attendance(db, meeting, [mt.Mark(world.members["王𠇔"], "present")])
    mt.move_meeting(db, meeting, "draft")
    mt.finalize_minutes(db, meeting)
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"jpeg")
    with pytest.raises(RecordLocked):
        at.add_attachment(db, "meeting", meeting, photo, kind="photo")
    with pytest.raises(RecordLocked):
        at.remove_attachment(db, sign_in)
    signed = at.add_attachment(db, "meeting", meeting, photo, kind="signed_minutes")
    # an amendment carries the attachments over without copying files, but not the signed scan of the minutes
    # it corrects: that is of the old revision (found walking: it showed as the signed copy of the new draft)
    new = mt.amend_meeting(db, meeting)
    assert [a.sha256 for a in mt.load_meeting(db, new).attachments] == [at.get_attachment(db, sign_in).sha256]
    assert [a.kind for a in mt.load_meeting(db, meeting).attachments] == ["sign_in", "signed_minutes"]
    assert at.get_attachment(db, signed).sha256


def test_remove_keeps_the_stored_file_and_cleanup_lists_unreferenced(db, meeting, scan):
    aid = at.add_attachment(db, "meeting", meeting, scan)
    path = at.attachment_file(db, aid)
    at.remove_attachment(db, aid)
    assert path.exists() and at.list_attachments(db, "meeting", meeting) == []
    with pytest.raises(NotFound):
        at.get_attachment(db, aid)
    assert at.unreferenced_files(db) == []              # a deleted row may be restored by sync
    stray = path.parent.parent / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir()
    stray.write_bytes(b"x")
    assert at.unreferenced_files(db) == [stray]


def test_export_and_missing_file_and_tampering(db, meeting, scan, tmp_path):
    aid = at.add_attachment(db, "meeting", meeting, scan)
    out = tmp_path / "out"
    out.mkdir()
    assert at.export_attachment(db, aid, out).read_bytes() == scan.read_bytes()
    stored = at.attachment_file(db, aid)
    stored.write_bytes(b"changed")
    assert not at.verify_attachment(db, aid)
    stored.unlink()
    with pytest.raises(AttachmentError) as err:
        at.attachment_file(db, aid)
    assert err.value.code == "missing_file"


def test_owner_must_exist_and_kind_be_known(db, meeting, scan):
    with pytest.raises(NotFound):
        at.add_attachment(db, "visit", "no-such-visit", scan)
    with pytest.raises(ValidationError):
        at.add_attachment(db, "member", meeting, scan)
    with pytest.raises(ValidationError):
        at.add_attachment(db, "meeting", meeting, scan, kind="video")
    at.rename_attachment(db, at.add_attachment(db, "meeting", meeting, scan), name="签到表.pdf", kind="sign_in")
