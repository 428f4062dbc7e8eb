"""Chinese full-text search: character bigrams in an FTS5 index.

Chinese has no spaces and most words are two characters, which FTS5's trigram tokenizer
cannot match. We tokenize in Python: each run of CJK characters becomes its overlapping
bigrams plus its last character alone, other text becomes lowercase words. FTS5's unicode61
tokenizer then only splits on the spaces we put in. A query of 2+ CJK characters is the
phrase of its bigrams; a 1-character query is a prefix query (every character starts a bigram
or ends its run alone, so the prefix finds every position). The index is derived (not replicated) and kept up to date by db.write.

The FTS5 table is contentless (content=''): it holds the inverted index only, not a second copy of the
bigram text (315 MB of a ten-year city's 1.67 GB). A contentless table's entry is removed with the
'delete' command given the text it was indexed with, so index_rows takes each row's values before
the change (`old`); SQLite 3.40 (Debian 12) has no contentless_delete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sqlite_utils import Database

from . import model

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_RUN = re.compile(rf"[{_CJK}]+|(?:(?![{_CJK}])[^\W_])+", re.UNICODE)
_IS_CJK = re.compile(rf"[{_CJK}]")

SEARCHABLE_TABLES = {name: t.searchable for name, t in model.TABLES.items() if t.searchable}


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


def create_index(db: Database) -> None:
    db.execute("""CREATE TABLE search_doc (
        rowid INTEGER PRIMARY KEY,
        tbl TEXT NOT NULL,
        row_id TEXT NOT NULL,
        UNIQUE (row_id, tbl))""")
    # No prefix index: it doubled the cost of every indexed write (12 → 7 µs a row) and took 118 MB
    # on city-10y, to serve only 1-character queries, which a prefix scan answers in tens of ms.
    db.execute(FTS_SQL)


# Contentless: the bigram text is not stored twice (see the module's docstring).
FTS_SQL = "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', tokenize='unicode61', columnsize=0)"


def is_contentless(db: Database) -> bool:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()
    return bool(row) and "content=''" in row[0].replace('"', "'")


def _body(row: dict, fields: Iterable[str]) -> str:
    return " ".join(tokenize(row.get(f)) for f in fields if row.get(f))


def index_rows(db: Database, table: str, rows: Iterable[dict], old: Iterable[dict | None]) -> None:
    """Add or refresh the index entries of rows (deleted rows leave the index). `old`: each row's values
    before the change, in the same order (None for a row that is new here): the contentless index
    removes an entry by the text it was indexed with."""
    fields = SEARCHABLE_TABLES.get(table)
    if not fields:
        return
    conn = db.conn
    for row, before in zip(rows, old, strict=True):
        found = conn.execute("SELECT rowid FROM search_doc WHERE row_id = ? AND tbl = ?",
                             (row["id"], table)).fetchone()
        body = "" if row.get("deleted") else _body(row, fields)
        if found:
            old_body = _body(before, fields) if before else ""
            if old_body == body:
                continue
            if old_body:
                conn.execute("INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', ?, ?)",
                             (found[0], old_body))
                rowid = found[0]
            else:                       # old text unknown: a fresh entry; never leave words under a rowid
                conn.execute("DELETE FROM search_doc WHERE rowid = ?", (found[0],))
                rowid = None
            if body and rowid is not None:
                conn.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", (rowid, body))
            elif body:
                cur = conn.execute("INSERT INTO search_doc (tbl, row_id) VALUES (?, ?)", (table, row["id"]))
                conn.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", (cur.lastrowid, body))
            elif rowid is not None:
                conn.execute("DELETE FROM search_doc WHERE rowid = ?", (rowid,))
        elif body:
            cur = conn.execute("INSERT INTO search_doc (tbl, row_id) VALUES (?, ?)", (table, row["id"]))
            conn.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", (cur.lastrowid, body))


def index_new_rows(db: Database, table: str, rows: list[dict]) -> None:
    """Bulk form of index_rows for rows known to be new (one executemany per table)."""
    fields = SEARCHABLE_TABLES.get(table)
    if not fields or not rows:
        return
    conn = db.conn
    start = conn.execute("SELECT coalesce(max(rowid), 0) FROM search_doc").fetchone()[0]
    docs, bodies = [], []
    for row in rows:
        body = "" if row.get("deleted") else _body(row, fields)
        if body:
            start += 1
            docs.append((start, table, row["id"]))
            bodies.append((start, body))
    conn.executemany("INSERT INTO search_doc (rowid, tbl, row_id) VALUES (?, ?, ?)", docs)
    conn.executemany("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", bodies)


def rebuild(db: Database) -> None:
    """Rebuild the whole index from the tables (after restore, upgrade, or a failed check)."""
    db.execute("DELETE FROM search_doc")
    if is_contentless(db):
        db.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    else:                               # a database before m0011
        db.execute("DELETE FROM search_fts")
    for table, fields in SEARCHABLE_TABLES.items():
        cols = ", ".join(("id", "deleted", *fields))
        cur = db.conn.execute(f"SELECT {cols} FROM {table} WHERE deleted = 0")
        names = [d[0] for d in cur.description]
        while batch := cur.fetchmany(5000):
            index_new_rows(db, table, [dict(zip(names, r, strict=True)) for r in batch])


def make_contentless(db: Database) -> None:
    """Replace an index that keeps its own copy of the text by a contentless one, rebuilt from the tables
    under the same rowids (the order of hits stays). For databases made before m0011."""
    if is_contentless(db):
        return
    db.execute("DROP TABLE search_fts")
    db.execute(FTS_SQL)
    conn = db.conn
    for table, fields in SEARCHABLE_TABLES.items():
        cols = ", ".join(f"t.{f}" for f in fields)
        cur = conn.execute(f"SELECT d.rowid, {cols} FROM search_doc d JOIN {table} t ON t.id = d.row_id "
                           f"WHERE d.tbl = ? AND t.deleted = 0", (table,))
        while batch := cur.fetchmany(5000):
            bodies = [(r[0], _body(dict(zip(fields, r[1:], strict=True)), fields)) for r in batch]
            conn.executemany("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", [b for b in bodies if b[1]])


@dataclass(frozen=True)
class Hit:
    table: str
    row_id: str


def search(db: Database, query: str, *, tables: Iterable[str] | None = None,
           limit: int = 100, offset: int = 0) -> list[Hit]:
    """Rows whose searchable text contains every word of `query`, newest entries first."""
    expr = match_expression(query)
    if expr is None:
        return []
    params: list = [expr]
    where = ""
    if tables is not None:
        tables = list(tables)
        where = f" AND d.tbl IN ({', '.join('?' * len(tables))})"
        params += tables
    sql = (f"SELECT d.tbl, d.row_id FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid "
           f"WHERE search_fts MATCH ?{where} ORDER BY f.rowid DESC LIMIT ? OFFSET ?")
    return [Hit(t, r) for t, r in db.execute(sql, [*params, limit, offset]).fetchall()]


def count(db: Database, query: str, *, tables: Iterable[str] | None = None) -> int:
    expr = match_expression(query)
    if expr is None:
        return 0
    if tables is None:
        return db.execute("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?", [expr]).fetchone()[0]
    tables = list(tables)
    return db.execute(
        f"SELECT count(*) FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid "
        f"WHERE search_fts MATCH ? AND d.tbl IN ({', '.join('?' * len(tables))})", [expr, *tables]).fetchone()[0]


# For list filters: `id IN (MATCH_SUBSELECT)` with params (match_expression(q), table).
MATCH_SUBSELECT = ("SELECT d.row_id FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid "
                   "WHERE search_fts MATCH ? AND d.tbl = ?")


def owner_subselect(parent: str, children: Iterable[tuple[str, str]]) -> str:
    """`SELECT` of the ids of `parent` rows whose own text or any child's text has the words, from one
    MATCH: each hit of the parent or of a child table is mapped to the parent's id (a child through its
    column holding that id, e.g. ("speech", "meeting_id")). Params: (match_expression(q),).
    The same rows as `parent.id IN (hits in parent) OR parent.id IN (SELECT fk FROM child WHERE id IN
    (hits in child)) OR …`, which ran the MATCH once per table."""
    children = list(children)
    cases = " ".join(f"WHEN '{child}' THEN (SELECT c.{fk} FROM {child} c WHERE c.id = d.row_id)"
                     for child, fk in children)
    tables = ", ".join(f"'{t}'" for t in (parent, *(c for c, _ in children)))
    return (f"SELECT CASE d.tbl WHEN '{parent}' THEN d.row_id {cases} END "
            f"FROM search_fts f JOIN search_doc d ON d.rowid = f.rowid "
            f"WHERE search_fts MATCH ? AND d.tbl IN ({tables})")


def text_filter(text: str | None, id_column: str, table: str) -> tuple[str, list] | None:
    """A list's WHERE condition for its search box: `id_column IN (hits in table)`. Text without a
    searchable word (only punctuation) matches nothing; no text at all: None, no condition."""
    if not text:
        return None
    expr = match_expression(text)
    if expr is None:
        return "0", []
    return f"{id_column} IN ({MATCH_SUBSELECT})", [expr, table]
