"""What the spider hands to the pipeline: one fetched page and what it turned out to be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from parsers import Document
from store import Fetch


def now_iso() -> str:
    """The crawl's clock: UTC, ISO 8601 with its offset."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class PageResult:
    """What one request gave: the fetch (None when nothing was received) and either a document
    or an error. ``url`` is the canonical URL that was requested; after a redirect the fetch and
    the document carry the URL where it led, while an error belongs to the URL requested.
    """

    url: str
    fetch: Fetch | None
    document: Document | None = None
    error: tuple[str, str] | None = None  # (kind, detail), kinds in parsers.errors
