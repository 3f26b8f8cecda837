"""Complete exports: ``.csv?_stream=on`` and ``.csvbom?_stream=on`` of any table or view.

Datasette 0.65 streams a table page by page, each page a new query that has to skip what the
pages before it returned (a keyset on the table's sort, written with an OR that no index
serves; an OFFSET for views). At a million rows one page takes seconds, the SQL time limit
interrupts it, and the error is written *inside* a 200 response that then simply ends: a short
file that looks complete. And nothing stopped the work when the client went away.

This plugin answers those requests itself, with one SELECT on a connection of its own — the
table's filters, ``_search``, ``_where``, ``_col``/``_nocol``, ``_labels`` and ``_header=off``
as Datasette reads them — in rowid order (a view in its own order), read in batches by a worker
thread and written as they come:

- one statement reads one consistent snapshot to its end: no paging, no time limit, every row;
- what can fail before the first byte does so as an HTTP error (a bad filter 400, a missing
  table 404, a hidden one 403, more than ``MAX_STREAMS`` at once 503);
- a failure after the first byte closes the connection without ending the chunked body, so
  the client sees a broken download, never a short file that looks complete;
- the client going away interrupts the query and frees the connection.

A canned or SQL query returns at most ``max_returned_rows`` rows, so its ``_stream=on`` is
refused with a 400 when it has more, instead of a CSV that stops short.

``.csvbom`` is the Excel download: a UTF-8 byte-order mark, and text cells that begin with
``= + - @``, a tab or a carriage return prefixed with ``'`` so that Excel never reads them as a
formula. Pages without ``_stream`` keep Datasette's own CSV (``exports.py`` for ``.csvbom``).
``stream_query`` is also what ``/-/search.csv`` and ``/-/search.json`` stream with.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import re
import sqlite3
from collections.abc import Awaitable, Callable, Sequence
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from datasette import hookimpl
from datasette.filters import Filters
from datasette.plugins import pm
from datasette.utils import await_me_maybe, escape_sqlite, tilde_decode
from datasette.utils.asgi import Request
from datasette.views.base import ureg

from serve.plugins.exports import neutralize

log = logging.getLogger(__name__)

BATCH = 1000  # rows per read
MAX_STREAMS = 4  # at once; one more is answered 503 (each holds a connection and a thread)
BOM = b"\xef\xbb\xbf"
_PATH_RE = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/]+?)\.(?P<format>csv|csvbom)$")

Send = Callable[[dict[str, Any]], Awaitable[None]]
Receive = Callable[[], Awaitable[dict[str, Any]]]


def excel_safe(value: Any) -> Any:
    """A text cell Excel would read as a formula gets a leading ``'`` (the rule of
    ``exports.neutralize``: plain numbers stay as they are)."""
    return neutralize(value) if isinstance(value, str) else value


def cell(value: Any) -> Any:
    if isinstance(value, bytes):
        return f"<binary: {len(value)} bytes>"
    return value


class CsvEncoder:
    def __init__(self, excel: bool) -> None:
        self.excel = excel
        self.buffer = io.StringIO()
        self.writer = csv.writer(self.buffer)

    def encode(self, rows: Sequence[Sequence[Any]]) -> bytes:
        for row in rows:
            values = [cell(v) for v in row]
            if self.excel:
                values = [excel_safe(v) for v in values]
            self.writer.writerow(values)
        out = self.buffer.getvalue()
        self.buffer.seek(0)
        self.buffer.truncate()
        return out.encode("utf-8")


class JsonEncoder:
    def __init__(self, columns: Sequence[str]) -> None:
        self.columns = list(columns)
        self.first = True

    def encode(self, rows: Sequence[Sequence[Any]]) -> bytes:
        parts = []
        for row in rows:
            obj = dict(zip(self.columns, (cell(v) for v in row), strict=True))
            parts.append(("[\n" if self.first else ",\n") + json.dumps(obj, ensure_ascii=False))
            self.first = False
        return "".join(parts).encode("utf-8")

    def end(self) -> bytes:
        return b"[]\n" if self.first else b"\n]\n"


def disposition(name: str) -> str:
    """``attachment; filename="name"``, plus ``filename*`` when the name is not plain ASCII."""
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace('"', "_")
    value = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name)}"
    return value


class _Slots:
    """Streams running in one Datasette (kept on the Datasette object: the search page loads
    this file again under another name)."""

    def __init__(self) -> None:
        self.used = 0

    def take(self) -> bool:
        if self.used >= MAX_STREAMS:
            return False
        self.used += 1
        return True

    def give(self) -> None:
        self.used -= 1


def slots(datasette: Any) -> _Slots:
    found = getattr(datasette, "_xxgk_stream_slots", None)
    if found is None:
        found = _Slots()
        datasette._xxgk_stream_slots = found
    return found


def connect(datasette: Any, database: str) -> sqlite3.Connection:
    """A read-only connection of the stream's own, prepared as Datasette prepares its own."""
    db = datasette.get_database(database)
    qs = (
        "?immutable=1"
        if not db.is_mutable
        else "?mode=ro" + ("&nolock=1" if datasette.nolock else "")
    )
    conn = sqlite3.connect(f"file:{db.path}{qs}", uri=True, check_same_thread=False)
    datasette._prepare_connection(conn, database)
    return conn


async def _text(send: Send, status: int, message: str) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8")]})  # fmt: skip
    await send({"type": "http.response.body", "body": message.encode("utf-8")})


class Plan:
    """What to stream: a query, its headings, how to turn rows into output. (A plain class:
    Datasette loads plugin files outside sys.modules, where dataclasses cannot look up their
    module.)"""

    def __init__(
        self,
        database: str,
        sql: str,
        params: dict[str, Any] | list[Any],
        headings: list[str],
        format: str,  # csv | csvbom | json
        filename: str | None = None,  # a download (Content-Disposition: attachment)
        header: bool = True,
        labels: list[tuple[int, str]] | None = None,  # (index, column) of keys to label
        table: str | None = None,
        content_type: str | None = None,
        more: Sequence[tuple[str, str, dict[str, Any] | list[Any]]] = (),
    ) -> None:
        self.database, self.sql, self.params, self.headings = database, sql, params, headings
        self.format, self.filename, self.header = format, filename, header
        self.labels = labels or []
        self.table, self.content_type = table, content_type
        # further (database, sql, params) whose rows follow, in order, in the same output (a
        # search over partitions); they run after the first byte, so a failure in one of them
        # breaks the download like any failure after the first byte
        self.more = list(more)


async def stream_query(datasette: Any, plan: Plan, send: Send, receive: Receive) -> None:
    """Run ``plan`` to its end and send every row (see the module's docstring)."""
    if not slots(datasette).take():
        await _text(send, 503, "503: too many exports at once; try again in a minute")
        return
    loop = asyncio.get_running_loop()
    conn: sqlite3.Connection | None = None
    gone = asyncio.Event()

    async def watch() -> None:
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                gone.set()
                if conn is not None:
                    conn.interrupt()
                return

    watcher = asyncio.ensure_future(watch())
    try:
        try:
            conn = await loop.run_in_executor(None, connect, datasette, plan.database)
            cursor = await loop.run_in_executor(None, conn.execute, plan.sql, plan.params)
            rows = await loop.run_in_executor(None, cursor.fetchmany, BATCH)
        except sqlite3.Error as exc:
            if gone.is_set():
                return
            await _text(send, 400, f"400: {exc}")
            return
        encoder: CsvEncoder | JsonEncoder
        if plan.format == "json":
            encoder = JsonEncoder(plan.headings)
            content_type = "application/json; charset=utf-8"
        else:
            encoder = CsvEncoder(excel=plan.format == "csvbom")
            content_type = "text/csv; charset=utf-8"
        headers = [(b"content-type", (plan.content_type or content_type).encode())]
        if plan.filename:
            headers.append((b"content-disposition", disposition(plan.filename).encode("latin-1")))
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        start = b""
        if plan.format == "csvbom":
            start += BOM
        if plan.header and isinstance(encoder, CsvEncoder):
            start += encoder.encode([plan.headings])
        if start:
            await send({"type": "http.response.body", "body": start, "more_body": True})
        queued = list(plan.more)
        while True:
            while rows:
                if gone.is_set():
                    return
                # read the next batch (SQLite lets go of the GIL) while this one is written
                ahead = (
                    loop.run_in_executor(None, cursor.fetchmany, BATCH)
                    if len(rows) == BATCH
                    else None
                )
                out = [tuple(r) for r in rows]
                if plan.labels:
                    out = await _expand(datasette, plan, out)
                await send({"type": "http.response.body", "body": encoder.encode(out),
                            "more_body": True})  # fmt: skip
                if ahead is None:
                    break
                try:
                    rows = await ahead
                except sqlite3.Error:
                    if gone.is_set():
                        return
                    raise  # after the first byte: the connection closes, the body unfinished
            if not queued or gone.is_set():
                break
            database, sql, params = queued.pop(0)
            conn.close()
            conn = None
            conn = await loop.run_in_executor(None, connect, datasette, database)
            cursor = await loop.run_in_executor(None, conn.execute, sql, params)
            rows = await loop.run_in_executor(None, cursor.fetchmany, BATCH)
        end = encoder.end() if isinstance(encoder, JsonEncoder) else b""
        await send({"type": "http.response.body", "body": end, "more_body": False})
    finally:
        watcher.cancel()
        if conn is not None:
            conn.close()
        slots(datasette).give()


async def _expand(datasette: Any, plan: Plan, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    labels: dict[tuple[str, Any], Any] = {}
    for index, column in plan.labels:
        values = [r[index] for r in rows if r[index] is not None]
        if values:
            labels.update(await datasette.expand_foreign_keys(plan.database, plan.table, column,
                                                              values))  # fmt: skip
    expanded_at = {index: column for index, column in plan.labels}
    out = []
    for row in rows:
        new: list[Any] = []
        for index, value in enumerate(row):
            new.append(value)
            if index in expanded_at:
                new.append("" if value is None else labels.get((expanded_at[index], value), ""))
        out.append(tuple(new))
    return out


# -- tables and views -----------------------------------------------------------------------------


class Refused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


async def _actor(datasette: Any, request: Request) -> Any:
    for actor in pm.hook.actor_from_request(datasette=datasette, request=request):
        actor = await await_me_maybe(actor)
        if actor:
            return actor
    return None


def _truthy(value: str | None) -> bool:
    return value not in (None, "", "0", "off", "false")


async def table_plan(datasette: Any, request: Request, database: str, table: str, fmt: str) -> Plan:
    """The one query that streams every row of a table or view as Datasette would filter it."""
    db = datasette.get_database(database)
    is_view = bool(await db.get_view_definition(table))
    if not is_view and not await db.table_exists(table):
        raise Refused(404, f"404: no table or view {table!r} in {database!r}")
    actor = await _actor(datasette, request)
    visible, _ = await datasette.check_visibility(
        actor,
        permissions=[("view-table", (database, table)), ("view-database", database),
                     "view-instance"],
    )  # fmt: skip
    if not visible:
        raise Refused(403, "403: forbidden")
    pks = await db.primary_keys(table)
    table_columns = await db.table_columns(table)
    columns = list(table_columns)
    if "_col" in request.args:
        wanted = request.args.getlist("_col")
        bad = [c for c in wanted if c not in table_columns]
        if bad:
            raise Refused(400, f"400: _col={', '.join(bad)} - invalid columns")
        columns = list(dict.fromkeys([*pks, *wanted]))
    if "_nocol" in request.args:
        unwanted = request.args.getlist("_nocol")
        bad = [c for c in unwanted if c not in table_columns or c in pks]
        if bad:
            raise Refused(400, f"400: _nocol={', '.join(bad)} - invalid columns")
        columns = [c for c in columns if c not in unwanted]
    use_rowid = not pks and not is_view
    select = ", ".join(escape_sqlite(c) for c in columns)
    if use_rowid:
        select = "rowid, " + select
        columns = ["rowid", *columns]

    table_metadata = datasette.table_metadata(database, table)
    filter_args = [
        (key, value)
        for key in request.args
        if not (key.startswith("_") and "__" not in key)
        for value in request.args.getlist(key)
    ]
    try:
        filters = Filters(sorted(filter_args), table_metadata.get("units", {}), ureg)
        where, params = filters.build_where_clauses(table)
        for hook in pm.hook.filters_from_request(
            request=request, table=table, database=database, datasette=datasette
        ):
            arguments = await await_me_maybe(hook)
            if arguments:
                where.extend(arguments.where_clauses)
                params.update(arguments.params)
    except Exception as exc:  # any filter error is the request's fault
        raise Refused(400, f"400: {exc}") from exc
    sql = f"select {select} from {escape_sqlite(table)}"
    if where:
        sql += " where " + " and ".join(where)
    if not is_view:
        sql += " order by rowid"  # the table's own order: a walk of its b-tree, no sort

    labels: list[tuple[int, str]] = []
    wanted_labels: set[str] = set()
    if _truthy(request.args.get("_labels")):
        wanted_labels = {fk["column"] for fk in await db.foreign_keys_for_table(table)}
    wanted_labels |= set(request.args.getlist("_label"))
    headings: list[str] = []
    for index, column in enumerate(columns):
        headings.append(column)
        if column in wanted_labels and not is_view:
            labels.append((index, column))
            headings.append(f"{column}_label")
    download = fmt == "csvbom" or _truthy(request.args.get("_dl"))
    return Plan(
        database=database,
        sql=sql,
        params=params,
        headings=headings,
        format=fmt,
        filename=f"{table}.csv" if download else None,
        header=request.args.get("_header") != "off",
        labels=labels,
        table=table,
        content_type=None if download or fmt == "csvbom" else "text/plain; charset=utf-8",
    )


_QUERY_RE = re.compile(r"^/(?P<database>[^/]+)\.(?P<format>csv|csvbom)$")  # ?sql=


async def _query_truncated(datasette: Any, path: str, query_string: str) -> bool:
    """Whether a canned or SQL query's CSV would stop at Datasette's row limit: it cannot
    stream further, so ``_stream=on`` is refused rather than answered short."""
    json_path = path.rsplit(".", 1)[0] + ".json"
    pairs = [(k, v) for k, v in parse_qsl(query_string, keep_blank_values=True)
             if k not in ("_stream", "_dl", "_labels", "_shape", "_size")]  # fmt: skip
    response = await datasette.client.get(json_path + "?" + urlencode(pairs))
    if response.status_code != 200:
        return False  # Datasette's own CSV answers with the error
    return bool(response.json().get("truncated"))


def complete_exports(app: Any, datasette: Any) -> Any:
    async def wrapper(scope: dict[str, Any], receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method", "GET") != "GET":
            await app(scope, receive, send)
            return
        path = scope.get("path", "")
        request = Request(scope, receive)
        if not _truthy(request.args.get("_stream")):
            await app(scope, receive, send)
            return
        m = _PATH_RE.match(path)
        if m is None:
            if _QUERY_RE.match(path) and await _query_truncated(
                datasette, path, request.query_string
            ):
                await _text(send, 400, LIMITED)
                return
            await app(scope, receive, send)
            return
        try:
            database = datasette.get_database(route=tilde_decode(m["database"])).name
        except KeyError:
            await app(scope, receive, send)
            return
        table = tilde_decode(m["table"])
        if await datasette.get_canned_query(database, table, None) is not None:
            if await _query_truncated(datasette, path, request.query_string):
                await _text(send, 400, LIMITED)
                return
            await app(scope, receive, send)  # Datasette's own: every row fits in one page
            return
        if not datasette.setting("allow_csv_stream"):
            await _text(send, 400, "400: CSV streaming is disabled")
            return
        try:
            plan = await table_plan(datasette, request, database, table, m["format"])
        except Refused as exc:
            await _text(send, exc.status, str(exc))
            return
        await stream_query(datasette, plan, send, receive)

    return wrapper


LIMITED = (
    "400: this query has more rows than Datasette returns at once (max_returned_rows), so its"
    " CSV would stop short. Stream a table or a view instead (publish the query as an SQL view),"
    " or download a search from /-/search.csv."
)


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return lambda app: complete_exports(app, datasette)
