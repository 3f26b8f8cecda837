"""The crawler against hostile servers, and its own attack surface."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlite_utils import Database

from mirror import server
from parsers.limits import MAX_CONTEXT_CHARS, MAX_FIGURES, MAX_PAGE_BYTES
from tests.conftest import ROOT


def enabled_extensions() -> list[str]:
    """The extensions a crawler built from the project settings enables (in a child process:
    building one installs Twisted's reactor)."""
    code = textwrap.dedent(
        """
        import json
        from scrapy.crawler import CrawlerProcess
        from scrapy.settings import Settings
        from crawler.spiders.xxgk import XxgkSpider

        settings = Settings()
        settings.setmodule("crawler.settings", priority="project")
        settings.set("LOG_ENABLED", False)
        crawler = CrawlerProcess(settings).create_crawler(XxgkSpider)
        crawler._apply_settings()  # what a crawl does first: builds stats and extensions
        print(json.dumps([type(e).__name__ for e in crawler.extensions.middlewares]))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    names: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return names


def test_no_remote_control_or_telnet_extension() -> None:
    names = enabled_extensions()
    assert "CoreStats" in names  # the list is real
    assert "RemoteControl" not in names
    assert "TelnetConsole" not in names


# -- the hostile mirror, crawled end to end ---------------------------------------------------

HOSTILE = ROOT / "mirror" / "hostile"
BASE = "https://hostile.xxgk.test"
PAGE = BASE + "/c/2024-01-01/{}.shtml"
CRAWL_SECONDS = 240  # the whole crawl, pdf_slow.pdf's 3 s time limit included
# every detail page: the document it must give (bounded), or the error kind
DOCUMENTS = ["1001", "1002", "1003", "1004", "1005", "1006", "1008", "1009", "1010", "1011",
             "1012"]  # fmt: skip
ERRORS = {"1007": "too_large"}  # a gzip bomb: 64 MiB behind 64 KiB
# every attachment of 1001 and 1008: (download status, extraction status)
ATTACHMENTS = {
    "ok.csv": ("ok", "ok"),
    "xlsx_corner.xlsx": ("ok", "too_complex"),
    "xlsx_merge.xlsx": ("ok", "too_complex"),
    "docx_amounts.docx": ("ok", "ok"),
    "docx_gridspan.docx": ("ok", "too_complex"),
    "pdf_bomb.pdf": ("ok", "too_complex"),
    "pdf_slow.pdf": ("ok", "timeout"),
    "zip_flipped.zip": ("ok", "corrupt"),
    "nul_name.csv": ("ok", "ok"),
}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    srv = server.start("hostile")
    db_path = tmp_path_factory.mktemp("hostile") / "archive.db"
    env = {
        **os.environ,
        "XXGK_SITES_DIR": str(HOSTILE / "_mirror"),  # the mirror's own profile
        "XXGK_EXTRACT_TIMEOUT": "3",
        "XXGK_MAX_LIST_PAGES": "3",
    }
    cmd = [sys.executable, "-m", "xxgk.cli", "crawl", "hostile", "--base-url", srv.base_url,
           "--db", str(db_path), "--log-level", "WARNING"]  # fmt: skip
    start = time.monotonic()
    try:
        run = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                             timeout=CRAWL_SECONDS * 2)  # fmt: skip
        seconds = time.monotonic() - start
        yield {"run": run, "seconds": seconds, "db": Database(db_path), "hits": dict(srv.hits),
               "path": db_path}  # fmt: skip
    finally:
        srv.shutdown()


def test_the_hostile_crawl_ends_in_bounded_time(hostile: dict[str, Any]) -> None:
    run = hostile["run"]
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert hostile["seconds"] < CRAWL_SECONDS


def test_every_hostile_page_is_a_bounded_document_or_an_error(hostile: dict[str, Any]) -> None:
    db: Database = hostile["db"]
    documents = {r["url"]: r for r in db.query("select id, url, body_text from documents")}
    assert set(documents) == {PAGE.format(n) for n in DOCUMENTS}
    errors = {(r["url"], r["kind"]) for r in db.query("select url, kind from errors")}
    for number, kind in ERRORS.items():
        assert (PAGE.format(number), kind) in errors
    worst = db.execute(
        "select max(n), max(c) from (select count(*) as n, max(length(context)) as c"
        " from figures group by document_id)"
    ).fetchone()
    assert worst[0] <= MAX_FIGURES and worst[1] <= MAX_CONTEXT_CHARS
    assert max(len(r["body_text"]) for r in documents.values()) < MAX_PAGE_BYTES


def test_script_links_never_become_attachments_or_requests(hostile: dict[str, Any]) -> None:
    db: Database = hostile["db"]
    urls = [r["url"] for r in db.query("select url from attachments")]
    assert urls and all(u.startswith(BASE + "/") for u in urls), urls
    first = [r["url"] for r in db.query(
        "select a.url from attachments a join documents d on d.id = a.document_id"
        " where d.url = ?", [PAGE.format("1001")])]  # fmt: skip
    assert first == [BASE + "/upload/ok.csv"]
    hits: dict[str, int] = hostile["hits"]
    assert not [p for p in hits if "alert" in p.lower() or "script" in p.lower()]


def test_every_hostile_file_ends_with_its_status(hostile: dict[str, Any]) -> None:
    db: Database = hostile["db"]
    found = {
        r["url"].rsplit("/", 1)[1]: (r["status"], r["extraction_status"], r)
        for r in db.query("select * from attachments")
    }
    assert set(found) == set(ATTACHMENTS)
    for name, expected in ATTACHMENTS.items():
        status, extraction, row = found[name]
        assert (status, extraction) == expected, (name, row["extraction_reason"])
        assert row["sha256"], name  # archived as it is, whatever its text gave
        if extraction != "ok":
            assert row["extraction_reason"], name
    assert found["nul_name.csv"][2]["file_name"] == "nul_name.csv"


def test_claimed_page_counts_are_capped_and_recorded(hostile: dict[str, Any]) -> None:
    db: Database = hostile["db"]
    (stats,) = [json.loads(r["stats"]) for r in db.query("select stats from crawl_runs")]
    assert stats["xxgk/list_pages_capped"] == 3  # a, b and c each claim too many
    hits: dict[str, int] = hostile["hits"]
    further = [p for p in hits if p.startswith("/zfxxgk/") and "index_" in p]
    # a: its 共N条 allows one more page; b and c: XXGK_MAX_LIST_PAGES = 3
    assert sorted(further) == sorted(
        ["/zfxxgk/a/index_1.shtml"] + [f"/zfxxgk/{c}/index_{n}.shtml" for c in "bc" for n in (1, 2)]
    )


def test_the_archived_gzip_bomb_is_refused_not_unpacked(hostile: dict[str, Any]) -> None:
    import asyncio

    from tests.test_document_page import open_datasette

    db: Database = hostile["db"]
    bomb = db.execute(
        "select id from fetches where url = ? and warc_file is not null", [PAGE.format("1007")]
    ).fetchone()[0]
    page = db.execute(
        "select id from fetches where url = ? and kind = 'detail'", [PAGE.format("1001")]
    ).fetchone()[0]
    ds = open_datasette(hostile["path"])
    start = time.monotonic()
    refused = asyncio.run(ds.client.get(f"/-/archived/{bomb}"))
    assert refused.status_code == 413 and "WARC" in refused.text
    assert time.monotonic() - start < 5
    shown = asyncio.run(ds.client.get(f"/-/archived/{page}"))
    assert shown.status_code == 200 and "正常附件" in shown.text
    assert "javascript:" not in shown.text.lower()
    assert shown.headers["content-security-policy"].startswith("default-src 'none'")
