"""Compressed object streams: the packed minutes are the same document, smaller, and readers agree."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zlib

import minutes_samples as samples
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject

from desktop.minutes import render_minutes
from desktop.minutes.page import MinutesDoc
from desktop.minutes.pdfpack import pack


@pytest.fixture(scope="module")
def unpacked(fonts) -> bytes:
    """The typical minutes as reportlab writes them (render_minutes packs; build by hand here)."""
    from desktop.minutes.story import build_story
    buf = io.BytesIO()
    doc = MinutesDoc(buf, fonts, title="纪要")
    doc.build(build_story(samples.typical(), fonts)[0])
    return buf.getvalue()


def _resolve(value, depth=0):
    """A pypdf value with every indirect reference replaced by what it points to (pages' /Parent
    and similar cycles cut at a depth), streams by their decoded data."""
    if isinstance(value, IndirectObject):
        return _resolve(value.get_object(), depth + 1) if depth < 6 else "ref"
    if hasattr(value, "get_data"):
        return ("stream", value.get_data(), _resolve({k: v for k, v in value.items() if k not in ("/Length", "/Filter")}, depth))
    if isinstance(value, dict):
        return {k: _resolve(v, depth) for k, v in value.items() if k != "/Parent"}
    if isinstance(value, list):
        return [_resolve(v, depth) for v in value]
    return value


def test_packing_keeps_every_object_and_shrinks_the_file(unpacked):
    packed = pack(unpacked)
    assert packed.startswith(b"%PDF-1.5\n") and len(packed) < len(unpacked) - 3000
    assert b"\nxref\n" not in packed and b"/Type /ObjStm" in packed and b"/Type /XRef" in packed
    before, after = PdfReader(io.BytesIO(unpacked)), PdfReader(io.BytesIO(packed), strict=True)
    assert len(after.pages) == len(before.pages)
    assert _resolve(after.trailer["/Root"]) == _resolve(before.trailer["/Root"])
    assert _resolve(after.trailer["/Info"]) == _resolve(before.trailer["/Info"])
    for a, b in zip(after.pages, before.pages, strict=True):
        assert a.extract_text() == b.extract_text()
    assert list(after.trailer["/ID"]) == list(before.trailer["/ID"])


def test_streams_are_copied_byte_for_byte(unpacked):
    packed = pack(unpacked)
    streams = re.findall(rb"\nstream\r?\n(.*?)endstream", unpacked, re.S)
    assert len(streams) > 5
    for data in streams:
        assert data in packed


def test_the_cross_reference_stream_points_at_every_object(unpacked):
    packed = pack(unpacked)
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", packed).group(1))
    head = re.match(rb"(\d+) 0 obj\n<< /Type /XRef /Size (\d+) /W \[1 4 2\] /Filter /FlateDecode /Length (\d+)",
                    packed[start:])
    size, length = int(head.group(2)), int(head.group(3))
    body = packed[start:].split(b"stream\n", 1)[1][:length]
    rows = zlib.decompress(body)
    assert len(rows) == 7 * size
    in_stream = 0
    for n in range(1, size):
        kind, field = rows[7 * n], int.from_bytes(rows[7 * n + 1:7 * n + 5], "big")
        assert kind in (1, 2)
        if kind == 1:
            assert packed[field:].startswith(b"%d 0 obj" % n)
        else:
            in_stream += 1
    assert in_stream > 10


@pytest.mark.parametrize("broken", [
    b"", b"not a pdf at all", b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n",  # no cross-reference table
    b"%PDF-1.4\nxref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 /Encrypt 3 0 R >>\nstartxref\n9\n%%EOF\n",
])
def test_what_it_does_not_recognise_is_returned_unchanged(broken):
    assert pack(broken) == broken


def test_an_updated_or_damaged_file_is_returned_unchanged(unpacked):
    incremental = unpacked.replace(b"/Size ", b"/Prev 9 /Size ")
    assert pack(incremental) == incremental
    wrong_offset = re.sub(rb"startxref\n\d+", b"startxref\n17", unpacked)
    assert pack(wrong_offset) == wrong_offset
    cut = unpacked[:len(unpacked) // 2] + unpacked[-40:]
    assert pack(cut) == cut
    rootless = unpacked.replace(b"/Root ", b"/Xoot ")                # nothing to point a reader at
    assert pack(rootless) == rootless


def test_render_minutes_writes_packed_files(fonts, tmp_path):
    info = render_minutes(samples.typical(), tmp_path / "m.pdf", fonts=fonts)
    data = (tmp_path / "m.pdf").read_bytes()
    assert data.startswith(b"%PDF-1.5") and b"/Type /ObjStm" in data and info.size == len(data)
    assert len(PdfReader(io.BytesIO(data), strict=True).pages) == info.pages


def test_the_typical_minutes_stay_within_the_size_budget(typical_pdf):
    """The budget of bench/minutes (≤ 100 KB for a typical minutes); the sample here is a little
    smaller than the benchmark's, so this guards against regressions, not the exact figure."""
    assert len(typical_pdf) <= 100_000


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler-utils)")
def test_poppler_draws_the_packed_file_exactly_like_the_unpacked(unpacked, tmp_path):
    for name, data in (("a", unpacked), ("b", pack(unpacked))):
        (tmp_path / f"{name}.pdf").write_bytes(data)
        subprocess.run(["pdftoppm", "-r", "40", "-gray", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)],
                       check=True, timeout=60)
    a = sorted(p for p in os.listdir(tmp_path) if p.startswith("a-"))
    b = sorted(p for p in os.listdir(tmp_path) if p.startswith("b-"))
    assert len(a) == len(b) > 1
    for x, y in zip(a, b, strict=True):
        assert (tmp_path / x).read_bytes() == (tmp_path / y).read_bytes()
