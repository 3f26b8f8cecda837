"""A real Scrapy process crawls the mirror server into a real SQLite file."""

from __future__ import annotations

import hashlib
import json
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mirror.server import MirrorServer, load_routes, site_dir
from parsers import parse_detail
from tests.conftest import expected_records, mirror_file

BASE = "https://yjj.km.gov.cn"
RECORDS = {r["url"]: r for r in expected_records("km_yjj")}
ROUTES = load_routes(site_dir("km_yjj"))


def crawl(db_path: Path, base_url: str, site: str = "km_yjj") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "xxgk.cli",
            "crawl",
            site,
            "--base-url",
            base_url,
            "--db",
            str(db_path),
            "--log-level",
            "WARNING",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, km_mirror: MirrorServer) -> dict[str, Any]:
    db_path = tmp_path_factory.mktemp("crawl") / "archive.db"
    first = crawl(db_path, km_mirror.base_url)
    db = Database(db_path)
    snapshot = {
        "documents": {r["url"]: r for r in db["documents"].rows},
        "attachments": db["attachments"].count,
    }
    second = crawl(db_path, km_mirror.base_url)
    return {
        "db": Database(db_path),
        "first": first,
        "second": second,
        "after_first": snapshot,
        "hits": dict(km_mirror.hits),
    }


def test_crawl_succeeds(crawled: dict[str, Any]) -> None:
    for run in (crawled["first"], crawled["second"]):
        assert run.returncode == 0, run.stderr[-3000:]
        assert "documents saved" in run.stdout
        assert "Traceback" not in run.stderr
        assert "WARNING" not in run.stderr  # deprecations and misuse show up as warnings


def test_every_mirror_document_is_archived_once(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    urls = [r["url"] for r in db.query("select url from documents")]
    assert sorted(urls) == sorted(RECORDS)
    assert crawled["after_first"]["documents"].keys() == set(RECORDS)


def test_archived_fields_match_the_expected_records(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    for row in db["documents"].rows:
        expected = RECORDS[row["url"]]
        for field in (
            "title",
            "index_no",
            "topic",
            "publisher",
            "publish_date",
            "doc_no",
            "body_text",
        ):
            assert row[field] == expected[field], (row["url"], field)
        assert json.loads(row["keywords"]) == expected["keywords"]
        parts = expected["index_no_parts"] or {}
        assert row["index_no_org"] == parts.get("org_code")
        assert row["site_id"] == "km_yjj"


def test_attachments_are_recorded_with_canonical_urls(crawled: dict[str, Any]) -> None:
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
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected
    assert len(rows) == len(expected)


def test_provenance_of_each_document(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = db.query(
        "select d.url, f.status, f.sha256, f.bytes, f.fetch_url, f.encoding, f.fetched_at"
        " from documents d join fetches f on f.id = d.fetch_id"
    )
    for row in rows:
        raw = mirror_file("km_yjj", row["url"]).read_bytes()
        assert row["status"] == 200
        assert row["sha256"] == hashlib.sha256(raw).hexdigest()
        assert row["bytes"] == len(raw)
        assert row["fetch_url"].startswith("http://127.0.0.1:")
        assert row["encoding"] in ("utf-8", "gb18030")
        assert row["fetched_at"].endswith("+00:00")


def test_no_mirror_url_leaks_into_the_archive(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    for table in ("documents", "attachments", "errors", "fetches"):
        leaked = db.execute(f"select count(*) from {table} where url not like 'https://%'")
        assert leaked.fetchone()[0] == 0, table


def test_each_error_case_is_recorded_with_its_kind(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    cases = {BASE + r.path: r.expect_error for r in ROUTES.values() if r.expect_error}
    assert {
        "not_found",
        "soft_404",
        "blocked",
        "truncated",
        "server_error",
        "robots_disallowed",
    } <= set(cases.values())
    runs = [r["id"] for r in db.query("select id from crawl_runs order by id")]
    assert len(runs) == 2
    for run_id in runs:
        found = {
            (r["url"], r["kind"])
            for r in db.query("select url, kind from errors where run_id = ?", [run_id])
        }
        assert set(cases.items()) <= found, run_id
    archived = {r["url"] for r in db.query("select url from documents")}
    assert not archived & set(cases)


def test_error_details_are_clear(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    for row in db["errors"].rows:
        assert row["detail"], row
        if row["kind"] in ("not_found", "blocked", "server_error"):
            assert row["http_status"] in (404, 410, 412, 521, 500, 502, 503), row


def test_flaky_and_redirected_pages_are_archived(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    archived = {r["url"] for r in db.query("select url from documents")}
    flaky = [BASE + r.path for r in ROUTES.values() if r.fail_first]
    assert flaky and set(flaky) <= archived
    moved = [r for r in ROUTES.values() if r.redirect and not r.expect_error]
    assert moved
    for route in moved:
        assert BASE + route.redirect in archived  # type: ignore[operator]
        fetch = db.execute(
            "select count(*) from fetches where url = ? and redirected_from_url = ?",
            [BASE + route.redirect, BASE + route.path],  # type: ignore[operator]
        ).fetchone()[0]
        assert fetch >= 1


def test_figures_and_tables_are_stored_once(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    expected_figures = expected_tables = 0
    for url in RECORDS:
        route = ROUTES.get(url[len(BASE) :])
        content_type = route.content_type if route and route.content_type else None
        doc = parse_detail(mirror_file("km_yjj", url).read_bytes(), url, content_type)
        expected_figures += len(doc.figures)
        expected_tables += len(doc.tables)
    assert expected_figures and expected_tables
    page_figures = db.execute("select count(*) from figures where attachment_id is null")
    assert page_figures.fetchone()[0] == expected_figures
    page_tables = db.execute("select count(*) from tables where attachment_id is null")
    assert page_tables.fetchone()[0] == expected_tables
    orphans = db.execute(
        "select count(*) from figures where document_id not in (select id from documents)"
    ).fetchone()[0]
    assert orphans == 0


def test_robots_txt_is_obeyed(crawled: dict[str, Any]) -> None:
    hits: dict[str, int] = crawled["hits"]
    assert hits.get("/robots.txt", 0) >= 1
    assert not [path for path in hits if path.startswith("/preview/")]


def test_second_crawl_duplicates_nothing(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    before = crawled["after_first"]
    assert db["attachments"].count == before["attachments"]
    for row in db["documents"].rows:
        assert row["first_seen_at"] == before["documents"][row["url"]]["first_seen_at"]
    assert db.execute("select count(*) from documents_fts").fetchone()[0] == len(RECORDS)
    runs = list(db.query("select * from crawl_runs order by id"))
    assert all(run["finished_at"] for run in runs)
    assert runs[0]["documents"] == runs[1]["documents"] == len(RECORDS)


def test_an_unreachable_site_fails_loudly(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # nothing listens on ``port`` now
    db_path = tmp_path / "archive.db"
    run = crawl(db_path, f"http://127.0.0.1:{port}")
    assert run.returncode == 1
    assert "no document saved" in run.stderr
    kinds = {r["kind"] for r in Database(db_path).query("select kind from errors")}
    assert kinds == {"connection"}
