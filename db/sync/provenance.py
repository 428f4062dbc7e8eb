"""Provenance a relay cannot change (SYNC.md "Trust", SECURITY.md P1–P7).

Each origin node chains its own log entries by hash, at export time (never per write):

    fd(field, value)  = SHA-256(field ‖ 0 ‖ value encoded with its type), first 16 bytes; per field an entry wrote
    ed[s]             = SHA-256(entry[s] ‖ 0 ‖ field names ‖ 0 ‖ fd of each, in name order), first 16 bytes
    link[s]           = SHA-256(link[s-1] ‖ table ‖ 0 ‖ office of the row ‖ 0 ‖ ed[s])
    link[0]           = SHA-256("liaison-desk chain v1" ‖ 0 ‖ origin)

where entry[s] is (origin, seq, table, row id, fields, hlc, actor) and the field digest is the digest of
the value that still carries the entry's clock, or SUPERSEDED (16 zero bytes) when this same PC wrote over
it before it ever left (so no other office can hold it). An insert (`*`) digests every column it wrote,
`office_id` and `deleted` included. The origin signs (origin, seq, link[seq]) with its Ed25519 node key in
every package it makes. Links and digests are stored (`sync_chain`, one row per entry); relays store what
they received and forward the signed head (`sync_head`) unchanged.

A package carries, per origin it covers, the author's signed head at the end of its range and, sealed
with the package's contents (an extra attachment-like member, which readers before provenance store as an
unused file), the chain material: the link before the range and, per entry of the range, either the set
of fields it digests (the receiver recomputes each digest from the value the package carries, when that
value still has the entry's clock, and takes the relay's digest only for values overwritten since) or,
for entries filtered out of the receiver's scope, their entry digests. The receiver recomputes the chain
and compares it with the signed head; a value in a relayed origin's name is accepted only when its digest
matches the author's for that clock.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from operator import itemgetter, methodcaller

from .. import model
from ..clock import unpack, wall_ms_now
from ..connection import Database
from .errors import SyncRefused
from .keys import NodeKeys, b64, now_text, unb64, verify_signature
from .schema import SETUP_CHAINED, SETUP_HLC

FD = 16                                 # bytes of a field digest and of an entry digest
LINK = 32
SUPERSEDED = bytes(FD)
MATERIAL_VERSION = 1
MAX_MATERIAL = 64 * 1024 * 1024         # the material inflated, at most (and at most what its ranges can need)
_PER_ENTRY = 64                         # bytes of material one entry of a range can need, at most (a digest run:
                                        # 22 in base64; an entry with claimed digests of every column: more, but
                                        # such entries are carried, and counted again in the package's size)
_NOT_DIGESTED = ("id", "_rc", "_fc")
_sha = hashlib.sha256
_digest = methodcaller("digest")
_trunc = itemgetter(slice(0, FD))

TABLES_SQL = (
    # One row per log entry of a chained origin: the link after it, the fields it digests (sync_fset)
    # and their digests in name order; for an entry filtered out of this office's scope, fset is NULL
    # and `digests` holds the entry digest.
    """CREATE TABLE IF NOT EXISTS sync_chain (
        origin TEXT NOT NULL, seq INTEGER NOT NULL, link BLOB NOT NULL, fset INTEGER, digests BLOB NOT NULL,
        PRIMARY KEY (origin, seq)) WITHOUT ROWID""",
    "CREATE TABLE IF NOT EXISTS sync_fset (id INTEGER PRIMARY KEY, names TEXT NOT NULL UNIQUE)",
    # The newest head each origin signed, as received (or made, for this node): forwarded unchanged.
    """CREATE TABLE IF NOT EXISTS sync_head (
        origin TEXT PRIMARY KEY, seq INTEGER NOT NULL, link BLOB NOT NULL, sig BLOB NOT NULL,
        sign_key BLOB NOT NULL)""",
    # Which signing key speaks for which origin node: first binding wins (from the sender's own trusted
    # key, or from the first head a relay forwarded).
    """CREATE TABLE IF NOT EXISTS sync_origin_key (
        node_id TEXT PRIMARY KEY, sign_key BLOB NOT NULL, learned_at TEXT NOT NULL, via TEXT)""",
    "CREATE INDEX IF NOT EXISTS idx_sync_origin_key_key ON sync_origin_key(sign_key)",
)


def create_tables(db: Database) -> None:
    """Migration m0013."""
    for sql in TABLES_SQL:
        db.execute(sql)


# -- hashing ------------------------------------------------------------------------------
def genesis(origin: str) -> bytes:
    return _sha(b"liaison-desk chain v1\0" + origin.encode()).digest()


def _key(prefix: str, v) -> str:
    if v is None:
        return prefix + "N"
    if type(v) is int:
        return f"{prefix}I{v}"
    return prefix + "S" + v


def field_digest(name: str, value) -> bytes:
    return _sha(_key(name + "\0", value).encode()).digest()[:FD]


def column_digests(name: str, values: list) -> list[bytes]:
    """fd(name, v) for every value of a column, at C speed: a column with repeated values (an office, a
    flag, a kind, a date, a parent record) is digested once per distinct value."""
    distinct = set(values)
    if len(distinct) * 2 <= len(values):
        ds = list(distinct)
        return list(map(dict(zip(ds, _column_digests(name, ds), strict=True)).__getitem__, values))
    return _column_digests(name, values)


def _column_digests(name: str, values: list) -> list[bytes]:
    p = name + "\0"
    types = set(map(type, values))
    if types <= {str}:
        keys = map((p + "S").__add__, values)
    elif types <= {int}:
        keys = map((p + "I").__add__, map(str, values))
    else:
        keys = [_key(p, v) for v in values]
    return list(map(_trunc, map(_digest, map(_sha, map(str.encode, keys)))))


def canon(e) -> bytes:
    actor = e[6] if len(e) > 6 and e[6] is not None else ""
    return f"{e[0]}\x1f{e[1]}\x1f{e[2]}\x1f{e[3]}\x1f{e[4]}\x1f{e[5]}\x1f{actor}\0".encode()


def entry_digest(e, names: str, digests: bytes) -> bytes:
    return _sha(canon(e) + names.encode() + b"\0" + digests).digest()[:FD]


def scope_tag(table: str, office: str | None) -> bytes:
    return f"{table}\0{office or ''}".encode()


def chain_step(link: bytes, tag: bytes, inner: bytes) -> bytes:
    """The next link: the entry's table and its row's office (its scope tag), then its entry digest. A relay
    that leaves an entry out as outside the receiver's scope must name them, and the receiver checks them."""
    return _sha(link + tag + b"\0" + inner).digest()


def head_message(origin: str, seq: int, link: bytes) -> bytes:
    return f"liaison-desk head v1\0{origin}\0{seq}\0".encode() + link


def current_test(row: dict, clock: str):
    """A predicate on field names: does the row's value of that field still carry `clock`? (office_id never
    changes after the insert, so it counts as current for every entry of the row.)"""
    fc = json.loads(row["_fc"]) if row.get("_fc") else {}
    rc = row["_rc"]

    def current(name: str) -> bool:
        if name == "office_id":
            return True
        if name not in row:
            return False
        pair = fc.get(name)
        return (pair[0] if pair else rc) == clock
    return current


def _field_clock(row: dict, name: str) -> str | None:
    """The clock a row's field carries (its own, else the row's), None when there is no readable one."""
    try:
        fc = json.loads(row["_fc"]) if row.get("_fc") else {}
        pair = fc.get(name) if isinstance(fc, dict) else None
        c = pair[0] if isinstance(pair, list) and pair else row.get("_rc")
        int(c[:16], 16)
    except (ValueError, TypeError, IndexError):
        return None
    return c if isinstance(c, str) and len(c) > 16 else None


def entry_fields(e, cols) -> list[str]:
    if e[4] == "*":
        return sorted(c for c in cols if c not in _NOT_DIGESTED)
    return sorted(e[4].split(","))


# -- field sets -----------------------------------------------------------------------------
class FieldSets:
    """The local dictionary of field-name lists (sync_fset): one id per distinct list."""

    def __init__(self, db: Database):
        self.db = db
        self.by_names = {n: i for i, n in db.execute("SELECT id, names FROM sync_fset")}
        self.by_id = {i: n for n, i in self.by_names.items()}

    def id_of(self, names: str) -> int:
        i = self.by_names.get(names)
        if i is None:
            i = self.db.execute("INSERT INTO sync_fset (names) VALUES (?)", [names]).lastrowid
            self.by_names[names] = i
            self.by_id[i] = names
        return i


# -- the origin: chain own entries at export -------------------------------------------------
@dataclass
class Head:
    origin: str
    seq: int
    link: bytes
    sig: bytes
    sign_key: bytes

    def as_json(self) -> dict:
        return {"seq": self.seq, "link": b64(self.link), "sig": b64(self.sig), "key": b64(self.sign_key)}


def _last_link(db: Database, origin: str) -> tuple[int, bytes]:
    row = db.execute("SELECT seq, link FROM sync_chain WHERE origin = ? ORDER BY seq DESC LIMIT 1",
                     [origin]).fetchone()
    return (row[0], row[1]) if row else (0, genesis(origin))


def chain_own(db: Database, node_id: str, keys: NodeKeys, seq: int | None = None) -> Head | None:
    """Chain this node's entries not chained yet (digests of the values they wrote, or SUPERSEDED), store
    them, and sign the head. Called by export, inside its own transaction; also for an earlier node of this
    installation (before a restore, same key: `seq` its last entry), see chain_earlier_own."""
    if seq is None:
        seq = db.execute("SELECT seq FROM node_state WHERE id = 1").fetchone()[0]
    if seq == 0 or db.execute("SELECT 1 FROM change_log WHERE origin = ? AND seq = 1", [node_id]).fetchone() \
            is None:
        return None            # a node whose first entries this database does not hold (never here)
    with db.atomic():
        last, link = _last_link(db, node_id)
        if last < seq:
            fsets = FieldSets(db)
            entries = db.execute("SELECT origin, seq, tbl, row_id, fields, hlc, actor FROM change_log "
                                 "WHERE origin = ? AND seq > ? ORDER BY seq", [node_id, last]).fetchall()
            if len(entries) != seq - last or (entries and entries[0][1] != last + 1):
                return None    # gaps in the own log (a damaged database): no provenance rather than a false one
            rows: dict[tuple[str, str], dict] = {}
            table_rows: dict[str, list[dict]] = {}
            by_table: dict[str, set[str]] = {}
            for e in entries:
                by_table.setdefault(e[2], set()).add(e[3])
            for table, ids in by_table.items():
                ids_l = sorted(ids)
                for i in range(0, len(ids_l), 500):
                    chunk = ids_l[i:i + 500]
                    cur = db.conn.execute(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                    names = [d[0] for d in cur.description]
                    for r in cur.fetchall():
                        rows[(table, r[0])] = d = dict(zip(names, r, strict=True))
                        table_rows.setdefault(table, []).append(d)
            whole_rows = _RowDigests(table_rows)
            fset_ids: dict[str, int] = {}
            out = []
            for e in entries:
                row = rows.get((e[2], e[3]))
                clock = f"{e[5]:016x}@{node_id}"
                names = entry_fields(e, row if row is not None else ())
                whole = whole_rows.get(e[2]) if row is not None and row["_fc"] is None and row["_rc"] == clock \
                    else None
                if row is None:
                    digests = SUPERSEDED * len(names)
                elif whole is not None and e[4] == "*":
                    digests = whole[1][row["id"]]       # a row as inserted: its columns digested column by column
                else:
                    current = current_test(row, clock)
                    digests = b"".join(field_digest(n, row[n]) if current(n) else SUPERSEDED for n in names)
                text = ",".join(names)
                tag = scope_tag(e[2], row["office_id"] if row is not None else None)
                link = chain_step(link, tag, entry_digest(e, text, digests))
                fid = fset_ids.get(text)
                if fid is None:
                    fid = fset_ids[text] = fsets.id_of(text)
                out.append((node_id, e[1], link, fid, digests))
            db.conn.executemany("INSERT INTO sync_chain (origin, seq, link, fset, digests) VALUES (?, ?, ?, ?, ?)",
                                out)
        sig = keys.sign(head_message(node_id, seq, link))
        head = Head(node_id, seq, link, sig, keys.sign_public)
        _store_head(db, head)
        db.execute("INSERT OR IGNORE INTO sync_origin_key (node_id, sign_key, learned_at, via) VALUES (?, ?, ?, ?)",
                   [node_id, keys.sign_public, now_text(), "self"])
    return head


def chain_earlier_own(db: Database, node_id: str, keys: NodeKeys) -> None:
    """A restore continues as a new node with the same key: the earlier node's entries made after its last
    export (in the backup, never chained) are chained and signed now, so that offices which verified that
    node's chain take them (else they would refuse every package as stripped of its provenance)."""
    for (n,) in db.execute("SELECT node_id FROM sync_origin_key WHERE via = 'self' AND sign_key = ? AND node_id != ?",
                           [keys.sign_public, node_id]).fetchall():
        top = db.execute("SELECT max(seq) FROM change_log WHERE origin = ?", [n]).fetchone()[0]
        if top and _last_link(db, n)[0] < top:
            chain_own(db, n, keys, seq=top)


def _store_head(db: Database, h: Head) -> None:
    db.execute("INSERT INTO sync_head (origin, seq, link, sig, sign_key) VALUES (?, ?, ?, ?, ?) ON CONFLICT(origin) "
               "DO UPDATE SET seq = excluded.seq, link = excluded.link, sig = excluded.sig, "
               "sign_key = excluded.sign_key WHERE excluded.seq > sync_head.seq",
               [h.origin, h.seq, h.link, h.sig, h.sign_key])


# -- the exporter: material for a package ------------------------------------------------------
def material(db: Database, ranges: dict[str, list[int]], entries: list[tuple],
             tables: dict[str, tuple[list[str], list[tuple]]]) -> tuple[dict, bytes | None]:
    """(heads for the manifest, sealed-to-be material) for the origins of `ranges` whose chain this node
    holds whole; origins without it travel as before (their receivers decide, SECURITY.md P5)."""
    heads = {}
    mat: dict[str, dict] = {}
    if not ranges:
        return {}, None
    fsets = FieldSets(db)
    carried = {(e[0], e[1]): e for e in entries}
    index: dict[tuple[str, str], dict] = {}
    for table, (cols, rows) in tables.items():
        for r in rows:
            index[(table, r[0])] = dict(zip(cols, r, strict=True))
    for origin, (fr, to, _h) in ranges.items():
        h = db.execute("SELECT seq, link, sig, sign_key FROM sync_head WHERE origin = ?", [origin]).fetchone()
        if h is None or h[0] != to:
            continue
        chain = db.execute("SELECT seq, link, fset, digests FROM sync_chain WHERE origin = ? AND seq BETWEEN ? AND ? "
                           "ORDER BY seq", [origin, fr - 1, to]).fetchall()
        by_seq = {c[0]: c for c in chain}
        missing = [s for s in range(fr, to + 1) if s not in by_seq or not by_seq[s][3]]
        if missing:
            # only the link is known where this node's copy of the chain began (an upgrade, or its set-up):
            # the entries after it are carried with their material, the older ones without (SECURITY.md P6)
            fr = missing[-1] + 1
            if fr > to:
                continue
        start = genesis(origin) if fr == 1 else by_seq.get(fr - 1, (None, None))[1]
        if start is None:
            continue
        logged = {}
        owner: dict[tuple[str, str], str | None] = {}
        if any((origin, s) not in carried and by_seq[s][2] is not None for s in range(fr, to + 1)):
            logged = {e[1]: e for e in db.execute(
                "SELECT origin, seq, tbl, row_id, fields, hlc, actor FROM change_log WHERE origin = ? AND "
                "seq BETWEEN ? AND ?", [origin, fr, to]) if (origin, e[1]) not in carried}
            owner = _owners(db, logged.values())
        names_used: dict[int, int] = {}
        items: list = []
        run = bytearray()
        run_tag = b""
        ok = True
        for s in range(fr, to + 1):
            _seq, _link, fs, digests = by_seq[s]
            e = carried.get((origin, s))
            if e is None:
                if fs is None:
                    inner, tag = digests[:FD], digests[FD:]
                elif s in logged:
                    le = logged[s]
                    inner, tag = entry_digest(le, fsets.by_id[fs], digests), scope_tag(le[2], owner.get((le[2], le[3])))
                else:
                    ok = False
                    break
                if run and tag != run_tag:
                    items.append([*run_tag.decode().split("\0"), b64(bytes(run))])
                    run = bytearray()
                run_tag = tag
                run += inner
                continue
            if run:
                items.append([*run_tag.decode().split("\0"), b64(bytes(run))])
                run = bytearray()
            if fs is None:
                ok = False          # an entry this node holds only as filtered out: it cannot carry its row
                break
            names = fsets.by_id[fs].split(",") if fsets.by_id[fs] else []
            row = index.get((e[2], e[3]))
            if row is None:
                ok = False
                break
            current = current_test(row, f"{e[5]:016x}@{origin}")
            claimed = b"".join(digests[i * FD:(i + 1) * FD] for i, n in enumerate(names) if not current(n))
            li = names_used.setdefault(fs, len(names_used))
            items.append([li, b64(claimed)] if claimed else li)
        if not ok:
            continue
        if run:
            items.append([*run_tag.decode().split("\0"), b64(bytes(run))])
        sets = [None] * len(names_used)
        for fs, li in names_used.items():
            sets[li] = fsets.by_id[fs]
        mat[origin] = {"from": fr, "start": b64(start), "fs": sets, "m": items}
        heads[origin] = Head(origin, h[0], h[1], h[2], h[3]).as_json()
    if not mat:
        return {}, None
    data = json.dumps({"v": MATERIAL_VERSION, "o": mat}, separators=(",", ":")).encode()
    return heads, zlib.compress(data, 6)


def _owners(db: Database, entries) -> dict[tuple[str, str], str | None]:
    """The office of each entry's row (for the scope tag of entries a package leaves out)."""
    by_table: dict[str, set[str]] = {}
    for e in entries:
        by_table.setdefault(e[2], set()).add(e[3])
    out: dict[tuple[str, str], str | None] = {}
    for table, ids in by_table.items():
        ids_l = sorted(ids)
        for i in range(0, len(ids_l), 500):
            chunk = ids_l[i:i + 500]
            for rid, office in db.conn.execute(
                    f"SELECT id, office_id FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                out[(table, rid)] = office
    return out


# -- the receiver ----------------------------------------------------------------------------
def refusal(details: list[str]) -> SyncRefused:
    return SyncRefused("同步包转交的修改与其原作者签名的记录不符（被改动、删去或编造），整个包已拒绝",
                       "changes relayed in the package do not match what their author signed (altered, dropped "
                       "or invented); the whole package was refused", code="bad_provenance", details=details)


def material_cap(ranges: dict, changes_size: int) -> int:
    """How large the material of a package with these ranges may inflate (bounded work before any head's
    signature is checked): its ranges' entries at a few dozen bytes each, plus the size of the changes."""
    n = sum(max(0, min(v[1] - v[0] + 1, 1 << 24)) for v in ranges.values()
            if isinstance(v, list) and len(v) == 3 and all(type(x) is int for x in v))
    return min(MAX_MATERIAL, (1 << 20) + _PER_ENTRY * n + max(0, changes_size))


def parse_material(packed: bytes, cap: int = MAX_MATERIAL) -> dict:
    d = zlib.decompressobj()
    data = d.decompress(packed, cap + 1)
    if len(data) > cap or not d.eof:
        raise ValueError("provenance material too large or truncated")
    mat = json.loads(data)
    if not (isinstance(mat, dict) and mat.get("v") == MATERIAL_VERSION and isinstance(mat.get("o"), dict)):
        raise ValueError("provenance material")
    return mat["o"]


@dataclass
class Verified:
    """What a package's provenance proved, for the merge and for storing."""
    sender: str = ""
    me: str = ""
    known: set[str] = field(default_factory=set)             # origins whose signed chain was verified here before
    verified: set[str] = field(default_factory=set)          # ... or in this package
    seeded: set[str] = field(default_factory=set)            # computers above whose chain the parent keeps (setup file)
    setup_hlc: int = 1 << 64                                 # that setup file's clock (none kept: no bound)
    have: dict[str, int] = field(default_factory=dict)       # origin -> the last of its changes held here
    lacking: set[str] = field(default_factory=set)           # problems that only say the relay is behind
    fields_of: dict[tuple[str, int], tuple[str, str, frozenset]] = field(default_factory=dict)  # (origin, hlc) ->
    #                                                                        (table, row id, fields)
    chain_rows: list[tuple] = field(default_factory=list)
    heads: list[Head] = field(default_factory=list)
    bindings: dict[str, bytes] = field(default_factory=dict)
    claims: list[tuple] = field(default_factory=list)        # (origin, hlc, table, row id, field, digest): values
    #                                   a relay said were written over since, vouched only by the author's digest
    _stored_hlc: dict[str, dict[int, int]] = field(default_factory=dict)

    def lacks(self, problem: str) -> str:
        """Note `problem` as one that only says the relay is behind (the refusal is then `relay_behind`)."""
        self.lacking.add(problem)
        return problem

    def check_value(self, db: Database, fsets: dict[int, str], table: str, row: dict, col: str,
                    clock: str, *, replaces: bool = False) -> bool | None:
        """A value in a relayed origin's name: True when the author's digest vouches for it (or the origin was
        never verified here: P6), None when there is nothing to check it against, False when the author's
        digest says otherwise. `replaces`: the value would replace one held here (see `needs`)."""
        origin = clock.rpartition("@")[2]
        if not self.needs(origin, replaces=replaces, clock=clock):
            return True
        hlc = int(clock[:16], 16)
        got = self.fields_of.get((origin, hlc))
        if got is not None:         # recomputed from this very value while verifying the chain
            if got[0] != table or got[1] != row["id"]:
                return False        # the author's change wrote another record
            return col in got[2] or _added_later_default(table, col, row)
        seqs = self._stored_hlc.get(origin)
        if seqs is None:
            seqs = self._stored_hlc[origin] = {h: (s, t, r) for s, h, t, r in db.execute(
                "SELECT seq, hlc, tbl, row_id FROM change_log WHERE origin = ?", [origin])}
        held = seqs.get(hlc)
        if held is None:
            return None
        seq, tbl, row_id = held
        if (tbl, row_id) != (table, row["id"]):
            return False
        c = db.execute("SELECT fset, digests FROM sync_chain WHERE origin = ? AND seq = ?", [origin, seq]).fetchone()
        if c is None or c[0] is None:
            return None
        names_l = fsets[c[0]].split(",")
        if col not in names_l:
            return _added_later_default(table, col, row)
        i = names_l.index(col)
        return c[1][i * FD:(i + 1) * FD] == field_digest(col, row.get(col))

    def needs(self, origin: str, *, replaces: bool = False, clock: str | None = None) -> bool:
        """Do values in this origin's name need its author's word? Every origin other than the sender and
        this node whose chain this office has verified (before, or in this package); and also a computer of an
        office above whose chain this office's setup file said its parent keeps (P6), for a value that would replace one held
        here (`replaces`) or whose `clock` is after the setup file's: what such a computer wrote after the
        set-up reaches this office with its author's chain (the parent that wrote the setup file already kept
        the chains it relays), so such a value without one is the relay's own. A record new here with an older
        clock is still taken on the relay's word until the chain is verified: a full re-send from the parent
        carries records older than its copy of the chain."""
        if origin == self.sender or origin == self.me:
            return False
        if origin in self.known or origin in self.verified:
            return True
        return origin in self.seeded and (replaces or (clock is not None and int(clock[:16], 16) > self.setup_hlc))

    def held_back(self, db: Database, rows_by_key: dict) -> list[tuple[str, str, str, str]]:
        """Values a relay held back (SECURITY.md P7), read after the merge: a field an author's entry in the
        verified chain wrote, which the relay claimed as written over since (giving only the author's digest),
        while the row it carried holds that field with an older clock or not at all, and this office still holds
        neither the author's value nor a newer one. The chain proves the entry was written; the receiver keeps
        its own value (nothing unvouched is applied) and its vector moves past the entry, so this is said, not
        refused. A value the relay (or this office) wrote over under an author's clock still ahead of this one is
        not counted: their clocks do not follow one that ran more than a day ahead. (origin, table, row id, field) each."""
        suspect = []
        seen = set()
        now_ms = wall_ms_now()
        for origin, hlc, table, rid, col, digest in self.claims:
            if (table, rid, col) in seen or table not in model.TABLES or col not in model.TABLES[table].by_name:
                continue
            seen.add((table, rid, col))
            carried = rows_by_key.get((table, rid))
            if carried is not None and col in carried:
                c = _field_clock(carried, col)
                if c is not None and (int(c[:16], 16) >= hlc or (c.rpartition("@")[2] in (self.sender, self.me)
                                                                  and unpack(hlc)[0] > now_ms)):
                    # written over by a later change, which the row carries; or, under an author's clock still
                    # ahead of this one, by the relay or this office, whose clocks do not follow one that ran more
                    # than a day ahead (the honest way to write over with an older clock)
                    continue
            suspect.append((origin, hlc, table, rid, col, digest))
        held: dict[tuple[str, str], dict] = {}
        for table in {x[2] for x in suspect}:
            ids = sorted({x[3] for x in suspect if x[2] == table})
            for i in range(0, len(ids), 500):
                chunk = ids[i:i + 500]
                cur = db.execute(f"SELECT * FROM [{table}] WHERE id IN ({','.join('?' * len(chunk))})", chunk)
                names = [d[0] for d in cur.description]
                for r in cur.fetchall():
                    held[(table, r[0])] = dict(zip(names, r, strict=True))
        out = []
        for origin, hlc, table, rid, col, digest in suspect:
            local = held.get((table, rid))
            if local is not None:
                c = _field_clock(local, col)
                if (c is not None and int(c[:16], 16) >= hlc) or field_digest(col, local.get(col)) == digest:
                    continue            # this office holds the author's value, or a newer one
            out.append((origin, table, rid, col))
        return out

    def store(self, db: Database, via: str, sender: tuple[str, str]) -> None:
        conn = db.conn
        self.bindings.setdefault(sender[0], unb64(sender[1], 32))      # first binding wins (INSERT OR IGNORE)
        if self.chain_rows:
            # a link-only row (where this office's copy began) gets its digests when a re-send proves the entry
            link_only = set()           # such a row is the first of its origin here
            for o in {r[0] for r in self.chain_rows}:
                for seq, digests in conn.execute("SELECT seq, digests FROM sync_chain WHERE origin = ? ORDER BY seq "
                                                 "LIMIT 1", [o]).fetchall():      # (read to the end: no open read)
                    if not digests:
                        link_only.add((o, seq))
            conn.executemany("INSERT OR IGNORE INTO sync_chain (origin, seq, link, fset, digests) VALUES (?, ?, ?, ?, ?)",
                             self.chain_rows)
            if link_only:
                conn.executemany("UPDATE sync_chain SET fset = ?, digests = ? WHERE origin = ? AND seq = ? AND "
                                 "digests = x'' AND link = ?",
                                 [(r[3], r[4], r[0], r[1], r[2]) for r in self.chain_rows
                                  if (r[0], r[1]) in link_only and r[4]])
        for h in self.heads:
            _store_head(db, h)
        now = now_text()
        for node, key in self.bindings.items():
            conn.execute("INSERT OR IGNORE INTO sync_origin_key (node_id, sign_key, learned_at, via) VALUES (?, ?, ?, ?)",
                         [node, key, now, via])


def _added_later_default(table: str, col: str, row: dict) -> bool:
    """A column the author's entry did not digest may still carry the entry's clock when a later migration
    added it (with its default) after the entry was chained: only such a column, only with that default."""
    f = model.TABLES[table].by_name.get(col)
    return f is not None and f.since > 1 and row.get(col) == f.default


class _RowDigests:
    """Per table of the package: every row's digests of all its columns in name order, concatenated, computed
    column by column (C-speed maps) the first time an entry of that table asks."""

    def __init__(self, rows: dict[str, list[dict]]):
        self.rows = rows
        self.cache: dict[str, tuple[str, dict[str, bytes]]] = {}

    def get(self, table: str) -> tuple[str, dict[str, bytes]]:
        got = self.cache.get(table)
        if got is None:
            rs = self.rows.get(table) or []
            cols = sorted(c for c in rs[0] if c not in _NOT_DIGESTED) if rs else []
            digs = [column_digests(c, list(map(itemgetter(c), rs))) for c in cols]
            concat = list(map(b"".join, zip(*digs, strict=True))) if cols else []
            got = self.cache[table] = (",".join(cols), dict(zip(map(itemgetter("id"), rs), concat, strict=True)))
        return got


def _relay_lacks_chain(origin: str, who) -> str:
    return (f"转交方还没有 {who(origin)} 的全部签名记录（例如转交方的电脑刚重装）：请转交方先导入其上级机构的同步包，再重新"
            f"导出给本机 / the relay does not hold the signed record of all the changes of {origin} it passes on (its "
            f"computer was set up again, say): have it import its parent office's package first, then export again")


def setup_chained(db: Database) -> set[str]:
    """The computers above whose chain this office's setup file said its parent keeps (none for an
    installation set up otherwise, or before this rule)."""
    got = db.execute("SELECT value FROM setting WHERE key = ?", [SETUP_CHAINED]).fetchone()
    try:
        nodes = json.loads(got[0] if got and got[0] else "[]")
    except ValueError:
        return set()
    return {n for n in nodes if isinstance(n, str)} if isinstance(nodes, list) else set()


def _seeded(db: Database) -> tuple[set[str], int]:
    """setup_chained() and the setup file's clock: nothing is held to it without both."""
    got = db.execute("SELECT value FROM setting WHERE key = ?", [SETUP_HLC]).fetchone()
    try:
        hlc = int(got[0] if got and got[0] else "")
    except ValueError:
        return set(), 1 << 64
    return setup_chained(db), hlc


def verify(db: Database, *, me: str, sender_node: str, sender_key: bytes, manifest: dict, material: dict | None,
           entries: list[tuple], rows: dict[str, list[dict]], rows_by_key: dict, keep: bool,
           offices: dict[str, str], visible, who=str) -> Verified:
    """Check every origin's chain material against its author's signed head (raises SyncRefused); decide
    which origins are relayed without provenance (accepted only while this office has never verified them).
    `keep`: this office will relay these changes on (a district, either way): keep the chain rows to forward;
    the city and the townships keep only the heads."""
    out = Verified(sender=sender_node, me=me)
    prov = manifest.get("provenance")
    if prov is not None and not isinstance(prov, dict):
        raise refusal(["来源记录格式不对 / the provenance section is not an object"])
    heads = (prov or {}).get("heads") or {}
    ranges = manifest["ranges"]
    material = material or {}
    problems: list[str] = []
    if not isinstance(heads, dict) or any(o not in ranges for o in material) or set(material) - set(heads):
        raise refusal(["来源记录与范围不符 / provenance for origins the package does not cover"])
    by_origin: dict[str, dict[int, tuple]] = {}
    for e in entries:
        got = by_origin.setdefault(e[0], {})
        if e[1] in got:
            raise refusal([f"来源 {who(e[0])} 的第 {e[1]} 项修改在包中出现了两次 / change {e[1]} of {e[0]} appears twice"])
        got[e[1]] = e
    out.known = {o for (o,) in db.execute("SELECT origin FROM sync_head")}
    out.seeded, out.setup_hlc = _seeded(db)
    out.have = dict(db.execute("SELECT origin, seq FROM sync_have").fetchall())
    row_digests = _RowDigests(rows)
    for origin in ranges:
        if origin == me:
            continue
        if origin not in material:
            if origin != sender_node and origin in out.known and by_origin.get(origin) \
                    and ranges[origin][1] > out.have.get(origin, 0):
                problems.append(f"来源 {who(origin)} 的修改缺少其作者的签名记录（本机此前已核验过该来源） / changes of "
                                f"{origin} come without their author's signed record, which this office has "
                                f"verified before")
            elif origin != sender_node and origin in out.seeded and ranges[origin][1] > out.have.get(origin, 0) \
                    and by_origin.get(origin):
                problems.append(out.lacks(_relay_lacks_chain(origin, who)))
            continue
        if origin not in offices and not by_origin.get(origin):
            continue            # an origin whose office neither side knows, none of whose changes are carried
        try:
            _verify_origin(db, out, origin, ranges[origin], heads[origin], material[origin], by_origin.get(origin, {}),
                           rows_by_key, row_digests, sender_node=sender_node, sender_key=sender_key,
                           keep=keep, offices=offices, visible=visible, who=who, problems=problems)
        except (KeyError, ValueError, TypeError, IndexError):
            problems.append(f"来源 {who(origin)} 的签名记录格式不对 / malformed provenance for {origin}")
    if problems and set(problems) <= out.lacking:
        raise SyncRefused("转交此包的机构还没有收到它所转交的全部签名记录（例如其电脑刚重装），整个包已拒绝，数据未改动",
                          "the office that passed this package on does not hold the signed records of all it relays "
                          "yet (its computer was set up again, say); the whole package was refused",
                          code="relay_behind", details=problems)
    if problems:
        raise refusal(problems)
    return out


def _verify_origin(db, out: Verified, origin, rng, head, mat, entries: dict, rows_by_key, row_digests: _RowDigests,
                   *, sender_node, sender_key, keep, offices, visible, who, problems) -> None:
    to = rng[1]
    fr = mat["from"]      # the range's first entry, or a later one where the relay's copy of the chain began
    seq, link_h, sig, key = head["seq"], unb64(head["link"], LINK), unb64(head["sig"], 64), unb64(head["key"], 32)
    if type(seq) is not int or seq != to or type(fr) is not int or not rng[0] <= fr <= to:
        problems.append(f"来源 {who(origin)} 的签名记录不覆盖所声称的范围 {fr}–{to} / the signed head of {origin} does "
                        f"not end the range {fr}–{to}")
        return
    # whose key: the sender's own for its own entries; for a relayed origin the key bound to it (first wins)
    if origin == sender_node:
        if key != sender_key:
            problems.append("发送方自己的签名记录用了另一把密钥 / the sender's own head is signed by another key")
            return
    else:
        bound = db.execute("SELECT sign_key FROM sync_origin_key WHERE node_id = ?", [origin]).fetchone()
        if bound is not None and bound[0] != key:
            problems.append(f"来源 {who(origin)} 的签名记录不是用该来源的密钥签的（如电话核对后该机构的指纹与本机所知的"
                            f"不符，可能当初转告的密钥有误：可在“机构与密钥”中用“移除转告的密钥…”，或运行 computers "
                            f"forget {origin}） / the head of {origin} is not signed with the key bound to that computer "
                            f"(if a phone call shows the key learned from a relay was wrong, remove it: "
                            f"`computers forget {origin}`)")
            return
        if bound is None:
            # a key already speaking for a computer of another office (the relay's own, say) is refused; two
            # computers of one office may share one (a restore on the same PC continues as a new node)
            mine = offices.get(origin)
            others = {offices.get(n) for (n,) in db.execute(
                "SELECT node_id FROM sync_origin_key WHERE sign_key = ? AND node_id != ?", [key, origin])}
            others |= {o for (o,) in db.execute("SELECT office_id FROM sync_office_key WHERE sign_public = ?", [key])}
            if key == sender_key and origin != sender_node:
                others.add(offices.get(sender_node))
            if others - {mine} or mine is None:
                problems.append(f"来源 {who(origin)} 的签名记录用的是另一台电脑的密钥 / the head of {origin} is signed with "
                                f"another computer's key")
                return
            out.bindings[origin] = key
    if not verify_signature(key, sig, head_message(origin, seq, link_h)):
        problems.append(f"来源 {who(origin)} 的签名无效 / the signature of {origin}'s head does not verify")
        return
    start = unb64(mat["start"], LINK)
    if fr == 1:
        if start != genesis(origin):
            problems.append(f"来源 {who(origin)} 的记录链起点不对 / the chain of {origin} does not start at its beginning")
            return
    else:
        held = db.execute("SELECT link FROM sync_chain WHERE origin = ? AND seq = ?", [origin, fr - 1]).fetchone()
        if held is not None and held[0] != start:
            problems.append(f"来源 {who(origin)} 的记录链与本机已核验的不相接 / the chain of {origin} does not continue the "
                            f"one verified here")
            return
        if held is None and keep:   # where this office's copy of the chain begins: the link only (no digests)
            out.chain_rows.append((origin, fr - 1, start, None, b""))
    sets = mat["fs"]
    if not isinstance(sets, list) or not all(isinstance(s, str) for s in sets):
        raise ValueError("field sets")
    split_sets = [s.split(",") if s else [] for s in sets]
    fset_ids = None
    link = start
    s = fr
    rows_out = out.chain_rows
    relayed = origin != sender_node
    frozen = [frozenset(n) for n in split_sets]
    names_b = [(x + "\0").encode() for x in sets]          # as entry_digest hashes them
    tags: dict = {}
    n_sets = len(sets)
    wholes: dict = {}                                       # table → row_digests.get(table)
    fields_of = out.fields_of
    sorted_fields: dict[str, list[str]] = {}                # an entry's field list, sorted, once per distinct list
    at_origin = "@" + origin
    for item in mat["m"]:
        if type(item) is int:                             # the common case: an entry's field set, nothing claimed
            li, claimed = item, b""
        elif isinstance(item, list) and len(item) == 3:   # entries left out as outside this office's scope
            tbl, office, run = item
            run = unb64(run)
            if len(run) % FD or not run or tbl not in model.TABLES or not isinstance(office, str):
                raise ValueError("entry digests")
            if visible(tbl, office or None):
                problems.append(f"来源 {who(origin)} 第 {s} 项起的修改属于本机构的范围，却被当作范围外的略去 / changes of "
                                f"{origin} from {s} on are in this office's scope but were left out as outside it")
                return
            tag = scope_tag(tbl, office or None)
            if s + len(run) // FD > to + 1:
                problems.append(f"来源 {who(origin)} 的记录链超出所声称的范围 {fr}–{to} / the chain of {origin} runs "
                                f"past its range {fr}–{to}")
                return
            for i in range(0, len(run), FD):
                if s in entries:
                    problems.append(f"来源 {who(origin)} 第 {s} 项修改包中带了数据，却只给了摘要 / change {s} of {origin} "
                                    f"is carried but only its digest is given")
                    return
                inner = run[i:i + FD]
                link = chain_step(link, tag, inner)
                if keep:
                    rows_out.append((origin, s, link, None, inner + tag))
                s += 1
            continue
        elif isinstance(item, list):
            li, claimed = item
            claimed = unb64(claimed)
        else:
            raise ValueError("field set index")
        if type(li) is not int or not 0 <= li < n_sets:
            raise ValueError("field set index")
        e = entries.get(s)
        if e is None:
            problems.append(f"来源 {who(origin)} 第 {s} 项修改不在包中 / change {s} of {origin} is missing from the package")
            return
        row = rows_by_key.get((e[2], e[3]))
        if row is None:
            raise ValueError("row")
        names = split_sets[li]
        if e[4] != "*" and names != (sorted_fields.get(e[4]) or sorted_fields.setdefault(e[4], sorted(e[4].split(",")))):
            problems.append(f"来源 {who(origin)} 第 {s} 项修改的字段与作者记录不符 / the fields of change {s} of {origin} "
                            f"differ from the author's")
            return
        clock = f"{e[5]:016x}{at_origin}"
        whole = None
        if row["_fc"] is None and row["_rc"] == clock and not claimed:
            whole = wholes.get(e[2])
            if whole is None:
                whole = wholes[e[2]] = row_digests.get(e[2])
        if whole is not None and whole[0] == sets[li]:
            digests = whole[1][row["id"]]       # the common case: a new row, every column still as written
        else:
            current = current_test(row, clock)
            parts = []
            ci = 0
            for n in names:
                if current(n):
                    parts.append(field_digest(n, row[n]))
                else:
                    if ci + FD > len(claimed):
                        raise ValueError("claimed digests")
                    parts.append(claimed[ci:ci + FD])
                    if relayed:
                        out.claims.append((origin, e[5], e[2], e[3], n, claimed[ci:ci + FD]))
                    ci += FD
            if ci != len(claimed):
                raise ValueError("claimed digests")
            digests = b"".join(parts)
        tag = tags.get((e[2], row["office_id"]))
        if tag is None:
            tag = tags[(e[2], row["office_id"])] = scope_tag(e[2], row["office_id"]) + b"\0"
        actor = e[6] if len(e) > 6 and e[6] is not None else ""          # canon(e), inline
        inner = f"{e[0]}\x1f{e[1]}\x1f{e[2]}\x1f{e[3]}\x1f{e[4]}\x1f{e[5]}\x1f{actor}\0".encode()
        link = _sha(link + tag + _sha(inner + names_b[li] + digests).digest()[:FD]).digest()
        if relayed:
            fields_of[(origin, e[5])] = (e[2], e[3], frozen[li])
        if keep:
            if fset_ids is None:
                fsets = FieldSets(db)
                fset_ids = [fsets.id_of(x) for x in sets]
            rows_out.append((origin, s, link, fset_ids[li], digests))
        s += 1
    if s != to + 1:
        problems.append(f"来源 {who(origin)} 的记录链条数不对（{fr}–{to}） / the chain of {origin} does not cover {fr}–{to}")
        return
    if link != link_h:
        problems.append(f"来源 {who(origin)} 的修改与其作者签名的记录不符（第 {fr}–{to} 项中有被改动、删去或编造的） / the changes "
                        f"{fr}–{to} of {origin} do not match what their author signed (altered, dropped or invented)")
        return
    if fr > rng[0] and fr - 1 > out.have.get(origin, 0) and (origin in out.known or origin in out.seeded):
        # proved (checked above, so a tampered package never reads as this) only from a later entry, where the
        # relay's copy of the chain began: the ones before must all be held here already (a re-send); else the
        # relay would choose which new changes go unproved
        problems.append(out.lacks(_relay_lacks_chain(origin, who)))
        return
    out.heads.append(Head(origin, seq, link_h, sig, key))
    # Proved from its first entry: every value in its name must now have its author's word. Proved only from
    # a later one (the older entries of a full re-send, before the relay's copy of the chain began): the
    # proved entries are checked as they are carried, the older ones stand on the relay's word (P6).
    if fr == rng[0]:
        out.verified.add(origin)


def fset_names(db: Database) -> dict[int, str]:
    return {i: n for i, n in db.execute("SELECT id, names FROM sync_fset")}

