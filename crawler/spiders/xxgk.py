"""The one generic spider: a site profile says where the lists are; the family parser reads them.

``scrapy crawl xxgk -a site=km_yjj [-a base_url=http://127.0.0.1:8000]``. With ``base_url`` the
spider fetches from a mirror but every URL it records stays canonical (https://yjj.km.gov.cn/…).
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionLost,
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from crawler.items import PageResult, now_iso
from crawler.profiles import load_profile
from parsers import Document, PageError, parse_detail, parse_list
from parsers.errors import http_status_kind, snippet
from store import Fetch

HOME_PATHS = frozenset({"", "/", "/index.shtml", "/index.html", "/index.htm"})


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class XxgkSpider(scrapy.Spider):
    name = "xxgk"

    def __init__(self, site: str, base_url: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.profile = load_profile(site)
        self.site_id: str = self.profile["id"]
        self.family: str = self.profile["family"]
        self.canonical_base: str = self.profile["base_url"]
        self.fetch_base: str = (base_url or self.canonical_base).rstrip("/")
        self.allowed_domains = [urlsplit(self.fetch_base).hostname or ""]

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
        return spider

    # -- URL mapping -----------------------------------------------------------------------

    def to_fetch(self, canonical: str) -> str:
        if canonical.startswith(self.canonical_base):
            return self.fetch_base + canonical[len(self.canonical_base) :]
        return canonical

    def to_canonical(self, fetched: str) -> str:
        if fetched.startswith(self.fetch_base):
            return self.canonical_base + fetched[len(self.fetch_base) :]
        return fetched

    def _request(self, canonical: str, kind: str) -> Request:
        callback = self.parse_list_page if kind == "list" else self.parse_detail_page
        return Request(
            self.to_fetch(canonical),
            callback=callback,
            errback=self.on_error,
            meta={"canonical_url": canonical, "page_kind": kind},
        )

    # -- crawl -----------------------------------------------------------------------------

    async def start(self) -> AsyncIterator[Request]:
        for column in self.profile["columns"]:
            yield self._request(self.canonical_base + column["path"], "list")

    def _fetch(self, response: Response, kind: str, encoding: str | None = None) -> Fetch:
        redirects = response.request.meta.get("redirect_urls") if response.request else None
        headers = response.headers
        return Fetch(
            site_id=self.site_id,
            url=self.to_canonical(response.url),
            fetch_url=response.url,
            kind=kind,
            fetched_at=now_iso(),
            status=response.status,
            sha256=hashlib.sha256(response.body).hexdigest(),
            bytes=len(response.body),
            content_type=_header(headers, "Content-Type"),
            encoding=encoding,
            etag=_header(headers, "ETag"),
            last_modified=_header(headers, "Last-Modified"),
            redirected_from_url=self.to_canonical(redirects[0]) if redirects else None,
        )

    def _result(
        self,
        response: Response,
        kind: str,
        encoding: str | None = None,
        document: Document | None = None,
        error: tuple[str, str] | None = None,
    ) -> PageResult:
        request = response.request
        requested = request.meta.get("canonical_url") if request is not None else None
        return PageResult(
            url=requested or self.to_canonical(response.url),
            fetch=self._fetch(response, kind, encoding),
            document=document,
            error=error,
        )

    def _truncated(self, response: Response, kind: str) -> PageResult:
        # Retries are spent by then (crawler.middlewares): keep the partial body's fetch.
        detail = f"body ended after {len(response.body)} bytes, before its Content-Length"
        return self._result(response, kind, error=("truncated", detail))

    def parse_list_page(self, response: Response) -> Iterator[Request | PageResult]:
        if "dataloss" in response.flags:
            yield self._truncated(response, "list")
            return
        url = self.to_canonical(response.url)
        content_type = _header(response.headers, "Content-Type")
        try:
            page = parse_list(response.body, url, content_type, family=self.family)
        except PageError as exc:
            yield self._result(response, "list", error=(exc.kind, exc.detail))
            return
        self.crawler.stats.inc_value("xxgk/list_pages")
        if not page.items:
            detail = "list page has no items: the site's layout may have changed"
            yield self._result(response, "list", error=("empty_list", detail))
        else:
            yield self._result(response, "list")
        self.crawler.stats.inc_value("xxgk/list_items", len(page.items))
        for item in page.items:
            yield self._request(item.url, "detail")
        for page_url in page.page_urls:
            yield self._request(page_url, "list")

    def parse_detail_page(self, response: Response) -> Iterator[Request | PageResult]:
        if "dataloss" in response.flags:
            yield self._truncated(response, "detail")
            return
        url = self.to_canonical(response.url)
        redirected = response.request is not None and response.request.meta.get("redirect_urls")
        if redirected and urlsplit(url).path in HOME_PATHS:
            yield self._result(
                response,
                "detail",
                error=("soft_404", f"redirected to the site's home page {url}"),
            )
            return
        content_type = _header(response.headers, "Content-Type")
        try:
            doc = parse_detail(response.body, url, content_type, family=self.family)
        except PageError as exc:
            yield self._result(response, "detail", error=(exc.kind, exc.detail))
            return
        yield self._result(response, "detail", doc.encoding, document=doc)

    def on_error(self, failure: Failure) -> Iterator[PageResult]:
        request: Request = failure.request  # type: ignore[attr-defined]
        canonical = request.meta.get("canonical_url") or self.to_canonical(request.url)
        kind_of_page = request.meta.get("page_kind", "detail")
        exc = failure.value
        if isinstance(exc, HttpError):
            response = exc.response
            status = response.status
            kind = http_status_kind(status) or "http_error"
            text = response.text if isinstance(response, scrapy.http.TextResponse) else ""
            detail = f"HTTP {status}: {snippet(text)}" if text.strip() else f"HTTP {status}"
            yield self._result(response, kind_of_page, error=(kind, detail))
            return
        if isinstance(exc, IgnoreRequest) and "robots.txt" in str(exc):
            kind, detail = "robots_disallowed", "robots.txt forbids this URL; not fetched"
        elif isinstance(exc, TimeoutError | TCPTimedOutError):
            kind, detail = "timeout", f"no answer in time: {exc}"
        elif isinstance(exc, DNSLookupError | ConnectionRefusedError | ConnectionLost):
            kind, detail = "connection", f"{type(exc).__name__}: {exc}"
        else:
            kind, detail = "connection", f"{type(exc).__name__}: {exc}"
        yield PageResult(canonical, None, error=(kind, detail))


def _header(headers: Any, name: str) -> str | None:
    value = headers.get(name)
    return value.decode("latin-1") if value else None
