"""The one generic spider: a site profile says where the lists are; the family parser reads them.

``scrapy crawl xxgk -a site=km_yjj [-a base_url=http://127.0.0.1:8000]``. With ``base_url`` the
spider fetches from a mirror but every URL it records stays canonical (https://yjj.km.gov.cn/…).

Every response is captured (WARC + ``fetches``) by ``crawler.middlewares.WarcCaptureMiddleware``
before it gets here; the spider decides what it is and hands a ``PageResult`` to the pipeline.
When the lists are exhausted, archived documents that no list showed this time are fetched
directly, so a document that vanished from its column is marked only on evidence.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider, DownloadCancelledError, DownloadTimeoutError
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import TCPTimedOutError, TimeoutError
from twisted.python.failure import Failure

from crawler.extension import ArchiveExtension, StorageFailed, now_iso
from crawler.items import AttachmentFile, PageResult
from crawler.middlewares import BodyTooLarge, RedirectRefused, RobotsDisallowed
from crawler.profiles import load_profile
from crawler.site import CrawlSite, is_loopback
from parsers import ListPage, PageError, parse_list
from parsers.outcome import classify_detail
from parsers.sandbox import read_download_limited
from store import Archive


@dataclass
class ColumnTally:
    """A column's list pages in a full crawl: the pages asked for and read, the distinct items
    they listed and the total the column declares (共N条), to compare once all are read."""

    pages: set[str]
    read: int = 0
    failed: bool = False
    items: set[str] = field(default_factory=set)
    declared: int | None = None

    def outcome(self) -> str | None:
        """The ``list_incomplete`` detail once every page is read, when the count differs."""
        if self.failed or self.read < len(self.pages) or self.declared is None:
            return None
        if len(self.items) == self.declared:
            return None
        return (
            f"the column says it holds {self.declared} items (共{self.declared}条); "
            f"its {len(self.pages)} list pages listed {len(self.items)}"
        )


class XxgkSpider(scrapy.Spider):
    name = "xxgk"

    def __init__(
        self, site: str, base_url: str | None = None, mode: str = "full", **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        # full: every list page and every listed document; incremental (the nightly run): list
        # pages until enough already-known items in a row, new documents, and a rotating
        # sample of known ones re-checked with conditional requests.
        self.site = CrawlSite.of(load_profile(site), base_url, mode)
        self.profile = self.site.profile
        self.site_id = self.site.site_id
        # a family the profile names, or "auto": each page's family is detected
        self.family: str = self.profile.get("family", "auto")
        self.mode = mode
        self.fetch_base = self.site.fetch_base
        self.allowed_domains = [urlsplit(self.fetch_base).hostname or ""]
        self.known: set[str] = set()
        self.settled: set[str] = set()
        self.requested: set[str] = set()
        self.rechecked = False
        # full crawls: each column's list pages, by the column's first page
        self.columns: dict[str, ColumnTally] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> XxgkSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        if is_loopback(spider.fetch_base):
            # A local mirror: politeness delays would only slow tests and the demo down.
            for key, value in {
                "DOWNLOAD_DELAY": 0,
                "AUTOTHROTTLE_START_DELAY": 0.0,
                "AUTOTHROTTLE_MAX_DELAY": 1.0,
                "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
                "RETRY_BACKOFF_BASE": 0.05,
            }.items():
                crawler.settings.set(key, value, priority="spider")
        crawler.signals.connect(spider.recheck_unlisted, signal=signals.spider_idle)
        return spider

    # -- the archive and URLs -------------------------------------------------------------------

    @property
    def ext(self) -> ArchiveExtension:
        return ArchiveExtension.of(self.crawler)

    def archive(self) -> Archive:
        """The crawl's archive, opened for this site on first use."""
        ext = self.ext
        ext.begin(self.site)
        return ext.check()

    def to_fetch(self, canonical: str) -> str:
        return self.site.to_fetch(canonical)

    def to_canonical(self, fetched: str) -> str:
        return self.site.to_canonical(fetched)

    def _request(self, canonical: str, kind: str, **meta: Any) -> Request:
        callback = {
            "list": self.parse_list_page,
            "detail": self.parse_detail_page,
            "attachment": self.parse_attachment,
        }[kind]
        if kind == "detail":
            self.requested.add(canonical)
        if kind == "attachment":
            config = self.ext.config
            meta["download_maxsize"] = config.attachment_max_bytes
            meta["download_timeout"] = config.attachment_timeout
        return Request(
            self.to_fetch(canonical),
            callback=callback,
            errback=self.on_error,
            meta={"canonical_url": canonical, "page_kind": kind, **meta},
        )

    # -- crawl -----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        ext = self.ext
        if ext.begin(self.site) is None:
            return  # the archive cannot be opened: the crawl is already stopping
        if self.mode == "incremental":
            with ext.guard():
                archive = ext.check()
                self.known = set(archive.known_document_urls(self.site_id))
                # listed URLs that were settled as not documents are not fetched every night
                self.settled = set(archive.settled_error_urls(self.site_id))
        for column in self.profile["columns"]:
            first = self.site.canonical_base + column["path"]
            self.columns.setdefault(first, ColumnTally(pages={first}))
            yield self._request(first, "list", column=first)

    def recheck_unlisted(self) -> None:
        """Once the lists are done, fetch archived documents directly: in a full crawl every
        one that no list showed this time; in an incremental run a rotating sample, the
        longest-unchecked first, enough to check each one once per XXGK_RECHECK_DAYS."""
        if self.rechecked:
            return
        self.rechecked = True
        ext = self.ext
        if ext.failure is not None or ext.archive is None:
            return
        archive = ext.archive
        due: list[str] = []
        with ext.guard():
            if self.mode == "full":
                due = [u for u in archive.known_document_urls(self.site_id)
                       if u not in self.requested]  # fmt: skip
            else:
                days = max(1, self.crawler.settings.getint("XXGK_RECHECK_DAYS", 30))
                share = -(-len(self.known) // days)  # ceil: the whole archive within the period
                due = [u for u in archive.recheck_due(self.site_id, share + len(self.requested))
                       if u not in self.requested][:share]  # fmt: skip
        if not due:
            return
        self.logger.info("re-checking %d archived documents directly", len(due))
        assert self.crawler.engine is not None
        for url in due:
            request = self._request(url, "detail", recheck=True)
            if self.mode == "incremental":
                with ext.guard():
                    request.headers.update(archive.conditional_headers(url))
                request.meta["handle_httpstatus_list"] = [304]
            self.crawler.engine.crawl(request)
        raise DontCloseSpider

    def _result(
        self,
        response: Response,
        document: Any = None,
        error: tuple[str, str] | None = None,
        encoding: str | None = None,
        attachment: AttachmentFile | None = None,
        not_modified: bool = False,
    ) -> PageResult:
        meta = response.meta
        return PageResult(
            url=meta.get("canonical_url") or self.to_canonical(response.url),
            fetch_id=meta.get("xxgk_fetch_id"),
            fetched_at=meta.get("xxgk_fetched_at") or now_iso(),
            http_status=response.status,
            page_kind=meta.get("page_kind", "detail"),
            document=document,
            error=error,
            encoding=encoding,
            attachment=attachment,
            not_modified=not_modified,
        )

    def parse_list_page(self, response: Response) -> Iterator[Request | PageResult]:
        column: str = response.meta.get("column", "")
        tally = self.columns.get(column)
        if tally is not None and "dataloss" in response.flags:
            tally.read, tally.failed = tally.read + 1, True
        if "dataloss" in response.flags:
            detail = f"body ended after {len(response.body)} bytes, before its Content-Length"
            yield self._result(response, error=("truncated", detail))
            return
        url = self.to_canonical(response.url)
        content_type = _header(response, "Content-Type")
        max_pages = self.crawler.settings.getint("XXGK_MAX_LIST_PAGES")
        try:
            page = parse_list(response.body, url, content_type, self.family, max_pages)
        except PageError as exc:
            yield self._result(response, error=(exc.kind, exc.detail))
            if tally is not None:
                tally.read, tally.failed = tally.read + 1, True
            return
        counts = self.ext.counts
        counts.list_pages += 1
        counts.list_items += len(page.items)
        if page.pages_claimed is not None:  # the page claims more pages than a list may have
            counts.list_pages_capped += 1
            self.logger.warning("%s claims %d list pages; following %d", url,
                                page.pages_claimed, len(page.page_urls) + 1)  # fmt: skip
        if not page.items:
            detail = "list page has no items: the site's layout may have changed"
            yield self._result(response, error=("empty_list", detail))
        else:
            yield self._result(response)
        if self.mode == "full":
            for item in page.items:
                yield self._request(item.url, "detail")
            for page_url in page.page_urls:
                if tally is None or page_url not in tally.pages:
                    if tally is not None:
                        tally.pages.add(page_url)
                    yield self._request(page_url, "list", column=column)
            if tally is not None:
                yield from self._tally(tally, column, page)
            return
        # incremental: new items only, and the next page only while the known streak is short
        limit = self.crawler.settings.getint("XXGK_KNOWN_STREAK", 10)
        streak = 0
        for item in page.items:
            if item.url in self.settled:
                continue
            if item.url in self.known:
                streak += 1
                counts.list_items_known += 1
                if streak >= limit:
                    return
                continue
            streak = 0
            yield self._request(item.url, "detail")
        pending = [u for u in response.meta.get("pending_pages", []) if u != url]
        pending += [u for u in page.page_urls if u not in pending and u != url]
        if pending:
            yield self._request(pending[0], "list", pending_pages=pending[1:])

    def _tally(self, tally: ColumnTally, column: str, page: ListPage) -> Iterator[PageResult]:
        """Count a read list page of a column; once its last page is read, an item count that
        differs from the total the column declares is a ``list_incomplete`` error."""
        tally.read += 1
        tally.items.update(item.url for item in page.items)
        if tally.declared is None:
            tally.declared = page.declared_total
        detail = tally.outcome()
        if detail is not None:
            yield PageResult(url=column, fetch_id=None, fetched_at=now_iso(), http_status=None,
                             page_kind="list", error=("list_incomplete", detail))  # fmt: skip

    def parse_detail_page(self, response: Response) -> Iterator[PageResult | Request]:
        if response.status == 304:  # a conditional re-check: there, and unchanged
            yield self._result(response, not_modified=True)
            return
        result = self._classified(response)
        yield result
        if result.document is None:
            return
        ext = self.ext
        for attachment in result.document.attachments:
            if ext.failure is not None or ext.archive is None:
                return  # the archive failed: the crawl is stopping
            needed = False
            with ext.guard():
                needed = ext.archive.needs_download(attachment.url)
            if needed:
                yield self._request(attachment.url, "attachment")

    def parse_attachment(self, response: Response) -> Iterator[PageResult]:
        url = response.meta.get("canonical_url") or self.to_canonical(response.url)
        if "dataloss" in response.flags:
            detail = f"body ended after {len(response.body)} bytes, before its Content-Length"
            yield self._result(response, error=("truncated", detail))
            return
        content_type = _header(response, "Content-Type")
        settings = self.crawler.settings
        read = read_download_limited(  # a worker process with a time and a memory limit
            response.body, url, content_type, _header(response, "Content-Disposition"),
            timeout=settings.getfloat("XXGK_EXTRACT_TIMEOUT"),
            memory=settings.getint("XXGK_EXTRACT_MEMORY_MB") * 2**20,
        )  # fmt: skip
        error = None
        if not read.is_file:
            error = ("not_a_file", read.content.reason or "not the file")
        yield self._result(
            response,
            error=error,
            attachment=AttachmentFile(response.body, content_type, read),
        )

    def _classified(self, response: Response) -> PageResult:
        try:
            doc = classify_detail(
                response.body,
                self.to_canonical(response.url),
                response.status,
                _header(response, "Content-Type"),
                family=self.family,
                redirected=bool(response.meta.get("redirect_urls")),
                truncated="dataloss" in response.flags,
                rules=self.profile.get("detail"),
            )
        except PageError as exc:
            return self._result(response, error=(exc.kind, exc.detail))
        return self._result(response, document=doc, encoding=doc.encoding)

    def on_error(self, failure: Failure) -> Iterator[PageResult]:
        request: Request = failure.request  # type: ignore[attr-defined]
        exc = failure.value
        tally = self.columns.get(request.meta.get("column", ""))
        if tally is not None:  # a list page that gave no list: the column cannot be counted
            tally.read, tally.failed = tally.read + 1, True
        if isinstance(exc, HttpError):
            response = exc.response
            if request.meta.get("page_kind") == "list":
                yield self._result(response, error=("http_error", f"HTTP {response.status}"))
            else:
                yield self._classified(response)
            return
        if isinstance(exc, StorageFailed):
            return  # the archive failed, not the page: the crawl is stopping
        if isinstance(exc, RedirectRefused):
            kind, detail = exc.kind, str(exc)
        elif isinstance(exc, RobotsDisallowed):
            kind, detail = "robots_disallowed", "robots.txt forbids this URL; not fetched"
        elif isinstance(exc, DownloadCancelledError | BodyTooLarge):  # over download_maxsize
            limit = request.meta.get("download_maxsize") or self.crawler.settings.getint(
                "DOWNLOAD_MAXSIZE"
            )
            kind, detail = "too_large", f"larger than the {limit}-byte limit; not downloaded"
        elif isinstance(exc, DownloadTimeoutError | TimeoutError | TCPTimedOutError):
            kind, detail = "timeout", f"no answer in time: {exc}"
        else:
            kind, detail = "connection", f"{type(exc).__name__}: {exc}"
        canonical = request.meta.get("canonical_url") or self.to_canonical(request.url)
        yield PageResult(url=canonical, fetch_id=None, fetched_at=now_iso(), http_status=None,
                         page_kind=request.meta.get("page_kind", "detail"),
                         error=(kind, detail))  # fmt: skip


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None
