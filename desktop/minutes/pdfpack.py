"""Compressed object streams for reportlab's PDFs (PDF 1.5, ISO 32000-1 §7.5.7–7.5.8).

reportlab writes every object as plain text: the font dictionaries with their /Widths arrays, the
font descriptors, the page dictionaries and a 20-byte-a-line cross-reference table — about 6 KB
of a typical minutes, uncompressed. `pack` moves every object that is not a stream into one
Flate-compressed object stream and replaces the table with a compressed cross-reference stream,
as Acrobat, Word and LibreOffice do. Streams (fonts, pages, ToUnicode maps) are copied byte for
byte, and object numbers do not change, so every reference stays valid.

Anything the packer does not recognise — another producer, an incremental update, an encrypted
file — is returned unchanged: packing only ever makes a file smaller, never unreadable.
"""

from __future__ import annotations

import re
import zlib

_HEADER = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_SUBSECTION = re.compile(rb"xref\s+0\s+(\d+)\s+")
_ENTRY = re.compile(rb"(\d{10}) (\d{5}) ([nf])")
_OBJ = re.compile(rb"(\d+)\s+0\s+obj\b\s*")
_TRAILER = re.compile(rb"trailer\s*<<(.*)>>\s*startxref", re.S)
_SIZE = re.compile(rb"/Size\s+\d+")
_COMMENT_LINE = re.compile(rb"^[ \t]*%[^\r\n]*", re.M)


def pack(pdf: bytes) -> bytes:
    """`pdf` (one classic cross-reference table, as reportlab writes it) with its non-stream
    objects in a compressed object stream and a cross-reference stream; `pdf` itself when it
    is not of that form."""
    try:
        return _pack(pdf)
    except (ValueError, IndexError, OverflowError):
        return pdf


def _pack(pdf: bytes) -> bytes:
    end = _STARTXREF.search(pdf, max(0, len(pdf) - 64))
    if end is None:
        return pdf
    xref_at = int(end.group(1))
    sub = _SUBSECTION.match(pdf, xref_at)
    trailer = _TRAILER.search(pdf, xref_at)
    if sub is None or trailer is None or b"/Encrypt" in trailer.group(1) or b"/Prev" in trailer.group(1):
        return pdf
    size = int(sub.group(1))
    offsets: dict[int, int] = {}
    at = sub.end()
    for num in range(size):
        entry = _ENTRY.match(pdf, at)
        if entry is None:
            return pdf
        if entry.group(3) == b"n":
            if entry.group(2) != b"00000":
                return pdf
            offsets[num] = int(entry.group(1))
        at = entry.end() + 2 if pdf[entry.end():entry.end() + 2] in (b" \n", b"\r\n", b" \r") else entry.end() + 1
    bounds = sorted(offsets.values()) + [xref_at]
    after = {start: bounds[i + 1] for i, start in enumerate(bounds[:-1])}

    streams: list[tuple[int, bytes]] = []     # (number, whole "n 0 obj … endobj") copied verbatim
    packed: list[tuple[int, bytes]] = []      # (number, the object's value)
    for num, start in sorted(offsets.items()):
        chunk = pdf[start:after[start]].rstrip()          # (a regex search from the end is slow on
        head = _OBJ.match(chunk)                            #  the 50 KB font streams)
        if head is None or int(head.group(1)) != num or not chunk.endswith(b"endobj"):
            return pdf
        value = chunk[head.end():-len(b"endobj")].rstrip()
        if value.endswith(b"endstream"):
            streams.append((num, chunk[:-len(b"endobj")].rstrip() + b"\nendobj\n"))
        else:
            packed.append((num, value))
    if not packed or len(packed) > 0xFFFF:     # (the index in the stream is a 2-byte field)
        return pdf

    out = bytearray(_HEADER)
    where: dict[int, tuple[int, int, int]] = {0: (0, 0, 0xFFFF)}
    for num, chunk in streams:
        where[num] = (1, len(out), 0)
        out += chunk

    stm_num, xref_num = size, size + 1
    index, body = [], bytearray()
    for i, (num, value) in enumerate(packed):
        index.append(b"%d %d" % (num, len(body)))
        body += value + b"\n"
        where[num] = (2, stm_num, i)
    head = b" ".join(index) + b"\n"
    data = zlib.compress(head + bytes(body), 9)
    where[stm_num] = (1, len(out), 0)
    out += (b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
            % (stm_num, len(packed), len(head), len(data)))
    out += data + b"\nendstream\nendobj\n"

    where[xref_num] = (1, len(out), 0)
    rows = b"".join(bytes([kind]) + field.to_bytes(4, "big") + extra.to_bytes(2, "big")
                    for kind, field, extra in (where.get(n, (0, 0, 0)) for n in range(size + 2)))
    table = zlib.compress(rows, 9)
    rest = b" ".join(_COMMENT_LINE.sub(b"", _SIZE.sub(b"", trailer.group(1))).split())
    if b"/Root" not in rest:
        return pdf
    xref_offset = len(out)
    out += (b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Filter /FlateDecode /Length %d %s >>\nstream\n"
            % (xref_num, size + 2, len(table), rest))
    out += table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref_offset
    return bytes(out)
