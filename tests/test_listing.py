"""Generic list discovery (parsers/listing.py): every pagination form on small pages, real list
pages, every mirror list page of the five families, and bounded work on hostile pages."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from crawler.profiles import load_profile
from mirror.server import MIRROR_ROOT
from parsers import listing, parse_list
from parsers.decode import decode_html
from parsers.family import Family, Page
from parsers.registry import family_reader
from tests.conftest import CANONICAL, FIXTURES
from xxgk.tooling import page_for

REAL = FIXTURES / "real"


def read(html: str, url: str) -> listing.Pages:
    page = Page(html, url)
    items = listing.list_items(page.root, html, url)
    return listing.pages(page.root, html, url, len(items))


def items(html: str, url: str = "https://www.x.gov.cn/col/zcwj/index.html") -> list[str]:
    page = Page(html, url)
    return [i.url for i in listing.list_items(page.root, html, url)]


def rows(n: int, start: int = 1) -> str:
    return "".join(
        f'<li><a href="./202401/t20240110_{k}.html" title="关于第{k}项工作的通知">'
        f"关于第{k}项工作的通知</a><span>2024-01-10</span></li>"
        for k in range(start, start + n)
    )


def page(body: str, script: str = "") -> str:
    return (
        '<html><body><div class="header"><a href="/">首页</a></div>'
        f'<div class="main"><ul class="list">{body}</ul>'
        f'<div class="page">{script}</div></div>'
        '<div class="footer"><a href="/c/2024-01-01/1234567.shtml">网站声明</a></div>'
        "</body></html>"
    )


# -- items ---------------------------------------------------------------------------------------


def test_items_by_url_shape_and_by_a_date_beside_them() -> None:
    html = page(
        '<li><a href="/art/2024/1/5/art_12_345.html">按形状</a></li>'
        '<li><a href="/news/show.html?x=1">有日期的条目标题</a><span>2024-01-05</span></li>'
        '<li><a href="/about/contact.html">联系我们</a></li>'
        '<li><a href="/xxgk/a/b.htm">只有两字</a><span>[2024-01-04]</span></li>'
    )
    assert items(html) == [
        "https://www.x.gov.cn/art/2024/1/5/art_12_345.html",
        "https://www.x.gov.cn/news/show.html?x=1",
        "https://www.x.gov.cn/xxgk/a/b.htm",
    ]


@pytest.mark.parametrize(
    "href",
    [
        "/c/2022-07-08/4116630.shtml",
        "/zhengce/content/202411/content_6985520.htm",
        "./202209/t20220915_68800001.html",
        "/art/2023/10/9/art_1229063383_1844000.html",
        "../../info/1034/31201.htm",
        "/wzxrmzf/tjsja/202305/7215380191c5400397df5d7d0b5fd06b.shtml",
        "/xxgk/2024/03/21/note.html",
        "/gk/detail/123456",
        "/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1001&wbnewsid=31201",
    ],
)
def test_article_shapes_need_no_date(href: str) -> None:
    assert len(items(page(f'<li><a href="{href}">标题</a></li>'))) == 1


def test_a_list_held_as_json_in_a_script() -> None:
    script = (
        '<script>var listData = { articleList: [{"title": "<p>关于印发方案的通知</p>",'
        ' "pubDate": "2025-07-29 16:59",'
        ' "urls": "{\\"pc\\":\\"/col/col42150/content/content_19.html\\"}"},'
        ' {"title": "其他站点", "url": "https://elsewhere.gov.cn/1.html"},'
        ' {"title": "", "url": "/col/col42150/content/content_20.html"}], total: 1 };</script>'
    )
    url = "https://sthjt.x.gov.cn/col/col42150/index.html"
    found = listing.list_items(Page(page("", script), url).root, page("", script), url)
    assert [(i.url, i.title, i.date) for i in found] == [
        ("https://sthjt.x.gov.cn/col/col42150/content/content_19.html", "关于印发方案的通知",
         "2025-07-29"),
    ]  # fmt: skip
    broken = "<script>var x = { articleList: [{'title': 1,</script>"  # not JSON: nothing
    assert listing.script_list_items(broken, url) == []


def test_a_total_in_a_sentence_is_not_the_columns() -> None:
    pager = '<td class="pager">共2164条</td>'
    prose = "<p>《办法》共19条，主要内容包括八项机制：一是案件移送机制，二是……</p>"
    assert listing.declared_total(page(rows(3), pager)) == 2164
    assert listing.declared_total(page(rows(3)) + prose) is None
    assert listing.declared_total("<td>第1-24条/共775条信息 | 第1页/共33页 |</td>") == 775


def test_a_list_page_wrapper_is_not_a_pager() -> None:
    wrapped = f'<div class="list_page">{page(rows(3))}</div>'
    assert len(items(wrapped)) == 3
    nav = (
        '<div class="HeaderNav"><p><a href="/x/Document/1364232/1364232.htm">行政审批</a></p></div>'
    )
    assert items(nav + page(rows(2))) == items(page(rows(2)))


def test_chrome_navigation_and_more_links_are_no_items() -> None:
    html = (
        '<html><body><div class="header"><a href="/c/2024-01-01/1000001.shtml">头条</a></div>'
        '<nav><a href="/c/2024-01-01/1000002.shtml">导航</a></nav>'
        '<div class="BreadcrumbNav"><a href="/c/2024-01-01/1000003.shtml">位置</a></div>'
        '<ul><li><a href="/c/2024-01-02/1000004.shtml">正文条目</a><span>2024-01-02</span></li>'
        '<li><a href="/c/2024-01-02/1000005.shtml">更多&gt;&gt;</a></li>'
        '<li><a href="/c/2024-01-02/1000006.shtml">下一页</a></li>'
        '<li><a href="/upload/2024/report.pdf">附件报告</a><span>2024-01-02</span></li>'
        '<li><a href="https://other.gov.cn/c/2024-01-02/1000007.shtml">外站</a></li>'
        "<li><a href=\"javascript:open('/c/2024-01-02/1000008.shtml')\">脚本</a></li></ul>"
        '<div id="fanye44977"><a href="/c/2024-01-02/1000009.shtml">3</a></div>'
        '<footer><a href="/c/2024-01-01/1000010.shtml">页脚</a></footer></body></html>'
    )
    assert items(html) == ["https://www.x.gov.cn/c/2024-01-02/1000004.shtml"]


def test_titles_dates_and_one_scheme() -> None:
    html = page(
        '<li><a href="http://www.x.gov.cn/c/2024-01-02/1000004.shtml#top" title="完整标题">'
        "截断…</a><span>2024.01.02</span></li>"
        '<li><a href="./202401/t20240103_5.html"><span class="t">链接里有日期</span>'
        '<div class="d">2024-01-03</div></a></li>'
    )
    url = "https://www.x.gov.cn/col/zcwj/index.html"
    found = listing.list_items(Page(html, url).root, html, url)
    assert [(i.url, i.title, i.date) for i in found] == [
        ("https://www.x.gov.cn/c/2024-01-02/1000004.shtml", "完整标题", "2024-01-02"),
        ("https://www.x.gov.cn/col/zcwj/202401/t20240103_5.html", "链接里有日期", "2024-01-03"),
    ]


def test_div_rows_and_hanweb_records() -> None:
    km = (
        '<div class="data-table"><div class="data-table-item"><p class="w659">'
        '<a href="/zw/show.html?a=1">昆明市某局通知公告</a></p><p class="w80">2022-06-17</p></div>'
        '<div class="data-table-item"><p class="w659"><a href="/zw/show.html?a=2">另一份公告</a>'
        '</p><p class="w80">2022-06-18</p></div></div>'
    )
    assert len(items(f"<html><body>{km}</body></html>")) == 2
    hanweb = (
        '<div id="1"><script type="text/xml"><datastore><recordset><record><![CDATA['
        '<li><a href="/art/2023/11/20/art_1_2.html" title="全称">短</a><span>2023-11-20</span></li>'
        "]]></record></recordset></datastore></script></div>"
    )
    url = "https://www.x.gov.cn/col/col1/index.html"
    found = listing.list_items(Page(hanweb, url).root, hanweb, url)
    assert [(i.url, i.title, i.date) for i in found] == [
        ("https://www.x.gov.cn/art/2023/11/20/art_1_2.html", "全称", "2023-11-20")
    ]


# -- pagination ----------------------------------------------------------------------------------

BASE = "https://www.x.gov.cn/col/zcwj/"


@pytest.mark.parametrize(
    ("name", "script", "count", "urls", "total"),
    [
        (
            "index.html",
            '<script>createPageHTML(3, 0, "index", "html");</script>',
            3,
            ["index_1.html", "index_2.html"],
            None,
        ),
        (
            "index_1.html",
            '<script>createPageHTML(3, 1, "index", "html");</script>',
            3,
            ["index.html", "index_2.html"],
            None,
        ),
        (
            "index.shtml",
            '<script>createPage(PageIndex, 3, "index", "shtml");</script>',
            3,
            ["index_1.shtml", "index_2.shtml"],
            None,
        ),
        (
            "index.shtml",
            "<script>PageIndex = PageIndex>4?4:PageIndex;</script>",
            4,
            ["index_1.shtml", "index_2.shtml", "index_3.shtml"],
            None,
        ),
        (
            "index.html",
            "<script>createPageHTML('page_div', 3, 0, 'index', 'html', 45);</script>",
            3,
            ["index_1.html", "index_2.html"],
            45,
        ),
        (
            "xxgk_list.shtml",
            "<script>createPageHTML('page_div',4, 1,'xxgk_list','shtml',38);</script>",
            4,
            ["xxgk_list_2.shtml", "xxgk_list_3.shtml", "xxgk_list_4.shtml"],
            38,
        ),
        (
            "index.html",
            "<script>var currentPage = 0;var countPage = 2//共多少页</script>",
            2,
            ["index_1.html"],
            None,
        ),
        (
            "index.html",
            "<script>new Pager({ size: 3, current: 0, prefix: 'index', suffix: 'html' });</script>",
            3,
            ["index_1.html", "index_2.html"],
            None,
        ),
        (
            "index.html",
            '<a href="index_1.html">2</a><a href="index_1.html">下一页</a>'
            '<a href="index_5.html">尾页</a>',
            6,
            [f"index_{n}.html" for n in range(1, 6)],
            None,
        ),
        (
            "list.shtml",
            '<a href="list_2.shtml">2</a><a href="list_3.shtml">3</a>'
            '<a href="list_3.shtml">尾页</a>',
            3,
            ["list_2.shtml", "list_3.shtml"],
            None,
        ),
        ("index.html", "<span>共3页</span>", 3, ["index_1.html", "index_2.html"], None),
        ("index.html", "<span>共 30 条</span>", 3, ["index_1.html", "index_2.html"], 30),
        (
            "index.html",
            "<span>共<b>25</b>条记录 第1/3页</span>",
            3,
            ["index_1.html", "index_2.html"],
            25,
        ),
        (
            "list.jsp?cat=3",
            '<a href="list.jsp?cat=3&amp;page=2">2</a><a href="list.jsp?cat=3&amp;page=4">尾页</a>',
            4,
            ["list.jsp?cat=3&page=2", "list.jsp?cat=3&page=3", "list.jsp?cat=3&page=4"],
            None,
        ),
        (
            "list.do?pageNum=1",
            '<span>共3页</span><a href="list.do?pageNum=2">下一页</a>',
            3,
            ["list.do?pageNum=2", "list.do?pageNum=3"],
            None,
        ),
        (
            "search.aspx?pageIndex=2&type=1",
            '<a href="search.aspx?pageIndex=1&amp;type=1">上一页</a>'
            '<a href="search.aspx?pageIndex=3&amp;type=1">下一页</a>'
            '<a href="search.aspx?pageIndex=3&amp;type=1">尾页</a>',
            3,
            ["search.aspx?pageIndex=1&type=1", "search.aspx?pageIndex=3&type=1"],
            None,
        ),
        ("more.html", '<a href="more_p2.html">下一页</a>', None, ["more_p2.html"], None),
    ],
)
def test_pagination_forms(
    name: str, script: str, count: int | None, urls: list[str], total: int | None
) -> None:
    found = read(page(rows(10), script), BASE + name)
    assert found.count == count
    assert found.urls == [BASE + u for u in urls]
    assert found.total == total


def test_vsb_pages_are_numbered_downward() -> None:
    pager = '<td id="fanye44977">共11条&nbsp;&nbsp;1/3&nbsp;</td><a href="zcwj/2.htm">下页</a>'
    found = read(page(rows(4), pager), "https://www.x.gov.cn/xxgk/zcwj.htm")
    assert found.count == 3 and found.total == 11
    assert found.urls == [
        "https://www.x.gov.cn/xxgk/zcwj/2.htm",
        "https://www.x.gov.cn/xxgk/zcwj/1.htm",
    ]
    pager = '<td>共11条 2/3</td><a href="../zcwj.htm">上页</a><a href="1.htm">下页</a>'
    later = read(page(rows(4), pager), "https://www.x.gov.cn/xxgk/zcwj/2.htm")
    assert later.urls == [
        "https://www.x.gov.cn/xxgk/zcwj.htm",
        "https://www.x.gov.cn/xxgk/zcwj/1.htm",
    ]


def test_hanweb_dataproxy() -> None:
    column = (
        '<div id="7264380"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="'
        "/module/web/jpage/dataproxy.jsp?page=1&appid=1&webid=149&path=/&columnid=1229063387"
        '&unitid=7264380&webname=%E6%9D%AD%E5%B7%9E%E5%B8%82&permissiontype=0"></a>]]></nextgroup>'
        "<totalrecord>9</totalrecord><totalpage>3</totalpage><recordset>"
        + "".join(
            f'<record><![CDATA[<li><a href="/art/2023/1/{d}/art_1_{d}.html">标题{d}</a>'
            f"<span>2023-01-0{d}</span></li>]]></record>"
            for d in range(1, 5)
        )
        + "</recordset></datastore></script></div><script>perPage:4,</script>"
    )
    found = read(column, "https://www.x.gov.cn/col/col1229063387/index.html")
    assert found.count == 3 and found.total == 9
    assert found.urls[0] == (
        "https://www.x.gov.cn/module/web/jpage/dataproxy.jsp?startrecord=5&endrecord=8&perpage=4"
        "&col=1&appid=1&webid=149&path=/&columnid=1229063387&sourceContentType=1&unitid=7264380"
        "&webname=%E6%9D%AD%E5%B7%9E%E5%B8%82&permissiontype=0"
    )
    assert len(found.urls) == 2


# -- bounds --------------------------------------------------------------------------------------


def test_a_hostile_page_count_is_capped() -> None:
    script = '<script>createPage(PageIndex, 100000000, "index", "shtml");</script>'
    html = page(rows(15), script)
    html += "<!--" + "x" * (6000 - len(html)) + "-->"
    assert len(html) >= 6000
    start = time.perf_counter()
    found = read(html, BASE + "index.shtml")
    assert time.perf_counter() - start < 1.0
    assert found.count == listing.MAX_PAGES == 2000
    assert len(found.urls) == 1999 and found.urls[-1] == BASE + "index_1999.shtml"
    # never more pages than the column's own total implies
    claimed = read(page(rows(15), script + "<span>共45条</span>"), BASE + "index.shtml")
    assert (claimed.count, claimed.total, len(claimed.urls)) == (3, 45, 2)
    vsb = read(page(rows(4), '<span>共99999999页</span><a href="zcwj/99999998.htm">下页</a>'),
               "https://www.x.gov.cn/xxgk/zcwj.htm")  # fmt: skip
    assert vsb.count == 2000 and vsb.urls[0].endswith("/zcwj/99999998.htm")


def test_twenty_thousand_links_in_bounded_time() -> None:
    html = page(rows(20000), "<span>共20000条</span>")
    start = time.perf_counter()
    found = items(html)
    pages = read(html, BASE + "index.html")
    assert time.perf_counter() - start < 15.0
    assert len(found) == 20000
    assert pages.count == 1 and pages.urls == []


def test_hostile_numbers_and_markup() -> None:
    html = page(rows(2), "共" + "9" * 5000 + "条 " + "createPageHTML(" * 2000 + "<a " * 3000)
    start = time.perf_counter()
    found = read(html, BASE + "index.html")
    assert time.perf_counter() - start < 2.0
    assert found.total is None and found.count is None


# -- the base family -----------------------------------------------------------------------------


def test_the_base_family_lists_any_cms() -> None:
    html = page(rows(3), "<script>createPageHTML('page_div',2, 1,'xxgk_list','shtml',6);</script>")
    listed = Family().parse_list(html, BASE + "xxgk_list.shtml")
    assert len(listed.items) == 3
    assert (listed.page_count, listed.page_urls) == (2, [BASE + "xxgk_list_2.shtml"])
    assert listed.declared_total == 6


def test_known_families_declare_their_totals_too() -> None:
    url = "https://www.kmyl.gov.cn/xxgk/fdzdgknr/zcwj.htm"
    file, content_type = page_for("yn_yl", CANONICAL["yn_yl"], url)
    listed = parse_list(file.read_bytes(), url, content_type, family="vsb")
    assert listed.declared_total == 11


# -- real pages ----------------------------------------------------------------------------------


def real_lists() -> list[Path]:
    return [
        p
        for p in sorted(REAL.glob("*/*.expected.json"))
        if json.loads(p.read_text("utf-8")).get("kind") == "list"
    ]


@pytest.mark.parametrize("expected_json", real_lists(), ids=lambda p: p.parent.name + "/" + p.name)
def test_real_list_pages(expected_json: Path) -> None:
    expected = json.loads(expected_json.read_text("utf-8"))
    html_file = expected_json.with_name(expected_json.name.replace(".expected.json", ".html"))
    text, _ = decode_html(html_file.read_bytes(), None)
    url = expected["url"]
    found = listing.list_items(Page(text, url).root, text, url)
    assert len(found) == expected["items"]
    assert [i.__dict__ for i in found[: len(expected["first_items"])]] == expected["first_items"]
    count, urls = listing.pagination(Page(text, url).root, text, url)
    assert count == expected["page_count"]
    assert listing.declared_total(text) == expected["total_items"]
    if expected.get("next_page_url"):
        assert expected["next_page_url"] in urls


# -- the cross-check over the five families' mirrors ----------------------------------------------


def mirror_list_pages() -> list[tuple[str, str, Path, str | None]]:
    """(site, URL, file, content type) of every list page of every mirror, walked from each
    column's first page through the pages its family reveals, and those lists.json names."""
    pages: list[tuple[str, str, Path, str | None]] = []
    for site in sorted(CANONICAL):
        if not (MIRROR_ROOT / site).is_dir():
            continue
        profile, base = load_profile(site), CANONICAL[site]
        if "family" not in profile or profile["family"] == "auto":
            continue
        reader = family_reader(profile["family"])
        expected = FIXTURES / site / "lists.json"
        named = list(json.loads(expected.read_text("utf-8"))) if expected.exists() else []
        todo = [base + c["path"] for c in profile["columns"]] + named
        seen: set[str] = set()
        while todo:
            url = todo.pop(0)
            if url in seen:
                continue
            seen.add(url)
            file, content_type = page_for(site, base, url)
            text, _ = decode_html(file.read_bytes(), content_type)
            todo += reader.parse_list(text, url).page_urls
            pages.append((site, url, file, content_type))
    return pages


def test_generic_discovery_on_every_mirror_list_page() -> None:
    """Items found include the family's (and lists.json's) on at least 90% of the pages, and
    the page count is the family's wherever the family reads one."""
    pages = mirror_list_pages()
    assert len(pages) >= 25
    items_ok = pages_ok = stated = 0
    for site, url, file, content_type in pages:
        profile = load_profile(site)
        known = parse_list(file.read_bytes(), url, content_type, family=profile["family"])
        text, _ = decode_html(file.read_bytes(), content_type)
        found = Family().parse_list(text, url)
        expected_json = FIXTURES / site / "lists.json"
        named = json.loads(expected_json.read_text("utf-8")) if expected_json.exists() else {}
        want = {i.url for i in known.items} | {
            i["url"] for i in named.get(url, {}).get("items", [])
        }
        items_ok += want <= {i.url for i in found.items}
        if known.page_count is not None:
            stated += 1
            pages_ok += found.page_count == known.page_count and set(known.page_urls) - {
                url
            } <= set(found.page_urls)
    assert items_ok >= 0.9 * len(pages)
    assert pages_ok == stated


def test_the_ucap_mirror_is_listed_by_generic_discovery() -> None:
    """jx_wanzai (a CMS outside the five families): every column page's items, its further
    pages from createPageHTML('page_div', 2, 1, 'xxgk_list', 'shtml', 5) and its total."""
    base = CANONICAL["jx_wanzai"] + "/wzxrmzf"
    found = {}
    for url in (f"{base}/tjsja/xxgk_list.shtml", f"{base}/tjsja/xxgk_list_2.shtml",
                f"{base}/tjgb/xxgk_list.shtml"):  # fmt: skip
        file, content_type = page_for("jx_wanzai", CANONICAL["jx_wanzai"], url)
        found[url] = Family().parse_list(decode_html(file.read_bytes(), content_type)[0], url)
    first, second, tjgb = found.values()
    assert [len(p.items) for p in found.values()] == [3, 2, 2]
    assert first.items[0].title == "万载县2022年国民经济和社会发展统计公报"
    assert first.items[0].date == "2023-05-11"
    assert (first.page_count, first.page_urls) == (2, [f"{base}/tjsja/xxgk_list_2.shtml"])
    assert second.page_urls == [f"{base}/tjsja/xxgk_list.shtml"]
    assert (first.declared_total, tjgb.declared_total) == (5, 3)
    assert (tjgb.page_count, tjgb.page_urls) == (1, [])
