"""Values are checked like typed input (SYNC.md "Trust"; SECURITY.md V1): a trusted township's package
whose values do not fit their columns is refused by name (table, field, row), never an internal error,
and the district is unchanged."""

from __future__ import annotations

import json

import pytest
from hostile import forge_stream, node_of, row_of
from syncnet import state_of

from db.write import writing


def _package_with(net, field: str, value):
    """An honest edit at T1 with one value replaced, as T1's real keys would sign it."""
    db = net.db("T1")
    office = net.office("T1")
    mid = db.execute("SELECT id FROM meeting WHERE office_id = ? AND deleted = 0 ORDER BY id LIMIT 1",
                     [office]).fetchone()[0]
    with writing(db) as w:
        w.update("meeting", mid, {"topic": "真实的修改"})
    entry = list(db.execute("SELECT origin, seq, tbl, row_id, fields, hlc FROM change_log WHERE origin = ? "
                            "ORDER BY seq DESC LIMIT 1", [node_of(net, "T1")]).fetchone())
    row = row_of(net, "T1", "meeting", mid)
    row[field] = value
    cols = list(row)
    lines = [json.dumps({"k": "log", "e": [entry]}), json.dumps({"k": "rows", "tb": "meeting", "c": cols,
                                                                 "r": [[row[c] for c in cols]]})]
    data = ("\n".join(lines) + "\n").encode("ascii")      # ensure_ascii: a lone surrogate travels as \ud800
    path = forge_stream(net, "T1", "D1", [data], declared=len(data), counts={"log": 1, "rows": 1, "blobs": 0})
    return path


@pytest.mark.parametrize("field,value,zh", [
    ("sort_key_int", 1 << 63, "超出允许范围"),
    ("topic", "议题\ud800", "UTF-8"),
    ("starts_at", "2026-02-30T09:30", "不是有效日期"),
    ("starts_at", "下周二上午", "不是有效日期"),
    ("deleted", 2, "超出允许范围"),
    ("revision", -5, "超出允许范围"),
])
def test_a_value_that_does_not_fit_its_column_is_refused_by_name(net, field, value, zh):
    if field == "sort_key_int":
        from db import model
        ints = [f.name for f in model.TABLES["meeting"].fields if f.kind == model.INT]
        if not ints:
            pytest.skip("meeting has no integer field")
        field = ints[0]
    path = _package_with(net, field, value)
    before = state_of(net.db("D1"))
    rep = net.imp("D1", path)
    assert rep.status == "refused", rep.text()
    assert rep.code == "bad_value", rep.text()
    assert zh in rep.reason_zh and f"meeting.{field}" in rep.reason_en, rep.text()
    assert state_of(net.db("D1")) == before
    net.settle()                                  # the honest edit still arrives
    assert not net.dumps_agree()
