"""The WHERE clause of a record list (meetings, visits, reports, follow-ups), built part by part
with its parameters; a filter left empty adds nothing. Dates are checked, so a malformed one is a
clear refusal rather than a silent string comparison."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from . import search
from .errors import ValidationError


def iso_day(value: str) -> str:
    """`value` as YYYY-MM-DD, or a ValidationError saying how dates are written."""
    try:
        return dt.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        raise ValidationError("日期格式应为 2026-01-31", "dates are written 2026-01-31", code="bad_date",
                              field="date") from None


class Where:
    def __init__(self, *always: str):
        self.parts = list(always)
        self.params: list = []

    def add(self, sql: str, params: Iterable = ()) -> Where:
        self.parts.append(sql)
        self.params += list(params)
        return self

    def equal(self, column: str, value) -> Where:
        return self.add(f"{column} = ?", [value]) if value else self

    def one_of(self, column: str, values: Iterable | None) -> Where:
        values = list(values or ())
        return self.add(f"{column} IN ({', '.join('?' * len(values))})", values) if values else self

    def since(self, column: str, day: str | None) -> Where:
        """`column` on or after `day` (a date, or a datetime column compared by its date)."""
        return self.add(f"{column} >= ?", [iso_day(day)]) if day else self

    def until(self, column: str, day: str | None) -> Where:
        """`column` on or before `day`; a datetime column (2026-03-05T09:30) counts the whole day."""
        if not day:
            return self
        last = dt.date.fromisoformat(iso_day(day))
        if last == dt.date.max:                     # nothing comes after it
            return self
        return self.add(f"{column} < ?", [(last + dt.timedelta(days=1)).isoformat()])

    def text(self, text: str | None, id_expr: str, table: str) -> Where:
        """The search box: rows whose words match (search.text_filter)."""
        found = search.text_filter(text, id_expr, table)
        return self.add(*found) if found else self

    def build(self) -> tuple[str, list]:
        return " AND ".join(self.parts), self.params
