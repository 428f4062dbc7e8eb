"""Who sees what and who may write what (SYNC.md "Who may write what").

Every replicated row has an owning office (`office_id`). An office R holds:
  * rows owned by an office in its subtree (R itself and the offices below it), and
  * for the shared lists (offices, reference lists, the roster) also rows owned by its ancestors.
Each office's scope is inside its parent's, so a package down the tree never lacks anything, and a
package up the tree only speaks for origins in the sender's subtree, whose changes it holds in full.
"""

from __future__ import annotations

from collections.abc import Iterable

from .. import model
from ..connection import Database

SHARED = frozenset({"office", "reference_item", "member", "member_level", "scoring_rule"})
CITY_ONLY = frozenset({"office", "reference_item", "scoring_rule"})
ROSTER = frozenset({"member", "member_level"})
GROUPS = frozenset({"liaison_group", "membership"})
# Fields the district and city above the owner may write: replies, supervision, instructions.
SUPERVISED = {
    "follow_up": frozenset({"reply", "state", "satisfaction", "closed_on", "lead_unit", "co_units", "due_date"}),
    "opinion_report": frozenset({"instruction", "state"}),
}
ABOVE_MAY_INSERT = frozenset({"state_event"})                 # supervision notes on the owner's timeline
ABOVE_ATTACH_TO = frozenset({"follow_up", "opinion_report"})  # a reply letter attached by the district/city
# 交办: a row per receiving office, owned by the receiver; the receiver writes only these fields, the sender
# (an office above it, named in the row) all the others (db/sync/README.md, "Assignments").
ASSIGNMENT_ANSWER = frozenset({"state", "accepted_at", "answer", "answer_round", "answered_at"})


class OfficeTree:
    def __init__(self, rows: Iterable[tuple]):
        self.parent: dict[str, str | None] = {}
        self.level: dict[str, str] = {}
        self.name: dict[str, str] = {}
        self.code: dict[str, str] = {}
        for oid, code, name, level, parent_id in rows:
            self.parent[oid] = parent_id
            self.level[oid] = level
            self.name[oid] = name
            self.code[oid] = code
        self.children: dict[str, list[str]] = {}
        for oid, p in self.parent.items():
            if p:
                self.children.setdefault(p, []).append(oid)
        self._subtree: dict[str, frozenset] = {}
        self._anc: dict[str, tuple] = {}

    @classmethod
    def load(cls, db: Database, extra: Iterable[tuple] = ()) -> OfficeTree:
        rows = {r[0]: r for r in db.execute("SELECT id, code, name, level, parent_id FROM office")}
        for r in extra:
            rows[r[0]] = r
        return cls(rows.values())

    def ancestors(self, oid: str | None) -> tuple[str, ...]:
        if oid is None:
            return ()
        if oid not in self._anc:
            out, seen, cur = [], {oid}, self.parent.get(oid)
            while cur and cur not in seen:
                out.append(cur)
                seen.add(cur)
                cur = self.parent.get(cur)
            self._anc[oid] = tuple(out)
        return self._anc[oid]

    def subtree(self, oid: str | None) -> frozenset:
        if oid is None:
            return frozenset()
        if oid not in self._subtree:
            out, stack = set(), [oid]
            while stack:
                cur = stack.pop()
                if cur in out:
                    continue
                out.add(cur)
                stack.extend(self.children.get(cur, ()))
            self._subtree[oid] = frozenset(out)
        return self._subtree[oid]

    def label(self, oid: str | None) -> str:
        if oid is None:
            return "（未知机构）"
        return self.name.get(oid) or oid

    def relation(self, me: str, other: str) -> str | None:
        """'up' when `other` is above `me`, 'down' when below, None otherwise."""
        if other in self.ancestors(me):
            return "up"
        if me in self.ancestors(other):
            return "down"
        return None

    def visible_to(self, office: str):
        """A predicate (table, owner office) -> bool: does `office` hold such a row?"""
        sub = self.subtree(office)
        shared = sub | frozenset(self.ancestors(office))

        def visible(table: str, owner: str | None) -> bool:
            if owner is None:
                return True
            return owner in (shared if table in SHARED else sub)
        return visible

    def is_city(self, oid: str | None) -> bool:
        return oid is not None and self.level.get(oid) == "city"

    def may_write(self, writer: str | None, table: str, owner: str | None, fields: Iterable[str] | None,
                  row: dict | None = None) -> bool:
        """May office `writer` write `fields` (None: insert the row) of a `table` row owned by `owner`?"""
        if writer is None or writer not in self.level:
            return False
        if owner is None:
            return self.is_city(writer)
        above = writer in self.ancestors(owner)
        if table in CITY_ONLY:
            return self.is_city(writer)
        if table in ROSTER:
            return self.is_city(writer) or (self.level.get(writer) == "district" and owner in self.subtree(writer))
        if table == "assignment" or (table == "attachment" and row and row.get("owner_table") == "assignment"):
            return self._may_write_assignment(writer, owner, above, fields, row)
        if writer == owner:
            return True
        if not above:
            return False
        if table in GROUPS or table in ABOVE_MAY_INSERT:
            return True
        if table == "attachment":
            return bool(row) and row.get("owner_table") in ABOVE_ATTACH_TO
        allowed = SUPERVISED.get(table)
        if allowed is None or fields is None:
            return False
        return set(fields) <= allowed

    @staticmethod
    def _may_write_assignment(writer: str, owner: str, above: bool, fields, row: dict | None) -> bool:
        if row and row.get("owner_table") == "assignment":           # the sender's own attachments
            return above
        if writer == owner:
            return fields is not None and set(fields) <= ASSIGNMENT_ANSWER
        sender = row.get("sender_office_id") if row else None
        if not above or (sender is not None and sender != writer):
            return False
        return fields is None or not set(fields) & ASSIGNMENT_ANSWER


def fk_fields(table: str) -> list[tuple[str, str]]:
    """(field, target table) of the references of a table (REF fields point to reference_item)."""
    out = []
    for f in model.TABLES[table].fields:
        if f.kind == model.FK:
            out.append((f.name, f.fk))
        elif f.kind == model.REF:
            out.append((f.name, "reference_item"))
    return out
