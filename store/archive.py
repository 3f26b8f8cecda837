"""Writing the archive: sites, crawl runs, fetches, errors; and searching it.

Every ``save_*`` takes plain records and runs in one transaction, so a crawl killed at any point
leaves either the whole record or none of it. Documents and their versions: ``store.documents``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from store.search import Search, fetch_documents, ranked


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
    warc_file: str | None = None
    warc_offset: int | None = None
    warc_length: int | None = None
    warc_record_id: str | None = None
    truncated: bool = False


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
    with db.atomic():
        table = db.table("crawl_runs").insert(
            {"site_id": site_id, "started_at": started_at, "fetch_base_url": fetch_base_url}
        )
    return _pk(table.last_pk)


FILL_THRESHOLD = 0.9


def run_health(
    stats: dict[str, Any], required: tuple[str, ...], incremental: bool = False
) -> tuple[str, str, dict[str, float]]:
    """(status, reason, fill rates) of a crawl, from its stats.

    ``broken``: the lists gave no item, a list page came back empty (layout changed), half or
    more of the responses were errors or anti-bot walls, or a full crawl saved no document.
    ``degraded``: a required field filled on fewer than 90% of the pages parsed, an anti-bot
    wall on some pages, or a fifth of the responses errors. Otherwise ``ok``. An incremental
    run that found nothing new is ok: its lists still gave items.
    """
    rates: dict[str, float] = {}
    for key, value in stats.items():
        if key.startswith("xxgk/fields/") and key.endswith("/filled"):
            name = key.split("/")[2]
            empty = int(stats.get(f"xxgk/fields/{name}/empty", 0))
            rates[name] = round(int(value) / (int(value) + empty), 4)
    for name in required:
        if f"xxgk/fields/{name}/empty" in stats and name not in rates:
            rates[name] = 0.0
    errors = {k.rsplit("/", 1)[1]: int(v) for k, v in stats.items() if k.startswith("xxgk/errors/")}
    responses = int(stats.get("xxgk/warc_records", 0)) or sum(errors.values())
    walls = errors.get("blocked", 0)
    failed = walls + sum(errors.get(k, 0) for k in ("server_error", "http_error", "connection",
                                                     "timeout", "not_found"))  # fmt: skip
    if not int(stats.get("xxgk/list_items", 0)):
        return "broken", "the column lists gave no item", rates
    if errors.get("empty_list"):
        return (
            "broken",
            f"{errors['empty_list']} list page(s) with no items: layout changed?",
            rates,
        )
    if responses >= 5 and failed * 2 >= responses:
        return "broken", f"{failed} of {responses} responses were errors or anti-bot walls", rates
    if not incremental and not int(stats.get("xxgk/documents", 0)):
        return "broken", "no document saved", rates
    if int(stats.get("xxgk/documents", 0)):
        low = [f"{n} {rates.get(n, 0.0):.0%}" for n in required
               if rates.get(n, 0.0) < FILL_THRESHOLD]  # fmt: skip
        if low:
            return (
                "degraded",
                "required fields filled on fewer than 90% of pages: " + ", ".join(low),
                rates,
            )
    if walls:
        return "degraded", f"{walls} anti-bot wall(s)", rates
    if responses >= 5 and failed * 5 >= responses:
        return "degraded", f"{failed} of {responses} responses were errors", rates
    return "ok", "", rates


def finish_run(
    db: Database,
    run_id: int,
    finished_at: str,
    stats: dict[str, Any],
    required: tuple[str, ...] = ("title", "publish_date", "body_text"),
    incremental: bool = False,
) -> str:
    """Close a crawl run with its counts, fill rates and health; returns the status."""
    status, reason, rates = run_health(stats, required, incremental)
    errors = {k.rsplit("/", 1)[1]: v for k, v in stats.items() if k.startswith("xxgk/errors/")}
    counts = db.execute(
        "select (select count(*) from fetches where run_id = :r),"
        " (select count(distinct d.id) from documents d join fetches f on d.fetch_id = f.id"
        "  where f.run_id = :r),"
        " (select count(*) from errors where run_id = :r)",
        {"r": run_id},
    ).fetchone()
    with db.atomic():
        db.table("crawl_runs").update(
            run_id,
            {
                "finished_at": finished_at,
                "requests": counts[0],
                "documents": counts[1],
                "errors": counts[2],
                "stats": json.dumps(stats, ensure_ascii=False, sort_keys=True, default=str),
                "status": status,
                "status_reason": reason or None,
                "fill_rates": json.dumps(rates, sort_keys=True),
                "mode": "incremental" if incremental else "full",
                "bytes": int(stats.get("downloader/response_bytes", 0)),
                "new_documents": int(stats.get("xxgk/new_documents", 0)),
                "changed_documents": int(stats.get("xxgk/changed_documents", 0)),
                "removed_documents": sum(
                    int(stats.get(f"xxgk/status/{s}", 0))
                    for s in ("removed", "soft_removed", "blocked", "unreachable")
                ),
                "restored_documents": int(stats.get("xxgk/status/restored", 0)),
                "new_attachments": int(stats.get("xxgk/attachments/ok", 0)),
                "unchanged_documents": int(stats.get("xxgk/not_modified", 0))
                + int(stats.get("xxgk/unchanged_documents", 0)),
                "errors_by_kind": json.dumps(errors, sort_keys=True),
            },
        )
    return status


def save_fetch(db: Database, fetch: Fetch) -> int:
    with db.atomic():
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
                "warc_file": fetch.warc_file,
                "warc_offset": fetch.warc_offset,
                "warc_length": fetch.warc_length,
                "warc_record_id": fetch.warc_record_id,
                "truncated": int(fetch.truncated),
            }
        )
    return _pk(table.last_pk)


def set_fetch_outcome(
    db: Database, fetch_id: int, outcome: str, encoding: str | None = None
) -> None:
    """Record what the spider made of a final response: ``document``, ``list`` or an error
    kind. Responses that were retried or redirected keep no outcome."""
    with db.atomic():
        db.execute(
            "update fetches set outcome = ?, encoding = coalesce(?, encoding) where id = ?",
            [outcome, encoding, fetch_id],
        )


def save_error(db: Database, error: ErrorRecord) -> int:
    with db.atomic():
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


def search(db: Database, query: str, limit: int = 20) -> list[dict[str, Any]]:
    """Documents matching ``query`` (see store.search), best first."""
    order, _ = ranked(db, Search(q=query))
    chosen = order[:limit]
    docs = fetch_documents(db, [doc_id for _, doc_id in chosen])
    return [
        {
            "id": doc_id,
            "url": docs[doc_id]["url"],
            "title": docs[doc_id]["title"],
            "publisher": docs[doc_id]["publisher"],
            "publish_date": docs[doc_id]["publish_date"],
            "rank": rank,
        }
        for rank, doc_id in chosen
    ]
