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


# What a row may point at (SECURITY.md R4c). Write rights check who owns a row; these check the records it names.
#   "part":   the record it belongs to, owned by the same office (a speech of that office's meeting)
#   "below":  a record of the row's office or of an office below it (a district's follow-up made from its
#             township's visit names that township's group and visit)
#   "roster": a member of the roster that office holds (its own and those below it, and its ancestors')
#   "sender": the 交办 it was handed down from: the row the sender received, owned by the row's sender
# table: ((field, kind, target table, or None and the field naming the target table), ...)
REFERENCES: dict[str, tuple[tuple[str, str, str | None, str | None], ...]] = {
    # the roster and the groups are written by offices above too (SYNC.md): a district's level of its township's
    # member, its membership in its township's group (held before this rule was kept, so not refused now)
    "member_level": (("member_id", "below", "member", None),),
    "liaison_group": (("convener_id", "roster", "member", None),),
    "membership": (("group_id", "below", "liaison_group", None), ("member_id", "roster", "member", None)),
    "meeting": (("group_id", "part", "liaison_group", None), ("revises_id", "part", "meeting", None)),
    "attendance": (("meeting_id", "part", "meeting", None), ("member_id", "roster", "member", None)),
    "agenda_item": (("meeting_id", "part", "meeting", None),),
    "speech": (("meeting_id", "part", "meeting", None), ("agenda_item_id", "part", "agenda_item", None),
               ("member_id", "roster", "member", None)),
    "consensus_item": (("meeting_id", "part", "meeting", None), ("agenda_item_id", "part", "agenda_item", None)),
    "visit": (("group_id", "part", "liaison_group", None),),
    "visit_member": (("visit_id", "part", "visit", None), ("member_id", "roster", "member", None)),
    "opinion_report": (("group_id", "below", "liaison_group", None), ("reporter_id", "roster", "member", None),
                       ("source_id", "below", None, "source_table")),
    "follow_up": (("group_id", "below", "liaison_group", None), ("source_id", "below", None, "source_table")),
    "state_event": (("subject_id", "part", None, "subject_table"),),
    "attachment": (("owner_id", "part", None, "owner_table"),),
    "assignment": (("parent_id", "sender", "assignment", None),),
    "record_link": (("subject_id", "part", None, "subject_table"), ("record_id", "below", None, "record_table")),
    "plan_topic": (("meeting_id", "below", "meeting", None),),
    "reinspection": (("follow_up_id", "part", "follow_up", None), ("visit_id", "below", "visit", None)),
}
# A part naming another part of a record names one of the same record (SECURITY.md R4c): a speech's or consensus
# item's agenda item is one of its own meeting, not of another meeting of the same office.
# table: ((field, target table, the field both rows name their record by), ...)
SAME_RECORD: dict[str, tuple[tuple[str, str, str], ...]] = {
    "speech": (("agenda_item_id", "agenda_item", "meeting_id"),),
    "consensus_item": (("agenda_item_id", "agenda_item", "meeting_id"),),
}
SAME_RECORD_WHY = ("发言和协商共识只能挂在本次会议自己的议题上", "a speech or consensus item belongs to an agenda item of its "
                   "own meeting")
TYPE_TABLES = {"assignment_answer": "assignment"}     # an answer's files hang on the 交办 row itself
REFERENCE_WHY = {
    "part": ("下属记录只能挂在本机构自己的记录上", "a part belongs to a record of its own office"),
    "below": ("只能关联本机构或下级机构的记录", "it may name only records of its own office or of offices below it"),
    "roster": ("该委员不在这个机构掌握的委员名册中", "the member is not in the roster that office holds"),
    "sender": ("转交的交办只能来自交办机构自己收到的那一条", "a 交办 handed down comes from the one its sender received"),
}


def named_references(rows, fname: str, target: str | None, type_field: str | None) -> set[tuple]:
    """The distinct (target table, id, row's office, row's sender_office_id) that `rows` name by `fname` (a rule of
    REFERENCES), those naming a record only: a bulk insert or a package names few records many times."""
    named = {(reference_target(r, target, type_field), r.get(fname), r["office_id"], r.get("sender_office_id"))
             for r in rows}
    return {n for n in named if n[0] is not None and n[1] is not None}


def reference_target(row: dict, target: str | None, type_field: str | None) -> str | None:
    """The table a reference of `row` points into (None: not a record, e.g. source_table 'other')."""
    if target is not None:
        return target
    kind = row.get(type_field)
    kind = TYPE_TABLES.get(kind, kind)
    return kind if kind in model.TABLES else None


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

    def reference_ok(self, kind: str, owner: str | None, target_owner: str | None, row: dict) -> bool:
        """May a row owned by `owner` point at a record owned by `target_owner` (REFERENCES, SECURITY.md R4c)?"""
        if kind == "part":
            return target_owner == owner
        if kind == "sender":
            return target_owner == row.get("sender_office_id")
        if kind == "below":
            return target_owner is not None and target_owner in self.subtree(owner)
        # roster: the members the owner's office holds (its own, those below it, its ancestors')
        return target_owner is None or target_owner in self.subtree(owner) or target_owner in self.ancestors(owner)

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
