"""Amended minutes are one meeting: a correction after the meeting was held is a new revision
(`meeting.revises_id`), and every list, count and figure shows the latest revision only. This is
the one condition for that; the earlier revisions stay for the record and show in the meeting's
timeline (db.meetings.load_meeting)."""

from __future__ import annotations


def latest_only(alias: str = "m") -> str:
    """SQL: the meeting row `alias` is the latest revision of its meeting (nothing revises it). One look-up
    in the index on meeting.revises_id per row considered (db.schema m0007), so a page or a month of
    meetings costs what it did without it; a NOT IN list would read the whole table every time."""
    return (f"NOT EXISTS (SELECT 1 FROM meeting rev WHERE rev.revises_id = {alias}.id AND rev.deleted = 0)")
