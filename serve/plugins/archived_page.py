"""The archived copy of a page: ``/-/archived/<fetch_id>``.

The response record of the fetch is read back from the WARC capture (the ``warc/`` folder
beside the database), decoded as the crawler decoded it, and sanitized with nh3 (the Ammonia
HTML sanitizer) before it is served: only structural and text tags survive; scripts, styles,
frames, objects, forms, every ``on*`` and ``style`` attribute, every image source and every
URL that is not http(s) are dropped. Links are resolved against the page's canonical URL and
kept only when they point to that site; a link to an archived attachment goes to its download
(``/-/files/<sha256>``). A strict Content-Security-Policy (no script, no remote resource) and
``nosniff`` guard anything the sanitizer might miss. A banner says what the page is: the
archived copy of its canonical URL, when it was fetched, and the sha256 of the bytes.

A record is decompressed as a stream and only up to ``MAX_PAGE_BYTES`` (10 MiB, the crawler's
own limit for pages): a gzip bomb kept in the capture is answered ``413`` with where its raw
record is, not unpacked in the server. An id that is not a row id (too long for SQLite, not
ASCII digits) is a ``404``.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

import nh3
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import escape

from parsers.decode import decode_html
from parsers.limits import MAX_PAGE_BYTES
from parsers.urls import resolve, web_url
from serve import database_query, read, read_any
from store import PayloadTooLarge

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
ARCHIVABLE_KINDS = ("detail", "list")
TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "center", "code", "col", "colgroup", "dd",
    "del", "div", "dl", "dt", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "li", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"alt", "title", "width", "height"},
    "td": {"colspan", "rowspan", "align", "valign"},
    "th": {"colspan", "rowspan", "align", "valign", "scope"},
    "col": {"span"},
    "colgroup": {"span"},
    "table": {"border", "cellpadding", "cellspacing", "summary"},
    "*": {"align", "lang", "dir"},
}
# Removed with everything inside them (the other tags not allowed keep their text).
DROPPED_WITH_CONTENT = {
    "script", "style", "title", "noscript", "template", "iframe", "frame", "frameset", "object",
    "embed", "applet", "textarea", "select", "option", "svg", "math", "head", "button",
}  # fmt: skip
_HREF_RE = re.compile(r"""href\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_ID_RE = re.compile(r"^[0-9]{1,18}$")  # a SQLite integer; longer ones overflow
_SHA_RE = re.compile(r"^[0-9a-f]{64}$")


def sanitize(html: str, base_url: str, downloads: dict[str, str] | None = None) -> str:
    """``html`` with nothing that runs or loads: links resolved against ``base_url`` and kept
    only on its site (``downloads`` maps archived attachment URLs to local download paths)."""
    downloads = downloads or {}
    site = urlsplit(base_url).netloc.lower()

    def keep(element: str, attribute: str, value: str) -> str | None:
        if element == "img" and attribute == "src":
            return None
        if attribute != "href":
            return value
        url = resolve(base_url, value)  # http(s) only, read as a browser reads it; never raises
        if url is None:
            return None
        if url in downloads:
            return downloads[url]
        return url if urlsplit(url).netloc.lower() == site else None

    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https"},
        strip_comments=True,
        link_rel="noopener noreferrer nofollow",
    )


def _not_found(message: str = "not found") -> Response:
    return Response.text(message, status=404, headers={"x-content-type-options": "nosniff"})


async def archived_page(datasette: Any, request: Any) -> Response:
    raw_id = request.url_vars["fetch_id"]
    if not _ID_RE.match(raw_id):
        return _not_found()
    fetch_id = int(raw_id)
    fetch, database = await read_any(
        datasette, lambda archive: archive.fetch(fetch_id), request.args.get("db")
    )
    if fetch is None or not fetch["warc_file"] or fetch["kind"] not in ARCHIVABLE_KINDS:
        return _not_found()
    try:
        stored = await read(
            datasette,
            lambda archive: archive.read_payload(fetch["warc_file"],
                                                 int(fetch["warc_offset"] or 0), MAX_PAGE_BYTES),
            database,
        )  # fmt: skip
    except PayloadTooLarge as exc:
        return Response.text(
            f"413: this archived response is {exc}, more than the archive shows as a page; "
            f"its raw record stays in the WARC capture ({fetch['warc_file']} at offset "
            f"{fetch['warc_offset']})",
            status=413,
            headers={"x-content-type-options": "nosniff"},
        )
    except (OSError, ValueError, EOFError):
        return _not_found("archived record not found")
    if stored is None:
        return _not_found()
    status, raw = stored
    text, _ = decode_html(raw, fetch["content_type"] or None)
    canonical = fetch["url"]
    found_hrefs = (resolve(canonical, h) for h in _HREF_RE.findall(text[:2_000_000]))
    hrefs = {h for h in found_hrefs if h is not None}
    downloads: dict[str, str] = {}
    if hrefs:
        found = await read(datasette, lambda archive: archive.downloads(sorted(hrefs)),
                           database) or {}  # fmt: skip
        where = database_query(database)
        downloads = {url: f"/-/files/{sha}{where}" for url, sha in found.items()
                     if _SHA_RE.match(sha)}  # fmt: skip
    body = sanitize(text, canonical, downloads)
    original = web_url(canonical)
    shown = (
        f'<a href="{escape(original)}" rel="noopener noreferrer nofollow">{escape(canonical)}</a>'
        if original
        else escape(canonical)
    )
    banner = (
        '<div style="background:#fff3cd;border:1px solid #c9a227;padding:8px 12px;'
        'margin:0 0 12px;font:14px sans-serif;color:#333">'
        f"存档副本 · archived copy of {shown} fetched "
        f"{escape(fetch['fetched_at'])}, sha256 <code>{escape(fetch['sha256'] or '')}</code>"
        f" · HTTP {escape(str(status))}</div>"
    )
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        f"<title>存档副本 · {escape(canonical)}</title></head><body>{banner}"
        f"{body}</body></html>"
    )
    return Response.html(
        page,
        headers={
            "content-security-policy": CSP,
            "x-content-type-options": "nosniff",
            "referrer-policy": "no-referrer",
        },
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/archived/(?P<fetch_id>[^/]+)$", archived_page)]
