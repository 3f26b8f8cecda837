"""The nightly job: every enabled site, incrementally, with one summary and a loud exit code.

``xxgk nightly`` runs one incremental crawl per site in one process, under a lock so that two
runs never overlap, then prints a table of the runs (new, changed, removed, restored documents,
requests, errors, health) and exits 1 when any site is broken. ``--notify URL`` POSTs the same
summary as JSON to a webhook. A run killed half-way leaves its crawl run unfinished; the next
night marks it interrupted and starts again, and the archive's idempotent writes mean nothing is
lost or doubled. The lock and the interrupted-run marking belong to the archive
(``Archive.lock``, ``Archive.mark_interrupted``), shared with ``xxgk crawl``.
"""

from __future__ import annotations

import json
import urllib.request
from dataclasses import dataclass
from typing import Any

from store import Archive, ArchiveConfig

EXIT_BROKEN = 1


def enabled_sites(only: tuple[str, ...] = ()) -> list[str]:
    from crawler.profiles import load_profile, site_ids

    chosen = []
    for site_id in site_ids():
        if only and site_id not in only:
            continue
        if only or load_profile(site_id).get("enabled", True):
            chosen.append(site_id)
    unknown = set(only) - set(chosen)
    if unknown:
        raise ValueError(f"no site profile {', '.join(sorted(unknown))}")
    return chosen


def run_sites(
    sites: list[str],
    config: ArchiveConfig,
    base_urls: dict[str, str],
    full: bool,
    log_level: str,
) -> tuple[list[int], list[str]]:
    """One crawl per site, in this process; returns the crawl run ids and the storage
    failures that stopped any of them (``site: reason``)."""
    from crawler.process import run_crawls

    mode = "full" if full else "incremental"
    stats = run_crawls(sites, config, base_urls, mode, log_level)
    run_ids = [int(s["xxgk/run_id"]) for s in stats if s.get("xxgk/run_id") is not None]
    failures = [
        f"{site}: {s['xxgk/storage_error']}"
        for site, s in zip(sites, stats, strict=True)
        if s.get("xxgk/storage_error")
    ]
    return run_ids, failures


@dataclass
class Summary:
    runs: list[dict[str, Any]]

    @property
    def broken(self) -> list[str]:
        return [r["site_id"] for r in self.runs if r["status"] == "broken"]

    @property
    def failed(self) -> list[str]:
        """Sites no crawl could finish (a dispatched job that failed on every attempt)."""
        return [r["site_id"] for r in self.runs if r["status"] == "failed"]

    def as_json(self) -> dict[str, Any]:
        return {"broken": self.broken, "failed": self.failed, "runs": self.runs}

    def table(self) -> str:
        columns = ("site_id", "status", "requests", "new", "changed", "removed", "restored",
                   "errors", "reason")  # fmt: skip
        rows = [columns] + [
            (
                r["site_id"],
                r["status"],
                str(r["requests"]),
                str(r["new_documents"]),
                str(r["changed_documents"]),
                str(r["removed_documents"]),
                str(r["restored_documents"]),
                str(r["errors"]),
                r["status_reason"] or "",
            )
            for r in self.runs
        ]
        widths = [max(len(row[i]) for row in rows) for i in range(len(columns) - 1)]
        return "\n".join(
            "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1]
            for row in rows
        )


FIELDS = ("id", "site_id", "started_at", "finished_at", "mode", "node", "status", "status_reason",
          "requests", "bytes", "documents", "new_documents", "changed_documents",
          "unchanged_documents", "removed_documents", "restored_documents", "new_attachments",
          "errors", "errors_by_kind", "fill_rates")  # fmt: skip


def summary_of(runs: list[dict[str, Any]]) -> Summary:
    return Summary([{k: run.get(k) for k in FIELDS} for run in runs])


def summarize(config: ArchiveConfig, run_ids: list[int]) -> Summary:
    with Archive.open(config) as archive:
        return summary_of(archive.runs(run_ids))


def notify(url: str, summary: Summary, timeout: float = 30) -> int:
    """POST the summary as JSON; returns the HTTP status."""
    body = json.dumps(summary.as_json(), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)
