"""The archive as one owned thing: its locations decided once and honoured by every room, the
packaged site shown by plain ``datasette archive.db``, old archives upgraded in place, and
storage failures that stop a crawl loudly instead of becoming document statuses.

Every test runs the real command line (``python -m xxgk``) in a subprocess against the
bundled www.gov.cn mirror, and reads the resulting SQLite file directly.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from mirror import server
from store import PLUGIN_NAME, Archive, ArchiveConfig
from tests.conftest import FIXTURES, xxgk

SITE = "gov_cn"


@pytest.fixture(scope="module")
def mirror() -> Iterator[str]:
    srv = server.start(SITE)
    yield srv.base_url
    srv.shutdown()


@pytest.fixture(scope="module")
def moved(tmp_path_factory: pytest.TempPathFactory, mirror: str) -> ArchiveConfig:
    """A crawl whose WARC and files folders are not beside the database."""
    root = tmp_path_factory.mktemp("moved")
    config = ArchiveConfig.resolve(root / "db" / "archive.db", root / "capture",
                                   root / "blobs", env={})  # fmt: skip
    done = xxgk("crawl", SITE, "--db", str(config.db_path), "--warc-dir", str(config.warc_dir),
                "--files-dir", str(config.files_dir), "--base-url", mirror,
                "--log-level", "ERROR")  # fmt: skip
    assert done.returncode == 0, done.stderr
    return config


def test_a_crawl_writes_where_it_is_told(moved: ArchiveConfig) -> None:
    beside = moved.db_path.parent
    assert not (beside / "warc").exists() and not (beside / "files").exists()
    assert list(moved.warc_dir.glob("*.warc.gz"))
    db = Database(moved.db_path)
    files = [r["sha256"] for r in db.query("select sha256 from files")]
    assert files and all(moved.file_path(sha).is_file() for sha in files)


def published_get(config: ArchiveConfig, path: str) -> subprocess.CompletedProcess[str]:
    return xxgk("publish", str(config.db_path), "--warc-dir", str(config.warc_dir),
                "--files-dir", str(config.files_dir), "--get", path)  # fmt: skip


def test_the_published_site_serves_archived_copies_and_files_from_moved_folders(
    moved: ArchiveConfig,
) -> None:
    db = Database(moved.db_path)
    doc = next(db.query("select id, fetch_id from documents order by id limit 1"))
    sha = next(db.query("select sha256 from files limit 1"))["sha256"]
    archived = published_get(moved, f"/-/archived/{doc['fetch_id']}")
    assert archived.returncode == 0, archived.stderr
    assert "存档副本 · archived copy" in archived.stdout
    # the plugin reads the folders from plugin_config in the metadata (the launcher's $env)
    configured = Datasette([str(moved.db_path)], metadata={"plugins": {PLUGIN_NAME: {
        "warc_dir": str(moved.warc_dir), "files_dir": str(moved.files_dir)}}})  # fmt: skip
    response = asyncio.run(configured.client.get(f"/-/files/{sha}"))
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == sha
    # without them, the same server cannot find the file: the locations really were used
    plain = Datasette([str(moved.db_path)])
    assert asyncio.run(plain.client.get(f"/-/files/{sha}")).status_code == 404


def test_published_mode_shows_the_document_page(moved: ArchiveConfig) -> None:
    page = published_get(moved, "/archive/documents/1")
    assert page.returncode == 0, page.stderr
    assert '<section id="provenance">' in page.stdout and "WARC" in page.stdout


def test_plain_datasette_shows_the_whole_site(moved: ArchiveConfig) -> None:
    """The packaged plugin: no --metadata, --plugins-dir or --template-dir needed."""
    env = {**os.environ, **moved.to_environment()}

    def get(path: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "datasette", str(moved.db_path), "--get", path],
            capture_output=True, text=True, timeout=120, env=env,
        )  # fmt: skip

    page = get("/archive/documents/1")
    assert page.returncode == 0 and '<section id="provenance">' in page.stdout
    assert "政府信息公开档案" in get("/").stdout  # the packaged metadata's title
    assert get("/-/charts/documents-per-month").returncode == 0
    assert get("/archive/search.json?q=国务院&_shape=array").returncode == 0  # canned query


def test_reparse_reads_the_moved_capture(moved: ArchiveConfig, tmp_path: Path) -> None:
    copy = ArchiveConfig.resolve(tmp_path / "archive.db", moved.warc_dir, moved.files_dir,
                                 env={})  # fmt: skip
    shutil.copy(moved.db_path, copy.db_path)
    before = Database(copy.db_path).execute("select count(*) from documents").fetchone()[0]
    done = xxgk("reparse", "--db", str(copy.db_path), "--warc-dir", str(copy.warc_dir),
                "--files-dir", str(copy.files_dir))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert f"{before} documents" in done.stdout
    missing = xxgk("reparse", "--db", str(copy.db_path))  # warc/ beside it does not exist
    assert missing.returncode == 3 and "No such file" in missing.stderr


def test_an_archive_made_before_migrations_upgrades_in_place(tmp_path: Path) -> None:
    """tests/fixtures/archives/v007: an archive written by the release whose migration runner
    was hand-made (a ``_migrations`` table), crawled from the www.gov.cn mirror."""
    shutil.copytree(FIXTURES / "archives" / "v007", tmp_path / "v007")
    path = tmp_path / "v007" / "archive.db"
    counts = {t: Database(path)[t].count for t in ("documents", "versions", "figures", "fetches")}
    with Archive.at(path) as archive:
        tables = archive.db.table_names()
        assert "_migrations" not in tables
        steps = [r["name"] for r in archive.db["_sqlite_migrations"].rows]
        assert steps[:7] == ["001_initial", "002_figures_and_tables",
                             "003_warc_versions_status", "004_attachment_files",
                             "005_family_fields", "006_run_health",
                             "007_run_records"]  # fmt: skip
        assert {t: archive.db[t].count for t in counts} == counts
        assert archive.search("国务院")
    with Archive.at(path) as again:  # idempotent
        assert [r["name"] for r in again.db["_sqlite_migrations"].rows] == steps
    done = xxgk("reparse", "--db", str(path))
    assert done.returncode == 0, done.stderr
    assert Database(path)["documents"].count == counts["documents"]


# -- storage failures ----------------------------------------------------------------------------


def hold_write_lock(path: Path, seconds: float, after: threading.Event | None = None) -> None:
    """Hold the database's write lock for ``seconds`` (after ``after`` is set)."""
    if after is not None:
        after.wait(60)
    conn = sqlite3.connect(path, timeout=60)
    conn.execute("BEGIN IMMEDIATE")
    time.sleep(seconds)
    conn.rollback()
    conn.close()


def test_a_crawl_waits_for_another_writer(tmp_path: Path, mirror: str) -> None:
    path = tmp_path / "archive.db"
    Archive.at(path).close()
    holder = threading.Thread(target=hold_write_lock, args=(path, 3.0))
    holder.start()
    done = xxgk("crawl", SITE, "--db", str(path), "--base-url", mirror, "--log-level", "ERROR")
    holder.join()
    assert done.returncode == 0, done.stderr
    db = Database(path)
    assert db["documents"].count == len(list((FIXTURES / SITE).glob("*.expected.json")))
    assert (
        db.execute("select count(*) from crawl_runs where finished_at is null").fetchone()[0] == 0
    )


def _documents(path: Path) -> int:
    try:
        return int(Database(path).execute("select count(*) from documents").fetchone()[0])
    except sqlite3.OperationalError:
        return 0


def test_a_storage_failure_stops_the_crawl_loudly(tmp_path: Path, mirror: str) -> None:
    path = tmp_path / "archive.db"
    Archive.at(path).close()
    started = threading.Event()
    holder = threading.Thread(target=hold_write_lock, args=(path, 20.0, started))
    holder.start()

    def watch() -> None:
        while _documents(path) < 3:
            time.sleep(0.02)
        started.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    done = xxgk("crawl", SITE, "--db", str(path), "--base-url", mirror, "--log-level", "ERROR",
                XXGK_BUSY_TIMEOUT="1")  # fmt: skip
    started.set()
    holder.join()
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert "cannot be written" in done.stderr and "locked" in done.stderr
    db = Database(path)
    # the failure is the archive's, not the pages': no status, no error row says otherwise
    assert db.execute("select count(*) from documents where status != 'live'").fetchone()[0] == 0
    assert db.execute("select count(*) from errors where detail like '%locked%'").fetchone()[0] == 0
    (run,) = list(db.query("select * from crawl_runs"))
    assert run["finished_at"] is None  # not reported as a finished, healthy run
    # the next crawl marks it interrupted and completes the archive
    again = xxgk("crawl", SITE, "--db", str(path), "--base-url", mirror, "--log-level", "ERROR")
    assert again.returncode == 0, again.stderr
    assert "marked interrupted" in again.stderr
    assert Database(path)["crawl_runs"].get(run["id"])["status"] == "interrupted"
    assert _documents(path) == len(list((FIXTURES / SITE).glob("*.expected.json")))


def test_a_database_that_cannot_be_opened_fails_at_once(tmp_path: Path, mirror: str) -> None:
    path = tmp_path / "archive.db"
    path.write_bytes(b"this is not a SQLite database, just some bytes" * 100)
    done = xxgk("crawl", SITE, "--db", str(path), "--base-url", mirror, "--log-level", "ERROR")
    assert done.returncode == 3
    assert "cannot be used" in done.stderr and "not a database" in done.stderr
