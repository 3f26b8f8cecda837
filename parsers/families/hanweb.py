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

import html as html_lib
import math
import re
from collections.abc import Iterator, Mapping
from typing import Any
from urllib.parse import parse_qsl, quote, urlsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers.common import build_document, first_of, heading_text, not_a_document, unlabeled_pairs
from parsers.dates import parse_date
from parsers.fields import pairs_from_cells
from parsers.html import ATTACHMENT_EXTS, elements, first, has_class
from parsers.limits import claimed_pages, count
from parsers.records import Attachment, Document, ListItem, ListPage
from parsers.text import inline_text, norm, parse_html
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


def parse_detail(
    html: str, url: str, figures: bool = True, rules: Mapping[str, Any] | None = None
) -> Document:
    root = parse_html(html)
    tables = elements(root, _META_TABLES)
    body_el = _between_markers(html)
    if body_el is None:
        body_el = first_of(root, _BODY)
    if body_el is None and not tables:
        raise not_a_document(root)
    cells = [text for table in tables for text in _cells(table)]
    doc = build_document(
        url,
        root,
        pairs_from_cells(cells),
        body_el,
        heading=heading_text(root, _HEADING),
        date_hints=[_published_line(root)],
        figures=figures,
        extra_fields=unlabeled_pairs(root, rules),
    )
    if body_el is not None:
        doc.attachments = _attachments(body_el, url, doc.attachments)
    return doc


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

_RECORD_RE = re.compile(r"<record>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>", re.S | re.I)
_RECORD_START_RE = re.compile(r"<record>", re.I)
_TOTAL_RECORD_RES = (
    re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>", re.I),
    re.compile(r"totalRecord\s*[:=]\s*['\"]?(\d+)"),
)
_TOTAL_PAGE_RES = (
    re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>", re.I),
    re.compile(r"totalPage\s*[:=]\s*['\"]?(\d+)"),
)
_PER_PAGE_RE = re.compile(r"perPage\s*[:=]\s*['\"]?(\d+)", re.I)
_PROXY_RE = re.compile(r"dataproxy\.jsp\?([^\"'<>\s]+)", re.I)
_PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
_ART_RE = re.compile(r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.html?", re.I)
# the parameters jpage sends to dataproxy.jsp, in its order; others follow in page order
_PROXY_KEYS = (
    "col",
    "appid",
    "webid",
    "path",
    "columnid",
    "sourceContentType",
    "unitid",
    "webname",
    "permissiontype",
)
_PROXY_DEFAULTS = {"col": "1", "appid": "1", "path": "/", "sourceContentType": "1"}
_PAGING_KEYS = frozenset({"page", "startrecord", "endrecord", "perpage"})


def parse_list(html: str, url: str) -> ListPage:
    items = [item for fragment in _records(html) if (item := _item(url, fragment)) is not None]
    if not items:
        items = _visible_items(url, html)
    is_proxy = urlsplit(url).path.lower().endswith("dataproxy.jsp")
    params = _proxy_params(url, html, is_proxy)
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
            if (u := _proxy_url(url, params, n, per_page)) != url
        ]
    return ListPage(url=url, items=items, page_count=pages, page_urls=page_urls)


def _records(html: str) -> Iterator[str]:
    """Each record's content, read only up to the next ``<record>``: an unterminated one must
    not make every later one scan to the end of the page."""
    starts = [m.start() for m in _RECORD_START_RE.finditer(html)]
    for n, start in enumerate(starts):
        m = _RECORD_RE.match(html, start, starts[n + 1] if n + 1 < len(starts) else len(html))
        if m is not None:
            yield m[1] if m[1] is not None else html_lib.unescape(m[2])


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
    return _list_item(page_url, link, rest)


def _list_item(page_url: str, link: _Element, date_text: str) -> ListItem | None:
    target = resolve(page_url, link.get("href"))
    if target is None:
        return None
    date = parse_date(date_text)
    return ListItem(
        url=target,
        title=norm(link.get("title")) or inline_text(link),
        date=date.iso() if date else None,
    )


def _visible_items(page_url: str, html: str) -> list[ListItem]:
    """Server-rendered lists (no datastore): ``li``/``tr`` rows linking to ``art_…`` pages."""
    root = parse_html(html)
    items: list[ListItem] = []
    for row in elements(root, "//li | //tr[not(.//tr)]"):
        link = first(row, ".//a[@href]")
        if link is None or not _ART_RE.search(link.get("href") or ""):
            continue
        shown = inline_text(link)
        item = _list_item(page_url, link, inline_text(row).replace(shown, " ", 1))
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


def _proxy_params(url: str, html: str, is_proxy: bool) -> list[tuple[str, str]] | None:
    """The dataproxy parameters (without paging), from the answer's own URL or the column
    page's ``<nextgroup>`` link; None when the page does not reveal its column and unit."""
    if is_proxy:
        query = urlsplit(url).query
    else:
        m = _PROXY_RE.search(html)
        query = html_lib.unescape(m[1]) if m else ""
    found = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k not in _PAGING_KEYS]
    values = dict(found)
    if not values.get("columnid"):
        col = re.search(r"/col/col(\d+)/", url)
        if col:
            values["columnid"] = col[1]
    for key in ("unitid", "webid"):
        if not values.get(key):
            m = re.search(rf"\b{key}\s*[=:]\s*['\"]?(\d+)", html)
            if m:
                values[key] = m[1]
    if not all(values.get(key) for key in ("columnid", "unitid", "webid")):
        return None
    for key, default in _PROXY_DEFAULTS.items():
        values.setdefault(key, default)
    ordered = [(k, values[k]) for k in _PROXY_KEYS if k in values]
    ordered += [(k, v) for k, v in found if k not in _PROXY_KEYS]
    return ordered


def _proxy_url(page_url: str, params: list[tuple[str, str]], page: int, per_page: int) -> str:
    start = (page - 1) * per_page + 1
    paging = [("startrecord", str(start)), ("endrecord", str(start + per_page - 1))]
    query = "&".join(
        f"{k}={quote(v, safe='/')}" for k, v in [*paging, ("perpage", str(per_page)), *params]
    )
    return resolve(page_url, f"{_PROXY_PATH}?{query}") or page_url
