"""Conflicts kept for review (SYNC.md guarantee 7): read them with both values, and resolve them.

A conflict row holds two values of one field that were written without either side seeing the
other: `kept` is the value that won the deterministic merge where the conflict was found, `other`
the one that lost. A delete racing an edit is a conflict on the field `deleted`: `kept` is the
delete, `other` a JSON object of the edits made meanwhile.

A person resolves a conflict by choosing what the record should hold:
  * "current" — leave the record as it is now (no write);
  * "kept" / "other" — that side's value (a delete conflict: "kept" deletes, "other" restores the
    record with the edits);
  * "merged" — a text the person wrote from both (text fields only).
A choice that changes the record is a new write through the write path (a fresh clock, so it wins
everywhere once it has travelled), in the same transaction that marks the conflict resolved. An
office may only write what SYNC.md "Who may write what" lets it: a resolution outside its scope would
make every later package of this office refused, so it is refused here, with a plain reason.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from dataclasses import field as dc_field

from .. import model
from ..clock import parse_clock, unpack
from ..connection import Database
from ..errors import NotFound, StateError, ValidationError
from ..write import writing
from .errors import SyncRefused
from .keys import now_text
from .scope import OfficeTree
from .state import Me, me, node_offices

CHOICES = ("current", "kept", "other", "merged")
_TEXT_KINDS = (model.TEXT, model.LONGTEXT)
_TITLE_FIELDS = ("name", "title", "topic", "speaker_name", "guest_name")


@dataclass(frozen=True)
class Side:
    """One of the two values, and who wrote it when."""
    value: str | None
    clock: str
    office_id: str | None
    office_name: str
    at: str                       # local time of the write, "YYYY-MM-DD HH:MM"


@dataclass(frozen=True)
class ConflictView:
    id: int
    table: str
    row_id: str
    field: str
    kind: str                     # "field" | "delete"
    field_kind: str               # db.model kind of the field ("bool" for a delete conflict)
    kept: Side
    other: Side
    current: str | None           # the field's value in the record now ("1"/"0" for a delete conflict)
    changed_since: bool           # the field was written again after both sides (a third value)
    edits: dict[str, str | None] = dc_field(default_factory=dict)   # delete conflict: the racing edits
    detected_at: str = ""
    resolved_at: str | None = None
    resolution: str | None = None
    owner_office_id: str | None = None
    owner_name: str = ""
    title: str = ""               # the record's own words (a name, a title, a topic)
    parent_table: str | None = None
    parent_title: str = ""        # for a part of a meeting: the meeting's topic
    open_table: str = ""          # the record a person opens to see it in place
    open_id: str = ""
    may_write: bool = False       # this office may write this field of this record
    ref_names: dict[str, tuple[str, str | None]] = dc_field(default_factory=dict)  # reference id → (zh, en)

    @property
    def mergeable(self) -> bool:
        return self.kind == "field" and self.field_kind in _TEXT_KINDS


@dataclass(frozen=True)
class Resolution:
    conflict_id: int
    choice: str
    wrote: bool                   # a new write was made (it travels with the next package)
    fields: tuple[str, ...] = ()


def me_or_none(db: Database) -> Me | None:
    """This node, or None while the installation has no office yet."""
    try:
        return me(db)
    except SyncRefused as exc:
        if exc.code == "no_office":
            return None
        raise


def _time_of(clock: str) -> str:
    hlc, _node = parse_clock(clock)
    ms, _counter = unpack(hlc)
    try:
        return dt.datetime.fromtimestamp(ms / 1000).strftime("%Y-%m-%d %H:%M")
    except (OverflowError, OSError, ValueError):
        return ""


def _title(row: dict | None) -> str:
    if not row:
        return ""
    for name in _TITLE_FIELDS:
        if row.get(name):
            return str(row[name])
    return ""


def _row(db: Database, table: str, row_id: str) -> dict | None:
    cur = db.execute(f"SELECT * FROM {table} WHERE id = ?", [row_id])
    found = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], found, strict=True)) if found else None


def _field_clock(row: dict, name: str) -> str:
    fc = json.loads(row["_fc"]) if row.get("_fc") else {}
    entry = fc.get(name)
    return entry[0] if entry else row["_rc"]


class _Reader:
    """What every view of a conflict needs, loaded once per call."""

    def __init__(self, db: Database):
        self.db = db
        self.node = me_or_none(db)
        self.tree = OfficeTree.load(db)
        self.offices = node_offices(db, self.node) if self.node else {}

    def side(self, value: str | None, clock: str) -> Side:
        office = self.offices.get(parse_clock(clock)[1])
        return Side(value, clock, office, self.tree.label(office) if office else "", _time_of(clock))

    def view(self, r: tuple) -> ConflictView:
        cid, tbl, row_id, fld, kv, kc, ov, oc, detected, resolved, resolution = r
        if tbl not in model.TABLES or (fld != "deleted" and fld not in model.TABLES[tbl].by_name):
            raise NotFound("冲突记录指向未知的表或字段", f"conflict {cid} names an unknown table or field")
        spec = model.TABLES[tbl]
        row = _row(self.db, tbl, row_id)
        kind = "delete" if fld == "deleted" else "field"
        edits: dict[str, str | None] = {}
        if kind == "delete":
            try:
                loaded = json.loads(ov) if ov else {}
                edits = {k: v for k, v in loaded.items() if k in spec.by_name} if isinstance(loaded, dict) else {}
            except ValueError:
                edits = {}
        current = changed = None
        if row is not None:
            value = row.get(fld)
            current = None if value is None else str(value)
            clock = _field_clock(row, fld)
            changed = clock > max(kc, oc)
        parent_table = parent_title = None
        open_table, open_id = tbl, row_id
        if spec.parent and row is not None and row.get(spec.parent):
            parent_table = spec.by_name[spec.parent].fk
            parent = _row(self.db, parent_table, row[spec.parent])
            parent_title = _title(parent)
            open_table, open_id = parent_table, row[spec.parent]
        owner = row.get("office_id") if row else None
        fields = ["deleted", *edits] if kind == "delete" else [fld]
        may = bool(self.node and row is not None and self.tree.may_write(self.node.office_id, tbl, owner, fields, row))
        refs = {v for f, v in [(fld, kv), (fld, ov), (fld, current), *edits.items()]
                if v and f in spec.by_name and spec.by_name[f].kind == model.REF}
        ref_names = {i: (n, e) for i, n, e in self.db.execute(
            f"SELECT id, name, name_en FROM reference_item WHERE id IN ({','.join('?' * len(refs))})",
            sorted(refs))} if refs else {}
        return ConflictView(
            id=cid, table=tbl, row_id=row_id, field=fld, kind=kind,
            field_kind=model.BOOL if kind == "delete" else spec.by_name[fld].kind,
            kept=self.side(kv, kc), other=self.side(ov, oc), current=current, changed_since=bool(changed),
            edits=edits, detected_at=detected or "", resolved_at=resolved, resolution=resolution,
            owner_office_id=owner, owner_name=self.tree.label(owner) if owner else "", title=_title(row),
            parent_table=parent_table, parent_title=parent_title or "", open_table=open_table, open_id=open_id,
            may_write=may, ref_names=ref_names)


_COLS = ("id, tbl, row_id, field, kept_value, kept_clock, other_value, other_clock, detected_at, resolved_at, "
         "resolution")


def list_conflicts(db: Database, *, include_resolved: bool = False, limit: int = 1000) -> list[ConflictView]:
    """Open conflicts (or all), newest first."""
    reader = _Reader(db)
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    rows = db.execute(f"SELECT {_COLS} FROM conflict {where} ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    out = []
    for r in rows:
        try:
            out.append(reader.view(r))
        except NotFound:
            continue            # a conflict on a table this version no longer has: nothing to show
    return out


def count_open_conflicts(db: Database) -> int:
    return db.execute("SELECT count(*) FROM conflict WHERE resolved_at IS NULL").fetchone()[0]


def get_conflict(db: Database, conflict_id: int) -> ConflictView:
    row = db.execute(f"SELECT {_COLS} FROM conflict WHERE id = ?", [conflict_id]).fetchone()
    if row is None:
        raise NotFound("找不到这条冲突记录", f"conflict {conflict_id} not found")
    return _Reader(db).view(row)


def _scope_refusal(view: ConflictView, tree: OfficeTree) -> StateError:
    return StateError(
        f"本机构无权修改“{view.owner_name}”的这项内容，应由有权限的机构处理这个冲突；"
        f"本机可以选择“保留现在的值”",
        f"this office may not change this field of a record of {tree.code.get(view.owner_office_id or '', '')}: "
        f"the office that may should resolve it; here you can keep the current value", code="not_in_scope")


def resolve_conflict(db: Database, conflict_id: int, choice: str, merged: str | None = None) -> Resolution:
    """Resolve one conflict (see the module docstring). Raises NotFound, StateError (already resolved,
    not this office's to change, a merge of a non-text field) or ValidationError (the merged text)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown choice {choice!r}")
    view = get_conflict(db, conflict_id)
    if view.resolved_at:
        raise StateError("这个冲突已经处理过了", "this conflict was already resolved", code="already_resolved")
    tree = OfficeTree.load(db)
    with writing(db) as w:
        row = _row(db, view.table, view.row_id)
        if row is None:
            raise NotFound("冲突所在的记录已不存在", f"the record of conflict {conflict_id} is gone")
        changes: dict[str, object] = {}
        if choice == "merged":
            if not view.mergeable:
                raise StateError("只有文字内容可以手工合并", "only text can be merged by hand", code="not_mergeable")
            if merged is None:
                raise ValidationError("请填写合并后的内容", "the merged text is empty", code="required",
                                      field=view.field)
            changes = {view.field: merged}
        elif choice in ("kept", "other") and view.kind == "field":
            target = view.kept.value if choice == "kept" else view.other.value
            changes = {view.field: target}
        elif choice == "kept":                                 # keep the delete
            changes = {"deleted": 1}
        elif choice == "other":                                # restore the record with the edits
            changes = {"deleted": 0, **view.edits}
        changes = {k: v for k, v in changes.items() if _differs(row.get(k), v)}
        if changes and not tree.may_write(w.office_id, view.table, row["office_id"], list(changes), row):
            raise _scope_refusal(view, tree)
        written = w.update(view.table, view.row_id, changes) if changes else []
        db.conn.execute("UPDATE conflict SET resolved_at = ?, resolution = ? WHERE id = ?",
                        [now_text(), choice, conflict_id])
    return Resolution(conflict_id, choice, bool(written), tuple(written))


def _differs(now, wanted) -> bool:
    """Values as stored (an int flag, text) against values as kept in a conflict row (text)."""
    def norm(v):
        return None if v is None or v == "" else str(v)
    return norm(now) != norm(wanted)
