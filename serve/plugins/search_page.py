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

from serve import archive_config, read
from store import (
    CATALOGUE,
    EXPORT_COLUMNS,
    KEYS_TABLE,
    PAGE_SIZE,
    PROVINCES,
    ArchiveReader,
    MergedPage,
    Partition,
    Search,
    choose,
    day_number,
    export_sql,
    run,
    search_across,
    served_partitions,
)

PROVINCE_LABEL = "省份 · Province"
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


# Each partition's share of a search across partitions stops here (SQLite interrupts it): the
# page names the partitions that did not answer in time.
PARTITION_SECONDS = 5.0


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


async def partitions(datasette: Any) -> list[Partition] | None:
    """The served partitions of a partitioned archive (``catalogue.db`` beside them), newest
    first; None when the archive is served whole."""
    if CATALOGUE not in datasette.databases:
        return None
    catalogue = datasette.get_database(CATALOGUE)
    if not await catalogue.table_exists("partitions"):
        return None
    found: list[Partition] = await catalogue.execute_fn(served_partitions)
    return [p for p in found if p.name in datasette.databases]


async def catalogue_site_names(datasette: Any) -> dict[str, str]:
    catalogue = datasette.get_database(CATALOGUE)
    config = archive_config(datasette, catalogue.path)
    names: dict[str, str] = await catalogue.execute_fn(
        lambda conn: ArchiveReader(config, conn).site_names()
    )
    return names


async def search_partitions(
    datasette: Any, parts: list[Partition], search: Search, sort: str, page: int,
    province: str | None,
) -> MergedPage:  # fmt: skip
    """The search on every partition its filters can match, on Datasette's read threads,
    each round of each partition stopped at ``PARTITION_SECONDS`` (``store.search_across``)."""
    chosen = choose(parts, province, search.site_id, search.year, search.date_from,
                    search.date_to)  # fmt: skip

    async def run_on(name: str, fn: Any) -> Any:
        return await datasette.get_database(name).execute_fn(fn)

    return await search_across(
        run_on, [p.name for p in chosen], search, sort, page, PARTITION_SECONDS
    )


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
    parts = await partitions(datasette)
    database = await archive_database(datasette) if parts is None else CATALOGUE
    if database is None:
        return Response.text("404: no archive with a search index is served here", status=404)
    search, sort, page, problems = parse(request.args)
    # a province selects partitions; an archive served whole has none to select
    province = (request.args.get("province") or "").strip() or None if parts else None
    if province is not None and province not in PROVINCES:
        problems.append(f"不是省级行政区划代码 · not a province code: {province}")
        province = None
    result: Any
    if parts is None:
        db = datasette.get_database(database)
        result = await db.execute_fn(lambda conn: run(conn, search, sort, page))
        sites = await site_names(datasette, database)
        found = [(database, r) for r in result.results]
    else:
        result = await search_partitions(datasette, parts, search, sort, page, province)
        sites = await catalogue_site_names(datasette)
        found = list(result.results)
    requested_sort, sort = sort, result.sort

    def here(**changes: Any) -> dict[str, Any]:
        """This page's arguments, with ``changes``."""
        return _args(search, requested_sort, **{"province": province, **changes})

    results = []
    for where, r in found:
        row = r.row
        results.append(
            {
                "id": r.id,
                "href": datasette.urls.row(where, "documents", str(r.id)),
                "partition": where if parts is not None else None,
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
        selected = here().get(arg)
        values = []
        for value, n in facet.values[:30]:
            is_selected = selected is not None and str(selected) == str(value)
            changes = {arg: None if is_selected else value, "page": None}
            values.append(
                {
                    "label": facet_label(facet.name, value, sites),
                    "count": n,
                    "href": url("/-/search", here(**changes)),
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
                        "/-/search",
                        _args(
                            search, requested_sort, province=province, **{arg: None, "page": None}
                        ),
                    ),
                }
            )
    if province is not None:
        chips.append(
            {
                "label": f"{PROVINCE_LABEL}: {PROVINCES[province]}",
                "href": url("/-/search", _args(search, requested_sort, page=None)),
            }
        )
    if parts is not None:
        by_province: dict[str, int] = {}
        known = {p.name: p for p in parts}
        for name, n in result.counts.items():
            code = known[name].province
            by_province[code] = by_province.get(code, 0) + n
        if by_province:
            facets.insert(0, {
                "name": "province",
                "label": PROVINCE_LABEL,
                "values": [
                    {
                        "label": PROVINCES.get(code, code),
                        "count": n,
                        "href": url("/-/search", _args(
                            search, requested_sort, province=None if code == province else code,
                            page=None)),
                        "selected": code == province,
                    }
                    for code, n in sorted(by_province.items(), key=lambda kv: (-kv[1], kv[0]))
                    if n
                ],
                "more": 0,
                "exact": result.count.exact,
                "over": result.count.value,
            })  # fmt: skip
    pages = result.pages
    window = range(max(1, page - 4), min(pages, page + 4) + 1)
    pagination = []
    for n in window:
        href = url("/-/search", here(page=n if n > 1 else None))
        pagination.append({"page": n, "href": href, "current": n == page})
    export_args = _args(search, None, province=province)
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
            "/-/search",
            here(page=page - 1 if page > 2 else None),
        )
        if page > 1
        else None,
        "next_href": url("/-/search", here(page=page + 1)) if page < pages else None,
        "count": result.count,
        "ranked_over": result.ranked_over,
        "results": results,
        "facets": facets,
        "chips": chips,
        "hidden": {
            arg: value for arg, value in here().items() if arg in FILTERS or arg == "province"
        },
        "problems": problems,
        "csv_href": url("/-/search.csv", export_args),
        "json_href": url("/-/search.json", export_args),
        "documents_href": datasette.urls.table(
            database, "catalogue" if parts is not None else "documents"
        ),
        "elapsed_ms": result.elapsed_ms,
        "partitioned": parts is not None,
        "searched": len(result.searched) if parts is not None else 0,
        "partitions": len(parts) if parts is not None else 0,
        "timed_out": result.timed_out if parts is not None else [],
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
    queries = [(database, sql, params)]
    parts = await partitions(datasette)
    if parts is not None:
        # every partition the filters select, newest years first; newest first within each
        province = (request.args.get("province") or "").strip() or None
        chosen = choose(parts, province, search.site_id, search.year, search.date_from,
                        search.date_to)  # fmt: skip
        queries = [(p.name, sql, params) for p in chosen]
        if not queries:  # nothing can match: the empty file, with its headings
            queries = [(parts[0].name, sql + " limit 0", params)] if parts else queries
    plan = streams.Plan(
        database=queries[0][0],
        sql=queries[0][1],
        params=queries[0][2],
        headings=list(EXPORT_COLUMNS),
        format="csvbom" if fmt == "csv" else "json",
        filename=f"{name}.{fmt}",
        more=queries[1:],
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
