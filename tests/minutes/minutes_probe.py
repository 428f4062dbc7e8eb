"""Reads back what a PDF really draws: every glyph with its position, character (ToUnicode), font and
size, by interpreting the page content streams with pypdf; and checks glyphs in the embedded fonts."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from fontTools.ttLib import TTFont
from pypdf import PdfReader
from pypdf.generic import ContentStream

IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def mul(m, n):
    """m × n for PDF matrices [a b c d e f]."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (a * a2 + b * c2, a * b2 + b * d2, c * a2 + d * c2, c * b2 + d * d2,
            e * a2 + f * c2 + e2, e * b2 + f * d2 + f2)


@dataclass(frozen=True)
class Glyph:
    page: int          # 1-based
    x: float
    y: float           # baseline
    advance: float     # width of the glyph box in user space (without char spacing)
    char: str
    code: int
    font: str          # resource name, e.g. /F2+0
    base_font: str     # e.g. AAAAAA+BousungEG-Light-GB
    size: float
    upright: bool      # False for the rotated watermark


@dataclass
class FontInfo:
    base_font: str
    first: int
    widths: list[float]
    to_unicode: dict[int, str]
    obj: object


def _to_unicode(stream) -> dict[int, str]:
    data = stream.get_data().decode("latin1")
    out = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            base = bytes.fromhex(dst).decode("utf-16-be")
            for i, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(ord(base[-1]) + i)
    return out


def fonts_of(page) -> dict[str, FontInfo]:
    out = {}
    for name, ref in page["/Resources"]["/Font"].items():
        f = ref.get_object()
        out[name] = FontInfo(str(f["/BaseFont"])[1:], int(f.get("/FirstChar", 0)),
                             [float(w) for w in f.get("/Widths", [])],
                             _to_unicode(f["/ToUnicode"].get_object()) if "/ToUnicode" in f else {}, f)
    return out


def glyphs(pdf: bytes | str) -> list[Glyph]:
    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    out: list[Glyph] = []
    for pno, page in enumerate(reader.pages, 1):
        fonts = fonts_of(page)
        ctm, stack = IDENTITY, []
        tc = tw = rise = 0.0
        tl, th = 0.0, 1.0
        font, size = None, 0.0
        tm = tlm = IDENTITY
        for operands, op in ContentStream(page.get_contents(), reader).operations:
            op = op.decode()
            if op == "q":
                stack.append((ctm, tc, tw, tl, font, size))
            elif op == "Q":
                ctm, tc, tw, tl, font, size = stack.pop()
            elif op == "cm":
                ctm = mul(tuple(map(float, operands)), ctm)
            elif op == "BT":
                tm = tlm = IDENTITY
            elif op == "Tm":
                tm = tlm = tuple(map(float, operands))
            elif op in ("Td", "TD"):
                tx, ty = map(float, operands)
                if op == "TD":
                    tl = -ty
                tm = tlm = mul((1, 0, 0, 1, tx, ty), tlm)
            elif op == "T*":
                tm = tlm = mul((1, 0, 0, 1, 0, -tl), tlm)
            elif op == "TL":
                tl = float(operands[0])
            elif op == "Tc":
                tc = float(operands[0])
            elif op == "Tw":
                tw = float(operands[0])
            elif op == "Tz":
                th = float(operands[0]) / 100
            elif op == "Ts":
                rise = float(operands[0])
            elif op == "Tf":
                font, size = str(operands[0]), float(operands[1])
            elif op in ("Tj", "TJ", "'", '"'):
                if op in ("'", '"'):
                    tm = tlm = mul((1, 0, 0, 1, 0, -tl), tlm)
                    if op == '"':
                        tw, tc = float(operands[0]), float(operands[1])
                items = operands[0] if op == "TJ" else [operands[-1]]
                info = fonts[font]
                for item in items:
                    if isinstance(item, int | float):
                        tm = mul((1, 0, 0, 1, -float(item) / 1000 * size * th, 0), tm)
                        continue
                    data = item.original_bytes if hasattr(item, "original_bytes") else bytes(item)
                    for code in data:
                        w0 = info.widths[code - info.first] / 1000 if 0 <= code - info.first < len(info.widths) else 0
                        full = mul(tm, ctm)
                        x = full[4] + full[2] * rise
                        y = full[5] + full[3] * rise
                        out.append(Glyph(pno, x, y, w0 * size * full[0], info.to_unicode.get(code, "\ufffd"), code,
                                         font, info.base_font, size, abs(full[1]) < 1e-6))
                        tx = (w0 * size + tc + (tw if code == 32 else 0)) * th
                        tm = mul((1, 0, 0, 1, tx, 0), tm)
    return out


def lines(gs: list[Glyph], *, tolerance: float = 0.5) -> list[list[Glyph]]:
    """Upright glyphs grouped into lines (same page, same baseline), top to bottom, left to right."""
    rows: dict[tuple[int, int], list[Glyph]] = {}
    for g in gs:
        if g.upright and g.char.strip():
            rows.setdefault((g.page, round(g.y / tolerance)), []).append(g)
    ordered = sorted(rows.items(), key=lambda kv: (kv[0][0], -kv[0][1]))
    return [sorted(row, key=lambda g: g.x) for _, row in ordered]


def embedded_fonts(pdf: bytes) -> dict[tuple[int, str], tuple[FontInfo, TTFont | None]]:
    """(page, resource name) → (font info, the embedded TrueType program or None)."""
    reader = PdfReader(io.BytesIO(pdf))
    out = {}
    for pno, page in enumerate(reader.pages, 1):
        for name, info in fonts_of(page).items():
            desc = info.obj.get("/FontDescriptor")
            program = None
            if desc is not None and "/FontFile2" in desc.get_object():
                data = desc.get_object()["/FontFile2"].get_object().get_data()
                program = TTFont(io.BytesIO(data))
            out[(pno, name)] = (info, program)
    return out


def has_outline(program: TTFont, code: int) -> bool:
    """Does the embedded subset draw something for `code` (not .notdef, not an empty glyph)?"""
    cmap = program["cmap"].tables[0].cmap
    name = cmap.get(code)
    if not name or name == ".notdef":
        return False
    glyph = program["glyf"][name]
    return glyph.numberOfContours != 0
