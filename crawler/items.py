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
    """A fetch (None when nothing was received) and either a document or an error."""

    fetch: Fetch | None
    document: Document | None = None
    error: tuple[str, str] | None = None  # (kind, detail), kinds in parsers.errors
    url: str | None = None  # canonical URL when there is no fetch

    @property
    def canonical_url(self) -> str:
        if self.fetch is not None:
            return self.fetch.url
        assert self.url is not None
        return self.url
