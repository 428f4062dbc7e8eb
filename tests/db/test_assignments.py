"""db.assignments on one database: what each side may do, and the clear refusals (the network tests are in
tests/sync/test_assignments_network.py)."""

from __future__ import annotations

import pytest

from db import assignments as A
from db import today as office_clock
from db.errors import NotFound, StateError, ValidationError
from db.offices import add_office
from db.permissions import NotPermitted
from db.write import writing


@pytest.fixture
def offices(core_db):
    city = core_db.execute("SELECT office_id FROM node_state").fetchone()[0]
    d = add_office(core_db, code="520102", name="南明区政协", level="district", parent_id=city, by_office=city)
    t = add_office(core_db, code="520102001", name="新华路街道", level="township", parent_id=d, by_office=city)
    return city, d, t


def act_as(db, office_id):
    """This installation speaks for another office (as if it were that office's computer)."""
    db.execute("UPDATE node_state SET office_id = ? WHERE id = 1", [office_id])


def test_only_offices_directly_below_and_a_real_future_date(core_db, offices):
    city, d, t = offices
    with pytest.raises(ValidationError, match="直接下级"):
        A.create_assignment(core_db, to=[t], title="越级交办")
    with pytest.raises(ValidationError, match="已经过去"):
        A.create_assignment(core_db, to=[d], title="x", due_date="2026-11-24")
    with pytest.raises(ValidationError, match="不是有效日期"):
        A.create_assignment(core_db, to=[d], title="x", due_date="2026-13-01")
    with pytest.raises(ValidationError, match="标题"):
        A.create_assignment(core_db, to=[d], title="  ")
    with pytest.raises(ValidationError, match="接收"):
        A.create_assignment(core_db, to=[], title="x")
    assert not core_db.execute("SELECT count(*) FROM assignment").fetchone()[0]


def test_the_steps_each_side_may_take(core_db, offices, tmp_path):
    city, d, t = offices
    f = tmp_path / "批示件.txt"
    f.write_text("请抓紧办理", encoding="utf-8")
    batch = A.create_assignment(core_db, to=[d], title="停车难调研", due_date="2026-12-01", files=[f])
    row = A.find(core_db, batch, side="sent")
    assert [n for _i, kind, n in A.files(core_db, row.id) if kind == "assignment"] == ["批示件.txt"]
    with pytest.raises(StateError, match="接收机构"):
        A.receive(core_db, row.id)
    with pytest.raises(StateError, match="已反馈"):
        A.accept_answer(core_db, row.id)
    act_as(core_db, d)
    with pytest.raises(StateError, match="交办机构"):
        A.update_assignment(core_db, row.id, due_date="2027-01-01")
    with pytest.raises(NotPermitted), writing(core_db) as w:     # the write path refuses the sender's fields
        w.update("assignment", row.id, {"title": "改"})
    A.start(core_db, row.id)
    assert A.get_assignment(core_db, row.id).status == "in_progress"
    with pytest.raises(ValidationError):
        A.answer(core_db, row.id, " ")
    A.answer(core_db, row.id, "已调研")
    with pytest.raises(StateError, match="等待交办机构审核"):
        A.answer(core_db, row.id, "再答一次")
    act_as(core_db, city)
    with pytest.raises(ValidationError, match="退回理由"):
        A.return_answer(core_db, row.id, "")
    A.return_answer(core_db, row.id, "请补充数据")
    act_as(core_db, d)
    assert A.get_assignment(core_db, row.id).awaiting_answer
    assert A.answer(core_db, row.id, "补充了数据") == 2
    act_as(core_db, city)
    A.accept_answer(core_db, row.id)
    done = A.get_assignment(core_db, row.id)
    assert (done.status, done.verdict_round, done.answer_round) == ("done", 2, 2)
    with pytest.raises(StateError):
        A.return_answer(core_db, row.id, "晚了")


def test_lists_reminders_and_lookups(core_db, offices):
    city, d, t = offices
    soon = A.create_assignment(core_db, to=[d], title="三天后到期", due_date="2026-11-28")
    A.create_assignment(core_db, to=[d], title="下月到期", due_date="2026-12-31")
    assert [a.batch_id for a in A.reminders(core_db)] == [soon]
    assert [a.title for a in A.list_assignments(core_db, status="new")] == ["下月到期", "三天后到期"]
    with pytest.raises(ValidationError, match="未知的状态"):
        A.list_assignments(core_db, status="lost")
    with pytest.raises(NotFound):
        A.find(core_db, soon, side="received")
    with office_clock.pinned("2026-12-05"):
        assert [a.title for a in A.list_assignments(core_db, status="overdue")] == ["三天后到期"]
        assert [i.kind for i in A.home_items(core_db)] == ["overdue"]
    act_as(core_db, d)
    assert [i.kind for i in A.home_items(core_db)] == ["new", "new"]
    assert A.lower_offices(core_db) == [(t, "520102001", "新华路街道")]
