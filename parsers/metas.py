"""The national meta tags of government websites, and the page title they help clean.

《政府网站发展指引》(国办发〔2017〕47号) asks every government site for ``<meta>`` tags naming the
site (SiteName, SiteDomain, SiteIDCode — the 政府网站标识码), the column (ColumnName,
ColumnType…) and, on article pages, the article (ArticleTitle, PubDate, ContentSource,
Keywords, Author, Description). Whatever the CMS, they identify the site and column and fill
gaps the page's labels leave. Values may be empty, stale or template placeholders
(``${SiteName}``, ``<%=…%>``, ``null``): those count as absent. Names are matched without
regard to case (``KeyWords``, ``keywords``); the first non-empty value wins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.etree import _Element

from parsers.html import first
from parsers.text import norm

_TAG_RE = re.compile(r"<[^>]*>")
_PLACEHOLDER_RE = re.compile(
    r"\$\{|\$!|#\{|\{\{|<%|%>|\[\[|^@\w+@?$|^\{[^{}]*\}$|^\$\w+\$?$|"
    r"^(?:null|none|undefined|nil|n/?a|无|暂无|-+|请输入.*|请填写.*)$",
    re.IGNORECASE,
)
# a code as the page declares it: 5301000059, bm06000004; also what some sites put there instead
# (www.ccdi.gov.cn: a certificate number, CA330000000604648580001) — kept as declared, while a
# template placeholder (${SiteIDCode}) is not a code
_SITE_CODE_RE = re.compile(r"^[A-Za-z]{0,4}\d{6,24}$")
_MIDNIGHT_RE = re.compile(r"[\sT]+0{1,2}:00(?::00(?:\.0+)?)?$")
NAMES = (
    "SiteName", "SiteDomain", "SiteIDCode", "ColumnName", "ColumnDescription", "ColumnKeywords",
    "ColumnType", "ArticleTitle", "PubDate", "ContentSource", "Keywords", "Author",
    "Description", "Image", "Url",
)  # fmt: skip
_WANTED = {name.lower(): name for name in NAMES}


@dataclass(frozen=True)
class NationalMeta:
    site_name: str | None = None
    site_domain: str | None = None
    site_code: str | None = None
    column_name: str | None = None
    column_type: str | None = None
    article_title: str | None = None
    # PubDate as written, less a midnight time (``2022-01-28 00:00:00``: CMSs that store only
    # the day write that; it is no time of publication)
    pub_date: str | None = None
    content_source: str | None = None
    keywords: str | None = None
    author: str | None = None
    description: str | None = None


def meta_value(value: str | None, name: str = "") -> str | None:
    """A meta tag's content, or None when it is empty or a template placeholder."""
    text = norm(_TAG_RE.sub("", value or ""))
    if not text or text.lower() == name.lower() or _PLACEHOLDER_RE.search(text):
        return None
    return text


def national_meta(root: _Element) -> NationalMeta:
    """The national meta tags of a page (see the module's docstring)."""
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = _WANTED.get((meta.get("name") or "").strip().lower())
        if name is None or name in found:
            continue
        value = meta_value(meta.get("content"), name)
        if value is not None:
            found[name] = value
    code = found.get("SiteIDCode")
    pub_date = found.get("PubDate")
    return NationalMeta(
        site_name=found.get("SiteName"),
        site_domain=found.get("SiteDomain"),
        site_code=code if code and _SITE_CODE_RE.match(code) else None,
        column_name=found.get("ColumnName"),
        column_type=found.get("ColumnType"),
        article_title=found.get("ArticleTitle"),
        pub_date=_MIDNIGHT_RE.sub("", pub_date) if pub_date else None,
        content_source=found.get("ContentSource"),
        keywords=found.get("Keywords"),
        author=found.get("Author"),
        description=found.get("Description"),
    )


# The last part of a <title>, after ``_``, ``|``, `` - `` or a dash: where the site's name stands
_LAST_PART_RE = re.compile(r"(?:\s*[_|｜]\s*|\s+[-–—]+\s+|\s*[–—]+\s*|-)(?P<last>[^_|｜\-–—]*)$")
_SITE_WORD_RE = re.compile(
    r"(?:人民政府|政府网|门户网站?|网站|政府|办公厅|政务网|政务服务网|信息公开|\.gov\.cn|官网)$"
)


# The first part of a <title>, before ``_``, ``|``, `` - `` or a dash
_FIRST_PART_RE = re.compile(r"^(?P<first>[^_|｜\-–—]*)(?:\s*[_|｜]\s*|\s+[-–—]+\s+|\s*[–—]+\s*|-)")
# a short name ending in 网 (中国科普网, 人民网): a site's name, not part of a document's title
_SHORT_SITE_RE = re.compile(r"^\S{2,10}网$")


def title_tag(root: _Element, meta: NationalMeta) -> str:
    """The page's ``<title>`` less the site's name after it (and the column's before that):
    ``关于…的通知_昆明市人民政府`` -> ``关于…的通知``, ``… - 中国政府网`` -> ``…``."""
    el = first(root, "//title")
    text = norm(el.text) if el is not None else ""  # inline_text skips <title>
    names = {n for n in (meta.site_name, meta.column_name) if n}
    while (m := _LAST_PART_RE.search(text)) is not None:
        last, rest = m["last"].strip(), text[: m.start()].strip()
        site = last in names or _SITE_WORD_RE.search(last) or _SHORT_SITE_RE.match(last)
        if not rest or not (site or not last):
            break
        text = rest
    # and the site's name before it: ``凯里市人民政府- 凯里市教育系统…方案``
    while (m := _FIRST_PART_RE.search(text)) is not None:
        lead, rest = m["first"].strip(), text[m.end() :].strip()
        if not rest or not lead or not (lead in names or _SITE_WORD_RE.search(lead)):
            break
        text = rest
    return text
