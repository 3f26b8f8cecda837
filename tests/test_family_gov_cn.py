"""The www.gov.cn family: list discovery over the mirror's list pages, the family's traps, and a
real crawl of the mirror into SQLite."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from crawler.profiles import load_profile
from mirror.server import MIRROR_ROOT, MirrorServer, load_routes, start
from parsers import PageError, parse_detail, parse_list
from parsers.families import gov_cn
from tests.conftest import FIXTURES, expected_records, mirror_file

SITE = "gov_cn"
BASE = "https://www.gov.cn"
LISTS: dict[str, dict[str, Any]] = json.loads((FIXTURES / SITE / "lists.json").read_text("utf-8"))
RECORDS = {r["url"]: r for r in expected_records(SITE)}
ROUTES = load_routes(MIRROR_ROOT / SITE)
FIRST_LIST = BASE + load_profile(SITE)["columns"][0]["path"]


def list_page(url: str) -> Any:
    body = (MIRROR_ROOT / SITE / url[len(BASE) + 1 :]).read_bytes()
    return parse_list(body, url, "text/html; charset=utf-8", family="gov_cn")


def detail(url: str, rules: dict[str, Any] | None = None) -> Any:
    body = mirror_file(SITE, url).read_bytes()
    return parse_detail(body, url, "text/html; charset=utf-8", family="gov_cn", rules=rules)


# -- list pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_page_items_in_order(url: str) -> None:
    page = list_page(url)
    expected = LISTS[url]
    assert [i.url for i in page.items] == [e["url"] for e in expected["items"]]
    assert [i.title for i in page.items] == [e["title"] for e in expected["items"]]
    assert [i.date for i in page.items] == [e["date"] for e in expected["items"]]
    assert page.page_count == expected["page_count"] == 3
    assert page.page_urls == expected["page_urls"]


def test_pagination_reveals_every_list_page_and_document() -> None:
    seen: list[str] = []
    queue = [FIRST_LIST]
    found: list[str] = []
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        page = list_page(url)
        found.extend(i.url for i in page.items)
        queue.extend(page.page_urls)
    assert seen == [f"{BASE}/zhengce/zuixin/index{s}.htm" for s in ("", "_1", "_2")]
    errors = {BASE + r.path for r in ROUTES.values() if r.expect_error}
    assert sorted(found) == sorted([*RECORDS, *errors])
    assert len(found) == len(set(found))


def test_list_links_written_every_way_resolve_to_canonical_urls() -> None:
    items = {i.url for url in LISTS for i in list_page(url).items}
    # http://www.gov.cn/… (old entries), https://…, /zhengce/…, ../zhengceku/…, ../202411/…
    assert f"{BASE}/zhengce/content/2016-08/08/content_5098072.htm" in items
    assert f"{BASE}/zhengce/zhengceku/202412/content_6992145.htm" in items
    assert f"{BASE}/zhengce/202411/content_6985600.htm" in items
    assert all(u.startswith(BASE + "/zhengce/") for u in items)


def test_pager_script_names_the_further_pages() -> None:
    html = (
        '<li><h4><a href="./t1.htm">x</a></h4></li>'
        '<script>createPageHTML(4, 2, "list", "shtml");</script>'
    )
    page = gov_cn.FAMILY.parse_list(html, "https://www.gov.cn/zhengce/a/list_2.shtml")
    assert page.page_count == 4
    assert page.page_urls == [
        "https://www.gov.cn/zhengce/a/list_1.shtml",
        "https://www.gov.cn/zhengce/a/list_3.shtml",
    ]
    assert page.items[0].date is None
    fallback = gov_cn.FAMILY.parse_list("<script>var countPage = 2;</script>", BASE + "/zhengce/b/")
    assert fallback.page_urls == [BASE + "/zhengce/b/index_1.htm"]
    single = gov_cn.FAMILY.parse_list(
        '<script>createPageHTML(1, 0, "index", "htm");</script>', FIRST_LIST
    )
    assert (single.page_count, single.page_urls) == (1, [])
    assert gov_cn.FAMILY.parse_list("<ul></ul>", FIRST_LIST).page_urls == []


# -- detail pages ------------------------------------------------------------------------------


def test_phone_copy_of_the_body_is_not_read_twice() -> None:
    url = f"{BASE}/zhengce/content/202411/content_6986101.htm"
    assert mirror_file(SITE, url).read_text("utf-8").count('id="UCAP-CONTENT"') == 2
    doc = detail(url)
    assert doc.body_text == RECORDS[url]["body_text"]
    assert doc.body_text.count("现将《节约用水行动实施方案") == 1
    assert len(doc.attachments) == 3


def test_unlabeled_page_needs_the_profile_rule() -> None:
    url = f"{BASE}/zhengce/content/2019-09/12/content_5429381.htm"
    bare = detail(url)
    assert bare.index_no is None and bare.doc_no is None and bare.metadata == {}
    ruled = detail(url, load_profile(SITE)["detail"])
    assert ruled.index_no == "000014349/2019-00097"
    assert ruled.issuer == ruled.publisher == "国务院办公厅"
    assert ruled.written_date == "2019-09-06"


def test_labels_win_over_the_rule() -> None:
    """The rule only fills what labels left empty, so labelled pages keep their own values."""
    rules = load_profile(SITE)["detail"]
    for url, record in RECORDS.items():
        doc = detail(url, rules)
        assert (doc.title, doc.index_no, doc.publish_date) == (
            record["title"],
            record["index_no"],
            record["publish_date"],
        ), url


def test_firstpublishedtime_completes_only_the_same_day() -> None:
    same_day = detail(f"{BASE}/zhengce/content/2020-07/30/content_5531274.htm")
    assert same_day.publish_date == "2020-07-30T17:47:05+08:00"
    other_day = detail(f"{BASE}/zhengce/content/2020-01/27/content_5472987.htm")
    assert other_day.publish_date == "2020-01-27"


def test_soft_404_page_is_not_a_document() -> None:
    route = next(r for r in ROUTES.values() if r.expect_error == "soft_404")
    with pytest.raises(PageError) as info:
        detail(BASE + route.path)
    assert info.value.kind == "soft_404"


# -- a real crawl of the mirror ----------------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    srv: MirrorServer = start(SITE)
    db_path = tmp_path_factory.mktemp("gov_cn") / "archive.db"
    try:
        run = subprocess.run(
            [
                sys.executable, "-m", "xxgk.cli", "crawl", SITE, "--base-url", srv.base_url,
                "--db", str(db_path), "--log-level", "WARNING",
            ],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        yield {"run": run, "db": Database(db_path), "hits": dict(srv.hits)}
    finally:
        srv.shutdown()


def test_crawl_succeeds(crawled: dict[str, Any]) -> None:
    run = crawled["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    assert crawled["hits"].get("/robots.txt", 0) >= 1


def test_every_document_is_archived_once_with_its_fields(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(db["documents"].rows)
    assert sorted(r["url"] for r in rows) == sorted(RECORDS)
    for row in rows:
        expected = RECORDS[row["url"]]
        for field in (
            "title", "index_no", "topic", "publisher", "publish_date", "doc_no", "body_text",
            "written_date", "validity", "issuer", "doc_type",
        ):  # fmt: skip
            assert row[field] == expected[field], (row["url"], field)
        assert json.loads(row["subject_words"] or "[]") == expected["subject_words"], row["url"]
        assert row["site_id"] == SITE


def test_attachments_are_recorded_and_downloaded(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(
        db.query(
            "select d.url as doc, a.url, a.name, a.ext from attachments a"
            " join documents d on d.id = a.document_id"
        )
    )
    expected = {
        (url, a["url"], a["name"], a["ext"])
        for url, rec in RECORDS.items()
        for a in rec["attachments"]
    }
    assert expected
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected
    downloaded = {r["url"] for r in db.query("select url from fetches where status = 200")}
    assert {a[1] for a in expected} <= downloaded


def test_error_pages_are_recorded_with_their_kind(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    cases = {BASE + r.path: r.expect_error for r in ROUTES.values() if r.expect_error}
    assert set(cases.values()) == {"soft_404", "not_found"}
    found = {(r["url"], r["kind"]) for r in db.query("select url, kind from errors")}
    assert set(cases.items()) <= found
    archived = {r["url"] for r in db.query("select url from documents")}
    assert not archived & set(cases)


def test_no_mirror_url_leaks_into_the_archive(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    for table in ("documents", "attachments", "errors", "fetches"):
        leaked = db.execute(
            f"select count(*) from {table} where url not like 'https://www.gov.cn/%'"
        )
        assert leaked.fetchone()[0] == 0, table


def test_crawl_fetched_only_the_column_pages(crawled: dict[str, Any]) -> None:
    hits: dict[str, int] = crawled["hits"]
    lists = sorted(p for p in hits if p.startswith("/zhengce/zuixin/"))
    assert lists == [
        "/zhengce/zuixin/index.htm",
        "/zhengce/zuixin/index_1.htm",
        "/zhengce/zuixin/index_2.htm",
    ]


def test_title_tag_is_the_last_resort_for_a_title() -> None:
    html = (
        "<html><head><title>国务院关于开展第五次全国经济普查的通知_政府信息公开专栏</title></head>"
        '<body><td class="b12c" id="UCAP-CONTENT"><p>正文。</p></td></body></html>'
    )
    doc = gov_cn.FAMILY.parse_detail(html, f"{BASE}/zhengce/content/2022-11/21/content_5728000.htm")
    assert doc.title == "国务院关于开展第五次全国经济普查的通知"
    assert doc.body_text == "正文。"
