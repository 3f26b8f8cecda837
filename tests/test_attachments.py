"""Attachments: reading every kind of file the mirror serves, and a crawl that downloads them.

``tests/fixtures/km_yjj/attachments.json`` says, for every attachment URL of the
mirror, what the archive must make of it (written from the files, not from the code).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mirror.server import MirrorServer
from parsers.attachments import read_download, safe_filename, sniff
from store.files import file_path
from tests.conftest import FIXTURES, expected_records

BASE = "https://yjj.km.gov.cn"
EXPECTED: dict[str, dict[str, Any]] = json.loads(
    (FIXTURES / "km_yjj" / "attachments.json").read_text("utf-8")
)
CAP = 1_000_000  # bytes: the mirror holds one larger file


def fetch(server: MirrorServer, url: str) -> tuple[bytes, dict[str, str]]:
    """GET the mirror's copy of canonical ``url`` the way the crawler receives it."""
    try:
        with urllib.request.urlopen(server.base_url + url[len(BASE) :], timeout=30) as resp:
            raw_headers = resp.headers
            body = resp.read()
    except urllib.error.HTTPError as exc:
        raw_headers, body = exc.headers, exc.read()
    headers = {k: v for k, v in raw_headers.items()}
    return body, headers


def test_every_linked_attachment_is_described() -> None:
    linked = {a["url"] for r in expected_records("km_yjj") for a in r["attachments"]}
    assert linked == set(EXPECTED)
    kinds = {e["detected_type"] for e in EXPECTED.values()}
    assert {"pdf", "docx", "xlsx", "xls", "csv", "txt", "doc", "zip", "rar", "html"} <= kinds


@pytest.mark.parametrize("url", sorted(EXPECTED), ids=lambda u: u.rsplit("/", 1)[-1])
def test_reading_each_file(km_mirror: MirrorServer, url: str) -> None:
    expected = EXPECTED[url]
    body, headers = fetch(km_mirror, url)
    read = read_download(body, url, headers.get("Content-Type"), headers.get("Content-Disposition"))
    content = read.content
    assert content.detected_type == expected["detected_type"]
    assert read.file_name == expected["file_name"]
    if expected["status"] == "too_large":
        return  # only the crawler's size cap says so; read here, it is an ordinary file
    assert content.status == expected["status"], content.reason
    assert read.is_file is (expected["status"] != "not_a_file")
    if content.status != "ok":
        assert content.reason, "a file that gives no text must say why"
    for line in expected["text_contains"]:
        assert line in content.text
    found = {(f.text, f.value, f.unit, f.kind) for f in content.figures}
    for fig in expected["figures"]:
        assert (fig["text"], fig["value"], fig["unit"], fig["kind"]) in found, fig
    for fig in content.figures:
        assert content.text[fig.position : fig.position + len(fig.text)] == fig.text
    if expected.get("tables") is not None:
        assert len(content.tables) >= expected["tables"]
    if expected.get("entries"):
        assert [e["name"] for e in content.entries] == expected["entries"]


def test_file_names_are_made_safe() -> None:
    url = "https://yjj.km.gov.cn/upload/1.pdf"
    assert safe_filename('attachment; filename="../../etc/passwd"', url) == "passwd"
    assert safe_filename('attachment; filename="C:\\\\tmp\\\\x.pdf"', url) == "x.pdf"
    assert safe_filename('attachment; filename="a\x00b<c>.pdf"', url) == "abc.pdf"
    assert safe_filename('attachment; filename=".hidden.pdf"', url) == "hidden.pdf"
    assert safe_filename(None, "https://x/%E9%A2%84%E7%AE%97.pdf") == "预算.pdf"
    long = safe_filename(f'attachment; filename="{"长" * 500}.xlsx"', url)
    assert len(long) == 120 and long.endswith(".xlsx")
    assert safe_filename('attachment; filename=""', url) == "1.pdf"


@pytest.mark.parametrize(
    ("head", "ext", "kind"),
    [(b"%PDF-1.7", "pdf", "pdf"), (b"<!DOCTYPE html><html>", "pdf", "html"),
     (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls", "xls"), (b"Rar!\x1a\x07\x00", "rar", "rar"),
     (b"a,b\n1,2", "csv", "csv"), (b"", "pdf", "empty")],
)  # fmt: skip
def test_sniffing(head: bytes, ext: str, kind: str) -> None:
    assert sniff(head, ext) == kind


# -- a crawl that downloads them -----------------------------------------------------------


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, km_mirror: MirrorServer) -> Path:
    db = tmp_path_factory.mktemp("attachments") / "archive.db"
    run = subprocess.run(
        [sys.executable, "-m", "xxgk.cli", "crawl", "km_yjj", "--base-url", km_mirror.base_url,
         "--db", str(db), "--log-level", "WARNING", "--attachment-max-bytes", str(CAP)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return db


def test_every_attachment_has_its_outcome(crawled: Path) -> None:
    db = Database(crawled)
    rows = {r["url"]: r for r in db.query("select * from attachments")}
    assert set(rows) == set(EXPECTED)
    for url, expected in EXPECTED.items():
        row = rows[url]
        if expected["status"] == "too_large":
            assert row["status"] == "too_large" and row["sha256"] is None, url
            continue
        assert row["file_name"] == expected["file_name"], url
        assert row["detected_type"] == expected["detected_type"], url
        assert row["extraction_status"] == expected["status"], url
        if expected["status"] == "not_a_file":
            assert row["status"] == "not_a_file" and row["sha256"] is None, url
        else:
            assert row["status"] == "ok" and row["sha256"], url


def test_files_are_stored_once_by_content(crawled: Path) -> None:
    db = Database(crawled)
    files_dir = crawled.parent / "files"
    shas = [
        r["sha256"] for r in db.query("select sha256 from attachments where sha256 is not null")
    ]
    assert len(shas) > len(set(shas))  # some file is linked more than once …
    assert db["files"].count == len(set(shas))  # … and stored once
    stored = [p for p in files_dir.rglob("*") if p.is_file()]
    assert len(stored) == len(set(shas))
    for sha in set(shas):
        assert hashlib.sha256(file_path(files_dir, sha).read_bytes()).hexdigest() == sha


def test_bad_downloads_are_errors_not_files(crawled: Path) -> None:
    db = Database(crawled)
    errors = {(r["url"], r["kind"]) for r in db.query("select url, kind from errors")}
    for url, expected in EXPECTED.items():
        if expected["status"] in ("not_a_file", "too_large"):
            assert (url, expected["status"]) in errors


def test_attachment_text_is_searchable_and_gives_figures(crawled: Path) -> None:
    db = Database(crawled)
    figures = list(db.query("select * from figures where source = 'attachment'"))
    assert figures
    expected = {
        (f["text"], f["value"], f["unit"], f["kind"])
        for e in EXPECTED.values()
        for f in e["figures"]
    }
    assert expected <= {(f["text"], f["value"], f["unit"], f["kind"]) for f in figures}
    # a phrase found only in an attachment finds the document that links it
    from store import Archive

    checked = 0
    for url, e in EXPECTED.items():
        if e["status"] != "ok":
            continue
        linking = {
            r["url"]: r["body_text"]
            for r in db.query(
                "select d.url, d.title || d.body_text as body_text from documents d"
                " join attachments a on a.version_id = d.version_id where a.url = ?",
                [url],
            )
        }
        runs = [m for line in e["text_contains"] for m in re.findall(r"[\u4e00-\u9fff]{4,}", line)]
        only_here = [r[:10] for r in runs if not any(r[:10] in body for body in linking.values())]
        if not only_here:
            continue
        docs = {r["url"] for r in Archive.over(db, migrate=False).search(only_here[0], limit=100)}
        assert set(linking) <= docs, (url, only_here[0])
        checked += 1
    assert checked >= 5


def test_archived_files_download_safely(crawled: Path) -> None:
    from tests.test_serve import open_datasette

    ds = open_datasette(crawled)
    db = Database(crawled)
    row = next(db.query("select sha256, file_name from attachments where detected_type = 'pdf'"
                        " and sha256 is not null"))  # fmt: skip
    response = asyncio.run(ds.client.get(f"/-/files/{row['sha256']}"))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert hashlib.sha256(response.content).hexdigest() == row["sha256"]
    for bad in ("0" * 64, "..%2F..%2Fetc%2Fpasswd", "abc"):
        assert asyncio.run(ds.client.get(f"/-/files/{bad}")).status_code == 404
    html = asyncio.run(ds.client.get("/archive/attachments")).text
    assert f'href="/-/files/{row["sha256"]}"' in html
