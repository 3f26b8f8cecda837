"""Generic list discovery: the detail links and the further pages of a column page of any CMS.

The five known families read their list pages by their own templates; a site on another CMS
(Ucap, Epoint, a provincial 集约化 platform, a home-grown system) is read here, by what every
government column page has in common:

- **items** are links that look like articles — by URL shape (the families' article paths
  ``/c/2022-07-08/N.shtml``, ``content_N.htm``, ``tYYYYMMDD_N.html``, ``art_COL_DOC.html``,
  ``/info/N/N.htm``, and generic ones: a path holding a date or a long numeric or hex id) or by
  a date written beside the link in the same row (``li``, ``tr``, ``dd`` or a small ``div``) —
  outside page chrome (header, footer, navigation, breadcrumb, pager) and not 上一页/下一页/更多
  links; Hanweb's ``<datastore>`` records are read as rows too;
- **pages** come from whatever the page states: ``createPageHTML(…)`` and its variants
  (``createPage``, ``countPage``, ``Pager({size})``, ``PageIndex>N?N``), ``index_N`` links,
  ``?page=N`` / ``pageNum=N`` / ``pageIndex=N`` links, 下一页/尾页 links, ``共N页``, ``共N条``
  (with the page size from the items found), Hanweb's dataproxy (``totalRecord``, ``perPage``)
  and VSB's downward numbering (``list.htm``, then ``list/N-1.htm`` … ``list/1.htm``);
- **the declared total**, ``共N条`` / ``totalRecord`` / ``recordCount``, where the page states it.

Work is linear in the page: every link is looked at once, with at most a few ancestors and a
bounded row around it, and no page builds more than ``MAX_PAGES`` page URLs, nor more than the
page's own stated total implies, so ``createPage(PageIndex, 100000000, …)`` queues no million
requests.
"""

from __future__ import annotations

import html as html_lib
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers.dates import parse_date
from parsers.html import ATTACHMENT_EXTS
from parsers.records import ListItem
from parsers.text import HAN_RE, inline_text, norm
from parsers.urls import resolve

# At most this many list pages from one column page, whatever the page claims.
MAX_PAGES = 2000
# Numbers are read from at most 9 digits: a page count of 10^9 is a lie anyway, and a longer
# run of digits is no count at all.
_NUM = r"(?<!\d)(\d{1,9})(?!\d)"

# -- items -------------------------------------------------------------------------------------

# The article URLs of the known families and of common CMSs: strong enough alone.
_ARTICLE_RES = (
    re.compile(r"/c/\d{4}-\d{1,2}-\d{1,2}/\d+\.s?html?$", re.I),  # km
    re.compile(r"(?:^|/)content_\d+\.s?html?$", re.I),  # gov.cn
    re.compile(r"/t\d{8}_\d+\.\w+$", re.I),  # TRS
    re.compile(r"/art_\d+_\d+\.\w+$", re.I),  # Hanweb
    re.compile(r"/info/\d+/\d+\.\w+$", re.I),  # VSB
    re.compile(r"/(?:art|article|content|detail|news|info|doc)[_-]?\d{3,}\.\w+$", re.I),
    re.compile(r"/[0-9a-f]{16,}(?:\.\w+)?$", re.I),  # Ucap and others: a hex id
    re.compile(r"/\d{5,}(?:\.\w+)?/?$"),  # a long numeric id
    # a date in the path (2022-07-08, 2022/07/08, 202207, 20220708) and an id after it
    re.compile(r"/(?:19|20)\d{2}(?:[-/]?\d{1,2}){1,2}/[^/]+$"),
)
_ARTICLE_QUERY_RE = re.compile(
    r"(?:^|&)(?:wbnewsid|articleid|article_id|docid|doc_id|newsid|news_id|contentid|infoid|"
    r"artid|itemid|manuscriptid|id)=[\w-]{2,}",
    re.I,
)
_PAGE_EXTS = frozenset(
    ["htm", "html", "shtml", "jhtml", "xhtml", "jsp", "do", "aspx", "asp", "php", "action", ""]
)
_NOT_PAGE_EXTS = frozenset(
    [*ATTACHMENT_EXTS, "jpg", "jpeg", "png", "gif", "bmp", "svg", "webp", "mp3", "mp4", "js",
     "css", "xml", "json", "swf", "flv", "avi", "wmv", "7z", "gz", "tar", "apk", "exe"]
)  # fmt: skip
# the last path segment of a column or list page, never an item
_LISTY_RE = re.compile(
    r"^(?:index|list|default|more|main|home|column|channel|col)(?:[_-]\d+)?(?:\.\w+)?$|^\d{1,4}\.html?$",
    re.I,
)
# 上一页, 下一页, 尾页, 更多… (compared with spaces and arrows removed)
_NAV_TEXTS = frozenset(
    ["上一页", "下一页", "上页", "下页", "首页", "尾页", "末页", "最后一页", "第一页", "前一页",
     "后一页", "上一篇", "下一篇", "返回", "返回顶部", "打印", "关闭", "更多", "查看更多", "more",
     "next", "prev", "previous", "last", "first", "back", "top", "跳转", "go", "确定"]
)  # fmt: skip
_NAV_STRIP_RE = re.compile(r"[\s<>«»‹›\[\]【】()（）+＋»→←.…·|｜/\\]+")
_CHROME_TAGS = frozenset(["header", "footer", "nav", "aside"])
_CHROME_ROLES = frozenset(["banner", "navigation", "contentinfo"])
# class/id tokens of page chrome: ``header``, ``gy-footer``, ``BreadcrumbNav``, ``dqwz``
# (当前位置), the pager (``page``, ``pagebar``, ``fanye44977``), with a short site prefix and a
# suffix such as ``box`` or ``wrap``; not ``article-header``, ``list-box`` or ``list_page`` (the
# wrapper of a list's page, www.scio.gov.cn).
_CHROME_NAME_RE = re.compile(
    r"^(?!list[-_])(?:[a-z0-9]{1,4}[-_])?"
    r"(?:header|topbar|top|footer|foot|bottom|nav|navbar|navigation|menu|mainmenu|sidebar"
    r"|breadcrumbs?|breadcrumbnav|crumbs?|bread|position|location|dqwz|weizhi|curpos"
    r"|page|pages|pager|pagination|pagebar|pagenav|paging|fanye|fenye|page_?div)"
    r"(?:[-_]?(?:box|wrap|wrapper|bar|con|container|inner|main|nav|menu|\d+))?$",
    re.I,
)
_ROW_TAGS = frozenset(["li", "tr", "dd", "dt"])
_ROW_STOP_TAGS = frozenset(["ul", "ol", "table", "tbody", "dl", "body", "html", "form"])
_ROW_LEVELS = 4  # how far up a link's row is looked for
_ROW_TEXTS = 40  # text pieces of a row looked at for a date
_DATE_TEXT = 40  # a date is written in a short text, not inside a sentence
_MIN_TITLE = 4  # characters of a title for a date-only match


def list_items(root: _Element, html: str, url: str) -> list[ListItem]:
    """The detail links of a column page of any CMS, in page order, each once.

    ``root`` is the parsed page, ``html`` its text (for Hanweb's ``<datastore>`` records, which
    the DOM holds only as script text) and ``url`` its canonical URL."""
    here = _defragged(url)
    items: list[ListItem] = []
    seen: set[str] = set()
    for fragment in datastore_records(html):
        row = _fragment(fragment)
        if row is None:
            continue
        for a in row.iter("a"):
            item = _candidate(a, row, url, here, in_list=True)
            if item is not None and item.url not in seen:
                seen.add(item.url)
                items.append(item)
                break  # one record, one item
    for item in script_list_items(html, url):
        if item.url not in seen:
            seen.add(item.url)
            items.append(item)
    chrome: dict[_Element, bool] = {}
    anchors = list(root.iter("a"))
    links_under = _links_under(anchors)
    for a in anchors:
        if _in_chrome(a, chrome):
            continue
        item = _candidate(a, _row(a, links_under), url, here, in_list=False)
        if item is not None and item.url not in seen:
            seen.add(item.url)
            items.append(item)
    return items


# Lists a page's script holds as JSON and renders itself (Jiangxi's provincial platform:
# ``var listData = { articleList: [{"title": …, "pubDate": …, "urls": "{\"pc\": …}"}, …] }``).
_SCRIPT_LIST_RE = re.compile(r"\b(?:articleList|infoList|newsList|docList|dataList)\s*[:=]\s*\[")
_SCRIPT_LISTS = 5  # lists read from one page
_SCRIPT_LIST_CHARS = 5_000_000  # a page's text searched for them
_URL_KEYS = ("url", "urls", "link", "href", "linkUrl", "pcUrl", "docUrl")
_DATE_KEYS = ("pubDate", "releaseTime", "publishTime", "publishDate", "pubdate", "date")
_TAG_RE = re.compile(r"<[^<>]{0,200}>")


def script_list_items(html: str, url: str) -> list[ListItem]:
    """Items of JSON lists in a page's scripts: objects with a title and a link (``url``, or
    ``urls`` holding ``{"pc": …}`` as a JSON string), dated by ``pubDate`` or the like."""
    items: list[ListItem] = []
    decoder = json.JSONDecoder()
    text = html[:_SCRIPT_LIST_CHARS]
    for n, m in enumerate(_SCRIPT_LIST_RE.finditer(text)):
        if n >= _SCRIPT_LISTS:
            break
        try:
            found, _ = decoder.raw_decode(text, m.end() - 1)
        except ValueError:
            continue
        for record in found if isinstance(found, list) else []:
            item = _record_item(record, url)
            if item is not None:
                items.append(item)
    return items


def _record_item(record: object, page_url: str) -> ListItem | None:
    if not isinstance(record, dict):
        return None
    title = norm(_TAG_RE.sub("", str(record.get("title") or "")))
    link = next((record[k] for k in _URL_KEYS if isinstance(record.get(k), str) and record[k]),
                None)  # fmt: skip
    if not title or link is None:
        return None
    if link.lstrip().startswith("{"):
        try:
            urls = json.loads(link)
        except ValueError:
            return None
        link = urls.get("pc") if isinstance(urls, dict) else None
        if not isinstance(link, str):
            return None
    target = resolve(page_url, link)
    if target is None or urlsplit(target).hostname != urlsplit(page_url).hostname:
        return None
    raw_date = next((str(record[k]) for k in _DATE_KEYS if record.get(k)), "")
    found = parse_date(raw_date[:_DATE_TEXT]) if raw_date else None
    return ListItem(url=target, title=title, date=found.day_iso if found else None)


def _candidate(
    a: _Element, row: _Element, page_url: str, here: str, in_list: bool
) -> ListItem | None:
    target = resolve(page_url, a.get("href"))
    if target is None:
        return None
    scheme, host = urlsplit(page_url).scheme, urlsplit(page_url).hostname
    parts = urlsplit(target)
    if parts.hostname != host:
        return None
    if parts.scheme != scheme:
        # the same host under the other scheme (old entries say http://): one document
        parts = parts._replace(scheme=scheme)
    target = urlunsplit(parts._replace(fragment=""))
    if target == here:
        return None
    shape = _shape(parts)
    if shape == 0:
        return None
    title = norm(a.get("title")) or _link_text(a)
    if _is_nav(title) or _is_nav(inline_text(a)):
        return None
    date = _row_date(row, a)
    if shape == 1 and not (date and (in_list or len(title) >= _MIN_TITLE)):
        return None
    return ListItem(url=target, title=title, date=date)


def _shape(parts: object) -> int:
    """2: an article URL; 1: a page URL that may be an article; 0: never an item."""
    path: str = getattr(parts, "path", "")
    query: str = getattr(parts, "query", "")
    last = path.rsplit("/", 1)[-1]
    ext = last.rsplit(".", 1)[1].lower() if "." in last else ""
    if ext in _NOT_PAGE_EXTS or ext not in _PAGE_EXTS:
        return 0
    if query and _ARTICLE_QUERY_RE.search(query):
        return 2
    if not last or _LISTY_RE.match(last):
        return 0 if not query else 1
    if any(p.search(path) for p in _ARTICLE_RES):
        return 2
    return 1


def _defragged(url: str) -> str:
    return url.split("#", 1)[0]


def _is_nav(text: str) -> bool:
    bare = _NAV_STRIP_RE.sub("", text).lower()
    return not bare or bare in _NAV_TEXTS or bare.startswith("更多") or bare.isdigit()


def _tokens(el: _Element) -> list[str]:
    return [*(el.get("class") or "").split(), *(el.get("id") or "").split()]


def _is_chrome(el: _Element) -> bool:
    if el.tag in _CHROME_TAGS or (el.get("role") or "") in _CHROME_ROLES:
        return True
    return any(_CHROME_NAME_RE.match(t) for t in _tokens(el))


def _in_chrome(a: _Element, cache: dict[_Element, bool]) -> bool:
    """Whether ``a`` stands in page chrome; ancestors' answers are kept, so a page costs one
    look at each element."""
    path: list[_Element] = []
    found = False
    for el in a.iterancestors():
        known = cache.get(el)
        if known is not None:
            found = known
            break
        path.append(el)
    for el in reversed(path):
        found = found or _is_chrome(el)
        cache[el] = found
    return found


def _links_under(anchors: list[_Element]) -> dict[_Element, int]:
    """How many links each of the few nearest ancestors of every link holds."""
    counts: dict[_Element, int] = {}
    for a in anchors:
        if not a.get("href"):
            continue
        for level, el in enumerate(a.iterancestors()):
            if level > _ROW_LEVELS:
                break
            counts[el] = counts.get(el, 0) + 1
    return counts


def _row(a: _Element, links_under: dict[_Element, int]) -> _Element:
    """The row a link stands in: the nearest ``li``/``tr``/``dd``/``dt`` a few levels up, else
    the largest of its nearest ancestors that holds no other link (a ``div`` of one item)."""
    row = a.getparent()
    best = row if row is not None else a
    for level, el in enumerate(a.iterancestors()):
        if level >= _ROW_LEVELS or el.tag in _ROW_STOP_TAGS:
            break
        if el.tag in _ROW_TAGS:
            return el
        if links_under.get(el, 0) > 1:
            break
        best = el
    return best


def _texts(el: _Element, skip: _Element | None) -> Iterator[str]:
    """The text pieces under ``el`` in order, leaving out ``skip``'s subtree, scripts and
    styles; at most ``_ROW_TEXTS`` elements are visited."""
    visited = 0
    stack: list[tuple[_Element, bool]] = [(el, False)]
    while stack:
        node, tail_only = stack.pop()
        if not tail_only:
            visited += 1
            if visited > _ROW_TEXTS:
                return
            if (
                node is not skip
                and isinstance(node.tag, str)
                and node.tag
                not in (
                    "script",
                    "style",
                )
            ):
                if node.text:
                    yield node.text
                # children in order, each followed by its tail
                for child in reversed(node):
                    stack.append((child, True))
                    stack.append((child, False))
            continue
        if node is not el and node.tail:
            yield node.tail


def _date_in(pieces: Iterable[str]) -> str | None:
    for piece in pieces:
        text = piece.strip()
        if not text or len(text) > _DATE_TEXT or not any(c.isdigit() for c in text):
            continue
        found = parse_date(text)
        if found is not None:
            return found.iso()
    return None


def _row_date(row: _Element, a: _Element) -> str | None:
    """The date written beside the link in its row, else inside the link."""
    return _date_in(_texts(row, a)) or _date_in(_texts(a, None))


def _link_text(a: _Element) -> str:
    """The link's text without a date written inside it."""
    parts = [a.text or ""]
    for child in a:
        if isinstance(child.tag, str):
            text = inline_text(child)
            if not (len(text) <= _DATE_TEXT and parse_date(text)):
                parts.append(text)
        parts.append(child.tail or "")
    return norm(" ".join(parts))


def _fragment(fragment: str) -> _Element | None:
    try:
        el: _Element = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return None
    return el


# -- Hanweb datastore and dataproxy ------------------------------------------------------------

_RECORD_RE = re.compile(r"<record>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>", re.S | re.I)
_PROXY_RE = re.compile(r"dataproxy\.jsp\?([^\"'<>\s]+)", re.I)
PROXY_PATH = "/module/web/jpage/dataproxy.jsp"
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


_RECORD_START_RE = re.compile(r"<record>", re.I)


def datastore_records(html: str) -> Iterator[str]:
    """The HTML of each ``<record>`` of a Hanweb ``<datastore>`` (a column page's inline XML or
    a dataproxy answer), each read only up to the next ``<record>``: an unterminated one must
    not make every later one scan to the end of the page."""
    starts = [m.start() for m in _RECORD_START_RE.finditer(html)]
    for n, start in enumerate(starts):
        m = _RECORD_RE.match(html, start, starts[n + 1] if n + 1 < len(starts) else len(html))
        if m is not None:
            yield m[1] if m[1] is not None else html_lib.unescape(m[2])


def is_proxy(url: str) -> bool:
    return urlsplit(url).path.lower().endswith("dataproxy.jsp")


def proxy_params(url: str, html: str) -> list[tuple[str, str]] | None:
    """The dataproxy parameters (without paging), from the answer's own URL or the column
    page's ``<nextgroup>`` link; None when the page does not reveal its column and unit."""
    proxy = is_proxy(url)
    if proxy:
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


def proxy_url(page_url: str, params: list[tuple[str, str]], page: int, per_page: int) -> str:
    """The dataproxy URL of page ``page`` (from 1) of ``per_page`` records."""
    start = (page - 1) * per_page + 1
    paging = [("startrecord", str(start)), ("endrecord", str(start + per_page - 1))]
    query = "&".join(
        f"{k}={quote(v, safe='/')}" for k, v in [*paging, ("perpage", str(per_page)), *params]
    )
    return resolve(page_url, f"{PROXY_PATH}?{query}") or page_url


# -- pagination --------------------------------------------------------------------------------

# between 共 and its number: spaces, &nbsp; or a tag or two (共<span>45</span>条)
_GAP = r"(?:\s|&nbsp;|<[^<>]{0,80}>){0,6}"
_TOTAL_RES = (
    re.compile(r"<totalrecord>\s*" + _NUM, re.I),
    # createPageHTML('page_div', 10, 1, 'list', 'shtml', 278): the items come last
    re.compile(r"createPageHTML\s*\(\s*'[^',()]{0,40}'\s*,\s*\d+\s*,\s*\d+\s*,\s*'[^',()]{0,40}'"
               r"\s*,\s*'\w{0,10}'\s*,\s*" + _NUM),
    re.compile(r"\btotal_?records?\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\brecordCount\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\btotalCount\s*[:=]\s*['\"]?" + _NUM, re.I),
)  # fmt: skip
# 共45条, 共有 45 条, 共<span>45</span>条记录, 总共45条: in a pager's short text, not in a
# sentence ("《办法》共19条，主要内容…" in an abstract a script holds)
_TOTAL_TEXT_RE = re.compile(r"(?:共有?|共计|总共)" + _GAP + _NUM + _GAP + "条")
_PAGER_TEXT = 40  # characters around 共N条 within which its text starts and ends
_PAGE_COUNT_RES = (
    re.compile(r"<totalpage>\s*" + _NUM, re.I),
    re.compile(r"\btotal_?pages?\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\bpageCount\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\bcountPage\s*=\s*['\"]?" + _NUM),
    re.compile(r"\bPageIndex\s*=\s*PageIndex\s*>\s*" + _NUM + r"\s*\?"),  # km
    re.compile(r"共" + _GAP + _NUM + _GAP + "页"),
    # 第1/3页, and VSB's 共11条 1/3
    re.compile(r"第?\s*\d{1,9}\s*/\s*" + _NUM + r"\s*页"),
    re.compile(r"条(?:\s|&nbsp;){0,12}\d{1,9}\s*/\s*" + _NUM + r"(?![\d/.-])"),
)  # fmt: skip
_PER_PAGE_RES = (
    re.compile(r"\bper_?page\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\bprepage\s*[:=]\s*['\"]?" + _NUM, re.I),
    re.compile(r"\bpageSize\s*[:=]\s*['\"]?" + _NUM, re.I),
)
_CALL_RE = re.compile(r"\bcreatePage(?:HTML)?\s*\(([^()]{0,300})\)")
_COUNT_VAR_RE = re.compile(r"\bvar\s+countPage\s*=\s*" + _NUM)
_CURRENT_VAR_RE = re.compile(r"\bvar\s+currentPage\s*=\s*" + _NUM)
_PAGER_RE = re.compile(r"\bPager\s*\(\s*\{([^{}]{0,500})\}")
_OPTION_RE = re.compile(r"""(\w+)\s*:\s*['"]?([\w.]*)['"]?""")
# query parameters that number list pages
_PAGE_PARAMS = frozenset(
    ["page", "pagenum", "pageno", "pageindex", "curpage", "currentpage", "cpage", "pn", "p",
     "pagecurrent", "page_no", "page_num", "pageNumber".lower(), "current"]
)  # fmt: skip
_NEXT_TEXTS = frozenset(["下一页", "下页", "next", "后一页", ">", ">>", "›", "»"])
_LAST_TEXTS = frozenset(["尾页", "末页", "最后一页", "last", ">|"])
_INDEX_RE = re.compile(r"^(?P<prefix>[A-Za-z]\w*?)(?:_(?P<n>\d{1,9}))?\.(?P<ext>s?html?|jhtml)$")
_VSB_RE = re.compile(r"^(?P<stem>.+)/(?P<n>\d{1,9})\.(?P<ext>html?)$")


# a page scheme: the page count it finds, and the URLs of the first n pages (this one left
# out), for the n pages the bounds keep
_Scheme = tuple[int, Callable[[int], list[str]]]


@dataclass(frozen=True)
class Pages:
    """What a list page says of its column: how many pages (bounded), the URLs of the others in
    order, and the number of items the column declares (``共N条``)."""

    count: int | None
    urls: list[str]
    total: int | None


def pagination(
    root: _Element, html: str, url: str, per_page: int | None = None
) -> tuple[int | None, list[str]]:
    """(page count, URLs of the column's other list pages). ``per_page`` is the number of items
    the page lists (found with ``list_items`` when not given), which turns ``共N条`` into pages."""
    found = pages(root, html, url, per_page)
    return found.count, found.urls


def declared_total(html: str) -> int | None:
    """The number of items the column says it holds: ``totalRecord``, ``recordCount``,
    ``共N条`` standing in a short text (a pager's)."""
    found = _first_int(_TOTAL_RES, html)
    if found is not None:
        return found
    for n, m in enumerate(_TOTAL_TEXT_RE.finditer(html)):
        if n >= 50:
            break
        before = html[max(0, m.start() - _PAGER_TEXT) : m.start()]
        after = html[m.end() : m.end() + _PAGER_TEXT]
        lead = before.replace("&nbsp;", " ").rstrip()[-1:]
        # 共 after a word ("全文共…", "《办法》共…") is a sentence, not a pager
        in_sentence = bool(lead) and (HAN_RE.match(lead) is not None or lead in "》」）)")
        short = any(c in before for c in "<>|") and ("<" in after or "|" in after or not after)
        if short and not in_sentence:
            return int(m[1])
    return None


def pages(root: _Element, html: str, url: str, per_page: int | None = None) -> Pages:
    if per_page is None:
        per_page = len(list_items(root, html, url))
    total = declared_total(html)
    stated_per_page = _first_int(_PER_PAGE_RES, html)
    # a page size the page states (prepage:15) wins over the items found, unless fewer items
    # are listed than it says: some templates render several pages into one
    size = stated_per_page if stated_per_page and stated_per_page <= (per_page or 0) else per_page
    if is_proxy(url) or "dataproxy.jsp" in html:
        proxied = _proxy_pages(url, html, total, per_page)
        if proxied is not None:
            return proxied
    links = _links(root, url)
    pager = _script_pager(html)
    stated = pager.count if pager is not None else _first_int(_PAGE_COUNT_RES, html)
    if stated is None and total is not None and size:
        stated = max(1, math.ceil(total / size))
    # the most pages the column's own total allows (one item a page when the size is unknown)
    bound = MAX_PAGES
    if total is not None:
        bound = min(bound, max(1, math.ceil(total / size) if size else total))
    for scheme in (_vsb_scheme, _index_scheme, _query_scheme):
        found = scheme(url, links, pager, stated)
        if found is not None:
            count, urls = found
            kept = min(count, bound)
            return Pages(kept, _others(url, urls(kept)), total)
    kept_count = min(stated, bound) if stated is not None else None
    further = [u for u in (links.next_url,) if u is not None and u != url]
    return Pages(kept_count, further, total)


def _others(url: str, urls: Iterable[str]) -> list[str]:
    """``urls`` without this page and without repeats, in order."""
    seen = {_defragged(url)}
    out: list[str] = []
    for u in urls:
        if u not in seen:
            seen.add(u)
            out.append(u)
    return out


def _first_int(patterns: Iterable[re.Pattern[str]], text: str) -> int | None:
    for pattern in patterns:
        m = pattern.search(text)
        if m:
            return int(m[1])
    return None


def _proxy_pages(url: str, html: str, total: int | None, per_page: int | None) -> Pages | None:
    params = proxy_params(url, html)
    if params is None:
        return None
    size: int | None = None
    if is_proxy(url):
        query = dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))
        if query.get("perpage", "").isdigit() and len(query["perpage"]) <= 9:
            size = int(query["perpage"]) or None
    if size is None:
        m = re.search(r"perPage\s*[:=]\s*['\"]?" + _NUM, html, re.I)
        size = int(m[1]) if m and int(m[1]) else None
    count = _first_int(_PAGE_COUNT_RES[:1], html)
    if size is None and total is not None and count:
        size = math.ceil(total / count) or None
    size = size or per_page or None
    if count is None and total is not None and size:
        count = max(1, math.ceil(total / size))
    if count is None or not size:
        return None
    bound = min(MAX_PAGES, max(1, math.ceil(total / size))) if total is not None else MAX_PAGES
    count = min(count, bound)
    urls = _others(url, (proxy_url(url, params, n, size) for n in range(2, count + 1)))
    return Pages(count, urls, total)


@dataclass(frozen=True)
class _Pager:
    """``createPageHTML(count, current, prefix, ext)`` and its variants."""

    count: int
    current: int | None = None
    prefix: str | None = None
    ext: str | None = None
    # the form says page 2 is _1: km's createPage(PageIndex, …), createPageHTML(3, 0, …)
    zero_based: bool = False


def _script_pager(html: str) -> _Pager | None:
    for m in _CALL_RE.finditer(html):
        args = [a.strip().strip("'\"") for a in m[1].split(",")]
        if len(args) < 2 or not all(re.match(r"^[\w.]*$", a) for a in args):
            continue  # the function's definition, or not a call of this kind
        current: str | None = None
        zero_based = not m[1].lstrip().startswith(("'", '"')) or args[0].isdigit()
        if args[0].isdigit():
            # createPageHTML(3, 0, "index", "html"): count, current, prefix, extension
            count, current, rest = args[0], args[1], args[2:]
        elif args[1].isdigit():
            # km's createPage(PageIndex, 3, "index", "shtml"): current, count, prefix, extension;
            # createPageHTML('page_div', 10, 1, 'list', 'shtml', 278): count, current, prefix,
            # extension, items
            count, rest = args[1], args[2:]
            if len(args) > 2 and args[2].isdigit():
                current, rest = args[2], args[3:]
        else:
            continue
        if len(count) > 9:
            continue
        return _Pager(
            count=int(count),
            current=int(current) if current and current.isdigit() and len(current) <= 9 else None,
            prefix=rest[0] if rest and rest[0].isidentifier() else None,
            ext=rest[1] if len(rest) > 1 and rest[1].isalnum() else None,
            zero_based=zero_based,
        )
    count_var = _COUNT_VAR_RE.search(html)
    if count_var is not None:
        # TRS's inline pager: var currentPage = 0; var countPage = 2
        current_var = _CURRENT_VAR_RE.search(html)
        return _Pager(
            count=int(count_var[1]),
            current=int(current_var[1]) if current_var else None,
            zero_based=True,
        )
    for pager in _PAGER_RE.finditer(html):
        options = {k.lower(): v for k, v in _OPTION_RE.findall(pager[1])}
        size = next((options[k] for k in ("size", "pagecount", "count") if k in options), "")
        if not size.isdigit() or len(size) > 9:
            continue
        here = next((options[k] for k in ("current", "currentpage", "index") if k in options), "")
        return _Pager(
            count=int(size),
            current=int(here) if here.isdigit() and len(here) <= 9 else None,
            prefix=options.get("prefix") or None,
            ext=options.get("suffix") or options.get("ext") or None,
            zero_based=True,
        )
    return None


@dataclass
class _Links:
    """The links of a list page that may lead to its other pages."""

    index: dict[str, set[int]]  # "folder|prefix|ext" -> numbers of index_N links
    numbered: dict[str, set[int]]  # VSB "stem|ext" -> numbers of stem/N links
    query: dict[str, set[int]]  # "path?other params|param" -> page numbers
    next_url: str | None = None
    last_url: str | None = None


def _links(root: _Element, url: str) -> _Links:
    found = _Links({}, {}, {})
    path = urlsplit(url).path
    for a in root.iter("a"):
        target = resolve(url, a.get("href"))
        if target is None:
            continue
        target = _defragged(target)
        parts = urlsplit(target)
        if parts.netloc != urlsplit(url).netloc:
            continue
        text = _NAV_STRIP_RE.sub("", inline_text(a)).lower() or norm(a.text).lower()
        if text in _NEXT_TEXTS and found.next_url is None:
            found.next_url = target
        elif text in _LAST_TEXTS and found.last_url is None:
            found.last_url = target
        folder, _, last = parts.path.rpartition("/")
        m = _INDEX_RE.match(last)
        if m is not None and not parts.query:
            key = f"{folder}/|{m['prefix']}|{m['ext']}"
            found.index.setdefault(key, set()).add(int(m["n"]) if m["n"] else 0)
        v = _VSB_RE.match(parts.path)
        if v is not None and not parts.query:
            found.numbered.setdefault(f"{v['stem']}|{v['ext']}", set()).add(int(v["n"]))
        if parts.query and (parts.path == path or parts.path.rsplit("/", 1)[0] == folder):
            query = parse_qsl(parts.query, keep_blank_values=True)
            for i, (k, v_) in enumerate(query):
                if k.lower() in _PAGE_PARAMS and v_.isdigit() and len(v_) <= 9:
                    rest = urlencode([*query[:i], (k, "{}"), *query[i + 1 :]], safe="{}/")
                    key = f"{parts.path}?{rest}"
                    found.query.setdefault(key, set()).add(int(v_))
                    break
    return found


def _index_scheme(
    url: str, links: _Links, pager: _Pager | None, stated: int | None
) -> _Scheme | None:
    """``index.html``, then ``index_1.html``… (TRS, km, gov.cn: the n-th further page is
    ``_n``) or ``list.shtml``, then ``list_2.shtml``… (Ucap's ``createPageHTML('page_div', 10,
    1, 'list', 'shtml', 278)``, whose first page says it is page 1: page n is ``_n``): from a
    script pager, from ``_N`` links, or from a stated count on a page named ``index_N``."""
    parts = urlsplit(url)
    folder, _, last = parts.path.rpartition("/")
    own = _INDEX_RE.match(last) if not parts.query else None
    prefix = pager.prefix if pager and pager.prefix else (own["prefix"] if own else None)
    ext = pager.ext if pager and pager.ext else (own["ext"] if own else None)
    if prefix is None or ext is None:
        # only links tell the scheme: the _N links of this folder with the most pages
        mine = [(k, v) for k, v in links.index.items() if k.startswith(f"{folder}/|")]
        mine = [(k, v) for k, v in mine if max(v) > 0]
        if not mine or (pager is not None and (prefix or ext)):
            return None
        key, numbers = max(mine, key=lambda kv: len(kv[1]))
        prefix, ext = key.split("|")[1:]
    else:
        numbers = links.index.get(f"{folder}/|{prefix}|{ext}", set())
    here = int(own["n"]) if own is not None and own["prefix"] == prefix and own["n"] else 0
    further = sorted(n for n in numbers if n > 0)
    # page 2 is _1 (TRS) or _2 (Ucap); None when nothing tells
    second: int | None = None
    if further:
        second = 1 if further[0] == 1 else (2 if here != 1 else None)
    if pager is not None and pager.zero_based:
        second = 1
    elif pager is not None and pager.current is not None and here == 0:
        second = 2 if pager.current == 1 else 1
    elif second is None and here == 0 and prefix == "index":
        second = 1  # index.html, index_1.html… is by far the commonest
    count = pager.count if pager is not None else stated
    linked = further[-1] + (2 - (second or 1)) if further else None
    if count is None:
        count = linked
    elif linked is not None and pager is None:
        count = max(count, linked)
    if count is None or (pager is None and own is None and linked is None):
        return None
    base = urlunsplit((parts.scheme, parts.netloc, f"{folder}/", "", ""))

    def urls(kept: int) -> list[str]:
        # pages 2..kept; when the numbering is unknown (a later page of either kind), only
        # the suffixes both kinds share
        low, high = (second, kept + second - 2) if second else (2, kept - 1)
        return [f"{base}{prefix}.{ext}"] + [
            f"{base}{prefix}_{n}.{ext}" for n in range(low, high + 1)
        ]

    return count, urls


def _vsb_scheme(
    url: str, links: _Links, pager: _Pager | None, stated: int | None
) -> _Scheme | None:
    """VSB numbers pages downward: ``zcwj.htm``, then ``zcwj/{N-1}.htm`` … ``zcwj/1.htm``."""
    parts = urlsplit(url)
    if parts.query or pager is not None:
        return None
    path = parts.path
    numbered = _VSB_RE.match(path)
    if numbered is not None:
        stem, ext = numbered["stem"], numbered["ext"]
    else:
        m = re.match(r"^(?P<stem>.+)\.(?P<ext>html?)$", path)
        if m is None:
            return None
        stem, ext = m["stem"], m["ext"]
    numbers = links.numbered.get(f"{stem}|{ext}")
    if not numbers:
        return None
    count = stated
    if count is None:
        # the first page's 下页 points to {N-1}.htm; a later page shows its neighbours only
        count = max(numbers) + 1 if numbered is None else None
    if count is None:
        return None
    base = urlunsplit((parts.scheme, parts.netloc, stem, "", ""))

    def urls(kept: int) -> list[str]:
        # page p (from 1) is {N-p+1}.htm: page 2 is {N-1}.htm, the last page 1.htm
        return [f"{base}.{ext}"] + [f"{base}/{count - p + 1}.{ext}" for p in range(2, kept + 1)]

    return count, urls


def _query_scheme(
    url: str, links: _Links, pager: _Pager | None, stated: int | None
) -> _Scheme | None:
    """``?page=N`` (``pageNum``, ``pageIndex``, ``pageNo``…) links to this page's path."""
    if not links.query:
        return None
    path = urlsplit(url).path
    mine = [(k, v) for k, v in links.query.items() if k.startswith(f"{path}?")]
    if not mine:
        mine = list(links.query.items())
    key, numbers = max(mine, key=lambda kv: (len(kv[1]), max(kv[1])))
    first = 0 if 0 in numbers else 1
    count = stated if stated is not None else max(numbers) - first + 1
    if links.last_url is not None:
        last = _query_number(links.last_url, key)
        if last is not None and stated is None:
            count = max(count, last - first + 1)
    template = urljoin(url, key)
    # a first page without a number: its numbered twin is not fetched again
    skip = 1 if _query_number(url, key) is None else 0

    def urls(kept: int) -> list[str]:
        return [template.replace("{}", str(n)) for n in range(first + skip, first + kept)]

    return count, urls


def _query_number(url: str, key: str) -> int | None:
    parts = urlsplit(url)
    path, _, rest = key.partition("?")
    if parts.path != path:
        return None
    wanted = dict(parse_qsl(rest, keep_blank_values=True))
    param = next((k for k, v in wanted.items() if v == "{}"), None)
    found = dict(parse_qsl(parts.query, keep_blank_values=True))
    value = found.get(param or "", "")
    return int(value) if value.isdigit() and len(value) <= 9 else None
