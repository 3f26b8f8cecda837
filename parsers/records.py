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
class Figure:
    """A number the page reports; see README, *Figures*, for every field's rules."""

    text: str
    position: int
    value: str
    value_max: str | None
    unit: str | None
    value_base: str
    value_base_max: str | None
    base_unit: str | None
    kind: str
    approximate: bool
    direction: str | None
    context: str
    label: str | None
    table_index: int | None = None
    row_index: int | None = None
    col_index: int | None = None


@dataclass
class Cell:
    row_index: int
    col_index: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    row_header: str | None = None
    col_header: str | None = None


@dataclass
class Table:
    """A table of the body, cell by cell, with header text resolved for every cell."""

    table_index: int
    caption: str | None
    heading: str | None
    unit: str | None
    n_rows: int
    n_cols: int
    cells: list[Cell] = field(default_factory=list)


# The fields of a document that pages fill (or leave empty): what fill rates are counted over.
DOCUMENT_FIELDS = (
    "title", "index_no", "topic", "publisher", "publish_date", "doc_no", "keywords",
    "body_text", "attachments", "written_date", "validity", "issuer", "doc_type", "subject_words",
)  # fmt: skip


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
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    # Every label/value pair of the metadata box as written on the page (normalized
    # whitespace), including labels that map to no field, e.g. 公开方式.
    metadata: dict[str, str] = field(default_factory=dict)
    encoding: str | None = None
    # Fields some families carry (gov.cn, TRS, Hanweb, VSB); None / [] where a page has none.
    written_date: str | None = None  # 成文日期, ISO 8601 like publish_date
    validity: str | None = None  # 有效性 / 文件有效性, as written
    issuer: str | None = None  # 发文机关
    doc_type: str | None = None  # 公文种类
    subject_words: list[str] = field(default_factory=list)  # 主题词
    # The site and column the page says it belongs to (the national meta tags SiteIDCode,
    # SiteName, ColumnName of 《政府网站发展指引》), where it carries them.
    site_code: str | None = None  # 政府网站标识码
    site_name: str | None = None
    column_name: str | None = None
    # Where the body came from: "container" (a known body element), "extractor" (found by
    # main-content extraction), or None (no body found).
    body_source: str | None = None

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
    # The number of items the column says it holds (共N条, totalRecord), where it says so.
    declared_total: int | None = None
