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
