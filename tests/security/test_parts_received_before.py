"""Parts another office hung on a meeting before SECURITY.md R4c (a township's speech in its sibling's meeting,
received by the district from an older version): no office may delete them, so they stay; they are no longer
shown, printed or counted as the meeting's, and `liaison-desk check` says what they are."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pypdf import PdfReader

from db.write import writing

FORGED = {"speech": "编造的发言内容", "agenda_item": "编造的议题", "consensus_item": "编造的共识内容",
          "attendance": "冒名列席人"}


def _meeting_of(net, at: str, owner: str) -> str:
    """A meeting of `owner` with minutes to print (held last March, the township marked it held), as office `at`
    holds it."""
    from db.meetings import move_meeting, update_meeting
    db = net.db(owner)
    mid = db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 AND state = 'planned' ORDER BY id "
                     "LIMIT 1", [net.office(owner)]).fetchone()[0]
    update_meeting(db, mid, starts_at="2026-03-02T09:30", ends_at="2026-03-02T11:30")
    move_meeting(db, mid, "held")
    net.settle(2)
    assert net.db(at).execute("SELECT state FROM meeting WHERE id = ?", [mid]).fetchone()[0] == "held"
    return mid


def _received_before(net, at: str, meeting_id: str, writer: str = "T1") -> dict[str, str]:
    """T1's parts of T2's meeting, written into office `at` as an older version applied them (no R4c)."""
    db = net.db(at)
    with writing(db, scope=False) as w:
        office = net.office(writer)
        item = w.insert("agenda_item", {"meeting_id": meeting_id, "seq": 99, "title": FORGED["agenda_item"]},
                        office_id=office)
        ids = {"agenda_item": item,
               "speech": w.insert("speech", {"meeting_id": meeting_id, "agenda_item_id": item, "seq": 1,
                                             "speaker_name": "张三", "summary": FORGED["speech"]}, office_id=office),
               "consensus_item": w.insert("consensus_item", {"meeting_id": meeting_id, "seq": 99,
                                                             "text": FORGED["consensus_item"]}, office_id=office),
               "attendance": w.insert("attendance", {"meeting_id": meeting_id, "guest_name": FORGED["attendance"],
                                                     "status": "attending", "sort": 99}, office_id=office)}
    from db import search
    search.catch_up(db)
    return ids


def _cli(*args):
    return subprocess.run([sys.executable, "-m", "desktop.cli", *args], capture_output=True, text=True, timeout=180)


@pytest.mark.parametrize("at", ["D1", "C"])
def test_the_minutes_leave_out_what_another_office_hung_on_the_meeting(net, at, tmp_path):
    """`liaison-desk minutes` at the district and the city prints T2's meeting without T1's invented agenda item,
    speech, consensus item and guest (before: all four were printed in T2's minutes)."""
    mid = _meeting_of(net, at, "T2")
    _received_before(net, at, mid)
    topic = net.db(at).execute("SELECT topic FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    net.db(at).conn.close()
    net._dbs.pop(at)
    out = tmp_path / "纪要.pdf"
    p = _cli("minutes", mid, "--db", str(net.path(at)), "--out", str(out))
    assert p.returncode == 0, p.stderr
    text = "".join(page.extract_text() for page in PdfReader(out).pages).replace("\n", "").replace(" ", "")
    assert topic[:6] in text, text[:300]              # the text is read: the meeting's own words are there
    for words in FORGED.values():
        assert words not in text, words


def test_check_says_what_they_are_and_details_lists_each_with_its_meeting(net):
    """`check` says the rows are no longer shown or counted and whom to ask; `check --details` lists every one
    with the record it points at (the meeting's date and topic), not only the first twenty."""
    mid = _meeting_of(net, "D1", "T2")
    ids = _received_before(net, "D1", mid)
    topic = net.db("D1").execute("SELECT topic FROM meeting WHERE id = ?", [mid]).fetchone()[0]
    net.db("D1").conn.close()
    net._dbs.pop("D1")
    p = _cli("check", "--db", str(net.path("D1")))
    assert p.returncode == 1, p.stdout + p.stderr
    assert "references: 4 " in p.stdout and "不再显示" in p.stdout and "no longer shown" in p.stdout, p.stdout
    assert "--details" in p.stdout, p.stdout
    p = _cli("check", "--details", "--db", str(net.path("D1")))
    assert p.returncode == 1, p.stdout + p.stderr
    for rid in ids.values():
        assert rid in p.stdout, p.stdout
    assert topic in p.stdout and "中华南路街道" in p.stdout and "新华路街道" in p.stdout, p.stdout


def test_the_duty_records_and_scores_leave_out_attendance_and_speeches_in_another_offices_meeting(net, tmp_path):
    """`liaison-desk report duty` at the district: a T1 member marked present and speaking at T2's meeting, and on
    T2's visit, by T1 (received before R4c) is not counted in the member's duty record (the workbook) nor scored (the PDF): both
    come out as they did before those rows came in (before: one meeting and one speech more, and their points)."""
    from openpyxl import load_workbook

    from db.visits import log_visit
    mid = _meeting_of(net, "D1", "T2")
    t2 = net.db("T2")
    vid = log_visit(t2, group_id=t2.execute("SELECT id FROM liaison_group WHERE office_id = ? AND deleted = 0 LIMIT 1",
                                            [net.office("T2")]).fetchone()[0],
                    kind_id=t2.execute("SELECT id FROM reference_item WHERE list = 'visit_kind' LIMIT 1").fetchone()[0],
                    visit_date="2026-03-03", place="街道联络站", heard="群众反映停车难",
                    member_ids=[t2.execute("SELECT id FROM member WHERE office_id = ? AND deleted = 0 LIMIT 1",
                                           [net.office("T2")]).fetchone()[0]])
    net.settle(2)
    path = str(net.path("D1"))

    def reports(tag: str) -> tuple[list, str]:
        db = net._dbs.pop("D1", None)
        if db is not None:
            db.conn.close()
        xlsx, pdf = tmp_path / f"{tag}.xlsx", tmp_path / f"{tag}.pdf"
        for out in (xlsx, pdf):
            p = _cli("report", "duty", "--year", "2026", "--db", path, "--out", str(out))
            assert p.returncode == 0, p.stderr
        sheet = load_workbook(xlsx).worksheets[0]
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        return [[c.value for c in row] for row in sheet.iter_rows()], text

    before = reports("before")
    member = net.db("D1").execute("SELECT id FROM member WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                                  [net.office("T1")]).fetchone()[0]
    with writing(net.db("D1"), scope=False) as w:       # as an older version applied T1's package
        w.insert("attendance", {"meeting_id": mid, "member_id": member, "status": "present", "sort": 98},
                 office_id=net.office("T1"))
        w.insert("speech", {"meeting_id": mid, "member_id": member, "seq": 9, "summary": FORGED["speech"]},
                 office_id=net.office("T1"))
        w.insert("visit_member", {"visit_id": vid, "member_id": member}, office_id=net.office("T1"))
    after = reports("after")
    assert after[0] == before[0]
    assert after[1] == before[1]


def test_an_upgraded_database_no_longer_finds_a_meeting_by_another_offices_parts(net):
    """A database of the version before (its search maps a part to its meeting whatever office wrote it): opened
    by this version (m0020), the entries of another office's parts leave the maps, so the meetings list's search
    no longer finds T2's meeting by T1's speech; `check` finds the maps right and names the rows themselves."""
    mid = _meeting_of(net, "D1", "T2")
    ids = _received_before(net, "D1", mid)
    db = net.db("D1")
    with writing(db, scope=False):                       # mapped as the version before mapped every part
        db.conn.execute("INSERT OR REPLACE INTO speech_owner (part, owner) SELECT c.rowid, o.rowid FROM speech c "
                        "JOIN meeting o ON o.id = c.meeting_id WHERE c.id = ?", [ids["speech"]])
        db.conn.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm0020%'")
    db.conn.close()
    net._dbs.pop("D1")
    p = _cli("check", "--db", str(net.path("D1")))
    assert "references: 4 " in p.stdout, p.stdout
    assert not [line for line in p.stdout.splitlines() if line.startswith("search index")], p.stdout
    from db.meetings import MeetingFilter, count_meetings
    assert count_meetings(net.db("D1"), MeetingFilter(text=FORGED["speech"])) == 0
    assert net.db("D1").execute("SELECT count(*) FROM speech_owner o JOIN speech s ON s.rowid = o.part "
                                "WHERE s.id = ?", [ids["speech"]]).fetchone()[0] == 0
