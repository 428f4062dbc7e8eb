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
               "AND a.status = 'present' AND a.office_id = m.office_id)", sort=None, width=44, align="right"),
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
    search_plans = ("walk", "drive", "probe", "owners")
    all_ids_plan = "owners"       # every match (the count): the parts' hits mapped through the owner maps

    def _where(self, plan: str | None, expr: str | None) -> tuple[str, list]:
        """Search finds a meeting by its topic and overview, or by any of its agenda items, speeches and
        consensus items (the same rule as db.meetings.list_meetings).

        "walk" and "drive" make the set of meeting ids from each table's own index, a part's hits mapped
        to their meeting (db.search.owner_subselect): "walk" goes down the sort index testing each
        meeting against the set (`+` keeps SQLite from driving from it), "drive" starts from the set.
        "probe" goes down the sort index asking the indexes about each meeting (its own entry under its
        rowid, then its parts' entries under theirs), one look-up each: for a frequent word the newest
        page is found after a few hundred meetings, without mapping every hit. "owners" (the count: every
        match) makes the set of meeting rowids, the parts' hits mapped through their owner maps (integers
        read in rowid order, db.search.owner_rowids), not through the parts' meeting_id indexes."""
        from db.search import fts_name, owner_rowids, owner_subselect, tail_sql
        where, params = super()._where(plan, None)
        if expr is None:
            return where, params
        if plan == "probe":             # each probe also asks the rows not indexed yet (db.search.tail_sql)
            f = fts_name("meeting")
            probes = [f"EXISTS (SELECT 1 FROM {f} WHERE {f} MATCH ? AND {f}.rowid = m.rowid)",
                      f"({tail_sql('meeting', 'm')})"]
            for child, fk in self.search_owned:
                f = fts_name(child)
                probes.append(f"EXISTS (SELECT 1 FROM {child} c JOIN {f} ON {f}.rowid = c.rowid "
                              f"WHERE c.{fk} = m.id AND c.office_id = m.office_id AND {f} MATCH ?)")
                probes.append(f"EXISTS (SELECT 1 FROM {child} c WHERE c.{fk} = m.id AND c.office_id = m.office_id "
                              f"AND {tail_sql(child, 'c')})")
            return f"{where} AND ({' OR '.join(probes)})", [*params, *[expr] * len(probes)]
        if plan == "owners":
            sub, sub_params = owner_rowids("meeting", self.search_owned, expr)
            return f"{where} AND m.rowid IN ({sub})", [*params, *sub_params]
        test = "+m.id" if plan == "walk" else "m.id"
        sub, sub_params = owner_subselect("meeting", self.search_owned, expr)
        return f"{where} AND {test} IN ({sub})", [*params, *sub_params]

    def pick_plan(self, db, expr: str, want: int) -> str:
        """"probe" when the word is frequent among the meetings' texts (few meetings walked, each a handful
        of index look-ups), else "walk" on the set of matching meetings: costs in µs from city-10y."""
        from db.search import hits_params, hits_sql
        in_meetings = sum(db.execute(f"SELECT count(*) FROM ({hits_sql(t)})", hits_params(expr)).fetchone()[0]
                          for t in ("meeting", *(c for c, _ in self.search_owned)))
        if in_meetings == 0:
            return "drive"
        size = db.execute("SELECT max(rowid) FROM meeting").fetchone()[0] or 0
        matched = max(1.0, in_meetings / 8)          # a meeting has ~8 indexed parts (city-10y: 8.4)
        walked = min(size, want * size / matched)
        probe_us = walked * 8 * 50                   # up to 8 look-ups a meeting walked, ~50 µs each
        set_us = 3 * in_meetings                     # each hit mapped to its meeting
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
