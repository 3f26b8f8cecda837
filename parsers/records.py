"""The records parsers return: plain dataclasses, JSON-ready through ``to_dict()``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Attachment:
    url: str
    name: str
    ext: str


@dataclass
class Document:
    url: str
    title: str | None
    index_no: str | None = None
    index_no_parts: dict[str, str] | None = None
    topic: str | None = None
    publisher: str | None = None
    publish_date: str | None = None
    doc_no: str | None = None
    keywords: list[str] = field(default_factory=list)
    body_text: str = ""
    attachments: list[Attachment] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    # Every label/value pair of the metadata box as written on the page (normalized
    # whitespace), including labels that map to no field, e.g. 公开方式.
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ListItem:
    url: str
    title: str
    date: str | None


@dataclass
class ListPage:
    url: str
    items: list[ListItem]
    page_count: int | None
    # Further list pages this page reveals (absolute canonical URLs), in order.
    page_urls: list[str] = field(default_factory=list)
