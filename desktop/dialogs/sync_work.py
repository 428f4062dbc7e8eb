"""The long work of the sync page, run on a worker (desktop.ops): write packages for one or more
offices into a folder, and receive every package in a folder (or one file) addressed to this office.

Plain functions over db.sync that return what happened, file by file, so a person reads a full
report even when something went wrong half-way: each package is written (NAME.part, fsync, rename)
or imported (verified, then one transaction) whole or not at all, and Cancel stops between files.
The target's own problems (read-only, full, removed) stop the run: the next files would fail alike.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from db.errors import LiaisonError
from db.sync.errors import SyncRefused
from db.sync.export import export_package
from db.sync.fsutil import io_refusal
from db.sync.importer import import_file
from db.sync.report import ImportReport
from db.sync.state import me
from db.sync.views import folder_contents

IO_CODES = frozenset({"read_only", "disk_full", "no_folder", "no_stick", "write_failed"})
Label = Callable[[str], str]


@dataclass(frozen=True)
class Written:
    office_name: str
    office_code: str
    path: str
    size: int | None
    entries: int
    rows: int
    blobs: int
    missing_blobs: int
    full: bool


@dataclass(frozen=True)
class NotWritten:
    office_name: str
    office_code: str
    code: str
    message_zh: str
    message_en: str


@dataclass
class SendOutcome:
    folder: str
    written: list[Written] = field(default_factory=list)
    failed: list[NotWritten] = field(default_factory=list)
    cancelled: bool = False
    stopped: bool = False           # a problem of the target folder stopped the rest
    not_tried: list[str] = field(default_factory=list)     # the offices of the rest (their names), when stopped


@dataclass(frozen=True)
class CarryBack:
    office_id: str
    office_code: str
    office_name: str
    changes: int


@dataclass
class ReceiveOutcome:
    source: str
    reports: list[ImportReport] = field(default_factory=list)
    sizes: dict[str, int] = field(default_factory=dict)
    for_others: int = 0             # packages in the folder addressed to other offices (left alone)
    gone: set[str] = field(default_factory=set)       # files that vanished while being read (stick pulled)
    carry_back: list[CarryBack] = field(default_factory=list)
    cancelled: bool = False
    source_missing: bool = False

    @property
    def applied(self) -> list[ImportReport]:
        return [r for r in self.reports if r.status == "applied"]

    @property
    def refused(self) -> list[ImportReport]:
        return [r for r in self.reports if r.status == "refused"]

    @property
    def changed_data(self) -> bool:
        return any(r.new or r.updated for r in self.applied)


def _cancelled(progress) -> bool:
    return progress is not None and progress.cancelled


def _tick(progress, done: int, total: int, label: str | None) -> bool:
    """Report progress; False once the person pressed Cancel."""
    if progress is None:
        return True
    if progress.cancelled:
        return False
    try:
        progress.update(done, total, label)
    except Exception:  # noqa: BLE001 - desktop.ops.Cancelled: the same answer as the check above
        return False
    return True


def _gone_refusal(folder: Path) -> NotWritten:
    if folder.is_file():
        return NotWritten("", "", "no_folder", f"“{folder}”是一个文件，不是文件夹：请选择U盘或一个文件夹",
                          f"{folder} is a file, not a folder: choose the USB stick or a folder")
    return NotWritten("", "", "no_folder",
                      f"找不到文件夹“{folder}”：U盘可能已拔出。请插好U盘，重新选择后再试",
                      f"the folder {folder} is not there: the USB stick may have been removed. Insert it, "
                      f"choose it again and retry")


def send_packages(db, codes: list[str], folder: str | Path, progress=None, label: Label | None = None) -> SendOutcome:
    """Write one package for each office code into `folder`."""
    folder = Path(folder)
    out = SendOutcome(str(folder))
    if not folder.is_dir():
        out.failed.append(_gone_refusal(folder))
        out.stopped = True
        return out
    names = {c: n for c, n in db.execute(
        f"SELECT code, name FROM office WHERE code IN ({','.join('?' * len(codes))})", codes)} if codes else {}
    for i, code in enumerate(codes):
        name = names.get(code, code)
        if not _tick(progress, i, len(codes), label(name) if label else None):
            out.cancelled = True
            break
        try:
            r = export_package(db, code, folder)
        except SyncRefused as exc:
            out.failed.append(NotWritten(name, code, exc.code, exc.message_zh, exc.message_en))
            if exc.code in IO_CODES:
                out.stopped = True
                break
            continue
        except LiaisonError as exc:
            out.failed.append(NotWritten(name, code, exc.code, exc.message_zh, exc.message_en))
            continue
        except sqlite3.OperationalError:
            if _cancelled(progress):
                out.cancelled = True
                break
            raise
        except OSError as exc:          # reading the attachments or the folder itself
            r_exc = io_refusal(exc, folder / "x")
            out.failed.append(NotWritten(name, code, r_exc.code, r_exc.message_zh, r_exc.message_en))
            out.stopped = True
            break
        try:
            size = r.path.stat().st_size
        except OSError:
            size = None
        out.written.append(Written(name, code, str(r.path), size, r.entries, r.rows, r.blobs, r.missing_blobs,
                                   r.full_resend))
    if out.stopped:
        done = {w.office_code for w in out.written} | {f.office_code for f in out.failed}
        out.not_tried = [names.get(c, c) for c in codes if c not in done]
    if not out.cancelled and not out.stopped:
        _tick(progress, len(codes), len(codes), None)
    return out


def receive_packages(db, source: str | Path, progress=None, label: Label | None = None) -> ReceiveOutcome:
    """Import every package in `source` addressed to this office (or the one file `source`)."""
    from db.files import stick_missing
    source = Path(source)
    out = ReceiveOutcome(str(source))
    if not source.exists() or stick_missing(source):      # gone, or the empty mount folder a stick left behind
        out.source_missing = True
        return out
    node = me(db)
    if source.is_dir():
        found = folder_contents(source, node.office_id)
        files = [source / n for n in sorted(found.for_this_office + found.unreadable)]
        out.for_others = len(found.for_others)
        if not files and not found.for_others:
            out.reports.append(ImportReport(str(source), status="skipped",
                                            reason_zh="文件夹中没有同步包（*.ldsync）",
                                            reason_en="no package files (*.ldsync) in the folder"))
    else:
        files = [source]
    for i, path in enumerate(files):
        if not _tick(progress, i, len(files), label(path.name) if label else None):
            out.cancelled = True
            break
        with contextlib.suppress(OSError):
            out.sizes[path.name] = path.stat().st_size
        try:
            rep = import_file(db, path)
        except sqlite3.OperationalError:
            if _cancelled(progress):
                out.cancelled = True
                break
            raise
        if rep.status == "refused" and not path.exists():
            out.gone.add(path.name)
        out.reports.append(rep)
    if not out.cancelled:
        _tick(progress, len(files), len(files), None)
        out.carry_back = _carry_back(db, out.reports)
    return out


def _carry_back(db, reports: list[ImportReport]) -> list[CarryBack]:
    """What this office holds that the senders of the packages in the folder lack: of those imported now, and of
    those imported before (still on the stick: it goes back to them too). Counting only the first said "nothing
    to carry back" beside a city owed 19 changes in the table below."""
    from db.sync.importer import carry_back_estimate
    best: dict[str, int] = {}
    cache: dict = {}
    for r in reports:
        if not r.sender_office_id:
            continue
        if r.status == "applied":
            n = r.carry_back
        elif r.status == "already":
            n = carry_back_estimate(db, r.sender_office_id, cache)
        else:
            continue
        if n:
            best[r.sender_office_id] = max(best.get(r.sender_office_id, 0), n)
    out = []
    for oid, n in best.items():
        row = db.execute("SELECT code, name FROM office WHERE id = ?", [oid]).fetchone()
        if row:
            out.append(CarryBack(oid, row[0], row[1], n))
    return sorted(out, key=lambda c: c.office_code)
