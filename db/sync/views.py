"""Read-only views of sync for the interface: this office and the offices it exchanges packages with,
keys waiting for confirmation, the office register with what each office last sent, the history, and
which package files a folder holds. Plain frozen dataclasses; nothing here writes replicated data."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..clock import unpack
from ..connection import Database
from .computers import known_computers
from .fsutil import PART
from .importer import carry_back_estimate
from .keys import node_keys
from .package import SUFFIX
from .resolve import count_open_conflicts, me_or_none
from .scope import OfficeTree
from .setup import SETUP_SUFFIX
from .state import get_peer


@dataclass(frozen=True)
class OfficeInfo:
    id: str
    code: str
    name: str
    level: str
    parent_id: str | None


@dataclass(frozen=True)
class Counterpart:
    """An office this one exchanges packages with directly: its parent (up) or a child (down)."""
    office: OfficeInfo
    direction: str                 # "up" | "down"
    key: str                       # "trusted" | "pending" | "none"
    last_received: str | None      # when its last package was imported here
    last_sent: str | None          # when the last package for it was written here
    to_send: int                   # about how many changes held here it has not confirmed receiving
    deactivated_on: str | None = None      # 停用 by the city: no more 交办 to it, its late packages still received


@dataclass(frozen=True)
class PendingKey:
    fingerprint: str
    office_id: str
    office_name: str
    office_code: str
    first_seen_at: str
    source: str                    # the package file it came in
    replaces_trusted: bool         # the office already has a confirmed key (reinstalled — or an impostor)
    relayed: bool = False          # not a direct peer's: a computer another office passed changes on from (R6b)


@dataclass(frozen=True)
class SyncOverview:
    office: OfficeInfo | None      # None: this installation has no office yet
    fingerprint: str
    counterparts: tuple[Counterpart, ...] = ()   # the parent first, then the children by code
    pending_keys: tuple[PendingKey, ...] = ()
    open_conflicts: int = 0
    may_register: bool = False     # the city office registers offices
    may_make_setup_files: bool = False

    @property
    def parent(self) -> Counterpart | None:
        return next((c for c in self.counterparts if c.direction == "up"), None)

    @property
    def children(self) -> tuple[Counterpart, ...]:
        return tuple(c for c in self.counterparts if c.direction == "down")


@dataclass(frozen=True)
class RegisterRow:
    office: OfficeInfo
    parent_name: str
    relation: str                  # "self" | "parent" | "child" | "below" | "other"
    key: str                       # "trusted" | "pending" | "none" ("" for this office)
    last_received: str | None      # direct peers: its last package imported here
    latest_change: str | None      # the newest change held here that this office made (local time)
    to_send: int | None            # direct peers: changes it has not confirmed (None for others)
    relayed_keys: int = 0          # its computers whose key is bound here on another office's word (R6c)
    deactivated_on: str | None = None      # 停用 by the city (db.offices.remove_office): kept with its records
    key_removed_on: str | None = None      # a person here removed a relay-learned key of it (R6c; forget_key)


@dataclass(frozen=True)
class HistoryEntry:
    id: int
    at: str
    direction: str                 # "in" | "out"
    peer_office_id: str | None
    peer_name: str
    file_name: str
    result: str                    # "written" | "applied" | "refused"
    counts: dict                   # what it carried (export: log/rows/blobs/full; import: new/updated/...)
    reason_code: str
    reason_en: str
    size: int | None               # bytes, when recorded


@dataclass(frozen=True)
class FolderContents:
    folder: str
    for_this_office: tuple[str, ...]      # package file names
    for_others: tuple[str, ...]
    unreadable: tuple[str, ...]           # not a readable package (import will say why)
    setup_files: tuple[str, ...]


def _info(tree: OfficeTree, oid: str) -> OfficeInfo:
    return OfficeInfo(oid, tree.code.get(oid, ""), tree.name.get(oid, ""), tree.level.get(oid, ""),
                      tree.parent.get(oid))


def _live_tree(db: Database) -> OfficeTree:
    return OfficeTree(db.execute("SELECT id, code, name, level, parent_id FROM office WHERE deleted = 0").fetchall())


def _key_states(db: Database) -> dict[str, str]:
    """Per office: "trusted" when one of its keys is, else "pending", else "revoked"."""
    rank = {"trusted": 0, "pending": 1, "revoked": 2}
    out: dict[str, str] = {}
    for office, status, revoked in db.execute("SELECT office_id, status, revoked_at FROM sync_office_key"):
        state = "revoked" if revoked else status
        if office not in out or rank[state] < rank[out[office]]:
            out[office] = state
    return out


def hlc_time(hlc: int) -> str | None:
    if not hlc:
        return None
    try:
        return dt.datetime.fromtimestamp(unpack(hlc)[0] / 1000).strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):
        return None


def pending_keys(db: Database) -> list[PendingKey]:
    tree = OfficeTree.load(db)
    trusted = {o for (o,) in db.execute("SELECT DISTINCT office_id FROM sync_office_key WHERE status = 'trusted' "
                                        "AND revoked_at IS NULL")}
    node = me_or_none(db)
    mine = node.office_id if node is not None else None
    direct = {o for o in tree.level if mine is not None and (tree.parent.get(o) == mine or tree.parent.get(mine) == o)}
    return [PendingKey(fp, oid, tree.label(oid), tree.code.get(oid, ""), seen or "", source or "", oid in trusted,
                       oid not in direct)
            for fp, oid, seen, source in db.execute(
                "SELECT fingerprint, office_id, first_seen_at, source FROM sync_office_key WHERE status = 'pending' "
                "AND revoked_at IS NULL ORDER BY first_seen_at DESC, fingerprint")]


def sync_overview(db: Database) -> SyncOverview:
    """This office, its parent and children with their keys and what they lack, keys to confirm."""
    fingerprint = node_keys(db).fingerprint
    node = me_or_none(db)
    if node is None:
        return SyncOverview(None, fingerprint)
    tree = _live_tree(db)
    mine = node.office_id
    keys = _key_states(db)
    counterparts = []
    counted: dict = {}
    parent = tree.parent.get(mine)
    peers = ([(parent, "up")] if parent else []) + [(c, "down") for c in sorted(
        tree.children.get(mine, ()), key=lambda o: tree.code.get(o, ""))]
    deactivated = dict(db.execute("SELECT id, deactivated_on FROM office WHERE deleted = 0 "
                                  "AND deactivated_on IS NOT NULL").fetchall())
    for oid, direction in peers:
        p = get_peer(db, oid)
        counterparts.append(Counterpart(_info(tree, oid), direction, keys.get(oid, "none"), p.last_import_at,
                                        p.last_export_at, carry_back_estimate(db, oid, counted),
                                        deactivated.get(oid)))
    return SyncOverview(_info(tree, mine) if mine in tree.level else None, fingerprint, tuple(counterparts),
                        tuple(pending_keys(db)), count_open_conflicts(db), may_register=tree.is_city(mine),
                        may_make_setup_files=bool(tree.children.get(mine)))


def _latest_change_by_office(db: Database, node_id: str, office_id: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for office, hlc in db.execute("SELECT n.office_id, max(h.hlc) FROM sync_have h JOIN sync_node n "
                                  "ON n.node_id = h.origin GROUP BY n.office_id"):
        out[office] = hlc or 0
    own = db.execute("SELECT max(hlc) FROM change_log WHERE origin = ?", [node_id]).fetchone()[0]
    if own:
        out[office_id] = max(out.get(office_id, 0), own)
    return out


def office_register(db: Database) -> list[RegisterRow]:
    """The city: every office. Others: their parent, themselves and the offices below them."""
    node = me_or_none(db)
    tree = _live_tree(db)
    if node is None or node.office_id not in tree.level:
        return []
    mine = node.office_id
    keys = _key_states(db)
    latest = _latest_change_by_office(db, node.node_id, mine)
    below = tree.subtree(mine)
    parent = tree.parent.get(mine)
    shown = list(tree.level) if tree.is_city(mine) else [o for o in tree.level if o in below or o == parent]
    rows = []
    counted: dict = {}
    relayed: dict[str, int] = {}
    removed: dict[str, str] = {}
    for c in known_computers(db):
        if c.source in ("relay", "setup"):
            relayed[c.office_id] = relayed.get(c.office_id, 0) + 1
        if c.removed_at:
            removed[c.office_id] = c.removed_at
    deactivated = dict(db.execute("SELECT id, deactivated_on FROM office WHERE deleted = 0 "
                                  "AND deactivated_on IS NOT NULL").fetchall())
    for oid in sorted(shown, key=lambda o: tree.code.get(o, "")):
        if oid == mine:
            relation = "self"
        elif oid == parent:
            relation = "parent"
        elif tree.parent.get(oid) == mine:
            relation = "child"
        elif oid in below:
            relation = "below"
        else:
            relation = "other"
        direct = relation in ("parent", "child")
        peer = get_peer(db, oid) if direct else None
        rows.append(RegisterRow(
            _info(tree, oid), tree.name.get(tree.parent.get(oid) or "", ""), relation,
            "" if oid == mine else keys.get(oid, "none"), peer.last_import_at if peer else None,
            hlc_time(latest.get(oid, 0)), carry_back_estimate(db, oid, counted) if direct else None,
            relayed.get(oid, 0), deactivated.get(oid), removed.get(oid)))
    return rows


def sync_history(db: Database, limit: int = 2000) -> list[HistoryEntry]:
    """Every package written and every import attempt, newest first."""
    tree = OfficeTree.load(db)
    out = []
    for hid, at, direction, peer, file_name, result, summary, reason in db.execute(
            "SELECT id, at, direction, peer_office_id, file_name, result, summary, reason FROM sync_history "
            "ORDER BY id DESC LIMIT ?", [limit]):
        try:
            counts = json.loads(summary) if summary else {}
        except ValueError:
            counts = {}
        if not isinstance(counts, dict):
            counts = {}
        code, _, text = (reason or "").partition(": ")
        if not text:
            code, text = "", reason or ""
        size = counts.get("bytes")
        out.append(HistoryEntry(hid, at, direction, peer, tree.label(peer) if peer else "", file_name or "", result,
                                counts, code, text, size if isinstance(size, int) else None))
    return out


def package_recipient(path: Path) -> str | None:
    """The recipient office named in a package's manifest (unverified: only to pick files to import)."""
    try:
        with zipfile.ZipFile(path) as z:
            m = json.loads(z.read("manifest.json"))
        return m["recipient"]["office"]
    except Exception:  # noqa: BLE001 - a damaged file: the import says why
        return None


def folder_contents(folder: str | Path, office_id: str | None) -> FolderContents:
    """The package files in a folder (not in subfolders; unfinished .part files ignored)."""
    folder = Path(folder)
    mine, others, bad, setups = [], [], [], []
    try:
        names = sorted(p for p in folder.iterdir() if p.is_file())
    except OSError:
        names = []
    for p in names:
        if p.name.endswith(PART):
            continue
        if p.name.endswith(SETUP_SUFFIX):
            setups.append(p.name)
        elif p.name.endswith(SUFFIX):
            r = package_recipient(p)
            (bad if r is None else mine if r == office_id else others).append(p.name)
    return FolderContents(str(folder), tuple(mine), tuple(others), tuple(bad), tuple(setups))
