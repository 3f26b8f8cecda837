"""Chinese full-text search on SQLite FTS5.

FTS5's ``unicode61`` tokenizer reads a run of Chinese characters as one token, so 预算 finds
nothing inside 部门预算总收入; the ``trigram`` tokenizer never matches 2-character words. We
index one token per Chinese character instead (``应急管理`` is stored as ``应 急 管 理``) and turn
every query word into a phrase of its characters (``应急`` -> ``"应 急"``): a phrase matches only
adjacent tokens in order, so any substring of any length is found, exactly, and bm25 ranks the
matches. Latin words and numbers stay whole tokens.

The same ``fts_query`` runs in Datasette (``serve/plugins/chinese_search.py`` replaces its
``escape_fts``), so the archive's search box and SQL behave alike.
"""

from __future__ import annotations

import re
from typing import Any

from sqlite_utils import Database

# Scripts written without spaces between words: kana, CJK Unified Ideographs with their
# extensions A (U+3400) and B and later (U+20000-U+3134F), compatibility ideographs, hangul.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f"
_CJK_RE = re.compile(f"([{_CJK}])")
_UNTOKEN_RE = re.compile(f"(?<=[{_CJK}]) | (?=[{_CJK}])")
_TERM_RE = re.compile(r'"([^"]*)"|(\S+)')

# Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ) folded to ASCII, so 98 finds ９８.
# Only letters and digits: punctuation separates tokens anyway and keeps its form in snippets.
_FOLD = {
    cp: cp - 0xFEE0
    for cp in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B))
}

FTS_TABLE = "documents_fts"

# Weights of the index's columns in bm25 ranking: a word in the title counts ten times a word
# in the body or in the attachments. Used as ``bm25(documents_fts, 10.0, 1.0, 1.0)``.
RANK_WEIGHTS = (10.0, 1.0, 1.0)  # title, body_text, attachment_text


def fts_tokens(text: str | None) -> str:
    """Text as it is stored in the index: every Chinese character a separate token.

    Full-width digits and letters are folded to ASCII, so 98 finds ９８ and the other way round.
    """
    if not text:
        return ""
    return _CJK_RE.sub(r" \1 ", text.translate(_FOLD))


def fts_untokens(text: str | None) -> str:
    """Undo ``fts_tokens``' spacing (for snippets shown to people); Latin words keep theirs."""
    if not text:
        return ""
    return _UNTOKEN_RE.sub("", text)


def fts_query(query: str) -> str:
    """A user's query as an FTS5 MATCH expression: every word (or "quoted phrase") must occur.

    Characters FTS5 would read as syntax are dropped, so no user input raises an error.
    """
    phrases: list[str] = []
    for m in _TERM_RE.finditer(query):
        term = m[1] if m[1] is not None else m[2]
        tokens = fts_tokens(re.sub(r"[^\w]+", " ", term)).split()
        if tokens:
            phrases.append('"' + " ".join(tokens) + '"')
    return " ".join(phrases) if phrases else '""'


def ensure_search_index(db: Database) -> None:
    """Create the search index if it is missing and fill it from the documents."""
    # A regular (not external-content) FTS5 table: it holds the documents' text already split
    # into one token per Chinese character (see store.search), keyed by documents.id, with the
    # text extracted from the document's attachments in a third column.
    if FTS_TABLE not in db.table_names():
        db.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body_text, attachment_text, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
        with db.atomic():
            for (doc_id,) in db.execute("select id from documents").fetchall():
                reindex(db, doc_id)


def reindex(db: Database, doc_id: int) -> None:
    """Refresh a document's search entry: title, body and the text of its attachments."""
    row = db.execute(
        "select title, body_text, version_id from documents where id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return
    texts = [
        r[0]
        for r in db.execute(
            "select f.text from attachments a join files f on f.sha256 = a.sha256"
            " where a.version_id = ? and f.text is not null order by a.id",
            [row[2]],
        ).fetchall()
    ]
    db.execute(f"delete from {FTS_TABLE} where rowid = ?", [doc_id])
    db.execute(
        f"insert into {FTS_TABLE} (rowid, title, body_text, attachment_text) values (?, ?, ?, ?)",
        [doc_id, fts_tokens(row[0]), fts_tokens(row[1]), fts_tokens("\n".join(texts))],
    )


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching ``query`` (see ``fts_query``), best first."""
    weights = ", ".join(str(w) for w in RANK_WEIGHTS)
    sql = (
        f"select d.id, d.url, d.title, d.publisher, d.publish_date,"
        f" bm25({FTS_TABLE}, {weights}) as rank"
        f" from {FTS_TABLE} join documents d on d.id = {FTS_TABLE}.rowid"
        f" where {FTS_TABLE} match :q order by rank limit :limit"
    )
    cursor = db.execute(sql, {"q": fts_query(query), "limit": limit})
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
