"""Chinese full-text search in Datasette: the documents table's search box, and SQL functions.

The archive's index (``store/search.py``) is contentless and keyed in publication order, so
Datasette's own ``?_search=`` (``rowid in (select rowid from fts where fts match …)``) cannot
use it. This plugin answers ``?_search=`` and ``?_search_<column>=`` on ``documents`` instead
(``filters_from_request``, run last so that the search box shows):

- every match when there are at most ``TABLE_CAP`` (2,000): the count, the facets and every
  page are exact;
- past that, the table shows the ``TABLE_CAP`` newest matches and says so next to an
  estimate of the total ("the 2,000 newest of about 120,000 matches"):
  counting, sorting and faceting a million rows is what made searches take seconds. The search
  page (``/-/search``) ranks by relevance and pages through every match, and a streamed CSV
  (``?_stream=on``) always holds every match.

Filters the index knows (publisher, topic, site_id, status, publish_year, publish_date__gte)
narrow the search inside the index, so the newest matches are the newest *filtered* matches.

SQL gets ``fts_query(q)`` (a MATCH expression over the text columns of ``documents_fts``;
Datasette's own ``escape_fts`` is left alone for any other FTS table), ``fts_tokens``,
``fts_untokens``, ``search_ids(spec)`` and ``search_candidates(spec)`` (JSON arrays of
document ids: the newest matches, and the candidates of relevance ranking; ``spec`` is a JSON
object with ``q`` and optionally ``publisher``, ``topic``, ``site_id``, ``status``, ``year``,
``date_from``, ``date_to``, ``doc_no``), ``search_rank(q, title, body_text,
attachment_text)`` (lower is better) and ``search_snippet(q, text)`` (matches in [brackets]).
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections import OrderedDict
from typing import Any

from datasette import hookimpl
from datasette.filters import FilterArguments

from store import (
    FTS_TABLE,
    INDEXED_FILTERS,
    KEYS_TABLE,
    TEXT_COLUMNS,
    UNDATED_DAY,
    Count,
    Search,
    caps,
    database_name,
    day_number,
    fts_query,
    fts_tokens,
    fts_untokens,
    query_words,
    rank_value,
    ranked,
    search_ids,
    snippet_text,
)

TABLE = "documents"
_STREAM_FORMATS = (".csv", ".csvbom")


class _Cache:
    """A few seconds of memory for id lists: one table page asks for the same ids up to seven
    times (rows, count, every facet)."""

    def __init__(self, size: int = 64, ttl: float = 3.0) -> None:
        self.items: OrderedDict[tuple[Any, ...], tuple[float, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.size, self.ttl = size, ttl

    def get(self, key: tuple[Any, ...]) -> Any:
        with self.lock:
            hit = self.items.get(key)
            if hit is None or time.monotonic() - hit[0] > self.ttl:
                return None
            self.items.move_to_end(key)
            return hit[1]

    def put(self, key: tuple[Any, ...], value: Any) -> None:
        with self.lock:
            self.items[key] = (time.monotonic(), value)
            while len(self.items) > self.size:
                self.items.popitem(last=False)


_CACHE = _Cache()


def ids_and_count(conn: sqlite3.Connection, search: Search) -> tuple[list[int], Count]:
    key = ("ids", database_name(conn), search, caps())
    hit = _CACHE.get(key)
    if hit is None:
        hit = search_ids(conn, search)
        _CACHE.put(key, hit)
    return hit  # type: ignore[no-any-return]


def _spec(text: str | None) -> Search:
    try:
        return Search.from_json(text or "{}")
    except (ValueError, TypeError) as exc:
        raise ValueError(f"search spec: {exc}") from exc


@hookimpl(trylast=True)
def prepare_connection(conn: sqlite3.Connection) -> None:
    conn.create_function("fts_query", 1, fts_query, deterministic=True)
    conn.create_function("fts_tokens", 1, fts_tokens, deterministic=True)
    conn.create_function("fts_untokens", 1, fts_untokens, deterministic=True)

    def sql_search_ids(spec: str | None) -> str:
        ids, _ = ids_and_count(conn, _spec(spec))
        return json.dumps(ids)

    def sql_search_candidates(spec: str | None) -> str:
        search = _spec(spec)
        if not search.words:
            return "[]"
        key = ("ranked", database_name(conn), search, caps())
        order = _CACHE.get(key)
        if order is None:
            order, _ = ranked(conn, search)
            _CACHE.put(key, order)
        return json.dumps([doc_id for _, doc_id in order])

    def sql_search_rank(
        q: str | None, title: str | None, body: str | None, att: str | None
    ) -> float:
        fields = {"title": title, "body_text": body, "attachment_text": att}
        return rank_value(query_words(q), fields)

    def sql_search_snippet(q: str | None, text: str | None) -> str:
        return snippet_text(query_words(q), text)

    conn.create_function("search_ids", 1, sql_search_ids)
    conn.create_function("search_candidates", 1, sql_search_candidates)
    conn.create_function("search_rank", 4, sql_search_rank, deterministic=True)
    conn.create_function("search_snippet", 2, sql_search_snippet, deterministic=True)


# -- the documents table's search box ------------------------------------------------------------

# request argument -> Search field, for the filters the index answers exactly
_INDEXED_ARGS = {
    **{name: name for name in INDEXED_FILTERS},
    **{f"{name}__exact": name for name in INDEXED_FILTERS},
    "publish_year": "year",
    "publish_year__exact": "year",
    "publish_date__gte": "date_from",
}


def search_from_args(args: Any) -> list[Search]:
    """The searches a table request asks for: ``_search`` over the text, ``_search_<column>``
    over one column; each narrowed by the filters the index knows."""
    narrowing: dict[str, Any] = {}
    for arg, name in _INDEXED_ARGS.items():
        values = args.getlist(arg)
        if len(values) != 1 or not values[0]:
            continue
        value: Any = values[0]
        if name == "year":
            try:
                value = int(value)
            except ValueError:
                continue
        if name == "date_from" and day_number(value) == UNDATED_DAY:
            continue
        narrowing[name] = value
    searches = []
    for key in args:
        if not key.startswith("_search") or key == "_searchmode":
            continue
        text = args.get(key)
        columns: tuple[str, ...] = TEXT_COLUMNS
        if key != "_search":
            column = key[len("_search_") :]
            if column not in TEXT_COLUMNS:
                raise ValueError(f"cannot search column {column!r}")
            columns = (column,)
        searches.append(Search(q=text, columns=columns, **narrowing))
    return searches


def _is_stream(request: Any) -> bool:
    path = request.path
    return path.endswith(_STREAM_FORMATS) and request.args.get("_stream") not in (None, "", "0")


def _complete_clause(search: Search, i: int) -> tuple[str, dict[str, Any]]:
    """Every match, as SQL (for streamed exports)."""
    lo, hi = search.key_range()
    match = search.match()
    if match is None:
        return (f"id in (select id from {KEYS_TABLE} where key between :_slo{i} and :_shi{i}"
                " and id is not null)", {f"_slo{i}": lo, f"_shi{i}": hi})  # fmt: skip
    return (
        f"id in (select k.id from {FTS_TABLE} f join {KEYS_TABLE} k on k.key = f.rowid"
        f" where {FTS_TABLE} match :_smatch{i} and f.rowid between :_slo{i} and :_shi{i}"
        " and k.id is not null)",
        {f"_smatch{i}": match, f"_slo{i}": lo, f"_shi{i}": hi},
    )


async def _has_index(datasette: Any, database: str) -> bool:
    db = datasette.get_database(database)
    return bool(await db.table_exists(FTS_TABLE)) and bool(await db.table_exists(KEYS_TABLE))


@hookimpl(trylast=True)
def filters_from_request(request: Any, database: str, table: str, datasette: Any) -> Any:
    if table != TABLE:
        return None

    async def inner() -> FilterArguments | None:
        if not await _has_index(datasette, database):
            return None
        extra: dict[str, Any] = {"supports_search": True}
        try:
            searches = search_from_args(request.args)
        except ValueError as exc:
            from datasette.utils.asgi import BadRequest

            raise BadRequest(str(exc)) from exc
        searches = [x for x in searches if x.words]
        if not searches:
            return FilterArguments([], extra_context=extra)
        where, params, described = [], {}, []
        for i, search in enumerate(searches):
            column = "" if search.columns == TEXT_COLUMNS else f" in {search.columns[0]}"
            words = " ".join(search.words)
            extra["search"] = search.q
            if _is_stream(request):
                clause, more = _complete_clause(search, i)
                where.append(clause)
                params.update(more)
                described.append(f'search{column} matches "{words}"')
                continue
            spec = search.to_json()
            where.append(f"id in (select value from json_each(search_ids(:_search_spec{i})))")
            params[f"_search_spec{i}"] = spec
            db = datasette.get_database(database)
            ids, total = await db.execute_fn(lambda conn, x=search: ids_and_count(conn, x))
            text = f'search{column} matches "{words}"'
            if total.value > len(ids):
                shown = len(ids)
                text += (
                    f" (the {shown:,} newest of {total.label()} matches;"
                    f" 最新的 {shown:,} 条，共{total.label_zh()}条)"
                )
            described.append(text)
            extra["search_total"] = total
        return FilterArguments(where, params, described, extra)

    return inner
