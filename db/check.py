"""`check`: integrity, foreign keys, change-log consistency, search index — a report of problems."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from . import model
from .connection import Database


@dataclass(frozen=True)
class Growth:
    """One part of the file and what it takes: bytes (None where SQLite cannot measure it) and rows."""
    key: str
    label_zh: str
    label_en: str
    size: int | None
    rows: int | None = None

    def line(self) -> str:
        size = "—" if self.size is None else f"{self.size / 1e6:,.1f} MB"
        rows = "" if self.rows is None else f"，{self.rows:,} 条 / {self.rows:,} rows"
        return f"  {self.label_zh} / {self.label_en}: {size}{rows}"


@dataclass
class CheckReport:
    problems: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    growth: list[Growth] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _clock_hlc_node(text: str) -> tuple[int, str]:
    h, _, node = text.partition("@")
    return int(h, 16), node


def _object_sizes(db: Database) -> dict[str, int] | None:
    """Bytes per table and index (SQLite's dbstat); None where the library was built without it."""
    try:
        return dict(db.execute("SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall())
    except sqlite3.DatabaseError:
        return None


def growth_report(db: Database) -> list[Growth]:
    """How the file grows over the years: the change log, the deleted rows kept as tombstones (a
    deletion syncs as an edit), the search index, attachments (in the file: their records; beside it:
    the stored files), pages free for reuse, and the whole file."""
    sizes = _object_sizes(db)
    indexes: dict[str, list[str]] = {}
    for name, tbl in db.execute("SELECT name, tbl_name FROM sqlite_master WHERE type = 'index'").fetchall():
        indexes.setdefault(tbl, []).append(name)

    def table_bytes(*tables: str) -> int | None:
        if sizes is None:
            return None
        return sum(sizes.get(n, 0) for t in tables for n in (t, *indexes.get(t, ())))

    out = []
    log_rows = db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    out.append(Growth("change_log", "变更日志", "change log", table_bytes("change_log"), log_rows))
    dead = dead_bytes = 0
    for name in model.TABLES:
        n, gone = db.execute(f"SELECT count(*), coalesce(sum(deleted), 0) FROM {name}").fetchone()
        dead += gone
        if gone and sizes is not None:
            dead_bytes += table_bytes(name) * gone // n       # their share of the table and its indexes
    out.append(Growth("tombstones", "已删除记录（墓碑）", "deleted rows (tombstones)",
                      dead_bytes if sizes is not None else None, dead))
    from . import search
    fts = [n for n in (sizes or {}) for t in search.SEARCHABLE_TABLES if n.startswith(search.fts_name(t) + "_")]
    docs = sum(search.entries(db, t) for t in search.SEARCHABLE_TABLES if db[search.fts_name(t)].exists())
    out.append(Growth("search_index", "全文检索索引", "search index",
                      None if sizes is None else sum(sizes[n] for n in fts), docs))
    if "attachment" in model.TABLES:
        n = db.execute("SELECT count(*) FROM attachment WHERE deleted = 0").fetchone()[0]
        out.append(Growth("attachment_records", "附件记录（库内）", "attachment records (in the file)",
                          table_bytes("attachment"), n))
        stored = _attachment_files(db)
        if stored is not None:
            out.append(Growth("attachment_files", "附件文件（库旁）", "attachment files (beside it)", *stored))
    page = db.execute("PRAGMA page_size").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    out.append(Growth("free", "空闲页（可重用）", "free pages (reused as it grows)", free * page))
    out.append(Growth("file", "整个文件", "whole file", db.execute("PRAGMA page_count").fetchone()[0] * page))
    return out


def _attachment_files(db: Database) -> tuple[int, int] | None:
    from .attachments import store_root
    try:
        root = store_root(db)
    except Exception:  # noqa: BLE001 - an in-memory database has no folder
        return None
    if not root.is_dir():
        return 0, 0
    files = [p for p in root.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def _target_label(db: Database, table: str, row_id: str) -> str:
    """What a record is, for a person: a meeting's day and topic, another record's title or name."""
    have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
    day = next((c for c in ("starts_at", "visit_date", "collected_on", "at") if c in have), None)
    words = next((c for c in ("topic", "title", "name", "text", "summary") if c in have), None)
    cols = [c for c in (day, words) if c]
    row = db.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE id = ?", [row_id]).fetchone() if cols else None
    spec = model.TABLES[table]
    text = " ".join(str(v)[:10] if c == day else str(v)[:40] for c, v in zip(cols, row or (), strict=False) if v)
    return f"{spec.label_zh} / {spec.label_en.lower()} {row_id}" + (f"：{text}" if text else "")


def foreign_records(db: Database, limit: int | None = 20) -> list[str]:
    """Live records that point at another office's records against SECURITY.md R4c (a speech in another
    township's meeting): refused on import since, but a database may hold some that came in before. They stay
    (no office may delete another's records), and are no longer read as the parts of the record they point at
    (db.own_parts). Read a table at a time, only the columns the rule reads. `limit`: how many are listed (None:
    every one, each with the record it points at: `check --details`)."""
    from .sync.apply import foreign_references
    from .sync.scope import REFERENCES, OfficeTree
    tree = OfficeTree.load(db)
    found: list[str] = []
    rows: list[tuple[str, str, str, str]] = []
    for table, rules in REFERENCES.items():
        have = {r[1] for r in db.execute(f"PRAGMA table_info({table})")}
        cols = ["id", "office_id", *dict.fromkeys(c for f, _k, _t, tf in rules for c in (f, tf) if c)]
        if "sender_office_id" in have:
            cols.append("sender_office_id")
        cur = db.execute(f"SELECT {', '.join(cols)} FROM {table} WHERE deleted = 0")
        found += foreign_references(db, tree, {table: [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]}, {},
                                    rows)
    if not found:
        return []
    head = (f"references: {len(found)} 条记录指向其他机构的记录或另一次会议的议题（同步已不再接受这样的记录，这些是此前导入的）：它们已不再显示、"
            f"打印或计入统计，仍保留在本机（任何机构都不能删除其他机构的记录）；请联系记录所属的机构核对并在那里删除。"
            f"liaison-desk check --details 逐条列出 / {len(found)} record(s) point at another office's records or another "
            f"meeting's agenda item (sync "
            f"no longer takes such records; these came in before): they are no longer shown, printed or counted, "
            f"and stay here (no office may delete another's records); ask the office that owns them to check and "
            f"delete them there. liaison-desk check --details lists each")
    if limit is None:
        return [head, *(f"{line}\n    → {_target_label(db, t, tid)}" for line, (_tb, _i, t, tid)
                        in zip(found, rows, strict=True))]
    more = len(found) - limit
    tail = [f"……另有 {more} 条，liaison-desk check --details 逐条列出 / {more} more: check --details"] if more > 0 else []
    return [head, *found[:limit], *tail]


# What `value_problems` says of each kind of problem, after the table and field: (Chinese, English); {n} records
_VALUE_WORDS = {
    "bad": ("有 {n} 条记录的值不符合要求（类型、取值范围或长度）",
            "holds a value the field cannot hold (type, allowed values or length) in {n} record(s)"),
    "empty": ("是必填项，有 {n} 条记录为空", "is required but empty in {n} record(s)"),
    "control": ("有 {n} 条记录含有控制字符（看不见的特殊字符，本软件不会写入）",
                "holds control characters (invisible characters this program never writes) in {n} record(s)"),
    "deleted": ("有 {n} 条记录的值不是 0 或 1", "is neither 0 nor 1 in {n} record(s)"),
}


# Rows read at a time by `value_problems`: a block's text of one field is at most this many of its longest texts
# (1,000 × 20,000 characters, 60 MB), most often a few hundred kB.
VALUE_BLOCK = 1000


def value_problems(db: Database, shown: int = 3) -> list[str]:
    """Values a field cannot hold (db.validate's rules: an unknown state, a day that is not a date, a number out
    of range, text too long, a reference to another list's item), a required field left empty, control characters
    in text, a deletion flag other than 0 or 1: written into the file outside the program. One pass per table, a
    block of rows at a time, counts them for every field at once (control characters: each text field's text of
    the block, joined, searched in one go); only a field with some reads again for its count and a few ids. Names
    the table, the field and the records, never the values (they can be names and phone numbers)."""
    from .validate import SQL_BAD_DELETED, has_control, sql_bad, sql_control, sql_empty
    out = []
    for name, spec in model.TABLES.items():
        have = {r[1] for r in db.execute(f"PRAGMA table_info({name})")}
        # (column, its Chinese and English names, kind of problem, SQL condition, its parameters)
        conds: list[tuple[str, str, str, str, str, list]] = [
            ("deleted", "删除标记", "deleted flag", "deleted", SQL_BAD_DELETED, [])]
        texts = []              # the text fields, as conds would hold them: looked for control characters
        for f in (f for f in spec.fields if f.name in have):
            labels = (f.name, f.label_zh, f.label_en)
            empty = sql_empty(f, f.name) if f.required else None
            if empty:
                conds.append((*labels, "empty", *empty))
            if f.kind != model.FK:
                cond, params = sql_bad(f, f.name)
                if empty:           # said once, as empty: not also as a value the field cannot hold
                    cond, params = f"NOT {empty[0]} AND ({cond})", [*empty[1], *params]
                conds.append((*labels, "bad", cond, params))
            if control := sql_control(f, f.name):
                texts.append((*labels, "control", *control))
        cols = [f"coalesce(sum(CASE WHEN {cond} THEN 1 END), 0)" for *_l, cond, _p in conds]
        cols += [f"CAST(group_concat(\"{col}\", '') AS BLOB)" for col, *_x in texts]
        sql = f"SELECT {', '.join(cols)} FROM {name} WHERE rowid >= ? AND rowid <= ?"
        step = f"SELECT rowid FROM {name} WHERE rowid >= ? ORDER BY rowid LIMIT 1 OFFSET {VALUE_BLOCK - 1}"
        params = [p for *_x, ps in conds for p in ps]
        counts, found, start, top = [0] * len(conds), set(), -2 ** 63, 2 ** 63 - 1
        while start is not None:        # a block of rows at a time, by rowid
            end = (db.execute(step, [start]).fetchone() or [top])[0]
            row = db.execute(sql, [*params, start, end]).fetchone()
            counts = [a + b for a, b in zip(counts, row, strict=False)]
            found |= {i for i, text in enumerate(row[len(conds):]) if text and has_control(text)}
            start = end + 1 if end < top else None
        for i in sorted(found):         # how many, from the field's own condition
            *_x, cond, ps = texts[i]
            conds.append(texts[i])
            counts.append(db.execute(f"SELECT count(*) FROM {name} WHERE {cond}", ps).fetchone()[0])
        for (col, zh_name, en_name, kind, cond, ps), n in zip(conds, counts, strict=True):
            if not n:
                continue
            ids = [r[0] for r in db.execute(f"SELECT id FROM {name} WHERE {cond} LIMIT {int(shown)}", ps)]
            more_zh = f" 等 {n} 条" if n > len(ids) else ""
            more_en = f" and {n - len(ids)} more" if n > len(ids) else ""
            zh, en = (w.format(n=n) for w in _VALUE_WORDS[kind])
            out.append(f"values: {spec.label_zh}的“{zh_name}”{zh}，记录 {', '.join(map(str, ids))}{more_zh}："
                       f"数据库可能在本软件之外被修改过，请从备份恢复或联系技术支持 / "
                       f"{spec.label_en}: {en_name} ({name}.{col}) {en}: {', '.join(map(str, ids))}{more_en}; the "
                       f"file may have been changed outside this program: restore a backup or ask for support")
    return out


# The steps of a check, in order, as (Chinese, English): a city's ten-year file takes half a minute, so the
# command line says which one is running.
STEPS = (("文件完整性", "file integrity"), ("变更日志", "change log"), ("字段取值", "field values"),
         ("跨机构引用", "references to other offices"), ("检索索引", "search index"), ("文件占用", "file usage"))


def check_database(db: Database, *, details: bool = False,
                   progress: Callable[[int, int, str, str], object] | None = None) -> CheckReport:
    """`details`: every record that points at another office's records, with the record it points at.
    `progress(step, steps, zh, en)` is called as each of STEPS begins."""
    rep = CheckReport()

    def step(i: int) -> None:
        if progress is not None:
            progress(i + 1, len(STEPS), *STEPS[i])
    step(0)
    # One snapshot for every read: the window (or an import) committing meanwhile cannot make the node's
    # sequence and its change log disagree in the report. Only the search index's check writes, after it.
    try:
        with db.atomic():
            whole = _read_checks(db, rep, details, step)
    except sqlite3.DatabaseError as exc:            # a damaged file can fail even the read transaction's end
        if not any(p.startswith("integrity") for p in rep.problems):
            rep.problems.append(f"integrity: {exc} — 数据库文件已损坏，请从备份恢复 / the file is damaged: restore "
                                "a backup")
        return rep
    if not whole:
        return rep
    from . import search
    # its one write waits 3 s for another program's, not the 10 s a save waits: then it says the file is in use
    wait = db.execute("PRAGMA busy_timeout").fetchone()[0]
    db.execute("PRAGMA busy_timeout = 3000")
    step(4)
    try:
        rep.problems += search.problems(db)
    finally:
        db.execute(f"PRAGMA busy_timeout = {int(wait)}")
    step(5)
    rep.growth = growth_report(db)
    return rep


def _read_checks(db: Database, rep: CheckReport, details: bool, step: Callable[[int], None]) -> bool:
    """The checks that only read; False when the file is too damaged for the others."""
    try:
        integrity = [r[0] for r in db.execute("PRAGMA integrity_check").fetchall()]
    except sqlite3.DatabaseError as exc:            # too damaged even to be checked
        rep.problems.append(f"integrity: {exc} — 数据库文件已损坏，请从备份恢复 / the file is damaged: restore a backup")
        return False
    if integrity != ["ok"]:
        rep.problems += [f"integrity: {m}" for m in integrity[:20]]
        rep.problems.append("数据库文件已损坏，其余检查已跳过，请从备份恢复 / the file is damaged; the other checks "
                            "were skipped: restore a backup")
        return False
    for tbl, rowid, parent, _fk in db.execute("PRAGMA foreign_key_check").fetchall()[:20]:
        rep.problems.append(f"foreign key: {tbl} row {rowid} refers to a missing {parent}")
    step(1)
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
    step(2)
    rep.problems += value_problems(db)
    step(3)
    rep.problems += foreign_records(db, None if details else 20)
    guard = db.execute("SELECT guard FROM node_state WHERE id = 1").fetchone()[0]
    if guard:
        rep.problems.append("write guard left open")
    return True
