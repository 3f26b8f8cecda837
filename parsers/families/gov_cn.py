"""www.gov.cn policy library (中国政府网 政策文件库) and the pages that share its templates.

Detail pages come in three layouts, all read by label:

- old (``zhengce/content/2020-07/30/content_N.htm``): ``table.bd1`` with each label in a ``<b>``
  and its value in the next ``<td>`` (索 引 号, 主题分类, 发文机关, 成文日期, 标　　题, 发文字号,
  发布日期), often a second ``table.bd1`` holding 主 题 词; body ``td.b12c#UCAP-CONTENT``;
- new (``zhengce/content/202411/content_N.htm``): ``div.policyLibraryOverview_header table``
  (标题, 发文机关, 发文字号, 来源, 主题分类, 公文种类, 成文日期, 发布日期); body
  ``div.pages_content#UCAP-CONTENT``, followed on some pages by a second copy of the body for
  phones (the first one is read); attachments ``./P0….pdf`` beside the page;
- article pages (政策解读, 国务院公报): a heading in ``div.article h1``, a
  ``div.pages-date`` line ``2024-11-06 20:15 来源：新华社`` and the body in ``#UCAP-CONTENT``.

Every page carries ``<meta name="firstpublishedtime" content="2020-07-30-17:47:05">``, whose time
completes a 发布日期 of the same day. List pages (TRS-generated): ``li > h4 > a`` with a
``span.date``; the page count and the file names of further pages only in
``createPageHTML(3, 0, "index", "htm")``.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from lxml.etree import _Element

from parsers.dates import parse_date
from parsers.family import Family, Page
from parsers.fields import pairs_from_cells, split_inline
from parsers.html import elements, first, has_class, meta_tags
from parsers.limits import claimed_pages, count
from parsers.records import ListItem
from parsers.text import inline_text, norm
from parsers.urls import resolve

_META_TABLES = (
    f"//table[{has_class('bd1')}]",
    f"//div[{has_class('policyLibraryOverview_header')}]//table",
)
# The first #UCAP-CONTENT is the desktop copy; a phone copy may follow it.
_BODY = (
    "//*[@id='UCAP-CONTENT']",
    f"//div[{has_class('pages_content')}]",
    f"//td[{has_class('b12c')}]",
)
_HEADING = (
    f"//div[{has_class('article')}]//h1",
    f"//div[{has_class('share-title')}]",
    f"//div[{has_class('pages-title')}]",
)
_DATE_LINE = f"//div[{has_class('pages-date')}]"
_OLD_DATE_LINE = "//td[contains(., 'www.gov.cn') and contains(., '来源')][not(.//td)]"
_OLD_DATE_RE = re.compile(r"www\.gov\.cn\s+(\d{4}年\d{1,2}月\d{1,2}日)")
# firstpublishedtime joins day and time with a hyphen: 2020-07-30-17:47:05
_STAMP_RE = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})-(\d{1,2}:\d{2}(?::\d{2})?)")
# <title> of pages with no heading: "<document title>_政府信息公开专栏" / "…_中国政府网"
_TITLE_SUFFIX_RE = re.compile(r"_[^_]*(?:中国政府网|政府信息公开专栏|国务院公报)[^_]*$")
_PAGER_RE = re.compile(
    r"createPage(?:HTML)?\(\s*(\d+)\s*,\s*(\d+)\s*,\s*[\"'](\w+)[\"']\s*,\s*[\"'](\w+)[\"']"
)
_COUNT_RES = (
    re.compile(r"createPage(?:HTML)?\(\s*(\d+)"),
    re.compile(r"\bcountPage\s*=\s*(\d+)"),
)


class GovCn(Family):
    name = "gov_cn"
    body_xpaths = _BODY
    heading_xpaths = _HEADING

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        tables = _meta_tables(page.root)
        page.scratch["tables"] = tables
        cells = [inline_text(td) for table in tables for td in table.iter("td", "th")]
        pairs = pairs_from_cells(cells)
        date_line = first(page.root, _DATE_LINE)
        if date_line is not None:
            # 来源：新华社 sits in its own <span> beside the date, the font-size switch and 打印
            for span in date_line.iter("span"):
                found = split_inline(inline_text(span))
                if found is not None and not pairs.get(found[0]):
                    pairs[found[0]] = found[1]
        return pairs

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        return body is not None or bool(page.scratch["tables"])

    def heading(self, page: Page) -> str:
        return super().heading(page) or _title_tag(page.root)

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        hints: list[str | None] = []
        date_line = first(page.root, _DATE_LINE)
        if date_line is not None:
            hints.append(inline_text(date_line))
        stamp = meta_tags(page.root).get("firstpublishedtime")
        hints.append(_STAMP_RE.sub(r"\1 \2", stamp) if stamp else None)
        # the 2009 news template: "中央政府门户网站　www.gov.cn　　 2009年06月16日　　 来源：新华社"
        line = first(page.root, _OLD_DATE_LINE)
        if line is not None:
            m = _OLD_DATE_RE.search(inline_text(line))
            hints.append(m[1] if m else None)
        return hints

    def list_items(self, page: Page) -> list[ListItem]:
        url = page.url
        items: list[ListItem] = []
        for li in elements(page.root, "//li[h4]"):
            link = first(li, "./h4//a[@href]")
            if link is None:
                continue
            target = resolve(url, link.get("href"))
            if target is None:
                continue
            date_el = first(li, f".//span[{has_class('date')}]")
            date = parse_date(inline_text(date_el)) if date_el is not None else None
            items.append(
                ListItem(
                    url=_canonical(target, url),
                    title=norm(link.get("title")) or inline_text(link),
                    date=date.iso() if date else None,
                )
            )
        return items

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        return _pagination(page.html, page.url)


FAMILY = GovCn()


def _meta_tables(root: _Element) -> list[_Element]:
    """Metadata tables in document order, a table nested in another counted once."""
    found: list[_Element] = []
    for xpath in _META_TABLES:
        found.extend(el for el in elements(root, xpath) if el not in found)
    outer = [t for t in found if not any(a in found for a in t.iterancestors("table"))]
    order = {el: i for i, el in enumerate(root.iter("table"))}
    return sorted(outer, key=lambda t: order.get(t, 0))


def _title_tag(root: _Element) -> str:
    el = first(root, "//title")
    text = norm(el.text) if el is not None else ""  # inline_text skips <title>
    return _TITLE_SUFFIX_RE.sub("", text)


def _canonical(link: str, page_url: str) -> str:
    """Older list entries still say ``http://www.gov.cn/…``: the same host under the page's
    scheme, so the document is one URL however a list writes it."""
    parts, page = urlsplit(link), urlsplit(page_url)
    scheme = page.scheme if parts.netloc == page.netloc else parts.scheme
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, ""))


def _pagination(html: str, url: str) -> tuple[int | None, list[str]]:
    """``createPageHTML(pages, current, "index", "htm")``: page 0 is ``index.htm``, page n
    ``index_n.htm``, all in the list page's folder."""
    m = _PAGER_RE.search(html)
    if m is not None:
        pages, prefix, ext = count(m[1]), m[3], m[4]
    else:
        pages = next((count(c[1]) for p in _COUNT_RES if (c := p.search(html))), 0)
        named = re.search(r"/(\w+?)(?:_\d+)?\.(s?html?)$", url)
        prefix, ext = (named[1], named[2]) if named else ("index", "htm")
        if not pages:
            return None, []
    folder = url[: url.rfind("/") + 1]
    further = [f"{folder}{prefix}_{n}.{ext}" for n in range(1, claimed_pages(pages))]
    return pages, [p for p in further if p != url]
