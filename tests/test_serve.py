"""Datasette on a real archive: Chinese search, facets, CSV export, canned queries, the CLI.

The archive is built from the offline mirror's detail pages with the real parser and store;
the expected records in ``tests/fixtures/km_yjj/*.expected.json`` are the independent oracle of
what each search must find (a plain substring test on title and body text). Datasette runs
in-process with exactly the metadata, plugins and settings that ``xxgk serve`` passes it.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import math
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
import pytest
from datasette.app import DEFAULT_SETTINGS, Datasette
from datasette.utils import value_as_boolean
from sqlite_utils import Database

from crawler.profiles import load_profile
from mirror.server import load_routes, site_dir
from parsers import parse_detail
from serve.launch import datasette_args
from store import Archive, ArchiveConfig
from tests.conftest import ROOT, expected_records, mirror_file

SITE_ID = "km_yjj"
SEEN_AT = "2024-05-01T00:00:00+00:00"
RECORDS = expected_records(SITE_ID)

# Queries whose expected hits are computed from the fixtures; see test_queries_are_meaningful.
WORD = "应急"  # two characters
PHRASE = "安全生产"  # a phrase of four characters
CHAR = "灾"  # one character
TWO_WORDS = "应急 预算"  # every word must occur, anywhere in title or body
ABSENT = "量子纠缠"  # found in no document
CLI_WORD = "预算"
CSV_YEAR = 2020


# -- building the archive and the server ------------------------------------------------------


def cli_args(db_path: Path | str) -> list[str]:
    """``xxgk serve``'s command line for ``db_path``, without --host and --port."""
    args = datasette_args(ArchiveConfig.resolve(db_path, env={}), "127.0.0.1", 8001)
    for option in ("--host", "--port"):
        i = args.index(option)
        del args[i : i + 2]
    return args


def cli_option(args: list[str], name: str) -> str:
    return args[args.index(name) + 1]


def cli_settings(args: list[str]) -> dict[str, Any]:
    """The ``--setting NAME VALUE`` pairs of ``args``, typed as ``datasette serve`` types them."""
    settings: dict[str, Any] = {}
    for i, arg in enumerate(args):
        if arg != "--setting":
            continue
        name, value = args[i + 1], args[i + 2]
        default = DEFAULT_SETTINGS[name]
        if isinstance(default, bool):
            settings[name] = value_as_boolean(value)
        elif isinstance(default, int):
            settings[name] = int(value)
        else:
            settings[name] = value
    return settings


def open_datasette(db_path: Path) -> Datasette:
    """Datasette as ``xxgk serve`` configures it, in this process: the packaged plugin (found
    by its entry points) brings metadata, templates and plugins; the launcher adds settings."""
    return Datasette([str(db_path)], settings=cli_settings(cli_args(db_path)))


def get(ds: Datasette, path: str, **params: str) -> httpx.Response:
    if params:
        path += ("&" if "?" in path else "?") + urlencode(params)
    response: httpx.Response = asyncio.run(ds.client.get(path))
    assert response.status_code == 200, (path, response.status_code, response.text[:500])
    return response


ROUTES = load_routes(site_dir(SITE_ID))


def content_type_of(url: str) -> str:
    route = ROUTES.get(urlsplit(url).path)
    if route is not None and route.content_type:
        return route.content_type
    return "text/html; charset=utf-8"


def build_archive(path: Path, records: Iterable[dict[str, Any]]) -> None:
    db = Archive.at(path).db
    Archive.over(db, migrate=False).save_site(load_profile(SITE_ID))
    for record in records:
        url = record["url"]
        doc = parse_detail(mirror_file(SITE_ID, url).read_bytes(), url, content_type_of(url))
        Archive.over(db, migrate=False).save_document(SITE_ID, doc, None, SEEN_AT)
    db.close()


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert RECORDS, "no expected records in tests/fixtures/km_yjj"
    path = tmp_path_factory.mktemp("serve") / "archive.db"
    build_archive(path, RECORDS)
    return path


@pytest.fixture(scope="module")
def ds(archive: Path) -> Datasette:
    return open_datasette(archive)


# -- the oracle ---------------------------------------------------------------------------


def contains(record: dict[str, Any], word: str) -> bool:
    return word in (record["title"] or "") or word in record["body_text"]


def expected_hits(query: str, records: Iterable[dict[str, Any]] = RECORDS) -> set[str]:
    """URLs of the records holding every space-separated word of ``query``."""
    words = query.split()
    return {r["url"] for r in records if all(contains(r, w) for w in words)}


def year_of(record: dict[str, Any]) -> int | None:
    date = record["publish_date"]
    return int(date[:4]) if date else None


def search_urls(ds: Datasette, query: str, **filters: str) -> set[str]:
    rows = get(
        ds, "/archive/documents.json", _search=query, _shape="array", _size="max", **filters
    ).json()
    urls = [row["url"] for row in rows]
    assert len(urls) == len(set(urls)), "a document was returned twice"
    return set(urls)


# -- tests --------------------------------------------------------------------------------


def test_queries_are_meaningful() -> None:
    """Each query finds some documents but not all of them (except the absent word)."""
    everything = {r["url"] for r in RECORDS}
    for query in (WORD, PHRASE, CHAR, TWO_WORDS, CLI_WORD):
        hits = expected_hits(query)
        assert hits, f"{query!r} occurs in no expected record"
        assert hits != everything, f"{query!r} occurs in every expected record"
    assert not expected_hits(ABSENT)
    assert expected_hits(TWO_WORDS) < expected_hits(WORD)
    assert any(year_of(r) == CSV_YEAR for r in RECORDS)


def test_archive_holds_every_record(ds: Datasette) -> None:
    rows = get(ds, "/archive/documents.json", _shape="array", _size="max", _col="url").json()
    assert {r["url"] for r in rows} == {r["url"] for r in RECORDS}


@pytest.mark.parametrize(
    "query",
    [WORD, PHRASE, CHAR, TWO_WORDS, f'"{PHRASE}"'],
    ids=["word", "phrase", "one-char", "two-words", "quoted-phrase"],
)
def test_search_finds_exactly_the_documents_holding_the_words(ds: Datasette, query: str) -> None:
    assert search_urls(ds, query) == expected_hits(query.strip('"'))


def test_search_for_an_absent_word_finds_nothing(ds: Datasette) -> None:
    assert search_urls(ds, ABSENT) == set()


@pytest.mark.parametrize("query", ['"', "AND (", "应急 NOT", "*", "：（）", "title:应急"])
def test_search_never_errors_on_fts_syntax(ds: Datasette, query: str) -> None:
    search_urls(ds, query)  # status 200 is asserted inside


def test_search_by_title_column_only(ds: Datasette) -> None:
    rows = get(
        ds, "/archive/documents.json", _search_title=WORD, _shape="array", _size="max"
    ).json()
    assert {r["url"] for r in rows} == {r["url"] for r in RECORDS if WORD in (r["title"] or "")}


def test_search_combined_with_a_facet_filter(ds: Datasette) -> None:
    hits = [r for r in RECORDS if r["url"] in expected_hits(WORD)]
    publishers = Counter(r["publisher"] for r in hits if r["publisher"])
    assert len(publishers) >= 2, "the filter would not narrow anything"
    publisher = publishers.most_common(1)[0][0]
    expected = {r["url"] for r in hits if r["publisher"] == publisher}
    found = search_urls(ds, WORD, publisher=publisher)
    assert found == expected
    assert 0 < len(found) < len(hits)

    year = year_of(hits[0])
    found = search_urls(ds, WORD, publisher=publisher, publish_year=str(year))
    assert found == {r["url"] for r in hits if r["publisher"] == publisher and year_of(r) == year}


def facet_counts(data: dict[str, Any], name: str) -> dict[Any, int]:
    facet = data["facet_results"][name]
    assert not facet["truncated"], name
    return {item["value"]: item["count"] for item in facet["results"]}


def test_configured_facets_count_every_document(ds: Datasette) -> None:
    data = get(ds, "/archive/documents.json", _size="1", _facet_size="max").json()
    facets = data["facet_results"]
    oracle: dict[str, Counter[Any]] = {
        "publisher": Counter(r["publisher"] for r in RECORDS if r["publisher"] is not None),
        "topic": Counter(r["topic"] for r in RECORDS if r["topic"] is not None),
        "publish_year": Counter(year_of(r) for r in RECORDS if year_of(r) is not None),
        "site_id": Counter({SITE_ID: len(RECORDS)}),
    }
    assert set(oracle) <= set(facets)
    for name, counts in oracle.items():
        assert facet_counts(data, name) == dict(counts), name
    assert data["filtered_table_rows_count"] == len(RECORDS)


def test_facets_follow_the_search(ds: Datasette) -> None:
    data = get(ds, "/archive/documents.json", _search=WORD, _size="1", _facet_size="max").json()
    hits = [r for r in RECORDS if r["url"] in expected_hits(WORD)]
    got = facet_counts(data, "publish_year")
    assert got == dict(Counter(year_of(r) for r in hits if year_of(r) is not None))


def test_html_table_page_shows_search_box_and_facets(ds: Datasette) -> None:
    html = get(ds, "/archive/documents", _search=WORD).text
    assert 'name="_search"' in html
    for column in ("publisher", "topic", "publish_year", "site_id"):
        assert f'data-column="{column}"' in html, column
    hits = [r for r in RECORDS if r["url"] in expected_hits(WORD) and r["publish_date"]]
    latest = max(hits, key=lambda r: r["publish_date"])  # sort_desc: publish_date, first page
    assert latest["title"] in html


def read_csv(text: str) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


@pytest.mark.parametrize("extra", [{"_size": "max"}, {"_stream": "on"}])
def test_csv_export_of_a_filtered_table(
    ds: Datasette, archive: Path, extra: dict[str, str]
) -> None:
    response = get(ds, "/archive/documents.csv", publish_year=str(CSV_YEAR), **extra)
    header, rows = read_csv(response.text)
    db = Database(archive)
    try:
        assert header == list(db["documents"].columns_dict)
    finally:
        db.close()
    expected = {r["url"]: r for r in RECORDS if year_of(r) == CSV_YEAR}
    assert len(rows) == len(expected)
    assert {row["url"] for row in rows} == set(expected)
    for row in rows:
        record = expected[row["url"]]
        # Chinese text, newlines and tabs survive the export byte for byte.
        assert row["title"] == (record["title"] or "")
        assert row["publisher"] == (record["publisher"] or "")
        assert row["body_text"] == record["body_text"]
        assert row["publish_year"] == str(CSV_YEAR)
        assert json.loads(row["keywords"]) == record["keywords"]


def test_canned_search_ranks_best_first(ds: Datasette, archive: Path) -> None:
    rows = get(ds, "/archive/search.json", q=WORD, _shape="array").json()
    assert [r["url"] for r in rows] and {r["url"] for r in rows} == expected_hits(WORD)
    ranks = [r["rank"] for r in rows]
    assert ranks == sorted(ranks), "not ordered best (lowest bm25) first"
    db = Database(archive)
    try:
        reference = {
            r["url"]: r["rank"] for r in Archive.over(db, migrate=False).search(WORD, limit=10_000)
        }
    finally:
        db.close()
    for row in rows:
        assert math.isclose(row["rank"], reference[row["url"]], rel_tol=1e-9, abs_tol=1e-12)
    by_url = {r["url"]: r for r in RECORDS}
    for row in rows:
        if WORD in by_url[row["url"]]["body_text"]:
            assert f"[{WORD}]" in row["snippet"], row


def test_canned_search_narrows_by_publisher_and_dates(ds: Datasette) -> None:
    publisher = "昆明市应急管理局"
    rows = get(ds, "/archive/search.json", q=WORD, publisher=publisher, date_from="2021-01-01",
               date_to="2022-12-31", _shape="array").json()  # fmt: skip
    expected = {
        r["url"]
        for r in RECORDS
        if r["url"] in expected_hits(WORD)
        and r["publisher"] == publisher
        and r["publish_date"]
        and "2021-01-01" <= r["publish_date"][:10] <= "2022-12-31"
    }
    assert expected and {r["url"] for r in rows} == expected


def test_cli_get_serves_the_search(archive: Path) -> None:
    path = "/archive/documents.json?" + urlencode(
        {"_search": CLI_WORD, "_shape": "array", "_size": "max", "_col": "url"}
    )
    args = cli_args(archive)
    result = subprocess.run(
        [*args, "--get", path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert args[:4] == [sys.executable, "-m", "datasette", "serve"]
    assert {row["url"] for row in json.loads(result.stdout)} == expected_hits(CLI_WORD)


def test_budget_query_answers_across_years_and_publishers(ds: Datasette) -> None:
    rows = get(ds, "/archive/budget_figures.json", label="总收入", _shape="array").json()
    answered = {(row["publisher"], row["publish_year"]) for row in rows}
    assert all("总收入" in row["label"] for row in rows)
    # the oracle: hand-annotated money figures labelled …总收入 (tests/fixtures/*.figures.json)
    expected = set()
    for record in RECORDS:
        page_id = record["url"].rsplit("/", 1)[1].split(".")[0]
        path = ROOT / "tests" / "fixtures" / SITE_ID / f"{page_id}.figures.json"
        for fig in json.loads(path.read_text("utf-8")) if path.exists() else []:
            if fig["kind"] == "money" and fig.get("label") and "总收入" in fig["label"]:
                expected.add((record["publisher"], year_of(record)))
    assert expected <= answered
    assert len({year for _, year in answered}) >= 3
    assert len({publisher for publisher, _ in answered}) >= 2
