"""Validation in the data core: required fields, dates, enumerations, lengths, references.

`clean()` returns normalized values (strings stripped, empty text as None) or raises a
ValidationError naming the field, with a Chinese message and an English one.
"""

from __future__ import annotations

import datetime as dt
import re

from . import model
from .connection import Database
from .errors import ValidationError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same characters for SQLite's GLOB (`sql_control`), which stops at a NUL: that one is looked for apart.
_CONTROL_GLOB = "*[\x01-\x08\x0b\x0c\x0e-\x1f\x7f]*"
# What str.strip() takes away around a value: text of nothing else is no value (`sql_empty`).
_BLANKS = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def _fail(table: model.Table, f: model.Field, zh: str, en: str, code: str) -> ValidationError:
    return ValidationError(f"{table.label_zh}的“{f.label_zh}”{zh}", f"{table.label_en}: {f.label_en} {en}",
                           code=code, field=f.name)


def parse_date(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _clean_value(table: model.Table, f: model.Field, value):
    if value is None:
        return None
    if f.kind in (model.INT, model.BOOL):
        if isinstance(value, bool):
            value = int(value)
        if isinstance(value, str) and value.strip().lstrip("-").isdigit():
            value = int(value.strip())
        if not isinstance(value, int):
            raise _fail(table, f, "必须是整数", "must be a whole number", "not_integer")
        if f.kind == model.BOOL and value not in (0, 1):
            raise _fail(table, f, "必须是“是”或“否”", "must be yes or no", "not_boolean")
        if f.min_value is not None and value < f.min_value:
            raise _fail(table, f, f"不能小于 {f.min_value}", f"must be at least {f.min_value}", "too_small")
        if f.max_value is not None and value > f.max_value:
            raise _fail(table, f, f"不能大于 {f.max_value}", f"must be at most {f.max_value}", "too_large")
        return value
    if not isinstance(value, str):
        raise _fail(table, f, "必须是文字", "must be text", "not_text")
    if value.isprintable():     # no line breaks or control characters: only blanks around can go
        if value[:1].isspace() or value[-1:].isspace():
            value = value.strip()
    else:
        value = value.replace("\r\n", "\n").strip()
        if f.kind != model.LONGTEXT:
            value = value.replace("\n", " ")
        value = _CONTROL.sub("", value)
    if value == "":
        return None
    limit = _LIMITS[f]
    if limit is not None and len(value) > limit:
        raise _fail(table, f, f"太长：{len(value)} 字，最多 {limit} 字",
                    f"is too long: {len(value)} characters, at most {limit}", "too_long")
    if f.kind == model.DATE:
        try:
            parse_date(value)
        except ValueError:
            if _DATE.match(value):      # the right form, but no such day (2026-02-30, 2026-13-01)
                raise _fail(table, f, f"不是存在的日期：“{value}”（这一天不存在）",
                            f"is not a date that exists: '{value}' (there is no such day)",
                            "bad_date") from None
            raise _fail(table, f, f"不是有效日期：“{value[:20]}”（应为 2026-01-31 的格式）",
                        f"is not a valid date: '{value[:20]}' (expected 2026-01-31)", "bad_date") from None
    elif f.kind == model.DATETIME:
        typed = value
        ok = bool(_DATETIME.match(value))
        if ok:
            try:
                value = value.replace(" ", "T")
                dt.datetime.fromisoformat(value)
            except ValueError:
                ok = False
        if not ok:              # the message quotes what was typed, not a reformatted text
            if _DATETIME.match(typed):
                raise _fail(table, f, f"不是存在的时间：“{typed}”（没有这一天或这一时刻）",
                            f"is not a date and time that exists: '{typed}' (no such day or time)",
                            "bad_datetime")
            raise _fail(table, f, f"不是有效时间：“{typed[:20]}”（应为 2026-01-31 09:30 的格式）",
                        f"is not a valid date and time: '{typed[:20]}' (expected 2026-01-31 09:30)",
                        "bad_datetime")
    elif f.kind == model.ENUM and value not in f.choices:
        raise _fail(table, f, f"的取值“{value[:20]}”不在允许范围内", f"has an unknown value '{value[:20]}'",
                    "bad_choice")
    return value


class RefCache:
    """Remembers references already found, so bulk writes check each target once."""

    def __init__(self, db: Database):
        self.db = db
        self.known: set[tuple[str, str]] = set()
        self.owners: dict[tuple[str, str], str | None] = {}     # (table, id) -> owning office, of those found

    def exists(self, target: str, row_id: str, ref_list: str | None = None) -> bool:
        key = (ref_list or target, row_id)
        if key in self.known:
            return True
        if ref_list:
            row = self.db.execute("SELECT 1 FROM reference_item WHERE id = ? AND list = ?",
                                  [row_id, ref_list]).fetchone()
        else:
            row = self.db.execute(f"SELECT office_id FROM {target} WHERE id = ?", [row_id]).fetchone()
            if row:
                self.owners[key] = row[0]       # who owns what a row points at (db.permissions, SECURITY.md R4c)
        if row:
            self.known.add(key)
        return bool(row)


def clean(db: Database, table_name: str, values: dict, *, partial: bool, refs: RefCache | None = None) -> dict:
    """Normalize and check `values` for `table_name`. `partial` is an update (only given fields)."""
    table = model.TABLES[table_name]
    refs = refs or RefCache(db)
    out = {}
    for name, value in values.items():
        if name in ("id", "office_id", "deleted"):
            out[name] = value
            continue
        if name not in table.by_name:
            raise ValidationError(f"{table.label_zh}没有“{name}”这一项", f"{table.label_en} has no field '{name}'",
                                  code="unknown_field", field=name)
        f = table.by_name[name]
        v = _clean_value(table, f, value)
        if v is not None and f.kind in (model.FK, model.REF):
            target = f.fk or "reference_item"
            if not refs.exists(target, v, f.ref_list):
                raise _fail(table, f, "引用的记录不存在", "refers to a record that does not exist", "bad_reference")
        out[name] = v
    check = _REQUIRED[table_name] if not partial else [table.by_name[n] for n in values if n in table.by_name]
    for f in check:
        if f.required and out.get(f.name) is None:
            raise _fail(table, f, "不能为空", "is required", "required")
    if "deleted" in out and out["deleted"] not in (0, 1):
        raise ValidationError("删除标记无效", "invalid deleted flag", code="bad_choice", field="deleted")
    return out


_LIMITS = {f: f.limit for t in model.TABLES.values() for f in t.fields}
_REQUIRED = {name: tuple(f for f in t.fields if f.required) for name, t in model.TABLES.items()}


def not_after_today(table_name: str, field_name: str, value, *, why_zh: str = "", why_en: str = "") -> None:
    """Refuse a day after the office's today (db.today) in a field that records something that has happened
    (a group's founding, a member joining a group, a meeting held), naming the field. Not a date: left to
    `clean`, which says so."""
    try:
        day = dt.date.fromisoformat(str(value or "").strip()[:10])
    except ValueError:
        return
    from . import today as office_clock
    today = office_clock.today()
    if day > today:
        table = model.TABLES[table_name]
        f = table.by_name[field_name]
        raise ValidationError(f"{table.label_zh}的“{f.label_zh}”{day} 晚于今天（{today}）{why_zh}，请核对日期",
                              f"{table.label_en}: {f.label_en} {day} is after today ({today}){why_en}: check the date",
                              code="future_date", field=field_name)


def only_fields(changes: dict, editable) -> None:
    """Refuse changes to fields a function does not edit (state moves have their own functions)."""
    bad = sorted(set(changes) - set(editable))
    if bad:
        raise ValidationError(f"不能在这里修改：{', '.join(bad)}", f"not editable here: {bad}",
                              code="not_editable", field=bad[0])


def sql_bad(f: model.Field, col: str) -> tuple[str, list]:
    """The same rules as `_clean_value`, as an SQL condition true for a stored value that the field cannot hold
    (`check`: one pass over a table, however many rows): a value of another type, an integer out of the field's
    range, text longer than its limit, an ENUM value not among its choices, a day or a time that does not exist
    or is not written the way the program writes it, a REF to an item of another list (one that names no item
    at all is a foreign key `check` finds). NULL is never bad here: a missing required value is another rule."""
    c = f'"{col}"'
    if f.kind in (model.INT, model.BOOL):
        conds = [f"typeof({c}) NOT IN ('integer', 'null')"]
        lo, hi = (0, 1) if f.kind == model.BOOL else (f.min_value, f.max_value)
        conds += [f"{c} < {int(lo)}"] if lo is not None else []
        conds += [f"{c} > {int(hi)}"] if hi is not None else []
        return " OR ".join(conds), []
    conds, params = [f"typeof({c}) NOT IN ('text', 'null')"], []
    if _LIMITS[f] is not None:
        conds.append(f"length({c}) > {int(_LIMITS[f])}")
    if f.kind == model.ENUM:
        conds.append(f"{c} NOT IN ({', '.join('?' * len(f.choices))})")
        params += list(f.choices)
    elif f.kind == model.DATE:          # through julianday(): 2026-02-30 becomes 2026-03-02, a non-date NULL
        conds.append(f"date(julianday({c})) IS NOT {c}")
    elif f.kind == model.DATETIME:      # as `_clean_value` stores it: 2026-01-31T09:30, seconds optional
        conds.append(f"(CASE length({c}) WHEN 16 THEN strftime('%Y-%m-%dT%H:%M', julianday({c})) "
                     f"WHEN 19 THEN strftime('%Y-%m-%dT%H:%M:%S', julianday({c})) END) IS NOT replace({c}, ' ', 'T')")
    elif f.kind == model.REF and f.ref_list:
        conds.append(f"{c} IN (SELECT id FROM reference_item WHERE list IS NOT ?)")
        params.append(f.ref_list)
    return f"{c} IS NOT NULL AND ({' OR '.join(conds)})", params


def sql_empty(f: model.Field, col: str) -> tuple[str, list]:
    """An SQL condition true for a stored value `clean` takes as no value: NULL, or text of nothing but blanks
    (`check`: a field the model marks required that holds none). Only text that begins with a blank (by its first
    bytes: an ASCII one, or one from U+0085 to U+3000) is trimmed to see."""
    c = f'"{col}"'
    return (f"({c} IS NULL OR ({c} < ? AND ({c} < '!' OR {c} >= ?) AND trim({c}, ?) = ''))",
            ["\u3001", "\x85", _BLANKS])


# The control characters `clean` takes out, as bytes of UTF-8 text (never part of a longer character there).
_CONTROL_BYTES = tuple(bytes([b]) for b in range(128) if _CONTROL.match(chr(b)))


def has_control(text: bytes) -> bool:
    """Whether UTF-8 text holds a control character `clean` takes out (`check` looks in a table's text read in
    blocks, db.check.value_problems; `sql_control` says which records): a byte search for each, faster there than
    one regular expression."""
    return any(b in text for b in _CONTROL_BYTES)


def sql_control(f: model.Field, col: str) -> tuple[str, list] | None:
    """An SQL condition true for text holding a control character `clean` takes out (any below a blank but the tab,
    the line feed and the carriage return, and DEL), for the text fields (the other kinds' rules already refuse
    them); None for a field of another kind."""
    if f.kind not in (model.TEXT, model.LONGTEXT):
        return None
    c = f'"{col}"'
    return f"({c} GLOB ? OR instr({c}, char(0)) > 0)", [_CONTROL_GLOB]


# The system column every replicated table has: 0 or 1, never anything else (`clean` refuses it).
SQL_BAD_DELETED = '("deleted" IS NOT 0 AND "deleted" IS NOT 1)'
