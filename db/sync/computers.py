"""One computer per office, for computers a relay reports (SYNC.md "Trust", SECURITY.md R6b, R6c).

A package may declare a node this office has never heard of, bound to an office in the sender's subtree
(upward) or to any office (downward). When this office already holds an accepted key for that office (a
confirmed fingerprint, or the key its computer's signed chain was verified with), such a node is a *second
computer* of the office reported by somebody else: its changes are applied only when its signed head in
the package is signed with a key already accepted for that office (a restore on the same PC keeps its
key). Otherwise only what that computer wrote is held back (`hold_back`: its entries, range, head and chain
material, the new records only it vouches for, and whatever builds on them), the rest of the package is
applied, and its key is kept as pending, with the fingerprint the computer itself shows (its box key comes
from the relay, which heard it first: a relay that lies about it makes the fingerprint differ from what the
office reads aloud), for a person to confirm by phone with the usual trust flow. Nothing held counts as
received, so the relay's next package (or the same file) brings it again. A reported computer without a
signed head cannot be confirmed at all: its changes stay held.

An office none of whose keys is known here yet (a township the city has never heard from) is still
learned from the relay's word (SECURITY.md "Limits"), unless this office confirms relayed keys by phone
(R6d, `set_confirms_relayed_keys`, advised for the city): then such a computer is held like a second one
until a person here confirmed its fingerprint. A person who found such a key wrong by phone removes
it (`forget_key`, R6c); from then on that office's next key is held for a person here to confirm, even for a
computer known here, and even when no key of the office is left."""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import TYPE_CHECKING

from .. import model
from ..connection import Database
from .keys import b64, node_keys, now_text, remember_key, revocation, unb64
from .provenance import setup_chained
from .report import HeldComputer
from .schema import CONFIRM_RELAYED, SETUP_CHAINED, SETUP_HLC
from .scope import OfficeTree, fk_fields
from .state import Me, node_offices

if TYPE_CHECKING:
    from .package import Payload


def accepted_keys(db: Database, office: str) -> set[bytes]:
    """Signing keys accepted here for an office's computers: confirmed fingerprints (not revoked) and the
    keys bound to its known nodes (sync_origin_key)."""
    out = {k for (k,) in db.execute("SELECT sign_public FROM sync_office_key WHERE office_id = ? AND status = "
                                    "'trusted' AND revoked_at IS NULL", [office])}
    out |= {k for (k,) in db.execute("SELECT k.sign_key FROM sync_origin_key k JOIN sync_node n ON n.node_id = "
                                     "k.node_id WHERE n.office_id = ?", [office])}
    return out


def node_boxes(db: Database, nodes: dict[str, str], me: str) -> dict[str, str]:
    """For the export manifest: the box key of each declared node (other than this one) whose computer this
    office confirmed itself, so that a receiver can show the fingerprint that computer shows."""
    out = {}
    for n in nodes:
        if n == me:
            continue
        row = db.execute("SELECT box_public FROM sync_office_key WHERE node_id = ? AND status = 'trusted' "
                         "ORDER BY trusted_at DESC LIMIT 1", [n]).fetchone()
        if row is not None and len(row[0]) == 32:
            out[n] = b64(row[0])
    return out


def _head_key(m: dict, n: str) -> bytes | None:
    prov = m.get("provenance")
    heads = prov.get("heads") if isinstance(prov, dict) else None
    head = heads.get(n) if isinstance(heads, dict) else None
    try:
        return unb64(head["key"], 32) if isinstance(head, dict) else None
    except (KeyError, ValueError, TypeError):
        return None


def _box(m: dict, n: str) -> bytes:
    boxes = m.get("node_boxes")
    try:
        return unb64(boxes[n], 32) if isinstance(boxes, dict) and n in boxes else bytes(32)
    except (ValueError, TypeError):
        return bytes(32)


def confirms_relayed_keys(db: Database) -> bool:
    """Whether this office takes the key of a computer its child offices pass on (a township's, at the city)
    only once a person here confirmed it by phone (SECURITY.md R6d), instead of on the relay's word."""
    from ..database import get_setting
    return get_setting(db, CONFIRM_RELAYED) == "1"


def set_confirms_relayed_keys(db: Database, on: bool) -> None:
    """Turn R6d on or off (the head's decision when accounts are on). Keys already bound stay as they are."""
    from ..accounts import require_head
    from ..database import set_setting
    require_head(db, "更改密钥核对方式", "change how relayed keys are taken")
    set_setting(db, CONFIRM_RELAYED, "1" if on else "0")


def _forgotten(db: Database) -> dict[str, str]:
    """Offices some of whose relay-learned keys a person removed here (office -> when, first): the next key of
    such an office is taken only once a person here confirmed it by phone."""
    return {o: at for o, at in db.execute(
        "SELECT office_id, min(forgotten_at) FROM sync_forgotten_key GROUP BY office_id")}


def reported_computers(db: Database, node: Me, m: dict, tree: OfficeTree, file_name: str) -> dict[str, HeldComputer]:
    """The computers of this package whose changes are to be kept back (SECURITY.md R6b): a new node of an office
    that already has an accepted key here, unless the package's signed head for it uses one of those keys; and a
    computer of an office whose relay-learned key a person removed here, until a person confirmed its key. The
    pending key is recorded (outside any transaction) so that `trust` can confirm it."""
    offices = node_offices(db, node)
    sender = m["sender"]
    via, via_code = tree.label(sender["office"]), sender.get("office_code") or sender["office"]
    from_child = tree.relation(node.office_id, sender["office"]) == "down"
    # downward, the computers of this office and of the offices above it: those whose rows here a relay must
    # not rewrite (a sibling's new computer is its district's and the city's to confirm, not every township's)
    guarded = None if from_child else {node.office_id, *tree.ancestors(node.office_id)}
    forgotten = _forgotten(db)
    ask_all = from_child and confirms_relayed_keys(db)      # R6d: every new key from below is confirmed here
    bound = {n for (n,) in db.execute("SELECT node_id FROM sync_origin_key")}
    prov = m.get("provenance")
    heads = prov.get("heads") if isinstance(prov, dict) else None
    named = dict(m["nodes"])
    for n in [*m["ranges"], *(heads if isinstance(heads, dict) else ())]:
        if n in offices:
            named.setdefault(n, offices[n])
    out: dict[str, HeldComputer] = {}
    for n, office in sorted(named.items()):
        if n in (sender["node"], node.node_id) or office not in tree.level or office == sender["office"]:
            continue            # the sender and its own office's computers (it may write their rows anyway; its
            #                     key is checked as the sender's)
        removed = forgotten.get(offices.get(n, office))
        ask = removed is not None or ask_all
        if n in offices:
            if not ask or n in bound or offices[n] != office:
                continue        # known nodes (a binding another office claims is refused later, R2)
            if n not in m["ranges"] and not (isinstance(heads, dict) and n in heads):
                continue        # a computer known here that sends nothing now, named only as the writer of older
                #                 values on the records carried (an office's computer before a reinstall, say):
                #                 there is no key to confirm, and holding it would hold those records every time
        elif removed is None and ((from_child and office not in tree.subtree(sender["office"]))
                                  or (guarded is not None and office not in guarded)):
            continue            # bindings R2 refuses later; a sibling's computer downward
        accepted = accepted_keys(db, office)
        if office == node.office_id:
            accepted.add(node_keys(db).sign_public)        # this computer's own
        if not accepted and not ask:
            continue            # this office's computers were never heard of here (SECURITY.md "Limits")
        key = _head_key(m, n)
        if key is not None and key in accepted:
            continue            # e.g. a restore on the same PC: a new node with the office's own key
        name, code = tree.label(office), tree.code.get(office, office)

        held = functools.partial(HeldComputer, n, office, name, code)
        first = not accepted and removed is None            # R6d: the first key of an office never heard from
        if key is None and first:
            out[n] = held(
                None, f"{via}转来“{name}”的电脑（节点 {n}）的修改，本机尚未核对过该机构的密钥（本机设置为转来的新电脑须"
                f"电话核对），而包中没有它签名的记录，无法核对：它的修改已暂缓导入（包中其余修改照常导入）。请{via}与"
                f"“{name}”都升级到当前版本后重新导出",
                f"changes of a computer of {code} (node {n}) relayed by {via_code}: no key of {code} was confirmed "
                f"here yet (this office confirms relayed keys by phone) and the package has no record it signed, so "
                f"they cannot be checked: held back (the rest of the package was applied). {via_code} and {code} "
                f"must both update to the current version and export again", kind="first")
            continue
        if key is None:
            out[n] = held(
                None, f"{via}转告：“{name}”的第二台电脑（节点 {n}），本机未确认过这台电脑，且包中没有它签名的记录，无法核对："
                f"它的修改已暂缓导入（包中其余修改照常导入）。请{via}与“{name}”都升级到当前版本后重新导出；"
                f"如“{name}”并未新装电脑，请联系{via}",
                f"a second computer for {code}, reported by {via_code} (node {n}), not confirmed here and without "
                f"its signed record, so it cannot be checked: its changes were held back (the rest of the package "
                f"was applied). {via_code} and {code} must both update to the current version and export again; if "
                f"{code} set up no new computer, ask {via_code}")
            continue
        revoked = revocation(db, key, n)
        if revoked:
            out[n] = held(None, f"{via}转告的“{name}”的电脑已于 {revoked[0][:10]} 停用（{revoked[1]}），它的修改未导入"
                          f"（包中其余修改照常导入）",
                          f"{via_code} relays a computer of {code} that was revoked on {revoked[0][:10]}: its changes "
                          f"were not applied (the rest of the package was)")
            continue
        fp = remember_key(db, office, key, _box(m, n), node_id=n, status="pending", source=file_name)
        if first:
            out[n] = held(
                fp, f"{via}转来“{name}”的电脑（指纹 {fp}）的修改：本机设置为转来的新电脑须电话核对，该机构的密钥本机尚未"
                f"核对过，所以它的修改已暂缓导入（包中其余修改照常导入）。请打电话与“{name}”核对（对方在“同步”页看到的"
                f"本机指纹）：一致后运行 trust {fp}（或在“机构与密钥”中确认），再重新导入此包；如指纹不符，请不要信任，"
                f"并告知{via}",
                f"changes of a computer of {code} (fingerprint {fp}) relayed by {via_code}: this office confirms "
                f"relayed keys by phone and has not confirmed a key of {code} yet, so they were held back (the rest "
                f"of the package was applied). Confirm by phone with {code} (the fingerprint its 同步 page shows): if "
                f"it matches, run `trust {fp}` (or confirm it under 机构与密钥) and import again; if it differs, do "
                f"not trust it and tell {via_code}", kind="first")
            continue
        if removed is not None:
            out[n] = held(
                fp, f"{via}转来“{name}”的电脑（指纹 {fp}）的修改：本机已于 {removed[:10]} 移除了经转告得知的该机构的密钥，"
                f"它的新密钥要在本机电话核对后才认，所以它的修改已暂缓导入（包中其余修改照常导入）。请打电话与“{name}”"
                f"核对（对方在“同步”页看到的本机指纹）：一致后运行 trust {fp}，再重新导入此包；如指纹不符，请不要信任，"
                f"并告知{via}",
                f"changes of a computer of {code} (fingerprint {fp}) relayed by {via_code}: a key of {code} learned "
                f"from a relay was removed here on {removed[:10]}, so its next key is taken only once confirmed here "
                f"by phone; its changes were held back (the rest of the package was applied). Confirm by phone with "
                f"{code} (the fingerprint its 同步 page shows): if it matches, run `trust {fp}` and import again; if "
                f"it differs, do not trust it and tell {via_code}", kind="removed")
            continue
        out[n] = held(
            fp, f"{via}转告：“{name}”的第二台电脑（指纹 {fp}），本机未确认过这台电脑：它的修改已暂缓导入，待电话核对指纹后"
            f"再导入（包中其余修改照常导入）。请打电话与“{name}”核对（对方在“同步”页看到的本机指纹）：如确是其新装"
            f"或新增的电脑，指纹一致后运行 trust {fp}，再重新导入此包；如指纹不符或对方并未新装电脑，请不要信任，"
            f"并告知{via}",
            f"a second computer for {code}, reported by {via_code} (fingerprint {fp}), not confirmed here: its "
            f"changes were held back until its fingerprint is confirmed by phone (the rest of the package was "
            f"applied). Confirm by phone with {code} (the fingerprint its 同步 page shows): if it really set up this "
            f"computer, run `trust {fp}` and import again; if the fingerprint differs or it set up no new computer, "
            f"do not trust it and tell {via_code}")
    return out


def _row_nodes(row: dict) -> list[str]:
    out = [row["_rc"].rpartition("@")[2]]
    if row["_fc"]:
        out += [p[0].rpartition("@")[2] for p in json.loads(row["_fc"]).values()]
    return out


def _field_node(row: dict, col: str) -> str:
    fc = json.loads(row["_fc"]) if row["_fc"] else {}
    return (fc[col][0] if col in fc else row["_rc"]).rpartition("@")[2]


def hold_back(db: Database, manifest: dict, payload: Payload, held: set[str]):
    """The package without what the held computers wrote: their log entries, ranges, signed heads and chain
    material, and the new records only they vouch for. A record left out takes with it the records that refer
    to it, and an entry of another origin naming one holds that origin too (a range must stay whole: the have
    vector then moves only past what was applied). Values in their names on records already here are left out
    by the merge. Returns (manifest, payload, held origins, records left out)."""
    held = set(held)
    present: dict[str, set[str]] = {}       # per table: ids found here
    asked: dict[str, set[str]] = {}         # per table: ids looked up

    def here(table: str, ids: set[str]) -> set[str]:
        got, done = present.setdefault(table, set()), asked.setdefault(table, set())
        ask = sorted(ids - done)
        for i in range(0, len(ask), 500):
            chunk = ask[i:i + 500]
            got |= {r[0] for r in db.execute(f"SELECT id FROM {table} WHERE id IN ({','.join('?' * len(chunk))})",
                                              chunk)}
        done |= set(ask)
        return got
    while True:
        dropped: set[tuple[str, str]] = set()
        grew = False
        for table in model.TABLE_ORDER:
            rs = payload.rows.get(table)
            if not rs:
                continue
            fks = fk_fields(table)
            cand = [r for r in rs if held.intersection(_row_nodes(r))
                    or any((t, r.get(f)) in dropped for f, t in fks)]
            local = here(table, {r["id"] for r in cand}) if cand else set()
            for r in cand:
                if r["id"] not in local:
                    dropped.add((table, r["id"]))
            for r in rs:                  # a value here pointing to a record left out: its writer is held too
                for f, t in fks:
                    if (t, r.get(f)) in dropped and (table, r["id"]) not in dropped:
                        w = _field_node(r, f)
                        if w not in held:
                            held.add(w)
                            grew = True
        for e in payload.entries:
            if e[0] not in held and (e[2], e[3]) in dropped:
                held.add(e[0])
                grew = True
        if not grew:
            break
    m = dict(manifest)
    m["ranges"] = {o: v for o, v in manifest["ranges"].items() if o not in held}
    prov = manifest.get("provenance")
    if isinstance(prov, dict) and isinstance(prov.get("heads"), dict):
        m["provenance"] = {**prov, "heads": {o: h for o, h in prov["heads"].items() if o not in held}}
    rows = {}
    for t, rs in payload.rows.items():
        fks = fk_fields(t)
        kept = []
        for r in rs:
            if (t, r["id"]) in dropped:
                continue
            cut = [f for f, target in fks if (target, r.get(f)) in dropped]
            if cut:         # a record here whose (held) value points to a record left out: the merge keeps ours
                r = {**r, **dict.fromkeys(cut)}
            kept.append(r)
        rows[t] = kept
    entries = [e for e in payload.entries if e[0] not in held]
    return m, dataclasses.replace(payload, entries=entries, rows=rows), held, len(dropped)


def ancestor_keys(db: Database, tree: OfficeTree, office: str) -> dict[str, str]:
    """For a setup file: the signing key bound here to each computer of the new office's ancestors (this
    office's own, and the city's as this office accepted it), so that the new office holds them from the start."""
    above = set(tree.ancestors(office))
    own = db.execute("SELECT node_id, office_id FROM node_state WHERE id = 1").fetchone()
    offices = {**dict(db.execute("SELECT node_id, office_id FROM sync_node").fetchall()), own[0]: own[1]}
    out = {own[0]: b64(node_keys(db).sign_public)} if own[1] in above else {}
    for n, key in db.execute("SELECT node_id, sign_key FROM sync_origin_key"):
        if offices.get(n) in above:
            out.setdefault(n, b64(key))
    return out


def chained_above(db: Database, own_node: str) -> set[str]:
    """The computers whose changes this office passes down with their signed chain: its own (it chains
    what it writes), those it holds a signed head of, and those its own setup file named so (what its parent
    relays to it comes with the chain)."""
    return {own_node, *(n for (n,) in db.execute("SELECT origin FROM sync_head"))} | setup_chained(db)


def seed_keys(db: Database, keys, office: str, setup_hlc: int | None = None, chained=None) -> None:
    """At set-up: bind the keys of the ancestors' computers that the (confirmed) parent's signed setup file
    carries, so that a computer a relay later invents for them is held (R6b) and a head relayed in their
    names must be signed with their key. Their chains are not counted as verified here (P6): a full re-send
    from the parent (after a restore, or to a new installation) could then not carry their entries from
    before the parent's own copy of the chain began; but for the computers whose chain the parent kept
    (`chained`: it relays their later changes with it), a value replacing one held here, or a record with a
    clock after the setup file's own (`setup_hlc`), must come with its author's chain (P6): both are kept
    (SETUP_HLC, SETUP_CHAINED). Entries for nodes not bound to an ancestor are skipped."""
    if not isinstance(keys, dict):
        return
    if isinstance(setup_hlc, int) and isinstance(chained, list):
        from ..database import set_setting
        set_setting(db, SETUP_HLC, str(setup_hlc))
        set_setting(db, SETUP_CHAINED, json.dumps(sorted(n for n in chained if isinstance(n, str) and n in keys)))
    tree = OfficeTree.load(db)
    above = set(tree.ancestors(office))
    offices = dict(db.execute("SELECT node_id, office_id FROM sync_node").fetchall())
    with db.atomic():
        for n, text in keys.items():
            try:
                key = unb64(text, 32)
            except (ValueError, TypeError):
                continue
            if offices.get(n) in above:
                db.execute("INSERT OR IGNORE INTO sync_origin_key (node_id, sign_key, learned_at, via) "
                           "VALUES (?, ?, ?, ?)", [n, key, now_text(), "setup"])


# -- removing a key learned from a relay (SECURITY.md R6c; table sync_forgotten_key, db.sync.schema) --------
@dataclasses.dataclass(frozen=True)
class KnownComputer:
    """A computer of another office as this office knows it: whose word its key is on."""
    node: str
    office_id: str
    office_name: str
    office_code: str
    source: str          # confirmed (a person here confirmed its fingerprint) | relay | setup | own (an earlier
    #                      node of this computer, before a restore) | none
    via: str             # the office code it was learned from (relay), else ""
    learned_at: str
    key_code: str        # the first 12 hex digits of the SHA-256 of its signing key: to tell keys apart
    removed_at: str      # when a person here removed a key of its office ("" if never)


def key_code(sign_key: bytes) -> str:
    import hashlib
    return hashlib.sha256(sign_key).hexdigest()[:12]


def known_computers(db: Database, office: str | None = None) -> list[KnownComputer]:
    """The computers of other offices known here (sync_node) with the key each is bound to and on whose word."""
    tree = OfficeTree.load(db)
    me_node = db.execute("SELECT node_id FROM node_state WHERE id = 1").fetchone()[0]
    forgotten = _forgotten(db)
    out = []
    for n, o, learned, key, at, via in db.execute(
            "SELECT n.node_id, n.office_id, n.learned_at, k.sign_key, k.learned_at, k.via FROM sync_node n "
            "LEFT JOIN sync_origin_key k ON k.node_id = n.node_id WHERE (? IS NULL OR n.office_id = ?) "
            "ORDER BY n.office_id, n.learned_at, n.node_id", [office, office]):
        if n == me_node:
            continue
        if key is None:
            source = "none"
        elif via == "self":
            source = "own"
        elif db.execute("SELECT 1 FROM sync_office_key WHERE sign_public = ? AND office_id = ? AND status = "
                        "'trusted' AND revoked_at IS NULL", [key, o]).fetchone():
            source = "confirmed"
        else:
            source = "setup" if via == "setup" else "relay"
        out.append(KnownComputer(n, o, tree.label(o) if o in tree.level else o, tree.code.get(o, o), source,
                                 via or "" if source == "relay" else "", at or learned,
                                 key_code(key) if key is not None else "", forgotten.get(o, "")))
    return out


def forget_key(db: Database, what: str) -> dict:
    """A person found by phone that a computer's key learned on a relay's word is not the office's own (a key a
    district planted for a township the city had never heard from): remove that binding, and every other
    binding of the same key to a computer of that office. `what`: the computer's node id (`computers list`) or
    an office code (every relay-learned key of that office). From then on the office's next key is taken only
    once a person here confirmed its fingerprint by phone, and its changes are held until then (R6b); that is
    recorded here (sync_forgotten_key) and survives restarts. Values applied under the removed key stay."""
    from ..accounts import require_head
    from .errors import SyncRefused
    require_head(db, "移除密钥", "remove a key")
    what = (what or "").strip()
    me_node, me_office = db.execute("SELECT node_id, office_id FROM node_state WHERE id = 1").fetchone()
    office = db.execute("SELECT id FROM office WHERE code = ? AND deleted = 0", [what]).fetchone()
    if office is not None:
        targets = [c for c in known_computers(db, office[0]) if c.source in ("relay", "setup")]
        if office[0] == me_office:
            raise SyncRefused("这是本机构自己：本机的密钥不能移除", "this is this office: its own key cannot be removed",
                              code="own_key")
        if not targets:
            raise SyncRefused(f"本机没有“{what}”经转告得知的密钥：已电话确认过的密钥请用“停用密钥”（revoke）",
                              f"no key of {what} learned from a relay is held here; a key confirmed here by phone is "
                              f"withdrawn with `revoke`", code="nothing_to_forget")
    else:
        if what == me_node:
            raise SyncRefused("这是本机自己：本机的密钥不能移除", "this is this computer: its own key cannot be removed",
                              code="own_key")
        found = [c for c in known_computers(db) if c.node == what]
        if not found:
            raise SyncRefused(f"本机不认识电脑“{what}”：请给出 computers list 列出的电脑编号或机构代码",
                              f"no computer {what} is known here: give a computer id listed by `computers list`, or "
                              f"an office code", code="unknown_computer")
        c = found[0]
        if c.source == "confirmed":
            raise SyncRefused(f"电脑“{what}”的密钥是本机电话确认过的：如这台电脑丢失或更换，请用“停用密钥”（revoke）",
                              f"the key of computer {what} was confirmed here by phone: if that computer was lost or "
                              f"replaced, revoke it", code="confirmed_key")
        if c.source == "own":
            raise SyncRefused(f"电脑“{what}”是本机恢复备份之前的编号，用的是本机自己的密钥，不能移除",
                              f"computer {what} is this computer before a restore, with its own key: it cannot be "
                              f"removed", code="own_key")
        if c.source == "none":
            raise SyncRefused(f"电脑“{what}”没有绑定的密钥，无需移除", f"computer {what} has no bound key: nothing to "
                              f"remove", code="nothing_to_forget")
        key = db.execute("SELECT sign_key FROM sync_origin_key WHERE node_id = ?", [what]).fetchone()[0]
        targets = [x for x in known_computers(db, c.office_id) if x.source in ("relay", "setup")
                   and db.execute("SELECT 1 FROM sync_origin_key WHERE node_id = ? AND sign_key = ?",
                                  [x.node, key]).fetchone()]
    now = now_text()
    with db.atomic():
        for c in targets:
            row = db.execute("SELECT sign_key, learned_at, via FROM sync_origin_key WHERE node_id = ?",
                             [c.node]).fetchone()
            db.execute("INSERT OR IGNORE INTO sync_forgotten_key (node_id, office_id, sign_key, learned_at, via, "
                       "forgotten_at) VALUES (?, ?, ?, ?, ?, ?)", [c.node, c.office_id, row[0], row[1], row[2], now])
            db.execute("DELETE FROM sync_origin_key WHERE node_id = ?", [c.node])
    first = targets[0]
    return {"office_id": first.office_id, "office_name": first.office_name, "office_code": first.office_code,
            "nodes": [c.node for c in targets], "key_codes": sorted({c.key_code for c in targets})}
