"""Applying a verified package (SYNC.md "Merge"), in one transaction of the write path.

Per field the value with the greater clock `(hlc, node)` wins, so applying a state twice, or an
older state after a newer one, changes nothing. A change is concurrent with the local value when
neither side had seen the other; for the fields of guarantee 7 (model `conflict=True`) and for a
delete racing an edit, a concurrent change leaves a `conflict` row holding the losing value.

"Seen" is decided from clocks and have vectors: a clock's base names the value it replaced; a
node's later write has seen its earlier ones; the sender had seen every change its have vector
covers (hlc is monotone in seq per node); and this node had seen what its own vector covers.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from operator import itemgetter

from .. import model, search
from ..clock import parse_clock
from ..connection import Database
from ..write import writing
from . import provenance
from .computers import hold_back
from .errors import SyncRefused, corrupt
from .keys import now_text, unb64
from .report import HeldComputer, ImportReport
from .scope import (
    REFERENCE_WHY,
    REFERENCES,
    SAME_RECORD,
    SAME_RECORD_WHY,
    OfficeTree,
    fk_fields,
    named_references,
    reference_target,
)
from .state import Me, get_peer, have_vector, node_offices, save_peer

_CHUNK = 500
_NON_FIELDS = ("id", "office_id", "_rc", "_fc")
CONFLICT_FIELDS = {name: {f.name for f in t.fields if f.conflict} for name, t in model.TABLES.items()}
_RIGHTS_READ_THE_ROW = ("attachment", "assignment")      # who may write them depends on more than the owner


def _node(clock: str) -> str:
    return clock.rpartition("@")[2]


def _hlc(clock: str) -> int:
    return int(clock[:16], 16)


def _seen_by(have: dict[str, tuple[int, int]], extra: tuple[str, int] | None = None) -> Callable[[str], bool]:
    def seen(clock: str) -> bool:
        h, n = parse_clock(clock)
        if extra and n == extra[0] and h <= extra[1]:
            return True
        v = have.get(n)
        return bool(v) and h <= v[1]
    return seen


@dataclass
class Plan:
    inserts: dict[str, tuple[list[str], list[tuple], list[dict]]] = field(default_factory=dict)
    updates: dict[str, list[tuple[dict, dict]]] = field(default_factory=dict)   # (assignments, merged row)
    conflicts: list[tuple] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    unchanged: int = 0
    max_hlc: int = 0


def _fetch_local(db: Database, table: str, ids: list[str]) -> dict[str, dict]:
    out = {}
    for i in range(0, len(ids), _CHUNK):
        chunk = ids[i:i + _CHUNK]
        cur = db.conn.execute(f"SELECT * FROM {table} WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        names = [d[0] for d in cur.description]
        for r in cur.fetchall():
            out[r[0]] = dict(zip(names, r, strict=True))
    return out


def _local_columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.conn.execute(f"PRAGMA table_info({table})")]


class Applier:
    def __init__(self, db: Database, node: Me, tree: OfficeTree, manifest: dict, offices: dict[str, str],
                 package_id: str):
        self.db = db
        self.node = node
        self.tree = tree
        self.m = manifest
        self.offices = offices
        self.package_id = package_id
        sender = manifest["sender"]
        self.sender_seen = _seen_by({o: tuple(v) for o, v in manifest["have"].items()},
                                    (sender["node"], manifest["created_hlc"]))
        self.my_have = have_vector(db, node)
        self.me_seen = _seen_by(self.my_have, (node.node_id, 1 << 64))
        self.plan = Plan()
        self._allowed: dict[tuple, bool] = {}
        self.speaks_for: Callable[[str], bool] = lambda n: n != node.node_id
        self._speaks: dict[str, bool] = {}
        self.ignored: list[str] = []
        self.prov: provenance.Verified | None = None        # what the package's provenance proved
        self.prov_problems: list[str] = []
        self.visible_here = tree.visible_to(node.office_id)
        self._fsets: dict[int, str] | None = None
        self.held: set[str] = set()                          # computers whose changes are kept back (R6b)
        self.ref_rows: dict[str, list[dict]] = {}            # rows whose references are new here (R4c)
        self.held_values: dict[str, int] = {}

    # -- provenance (SYNC.md "Trust": a relay cannot change its origins' values) ---------------
    def _vouched(self, table: str, row: dict, col: str, clock: str, *, replaces: bool = False) -> bool | None:
        if self.prov is None or not self.prov.needs(clock.rpartition("@")[2], replaces=replaces, clock=clock):
            return True
        if self._fsets is None:
            self._fsets = provenance.fset_names(self.db)
        ok = self.prov.check_value(self.db, self._fsets, table, row, col, clock, replaces=replaces)
        if ok is False:
            self.prov_problems.append(
                f"{table}.{col}（记录 {row.get('id')}）的值与其作者 {_node(clock)} 签名的记录不符 / the value of "
                f"{table}.{col} (row {row.get('id')}) does not match what its author {_node(clock)} signed")
        return ok

    def _new_row_vouched(self, table: str, row: dict) -> bool:
        if self.prov is None or (row["_fc"] is None and not self.prov.needs(_node(row["_rc"]), clock=row["_rc"])):
            return True
        fc = json.loads(row["_fc"]) if row["_fc"] else {}
        ok = True
        for col in row:
            if col in _NON_FIELDS:
                continue
            clock = fc[col][0] if col in fc else row["_rc"]
            got = self._vouched(table, row, col, clock)
            if got is False:
                return False
            if got is None and self.visible_here(table, row["office_id"]):
                self.prov_problems.append(
                    f"新记录 {table}（{row.get('id')}）的“{col}”以 {_node(clock)} 的名义出现，却没有其作者签名的记录 / "
                    f"new record {table} {row.get('id')}: {col} in the name of {_node(clock)} without its author's "
                    f"signed record")
                ok = False
                break
        return ok

    # -- scope ---------------------------------------------------------------------------
    def _check(self, clock_or_origin: str, table: str, owner: str | None, fields, row: dict, is_node=False):
        node = clock_or_origin if is_node else _node(clock_or_origin)
        writer = self.offices.get(node)
        key = (writer, table, owner, tuple(fields) if fields else None,
               row.get("owner_table") if table == "attachment" else None,
               row.get("sender_office_id") if table == "assignment" else None)    # the rights depend on them
        ok = self._allowed.get(key)
        if ok is None:
            ok = self._allowed[key] = self.tree.may_write(writer, table, owner, fields, row)
        if not ok:
            spec = model.TABLES[table]
            what = "新增" if fields is None else "修改" + "、".join(spec.by_name[f].label_zh if f in spec.by_name else
                                                                 ("删除标记" if f == "deleted" else f) for f in fields)
            what_en = "insert" if fields is None else "change " + ", ".join(fields)
            self.plan.violations.append(
                f"{self.tree.label(writer)} 无权{what}“{self.tree.label(owner)}”的{spec.label_zh}记录 / "
                f"{self.tree.code.get(writer, writer)} may not {what_en} of a {table} row of "
                f"{self.tree.code.get(owner, owner)} (row {row.get('id')})")

    def _check_actor_office(self, row: dict) -> None:
        """A timeline step names the office that took it (`actor_office_id`, db.timeline, db.assignments): only
        a computer of that office writes it, else the owner of a timeline (a 交办's receiver) could record a step
        in another office's name (撤回 by its sender, a verdict, an instruction)."""
        actor = row["actor_office_id"]
        fc = json.loads(row["_fc"]) if row["_fc"] else {}
        clock = fc["actor_office_id"][0] if "actor_office_id" in fc else row["_rc"]
        writer = self.offices.get(_node(clock))
        if writer is not None and writer != actor:
            self.plan.violations.append(
                f"{self.tree.label(writer)} 无权以“{self.tree.label(actor)}”的名义记录办理过程（记录 {row.get('id')}） / "
                f"{self.tree.code.get(writer, writer)} may not record a timeline step (state_event) in the name of "
                f"{self.tree.code.get(actor, actor)} (row {row.get('id')})")

    def _foreign_node(self, row: dict) -> str | None:
        """The first node among a row's clocks that the sender may not speak for, if any."""
        cache = self._speaks
        for c in (self._clocks(row) if row["_fc"] else (row["_rc"],)):
            n = c.rpartition("@")[2]
            ok = cache.get(n)
            if ok is None:
                ok = cache[n] = self.speaks_for(n)
            if not ok:
                return n
        return None

    def _foreign(self, table: str, row: dict, node: str, col: str | None = None) -> str:
        who = self.offices.get(node)
        where = f"{table}.{col}" if col else table
        return (f"{where}（记录 {row.get('id')}）声称来自“{self.tree.label(who) if who else node}”的电脑，"
                f"发送方无权代其转交 / {where} (row {row.get('id')}) claims origin {node} "
                f"({self.tree.code.get(who, who) if who else 'unknown'}), which the sender may not speak for")

    # -- planning (reads only) -------------------------------------------------------------
    def plan_rows(self, table: str, rows: list[dict]) -> None:
        plan = self.plan
        local = _fetch_local(self.db, table, [r["id"] for r in rows])
        cfields = CONFLICT_FIELDS[table]
        new_rows = []
        # A new row written whole by one node (no field clocks, the common case of a package): whether that
        # node may be relayed, vouches for itself and may insert for that office depends on (node, office)
        # alone but for the two tables whose rights read the row; passed once, the pair is not asked again.
        passed: set[tuple[str, str | None]] | None = None if table in _RIGHTS_READ_THE_ROW else set()
        refs = REFERENCES.get(table)
        ref_fields = tuple({c for f, _k, _t, tf in refs for c in (f, tf) if c}) if refs else ()
        ref_rows = self.ref_rows.setdefault(table, []) if refs else None
        levels = self.tree.level
        max_hlc = plan.max_hlc
        for inc in rows:
            office = inc["office_id"]
            if office is not None and office not in levels:
                plan.violations.append(f"{table} {inc['id']}: 未知的所属机构 / unknown owning office")
                continue
            if table == "state_event" and inc.get("actor_office_id") is not None:
                self._check_actor_office(inc)
            held = self.held
            if inc["_fc"]:
                for c in self._clocks(inc):
                    if not held or _node(c) not in held:
                        max_hlc = max(max_hlc, _hlc(c))
            elif not held or _node(inc["_rc"]) not in held:
                max_hlc = max(max_hlc, _hlc(inc["_rc"]))
            loc = local.get(inc["id"])
            if loc is None:
                pair = None
                if passed is not None and not inc["_fc"]:
                    pair = (inc["_rc"].rpartition("@")[2], office)
                    if pair in passed:
                        new_rows.append(inc)
                        if refs:
                            ref_rows.append(inc)
                        continue
                before = len(plan.violations), len(self.prov_problems)
                foreign = self._foreign_node(inc)
                if foreign:
                    plan.violations.append(self._foreign(table, inc, foreign))
                    continue
                if not self._new_row_vouched(table, inc):
                    continue
                self._check(inc["_rc"], table, inc["office_id"], None, inc)
                if inc["_fc"]:
                    for f, (c, _b) in json.loads(inc["_fc"]).items():
                        if c != inc["_rc"]:
                            self._check(c, table, inc["office_id"], [f], inc)
                new_rows.append(inc)
                if refs:
                    ref_rows.append(inc)
                if pair is not None and (len(plan.violations), len(self.prov_problems)) == before and (
                        self.prov is None or not self.prov.needs(pair[0], replaces=True)):
                    passed.add(pair)        # (replaces: a computer above is never passed by its first new row)
                continue
            if loc["office_id"] != inc["office_id"]:
                plan.violations.append(f"{table} {inc['id']}: 所属机构与本机记录不一致 / owning office differs")
                continue
            if refs and any(c in inc and inc[c] != loc.get(c) for c in ref_fields):
                ref_rows.append(inc)            # a reference it names anew (one it held already stays)
            self._merge(table, loc, inc, cfields)
        plan.max_hlc = max_hlc
        if new_rows:
            cols = [c for c in new_rows[0] if c in set(_local_columns(self.db, table))]
            if len(set(map(tuple, new_rows))) != 1:        # every row's columns, in the same order
                raise SyncRefused("同步包内容格式不一致", "inconsistent row columns", code="corrupt")
            plan.inserts[table] = (cols, list(map(itemgetter(*cols), new_rows)), new_rows)

    @staticmethod
    def _clocks(row: dict) -> list[str]:
        out = [row["_rc"]]
        if row["_fc"]:
            out += [p[0] for p in json.loads(row["_fc"]).values()]
        return out

    def _merge(self, table: str, loc: dict, inc: dict, cfields: set[str]) -> None:
        plan = self.plan
        rc_l, rc_i = loc["_rc"], inc["_rc"]
        fc_l = json.loads(loc["_fc"]) if loc["_fc"] else {}
        fc_i = json.loads(inc["_fc"]) if inc["_fc"] else {}
        merged_rc = max(rc_l, rc_i) if self.speaks_for(_node(rc_i)) and _node(rc_i) not in self.held else rc_l
        winners: dict[str, list] = {}
        changed: dict[str, object] = {}
        won_in: dict[str, str] = {}        # fields where the incoming value won (clock)
        won_lo: dict[str, str] = {}        # fields where a local edit stands against an older incoming clock
        for col in inc:
            if col in _NON_FIELDS or col not in loc:
                continue
            cl, bl = fc_l.get(col, (rc_l, None))
            ci, bi = fc_i.get(col, (rc_i, None))
            if ci == cl:
                winners[col] = [cl, bl]
                continue
            if self.held and _node(ci) in self.held:
                # a computer whose changes are kept back until a person confirmed it (SECURITY.md R6b): ours
                # stays (never a conflict row holding its value either), and its change comes again with the
                # sender's next package
                winners[col] = [cl, bl]
                if ci > cl:
                    self.held_values[_node(ci)] = self.held_values.get(_node(ci), 0) + 1
                continue
            if ci > cl and not self.speaks_for(_node(ci)):
                # A value newer than ours in the name of an origin the sender may not speak for (never
                # so in an honest network, except values an office above lost by a restore): ours stays.
                winners[col] = [cl, bl]
                self.ignored.append(self._foreign(table, inc, _node(ci), col))
                continue
            if ci > cl and self.prov is not None and self.prov.needs(_node(ci), replaces=True):
                vouched = self._vouched(table, inc, col, ci, replaces=True)
                if not vouched:
                    winners[col] = [cl, bl]
                    # a row outside this office's scope, sent along as a reference (the row above a township's
                    # part of an assignment): its copy stays as it was first sent, and newer values from above,
                    # which this office never gets the signed records of, are no sign of forgery (as for a new
                    # row, _new_row_vouched); they are kept out without a warning
                    if vouched is None and self.visible_here(table, loc["office_id"]):
                        self.ignored.append(
                            f"{table}.{col}（记录 {inc.get('id')}）：{_node(ci)} 的值没有其作者签名的记录，未采用 / "
                            f"value in the name of {_node(ci)} without its author's signed record: not applied")
                    continue
            if ci > cl:
                self._check(ci, table, loc["office_id"], None if ci == rc_i else [col], inc)
                winners[col] = [ci, bi]
                won_in[col] = ci
                if inc[col] != loc[col]:
                    changed[col] = inc[col]
                    if col in cfields and not (bi == cl or _node(ci) == _node(cl) or self.sender_seen(cl)):
                        plan.conflicts.append((table, loc["id"], col, inc[col], ci, loc[col], cl))
            else:
                winners[col] = [cl, bl]
                if col in fc_l:
                    won_lo[col] = cl
                if inc[col] != loc[col] and col in cfields and not (
                        bl == ci or _node(ci) == _node(cl) or self.me_seen(ci)):
                    plan.conflicts.append((table, loc["id"], col, loc[col], cl, inc[col], ci))
        for col, pair in fc_l.items():          # fields the sender's (older) schema does not have
            winners.setdefault(col, pair)
        self._delete_races(table, loc, inc, fc_l, fc_i, winners, won_in)
        new_fc = {c: list(p) for c, p in winners.items() if p[0] != merged_rc}
        fc_text = json.dumps(new_fc, separators=(",", ":"), sort_keys=True) if new_fc else None
        if changed or fc_text != (loc["_fc"] and json.dumps(fc_l, separators=(",", ":"), sort_keys=True)) \
                or merged_rc != rc_l:
            assign = dict(changed)
            assign["_fc"] = fc_text
            assign["_rc"] = merged_rc
            merged = dict(loc)
            merged.update(assign)
            plan.updates.setdefault(table, []).append((assign, merged))
            if not changed:
                plan.unchanged += 1
        else:
            plan.unchanged += 1

    def _delete_races(self, table, loc, inc, fc_l, fc_i, winners, won_in) -> None:
        """A delete racing an edit: keep a conflict so a person can restore the row with the edit."""
        if "deleted" not in winners:
            return
        d_clock = winners["deleted"][0]
        deleted = inc["deleted"] if "deleted" in won_in else loc["deleted"]
        if deleted != 1:
            return
        if "deleted" in won_in and loc["deleted"] == 0:            # the delete arrives
            racing = {c: loc[c] for c, (cl, _b) in fc_l.items()
                      if c != "deleted" and c not in won_in and not self.sender_seen(cl)
                      and not (_node(cl) == _node(d_clock) and cl < d_clock)}
            edit_clock = max((fc_l[c][0] for c in racing), default=None)
        elif "deleted" not in won_in and loc["deleted"] == 1:      # edits arrive at a deleted row
            racing = {c: inc[c] for c, ci in won_in.items()
                      if c != "deleted" and c in fc_i and not self.sender_seen(d_clock)
                      and not (_node(ci) == _node(d_clock) and d_clock < ci)}
            edit_clock = max((won_in[c] for c in racing), default=None)
        else:
            return
        if racing:
            self.plan.conflicts.append((table, loc["id"], "deleted", 1, d_clock,
                                        json.dumps(racing, ensure_ascii=False, sort_keys=True), edit_clock))

    # -- writing ---------------------------------------------------------------------------
    def write(self, w, new_entries: list[tuple]) -> tuple[int, int]:
        conn = self.db.conn
        plan = self.plan
        new = updated = 0
        for table in model.TABLE_ORDER:
            if table in plan.inserts:
                cols, values, dicts = plan.inserts[table]
                conn.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                                 values)
                search.index_new_rows(self.db, table, dicts)
                new += len(values)
            if table in plan.updates:
                reindex, before = [], []
                sfields = set(search.SEARCHABLE_TABLES.get(table, ()))
                owner_fk = search.OWNERS[table][1] if table in search.OWNERS else None   # a part moved: re-mapped
                old_sql = (f"SELECT {', '.join(('id', 'deleted', *sfields, *([owner_fk] if owner_fk else [])))} "
                           f"FROM {table} WHERE id = ?")
                for assign, merged in plan.updates[table]:
                    if sfields and (set(assign) & sfields or "deleted" in assign or owner_fk in assign):
                        reindex.append(merged)      # the contentless index needs the text before the change
                        cur = conn.execute(old_sql, [merged["id"]])
                        before.append(dict(zip([d[0] for d in cur.description], cur.fetchone(), strict=True)))
                    conn.execute(f"UPDATE {table} SET {', '.join(f'{k} = ?' for k in assign)} WHERE id = ?",
                                 [*assign.values(), merged["id"]])
                    if set(assign) - {"_rc", "_fc"}:
                        updated += 1
                if reindex:
                    search.index_rows(self.db, table, reindex, before)
        if new_entries:
            conn.executemany("INSERT OR IGNORE INTO change_log (origin, seq, tbl, row_id, fields, hlc, actor) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?)", new_entries if set(map(len, new_entries)) == {7}
                             else [(*e[:6], e[6] if len(e) > 6 else None) for e in new_entries])
        now = now_text()
        for tbl, row_id, fld, kv, kc, ov, oc in plan.conflicts:
            dup = conn.execute("SELECT 1 FROM conflict WHERE tbl = ? AND row_id = ? AND field = ? AND "
                               "((kept_clock = ? AND other_clock = ?) OR (kept_clock = ? AND other_clock = ?))",
                               [tbl, row_id, fld, kc, oc, oc, kc]).fetchone()
            if not dup:
                conn.execute("INSERT INTO conflict (tbl, row_id, field, kept_value, kept_clock, other_value, "
                             "other_clock, detected_at, package_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             [tbl, row_id, fld, None if kv is None else str(kv), kc,
                              None if ov is None else str(ov), oc, now, self.package_id])
        return new, updated


def check_references(db: Database, rows: dict[str, list[dict]]) -> list[str]:
    """References of incoming rows that point to rows neither here nor in the package."""
    incoming = {t: {r["id"] for r in rs} for t, rs in rows.items()}
    missing: list[str] = []
    for table, rs in rows.items():
        for fname, target in fk_fields(table):
            wanted = {r.get(fname) for r in rs if r.get(fname)} - incoming.get(target, set())
            wanted_l = sorted(wanted)
            for i in range(0, len(wanted_l), _CHUNK):
                chunk = wanted_l[i:i + _CHUNK]
                found = {r[0] for r in db.conn.execute(
                    f"SELECT id FROM {target} WHERE id IN ({','.join('?' * len(chunk))})", chunk)}
                for v in chunk:
                    if v not in found:
                        missing.append(f"{table}.{fname} → {target} {v}")
    return missing


def foreign_references(db: Database, tree: OfficeTree, candidates: dict[str, list[dict]],
                       rows: dict[str, list[dict]], found_rows: list[tuple[str, str, str, str]] | None = None
                       ) -> list[str]:
    """References that point at another office's records where SECURITY.md R4c does not allow it (a speech of a
    township hung on its sibling's meeting, a member of another township's roster marked absent): one look-up
    of the owners per target table and field, among the package's rows first, then here. A target neither here
    nor in the package is left to `check_references` (FK fields) or is not a record here (the others).
    `found_rows` (given): gets (table, id, target table, target id) of each row named, in the same order."""
    owners: dict[str, dict[str, str | None]] = {}

    def owners_of(target: str, ids: set[str]) -> dict[str, str | None]:
        known = owners.get(target)
        if known is None:
            known = owners[target] = {r["id"]: r["office_id"] for r in rows.get(target, ())}
        ask = [i for i in ids if i not in known]
        if ask:
            for i in ask:
                known[i] = _ABSENT
            known.update(db.conn.execute(f"SELECT id, office_id FROM {target} WHERE id IN "
                                         "(SELECT value FROM json_each(?))", [json.dumps(ask)]).fetchall())
        return known

    out: list[str] = []
    for table, rs in candidates.items():
        if not rs:
            continue
        spec = model.TABLES[table]
        for fname, kind, target, type_field in REFERENCES[table]:
            named = named_references(rs, fname, target, type_field)
            wanted: dict[str, set[str]] = {}
            for t, v, _o, _s in named:
                wanted.setdefault(t, set()).add(v)
            found = {t: owners_of(t, ids) for t, ids in wanted.items()}
            bad = {n for n in named if n[0] in found and n[1] in found[n[0]] and found[n[0]][n[1]] is not _ABSENT
                   and not tree.reference_ok(kind, n[2], found[n[0]][n[1]], {"sender_office_id": n[3]})}
            if not bad:
                continue
            why_zh, why_en = REFERENCE_WHY[kind]
            for r in rs:
                t = reference_target(r, target, type_field)
                if (t, r.get(fname), r["office_id"], r.get("sender_office_id")) not in bad:
                    continue
                t_owner = found[t][r[fname]]
                if found_rows is not None:
                    found_rows.append((table, r["id"], t, r[fname]))
                out.append(
                    f"“{tree.label(r['office_id'])}”的{spec.label_zh}记录（{r['id']}）的“{spec.by_name[fname].label_zh}”"
                    f"指向“{tree.label(t_owner)}”的{model.TABLES[t].label_zh}记录：{why_zh} / the {table} row {r['id']} "
                    f"of {tree.code.get(r['office_id'], r['office_id'])}: {fname} points at a {t} of "
                    f"{tree.code.get(t_owner, t_owner)}: {why_en}")
    out += other_record_parts(db, tree, candidates, rows, found_rows)
    return out


def other_record_parts(db: Database, tree: OfficeTree, candidates: dict[str, list[dict]],
                       rows: dict[str, list[dict]], found_rows: list | None = None) -> list[str]:
    """Parts that name a part of another record of their office (SAME_RECORD: a speech of one meeting on an agenda
    item of another): one look-up of the targets' records per table and field, among the package's rows first,
    then here."""
    out: list[str] = []
    for table, rs in candidates.items():
        spec = model.TABLES[table]
        for fname, target, shared in SAME_RECORD.get(table, ()):
            named = {(r[fname], r.get(shared)) for r in rs if r.get(fname)}
            if not named:
                continue
            ids = {v for v, _s in named}
            record_of = {r["id"]: r.get(shared) for r in rows.get(target, ()) if r["id"] in ids}
            ask = [i for i in ids if i not in record_of]
            if ask:
                record_of.update(db.conn.execute(f"SELECT id, {shared} FROM {target} WHERE id IN "
                                                 "(SELECT value FROM json_each(?))", [json.dumps(ask)]).fetchall())
            bad = {n for n in named if n[0] in record_of and record_of[n[0]] != n[1]}
            for r in rs:
                if (r.get(fname), r.get(shared)) not in bad:
                    continue
                if found_rows is not None:
                    found_rows.append((table, r["id"], target, r[fname]))
                t_spec = model.TABLES[target]
                out.append(
                    f"“{tree.label(r['office_id'])}”的{spec.label_zh}记录（{r['id']}）的“{spec.by_name[fname].label_zh}”"
                    f"是另一次{model.TABLES[t_spec.field(shared).fk].label_zh}的{t_spec.label_zh}：{SAME_RECORD_WHY[0]} / "
                    f"the {table} row {r['id']} of {tree.code.get(r['office_id'], r['office_id'])}: {fname} names a "
                    f"{target} row of another {t_spec.field(shared).fk}: {SAME_RECORD_WHY[1]}")
    return out


_ABSENT = object()


def apply_payload(db: Database, node: Me, manifest: dict, payload, *, file_name: str,
                  relation: str, report: ImportReport, setup_office: str | None = None,
                  size: int | None = None, held: dict[str, HeldComputer] | None = None) -> ImportReport:
    """Check scope and apply in one write transaction; raises SyncRefused (rolled back) on any refusal.
    `held`: computers a relay reports whose changes are kept back (db.sync.computers, SECURITY.md R6b)."""
    signed_ranges = manifest["ranges"]
    sender = manifest["sender"]
    sender_office = sender["office"]
    with writing(db, validate=False, scope=False) as w:
        if setup_office:
            db.conn.execute("UPDATE node_state SET office_id = ? WHERE id = 1", [setup_office])
            node = Me(node.node_id, setup_office, node.hlc, node.seq, node.epoch)
        incoming_offices = [(r["id"], r.get("code"), r.get("name"), r.get("level"), r.get("parent_id"))
                            for r in payload.rows.get("office", [])]
        local_tree = OfficeTree.load(db)
        tree = OfficeTree.load(db, [o for o in incoming_offices if o[0] not in local_tree.level])
        offices = node_offices(db, node)
        # 1. which office each node belongs to: known claims must agree; new ones need the sender's say-so
        claims = dict(manifest["nodes"])
        claims.setdefault(sender["node"], sender_office)
        learned = {}
        problems = []
        for n, office in claims.items():
            known = offices.get(n)
            if known is not None:
                if known != office:
                    problems.append(f"节点 {n} 的所属机构与本机记录不一致 / node {n} claimed for another office")
                continue
            if office not in tree.level:
                problems.append(f"未知机构 {office} / unknown office {office}")
            elif relation == "up-from-child" and office not in tree.subtree(sender_office):
                problems.append(f"{tree.label(sender_office)} 不能代表 {tree.label(office)} / "
                                f"{sender_office} cannot speak for {office}")
            else:
                learned[n] = office
        if claims.get(sender["node"]) != sender_office:
            problems.append("发送节点与发送机构不符 / sender node and office disagree")
        offices.update(learned)
        if problems:
            raise SyncRefused("同步包中的来源信息与本机记录不符，已拒绝", "the package's origins do not match "
                              "what this office knows; refused", code="bad_origin", details=problems)
        held_nodes: set[str] = set()
        if held:
            whole = payload
            manifest, payload, held_nodes, _left_out = hold_back(db, manifest, payload, set(held))
            held = _held_report(db, held, held_nodes, whole, tree, offices)
        app = Applier(db, node, tree, manifest, offices, manifest["package_id"])
        app.held = held_nodes
        # 1b. relay rights (SYNC.md "Trust"): from a child, only origins bound to an office of its subtree;
        # from either side never this node itself (its own sequence moves only by its own writes).
        if relation == "up-from-child":
            speak = tree.subtree(sender_office)
            app.speaks_for = lambda n: n != node.node_id and offices.get(n) in speak
        problems = _check_ranges(manifest, payload.entries, node, app.speaks_for, offices, tree,
                                 upward=relation == "up-from-child", own_seq=w.seq)
        if problems:
            raise SyncRefused("同步包声称转交它无权代表的来源的修改（或虚报范围），整个包已拒绝",
                              "the package claims changes or ranges of origins its sender may not speak for; "
                              "the whole package was refused", code="bad_origin", details=problems)
        rows_by_key = {(t, r["id"]): r for t, rs in payload.rows.items() for r in rs}
        # 1c. provenance: relayed changes against their authors' signed chains (SECURITY.md P1–P7)
        try:
            material = provenance.parse_material(payload.provenance, provenance.material_cap(
                signed_ranges, manifest.get("changes_size") if type(manifest.get("changes_size")) is int
                else 0)) if payload.provenance else None
        except (ValueError, zlib.error, MemoryError, RecursionError):
            raise corrupt("provenance material") from None
        if material and held_nodes:
            material = {o: v for o, v in material.items() if o not in held_nodes}
        app.prov = provenance.verify(db, me=node.node_id, sender_node=sender["node"],
                                     sender_key=unb64(sender["sign_key"], 32), manifest=manifest, material=material,
                                     entries=payload.entries, rows=payload.rows, rows_by_key=rows_by_key,
                                     keep=bool(tree.children.get(node.office_id)) if relation == "down-from-parent"
                                     else tree.parent.get(node.office_id) is not None, offices=offices,
                                     visible=app.visible_here,
                                     who=lambda n: f"“{tree.label(offices[n])}”的电脑 {n}" if n in offices else n)
        # 2. log entries this node lacks; each names a row in the package and is checked for scope
        logged: dict[str, set[int]] = {}
        for origin in {e[0] for e in payload.entries}:
            seqs = [e[1] for e in payload.entries if e[0] == origin]
            logged[origin] = {s for (s,) in db.conn.execute(
                "SELECT seq FROM change_log WHERE origin = ? AND seq BETWEEN ? AND ?", [origin, min(seqs), max(seqs)])}
        new_entries = []
        violations = app.plan.violations
        passed: set[tuple[str, str, str | None, str]] = set()   # (origin, table, row office, fields) checked and
        for e in payload.entries:                               # allowed: the same check gives the same answer
            if e[1] in logged[e[0]]:
                continue
            if e[0] not in offices:
                violations.append(f"来源节点未知 / unknown origin node {e[0]}")
                continue
            row = rows_by_key.get((e[2], e[3]))
            if row is None:
                raise SyncRefused("同步包不完整：修改记录缺少对应的数据", "a log entry names a row the package "
                                  "does not carry", code="corrupt")
            new_entries.append(e)
            if e[2] in _RIGHTS_READ_THE_ROW:
                app._check(e[0], e[2], row["office_id"], None if e[4] == "*" else e[4].split(","), row, is_node=True)
                continue
            key = (e[0], e[2], row["office_id"], e[4])
            if key not in passed:
                before = len(violations)
                app._check(e[0], e[2], row["office_id"], None if e[4] == "*" else e[4].split(","), row, is_node=True)
                if len(violations) == before:
                    passed.add(key)
        if new_entries:
            app.plan.max_hlc = max(app.plan.max_hlc, max(map(itemgetter(5), new_entries)))
        for c in app._clocks_nodes_unknown(payload, offices):
            app.plan.violations.append(f"来源节点未知 / unknown node {c}")
        # 3. the rows: plan the merge (reads only), then refuse or write
        for table in model.TABLE_ORDER:
            if payload.rows.get(table):
                app.plan_rows(table, payload.rows[table])
        if app.prov_problems:
            raise provenance.refusal(app.prov_problems[:50])
        if app.plan.violations:
            raise SyncRefused(f"同步包中有 {len(app.plan.violations)} 项超出发送方权限的修改，整个包已拒绝",
                              f"{len(app.plan.violations)} change(s) outside the sender's scope; the whole "
                              f"package was refused", code="out_of_scope", details=app.plan.violations)
        missing = check_references(db, payload.rows)
        if missing:
            raise SyncRefused("同步包引用了本机没有的记录：请先导入更早的同步包，或请对方重新导出",
                              "the package refers to records this office does not have: import the earlier "
                              "package first, or ask the sender for a new one", code="missing_reference",
                              details=missing[:50])
        foreign = foreign_references(db, tree, app.ref_rows, payload.rows)
        if foreign:
            raise SyncRefused(f"同步包中有 {len(foreign)} 项记录挂在其他机构的记录上（如把发言记到别的街道的会议里），整个包已拒绝",
                              f"{len(foreign)} record(s) point at records of another office (a speech put into "
                              f"another township's meeting, say); the whole package was refused",
                              code="foreign_parent", details=foreign[:50])
        new, updated = app.write(w, new_entries)
        held_back = app.prov.held_back(db, rows_by_key) if app.prov.claims else []
        # 4. vectors, clocks, the sender's acknowledgement, the record of this package
        mine = app.my_have
        for origin, (fr, to, to_hlc) in manifest["ranges"].items():
            seq, _h = mine.get(origin, (0, 0))
            if origin == node.node_id:
                continue            # checked above: never beyond this node's own writes
            if fr > seq + 1:
                report.gaps.append(origin)
            elif to > seq:
                db.conn.execute("INSERT INTO sync_have (origin, seq, hlc) VALUES (?, ?, ?) ON CONFLICT(origin) "
                                "DO UPDATE SET seq = excluded.seq, hlc = excluded.hlc", [origin, to, to_hlc])
        app.prov.store(db, via=tree.code.get(sender_office, sender_office), sender=(sender["node"], sender["sign_key"]))
        now = now_text()
        for n, office in learned.items():
            if n in held_nodes:
                continue            # bound only once a person confirmed it: then its changes come again
            db.conn.execute("INSERT OR IGNORE INTO sync_node (node_id, office_id, learned_at) VALUES (?, ?, ?)",
                            [n, office, now])
        if app.plan.max_hlc and not w.clock.observe(app.plan.max_hlc):
            report.clock_ahead = sum(1 for e in new_entries if not _within(w.clock, e[5])) or 1
        _update_peer(db, manifest, now)
        summary = {"new": new, "updated": updated, "unchanged": app.plan.unchanged,
                   "conflicts": len(app.plan.conflicts), "log": len(new_entries), "bytes": size}
        if held:
            summary["held"] = {n: h.changes for n, h in held.items()}
        if held_back:
            summary["held_back"] = len(held_back)
        # a package with changes kept back is not marked received: imported again once a person confirmed the
        # computer, it brings them (what was applied already is unchanged the second time)
        if not held:
            db.conn.execute("INSERT INTO sync_received (package_id, sender_office_id, sender_node, created_hlc, imported_at, "
                            "file_name, summary) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            [manifest["package_id"], sender_office, sender["node"], manifest["created_hlc"], now,
                             file_name, json.dumps(summary)])
        db.conn.execute("INSERT INTO sync_history (at, direction, package_id, peer_office_id, file_name, result, summary) "
                        "VALUES (?, 'in', ?, ?, ?, 'applied', ?)",
                        [now, manifest["package_id"], sender_office, file_name, json.dumps(summary)])
    report.new, report.updated, report.unchanged = new, updated, app.plan.unchanged
    report.log_entries = len(new_entries)
    report.ignored = app.ignored
    report.held_back = [_held_back_line(tree, offices, *h) for h in held_back]
    if held:
        for n, h in held.items():
            h.values = app.held_values.get(n, 0)
        report.held = list(held.values())
        report.second_computer = True
        report.fingerprint = report.fingerprint or next((h.fingerprint for h in report.held if h.fingerprint), None)
    report.conflicts = [(c[0], c[1], c[2]) for c in app.plan.conflicts]
    return report


def _held_back_line(tree, offices: dict, origin: str, table: str, row_id: str, col: str) -> tuple[str, str]:
    """One value a relay held back, by table, field and record (never by its value: a name or a phone), in
    Chinese and English."""
    t = model.TABLES[table]
    f = t.by_name[col]
    office = offices.get(origin)
    return (f"{t.label_zh}“{f.label_zh or col}”（记录 {row_id}）：“{tree.label(office) if office else origin}”的电脑改过，"
            f"包中却是更早的值", f"{t.label_en} “{f.label_en or col}” (record {row_id}): changed by a computer of "
            f"{tree.code.get(office, office) if office else origin}, but the package carries an older value")


MAX_SEQ = (1 << 63) - 1 - (1 << 40)     # far beyond any real count, and SQLite's integers still fit past it


def _check_ranges(manifest: dict, entries: list[tuple], node: Me, speaks_for, offices: dict, tree: OfficeTree,
                  *, upward: bool, own_seq: int) -> list[str]:
    """Ranges are claims (SYNC.md "Trust"): each names an origin the sender may speak for; none goes past
    this node's own writes; upward (where nothing is filtered) a range carries every entry it claims;
    every entry lies inside its origin's range."""
    out: list[str] = []

    def who(n: str) -> str:
        o = offices.get(n)
        return f"{n}（{tree.label(o) if o else '未知机构'}）"
    ranges = manifest["ranges"]
    by_origin: dict[str, set[int]] = {}
    for e in entries:
        by_origin.setdefault(e[0], set()).add(e[1])
    for origin, (fr, to, _h) in ranges.items():
        if origin == node.node_id:
            if to > own_seq:
                out.append(f"范围声称本机电脑的第 {own_seq + 1}–{to} 项修改，而本机只写过 {own_seq} 项 / the range claims "
                           f"changes {own_seq + 1}–{to} of this computer, which has written {own_seq}")
        elif not speaks_for(origin):
            out.append(f"发送方无权代表来源 {who(origin)} / the sender may not speak for origin {origin}")
        elif to > MAX_SEQ:
            out.append(f"来源 {who(origin)} 的范围超出上限 / range of {origin} beyond any real count ({to})")
        elif upward and to >= fr and len({s for s in by_origin.get(origin, ()) if fr <= s <= to}) != to - fr + 1:
            out.append(f"来源 {who(origin)} 的范围 {fr}–{to} 多于包中所带的修改 / the range {fr}–{to} of {origin} "
                       f"claims more than the {len(by_origin.get(origin, ()))} change(s) it carries")
    for origin, seqs in by_origin.items():
        if origin == node.node_id:
            if max(seqs) > own_seq:
                out.append(f"修改声称来自本机电脑（第 {max(seqs)} 项），本机并未写过 / a change claims this computer "
                           f"as origin (seq {max(seqs)}) that it never wrote")
            continue
        if not speaks_for(origin):
            if origin in offices:
                out.append(f"修改声称来自 {who(origin)}，发送方无权代其转交 / changes claim origin {origin}, "
                           f"which the sender may not speak for")
            continue            # unknown origins are reported with the entries
        r = ranges.get(origin)
        if r is None or min(seqs) < r[0] or max(seqs) > r[1]:
            out.append(f"来源 {who(origin)} 的修改不在其声明的范围内 / changes of {origin} outside its declared range")
    return out


def _within(clock, hlc: int) -> bool:
    from ..clock import MAX_DRIFT_MS, pack
    return hlc <= pack(clock._wall() + MAX_DRIFT_MS, 0xFFFF)


def _update_peer(db: Database, m: dict, now: str) -> None:
    sender = m["sender"]
    p = get_peer(db, sender["office"])
    newer = m["created_hlc"] >= p.last_created_hlc
    if p.epoch is None:
        p.have = dict(m["have"])
    elif p.epoch != sender["epoch"] or p.node_id != sender["node"]:
        if not newer:               # a late package from before the peer's restore: its vector is stale
            p.last_import_at = now
            save_peer(db, p)
            return
        p.have = dict(m["have"])
        p.full_resend = 1
    else:
        merged = dict(p.have or {})
        for o, v in m["have"].items():
            if o not in merged or v[0] > merged[o][0]:
                merged[o] = v
        p.have = merged
        if newer and p.full_resend == 2:        # a full package was written since it was asked for (db.sync.export)
            p.full_resend = 0
    if newer or p.epoch is None:
        p.epoch, p.node_id = sender["epoch"], sender["node"]
    p.last_created_hlc = max(p.last_created_hlc, m["created_hlc"])
    p.last_import_at = now
    save_peer(db, p)


def _unknown_clock_nodes(payload, offices: dict[str, str]) -> list[str]:
    out = set()
    for rs in payload.rows.values():
        for r in rs:
            for c in Applier._clocks(r):
                n = _node(c)
                if n not in offices:
                    out.add(n)
    return sorted(out)


Applier._clocks_nodes_unknown = staticmethod(_unknown_clock_nodes)  # type: ignore[attr-defined]


def _held_report(db: Database, held: dict[str, HeldComputer], nodes: set[str], payload, tree: OfficeTree,
                 offices: dict[str, str]) -> dict[str, HeldComputer]:
    """Every held computer with the number of its changes kept back; those held only because their changes
    build on a held computer's records are named too."""
    out = dict(held)
    for n in sorted(nodes - set(held)):
        o = offices.get(n, "")
        name, code = tree.label(o) if o in tree.level else n, tree.code.get(o, o or n)
        first = next(iter(held.values()))
        out[n] = HeldComputer(
            n, o, name, code, None,
            f"“{name}”的电脑（节点 {n}）的修改依赖于暂缓导入的“{first.office_name}”的电脑写的记录，一并暂缓，"
            f"待那台电脑确认后随下一个同步包导入",
            f"changes of a computer of {code} (node {n}) build on records written by the held computer of "
            f"{first.office_code}: held back with them, until that computer is confirmed", kind="depends")
    counts: dict[str, int] = {}
    have = {o: s for o, s in db.execute("SELECT origin, seq FROM sync_have")}
    for e in payload.entries:
        if e[0] in out and e[1] > have.get(e[0], 0):          # not those held here already
            counts[e[0]] = counts.get(e[0], 0) + 1
    for n, h in out.items():
        h.changes = counts.get(n, 0)
    return out
