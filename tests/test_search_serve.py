"""Search in Datasette: the documents table's search box, the search page (/-/search), its
downloads, and complete streamed CSV exports — on a Datasette in this process configured as
``xxgk serve`` configures it, over 1,500 documents of the benchmark's corpus and a few written
to try the escaping and the Excel guard.

The oracle is a substring scan of the database (what ``LIKE '%word%'`` answers).
"""

from __future__ import annotations

import asyncio
import csv
import importlib.util
import io
import json
import sqlite3
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from datasette.app import Datasette

from bench import corpus
from parsers.records import Document
from store import Archive
from store.search import rebuild_search_index
from tests.conftest import ROOT
from tests.test_serve import get, open_datasette

EVIL_TITLE = '<script>alert("x")</script>应急预案'
FORMULA_TITLE = '=HYPERLINK("http://x")应急'
VIEW = "documents_2020"


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("search") / "archive.db"
    db = Archive.at(path).db
    for site in corpus.sites():
        db.table("sites").insert(site)
    db.table("documents").insert_all(corpus.documents(1500), batch_size=500)
    rebuild_search_index(db)
    for n, title in enumerate((EVIL_TITLE, FORMULA_TITLE)):
        doc = Document(url=f"https://km.bench.invalid/extra/{n}.shtml", title=title,
                       publisher="昆明市应急管理局", publish_date="2024-12-30",
                       body_text="-1+2 应急演练 @all")  # fmt: skip
        Archive.over(db, migrate=False).save_document(
            "bench_km", doc, None, "2026-01-01T00:00:00+00:00"
        )
    db.execute(f"create view {VIEW} as select * from documents where publish_year = 2020")
    db.close()
    return path


@pytest.fixture(scope="module")
def ds(archive: Path) -> Datasette:
    return open_datasette(archive)


@pytest.fixture
def conn(archive: Path) -> Iterator[sqlite3.Connection]:
    c = sqlite3.connect(archive)
    yield c
    c.close()


def like(conn: sqlite3.Connection, words: str, **where: Any) -> set[int]:
    sql = "select id from documents where 1 = 1"
    params: list[Any] = []
    for word in words.split():
        sql += " and (instr(title, ?) or instr(body_text, ?))"
        params += [word, word]
    for column, value in where.items():
        sql += f" and {column} = ?"
        params.append(value)
    return {r[0] for r in conn.execute(sql, params)}


def small_caps(monkeypatch: pytest.MonkeyPatch, n: int) -> None:
    search_module = sys.modules["store.search"]  # (store.search is also a function's name)
    for name in ("COUNT_CAP", "FACET_CAP", "RANK_CAP", "TABLE_CAP"):
        monkeypatch.setattr(search_module, name, n)


# -- the documents table's search box -------------------------------------------------------------


@pytest.mark.parametrize("q", ["应急", "汛", "安全生产", "应急 预算"])
def test_table_search_is_exact_below_the_cap(
    ds: Datasette, conn: sqlite3.Connection, q: str
) -> None:
    data = get(
        ds, "/archive/documents.json", _search=q, _size="max", _col="id", _shape="objects"
    ).json()
    expected = like(conn, q)
    assert data["filtered_table_rows_count"] == len(expected)
    assert {r["id"] for r in data["rows"]} <= expected
    assert "newest" not in data["human_description_en"]


def test_table_search_with_the_filters_of_the_index(
    ds: Datasette, conn: sqlite3.Connection
) -> None:
    publisher = corpus.publishers()[0][0]
    data = get(ds, "/archive/documents.json", _search="应急", publisher=publisher,
               publish_year="2020", _size="max", _col="id", _shape="objects").json()  # fmt: skip
    expected = like(conn, "应急", publisher=publisher, publish_year=2020)
    assert expected and {r["id"] for r in data["rows"]} == expected


def test_past_the_cap_the_table_shows_the_newest_and_says_so(
    ds: Datasette, conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_caps(monkeypatch, 40)
    data = get(ds, "/archive/documents.json", _search="工作", _size="max",
               _col="publish_date", _shape="objects").json()  # fmt: skip
    assert data["filtered_table_rows_count"] == 40
    assert "the 40 newest of about" in data["human_description_en"]
    sql = (
        "select publish_date from documents where instr(title, '工作') or instr(body_text, '工作')"
    )
    dates = sorted((r[0] for r in conn.execute(sql)), reverse=True)
    assert sorted((r["publish_date"] for r in data["rows"]), reverse=True)[:10] == dates[:10]
    html = get(ds, "/archive/documents", _search="工作").text
    assert "最新的 40 条" in html


# -- the search page ------------------------------------------------------------------------------


def page(ds: Datasette, **params: str) -> str:
    return get(ds, "/-/search", **params).text


def test_the_search_page(ds: Datasette, conn: sqlite3.Connection) -> None:
    html = page(ds, q="防汛")
    expected = like(conn, "防汛")
    assert f"<strong>{len(expected):,}</strong> 条结果" in html
    assert html.count('class="hit"') == 20
    assert '<a href="/archive/documents/' in html
    assert "<mark>防汛</mark>" in html
    for facet in ("publisher", "topic", "publish_year", "site_id", "status"):
        assert f'id="facet-{facet}"' in html
    sql = (
        "select publish_year from documents where instr(title, '防汛') or instr(body_text, '防汛')"
    )
    years = Counter(r[0] for r in conn.execute(sql))
    top_year, n = years.most_common(1)[0]
    assert f'year={top_year}">{top_year}</a> {n:,}' in html
    assert 'rel="next"' in html and "/-/search.csv?q=" in html and "/-/search.json?q=" in html


def test_filters_sort_and_pages(ds: Datasette, conn: sqlite3.Connection) -> None:
    publisher = corpus.publishers()[3][0]
    expected = like(conn, "工作", publisher=publisher, publish_year=2019)
    html = page(ds, q="工作", publisher=publisher, year="2019")
    assert f"<strong>{len(expected):,}</strong> 条结果" in html
    html = page(ds, q="预算", sort="newest", page="2")
    ids = [int(x.split('"')[0]) for x in html.split('data-id="')[1:]]
    dates = dict(conn.execute("select id, substr(publish_date, 1, 10) from documents"))
    shown = [dates[i] for i in ids]
    assert shown == sorted(shown, reverse=True) and len(ids) == 20
    html = page(ds, q="工作", date_from="2020-01-01", date_to="2020-03-31")
    n = conn.execute(
        "select count(*) from documents where (instr(title, '工作') or instr(body_text, '工作'))"
        " and substr(publish_date, 1, 10) between '2020-01-01' and '2020-03-31'"
    ).fetchone()[0]
    assert f"<strong>{n:,}</strong> 条结果" in html
    doc_no = conn.execute("select doc_no from documents where doc_no is not null").fetchone()[0]
    prefix = doc_no.split("〕")[0]
    n = conn.execute("select count(*) from documents where instr(doc_no, ?)", [prefix]).fetchone()[
        0
    ]
    assert f"<strong>{n:,}</strong> 条结果" in page(ds, doc_no=prefix)


def test_a_province_filter_is_for_partitions_only(ds: Datasette) -> None:
    # an archive served whole has no partitions to select: the argument is not shown as a
    # filter that does nothing
    shown = page(ds, q="应急", province="53")
    assert "省份 · Province" not in shown and "province=53" not in shown
    assert "not a province code" not in page(ds, q="应急", province="99")


def test_everything_is_escaped(ds: Datasette) -> None:
    html = page(ds, q="应急预案")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    html = page(ds, q='"><script>x</script>')
    assert "<script>x" not in html


def test_estimates_and_samples_are_labelled(ds: Datasette, monkeypatch: pytest.MonkeyPatch) -> None:
    small_caps(monkeypatch, 50)
    html = page(ds, q="工作")
    assert "约 <strong>" in html and "about " in html and "an estimate" in html
    assert "facet counts are over the newest 50 matches" in html
    assert "relevance ranks the newest 50 matches" in html


def csv_rows(body: bytes) -> tuple[list[str], list[list[str]]]:
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    return rows[0], rows[1:]


def test_the_downloads_hold_every_match(
    ds: Datasette, conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_caps(monkeypatch, 30)  # caps bound pages, never downloads
    response = get(ds, "/-/search.csv", q="应急")
    assert response.headers["content-disposition"].startswith("attachment;")
    header, rows = csv_rows(response.content)
    assert header[:3] == ["id", "url", "title"]
    assert {int(r[0]) for r in rows} == like(conn, "应急")
    titles = {r[2] for r in rows}
    assert "'" + FORMULA_TITLE in titles and FORMULA_TITLE not in titles  # never a formula
    bodies = {r[-1] for r in rows}
    assert "'-1+2 应急演练 @all" in bodies
    data = json.loads(get(ds, "/-/search.json", q="防汛", year="2020").content)
    assert {r["id"] for r in data} == like(conn, "防汛", publish_year=2020)


# -- complete streams -----------------------------------------------------------------------------


def stream(ds: Datasette, path: str, **params: str) -> httpx.Response:
    return get(ds, path, _stream="on", **params)


def plain_rows(response: httpx.Response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.text, newline="")))


def test_streams_are_complete(
    ds: Datasette, conn: sqlite3.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    small_caps(monkeypatch, 25)
    total = conn.execute("select count(*) from documents").fetchone()[0]
    rows = plain_rows(stream(ds, "/archive/documents.csv"))
    assert len(rows) - 1 == total and rows[0][0] == "id"
    assert [int(r[0]) for r in rows[1:]] == sorted(int(r[0]) for r in rows[1:])  # rowid order
    rows = plain_rows(stream(ds, "/archive/documents.csv", _search="应急"))
    assert {int(r[0]) for r in rows[1:]} == like(conn, "应急")  # past any cap
    rows = plain_rows(stream(ds, f"/archive/{VIEW}.csv"))
    assert len(rows) - 1 == conn.execute(f"select count(*) from {VIEW}").fetchone()[0]
    response = stream(ds, "/archive/documents.csvbom", publish_year="2021")
    _, body_rows = csv_rows(response.content)
    assert len(body_rows) == conn.execute(
        "select count(*) from documents where publish_year = 2021").fetchone()[0]  # fmt: skip
    assert response.headers["content-disposition"] == 'attachment; filename="documents.csv"'


def test_stream_options(ds: Datasette) -> None:
    rows = plain_rows(stream(ds, "/archive/documents.csv", _col="title", _size="5"))
    assert rows[0] == ["id", "title"]
    rows = plain_rows(stream(ds, "/archive/documents.csv", _nocol="body_text", _labels="on"))
    assert "body_text" not in rows[0] and "site_id_label" in rows[0]
    labels = {r[rows[0].index("site_id_label")] for r in rows[1:]}
    assert any("人民政府" in label for label in labels)
    rows = plain_rows(stream(ds, "/archive/documents.csv", _header="off", publish_year="2020"))
    assert rows[0][0].isdigit()


def test_a_bad_stream_fails_before_the_first_byte(ds: Datasette) -> None:
    response = asyncio.run(ds.client.get("/archive/documents.csv?_stream=on&_where=nonsense("))
    assert response.status_code == 400
    response = asyncio.run(ds.client.get("/archive/nosuchtable.csv?_stream=on"))
    assert response.status_code == 404


def _streams_module() -> Any:
    spec = importlib.util.spec_from_file_location(
        "streams_under_test", ROOT / "serve" / "plugins" / "streams.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_failure_after_the_first_byte_never_ends_the_body(ds: Datasette) -> None:
    """An error mid-stream must not look like the end of the file: the body is left open
    (the server then drops the connection, and the client sees a broken download)."""
    streams = _streams_module()
    sql = (  # row 1,200 overflows: an error after the first batches were sent
        "select id, case when id = 1200 then abs(-9223372036854775807 - 1) else id end"
        " from documents order by id"
    )
    plan = streams.Plan("archive", sql, [], ["id", "x"], "csv")
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def receive() -> dict[str, Any]:
        await asyncio.sleep(3600)
        return {"type": "http.disconnect"}

    with pytest.raises(sqlite3.OperationalError):
        asyncio.run(streams.stream_query(ds, plan, send, receive))
    assert sent[0]["status"] == 200
    assert all(m.get("more_body", False) for m in sent[1:])  # never a last chunk


def test_the_search_page_is_linked_from_home(ds: Datasette) -> None:
    assert 'href="/-/search"' in get(ds, "/").text


def test_a_query_too_big_to_stream_is_refused_not_cut(ds: Datasette) -> None:
    response = asyncio.run(ds.client.get("/archive.csv?sql=select+id+from+documents&_stream=on"))
    assert response.status_code == 400 and "max_returned_rows" in response.text
    response = asyncio.run(ds.client.get("/archive/errors_by_kind.csv?_stream=on"))
    assert response.status_code == 200  # it fits: Datasette's own CSV


def test_the_published_snapshot_serves_search_and_streams(archive: Path) -> None:
    from tests.test_publish import publish_get

    done = publish_get(archive, "/-/search?q=防汛&year=2020")
    assert done.returncode == 0, done.stderr[-2000:]
    assert "<mark>防汛</mark>" in done.stdout and 'id="facet-publisher"' in done.stdout
    done = publish_get(archive, "/archive/documents.csv?publish_year=2020&_stream=on")
    assert done.returncode == 0, done.stderr[-2000:]
    with sqlite3.connect(archive) as c:
        n = c.execute("select count(*) from documents where publish_year = 2020").fetchone()[0]
    rows = [r for r in csv.reader(io.StringIO(done.stdout, newline="")) if r]  # --get adds \n
    assert len(rows) == n + 1


def test_whole_table_facets_are_counted_once_a_minute(
    ds: Datasette, conn: sqlite3.Connection
) -> None:
    first = get(ds, "/archive/documents.json", _size="0").json()["facet_results"]
    years = dict(conn.execute("select publish_year, count(*) from documents group by 1"))
    counted = {v["value"]: v["count"] for v in first["publish_year"]["results"]}
    assert counted == {y: n for y, n in years.items() if y is not None}
    assert first["publish_year"]["type"] == "counted"
    again = get(ds, "/archive/documents.json", _size="0").json()["facet_results"]
    assert again == first
    narrowed = get(ds, "/archive/documents.json", _size="0", publish_year="2020").json()
    assert {v["value"] for v in narrowed["facet_results"]["publish_year"]["results"]} == {2020}
