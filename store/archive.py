"""Writing the archive: sites, crawl runs, fetches, documents, attachments, errors.

Every ``save_*`` takes plain records and runs in one transaction, so a crawl killed at any point
leaves either the whole record or none of it. Documents are keyed by canonical URL: crawling the
same site twice updates rows, it never duplicates them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from parsers.records import Document
from store.schema import FTS_TABLE
from store.search import RANK_WEIGHTS, fts_query, fts_tokens


def _pk(value: Any) -> int:
    if value is None:
        raise RuntimeError("insert returned no primary key")
    return int(value)


@dataclass(frozen=True)
class Fetch:
    """One HTTP exchange as the crawler saw it."""

    site_id: str
    url: str  # canonical URL
    fetch_url: str  # where the bytes really came from (a mirror, in tests)
    kind: str  # list | detail
    fetched_at: str
    status: int | None
    sha256: str | None = None
    bytes: int | None = None
    content_type: str | None = None
    encoding: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    redirected_from_url: str | None = None
    run_id: int | None = None


@dataclass(frozen=True)
class ErrorRecord:
    site_id: str
    url: str
    fetched_at: str
    kind: str
    detail: str
    http_status: int | None = None
    fetch_id: int | None = None
    run_id: int | None = None


def save_site(db: Database, profile: dict[str, Any]) -> None:
    db.table("sites").upsert(
        {
            "id": profile["id"],
            "name": profile["name"],
            "family": profile["family"],
            "base_url": profile["base_url"],
            "columns": json.dumps(profile.get("columns", []), ensure_ascii=False),
            "verified": int(bool(profile.get("verified", False))),
        },
        pk="id",
    )


def start_run(db: Database, site_id: str, started_at: str, fetch_base_url: str) -> int:
    with db.conn:
        table = db.table("crawl_runs").insert(
            {"site_id": site_id, "started_at": started_at, "fetch_base_url": fetch_base_url}
        )
    return _pk(table.last_pk)


def finish_run(db: Database, run_id: int, finished_at: str, stats: dict[str, Any]) -> None:
    counts = db.execute(
        "select (select count(*) from fetches where run_id = :r),"
        " (select count(distinct d.id) from documents d join fetches f on d.fetch_id = f.id"
        "  where f.run_id = :r),"
        " (select count(*) from errors where run_id = :r)",
        {"r": run_id},
    ).fetchone()
    with db.conn:
        db.table("crawl_runs").update(
            run_id,
            {
                "finished_at": finished_at,
                "requests": counts[0],
                "documents": counts[1],
                "errors": counts[2],
                "stats": json.dumps(stats, ensure_ascii=False, sort_keys=True, default=str),
            },
        )


def save_fetch(db: Database, fetch: Fetch) -> int:
    with db.conn:
        table = db.table("fetches").insert(
            {
                "run_id": fetch.run_id,
                "site_id": fetch.site_id,
                "url": fetch.url,
                "fetch_url": fetch.fetch_url,
                "kind": fetch.kind,
                "fetched_at": fetch.fetched_at,
                "status": fetch.status,
                "sha256": fetch.sha256,
                "bytes": fetch.bytes,
                "content_type": fetch.content_type,
                "encoding": fetch.encoding,
                "etag": fetch.etag,
                "last_modified": fetch.last_modified,
                "redirected_from_url": fetch.redirected_from_url,
            }
        )
    return _pk(table.last_pk)


def save_error(db: Database, error: ErrorRecord) -> int:
    with db.conn:
        table = db.table("errors").insert(
            {
                "run_id": error.run_id,
                "site_id": error.site_id,
                "url": error.url,
                "fetched_at": error.fetched_at,
                "kind": error.kind,
                "http_status": error.http_status,
                "detail": error.detail,
                "fetch_id": error.fetch_id,
            }
        )
    return _pk(table.last_pk)


def _document_row(doc: Document) -> dict[str, Any]:
    parts = doc.index_no_parts or {}
    year = int(doc.publish_date[:4]) if doc.publish_date else None
    return {
        "title": doc.title,
        "index_no": doc.index_no,
        "index_no_org": parts.get("org_code"),
        "index_no_period": parts.get("period"),
        "index_no_serial": parts.get("serial"),
        "topic": doc.topic,
        "publisher": doc.publisher,
        "publish_date": doc.publish_date,
        "publish_year": year,
        "doc_no": doc.doc_no,
        "keywords": json.dumps(doc.keywords, ensure_ascii=False),
        "body_text": doc.body_text,
        "metadata": json.dumps(doc.metadata, ensure_ascii=False),
    }


def save_document(
    db: Database, site_id: str, doc: Document, fetch_id: int | None, seen_at: str
) -> int:
    """Insert or update the document at ``doc.url``; returns its id."""
    row = _document_row(doc)
    row.update({"fetch_id": fetch_id, "last_seen_at": seen_at, "site_id": site_id})
    with db.conn:
        existing = db.execute("select id from documents where url = ?", [doc.url]).fetchone()
        if existing is None:
            row.update({"url": doc.url, "first_seen_at": seen_at})
            doc_id = _pk(db.table("documents").insert(row).last_pk)
        else:
            doc_id = int(existing[0])
            db.table("documents").update(doc_id, row)
        db.execute(f"delete from {FTS_TABLE} where rowid = ?", [doc_id])
        db.execute(
            f"insert into {FTS_TABLE} (rowid, title, body_text) values (?, ?, ?)",
            [doc_id, fts_tokens(doc.title), fts_tokens(doc.body_text)],
        )
        _replace_figures_and_tables(db, doc_id, doc)
        for att in doc.attachments:
            db.execute(
                "insert into attachments (document_id, url, name, ext, first_seen_at)"
                " values (?, ?, ?, ?, ?)"
                " on conflict(document_id, url) do update set name = excluded.name,"
                " ext = excluded.ext",
                [doc_id, att.url, att.name, att.ext, seen_at],
            )
    return doc_id


def _replace_figures_and_tables(db: Database, doc_id: int, doc: Document) -> None:
    """Figures and tables are derived from the page: the latest parse replaces them."""
    db.execute("delete from figures where document_id = ?", [doc_id])
    db.execute(
        "delete from table_cells where table_id in (select id from tables where document_id = ?)",
        [doc_id],
    )
    db.execute("delete from tables where document_id = ?", [doc_id])
    table_ids: dict[int, int] = {}
    for table in doc.tables:
        table_id = _pk(
            db.table("tables")
            .insert(
                {
                    "document_id": doc_id,
                    "table_index": table.table_index,
                    "caption": table.caption,
                    "heading": table.heading,
                    "unit": table.unit,
                    "n_rows": table.n_rows,
                    "n_cols": table.n_cols,
                }
            )
            .last_pk
        )
        table_ids[table.table_index] = table_id
        db.table("table_cells").insert_all(
            (
                {
                    "table_id": table_id,
                    "row_index": c.row_index,
                    "col_index": c.col_index,
                    "text": c.text,
                    "rowspan": c.rowspan,
                    "colspan": c.colspan,
                    "is_header": int(c.is_header),
                    "row_header": c.row_header,
                    "col_header": c.col_header,
                }
                for c in table.cells
            ),
            batch_size=500,
        )
    db.table("figures").insert_all(
        (
            {
                "document_id": doc_id,
                "source": "text" if f.table_index is None else "table",
                "table_id": table_ids.get(f.table_index) if f.table_index is not None else None,
                "row_index": f.row_index,
                "col_index": f.col_index,
                "position": f.position,
                "text": f.text,
                "value": f.value,
                "value_max": f.value_max,
                "unit": f.unit,
                "value_base": f.value_base,
                "value_base_max": f.value_base_max,
                "amount": float(f.value_base),
                "base_unit": f.base_unit,
                "kind": f.kind,
                "approximate": int(f.approximate),
                "direction": f.direction,
                "label": f.label,
                "context": f.context,
            }
            for f in doc.figures
        ),
        batch_size=500,
    )


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching ``query`` (see store.search), best first."""
    weights = ", ".join(str(w) for w in RANK_WEIGHTS)
    sql = (
        f"select d.id, d.url, d.title, d.publisher, d.publish_date,"
        f" bm25({FTS_TABLE}, {weights}) as rank"
        f" from {FTS_TABLE} join documents d on d.id = {FTS_TABLE}.rowid"
        f" where {FTS_TABLE} match :q order by rank limit :limit"
    )
    cursor = db.execute(sql, {"q": fts_query(query), "limit": limit})
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
