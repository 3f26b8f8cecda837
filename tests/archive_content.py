"""An archive's content, without ids or timestamps: to compare archives built different ways
(one process against dispatched shards, merges in different orders).

Rows are keyed by what they are (a document by its canonical URL, a version by its document's
URL and number, a figure by its version and position…) and compared as multisets, so two
archives compare equal when they hold the same documents, versions, figures, tables,
attachments, files, statuses, errors, fetches and runs, whatever ids and clocks gave them.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlite_utils import Database

# Columns that name a row or a moment rather than what it holds.
IGNORED = {"id", "document_id", "version_id", "fetch_id", "status_fetch_id", "table_id",
           "attachment_id", "run_id", "first_seen_at", "last_seen_at", "status_changed_at",
           "fetched_at", "changed_at", "found_at", "first_fetched_at", "fetch_url", "started_at",
           "finished_at", "warc_file", "warc_offset", "warc_length", "warc_record_id", "stats",
           "fetch_base_url", "origin", "node", "vantage", "etag", "last_modified"}  # fmt: skip

# table -> (select with the natural keys joined in, from which IGNORED columns are dropped)
QUERIES = {
    "sites": "select * from sites",
    "documents": "select * from documents",
    "versions": "select d.url as doc_url, v.* from versions v"
    " join documents d on d.id = v.document_id",
    "figures": "select d.url as doc_url, v.version_no, a.url as attachment_url, t.table_index,"
    " f.* from figures f join documents d on d.id = f.document_id"
    " join versions v on v.id = f.version_id left join attachments a on a.id = f.attachment_id"
    " left join tables t on t.id = f.table_id",
    "tables": "select d.url as doc_url, v.version_no, a.url as attachment_url, t.* from tables t"
    " join documents d on d.id = t.document_id join versions v on v.id = t.version_id"
    " left join attachments a on a.id = t.attachment_id",
    "table_cells": "select d.url as doc_url, v.version_no, a.url as attachment_url,"
    " t.table_index, c.* from table_cells c join tables t on t.id = c.table_id"
    " join documents d on d.id = t.document_id join versions v on v.id = t.version_id"
    " left join attachments a on a.id = t.attachment_id",
    "attachments": "select d.url as doc_url, v.version_no, a.* from attachments a"
    " join documents d on d.id = a.document_id left join versions v on v.id = a.version_id",
    "files": "select * from files",
    "status_changes": "select d.url as doc_url, s.*, f.status as fetch_status"
    " from status_changes s join documents d on d.id = s.document_id"
    " left join fetches f on f.id = s.fetch_id",
    "problems": "select d.url as doc_url, v.version_no, p.* from problems p"
    " join documents d on d.id = p.document_id left join versions v on v.id = p.version_id",
    "errors": "select e.*, f.sha256 as fetch_sha256 from errors e"
    " left join fetches f on f.id = e.fetch_id",
    "fetches": "select * from fetches",
    "crawl_runs": "select * from crawl_runs",
    "search": "select d.url, s.title, s.body_text, s.attachment_text from documents_fts s"
    " join documents d on d.id = s.rowid",
}


def content(db: Database, tables: tuple[str, ...] = tuple(QUERIES)) -> dict[str, Counter[Any]]:
    """Each table's rows as a multiset of (column, value) tuples, ids and times left out."""
    found: dict[str, Counter[Any]] = {}
    for table in tables:
        rows = Counter()
        for row in db.query(QUERIES[table]):
            rows[tuple(sorted((k, v) for k, v in row.items() if k not in IGNORED))] += 1
        found[table] = rows
    return found


def differences(a: dict[str, Counter[Any]], b: dict[str, Counter[Any]], limit: int = 3) -> str:
    """What differs between two ``content`` results, briefly ('' when nothing does)."""
    lines = []
    for table in a:
        only_a, only_b = a[table] - b[table], b[table] - a[table]
        if only_a or only_b:
            lines.append(f"{table}: {sum(only_a.values())} rows only in the first, "
                         f"{sum(only_b.values())} only in the second")  # fmt: skip
            lines += [f"  first:  {dict(r)}"[:600] for r in list(only_a)[:limit]]
            lines += [f"  second: {dict(r)}"[:600] for r in list(only_b)[:limit]]
    return "\n".join(lines)
