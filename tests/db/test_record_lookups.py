"""Choices offered by the record editors."""

from __future__ import annotations

import records_world

from db.record_lookups import group_choices, member_choices, member_names

records_template, db, world = records_world.records_template, records_world.db, records_world.world


def test_groups_and_members_to_choose_from(db, world):
    assert [n for _, n in group_choices(db)] == ["花果园街道委员联络组", "新华路街道委员联络组"]   # hua < xin
    assert group_choices(db, office_id="elsewhere") == []
    names = [n for _, n in member_choices(db, world.group)]
    assert names[:2] == ["王𠇔", "李䶮"] and "赵六" not in names
    with_outsider = member_choices(db, world.group, include=[world.outsider, world.members["王𠇔"]])
    assert with_outsider[-1] == (world.outsider, "钱七") and len(with_outsider) == len(names) + 1
    assert member_choices(db, None) == []
    assert member_names(db, [world.outsider]) == {world.outsider: "钱七"}
