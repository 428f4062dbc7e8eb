"""A record's parts are the rows of its own office (SECURITY.md R4c, "Records that came in before").

Since R4c an office refuses a part (attendance line, agenda item, speech, consensus item) hung on another
office's meeting, on import and in the write path; rows received before stay (no office may delete another's
records) and `liaison-desk check` names them. Everything that reads a meeting's parts reads only those of the
meeting's own office, so such a row is neither shown, printed nor counted: in a join with the meeting the
condition is `part.office_id = m.office_id`, a filter on the row the meeting_id index found; reading one
meeting's parts by its id, `own(alias)` compares the row's office with that meeting's (one look-up of the
meeting by its primary key for each part read).
"""

from __future__ import annotations


def own(alias: str = "", owner: str = "meeting", fk: str = "meeting_id") -> str:
    """The condition that a part row (`alias`, or the query's only table) belongs to its record's office."""
    a = f"{alias}." if alias else ""
    return f"{a}office_id = (SELECT own_.office_id FROM {owner} own_ WHERE own_.id = {a}{fk})"


# Records whose files are all of their own office (no office above adds to them, SECURITY.md R4c): a file another
# office hung on one before R4c is not shown with it.
OWN_FILES = frozenset({"meeting", "visit"})


def own_of(table: str, fk: str, alias: str = "") -> str:
    """The condition that a file (`alias`, its `fk` naming a record of `table`) is of that record's office, where
    only that office adds them (OWN_FILES); else no condition ("1")."""
    return own(alias, owner=table, fk=fk) if table in OWN_FILES else "1"


def joined(part: str, owner: str = "m") -> str:
    """The same in a join of the part (`part` alias) with its record (`owner` alias)."""
    return f"{part}.office_id = {owner}.office_id"
