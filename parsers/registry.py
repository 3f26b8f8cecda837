"""Entry points: bytes + canonical URL -> records, dispatched by CMS family."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from parsers.decode import decode_html
from parsers.errors import PageError, looks_like_challenge
from parsers.families import km
from parsers.records import Document, ListPage

FAMILIES: dict[str, ModuleType] = {"km": km}


def _family(name: str) -> ModuleType:
    try:
        return FAMILIES[name]
    except KeyError:
        raise ValueError(f"unknown CMS family {name!r}; known: {sorted(FAMILIES)}") from None


def parse_detail(
    body: bytes,
    url: str,
    content_type: str | None = None,
    family: str = "km",
    figures: bool = True,
) -> Document:
    """Parse a detail page. Raises ``PageError`` for pages that are not documents.

    ``figures=False`` skips figure and table extraction (metadata and body text only).
    """
    parse: Callable[[str, str, bool], Document] = _family(family).parse_detail
    if not body.strip():
        raise PageError("parse_error", "empty body")
    text, encoding = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the document")
    doc = parse(text, url, figures)
    doc.encoding = encoding
    return doc


def parse_list(
    body: bytes, url: str, content_type: str | None = None, family: str = "km"
) -> ListPage:
    """Parse a column's list page. Raises ``PageError`` for challenge pages."""
    parse: Callable[[str, str], ListPage] = _family(family).parse_list
    text, _ = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the list")
    return parse(text, url)
