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

# CJK Unified Ideographs (with extension A and compatibility ideographs), kana and hangul:
# scripts written without spaces between words.
_CJK_RE = re.compile(r"([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff])")
_TERM_RE = re.compile(r'"([^"]*)"|(\S+)')


def fts_tokens(text: str | None) -> str:
    """Text as it is stored in the index: every Chinese character a separate token."""
    if not text:
        return ""
    return _CJK_RE.sub(r" \1 ", text)


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
