"""The nightly job: every enabled site, incrementally, with one summary and a loud exit code.

``xxgk nightly`` runs one incremental crawl per site in one process, under a lock so that two
runs never overlap, then prints a table of the runs (new, changed, removed, restored documents,
requests, errors, health) and exits 1 when any site is broken. ``--notify URL`` POSTs the same
summary as JSON to a webhook. A run killed half-way leaves its crawl run unfinished; the next
night marks it interrupted and starts again, and the archive's idempotent writes mean nothing is
lost or doubled.
"""

from __future__ import annotations

import fcntl
import json
import os
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

EXIT_BROKEN = 1
EXIT_LOCKED = 75  # EX_TEMPFAIL: another run holds the lock; try again later


class Locked(RuntimeError):
    pass


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` for the whole run; released when the process ends, even
    by SIGKILL, so a killed run never blocks the next one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            fh.seek(0)
            holder = fh.read().strip()
            raise Locked(f"another nightly run holds {path} ({holder or 'pid unknown'})") from None
        fh.seek(0)
        fh.truncate()
        fh.write(f"pid {os.getpid()} since {datetime.now(UTC).isoformat(timespec='seconds')}")
        fh.flush()
        try:
            yield
        finally:
            fh.seek(0)
            fh.truncate()


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


def mark_interrupted(db_path: str) -> int:
    """Crawl runs a killed process left unfinished: say so, so no report counts them as ok."""
    import store

    db = store.ensure_db(db_path)
    with db.atomic():
        cursor = db.execute(
            "update crawl_runs set status = 'interrupted', status_reason ="
            " 'the process ended before the run finished' where finished_at is null"
        )
    count = cursor.rowcount
    db.close()
    return int(count)


def run_sites(
    sites: list[str],
    db: str,
    base_urls: dict[str, str],
    full: bool,
    log_level: str,
) -> list[int]:
    """One crawl per site, in this process; returns the crawl run ids."""
    from crawler.process import run_crawls

    mode = "full" if full else "incremental"
    stats = run_crawls(sites, db, base_urls, mode, log_level)
    return [int(s["xxgk/run_id"]) for s in stats if s.get("xxgk/run_id") is not None]


@dataclass
class Summary:
    runs: list[dict[str, Any]]

    @property
    def broken(self) -> list[str]:
        return [r["site_id"] for r in self.runs if r["status"] == "broken"]

    def as_json(self) -> dict[str, Any]:
        return {"broken": self.broken, "runs": self.runs}

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


FIELDS = ("id", "site_id", "started_at", "finished_at", "mode", "status", "status_reason",
          "requests", "bytes", "documents", "new_documents", "changed_documents",
          "unchanged_documents", "removed_documents", "restored_documents", "new_attachments",
          "errors", "errors_by_kind", "fill_rates")  # fmt: skip


def summarize(db_path: str, run_ids: list[int]) -> Summary:
    import store

    db = store.ensure_db(db_path)
    runs = []
    for run_id in run_ids:
        row = db.table("crawl_runs").get(run_id)
        run: dict[str, Any] = {k: row.get(k) for k in FIELDS}
        for key in ("errors_by_kind", "fill_rates"):
            run[key] = json.loads(str(run[key])) if run[key] else {}
        runs.append(run)
    db.close()
    return Summary(runs)


def notify(url: str, summary: Summary, timeout: float = 30) -> int:
    """POST the summary as JSON; returns the HTTP status."""
    body = json.dumps(summary.as_json(), ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return int(response.status)
