"""Hanweb JCMS (大汉 JCMS): www.hangzhou.gov.cn, www.jiangsu.gov.cn and many provincial portals.

Detail pages ``/art/YYYY/M/D/art_COL_DOC.html``: metadata in ``table.xxgk_table`` (索引号,
主题分类, 发布机构, 发文日期, 标题, 文号 …, parsed by label), the body between
``<meta name="ContentStart">`` and ``<meta name="ContentEnd">`` when the page has those markers
(they sit inside ``#zoom`` next to page chrome such as print/close links), else ``#zoom`` or
``.article_content``. The publication time comes from the ``发布日期：`` line or the ``PubDate``
meta. Attachments are also linked through ``/module/download/downfile.jsp?…&filename=N.pdf``,
whose extension is in the query, not the path.

List pages: the column page ``/col/colNNN/index.html`` shows an empty list; its records are XML
in ``<script type="text/xml"><datastore>…<record><![CDATA[<li><a href title>…</a><span>date
</span></li>]]></record>``, with the dataproxy parameters in ``<nextgroup>`` and the totals in the
jpage script (``totalRecord:45,perPage:15``) or in the datastore (``<totalrecord>``,
``<totalpage>``). Further pages are ``/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30
&perpage=15&col=1&appid=…&columnid=…&unitid=…``, answering the same ``<datastore>`` as XML.
"""

from __future__ import annotations

import math
import re
from urllib.parse import parse_qsl, urlsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers import listing
from parsers.common import list_item
from parsers.family import Family, Page
from parsers.fields import pairs_from_cells
from parsers.html import ATTACHMENT_EXTS, elements, first, has_class
from parsers.limits import claimed_pages, count
from parsers.listing import datastore_records, proxy_params, proxy_url
from parsers.records import Attachment, Document, ListItem
from parsers.text import inline_text, parse_html
from parsers.urls import resolve

# -- detail pages ------------------------------------------------------------------------------

_META_TABLES = f"//table[{has_class('xxgk_table')}]"
_ZOOM = "//*[translate(@id, 'ZOM', 'zom') = 'zoom']"
_BODY = (_ZOOM, f"//*[{has_class('article_content')}]", f"//*[{has_class('article-content')}]")
_HEADING = (
    f"//*[{has_class('article_title')}]",
    f"//*[{has_class('art_title')}]",
    f"//*[{has_class('sp_title')}]",
    "//h1",
)
_INFO = (
    "//*[(contains(@class, 'info') or contains(@class, 'time') or contains(@class, 'source'))"
    " and not(ancestor-or-self::table)]"
)
_MARKER = r"<meta\s[^>]*?name\s*=\s*['\"]?{name}\b['\"]?[^>]*>"
_CONTENT_START_RE = re.compile(_MARKER.format(name="ContentStart"), re.I)
_CONTENT_END_RE = re.compile(_MARKER.format(name="ContentEnd"), re.I)
_PUBLISHED_RE = re.compile(
    r"发布(?:日期|时间)\s*[：:]\s*"
    r"(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)"
)
_DOWNLOAD_PATH_RE = re.compile(r"/down(?:load)?file\.jsp$", re.I)


class Hanweb(Family):
    name = "hanweb"
    body_xpaths = _BODY
    heading_xpaths = _HEADING

    def body(self, page: Page) -> _Element | None:
        between = _between_markers(page.html)
        return between if between is not None else super().body(page)

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        tables = elements(page.root, _META_TABLES)
        page.scratch["tables"] = tables
        return pairs_from_cells([text for table in tables for text in _cells(table)])

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        return body is not None or bool(page.scratch["tables"])

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        return [_published_line(page.root)]

    def complete(self, page: Page, body: _Element | None, doc: Document) -> Document:
        if body is not None:
            doc.attachments = _attachments(body, page.url, doc.attachments)
        return doc

    def list_items(self, page: Page) -> list[ListItem]:
        url, html = page.url, page.html
        items = [
            item
            for fragment in datastore_records(html)
            if (item := _item(url, fragment)) is not None
        ]
        # a site whose URLs only look like Hanweb's may render its list some other way
        return items or _visible_items(url, html) or listing.list_items(page.root, html, url)

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        url, html = page.url, page.html
        is_proxy = urlsplit(url).path.lower().endswith("dataproxy.jsp")
        params = proxy_params(url, html)
        total = _first_int(_TOTAL_RECORD_RES, html)
        pages = _first_int(_TOTAL_PAGE_RES, html)
        per_page = _per_page(url, html, is_proxy, total, pages)
        if pages is None and total is not None and per_page:
            pages = max(1, math.ceil(total / per_page))
        page_urls: list[str] = []
        if params is not None and pages is not None and per_page:
            page_urls = [
                u
                for n in range(2, claimed_pages(pages) + 1)
                if (u := proxy_url(url, params, n, per_page)) != url
            ]
        return pages, page_urls


FAMILY = Hanweb()


def _between_markers(html: str) -> _Element | None:
    """What lies between ``<meta name="ContentStart">`` and ``<meta name="ContentEnd">``, as a
    ``<div>``; None when the page lacks either marker."""
    start = _CONTENT_START_RE.search(html)
    if start is None:
        return None
    end = _CONTENT_END_RE.search(html, start.end())
    if end is None:
        return None
    fragment = html[start.end() : end.start()]
    try:
        el: _Element = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return None
    return el


def _cells(table: _Element) -> list[str]:
    """Texts of the table's innermost cells, in document order."""
    return [
        inline_text(cell)
        for cell in table.iter("td", "th")
        if not any(inner is not cell for inner in cell.iter("td", "th"))
    ]


def _published_line(root: _Element) -> str | None:
    """The date of a ``发布日期：…`` / ``发布时间：…`` line outside the metadata table."""
    for el in elements(root, _INFO):
        m = _PUBLISHED_RE.search(inline_text(el))
        if m:
            return m[1]
    return None


def _attachments(body: _Element, url: str, found: list[Attachment]) -> list[Attachment]:
    """The shared attachment links plus Hanweb's ``downfile.jsp?…filename=N.pdf`` links, in
    document order."""
    by_url = {a.url: a for a in found}
    out: list[Attachment] = []
    seen: set[str] = set()
    for a in body.iter("a"):
        target = resolve(url, a.get("href"))
        if target is None or target in seen:
            continue
        attachment = by_url.get(target)
        if attachment is None:
            ext = _download_ext(target)
            if ext is None:
                continue
            attachment = Attachment(url=target, name=inline_text(a), ext=ext)
        seen.add(target)
        out.append(attachment)
    out.extend(a for a in found if a.url not in seen)  # links written by inline scripts
    return out


def _download_ext(url: str) -> str | None:
    """The file extension of a ``downfile.jsp`` link, from its ``filename`` or ``showname``."""
    parts = urlsplit(url)
    if not _DOWNLOAD_PATH_RE.search(parts.path):
        return None
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    for key in ("filename", "showname", "fileName"):
        name = query.get(key, "")
        _, dot, ext = name.rpartition(".")
        if dot and ext.lower() in ATTACHMENT_EXTS:
            return ext.lower()
    return None


# -- list pages --------------------------------------------------------------------------------

_TOTAL_RECORD_RES = (
    re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I),
    re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d+)"),
)
_TOTAL_PAGE_RES = (
    re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>", re.I),
    re.compile(r"totalPage\s*[:=]\s*['\"]?(\d+)"),
)
_PER_PAGE_RE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.I)
_ART_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html?", re.I)


def _item(page_url: str, fragment: str) -> ListItem | None:
    try:
        el = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return None
    link = first(el, ".//a[@href]")
    if link is None:
        return None
    shown = inline_text(link)
    rest = inline_text(el).replace(shown, " ", 1) if shown else inline_text(el)
    return list_item(page_url, link, rest)


def _visible_items(page_url: str, html: str) -> list[ListItem]:
    """Server-rendered lists (no datastore): ``li``/``tr`` rows linking to ``art_…`` pages."""
    root = parse_html(html)
    items: list[ListItem] = []
    for row in elements(root, "//li | //tr[not(.//tr)]"):
        link = first(row, ".//a[@href]")
        if link is None or not _ART_RE.search(link.get("href") or ""):
            continue
        shown = inline_text(link)
        item = list_item(page_url, link, inline_text(row).replace(shown, " ", 1))
        if item is not None:
            items.append(item)
    return items


def _first_int(patterns: tuple[re.Pattern[str], ...], text: str) -> int | None:
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return count(m[1])
    return None


def _per_page(
    url: str, html: str, is_proxy: bool, total: int | None, pages: int | None
) -> int | None:
    if is_proxy:
        query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        if query.get("perpage", "").isdigit():
            return count(query["perpage"]) or None
    m = _PER_PAGE_RE.search(html)
    if m:
        return count(m[1]) or None
    if total is not None and pages:
        return math.ceil(total / pages) or None
    return None
