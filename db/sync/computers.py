"""One computer per office, for computers a relay reports (SYNC.md "Trust", SECURITY.md R6b).

A package may declare a node this office has never heard of, bound to an office in the sender's subtree
(upward) or to any office (downward). When this office already holds an accepted key for that office (a
confirmed fingerprint, or the key its computer's signed chain was verified with), such a node is a *second
computer* of the office reported by somebody else: its changes are applied only when its signed head in
the package is signed with a key already accepted for that office (a restore on the same PC keeps its
key). Otherwise nothing from the package is applied: its key is kept as pending, with the fingerprint the
computer itself shows (its box key comes from the relay, which heard it first: a relay that lies about it
makes the fingerprint differ from what the office reads aloud), for a person to confirm by phone with the
usual trust flow. A reported computer without a signed head cannot be confirmed at all.

An office none of whose keys is known here yet (a township the city has never heard from) is still
learned from the relay's word (SECURITY.md "Limits")."""

from __future__ import annotations

from sqlite_utils import Database

from .errors import SyncRefused
from .keys import b64, node_keys, now_text, remember_key, revocation, unb64
from .scope import OfficeTree
from .state import Me, node_offices


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


def check_reported_computers(db: Database, node: Me, m: dict, tree: OfficeTree, rep, file_name: str) -> None:
    """Raise SyncRefused (code untrusted_key, rep.second_computer) for a new node of an office that already
    has an accepted key here, unless the package's signed head for it uses one of those keys. The pending key
    is recorded (outside any transaction) so that `trust` can confirm it."""
    offices = node_offices(db, node)
    sender = m["sender"]
    via, via_code = tree.label(sender["office"]), sender.get("office_code") or sender["office"]
    from_child = tree.relation(node.office_id, sender["office"]) == "down"
    # downward, the computers of this office and of the offices above it: those whose rows here a relay must
    # not rewrite (a sibling's new computer is its district's and the city's to confirm, not every township's)
    guarded = None if from_child else {node.office_id, *tree.ancestors(node.office_id)}
    for n, office in sorted(m["nodes"].items()):
        if n in (sender["node"], node.node_id) or n in offices or office not in tree.level \
                or office == sender["office"] \
                or (from_child and office not in tree.subtree(sender["office"])) \
                or (guarded is not None and office not in guarded):
            continue            # the sender and its own office's computers (it may write their rows anyway; its
            #                     key is checked as the sender's), known nodes; bindings R2 refuses later
        accepted = accepted_keys(db, office)
        if office == node.office_id:
            accepted.add(node_keys(db).sign_public)        # this computer's own
        if not accepted:
            continue            # this office's computers were never heard of here (SECURITY.md "Limits")
        key = _head_key(m, n)
        if key is not None and key in accepted:
            continue            # e.g. a restore on the same PC: a new node with the office's own key
        name, code = tree.label(office), tree.code.get(office, office)
        rep.second_computer = True
        if key is None:
            raise SyncRefused(
                f"{via}转告：“{name}”的第二台电脑（节点 {n}），本机未确认过这台电脑，且包中没有它签名的记录，无法核对，"
                f"此包未导入。请{via}与“{name}”都升级到当前版本后重新导出；如“{name}”并未新装电脑，请联系{via}",
                f"a second computer for {code}, reported by {via_code} (node {n}), not confirmed here and without "
                f"its signed record, so it cannot be checked; nothing was applied. {via_code} and {code} must both "
                f"update to the current version and export again; if {code} set up no new computer, ask {via_code}",
                code="untrusted_key")
        revoked = revocation(db, key, n)
        if revoked:
            raise SyncRefused(f"{via}转告的“{name}”的电脑已于 {revoked[0][:10]} 停用（{revoked[1]}），此包未导入",
                              f"{via_code} relays a computer of {code} that was revoked on {revoked[0][:10]}; "
                              f"nothing was applied", code="revoked_key")
        fp = remember_key(db, office, key, _box(m, n), node_id=n, status="pending", source=file_name)
        rep.fingerprint = fp
        raise SyncRefused(
            f"{via}转告：“{name}”的第二台电脑（指纹 {fp}），本机未确认过这台电脑，此包未导入。请打电话与“{name}”核对"
            f"（对方在“同步”页看到的本机指纹）：如确是其新装或新增的电脑，指纹一致后运行 trust {fp}，再重新导入此包；"
            f"如指纹不符或对方并未新装电脑，请不要信任，并告知{via}",
            f"a second computer for {code}, reported by {via_code} (fingerprint {fp}), not confirmed here; nothing "
            f"from the package was applied. Confirm by phone with {code} (the fingerprint its 同步 page shows): if "
            f"it really set up this computer, run `trust {fp}` and import again; if the fingerprint differs or it "
            f"set up no new computer, do not trust it and tell {via_code}", code="untrusted_key")


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


def seed_keys(db: Database, keys, office: str) -> None:
    """At set-up: bind the keys of the ancestors' computers that the (confirmed) parent's signed setup file
    carries, so that a computer a relay later invents for them is held (R6b) and a head relayed in their
    names must be signed with their key. Their chains are not counted as verified here (P6): a full re-send
    from the parent (after a restore, or to a new installation) could then not carry their entries from
    before the parent's own copy of the chain began. Entries for nodes not bound to an ancestor are skipped."""
    if not isinstance(keys, dict):
        return
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
