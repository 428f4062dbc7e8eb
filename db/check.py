"""`check`: integrity, foreign keys, change-log consistency, search index — a report of problems."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from sqlite_utils import Database

from . import model


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def _clock_hlc_node(text: str) -> tuple[int, str]:
    h, _, node = text.partition("@")
    return int(h, 16), node


def check_database(db: Database) -> CheckReport:
    rep = CheckReport()
    try:
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:            # too damaged even to be checked
        rep.problems.append(f"integrity: {exc} — 数据库文件已损坏，请从备份恢复 / the file is damaged: restore a backup")
        return rep
    if integrity != ["ok"]:
        rep.problems += [f"integrity: {m}" for m in integrity[:20]]
        rep.problems.append("数据库文件已损坏，其余检查已跳过，请从备份恢复 / the file is damaged; the other checks "
                            "were skipped: restore a backup")
        return rep
    for tbl, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        rep.problems.append(f"foreign key: {tbl} row {rowid} refers to a missing {parent}")
    # Change-log consistency: every row's clocks name a logged change, and this node's
    # sequence is gapless and matches node_state.
    node_id, seq = db.execute("SELECT node_id, seq FROM node_state WHERE id = 1").fetchone()
    n, lo, hi = db.execute("SELECT count(*), min(seq), max(seq) FROM change_log WHERE origin = ?",
                           [node_id]).fetchone()
    if n and (lo != 1 or hi != n):
        rep.problems.append(f"change log: this node's sequence has gaps ({n} entries, {lo}..{hi})")
    if (hi or 0) != seq:
        rep.problems.append(f"change log: node sequence {seq} but log ends at {hi or 0}")
    # Every clock this node stamped must have its log entry (received rows carry clocks whose
    # entries may have been acknowledged before they came into this office's scope).
    logged = {h for (h,) in db.execute("SELECT hlc FROM change_log WHERE origin = ?", [node_id])}
    for name in model.TABLES:
        rows = db.execute(f"SELECT id, _rc, _fc FROM {name}").fetchall()
        rep.counts[name] = len(rows)
        missing = 0
        for _id, rc, fc in rows:
            clocks = [rc] + ([v[0] for v in json.loads(fc).values()] if fc else [])
            for c in clocks:
                hlc, node = _clock_hlc_node(c)
                missing += node == node_id and hlc not in logged
        if missing:
            rep.problems.append(f"change log: {missing} clock(s) in {name} have no log entry")
    guard = db.execute("SELECT guard FROM node_state WHERE id = 1").fetchone()[0]
    if guard:
        rep.problems.append("write guard left open")
    try:
        bad = db.execute("INSERT INTO search_fts(search_fts, rank) VALUES ('integrity-check', 1)")
        del bad
    except Exception as exc:  # noqa: BLE001 - report, do not crash the check
        rep.problems.append(f"search index: {exc}")
    return rep
