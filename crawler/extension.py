"""The archive of one crawl: a Scrapy extension that owns the ``Archive``, the crawl run and its
counts, for every other component to reach through the crawler.

The spider, the WARC capture middleware and the pipeline find it with
``ArchiveExtension.of(crawler)`` (Scrapy's ``Crawler.get_extension``); none of them imports the
others. The spider announces its site (``begin``); the extension opens the archive, records the
site and starts the run; at the end it closes the run with its health.

A storage failure (database locked past the busy timeout, read-only, disk full) stops the crawl
at once with the close reason ``storage_error`` and the stat ``xxgk/storage_error``: the command
line then exits non-zero. It is never recorded as a page's outcome.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, Self

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import deferred_from_coro

from crawler.profiles import required_fields
from crawler.site import CrawlSite
from store import Archive, ArchiveConfig, RunCounts, StorageError

log = logging.getLogger(__name__)

STORAGE_ERROR = "storage_error"


def now_iso() -> str:
    """The crawl's clock: UTC, ISO 8601 with its offset."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class StorageFailed(IgnoreRequest):
    """A request dropped because the archive can no longer be written."""


class ArchiveExtension:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.config = ArchiveConfig.from_settings(crawler.settings.get)
        self.archive: Archive | None = None
        self.site: CrawlSite | None = None
        self.run_id: int | None = None
        self.counts = RunCounts()
        self.failure: StorageError | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @classmethod
    def of(cls, crawler: Crawler) -> ArchiveExtension:
        ext = crawler.get_extension(cls)
        if ext is None:
            raise RuntimeError("ArchiveExtension is not enabled in EXTENSIONS")
        return ext

    # -- the run --------------------------------------------------------------------------------

    def begin(self, site: CrawlSite) -> Archive | None:
        """Open the archive for ``site`` and start its crawl run (once); None after a storage
        failure, which has then already stopped the crawl."""
        if self.archive is not None or self.failure is not None:
            return self.archive
        self.site = site
        with self.guard():
            archive = Archive.open(self.config)
            self.archive = archive
            archive.save_site(site.profile)
            self.run_id = archive.start_run(site.site_id, now_iso(), site.fetch_base)
            archive.open_capture(f"xxgk-{site.site_id}")
            self.crawler.stats.set_value("xxgk/run_id", self.run_id)
        return self.archive if self.failure is None else None

    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats
        for key, value in self.counts.as_stats().items():
            stats.set_value(key, value)
        archive, site = self.archive, self.site
        if archive is None or site is None:
            return
        if self.failure is None and self.run_id is not None:
            with self.guard():
                status = archive.finish_run(
                    self.run_id, now_iso(), self.counts, required_fields(site.profile),
                    site.incremental, dict(stats.get_stats()),
                )  # fmt: skip
                stats.set_value("xxgk/health", status)
        try:
            archive.close()
        except StorageError as exc:
            self.fail(exc)

    # -- failures -------------------------------------------------------------------------------

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Run archive work; a storage failure stops the crawl instead of propagating into
        Scrapy's per-request error handling (where it would look like the page's fault)."""
        try:
            yield
        except StorageError as exc:
            self.fail(exc)

    def fail(self, exc: StorageError) -> None:
        if self.failure is not None:
            return
        self.failure = exc
        log.error("the archive cannot be written: %s; stopping the crawl", exc)
        self.crawler.stats.set_value("xxgk/storage_error", str(exc))
        engine = self.crawler.engine
        if engine is not None and engine.spider is not None:
            deferred_from_coro(engine.close_spider_async(reason=STORAGE_ERROR))

    def check(self) -> Archive:
        """The open archive, or ``StorageFailed`` (dropping the request) once writing failed."""
        if self.failure is not None or self.archive is None:
            raise StorageFailed(f"archive unavailable: {self.failure or 'not open'}")
        return self.archive

    # -- capture ---------------------------------------------------------------------------------

    def capture(self, fetch: Any, exchange: dict[str, Any]) -> int | None:
        """WARC record + fetches row of one response; None after a storage failure."""
        archive = self.check()
        with self.guard():
            fetch_id = archive.capture(fetch, exchange)
            self.counts.responses += 1
            self.counts.bytes += len(exchange.get("body") or b"")
            return fetch_id
        return None
