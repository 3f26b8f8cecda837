"""Entry points: bytes + canonical URL -> records, dispatched by CMS family.

A family is a module ``parsers.families.<name>`` whose ``FAMILY`` is a ``parsers.family.Family``
(the shared template with the hooks that family overrides); adding a family needs no
registration. ``family="auto"`` (the default) asks ``parsers.detect`` which family wrote the
page, and reads it with the generic reader when no family fits.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Mapping
from typing import Any

from parsers.decode import decode_html
from parsers.detect import detect
from parsers.errors import PageError, looks_like_challenge
from parsers.family import Family
from parsers.records import Document, ListPage

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
    if not body.strip():
        raise PageError("parse_error", "empty body")
    text, encoding = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the document")
    if reader is None:
        reader = family_reader(detect(body, url).family)
    doc = reader.parse_detail(text, url, figures, rules)
    doc.encoding = encoding
    return doc


def parse_list(
    body: bytes, url: str, content_type: str | None = None, family: str = AUTO
) -> ListPage:
    """Parse a column's list page (``family`` as for ``parse_detail``). Raises ``PageError``
    for challenge pages."""
    reader = None if family == AUTO else family_reader(family)
    text, _ = decode_html(body, content_type)
    if looks_like_challenge(text):
        raise PageError("blocked", "anti-bot challenge page instead of the list")
    if reader is None:
        reader = family_reader(detect(body, url).family)
    return reader.parse_list(text, url)
