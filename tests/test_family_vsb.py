"""VSB (博达站群): list discovery over the yn_yl mirror, pager variants, and a real crawl.

The mirror (mirror/yn_yl/) numbers list pages the VSB way: ``zcwj.htm`` first, then
``zcwj/2.htm``, ``zcwj/1.htm``; what each list page must yield is in
tests/fixtures/yn_yl/lists.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from crawler.profiles import load_profile
from mirror.server import MIRROR_ROOT, MirrorServer, load_routes, start
from parsers import PageError, parse_detail, parse_list
from tests.conftest import FIXTURES, expected_records, mirror_file

SITE = "yn_yl"
BASE = "https://www.kmyl.gov.cn"
LISTS: dict[str, dict[str, Any]] = json.loads((FIXTURES / SITE / "lists.json").read_text("utf-8"))
RECORDS = {r["url"]: r for r in expected_records(SITE)}
ROUTES = load_routes(MIRROR_ROOT / SITE)


def list_page(url: str) -> Any:
    return parse_list(mirror_file(SITE, url).read_bytes(), url, "text/html", family="vsb")


# -- list pages of the mirror ----------------------------------------------------------------


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_items_in_page_order(url: str) -> None:
    page = list_page(url)
    expected = LISTS[url]
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (i["url"], i["title"], i["date"]) for i in expected["items"]
    ]
    assert page.page_count == expected["page_count"]
    assert page.page_urls == expected["page_urls"]


@pytest.mark.parametrize("column", load_profile(SITE)["columns"])
def test_pagination_from_the_first_page_reaches_every_list_page(column: dict[str, str]) -> None:
    first = BASE + column["path"]
    seen, queue = {first}, [first]
    while queue:
        for url in list_page(queue.pop(0)).page_urls:
            if url not in seen:
                seen.add(url)
                queue.append(url)
    stem = first.removesuffix(".htm")
    assert seen == {u for u in LISTS if u == first or u.startswith(stem + "/")}
    assert len(seen) >= 3
    # VSB counts down: the second page is the highest number, the last page is 1.htm
    assert list_page(first).page_urls == [f"{stem}/2.htm", f"{stem}/1.htm"]


def test_every_listed_page_is_a_fixture_or_an_error_route() -> None:
    listed = {i["url"] for page in LISTS.values() for i in page["items"]}
    errors = {BASE + r.path for r in ROUTES.values() if r.expect_error}
    assert listed == set(RECORDS) | errors
    assert len(RECORDS) >= 12


# -- pager variants not in the mirror ----------------------------------------------------------

_LIST_HTML = """<html><body><div class="list"><ul>
<li><a href="../../info/1034/31201.htm" title="完整标题">截断…</a><span>2022-09-14</span></li>
</ul></div>{pager}</body></html>"""


def _pager_page(url: str, pager: str) -> Any:
    return parse_list(_LIST_HTML.format(pager=pager).encode(), url, "text/html", family="vsb")


def test_pager_with_links_only_derives_the_count_from_the_next_link() -> None:
    pager = (
        '<div>首页 上页 <a href="zcwj/4.htm" class="Next">下页</a> <a href="zcwj/1.htm">尾页</a>'
        "</div>"
    )
    page = _pager_page(f"{BASE}/xxgk/fdzdgknr/zcwj.htm", pager)
    assert page.page_count == 5
    assert page.page_urls == [f"{BASE}/xxgk/fdzdgknr/zcwj/{n}.htm" for n in (4, 3, 2, 1)]


def test_long_pager_with_elided_numbers_reveals_every_page() -> None:
    pager = (
        '<div class="pb_sys_common pb_sys_normal pb_sys_style1"><span class="p_t">共1162条</span>'
        '<span class="p_pages"><span class="p_no"><a href="../tzgg.htm">1</a></span>'
        '<span class="p_no"><a href="41.htm">37</a></span><span class="p_no_d">38</span>'
        '<span class="p_dot">...</span><span class="p_no"><a href="1.htm">78</a></span>'
        '<span class="p_next p_fun"><a href="39.htm">下页</a></span></span>'
        '<span class="p_t">共78页</span></div>'
    )
    url = f"{BASE}/index/tzgg/40.htm"
    page = _pager_page(url, pager)
    assert page.page_count == 78
    assert len(page.page_urls) == 76  # pages 2..78 except this one
    assert page.page_urls[0] == f"{BASE}/index/tzgg/77.htm"
    assert page.page_urls[-1] == f"{BASE}/index/tzgg/1.htm"
    assert url not in page.page_urls
    assert page.items[0].url == f"{BASE}/info/1034/31201.htm"
    assert page.items[0].title == "完整标题"


def test_fraction_in_the_old_pager_gives_the_count() -> None:
    pager = '<table><tr><td id="fanye44977">共45条&nbsp;&nbsp;1/3&nbsp;</td></tr></table>'
    page = _pager_page(f"{BASE}/xxgk/fdzdgknr/zcwj.htm", pager)
    assert page.page_count == 3
    assert page.page_urls == [f"{BASE}/xxgk/fdzdgknr/zcwj/{n}.htm" for n in (2, 1)]


def test_single_page_column_reveals_nothing() -> None:
    page = _pager_page(f"{BASE}/xxgk/fdzdgknr/zcwj.htm", '<span class="p_t">共1页</span>')
    assert page.page_count == 1
    assert page.page_urls == []


def test_table_rows_of_old_templates_are_items() -> None:
    html = (
        '<html><body><table class="layout"><tr><td><table>'
        '<tr id="line_u5_0"><td><a href="../info/1034/31201.htm"'
        ' title="关于2021年9月1日停水的通知">关于2021年9月1日停水的…</a></td>'
        "<td><span>2022-09-14</span></td></tr>"
        '<tr id="line_u5_1"><td><a href="../content.jsp?urltype=news.NewsContentUrl'
        '&amp;wbtreeid=1034&amp;wbnewsid=31188">补贴发放通知</a></td><td>2022-08-30</td></tr>'
        "</table></td></tr></table></body></html>"
    )
    page = parse_list(html.encode(), f"{BASE}/xxgk/zcwj.htm", "text/html", family="vsb")
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (f"{BASE}/info/1034/31201.htm", "关于2021年9月1日停水的通知", "2022-09-14"),
        (
            f"{BASE}/content.jsp?urltype=news.NewsContentUrl&wbtreeid=1034&wbnewsid=31188",
            "补贴发放通知",
            "2022-08-30",
        ),
    ]


# -- detail pages ------------------------------------------------------------------------------


def test_soft_404_page_is_an_error() -> None:
    (soft,) = [r.path for r in ROUTES.values() if r.expect_error == "soft_404"]
    with pytest.raises(PageError) as info:
        parse_detail(mirror_file(SITE, BASE + soft).read_bytes(), BASE + soft, family="vsb")
    assert info.value.kind == "soft_404"


def test_unlabeled_metadata_needs_the_profile_rule() -> None:
    url = f"{BASE}/info/1034/31175.htm"
    body = mirror_file(SITE, url).read_bytes()
    bare = parse_detail(body, url, family="vsb")
    assert bare.index_no is None
    ruled = parse_detail(body, url, family="vsb", rules=load_profile(SITE)["detail"])
    assert ruled.index_no == RECORDS[url]["index_no"]
    assert ruled.publisher == RECORDS[url]["publisher"]


def test_labels_inside_the_body_are_not_metadata() -> None:
    html = (
        '<html><body><form name="_newscontent_fromname"><h1>标题文字</h1>'
        '<div id="vsb_content"><div class="v_news_content"><ul><li>发布机构：某某局</li></ul>'
        "<p>来源：新华社 发布时间：2021-01-02 10:00</p>"
        "<table><tr><td>索引号</td><td>x/2022-1</td><td>文号</td><td>y</td></tr></table>"
        "</div></div></form></body></html>"
    )
    doc = parse_detail(html.encode(), f"{BASE}/info/1/1.htm", "text/html", family="vsb")
    assert doc.publisher is None and doc.index_no is None and doc.doc_no is None
    assert doc.publish_date is None
    assert doc.title == "标题文字"


# -- a real crawl of the mirror ------------------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path: Path = tmp_path_factory.mktemp("vsb")
    srv: MirrorServer = start(SITE)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", "crawl", SITE, "--base-url", srv.base_url,
             "--db", str(tmp_path / "archive.db"), "--warc-dir", str(tmp_path / "warc"),
             "--log-level", "WARNING"],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        hits = dict(srv.hits)
    finally:
        srv.shutdown()
    return {"run": run, "db": Database(tmp_path / "archive.db"), "hits": hits}


def test_crawl_succeeds(crawled: dict[str, Any]) -> None:
    run = crawled["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr


def test_every_document_is_archived_once_with_its_fields(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(db.query("select * from documents"))
    assert sorted(r["url"] for r in rows) == sorted(RECORDS)
    for row in rows:
        expected = RECORDS[row["url"]]
        for field in (
            "title", "index_no", "topic", "publisher", "publish_date", "doc_no", "body_text",
            "written_date", "validity", "issuer", "doc_type",
        ):  # fmt: skip
            assert row[field] == expected[field], (row["url"], field)
        assert json.loads(row["keywords"]) == expected["keywords"], row["url"]
        assert row["site_id"] == SITE


def test_attachments_are_recorded_and_downloaded(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(
        db.query(
            "select d.url as doc, a.url, a.name, a.ext, a.sha256 from attachments a"
            " join documents d on d.id = a.document_id"
        )
    )
    expected = {
        (url, a["url"], a["name"], a["ext"])
        for url, rec in RECORDS.items()
        for a in rec["attachments"]
    }
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected
    assert all(r["sha256"] for r in rows)
    assert {"pdf", "doc", "docx", "xls", "xlsx", "zip"} <= {r["ext"] for r in rows}


def test_soft_404_is_recorded_as_an_error(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    cases = {BASE + r.path: r.expect_error for r in ROUTES.values() if r.expect_error}
    assert "soft_404" in cases.values()
    found = {(r["url"], r["kind"]) for r in db.query("select url, kind from errors")}
    assert set(cases.items()) <= found
    assert not {r["url"] for r in db.query("select url from documents")} & set(cases)


def test_every_list_page_was_fetched_once(crawled: dict[str, Any]) -> None:
    hits: dict[str, int] = crawled["hits"]
    for url in LISTS:
        assert hits.get(url[len(BASE) :]) == 1, url
    assert hits.get("/robots.txt", 0) >= 1
