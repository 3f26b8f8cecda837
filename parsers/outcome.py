"""What a detail-page response is: a document, or an error of some kind. One decision, shared by
the crawler and by ``xxgk reparse``, so re-parsing stored responses repeats the crawl exactly.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from parsers.decode import decode_html
from parsers.errors import PageError, http_status_kind, snippet
from parsers.records import Document
from parsers.registry import parse_detail

HOME_PATHS = frozenset({"", "/", "/index.shtml", "/index.html", "/index.htm"})


def classify_detail(
    body: bytes,
    url: str,
    status: int,
    content_type: str | None,
    *,
    family: str,
    redirected: bool = False,
    truncated: bool = False,
    rules: Mapping[str, Any] | None = None,
) -> Document:
    """The document at canonical ``url``; raises ``PageError`` for anything else."""
    if truncated:
        raise PageError(
            "truncated", f"body ended after {len(body)} bytes, before its Content-Length"
        )
    kind = http_status_kind(status)
    if kind is not None:
        text, _ = decode_html(body, content_type) if body else ("", "")
        raise PageError(
            kind, f"HTTP {status}: {snippet(text)}" if text.strip() else f"HTTP {status}"
        )
    if redirected and urlsplit(url).path in HOME_PATHS:
        raise PageError("soft_404", f"redirected to the site's home page {url}")
    return parse_detail(body, url, content_type, family=family, rules=rules)
