"""Archive fidelity: WARC capture, versions, deletion tracking, re-parse, crash safety.

Real Scrapy processes crawl a copy of the mirror that the tests change between crawls, the way
government sites change: a page edited, deleted, replaced by a soft 404, walled by an anti-bot
challenge, dropped from its list, restored.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from mirror.server import MirrorServer, copy_site, load_routes, serve_dir, site_dir, start
from store.warc import iter_responses, read_response
from tests.conftest import expected_records, mirror_file

BASE = "https://yjj.km.gov.cn"
RECORDS = {r["url"]: r for r in expected_records("km_yjj")}
WARCIO = Path(sys.executable).parent / "warcio"
# Rows that a re-parse must rebuild exactly.
DERIVED_TABLES = ("documents", "versions", "figures", "tables", "table_cells", "attachments",
                  "status_changes")  # fmt: skip


def xxgk(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, timeout=timeout
    )


def crawl(db: Path, base_url: str) -> subprocess.CompletedProcess[str]:
    run = xxgk("crawl", "km_yjj", "--base-url", base_url, "--db", str(db), "--log-level",
               "WARNING")  # fmt: skip
    assert run.returncode == 0, run.stderr[-3000:]
    return run


def snapshot(db: Database) -> dict[str, list[dict[str, Any]]]:
    return {t: list(db.query(f"select * from {t} order by id")) for t in DERIVED_TABLES}


@pytest.fixture
def mutable_mirror(tmp_path: Path) -> Iterator[tuple[Path, MirrorServer]]:
    root = tmp_path / "mirror"
    server = serve_dir(copy_site("km_yjj", root))
    yield root, server
    server.shutdown()


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory, km_mirror: MirrorServer) -> Path:
    db = tmp_path_factory.mktemp("fidelity") / "archive.db"
    crawl(db, km_mirror.base_url)
    return db


# -- raw capture ---------------------------------------------------------------------------


def test_every_fetch_points_to_its_warc_record(crawled: Path) -> None:
    db = Database(crawled)
    warc_dir = crawled.parent / "warc"
    fetches = list(db.query("select * from fetches"))
    assert fetches
    for fetch in fetches:
        stored = read_response(warc_dir, fetch["warc_file"], fetch["warc_offset"])
        raw = _raw_payload(warc_dir, fetch)
        assert hashlib.sha256(raw).hexdigest() == fetch["sha256"]
        assert stored.canonical_url == fetch["url"]
        assert stored.status == fetch["status"]
        assert stored.target_uri == fetch["fetch_url"]
    kinds = {f["kind"] for f in fetches}
    assert {"list", "detail", "robots"} <= kinds
    # the first, failed attempt of the flaky page is captured too, though it was retried
    flaky = [f for f in fetches if f["url"].endswith("/3900004.shtml")]
    assert [f["status"] for f in flaky] == [500, 200]
    assert [f["outcome"] for f in flaky] == [None, "document"]
    redirect = [f for f in fetches if f["url"].endswith("/3900006.shtml")]
    assert [f["status"] for f in redirect] == [301]


def _raw_payload(warc_dir: Path, fetch: dict[str, Any]) -> bytes:
    return read_response(warc_dir, fetch["warc_file"], fetch["warc_offset"]).body


def test_warc_files_read_with_standard_tools(crawled: Path) -> None:
    files = sorted((crawled.parent / "warc").glob("*.warc.gz"))
    assert files
    responses = 0
    for path in files:
        check = subprocess.run([str(WARCIO), "check", "-v", str(path)], capture_output=True,
                               text=True)  # fmt: skip
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr[-2000:]
        assert "digest pass" in check.stdout
        index = subprocess.run([str(WARCIO), "index", str(path)], capture_output=True, text=True)
        assert index.returncode == 0, index.stderr
        lines = [json.loads(line) for line in index.stdout.splitlines()]
        assert lines[0]["warc-type"] == "warcinfo"
        responses += sum(1 for line in lines if line["warc-type"] == "response")
        assert sum(1 for line in lines if line["warc-type"] == "request") == sum(
            1 for line in lines if line["warc-type"] == "response"
        )
    assert responses == Database(crawled)["fetches"].count


def test_warc_files_rotate_by_size(tmp_path: Path, km_mirror: MirrorServer) -> None:
    db = tmp_path / "archive.db"
    run = xxgk("crawl", "km_yjj", "--base-url", km_mirror.base_url, "--db", str(db),
               "--log-level", "WARNING", "--warc-max-bytes", "50000")  # fmt: skip
    assert run.returncode == 0, run.stderr[-2000:]
    files = sorted((tmp_path / "warc").glob("*.warc.gz"))
    assert len(files) > 3
    # a file is closed once it passes the limit: it overshoots by at most one exchange
    largest = Database(db).execute("select max(warc_length) from fetches").fetchone()[0]
    assert all(f.stat().st_size < 50000 + 2 * largest for f in files)
    assert sum(1 for f in files for _ in iter_responses(f)) == Database(db)["fetches"].count


# -- re-parse ------------------------------------------------------------------------------


def test_reparse_reproduces_the_crawl(tmp_path: Path, crawled: Path) -> None:
    db_path = tmp_path / "archive.db"
    shutil.copy(crawled, db_path)
    shutil.copytree(crawled.parent / "warc", tmp_path / "warc")
    before = snapshot(Database(db_path))
    assert before["documents"] and before["figures"] and before["status_changes"]
    # every response that gave a document is parsed again: each archived page once, and the
    # moved page (3900006 -> 3900007) a second time through its redirect, which is followed
    # even though its target was fetched from the list too
    responses = (
        Database(db_path)
        .execute("select count(*) from fetches where outcome = 'document'")
        .fetchone()[0]
    )
    assert responses == len(RECORDS) + 1
    run = xxgk("reparse", "--db", str(db_path))
    assert run.returncode == 0, run.stderr[-2000:]
    assert f"{responses} documents" in run.stdout
    assert Database(db_path)["documents"].count == len(RECORDS)
    assert snapshot(Database(db_path)) == before


def test_reparse_needs_only_the_warc_files(tmp_path: Path, crawled: Path) -> None:
    """Damage every stored body in a copy of the database's view of the world: the parse must
    come from the WARC records, not from anything cached in the database."""
    db_path = tmp_path / "archive.db"
    shutil.copy(crawled, db_path)
    shutil.copytree(crawled.parent / "warc", tmp_path / "warc")
    db = Database(db_path)
    with db.conn:
        db.execute("update documents set body_text = 'x', title = 'x'")
        db.execute("update versions set body_text = 'x', title = 'x'")
    run = xxgk("reparse", "--db", str(db_path))
    assert run.returncode == 0, run.stderr[-2000:]
    titles = {r["url"]: r["title"] for r in Database(db_path).query("select * from documents")}
    assert titles == {url: rec["title"] for url, rec in RECORDS.items()}


# -- versions and deletion tracking --------------------------------------------------------


def _page(root: Path, url: str) -> Path:
    return root / url[len(BASE) :].lstrip("/")


def _drop_from_lists(root: Path, url: str) -> None:
    path = url[len(BASE) :]
    for listing in root.glob("zfxxgk/fdzdgknr/*/index*.shtml"):
        lines = listing.read_text("utf-8").splitlines(keepends=True)
        kept = [line for line in lines if f'href="{path}"' not in line
                and f'href="{url}"' not in line]  # fmt: skip
        listing.write_text("".join(kept), "utf-8")


def _status(db: Database, url: str) -> str:
    return str(db.execute("select status from documents where url = ?", [url]).fetchone()[0])


def _utf8_pages(n: int) -> list[str]:
    """``n`` ordinary UTF-8 pages with a title and a body, none involved in a special route."""
    routes = load_routes(site_dir("km_yjj")).values()
    special = {BASE + r.path for r in routes} | {BASE + r.redirect for r in routes if r.redirect}
    chosen = []
    for url, rec in sorted(RECORDS.items()):
        text = mirror_file("km_yjj", url).read_bytes()[:600].lower()
        if url not in special and rec["title"] and rec["body_text"] and b"utf-8" in text:
            chosen.append(url)
    assert len(chosen) >= n
    return chosen[:n]


def test_mirror_states_make_versions_and_statuses(
    tmp_path: Path, mutable_mirror: tuple[Path, MirrorServer]
) -> None:
    root, server = mutable_mirror
    db_path = tmp_path / "archive.db"
    pages = _utf8_pages(12)
    # the edited page has a table: its new version brings its own tables and figures
    edited = next(url for url in pages if "\t" in RECORDS[url]["body_text"])
    cosmetic, deleted, soft, walled, unlisted, vanished = [u for u in pages if u != edited][:6]

    crawl(db_path, server.base_url)  # night 1: everything live
    db = Database(db_path)
    assert db["versions"].count == len(RECORDS)
    assert {r["status"] for r in db.query("select status from documents")} == {"live"}

    # night 2: the site changes
    page = _page(root, edited)
    title = RECORDS[edited]["title"]
    page.write_text(page.read_text("utf-8").replace(title, title + "（修订）"), "utf-8")
    page = _page(root, cosmetic)
    html = page.read_text("utf-8")
    html = html.replace("浏览次数：", "浏览次数：<b>98765</b>").replace("<p", "\n  <p")
    html = html.replace("</head>", '<meta name="others" content="页面生成时间 2026-01-02 03:04:05">'
                        "</head>")  # fmt: skip
    page.write_text(html, "utf-8")
    deleted_bytes = _page(root, deleted).read_bytes()
    _page(root, deleted).unlink()
    shutil.copy(root / "c/2021-05-11/3900002.shtml", _page(root, soft))
    with (root / "routes.toml").open("a", encoding="utf-8") as routes:
        routes.write(
            f'\n[[route]]\npath = "{walled[len(BASE) :]}"\nstatus = 412\n'
            'file = "_mirror/412.html"\n'
        )
    server.reload_routes()
    _drop_from_lists(root, unlisted)
    _drop_from_lists(root, vanished)
    _page(root, vanished).unlink()
    crawl(db_path, server.base_url)

    db = Database(db_path)
    assert db["documents"].count == len(RECORDS)  # nothing is ever deleted
    versions = {
        r["url"]: r["n"]
        for r in db.query(
            "select d.url, count(*) as n from versions v join documents d on d.id = v.document_id"
            " group by d.url"
        )
    }
    assert versions[edited] == 2
    assert all(n == 1 for url, n in versions.items() if url != edited)
    latest = db.execute(
        "select v.changed_fields, d.title from documents d join versions v on v.id = d.version_id"
        " where d.url = ?",
        [edited],
    ).fetchone()
    changes = json.loads(latest[0])
    # the 名称 cell is part of the metadata box; the body may repeat the title
    assert {"title", "metadata"} <= set(changes) <= {"title", "metadata", "body_text"}
    assert changes["title"] == {"old": title, "new": title + "（修订）"}
    assert latest[1] == title + "（修订）"
    tables = db.execute(
        "select v.version_no, count(t.id) from versions v join documents d on d.id = v.document_id"
        " left join tables t on t.version_id = v.id and t.attachment_id is null"
        " where d.url = ? group by v.version_no order by v.version_no",
        [edited],
    ).fetchall()
    assert len(tables) == 2 and tables[0][1] == tables[1][1] > 0
    assert _status(db, edited) == "live" and _status(db, cosmetic) == "live"
    assert _status(db, deleted) == "removed"
    assert _status(db, soft) == "soft_removed"
    assert _status(db, walled) == "blocked"
    assert _status(db, unlisted) == "live"  # re-checked directly: still there
    assert _status(db, vanished) == "removed"  # re-checked directly: gone
    evidence = {
        r["url"]: r
        for r in db.query(
            "select d.url, d.status_http_status, d.status_evidence, f.status as fetch_status"
            " from documents d left join fetches f on f.id = d.status_fetch_id"
        )
    }
    assert evidence[deleted]["status_http_status"] == evidence[deleted]["fetch_status"] == 404
    assert evidence[walled]["status_http_status"] == 412
    assert "不存在" in evidence[soft]["status_evidence"]
    # the deleted document's content is still in the archive
    kept = db.execute(
        "select v.body_text from versions v join documents d on d.id = v.document_id"
        " where d.url = ?",
        [deleted],
    ).fetchone()[0]
    assert kept == RECORDS[deleted]["body_text"]
    rechecked = db.execute(
        "select count(*) from fetches where url = ? and run_id = 2", [unlisted]
    ).fetchone()[0]
    assert rechecked == 1

    # night 3: the deleted page comes back, unchanged
    _page(root, deleted).write_bytes(deleted_bytes)
    crawl(db_path, server.base_url)
    db = Database(db_path)
    assert _status(db, deleted) == "restored"
    history = [
        (r["previous_status"], r["status"])
        for r in db.query(
            "select s.* from status_changes s join documents d on d.id = s.document_id"
            " where d.url = ? order by s.id",
            [deleted],
        )
    ]
    assert history == [(None, "live"), ("live", "removed"), ("removed", "restored")]
    assert versions_of(db, deleted) == 1

    # and a re-parse of all three nights gives the same rows
    before = snapshot(db)
    run = xxgk("reparse", "--db", str(db_path))
    assert run.returncode == 0, run.stderr[-2000:]
    assert snapshot(Database(db_path)) == before


def versions_of(db: Database, url: str) -> int:
    return int(
        db.execute(
            "select count(*) from versions v join documents d on d.id = v.document_id"
            " where d.url = ?",
            [url],
        ).fetchone()[0]
    )


# -- crash safety --------------------------------------------------------------------------


def test_a_killed_crawl_resumes_with_nothing_lost_or_doubled(tmp_path: Path) -> None:
    from datasette.app import Datasette

    seed = random.randrange(1_000_000)
    rng = random.Random(seed)
    server = start("km_yjj", delay=0.02)
    db_path = tmp_path / "archive.db"
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "xxgk.cli", "crawl", "km_yjj", "--base-url", server.base_url,
             "--db", str(db_path), "--log-level", "ERROR"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        # Datasette keeps answering while the crawl writes
        deadline = time.monotonic() + 30
        while not db_path.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(rng.uniform(0.3, 1.5))
        import asyncio

        ds = Datasette([str(db_path)])
        for _ in range(3):
            response = asyncio.run(ds.client.get("/archive/documents.json?_size=1"))
            assert response.status_code == 200, (seed, response.text[:300])
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        killed_at = Database(db_path)["fetches"].count
        run = crawl(db_path, server.base_url)
    finally:
        server.shutdown()
    assert "documents saved" in run.stdout, seed
    db = Database(db_path)
    urls = [r["url"] for r in db.query("select url from documents")]
    assert sorted(urls) == sorted(RECORDS), seed
    assert db.execute(
        "select count(*) from documents d where d.version_id is null or not exists"
        " (select 1 from versions v where v.id = d.version_id and v.document_id = d.id)"
    ).fetchone()[0] == 0, seed  # fmt: skip
    assert db.execute(
        "select count(*) from versions group by document_id having count(*) > 1"
    ).fetchall() == [], seed  # fmt: skip
    for table in ("figures", "tables", "attachments"):
        orphans = db.execute(
            f"select count(*) from {table} where version_id not in (select id from versions)"
        ).fetchone()[0]
        assert orphans == 0, (seed, table)
    # every WARC file still reads to its end (a record cut by the kill is skipped with a
    # warning), and every fetch row's record is there
    warc_dir = tmp_path / "warc"
    readable = sum(1 for f in warc_dir.glob("*.warc.gz") for _ in iter_responses(f))
    assert readable >= db["fetches"].count > killed_at, seed
    for fetch in db.query("select warc_file, warc_offset, sha256 from fetches"):
        stored = read_response(warc_dir, fetch["warc_file"], fetch["warc_offset"])
        assert hashlib.sha256(stored.body).hexdigest() == fetch["sha256"], seed


def test_reparse_replays_what_failures_without_a_response_said(
    tmp_path: Path, mutable_mirror: tuple[Path, MirrorServer]
) -> None:
    """A known document that now redirects off-site leaves an error and no response of its
    own; what it said (soft_removed) is replayed in its place, so reparse and a merge keep it."""
    root, server = mutable_mirror
    db_path = tmp_path / "archive.db"
    moved = _utf8_pages(1)[0]
    crawl(db_path, server.base_url)
    with (root / "routes.toml").open("a", encoding="utf-8") as routes:
        routes.write(f'\n[[route]]\npath = "{moved[len(BASE) :]}"\nstatus = 301\n'
                     'redirect = "https://elsewhere.example.com/moved.shtml"\n')  # fmt: skip
    server.reload_routes()
    crawl(db_path, server.base_url)
    db = Database(db_path)
    assert _status(db, moved) == "soft_removed"
    error = db.execute("select kind, fetch_id from errors where url = ?", [moved]).fetchone()
    assert error == ("redirect_offsite", None)
    before = snapshot(db)
    run = xxgk("reparse", "--db", str(db_path))
    assert run.returncode == 0, run.stderr[-2000:]
    assert snapshot(Database(db_path)) == before
