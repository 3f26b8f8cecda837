"""The page's main area, read by label wherever the labels stand.

Most metadata boxes have no common class: a table (``<td>`` or ``<th>`` labels), ``<dl>`` with
``<dt>``/``<dd>``, ``<li><span>label</span>value</li>``, spans or divs side by side, or a line
such as ``发布时间：… 来源：… 字号：…``. Every label of the synonym table
(``parsers.fields.LABEL_FIELDS``) is found, padded or not, with a full-width, ASCII or no colon.

The main area is walked outwards from the body container, one ancestor at a time, so the pairs
closest to the body win; page chrome (header, navigation, footer) and hidden elements are never
read, so a site-wide ``发布时间`` in the header cannot stand in for the document's. Without a
body the whole page (less its chrome) is one level.

The walk is linear in the page's size and stops after ``MAX_UNITS`` units, so a huge or hostile
page (megabytes of text, tens of thousands of colons) costs bounded time.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.etree import _Element

from parsers.fields import LABEL_FIELDS, label_of, split_inline
from parsers.html import ATTACHMENT_EXTS, elements, extension, written_links
from parsers.records import Attachment
from parsers.text import BLOCK_TAGS, SKIP_TAGS, heading_line, inline_text, norm
from parsers.urls import resolve

# Units read from one page at most: a metadata box is a few dozen; the cap bounds hostile pages.
MAX_UNITS = 20_000
# A line longer than this is body text, not a label line: it is kept whole, never split.
MAX_LINE = 4_000

PUBLISH_LABELS = frozenset(k for k, v in LABEL_FIELDS.items() if v == "publish_date")

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
    r"(?:^|[-_])(?:fj|xgfj|fujian|attach[^\W_]*|appendix[^\W_]*)(?:$|[-_])", re.IGNORECASE
)
_BARE_DATETIME_RE = re.compile(
    r"^\s*\d{4}(?:-|/|\.|年)\d{1,2}(?:-|/|\.|月)\d{1,2}日?\s*\d{1,2}:\d{2}(?::\d{2})?\s*$"
)
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def tokens(el: _Element) -> list[str]:
    return [*(el.get("class") or "").split(), *(el.get("id") or "").split()]


def is_chrome(el: _Element) -> bool:
    if el.tag in _CHROME_TAGS or (el.get("role") or "") in _CHROME_ROLES:
        return True
    return any(_CHROME_NAME_RE.match(token) for token in tokens(el))


def is_hidden(el: _Element) -> bool:
    """Hidden from readers by the page itself: ``hidden``, ``display:none``, Angular's
    ``ng-hide``."""
    if el.get("hidden") is not None or "ng-hide" in (el.get("class") or "").split():
        return True
    style = el.get("style")
    return bool(style) and _HIDDEN_STYLE_RE.search(style or "") is not None


def in_chrome(el: _Element, top: _Element | None = None) -> bool:
    """Whether ``el`` or an ancestor below ``top`` is page chrome."""
    for a in (el, *el.iterancestors()):
        if a is top:
            return False
        if isinstance(a.tag, str) and is_chrome(a):
            return True
    return False


# -- metadata units ----------------------------------------------------------------------------

_KNOWN = "|".join(
    r"[^\S\n]*".join(re.escape(ch) for ch in label)
    for label in sorted(LABEL_FIELDS, key=len, reverse=True)
)
# a known label (not inside a longer word) or, after a space, any short Chinese word (``字号``,
# ``【字体``), then a colon
_LABEL_RE = re.compile(
    rf"(?:(?<![\u4e00-\u9fff])(?P<known>{_KNOWN})|(?<!\S)[【\[（(]?[\u4e00-\u9fff]{{2,8}})"
    r"[^\S\n]{0,8}[：:]"
)


def split_unit(text: str) -> list[str]:
    """A line of text as units for pairing: ``发布时间：2020-09-14 来源：市政府办公厅 字号：大``
    -> ``发布时间``, ``2020-09-14``, ``来源``, ``市政府办公厅``, ``字号：大``. A label at the end
    with nothing after it stays alone, so its value can be the next unit (the next table cell).
    """
    if len(text) > MAX_LINE or ("：" not in text and ":" not in text):
        return [text]
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


def units_of(node: _Element, skip: _Element | None, budget: list[int]) -> list[str]:
    """Units of text under ``node`` in document order, leaving out ``skip``'s subtree, page
    chrome and hidden elements: a table cell (or ``<dt>``/``<dd>``) is one unit, an empty one
    too; other block elements break lines, and every line is split at the labels it holds. A
    label ending an ``<li>`` has an empty value: the item holds both label and value.
    ``budget`` (a one-item list) is the number of units still allowed; reading stops at 0."""
    units: list[str] = []
    buf: list[str] = []

    def flush(closing: str | None = None) -> None:
        line = norm("".join(buf))
        buf.clear()
        if not line:
            return
        found = split_unit(line)
        units.extend(found)
        budget[0] -= len(found)
        if closing == "li" and label_of(found[-1]) is not None:
            units.append("")

    def walk(el: _Element) -> None:
        if budget[0] <= 0:
            return
        tag = el.tag
        left_out = el is skip or (el is not node and (is_chrome(el) or is_hidden(el)))
        if not isinstance(tag, str) or tag in SKIP_TAGS or left_out:
            pass
        elif tag in _CELL_TAGS and el is not node:  # a level that is a cell holds the body
            flush()
            text = inline_text(el)
            found = split_unit(text) if text else [""]
            units.extend(found)
            budget[0] -= len(found)
        elif tag == "br":
            flush()
        elif len(el) == 0 and label_of(el.text) is not None and not _LABEL_RE.search(el.text or ""):
            # ``<label>发布机构</label><span>…</span>``: a label in an element of its own, with
            # no colon to split at, is a unit of its own
            flush()
            units.append(norm(el.text))
            budget[0] -= 1
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


def pairs_of(units: list[str]) -> list[tuple[str, str]]:
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
class Area:
    """The page's main area, walked from the body container outwards: each level is an ancestor
    and the child of it already visited (whose subtree the level leaves out)."""

    levels: list[tuple[_Element, _Element | None]]

    @classmethod
    def around(cls, root: _Element, body_el: _Element | None) -> Area:
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

    @staticmethod
    def inside(box: _Element) -> list[tuple[str, str]]:
        """Every label/value occurrence inside ``box`` (a metadata box)."""
        return pairs_of(units_of(box, None, [MAX_UNITS]))

    def occurrences(self) -> list[tuple[str, str]]:
        budget = [MAX_UNITS]
        return [
            pair for node, skip in self.levels for pair in pairs_of(units_of(node, skip, budget))
        ]

    def heading(self) -> str:
        """The nearest ``<h1>`` (else ``<h2>``) before the body, outside page chrome."""
        for tag in ("h1", "h2"):
            for node, skip in self.levels:
                found = [
                    text
                    for el in _before(node, skip)
                    if el.tag == tag and not in_chrome(el, node)
                    and (text := heading_line(el) if inline_text(el) else _moved_lines(el))
                ]  # fmt: skip
                if found:
                    return found[-1]
        return ""

    def bare_date(self) -> str | None:
        """The nearest element before the body, outside page chrome, whose whole text is a
        date with a time and nothing else (the unlabelled line under a news title:
        ``<li>2023-12-01 14:43</li>``); None when there is none. Only leaf elements are read,
        so it is one pass over the elements before the body."""
        for node, skip in self.levels:
            found = [
                el
                for el in _before(node, skip)
                if len(el) == 0 and el.text and _BARE_DATETIME_RE.match(el.text)
                and not in_chrome(el, node)
            ]  # fmt: skip
            if found:
                return norm(found[-1].text)
        return None

    def links(self, html: str | None = None) -> Iterator[_Element]:
        """Attachment-block links outside the body, nearest level first: links with an
        ``appendix`` attribute, links inside an element named like an attachment block
        (``fj``, ``attach``…), and links inline scripts write, never inside page chrome.
        ``html``, the page's text, lets a page with none of these skip the search."""
        if not self.levels or (html is not None and not _may_link(html)):
            return
        level_of = {node: i for i, (node, _) in enumerate(self.levels)}
        skips = {skip for _, skip in self.levels if skip is not None}
        found: list[list[_Element]] = [[] for _ in self.levels]
        # one XPath pass finds the few candidates; the exact rules are checked on those only
        for el in elements(self.levels[-1][0], _CANDIDATES_XPATH):
            chain = [el]
            level = None
            for a in el.iterancestors():
                if a in level_of:
                    level = level_of[a]
                    break
                chain.append(a)
            if level is None or any(c in skips or is_chrome(c) for c in chain):
                continue
            if el.tag == "script":
                found[level].extend(written_links(el))
            elif el.get("appendix") is not None or any(
                _ATTACH_NAME_RE.search(t) for c in chain for t in tokens(c)
            ):
                found[level].append(el)
        for links in found:
            yield from links


_WRITES_LINK_RE = re.compile(r"document\.write(?:ln)?\s*\(\s*['\"][^)]{0,200}?<[aA]\s")


def _may_link(html: str) -> bool:
    """Whether the page may have an attachment block at all (substring searches: cheap)."""
    low = html.lower()
    if any(word in low for word in ("fj", "attach", "appendix")):
        return True
    return "document.write" in html and _WRITES_LINK_RE.search(html) is not None


# plain contains() on the attributes (translate() to lower case costs milliseconds a page)
_BLOCK_WORDS = ("fj", "FJ", "Fj", "fujian", "attach", "Attach", "ATTACH", "appendix", "Appendix")
_CANDIDATES_XPATH = (
    ".//a[@appendix] | .//script[contains(., 'document.write')] | .//*["
    + " or ".join(f"contains(@class, '{w}') or contains(@id, '{w}')" for w in _BLOCK_WORDS)
    + "]//a"
)


_MOVED_LINES = 3
_MOVED_LINE_CHARS = 80


def _moved_lines(heading: _Element) -> str:
    """The lines of an empty heading that the page wrote as ``<p>`` inside it: an HTML4 parser
    (libxml2) closes ``<h2>`` at a ``<p>`` and leaves the lines after it, where a browser keeps
    them inside (``<h2 class="tit"><p>电视专题片…</p><p>久久为功抓作风</p></h2>``)."""
    if (heading.text or "").strip():
        return ""
    lines: list[_Element] = []
    el = heading.getnext()
    if (heading.tail or "").strip():
        return ""
    while el is not None and el.tag == "p" and len(lines) < _MOVED_LINES:
        text = inline_text(el)
        if not text or len(text) > _MOVED_LINE_CHARS or any(c.tag in BLOCK_TAGS for c in el):
            break
        lines.append(el)
        if (el.tail or "").strip():
            break
        el = el.getnext()
    if not lines or (el is not None and el.tag == "p"):
        return ""  # the heading is empty, and what follows it is text, not its lines
    return "".join(inline_text(line) for line in lines)


def _before(node: _Element, skip: _Element | None) -> Iterator[_Element]:
    """Elements under ``node`` before ``skip`` in document order (all of them without ``skip``)."""
    for el in node.iter():
        if el is skip:
            return
        if el is not node and isinstance(el.tag, str):
            yield el


def block_attachment(a: _Element, base_url: str) -> Attachment | None:
    """The file a link of an attachment block points to: ``href`` resolved against the page,
    else ``OLDSRC`` (TRS keeps the file's original path there); None for other links."""
    url = resolve(base_url, a.get("href")) or resolve(base_url, a.get("oldsrc"))
    if url is None:
        return None
    ext = extension(url)
    if ext is None or ext not in ATTACHMENT_EXTS:
        return None
    return Attachment(url=url, name=inline_text(a), ext=ext)


def table_pairs(body: _Element) -> list[tuple[str, str]]:
    """Labels heading exactly one value in a table of the body: a row ``label | value`` (two
    cells), or a column whose first row is a label and holds one value below it, spans
    expanded (a penalty notice's 行政处罚决定书文号 column). A label heading several values is a
    list's column, not the document's."""
    found: dict[str, list[str]] = {}
    for n, table in enumerate(body.iter("table")):
        if n >= _MAX_TABLES:
            break
        rows = [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]
        grid: dict[tuple[int, int], _Element] = {}
        for r, tr in enumerate(rows[:_MAX_ROWS]):
            c = 0
            cells = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
            for td in cells:
                while (r, c) in grid:
                    c += 1
                rowspan, colspan = _span(td.get("rowspan")), _span(td.get("colspan"))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        grid[(r + dr, c + dc)] = td
                c += colspan
            if len(cells) == 2 and (label := label_of(inline_text(cells[0]))) is not None:
                found.setdefault(label, []).append(norm(inline_text(cells[1])))
        header = [td for td in rows[0] if isinstance(td.tag, str)] if rows else []
        width = max((c for _, c in grid), default=-1) + 1 if len(header) >= 3 else 0
        for c in range(width):
            head = grid.get((0, c))
            label = label_of(inline_text(head)) if head is not None else None
            if label is None:
                continue
            below = {id(el): el for (r, cc), el in grid.items() if cc == c and r > 0}
            values = [norm(inline_text(el)) for el in below.values() if el is not head]
            found.setdefault(label, []).extend(v for v in values if v)
    return [(label, values[0]) for label, values in found.items() if len(set(values)) == 1]


_MAX_TABLES = 50
_MAX_ROWS = 500


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1
