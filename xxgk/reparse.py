"""Rebuild documents, versions, figures, tables, attachments and statuses from the WARC capture.

No network: every final detail-page response the crawler received is read back from its WARC
record (the ``fetches`` table says where each one is and which responses were final rather than
retried or redirected) and goes through the same decision and the same archive calls as during
the crawl, in the same order. On an archive built by a crawl this reproduces the crawl's rows;
after a parser improvement it applies the improvement to the whole archive. The archive's
``ArchiveConfig`` says where its WARC and files folders are.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from parsers import PageError
from parsers.errors import http_status_kind
from parsers.outcome import classify_detail
from parsers.quality import problems_of
from parsers.sandbox import read_download_limited
from store import Archive, Download, StoredResponse


@dataclass
class Counts:
    responses: int = 0
    documents: int = 0
    versions: int = 0
    errors: int = 0


def in_fetch_order(
    fetches: list[dict[str, Any]], failures: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Responses and failures without one (``Archive.unanswered_pages``, marked ``failure``)
    in one sequence: by fetch time, run origin, then responses before failures, then id."""
    events = [*fetches, *({**f, "failure": True} for f in failures)]
    return sorted(events, key=lambda e: (e["fetched_at"], e["run_origin"], "failure" in e,
                                         e["id"]))  # fmt: skip


def replay(
    archive: Archive, fetches: Iterable[dict[str, Any]], counts: Counts
) -> Iterator[dict[str, Any]]:
    for fetch in fetches:
        if fetch.get("failure"):  # no response: what the crawl recorded about the document
            archive.observe(fetch["url"], fetch["kind"], None, fetch["http_status"],
                            fetch["detail"] or "", fetch["fetched_at"],
                            fetch["run_id"])  # fmt: skip
            yield fetch
            continue
        counts.responses += 1
        if fetch["outcome"] == "not_modified":  # a 304 has no body: nothing to read back
            archive.touch_document(fetch["url"], fetch["id"], fetch["fetched_at"], fetch["run_id"])
            yield fetch
            continue
        stored = archive.read_response(fetch["warc_file"], fetch["warc_offset"])
        if fetch["kind"] == "attachment":
            _replay_attachment(archive, fetch, stored)
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
            archive.set_fetch_outcome(fetch["id"], exc.kind)
            archive.observe(requested, exc.kind, fetch["id"], stored.status, exc.detail,
                            fetch["fetched_at"], fetch["run_id"])  # fmt: skip
        else:
            counts.documents += 1
            archive.set_fetch_outcome(fetch["id"], "document", doc.encoding)
            problems = problems_of(doc, _required(fetch["site_id"]))
            saved = archive.save_document(fetch["site_id"], doc, fetch["id"],
                                          fetch["fetched_at"], fetch["run_id"],
                                          problems)  # fmt: skip
            counts.versions += saved.new_version
        yield fetch


def _rules(site_id: str) -> Any:
    """The site profile's detail rules, if the profile is still there."""
    from crawler.profiles import ProfileError, load_profile

    try:
        return load_profile(site_id).get("detail")
    except ProfileError:
        return None


def _required(site_id: str) -> tuple[str, ...]:
    """The fields the site profile requires (the defaults when the profile is gone)."""
    from crawler.profiles import (
        DEFAULT_REQUIRED_FIELDS,
        ProfileError,
        load_profile,
        required_fields,
    )

    try:
        return required_fields(load_profile(site_id))
    except ProfileError:
        return DEFAULT_REQUIRED_FIELDS


def _replay_attachment(archive: Archive, fetch: dict[str, Any], stored: StoredResponse) -> None:
    kind = http_status_kind(stored.status)
    if kind is not None or stored.truncated or fetch["truncated"]:
        kind = kind or "truncated"
        archive.save_download(Download(fetch["url"], fetch["fetched_at"], fetch["id"], kind), None)
        return
    content_type = stored.headers.get("Content-Type")
    read = read_download_limited(  # the crawl's worker process, time and memory limits
        stored.body, fetch["url"], content_type, stored.headers.get("Content-Disposition")
    )
    archive.record_download(
        fetch["url"], fetch["fetched_at"], fetch["id"], stored.body if read.is_file else None,
        read.file_name, content_type, read.content,
    )  # fmt: skip


Progress = Callable[[Iterator[dict[str, Any]], int], Iterable[Any]]


def reparse(
    archive: Archive, site_id: str | None = None, progress: Progress | None = None
) -> Counts:
    """Re-derive the site's (or every site's) documents from the WARC capture."""
    fetches = in_fetch_order(archive.final_fetches(site_id), archive.unanswered_pages(site_id))
    unanswered = archive.unanswered_attachments(site_id)
    archive.reset_derived(site_id)
    return _derive(archive, fetches, unanswered, progress)


def derive_runs(
    archive: Archive, site_id: str, run_ids: list[int], progress: Progress | None = None
) -> Counts:
    """Derive what the responses of ``run_ids`` (the site's latest) add, on top of what the
    archive derived from the earlier ones: the same replay as ``reparse``, for the new
    responses only. Right when every one of them was fetched after everything the archive
    had for the site, which is how merged shards arrive night after night."""
    fetches = in_fetch_order(archive.final_fetches(site_id, run_ids),
                             archive.unanswered_pages(site_id, run_ids))  # fmt: skip
    unanswered = archive.unanswered_attachments(site_id, run_ids)
    return _derive(archive, fetches, unanswered, progress)


def _derive(
    archive: Archive,
    fetches: list[dict[str, Any]],
    unanswered: list[dict[str, Any]],
    progress: Progress | None,
) -> Counts:
    counts = Counts()
    steps = replay(archive, fetches, counts)
    with archive.batch() as tick:
        for _ in progress(steps, len(fetches)) if progress else steps:
            tick()
        settled: set[str] = set()
        for error in unanswered:  # the latest failure of each URL, unless a response settled it
            if error["url"] in settled or not archive.needs_download(error["url"]):
                continue
            settled.add(error["url"])
            archive.save_download(Download(error["url"], error["fetched_at"], None,
                                           error["kind"]), None)  # fmt: skip
    return counts
