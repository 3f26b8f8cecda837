"""Annual reports in the archive: built by a real crawl of the km_gov mirror as documents and
attachments are saved, rebuilt by ``xxgk reparse``, read back through the views; the
migration reads the reports of an archive built before it; ``xxgk report`` prints one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from crawler.profiles import load_profile
from mirror.server import start
from parsers import parse_detail
from parsers.annual_report_codes import CODES, HEADLINE_KEYS
from store import Archive
from store.reports import rebuild_annual_reports
from tests.test_annual_report import KM_GOV_CASES as CASES
from tests.test_annual_report import NOTICE, case_file, expected

SITE = "km_gov"
SEEN = "2024-05-01T00:00:00+00:00"
CELL_SQL = (
    "select r.source_url, c.section, c.row_code, c.col_code, c.value, c.value_text,"
    " c.figure_id is not null from annual_report_cells c join annual_reports r"
    " on r.id = c.report_id order by 1, 3, 4"
)


def xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp: Path = tmp_path_factory.mktemp("km_gov")
    srv = start(SITE)
    try:
        run = xxgk("crawl", SITE, "--base-url", srv.base_url, "--db", str(tmp / "archive.db"),
                   "--log-level", "WARNING")  # fmt: skip
    finally:
        srv.shutdown()
    return {"run": run, "path": tmp / "archive.db", "db": Database(tmp / "archive.db")}


def test_the_crawl_saves_every_page(crawled: dict[str, Any]) -> None:
    assert crawled["run"].returncode == 0, crawled["run"].stderr[-3000:]
    assert crawled["db"].execute("select count(*) from documents").fetchone()[0] == 15


@pytest.mark.parametrize("case", CASES)
def test_every_case_is_stored_with_its_cells(crawled: dict[str, Any], case: str) -> None:
    db: Database = crawled["db"]
    exp = expected(case)
    rows = list(db.query("select * from annual_reports where source_url = ?", [exp["url"]]))
    assert len(rows) == 1, rows
    report = rows[0]
    assert report["is_primary"] == 1
    for field in ("report_year", "publisher", "level", "format", "source_type"):
        assert report[field] == exp[field], field
    got = {
        (c["row_code"], c["col_code"]): (c["value"], c["value_text"])
        for c in db.query("select * from annual_report_cells where report_id = ?", [report["id"]])
    }
    want = {(c["row_code"], c["col_code"]): (c["value"], c["value_text"]) for c in exp["cells"]}
    assert {k: (float(v[0]), v[1]) for k, v in got.items()} == {
        k: (float(v[0]), v[1]) for k, v in want.items()
    }
    kinds = sorted(
        r[0]
        for r in db.execute(
            "select distinct kind from annual_report_problems where report_id = ?", [report["id"]]
        ).fetchall()
    )
    assert kinds == exp["problems"]
    headline = db.execute(
        "select * from annual_report_headline where report_id = ?", [report["id"]]
    ).fetchone()
    columns = [d[0] for d in db.execute("select * from annual_report_headline limit 0").description]
    view = dict(zip(columns, headline, strict=True))
    for key in HEADLINE_KEYS:
        want_value = exp["headline"].get(key) if exp["headline"] else None
        got_value = view[key]
        if key == "fees_wan_yuan" and want_value is not None:
            want_value = float(want_value)
        assert got_value == want_value, key


def test_the_notice_is_no_report(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    titles = [r[0] for r in db.execute("select title from annual_reports").fetchall()]
    assert not any("通知" in t for t in titles)
    assert db.execute("select count(*) from annual_reports").fetchone()[0] == len(CASES)


def test_table_cells_point_at_their_figures(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    rows = db.execute(
        "select c.value_text, f.text, f.table_id = c.table_id, f.row_index = c.row_index,"
        " f.col_index = c.col_index from annual_report_cells c join figures f"
        " on f.id = c.figure_id"
    ).fetchall()
    assert len(rows) > 1000
    for value_text, figure_text, *same in rows:
        assert value_text == figure_text and all(same)


def test_the_dataset_view_and_the_dictionary(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    cells = db.execute("select count(*) from annual_report_cells").fetchone()[0]
    assert db.execute("select count(*) from annual_report_dataset").fetchone()[0] == cells
    unnamed = db.execute(
        "select count(*) from annual_report_dataset where row_name is null or col_name is null"
    ).fetchone()[0]
    assert unnamed == 0
    codes = {r[0] for r in db.execute("select code from annual_report_codes").fetchall()}
    assert codes == {c.code for c in CODES}


def test_reparse_rebuilds_the_same_reports(crawled: dict[str, Any]) -> None:
    db: Database = crawled["db"]
    before = db.execute(CELL_SQL).fetchall()
    run = xxgk("reparse", "--db", str(crawled["path"]))
    assert run.returncode == 0, run.stderr[-3000:]
    after = Database(crawled["path"]).execute(CELL_SQL).fetchall()
    assert after == before and len(after) > 2000


def archive(path: Path) -> Database:
    db = Archive.at(path).db
    Archive.over(db, migrate=False).save_site(load_profile(SITE))
    return db


def test_rebuilding_is_idempotent_and_follows_the_document(tmp_path: Path) -> None:
    db = archive(tmp_path / "a.db")
    exp = expected("yl_2021")
    doc = parse_detail(case_file("yl_2021").read_bytes(), exp["url"], exp["content_type"])
    saved = Archive.over(db, migrate=False).save_document(SITE, doc, None, SEEN)
    first = db.execute(CELL_SQL).fetchall()
    assert rebuild_annual_reports(db, saved.document_id) == 1
    assert db.execute(CELL_SQL).fetchall() == first
    doc.title = "宜良县人民政府关于2021年度有关工作情况的说明"  # an edit: no longer a report
    Archive.over(db, migrate=False).save_document(SITE, doc, None, SEEN)
    assert db.execute("select count(*) from annual_reports").fetchone()[0] == 0
    assert db.execute("select count(*) from annual_report_cells").fetchone()[0] == 0


def test_the_migration_reads_reports_already_archived(tmp_path: Path) -> None:
    db = archive(tmp_path / "old.db")
    exp = expected("zwfw_2023")
    doc = parse_detail(case_file("zwfw_2023").read_bytes(), exp["url"], exp["content_type"])
    Archive.over(db, migrate=False).save_document(SITE, doc, None, SEEN)
    for view in ("annual_report_headline", "annual_report_dataset"):
        db.execute(f"drop view {view}")
    for table in ("annual_report_cells", "annual_report_problems", "annual_reports",
                  "annual_report_codes"):  # fmt: skip
        db.execute(f"drop table {table}")
    db.execute("delete from _sqlite_migrations where name = '009_annual_reports'")
    db.conn.commit()
    db = Archive.over(db).db
    rows = db.execute("select publisher, report_year, cells from annual_reports").fetchall()
    assert rows == [("昆明市政务服务管理局", 2023, 200)]


def test_cli_prints_a_report_as_json() -> None:
    exp = expected("kmgd_2024")
    run = xxgk("report", str(case_file("kmgd_2024")), "--url", exp["url"])
    assert run.returncode == 0, run.stderr
    data = json.loads(run.stdout)
    assert (data["report_year"], data["publisher"], data["format"]) == (
        2024, "昆明市官渡区人民政府", "2021"
    )  # fmt: skip
    assert data["headline"] == exp["headline"]
    assert set(data["cells"][0]) >= {"section", "row_code", "col_code", "row_label",
                                     "col_label", "value"}  # fmt: skip
    assert len(data["cells"]) == len(exp["cells"])


def test_cli_refuses_what_is_no_report() -> None:
    run = xxgk("report", str(NOTICE), "--url",
               "https://www.km.gov.cn/c/2023-01-05/4652210.shtml")  # fmt: skip
    assert run.returncode == 2
    assert "names no 政府信息公开工作年度报告" in run.stderr
    assert "Traceback" not in run.stderr
