"""Serving at scale: ``xxgk partition`` splits an archive (every bundled mirror crawled by real
Scrapy processes) into per-province, per-span-of-years databases and a catalogue, and the site
serves them as one: a search across every partition gives what the same search gives on the
whole archive, a document's page, archived copy and files work in its partition, and the
downloads hold every match.
"""

from __future__ import annotations

import asyncio
import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from datasette.app import Datasette
from sqlite_utils import Database

from store import (
    Archive,
    ArchiveConfig,
    PartitionError,
    Search,
    SearchTimedOut,
    choose,
    province_of,
    run,
    search_across,
    served_partitions,
    within,
    write_partitions,
)
from store.search import rebuild_search_index
from tests.archive_content import content
from tests.conftest import ROOT, xxgk
from tests.test_serve import cli_args, cli_settings

PROVINCES = {"gov_cn": "00", "yn_yl": "53"}  # the rest come from their sites' 标识码


@pytest.fixture(scope="module")
def archive(demo_archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled mirror crawled into one archive (a copy of the session's), its search
    index rebuilt as a snapshot to publish would be."""
    db = tmp_path_factory.mktemp("partitions") / "archive.db"
    with sqlite3.connect(demo_archive) as source, sqlite3.connect(db) as copy:
        source.backup(copy)
    for folder in ("warc", "files"):
        (db.parent / folder).symlink_to(demo_archive.parent / folder)
    with Archive.at(db) as a:
        rebuild_search_index(a.db)
    return db


@pytest.fixture(scope="module")
def parts(archive: Path) -> Path:
    out = archive.parent / "partitions"
    done = xxgk("partition", "--db", str(archive), "--out", str(out))
    assert done.returncode == 0, done.stderr
    return out


def partition_dbs(parts: Path) -> dict[str, Path]:
    return {p.stem: p for p in sorted(parts.glob("p*.db"))}


def ids(path: Path, sql: str = "select id from documents") -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute(sql)}
    finally:
        conn.close()


# -- writing ---------------------------------------------------------------------------------


def test_every_document_is_in_exactly_one_partition(archive: Path, parts: Path) -> None:
    found = partition_dbs(parts)
    assert {"p00_2020_2024", "p53_2020_2024", "p33_2020_2024", "p52_2020_2024"} <= set(found)
    seen: Counter[int] = Counter()
    for path in found.values():
        seen.update(ids(path))
    assert set(seen) == ids(archive) and max(seen.values()) == 1
    catalogue = sqlite3.connect(parts / "catalogue.db")
    rows = catalogue.execute("select id, partition, province, publish_year from catalogue")
    for doc_id, name, province, year in rows:
        assert doc_id in ids(found[name])
        assert name.startswith(f"p{province}_")
        if year is None:
            assert name.endswith("_undated")
        else:
            first, last = map(int, name.split("_")[1:])
            assert first <= year <= last and last - first == 4
    counted = dict(catalogue.execute("select name, documents from partitions").fetchall())
    assert counted == {name: len(ids(path)) for name, path in found.items()}
    assert sum(n for (n,) in catalogue.execute("select documents from partition_counts")) == len(
        ids(archive)
    )


def test_partitions_hold_everything_that_hangs_off_their_documents(
    archive: Path, parts: Path
) -> None:
    tables = ("documents", "versions", "figures", "tables", "table_cells", "attachments",
              "status_changes", "problems", "search")  # fmt: skip
    whole = content(Database(archive), tables)
    together: dict[str, Counter[Any]] = {t: Counter() for t in tables}
    for path in partition_dbs(parts).values():
        for table, rows in content(Database(path), tables).items():
            together[table].update(rows)
    assert together == whole
    assert sum(whole["attachments"].values()) and sum(whole["figures"].values())
    # the annual reports of the Kunming mirror, whole, with their cells
    reports = Counter()
    for path in partition_dbs(parts).values():
        reports.update(ids(path, "select id from annual_reports"))
        conn = sqlite3.connect(path)
        assert conn.execute("pragma foreign_key_check").fetchall() == []
        assert conn.execute(
            "select count(*) from annual_report_cells where report_id not in"
            " (select id from annual_reports)"
        ).fetchone() == (0,)
    assert set(reports) == ids(archive, "select id from annual_reports") and reports


def test_the_catalogue_is_described(parts: Path) -> None:
    described = yaml.safe_load((ROOT / "serve" / "metadata.yml").read_text("utf-8"))
    tables = described["databases"]["catalogue"]["tables"]
    found = Database(parts / "catalogue.db")
    own = {t for t in found.table_names() if not t.startswith("sqlite_")} - {
        "sites",
        "crawl_runs",
        "errors",
        "fetches",
    }
    assert set(tables) == own
    for name in own:
        assert set(tables[name]["columns"]) == set(found[name].columns_dict), name


def test_site_records_are_in_the_catalogue(archive: Path, parts: Path) -> None:
    whole = content(Database(archive), ("sites", "crawl_runs", "errors"))
    assert content(Database(parts / "catalogue.db"), ("sites", "crawl_runs", "errors")) == whole
    meta = dict(sqlite3.connect(parts / "catalogue.db").execute("select name, value from meta"))
    assert meta["warc_dir"] == str((archive.parent / "warc").resolve()) and meta["span"] == "5"


def test_every_fetch_resolves_to_its_warc_record(archive: Path, parts: Path) -> None:
    checked = 0
    for path in partition_dbs(parts).values():
        with Archive.at(path, warc_dir=archive.parent / "warc") as part:
            rows = part.db.execute(
                "select url, warc_file, warc_offset, sha256 from fetches where warc_file is not"
                " null and id in (select fetch_id from documents)"
            ).fetchall()
            for url, warc_file, offset, sha256 in rows:
                stored = part.read_response(warc_file, offset)
                assert stored.canonical_url == url
                assert hashlib.sha256(stored.body).hexdigest() == sha256
                checked += 1
    assert checked == len(ids(archive))


def test_partitioning_again_copies_only_what_changed(archive: Path, tmp_path: Path) -> None:
    config = ArchiveConfig.resolve(archive, env={})
    out = tmp_path / "again"
    first = write_partitions(config, out, PROVINCES, 5)
    digests = {p.name: p.sha256 for p in first.partitions}
    second = write_partitions(config, out, PROVINCES, 5)
    assert second.written == [] and {p.name: p.sha256 for p in second.partitions} == digests
    # a document seen again: only its partition is copied again
    copy = tmp_path / "archive.db"
    shutil.copy(archive, copy)
    conn = sqlite3.connect(copy)
    (doc_id,) = conn.execute("select id from documents where site_id = 'zj_hz' limit 1").fetchone()
    conn.execute("update documents set last_seen_at = '2099-01-01T00:00:00+00:00' where id = ?",
                 (doc_id,))  # fmt: skip
    conn.commit()
    conn.close()
    third = write_partitions(ArchiveConfig.resolve(copy, env={}), out, PROVINCES, 5)
    assert [p.name for p in third.written] == ["p33_2020_2024"]
    # a year corrected out of its partition: the emptied partition's file goes
    conn = sqlite3.connect(copy)
    conn.execute("update documents set publish_year = 2021 where site_id = 'km_gov'"
                 " and publish_year between 2010 and 2014")  # fmt: skip
    conn.commit()
    conn.close()
    fourth = write_partitions(ArchiveConfig.resolve(copy, env={}), out, PROVINCES, 5)
    assert fourth.removed == ["p53_2010_2014"] and not (out / "p53_2010_2014.db").exists()


def test_refusals(archive: Path, tmp_path: Path) -> None:
    assert province_of("5301000059") == "53"
    assert province_of("bm01000001") == "00"
    assert province_of(None) == "xx" and province_of("abc") == "xx"
    assert province_of("5301000059", "44") == "44"
    with pytest.raises(PartitionError, match="province code"):
        province_of(None, "99")
    config = ArchiveConfig.resolve(archive, env={})
    with pytest.raises(PartitionError, match="folder of their own"):
        write_partitions(config, archive.parent, PROVINCES, 5)
    with pytest.raises(PartitionError, match="span"):
        write_partitions(config, tmp_path / "x", PROVINCES, 0)
    done = xxgk("partition", "--db", str(tmp_path / "none.db"))
    assert done.returncode == 2 and "no archive" in done.stderr
    done = xxgk("partition", "--db", str(archive), "--out", str(tmp_path / "big"),
                "--max-documents", "50")  # fmt: skip
    assert done.returncode == 1 and "p53_2020_2024" in done.stderr


# -- searching across partitions -----------------------------------------------------------------


SEARCHES = [
    (Search(q="应急"), "relevance"),
    (Search(q="应急"), "newest"),
    (Search(q="应急"), "oldest"),
    (Search(q="预算"), "relevance"),
    (Search(q="通知", year=2022), "newest"),
    (Search(q="管理", site_id="km_yjj"), "relevance"),
    (Search(q="", date_from="2019-01-01", date_to="2021-12-31"), "newest"),
    (Search(q="2023"), "relevance"),
    (Search(), "oldest"),
]


def across(parts: Path, search: Search, sort: str, page: int, **kwargs: Any) -> Any:
    """``search`` over the partitions its filters select, as the search page runs it."""
    catalogue = sqlite3.connect(parts / "catalogue.db")
    chosen = choose(served_partitions(catalogue), None, search.site_id, search.year,
                    search.date_from, search.date_to)  # fmt: skip
    conns = {p.name: sqlite3.connect(parts / p.file) for p in chosen}

    async def run_on(name: str, fn: Any) -> Any:
        return fn(conns[name])

    return asyncio.run(search_across(run_on, list(conns), search, sort, page, 30, **kwargs))


@pytest.mark.parametrize(("search", "sort"), SEARCHES, ids=[f"{s.to_json()}-{o}"
                                                            for s, o in SEARCHES])  # fmt: skip
@pytest.mark.parametrize("page", [1, 2])
def test_a_search_across_partitions_is_the_search_of_the_whole(
    archive: Path, parts: Path, search: Search, sort: str, page: int
) -> None:
    whole_conn = sqlite3.connect(archive)
    whole = run(whole_conn, search, sort, page, page_size=5)
    merged = across(parts, search, sort, page, page_size=5)
    assert [r.id for _, r in merged.results] == [r.id for r in whole.results]
    assert (merged.count.value, merged.count.exact) == (whole.count.value, whole.count.exact)
    assert {f.name: sorted(f.values, key=str) for f in merged.facets} == {
        f.name: sorted(f.values, key=str) for f in whole.facets
    }
    assert whole.count.value > (0 if search.q or search.date_from else 100)
    for name, result in merged.results:
        assert result.id in ids(parts / f"{name}.db")


@pytest.mark.parametrize("sort", ["relevance", "newest", "oldest"])
@pytest.mark.parametrize("q", ["应急", "的", "2023", ""])
def test_past_the_caps_too(
    archive: Path, parts: Path, monkeypatch: pytest.MonkeyPatch, q: str, sort: str
) -> None:
    """With caps of 7 the archive's searches pass them: relevance over the newest matches and
    title matches, facets over the newest, counts estimated — the same across partitions."""
    search_module = sys.modules["store.search"]
    for name in ("COUNT_CAP", "FACET_CAP", "RANK_CAP"):
        monkeypatch.setattr(search_module, name, 7)
    for page in (1, 2, 3):
        whole = run(sqlite3.connect(archive), Search(q=q), sort, page, page_size=3)
        merged = across(parts, Search(q=q), sort, page, page_size=3)
        assert [r.id for _, r in merged.results] == [r.id for r in whole.results], page
        assert whole.results and not whole.count.exact
        assert {f.name: (f.values, f.exact) for f in merged.facets} == {
            f.name: (f.values, f.exact) for f in whole.facets
        }
        assert merged.ranked_over == whole.ranked_over


def test_a_partition_past_its_time_is_stopped(parts: Path) -> None:
    conn = sqlite3.connect(parts / "p53_2020_2024.db")
    with pytest.raises(SearchTimedOut):
        within(conn, -1, lambda db: run(db, Search(q="应急")))
    with pytest.raises(SearchTimedOut):  # interrupted by SQLite in the middle
        within(conn, 1e-9, lambda db: run(db, Search(q="应急")))
    assert within(conn, 30, lambda db: run(db, Search(q="应急"))).count.value > 0
    assert conn.execute("select count(*) from documents").fetchone()[0]  # the handler is gone


# -- the site ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def ds(archive: Path, parts: Path) -> Iterator[Datasette]:
    """Datasette as ``xxgk publish --partitions`` configures it, in this process."""
    files = [parts / "catalogue.db", *partition_dbs(parts).values()]
    saved = {k: os.environ.get(k) for k in ("XXGK_WARC_DIR", "XXGK_FILES_DIR")}
    os.environ["XXGK_WARC_DIR"] = str(archive.parent / "warc")
    os.environ["XXGK_FILES_DIR"] = str(archive.parent / "files")
    try:
        yield Datasette(immutables=[str(f) for f in files],
                        settings=cli_settings(cli_args(archive)))  # fmt: skip
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def fetch(ds: Datasette, path: str) -> httpx.Response:
    response: httpx.Response = asyncio.run(ds.client.get(path))
    return response


def test_the_search_page_searches_every_partition(
    ds: Datasette, archive: Path, parts: Path
) -> None:
    page = fetch(ds, "/-/search?q=应急&sort=newest")
    assert page.status_code == 200
    whole = run(sqlite3.connect(archive), Search(q="应急"), "newest", 1)
    assert f"<strong>{whole.count.value}</strong> 条结果" in page.text
    assert "searched 11 of 11 partitions" in page.text
    for r in whole.results:
        assert f'/documents/{r.id}"' in page.text
    assert 'href="/p53_2020_2024/documents/' in page.text
    assert "省份 · Province" in page.text and "云南" in page.text
    # a province filter searches its partitions only, and every link keeps it
    page = fetch(ds, "/-/search?q=应急&province=53")
    assert "searched 4 of 11 partitions" in page.text
    assert 'href="/p00_' not in page.text and "province=53" in page.text
    yunnan = run(sqlite3.connect(parts / "p53_2020_2024.db"), Search(q="应急"), "newest")
    assert yunnan.results[0].id and f'/p53_2020_2024/documents/{yunnan.results[0].id}"' in page.text
    assert fetch(ds, "/-/search?province=99").text.count("not a province code") == 1


def test_partitions_that_time_out_are_named(ds: Datasette, monkeypatch: pytest.MonkeyPatch) -> None:
    from serve.plugins import search_page

    monkeypatch.setattr(search_page, "PARTITION_SECONDS", -1.0)
    page = fetch(ds, "/-/search?q=应急")
    assert page.status_code == 200
    assert "did not answer in time" in page.text and "<code>p53_2020_2024</code>" in page.text


def test_a_document_works_in_its_partition(ds: Datasette, parts: Path) -> None:
    path = partition_dbs(parts)["p53_2020_2024"]
    conn = sqlite3.connect(path)
    doc_id, title, fetch_id = conn.execute(
        "select d.id, d.title, d.fetch_id from documents d join attachments a"
        " on a.document_id = d.id where a.sha256 is not null limit 1"
    ).fetchone()
    sha256 = conn.execute(
        "select sha256 from attachments where document_id = ? and sha256 is not null", (doc_id,)
    ).fetchone()[0]
    page = fetch(ds, f"/p53_2020_2024/documents/{doc_id}")
    assert page.status_code == 200 and title in page.text
    assert f"/-/archived/{fetch_id}?db=p53_2020_2024" in page.text
    assert f"/-/files/{sha256}?db=p53_2020_2024" in page.text
    archived = fetch(ds, f"/-/archived/{fetch_id}?db=p53_2020_2024")
    assert archived.status_code == 200 and "content-security-policy" in archived.headers
    # the same ids everywhere: without ?db= the partitions are looked through
    assert fetch(ds, f"/-/archived/{fetch_id}").status_code == 200
    download = fetch(ds, f"/-/files/{sha256}?db=p53_2020_2024")
    assert download.status_code == 200
    assert hashlib.sha256(download.content).hexdigest() == sha256
    assert fetch(ds, f"/-/files/{'0' * 64}").status_code == 404
    # the catalogue and a partition are described, and the home page links what is served
    assert fetch(ds, "/catalogue/catalogue").status_code == 200
    home = fetch(ds, "/").text
    assert 'href="/-/search"' in home and 'href="/archive/' not in home
    assert "云南 2020–2024" in fetch(ds, "/p53_2020_2024").text


def test_the_downloads_hold_every_match(ds: Datasette, archive: Path) -> None:
    whole = run(sqlite3.connect(archive), Search(q="应急"), "newest")
    assert whole.count.exact
    body = fetch(ds, "/-/search.csv?q=应急").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == whole.count.value and len({r["id"] for r in rows}) == len(rows)
    data = json.loads(fetch(ds, "/-/search.json?q=应急&province=33").content)
    assert data and {str(r["id"]) for r in data} <= {r["id"] for r in rows}


def test_publish_serves_the_partitions_immutable(archive: Path, parts: Path) -> None:
    done = xxgk("publish", "--partitions", str(parts), "--get", "/-/databases.json")
    assert done.returncode == 0, done.stderr
    found = {d["name"]: d for d in json.loads(done.stdout)}
    assert set(found) == {"catalogue", *partition_dbs(parts)}
    assert not any(d["is_mutable"] for d in found.values())
    done = xxgk("publish", "--partitions", str(archive.parent), "--get", "/")
    assert done.returncode == 2 and "no catalogue.db" in done.stderr
