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
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import nh3
from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import escape

from parsers.decode import decode_html
from serve import read

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
        url = urljoin(base_url, value.strip())
        if url in downloads:
            return downloads[url]
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.netloc.lower() == site:
            return url
        return None

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
    if not raw_id.isdigit():
        return _not_found()
    fetch_id = int(raw_id)
    fetch = await read(datasette, lambda archive: archive.fetch(fetch_id))
    if fetch is None or not fetch["warc_file"] or fetch["kind"] not in ARCHIVABLE_KINDS:
        return _not_found()
    try:
        stored = await read(
            datasette,
            lambda archive: archive.read_response(fetch["warc_file"],
                                                  int(fetch["warc_offset"] or 0)),
        )  # fmt: skip
    except (OSError, ValueError):
        return _not_found("archived record not found")
    if stored is None:
        return _not_found()
    text, _ = decode_html(stored.body, fetch["content_type"] or None)
    canonical = fetch["url"]
    hrefs = {urljoin(canonical, h) for h in _HREF_RE.findall(text[:2_000_000])}
    downloads: dict[str, str] = {}
    if hrefs:
        found = await read(datasette, lambda archive: archive.downloads(sorted(hrefs))) or {}
        downloads = {url: f"/-/files/{sha256}" for url, sha256 in found.items()}
    body = sanitize(text, canonical, downloads)
    banner = (
        '<div style="background:#fff3cd;border:1px solid #c9a227;padding:8px 12px;'
        'margin:0 0 12px;font:14px sans-serif;color:#333">'
        f'存档副本 · archived copy of <a href="{escape(canonical)}" '
        f'rel="noopener noreferrer nofollow">{escape(canonical)}</a> fetched '
        f"{escape(fetch['fetched_at'])}, sha256 <code>{escape(fetch['sha256'] or '')}</code>"
        f" · HTTP {escape(str(stored.status))}</div>"
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
