"""Excel-friendly exports (``.csvbom``, ``.xlsx``), full streamed CSV, read-only serving and
the server-drawn charts, on a real Datasette in this process configured as ``xxgk serve``."""

from __future__ import annotations

import asyncio
import csv
import io
import re
from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from datasette.app import Datasette
from sqlite_utils import Database

from store import Archive
from tests.test_serve import (
    RECORDS,
    build_archive,
    cli_args,
    cli_settings,
    get,
    open_datasette,
)

BIG_ROWS = 100_500  # more than 100 pages of max_returned_rows


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("exports") / "archive.db"
    build_archive(path, RECORDS)
    return path


@pytest.fixture(scope="module")
def ds(archive: Path) -> Datasette:
    return open_datasette(archive)


@pytest.fixture(scope="module")
def big_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("big") / "archive.db"
    db = Archive.at(path).db
    Database(db.conn).table("synthetic").insert_all(
        ({"id": i, "title": f"第{i}号 应急预算，“引号”\n换行"} for i in range(BIG_ROWS)),
        pk="id",
        batch_size=10_000,
    )
    db.close()
    return path


def immutable_datasette(path: Path) -> Datasette:
    return Datasette(immutables=[str(path)], settings=cli_settings(cli_args(path)))


def csv_rows(response: httpx.Response, bom: bool = True) -> list[dict[str, str]]:
    assert response.content.startswith(b"\xef\xbb\xbf") is bom
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def titles_with(word: str) -> set[str]:
    return {r["title"] for r in RECORDS if word in (r["title"] or "")}


def test_csvbom_of_a_table(ds: Datasette) -> None:
    response = get(ds, "/archive/documents.csvbom", _size="max")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["content-disposition"] == 'attachment; filename="documents.csv"'
    rows = csv_rows(response)
    assert {r["title"] for r in rows} == {r["title"] for r in RECORDS}
    assert any(re.search(r"[\u4e00-\u9fff]", r["title"]) for r in rows)


def test_csvbom_of_a_filtered_table_equals_csv(ds: Datasette) -> None:
    params = {"title__contains": "应急", "_size": "max"}
    bom = csv_rows(get(ds, "/archive/documents.csvbom", **params))
    plain = csv_rows(get(ds, "/archive/documents.csv", **params), bom=False)
    assert bom == plain
    assert {r["title"] for r in bom} == titles_with("应急")
    assert 0 < len(bom) < len(RECORDS)


def test_csvbom_of_a_canned_query(ds: Datasette) -> None:
    response = get(ds, "/archive/search.csvbom", q="应急")
    assert response.headers["content-disposition"] == 'attachment; filename="search.csv"'
    rows = csv_rows(response)
    assert rows and all(r["url"].startswith("https://") for r in rows)
    assert list(rows[0]) == ["id", "title", "publisher", "publish_date", "url", "snippet", "rank"]


def test_table_pages_link_the_excel_formats(ds: Datasette) -> None:
    html = get(ds, "/archive/documents").text
    assert "/archive/documents.csvbom" in html and "/archive/documents.xlsx" in html


def xlsx_rows(response: httpx.Response) -> list[list[Any]]:
    assert response.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in wb.active.iter_rows(values_only=True)]


def test_xlsx_of_a_table_keeps_chinese_text(ds: Datasette) -> None:
    response = get(ds, "/archive/documents.xlsx", _size="max")
    assert response.headers["content-disposition"] == 'attachment; filename="documents.xlsx"'
    header, *rows = xlsx_rows(response)
    title = header.index("title")
    assert {r[title] for r in rows} == {r["title"] for r in RECORDS}
    assert isinstance(rows[0][header.index("id")], int)


def test_xlsx_of_a_filtered_table_and_a_canned_query(ds: Datasette) -> None:
    header, *rows = xlsx_rows(get(ds, "/archive/documents.xlsx", title__contains="应急"))
    assert {r[header.index("title")] for r in rows} == titles_with("应急")
    header, *rows = xlsx_rows(get(ds, "/archive/search.xlsx", q="应急"))
    assert header[:2] == ["id", "title"] and rows


def test_xlsx_never_writes_a_formula(ds: Datasette) -> None:
    _header, *rows = xlsx_rows(get(ds, "/archive.xlsx", sql="select '=1+1' as f, '应急' as t"))
    assert rows == [["=1+1", "应急"]]


@pytest.mark.parametrize("extension", ["csv", "csvbom"])
def test_streamed_export_returns_every_row(big_archive: Path, extension: str) -> None:
    ds = open_datasette(big_archive)
    response = get(ds, f"/archive/synthetic.{extension}", _stream="on")
    rows = csv_rows(response, bom=extension == "csvbom")
    assert len(rows) == BIG_ROWS
    assert [int(r["id"]) for r in rows] == list(range(BIG_ROWS))
    assert rows[-1]["title"] == f"第{BIG_ROWS - 1}号 应急预算，“引号”\n换行"


def test_immutable_database_refuses_writes(archive: Path) -> None:
    ds = immutable_datasette(archive)
    assert get(ds, "/-/databases.json").json()[0]["is_mutable"] is False
    for path in ("/archive/documents", "/archive/search", "/archive", "/archive/documents/1"):
        assert post_from_outside(ds, path).status_code in (403, 405), path
    response = asyncio.run(ds.client.get("/archive.json", params={"sql": "delete from documents"}))
    assert response.status_code == 400
    assert get(ds, "/archive/documents.json", _shape="array", _size="max").json()
    assert not any(
        q.get("write")
        for q in get(ds, "/-/metadata.json").json()["databases"]["archive"]["queries"].values()
    )


def post_from_outside(ds: Datasette, path: str) -> httpx.Response:
    """A POST as a browser or script elsewhere sends it (``ds.client`` skips CSRF checks)."""

    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=ds.app())
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            return await c.post(path, data={"sql": "delete from documents", "title": "x"})

    return asyncio.run(post())


def no_remote_assets(html: str) -> None:
    assert "http://" not in html and "https://" not in html
    assert "<script" not in html


def test_charts_index_links_both_charts(ds: Datasette) -> None:
    html = get(ds, "/-/charts").text
    assert 'href="/-/charts/documents-per-month"' in html
    assert 'href="/-/charts/figures?label=' in html
    no_remote_assets(html)


def test_documents_per_month_chart(ds: Datasette) -> None:
    html = get(ds, "/-/charts/documents-per-month").text
    assert "<svg" in html and "<rect" in html
    for publisher in {r["publisher"] for r in RECORDS if r["publisher"] and r["publish_date"]}:
        assert publisher in html
    no_remote_assets(html)
    one = sorted({r["publisher"] for r in RECORDS if r["publisher"] and r["publish_date"]})[0]
    html = get(ds, "/-/charts/documents-per-month", publisher=one).text
    months = {r["publish_date"][:7] for r in RECORDS if r["publisher"] == one and r["publish_date"]}
    assert all(m in html for m in months)


def test_figures_chart(ds: Datasette, archive: Path) -> None:
    db = Database(archive)
    expected = {
        row[0]
        for row in db.execute(
            "select distinct d.publisher from figures f join documents d on d.id = f.document_id"
            " where f.label like '%预算总收入%' and d.publish_year is not null"
        )
    }
    assert expected, "no 预算总收入 figure in the fixtures"
    html = get(ds, "/-/charts/figures", label="预算总收入").text
    assert "<svg" in html and "<polyline" in html
    assert all(p in html for p in expected)
    no_remote_assets(html)
    assert "No such figures" in get(ds, "/-/charts/figures", label="量子纠缠").text
