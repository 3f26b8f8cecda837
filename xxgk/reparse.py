"""Rebuild documents, versions, figures, tables, attachments and statuses from the WARC capture.

No network: every final detail-page response the crawler received is read back from its WARC
record (the ``fetches`` table says where each one is and which responses were final rather than
retried or redirected) and goes through the same decision and the same store calls as during
the crawl, in the same order. On an archive built by a crawl this reproduces the crawl's rows;
after a parser improvement it applies the improvement to the whole archive.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

import store
from parsers import PageError
from parsers.outcome import classify_detail
from store.schema import FTS_TABLE
from store.warc import read_response

DERIVED = ("figures", "table_cells", "tables", "attachments", "versions", "status_changes")


@dataclass
class Counts:
    responses: int = 0
    documents: int = 0
    versions: int = 0
    errors: int = 0


def _site_filter(site_id: str | None, column: str = "site_id") -> tuple[str, list[Any]]:
    return (f" and {column} = ?", [site_id]) if site_id else ("", [])


def reset(db: Database, site_id: str | None) -> None:
    """Forget everything derived from responses, keeping each document's row (and id)."""
    where, params = _site_filter(site_id)
    docs = f"select id from documents where 1 = 1{where}"
    with db.conn:
        db.execute(
            f"delete from table_cells where table_id in "
            f"(select id from tables where document_id in ({docs}))",
            params,
        )
        for table in ("figures", "tables", "attachments", "status_changes", "versions"):
            db.execute(f"delete from {table} where document_id in ({docs})", params)
        db.execute(f"delete from {FTS_TABLE} where rowid in ({docs})", params)
        db.execute(
            "update documents set content_hash = null, version_id = null, version_count = 0,"
            " status = null, status_changed_at = null, status_fetch_id = null,"
            f" status_http_status = null, status_evidence = null where 1 = 1{where}",
            params,
        )


def final_detail_fetches(db: Database, site_id: str | None) -> list[dict[str, Any]]:
    where, params = _site_filter(site_id, "f.site_id")
    return list(
        db.query(
            "select f.*, s.family from fetches f join sites s on s.id = f.site_id"
            " where f.kind = 'detail' and f.outcome is not null and f.warc_file is not null"
            f"{where} order by f.id",
            params,
        )
    )


def replay(
    db: Database, warc_dir: Path, fetches: Iterable[dict[str, Any]], counts: Counts
) -> Iterator[dict[str, Any]]:
    for fetch in fetches:
        stored = read_response(warc_dir, fetch["warc_file"], fetch["warc_offset"])
        counts.responses += 1
        truncated = bool(fetch["truncated"]) or stored.truncated
        requested = fetch["redirected_from_url"] or fetch["url"]
        try:
            doc = classify_detail(
                stored.body,
                stored.canonical_url or fetch["url"],
                stored.status,
                stored.headers.get("Content-Type"),
                family=fetch["family"],
                redirected=fetch["redirected_from_url"] is not None,
                truncated=truncated,
            )
        except PageError as exc:
            counts.errors += 1
            store.set_fetch_outcome(db, fetch["id"], exc.kind)
            store.observe(db, requested, exc.kind, fetch["id"], stored.status, exc.detail,
                          fetch["fetched_at"], fetch["run_id"])  # fmt: skip
        else:
            counts.documents += 1
            store.set_fetch_outcome(db, fetch["id"], "document", doc.encoding)
            saved = store.save_document(db, fetch["site_id"], doc, fetch["id"],
                                        fetch["fetched_at"], fetch["run_id"])  # fmt: skip
            counts.versions += saved.new_version
        yield fetch


def reparse(
    db: Database,
    warc_dir: Path,
    site_id: str | None = None,
    progress: Callable[[Iterator[dict[str, Any]], int], Iterable[Any]] | None = None,
) -> Counts:
    """Re-derive the site's (or every site's) documents from the WARC capture."""
    fetches = final_detail_fetches(db, site_id)
    reset(db, site_id)
    counts = Counts()
    steps = replay(db, warc_dir, fetches, counts)
    for _ in progress(steps, len(fetches)) if progress else steps:
        pass
    return counts
