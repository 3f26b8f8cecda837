"""What every CMS family shares once it has found its parts of the page.

A family module locates the metadata box (label/value pairs), the heading, the body container
and any date hints on its pages; ``build_document`` turns them into a ``Document`` with the
same rules for every family:

- title: the metadata's 名称/标题, else the page heading, else ``<meta name="ArticleTitle">``,
  else ``<title>`` less the site's name;
- publisher: 发布机构, else 发文机关, else 来源, else ``<meta name="ContentSource">``;
- issuer: 发文机关, when the page names one;
- publish_date: the metadata's date (发布日期/公开日期/发布时间), completed with the time of a
  date hint on the same day; written_date: 成文日期/成文时间/发文日期;
- keywords (关键字/关键词) and subject_words (主题词) as lists;
- body text, tables, figures and attachments from the body container;
- site_code, site_name, column_name: the national meta tags SiteIDCode, SiteName, ColumnName
  (``parsers.metas``), on every family's documents; without a ColumnName meta, the column is
  the last place of the breadcrumb (``当前位置：首页 > … > 通知公告``).

``unlabeled_pairs`` serves profiles whose site shows metadata values without labels: the
profile names an XPath and the fields its matches hold, in order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from lxml.etree import _Element

from parsers.dates import PageDate, parse_date, with_time_from
from parsers.errors import PageError, snippet, soft_404_phrase
from parsers.fields import fields_from_pairs, km_index_parts, split_keywords
from parsers.html import attachments, elements, first
from parsers.metas import NationalMeta, national_meta, title_tag
from parsers.records import Document, Figure, ListItem, Table
from parsers.tables import read_body
from parsers.text import body_text, heading_line, inline_text, norm
from parsers.urls import resolve


def build_document(
    url: str,
    root: _Element,
    pairs: dict[str, str],
    body_el: _Element | None,
    heading: str = "",
    date_hints: Sequence[str | None] = (),
    figures: bool = True,
    extra_fields: Mapping[str, str] | None = None,
    body_source: str | None = None,
) -> Document:
    """A Document from a page's parts; ``extra_fields`` (field -> value) come from a profile's
    rule for unlabeled metadata and fill what the labels did not; ``body_source`` says how the
    body was found ("container" or "extractor")."""
    fields = fields_from_pairs(pairs)
    for name, value in (extra_fields or {}).items():
        if value and not fields.get(name):
            fields[name] = value
    meta = national_meta(root)
    hints: list[PageDate | None] = [parse_date(h) for h in date_hints]
    hints.append(parse_date(meta.pub_date))
    labelled = parse_date(fields.get("publish_date"))
    published = with_time_from(labelled or next((h for h in hints if h), None), *hints)
    written = parse_date(fields.get("written_date"))

    text = ""
    tables: list[Table] = []
    found: list[Figure] = []
    if body_el is not None:
        text, tables, found = read_body(body_el) if figures else (body_text(body_el), [], [])
    index_no = fields.get("index_no")
    return Document(
        url=url,
        title=fields.get("title")
        or one_line(heading, root, meta)
        or meta.article_title
        or title_tag(root, meta)
        or None,
        index_no=index_no,
        index_no_parts=km_index_parts(index_no),
        topic=fields.get("topic"),
        publisher=fields.get("publisher")
        or fields.get("issuer")
        or fields.get("source")
        or meta.content_source
        or None,
        publish_date=published.iso() if published else None,
        doc_no=fields.get("doc_no"),
        keywords=split_keywords(fields.get("keywords")),
        body_text=text,
        attachments=attachments(body_el, url) if body_el is not None else [],
        figures=found,
        tables=tables,
        metadata=pairs,
        written_date=written.iso() if written else None,
        validity=fields.get("validity"),
        issuer=fields.get("issuer"),
        doc_type=fields.get("doc_type"),
        subject_words=split_keywords(fields.get("subject_words")),
        site_code=meta.site_code,
        site_name=meta.site_name,
        column_name=meta.column_name or breadcrumb_column(root),
        body_source=body_source if body_el is not None else None,
    )


_SPACES_RE = re.compile(r"\s+")


def one_line(heading: str, root: _Element, meta: NationalMeta) -> str:
    """The heading, or the ``<title>``'s form of it when the ``<title>`` begins with the same
    words: a heading broken over lines (a hidden share title, ``…令（第20号）<br>　电子…办法``)
    is joined by guesswork, the ``<title>`` is the page's own one-line form of it."""
    if not heading:
        return heading
    tag = title_tag(root, meta)
    words = _SPACES_RE.sub("", heading)
    if not tag or tag == heading or not _SPACES_RE.sub("", tag).startswith(words):
        return heading
    # the <title>'s text up to where it has said the heading's words
    seen = 0
    for end, ch in enumerate(tag, start=1):
        if not ch.isspace():
            seen += 1
            if seen == len(words):
                return tag[:end]
    return heading


_BREADCRUMB_XPATH = "//text()[contains(., '位置')]"
_BREADCRUMB_RE = re.compile(r"(?:当前|所在|您的)[^：:]{0,4}位置\s*[：:]\s*(?P<trail>.*)$")
_TRAIL_SPLIT_RE = re.compile(r"\s*(?:>>|>|»|›|＞|→|/|\\)\s*")
_NAMED_BREADCRUMB_XPATH = (
    "//*[contains(translate(@class, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')"
    " or contains(translate(@id, 'BREADCRUMB', 'breadcrumb'), 'breadcrumb')]"
)
_NOT_A_COLUMN = frozenset(["正文", "详情", "内容", "正文内容", "详细信息", "浏览正文", "文章"])


_NOT_CRUMBS = frozenset(["div", "ul", "ol", "table", "p", "form", "script", "style", "dl"])


def _crumbs_text(holder: _Element) -> str:
    """A breadcrumb element's trail: its text up to the first block inside it (a print or
    font-size bar often shares the element)."""
    parts = [holder.text or ""]
    for child in holder:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag in _NOT_CRUMBS:
            break
        parts += [inline_text(child), child.tail or ""]
    return norm(" ".join(parts))


def breadcrumb_column(root: _Element) -> str | None:
    """The last place of the page's breadcrumb (``您当前位置：首页 > 采购公告 > 中标公告`` ->
    ``中标公告``), or None."""
    found = root.xpath(_BREADCRUMB_XPATH)
    for node in found[:5] if isinstance(found, list) else []:
        holder = getattr(node, "getparent", lambda: None)()
        for _ in range(3):
            if not isinstance(holder, _Element) or holder.tag in ("script", "style", "title"):
                break
            text = inline_text(holder)
            if len(text) > 400:
                break
            m = _BREADCRUMB_RE.search(text)
            if m is not None and (place := _last_place(m["trail"])) is not None:
                return place
            holder = holder.getparent()
    # a breadcrumb without 位置 but named one: <div class="BreadcrumbNav">首页 > … > 国务院文件
    named = root.xpath(_NAMED_BREADCRUMB_XPATH)
    for holder in named[:3] if isinstance(named, list) else []:
        if not isinstance(holder, _Element):
            continue
        text = _crumbs_text(holder)
        if len(text) > 400 or not _TRAIL_SPLIT_RE.search(text):
            continue
        if (place := _last_place(text)) is not None:
            return place
    return None


def _last_place(trail: str) -> str | None:
    """The last place of a breadcrumb's trail (``首页 > 采购公告 > 中标公告`` -> ``中标公告``),
    when it names at least two."""
    places = [p for p in _TRAIL_SPLIT_RE.split(trail) if p]
    places = [p for p in places if p not in _NOT_A_COLUMN and len(p) <= 30]
    return places[-1] if len(places) >= 2 else None


def first_of(root: _Element, xpaths: Sequence[str]) -> _Element | None:
    return next((el for xp in xpaths if (el := first(root, xp)) is not None), None)


def heading_text(root: _Element, xpaths: Sequence[str]) -> str:
    el = first_of(root, xpaths)
    return heading_line(el) if el is not None else ""


def not_a_document(root: _Element) -> PageError:
    """The error for a page with none of the family's parts: a soft 404 if it says so."""
    body = first(root, "//body")
    text = inline_text(body) if body is not None else ""
    phrase = soft_404_phrase(text)
    if phrase is not None:
        return PageError("soft_404", f"page says {phrase!r}: {snippet(text)}")
    return PageError("parse_error", f"no metadata and no body container: {snippet(text)}")


def unlabeled_pairs(root: _Element, rules: Mapping[str, Any] | None) -> dict[str, str]:
    """Field values from a profile rule ``{"xpath": "...", "fields": ["index_no", …]}``: the
    n-th element the XPath matches holds the n-th field ("" skips a position)."""
    if not rules or "xpath" not in rules:
        return {}
    values = [norm(inline_text(el)) for el in elements(root, str(rules["xpath"]))]
    return {
        name: value
        for name, value in zip(rules.get("fields", []), values, strict=False)
        if name and value
    }


def list_item(page_url: str, link: _Element, date_text: str) -> ListItem | None:
    """A list entry from its link (the ``title`` attribute holds the full title where link
    text is cut short) and the text holding its date; None for a link that leads nowhere
    fetchable (see ``parsers.urls.resolve``)."""
    url = resolve(page_url, link.get("href"))
    if url is None:
        return None
    date = parse_date(date_text)
    return ListItem(
        url=url,
        title=norm(link.get("title")) or inline_text(link),
        date=date.iso() if date else None,
    )
