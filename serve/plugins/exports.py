"""Excel-friendly downloads: ``.csvbom`` (CSV with a UTF-8 BOM) and ``.xlsx``.

Excel opens a plain UTF-8 CSV as the system code page (GBK on a Chinese Windows, cp1252
elsewhere), so Chinese text turns into mojibake; a byte-order mark (EF BB BF) at the start makes
it read UTF-8. Both formats work wherever Datasette offers its own ``.csv`` and ``.json``: a
table, a filtered or searched table, a canned query, an SQL query.

- ``.csvbom`` is Datasette's own CSV export with a BOM in front: the renderer answers by
  running the very same request as ``.csv`` inside this Datasette and streaming its body, so
  it honours every filter, ``_size``, ``_labels`` and ``_stream=on`` (every row of a table,
  page after page, as ``.csv?_stream=on`` does). It is always a download
  (``Content-Disposition: attachment; filename="<table>.csv"``, ``text/csv; charset=utf-8``).
- ``.xlsx`` is one sheet built with openpyxl from the rows of the current page (up to
  ``max_returned_rows`` with ``_size=max``); it cannot stream. Numbers stay numbers; text,
  column names included, is never read as a formula; binary values become
  ``<binary: N bytes>``.

Both are for spreadsheets, so neither can carry a formula (CSV injection): in ``.csvbom`` a
cell (column names included) that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a ``'`` in front, as OWASP recommends, so Excel shows it as text instead of running
``=HYPERLINK(…)`` or ``=cmd|' /C calc'!A0``; a cell that is a plain number (``-2.5``, ``+3``,
``1e5``) is left as it is, since Excel reads it as that number. Plain ``.csv`` stays
Datasette's exact data, for programs (README, *Security*).

Read only: every request other than GET, HEAD or OPTIONS is answered ``405 Method Not
Allowed`` before Datasette sees it (Datasette 0.65 would answer a POST to a table with a 500),
so the archive has no write endpoint even where a database is opened mutable.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

BOM = b"\xef\xbb\xbf"
CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXCEL_CELL_MAX = 32767  # characters Excel keeps in one cell
_SHEET_BAD = re.compile(r"[\[\]:*?/\\]")

Send = Callable[[dict[str, Any]], Awaitable[None]]


def download_name(table: str | None, query_name: str | None, database: str, ext: str) -> str:
    return f"{table or query_name or database}.{ext}"


def disposition(name: str) -> str:
    """``attachment; filename="name"``, plus ``filename*`` when the name is not plain ASCII."""
    ascii_name = name.encode("ascii", "replace").decode("ascii").replace('"', "_")
    value = f'attachment; filename="{ascii_name}"'
    if ascii_name != name:
        value += f"; filename*=UTF-8''{quote(name)}"
    return value


def _internal_app(datasette: Any) -> Any:
    """One ASGI app for the internal ``.csv`` requests (built once: building runs setup)."""
    app = getattr(datasette, "_xxgk_exports_app", None)
    if app is None:
        app = datasette.app()
        datasette._xxgk_exports_app = app
    return app


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$")
_RISKY_BYTES = re.compile(rb"[=+\-@\t\r]")


def neutralize(cell: str) -> str:
    """A cell Excel would read as a formula, made text with a leading ``'`` (OWASP); plain
    numbers and everything else unchanged."""
    if cell.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER_RE.match(cell):
        return "'" + cell
    return cell


class FormulaGuard:
    """Rewrites a CSV byte stream, chunk by chunk, so that no cell is a formula.

    A chunk may end inside a record (even inside a quoted cell holding line breaks): complete
    records are released, the rest waits for the next chunk. A record ends at a line break
    outside quotes, found by counting quotes line by line (``""`` inside a cell counts two).
    Records with no risky character pass through as they are.
    """

    def __init__(self) -> None:
        self.pending = b""
        self.quotes = 0  # quote characters in ``pending`` so far

    def feed(self, chunk: bytes) -> bytes:
        lines = chunk.split(b"\n")
        ready: list[bytes] = []
        for i, line in enumerate(lines):
            last = i == len(lines) - 1
            self.pending += line if last else line + b"\n"
            self.quotes += line.count(b'"')
            if not last and self.quotes % 2 == 0:
                ready.append(self._record(self.pending))
                self.pending, self.quotes = b"", 0
        return b"".join(ready)

    def close(self) -> bytes:
        rest, self.pending, self.quotes = self.pending, b"", 0
        return self._record(rest) if rest else b""

    @staticmethod
    def _record(record: bytes) -> bytes:
        if not _RISKY_BYTES.search(record):
            return record
        text = record.decode("utf-8", "surrogateescape")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        if not rows or not any(c.startswith(FORMULA_STARTS) for row in rows for c in row):
            return record
        ending = "\r\n" if text.endswith("\r\n") else "\n" if text.endswith("\n") else ""
        out = io.StringIO(newline="")
        writer = csv.writer(out, lineterminator="\r\n")
        for row in rows:
            writer.writerow([neutralize(c) for c in row])
        rewritten = out.getvalue()
        if ending != "\r\n":
            rewritten = rewritten[:-2] + ending
        return rewritten.encode("utf-8", "surrogateescape")


def csv_target(path: str, query_string: str) -> tuple[str, str]:
    """The ``.csv`` request that answers a ``.csvbom`` one: same path and arguments."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if path.endswith(".csvbom"):
        return path[: -len(".csvbom")] + ".csv", query_string
    pairs = [(k, "csv" if k == "_format" else v) for k, v in pairs]
    return path, urlencode(pairs)


class CsvBomResponse(Response):  # type: ignore[misc]
    """Streams Datasette's CSV for the same request, with a BOM and a download name, through
    ``FormulaGuard``."""

    def __init__(self, datasette: Any, request: Any, filename: str) -> None:
        super().__init__(body=b"", content_type=CSV_TYPE)
        self.datasette = datasette
        self.request = request
        self.filename = filename

    async def asgi_send(self, send: Send) -> None:
        path, query_string = csv_target(self.request.path, self.request.query_string)
        scope = dict(self.request.scope)
        scope["path"] = path
        scope["raw_path"] = path.encode("latin-1")
        scope["query_string"] = query_string.encode("latin-1")

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        guard: FormulaGuard | None = None

        async def relay(message: dict[str, Any]) -> None:
            nonlocal guard
            if message["type"] == "http.response.start":
                if message["status"] != 200:  # an error page: pass it on untouched
                    await send(message)
                    return
                guard = FormulaGuard()
                headers = [
                    (k, v)
                    for k, v in message.get("headers", [])
                    if k.lower() not in (b"content-type", b"content-disposition")
                ]
                headers += [
                    (b"content-type", CSV_TYPE.encode()),
                    (b"content-disposition", disposition(self.filename).encode("latin-1")),
                ]
                await send({**message, "headers": headers})
                await send({"type": "http.response.body", "body": BOM, "more_body": True})
                return
            if message["type"] == "http.response.body" and guard is not None:
                body = guard.feed(message.get("body", b""))
                if not message.get("more_body", False):
                    body += guard.close()
                message = {**message, "body": body}
            await send(message)

        await _internal_app(self.datasette)(scope, receive, relay)


def render_csvbom(
    datasette: Any, request: Any, database: str, table: str | None, query_name: str | None
) -> Response:
    return CsvBomResponse(datasette, request, download_name(table, query_name, database, "csv"))


def xlsx_value(value: Any) -> Any:
    if isinstance(value, dict) and "value" in value:  # an expanded foreign key (_labels=on)
        value = value.get("label") or value["value"]
    if isinstance(value, bytes):
        return f"<binary: {len(value)} bytes>"
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if len(value) > EXCEL_CELL_MAX:
            value = value[: EXCEL_CELL_MAX - 1] + "…"
    return value


def xlsx_bytes(title: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_SHEET_BAD.sub("_", title)[:31] or "data")
    header = []
    for name in columns:  # a column name (``select 1 as "=2+2"``) is text too
        cell = WriteOnlyCell(ws, value=xlsx_value(str(name)))
        cell.data_type = "s"
        header.append(cell)
    ws.append(header)
    for row in rows:
        cells = []
        for value in row:
            cell = WriteOnlyCell(ws, value=xlsx_value(value))
            if isinstance(cell.value, str):
                cell.data_type = "s"  # "=…" is text here, never a formula
            cells.append(cell)
        ws.append(cells)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def render_xlsx(
    columns: list[str],
    rows: list[Any],
    database: str,
    table: str | None,
    query_name: str | None,
) -> Response:
    name = download_name(table, query_name, database, "xlsx")
    body = xlsx_bytes(name[: -len(".xlsx")], columns, rows)
    return Response(
        body, content_type=XLSX_TYPE, headers={"content-disposition": disposition(name)}
    )


READ_METHODS = {"GET", "HEAD", "OPTIONS"}


def read_only(app: Any) -> Any:
    async def wrapper(scope: dict[str, Any], receive: Any, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method", "GET") not in READ_METHODS:
            response = Response.text(
                "405 Method Not Allowed: this archive is read-only", status=405
            )
            response.headers["allow"] = "GET, HEAD, OPTIONS"
            await response.asgi_send(send)
            return
        await app(scope, receive, send)

    return wrapper


@hookimpl
def asgi_wrapper(datasette: Any) -> Any:
    return read_only


@hookimpl
def register_output_renderer(datasette: Any) -> list[dict[str, Any]]:
    return [
        {"extension": "csvbom", "render": render_csvbom},
        {"extension": "xlsx", "render": render_xlsx},
    ]
