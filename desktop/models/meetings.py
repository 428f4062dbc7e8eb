"""The meetings list: a paged model over `meeting` (latest revision of each meeting by default)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from db.revisions import latest_only
from db.sortkey import group_order
from desktop.labels import enum_label
from desktop.models.paged import Column, PagedTableModel
from desktop.models.record_columns import pick_ref, ref_name_sql, short_time


class MeetingListModel(PagedTableModel):
    table, alias = "meeting", "m"
    from_sql = ("meeting m LEFT JOIN liaison_group g ON g.id = m.group_id "
                "LEFT JOIN reference_item r ON r.id = m.kind_id")
    columns = (
        Column("starts_at", QT_TRANSLATE_NOOP("MeetingListModel", "Time"), "m.starts_at", indexed=True,
               width=122, fmt=short_time),
        Column("topic", QT_TRANSLATE_NOOP("MeetingListModel", "Topic"), "m.topic", width=230),
        Column("kind", QT_TRANSLATE_NOOP("MeetingListModel", "Kind"), ref_name_sql("r"), sort="r.sort", width=92),
        Column("group", QT_TRANSLATE_NOOP("MeetingListModel", "Liaison group"), "g.name", sort=group_order("m.group_id"),
               width=150),
        Column("state", QT_TRANSLATE_NOOP("MeetingListModel", "State"), "m.state", width=70),
        Column("attendance", QT_TRANSLATE_NOOP("MeetingListModel", "Present"),
               "(SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id AND a.deleted = 0 "
               "AND a.status = 'present')", sort=None, width=44, align="right"),
        Column("place", QT_TRANSLATE_NOOP("MeetingListModel", "Place"), "m.place", width=150, hidden=True),
        Column("revision", QT_TRANSLATE_NOOP("MeetingListModel", "Revision"), "m.revision", width=50,
               align="right", hidden=True),
    )
    default_sort = ("starts_at", Qt.SortOrder.DescendingOrder)

    def __init__(self, ctx, parent=None):
        self.show_superseded = False
        super().__init__(ctx, parent)

    def base_conditions(self) -> list[tuple[str, list]]:
        out = super().base_conditions()
        if not self.show_superseded:
            out.append((latest_only("m"), []))
        return out

    search_owned = (("agenda_item", "meeting_id"), ("speech", "meeting_id"), ("consensus_item", "meeting_id"))
    search_plans = ("walk", "drive", "probe")

    def _where(self, plan: str | None, expr: str | None) -> tuple[str, list]:
        """Search finds a meeting by its topic and overview, or by any of its agenda items, speeches and
        consensus items (the same rule as db.meetings.list_meetings).

        "walk" and "drive" make the set of meeting ids from one MATCH whose hits in those four tables are
        mapped to their meeting (db.search.owner_subselect): "walk" goes down the sort index testing each
        meeting against the set (`+` keeps SQLite from driving from it), "drive" starts from the set.
        "probe" goes down the sort index asking the index about each meeting's own entries (the meeting,
        then its parts), one look-up each: for a frequent word the newest page is found after a few
        hundred meetings, without mapping every hit (社区: 419k hits, 67k in meetings)."""
        where, params = super()._where(plan, None)
        if expr is None:
            return where, params
        if plan == "probe":
            probes = ["EXISTS (SELECT 1 FROM search_doc sd JOIN search_fts sf ON sf.rowid = sd.rowid "
                      "WHERE sd.row_id = m.id AND sd.tbl = 'meeting' AND search_fts MATCH ?)"]
            probes += [f"EXISTS (SELECT 1 FROM {child} c JOIN search_doc sd ON sd.row_id = c.id AND sd.tbl = "
                       f"'{child}' JOIN search_fts sf ON sf.rowid = sd.rowid WHERE c.{fk} = m.id "
                       f"AND search_fts MATCH ?)" for child, fk in self.search_owned]
            return f"{where} AND ({' OR '.join(probes)})", [*params, *[expr] * len(probes)]
        from db.search import owner_subselect
        test = "+m.id" if plan == "walk" else "m.id"
        return f"{where} AND {test} IN ({owner_subselect('meeting', self.search_owned)})", [*params, expr]

    def pick_plan(self, db, expr: str, want: int) -> str:
        """"probe" when the word is frequent among the meetings' texts (few meetings walked, each a handful
        of index look-ups), else "walk" on the set of matching meetings: costs in µs from city-10y."""
        hits = db.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", [expr]).fetchone()[0]
        if hits == 0:
            return "drive"
        family = {"meeting", *(c for c, _ in self.search_owned)}
        top = db.execute("SELECT max(rowid) FROM search_doc").fetchone()[0] or 0
        sample: list[str] = []                      # 5 × 40 hits spread over the index's whole history
        for k in range(5):
            sample += [t for (t,) in db.execute(
                "SELECT sd.tbl FROM search_fts sf JOIN search_doc sd ON sd.rowid = sf.rowid "
                "WHERE search_fts MATCH ? AND sf.rowid >= ? ORDER BY sf.rowid LIMIT 40", [expr, k * top // 5])]
        in_meetings = hits * sum(t in family for t in sample) / max(len(sample), 1)
        if in_meetings < 1:
            return "drive"
        size = db.execute("SELECT max(rowid) FROM meeting").fetchone()[0] or 0
        matched = max(1.0, in_meetings / 8)          # a meeting has ~8 indexed parts (city-10y: 8.4)
        walked = min(size, want * size / matched)
        probe_us = walked * 8 * 50                   # up to 8 look-ups a meeting walked, ~50 µs each
        set_us = 0.3 * hits + 3 * in_meetings        # every hit told apart by table; meeting hits mapped
        return "probe" if probe_us < set_us else "walk"

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"meeting", "attendance", "agenda_item", "speech", "consensus_item",
                              "liaison_group", "reference_item"})

    def display(self, col: Column, value: Any) -> str:
        if col.key == "kind":
            return pick_ref(self.ctx, value)
        if col.key == "state":
            return enum_label("meeting_state", value)
        return super().display(col, value)
