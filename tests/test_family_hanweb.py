"""Hanweb JCMS (www.hangzhou.gov.cn mirror): list discovery through the jpage datastore and the
dataproxy.jsp pages, detail-page specifics, and a real crawl of the mirror."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mirror.server import MIRROR_ROOT, MirrorServer, load_routes, start
from parsers import PageError, parse_detail, parse_list
from tests.conftest import FIXTURES, expected_records, mirror_file

SITE = "zj_hz"
BASE = "https://www.hangzhou.gov.cn"
RECORDS = {r["url"]: r for r in expected_records(SITE)}
LISTS: dict[str, Any] = json.loads((FIXTURES / SITE / "lists.json").read_text("utf-8"))
ROUTES = load_routes(MIRROR_ROOT / SITE)
COLUMNS = [
    f"{BASE}/col/col1229063383/index.html",
    f"{BASE}/col/col1229063387/index.html",
]


def _content_type(url: str) -> str:
    path = url[len(BASE) :].replace("?", "@", 1)
    route = ROUTES.get(path)
    if route is not None and route.content_type:
        return route.content_type
    return "text/html; charset=utf-8"


def _list(url: str) -> Any:
    return parse_list(mirror_file(SITE, url).read_bytes(), url, _content_type(url), family="hanweb")


def _detail(url: str) -> Any:
    return parse_detail(
        mirror_file(SITE, url).read_bytes(), url, _content_type(url), family="hanweb"
    )


# -- lists ---------------------------------------------------------------------------------------


def test_mirror_has_enough_pages() -> None:
    assert len(RECORDS) >= 12
    for column in COLUMNS:
        assert column in LISTS
        assert LISTS[column]["page_count"] >= 3


@pytest.mark.parametrize("url", sorted(LISTS))
def test_list_page_items_in_order(url: str) -> None:
    page = _list(url)
    expected = LISTS[url]
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (i["url"], i["title"], i["date"]) for i in expected["items"]
    ]
    assert page.page_count == expected["page_count"]
    assert page.page_urls == expected["page_urls"]


def test_column_page_reveals_the_dataproxy_pages() -> None:
    page = _list(COLUMNS[0])
    assert page.page_urls == [
        f"{BASE}/module/web/jpage/dataproxy.jsp?startrecord={s}&endrecord={s + 4}&perpage=5"
        "&col=1&appid=1&webid=149&path=/&columnid=1229063383&sourceContentType=1"
        "&unitid=7264376&webname=%E6%9D%AD%E5%B7%9E%E5%B8%82&permissiontype=0"
        for s in (6, 11)
    ]


def test_pagination_reveals_every_list_page() -> None:
    seen: set[str] = set()
    queue = list(COLUMNS)
    while queue:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        assert mirror_file(SITE, url).is_file(), url
        queue.extend(_list(url).page_urls)
    assert seen == set(LISTS)
    listed = {item.url for url in seen for item in _list(url).items}
    assert set(RECORDS) <= listed


def test_full_title_comes_from_the_title_attribute() -> None:
    raw = mirror_file(SITE, COLUMNS[0]).read_text("utf-8")
    page = _list(COLUMNS[0])
    long_titles = [i.title for i in page.items if len(i.title) > 26]
    assert long_titles
    for title in long_titles:
        assert f">{title}</a>" not in raw  # the link text is cut short with "..."
        assert f'title="{title}"' in raw


def test_list_from_ids_in_the_script_and_visible_rows() -> None:
    url = f"{BASE}/col/col1229063999/index.html"
    html = """<html><body><div id="7264999"><script type="text/xml"><datastore>
    <recordset><record><![CDATA[<li><a href="/art/2023/1/5/art_1229063999_1.html" title="T 1">T</a>
    <span>2023-01-05</span></li>]]></record></recordset></datastore></script></div>
    <script>var unitid = '7264999'; var webid = 149; $('#7264999').jpage({totalRecord:31,
    perPage:15});</script></body></html>"""
    page = parse_list(html.encode(), url, family="hanweb")
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (f"{BASE}/art/2023/1/5/art_1229063999_1.html", "T 1", "2023-01-05")
    ]
    assert page.page_count == 3
    assert page.page_urls[0] == (
        f"{BASE}/module/web/jpage/dataproxy.jsp?startrecord=16&endrecord=30&perpage=15&col=1"
        "&appid=1&webid=149&path=/&columnid=1229063999&sourceContentType=1&unitid=7264999"
    )
    visible = """<html><body><ul class="list">
    <li><a href="/art/2023/2/1/art_1229063999_2.html" title="Full">F…</a>
    <span>2023-02-01</span></li>
    <li><a href="/col/col1/index.html">not an article</a></li></ul></body></html>"""
    page = parse_list(visible.encode(), url, family="hanweb")
    assert [(i.url, i.title, i.date) for i in page.items] == [
        (f"{BASE}/art/2023/2/1/art_1229063999_2.html", "Full", "2023-02-01")
    ]


# -- details -------------------------------------------------------------------------------------


def test_body_is_what_lies_between_the_content_markers() -> None:
    url = f"{BASE}/art/2023/3/21/art_1229063383_1839234.html"
    raw = mirror_file(SITE, url).read_text("utf-8")
    assert 'name="ContentStart"' in raw and "打印本页" in raw and "字号" in raw
    doc = _detail(url)
    assert doc.body_text == RECORDS[url]["body_text"]
    for chrome in ("打印本页", "关闭窗口", "分享到", "字号"):
        assert chrome not in doc.body_text


def test_markers_inside_paragraphs() -> None:
    url = f"{BASE}/art/2023/8/22/art_1229063383_1843091.html"
    doc = _detail(url)
    assert doc.body_text.startswith("各区、县（市）人民政府")
    assert doc.body_text.endswith("本决定自公布之日起施行。")


def test_downfile_links_are_attachments() -> None:
    url = f"{BASE}/art/2023/6/12/art_1229063383_1841630.html"
    doc = _detail(url)
    assert [(a.url.rsplit("/", 1)[1], a.ext) for a in doc.attachments] == [
        ("downfile.jsp?classid=0&filename=2306121548213.docx", "docx"),
        ("b3a4c1d2e5f64718a9b0c1d2e3f40516.xlsx", "xlsx"),
        ("downfile.jsp?filename=2306121548999.pdf&classid=0", "pdf"),
    ]


def test_unlabeled_metadata_needs_the_profile_rule() -> None:
    url = f"{BASE}/art/2023/5/29/art_1229063383_1840881.html"
    bare = _detail(url)
    assert bare.index_no is None and bare.metadata == {}
    from crawler.profiles import load_profile

    rules = load_profile(SITE)["detail"]
    body = mirror_file(SITE, url).read_bytes()
    doc = parse_detail(body, url, "text/html; charset=utf-8", family="hanweb", rules=rules)
    assert doc.index_no == RECORDS[url]["index_no"]
    assert doc.written_date == RECORDS[url]["written_date"]


@pytest.mark.parametrize(
    ("path", "kind"), [(r.path, r.expect_error) for r in ROUTES.values() if r.expect_error]
)
def test_error_pages_are_not_documents(path: str, kind: str) -> None:
    route = ROUTES[path]
    file = MIRROR_ROOT / SITE / (route.file or path.lstrip("/"))
    if route.status != 200:
        assert kind == "not_found" and route.status == 404
        return
    with pytest.raises(PageError) as info:
        parse_detail(file.read_bytes(), BASE + path, family="hanweb")
    assert info.value.kind == kind


def test_second_profile_fixture() -> None:
    records = expected_records("js_gov")
    assert len(records) == 1
    url = records[0]["url"]
    doc = parse_detail(mirror_file("js_gov", url).read_bytes(), url, family="hanweb")
    assert doc.publish_date == "2023-05-12T16:35:00+08:00"
    assert doc.written_date == "2023-05-09"
    assert "打印本页" not in doc.body_text


# -- a real crawl ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mirror() -> Iterator[MirrorServer]:
    srv = start(SITE)
    yield srv
    srv.shutdown()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, mirror: MirrorServer) -> dict[str, Any]:
    db_path: Path = tmp_path_factory.mktemp("hanweb") / "archive.db"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "xxgk.cli",
            "crawl",
            SITE,
            "--base-url",
            mirror.base_url,
            "--db",
            str(db_path),
            "--log-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return {"run": run, "db": Database(db_path), "hits": dict(mirror.hits)}


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
        for field in (
            "title",
            "index_no",
            "topic",
            "publisher",
            "publish_date",
            "doc_no",
            "body_text",
            "written_date",
            "validity",
            "issuer",
            "doc_type",
        ):
            assert row[field] == expected[field], (row["url"], field)
        assert json.loads(row["keywords"]) == expected["keywords"]
        assert json.loads(row["subject_words"] or "[]") == expected["subject_words"]
        assert row["site_id"] == SITE


def test_every_list_page_was_fetched(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    fetched = {r["url"] for r in db.query("select url from fetches where status = 200")}
    assert set(LISTS) <= fetched
    hits: dict[str, int] = crawled["hits"]
    proxy_hits = [p for p in hits if p.startswith("/module/web/jpage/dataproxy.jsp@")]
    assert len(proxy_hits) == len(LISTS) - len(COLUMNS)
    assert all(hits[p] == 1 for p in proxy_hits)


def test_attachments_are_recorded(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = db.query(
        "select d.url as doc, a.url, a.name, a.ext from attachments a"
        " join documents d on d.id = a.document_id"
    )
    expected = {
        (url, a["url"], a["name"], a["ext"])
        for url, rec in RECORDS.items()
        for a in rec["attachments"]
    }
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected


def test_errors_are_recorded_with_their_kind(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    found = {(r["url"], r["kind"]) for r in db.query("select url, kind from errors")}
    cases = {(BASE + r.path, r.expect_error) for r in ROUTES.values() if r.expect_error}
    assert ("soft_404" in {k for _, k in cases}) and cases <= found
    assert not {k for _, k in found} & {"empty_list", "parse_error", "http_error"}
    archived = {r["url"] for r in db.query("select url from documents")}
    assert not archived & {u for u, _ in cases}


def test_robots_txt_is_read(crawled: dict[str, Any]) -> None:
    assert crawled["hits"].get("/robots.txt", 0) >= 1
