"""A site of a CMS outside the five families, crawled end to end: the jx_wanzai mirror (Ucap /
开普云 pages of www.wanzai.gov.cn) through family detection, the generic detail reader and the
generic list discovery, by a real Scrapy process into a real SQLite file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mirror.server import start
from tests.conftest import FIXTURES, GENERIC_READER, NO_GENERIC_READER, expected_records

SITE = "jx_wanzai"
BASE = "https://www.wanzai.gov.cn"
RECORDS = {r["url"]: r for r in expected_records(SITE)}
# the real saved pages the mirror serves, with the records read from them by hand
REAL = {
    r["url"].replace("http://", "https://", 1): r
    for r in (json.loads(p.read_text("utf-8"))
              for p in sorted((FIXTURES / "real" / "www.wanzai.gov.cn").glob("*.expected.json")))
}  # fmt: skip
REAL_FIELDS = ("title", "index_no", "topic", "publisher", "publish_date", "doc_no",
               "written_date", "validity")  # fmt: skip
FIELDS = (
    "title", "index_no", "topic", "publisher", "publish_date", "doc_no", "body_text",
    "written_date", "validity", "issuer", "doc_type",
)  # fmt: skip

# only until parsers/families/generic.py (family detection and the generic detail reader) is in
pytestmark = pytest.mark.skipif(not GENERIC_READER, reason=NO_GENERIC_READER)


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp_path: Path = tmp_path_factory.mktemp("generic")
    srv = start(SITE)
    try:
        run = subprocess.run(
            [sys.executable, "-m", "xxgk.cli", "crawl", SITE, "--base-url", srv.base_url,
             "--db", str(tmp_path / "archive.db"), "--log-level", "WARNING"],
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


def test_every_document_is_archived_with_its_fields(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = list(db.query("select * from documents"))
    assert sorted(r["url"] for r in rows) == sorted([*RECORDS, *REAL])
    for row in rows:
        if row["url"] in REAL:
            real = REAL[row["url"]]
            for field in REAL_FIELDS:
                if real.get(field) is not None:
                    assert row[field] == real[field], (row["url"], field)
            for phrase in real["body_contains"]:
                assert phrase in row["body_text"], (row["url"], phrase)
            continue
        expected = RECORDS[row["url"]]
        for field in FIELDS:
            assert row[field] == expected.get(field), (row["url"], field)
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
        for url, record in RECORDS.items()
        for a in record["attachments"]
    }
    assert {(r["doc"], r["url"], r["name"], r["ext"]) for r in rows} == expected
    assert {r["ext"] for r in rows} == {"pdf", "xlsx"} and all(r["sha256"] for r in rows)


def test_every_list_page_is_read_once(crawled: dict[str, Any]) -> None:
    hits = crawled["hits"]
    for path in (
        "/wzxrmzf/tjsja/xxgk_list.shtml",
        "/wzxrmzf/tjsja/xxgk_list_2.shtml",
        "/wzxrmzf/tjgb/xxgk_list.shtml",
    ):
        assert hits.get(path) == 1, path
    assert "/robots.txt" in hits


def test_errors_are_recorded(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    errors = {(r["url"], r["kind"]): r["detail"] for r in db.query("select * from errors")}
    assert set(errors) == {
        (f"{BASE}/wzxrmzf/tjsja/202212/0b1c2d3e4f5a4b6c8d9e0f1a2b3c4d5e.shtml", "not_found"),
        (f"{BASE}/wzxrmzf/tjsja/202211/7f6e5d4c3b2a4918a7b6c5d4e3f2a1b0.shtml", "soft_404"),
        # 统计公报 says 共3条 in its createPageHTML(…, 3) and lists two documents
        (f"{BASE}/wzxrmzf/tjgb/xxgk_list.shtml", "list_incomplete"),
    }
    detail = errors[(f"{BASE}/wzxrmzf/tjgb/xxgk_list.shtml", "list_incomplete")]
    assert "3 items" in detail and "listed 2" in detail
