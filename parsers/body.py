"""Finding a page's body when its family's own containers do not: known container names first,
then main-content extraction.

``known_container`` looks for the body containers seen across the families and on real pages of
other CMSs (TRS, Ucap/Kaipuyun, VSB, Hanweb, gov.cn, the Kunming CMS, home-grown sites), in one
pass over the tree. ``extracted`` is the slow path, run only when no container matched: it asks
readability-lxml (chosen by measurement, see README *Finding the body*) for the main content of
a marked copy of the page and maps its answer back to the element of this page's own tree, so
tables, figures, attachments and the labels around the body are read from the page itself.

A body found here is read from a cleaned copy (``cleaned``): page chrome, hidden elements, share
bars, 打印/关闭 links and a metadata box inside the container stay out of the body text.
"""

from __future__ import annotations

import copy
import logging
import re
from dataclasses import dataclass

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers.area import in_chrome, is_chrome, is_hidden, pairs_of, tokens, units_of
from parsers.errors import soft_404_phrase
from parsers.fields import LABEL_FIELDS
from parsers.html import first
from parsers.quality import MIN_BODY_CHARS
from parsers.text import body_text, norm, squeeze

# Class or id names of body containers, best first: the first name found anywhere on the page
# wins, and within one name the first element in document order.
CONTAINER_NAMES: tuple[str, ...] = (
    "UCAP-CONTENT",  # gov.cn (Ucap)
    "TRS_Editor",  # TRS WCM editor output
    "trs_editor_view",
    "TRS_UEDITOR",
    "Custom_UnionStyle",  # TRS, older editor
    "vsb_content",  # VSB (also vsb_content_2, vsb_content_100…)
    "v_news_content",
    "wenzhang-content",  # home-grown (文章), e.g. www.nfra.gov.cn
    "pages_content",  # gov.cn
    "article_content",  # TRS "trt" templates, Hanweb
    "article-content",  # Ucap/Kaipuyun, Hanweb
    "xxgk_content",
    "vF_detail_content",  # www.ccgp.gov.cn procurement notices
    "activity",  # Kunming CMS
    "content-box",
    "zoom",  # Hanweb, TRS (#zoom / #Zoom)
    "zoomcon",
    "PrintArea",  # the printable area of Kaipu/Ucap pages (e.g. scjg.gansu.gov.cn)
    "con",
)
# Elements named for their content rather than by a class: Ucap/Kaipuyun's <ucapcontent>.
CONTAINER_TAGS: tuple[str, ...] = ("ucapcontent",)
_RANK = {name.lower(): i for i, name in enumerate(CONTAINER_NAMES)}
_TAG_RANK = {tag: -1 for tag in CONTAINER_TAGS}  # a content element beats any class name
_PREFIX_RANK = _RANK["vsb_content"]  # ids vsb_content_2, vsb_content_100…

# Beyond this much HTML the extractor is not run (it is the slow path, and a page this big is
# no article page that lacks a container).
MAX_EXTRACT_CHARS = 3_000_000
_MARK = "data-xxgk-n"
# A page whose text beside its chrome is this short is a notice (页面不存在…), not an article.
_NOTICE_CHARS = 500
_NOTICE_UNITS = 200
# Elements that may be a metadata box; a box stands near the top of a container, so only the
# first few candidates are read for labels (a 20,000-row table is not read 20,000 times).
_BOX_TAGS = frozenset(["table", "tbody", "ul", "ol", "dl", "div", "section", "p", "form"])
_MAX_BOX_CHECKS = 100
# Beyond this many elements the extractor is not run either: no article page is that big.
MAX_EXTRACT_ELEMENTS = 30_000
# readability weighs every block against every link inside it: its work grows with the number
# of (link, enclosing block) pairs, a few thousand on real pages, tens of thousands on a page
# nested to make it slow; past this the extractor is not run.
MAX_EXTRACT_LINK_NESTING = 10_000
_NESTING_BLOCKS = frozenset(["div", "p", "td", "pre", "article", "section", "body", "table",
                             "tr", "ul", "li"])  # fmt: skip
# Text longer than this is body text, never a metadata box or a tool link.
_BOX_CHARS = 2_000
_TOOL_CHARS = 40
_TOOL_RE = re.compile(
    r"^(?:[【\[（(]?\s*(?:打印(?:本页|此页|文章|页面)?|关闭(?:本页|窗口|此页|页面)?|返回顶部|返回|"
    r"收藏(?:本页)?|分享(?:到)?|字号|字体|[大中小]|默认|保存(?:本页)?|扫一扫|"
    r"加入收藏|纠错)\s*[】\]）)]?\s*[:：|｜/]?\s*)+$"
)
# class/id names of what sits beside a body: share bars, QR codes, copyright notices
_JUNK_NAME_RE = re.compile(
    r"share|fenxiang|jiathis|qrcode|erweima|(?:^|[-_])ewm(?:$|[-_])|copyright|banquan",
    re.IGNORECASE,
)
_METADATA_FIELDS = frozenset(LABEL_FIELDS.values())


@dataclass
class Found:
    """A body found by this module: the element of the page's tree, the cleaned copy that the
    record is read from, how it was found ("container" or "extractor"), and the metadata boxes
    the container held (elements of the page's tree, left out of the copy)."""

    element: _Element
    cleaned: _Element
    source: str
    boxes: list[_Element]

    @classmethod
    def of(cls, element: _Element, source: str) -> Found:
        drops, boxes = _junk(element)
        return cls(element, _copy_without(element, drops), source, boxes)


def known_container(root: _Element) -> Found | None:
    """The best-ranked known body container that holds text or a link, cleaned."""
    best: tuple[int, int] | None = None
    found: _Element | None = None
    for n, el in enumerate(root.iter()):
        tag = el.tag
        if not isinstance(tag, str):
            continue
        rank = _TAG_RANK.get(tag)
        if rank is None:
            rank = _name_rank(el)
        if rank is None or (best is not None and rank >= best[0]):
            continue
        if not _has_content(el):
            continue
        best, found = (rank, n), el
    if found is None:
        return None
    return Found.of(found, "container")


def _name_rank(el: _Element) -> int | None:
    ranks = [r for t in tokens(el) if (r := _RANK.get(t.lower())) is not None]
    ident = (el.get("id") or "").lower()
    if ident.startswith("vsb_content"):
        ranks.append(_PREFIX_RANK)
    return min(ranks) if ranks else None


def _has_content(el: _Element) -> bool:
    if any(t.strip() for t in el.itertext()):
        return True
    return first(el, ".//a[@href]") is not None


# -- cleaning ----------------------------------------------------------------------------------


def _junk(el: _Element) -> tuple[list[_Element], list[_Element]]:
    """What a body container holds besides the body: page chrome, hidden elements, share bars,
    tool links (打印, 关闭, 字号…) and metadata boxes; and the boxes alone."""
    drops: list[_Element] = []
    boxes: list[_Element] = []
    checked = [0]

    def visit(parent: _Element, check_box: bool) -> None:
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            if is_chrome(child) or is_hidden(child):
                drops.append(child)
                continue
            text = _short_text(child, _BOX_CHARS)
            box = check_box and text is not None and child.tag in _BOX_TAGS
            if box and checked[0] < _MAX_BOX_CHECKS:
                checked[0] += 1
            else:
                box = False
            if box and _is_metadata_box(child):
                drops.append(child)
                boxes.append(child)
                continue
            if any(_JUNK_NAME_RE.search(t) for t in tokens(child)):
                drops.append(child)
                continue
            if text is not None and len(text) <= _TOOL_CHARS and _TOOL_RE.match(squeeze(text)):
                drops.append(child)
                continue
            # a short element without two labels holds no box deeper down either
            visit(child, check_box and not box)

    visit(el, True)
    return drops, boxes


def _copy_without(el: _Element, drops: list[_Element]) -> _Element:
    """A copy of ``el`` less the ``drops`` (the text that follows each is kept)."""
    out = copy.deepcopy(el)
    out.tail = None
    if drops:
        wanted = set(drops)
        positions = [n for n, node in enumerate(el.iter()) if node in wanted]
        nodes = list(out.iter())
        for n in reversed(positions):
            _drop(nodes[n])
    return out


def cleaned(el: _Element) -> _Element:
    """A copy of ``el`` without page chrome, hidden elements, share bars, tool links and
    metadata boxes."""
    return _copy_without(el, _junk(el)[0])


def _short_text(el: _Element, limit: int) -> str | None:
    """The element's text when it has at most ``limit`` characters, else None (read lazily, so
    a big element costs no more than ``limit``)."""
    parts: list[str] = []
    size = 0
    for t in el.itertext():
        size += len(t)
        if size > limit:
            return None
        parts.append(str(t))
    return norm("".join(parts))


def _is_metadata_box(el: _Element) -> bool:
    fields = {LABEL_FIELDS[label] for label, value in pairs_of(units_of(el, None, [200])) if value}
    return len(fields & _METADATA_FIELDS) >= 2


def _drop(el: _Element) -> None:
    """Remove ``el`` but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


# -- main-content extraction ----------------------------------------------------------------------


def extracted(root: _Element, html: str) -> Found | None:
    """The page's main content by readability-lxml, as an element of ``root``'s tree; None when
    the page is too big, says it does not exist, or has no content worth the name."""
    if len(html) > MAX_EXTRACT_CHARS:
        return None
    if sum(1 for _ in root.iter()) > MAX_EXTRACT_ELEMENTS:
        return None
    nesting = 0
    for link in root.iter("a"):
        nesting += sum(1 for a in link.iterancestors() if a.tag in _NESTING_BLOCKS)
        if nesting > MAX_EXTRACT_LINK_NESTING:
            return None
    title = first(root, "//title")
    if title is not None and soft_404_phrase(norm(title.text)):
        return None
    page_body = next(root.iter("body"), root)
    visible = " ".join(units_of(page_body, None, [_NOTICE_UNITS]))
    if len(visible) < _NOTICE_CHARS and soft_404_phrase(visible):
        return None  # a short page, beside its chrome, saying the page does not exist
    element = _readability_element(root)
    if element is None or in_chrome(element):
        return None
    found = Found.of(element, "extractor")
    text = body_text(found.cleaned)
    chars = len(squeeze(text))
    if chars < MIN_BODY_CHARS:
        return None
    if chars < 500 and soft_404_phrase(text):
        return None  # the "page does not exist" notice of a soft 404
    return found


def _readability_element(root: _Element) -> _Element | None:
    from readability import Document as Readability  # the slow path pays for the import

    originals = list(root.iter())
    marked = copy.deepcopy(root)
    for n, el in enumerate(marked.iter()):
        if isinstance(el.tag, str):
            el.set(_MARK, str(n))
    logging.getLogger("readability.readability").setLevel(logging.WARNING)
    try:
        summary = str(Readability(marked).summary(html_partial=True))
        picked = lxml_html.fragment_fromstring(summary)
    except (ParserError, ValueError, TypeError, AssertionError):
        # lxml asserts (rather than raises a parse error) on a summary with no body at all
        return None
    chosen: list[_Element] = []
    for child in [picked, *picked]:
        mark = child.get(_MARK)
        if mark is not None and mark.isdigit() and int(mark) < len(originals):
            chosen.append(originals[int(mark)])
    chosen = [el for el in chosen if el.tag not in ("html", "body")]
    if not chosen:
        return None
    return _common_ancestor(chosen)


def _common_ancestor(elements: list[_Element]) -> _Element:
    """The deepest element holding all of ``elements``."""
    path = [elements[0], *elements[0].iterancestors()]
    for el in elements[1:]:
        holders = {el, *el.iterancestors()}
        while path and path[0] not in holders:
            path.pop(0)
    return path[0] if path else elements[0]
