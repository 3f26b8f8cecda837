"""Kunming municipal CMS (yjj.km.gov.cn and the other ``*.km.gov.cn`` department sites).

Detail pages: metadata in ``div.content-table > table`` (label, value, label, value), the title
in ``div.title-box h2`` followed by ``发布时间：… 字号：[ 大 中 小 ]``, the body in ``div.activity``
(one template: ``div.content-box``). List pages: ``div.data-table-item`` or ``ul#newslist li``;
the page count only in an inline script.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from lxml.etree import _Element

from parsers.common import build_document, first_of, heading_text, not_a_document, unlabeled_pairs
from parsers.dates import parse_date
from parsers.fields import pairs_from_cells
from parsers.html import elements, first, has_class
from parsers.limits import claimed_pages, count
from parsers.records import Document, ListItem, ListPage
from parsers.text import inline_text, norm, parse_html
from parsers.urls import resolve

_META_TABLE = f"//div[{has_class('content-table')}]//table"
_BODY = (f"//div[{has_class('activity')}]", f"//div[{has_class('content-box')}]")
_HEADING = (f"//div[{has_class('title-box')}]//h2", f"//div[{has_class('content')}]//h1")
_INFO_LINE = f"//div[{has_class('title-box')}]"
_PUBLISHED_RE = re.compile(r"发布时间\s*[：:]\s*([^字]{8,25})")
_PAGE_COUNT_RES = (
    re.compile(r"PageIndex\s*=\s*PageIndex\s*>\s*(\d+)\s*\?"),
    re.compile(r"createPage(?:HTML)?\(\s*\w+\s*,\s*(\d+)"),
)


def parse_detail(
    html: str, url: str, figures: bool = True, rules: Mapping[str, Any] | None = None
) -> Document:
    root = parse_html(html)
    body_el = first_of(root, _BODY)
    table = first(root, _META_TABLE)
    if body_el is None and table is None:
        raise not_a_document(root)
    pairs = pairs_from_cells(_cells(table)) if table is not None else {}
    info_el = first(root, _INFO_LINE)
    info = inline_text(info_el) if info_el is not None else ""
    line_match = _PUBLISHED_RE.search(info)
    return build_document(
        url,
        root,
        pairs,
        body_el,
        heading=heading_text(root, _HEADING),
        date_hints=[line_match[1] if line_match else None],
        figures=figures,
        extra_fields=unlabeled_pairs(root, rules),
    )


def _cells(table: _Element) -> list[str]:
    return [inline_text(cell) for cell in table.iter("td", "th")]


def parse_list(html: str, url: str) -> ListPage:
    root = parse_html(html)
    items: list[ListItem] = []
    for row in elements(root, f"//div[{has_class('data-table-item')}]"):
        link = first(row, f".//p[{has_class('w659')}]//a[@href]")
        if link is None:
            continue
        date_el = first(row, f".//p[{has_class('w80')}]")
        item = _item(url, link, inline_text(date_el) if date_el is not None else "")
        if item is not None:
            items.append(item)
    for li in elements(root, "//ul[@id='newslist']/li"):
        link = first(li, ".//a[@href]")
        if link is None:
            continue
        span = first(li, ".//span")
        item = _item(url, link, inline_text(span) if span is not None else "")
        if item is not None:
            items.append(item)
    pages = _page_count(html)
    return ListPage(url=url, items=items, page_count=pages, page_urls=_page_urls(url, pages))


def _item(page_url: str, link: _Element, date_text: str) -> ListItem | None:
    target = resolve(page_url, link.get("href"))
    if target is None:
        return None
    date = parse_date(date_text)
    return ListItem(
        url=target,
        title=norm(link.get("title")) or inline_text(link),
        date=date.iso() if date else None,
    )


def _page_count(html: str) -> int | None:
    for pattern in _PAGE_COUNT_RES:
        m = pattern.search(html)
        if m:
            return count(m[1])
    return None


def _page_urls(url: str, pages: int | None) -> list[str]:
    """``index.shtml`` reveals ``index_1.shtml`` … ``index_{pages-1}.shtml``."""
    if not pages or pages < 2:
        return []
    m = re.search(r"/index(?:_\d+)?\.(s?html?)$", url)
    if m is None:
        base, ext = url.rstrip("/") + "/", "shtml"
    else:
        base, ext = url[: m.start()] + "/", m[1]
    return [f"{base}index_{n}.{ext}" for n in range(1, claimed_pages(pages))]
