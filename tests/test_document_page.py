"""The document page and the sanitized archived copy, on a real crawl.

A copy of the km_yjj mirror, one page of which carries injected script, event handlers,
javascript: links, a frame, a style sheet and remote images, is crawled by the real spider. The
document then gets a second, edited version (written to the WARC capture like a re-crawl) and a
404 (``store.observe``). Datasette runs in-process with the metadata, plugins and templates that
``xxgk serve`` uses.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette
from sqlite_utils import Database

import store
from mirror.server import copy_site, serve_dir
from parsers import parse_detail
from store import Archive
from store.warc import RotatingWarcWriter
from tests.test_archive_fidelity import crawl
from tests.test_serve import cli_args, cli_settings

URL = "https://yjj.km.gov.cn/c/2022-06-17/4116630.shtml"
PAGE = "c/2022-06-17/4116630.shtml"
TITLE = "昆明市应急管理局2021年部门整体支出绩效自评报告"
NEW_TITLE = TITLE + "（修订）"
MARKER = "注入测试段落"
HTML_TYPE = "text/html; charset=utf-8"
EVIL = (
    f"<p>{MARKER}<script>alert(1)</script>"
    '<img src="https://evil.example/x.png" onerror="alert(1)">'
    '<a href="javascript:alert(1)">x</a>'
    '<a href="https://evil.example/phish">外部链接</a>'
    '<iframe src="https://evil.example/frame"></iframe>'
    "<style>body{background:url(https://evil.example/bg.png)}</style>"
    '<span onmouseover="alert(1)" style="background:url(https://evil.example/s.png)">悬停</span>'
    '<object data="https://evil.example/o.swf"></object>'
    '<form action="https://evil.example/post"><input name="q"></form></p>'
)
V2_AT = "2030-01-01T00:00:00+00:00"
GONE_AT = "2030-02-01T00:00:00+00:00"


def open_datasette(db_path: Path) -> Datasette:
    """Datasette as ``xxgk serve`` configures it (the packaged plugin, the launcher's
    settings)."""
    return Datasette([str(db_path)], settings=cli_settings(cli_args(db_path)))


def fetch(ds: Datasette, path: str) -> httpx.Response:
    response: httpx.Response = asyncio.run(ds.client.get(path))
    return response


def record(
    db: Database,
    writer: RotatingWarcWriter,
    body: bytes,
    status: int,
    at: str,
) -> int:
    """Capture a response for URL as the crawler would: WARC record, then fetches row."""
    capture = writer.write(
        target_uri=URL,
        fetched_at=at,
        method="GET",
        request_headers=[("Host", "yjj.km.gov.cn")],
        status=status,
        reason="OK" if status == 200 else "Not Found",
        response_headers=[("Content-Type", HTML_TYPE)],
        body=body,
        extra={"XXGK-Canonical-URL": URL, "XXGK-Site": "km_yjj", "XXGK-Page-Kind": "detail"},
    )
    return Archive.over(db, migrate=False).save_fetch(
        store.Fetch(
            site_id="km_yjj",
            url=URL,
            fetch_url=URL,
            kind="detail",
            fetched_at=at,
            status=status,
            sha256=capture.payload_sha256,
            bytes=len(body),
            content_type=HTML_TYPE,
            warc_file=capture.warc_file,
            warc_offset=capture.offset,
            warc_length=capture.length,
            warc_record_id=capture.record_id,
        ),
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("document_page")
    mirror = tmp / "mirror"
    copy_site("km_yjj", mirror)
    page = mirror / PAGE
    html = page.read_text("utf-8")
    anchor = '<div class="activity" id="zoom">'
    assert anchor in html
    page.write_text(html.replace(anchor, anchor + EVIL, 1), "utf-8")
    server = serve_dir(mirror)
    db_path = tmp / "archive.db"
    try:
        crawl(db_path, server.base_url)
    finally:
        server.shutdown()
    db = Database(db_path)
    doc = db.execute("select id, fetch_id from documents where url = ?", [URL]).fetchone()
    assert doc is not None, "the injected page was not archived"
    first_fetch = doc[1]
    # a second version: the page edited (title and body), captured like a re-crawl
    edited = page.read_bytes().replace(TITLE.encode(), NEW_TITLE.encode())
    edited = edited.replace("96.5分".encode(), "97.5分".encode())
    writer = RotatingWarcWriter(tmp / "warc", "xxgk-km_yjj-test")
    v2_fetch = record(db, writer, edited, 200, V2_AT)
    saved = Archive.over(db, migrate=False).save_document(
        "km_yjj", parse_detail(edited, URL, HTML_TYPE), v2_fetch, V2_AT
    )
    assert saved.new_version and "title" in saved.changed
    # then the page disappears: a 404 is the evidence
    gone = "<html><body><h1>404 Not Found</h1><p>页面不存在</p></body></html>".encode()
    gone_fetch = record(db, writer, gone, 404, GONE_AT)
    writer.close()
    assert Archive.over(db, migrate=False).observe(
        URL, "not_found", gone_fetch, 404, "HTTP 404 页面不存在", GONE_AT
    )
    db.close()
    return {
        "path": db_path,
        "id": doc[0],
        "first_fetch": first_fetch,
        "v2_fetch": v2_fetch,
        "v2_sha": hashlib.sha256(edited).hexdigest(),
        "gone_fetch": gone_fetch,
    }


@pytest.fixture(scope="module")
def ds(archive: dict[str, Any]) -> Datasette:
    return open_datasette(archive["path"])


@pytest.fixture(scope="module")
def page(ds: Datasette, archive: dict[str, Any]) -> str:
    response = fetch(ds, f"/archive/documents/{archive['id']}")
    assert response.status_code == 200, response.text[:500]
    return response.text


def section(html: str, name: str) -> str:
    start = html.index(f'<section id="{name}">')
    return html[start : html.index("</section>", start)]


def test_document_page_shows_title_metadata_and_body(page: str) -> None:
    assert f">{NEW_TITLE}</h1>" in page
    metadata = section(page, "metadata")
    for label, value in (
        ("索引号", "745280713-202206-792970"),
        ("主题分类", "财政预决算"),
        ("发布机构", "昆明市应急管理局"),
        ("名称", NEW_TITLE),
    ):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in metadata, label
    assert "<dd>绩效自评、部门整体支出、2021年度</dd>" in metadata
    body = section(page, "body")
    assert MARKER in body and "自评得分97.5分" in body
    assert "<script" not in body


def test_document_page_shows_provenance(page: str, archive: dict[str, Any]) -> None:
    db = Database(archive["path"])
    fetch_row = db.table("fetches").get(archive["v2_fetch"])
    provenance = section(page, "provenance")
    assert f'href="{URL}"' in provenance and f">{URL}</a>" in provenance
    assert fetch_row["fetched_at"] == V2_AT and V2_AT in provenance
    assert fetch_row["sha256"] == archive["v2_sha"]
    assert archive["v2_sha"] in provenance
    assert fetch_row["warc_file"] in provenance
    # links: the original page, and the archived copy of the fetch
    assert f'<a href="{URL}" rel="noopener noreferrer nofollow" class="doc-original">' in page
    assert f'href="/-/archived/{archive["v2_fetch"]}" class="doc-archived"' in page


def test_document_page_shows_figures_tables_and_attachments(
    page: str, archive: dict[str, Any]
) -> None:
    db = Database(archive["path"])
    version_id = db.table("documents").get(archive["id"])["version_id"]
    figures = section(page, "figures")
    for (text,) in db.execute(
        "select text from figures where version_id = ? and attachment_id is null", [version_id]
    ).fetchall():
        assert f"<td>{text}</td>" in figures
    assert "部门预算总收入" in figures
    tables = section(page, "tables")
    assert "2021年部门预算收支执行情况表（单位：万元）" in tables
    assert "<td>基本支出</td><td>1367.52</td>" in tables
    attachments = section(page, "attachments")
    rows = list(
        db.query("select * from attachments where version_id = ? and status = 'ok'", [version_id])
    )
    assert rows
    for row in rows:
        assert f'<a href="/-/files/{row["sha256"]}" download>' in attachments
        assert row["url"] in attachments
    download = fetch(open_datasette(archive["path"]), f"/-/files/{rows[0]['sha256']}")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == rows[0]["sha256"]


def test_document_page_shows_version_history(page: str, archive: dict[str, Any]) -> None:
    versions = section(page, "versions")
    assert "版本 2 · " + V2_AT in versions and "版本 1 · " in versions
    assert versions.index("版本 2") < versions.index("版本 1")  # newest first
    change = versions[versions.index('<tr class="doc-change">') :]
    assert "(title)" in change
    assert f"<td>{TITLE}</td><td>{NEW_TITLE}</td>" in change
    assert "(body_text)" in versions and "+" in versions and "97.5分" in versions
    assert f'href="/-/archived/{archive["first_fetch"]}"' in versions
    assert f'href="/-/archived/{archive["v2_fetch"]}"' in versions


def test_document_page_shows_status_with_evidence(page: str, archive: dict[str, Any]) -> None:
    status = section(page, "status")
    assert '<span class="doc-status doc-status-removed">removed</span>' in status
    assert "HTTP 404" in status and "HTTP 404 页面不存在" in status
    assert GONE_AT in status
    assert "live → removed" in status
    assert f'href="/-/archived/{archive["gone_fetch"]}"' in status
    gone = fetch(open_datasette(archive["path"]), f"/-/archived/{archive['gone_fetch']}")
    assert gone.status_code == 200 and "页面不存在" in gone.text and "HTTP 404" in gone.text


def test_other_rows_keep_the_default_page(ds: Datasette, archive: dict[str, Any]) -> None:
    response = fetch(ds, f"/archive/fetches/{archive['first_fetch']}")
    assert response.status_code == 200 and 'class="doc-page"' not in response.text
    assert fetch(ds, "/archive/documents/999999").status_code == 404
    data = fetch(ds, f"/archive/documents/{archive['id']}.json")
    assert data.status_code == 200 and json.loads(data.text)["rows"]


def test_archived_copy_is_sanitized(ds: Datasette, archive: dict[str, Any]) -> None:
    response = fetch(ds, f"/-/archived/{archive['first_fetch']}")
    assert response.status_code == 200
    assert response.headers["content-security-policy"] == (
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'"
    )
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    lowered = html.lower()
    for bad in ("<script", "onerror", "onclick", "onmouseover", "javascript:", "<iframe",
                "<object", "<form", "<input", "<style", "evil.example", "alert(", "src=",
                "<link", "<meta http-equiv"):  # fmt: skip
        assert bad not in lowered, bad
    # the page's text survives, links to its own site too
    assert MARKER in html and "外部链接" in html and "悬停" in html
    assert "部门整体支出开展了绩效自评" in html
    assert 'href="https://yjj.km.gov.cn/zfxxgk/"' in html
    # the banner says what this is
    db = Database(archive["path"])
    row = db.table("fetches").get(archive["first_fetch"])
    assert f'存档副本 · archived copy of <a href="{URL}"' in html
    assert row["fetched_at"] in html and row["sha256"] in html
    # links to archived attachments go to their downloads
    shas = [r[0] for r in db.execute(
        "select sha256 from attachments where document_id = ? and sha256 is not null",
        [archive["id"]],
    ).fetchall()]  # fmt: skip
    assert shas and any(f'href="/-/files/{sha}"' in html for sha in shas)


def test_archived_copy_of_unknown_or_non_page_fetch_is_404(
    ds: Datasette, archive: dict[str, Any]
) -> None:
    for path in ("/-/archived/999999", "/-/archived/abc", "/-/archived/-1"):
        assert fetch(ds, path).status_code == 404, path
    db = Database(archive["path"])
    robots = db.execute("select id from fetches where kind = 'robots' limit 1").fetchone()
    assert robots is not None
    assert fetch(ds, f"/-/archived/{robots[0]}").status_code == 404
