"""The serving side's door: what the archive's web pages read, on a connection Datasette owns.

Datasette runs queries on its own read-only connections in worker threads
(``await db.execute_fn(lambda conn: ...)``); ``ArchiveReader`` wraps one such connection with the
archive's configuration, so the document page, archived copies, file downloads and charts ask
the archive for rows instead of holding SQL of their own.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from store.config import ArchiveConfig
from store.warc import StoredResponse, read_payload, read_response


class ArchiveReader:
    def __init__(self, config: ArchiveConfig, conn: sqlite3.Connection) -> None:
        self.config = config
        self.conn = conn

    def _rows(self, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        cursor = self.conn.execute(sql, params)
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]

    # -- document page ------------------------------------------------------------------------

    def document(self, doc_id: int) -> dict[str, Any] | None:
        """A document's row and everything its page shows: versions, status changes, the
        fetches they came from, and the current version's attachments, tables (with cells)
        and figures."""
        docs = self._rows("select * from documents where id = ?", [doc_id])
        if not docs:
            return None
        doc = docs[0]
        version_id = doc.get("version_id")
        versions = self._rows(
            "select v.id, v.version_no, v.fetch_id, v.fetched_at, v.content_hash,"
            " v.changed_fields, v.title from versions v where v.document_id = ?"
            " order by v.version_no desc",
            [doc_id],
        )
        status_changes = self._rows(
            "select * from status_changes where document_id = ? order by changed_at desc, id desc",
            [doc_id],
        )
        fetch_ids = {doc.get("fetch_id"), doc.get("status_fetch_id")}
        fetch_ids |= {v["fetch_id"] for v in versions} | {s["fetch_id"] for s in status_changes}
        ids = sorted(i for i in fetch_ids if i is not None)
        fetches = self._rows(
            "select id, kind, url, fetch_url, fetched_at, status, sha256, bytes, content_type,"
            " encoding, warc_file, warc_offset, warc_record_id from fetches"
            " where id in (select value from json_each(?))",
            [json.dumps(ids)],
        )
        return {
            "doc": doc,
            "versions": versions,
            "status_changes": status_changes,
            "fetches": fetches,
            "attachments": self._rows(
                "select id, url, name, ext, file_name, sha256, size, detected_type,"
                " content_type, fetched_at, status, extraction_status, extraction_reason"
                " from attachments where version_id = ? order by id",
                [version_id],
            ),
            "tables": self._rows(
                "select * from tables where version_id = ?"
                " order by attachment_id is not null, attachment_id, table_index",
                [version_id],
            ),
            "cells": self._rows(
                "select c.table_id, c.row_index, c.col_index, c.text, c.rowspan, c.colspan,"
                " c.is_header from table_cells c join tables t on t.id = c.table_id"
                " where t.version_id = ? order by c.table_id, c.row_index, c.col_index",
                [version_id],
            ),
            "figures": self._rows(
                "select id, source, attachment_id, position, text, value, unit, value_base,"
                " base_unit, kind, approximate, direction, label, context from figures"
                " where version_id = ? order by attachment_id is not null, attachment_id,"
                " position",
                [version_id],
            ),
        }

    def site_names(self) -> dict[str, str]:
        """Site id -> the site's name."""
        return {row["id"]: row["name"] for row in self._rows("select id, name from sites")}

    # -- archived copies and files --------------------------------------------------------------

    def fetch(self, fetch_id: int) -> dict[str, Any] | None:
        rows = self._rows(
            "select id, kind, url, fetched_at, sha256, content_type, warc_file, warc_offset"
            " from fetches where id = ?",
            [fetch_id],
        )
        return rows[0] if rows else None

    def read_response(self, warc_file: str, offset: int) -> StoredResponse:
        return read_response(self.config.warc_dir, warc_file, offset)

    def read_payload(self, warc_file: str, offset: int, limit: int) -> tuple[int, bytes]:
        """A captured response's status and payload, unpacking at most ``limit`` bytes."""
        return read_payload(self.config.warc_dir, warc_file, offset, limit)

    def downloads(self, urls: list[str]) -> dict[str, str]:
        """Attachment URL -> sha256 of its stored file, for the URLs that have one."""
        rows = self._rows(
            "select url, sha256 from attachments where sha256 is not null"
            " and url in (select value from json_each(?))",
            [json.dumps(sorted(urls))],
        )
        return {row["url"]: row["sha256"] for row in rows}

    def file(self, sha256: str) -> tuple[dict[str, Any], Path] | None:
        """A stored file's row (type, a name it was downloaded under) and its path, if both
        exist."""
        rows = self._rows(
            "select f.path, f.detected_type, a.file_name from files f"
            " left join attachments a on a.sha256 = f.sha256 where f.sha256 = ? limit 1",
            [sha256],
        )
        path = self.config.file_path(sha256)
        if not rows or not path.is_file():
            return None
        return rows[0], path

    # -- charts ---------------------------------------------------------------------------------

    def documents_per_month(self, publisher: str) -> list[dict[str, Any]]:
        return self._rows(
            "select substr(publish_date, 1, 7) as month, coalesce(publisher, '') as publisher,"
            " count(*) as n from documents where publish_date is not null"
            " and (:publisher = '' or publisher = :publisher) group by 1, 2 order by 1",
            {"publisher": publisher},
        )

    def figure_series(self, label: str) -> list[dict[str, Any]]:
        return self._rows(
            "select coalesce(d.publisher, '') as publisher, d.publish_year as year,"
            " f.base_unit as unit, max(f.amount) as amount, count(*) as n"
            " from figures f join documents d"
            " on d.id = f.document_id and f.version_id = d.version_id"
            " where f.label like '%' || :label || '%' and d.publish_year is not null"
            " and f.amount is not null group by 1, 2, 3 order by 1, 2",
            {"label": label},
        )

    # -- annual reports ---------------------------------------------------------------------------

    def has_annual_reports(self) -> bool:
        row = self.conn.execute(
            "select 1 from sqlite_master where type = 'view' and name = 'annual_report_headline'"
        ).fetchone()
        return row is not None

    def requests_per_year(self, publisher: str) -> list[dict[str, Any]]:
        """Requests received (本年新收, 总计) per report and year, one body or all."""
        return self._rows(
            "select publisher, report_year as year, requests_new as n"
            " from annual_report_headline where requests_new is not null"
            " and report_year is not null and (:publisher = '' or publisher = :publisher)"
            " order by report_year, publisher",
            {"publisher": publisher},
        )

    def annual_report_sheets(self) -> list[tuple[str, list[str], list[tuple[Any, ...]]]]:
        """The whole annual-report dataset as sheets: (title, columns, rows)."""
        sheets = []
        for title, sql in _REPORT_SHEETS:
            cursor = self.conn.execute(sql)
            sheets.append((title, [d[0] for d in cursor.description], cursor.fetchall()))
        return sheets


_REPORT_SHEETS = (
    ("报告 reports", "select * from annual_report_headline order by publisher, report_year"),
    ("单元格 cells", "select * from annual_report_dataset order by report_id, cell_id"),
    (
        "问题 problems",
        "select h.publisher, h.report_year, p.kind, p.detail, p.section, p.row_code,"
        " p.col_code, p.report_id, p.document_id from annual_report_problems p"
        " join annual_report_headline h on h.report_id = p.report_id order by p.id",
    ),
    ("代码 codes", "select * from annual_report_codes order by rowid"),
)
