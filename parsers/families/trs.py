"""TRS WCM portals (www.guiyang.gov.cn, www.guizhou.gov.cn and many provincial portals).

Detail pages ``…/YYYYMM/tYYYYMMDD_N.html``. The body is ``div.TRS_Editor`` (or
``div.trs_editor_view``, ``div.TRS_UEDITOR``, ``#zoom``). The metadata box has no common class,
so every label/value pair of the page's main area is read by label, whatever holds it: table
cells, ``<li><span>label</span>value</li>``, ``<dt>``/``<dd>``, or a line such as
``发布时间：… 来源：… 字号：…``. The main area is walked outwards from the body, one ancestor at a
time, so the pairs closest to the body win; page chrome (header, navigation, footer) is never
read, so a site-wide ``发布时间`` in the header cannot stand in for the document's.

Attachments: links in the body (``parsers.html.attachments``, which follows ``document.write``),
then the template's attachment block outside the body: ``<a appendix="true" href="./P0….pdf"
OLDSRC="/protect/…">``, links inside an attachment container (``fj``, ``attach``…) and links an
inline script writes with ``document.write``. ``href`` is resolved against the article's folder
and wins over ``OLDSRC``, which only serves when there is no ``href``.

List pages: ``<li><a href="./YYYYMM/t….html" title="full title">…</a><span>date</span></li>``
(the date may also sit inside the link, or in a table cell); pagination ``index.html``,
``index_1.html``… with the page count in an inline script: ``createPageHTML(3, 0, "index",
"html")`` (pages, current page from 0, prefix, extension), ``createPageHTML('page_div', 3, 0,
'index', 'html', 45)``, ``createPage(…)``, ``var countPage = 3`` or ``Pager({size: 3, …})``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml.etree import _Element

from parsers.dates import parse_date
from parsers.family import Family, Page
from parsers.fields import LABEL_FIELDS, label_of, split_inline
from parsers.html import ATTACHMENT_EXTS, extension, has_class, written_links
from parsers.limits import claimed_pages, count
from parsers.records import Attachment, Document, ListItem
from parsers.text import BLOCK_TAGS, SKIP_TAGS, inline_text, norm
from parsers.urls import resolve

_BODY = (
    f"//div[{has_class('TRS_Editor')}]",
    f"//div[{has_class('trs_editor_view')}]",
    f"//div[{has_class('TRS_UEDITOR')}]",
    "//*[@id='zoom' or @id='Zoom']",
)
_PUBLISH_LABELS = frozenset(k for k, v in LABEL_FIELDS.items() if v == "publish_date")

# -- page chrome -------------------------------------------------------------------------------

_CHROME_TAGS = frozenset(["header", "footer", "nav", "aside"])
_CHROME_ROLES = frozenset(["banner", "navigation", "contentinfo"])
# class/id tokens of site-wide chrome: ``header``, ``top``, ``footer``, ``gy-header``,
# ``gy_footer_box``… (a site prefix of up to 4 characters), but not ``article-header`` or
# ``head`` (an article's title block is often called that).
_CHROME_NAME_RE = re.compile(
    r"^(?:(?:header|top|topbar|footer|foot|bottom|nav|navbar|menu|sidebar)"
    r"|[a-z0-9]{1,4}[-_](?:header|topbar|footer|nav|navbar))"
    r"(?:[-_]?(?:box|wrap|wrapper|bar|con|container|inner|main|\d+))?$",
    re.IGNORECASE,
)
# class/id tokens of an attachment block: ``fj``, ``gy-article-fj``, ``Article_fj``, ``appendix``…
_ATTACH_NAME_RE = re.compile(
    r"(?:^|[-_])(?:fj|xgfj|fujian|attach[^\W_]*|appendix[^\W_]*)(?:$|[-_])", re.I
)


def _tokens(el: _Element) -> list[str]:
    return [*(el.get("class") or "").split(), *(el.get("id") or "").split()]


def _is_chrome(el: _Element) -> bool:
    if el.tag in _CHROME_TAGS or (el.get("role") or "") in _CHROME_ROLES:
        return True
    return any(_CHROME_NAME_RE.match(token) for token in _tokens(el))


def _in_chrome(el: _Element, top: _Element | None = None) -> bool:
    """Whether ``el`` or an ancestor below ``top`` is page chrome."""
    for a in (el, *el.iterancestors()):
        if a is top:
            return False
        if isinstance(a.tag, str) and _is_chrome(a):
            return True
    return False


# -- metadata units ----------------------------------------------------------------------------

_KNOWN = "|".join(
    r"\s*".join(re.escape(ch) for ch in label)
    for label in sorted(LABEL_FIELDS, key=len, reverse=True)
)
# a known label (not inside a longer word) or, after a space, any short Chinese word (``字号``,
# ``【字体``), then a colon
_LABEL_RE = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])(?P<known>{_KNOWN})|(?<!\S)[【\[（(]?[\u4e00-\u9fff]{{2,8}})"
    r"\s*[：:]"
)


def _split_unit(text: str) -> list[str]:
    """A line of text as units for pairing: ``发布时间：2020-09-14 来源：市政府办公厅 字号：大``
    -> ``发布时间``, ``2020-09-14``, ``来源``, ``市政府办公厅``, ``字号：大``. A label at the end
    with nothing after it stays alone, so its value can be the next unit (the next table cell).
    """
    matches = list(_LABEL_RE.finditer(text))
    if not matches:
        return [text]
    units: list[str] = []
    head = text[: matches[0].start()].strip()
    if head:
        units.append(head)
    for i, m in enumerate(matches):
        last = i + 1 == len(matches)
        end = len(text) if last else matches[i + 1].start()
        if m["known"] is None:
            units.append(text[m.start() : end].strip())
            continue
        units.append(m["known"])
        value = text[m.end() : end].strip()
        if value or not last:
            units.append(value)
    return units


_CELL_TAGS = ("td", "th", "dt", "dd")


def _units(node: _Element, skip: _Element | None) -> list[str]:
    """Units of text under ``node`` in document order, leaving out ``skip``'s subtree and page
    chrome: a table cell (or ``<dt>``/``<dd>``) is one unit, an empty one too; other block
    elements break lines, and every line is split at the labels it holds. A label ending an
    ``<li>`` has an empty value: the item holds both label and value."""
    units: list[str] = []
    buf: list[str] = []

    def flush(closing: str | None = None) -> None:
        line = norm("".join(buf))
        buf.clear()
        if not line:
            return
        found = _split_unit(line)
        units.extend(found)
        if closing == "li" and label_of(found[-1]) is not None:
            units.append("")

    def walk(el: _Element) -> None:
        tag = el.tag
        left_out = el is skip or (el is not node and _is_chrome(el))  # the level itself never
        if not isinstance(tag, str) or tag in SKIP_TAGS or left_out:
            pass
        elif tag in _CELL_TAGS:
            flush()
            text = inline_text(el)
            units.extend(_split_unit(text) if text else [""])
        elif tag == "br":
            flush()
        else:
            block = tag in BLOCK_TAGS
            if block:
                flush()
            if el.text:
                buf.append(el.text)
            for child in el:
                walk(child)
            if block:
                flush(tag)
        if el.tail and el is not node:
            buf.append(el.tail)

    walk(node)
    flush()
    return units


def _pairs(units: list[str]) -> list[tuple[str, str]]:
    """Every label/value occurrence, by the rule of ``parsers.fields.pairs_from_cells``: a label
    takes the next unit as its value unless that unit is itself a label."""
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(units):
        label = label_of(units[i])
        if label is not None:
            if i + 1 < len(units) and label_of(units[i + 1]) is None:
                found.append((label, norm(units[i + 1])))
                i += 2
                continue
            found.append((label, ""))
        else:
            inline = split_inline(units[i])
            if inline is not None:
                found.append(inline)
        i += 1
    return found


@dataclass
class _Levels:
    """The page's main area, walked from the body container outwards: each level is an ancestor
    and the child of it already visited (whose subtree the level leaves out)."""

    levels: list[tuple[_Element, _Element | None]]

    @classmethod
    def around(cls, root: _Element, body_el: _Element | None) -> _Levels:
        page_body = next(root.iter("body"), root)
        if body_el is None:
            return cls([(page_body, None)])
        levels: list[tuple[_Element, _Element | None]] = []
        child = body_el
        for ancestor in body_el.iterancestors():
            levels.append((ancestor, child))
            if ancestor is page_body:
                break
            child = ancestor
        return cls(levels)

    def occurrences(self) -> list[tuple[str, str]]:
        return [pair for node, skip in self.levels for pair in _pairs(_units(node, skip))]

    def heading(self) -> str:
        """The nearest ``<h1>`` (else ``<h2>``) before the body, outside page chrome."""
        for tag in ("h1", "h2"):
            for node, skip in self.levels:
                found = [
                    el
                    for el in _before(node, skip)
                    if el.tag == tag and not _in_chrome(el, node) and inline_text(el)
                ]
                if found:
                    return inline_text(found[-1])
        return ""

    def links(self) -> Iterator[_Element]:
        """Attachment-block links outside the body, nearest level first."""
        for node, skip in self.levels:
            yield from _block_links(node, skip)


def _before(node: _Element, skip: _Element | None) -> Iterator[_Element]:
    """Elements under ``node`` before ``skip`` in document order (all of them without ``skip``)."""
    for el in node.iter():
        if el is skip:
            return
        if el is not node and isinstance(el.tag, str):
            yield el


def _block_links(node: _Element, skip: _Element | None) -> Iterator[_Element]:
    def walk(el: _Element, in_block: bool) -> Iterator[_Element]:
        if not isinstance(el.tag, str) or el is skip or _is_chrome(el):
            return
        if el.tag == "script":
            yield from written_links(el)
            return
        in_block = in_block or any(_ATTACH_NAME_RE.search(t) for t in _tokens(el))
        if el.tag == "a" and (in_block or el.get("appendix") is not None):
            yield el
        for child in el:
            yield from walk(child, in_block)

    for child in node:
        yield from walk(child, False)


def _attachment(a: _Element, base_url: str) -> Attachment | None:
    url = resolve(base_url, a.get("href")) or resolve(base_url, a.get("oldsrc"))
    if url is None:
        return None
    ext = extension(url)
    if ext is None or ext not in ATTACHMENT_EXTS:
        return None
    return Attachment(url=url, name=inline_text(a), ext=ext)


# -- detail pages ------------------------------------------------------------------------------


class Trs(Family):
    name = "trs"
    body_xpaths = _BODY

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        area = _Levels.around(page.root, body)
        occurrences = area.occurrences()
        page.scratch["area"], page.scratch["occurrences"] = area, occurrences
        pairs: dict[str, str] = {}
        for label, value in occurrences:
            if not pairs.get(label):
                pairs[label] = value
        return pairs

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        return body is not None or len([v for v in pairs.values() if v]) >= 2 or bool(extra)

    def heading(self, page: Page) -> str:
        heading: str = page.scratch["area"].heading()
        return heading

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        occurrences = page.scratch["occurrences"]
        return [value for label, value in occurrences if label in _PUBLISH_LABELS]

    def complete(self, page: Page, body: _Element | None, doc: Document) -> Document:
        seen = {a.url for a in doc.attachments}
        for link in page.scratch["area"].links():
            found = _attachment(link, page.url)
            if found is not None and found.url not in seen:
                seen.add(found.url)
                doc.attachments.append(found)
        return doc

    def list_items(self, page: Page) -> list[ListItem]:
        url = page.url
        items: list[ListItem] = []
        seen: set[str] = set()
        for a in page.root.iter("a"):
            item_url = resolve(url, a.get("href"))
            if item_url is None or not _ARTICLE_RE.search(urlsplit(item_url).path):
                continue
            if item_url in seen or _in_chrome(a):
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
