"""`reindex`: make the search index again from the records (what `check` advises when the index and the
records are out of step)."""

from __future__ import annotations

import time

from desktop.cli import Failed, db_path, open_db


def register(sub, common) -> None:
    p = sub.add_parser("reindex", parents=[common], help="按记录重建检索索引 / rebuild the search index from the records",
                       description="按现有记录重建全文检索索引（检查提示索引与数据不一致时使用；记录本身不变）。")
    p.set_defaults(func=cmd_reindex)


def cmd_reindex(args) -> int:
    from db import search
    path = db_path(args)
    if not path.exists():
        raise Failed(f"数据库文件不存在：{path}", f"database not found: {path}")
    db = open_db(args)
    total = search.rows_to_index(db)
    done = [0, time.monotonic()]

    def progress(n: int) -> None:
        done[0] += n
        if time.monotonic() - done[1] >= 2 or done[0] == total:
            done[1] = time.monotonic()
            print(f"  {done[0]:,} / {total:,}", flush=True)
    search.rebuild(db, progress)
    print(f"已重建检索索引：{total:,} 条记录 / search index rebuilt: {total:,} records")
    return 0
