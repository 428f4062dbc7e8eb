"""The search index is contentless (no second copy of the bigram text): edits, deletions and restores keep
it exact, and `check` reports what the file holds. (An older database's index: test_search_per_table.py.)"""

from __future__ import annotations

import random
import subprocess
import sys

from db import search
from db.write import writing

WORDS = ("养老", "服务", "电梯", "停车", "社区", "改造", "垃圾", "分类", "老旧", "居民", "难", "g75")


def _answers(db) -> dict:
    return {q: ([h.row_id for h in search.search(db, q, limit=1000)], search.count(db, q)) for q in WORDS}


def test_random_edits_leave_the_same_index_as_a_rebuild(core_db, group_id, refs):
    assert search.is_contentless(core_db)
    assert not core_db.execute("SELECT 1 FROM sqlite_master WHERE name LIKE '%fts_content'").fetchone()
    r = random.Random(5)
    texts = ["老旧小区改造协商", "居民反映加装电梯和停车难问题", "社区养老服务", "建设养老服务站，解决老人吃饭难",
             "G75高速沿线环境整治", "垃圾分类", "", None]
    kind = refs["meeting_kind"]["consultation"]
    ids: list[str] = []
    for _ in range(300):
        with writing(core_db) as w:
            op = r.random()
            if op < 0.3 or not ids:
                ids.append(w.insert("meeting", {"group_id": group_id, "kind_id": kind, "topic": r.choice(texts[:6]),
                                                "overview": r.choice(texts), "starts_at": "2026-11-01T09:00"}))
            elif op < 0.75:
                field = r.choice(("topic", "overview"))
                value = r.choice(texts[:6] if field == "topic" else texts)
                row = w.current("meeting", r.choice(ids))
                if not row["deleted"]:
                    w.update("meeting", row["id"], {field: value})
            elif op < 0.9:
                w.delete("meeting", r.choice(ids))
            else:
                w.restore("meeting", r.choice(ids))
    got = _answers(core_db)
    assert any(n for _, n in got.values())
    with core_db.atomic():
        search.rebuild(core_db)
    rebuilt = _answers(core_db)
    assert {q: sorted(v[0]) for q, v in got.items()} == {q: sorted(v[0]) for q, v in rebuilt.items()}
    assert {q: v[1] for q, v in got.items()} == {q: v[1] for q, v in rebuilt.items()}
    live = {i for (i,) in core_db.execute("SELECT id FROM meeting WHERE deleted = 0 AND topic LIKE '%养老%'")}
    assert set(got["养老"][0]) >= live


def test_check_reports_how_the_file_grows(demo_db_path):
    out = subprocess.run([sys.executable, "-m", "desktop.cli", "check", "--db", str(demo_db_path)],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    for label in ("变更日志 / change log", "已删除记录（墓碑） / deleted rows (tombstones)", "全文检索索引 / search index",
                  "附件", "空闲页", "整个文件 / whole file"):
        assert label in out.stdout, out.stdout
    line = next(x for x in out.stdout.splitlines() if "search index" in x)
    assert " MB" in line and "rows" in line
