"""Which CMS family wrote a page: scored from the URL's shape and the page's signatures.

Each family has signs — the shape of its article and list URLs (Kunming ``/c/YYYY-MM-DD/N.shtml``,
TRS ``tYYYYMMDD_N.html``, Hanweb ``art/Y/M/D/art_N_N.html``, VSB ``info/N/N.htm``, gov.cn
``zhengce/content/…``) and strings its templates write (``TRS_Editor``, ``createPageHTML``,
``ContentStart``, ``<datastore>``, ``vsb_content``, ``_sitegray``, ``UCAP-CONTENT``,
``content-table``, ``xxgk_table``, ``policyLibraryOverview``…), each with a weight. The family
with the highest score wins if it reaches ``MIN_SCORE``; a page matching no family well enough
is ``generic`` (read by the generic reader), never a guess. Pure and cheap: substring and
regular-expression searches over the page's text, no tree.

    >>> detect(html, url)
    Detection(family='trs', confidence=1.0, evidence=['url: TRS article …', 'page: …'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

GENERIC = "generic"
# A family needs this much: its URL shape alone, or two of its page signatures.
MIN_SCORE = 3.0
# Scores at which a detection is certain (confidence 1 when no other family scores).
SURE_SCORE = 6.0
# The page is searched in its first and last parts: template markers stand in the head, around
# the body or in the closing scripts, never only in the middle of megabytes of text.
_HEAD_BYTES = 1_500_000
_TAIL_BYTES = 300_000


@dataclass(frozen=True)
class Detection:
    family: str
    confidence: float
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sign:
    """A family's sign: substrings of the page (any of them), or a pattern of the page or of
    the URL (of its host alone with ``host``). Pages are searched as bytes, which is several
    times faster than searching decoded text; a non-ASCII literal is searched in UTF-8 and in
    GB18030."""

    family: str
    weight: float
    what: str
    literal: str | tuple[str, ...] = ()
    pattern: str | None = None
    host: bool = False
    _bytes: tuple[bytes, ...] = field(init=False, repr=False, compare=False)
    _regex: re.Pattern[bytes] | None = field(init=False, repr=False, compare=False)
    _url_regex: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        literals = (self.literal,) if isinstance(self.literal, str) else self.literal
        encoded = {lit.encode(enc) for lit in literals for enc in ("utf-8", "gb18030")}
        object.__setattr__(self, "_bytes", tuple(encoded))
        regex = re.compile(self.pattern.encode("utf-8")) if self.pattern else None
        object.__setattr__(self, "_regex", regex)
        object.__setattr__(self, "_url_regex", re.compile(self.pattern) if self.pattern else None)

    def on_page(self, data: bytes) -> bool:
        if any(lit in data for lit in self._bytes):
            return True
        return self._regex is not None and self._regex.search(data) is not None

    def on_url(self, url: str) -> bool:
        return self._url_regex is not None and self._url_regex.search(url) is not None


URL_SIGNS: tuple[Sign, ...] = (
    Sign("km", 3, "Kunming CMS article URL /c/YYYY-MM-DD/N.shtml",
         pattern=r"/c/\d{4}-\d{2}-\d{2}/\d+\.shtml$"),
    Sign("km", 1, "a *.km.gov.cn host", pattern=r"\.km\.gov\.cn$", host=True),
    Sign("trs", 3, "TRS article URL …/YYYYMM/tYYYYMMDD_N.html",
         pattern=r"/t\d{8}_\d+\.s?html?$"),
    Sign("hanweb", 3, "Hanweb article URL art/Y/M/D/art_N_N.html",
         pattern=r"/art/\d{4}/\d{1,2}/\d{1,2}/art_\d+_\d+\.s?html?$"),
    Sign("hanweb", 3, "Hanweb column URL col/colN/", pattern=r"/col/col\d+/"),
    Sign("hanweb", 3, "Hanweb list proxy dataproxy.jsp",
         pattern=r"/module/web/jpage/dataproxy\.jsp"),
    Sign("vsb", 3, "VSB article URL info/N/N.htm", pattern=r"/info/\d+/\d+\.html?$"),
    Sign("vsb", 3, "VSB dynamic article URL content.jsp?…wbnewsid=",
         pattern=r"content\.jsp\?.*\bwbnewsid="),
    Sign("gov_cn", 4, "www.gov.cn policy library URL zhengce/content/… or gongbao/content/…",
         pattern=r"^https?://www\.gov\.cn/(?:zhengce|gongbao)/"),
    Sign("gov_cn", 2, "www.gov.cn content_N.htm URL",
         pattern=r"^https?://www\.gov\.cn/.*content_\d+\.htm$"),
)  # fmt: skip

PAGE_SIGNS: tuple[Sign, ...] = (
    # Kunming municipal CMS
    Sign("km", 2, "div.content-table metadata table", pattern=r"class=[\"']?content-table\b"),
    Sign("km", 1, "div.activity body", pattern=r"class=[\"']?activity[\"'\s>]"),
    Sign("km", 2, "div.data-table-item list rows", literal="data-table-item"),
    Sign("km", 2, "PageIndex>N?N:PageIndex page count script",
         pattern=r"PageIndex\s*=\s*PageIndex\s*>"),
    Sign("km", 1, "div.title-box heading", pattern=r"class=[\"']?title-box\b"),
    # www.gov.cn
    Sign("gov_cn", 2, "#UCAP-CONTENT body", literal="UCAP-CONTENT"),
    Sign("gov_cn", 3, "policyLibraryOverview metadata", literal="policyLibraryOverview"),
    Sign("gov_cn", 2, "table.bd1 metadata", pattern=r"<(?:table|TABLE)[^>]*class=[\"']?bd1\b"),
    Sign("gov_cn", 2, "firstpublishedtime meta", literal="firstpublishedtime"),
    Sign("gov_cn", 1, "div.pages_content body", literal="pages_content"),
    Sign("gov_cn", 1, "2009 news template line 中央政府门户网站", literal="中央政府门户网站"),
    # TRS WCM
    Sign("trs", 2, "div.TRS_Editor body", literal="TRS_Editor"),
    Sign("trs", 2, "div.trs_editor_view body", literal="trs_editor_view"),
    Sign("trs", 2, "div.TRS_UEDITOR body", literal="TRS_UEDITOR"),
    Sign("trs", 2, "div.Custom_UnionStyle body", literal="Custom_UnionStyle"),
    Sign("trs", 2, "createPageHTML(…) pager", literal="createPage"),
    Sign("trs", 1, "countPage or Pager({size…}) pager",
         literal=("countPage", "Pager({", "Pager( {")),
    Sign("trs", 2, "appendix=\"true\" / OLDSRC attachment links",
         literal=('appendix="true"', "appendix='true'", "appendix=true", "OLDSRC=", "oldsrc=")),
    Sign("trs", 1, "./P0….pdf-style attachment names", pattern=r"\./[PW]0\d{12,}\."),
    Sign("trs", 1, "CurrChnlCls breadcrumb", literal="CurrChnlCls"),
    Sign("trs", 1, "TRS ChnlId/DocId/SiteId metas",
         pattern=r"name=[\"']?(?:ChnlId|DocId|SiteId)\b"),
    Sign("trs", 2, "links to TRS articles ./YYYYMM/tYYYYMMDD_N.html",
         pattern=r"href=[\"']?(?:\./|(?:\.\./)+)(?:[\w-]+/)*\d{6}/t\d{8}_\d+\.s?html?"),
    Sign("trs", 1, "trsapi scripts", literal="trsapi"),
    Sign("trs", 2, "a TRS generator meta",
         pattern=r"<(?:meta|META)[^>]+(?:[Gg]enerator|GENERATOR)[^>]+TRS\b"),
    # Hanweb JCMS
    Sign("hanweb", 3, "<meta name=\"ContentStart\"> body markers", literal="ContentStart"),
    Sign("hanweb", 3, "<datastore> list records", literal=("<datastore>", "<DATASTORE>")),
    Sign("hanweb", 2, "jpage list script", literal="jpage"),
    Sign("hanweb", 2, "table.xxgk_table metadata", literal="xxgk_table"),
    Sign("hanweb", 2, "Hanweb name or generator",
         literal=("hanweb", "Hanweb", "HANWEB", "大汉版通")),
    Sign("hanweb", 1, "downfile.jsp attachment links", literal="downfile.jsp"),
    # VSB (博达)
    Sign("vsb", 3, "#vsb_content body", literal="vsb_content"),
    Sign("vsb", 2, "_sitegray stylesheet", literal="_sitegray"),
    Sign("vsb", 2, "div.v_news_content body", literal="v_news_content"),
    Sign("vsb", 3, "_newscontent_fromname form", literal="_newscontent_fromname"),
    Sign("vsb", 3, "Visual SiteBuilder mark", literal=("Visual SiteBuilder", "VisualSiteBuilder")),
    Sign("vsb", 1, "/system/resource/ scripts", literal="/system/resource/"),
)  # fmt: skip

FAMILIES = tuple(dict.fromkeys(s.family for s in (*URL_SIGNS, *PAGE_SIGNS)))


def detect(html: str | bytes, url: str) -> Detection:
    """The family of the page at canonical ``url``, how sure (0–1) and why."""
    data = html if isinstance(html, bytes) else html.encode("utf-8", "replace")
    if len(data) > _HEAD_BYTES + _TAIL_BYTES:
        data = data[:_HEAD_BYTES] + b"\n" + data[-_TAIL_BYTES:]
    scores = dict.fromkeys(FAMILIES, 0.0)
    evidence: dict[str, list[str]] = {f: [] for f in FAMILIES}
    parts = urlsplit(url)
    target = f"{parts.scheme}://{parts.netloc}{parts.path}" + (
        f"?{parts.query}" if parts.query else ""
    )
    for sign in URL_SIGNS:
        if sign.on_url((parts.hostname or "") if sign.host else target):
            scores[sign.family] += sign.weight
            evidence[sign.family].append(f"url: {sign.what}")
    for sign in PAGE_SIGNS:
        if sign.on_page(data):
            scores[sign.family] += sign.weight
            evidence[sign.family].append(f"page: {sign.what}")
    ranked = sorted(FAMILIES, key=lambda f: scores[f], reverse=True)
    best, second = ranked[0], ranked[1]
    top, runner = scores[best], scores[second]
    if top < MIN_SCORE or top == runner:
        signs = [e for f in ranked if scores[f] for e in evidence[f]]
        why = [f"no family reaches {MIN_SCORE:g} points" if top < MIN_SCORE else "a tie"]
        confidence = 1.0 - min(top, MIN_SCORE) / (MIN_SCORE * 2)
        return Detection(GENERIC, round(confidence, 2), why + [f"{e} (weak)" for e in signs])
    confidence = min(1.0, top / SURE_SCORE) * (top - runner) / top
    others = [f"{f}: {scores[f]:g}" for f in ranked[1:] if scores[f]]
    return Detection(
        best,
        round(confidence, 2),
        [*evidence[best], *([f"also scored: {', '.join(others)}"] if others else [])],
    )
