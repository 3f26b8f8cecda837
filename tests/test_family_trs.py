"""TRS WCM family: list discovery and pagination over the guiyang mirror, the family's detail
variants on small pages, and a real crawl of the mirror into SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from crawler.profiles import load_profile
from mirror.server import MIRROR_ROOT, MirrorServer, load_routes, start
from parsers import PageError, parse_detail, parse_list
from parsers.families import trs
from tests.conftest import FIXTURES, expected_records, mirror_file

SITE = "guiyang"
BASE = "https://www.guiyang.gov.cn"
LISTS: dict[str, dict[str, Any]] = json.loads((FIXTURES / SITE / "lists.json").read_text("utf-8"))
RECORDS = {r["url"]: r for r in expected_records(SITE)}
ROUTES = load_routes(MIRROR_ROOT / SITE)
COLUMNS = [BASE + c["path"] for c in load_profile(SITE)["columns"]]


def listed(url: str) -> dict[str, Any]:
    page = parse_list(mirror_file(SITE, url).read_bytes(), url, family="trs")
    return {
        "items": [{"url": i.url, "title": i.title, "date": i.date} for i in page.items],
        "page_count": page.page_count,
        "page_urls": page.page_urls,
    }


# -- lists -------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_page_items_in_order(url: str) -> None:
    got = listed(url)
    assert got["items"] == LISTS[url]["items"]
    assert got["page_count"] == LISTS[url]["page_count"]
    assert got["page_urls"] == LISTS[url]["page_urls"]


@pytest.mark.parametrize("first", COLUMNS)
def test_first_list_page_reveals_every_list_page(first: str) -> None:
    column = first.rsplit("/", 1)[0] + "/"
    pages = sorted(u for u in LISTS if u.startswith(column) and u[len(column) :].count("/") == 0)
    assert len(pages) >= 2
    assert sorted([first, *listed(first)["page_urls"]]) == pages


def test_lists_reach_every_archived_page_and_the_error_pages() -> None:
    listed_urls = {i["url"] for page in LISTS.values() for i in page["items"]}
    error_urls = {BASE + path for path in ROUTES}
    assert set(RECORDS) | error_urls == listed_urls
    assert len(RECORDS) >= 12


_LIST = """<html><body><div class="header"><ul><li><a href="/zwgk/202001/t20200101_1.html"
title="header link">x</a><span>2020-01-01</span></li></ul></div>
<ul class="list">
<li><a href="./202009/t20200914_63718214.html" title="完整标题一">完整标题…</a>
<span>2020-09-14</span></li>
<li><a href="../other/202008/t20200810_63700001.html">标题二</a><em>[2020-08-10]</em></li>
<li><a href="./202007/t20200701_63600001.html" title="标题三"><p>标题三</p>
<i>2020.07.01</i></a></li>
<li><a href="./ztzl/index.html">专题专栏</a></li>
</ul>
{script}
</body></html>"""
_URL = "https://www.example.gov.cn/zwgk/col/index_1.html"


def test_list_items_skip_chrome_and_non_articles() -> None:
    page = trs.FAMILY.parse_list(_LIST.format(script=""), _URL)
    assert [(i.url, i.title, i.date) for i in page.items] == [
        ("https://www.example.gov.cn/zwgk/col/202009/t20200914_63718214.html", "完整标题一",
         "2020-09-14"),
        ("https://www.example.gov.cn/zwgk/other/202008/t20200810_63700001.html", "标题二",
         "2020-08-10"),
        ("https://www.example.gov.cn/zwgk/col/202007/t20200701_63600001.html", "标题三",
         "2020-07-01"),
    ]  # fmt: skip
    assert page.page_count is None and page.page_urls == []


@pytest.mark.parametrize(
    ("script", "count"),
    [
        ('createPageHTML(4, 1, "index", "html");', 4),
        ("createPageHTML('page_div', 4, 1, 'index', 'html', 58);", 4),
        ("createPage(4, 1, 'index', 'html');", 4),
        ("var currentPage = 1;//所在页从0开始\nvar countPage = 4//共多少页", 4),
        ("new Pager({size: 4, current: 1, prefix: 'index', suffix: 'html'});", 4),
        (
            "function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){}\n"
            'createPageHTML(4, 1, "index", "html");',
            4,
        ),
    ],
)
def test_pagination_variants(script: str, count: int) -> None:
    page = trs.FAMILY.parse_list(_LIST.format(script=f"<script>{script}</script>"), _URL)
    assert page.page_count == count
    assert page.page_urls == [
        "https://www.example.gov.cn/zwgk/col/index.html",
        "https://www.example.gov.cn/zwgk/col/index_2.html",
        "https://www.example.gov.cn/zwgk/col/index_3.html",
    ]


def test_pagination_with_another_prefix() -> None:
    html = _LIST.format(script="<script>createPageHTML(3, 0, 'list', 'shtml');</script>")
    page = trs.FAMILY.parse_list(html, "https://www.example.gov.cn/zwgk/col/list.shtml")
    assert page.page_urls == [
        "https://www.example.gov.cn/zwgk/col/list_1.shtml",
        "https://www.example.gov.cn/zwgk/col/list_2.shtml",
    ]


# -- details -----------------------------------------------------------------------------------

_PAGE = """<html><head><meta name="ArticleTitle" content="元标题">
<meta name="PubDate" content="2021-08-30 11:20"></head><body>
<div class="header"><span>发布时间：</span>2024-06-28 <h1>网站名称</h1></div>
<div class="main"><div class="article">
{box}
<h1>正文标题</h1>
<div id="zoom"><div class="TRS_Editor"><style>.TRS_Editor P{{margin:0}}</style>
<p>正文第一段。</p>
<p><a appendix="true" href="./P020210830423761510808.pdf"
OLDSRC="/protect/P0202108/P020210830423761510808.pdf">办法.pdf</a></p>
</div>
<p><a appendix="true" OLDSRC="/protect/P0202108/P020210830000000000001.doc">旧表.doc</a></p>
</div>
<div class="fj"><script>document.write("<a href='./P020210830423762136954.xlsx'>附表.xlsx</a>");
document.write('<a href="./P020210830423761510808.pdf">办法.pdf</a>');</script>
<a href="/other/index.html">其他</a><a href="./notes.txt">说明.txt</a></div>
</div></div>
<div class="footer">发布机构：网站主办单位</div>
</body></html>"""
_DETAIL = "https://www.example.gov.cn/zwgk/col/202108/t20210830_66012478.html"
_FOLDER = "https://www.example.gov.cn/zwgk/col/202108/"


def test_header_and_footer_labels_never_count() -> None:
    doc = trs.FAMILY.parse_detail(_PAGE.format(box=""), _DETAIL)
    assert doc.metadata == {}
    assert doc.title == "正文标题"
    assert doc.publisher is None
    assert doc.publish_date == "2021-08-30T11:20:00+08:00"  # PubDate, not the header's 2024


@pytest.mark.parametrize(
    "box",
    [
        "<table><tr><td>文 号：</td><td>筑府发〔2021〕1号</td><td>发布时间：</td>"
        "<td>2021年08月30日</td></tr><tr><td>文件有效性：</td><td></td>"
        "<td>成文时间：</td><td>2021-08-25</td></tr></table>",
        "<ul><li><span>文号：</span>筑府发〔2021〕1号</li><li><span>发布时间：</span>2021-08-30</li>"
        "<li><span>成文时间：</span>2021-08-25</li><li><span>文件有效性：</span></li></ul>",
        "<dl><dt>文号</dt><dd>筑府发〔2021〕1号</dd><dt>发布时间</dt><dd>2021-08-30</dd>"
        "<dt>成文时间</dt><dd>2021-08-25</dd><dt>文件有效性</dt><dd></dd></dl>",
        "<p>文号：筑府发〔2021〕1号 发布时间：2021-08-30 成文时间：2021-08-25 文件有效性："
        " 字号：大 中 小</p>",
    ],
    ids=["table", "li", "dl", "line"],
)
def test_metadata_box_forms(box: str) -> None:
    doc = trs.FAMILY.parse_detail(_PAGE.format(box=box), _DETAIL)
    assert doc.doc_no == "筑府发〔2021〕1号"
    assert doc.written_date == "2021-08-25"
    assert doc.publish_date == "2021-08-30T11:20:00+08:00"
    assert doc.validity is None
    assert doc.metadata["文件有效性"] == ""


def test_attachments_inside_and_outside_the_body() -> None:
    doc = trs.FAMILY.parse_detail(_PAGE.format(box=""), _DETAIL)
    assert doc.body_text == "正文第一段。\n办法.pdf"
    assert [(a.url, a.name, a.ext) for a in doc.attachments] == [
        (_FOLDER + "P020210830423761510808.pdf", "办法.pdf", "pdf"),  # href, not OLDSRC
        ("https://www.example.gov.cn/protect/P0202108/P020210830000000000001.doc", "旧表.doc",
         "doc"),  # no href: OLDSRC
        (_FOLDER + "P020210830423762136954.xlsx", "附表.xlsx", "xlsx"),  # document.write
        (_FOLDER + "notes.txt", "说明.txt", "txt"),  # inside the attachment block
    ]  # fmt: skip


def test_the_nearest_publish_date_wins() -> None:
    box = "<div><span>发布时间：2021-08-29</span>&nbsp;<span>来源：市政府办公厅</span></div>"
    page = _PAGE.format(box="").replace('<div class="main">', f'<div class="main">{box}')
    near = page.replace("<h1>正文标题</h1>", "<h1>正文标题</h1><p>发布时间：2021-08-30 09:15</p>")
    assert trs.FAMILY.parse_detail(page, _DETAIL).publish_date == "2021-08-29"
    assert trs.FAMILY.parse_detail(near, _DETAIL).publish_date == "2021-08-30T09:15:00+08:00"
    assert trs.FAMILY.parse_detail(near, _DETAIL).publisher == "市政府办公厅"


def test_pages_without_the_family_parts() -> None:
    soft = (
        "<html><body><div class='header'>发布时间：2024-06-28</div>"
        "<p>抱歉，您访问的页面不存在或已被删除！</p></body></html>"
    )
    with pytest.raises(PageError) as err:
        trs.FAMILY.parse_detail(soft, _DETAIL)
    assert err.value.kind == "soft_404"
    with pytest.raises(PageError) as err:
        trs.FAMILY.parse_detail("<html><body><p>欢迎访问</p></body></html>", _DETAIL)
    assert err.value.kind == "parse_error"


def test_the_soft_404_of_the_mirror() -> None:
    (path,) = [p for p, r in ROUTES.items() if r.expect_error == "soft_404"]
    with pytest.raises(PageError) as err:
        parse_detail(mirror_file(SITE, BASE + path).read_bytes(), BASE + path, family="trs")
    assert err.value.kind == "soft_404"


# -- a real crawl of the mirror ----------------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    srv: MirrorServer = start(SITE)
    db_path: Path = tmp_path_factory.mktemp("trs") / "archive.db"
    try:
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", "crawl", SITE, "--base-url", srv.base_url,
             "--db", str(db_path), "--log-level", "WARNING"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        hits = dict(srv.hits)
    finally:
        srv.shutdown()
    yield {"run": run, "db": Database(db_path), "hits": hits}


def test_crawl_succeeds(crawled: dict[str, Any]) -> None:
    run = crawled["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr


def test_every_document_is_archived_once_with_its_fields(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(db["documents"].rows)
    assert sorted(r["url"] for r in rows) == sorted(RECORDS)
    for row in rows:
        expected = RECORDS[row["url"]]
        assert row["site_id"] == SITE
        for field in ("title", "index_no", "topic", "publisher", "publish_date", "doc_no",
                      "body_text", "written_date", "validity", "issuer", "doc_type"):  # fmt: skip
            assert row[field] == expected[field], (row["url"], field)
        assert json.loads(row["keywords"]) == expected["keywords"]
        assert json.loads(row["subject_words"] or "[]") == expected["subject_words"]
        parts = expected["index_no_parts"] or {}
        assert row["index_no_org"] == parts.get("org_code")


def test_attachments_are_downloaded_from_href_not_oldsrc(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(
        db.query(
            "select d.url as doc, a.url, a.name, a.ext, a.status, a.detected_type"
            " from attachments a join documents d on d.id = a.document_id"
        )
    )
    expected = {
        (u, a["url"], a["name"], a["ext"]) for u, r in RECORDS.items() for a in r["attachments"]
    }
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected
    assert len(rows) == len(expected) >= 8
    assert all(r["status"] == "ok" for r in rows), rows
    assert all(r["detected_type"] == r["ext"] for r in rows), rows
    assert not [p for p in crawled["hits"] if p.startswith("/protect/")]  # robots.txt: Disallow


def test_error_pages_are_recorded(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    kinds = {r["url"]: r["kind"] for r in db.query("select url, kind from errors")}
    for path, route in ROUTES.items():
        assert kinds.get(BASE + path) == route.expect_error, path
    assert "soft_404" in kinds.values()
