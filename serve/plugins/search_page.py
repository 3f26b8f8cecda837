"""The search page: ``/-/search`` (HTML), ``/-/search.csv`` and ``/-/search.json`` (downloads).

A search box first; then the results, best first (or newest, or oldest), twenty to a page,
each with its title linked to the document's page, publisher, date, topic, status and a snippet
with the words highlighted; facets for publisher, topic, year, site and status with their
counts; filters for a date range and the 文号; the whole result set as an Excel-safe CSV or as
JSON. No JavaScript: a form and links. Chinese and English labels. Every value is escaped by
the template (snippets are escaped by ``store.search.snippet``, which only adds ``<mark>``).

Counts and facets are exact up to 10,000 matches and say so when they are not ("约 120,000 ·
about 120,000"; facets "over the newest 10,000 matches"); relevance ranks every match up to
500, else the newest 500 and the newest 500 title matches, and says so. Downloads hold
every match, newest first (``stream_query`` in ``streams.py``).
"""

from __future__ import annotations

import importlib.util
import math
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup

from serve import read
from store import (
    EXPORT_COLUMNS,
    KEYS_TABLE,
    PAGE_SIZE,
    Search,
    day_number,
    export_sql,
    run,
)

SORTS = (
    ("relevance", "相关度 · Relevance"),
    ("newest", "最新 · Newest"),
    ("oldest", "最早 · Oldest"),
)
FACET_LABELS = {
    "publisher": "发布机构 · Publisher",
    "topic": "主题分类 · Topic",
    "publish_year": "年份 · Year",
    "site_id": "站点 · Site",
    "status": "状态 · Status",
}
STATUS_LABELS = {
    "live": "在线 · live",
    "removed": "已删除 · removed",
    "soft_removed": "页面称已删除 · soft-removed",
    "blocked": "被拦截 · blocked",
    "unreachable": "无法访问 · unreachable",
    "restored": "已恢复 · restored",
}
# request argument -> (Search field, facet it filters)
FILTERS = {
    "publisher": ("publisher", "publisher"),
    "topic": ("topic", "topic"),
    "year": ("year", "publish_year"),
    "site": ("site_id", "site_id"),
    "status": ("status", "status"),
}
FACET_ARG = {facet: arg for arg, (_, facet) in FILTERS.items()}
TEXT_ARGS = ("date_from", "date_to", "doc_no")


def _load_streams() -> Any:
    """streams.py, the sibling plugin (Datasette loads plugin files outside sys.modules)."""
    name = "xxgk_serve_streams"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("streams.py"))
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


async def archive_database(datasette: Any) -> str | None:
    """The first database that holds the search index."""
    for name, db in datasette.databases.items():
        if name.startswith("_"):
            continue
        if await db.table_exists(KEYS_TABLE):
            return str(name)
    return None


def parse(args: Any) -> tuple[Search, str, int, list[str]]:
    """The search, sort and page a request asks for, and what was wrong with it (ignored)."""
    problems = []
    fields: dict[str, Any] = {"q": (args.get("q") or "").strip()}
    for arg, (field, _) in FILTERS.items():
        value = (args.get(arg) or "").strip()
        if not value:
            continue
        if field == "year":
            if not value.isdigit():
                problems.append(f"年份不是数字 · not a year: {value}")
                continue
            fields[field] = int(value)
        else:
            fields[field] = value
    for arg in TEXT_ARGS:
        value = (args.get(arg) or "").strip()
        if not value:
            continue
        if arg.startswith("date_") and (len(value) != 10 or day_number(value) == 0):
            problems.append(f"日期格式应为 YYYY-MM-DD · not a date: {value}")
            continue
        fields[arg] = value
    sort = args.get("sort") or "relevance"
    if sort not in dict(SORTS):
        sort = "relevance"
    try:
        page = max(1, int(args.get("page") or 1))
    except ValueError:
        page = 1
    return Search(**fields), sort, page, problems


def _args(search: Search, sort: str | None, **changes: Any) -> dict[str, Any]:
    """The request arguments of ``search`` (sorted by ``sort``), with ``changes``."""
    out: dict[str, Any] = {"q": search.q}
    for arg, (field, _) in FILTERS.items():
        out[arg] = getattr(search, field)
    for arg in TEXT_ARGS:
        out[arg] = getattr(search, arg)
    out["sort"] = sort
    out.update(changes)
    return {
        k: v
        for k, v in out.items()
        if v not in (None, "") and not (k == "sort" and v == "relevance")
    }


def url(path: str, args: dict[str, Any]) -> str:
    return path + ("?" + urlencode(args) if args else "")


async def site_names(datasette: Any, database: str) -> dict[str, str]:
    return await read(datasette, lambda archive: archive.site_names()) or {}


def facet_label(name: str, value: Any, sites: dict[str, str]) -> str:
    if name == "status":
        return STATUS_LABELS.get(str(value), str(value))
    if name == "site_id":
        return f"{sites.get(value, value)} ({value})"
    return str(value)


async def search_page(datasette: Any, request: Any) -> Response:
    database = await archive_database(datasette)
    if database is None:
        return Response.text("404: no archive with a search index is served here", status=404)
    search, sort, page, problems = parse(request.args)
    db = datasette.get_database(database)
    result = await db.execute_fn(lambda conn: run(conn, search, sort, page))
    sites = await site_names(datasette, database)
    requested_sort, sort = sort, result.sort
    results = []
    for r in result.results:
        row = r.row
        results.append(
            {
                "id": r.id,
                "href": datasette.urls.row(database, "documents", str(r.id)),
                "title": row["title"] or row["url"],
                "url": row["url"],
                "publisher": row["publisher"],
                "publish_date": row["publish_date"],
                "topic": row["topic"],
                "doc_no": row["doc_no"],
                "status": row["status"] or "live",
                "status_label": STATUS_LABELS.get(row["status"] or "live", row["status"]),
                "site": sites.get(row["site_id"], row["site_id"]),
                "snippet": Markup(r.snippet_html),  # escaped by store.search.snippet
                "snippet_source": r.snippet_source,
            }
        )
    facets = []
    for facet in result.facets:
        arg = FACET_ARG[facet.name]
        selected = _args(search, requested_sort).get(arg)
        values = []
        for value, n in facet.values[:30]:
            is_selected = selected is not None and str(selected) == str(value)
            changes = {arg: None if is_selected else value, "page": None}
            values.append(
                {
                    "label": facet_label(facet.name, value, sites),
                    "count": n,
                    "href": url("/-/search", _args(search, requested_sort, **changes)),
                    "selected": is_selected,
                }
            )
        facets.append(
            {
                "name": facet.name,
                "label": FACET_LABELS[facet.name],
                "values": values,
                "more": max(0, len(facet.values) - 30),
                "exact": facet.exact,
                "over": facet.over,
            }
        )
    chips = []
    for arg, (field, facet_name) in FILTERS.items():
        value = getattr(search, field)
        if value is not None:
            chips.append(
                {
                    "label": f"{FACET_LABELS[facet_name]}: {facet_label(facet_name, value, sites)}",
                    "href": url(
                        "/-/search", _args(search, requested_sort, **{arg: None, "page": None})
                    ),
                }
            )
    pages = result.pages
    window = range(max(1, page - 4), min(pages, page + 4) + 1)
    pagination = []
    for n in window:
        href = url("/-/search", _args(search, requested_sort, page=n if n > 1 else None))
        pagination.append({"page": n, "href": href, "current": n == page})
    export_args = _args(search, None)
    context = {
        "database": database,
        "q": search.q,
        "search": search,
        "sort": sort,
        "requested_sort": requested_sort,
        "sort_label": dict(SORTS)[sort],
        "sorts": SORTS,
        "page": page,
        "pages": pages,
        "pagination": pagination,
        "prev_href": url(
            "/-/search", _args(search, requested_sort, page=page - 1 if page > 2 else None)
        )
        if page > 1
        else None,
        "next_href": url("/-/search", _args(search, requested_sort, page=page + 1))
        if page < pages
        else None,
        "count": result.count,
        "ranked_over": result.ranked_over,
        "results": results,
        "facets": facets,
        "chips": chips,
        "hidden": {
            arg: value for arg, value in _args(search, requested_sort).items() if arg in FILTERS
        },
        "problems": problems,
        "csv_href": url("/-/search.csv", export_args),
        "json_href": url("/-/search.json", export_args),
        "documents_href": datasette.urls.table(database, "documents"),
        "elapsed_ms": result.elapsed_ms,
        "first": (page - 1) * PAGE_SIZE + 1,
        "math": math,
    }
    html = await datasette.render_template("search.html", context, request=request)
    return Response.html(html)


async def search_export(datasette: Any, request: Any, send: Any, receive: Any) -> None:
    streams = _load_streams()
    fmt = request.url_vars["format"]
    database = await archive_database(datasette)
    if database is None:
        await send({"type": "http.response.start", "status": 404,
                    "headers": [(b"content-type", b"text/plain; charset=utf-8")]})  # fmt: skip
        await send({"type": "http.response.body", "body": b"404: no archive here"})
        return
    search, _, _, _ = parse(request.args)
    sql, params = export_sql(search)
    name = "search-" + "-".join(search.words)[:60] if search.words else "search"
    plan = streams.Plan(
        database=database,
        sql=sql,
        params=params,
        headings=list(EXPORT_COLUMNS),
        format="csvbom" if fmt == "csv" else "json",
        filename=f"{name}.{fmt}",
    )
    await streams.stream_query(datasette, plan, send, receive)


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/search$", search_page),
        (r"^/-/search\.(?P<format>csv|json)$", search_export),
    ]


@hookimpl
def menu_links(datasette: Any) -> list[dict[str, str]]:
    return [{"href": "/-/search", "label": "搜索 · Search"}]
