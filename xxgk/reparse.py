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
from parsers.attachments import read_download
from parsers.errors import http_status_kind
from parsers.outcome import classify_detail
from store.search import unindex_documents
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
    with db.atomic():
        unindex_documents(db, docs, params)  # while the index's values are still in the archive
        db.execute(
            f"delete from table_cells where table_id in "
            f"(select id from tables where document_id in ({docs}))",
            params,
        )
        for table in ("figures", "tables", "attachments", "status_changes", "versions"):
            db.execute(f"delete from {table} where document_id in ({docs})", params)
        db.execute(
            "update documents set content_hash = null, version_id = null, version_count = 0,"
            " status = null, status_changed_at = null, status_fetch_id = null,"
            f" status_http_status = null, status_evidence = null where 1 = 1{where}",
            params,
        )


def final_fetches(db: Database, site_id: str | None) -> list[dict[str, Any]]:
    """The detail-page and attachment responses the crawl acted on, in the crawl's order."""
    where, params = _site_filter(site_id, "f.site_id")
    return list(
        db.query(
            "select f.*, s.family from fetches f join sites s on s.id = f.site_id"
            " where f.kind in ('detail', 'attachment') and f.outcome is not null"
            f" and f.warc_file is not null{where} order by f.id",
            params,
        )
    )


def unanswered_attachments(db: Database, site_id: str | None) -> list[dict[str, Any]]:
    """Attachment downloads that failed with no response (too large, timeouts), last first."""
    where, params = _site_filter(site_id, "e.site_id")
    return list(
        db.query(
            "select e.* from errors e where e.fetch_id is null and e.url in"
            f" (select url from attachments) and e.kind != 'robots_disallowed'{where}"
            " order by e.id desc",
            params,
        )
    )


def replay(
    db: Database,
    warc_dir: Path,
    files_dir: Path,
    fetches: Iterable[dict[str, Any]],
    counts: Counts,
) -> Iterator[dict[str, Any]]:
    for fetch in fetches:
        stored = read_response(warc_dir, fetch["warc_file"], fetch["warc_offset"])
        counts.responses += 1
        if fetch["kind"] == "attachment":
            _replay_attachment(db, files_dir, fetch, stored)
            yield fetch
            continue
        if fetch["outcome"] == "not_modified":
            store.touch_document(db, fetch["url"], fetch["id"], fetch["fetched_at"],
                                 fetch["run_id"])  # fmt: skip
            yield fetch
            continue
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
                rules=_rules(fetch["site_id"]),
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


def _rules(site_id: str) -> Any:
    """The site profile's detail rules, if the profile is still there."""
    from crawler.profiles import ProfileError, load_profile

    try:
        return load_profile(site_id).get("detail")
    except ProfileError:
        return None


def _replay_attachment(db: Database, files_dir: Path, fetch: dict[str, Any], stored: Any) -> None:
    kind = http_status_kind(stored.status)
    if kind is not None or stored.truncated or fetch["truncated"]:
        kind = kind or "truncated"
        store.save_download(
            db, store.Download(fetch["url"], fetch["fetched_at"], fetch["id"], kind), None
        )
        return
    content_type = stored.headers.get("Content-Type")
    read = read_download(
        stored.body, fetch["url"], content_type, stored.headers.get("Content-Disposition")
    )
    store.record_download(
        db, files_dir, fetch["url"], fetch["fetched_at"], fetch["id"],
        stored.body if read.is_file else None, read.file_name, content_type, read.content,
    )  # fmt: skip


def reparse(
    db: Database,
    warc_dir: Path,
    site_id: str | None = None,
    progress: Callable[[Iterator[dict[str, Any]], int], Iterable[Any]] | None = None,
    files_dir: Path | None = None,
) -> Counts:
    """Re-derive the site's (or every site's) documents from the WARC capture."""
    fetches = final_fetches(db, site_id)
    unanswered = unanswered_attachments(db, site_id)
    reset(db, site_id)
    counts = Counts()
    steps = replay(db, warc_dir, files_dir or warc_dir.parent / "files", fetches, counts)
    for _ in progress(steps, len(fetches)) if progress else steps:
        pass
    settled: set[str] = set()
    for error in unanswered:  # the latest failure of each URL, unless a response settled it
        if error["url"] in settled or not store.needs_download(db, error["url"]):
            continue
        settled.add(error["url"])
        download = store.Download(error["url"], error["fetched_at"], None, error["kind"])
        store.save_download(db, download, None)
    return counts
