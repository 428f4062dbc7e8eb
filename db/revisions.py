"""Amended minutes are one meeting: a correction after the meeting was held is a new revision
(`meeting.revises_id`), and every list, count and figure shows the latest revision only. This is
the one condition for that; the earlier revisions stay for the record and show in the meeting's
timeline (db.meetings.load_meeting)."""

from __future__ import annotations


def latest_only(alias: str = "m") -> str:
    """SQL: the meeting row `alias` is the latest revision of its meeting (nothing revises it)."""
    return f"{alias}.id NOT IN (SELECT revises_id FROM meeting WHERE revises_id IS NOT NULL AND deleted = 0)"
