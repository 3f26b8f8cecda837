"""Entry points: bytes + canonical URL -> records, dispatched by CMS family.

A family is a module ``parsers.families.<name>`` whose ``FAMILY`` is a ``parsers.family.Family``
(the shared template with the hooks that family overrides); adding a family needs no
registration. ``family="auto"`` (the default) asks ``parsers.detect`` which family wrote the
page, and reads it with the generic reader when no family fits.
"""

from __future__ import annotations

import importlib
import math
import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from parsers.decode import decode_html
from parsers.detect import detect
from parsers.errors import PageError, looks_like_challenge
from parsers.family import Family
from parsers.limits import MAX_LIST_PAGES, MAX_PAGE_BYTES
from parsers.records import Document, ListPage
from parsers.urls import web_url

_NAME_RE = re.compile(r"^[a-z][a-z0-9_]*$")
AUTO = "auto"


def family_reader(name: str) -> Family:
    """The family called ``name``; ValueError for no such family."""
    if not _NAME_RE.match(name) or name == AUTO:
        raise ValueError(f"unknown CMS family {name!r}")
    try:
        module = importlib.import_module(f"parsers.families.{name}")
    except ModuleNotFoundError:
        raise ValueError(f"unknown CMS family {name!r}") from None
    found = getattr(module, "FAMILY", None)
    if not isinstance(found, Family):
        raise ValueError(f"parsers.families.{name} defines no FAMILY")
    return found


def parse_detail(
    body: bytes,
    url: str,
    content_type: str | None = None,
    family: str = AUTO,
    figures: bool = True,
    rules: Mapping[str, Any] | None = None,
) -> Document:
    """Parse a detail page. Raises ``PageError`` for pages that are not documents.

    ``family`` names a CMS family, or is ``"auto"``: detected from the URL and the page.
    ``figures=False`` skips figure and table extraction (metadata and body text only);
    ``rules`` are a site profile's ``[detail]`` rules (e.g. for unlabeled metadata).
    """
    reader = None if family == AUTO else family_reader(family)
    _check_size(body)
    if not body.strip():
        raise PageError("parse_error", "empty body")
    text, encoding = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the document")
    if reader is None:
        reader = family_reader(detect(body, url).family)
    doc = reader.parse_detail(text, url, figures, rules)
    doc.encoding = encoding
    # every family resolves links through parsers.urls; this keeps a family that forgot from
    # handing the crawler (and the document page) anything but a web URL
    doc.attachments = [a for a in doc.attachments if web_url(a.url) == a.url]
    return doc


def parse_list(
    body: bytes,
    url: str,
    content_type: str | None = None,
    family: str = AUTO,
    max_pages: int = MAX_LIST_PAGES,
) -> ListPage:
    """Parse a column's list page (``family`` as for ``parse_detail``). Raises ``PageError``
    for challenge pages.

    A list has at most ``max_pages`` pages, and no more than its own ``共N条`` total allows
    (N records, as many per page as this one shows, plus one page of slack): a script that
    claims 100,000,000 pages gives ``max_pages`` of them, and ``pages_claimed`` says so."""
    reader = None if family == AUTO else family_reader(family)
    _check_size(body)
    text, _ = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the list")
    if reader is None:
        reader = family_reader(detect(body, url).family)
    page = reader.parse_list(text, url)
    return _bounded(page, text, max_pages)


def _bounded(page: ListPage, text: str, max_pages: int) -> ListPage:
    """Only web URLs, and no more further pages than the list can have."""
    items = [i for i in page.items if web_url(i.url) == i.url]
    allowed = max(1, max_pages)
    # the column's own total (the family read it: a pager's 共N条, recordCount…)
    total = page.declared_total
    if total is not None and items:
        allowed = min(allowed, math.ceil(total / len(items)) + 1)
    page_urls: list[str] = []
    for url in page.page_urls:  # checked only as far as they are kept
        if len(page_urls) == allowed - 1:
            break
        if web_url(url) == url:
            page_urls.append(url)
    claimed = None
    if len(page.page_urls) + 1 > allowed or (page.page_count or 0) > len(page_urls) + 1:
        claimed = max(page.page_count or 0, len(page.page_urls) + 1)
    if (items, page_urls, claimed) == (page.items, page.page_urls, None):
        return page
    return replace(page, items=items, page_urls=page_urls, pages_claimed=claimed)


def _check_size(body: bytes) -> None:
    if len(body) > MAX_PAGE_BYTES:
        raise PageError(
            "too_large", f"{len(body)} bytes, more than the {MAX_PAGE_BYTES}-byte limit of a page"
        )
