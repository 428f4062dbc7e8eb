"""The sidebar pages, in order. Adding a page = adding its module here + one line below.

Each module defines `PAGE_CLASS` (a desktop.pages.base.Page subclass). A line whose module
does not exist yet is left out of the sidebar (so a page appears the day its module lands).
Titles are translated in the context "Sidebar"; icons are resources/icons/<icon>.svg.
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP


class PageEntry(NamedTuple):
    key: str          # module name under desktop.pages, and the settings key
    title: str        # English, translated in context "Sidebar"
    icon: str


PAGES: tuple[PageEntry, ...] = (
    PageEntry("home", QT_TRANSLATE_NOOP("Sidebar", "Home"), "home"),
    PageEntry("groups", QT_TRANSLATE_NOOP("Sidebar", "Liaison groups"), "groups"),
    PageEntry("members", QT_TRANSLATE_NOOP("Sidebar", "Members"), "members"),
    PageEntry("meetings", QT_TRANSLATE_NOOP("Sidebar", "Meetings"), "meetings"),
    PageEntry("visits", QT_TRANSLATE_NOOP("Sidebar", "Visits"), "visits"),
    PageEntry("opinions", QT_TRANSLATE_NOOP("Sidebar", "Opinion reports"), "opinions"),
    PageEntry("followups", QT_TRANSLATE_NOOP("Sidebar", "Follow-ups"), "followups"),
    PageEntry("assignments", QT_TRANSLATE_NOOP("Sidebar", "Assignments"), "assignments"),
    PageEntry("plan", QT_TRANSLATE_NOOP("Sidebar", "Consultation plan"), "plan"),
    PageEntry("sync", QT_TRANSLATE_NOOP("Sidebar", "Sync"), "sync"),
    PageEntry("stats", QT_TRANSLATE_NOOP("Sidebar", "Statistics"), "stats"),
    PageEntry("settings", QT_TRANSLATE_NOOP("Sidebar", "Settings"), "settings"),
)


def available_pages() -> list[PageEntry]:
    """The entries whose module exists (found without importing it)."""
    from importlib.util import find_spec
    return [p for p in PAGES if find_spec(f"desktop.pages.{p.key}") is not None]


def page_class(entry: PageEntry):
    import importlib
    return importlib.import_module(f"desktop.pages.{entry.key}").PAGE_CLASS
