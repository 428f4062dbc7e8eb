"""Fonts for the printed minutes: the office's official fonts when present, else the shipped ones,
with a per-character fallback chain, so that no character of a name prints as nothing."""

from __future__ import annotations

import os
import struct
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import SUBSETN, TTFError, TTFont, TTFontFace, TTFontMaker

from desktop.paths import RESOURCES

# Roles a piece of text can have; each resolves to a chain of fonts.
BODY, HEI, KAI, TITLE = "body", "hei", "kai", "title"
ROLES = (BODY, HEI, KAI, TITLE)

# Printed in place of a character that no available font has (GB2312 A1FE, the typesetter's
# placeholder), and reported in RenderInfo.missing so the user can be told.
PLACEHOLDER = "〓"
# Zero-width characters that would otherwise print as a placeholder: variation selectors
# (incl. ideographic variation sequences), zero-width (non-)joiners, BOM.
_INVISIBLE = frozenset([*range(0xFE00, 0xFE10), *range(0xE0100, 0xE01F0), 0x200B, 0x200C, 0x200D, 0xFEFF])


def shipped_fonts_dir() -> Path:
    return RESOURCES / "fonts"


@dataclass(frozen=True)
class FaceFile:
    """One face of a font file (a .ttc holds several; `index` picks one)."""

    path: Path
    index: int = 0

    @property
    def label(self) -> str:
        return self.path.name if not self.index else f"{self.path.name}#{self.index}"


SHIPPED = {  # file names in shipped_fonts_dir()
    "song": ("gbsn00lp.ttf", 0),        # AR PL SungtiL GB
    "kai": ("gkai00mp.ttf", 0),         # AR PL KaitiM GB
    "hei": ("wqy-microhei.ttc", 0),     # WenQuanYi Micro Hei (also the GUI font)
    "wide": ("HanaMinA.ttf", 0),        # GBK + Ext A + part of Ext B–F
}
OPTIONAL_WIDE = ("HanaMinB.ttf",)       # Ext B–F; used when installed (too large to ship)

# Official fonts by file name (lower case), best first. Windows: the stock fonts; UOS/Kylin: the
# CESI (中国电子技术标准化研究院) set, GB18030 before GB13000 before GB2312 coverage.
SYSTEM_NAMES = {
    "fangsong": ("simfang.ttf", "cesi_fs_gb18030.ttf", "cesi_fs_gb13000.ttf", "cesi_fs_gb2312.ttf"),
    "hei": ("simhei.ttf", "cesi_ht_gb18030.ttf", "cesi_ht_gb13000.ttf", "cesi_ht_gb2312.ttf"),
    "kai": ("simkai.ttf", "cesi_kt_gb18030.ttf", "cesi_kt_gb13000.ttf", "cesi_kt_gb2312.ttf"),
    "song": ("simsun.ttc", "cesi_ss_gb18030.ttf", "cesi_ss_gb13000.ttf", "cesi_ss_gb2312.ttf"),
    "xiaobiaosong": ("fzxbsjw.ttf", "fzxbsk.ttf", "cesi_xbs_gb18030.ttf", "cesi_xbs_gb13000.ttf",
                     "cesi_xbs_gb2312.ttf"),
}


def system_font_dirs() -> list[Path]:
    if os.name == "nt":
        dirs = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
        return dirs
    home = Path.home()
    return [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), home / ".local/share/fonts", home / ".fonts"]


def find_font_files(dirs: Iterable[Path], names: Iterable[str]) -> dict[str, Path]:
    """Files under `dirs` (recursively) whose lower-cased name is in `names`; the first found wins."""
    wanted = {n.lower() for n in names}
    found: dict[str, Path] = {}
    for top in dirs:
        try:
            walker = os.walk(top)
            for root, _dirs, files in walker:
                for name in files:
                    low = name.lower()
                    if low in wanted and low not in found:
                        found[low] = Path(root) / name
        except OSError:
            continue
    return found


# -- reportlab font objects ----------------------------------------------------------------

def _short_name_table(data: bytes) -> bytes:
    """The 'name' table reduced to name IDs 0–6 (copyright, family, style, unique, full, version,
    PostScript name) in US English for Windows, as font subsetters do (all languages when a font
    has no such records). The Arphic faces carry a 43 KB licence text in it, which reportlab
    would otherwise copy into every 256-glyph subset of the PDF."""
    _fmt, count, offset = struct.unpack(">HHH", data[:6])
    records = []
    for i in range(count):
        platform, encoding, language, name_id, length, start = struct.unpack(">6H", data[6 + 12 * i:18 + 12 * i])
        if name_id <= 6:
            records.append((platform, encoding, language, name_id, data[offset + start:offset + start + length]))
    english = [r for r in records if r[0] == 3 and r[2] == 0x409]
    if any(r[3] == 1 for r in english):
        records = english
    header = struct.pack(">HHH", 0, len(records), 6 + 12 * len(records))
    out, storage = [], b""
    for platform, encoding, language, name_id, text in records:
        out.append(struct.pack(">6H", platform, encoding, language, name_id, len(text), len(storage)))
        storage += text
    return header + b"".join(out) + storage


# Tables that only serve hinting: with the glyphs' instructions gone they are dead weight
# (the WenQuanYi subset's fpgm, prep and cvt alone are 2 KB compressed).
_HINTING_TABLES = ("fpgm", "prep", "cvt ", "hdmx", "VDMX", "LTSH", "gasp")


def _without_hinting(font: bytes) -> bytes:
    """The subset font without TrueType hinting: the glyphs' instructions, the tables only they
    use (font and control-value programs, device metrics) and the 'maxp' limits that describe them.

    Hints only steer rasterising at low pixel sizes on screen; printers and PDF viewers at print
    size do not need them, and in the Song subsets they are about a fifth of the compressed glyph
    data. This is what font subsetters do without hinting (fontTools' subset, HarfBuzz). Composite
    glyphs are kept as they are. Anything unexpected: the font is returned unchanged."""
    try:
        num = struct.unpack(">H", font[4:6])[0]
        tables: dict[str, bytes] = {}
        for i in range(num):
            tag, _sum, off, length = struct.unpack(">4sIII", font[12 + 16 * i:28 + 16 * i])
            tables[tag.decode("latin-1")] = font[off:off + length]
        head, loca, glyf = tables["head"], tables["loca"], tables["glyf"]
        long_loca = struct.unpack(">h", head[50:52])[0] == 1
        n = len(loca) // (4 if long_loca else 2) - 1
        offsets = (struct.unpack(f">{n + 1}I", loca) if long_loca
                   else [2 * o for o in struct.unpack(f">{n + 1}H", loca)])
        out, new_offsets, pos = [], [], 0
        for i in range(n):
            g = glyf[offsets[i]:offsets[i + 1]]
            if len(g) >= 12:
                contours = struct.unpack(">h", g[:2])[0]
                if contours >= 0:
                    at = 10 + 2 * contours
                    ins = struct.unpack(">H", g[at:at + 2])[0]
                    g = g[:at] + b"\0\0" + g[at + 2 + ins:]
                else:
                    g = _composite_without_instructions(g)
            g += b"\0" * (-len(g) % 4)
            new_offsets.append(pos)
            out.append(g)
            pos += len(g)
        new_offsets.append(pos)
        tables["glyf"] = b"".join(out)
        short = pos // 2 <= 0xFFFF               # the short form halves the index to glyphs
        tables["loca"] = (struct.pack(f">{n + 1}H", *(o // 2 for o in new_offsets)) if short
                          else struct.pack(f">{n + 1}I", *new_offsets))
        tables["head"] = head[:50] + struct.pack(">h", 0 if short else 1) + head[52:]
        for tag in _HINTING_TABLES:
            tables.pop(tag, None)
        maxp = tables["maxp"]
        if maxp[:4] == b"\0\1\0\0" and len(maxp) >= 32:  # version 1.0: one zone, no programs
            tables["maxp"] = maxp[:14] + struct.pack(">7H", 1, 0, 0, 0, 0, 0, 0) + maxp[28:]
        maker = TTFontMaker()
        for tag, data in tables.items():
            maker.add(tag, data)
        return maker.makeStream()
    except (KeyError, IndexError, struct.error, ValueError):
        return font


# Composite glyph component flags (TrueType 'glyf')
_ARGS_ARE_WORDS, _HAS_SCALE, _MORE, _XY_SCALE, _TWO_BY_TWO, _HAS_INSTRUCTIONS = 0x1, 0x8, 0x20, 0x40, 0x80, 0x100


def _composite_without_instructions(g: bytes) -> bytes:
    """A composite glyph (é, ½ … built from other glyphs) without the instructions after its last
    component: they call functions of the font program that the subsets no longer carry."""
    out = bytearray(g)
    at, has_instructions = 10, False
    while True:
        flags = struct.unpack(">H", g[at:at + 2])[0]
        has_instructions |= bool(flags & _HAS_INSTRUCTIONS)
        out[at:at + 2] = struct.pack(">H", flags & ~_HAS_INSTRUCTIONS)
        at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
        at += 2 if flags & _HAS_SCALE else 4 if flags & _XY_SCALE else 8 if flags & _TWO_BY_TWO else 0
        if not flags & _MORE:
            break
    if at > len(g):
        raise ValueError("truncated composite glyph")
    return bytes(out[:at]) if has_instructions else bytes(out[:len(g)])


class _SubsetFace(TTFontFace):
    """A face whose PDF subsets carry a short 'name' table and no hinting instructions."""

    _subsetting = False

    def makeSubset(self, subset):
        self._subsetting = True
        try:
            return _without_hinting(super().makeSubset(subset))
        finally:
            self._subsetting = False

    def get_table(self, tag):
        data = super().get_table(tag)
        if tag == "name" and self._subsetting:
            return _short_name_table(data)
        return data


class _MappedFontFile:
    """What reportlab's font parser reads a font from: `read()` gives the file memory-mapped, not copied.

    reportlab keeps the whole file (`face._ttf_data`) for as long as the font is registered, to cut
    subsets from it: 37 MB for the four shipped faces, in the program's own memory. Mapped, the file
    stays in the operating system's cache, shared, and only the pages read count: the tables parsed at
    load (cmap, hmtx, loca) and the glyphs of the characters printed. Slices of a mapping are bytes,
    which is all the parser and the subsetter use. A cold start reads those pages only, not the file."""

    def __init__(self, path: Path):
        self.path = path
        self.name = str(path)

    def read(self):
        import mmap
        with open(self.path, "rb") as f:
            try:
                return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
            except (OSError, ValueError):   # an empty file, or a file system that cannot map
                return f.read()


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


class MinutesTTFont(TTFont):
    """reportlab's TTFont with three fixes for Chinese minutes:

    - subsets hold only the characters used (no 96 ASCII glyphs in every font: asciiReadable off);
    - the subsets' 'name' table is short (see _short_name_table);
    - ToUnicode maps characters beyond the BMP (𠇔 U+201D4) as UTF-16 surrogate pairs: reportlab
      writes them as an odd-length hex string that PDF readers reject, losing the character
      from copied or extracted text.
    """

    def __init__(self, name: str, face: FaceFile):
        super().__init__(name, _MappedFontFile(face.path), subfontIndex=face.index, asciiReadable=False)
        self.face.__class__ = _SubsetFace  # same object, subset-time behaviour only

    def addObjects(self, doc):
        state = self.state.get(doc)
        subsets = [list(s) for s in state.subsets] if state is not None else []
        super().addObjects(doc)
        for n, subset in enumerate(subsets):
            if max(subset, default=0) <= 0xFFFF:
                continue
            base = self._subset_base_name(n)
            stream = doc.idToObject.get("toUnicodeCMap:" + base)
            if stream is not None:
                stream.content = _to_unicode_cmap(base, subset)

    def _subset_base_name(self, n: int) -> str:
        return b"".join((SUBSETN(n), b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")


def _to_unicode_cmap(name: str, subset: list[int]) -> str:
    lines = ["/CIDInit /ProcSet findresource begin", "12 dict begin", "begincmap",
             f"/CIDSystemInfo << /Registry ({name}) /Ordering ({name}) /Supplement 0 >> def",
             f"/CMapName /{name} def", "/CMapType 2 def",
             "1 begincodespacerange", f"<00> <{len(subset) - 1:02X}>", "endcodespacerange"]
    pairs = [f"<{i:02X}> <{_utf16_hex(code)}>" for i, code in enumerate(subset)]
    for start in range(0, len(pairs), 100):  # at most 100 entries per block (CMap rule)
        chunk = pairs[start:start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


_lock = threading.Lock()
_registered: dict[tuple[str, int], MinutesTTFont | None] = {}


def load_face(face: FaceFile, name: str | None = None) -> MinutesTTFont | None:
    """Load and register a face once per process; None if it cannot be embedded (e.g. CFF outlines)."""
    key = (str(face.path.resolve()), face.index)
    with _lock:
        if key in _registered:
            return _registered[key]
        font = None
        try:
            candidate = MinutesTTFont(name or f"LD{len(_registered) + 1}-{face.path.stem}-{face.index}", face)
            if ord("中") in candidate.face.charToGlyph:
                pdfmetrics.registerFont(candidate)
                font = candidate
        except (TTFError, OSError, ValueError, struct.error, IndexError, KeyError):
            font = None
        _registered[key] = font
        return font


class _NoFace:
    """What a fallback face that could not be loaded offers: no characters."""

    charToGlyph: dict = {}
    filename = ""


class LazyFont:
    """A fallback face in a chain that is parsed the first time a character gets that far down the
    chain (a rare character of a name, say). HanaMinA, the wide fallback, is 23 MB with 41,494
    characters: its maps and metrics are ~20 MB of Python objects and a third of the fonts' load time,
    for minutes that mostly never reach it. `face` loads it; `fontName` is known before."""

    def __init__(self, face: FaceFile):
        self.face_file = face
        import zlib
        where = zlib.crc32(str(face.path.resolve()).encode("utf-8"))     # one name per file, any font set
        self.fontName = f"LDW-{face.path.stem}-{face.index}-{where:08x}"
        self._font: MinutesTTFont | None = None
        self._tried = False

    @property
    def loaded(self) -> bool:
        return self._font is not None

    @property
    def font(self) -> MinutesTTFont | None:
        if not self._tried:
            font = load_face(self.face_file, self.fontName)
            if font is not None and font.fontName != self.fontName:   # loaded earlier under another name
                pdfmetrics.registerFont(_Alias(self.fontName, font))
            self._font, self._tried = font, True
        return self._font

    @property
    def face(self):
        font = self.font
        return font.face if font is not None else _NoFace


def _Alias(name: str, font: MinutesTTFont) -> MinutesTTFont:
    import copy
    alias = copy.copy(font)
    alias.fontName = name
    return alias


# -- chains and per-character resolution -----------------------------------------------------

class _Resolved(dict):
    """char → (font name, printed char), or None for a character not to print; filled on first use."""

    def __init__(self, chain: tuple[MinutesTTFont, ...]):
        super().__init__()
        self.chain = chain

    def find(self, ch: str) -> str | None:
        code = ord(ch)
        return next((f.fontName for f in self.chain if code in f.face.charToGlyph), None)

    def __missing__(self, ch: str):
        if ch == "\n":
            found = (self.chain[0].fontName, ch)
        elif (font := self.find(ch)) is not None:
            found = (font, ch)
        elif ord(ch) in _INVISIBLE:
            found = None
        else:   # no font has it: a visible placeholder instead of nothing
            found = (self.find(PLACEHOLDER) or self.chain[0].fontName, PLACEHOLDER)
        self[ch] = found
        return found


class _Advances(dict):
    """char → advance in points for one font, size and tracking; filled on first use."""

    def __init__(self, font: MinutesTTFont, size: float, tracking: float):
        super().__init__()
        self.widths, self.default = font.face.charWidths, font.face.defaultWidth
        self.scale, self.tracking = size / 1000, tracking

    def __missing__(self, ch: str) -> float:
        value = 0.0 if ch == "\n" else self.widths.get(ord(ch), self.default) * self.scale + self.tracking
        self[ch] = value
        return value


@dataclass
class FontSet:
    """For each role, the fonts to try in order; resolves every character to the first that has it.

    A character no font has prints as PLACEHOLDER; invisible characters (variation selectors,
    joiners) are dropped."""

    chains: dict[str, tuple[MinutesTTFont | LazyFont, ...]]
    _resolved: dict[str, _Resolved] = field(default_factory=dict, repr=False)
    _advances: dict[tuple[str, float, float], _Advances] = field(default_factory=dict, repr=False)

    def primary(self, role: str) -> str:
        return self.chains[role][0].fontName

    def resolved(self, role: str) -> _Resolved:
        table = self._resolved.get(role)
        if table is None:
            table = self._resolved[role] = _Resolved(self.chains[role])
        return table

    def font_for(self, role: str, ch: str) -> str | None:
        """The first font of the role's chain that has `ch`, or None."""
        return self.resolved(role).find(ch)

    def advances(self, font: str, size: float, tracking: float) -> _Advances:
        key = (font, size, tracking)
        table = self._advances.get(key)
        if table is None:
            table = self._advances[key] = _Advances(pdfmetrics.getFont(font), size, tracking)
        return table

    def labels(self, names: Iterable[str]) -> tuple[str, ...]:
        by_name = {f.fontName: f for chain in self.chains.values() for f in chain}
        return tuple(sorted({Path(by_name[n].face.filename).name for n in names if n in by_name}))


def _first_loaded(faces: Iterable[FaceFile]) -> list[MinutesTTFont]:
    return [f for f in (load_face(face) for face in faces) if f is not None]


def build_font_set(*, system: bool = True, font_dirs: Iterable[Path] | None = None,
                   shipped_dir: Path | None = None) -> FontSet:
    """The fonts for the minutes. `system=False` uses the shipped fonts only (tests, reproducible
    output); `font_dirs` replaces the system font folders that are searched."""
    shipped_dir = shipped_dir or shipped_fonts_dir()
    shipped = {role: FaceFile(shipped_dir / name, idx) for role, (name, idx) in SHIPPED.items()}
    official: dict[str, list[FaceFile]] = {k: [] for k in SYSTEM_NAMES}
    extra_wide: list[FaceFile] = [FaceFile(shipped_dir / n) for n in OPTIONAL_WIDE if (shipped_dir / n).exists()]
    if system:
        dirs = list(font_dirs) if font_dirs is not None else system_font_dirs()
        wanted = [n for names in SYSTEM_NAMES.values() for n in names] + [n.lower() for n in OPTIONAL_WIDE]
        found = find_font_files(dirs, wanted)
        for kind, names in SYSTEM_NAMES.items():
            official[kind] = [FaceFile(found[n]) for n in names if n in found]
        extra_wide += [FaceFile(found[n.lower()]) for n in OPTIONAL_WIDE if n.lower() in found]

    song, kai, hei = _first_loaded([shipped["song"]]), _first_loaded([shipped["kai"]]), _first_loaded([shipped["hei"]])
    wide = [LazyFont(f) for f in [shipped["wide"], *extra_wide] if f.path.exists()]
    if not (song and kai and hei):
        raise FileNotFoundError(f"shipped fonts missing in {shipped_dir}")

    def chain(*parts: list) -> tuple:
        out: list = []
        for part in parts:
            out += [f for f in part if f not in out]
        return tuple(out)

    fangsong = _first_loaded(official["fangsong"])[:1]
    off_song = _first_loaded(official["song"])[:1]
    off_hei = _first_loaded(official["hei"])[:1]
    off_kai = _first_loaded(official["kai"])[:1]
    xbs = _first_loaded(official["xiaobiaosong"])[:1]
    return FontSet({
        BODY: chain(fangsong, off_song, song, wide, hei),
        HEI: chain(off_hei, hei, wide, song),
        KAI: chain(off_kai, kai, wide, song),
        TITLE: chain(xbs, off_hei, hei, wide, song),
    })


_default: dict[bool, FontSet] = {}


def default_font_set(system: bool = True) -> FontSet:
    """The process-wide font set (font discovery walks the font folders once)."""
    with _lock:
        cached = _default.get(system)
    if cached is None:
        cached = build_font_set(system=system)
        with _lock:
            _default.setdefault(system, cached)
    return cached
