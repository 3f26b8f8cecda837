"""Every request ends in an outcome, redirects included: a redirect loop, a redirect to another
host (or to ``[::1]``), a ``<meta http-equiv=refresh>`` off-site or to a URL already fetched,
and an attachment that redirects off-site each end as a document or an error row with its kind
— none is dropped without a trace. A real crawl (``python -m xxgk crawl``) of a small site
served on localhost."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from mirror.server import serve_dir

BASE = "https://redir.km.gov.cn"
SITE = "km_redirects"


def km_page(title: str, body: str, head: str = "") -> str:
    """A detail page in the Kunming CMS layout (the structure of the km_yjj fixtures)."""
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>{title}</title>{head}</head>
<body><div class="content"><div class="content-table"><table>
<tr><td>索引号：</td><td>745280713-202401-000001</td><td>主题分类：</td><td>通知公告</td></tr>
<tr><td>发布机构：</td><td>昆明市应急管理局</td><td>发布日期：</td><td>2024-01-01</td></tr>
<tr><td>名 称：</td><td colspan="3">{title}</td></tr></table></div>
<div class="title-box"><h2>{title}</h2><p>发布时间：2024-01-01 10:00</p></div>
<div class="activity">{body}</div></div></body></html>"""


ROUTES = """
[[route]]
path = "/c/2024-01-02/2.shtml"
status = 302
redirect = "/c/2024-01-02/2b.shtml"

[[route]]
path = "/c/2024-01-02/2b.shtml"
status = 302
redirect = "/c/2024-01-02/2.shtml"

[[route]]
path = "/c/2024-01-03/3.shtml"
status = 301
redirect = "https://elsewhere.example.com/x.shtml"

[[route]]
path = "/c/2024-01-04/4.shtml"
status = 302
redirect = "http://[::1]:9/c/2024-01-04/4.shtml"

[[route]]
path = "/upload/a.pdf"
status = 302
redirect = "https://elsewhere.example.com/a.pdf"
"""


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Database]:
    root = tmp_path_factory.mktemp("redirects")
    site = root / "site"
    (site / "list").mkdir(parents=True)
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (site / "routes.toml").write_text(ROUTES)
    items = "".join(
        f'<li><a href="/c/2024-01-0{n}/{n}.shtml">文件{n}</a><span>2024-01-0{n}</span></li>'
        for n in range(1, 7)
    )
    (site / "list" / "index.shtml").write_text(
        f'<html><body><ul id="newslist">{items}</ul></body></html>', "utf-8"
    )
    pages = {
        1: km_page("关于做好防汛工作的通知",
                   '<p>请做好防汛准备。</p><a href="/upload/a.pdf">附件.pdf</a>'),
        5: km_page("已迁移", "<p>本页已迁移。</p>",
                   '<meta http-equiv="refresh" content="0;url=https://elsewhere.example.com/">'),
        6: km_page("跳转", "<p>跳转中。</p>",
                   '<meta http-equiv="refresh" content="0;url=/c/2024-01-01/1.shtml">'),
    }  # fmt: skip
    for n, html in pages.items():
        path = site / "c" / f"2024-01-0{n}" / f"{n}.shtml"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, "utf-8")
    sites = root / "sites"
    sites.mkdir()
    (sites / f"{SITE}.toml").write_text(
        f'id = "{SITE}"\nname = "跳转测试"\nfamily = "km"\nbase_url = "{BASE}"\n'
        'verified = false\n\n[[columns]]\npath = "/list/index.shtml"\nname = "通知公告"\n',
        "utf-8",
    )
    server = serve_dir(site)
    db_path = root / "archive.db"
    try:
        done = subprocess.run(
            [sys.executable, "-m", "xxgk", "crawl", SITE, "--db", str(db_path), "--base-url",
             server.base_url, "--log-level", "ERROR"],
            capture_output=True, text=True, timeout=300,
            env={**os.environ, "XXGK_SITES_DIR": str(sites)},
        )  # fmt: skip
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    yield Database(db_path)


def error_kinds(db: Database, n: int) -> set[str]:
    url = f"{BASE}/c/2024-01-0{n}/{n}.shtml"
    return {r["kind"] for r in db.query("select kind from errors where url = ?", [url])}


def test_a_redirect_loop_is_an_error(crawled: Database) -> None:
    assert error_kinds(crawled, 2) == {"redirect_loop"}


@pytest.mark.parametrize("n", [3, 4, 5])
def test_a_redirect_to_another_host_is_an_error(crawled: Database, n: int) -> None:
    assert error_kinds(crawled, n) == {"redirect_offsite"}


def test_a_refresh_to_a_fetched_url_is_fetched_again(crawled: Database) -> None:
    rows = list(crawled.query(
        "select outcome from fetches where redirected_from_url = ?",
        [f"{BASE}/c/2024-01-06/6.shtml"],
    ))  # fmt: skip
    assert [r["outcome"] for r in rows] == ["document"]


def test_an_attachment_redirected_off_site_is_not_left_pending(crawled: Database) -> None:
    (row,) = crawled.query("select status from attachments where url = ?",
                           [f"{BASE}/upload/a.pdf"])  # fmt: skip
    assert row["status"] == "redirect_offsite"


def test_every_listed_url_ends_in_an_outcome(crawled: Database) -> None:
    for n in range(1, 7):
        url = f"{BASE}/c/2024-01-0{n}/{n}.shtml"
        documented = crawled.execute(
            "select count(*) from documents where url = ?", [url]
        ).fetchone()[0] or crawled.execute(
            "select count(*) from fetches where outcome = 'document' and"
            " (url = ? or redirected_from_url = ?)", [url, url]
        ).fetchone()[0]  # fmt: skip
        assert documented or error_kinds(crawled, n), url
