"""The members list: a paged model over `member` with sector, party, groups and levels."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt

from desktop.labels import enum_label
from desktop.models.paged import Column, PagedTableModel

# Reference names travel as "中文<US>English" and are split for the interface language.
SEP = "\x1f"


def ref_sql(alias: str) -> str:
    return f"{alias}.name || char(31) || coalesce({alias}.name_en, '')"


class MemberListModel(PagedTableModel):
    table, alias = "member", "m"
    from_sql = ("member m LEFT JOIN reference_item s ON s.id = m.sector_id "
                "LEFT JOIN reference_item p ON p.id = m.party_id")
    columns = (
        Column("name", QT_TRANSLATE_NOOP("MemberListModel", "Name"), "m.name", sort="zh_name_key(m.name)", width=90),
        Column("sex", QT_TRANSLATE_NOOP("MemberListModel", "Sex"), "m.sex", width=56),
        Column("sector", QT_TRANSLATE_NOOP("MemberListModel", "Sector"), ref_sql("s"), sort="s.sort", width=120),
        Column("party", QT_TRANSLATE_NOOP("MemberListModel", "Party"), ref_sql("p"), sort="p.sort", width=110),
        Column("post", QT_TRANSLATE_NOOP("MemberListModel", "Post"), "m.post", width=84),
        Column("work_unit", QT_TRANSLATE_NOOP("MemberListModel", "Work unit"), "m.work_unit", sort="zh_key(m.work_unit)",
               width=170),
        Column("job_title", QT_TRANSLATE_NOOP("MemberListModel", "Job title"), "m.job_title", width=100,
               hidden=True),
        Column("groups", QT_TRANSLATE_NOOP("MemberListModel", "Groups"),
               "(SELECT group_concat(name, '、') FROM (SELECT g.name FROM membership ms JOIN liaison_group g "
               "ON g.id = ms.group_id WHERE ms.member_id = m.id AND ms.deleted = 0 AND ms.left_on IS NULL "
               "ORDER BY zh_key(g.name)))", sort=None, width=170),
        Column("levels", QT_TRANSLATE_NOOP("MemberListModel", "Levels"),
               "(SELECT group_concat(lv.level, ',') FROM member_level lv WHERE lv.member_id = m.id "
               "AND lv.deleted = 0)", sort=None, width=100),
        Column("phone", QT_TRANSLATE_NOOP("MemberListModel", "Phone"), "m.phone", width=110, personal=True),
        Column("term", QT_TRANSLATE_NOOP("MemberListModel", "Term"), "m.term", width=60, hidden=True),
        Column("status", QT_TRANSLATE_NOOP("MemberListModel", "Status"), "m.status", width=60),
    )
    default_sort = ("name", Qt.SortOrder.AscendingOrder)
    search_names_sql = "zh_pinyin({a}.name) LIKE ? ESCAPE '\\'"     # by pinyin: wangyan or wy finds 王䶮

    def set_search(self, text: str) -> None:
        """Words search the index; a number of three digits or more (a phone number or part of one, typed with
        or without dashes and spaces) finds the members whose phone holds it — the phone is a column of the
        list, but not in the search index, and searching it found nobody."""
        t = (text or "").strip()
        digits = re.sub(r"[\s\-+()]", "", unicodedata.normalize("NFKC", t))      # ０８５１ from a Chinese IME too
        if digits.isascii() and digits.isdigit() and len(digits) >= 3:
            self._search = ""
            self.set_condition("phone", "replace(replace(m.phone, '-', ''), ' ', '') LIKE ?", [f"%{digits}%"])
            return
        if "phone" in self._conditions and t == self._search:      # a number cleared: the list without it
            self.set_condition("phone", None)
            return
        self._conditions.pop("phone", None)                          # a number replaced by words: one refresh
        super().set_search(text)

    def watches(self, tables: set[str]) -> bool:
        return bool(tables & {"member", "membership", "member_level", "liaison_group", "reference_item"})

    def display(self, col: Column, value: Any) -> str:
        if value is None:
            return ""
        if col.key in ("sector", "party"):
            zh, _, en = str(value).partition(SEP)
            return self.ctx.pick(zh, en)
        if col.key == "sex":
            return enum_label("sex", value)
        if col.key == "post":
            return enum_label("post", value)
        if col.key == "status":
            return enum_label("member_status", value)
        if col.key == "groups":                     # 南湖社区委员联络组、… / …, …
            from desktop.timeline_notes import names_text
            return names_text(super().display(col, value))
        if col.key == "levels":
            order = ("national", "provincial", "municipal", "district")
            codes = sorted(set(str(value).split(",")), key=lambda c: order.index(c) if c in order else 9)
            return "、".join(enum_label("member_level", c) for c in codes) if self.ctx.is_zh() else \
                ", ".join(enum_label("member_level", c) for c in codes)
        return super().display(col, value)
