"""serve/metadata.yml against the real schema: every table and column described, no typos,
every canned query runs in Datasette."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest
import yaml
from markupsafe import escape
from sqlite_utils import Database

import store
from crawler.profiles import DEFAULT_REQUIRED_FIELDS
from parsers.errors import ERROR_KINDS
from parsers.figures import extract
from parsers.quality import problems_of
from parsers.records import Attachment, Document
from store import Archive
from store.search import FTS_TABLE
from tests.conftest import ROOT
from tests.test_serve import get, open_datasette

METADATA_PATH = ROOT / "serve" / "metadata.yml"
METADATA: dict[str, Any] = yaml.safe_load(METADATA_PATH.read_text("utf-8"))
DB_META: dict[str, Any] = METADATA["databases"]["archive"]
TABLES_META: dict[str, Any] = DB_META["tables"]
QUERIES: dict[str, Any] = DB_META["queries"]
FTS_SHADOW_SUFFIXES = ("_data", "_idx", "_content", "_docsize", "_config")
# The search index is contentless: FTS5 keeps no _content table for it.
INDEX_SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config")


def fresh_schema() -> dict[str, list[str]]:
    db = Archive.over(Database(memory=True)).db
    try:
        names = [*db.table_names(), *db.view_names()]
        return {name: list(db[name].columns_dict) for name in names}
    finally:
        db.close()


SCHEMA = fresh_schema()
SHADOW = {
    name
    for name in SCHEMA
    for fts in SCHEMA
    if name != fts and name.startswith(fts) and name[len(fts) :] in FTS_SHADOW_SUFFIXES
}
DESCRIBED = sorted(set(SCHEMA) - SHADOW)


def test_top_level_metadata() -> None:
    for key in ("title", "source", "source_url", "license", "license_url", "about"):
        assert str(METADATA.get(key, "")).strip(), key
    assert METADATA.get("description_html") or METADATA.get("description")
    # the catalogue of a partitioned archive is checked against a real one in test_partitions
    assert set(METADATA["databases"]) == {"archive", "catalogue"}


def test_shadow_tables_are_found_and_hidden() -> None:
    shadow = {
        f"{table}{suffix}"
        for table in (FTS_TABLE, f"{FTS_TABLE}_titles")
        for suffix in INDEX_SHADOW_SUFFIXES
    }
    assert shadow == SHADOW
    for name in SHADOW:
        assert TABLES_META.get(name, {}).get("hidden") is True, name


@pytest.mark.parametrize("table", DESCRIBED)
def test_every_table_and_column_is_described(table: str) -> None:
    meta = TABLES_META.get(table)
    assert meta is not None, f"{table} is not in metadata.yml"
    assert str(meta.get("description", "")).strip(), f"{table} has no description"
    columns = meta.get("columns") or {}
    for column in SCHEMA[table]:
        assert str(columns.get(column, "")).strip(), f"{table}.{column} has no description"


@pytest.mark.parametrize("table", DESCRIBED)
def test_descriptions_are_bilingual(table: str) -> None:
    meta = TABLES_META[table]
    for text in [meta["description"], *meta["columns"].values()]:
        assert any("\u4e00" <= c <= "\u9fff" for c in text), f"no Chinese in {text!r}"
        assert any("a" <= c.lower() <= "z" for c in text), f"no English in {text!r}"


def test_metadata_names_only_existing_tables_and_columns() -> None:
    for table, meta in TABLES_META.items():
        assert table in SCHEMA, f"metadata.yml names a table that does not exist: {table}"
        columns = SCHEMA[table]
        for column in meta.get("columns") or {}:
            assert column in columns, f"no column {table}.{column}"
        for facet in meta.get("facets") or []:
            if isinstance(facet, dict):  # {counted: column}: serve/plugins/large_tables.py
                (facet,) = facet.values()
            assert facet in columns, f"facet on missing column {table}.{facet}"
        for key in ("label_column", "sort", "sort_desc"):
            if key in meta:
                assert meta[key] in columns, f"{table}.{key} names a missing column"
        if "fts_table" in meta:
            assert meta["fts_table"] in SCHEMA
            assert meta.get("fts_pk", "rowid") in [*columns, "rowid"]


def test_documents_table_settings() -> None:
    documents = TABLES_META["documents"]
    assert documents["label_column"] == "title"
    assert documents["sort_desc"] == "publish_date"
    assert documents["facets"] == [
        {"counted": column}
        for column in ("publisher", "topic", "publish_year", "status", "site_id")
    ]
    # ?_search= on documents is answered by serve/plugins/chinese_search.py, not by Datasette's
    # own search: the index is contentless and keyed in publication order
    assert "fts_table" not in documents
    assert documents["size"] == 50
    assert TABLES_META["errors"]["facets"] == ["kind", "site_id"]
    assert TABLES_META["attachments"]["facets"] == ["ext"]
    assert TABLES_META["fetches"]["facets"] == ["kind", "status"]


def test_error_kind_description_lists_the_whole_vocabulary() -> None:
    text = TABLES_META["errors"]["columns"]["kind"]
    for kind in ERROR_KINDS:
        assert f"{kind} =" in text, kind


def test_canned_queries_have_titles_and_descriptions() -> None:
    assert set(QUERIES) >= {
        "search",
        "recent_documents",
        "errors_by_kind",
        "documents_per_year_publisher",
    }
    for name, query in QUERIES.items():
        assert query["sql"].strip(), name
        assert query["title"].strip(), name
        assert query["description"].strip(), name


# -- canned queries on a small real archive ------------------------------------------------

SITE = {
    "id": "km_yjj",
    "name": "昆明市应急管理局",
    "family": "km",
    "base_url": "https://yjj.km.gov.cn",
    "columns": [{"path": "/zfxxgk/fdzdgknr/tzgg/index.shtml", "name": "通知公告"}],
}
T0 = "2024-05-01T00:00:00+00:00"
T1 = "2024-06-01T00:00:00+00:00"
BUDGET_TEXT = "一、部门预算总收入4924.01万元，其中基本支出1310.28万元。\n建成救援队伍22支。"
DOCS = [
    Document(
        url="https://yjj.km.gov.cn/c/2021-06-22/1.shtml",
        title="昆明市应急管理局2021年部门预算",
        publisher="昆明市应急管理局",
        topic="财政预决算",
        publish_date="2021-06-22T10:30:00+08:00",
        body_text=BUDGET_TEXT,
        figures=list(extract(BUDGET_TEXT)),
        keywords=["预算"],
        attachments=[Attachment("https://yjj.km.gov.cn/u/1.pdf", "预算表", "pdf")],
    ),
    Document(
        url="https://yjj.km.gov.cn/c/2020-03-01/2.shtml",
        title="关于开展安全生产大检查的通知",
        publisher="昆明市安全生产委员会办公室",
        topic="通知公告",
        publish_date="2020-03-01",
        body_text="各县（市）区应急管理局：请开展安全生产大检查。",
    ),
    Document(url="https://yjj.km.gov.cn/c/x/3.shtml", title=None, body_text="防汛抗旱"),
]
# The one parameter of each canned query that takes one.
QUERY_PARAMS = {
    "search": "q",
    "budget_figures": "label",
    "document_figures": "document_id",
    "figures_by_keyword": "keyword",
    "document_history": "document_id",
    "documents_by_doc_no_series": "series",
}
EXPECTED_ROWS = {
    ("search", "应急"): 2,
    ("search", ""): 0,
    ("budget_figures", ""): 2,
    ("budget_figures", "总收入"): 1,
    ("document_figures", "1"): 3,
    ("document_figures", "2"): 0,
    ("figures_by_keyword", "救援"): 1,
    ("recently_changed", ""): 1,
    ("removed_documents", ""): 1,
    ("document_history", "1"): 3,
    ("crawl_health", ""): 1,
    ("documents_by_doc_no_series", "昆应急"): 0,
    ("attachments_by_type", ""): 1,
    ("recent_documents", ""): 3,
    ("errors_by_kind", ""): 2,
    ("documents_per_year_publisher", ""): 3,
    # the third document: no body to speak of, no title, no date
    ("incomplete_documents", ""): 3,
    # the small archive holds no annual report: tests/test_serve_reports.py runs these on one
    ("report_requests", ""): 0,
    ("report_refusal_reasons", ""): 0,
    ("report_review_outcomes", ""): 0,
    ("report_inconsistent", ""): 0,
    ("report_missing_years", ""): 0,
}


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("metadata") / "archive.db"
    db = Archive.at(path).db
    Archive.over(db, migrate=False).save_site(SITE)
    run = Archive.over(db, migrate=False).start_run("km_yjj", T0, "http://127.0.0.1:8000")
    for doc in DOCS:
        fetch = store.Fetch("km_yjj", doc.url, doc.url, "detail", T0, 200, "0" * 64, 10, run_id=run)
        Archive.over(db, migrate=False).save_document(
            "km_yjj", doc, Archive.over(db, migrate=False).save_fetch(fetch), T0, run,
            problems_of(doc, DEFAULT_REQUIRED_FIELDS),
        )  # fmt: skip
    # later: the first document is edited, the second deleted
    edited = dataclasses.replace(DOCS[0], title="昆明市应急管理局2021年部门预算（更新）")
    Archive.over(db, migrate=False).save_document("km_yjj", edited, None, T1)
    Archive.over(db, migrate=False).observe(
        DOCS[1].url, "not_found", None, 404, "HTTP 404: 页面不存在", T1, run
    )
    for kind, status in (("not_found", 404), ("not_found", 410), ("blocked", 412)):
        url = f"https://yjj.km.gov.cn/gone/{status}.shtml"
        fetch_id = Archive.over(db, migrate=False).save_fetch(
            store.Fetch("km_yjj", url, url, "detail", T0, status)
        )
        Archive.over(db, migrate=False).save_error(
            store.ErrorRecord("km_yjj", url, T0, kind, f"HTTP {status}", status, fetch_id, run)
        )
    Archive.over(db, migrate=False).finish_run(
        run, T0, store.RunCounts(documents=len(DOCS), list_items=len(DOCS))
    )
    db.close()
    return path


@pytest.mark.parametrize(("name", "q"), sorted(EXPECTED_ROWS))
def test_canned_query_runs(small_archive: Path, name: str, q: str) -> None:
    assert name in QUERIES
    ds = open_datasette(small_archive)
    params = {QUERY_PARAMS[name]: q} if name in QUERY_PARAMS else {}
    data = get(ds, f"/archive/{name}.json", _shape="objects", **params).json()
    assert data["ok"] is True and data.get("error") is None, data
    assert len(data["rows"]) == EXPECTED_ROWS[(name, q)]
    html = get(ds, f"/archive/{name}", **params).text
    assert QUERIES[name]["title"] in html


def test_every_canned_query_is_exercised() -> None:
    assert {name for name, _ in EXPECTED_ROWS} == set(QUERIES)


def test_every_table_page_renders(small_archive: Path) -> None:
    ds = open_datasette(small_archive)
    for table in DESCRIBED:
        html = get(ds, f"/archive/{table}").text
        assert str(escape(TABLES_META[table]["description"])) in html, table
