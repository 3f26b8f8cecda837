"""Chinese full-text search in Datasette.

The archive indexes one token per Chinese character (see ``store/search.py``). Datasette's
``?_search=`` runs ``match escape_fts(:search)``; this plugin replaces ``escape_fts`` with the
archive's own query builder, so 应急 becomes the phrase ``"应 急"`` and is found inside
应急管理局. ``trylast`` makes it run after Datasette's built-in registration of the same name.
It also offers ``fts_query``, ``fts_tokens`` and ``fts_untokens`` (for snippets) to SQL.
"""

from __future__ import annotations

import sqlite3

from datasette import hookimpl

from store import fts_query, fts_tokens, fts_untokens


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("escape_fts", 1, fts_query, deterministic=True)
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("fts_tokens", 1, fts_tokens, deterministic=True)
    conn.create_function("fts_untokens", 1, fts_untokens, deterministic=True)
