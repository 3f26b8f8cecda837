"""The annual-report dataset on the archive site: canned queries, the chart, the downloads.

The archive holds the km_gov mirror's pages and attachments, saved through the store as a
crawl saves them; Datasette runs in-process as ``xxgk serve`` configures it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import openpyxl
import pytest

from crawler.profiles import load_profile
from mirror.server import copy_site
from parsers import parse_detail
from parsers.attachments import read_download
from store import Archive
from tests.test_annual_report import KM_GOV_CASES as CASES
from tests.test_annual_report import expected
from tests.test_serve import get, open_datasette

SITE = "km_gov"
HOST = "https://www.km.gov.cn"
SEEN = "2024-05-01T00:00:00+00:00"
ARITHMETIC = ("total_column", "results_total", "balance", "review_total")


def build(path: Path) -> None:
    site = copy_site(SITE, path.parent / "site")  # the mirror with its case pages in place
    with Archive.at(path) as archive:
        archive.save_site(load_profile(SITE))
        for page in sorted((site / "c").rglob("*.shtml")):
            url = f"{HOST}/{page.relative_to(site).as_posix()}"
            doc = parse_detail(page.read_bytes(), url, "text/html; charset=utf-8")
            archive.save_document(SITE, doc, None, SEEN)
            for a in doc.attachments:
                body = (site / urlsplit(a.url).path.lstrip("/")).read_bytes()
                read = read_download(body, a.url, None, None)
                archive.record_download(a.url, SEEN, None, body, read.file_name, None,
                                        read.content)  # fmt: skip


@pytest.fixture(scope="module")
def ds(tmp_path_factory: pytest.TempPathFactory) -> Any:
    path = tmp_path_factory.mktemp("serve_reports") / "archive.db"
    build(path)
    return open_datasette(path)


def rows(ds: Any, query: str, **params: str) -> list[dict[str, Any]]:
    data = get(ds, f"/archive/{query}.json", _shape="objects", **params).json()
    assert data.get("error") is None, data
    result: list[dict[str, Any]] = data["rows"]
    return result


def test_requests_per_body_and_year(ds: Any) -> None:
    found = rows(ds, "report_requests")
    assert len(found) == len(CASES)
    by_key = {(r["publisher"], r["report_year"]): r for r in found}
    for case in CASES:
        exp = expected(case)
        row = by_key[(exp["publisher"], exp["report_year"])]
        assert row["requests_new"] == (exp["headline"] or {}).get("requests_new")
    assert [r["report_year"] for r in rows(ds, "report_requests", publisher="宜良")] == [2021]


def test_inconsistent_totals_are_listed(ds: Any) -> None:
    found = rows(ds, "report_inconsistent")
    inconsistent = [c for c in CASES if set(expected(c)["problems"]) & set(ARITHMETIC)]
    assert {(r["publisher"], r["report_year"]) for r in found} == {
        (expected(c)["publisher"], expected(c)["report_year"]) for c in inconsistent
    }
    assert {r["kind"] for r in found} == set(ARITHMETIC)


def test_refusal_reasons_share(ds: Any) -> None:
    found = rows(ds, "report_refusal_reasons")
    assert found
    assert all(r["row_code"].startswith("apply.result.not_disclosed.") for r in found)
    for year in {r["report_year"] for r in found}:
        shares = [r["pct_of_refusals"] for r in found if r["report_year"] == year]
        if any(shares):
            assert sum(shares) == pytest.approx(100, abs=0.1)
    third = next(r for r in found if r["report_year"] == 2023 and r["reason"].endswith("合法权益"))
    assert third["requests"] == 39


def test_review_outcomes(ds: Any) -> None:
    found = {(r["publisher"], r["report_year"]): r for r in rows(ds, "report_review_outcomes")}
    city = found[("昆明市人民政府", 2023)]
    assert (city["review_total"], city["review_corrected"], city["litigation_total"]) == (42, 4, 28)
    assert city["review_corrected_pct"] == pytest.approx(9.5)


def test_bodies_without_a_report_for_a_year(ds: Any) -> None:
    found = rows(ds, "report_missing_years", year="2021")
    assert {r["publisher"] for r in found} == {
        "昆明市", "昆明市人力资源和社会保障局", "昆明市财政局", "昆明市交通运输局", "昆明市人民政府"
    }  # fmt: skip
    every_year = rows(ds, "report_missing_years")
    assert ("昆明市人民政府", 2021) in {(r["publisher"], r["missing_year"]) for r in every_year}
    assert ("昆明市人民政府", 2023) not in {(r["publisher"], r["missing_year"]) for r in every_year}


def test_chart_of_requests_over_the_years(ds: Any) -> None:
    html = get(ds, "/-/charts/annual-reports").text
    assert "<svg" in html and "全部机关" in html and "<script" not in html
    assert "昆明市人民政府" in html
    one = get(ds, "/-/charts/annual-reports", publisher="宜良县人民政府").text
    assert "<polyline" in one or "<circle" in one
    assert "/-/charts/annual-reports" in get(ds, "/-/charts").text


def test_the_whole_dataset_as_xlsx(ds: Any) -> None:
    response = get(ds, "/-/annual-reports.xlsx")
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["报告 reports", "单元格 cells", "问题 problems", "代码 codes"]
    cells = sum(len(expected(c)["cells"]) for c in CASES)
    assert book["单元格 cells"].max_row == cells + 1
    assert book["报告 reports"].max_row == len(CASES) + 1
    values = [r[9] for r in book["单元格 cells"].iter_rows(min_row=2, values_only=True)]
    assert all(isinstance(v, int | float) for v in values)  # numbers stay numbers


def test_the_whole_dataset_as_csv(ds: Any) -> None:
    response = get(ds, "/archive/annual_report_dataset.csvbom", _stream="on")
    assert response.content.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(table) == sum(len(expected(c)["cells"]) for c in CASES)
    assert {"publisher", "report_year", "row_code", "row_name", "col_code", "unit"} <= set(table[0])
