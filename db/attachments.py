"""Attachments (附件): scanned sign-in sheets, photos, signed minutes — stored once by content.

Files live beside the database under attachments/<sha[:2]>/<sha> (db.paths.attachments_dir).
A file is copied to a temporary name in that folder while its SHA-256 is computed, flushed, and
renamed into place, so a crash never leaves a half file under a real name. The row (name, sha256,
size, kind) goes through the write path; identical files share one stored copy. Removing an
attachment removes the row; the stored file stays (other rows, revisions or sync may use it).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .connection import Database
from .errors import LiaisonError, NotFound, RecordLocked, ValidationError, os_reason
from .files import StickMissing, require_stick, stick_message
from .own_parts import own_of
from .paths import attachments_dir
from .write import writing

MAX_SIZE = 200 * 1024 * 1024          # a scanned document or a photo, not a video archive
KINDS = ("sign_in", "photo", "signed_minutes", "other")
KIND_LABELS = {"sign_in": ("签到表", "Sign-in sheet"), "photo": ("照片", "Photo"),
               "signed_minutes": ("签字纪要", "Signed minutes"), "other": ("其他", "Other")}
OWNERS = ("meeting", "visit", "opinion_report", "follow_up")
_CHUNK = 1024 * 1024


class AttachmentError(LiaisonError):
    """A file that cannot be read or stored (the environment, told to the user in plain words)."""

    code = "attachment"


@dataclass(frozen=True)
class Attachment:
    id: str
    owner_table: str
    owner_id: str
    name: str
    sha256: str
    size: int
    kind: str

    @property
    def kind_zh(self) -> str:
        return KIND_LABELS.get(self.kind, KIND_LABELS["other"])[0]


def database_path(db: Database) -> Path:
    path = getattr(db, "path", None)
    if path is None:
        path = db.execute("PRAGMA database_list").fetchone()[2]
    return Path(path)


def store_root(db: Database) -> Path:
    return attachments_dir(database_path(db))


def blob_path(db: Database, sha256: str) -> Path:
    return store_root(db) / sha256[:2] / sha256


def store_file(root: Path, source: str | Path) -> tuple[str, int]:
    """Copy a file into the content store under `root`; returns (sha256, size)."""
    source = Path(source)
    name = source.name or str(source)
    if not source.is_file():
        what, what_en = (("是一个文件夹", "it is a folder") if source.is_dir()
                         else ("不是普通文件（是设备或管道）", "it is a device or a pipe") if source.exists()
                         else ("不存在", "no such file"))
        raise AttachmentError(f"无法读取文件“{name}”：文件{what}", f"cannot read {name}: not a file ({what_en})",
                              code="unreadable_file")
    try:
        size = source.stat().st_size
    except OSError as exc:
        raise AttachmentError(f"无法读取文件“{name}”：{os_reason(exc)[0]}", f"cannot read {name}: {os_reason(exc)[1]}",
                              code="unreadable_file") from exc
    if size > MAX_SIZE:
        raise AttachmentError(f"文件“{name}”太大（{size / 1048576:.0f} MB），附件最大 {MAX_SIZE // 1048576} MB",
                              f"{name} is too large ({size} bytes; at most {MAX_SIZE})", code="too_large")
    if size == 0:       # a scan or a copy that did not finish: kept, it opened to nothing at the district
        raise AttachmentError(f"文件“{name}”是空的（0 字节），没有可保存的内容：请检查扫描或复制是否已完成",
                              f"{name} is empty (0 bytes): check that the scan or the copy finished", code="empty_file")
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AttachmentError(f"无法创建附件文件夹：{os_reason(exc)[0]}", f"cannot create {root}: {os_reason(exc)[1]}",
                              code="store_failed") from exc
    import hashlib  # here, not at the top: it maps OpenSSL, which showing a list never needs

    tmp = root / f".tmp-{os.urandom(16).hex()}"
    digest, copied = hashlib.sha256(), 0
    try:
        try:
            src = open(source, "rb")  # noqa: SIM115  (two error messages: reading vs writing)
        except OSError as exc:
            raise AttachmentError(f"无法读取文件“{name}”：{os_reason(exc)[0]}", f"cannot read {name}: {os_reason(exc)[1]}",
                                  code="unreadable_file") from exc
        with src, open(tmp, "wb") as out:
            while True:
                try:
                    chunk = src.read(_CHUNK)
                except OSError as exc:
                    raise AttachmentError(f"读取文件“{name}”时出错：{os_reason(exc)[0]}",
                                          f"error reading {name}: {exc}", code="unreadable_file") from exc
                if not chunk:
                    break
                digest.update(chunk)
                out.write(chunk)
                copied += len(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = root / sha[:2] / sha
        if final.exists() and final.stat().st_size == copied:
            tmp.unlink()
        else:
            final.parent.mkdir(exist_ok=True)
            os.replace(tmp, final)
        return sha, copied
    except OSError as exc:
        raise AttachmentError(f"无法保存附件（磁盘已满或没有写入权限？）：{os_reason(exc)[0]}",
                              f"cannot store the attachment: {exc}", code="store_failed") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _owner_check(db: Database, owner_table: str, owner_id: str, kind: str, *, removing: bool = False) -> str | None:
    """The owner's office; refuses changes the owner's state does not allow."""
    if owner_table not in OWNERS:
        raise ValidationError("附件的所属记录类型无效", f"bad owner table {owner_table!r}", code="bad_choice",
                              field="owner_table")
    state_col = "NULL" if owner_table == "visit" else "state"
    row = db.execute(f"SELECT office_id, deleted, {state_col} FROM {owner_table} WHERE id = ?",
                     [owner_id]).fetchone()
    if row is None or row[1]:
        raise NotFound("附件所属的记录不存在", f"{owner_table} not found: {owner_id}")
    state = row[2]
    if owner_table == "meeting" and state == "final" and (removing or kind != "signed_minutes"):
        raise RecordLocked("会议纪要已定稿，只能补充“签字纪要”扫描件", "the minutes are final: only the signed "
                           "minutes can still be attached")
    if owner_table == "meeting":
        from . import model
        if state not in model.MEETING_STATES:    # changed outside the program: read-only, as every other change
            raise RecordLocked(f"该会议的状态无法识别（{state}）：记录已在本程序之外被改动，不能修改附件；请恢复备份或联系技术支持",
                               f"the meeting's state is not recognised ({state}): the record was changed outside "
                               "this program and its attachments cannot be changed; restore a backup or ask for support")
    if state == "closed":
        raise RecordLocked("该记录已办结，不能修改附件", "the record is closed")
    return row[0]


def add_attachment(db: Database, owner_table: str, owner_id: str, source: str | Path, *,
                   name: str | None = None, kind: str = "other") -> str:
    """Attach a file to a meeting, visit, opinion report or follow-up; returns the attachment id."""
    if kind not in KINDS:
        raise ValidationError("附件类别无效", f"bad attachment kind {kind!r}", code="bad_choice", field="kind")
    office = _owner_check(db, owner_table, owner_id, kind)
    from .permissions import Permissions
    Permissions(db).check("attachment", office, None, {"owner_table": owner_table})   # before copying the file
    sha, size = store_file(store_root(db), source)
    with writing(db) as w:
        return w.insert("attachment", {"owner_table": owner_table, "owner_id": owner_id,
                                       "name": (name or Path(source).name)[:255], "sha256": sha, "size": size,
                                       "kind": kind}, office_id=office)


def get_attachment(db: Database, attachment_id: str) -> Attachment:
    row = db.execute("SELECT id, owner_table, owner_id, name, sha256, size, kind FROM attachment "
                     "WHERE id = ? AND deleted = 0", [attachment_id]).fetchone()
    if row is None:
        raise NotFound("找不到这个附件", f"attachment not found: {attachment_id}")
    return Attachment(*row)


def list_attachments(db: Database, owner_table: str, owner_id: str) -> list[Attachment]:
    return [Attachment(*r) for r in db.execute(
        "SELECT id, owner_table, owner_id, name, sha256, size, kind FROM attachment "
        f"WHERE owner_id = ? AND owner_table = ? AND deleted = 0 AND {own_of(owner_table, 'owner_id')} ORDER BY rowid",
        [owner_id, owner_table])]


def rename_attachment(db: Database, attachment_id: str, *, name: str | None = None,
                      kind: str | None = None) -> list[str]:
    att = get_attachment(db, attachment_id)
    _owner_check(db, att.owner_table, att.owner_id, kind or att.kind, removing=True)
    changes = {k: v for k, v in (("name", name), ("kind", kind)) if v is not None}
    with writing(db) as w:
        return w.update("attachment", attachment_id, changes)


def remove_attachment(db: Database, attachment_id: str) -> None:
    att = get_attachment(db, attachment_id)
    _owner_check(db, att.owner_table, att.owner_id, att.kind, removing=True)
    with writing(db) as w:
        w.delete("attachment", attachment_id)


def attachment_file(db: Database, attachment_id: str) -> Path:
    """The stored file of an attachment; AttachmentError when it is missing (e.g. not yet synced)."""
    att = get_attachment(db, attachment_id)
    path = blob_path(db, att.sha256)
    if not path.is_file():
        raise AttachmentError(f"附件“{att.name}”的文件不在本机（可能尚未同步或已被删除）",
                              f"the file of attachment {att.name} is missing", code="missing_file")
    return path


def export_attachment(db: Database, attachment_id: str, dest: str | Path) -> Path:
    """Copy an attachment out under `dest` (a file path, or a folder to keep its own name)."""
    att = get_attachment(db, attachment_id)
    src = attachment_file(db, attachment_id)
    dest = Path(dest)
    if dest.is_dir():
        dest = dest / Path(att.name).name
    try:
        require_stick(dest.parent)      # a pulled-out stick's folder left behind: not onto the local disk
        shutil.copyfile(src, dest)
    except StickMissing as exc:
        raise AttachmentError(*stick_message(exc.filename), code="no_stick") from exc
    except OSError as exc:
        raise AttachmentError(f"无法保存到“{dest}”：{os_reason(exc)[0]}", f"cannot write {dest}: {os_reason(exc)[1]}",
                              code="store_failed") from exc
    return dest


def verify_attachment(db: Database, attachment_id: str) -> bool:
    """True when the stored file is there and still has the recorded SHA-256."""
    att = get_attachment(db, attachment_id)
    path = blob_path(db, att.sha256)
    if not path.is_file():
        return False
    import hashlib
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest() == att.sha256


def unreferenced_files(db: Database) -> list[Path]:
    """Stored files that no attachment row (live or deleted) names — safe to clean up."""
    root = store_root(db)
    if not root.is_dir():
        return []
    known = {r[0] for r in db.execute("SELECT DISTINCT sha256 FROM attachment")}
    return sorted(p for p in root.glob("??/*") if p.is_file() and p.name not in known)
