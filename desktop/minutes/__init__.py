"""Printed meeting minutes (GB/T 9704 纪要 layout) as PDF, headless: reportlab only, no Qt.

    from desktop.minutes import render_minutes, minutes_for_meeting
    info = render_minutes(minutes_for_meeting(db, meeting_id), "minutes.pdf")
"""

from .content import AgendaItem, FollowUpRow, MinutesData, Person, Speech, heading_for, minutes_from_source
from .fonts import FontSet, build_font_set, default_font_set
from .page import Cancelled
from .render import (
    BatchInfo,
    OutputError,
    RenderInfo,
    export_meetings,
    minutes_filename,
    minutes_for_meeting,
    render_many,
    render_minutes,
)

__all__ = [
    "AgendaItem", "BatchInfo", "Cancelled", "FollowUpRow", "FontSet", "MinutesData", "OutputError", "Person",
    "RenderInfo", "Speech", "build_font_set", "default_font_set", "export_meetings", "heading_for",
    "minutes_filename", "minutes_for_meeting", "minutes_from_source", "render_many", "render_minutes",
]
