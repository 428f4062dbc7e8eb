"""Import (SYNC.md guarantees 1, 5, 6): verify the whole package, then apply it in one transaction.

Order of checks: the file (zip, manifest, signature, members, sizes, hashes) → versions (a newer
package is refused and kept for after the update) → recipient → already imported? → sender's key
trusted? (first contact: the fingerprint is shown for a person to confirm) → decryption and the
structure of every change → attachment files stored (content-addressed, harmless alone) → scope,
references and merge inside one write transaction. Any refusal leaves the replicated data, the
change log and the vectors unchanged."""

from __future__ import annotations

import gc
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .. import model
from ..attachments import blob_path, database_path
from ..connection import Database
from .apply import apply_payload
from .computers import reported_computers
from .errors import SyncRefused
from .fsutil import PART, write_atomic
from .keys import fingerprint, key_status, node_keys, now_text, remember_key, revocation, unb64
from .package import SUFFIX, decrypt_payload, open_package
from .report import ImportReport
from .scope import OfficeTree
from .state import get_peer, have_vector, me, node_offices

LATER_DIR = "sync-later"


def _record_refusal(db: Database, rep: ImportReport) -> None:
    try:
        with db.atomic():
            db.execute("INSERT INTO sync_history (at, direction, package_id, peer_office_id, file_name, result, reason) "
                       "VALUES (?, 'in', ?, ?, ?, 'refused', ?)",
                       [now_text(), rep.package_id, rep.sender_office_id, rep.file_name,
                        f"{rep.code}: {rep.reason_en}"])
    except Exception:  # noqa: BLE001 - the history is a courtesy; the refusal itself must get through
        pass


def _keep_for_later(db: Database, path: Path) -> str:
    folder = database_path(db).parent / LATER_DIR
    dest = folder / path.name
    try:
        if path.resolve().parent != folder.resolve():
            folder.mkdir(parents=True, exist_ok=True)
            if not dest.exists():
                write_atomic(dest, lambda fh: fh.write(path.read_bytes()), data_folder=True)
        return str(dest)
    except (OSError, SyncRefused):
        return str(path)


def carry_back_estimate(db: Database, sender_office: str, cache: dict | None = None) -> int:
    """About how many changes held here `sender_office` has not confirmed receiving and would get: only
    rows in its scope count, as export.collect sends them. `cache` may be shared between calls for
    several offices (one sync page)."""
    node = me(db)
    tree = OfficeTree.load(db)
    peer = get_peer(db, sender_office)
    base = peer.base()
    offices = node_offices(db, node)
    upward = tree.relation(node.office_id, sender_office) == "up"
    visible = tree.visible_to(sender_office)
    cache = {} if cache is None else cache
    n = 0
    for origin, (seq, _h) in have_vector(db, node).items():
        if upward and offices.get(origin) not in tree.subtree(node.office_id):
            continue
        lo = base.get(origin, (0, 0))[0]
        if seq > lo:
            counts = cache.get((origin, lo, seq))
            if counts is None:
                counts = cache[origin, lo, seq] = _changes_by_owner(db, origin, lo, seq)
            n += sum(count for (table, owner), count in counts.items() if visible(table, owner))
    return n


def _changes_by_owner(db: Database, origin: str, lo: int, hi: int) -> dict[tuple[str, str | None], int]:
    """(table, owner office) → how many changes of `origin` after `lo` up to `hi` touched such rows."""
    out: dict[tuple[str, str | None], int] = {}
    tables = [t for (t,) in db.execute("SELECT DISTINCT tbl FROM change_log WHERE origin = ? AND seq > ? AND seq <= ?",
                                       [origin, lo, hi]) if t in model.TABLES]
    for table in tables:
        for owner, count in db.execute(
                f"SELECT t.office_id, count(*) FROM change_log c JOIN {table} t ON t.id = c.row_id "
                "WHERE c.origin = ? AND c.seq > ? AND c.seq <= ? AND c.tbl = ? GROUP BY t.office_id",
                [origin, lo, hi, table]):
            out[table, owner] = count
    return out


_running = 0                        # imports under way in this process
_running_lock = threading.Lock()


def importing() -> bool:
    """Is a package being read and applied? (The window's collector, which runs on the GUI thread instead
    of Python's automatic one, waits until it is done: desktop.gc_thread.)"""
    return _running > 0


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while a package is read and applied. A year of a township is 160k
    row dicts, log entries and their tuples, none of them garbage until the import ends: the collector
    would walk them all again and again (0.25 s of a 5.5 s import, seven full passes) to find nothing.
    What cycles the import leaves are collected after it, as usual."""
    global _running
    was = gc.isenabled()
    gc.disable()
    with _running_lock:
        _running += 1
    try:
        yield
    finally:
        with _running_lock:
            _running -= 1
        if was:
            gc.enable()


def import_file(db: Database, path: str | Path) -> ImportReport:
    """Import one package file; never raises for a bad package (the report says refused)."""
    path = Path(path)
    rep = ImportReport(path.name)
    try:
        with _no_cycle_collection():
            _import(db, path, rep)
    except SyncRefused as exc:
        rep.status = "refused"
        rep.reason_zh, rep.reason_en, rep.code = exc.message_zh, exc.message_en, exc.code
        rep.details = exc.details
        rep.kept = exc.kept or rep.kept
        if exc.code not in ("no_office",):
            _record_refusal(db, rep)
    return rep


def _import(db: Database, path: Path, rep: ImportReport) -> None:
    keys = node_keys(db)            # first: a database copied from another PC becomes a new node here
    node = me(db)
    try:
        pkg = open_package(path)
    except SyncRefused as exc:
        if exc.code == "newer_version":
            exc.kept = _keep_for_later(db, path)
        raise
    m = pkg.manifest
    rep.package_id = pkg.package_id
    sender = m["sender"]
    rep.sender_office_id = sender["office"]
    tree = OfficeTree.load(db)
    rep.sender_name = tree.label(sender["office"]) if sender["office"] in tree.level else sender.get("office_name", "")
    if m["recipient"]["office"] != node.office_id:
        name = tree.label(m["recipient"]["office"]) if m["recipient"]["office"] in tree.level \
            else m["recipient"].get("office_name", "?")
        code = m["recipient"].get("office_code")
        if code and code == tree.code.get(node.office_id):     # the same office code, another list of offices
            raise SyncRefused(
                f"此同步包是发给另一套安装中的“{name}”的：机构代码（{code}）相同，但不是本机的机构名单（可能来自"
                f"另一个市政协的安装，或演示数据），未导入任何内容。请确认U盘上的文件没有拿错",
                f"this package is for {name} of another installation: the same office code ({code}), but not "
                f"this installation's list of offices (another city's installation, or demo data); nothing was "
                f"imported. Check that it is the right file", code="wrong_recipient")
        raise SyncRefused(f"此同步包是发给“{name}”的，不是发给本机构“{tree.label(node.office_id)}”的",
                          f"this package is for {m['recipient'].get('office_code') or name}, not for this office",
                          code="wrong_recipient")
    if sender["node"] == node.node_id:
        raise SyncRefused("这是本机自己导出的同步包", "this package was exported by this installation", code="own_package")
    done = db.execute("SELECT imported_at FROM sync_received WHERE package_id = ?", [pkg.package_id]).fetchone()
    if done:
        rep.status, rep.imported_at = "already", done[0]
        return
    if sender["office"] not in tree.level:
        raise SyncRefused("发送机构不在本机的机构名单中（请先导入上级发来的机构名单）",
                          "the sending office is not registered here", code="unknown_office")
    rel = tree.relation(node.office_id, sender["office"])
    if rel is None:
        raise SyncRefused(f"“{rep.sender_name}”不是本机构的上级或下级，不能导入它的同步包",
                          "the sender is neither above nor below this office", code="not_related")
    sign_pub, box_pub = unb64(sender["sign_key"], 32), unb64(sender["box_key"], 32)
    fp = fingerprint(sign_pub, box_pub)
    status = key_status(db, fp)
    if status and status[1] != sender["office"]:
        raise SyncRefused("此同步包的密钥属于另一个机构，已拒绝", "the package's key belongs to another office",
                          code="key_mismatch")
    revoked = revocation(db, sign_pub, sender["node"])
    if revoked:
        when, why = revoked
        raise SyncRefused(f"此同步包由“{rep.sender_name}”一台已停用的电脑签名（{when[:10]} 停用：{why}），已拒绝。"
                          f"如该机构已重新安装，请对方用新安装导出同步包",
                          f"this package was signed by a computer of {sender.get('office_code')} whose key was "
                          f"revoked on {when[:10]} ({why}); refused", code="revoked_key")
    if status is None or status[0] != "trusted":
        remember_key(db, sender["office"], sign_pub, box_pub, node_id=sender["node"], status="pending",
                     source=path.name)
        rep.fingerprint = fp
        others = [r[0] for r in db.execute(
            "SELECT fingerprint FROM sync_office_key WHERE office_id = ? AND status = 'trusted' AND revoked_at IS NULL "
            "AND fingerprint != ? ORDER BY trusted_at", [sender["office"], fp])]
        if others:          # SYNC.md "Trust": one computer per office, unless a person says otherwise
            rep.second_computer = True
            raise SyncRefused(
                f"这是“{rep.sender_name}”的第二台电脑（该机构已有一台电脑在用，指纹 {others[0]}），其同步包未导入。"
                f"请打电话与对方核对：如确是新增的电脑，核对新指纹 {fp} 后运行 trust {fp}；如旧电脑已不再使用"
                f"（更换、丢失），先运行 revoke {others[0]} 停用旧电脑，再信任新电脑；如对方并未新装电脑，"
                f"可能有人冒用安装文件，请不要信任",
                f"a second computer for {sender.get('office_code')} (it already has one in use, fingerprint "
                f"{others[0]}); nothing from it was applied. Confirm by phone: if it really is an added computer, "
                f"check fingerprint {fp} and run `trust {fp}`; if the old one is gone, `revoke {others[0]}` "
                f"first; if the office set up no new computer, someone reused its setup file: do not trust it",
                code="untrusted_key")
        raise SyncRefused(f"首次收到“{rep.sender_name}”的同步包：请打电话与对方核对指纹 {fp}，"
                          f"一致后运行 trust {fp}，再重新导入此包",
                          f"first package from {sender.get('office_code')}: confirm fingerprint {fp} by "
                          f"phone, then run `trust {fp}` and import again", code="untrusted_key")
    held = reported_computers(db, node, m, tree, path.name)     # one computer per office, for relayed ones (R6b)
    def store_blob(sha: str, data: bytes) -> None:     # content-addressed: harmless before the rows go in
        target = blob_path(db, sha)
        if not target.exists():     # a folder that cannot be made: said as such, not as a damaged package
            write_atomic(target, lambda fh: fh.write(data), data_folder=True, make_folder=True)
            rep.blobs_written += 1
    payload = decrypt_payload(pkg, keys, store_blob)
    apply_payload(db, node, m, payload, file_name=path.name, size=path.stat().st_size,
                  relation="up-from-child" if rel == "down" else "down-from-parent", report=rep, held=held)
    rep.status = "applied"
    rep.carry_back = carry_back_estimate(db, sender["office"])


def import_path(db: Database, path: str | Path) -> list[ImportReport]:
    """A file, or every package in a folder addressed to this office (.part files are ignored)."""
    path = Path(path)
    if not path.is_dir():
        return [import_file(db, path)]
    node = me(db)
    reports = []
    found = sorted(p for p in path.iterdir() if p.is_file() and p.name.endswith(SUFFIX) and not p.name.endswith(PART))
    for p in found:
        try:
            pkg_recipient = _peek_recipient(p)
        except Exception:  # noqa: BLE001 - a damaged file: let import_file say so
            pkg_recipient = None
        if pkg_recipient is not None and pkg_recipient != node.office_id:
            r = ImportReport(p.name, status="skipped", reason_zh="不是发给本机构的同步包，已跳过",
                             reason_en="addressed to another office; skipped")
            reports.append(r)
            continue
        reports.append(import_file(db, p))
    if not found:
        from ..files import stick_message, stick_missing
        if stick_missing(path):          # the empty mount folder a pulled-out stick left behind: not "no packages"
            zh, en = stick_message(path, writing=False)
            reports.append(ImportReport(str(path), status="refused", reason_zh=zh, reason_en=en, code="no_stick"))
        else:
            reports.append(ImportReport(str(path), status="skipped", reason_zh="文件夹中没有同步包（*.ldsync）",
                                        reason_en="no package files (*.ldsync) in the folder"))
    return reports


def _peek_recipient(path: Path) -> str | None:
    """The recipient a folder's package names (unverified: only to skip another office's files)."""
    import zipfile

    from .package import MAX_MANIFEST
    with zipfile.ZipFile(path) as z:
        zi = z.getinfo("manifest.json")
        if zi.compress_type != zipfile.ZIP_STORED or zi.file_size > MAX_MANIFEST:
            return None
        with z.open(zi) as f:
            m = json.loads(f.read(MAX_MANIFEST))
    return m["recipient"]["office"]
