"""Kunming municipal CMS (yjj.km.gov.cn and the other ``*.km.gov.cn`` department sites).

Detail pages: metadata in ``div.content-table > table`` (label, value, label, value), the title
in ``div.title-box h2`` followed by ``发布时间：… 字号：[ 大 中 小 ]``, the body in ``div.activity``
(one template: ``div.content-box``). List pages: ``div.data-table-item`` or ``ul#newslist li``;
the page count only in an inline script.
"""

from __future__ import annotations

import re

from lxml.etree import _Element

from parsers.common import list_item
from parsers.family import Family, Page
from parsers.fields import pairs_from_cells
from parsers.html import elements, first, has_class
from parsers.limits import claimed_pages, count
from parsers.records import ListItem
from parsers.text import inline_text

_META_TABLE = f"//div[{has_class('content-table')}]//table"
_BODY = (f"//div[{has_class('activity')}]", f"//div[{has_class('content-box')}]")
_HEADING = (f"//div[{has_class('title-box')}]//h2", f"//div[{has_class('content')}]//h1")
_INFO_LINE = f"//div[{has_class('title-box')}]"
_PUBLISHED_RE = re.compile(r"发布时间\s*[：:]\s*([^字]{8,25})")
_PAGE_COUNT_RES = (
    re.compile(r"PageIndex\s*=\s*PageIndex\s*>\s*(\d+)\s*\?"),
    re.compile(r"createPage(?:HTML)?\(\s*\w+\s*,\s*(\d+)"),
)


class Kunming(Family):
    name = "km"
    body_xpaths = _BODY
    heading_xpaths = _HEADING

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        table = first(page.root, _META_TABLE)
        page.scratch["table"] = table
        return pairs_from_cells(_cells(table)) if table is not None else {}

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        return body is not None or page.scratch["table"] is not None

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        info_el = first(page.root, _INFO_LINE)
        line_match = _PUBLISHED_RE.search(inline_text(info_el) if info_el is not None else "")
        return [line_match[1] if line_match else None]

    def list_items(self, page: Page) -> list[ListItem]:
        root, url = page.root, page.url
        items: list[ListItem] = []
        for row in elements(root, f"//div[{has_class('data-table-item')}]"):
            link = first(row, f".//p[{has_class('w659')}]//a[@href]")
            if link is None:
                continue
            date_el = first(row, f".//p[{has_class('w80')}]")
            item = list_item(url, link, inline_text(date_el) if date_el is not None else "")
            if item is not None:
                items.append(item)
        for li in elements(root, "//ul[@id='newslist']/li"):
            link = first(li, ".//a[@href]")
            if link is None:
                continue
            span = first(li, ".//span")
            item = list_item(url, link, inline_text(span) if span is not None else "")
            if item is not None:
                items.append(item)
        return items

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        pages = _page_count(page.html)
        return pages, _page_urls(page.url, pages)


FAMILY = Kunming()


def _cells(table: _Element) -> list[str]:
    return [inline_text(cell) for cell in table.iter("td", "th")]


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
