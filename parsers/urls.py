"""Links as a browser would follow them, and only to web pages.

A link's ``href`` is read the way browsers read it (leading and trailing control characters
and spaces dropped, tabs and line breaks removed anywhere, ``\\`` before the query as ``/``),
resolved against the page's URL, and kept only when the result is an ``http`` or ``https`` URL
with a host: a
``JavaScript:…//x.pdf`` link (any case, any control characters inside) is not an attachment,
not a list item and never a request. Malformed URLs (``http://[x``) are dropped, not raised.
"""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

WEB_SCHEMES = frozenset({"http", "https"})
_C0_AND_SPACE = "".join(chr(c) for c in range(0x21))
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def clean_href(href: str | None) -> str:
    """``href`` as browsers read it before resolving it."""
    if not href:
        return ""
    href = href.strip().strip(_C0_AND_SPACE).translate(_TAB_NEWLINE)
    cut = min((i for i in (href.find("?"), href.find("#")) if i != -1), default=len(href))
    return href[:cut].replace("\\", "/") + href[cut:]  # a query keeps its backslashes


def web_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL with a host and a valid port, else None; the
    scheme is written in lower case."""
    if not url:
        return None
    try:
        parts = urlsplit(url)
        _ = parts.port  # raises for a port out of range or not a number
    except ValueError:
        return None
    if parts.scheme not in WEB_SCHEMES or not parts.hostname:
        return None
    head = url.find(":")
    return parts.scheme + url[head:] if url[:head] != parts.scheme else url


def resolve(base_url: str, href: str | None) -> str | None:
    """The absolute http(s) URL a link leads to from ``base_url``, or None (empty, fragment-only,
    ``javascript:``, ``mailto:``, ``data:``… and malformed links)."""
    cleaned = clean_href(href)
    if not cleaned or cleaned.startswith("#"):
        return None
    try:
        joined = urljoin(base_url, cleaned)
    except ValueError:
        return None
    return web_url(joined)
