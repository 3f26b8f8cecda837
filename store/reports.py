"""Annual reports (政府信息公开工作年度报告) in the archive: the tables, and rebuilding them.

A report is read (``parsers.annual_report``) from what the archive already holds for a
document's latest version — its title, body text and tables, and the text and tables of each
attachment — so ``rebuild_annual_reports`` runs whenever a document or one of its attachments
is saved, and a re-parse rebuilds everything with the current parser. Tables:

- ``annual_reports``: one row per report source (the page, or an attachment) with its year,
  body, level, format, headline numbers (JSON) and ``is_primary`` (the source with the most
  cells, one per document: a page that links its own report as a PDF has two sources);
- ``annual_report_cells``: every number with its row and column code, the text as published,
  the labels as written, and where it was read (table cell, figure, or offset in the text);
- ``annual_report_problems``: totals that do not add up and rows that could not be read;
- ``annual_report_codes``: the data dictionary (``parsers.annual_report_codes``);
- views ``annual_report_headline`` (one row per primary report, the headline numbers as
  columns) and ``annual_report_dataset`` (every cell with its report and its code's label).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from parsers.annual_report import (
    AnnualReport,
    Problem,
    is_report_title,
    read_report,
    report_title,
)
from parsers.annual_report_codes import CODES, HEADLINE_KEYS
from parsers.records import Cell, Table

READABLE_TYPES = frozenset({"pdf", "docx", "xlsx", "xls", "csv", "txt"})
# the file names and link texts that name a report (for pages whose title does not)
_NAME_LIKE = ("%信息公开%报告%", "%信息公开%年报%")


# -- schema (migration 008) -------------------------------------------------------------------

_TABLES_008 = """
create table annual_reports (
  id integer primary key,
  document_id integer not null references documents(id),
  version_id integer references versions(id) on delete cascade,
  attachment_id integer references attachments(id) on delete cascade,
  source text not null,         -- page | attachment
  source_type text,             -- html | text | pdf | docx | xlsx | xls | csv | txt
  source_url text,
  title text,
  publisher text,
  report_year integer,
  format text not null,         -- 2019 | 2021 | free
  level text,                   -- 省 | 市 | 县 | 乡镇 | 部门
  is_primary integer not null,
  cells integer,
  problems integer,
  headline text,                -- JSON {name: number or null}
  publish_date text
);
create table annual_report_cells (
  id integer primary key,
  report_id integer not null references annual_reports(id) on delete cascade,
  section text not null,
  row_code text not null,
  col_code text not null,
  value integer,                -- counts are integers, money (万元) keeps its decimals
  value_text text,
  row_label text,
  col_label text,
  table_id integer references tables(id) on delete set null,
  table_index integer,
  row_index integer,
  col_index integer,
  position integer,
  figure_id integer references figures(id) on delete set null
);
create table annual_report_problems (
  id integer primary key,
  report_id integer not null references annual_reports(id) on delete cascade,
  document_id integer not null references documents(id),
  kind text not null,
  detail text,
  section text,
  row_code text,
  col_code text
);
"""


def create_report_tables(db: Database) -> None:
    """Create the annual-report tables, the dictionary and the views; read the reports of the
    documents already archived."""
    # Written as SQL for the ON DELETE clauses: a re-parse deletes versions, attachments, tables
    # and figures, and the reports read from them must go (or lose the link) with them. One
    # statement at a time: executescript would commit the migration's transaction.
    for statement in _TABLES_008.split(";\n"):
        if statement.strip():
            db.execute(statement)
    db.table("annual_report_codes").create(
        {
            "code": str,
            "kind": str,
            "section": str,
            "label": str,
            "label_2019": str,
            "formats": str,
            "unit": str,
            "description": str,
        },
        pk="code",
    )
    db.table("annual_report_codes").insert_all(
        (
            {
                "code": c.code,
                "kind": c.kind,
                "section": c.section,
                "label": c.label,
                "label_2019": c.label_2019,
                "formats": c.formats,
                "unit": c.unit,
                "description": c.description,
            }
            for c in CODES
        ),
    )
    db.table("annual_reports").create_index(["document_id"])
    db.table("annual_reports").create_index(["publisher", "report_year"])
    db.table("annual_reports").create_index(["report_year"])
    db.table("annual_report_cells").create_index(["report_id"])
    db.table("annual_report_cells").create_index(["row_code", "col_code"])
    db.table("annual_report_problems").create_index(["report_id"])
    db.table("annual_report_problems").create_index(["kind"])
    headline = ",\n  ".join(
        # fees are a decimal string in the JSON (exact); a number here, to sort and add
        f"cast(json_extract(r.headline, '$.{k}') as real) as {k}"
        if k == "fees_wan_yuan"
        else f"json_extract(r.headline, '$.{k}') as {k}"
        for k in HEADLINE_KEYS
    )
    db.create_view(
        "annual_report_headline",
        f"""select r.id as report_id, r.document_id, r.publisher, r.report_year, r.level,
  r.format, r.source, r.source_type, r.problems, r.title, r.source_url, r.publish_date,
  {headline}
from annual_reports r
where r.is_primary = 1""",
    )
    db.create_view(
        "annual_report_dataset",
        """select r.publisher, r.report_year, r.level, r.format, c.section,
  c.row_code, rk.label as row_name, c.col_code, ck.label as col_name, c.value, ck.unit,
  c.value_text, c.row_label, c.col_label, r.source, r.source_type, r.source_url,
  r.document_id, r.id as report_id, c.id as cell_id
from annual_report_cells c
join annual_reports r on r.id = c.report_id
left join annual_report_codes rk on rk.code = c.row_code
left join annual_report_codes ck on ck.code = c.col_code
where r.is_primary = 1""",
    )
    candidates = db.execute(
        "select id from documents where title like ? or title like ? or id in ("
        " select document_id from attachments where name like ? or name like ?"
        " or file_name like ? or file_name like ?)",
        [*_NAME_LIKE, *_NAME_LIKE, *_NAME_LIKE],
    ).fetchall()
    for (doc_id,) in candidates:
        rebuild_annual_reports(db, int(doc_id))


# -- rebuilding a document's reports ----------------------------------------------------------


@dataclass
class _Source:
    source: str  # page | attachment
    attachment_id: int | None
    url: str
    report: AnnualReport
    table_ids: dict[int, int]  # table_index -> tables.id


def _tables(db: Database, version_id: int, attachment_id: int | None) -> dict[int, Table]:
    """The stored tables of a version's page (or of one attachment), by tables.id."""
    rows = db.execute(
        "select id, table_index, caption, heading, unit, n_rows, n_cols from tables"
        " where version_id = ? and ifnull(attachment_id, 0) = ? order by table_index",
        [version_id, attachment_id or 0],
    ).fetchall()
    tables: dict[int, Table] = {}
    for table_id, index, caption, heading, unit, n_rows, n_cols in rows:
        cells = [
            Cell(r, c, text or "", rowspan or 1, colspan or 1)
            for r, c, text, rowspan, colspan in db.execute(
                "select row_index, col_index, text, rowspan, colspan from table_cells"
                " where table_id = ? order by id",
                [table_id],
            ).fetchall()
        ]
        tables[int(table_id)] = Table(index, caption, heading, unit, n_rows, n_cols, cells)
    return tables


def _read(
    db: Database, doc: dict[str, Any], attachment_id: int | None, title: str, text: str,
    source_type: str,
) -> tuple[AnnualReport, dict[int, int]]:  # fmt: skip
    tables = _tables(db, doc["version_id"], attachment_id)
    report = read_report(
        title, text, list(tables.values()), publisher=doc["publisher"],
        publish_date=doc["publish_date"], source_type=source_type,
    )  # fmt: skip
    return report, {t.table_index: table_id for table_id, t in tables.items()}


def _delete(db: Database, document_id: int) -> None:
    ids = "select id from annual_reports where document_id = ?"
    db.execute(f"delete from annual_report_cells where report_id in ({ids})", [document_id])
    db.execute("delete from annual_report_problems where document_id = ?", [document_id])
    db.execute("delete from annual_reports where document_id = ?", [document_id])


def rebuild_annual_reports(db: Database, document_id: int) -> int:
    """(Re)build the annual reports of a document's latest version from what the archive holds:
    its page when the title names a report, and each attachment that is one (named so, or
    attached to a report page). Sources without a statistics cell are dropped when another
    has cells; a report with none at all stays, as free form. Returns how many were stored."""
    _delete(db, document_id)
    row = db.execute(
        "select id, url, title, publisher, publish_date, body_text, version_id"
        " from documents where id = ?",
        [document_id],
    ).fetchone()
    if row is None or row[6] is None:
        return 0
    doc = dict(zip(("id", "url", "title", "publisher", "publish_date", "body_text",
                    "version_id"), row, strict=True))  # fmt: skip
    titled = is_report_title(doc["title"])
    attachments = db.execute(
        "select a.id, a.url, a.name, a.file_name, a.status, a.extraction_status,"
        " a.extraction_reason, a.detected_type from attachments a where a.version_id = ?"
        " order by a.id",
        [doc["version_id"]],
    ).fetchall()
    named = [a for a in attachments if report_title(a[2], a[3]) is not None]
    if not titled and not named:
        return 0
    sources: list[_Source] = []
    unreadable: list[Problem] = []
    if titled:
        report, table_ids = _read(db, doc, None, doc["title"], doc["body_text"] or "", "html")
        sources.append(_Source("page", None, doc["url"], report, table_ids))
    for a_id, url, name, file_name, status, extraction, reason, kind in attachments:
        title = report_title(name, file_name) or (doc["title"] if titled else None)
        if title is None or status == "pending":
            continue
        shown = file_name or name or url
        if status != "ok" or extraction != "ok":
            unreadable.append(Problem("unreadable_source", f"{shown}: {reason or status}"))
            continue
        if kind not in READABLE_TYPES:
            continue
        text_row = db.execute(
            "select f.text from files f join attachments a on a.sha256 = f.sha256 where a.id = ?",
            [a_id],
        ).fetchone()
        text = text_row[0] if text_row is not None and text_row[0] else ""
        own = report_title(name, file_name, text=text) or title
        report, table_ids = _read(db, doc, a_id, own, text, kind)
        sources.append(_Source("attachment", a_id, url, report, table_ids))
    if not sources:
        return 0
    with_cells = [s for s in sources if s.report.cells]
    kept = with_cells or sources[:1]
    primary = max(kept, key=lambda s: len(s.report.cells))  # the first of equals: the page
    primary.report.problems.extend(unreadable)
    for source in kept:
        _insert(db, doc, source, source is primary)
    return len(kept)


def _figures(db: Database, table_ids: dict[int, int]) -> dict[tuple[int, int, int], int]:
    if not table_ids:
        return {}
    marks = ", ".join("?" for _ in table_ids)
    return {
        (int(t), int(r), int(c)): int(f)
        for f, t, r, c in db.execute(
            "select id, table_id, row_index, col_index from figures"
            f" where table_id in ({marks}) order by id desc",
            list(table_ids.values()),
        ).fetchall()
    }


def _insert(db: Database, doc: dict[str, Any], source: _Source, primary: bool) -> None:
    report = source.report
    report_id = (
        db.table("annual_reports")
        .insert(
            {
                "document_id": doc["id"],
                "version_id": doc["version_id"],
                "attachment_id": source.attachment_id,
                "source": source.source,
                "source_type": report.source_type,
                "source_url": source.url,
                "title": report.title,
                "publisher": report.publisher,
                "report_year": report.report_year,
                "format": report.format,
                "level": report.level,
                "is_primary": int(primary),
                "cells": len(report.cells),
                "problems": len(report.problems),
                "headline": json.dumps(report.headline, ensure_ascii=False),
                "publish_date": doc["publish_date"],
            }
        )
        .last_pk
    )
    figures = _figures(db, source.table_ids)
    rows = []
    for c in report.cells:
        table_id = source.table_ids.get(c.table_index) if c.table_index is not None else None
        figure = (
            figures.get((table_id, c.row_index, c.col_index))
            if table_id is not None and c.row_index is not None and c.col_index is not None
            else None
        )
        rows.append(
            {
                "report_id": report_id,
                "section": c.section,
                "row_code": c.row_code,
                "col_code": c.col_code,
                "value": c.value,
                "value_text": c.value_text,
                "row_label": c.row_label,
                "col_label": c.col_label,
                "table_id": table_id,
                "table_index": c.table_index,
                "row_index": c.row_index,
                "col_index": c.col_index,
                "position": c.position,
                "figure_id": figure,
            }
        )
    db.table("annual_report_cells").insert_all(rows, batch_size=500)
    db.table("annual_report_problems").insert_all(
        (
            {
                "report_id": report_id,
                "document_id": doc["id"],
                "kind": p.kind,
                "detail": p.detail,
                "section": p.section,
                "row_code": p.row_code,
                "col_code": p.col_code,
            }
            for p in report.problems
        ),
        batch_size=500,
    )
