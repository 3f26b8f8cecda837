"""Sites, crawl runs (with their health), fetches and errors.

Every ``save_*`` takes plain records and runs in one transaction, so a crawl killed at any point
leaves either the whole record or none of it. A run's health is decided from plain counts
(``RunCounts``), which the crawler keeps; nothing here knows Scrapy.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from store.rows import pk


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
    return pk(table.last_pk)


FILL_THRESHOLD = 0.9
# error kinds that count as failed responses when judging a run
FAILED_KINDS = ("blocked", "server_error", "http_error", "connection", "timeout", "not_found")
GONE_STATUSES = ("removed", "soft_removed", "blocked", "unreachable")


@dataclass
class RunCounts:
    """What a crawl run did, counted as it went: the only input of its health."""

    list_pages: int = 0
    list_items: int = 0
    list_items_known: int = 0
    list_pages_capped: int = 0  # list pages that claimed more pages than a list may have
    documents: int = 0  # detail pages saved as documents
    new_documents: int = 0
    changed_documents: int = 0
    unchanged_documents: int = 0
    not_modified: int = 0  # 304 answers to conditional re-checks
    responses: int = 0  # responses captured to WARC
    bytes: int = 0
    errors: Counter[str] = field(default_factory=Counter)  # by kind
    statuses: Counter[str] = field(default_factory=Counter)  # status changes, by new status
    attachments: Counter[str] = field(default_factory=Counter)  # downloads, by outcome
    filled: Counter[str] = field(default_factory=Counter)  # documents with the field
    empty: Counter[str] = field(default_factory=Counter)  # documents without it
    problems: Counter[str] = field(default_factory=Counter)  # documents with a problem, by kind

    def fill_rates(self, required: tuple[str, ...] = ()) -> dict[str, float]:
        rates = {
            name: round(self.filled[name] / (self.filled[name] + self.empty[name]), 4)
            for name in set(self.filled) | set(self.empty)
            if self.filled[name] + self.empty[name]
        }
        for name in required:
            if self.documents and name not in rates:
                rates[name] = 0.0
        return rates

    def as_stats(self) -> dict[str, int]:
        """The counts as ``xxgk/…`` entries for Scrapy's stats (the crawl log)."""
        names = ("list_pages", "list_items", "list_items_known", "list_pages_capped", "documents",
                 "new_documents",
                 "changed_documents", "unchanged_documents", "not_modified")  # fmt: skip
        stats = {f"xxgk/{name}": getattr(self, name) for name in names if getattr(self, name)}
        for prefix, counter in (("errors", self.errors), ("status", self.statuses),
                                ("attachments", self.attachments),
                                ("problems", self.problems)):  # fmt: skip
            stats.update({f"xxgk/{prefix}/{k}": v for k, v in counter.items()})
        stats.update({f"xxgk/fields/{k}/filled": v for k, v in self.filled.items()})
        stats.update({f"xxgk/fields/{k}/empty": v for k, v in self.empty.items()})
        return stats


def run_health(
    counts: RunCounts, required: tuple[str, ...], incremental: bool = False
) -> tuple[str, str, dict[str, float]]:
    """(status, reason, fill rates) of a crawl, from its counts.

    ``broken``: the lists gave no item, a list page came back empty (layout changed), half or
    more of the responses were errors or anti-bot walls, or a full crawl saved no document.
    ``degraded``: a required field filled on fewer than 90% of the pages parsed, a document
    stored with a problem (its body missing, say), an anti-bot wall on some pages, or a fifth
    of the responses errors. Otherwise ``ok``. An incremental run that found nothing new is
    ok: its lists still gave items.
    """
    rates = counts.fill_rates(required)
    errors = counts.errors
    responses = counts.responses or sum(errors.values())
    walls = errors.get("blocked", 0)
    failed = sum(errors.get(k, 0) for k in FAILED_KINDS)
    if not counts.list_items:
        return "broken", "the column lists gave no item", rates
    if errors.get("empty_list"):
        return (
            "broken",
            f"{errors['empty_list']} list page(s) with no items: layout changed?",
            rates,
        )
    if responses >= 5 and failed * 2 >= responses:
        return "broken", f"{failed} of {responses} responses were errors or anti-bot walls", rates
    if not incremental and not counts.documents:
        return "broken", "no document saved", rates
    if counts.documents:
        low = [f"{n} {rates.get(n, 0.0):.0%}" for n in required
               if rates.get(n, 0.0) < FILL_THRESHOLD]  # fmt: skip
        if low:
            return (
                "degraded",
                "required fields filled on fewer than 90% of pages: " + ", ".join(low),
                rates,
            )
    if counts.problems:
        listed = ", ".join(f"{k}: {v}" for k, v in sorted(counts.problems.items()))
        return "degraded", f"documents stored with problems ({listed})", rates
    if walls:
        return "degraded", f"{walls} anti-bot wall(s)", rates
    if responses >= 5 and failed * 5 >= responses:
        return "degraded", f"{failed} of {responses} responses were errors", rates
    return "ok", "", rates


def finish_run(
    db: Database,
    run_id: int,
    finished_at: str,
    counts: RunCounts,
    required: tuple[str, ...] = ("title", "publish_date", "body_text"),
    incremental: bool = False,
    stats: dict[str, Any] | None = None,
) -> str:
    """Close a crawl run with its counts, fill rates and health; returns the status.
    ``stats`` (the crawler's own statistics) are kept as they are, for the record."""
    status, reason, rates = run_health(counts, required, incremental)
    row = db.execute(
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
                "requests": row[0],
                "documents": row[1],
                "errors": row[2],
                "stats": json.dumps(stats if stats is not None else counts.as_stats(),
                                    ensure_ascii=False, sort_keys=True, default=str),
                "status": status,
                "status_reason": reason or None,
                "fill_rates": json.dumps(rates, sort_keys=True),
                "mode": "incremental" if incremental else "full",
                "bytes": counts.bytes,
                "new_documents": counts.new_documents,
                "changed_documents": counts.changed_documents,
                "removed_documents": sum(counts.statuses.get(s, 0) for s in GONE_STATUSES),
                "restored_documents": counts.statuses.get("restored", 0),
                "new_attachments": counts.attachments.get("ok", 0),
                "unchanged_documents": counts.not_modified + counts.unchanged_documents,
                "errors_by_kind": json.dumps(dict(counts.errors), sort_keys=True),
            },
        )  # fmt: skip
    return status


def record_failed_run(
    db: Database,
    site_id: str,
    started_at: str,
    finished_at: str,
    mode: str,
    reason: str,
    node: str | None = None,
) -> int:
    """A run that never crawled: status ``failed`` with the reason, so reports count it."""
    with db.atomic():
        table = db.table("crawl_runs").insert(
            {"site_id": site_id, "started_at": started_at, "finished_at": finished_at,
             "fetch_base_url": "", "mode": mode, "status": "failed", "status_reason": reason,
             "requests": 0, "documents": 0, "errors": 0, "node": node}
        )  # fmt: skip
    return pk(table.last_pk)


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
    return pk(table.last_pk)


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
    return pk(table.last_pk)
