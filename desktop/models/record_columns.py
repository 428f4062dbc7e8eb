"""Cell formats shared by the work-record lists (meetings, visits, reports, follow-ups)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from desktop.style import ERROR_COLOR

SEP = "\x1f"
OVERDUE_COLOR = QColor(ERROR_COLOR)


def ref_name_sql(alias: str) -> str:
    """A reference item's Chinese and English names in one cell (the model picks by language)."""
    return f"{alias}.name || char(31) || coalesce({alias}.name_en, '')"


def pick_ref(ctx, value: Any) -> str:
    if not value:
        return ""
    zh, _, en = str(value).partition(SEP)
    return ctx.pick(zh, en or None)


def short_time(value: Any) -> str:
    """2025-05-20T09:30 → 2025-05-20 09:30 (seconds dropped)."""
    return "" if not value else str(value).replace("T", " ")[:16]


def first_line(value: Any, limit: int = 40) -> str:
    text = "" if not value else " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
