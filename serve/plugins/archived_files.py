"""Download archived attachment files: ``/-/files/<sha256>``.

Files are served from the ``files/`` directory beside the database, by content hash only (no
path ever comes from the request), always as a download (``Content-Disposition: attachment``)
with a content type chosen from what the bytes were recognised as, never from the original
server, and ``X-Content-Type-Options: nosniff``: an archived file can never run as a page of
this site. In the ``attachments`` and ``files`` tables the sha256 column links here.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from datasette import hookimpl
from datasette.utils.asgi import Response, asgi_send_file
from markupsafe import Markup, escape

from serve import read_any

SAFE_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "xls": "application/vnd.ms-excel",
    "doc": "application/msword",
    "zip": "application/zip",
    "csv": "text/csv; charset=utf-8",
    "txt": "text/plain; charset=utf-8",
}
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


async def serve_file(datasette: Any, request: Any, send: Any) -> None:
    sha256 = request.url_vars["sha256"]
    found = None
    if _SHA_RE.match(sha256):
        found, _ = await read_any(
            datasette, lambda archive: archive.file(sha256), request.args.get("db")
        )
    if found is None:
        await Response.text("not found", status=404).asgi_send(send)
        return
    row, path = found
    name = row["file_name"] or sha256
    await asgi_send_file(
        send,
        str(path),
        content_type=SAFE_TYPES.get(row["detected_type"] or "", "application/octet-stream"),
        headers={
            "content-disposition": f"attachment; filename*=UTF-8''{quote(name)}",
            "x-content-type-options": "nosniff",
            "content-security-policy": "default-src 'none'; sandbox",
        },
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/files/(?P<sha256>[^/]+)$", serve_file)]


@hookimpl
def render_cell(value: Any, column: str, table: str | None) -> Markup | None:
    if column != "sha256" or table not in ("attachments", "files") or not isinstance(value, str):
        return None
    if not _SHA_RE.match(value):
        return None
    return Markup(f'<a href="/-/files/{value}">{escape(value[:12])}…</a>')
