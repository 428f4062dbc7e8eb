"""Rendering minutes to PDF: one meeting, or many (one file each, or one file for printing)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from db.errors import LiaisonError
from db.files import write_atomic, write_problem
from db.minutes_source import load_minutes_data

from .content import MinutesData, minutes_from_source
from .fonts import FontSet, default_font_set
from .page import Cancelled, MinutesDoc, Section, StartSection
from .pdfpack import pack
from .story import build_story

ProgressCb = Callable[[int, int], None]
CancelCb = Callable[[], bool]
Item = MinutesData | Callable[[], MinutesData]


@dataclass(frozen=True)
class RenderInfo:
    path: Path | None       # None when written to a file object
    pages: int
    size: int               # bytes
    fonts: tuple[str, ...]  # font files that drew the text
    missing: str            # characters no available font has; printed as 〓


@dataclass(frozen=True)
class BatchInfo:
    files: tuple[Path, ...]
    minutes: int                              # minutes rendered
    pages: int
    cancelled: bool
    missing: str
    failed: tuple[tuple[str, str], ...] = ()  # (meeting id or position, reason) of minutes left out
    sheets: int = 0                           # pages in the one file, with duplex blank pages (0: a folder)


class OutputError(LiaisonError):
    code = "output"


def _write_file(path: Path, data: bytes) -> None:
    """The finished PDF replaces `path` in one step: a failure (a full or read-only stick, a file
    open in a PDF reader) never leaves half a file behind, and says why in Chinese and English."""
    write_atomic(path, lambda fh: fh.write(data), refuse=_output_error, make_folder=True)


def _output_error(exc: OSError, target: Path) -> OutputError:
    zh, en, code = write_problem(exc, target)
    return OutputError(zh, en, code=code)


def _build(items: Sequence[MinutesData], fonts: FontSet, *, duplex: bool, cancel_cb: CancelCb | None,
           started: Callable[[int], None] | None = None) -> tuple[bytes, list[Section], set[str], str, int]:
    buffer = io.BytesIO()
    doc = MinutesDoc(buffer, fonts, title=items[0].title if len(items) == 1 else "会议纪要", cancel_cb=cancel_cb)
    story, texts, sections = [], [], []
    for n, data in enumerate(items):
        section = Section(draft=not data.is_final)
        flow, made = build_story(data, fonts)
        start = StartSection(section, duplex=duplex,
                             on_start=(lambda n=n: started(n)) if started is not None else None)
        story += [start, *flow]
        texts += made
        sections.append(section)
    doc.build(story)
    used = set().union(*(t.font_names() for t in texts)) if texts else set()
    missing = "".join(sorted({ch for t in texts for ch in t.missing}))
    return pack(buffer.getvalue()), sections, used, missing, doc.page


def render_minutes(data: MinutesData, out: str | Path | BinaryIO, *, fonts: FontSet | None = None) -> RenderInfo:
    """Write the official minutes of one meeting to `out` (a path, or a binary file object)."""
    fonts = fonts or default_font_set()
    pdf, sections, used, missing, _pages = _build([data], fonts, duplex=False, cancel_cb=None)
    path = None
    if isinstance(out, str | Path):
        path = Path(out)
        _write_file(path, pdf)
    else:
        out.write(pdf)
    return RenderInfo(path, sections[0].pages, len(pdf), fonts.labels(used), missing)


_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def minutes_filename(data: MinutesData) -> str:
    """e.g. 2026-03-05_新华路街道政协委员联络组协商议事会纪要_第3期.pdf (safe on Windows and Linux)."""
    parts = [data.date, data.title]
    if data.issue_no:
        parts.append(data.issue_no if not data.issue_no.isdigit() else f"第{int(data.issue_no)}期")
    if data.revision > 1:
        parts.append(f"第{data.revision}版")
    name = _UNSAFE.sub("_", "_".join(parts)).strip(" .")[:120]
    return f"{name}.pdf"


def _resolve(item: Item) -> MinutesData:
    return item() if callable(item) else item


def render_many(items: Sequence[Item], out: str | Path, *, progress_cb: ProgressCb | None = None,
                cancel_cb: CancelCb | None = None, fonts: FontSet | None = None, duplex: bool = True) -> BatchInfo:
    """Batch export. `out` ending in .pdf: one file holding every minutes, each numbered from page 1
    (and, with `duplex`, starting on a right-hand page); otherwise a folder with one PDF per minutes.

    `items` are MinutesData or callables returning one (loaded when their turn comes). A callable
    that raises LiaisonError is reported in `failed` and skipped. `progress_cb(done, total)` and
    `cancel_cb() -> bool` are called from the rendering thread, so a GUI worker can forward them;
    after a cancel nothing half-written is left (finished files of a folder export stay)."""
    fonts = fonts or default_font_set()
    out = Path(out)
    total = len(items)
    progress = progress_cb or (lambda done, total: None)
    cancelled = cancel_cb or (lambda: False)
    failed: list[tuple[str, str]] = []

    def load(n: int, item: Item) -> MinutesData | None:
        try:
            return _resolve(item)
        except LiaisonError as exc:
            failed.append((getattr(item, "meeting_id", "") or str(n + 1), exc.message_zh))
            return None

    progress(0, total)
    if out.suffix.lower() == ".pdf" and not out.is_dir():
        loaded = []
        for n, item in enumerate(items):
            if cancelled():
                return BatchInfo((), 0, 0, True, "", tuple(failed))
            data = load(n, item)
            if data is not None:
                loaded.append(data)
        if not loaded:
            return BatchInfo((), 0, 0, False, "", tuple(failed))
        try:
            pdf, sections, _used, missing, sheets = _build(loaded, fonts, duplex=duplex, cancel_cb=cancel_cb,
                                                           started=lambda n: progress(n, total))
        except Cancelled:
            return BatchInfo((), 0, 0, True, "", tuple(failed))
        _write_file(out, pdf)
        progress(total, total)
        return BatchInfo((out,), len(loaded), sum(s.pages for s in sections), False, missing, tuple(failed),
                         sheets=sheets)

    files: list[Path] = []
    pages, missing = 0, set()
    taken: set[str] = set()
    for n, item in enumerate(items):
        if cancelled():
            return BatchInfo(tuple(files), len(files), pages, True, "".join(sorted(missing)), tuple(failed))
        data = load(n, item)
        if data is not None:
            name = minutes_filename(data)
            if name in taken:
                name = f"{name[:-4]}_{data.meeting_id[:8] or n + 1}.pdf"
            taken.add(name)
            try:
                info = render_minutes(data, out / name, fonts=fonts)
            except OutputError as exc:
                if not files:
                    raise
                # a stick full after some of them: say which are there, so nobody takes the folder as complete
                left = total - n
                raise OutputError(f"{exc.message_zh}。此前已写入 {len(files)} 份完整的纪要（最后一份：{files[-1].name}），"
                                  f"其余 {left} 份未写入",
                                  f"{exc.message_en}. {len(files)} whole minutes were written before it (the last: "
                                  f"{files[-1].name}); the other {left} were not", code=exc.code) from exc
            files.append(out / name)
            pages += info.pages
            missing.update(info.missing)
        progress(n + 1, total)
    return BatchInfo(tuple(files), len(files), pages, False, "".join(sorted(missing)), tuple(failed))


def minutes_for_meeting(db, meeting_id: str) -> MinutesData:
    """Load one meeting's minutes from the database (db.minutes_source)."""
    return minutes_from_source(load_minutes_data(db, meeting_id))


def export_meetings(db, meeting_ids: Sequence[str], out: str | Path, **kw) -> BatchInfo:
    """render_many over meetings of the database, each loaded when its turn comes."""
    items = [_Loader(db, mid) for mid in meeting_ids]
    return render_many(items, out, **kw)


class _Loader:
    def __init__(self, db, meeting_id: str):
        self.db, self.meeting_id = db, meeting_id

    def __call__(self) -> MinutesData:
        return minutes_for_meeting(self.db, self.meeting_id)
