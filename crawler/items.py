"""What the spider hands to the pipeline: one request's outcome."""

from __future__ import annotations

from dataclasses import dataclass

from parsers import Document
from parsers.attachments import ReadDownload


@dataclass
class PageResult:
    """What one request gave: a document, an error, or (list pages) neither.

    ``url`` is the canonical URL that was requested; after a redirect the document carries the
    URL where it led, while an error belongs to the URL requested. ``fetch_id`` is the captured
    final response (None when nothing was received).
    """

    url: str
    fetch_id: int | None
    fetched_at: str
    http_status: int | None
    page_kind: str  # list | detail | attachment
    document: Document | None = None
    error: tuple[str, str] | None = None  # (kind, detail), kinds in parsers.errors
    encoding: str | None = None
    attachment: AttachmentFile | None = None
    not_modified: bool = False  # 304 to a conditional re-check


@dataclass
class AttachmentFile:
    """A downloaded attachment: its bytes and what was read from them."""

    body: bytes
    content_type: str | None
    read: ReadDownload
