"""`dump`: every replicated row with its winning values and no clocks, in a canonical order, so two
databases that hold the same data compare byte for byte (optionally only one office's scope)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import model
from ..connection import Database
from .fsutil import write_atomic
from .scope import OfficeTree


def dump_data(db: Database, scope_office: str | None = None) -> dict:
    tree = OfficeTree.load(db)
    visible = tree.visible_to(scope_office) if scope_office else None
    out = {}
    for table in model.TABLE_ORDER:
        cols = ["id", "office_id", "deleted", *model.TABLES[table].field_names]
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        cols = [c for c in cols if c in have]
        rows = []
        for r in db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY id"):
            row = dict(zip(cols, r, strict=True))
            if visible is None or visible(table, row["office_id"]):
                rows.append(row)
        out[table] = rows
    return {"format": 1, "tables": out}


def dump_text(db: Database, scope_office: str | None = None) -> str:
    data = dump_data(db, scope_office)
    lines = ['{"format":1,"tables":{']
    tables = list(data["tables"].items())
    for ti, (table, rows) in enumerate(tables):
        lines.append(json.dumps(table, ensure_ascii=False) + ":[")
        for i, row in enumerate(rows):
            lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                         + ("," if i < len(rows) - 1 else ""))
        lines.append("]" + ("," if ti < len(tables) - 1 else ""))
    lines.append("}}")
    return "\n".join(lines) + "\n"


def dump_to_file(db: Database, out: str | Path, scope_office: str | None = None) -> Path:
    text = dump_text(db, scope_office).encode("utf-8")
    return write_atomic(Path(out), lambda fh: fh.write(text))
