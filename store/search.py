"""Chinese full-text search: the index, its upkeep and its queries.

**Tokens.** SQLite's FTS5 tokenizers do not fit Chinese (``unicode61`` keeps a run of Chinese
characters as one token; ``trigram`` never matches 2-character words), and this Python cannot
load a tokenizer of our own. So the text is tokenized here, in Python, before FTS5 sees it:
every character is a token (``应急管理`` is stored as ``应 急 管 理``), punctuation included, and
a run of whitespace is one boundary token. A query word is a phrase of its characters, so a word
of any length is found exactly where it occurs as written, never across punctuation (应急。管理
is not 应急管理) and never across a line break. Full-width letters and digits are folded to ASCII
(FTS5's ascii tokenizer folds ASCII case). Overlapping bigrams (Lucene's CJK analyzer) were
measured too: their millions of distinct terms make FTS5 four times slower to build, too slow
to rebuild a million documents in ten minutes; see the README.

**The table.** ``documents_fts`` is a contentless FTS5 table (no second copy of the text): the
body, title, attachment text and 文号 of each document, and a ``meta`` column of tokens for its
publisher, topic, site and status, so that filters are answered by the index itself;
``documents_fts_titles`` holds the titles (and ``meta``) alone, for title matches. Its rowid
is not the document's id but a *key* in publication order: the publication day in the high
bits and a sequence number within the day below (``KEY_BITS``). FTS5 returns matches in rowid
order, so "the newest N matches", date ranges and date-sorted pages cost only what they return.
``documents_search`` maps keys to documents and keeps a digest of what was indexed for each
(removing an entry from a contentless table takes the exact values that were indexed, and the
digest proves that values rebuilt from the archive are those, see ``unindex``) and the
document's facets, so that counting facets over thousands of matches reads no document.

**Queries.** ``run`` answers a ``Search``: the match count (exact up to ``COUNT_CAP``, else an
estimate labelled as one), a page of results by relevance or by date, and facet counts (over
every match up to ``FACET_CAP``, else over the newest ``FACET_CAP``, labelled). FTS5's own
``bm25()`` scans every match of a phrase to weigh it, which takes seconds for common words in a
million documents; relevance here is a BM25-style score computed in Python over a bounded set of
candidates: every match when there are at most ``RANK_CAP``, else the newest ``RANK_CAP``
matches and the newest ``RANK_CAP`` title matches (a word in the title weighs ten times a word
in the body). ``export_sql`` walks every match, newest first, for complete downloads.
"""

from __future__ import annotations

import bisect
import hashlib
import html
import json
import logging
import math
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any, Protocol

log = logging.getLogger(__name__)

FTS_TABLE = "documents_fts"
TITLES_TABLE = "documents_fts_titles"  # titles alone: title matches without reading bodies
KEYS_TABLE = "documents_search"
STATE_TABLE = "search_state"
# Bump when tokens or the table's options change: ensure_search_index then rebuilds the index.
TOKENIZER_VERSION = "chars-3"
FTS_COLUMNS = ("body_text", "title", "attachment_text", "doc_no", "meta")
TEXT_COLUMNS = ("body_text", "title", "attachment_text")  # what a query's words are matched in
TITLE_COLUMNS = ("title", "meta")
FTS_OPTIONS = "content='', detail=full, tokenize='ascii'"

KEY_BITS = 16  # documents per publication day: 65,536
UNDATED_DAY = 0  # documents without a publication date sort below every dated one
COUNT_CAP = 10_000  # matches counted exactly; past this the count is an estimate
RANK_CAP = 500  # matches ranked by relevance (every match when there are fewer)
FACET_CAP = 10_000  # matches whose facets are counted (every match when there are fewer)
TABLE_CAP = 2_000  # matches Datasette's table view shows, counts and facets
PAGE_SIZE = 20
FACETS = ("publisher", "topic", "publish_year", "site_id", "status")

# Scripts written without spaces between words, for snippets and the query parser.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"[{_CJK}]")

# Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) and the signs written inside numbers
# (．％＋－) are folded to ASCII, so 98.8 finds ９８．８ and the other way round. Chinese
# punctuation (，：（） …) stays itself: FTS5's ascii tokenizer keeps non-ASCII characters.
_WIDE = "".join(map(chr, (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))))
_FOLD = {ord(c): ord(c) - 0xFEE0 for c in _WIDE + "．％＋－"}
_FULLWIDTH_RE = re.compile("[" + re.escape(_WIDE + "．％＋－") + "]")
# The most common ASCII punctuation goes to its private-use character (below) by str.replace, a
# C loop, before the regular expressions see the rest: a callback per match is slow.
_COMMON_PUNCT = tuple((c, chr(0xE000 + ord(c))) for c in ",:;()!?%.-/") + tuple(
    (wide, chr(0xE000 + ord(wide) - 0xFEE0)) for wide in "．％"
)
# For matching in displayed text: full-width folded and ASCII lower-cased, every character
# keeping its position (FTS5's ascii tokenizer lower-cases ASCII in the index).
_DISPLAY_FOLD = {**_FOLD, **{cp: cp + 32 for cp in range(0x41, 0x5B)}}
# FTS5's ascii tokenizer splits on ASCII punctuation; to keep 4924.01 apart from 4924,01 each
# ASCII punctuation character becomes a private-use character of its own (U+E000 + code).
_PRIVATE_RE = re.compile("[\ue000-\uf8ff]")
_ASCII_PUNCT_RE = re.compile(r"[!-/:-@\[-`{-~]")
_SPACE_RE = re.compile(r"\s+")
SEP = "\ue020"  # one token for a run of whitespace: words never match across it


def _punct(m: re.Match[str]) -> str:
    return chr(0xE000 + ord(m[0]))


def _unfull(m: re.Match[str]) -> str:
    return chr(ord(m[0]) - 0xFEE0)


def normalize(text: str | None) -> str:
    """Text as the index sees it, before spacing: folded, one SEP per run of whitespace."""
    if not text:
        return ""
    if _PRIVATE_RE.search(text):  # ours alone, below
        text = _PRIVATE_RE.sub(" ", text)
    for char, token in _COMMON_PUNCT:
        if char in text:
            text = text.replace(char, token)
    if _FULLWIDTH_RE.search(text):
        text = _FULLWIDTH_RE.sub(_unfull, text)
    if _ASCII_PUNCT_RE.search(text):
        text = _ASCII_PUNCT_RE.sub(_punct, text)
    return _SPACE_RE.sub(SEP, text.strip())


def fts_tokens(text: str | None) -> str:
    """Text as it is stored in the index: every character a token, separated by spaces."""
    text = normalize(text)
    if not text:
        return ""
    # Interleave the characters with spaces at C speed: UTF-32 has one code unit per character.
    units = text.encode("utf-32-le")
    spaced = bytearray(b"\x20\x00\x00\x00" * (2 * len(text)))
    view = memoryview(spaced).cast("I")
    view[0::2] = memoryview(units).cast("I")
    return spaced.decode("utf-32-le")


def fts_untokens(text: str | None) -> str:
    """Undo ``fts_tokens`` (for people): spaces removed, punctuation and whitespace restored."""
    if not text:
        return ""
    chars = text.replace(" ", "")
    chars = chars.replace(SEP, " ")
    return re.sub("[\ue021-\ue07e]", lambda m: chr(ord(m[0]) - 0xE000), chars)


# -- queries: words to FTS5 expressions --------------------------------------------------------

_TERM_RE = re.compile(r'"([^"]*)"|(\S+)')


def query_words(query: str | None) -> list[str]:
    """The words of a query: whitespace separates words, "double quotes" keep a phrase whole."""
    words = []
    for m in _TERM_RE.finditer(query or ""):
        word = (m[1] if m[1] is not None else m[2]).strip()
        if normalize(word):
            words.append(word)
    return words


def phrase(word: str) -> str:
    """One word as an FTS5 phrase of its character tokens (no FTS5 syntax can get through:
    ASCII punctuation, quotes included, has become private-use characters)."""
    return '"' + fts_tokens(word).strip() + '"'


def fts_query(query: str | None) -> str:
    """A user's query as an FTS5 MATCH expression over the text columns: every word (or
    "quoted phrase") must occur. SQL in Datasette calls this as fts_query()."""
    words = query_words(query)
    if not words:
        return '""'
    return "{" + " ".join(TEXT_COLUMNS) + "} : (" + " AND ".join(map(phrase, words)) + ")"


def meta_token(facet: str, value: Any) -> str:
    """The token that stands for ``facet = value`` in the index's ``meta`` column."""
    digest = hashlib.blake2b(str(value).encode("utf-8"), digest_size=8).hexdigest()
    return f"{_META_PREFIX[facet]}{digest}"


_META_PREFIX = {"publisher": "p", "topic": "t", "site_id": "s", "status": "x"}
INDEXED_FILTERS = tuple(_META_PREFIX)


def indexed_status(value: Any) -> str:
    """The status the index files a document under: one not yet observed counts as live."""
    return str(value) if value else "live"


def meta_tokens(row: dict[str, Any]) -> str:
    tokens = [
        meta_token(name, row[name] if name != "status" else indexed_status(row.get("status")))
        for name in INDEXED_FILTERS
        if name == "status" or row.get(name) is not None
    ]
    return " ".join(tokens)


# -- keys: publication order -------------------------------------------------------------------

_EPOCH = date(1900, 1, 1)
_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def day_number(publish_date: str | None) -> int:
    """Days since 1899-12-31 of an ISO date (``2022-07-08`` or ``2022-07-08T18:50…``); 0 when
    there is none. Keys of a day are ``day << KEY_BITS`` and up."""
    m = _DATE_RE.match(publish_date or "")
    if not m:
        return UNDATED_DAY
    try:
        day = (date(int(m[1]), int(m[2]), int(m[3])) - _EPOCH).days + 1
    except ValueError:
        return UNDATED_DAY
    return max(day, UNDATED_DAY + 1)


def day_range(date_from: str | None, date_to: str | None) -> tuple[int, int] | None:
    """Key bounds (inclusive) of publication days from ``date_from`` to ``date_to``."""
    if not date_from and not date_to:
        return None
    lo = (day_number(date_from) if date_from else UNDATED_DAY + 1) << KEY_BITS
    hi = ((day_number(date_to) + 1) << KEY_BITS) - 1 if date_to else 2**62
    if date_from and day_number(date_from) == UNDATED_DAY:
        raise ValueError(f"not a date: {date_from!r}")
    if date_to and day_number(date_to) == UNDATED_DAY:
        raise ValueError(f"not a date: {date_to!r}")
    return lo, hi


def year_range(year: int) -> tuple[int, int]:
    return day_range(f"{year:04d}-01-01", f"{year:04d}-12-31") or (0, 0)


def key_day(key: int) -> int:
    return key >> KEY_BITS


# -- the index ---------------------------------------------------------------------------------


class Db(Protocol):
    """What this module needs of a database: sqlite3.Connection and sqlite_utils.Database."""

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...


CREATE_FTS = f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({', '.join(FTS_COLUMNS)}, {FTS_OPTIONS})"
CREATE_TITLES = (
    f"CREATE VIRTUAL TABLE {TITLES_TABLE} USING fts5({', '.join(TITLE_COLUMNS)}, {FTS_OPTIONS})"
)
_INSERT = {
    table: f"insert into {table} (rowid, {', '.join(cols)}) values (?{', ?' * len(cols)})"
    for table, cols in ((FTS_TABLE, FTS_COLUMNS), (TITLES_TABLE, TITLE_COLUMNS))
}
_DELETE = {
    table: f"insert into {table} ({table}, rowid, {', '.join(cols)})"
    f" values ('delete', ?{', ?' * len(cols)})"
    for table, cols in ((FTS_TABLE, FTS_COLUMNS), (TITLES_TABLE, TITLE_COLUMNS))
}

_DOC_SQL = (
    "select id, title, body_text, doc_no, publish_date, publish_year, publisher, topic, site_id,"
    " status, version_id from documents"
)
_ATTACHMENT_TEXT_SQL = (
    "select a.version_id, f.text from attachments a join files f on f.sha256 = a.sha256"
    " where a.version_id in ({}) and f.text is not null order by a.version_id, a.id"
)


@dataclass(frozen=True)
class Entry:
    """What the index holds for one document: the values of its columns, in order, and its
    facets (kept in ``documents_search``, so that counting them never reads a document)."""

    day: int
    values: tuple[str, ...]
    facets: tuple[Any, ...] = ()

    @property
    def title_values(self) -> tuple[str, str]:
        """The values of ``documents_fts_titles``: title and meta."""
        return self.values[1], self.values[4]

    @property
    def digest(self) -> str:
        h = hashlib.blake2b(digest_size=16)
        for value in self.values:
            h.update(value.encode("utf-8"))
            h.update(b"\x1f")
        return h.hexdigest()


def entry_of(row: dict[str, Any], attachment_text: str) -> Entry:
    return Entry(
        day_number(row.get("publish_date")),
        (
            fts_tokens(row.get("body_text")),
            fts_tokens(row.get("title")),
            fts_tokens(attachment_text),
            fts_tokens(row.get("doc_no")),
            meta_tokens(row),
        ),
        (
            row.get("publisher"),
            row.get("topic"),
            row.get("publish_year"),
            row.get("site_id"),
            indexed_status(row.get("status")),
        ),
    )


def _rows(db: Db, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r, strict=True)) for r in cursor.fetchall()]


def _attachment_texts(db: Db, version_ids: Iterable[int | None]) -> dict[int, str]:
    ids = sorted({v for v in version_ids if v is not None})
    texts: dict[int, list[str]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = _ATTACHMENT_TEXT_SQL.format(", ".join("?" * len(chunk)))
        for version_id, text in db.execute(sql, chunk).fetchall():
            texts.setdefault(version_id, []).append(text)
    return {v: "\n".join(t) for v, t in texts.items()}


def current_entry(db: Db, doc_id: int) -> Entry | None:
    """The entry the document's current row and attachments make (None: no such document)."""
    rows = _rows(db, _DOC_SQL + " where id = ?", [doc_id])
    if not rows:
        return None
    row = rows[0]
    return entry_of(row, _attachment_texts(db, [row["version_id"]]).get(row["version_id"], ""))


def _fts_insert(db: Db, key: int, entry: Entry) -> None:
    db.execute(_INSERT[FTS_TABLE], [key, *entry.values])
    db.execute(_INSERT[TITLES_TABLE], [key, *entry.title_values])


def _fts_delete(db: Db, key: int, entry: Entry) -> None:
    db.execute(_DELETE[FTS_TABLE], [key, *entry.values])
    db.execute(_DELETE[TITLES_TABLE], [key, *entry.title_values])


def _free_key(db: Db, day: int) -> int:
    """A key of ``day`` no entry has used (orphaned keys included): after the day's largest."""
    while True:
        lo, hi = day << KEY_BITS, ((day + 1) << KEY_BITS) - 1
        top = db.execute(f"select max(key) from {KEYS_TABLE} where key between ? and ?", [lo, hi])
        largest = top.fetchone()[0]
        if largest is None:
            return lo
        if largest < hi:
            return int(largest) + 1
        if day > UNDATED_DAY:
            raise ValueError(f"more than {1 << KEY_BITS} documents published on one day")
        day -= 1  # undated documents spill below


def unindex(db: Db, doc_id: int) -> None:
    """Take a document out of the index. Call it *before* changing anything the index holds
    (title, body, 文号, publication date, publisher, topic, site, status, attachments): removing
    an entry from a contentless FTS5 table takes the exact values that were indexed, rebuilt here
    from the archive and checked against the digest recorded when they were indexed. When they
    differ (the archive changed behind the index's back), the old entry cannot be removed: it
    stays in the FTS table as an orphan that no query sees (queries go through
    ``documents_search``), and ``ensure_search_index`` rebuilds once orphans pile up."""
    row = db.execute(f"select key, digest from {KEYS_TABLE} where id = ?", [doc_id]).fetchone()
    if row is None or row[1] is None:
        return
    key, digest = int(row[0]), row[1]
    entry = current_entry(db, doc_id)
    if entry is not None and entry.digest == digest:
        _fts_delete(db, key, entry)
        db.execute(f"update {KEYS_TABLE} set digest = null where key = ?", [key])
    else:
        db.execute(f"update {KEYS_TABLE} set id = null where key = ?", [key])


def reindex(db: Db, doc_id: int) -> None:
    """Bring a document's index entry up to date with the archive (after ``unindex`` and the
    change; on its own it is safe too, see ``unindex``)."""
    entry = current_entry(db, doc_id)
    row = db.execute(f"select key, digest from {KEYS_TABLE} where id = ?", [doc_id]).fetchone()
    if entry is None:
        if row is not None:
            unindex(db, doc_id)
            db.execute(f"delete from {KEYS_TABLE} where id = ? and digest is null", [doc_id])
        return
    digest = entry.digest
    if row is not None and row[1] == digest:
        return
    key: int | None = None
    if row is not None:
        if row[1] is not None:  # indexed with other values, and not unindexed: orphan it
            db.execute(f"update {KEYS_TABLE} set id = null where key = ?", [row[0]])
        elif key_day(int(row[0])) == entry.day:
            key = int(row[0])
        else:
            db.execute(f"delete from {KEYS_TABLE} where key = ?", [row[0]])
    if key is None:
        key = _free_key(db, entry.day)
        db.execute(f"insert into {KEYS_TABLE} (key, id) values (?, ?)", [key, doc_id])
    db.execute(
        f"update {KEYS_TABLE} set digest = ?, {', '.join(f + ' = ?' for f in FACETS)}"
        " where key = ?",
        [digest, *entry.facets, key],
    )
    _fts_insert(db, key, entry)


def unindex_documents(db: Db, doc_ids_sql: str, params: Sequence[Any] = ()) -> None:
    """``unindex`` every document whose id ``doc_ids_sql`` selects."""
    for (doc_id,) in db.execute(doc_ids_sql, params).fetchall():
        unindex(db, int(doc_id))


def _state(db: Db, name: str) -> str | None:
    row = db.execute(f"select value from {STATE_TABLE} where name = ?", [name]).fetchone()
    return None if row is None else str(row[0])


def _set_state(db: Db, name: str, value: str) -> None:
    db.execute(
        f"insert into {STATE_TABLE} (name, value) values (?, ?)"
        " on conflict (name) do update set value = excluded.value",
        [name, value],
    )


def create_search_tables(db: Db) -> None:
    """The tables ``documents_search`` and ``search_state`` (a migration creates them)."""
    db.execute(
        f"create table if not exists {KEYS_TABLE} (key integer primary key,"
        " id integer unique references documents(id), digest text,"
        f" {', '.join(FACETS)})"
    )
    db.execute(f"create table if not exists {STATE_TABLE} (name text primary key, value text)")


def index_is_current(db: Db) -> bool:
    tables = dict(db.execute("select name, sql from sqlite_master").fetchall())
    if KEYS_TABLE not in tables or STATE_TABLE not in tables:
        return False
    if _state(db, "tokenizer") != TOKENIZER_VERSION or _state(db, "status") != "ready":
        return False
    return tables.get(FTS_TABLE) == CREATE_FTS and tables.get(TITLES_TABLE) == CREATE_TITLES


def orphan_count(db: Db) -> int:
    return int(db.execute(f"select count(*) from {KEYS_TABLE} where id is null").fetchone()[0])


ORPHAN_SHARE = 0.01  # rebuild once this share of the index's entries belongs to no document


def ensure_search_index(db: Db, progress: Callable[[int, int], None] | None = None) -> bool:
    """Build the index when it is missing, made by another tokenizer, left half-built or full
    of orphans; otherwise do nothing. Returns whether it (re)built."""
    create_search_tables(db)
    if index_is_current(db):
        entries = db.execute(f"select count(*) from {KEYS_TABLE}").fetchone()[0]
        if orphan_count(db) <= max(100, ORPHAN_SHARE * entries):
            return False
    documents = db.execute("select count(*) from documents").fetchone()[0]
    if documents > 10_000:  # minutes at a million: say so
        log.warning("building the search index of %s documents", f"{documents:,}")
    rebuild_search_index(db, progress)
    return True


def _connection(db: Any) -> Any:
    return getattr(db, "conn", db)


def _read_and_tokenize(task: tuple[str, list[tuple[int, int]]]) -> list[Any]:
    """In a worker process: read the documents of ``(key, id)`` pairs and make their entries."""
    path, chunk = task
    conn = _WORKER_CONNECTIONS.get(path)
    if conn is None:
        import sqlite3

        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        _WORKER_CONNECTIONS[path] = conn
    return _entries(conn, chunk)


_WORKER_CONNECTIONS: dict[str, Any] = {}


def _entries(db: Db, chunk: list[tuple[int, int]]) -> list[Any]:
    """(key, id, digest, values, facets) of each document of ``chunk`` ((key, id) pairs)."""
    ids = [doc_id for _, doc_id in chunk]
    sql = _DOC_SQL + f" where id in ({', '.join('?' * len(ids))})"
    rows = {r["id"]: r for r in _rows(db, sql, ids)}
    texts = _attachment_texts(db, (r["version_id"] for r in rows.values()))
    out = []
    for key, doc_id in chunk:
        row = rows.get(doc_id)
        if row is None:
            continue
        entry = entry_of(row, texts.get(row["version_id"], ""))
        out.append((key, doc_id, entry.digest, entry.values, entry.facets))
    return out


def rebuild_search_index(
    db: Db,
    progress: Callable[[int, int], None] | None = None,
    workers: int = 2,
    batch_size: int = 500,
) -> int:
    """Drop and rebuild the whole index; returns the number of documents indexed.

    Documents are keyed in publication order and inserted in key order (FTS5 builds fastest
    when rowids only grow). ``workers`` other processes read and tokenize the documents while
    this one only inserts: FTS5 itself is the one part that cannot be shared. The state says
    ``building`` until the end, so an interrupted rebuild is redone."""
    conn = _connection(db)
    create_search_tables(db)
    _set_state(db, "status", "building")
    db.execute(f"drop table if exists {FTS_TABLE}")
    db.execute(f"drop table if exists {TITLES_TABLE}")
    db.execute(f"drop table {KEYS_TABLE}")  # made anew: its shape follows the tokenizer version
    create_search_tables(db)
    db.execute(CREATE_FTS)
    db.execute(CREATE_TITLES)
    # A bigger in-memory index (FTS5's default is 1 MB) means fewer, larger segments; no
    # merging while loading (but past 64 segments on a level), one 'optimize' at the end.
    for option, value in (("hashsize", 16 << 20), ("automerge", 0), ("crisismerge", 64)):
        db.execute(f"insert into {FTS_TABLE} ({FTS_TABLE}, rank) values ('{option}', {value})")
    conn.commit()
    order = sorted(
        (day_number(d), doc_id) for doc_id, d in db.execute(
            "select id, publish_date from documents").fetchall()
    )  # fmt: skip
    keys: list[tuple[int, int]] = []
    last_day, seq = None, 0
    for day, doc_id in order:
        seq = seq + 1 if day == last_day else 0
        last_day = day
        if seq >= 1 << KEY_BITS:
            raise ValueError(f"more than {1 << KEY_BITS} documents published on one day")
        keys.append(((day << KEY_BITS) + seq, doc_id))
    total = len(keys)
    chunks = [keys[start : start + batch_size] for start in range(0, total, batch_size)]
    done = 0

    def store_batch(batch: list[Any]) -> None:
        nonlocal done
        conn.executemany(_INSERT[FTS_TABLE], [(key, *values) for key, _, _, values, _ in batch])
        conn.executemany(
            _INSERT[TITLES_TABLE], [(key, values[1], values[4]) for key, _, _, values, _ in batch]
        )
        conn.executemany(
            f"insert into {KEYS_TABLE} (key, id, digest, {', '.join(FACETS)})"
            f" values (?, ?, ?{', ?' * len(FACETS)})",
            [(key, doc_id, digest, *facets) for key, doc_id, digest, _, facets in batch],
        )
        done += len(batch)
        if done % 50_000 < batch_size:
            conn.commit()  # keeps the WAL from growing to the size of the index
        if progress is not None:
            progress(done, total)

    path = _database_path(conn)
    # The page cache holds the segments FTS5 merges; checkpoints wait for bigger batches.
    # (secure_delete, on in Debian's SQLite, would zero every page the merges free)
    saved = {name: conn.execute(f"pragma {name}").fetchone()[0]
             for name in ("cache_size", "wal_autocheckpoint", "secure_delete")}  # fmt: skip
    conn.execute("pragma cache_size = -262144")
    conn.execute("pragma wal_autocheckpoint = 65536")
    conn.execute("pragma secure_delete = 0")
    try:
        if workers <= 0 or total < 5_000 or not path:  # not worth a process, or in memory
            for chunk in chunks:
                store_batch(_entries(db, chunk))
        else:
            import multiprocessing

            conn.commit()  # the workers read the documents committed so far
            with multiprocessing.get_context("spawn").Pool(workers) as pool:
                pending: deque[Any] = deque()
                for chunk in chunks:  # a few batches ahead, no more: they are big
                    pending.append(pool.apply_async(_read_and_tokenize, ((path, chunk),)))
                    if len(pending) > 2 * workers + 1:
                        store_batch(pending.popleft().get())
                while pending:
                    store_batch(pending.popleft().get())
        conn.commit()
        for table in (FTS_TABLE, TITLES_TABLE):
            db.execute(f"insert into {table} ({table}) values ('optimize')")
        for option, value in (("automerge", 4), ("crisismerge", 16)):  # FTS5's defaults
            db.execute(f"insert into {FTS_TABLE} ({FTS_TABLE}, rank) values ('{option}', {value})")
        _set_state(db, "tokenizer", TOKENIZER_VERSION)
        _set_state(db, "status", "ready")
        conn.commit()
    finally:
        for name, value in saved.items():
            conn.execute(f"pragma {name} = {int(value)}")
    return done


def _database_path(conn: Any) -> str:
    """The file of the main database ('' for an in-memory one)."""
    row = conn.execute("pragma database_list").fetchone()
    return str(row[2] or "")


def index_size(db: Db) -> int:
    """Bytes of the index: the FTS5 tables' storage and ``documents_search``."""
    names = [
        table + s
        for table in (FTS_TABLE, TITLES_TABLE)
        for s in ("_data", "_idx", "_docsize", "_config")
    ] + [KEYS_TABLE]
    placeholders = ", ".join("?" * len(names))
    row = db.execute(
        f"select sum(pgsize) from dbstat where name in ({placeholders})"
        f" or name in (select name from sqlite_master where tbl_name = '{KEYS_TABLE}'"
        " and type = 'index')",
        names,
    ).fetchone()
    return int(row[0] or 0)


# -- running a search --------------------------------------------------------------------------


@dataclass(frozen=True)
class Search:
    """A search: words (may be empty: every document) and filters."""

    q: str = ""
    columns: tuple[str, ...] = TEXT_COLUMNS  # where the words must occur
    publisher: str | None = None
    topic: str | None = None
    site_id: str | None = None
    status: str | None = None
    year: int | None = None
    date_from: str | None = None  # YYYY-MM-DD, inclusive
    date_to: str | None = None
    doc_no: str | None = None  # the 文号 contains this

    @property
    def words(self) -> list[str]:
        return query_words(self.q)

    def match(self) -> str | None:
        """The FTS5 MATCH expression, or None when nothing is asked of the text."""
        parts = []
        if self.words:
            cols = "{" + " ".join(self.columns) + "}"
            parts.append(f"{cols} : (" + " AND ".join(map(phrase, self.words)) + ")")
        if self.doc_no and normalize(self.doc_no):
            parts.append("doc_no : " + phrase(self.doc_no))
        metas = [
            meta_token(name, getattr(self, name)) for name in INDEXED_FILTERS if getattr(self, name)
        ]
        if metas:
            parts.append("meta : (" + " AND ".join(metas) + ")")
        return " AND ".join(parts) if parts else None

    def key_range(self) -> tuple[int, int]:
        lo, hi = -(2**62), 2**62
        bounds = [day_range(self.date_from, self.date_to)]
        if self.year is not None:
            bounds.append(year_range(self.year))
        for b in bounds:
            if b is not None:
                lo, hi = max(lo, b[0]), min(hi, b[1])
        return lo, hi

    def to_json(self) -> str:
        data = {k: v for k, v in self.__dict__.items() if v not in (None, "")}
        if self.columns == TEXT_COLUMNS:
            data.pop("columns", None)
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Search:
        data = json.loads(text or "{}")
        if not isinstance(data, dict):
            raise ValueError("a search is a JSON object")
        kwargs: dict[str, Any] = {"q": str(data.get("q") or "")}
        if data.get("columns"):
            columns = tuple(str(c) for c in data["columns"])
            if not set(columns) <= set(TEXT_COLUMNS):
                raise ValueError(f"not a text column: {columns}")
            kwargs["columns"] = columns
        if data.get("year") not in (None, ""):
            kwargs["year"] = int(data["year"])
        for name in (*INDEXED_FILTERS, "date_from", "date_to", "doc_no"):
            if data.get(name) not in (None, ""):
                kwargs[name] = str(data[name])
        return cls(**kwargs)


def _hits_sql(search: Search, desc: bool = True, extra: str = "") -> tuple[str, list[Any]]:
    """SQL of (key, document id, ``extra`` columns of documents_search) of every match,
    newest first (or oldest first)."""
    lo, hi = search.key_range()
    order = "desc" if desc else "asc"
    match = search.match()
    if match is None:
        return (
            f"select s.key, s.id{extra} from {KEYS_TABLE} s where s.key between ? and ?"
            f" and s.id is not null and s.digest is not null order by s.key {order}",
            [lo, hi],
        )
    # titles alone are matched in their own small table: the main one would read the position
    # lists of every document holding the words anywhere
    table = TITLES_TABLE if search.columns == ("title",) and not search.doc_no else FTS_TABLE
    return (
        f"select f.rowid as key, s.id as id{extra} from {table} f"
        f" join {KEYS_TABLE} s on s.key = f.rowid"
        f" where {table} match ? and f.rowid between ? and ? and s.id is not null"
        f" order by f.rowid {order}",
        [match, lo, hi],
    )


def hits(
    db: Db, search: Search, limit: int, offset: int = 0, desc: bool = True
) -> list[tuple[int, int]]:
    """(key, document id) of matches, newest first: ``limit`` of them after ``offset``."""
    sql, params = _hits_sql(search, desc)
    return [
        (int(k), int(i))
        for k, i in db.execute(sql + " limit ? offset ?", [*params, limit, offset]).fetchall()
    ]


EXPORT_COLUMNS = (
    "id", "url", "title", "publisher", "topic", "publish_date", "doc_no", "status", "site_id",
    "body_text",
)  # fmt: skip


def export_sql(search: Search) -> tuple[str, list[Any]]:
    """SQL of every match with ``EXPORT_COLUMNS``, newest first: one statement that walks the
    index in key order (for complete downloads)."""
    lo, hi = search.key_range()
    cols = ", ".join(f"d.{c}" for c in EXPORT_COLUMNS)
    match = search.match()
    if match is None:
        return (
            f"select {cols} from {KEYS_TABLE} k join documents d on d.id = k.id"
            " where k.key between ? and ? order by k.key desc",
            [lo, hi],
        )
    return (
        f"select {cols} from {FTS_TABLE} f join {KEYS_TABLE} k on k.key = f.rowid"
        f" join documents d on d.id = k.id where {FTS_TABLE} match ?"
        " and f.rowid between ? and ? order by f.rowid desc",
        [match, lo, hi],
    )


def hits_with_facets(db: Db, search: Search, limit: int) -> list[tuple[Any, ...]]:
    """The newest ``limit`` matches as (key, id, publisher, topic, publish_year, site_id,
    status): one read of the index serves the count, the facets and relevance's candidates."""
    sql, params = _hits_sql(search, extra="".join(f", s.{f}" for f in FACETS))
    return [tuple(r) for r in db.execute(sql + " limit ?", [*params, limit]).fetchall()]


class _KeySample:
    """Every 256th key of the index (read again after ten minutes: an estimate can afford a
    little staleness), to estimate what share of the indexed documents lies between two keys."""

    STEP = 256

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.cache: dict[str, tuple[float, list[int]]] = {}

    def keys(self, db: Db) -> list[int]:
        name = database_name(db)
        with self.lock:
            hit = self.cache.get(name)
            if hit is not None and time.monotonic() - hit[0] < 600:
                return hit[1]
        keys = [
            int(r[0])
            for r in db.execute(
                f"select key from {KEYS_TABLE} where id is not null order by key"
            ).fetchall()[:: self.STEP]
        ]
        with self.lock:
            self.cache[name] = (time.monotonic(), keys)
        return keys

    def share(self, db: Db, lo: int, hi: int, within: tuple[int, int]) -> float:
        keys = self.keys(db)
        if not keys:
            return 1.0
        part = bisect.bisect_right(keys, hi) - bisect.bisect_left(keys, lo)
        whole = bisect.bisect_right(keys, within[1]) - bisect.bisect_left(keys, within[0])
        return max(part, 0.5) / max(whole, 1)


_SAMPLE = _KeySample()


def database_name(db: Db) -> str:
    """The file behind a connection (its own id when it has none): a key for caches."""
    try:
        row = _connection(db).execute("pragma database_list").fetchone()
        return str(row[2]) or str(id(db))
    except Exception:  # noqa: BLE001 - any handle we cannot name gets its own cache entry
        return str(id(db))


@dataclass(frozen=True)
class Count:
    """How many documents match: ``exact``, or an estimate ``about`` (labelled as such)."""

    value: int
    exact: bool

    def label(self) -> str:
        if self.exact:
            return f"{self.value:,}"
        return f"about {self.value:,}"

    def label_zh(self) -> str:
        return f"{self.value:,}" if self.exact else f"约 {self.value:,}"


def round_estimate(n: float) -> int:
    if n < 100:
        return round(n)
    digits = math.floor(math.log10(n)) - 1
    return int(round(n, -digits))


def count_of(db: Db, search: Search, found: Sequence[tuple[Any, ...]], cap: int) -> Count:
    """The count from the newest ``cap + 1`` matches ``found``: exact when there are no more;
    else an estimate from where the cap-th newest match lies among all indexed documents
    (that is, assuming matches spread over time like documents do)."""
    if len(found) <= cap:
        return Count(len(found), True)
    lo, hi = search.key_range()
    share = _SAMPLE.share(db, found[cap - 1][0], found[0][0], (lo, hi))
    return Count(max(round_estimate(cap / max(share, 1e-9)), cap + 1), False)


def count(db: Db, search: Search, cap: int | None = None) -> Count:
    """How many documents match (exact up to ``cap``, default ``COUNT_CAP``, else an
    estimate)."""
    cap = COUNT_CAP if cap is None else cap
    return count_of(db, search, hits(db, search, cap + 1), cap)


# -- relevance, snippets -----------------------------------------------------------------------

# BM25's term-frequency saturation and length normalisation, with these weights and typical
# lengths per field; every word weighs the same (no IDF: FTS5 would have to scan every match to
# weigh a phrase, which is what made searches take seconds).
K1, B = 1.2, 0.75
FIELD_WEIGHTS = {"title": 10.0, "body_text": 1.0, "attachment_text": 1.0}
TYPICAL_LENGTH = {"title": 30.0, "body_text": 1500.0, "attachment_text": 3000.0}


class Matcher:
    """Finds a query's words in displayed text as the index finds them: full-width forms and
    ASCII case folded (only when a word has ASCII in it: folding changes nothing else), any run
    of whitespace for a space in a phrase. Positions are those of the original text."""

    def __init__(self, words: Sequence[str]) -> None:
        folded = [normalize_for_display(w).strip() for w in words if normalize(w)]
        self.fold = any(c.isascii() for w in folded for c in w)
        self.plain = [w for w in folded if not _SPACE_RE.search(w)]
        self.patterns = [
            re.compile("".join(r"\s+" if p.isspace() else re.escape(p)
                               for p in re.split(r"(\s+)", w) if p))
            for w in folded
            if _SPACE_RE.search(w)
        ]  # fmt: skip

    def prepare(self, text: str) -> str:
        return normalize_for_display(text) if self.fold else text

    def counts(self, text: str) -> list[int]:
        """Occurrences of each word in ``text`` (the output of ``prepare``)."""
        return [text.count(w) for w in self.plain] + [len(p.findall(text)) for p in self.patterns]

    def spans(self, text: str) -> list[tuple[int, int]]:
        out = []
        for word in self.plain:
            start = text.find(word)
            while start >= 0:
                out.append((start, start + len(word)))
                start = text.find(word, start + len(word))
        for pattern in self.patterns:
            out.extend(m.span() for m in pattern.finditer(text))
        return sorted(out)


def normalize_for_display(text: str) -> str:
    """Fold full-width letters and digits and ASCII case, keeping every character's position."""
    return text.translate(_DISPLAY_FOLD)


def score(words: Sequence[str] | Matcher, fields: dict[str, str | None]) -> float:
    """BM25-style relevance of a document to ``words`` (higher is better)."""
    matcher = words if isinstance(words, Matcher) else Matcher(words)
    total = 0.0
    for name, weight in FIELD_WEIGHTS.items():
        text = fields.get(name)
        if not text:
            continue
        norm = K1 * (1 - B + B * len(text) / TYPICAL_LENGTH[name])
        for tf in matcher.counts(matcher.prepare(text)):
            if tf:
                total += weight * tf * (K1 + 1) / (tf + norm)
    return total


def rank_value(words: Sequence[str] | Matcher, fields: dict[str, str | None]) -> float:
    """``-score``: lower is better, like FTS5's bm25(), so results sort ascending."""
    return -round(score(words, fields), 9)


def snippet(words: Sequence[str] | Matcher, text: str | None, width: int = 60) -> tuple[str, bool]:
    """HTML: ``width`` characters around the first match with every match in <mark>, escaped;
    and whether a match was found."""
    if not text:
        return "", False
    matcher = words if isinstance(words, Matcher) else Matcher(words)
    spans = matcher.spans(matcher.prepare(text))
    if not spans:
        cut = text[:width]
        return html.escape(cut) + ("…" if len(text) > width else ""), False
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), start + width)
    out, pos = [], start
    for s, e in spans:
        if e <= start or s < pos:
            continue
        if s >= end:
            break
        out.append(html.escape(text[pos:s]))
        out.append("<mark>" + html.escape(text[s:e]) + "</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    body = "".join(out).replace("\n", " ")
    return ("…" if start else "") + body + ("…" if end < len(text) else ""), True


def snippet_text(words: Sequence[str], text: str | None, width: int = 60) -> str:
    """Plain-text snippet with matches in [brackets] (for CSV and canned queries)."""
    marked, _ = snippet(words, text, width)
    text_out = marked.replace("<mark>", "[").replace("</mark>", "]")
    return html.unescape(text_out)


# -- a page of results -------------------------------------------------------------------------

RESULT_COLUMNS = (
    "id, url, title, publisher, topic, publish_date, publish_year, doc_no, status, site_id,"
    " body_text, version_id"
)


@dataclass
class Result:
    id: int
    row: dict[str, Any]
    rank: float | None
    snippet_html: str
    snippet_source: str  # body_text | title | attachment_text


@dataclass
class Facet:
    name: str
    values: list[tuple[Any, int]]
    exact: bool  # False: counted over the newest ``over`` matches only
    over: int


@dataclass
class Page:
    search: Search
    sort: str
    page: int
    count: Count
    results: list[Result]
    facets: list[Facet] = field(default_factory=list)
    ranked_over: int | None = None  # relevance among this many matches (None: all of them)
    elapsed_ms: float = 0.0

    @property
    def pages(self) -> int:
        if self.sort == "relevance":
            return max(1, math.ceil(min(self.count.value, RANK_CAP) / PAGE_SIZE))
        return max(1, math.ceil(self.count.value / PAGE_SIZE))


RANK_COLUMNS = "id, title, body_text, publish_date, version_id"


def fetch_documents(
    db: Db, ids: Sequence[int], columns: str = RESULT_COLUMNS
) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        sql = f"select {columns} from documents where id in ({', '.join('?' * len(chunk))})"
        for row in _rows(db, sql, chunk):
            out[row["id"]] = row
    return out


def ranked(
    db: Db,
    search: Search,
    cap: int | None = None,
    found: Sequence[tuple[Any, ...]] | None = None,
) -> tuple[list[tuple[float, int]], bool]:
    """(rank, id) of the relevance candidates, best first, and whether every match was one.

    The candidates are every match when there are at most ``cap``; else the newest ``cap``
    matches and the newest ``cap`` matches in titles (a title match outranks any body match,
    so the best results are among them). ``cap`` defaults to ``RANK_CAP``; ``found``: the
    newest matches, if already read."""
    cap = RANK_CAP if cap is None else cap
    words = search.words
    newest = list(found[: cap + 1]) if found is not None else hits(db, search, cap + 1)
    complete = len(newest) <= cap
    ids = {row[1] for row in newest[:cap]}
    if not complete and words and "title" in search.columns:
        ids |= {i for _, i in hits(db, replace(search, columns=("title",)), cap)}
    docs = fetch_documents(db, sorted(ids), RANK_COLUMNS)
    texts = _attachment_texts(db, (d["version_id"] for d in docs.values()))
    matcher = Matcher(words)
    order = []
    for doc_id, d in docs.items():
        fields = {
            "title": d["title"],
            "body_text": d["body_text"],
            "attachment_text": texts.get(d["version_id"]),
        }
        fields = {k: v for k, v in fields.items() if k in search.columns}
        order.append((rank_value(matcher, fields), doc_id))
    # best first; among equals the newest (by publication date, then id)
    order.sort(key=lambda r: -r[1])
    order.sort(key=lambda r: docs[r[1]]["publish_date"] or "", reverse=True)
    order.sort(key=lambda r: r[0])
    return order, complete


def facets(
    db: Db,
    search: Search,
    cap: int | None = None,
    found: Sequence[tuple[Any, ...]] | None = None,
) -> list[Facet]:
    """Facet counts over every match, or over the newest ``cap`` (default ``FACET_CAP``;
    ``Facet.exact`` says which). ``found``: ``hits_with_facets`` rows, if already read."""
    cap = FACET_CAP if cap is None else cap
    if found is None or (found and len(found[0]) < 2 + len(FACETS)):
        found = hits_with_facets(db, search, cap + 1)
    exact = len(found) <= cap
    counters: dict[str, Counter[Any]] = {name: Counter() for name in FACETS}
    for i, name in enumerate(FACETS, start=2):
        counters[name].update(row[i] for row in found[:cap] if row[i] is not None)
    return [
        Facet(name, sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))), exact,
              min(len(found), cap))
        for name, c in counters.items()
    ]  # fmt: skip


def run(
    db: Db,
    search: Search,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = PAGE_SIZE,
    with_facets: bool = True,
) -> Page:
    """One page of results with the count and the facets."""
    started = time.perf_counter()
    if not search.words and sort == "relevance":
        sort = "newest"
    page = max(1, page)
    # one read of the newest matches serves the count, the facets and relevance's candidates
    found = hits_with_facets(db, search, max(COUNT_CAP, FACET_CAP, RANK_CAP) + 1)
    total = count_of(db, search, found[: COUNT_CAP + 1], COUNT_CAP)
    ranked_over = None
    if sort == "relevance":
        order, complete = ranked(db, search, found=found)
        ranked_over = None if complete else RANK_CAP
        chosen = order[(page - 1) * page_size : page * page_size]
        ranks = dict((i, r) for r, i in chosen)
        ids = [i for _, i in chosen]
    else:
        offset = (page - 1) * page_size
        if sort == "newest" and offset + page_size <= len(found):
            ids = [row[1] for row in found[offset : offset + page_size]]
        else:
            ids = [i for _, i in hits(db, search, page_size, offset, desc=sort != "oldest")]
        ranks = {}
    results = results_for(db, search, ids, ranks)
    out = Page(search, sort, page, total, results, ranked_over=ranked_over)
    if with_facets:
        out.facets = facets(db, search, found=found)
    out.elapsed_ms = (time.perf_counter() - started) * 1000
    return out


def results_for(
    db: Db, search: Search, ids: Sequence[int], ranks: Mapping[int, float] | None = None
) -> list[Result]:
    """The results of ``ids``, in that order: each document's row and a snippet with the
    words marked, from the body, else the title, else the attachments."""
    ranks = ranks or {}
    docs = fetch_documents(db, ids)
    texts = _attachment_texts(db, (d["version_id"] for d in docs.values()))
    matcher = Matcher(search.words)
    results = []
    for doc_id in ids:
        d = docs.get(doc_id)
        if d is None:
            continue
        fields = (
            ("body_text", d["body_text"]),
            ("title", d["title"]),
            ("attachment_text", texts.get(d["version_id"])),
        )
        source, snip = "body_text", snippet(matcher, d["body_text"], 120)[0]
        for name, text in fields:
            marked, matched = snippet(matcher, text, 120)
            if matched:
                source, snip = name, marked
                break
        results.append(Result(doc_id, d, ranks.get(doc_id), snip, source))
    return results


def rank_of(db: Db, search: Search, ids: Iterable[int]) -> list[tuple[float, int, str]]:
    """(rank, id, publication date) of documents ``ids`` for ``search`` (``ranked``'s rank)."""
    docs = fetch_documents(db, sorted(ids), RANK_COLUMNS)
    texts = _attachment_texts(db, (d["version_id"] for d in docs.values()))
    matcher = Matcher(search.words)
    out = []
    for doc_id, d in docs.items():
        fields = {
            "title": d["title"],
            "body_text": d["body_text"],
            "attachment_text": texts.get(d["version_id"]),
        }
        fields = {k: v for k, v in fields.items() if k in search.columns}
        out.append((rank_value(matcher, fields), doc_id, str(d["publish_date"] or "")))
    return out


def caps() -> tuple[int, int, int, int]:
    """The caps now: part of any cache key of results."""
    return COUNT_CAP, RANK_CAP, FACET_CAP, TABLE_CAP


def search_ids(db: Db, search: Search, cap: int | None = None) -> tuple[list[int], Count]:
    """Ids of the newest ``cap`` (default ``TABLE_CAP``) matches, and the match count (exact up
    to ``cap``, else an estimate): what Datasette's table view shows for a search."""
    cap = TABLE_CAP if cap is None else cap
    found = hits(db, search, cap + 1)
    return [i for _, i in found[:cap]], count_of(db, search, found, cap)


def search(db: Db, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching ``query``, best first: id, URL, title, publisher, date and rank."""
    order, _ = ranked(db, Search(q=query))
    chosen = order[:limit]
    docs = fetch_documents(db, [doc_id for _, doc_id in chosen])
    return [
        {
            "id": doc_id,
            "url": docs[doc_id]["url"],
            "title": docs[doc_id]["title"],
            "publisher": docs[doc_id]["publisher"],
            "publish_date": docs[doc_id]["publish_date"],
            "rank": rank,
        }
        for rank, doc_id in chosen
    ]
