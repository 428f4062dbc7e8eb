"""Batch export: a folder of PDFs or one PDF for printing, with progress, cancel and failures."""

from __future__ import annotations

import errno
import os

import minutes_probe as probe
import minutes_samples as samples
import pytest
from pypdf import PdfReader

from db.errors import NotFound
from desktop.minutes import OutputError, minutes_filename, render_many, render_minutes
from desktop.minutes.geometry import BOTTOM


def three():
    return [samples.typical(meeting_id="a" * 8),
            samples.typical(meeting_id="b" * 8, date="2026-04-02", state="final"),
            samples.typical(meeting_id="c" * 8)]          # same date and title as the first


def test_a_folder_gets_one_named_file_per_minutes(tmp_path, fonts):
    calls = []
    info = render_many(three(), tmp_path / "out", fonts=fonts, progress_cb=lambda d, t: calls.append((d, t)))
    assert calls == [(0, 3), (1, 3), (2, 3), (3, 3)]
    assert not info.cancelled and info.minutes == 3 and len(set(info.files)) == 3
    assert all(f.exists() and f.read_bytes().startswith(b"%PDF") for f in info.files)
    assert info.files[0].name == minutes_filename(three()[0]) == f"2026-03-05_{samples.GROUP}协商议事会纪要_第3期.pdf"
    assert info.files[2].name.endswith("_cccccccc.pdf")                       # two minutes, two names
    assert info.pages == sum(len(PdfReader(f).pages) for f in info.files)


def test_one_file_numbers_each_minutes_from_1_and_starts_it_on_a_right_hand_page(tmp_path, fonts):
    def pages(data) -> int:
        return render_many([data], tmp_path / "one.pdf", fonts=fonts).pages

    short = samples.typical(agenda=(), consensus=(), follow_ups=(), overview="", meeting_id="s" * 8)
    even = next(d for d in (samples.typical(overview="会议通报了有关情况。" * 30 * k) for k in range(1, 9))
                if pages(d) % 2 == 0)
    items = [short, *three(), even]
    sizes = [pages(d) for d in items]
    assert 1 in sizes and sizes[-1] % 2 == 0
    out = tmp_path / "all.pdf"
    info = render_many(items, out, fonts=fonts)
    assert info.files == (out,) and info.minutes == 5 and info.pages == sum(sizes)
    expected, drafts, page = {}, set(), 1
    for data, size in zip(items, sizes, strict=True):
        expected.update({page + i: f"—{i + 1}—" for i in range(size)})
        drafts |= set(range(page, page + size)) if not data.is_final else set()
        page += size + (1 if (page + size) % 2 == 0 else 0)       # the next one starts on an odd page
    reader = PdfReader(out)
    assert len(reader.pages) == max(expected)
    numbers = {ln[0].page: "".join(g.char for g in ln) for ln in probe.lines(probe.glyphs(out.read_bytes()))
               if ln[0].y < BOTTOM}
    assert numbers == expected                            # blank pages carry no number
    marked = {n for n, p in enumerate(reader.pages, 1) if "草稿" in p.extract_text()}
    assert marked == drafts                               # nor a watermark; final minutes none either


def test_one_sided_has_no_blank_pages(tmp_path, fonts):
    info = render_many(three(), tmp_path / "all.pdf", fonts=fonts, duplex=False)
    assert len(PdfReader(tmp_path / "all.pdf").pages) == info.pages


def test_cancel_leaves_finished_files_and_nothing_half_written(tmp_path, fonts):
    done = []
    info = render_many(three(), tmp_path / "out", fonts=fonts, progress_cb=lambda d, t: done.append(d),
                       cancel_cb=lambda: len(done) >= 2)
    assert info.cancelled and info.minutes == 1
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [info.files[0].name]
    pages = []
    info = render_many(three(), tmp_path / "all.pdf", fonts=fonts, cancel_cb=lambda: len(pages) > 0,
                       progress_cb=lambda d, t: pages.append(d) if d else None)
    assert info.cancelled and not (tmp_path / "all.pdf").exists()
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".pdf"] == []


def test_a_meeting_that_cannot_be_loaded_is_reported_and_the_rest_printed(tmp_path, fonts):
    def gone():
        raise NotFound("找不到这次会议", "meeting not found")
    items = [three()[0], gone, three()[1]]
    info = render_many(items, tmp_path / "out", fonts=fonts)
    assert info.minutes == 2 and info.failed == (("2", "找不到这次会议"),)


def test_an_unwritable_target_is_a_clear_error_and_leaves_nothing(tmp_path, fonts):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError) as exc:
        render_minutes(samples.typical(), blocker / "x.pdf", fonts=fonts)
    assert exc.value.code == "no_folder" and "“" + str(blocker) + "”是一个文件，不是文件夹" in exc.value.message_zh
    existing = tmp_path / "old.pdf"
    existing.write_bytes(b"%PDF old")
    render_minutes(samples.typical(), existing, fonts=fonts)           # replaced in one step
    assert existing.read_bytes().startswith(b"%PDF-1.5")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "old.pdf"]


@pytest.mark.parametrize("err,code,words", [(errno.ENOSPC, "disk_full", "磁盘空间不足"),
                                            (errno.EROFS, "read_only", "只读"),
                                            (errno.EACCES, "in_use", "正被其他程序打开")])
def test_a_full_read_only_or_busy_target_says_so_and_keeps_the_old_file(tmp_path, fonts, monkeypatch, err, code, words):
    from db import files
    target = tmp_path / "m.pdf"
    target.write_bytes(b"%PDF the signed copy")

    def fail(*_a, **_k):
        raise OSError(err, os.strerror(err))
    monkeypatch.setattr(files.os, "replace", fail)
    with pytest.raises(OutputError) as exc:
        render_minutes(samples.typical(), target, fonts=fonts)
    assert exc.value.code == code and words in exc.value.message_zh and exc.value.message_en
    assert target.read_bytes() == b"%PDF the signed copy"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.pdf"]


def test_a_saved_pdf_gets_ordinary_permissions(tmp_path, fonts):
    mask = os.umask(0o022)
    try:
        render_minutes(samples.typical(), tmp_path / "m.pdf", fonts=fonts)
    finally:
        os.umask(mask)
    assert (tmp_path / "m.pdf").stat().st_mode & 0o777 == 0o644
