"""What this office may write (SYNC.md "Who may write what"), checked where the write happens.

Every district and the city refuse, on import, a change its sender may not make (db.sync.apply);
a township that had changed the roster would see its every later package refused. So the write
path refuses such a change at once, with the reason and who to ask, and the interface shows
those records read-only (`Permissions.may_write`).

Not checked: a database without an office yet (set-up writes its first rows), and demo databases
(the `demo` setting): their one node wrote every office's data, so that the whole application can
be tried on them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from . import model
from .connection import Database
from .errors import LiaisonError
from .sync.scope import (
    CITY_ONLY,
    REFERENCE_WHY,
    REFERENCES,
    ROSTER,
    SAME_RECORD,
    SAME_RECORD_WHY,
    OfficeTree,
    named_references,
)

DEMO_SETTING = "demo"


class NotPermitted(LiaisonError):
    code = "not_permitted"


def is_demo(db: Database) -> bool:
    row = db.execute("SELECT value FROM setting WHERE key = ?", [DEMO_SETTING]).fetchone()
    return bool(row and row[0])


class Permissions:
    """The rules for this installation's office; `open` when nothing is checked (see above)."""

    def __init__(self, db: Database, office_id: str | None = None):
        if office_id is None:
            row = db.execute("SELECT office_id FROM node_state WHERE id = 1").fetchone()
            office_id = row[0] if row else None
        self.office_id = office_id
        self.open = office_id is None or is_demo(db)
        self.tree = None if self.open else OfficeTree.load(db)
        self.db = db
        self._cache: dict[tuple, bool] = {}
        self._owners: dict[tuple[str, str], str | None] = {}     # (table, id) -> owning office (never changes)

    def may_write(self, table: str, owner: str | None, fields: Iterable[str] | None = None,
                  row: dict | None = None) -> bool:
        """May this office insert (`fields` None) or change `fields` of a `table` row owned by `owner`?"""
        if self.open or table not in model.TABLES:
            return True
        key = (table, owner, tuple(sorted(fields)) if fields is not None else None,
               row.get("owner_table") if row and table == "attachment" else
               row.get("sender_office_id") if row and table == "assignment" else None)
        ok = self._cache.get(key)
        if ok is None:
            ok = self._cache[key] = self.tree.may_write(self.office_id, table, owner, fields, row)
        return ok

    def may_change_any(self, table: str, owner: str | None) -> bool:
        """May this office change at least some field of such a row (a follow-up's reply, say)?"""
        if self.open:
            return True
        names = [f.name for f in model.TABLES[table].fields]
        return any(self.may_write(table, owner, [n]) for n in names)

    def check(self, table: str, owner: str | None, fields: Iterable[str] | None = None,
              row: dict | None = None) -> None:
        if not self.may_write(table, owner, fields, row):
            raise self.refusal(table, owner, fields)

    def check_references(self, table: str, rows: list[dict], fields: Iterable[str] | None = None,
                         known: dict[tuple[str, str], str | None] | None = None) -> None:
        """Refuse rows that point at another office's records where SECURITY.md R4c does not allow it (a part of
        another office's meeting, a member of a roster the office does not hold): every office above refuses
        such a row on import. `fields`: only references of these changed fields (None: all). `known`: owners
        the caller found already ((table, id) -> office: the write path's reference check). One look-up of the
        other owners per target table."""
        rules = REFERENCES.get(table)
        if self.open or not rules:
            return
        if fields is not None:
            changed = set(fields)
            rules = tuple(r for r in rules if r[0] in changed or r[3] in changed)
        for fname, kind, target, type_field in rules:
            named = named_references(rows, fname, target, type_field)
            ask: dict[str, list[str]] = {}
            for t, v, _o, _s in named:
                if (t, v) not in self._owners:
                    if known and (t, v) in known:
                        self._owners[(t, v)] = known[(t, v)]
                    else:
                        ask.setdefault(t, []).append(v)
            for t, ids in ask.items():
                self._owners.update(((t, i), o) for i, o in self.db.execute(
                    f"SELECT id, office_id FROM {t} WHERE id IN (SELECT value FROM json_each(?))",
                    [json.dumps(ids)]).fetchall())
            for t, v, owner, sender in named:
                if (t, v) not in self._owners:
                    continue            # none here: the write path's `clean` names a missing FK target
                t_owner = self._owners[(t, v)]
                if not self.tree.reference_ok(kind, owner, t_owner, {"sender_office_id": sender}):
                    raise self.foreign(table, fname, kind, owner, t, t_owner)
        self._check_same_record(table, rows, fields)

    def _check_same_record(self, table: str, rows: list[dict], fields: Iterable[str] | None) -> None:
        """Refuse a part naming a part of another record (SAME_RECORD: a speech of one meeting on an agenda item of
        another meeting of the same office): one look-up of the targets' records per field."""
        for fname, target, shared in SAME_RECORD.get(table, ()):
            if fields is not None and not {fname, shared} & set(fields):
                continue
            named = {(r.get(fname), r.get(shared)) for r in rows if r.get(fname)}
            if not named:
                continue
            record_of = dict(self.db.execute(
                f"SELECT id, {shared} FROM {target} WHERE id IN (SELECT value FROM json_each(?))",
                [json.dumps(sorted({v for v, _s in named}))]).fetchall())
            if any(v in record_of and record_of[v] != s for v, s in named):
                spec, t_spec = model.TABLES[table], model.TABLES[target]
                raise NotPermitted(
                    f"不能保存{spec.label_zh}记录：它的“{spec.by_name[fname].label_zh}”是另一次会议的{t_spec.label_zh}"
                    f"（{SAME_RECORD_WHY[0]}）。请选本次会议的议题。", f"cannot save the {spec.label_en.lower()} record: "
                    f"its {spec.by_name[fname].label_en} is a {t_spec.label_en.lower()} of another meeting "
                    f"({SAME_RECORD_WHY[1]}); choose one of this meeting's agenda items.", code="foreign_parent")

    def foreign(self, table: str, fname: str, kind: str, owner: str | None, target: str,
                t_owner: str | None) -> NotPermitted:
        spec, t_spec = model.TABLES[table], model.TABLES[target]
        whose, mine = self.tree.label(t_owner), self.tree.label(owner)
        why_zh, why_en = REFERENCE_WHY[kind]
        return NotPermitted(
            f"不能保存{spec.label_zh}记录：它的“{spec.by_name[fname].label_zh}”指向{whose}的{t_spec.label_zh}记录，而这条记录属于"
            f"{mine}（{why_zh}）。", f"cannot save the {spec.label_en.lower()} record: its {spec.by_name[fname].label_en} "
            f"is a {t_spec.label_en.lower()} record of {whose}, and the record belongs to {mine} ({why_en}).",
            code="foreign_parent")

    def refusal(self, table: str, owner: str | None, fields: Iterable[str] | None) -> NotPermitted:
        spec = model.TABLES[table]
        me, whose = self.tree.label(self.office_id), self.tree.label(owner)
        verb_zh, verb_en = ("新增", "add") if fields is None else ("修改", "change")
        if table in ROSTER and self.tree.level.get(self.office_id) != "township" and owner is not None:
            # a district (or the city) looking at a member of an office it does not keep the roster of
            why_zh = f"这位委员的记录由{whose}维护（委员名册各由市政协和区县政协维护本级及所辖的委员）；如需增补或更正，请告知{whose}"
            why_en = f"this member's record is kept by {whose} (the city and each district office keep the roster of " \
                     f"their own members and those below them); ask {whose}"
        elif table in ROSTER:
            why_zh = "委员名册由市政协和区县政协维护；如需增补或更正委员信息，请告知区县政协"
            why_en = "the roster of members is kept by the city and district offices; ask your district office"
        elif table in CITY_ONLY:
            why_zh = "机构、各类名录和履职积分规则由市政协维护"
            why_en = "offices, reference lists and scoring rules are kept by the city office"
        else:
            why_zh = f"这条记录属于{whose}，只能由该机构{verb_zh}（上级机构只能填写答复、批示和督办意见）"
            why_en = f"the record belongs to {whose}, which alone may {verb_en} it (offices above may add replies, " \
                     f"instructions and supervision notes)"
        return NotPermitted(f"{me}不能{verb_zh}{spec.label_zh}记录：{why_zh}。",
                            f"{me} may not {verb_en} {spec.label_en.lower()} records: {why_en}.")
