"""Chinese full-text search: character bigrams in one FTS5 index per searchable table.

Chinese has no spaces and most words are two characters, which FTS5's trigram tokenizer
cannot match. We tokenize in Python: each run of CJK characters becomes its overlapping
bigrams plus its last character alone, other text becomes lowercase words. FTS5's unicode61
tokenizer then only splits on the spaces we put in. A query of 2+ CJK characters is the
phrase of its bigrams; a 1-character query is a prefix query (every character starts a bigram
or ends its run alone, so the prefix finds every position). The index is derived (not replicated) and
kept up to date by db.write and db.sync.apply.

One index per table (`<table>_fts`, m0012), and an entry's FTS rowid IS its row's own SQLite rowid: a
list's search is `t.rowid IN (SELECT rowid FROM t_fts WHERE t_fts MATCH ?)`, which FTS5 answers from
that table's hits alone, and the write path adds one FTS row per row and nothing else. (Before m0012
one index held every table, mapped to rows by a `search_doc (rowid, tbl, row_id)` table: each write
paid two more B-tree inserts keyed by random text, and each search read the word's hits in all tables
— 社区: 419k — to keep one table's.)

Rowids and VACUUM: a replicated table has `id TEXT PRIMARY KEY`, not an INTEGER PRIMARY KEY, and
SQLite's documentation says VACUUM *may* renumber such a table's rowids. The application never
VACUUMs its database (only `accounts.scrub_copy` VACUUMs a backup copy, which may be restored), and
SQLite's VACUUM copies a table that has any index (every replicated table has the index of its
primary key) with its rowids (tests/db/test_search_per_table.py VACUUMs and searches again, so a
SQLite that behaved otherwise fails there). Should the rowids ever move all the same, `check`
(`problems`) finds rows whose words the index does not give back under their rowid, and `rebuild`
makes the index again from the tables. A migration that copies a searchable table into a new one
(sqlite-utils `transform`, `INSERT INTO new SELECT ...`) gives its rows new rowids: it must call
`rebuild` after.

Each index is contentless (content=''): it holds the inverted index only, not a second copy of the
bigram text. A contentless table's entry is removed with the 'delete' command given the text it was
indexed with, so index_rows takes each row's values before the change (`old`); SQLite 3.40 (Debian 12)
has no contentless_delete. A row has an entry exactly when it is not deleted and has text.

Deferred indexing (m0015): a table's new rows are not indexed by the transaction that writes them. Each
table has a mark in `search_mark`, "indexed up to rowid N"; SQLite gives a new row a rowid above every
row's, so what a write path or a sync import adds lies above the mark, and `catch_up` indexes it after the
commit, in small transactions (the window does it on a worker right after each write, the command line
before it exits). Until then the searches read those rows straight from the table: `hits_sql` is the
index's hits plus the rows above the mark whose text `ld_match` finds the words in (the same tokens, so
the same rows as the index will give). An edit or deletion of a row at or below the mark updates its
entry in the same transaction (the contentless index needs the text the entry was made with); one above
the mark has no entry yet and needs nothing. A new row that SQLite placed at or below the mark (a rowid
reused after the newest rows were removed) is indexed at once. Why: the index update was as dear as the
row itself (tokenizing in Python ~8 µs, the FTS5 insert ~10 µs a row), so a speech saved or a year of
changes imported cost 3–4× a raw insert; the clerk no longer waits for it.
"""

from __future__ import annotations

import heapq
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from . import model
from .connection import Database
from .errors import DatabaseProblem, sqlite_words

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"[{_CJK}]+|(?:(?![{_CJK}])[^\W_])+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")

SEARCHABLE_TABLES = {name: t.searchable for name, t in model.TABLES.items() if t.searchable}
# A searchable part table (speech, agenda_item, consensus_item) → (its owner table, the column holding the
# owner's id): its search hits are mapped to their owner through `<part>_owner` (m0019, see owner_rowids).
OWNERS = {name: (t.field(t.parent).fk, t.parent) for name, t in model.TABLES.items() if t.searchable and t.parent}


# The same runs as _RUN, as two groups (CJK, other) in one class each: tokenize's hot loop (every
# indexed write) without the look-ahead per character; 40 % less time a row than _RUN + _run_tokens.
_SPLIT = re.compile(rf"([{_CJK}]+)|([^\W_{_CJK}]+)", re.UNICODE)
_pair = str.__add__


def tokenize(text: str | None) -> str:
    """The indexed form of a text: bigrams and words separated by spaces. Each run of CJK characters
    gives its overlapping bigrams and its last character alone; other words, lowercased."""
    if not text:
        return ""
    out: list[str] = []
    extend, append = out.extend, out.append
    for cjk, other in _SPLIT.findall(text):
        if cjk:
            if len(cjk) > 1:
                extend(map(_pair, cjk, cjk[1:]))
            append(cjk[-1])
        else:
            append(other.lower())
    return " ".join(out)


def match_expression(query: str) -> str | None:
    """FTS5 MATCH text for a user's query; every word must be found (AND). None: nothing to search."""
    parts = []
    for run in _RUN.findall(query or ""):
        if _IS_CJK.match(run) and len(run) == 1:
            parts.append(f'"{run}"*')
        elif _IS_CJK.match(run):
            parts.append('"' + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + '"')
        else:
            parts.append(f'"{run.lower()}"*' if len(run) < 3 else f'"{run.lower()}"')
    return " AND ".join(parts) or None


# -- the indexes ---------------------------------------------------------------------------
def fts_name(table: str) -> str:
    """The index of `table` (its FTS rowid = the row's rowid)."""
    if table not in SEARCHABLE_TABLES:
        raise KeyError(f"{table} has no search index")
    return f"{table}_fts"


# No prefix index: it doubled the cost of every indexed write and took 118 MB on city-10y, to serve
# only 1-character queries, which a prefix scan answers in tens of ms. Contentless: see the docstring.
_FTS_SQL = ("CREATE VIRTUAL TABLE IF NOT EXISTS {name} USING fts5(body, content='', tokenize='unicode61', "
            "columnsize=0)")


def hits_sql(table: str) -> str:
    """`SELECT rowid` of `table`'s rows whose text has the words: the index's hits and the rows above its
    mark that are not indexed yet. Two parameters: hits_params(match_expression(q))."""
    fts = fts_name(table)
    return f"SELECT rowid FROM {fts} WHERE {fts} MATCH ? UNION ALL {tail_sql(table)}"


def tail_sql(table: str, alias: str | None = None) -> str:
    """`SELECT rowid` of `table`'s rows above its mark (not indexed yet) whose text has the words; one
    parameter, match_expression(q). With `alias`, the condition alone for that row (`alias.rowid > ...`)."""
    fields = SEARCHABLE_TABLES[table]
    a = f"{alias}." if alias else ""
    cond = (f"{a}rowid > coalesce((SELECT upto FROM search_mark WHERE tbl = '{table}'), 0) AND {a}deleted = 0 AND "
            f"ld_match(?, {', '.join(a + f for f in fields)})")
    return cond if alias else f"SELECT rowid FROM {table} WHERE {cond}"


def hits_params(expr: str) -> list[str]:
    """The parameters of hits_sql (and so of ids_sql)."""
    return [expr, expr]


def ids_sql(table: str) -> str:
    """`SELECT id` of `table`'s rows whose text has the words; parameters hits_params(match_expression(q))."""
    return f"SELECT id FROM {table} WHERE rowid IN ({hits_sql(table)})"


def create_index(db: Database) -> None:
    """Make the empty index of every searchable table (rebuild fills them)."""
    for table in SEARCHABLE_TABLES:
        db.execute(_FTS_SQL.format(name=fts_name(table)))


# -- deferred indexing (m0015) --------------------------------------------------------------
_NO_MARK = 1 << 63        # before m0015 (migrations of an old database): every row is indexed at once


def create_marks(db: Database) -> None:
    """m0015: the marks, each table's rows all indexed so far."""
    db.execute("CREATE TABLE IF NOT EXISTS search_mark (tbl TEXT PRIMARY KEY NOT NULL, upto INTEGER NOT NULL)")
    _set_marks_to_top(db)


def _set_marks_to_top(db: Database) -> None:
    if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'search_mark'").fetchone():
        return
    for table in SEARCHABLE_TABLES:
        db.execute("INSERT OR REPLACE INTO search_mark (tbl, upto) VALUES (?, "
                   f"(SELECT coalesce(max(rowid), 0) FROM {table}))", [table])


def mark(db: Database, table: str) -> int:
    """The rowid up to which `table`'s rows are indexed (0, none, for a table without a mark yet)."""
    try:
        row = db.conn.execute("SELECT upto FROM search_mark WHERE tbl = ?", (table,)).fetchone()
    except sqlite3.OperationalError:        # no search_mark yet: during the migrations of an old file
        return _NO_MARK
    return row[0] if row else 0


def pending(db: Database) -> int:
    """About how many rows wait to be indexed (rows above the marks, deleted ones included)."""
    total = 0
    for table in SEARCHABLE_TABLES:
        top = db.conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
        total += max(0, top - min(mark(db, table), top))
    return total


def catch_up(db: Database, *, chunk: int = 2000, progress: Callable[[int], None] | None = None,
             stop: Callable[[], bool] | None = None) -> int:
    """Index the rows above the marks, `chunk` rows a transaction (a write waiting meanwhile waits for
    one chunk at most), or all in the caller's transaction. Returns how many rows were read; `stop()`
    true ends it between chunks (the rest stays above the mark, still found by the searches)."""
    done = 0
    for table in SEARCHABLE_TABLES:
        while True:
            if stop is not None and stop():
                return done
            box = [0]

            def work(table=table, box=box):
                box[0] = _index_above_mark(db, table, chunk)
            _in_transaction(work, db)
            done += box[0]
            if progress is not None and box[0]:
                progress(box[0])
            if box[0] < chunk:
                break
    return done


def _index_above_mark(db: Database, table: str, limit: int) -> int:
    upto = mark(db, table)
    if upto == _NO_MARK:
        return 0
    fields = SEARCHABLE_TABLES[table]
    rows = db.conn.execute(f"SELECT rowid, deleted, {', '.join(fields)} FROM {table} WHERE rowid > ? "
                           f"ORDER BY rowid LIMIT ?", (upto, limit)).fetchall()
    if not rows:
        return 0
    bodies = [(r[0], " ".join([tokenize(v) for v in r[2:] if v])) for r in rows if not r[1]]
    fts = fts_name(table)
    db.conn.executemany(f"INSERT INTO {fts} (rowid, body) VALUES (?, ?)", [b for b in bodies if b[1]])
    if table in OWNERS and has_owner_maps(db):
        db.conn.execute(_map_owners_sql(table, "c.rowid > ? AND c.rowid <= ?"), (upto, rows[-1][0]))
    db.conn.execute("INSERT OR REPLACE INTO search_mark (tbl, upto) VALUES (?, ?)", (table, rows[-1][0]))
    return len(rows)


# -- owner maps (m0019) ------------------------------------------------------------------------
# `<part>_owner (part INTEGER PRIMARY KEY, owner INTEGER)`: a part row's rowid → its owner's rowid (a
# speech → its meeting). Why: a list's count of the meetings a frequent word is in maps every hit in the
# parts to its meeting. Through the parts' (meeting_id, rowid) indexes that reads 7.5 MB on a city's ten
# years (text ids of 36 characters; pages spread over the file, so read at random: ~210 ms with the file out
# of the OS cache, after a reboot); the maps hold the same in 1.6 MB of integers, written in rowid order.
# Derived like the index, kept with it: catch_up maps the rows it passes (deleted ones too), an edit that
# moves a part to another owner re-maps it, rebuild makes them again. A part without an entry (above the
# mark, or an owner not there when it was mapped) is looked up through its row: the maps only speed up,
# never decide (owner_rowids). Rowids are stable here (see the module's docstring on VACUUM).


def owner_map(table: str) -> str:
    """The owner map of a part table."""
    if table not in OWNERS:
        raise KeyError(f"{table} has no owner")
    return f"{table}_owner"


def has_owner_maps(db: Database) -> bool:
    """Whether the maps exist (not during the migrations before m0019)."""
    name = owner_map(next(iter(OWNERS)))
    return db.conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() \
        is not None


def _map_owners_sql(table: str, where: str) -> str:
    owner, fk = OWNERS[table]
    return (f"INSERT OR REPLACE INTO {owner_map(table)} (part, owner) SELECT c.rowid, o.rowid FROM {table} c "
            f"JOIN {owner} o ON o.id = c.{fk} AND o.office_id = c.office_id WHERE {where}")


def create_owner_maps(db: Database) -> None:
    """m0019: the maps, filled for every part row at or below its table's mark."""
    for table in OWNERS:
        db.execute(f"CREATE TABLE IF NOT EXISTS {owner_map(table)} (part INTEGER PRIMARY KEY, owner INTEGER NOT NULL)")
        db.execute(f"DELETE FROM {owner_map(table)}")
        db.execute(_map_owners_sql(table, "c.rowid <= ?"), [mark(db, table)])



def unmap_foreign_parts(db: Database) -> None:
    """Drop the entries of parts not of their owner's office (mapped before m0020): one pass over each part table."""
    for table, (owner, fk) in OWNERS.items():
        db.execute(f"DELETE FROM {owner_map(table)} WHERE part IN (SELECT c.rowid FROM {table} c JOIN {owner} o "
                   f"ON o.id = c.{fk} WHERE o.office_id IS NOT c.office_id)")


def owner_rowids(parent: str, children: Iterable[tuple[str, str]], expr: str) -> tuple[str, list]:
    """`SELECT` of the rowids of `parent` rows whose own text or any child's text has the words (as
    owner_subselect, by rowid), with its params. A child's hits are mapped through its owner map, reading
    the map's pages in rowid order; a hit without an entry is looked up through its row."""
    parts = [hits_sql(parent)]
    for child, fk in children:
        if OWNERS.get(child) != (parent, fk):
            raise ValueError(f"{child}.{fk} is not mapped to {parent}")
        parts.append(f"SELECT coalesce(o.owner, (SELECT p.rowid FROM {child} c JOIN {parent} p ON p.id = c.{fk} "
                     f"AND p.office_id = c.office_id WHERE c.rowid = h.rowid)) "
                     f"FROM ({hits_sql(child)}) h LEFT JOIN {owner_map(child)} o ON o.part = h.rowid")
    return " UNION ALL ".join(parts), hits_params(expr) * len(parts)


def _owner_problems(db: Database) -> list[str]:
    out = []
    for table, (owner, fk) in OWNERS.items():
        wrong = db.execute(f"SELECT count(*) FROM {owner_map(table)} m JOIN {table} c ON c.rowid = m.part "
                           f"LEFT JOIN {owner} o ON o.id = c.{fk} AND o.office_id = c.office_id "
                           f"WHERE o.rowid IS NOT m.owner").fetchone()[0]
        if wrong:
            out.append(f"search index: {wrong} {table} rows mapped to the wrong {owner} — rebuild it: "
                       f"liaison-desk reindex / 检索索引与数据不一致，请重建索引（liaison-desk reindex）")
    return out


# -- matching a row that is not indexed yet (ld_match) ----------------------------------------
_PART = re.compile(r'"((?:[^"]|"")*)"(\*?)')


def _fold(token: str) -> str:
    """What FTS5's unicode61 tokenizer keeps of a token: diacritics removed (café → cafe)."""
    if token.isascii():
        return token
    return "".join(c for c in unicodedata.normalize("NFKD", token) if not unicodedata.combining(c))


@lru_cache(maxsize=64)
def _parts(expr: str) -> tuple[tuple[tuple[str, ...], bool], ...]:
    return tuple((tuple(_fold(t) for t in text.replace('""', '"').split()), star == "*")
                 for text, star in _PART.findall(expr))


def ld_match(expr: str | None, *values) -> int:
    """SQL function: whether a row's texts have every part of a MATCH expression made by
    match_expression — the same test FTS5 makes of the row's entry (phrases of consecutive tokens,
    `"x"*` a token starting with x), on the tokens `tokenize` gives."""
    if not expr:
        return 0
    tokens = [_fold(t) for t in " ".join([tokenize(v) for v in values if isinstance(v, str) and v]).split()]
    if not tokens:
        return 0
    for words, prefix in _parts(expr):
        if not words:
            return 0
        n = len(words)
        if prefix and n == 1:
            if not any(t.startswith(words[0]) for t in tokens):
                return 0
            continue
        last = len(tokens) - n
        found = False
        for i, t in enumerate(tokens):
            if i > last:
                break
            if t == words[0] and all(tokens[i + k] == words[k] for k in range(1, n - 1)) and (
                    tokens[i + n - 1].startswith(words[-1]) if prefix else tokens[i + n - 1] == words[-1]):
                found = True
                break
        if not found:
            return 0
    return 1


def register(conn: sqlite3.Connection) -> None:
    """Add ld_match to a connection (db.database.connect does it for every connection of ours)."""
    conn.create_function("ld_match", -1, ld_match, deterministic=True)


def _body(row: dict, fields: Iterable[str]) -> str:
    return " ".join(tokenize(row.get(f)) for f in fields if row.get(f))


def index_rows(db: Database, table: str, rows: Iterable[dict], old: Iterable[dict | None]) -> None:
    """Add, refresh or remove the index entries of changed rows (a deleted row leaves the index). `old`:
    each row's values before the change, in the same order (None for a row that is new here): the
    contentless index removes an entry by the text it was indexed with."""
    fields = SEARCHABLE_TABLES.get(table)
    if not fields:
        return
    fts = fts_name(table)
    conn = db.conn
    upto = None
    fk = OWNERS[table][1] if table in OWNERS else None
    for row, before in zip(rows, old, strict=True):
        body = "" if row.get("deleted") else _body(row, fields)
        old_body = "" if before is None or before.get("deleted") else _body(before, fields)
        moved = fk is not None and before is not None and fk in row and row[fk] != before.get(fk)
        if old_body == body and not moved:
            continue
        rowid = conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (row["id"],)).fetchone()[0]
        if upto is None:
            upto = mark(db, table)
        if rowid > upto:
            continue                        # not indexed yet: catch_up reads its text as it is then
        if moved and has_owner_maps(db):    # a part moved to another owner: its entry follows it
            conn.execute(f"DELETE FROM {owner_map(table)} WHERE part = ?", (rowid,))
            conn.execute(_map_owners_sql(table, "c.rowid = ?"), (rowid,))
        if old_body == body:
            continue
        if old_body:
            conn.execute(f"INSERT INTO {fts} ({fts}, rowid, body) VALUES ('delete', ?, ?)", (rowid, old_body))
        if body:
            conn.execute(f"INSERT INTO {fts} (rowid, body) VALUES (?, ?)", (rowid, body))


def _rowids_of_new(db: Database, table: str, rows: list[dict]) -> list[int]:
    """The rowids SQLite gave `rows`, just inserted by one executemany in this order: one larger than the
    largest each time, so consecutive — checked at both ends; else (a table at the largest rowid, where
    SQLite picks them at random) looked up one by one."""
    conn = db.conn
    first = conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (rows[0]["id"],)).fetchone()[0]
    last = first + len(rows) - 1
    at_last = conn.execute(f"SELECT id FROM {table} WHERE rowid = ?", (last,)).fetchone()
    if at_last is not None and at_last[0] == rows[-1]["id"]:
        return list(range(first, last + 1))
    return [conn.execute(f"SELECT rowid FROM {table} WHERE id = ?", (r["id"],)).fetchone()[0] for r in rows]


def index_new_rows(db: Database, table: str, rows: list[dict], rowids: list[int] | None = None) -> None:
    """Rows known to be new, just inserted by one executemany in this order (their rowids are found
    from that), or with their `rowids` given: those above the mark (all, but for a reused rowid) are left to
    catch_up, the others indexed now, in one executemany."""
    fields = SEARCHABLE_TABLES.get(table)
    if not fields or not rows:
        return
    if rowids is None:
        rowids = _rowids_of_new(db, table, rows)
    upto = mark(db, table)
    bodies = []
    for rowid, row in zip(rowids, rows, strict=True):
        if rowid > upto:
            continue                        # above the mark: catch_up indexes it after the commit
        if not row.get("deleted"):
            body = _body(row, fields)
            if body:
                bodies.append((rowid, body))
    fts = fts_name(table)
    db.conn.executemany(f"INSERT INTO {fts} (rowid, body) VALUES (?, ?)", bodies)
    below = [(r,) for r in rowids if r <= upto]            # reused rowids, mapped now like their entries
    if below and table in OWNERS and has_owner_maps(db):
        db.conn.executemany(_map_owners_sql(table, "c.rowid = ?"), below)


def _fill(db: Database, table: str, progress: Callable[[int], None] | None = None) -> int:
    """Index every live row of `table` (its index empty). The texts are tokenized straight from the
    fetched tuples (a quarter less time than through a dict a row: m0012 on a city's ten years)."""
    fields = SEARCHABLE_TABLES[table]
    fts = fts_name(table)
    cur = db.conn.execute(f"SELECT rowid, {', '.join(fields)} FROM {table} WHERE deleted = 0")
    n = 0
    while batch := cur.fetchmany(5000):
        bodies = [(r[0], " ".join([tokenize(v) for v in r[1:] if v])) for r in batch]
        db.conn.executemany(f"INSERT INTO {fts} (rowid, body) VALUES (?, ?)", [b for b in bodies if b[1]])
        n += len(batch)
        if progress is not None:
            progress(len(batch))
    return n


def _in_transaction(work: Callable[[], None], db: Database) -> None:
    """Run `work` inside the caller's transaction, or in one of its own: row by row in autocommit each
    insert would flush an FTS5 segment of its own (m0012 on a city's ten years: 217 s instead of 30)."""
    conn = db.conn
    if conn.in_transaction:
        work()
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        work()
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def rebuild(db: Database, progress: Callable[[int], None] | None = None) -> None:
    """Make the whole index again from the tables (after restore, upgrade, or a failed check), in one
    transaction. `progress(n)` is told of every n rows indexed."""
    def work():
        for table in SEARCHABLE_TABLES:
            fts = fts_name(table)
            db.execute(f"DROP TABLE IF EXISTS {fts}")       # faster than 'delete-all' and leaves no segments
            db.execute(_FTS_SQL.format(name=fts))
            _fill(db, table, progress)
        _set_marks_to_top(db)
        if has_owner_maps(db):
            create_owner_maps(db)
    _in_transaction(work, db)


def rows_to_index(db: Database) -> int:
    """How many rows rebuild reads (for a progress bar)."""
    return sum(db.execute(f"SELECT count(*) FROM {t} WHERE deleted = 0").fetchone()[0] for t in SEARCHABLE_TABLES)


def has_single_index(db: Database) -> bool:
    """A database before m0012: one `search_fts` over all tables, mapped through `search_doc`."""
    return db["search_doc"].exists()


def split_index(db: Database, progress: Callable[[int], None] | None = None) -> None:
    """m0012: the single index (search_fts + search_doc) replaced by one index per table, built from the
    tables. The old one is dropped first, so the new ones reuse its pages instead of growing the file."""
    if not has_single_index(db):
        return

    def work():
        db.execute("DROP TABLE IF EXISTS search_fts")
        db.execute("DROP TABLE search_doc")
        rebuild(db, progress)
    _in_transaction(work, db)


# -- before m0012 (for migrations m0002..m0011 of an old database only) --------------------
_OLD_FTS_SQL = "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', tokenize='unicode61', columnsize=0)"


def is_contentless(db: Database) -> bool:
    """Whether every index is contentless (the single index before m0012, or each table's)."""
    names = ["search_fts"] if db["search_fts"].exists() else [fts_name(t) for t in SEARCHABLE_TABLES]
    for name in names:
        row = db.execute("SELECT sql FROM sqlite_master WHERE name = ?", [name]).fetchone()
        if not row or "content=''" not in row[0].replace('"', "'"):
            return False
    return True


def make_contentless(db: Database) -> None:
    """m0011: replace a single index that keeps its own copy of the text by a contentless one, under the
    same rowids. Nothing to do on a database whose index m0002 already made per table."""
    if not db["search_fts"].exists() or not has_single_index(db) or is_contentless(db):
        return
    db.execute("DROP TABLE search_fts")
    db.execute(_OLD_FTS_SQL)
    conn = db.conn
    for table, fields in SEARCHABLE_TABLES.items():
        cols = ", ".join(f"t.{f}" for f in fields)
        cur = conn.execute(f"SELECT d.rowid, {cols} FROM search_doc d JOIN {table} t ON t.id = d.row_id "
                           f"WHERE d.tbl = ? AND t.deleted = 0", (table,))
        while batch := cur.fetchmany(5000):
            bodies = [(r[0], _body(dict(zip(fields, r[1:], strict=True)), fields)) for r in batch]
            conn.executemany("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", [b for b in bodies if b[1]])


# -- searching -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Hit:
    table: str
    row_id: str


def _tables(tables: Iterable[str] | None) -> list[str]:
    return list(SEARCHABLE_TABLES) if tables is None else [t for t in tables if t in SEARCHABLE_TABLES]


def search(db: Database, query: str, *, tables: Iterable[str] | None = None,
           limit: int = 100, offset: int = 0) -> list[Hit]:
    """Rows whose searchable text contains every word of `query`, newest first: each table's hits by
    rowid (the order they were written here), the tables merged by the rows' own clocks (`_rc`)."""
    expr = match_expression(query)
    if expr is None or limit <= 0:
        return []
    runs = []
    for table in _tables(tables):
        fts = fts_name(table)           # newest first: the rows not indexed yet (all newer), then the index's
        rows = db.execute(f"SELECT t._rc, t.rowid, t.id FROM {table} t WHERE {tail_sql(table, 't')} "
                          f"ORDER BY t.rowid DESC LIMIT ?", [expr, limit + offset]).fetchall()
        if len(rows) < limit + offset:  # the LIMIT stops the index early
            rows += db.execute(f"SELECT t._rc, f.rowid, t.id FROM {fts} f CROSS JOIN {table} t ON t.rowid = "
                               f"f.rowid WHERE {fts} MATCH ? ORDER BY f.rowid DESC LIMIT ?",
                               [expr, limit + offset - len(rows)]).fetchall()
        runs.append([(rc, rowid, table, rid) for rc, rowid, rid in rows])
    merged = heapq.merge(*runs, key=lambda h: h[0], reverse=True)
    out = []
    for i, (_rc, _rowid, table, rid) in enumerate(merged):
        if i >= offset + limit:
            break
        if i >= offset:
            out.append(Hit(table, rid))
    return out


def count(db: Database, query: str, *, tables: Iterable[str] | None = None) -> int:
    expr = match_expression(query)
    if expr is None:
        return 0
    return sum(db.execute(f"SELECT count(*) FROM ({hits_sql(t)})", hits_params(expr)).fetchone()[0]
               for t in _tables(tables))


def owner_subselect(parent: str, children: Iterable[tuple[str, str]], expr: str) -> tuple[str, list]:
    """`SELECT` of the ids of `parent` rows whose own text or any child's text has the words, with its
    params: each table's hits from its own index, a child's mapped to the parent's id through its column
    holding that id, e.g. ("speech", "meeting_id"), row by row, if it is of the parent's own office (a part
    another office hung on it before SECURITY.md R4c is not the parent's). For every match of a frequent word (a list's
    count) owner_rowids maps the hits through the owner maps instead."""
    parts = [ids_sql(parent)]
    for child, fk in children:
        parts.append(f"SELECT c.{fk} FROM {child} c JOIN {parent} p ON p.id = c.{fk} AND p.office_id = c.office_id "
                     f"WHERE c.rowid IN ({hits_sql(child)})")
    return " UNION ALL ".join(parts), hits_params(expr) * len(parts)


def text_filter(text: str | None, id_column: str, table: str) -> tuple[str, list] | None:
    """A list's WHERE condition for its search box: the rows of `table` (`id_column`: its alias's id, e.g.
    "v.id", or "+v.id" to keep SQLite from driving the query from the hits) whose text has the words.
    Text without a searchable word (only punctuation) matches nothing; no text at all: None, no condition."""
    if not text:
        return None
    expr = match_expression(text)
    if expr is None:
        return "0", []
    plus, column = ("+", id_column[1:]) if id_column.startswith("+") else ("", id_column)
    if column.endswith(".id"):
        return f"{plus}{column[:-3]}.rowid IN ({hits_sql(table)})", hits_params(expr)
    return f"{id_column} IN ({ids_sql(table)})", hits_params(expr)


# -- checking ------------------------------------------------------------------------------
def entries(db: Database, table: str) -> int:
    """How many rows the index of `table` holds (from FTS5's own record of it, read without a scan)."""
    row = db.execute(f"SELECT block FROM {fts_name(table)}_data WHERE id = 1").fetchone()
    if not row or not row[0]:
        return 0
    n = 0                                   # a SQLite varint: 7 bits a byte, high bit = more follow
    for i, byte in enumerate(row[0][:9]):
        if i == 8:
            return (n << 8) | byte
        n = (n << 7) | (byte & 0x7F)
        if not byte & 0x80:
            return n
    return n


def problems(db: Database, sample: int = 50) -> list[str]:
    """What is wrong with the index: FTS5's own integrity check of each table's index, and a sample of rows
    (the newest, and some spread over the table) whose first word must be found under the row's rowid
    (rowids moved by a VACUUM, see the module's docstring). Empty: all well."""
    out = []
    if has_single_index(db):
        return ["search index: still the single index of before m0012 / 检索索引未升级"]
    for table, fields in SEARCHABLE_TABLES.items():
        fts = fts_name(table)
        if not db[fts].exists():
            out.append(f"search index: {fts} missing — rebuild it: liaison-desk reindex / 缺少检索索引，请重建索引"
                       f"（liaison-desk reindex）")
            continue
        try:
            db.execute(f"INSERT INTO {fts} ({fts}, rank) VALUES ('integrity-check', 1)")
        except sqlite3.OperationalError as exc:
            words = sqlite_words(exc)
            if words is not None and words[1] == "locked":
                # FTS5's check is a write: another program writing (the window saving, an import) holds the
                # file. Said so, not counted as a fault of the index.
                (zh, en), code = words
                raise DatabaseProblem(f"无法检查检索索引：{zh}", f"cannot check the search index: {en}",
                                      code=code) from exc
            out.append(f"search index: {fts}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - report, do not crash the check
            out.append(f"search index: {fts}: {exc}")
            continue
        cols = ", ".join(fields)
        top = min(db.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0, mark(db, table))
        picked = db.execute(f"SELECT rowid, {cols} FROM {table} WHERE deleted = 0 AND rowid <= ? "
                            f"ORDER BY rowid DESC LIMIT ?", [top, sample]).fetchall()
        spread = sorted({1 + k * top // sample for k in range(sample)}) if top else []
        if spread:
            picked += db.execute(f"SELECT rowid, {cols} FROM {table} WHERE deleted = 0 AND rowid IN "
                                 f"({', '.join('?' * len(spread))})", spread).fetchall()
        lost = 0
        for rowid, *values in picked:
            words = _body(dict(zip(fields, values, strict=True)), fields).split()
            if words and not db.execute(f"SELECT 1 FROM {fts} WHERE {fts} MATCH ? AND rowid = ?",
                                        ['"' + words[0].replace('"', '""') + '"', rowid]).fetchone():
                lost += 1
        if lost:
            out.append(f"search index: {lost} of {len(picked)} sampled {table} rows not found under their rowid "
                       f"— rebuild it: liaison-desk reindex / 检索索引与数据不一致，请重建索引（liaison-desk reindex）")
    if has_owner_maps(db):
        out += _owner_problems(db)
    return out
