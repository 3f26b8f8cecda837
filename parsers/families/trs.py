"""TRS WCM portals (www.guiyang.gov.cn, www.guizhou.gov.cn and many provincial portals).

Detail pages ``…/YYYYMM/tYYYYMMDD_N.html``. The body is ``div.TRS_Editor`` (or
``div.trs_editor_view``, ``div.TRS_UEDITOR``, ``div.Custom_UnionStyle``, ``#zoom``); newer
templates whose container none of these names fall back to the generic body finding. The
metadata box has no common class, so everything else is the generic reader's
(``parsers.family.Family``): every label/value pair of the main area read by label, whatever
holds it (table cells, ``<li><span>label</span>value</li>``, ``<dt>``/``<dd>``, a line such as
``发布时间：… 来源：… 字号：…``), nearest the body first, page chrome never read; attachments in
the body and in the template's attachment block outside it (``<a appendix="true"
href="./P0….pdf" OLDSRC="/protect/…">``, links in ``fj``/``attach`` containers, links an inline
script writes with ``document.write``), ``href`` resolved against the article's folder and
winning over ``OLDSRC``.

List pages: ``<li><a href="./YYYYMM/t….html" title="full title">…</a><span>date</span></li>``
(the date may also sit inside the link, or in a table cell); pagination ``index.html``,
``index_1.html``… with the page count in an inline script: ``createPageHTML(3, 0, "index",
"html")`` (pages, current page from 0, prefix, extension), ``createPageHTML('page_div', 3, 0,
'index', 'html', 45)``, ``createPage(…)``, ``var countPage = 3`` or ``Pager({size: 3, …})``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.etree import _Element

from parsers.area import in_chrome
from parsers.dates import parse_date
from parsers.family import Family, Page
from parsers.html import has_class
from parsers.limits import claimed_pages, count
from parsers.records import ListItem
from parsers.text import inline_text, norm
from parsers.urls import resolve

_BODY = (
    f"//div[{has_class('TRS_Editor')}]",
    f"//div[{has_class('trs_editor_view')}]",
    f"//div[{has_class('TRS_UEDITOR')}]",
    f"//div[{has_class('Custom_UnionStyle')}]",
    "//*[@id='zoom' or @id='Zoom']",
)


class Trs(Family):
    name = "trs"
    body_xpaths = _BODY

    def list_items(self, page: Page) -> list[ListItem]:
        url = page.url
        items: list[ListItem] = []
        seen: set[str] = set()
        for a in page.root.iter("a"):
            item_url = resolve(url, a.get("href"))
            if item_url is None or not _ARTICLE_RE.search(urlsplit(item_url).path):
                continue
            if item_url in seen or in_chrome(a):
                continue
            seen.add(item_url)
            row = next((el for el in a.iterancestors() if el.tag in _ROW_TAGS), a.getparent())
            items.append(
                ListItem(
                    url=item_url,
                    title=norm(a.get("title")) or _link_text(a),
                    date=_row_date(row, a) if row is not None else None,
                )
            )
        return items

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        pager = _pager(page.html)
        return (pager.count, pager.urls(page.url)) if pager else (None, [])


FAMILY = Trs()


# -- list pages --------------------------------------------------------------------------------

_ARTICLE_RE = re.compile(r"/t\d{8}_\d+\.s?html?$")
_ROW_TAGS = ("li", "tr", "dd", "dt")
_DATE_TAGS = frozenset(["span", "em", "i", "b", "td", "div", "font", "time", "p", "small", "label"])


def _is_date(text: str) -> bool:
    return 0 < len(text) <= 30 and parse_date(text) is not None


def _link_text(a: _Element) -> str:
    """The link's text without a date written inside it."""
    parts = [a.text or ""]
    for child in a:
        if isinstance(child.tag, str) and not _is_date(inline_text(child)):
            parts.append(inline_text(child))
        parts.append(child.tail or "")
    return norm(" ".join(parts))


def _row_date(row: _Element, a: _Element) -> str | None:
    """The first date-like text of the row beside the link, else inside the link."""
    # sets of the elements themselves (they keep lxml's proxies alive, so identity holds)
    holders = set(a.iterancestors())
    inside = set(a.iter())
    candidates = [el for el in row.iter() if el not in holders and el.tag in _DATE_TAGS]
    candidates.sort(key=lambda el: el in inside)  # stable: document order within each
    for el in candidates:
        text = inline_text(el)
        if _is_date(text):
            found = parse_date(text)
            return found.iso() if found else None
    return None


@dataclass(frozen=True)
class _Pager:
    count: int
    current: int | None = None
    prefix: str | None = None
    ext: str | None = None

    def urls(self, url: str) -> list[str]:
        """Every list page but this one: ``{prefix}.{ext}``, ``{prefix}_1.{ext}``…"""
        if self.count < 2:
            return []
        last = urlsplit(url).path.rsplit("/", 1)[-1]
        m = re.match(r"^(\w+?)(?:_(\d+))?\.(s?html?)$", last)
        prefix = self.prefix or (m[1] if m else "index")
        ext = self.ext or (m[3] if m else "html")
        here = self.current if self.current is not None and self.current >= 0 else 0
        if m and m[1] == prefix:
            here = count(m[2]) if m[2] else 0
        pages = claimed_pages(self.count)
        names = [f"{prefix}.{ext}"] + [f"{prefix}_{n}.{ext}" for n in range(1, pages)]
        folder = resolve(url, "./")  # the names are plain file names in the list's folder
        if folder is None:
            return []
        return [folder + name for n, name in enumerate(names) if n != here]


_CALL_RE = re.compile(r"\bcreatePage(?:HTML)?\s*\(([^()]*)\)")
_COUNT_VAR_RE = re.compile(r"\bvar\s+countPage\s*=\s*(\d+)")
_CURRENT_VAR_RE = re.compile(r"\bvar\s+currentPage\s*=\s*(\d+)")
_PAGER_RE = re.compile(r"\bPager\s*\(\s*\{([^{}]*)\}")
_OPTION_RE = re.compile(r"""(?<!\w)(\w+)\s*:\s*['"]?([\w.]*)['"]?""")


def _pager(html: str) -> _Pager | None:
    for m in _CALL_RE.finditer(html):
        args = [a.strip().strip("'\"") for a in m[1].split(",")]
        if args and not args[0].isdigit():
            args = args[1:]  # createPageHTML('page_div', 3, 0, 'index', 'html', 45)
        if not args or not args[0].isdigit():
            continue  # the function's definition, not a call
        return _Pager(
            count=count(args[0]),
            current=count(args[1]) if len(args) > 1 and args[1].isdigit() else None,
            prefix=args[2] if len(args) > 2 and args[2].isidentifier() else None,
            ext=args[3] if len(args) > 3 and args[3].isalnum() else None,
        )
    declared = _COUNT_VAR_RE.search(html)
    if declared:
        current = _CURRENT_VAR_RE.search(html)
        return _Pager(count=count(declared[1]), current=count(current[1]) if current else None)
    for pager in _PAGER_RE.finditer(html):
        options = {k.lower(): v for k, v in _OPTION_RE.findall(pager[1])}
        size = next((options[k] for k in ("size", "pagecount", "count") if k in options), "")
        if not size.isdigit():
            continue
        here = next((options[k] for k in ("current", "currentpage", "index") if k in options), "")
        return _Pager(
            count=count(size),
            current=count(here) if here.isdigit() else None,
            prefix=options.get("prefix") or None,
            ext=options.get("suffix") or options.get("ext") or None,
        )
    return None
