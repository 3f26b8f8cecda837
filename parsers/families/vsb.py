"""VSB (博达站群, Visual SiteBuilder by 博达软件): county and department sites in Yunnan and beyond.

Detail pages ``/info/NNNN/NNNNNN.htm``: the metadata is a 6-column table without colons
(``索 引 号 | yjglj/2022-00020 | 发布机构 | … | 公开日期 | 2022-09-14 08:58:38``) or ``<li>``
label/value pairs (``<li><label>发布机构</label><span>…</span></li>``); the body is
``div#vsb_content`` (``#vsb_content_2``, ``#vsb_content_100`` … on other templates) holding
``div.v_news_content``; the heading an ``h1`` of the ``_newscontent_fromname`` form or the old
templates' ``td.titlestyleNNNN``; a line ``发布时间：… 来源：… 浏览次数：`` (old templates:
``span.timestyleNNNN`` / ``span.authorstyleNNNN``) gives a date hint and the source.

List pages: ``<li><a href="../../info/1034/12345.htm" title="full title">…</a><span>date</span>
</li>`` (table templates: ``<tr id="line_u5_0">`` rows; dynamic links ``content.jsp?…&wbnewsid=N``).
Pages are numbered downward: the first is ``zcwj.htm``, then ``zcwj/{N-1}.htm`` … ``zcwj/1.htm``;
the pager says ``共N页`` (or ``1/N``, or only links such as ``下页`` to ``zcwj/{N-1}.htm``), and
every further page is derived from it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from urllib.parse import urlsplit

from lxml.etree import _Element

from parsers.common import first_of
from parsers.dates import parse_date
from parsers.family import Family, Page
from parsers.fields import label_of, pairs_from_cells, split_inline
from parsers.html import elements, first, has_class
from parsers.limits import claimed_pages, count
from parsers.records import ListItem
from parsers.text import inline_text, norm
from parsers.urls import resolve

_BODY = (
    "//div[@id='vsb_content']",
    "//div[starts-with(@id, 'vsb_content')]",
    f"//div[{has_class('v_news_content')}]",
)
_FORM = "//form[@name='_newscontent_fromname']"
_HEADING = (
    f"{_FORM}//h1",
    "//*[contains(@class, 'titlestyle')]",
    f"{_FORM}//h2",
    f"//div[{has_class('article-title')}]",
    f"//div[{has_class('content-title')}]",
)
_TIME_CLASS = "//*[contains(@class, 'timestyle')]"
_AUTHOR_CLASS = "//*[contains(@class, 'authorstyle')]"
_PUBLISHED_RE = re.compile(
    r"发布(?:时间|日期)\s*[：:]\s*((?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?"
    r"(?:\s*\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?)?)"
)
_SOURCE_RE = re.compile(r"(?:信息)?来源\s*[：:]\s*([^\s：:|｜]+)")
# labels that, next to their value in a cell of the metadata box, count at least twice
_MIN_LABELS = 2


class Vsb(Family):
    name = "vsb"
    body_xpaths = _BODY
    heading_xpaths = _HEADING

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        root = page.root
        pairs = _metadata_pairs(root, body)
        if not pairs and body is None:
            return pairs
        info = _info_line(root, body)
        page.scratch["info"] = info
        source = _SOURCE_RE.search(info) if info else None
        if source and not pairs.get("来源"):
            pairs["来源"] = norm(source[1])
        author = first(root, _AUTHOR_CLASS)
        if author is not None and not pairs.get("来源"):
            text = inline_text(author)
            inline = split_inline(text)
            pairs["来源"] = inline[1] if inline is not None else text
        return pairs

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        hints: list[str | None] = []
        info = page.scratch.get("info")
        if info:
            published = _PUBLISHED_RE.search(info)
            hints.append(published[1] if published else None)
        hints.extend(inline_text(el) for el in elements(page.root, _TIME_CLASS))
        return hints

    def list_items(self, page: Page) -> list[ListItem]:
        items: list[ListItem] = []
        for row in page.root.iter("li", "tr"):
            if any(r is not row for r in row.iter("li", "tr")):
                continue  # a container (a layout row, a nested list): its rows are read alone
            item = _list_item(page.url, row)
            if item is not None:
                items.append(item)
        return items

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        return _pages(page.root, page.url)


FAMILY = Vsb()


def _inside(el: _Element, container: _Element | None) -> bool:
    if container is None:
        return False
    return el is container or any(a is container for a in el.iterancestors())


def _metadata_pairs(root: _Element, body_el: _Element | None) -> dict[str, str]:
    """Label/value pairs of the metadata box, never from inside the body: the innermost tables
    holding labelled cells, then ``<li>`` pairs (``<li><label>索引号</label><span>…</span></li>``
    or ``<li>索引号：…</li>``)."""
    pairs: dict[str, str] = {}

    def merge(found: Mapping[str, str]) -> None:
        for label, value in found.items():
            if not pairs.get(label):
                pairs[label] = value

    for table in root.iter("table"):
        if _inside(table, body_el) or any(t is not table for t in table.iter("table")):
            continue  # in the body, or a layout table (its inner tables are looked at alone)
        cells = [inline_text(cell) for cell in table.iter("td", "th")]
        if sum(1 for c in cells if label_of(c) is not None) >= _MIN_LABELS:
            merge(pairs_from_cells(cells))
    for li in root.iter("li"):
        if _inside(li, body_el):
            continue
        found = _li_pair(li)
        if found is not None and not pairs.get(found[0]):
            pairs[found[0]] = found[1]
    return pairs


def _li_pair(li: _Element) -> tuple[str, str] | None:
    children = [c for c in li if isinstance(c.tag, str)]
    if children:
        label = label_of(inline_text(children[0]))
        if label is not None:
            rest = [inline_text(c) for c in children[1:]]
            tail = children[0].tail or ""
            return label, norm(" ".join([tail, *rest]))
    return split_inline(inline_text(li))


def _info_line(root: _Element, body_el: _Element | None) -> str:
    """The text around ``发布时间：…`` and ``来源：…``, outside the body and the metadata box."""
    found = root.xpath("//text()[contains(., '发布') or contains(., '来源')]")
    if not isinstance(found, list):
        return ""
    texts: list[str] = []
    seen: set[int] = set()
    for node in found:
        parent = getattr(node, "getparent", lambda: None)()
        if not isinstance(parent, _Element) or _inside(parent, body_el):
            continue
        if parent.tag in ("td", "th", "label", "title", "script", "style"):
            continue  # a metadata cell or label, not the info line
        holder: _Element | None = parent
        for _ in range(3):
            if holder is None or (body_el is not None and _inside(body_el, holder)):
                break  # never read a 来源： out of the body's text
            text = inline_text(holder)
            if _PUBLISHED_RE.search(text) or _SOURCE_RE.search(text):
                if id(holder) not in seen:
                    seen.add(id(holder))
                    texts.append(text)
                break
            holder = holder.getparent()
    return " ".join(texts)


# -- list pages ----------------------------------------------------------------------------

_ARTICLE_RE = re.compile(r"/info/\d+/\d+\.html?$")
_NUMBERED_RE = re.compile(r"^(?P<stem>.+)/(?P<n>\d+)\.(?P<ext>html?)$")
_FIRST_RE = re.compile(r"^(?P<stem>.+)\.(?P<ext>html?)$")
_PAGES_RE = re.compile(r"共\s*(\d+)\s*页")
_FRACTION_RE = re.compile(r"(?<![\d/.-])\d+\s*/\s*(\d+)(?![\d/.-])")
_PAGER = (
    f"//*[{has_class('pb_sys_common')}]",
    "//*[starts-with(@id, 'fanye')]",
    f"//*[{has_class('pagination')}]",
)


def _is_article(url: str) -> bool:
    parts = urlsplit(url)
    return bool(_ARTICLE_RE.search(parts.path)) or (
        parts.path.endswith("content.jsp") and "wbnewsid=" in parts.query
    )


def _list_item(page_url: str, row: _Element) -> ListItem | None:
    """The article a list row (``<li>``, or ``<tr id="line_u5_0">`` on table templates) links,
    with its title (the ``title`` attribute first) and the date written beside the link."""
    for link in row.iter("a"):
        target = resolve(page_url, link.get("href"))
        if target is None or not _is_article(target):
            continue
        spans = list(row.iter("span", "em", "i", "p", "font", "td", "div"))
        # not the cell holding the link: a title may contain a date
        outside = [s for s in spans if not _inside(s, link) and not _inside(link, s)]
        inside = [s for s in spans if _inside(s, link)]
        date = next((d for s in outside + inside if (d := parse_date(inline_text(s)))), None)
        return ListItem(
            url=target,
            title=norm(link.get("title")) or inline_text(link),
            date=date.iso() if date else None,
        )
    return None


def _stem(url: str) -> tuple[str, str] | None:
    """(``https://…/zcwj``, ``htm``) for ``…/zcwj.htm`` and for ``…/zcwj/2.htm``."""
    path_url = url.split("?", 1)[0].split("#", 1)[0]
    m = _NUMBERED_RE.match(path_url)
    if m is not None:
        return m["stem"], m["ext"]
    m = _FIRST_RE.match(path_url)
    if m is not None:
        return m["stem"], m["ext"]
    return None


def _pages(root: _Element, url: str) -> tuple[int | None, list[str]]:
    stem = _stem(url)
    if stem is None:
        return None, []
    base, ext = stem
    numbers: list[int] = []
    for a in root.iter("a"):
        target = resolve(url, a.get("href"))
        m = _NUMBERED_RE.match(target.split("?", 1)[0]) if target else None
        if m is not None and m["stem"] == base:
            numbers.append(count(m["n"]))
    pager = first_of(root, _PAGER)
    pager_text = inline_text(pager) if pager is not None else ""
    pages = _declared_count(pager_text) or _declared_count(_texts(root))
    if pages is None and numbers:
        pages = max(numbers) + 1  # the first page's 下页 points to {N-1}.htm
    if pages is None or pages < 2:
        return pages, []
    current = url.split("?", 1)[0]
    further = [f"{base}/{n}.{ext}" for n in range(claimed_pages(pages) - 1, 0, -1)]
    return pages, [u for u in further if u != current]


def _texts(root: _Element) -> Iterable[str]:
    found = root.xpath("//span[contains(., '页')]|//td[contains(., '页')]")
    if not isinstance(found, list):
        return []
    return [inline_text(el) for el in found if isinstance(el, _Element)]


def _declared_count(texts: str | Iterable[str]) -> int | None:
    """``共3页`` (or the ``1/3`` of ``共45条 1/3``) in the pager's text."""
    for text in [texts] if isinstance(texts, str) else texts:
        m = _PAGES_RE.search(text)
        if m:
            return count(m[1])
    for text in [texts] if isinstance(texts, str) else texts:
        if "条" in text or "页" in text:
            m = _FRACTION_RE.search(text)
            if m:
                return count(m[1])
    return None
