"""Retries with exponential backoff: a struggling government server gets time to recover.

Also retries bodies cut short of their Content-Length (Scrapy flags them ``dataloss`` because
``DOWNLOAD_FAIL_ON_DATALOSS`` is off); when retries run out the spider sees the partial body and
records a ``truncated`` error with it.
"""

from __future__ import annotations

import asyncio
from http import HTTPStatus
from typing import Any, Self
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares import httpcompression as scrapy_httpcompression
from scrapy.downloadermiddlewares import redirect as scrapy_redirect
from scrapy.downloadermiddlewares import robotstxt as scrapy_robotstxt
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from crawler.extension import ArchiveExtension, StorageFailed, now_iso
from parsers.decode import decode_strict
from store import Fetch


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's RetryMiddleware, waiting ``base * 2**(n-1)`` seconds before the n-th retry,
    and retrying truncated bodies too."""

    backoff_base: float = 2.0
    backoff_max: float = 60.0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        mw = super().from_crawler(crawler)
        mw.backoff_base = crawler.settings.getfloat("RETRY_BACKOFF_BASE", 2.0)
        mw.backoff_max = crawler.settings.getfloat("RETRY_BACKOFF_MAX", 60.0)
        return mw

    async def _wait(self, retry: Request | Response | None) -> None:
        if isinstance(retry, Request):
            attempt = int(retry.meta.get("retry_times", 1))
            delay = min(self.backoff_max, self.backoff_base * 2 ** (attempt - 1))
            if delay > 0:
                await asyncio.sleep(delay)

    async def process_response(  # type: ignore[override]
        self, request: Request, response: Response
    ) -> Request | Response:
        if "dataloss" in response.flags and not request.meta.get("dont_retry", False):
            result: Request | Response = self._retry(request, "truncated body") or response
        else:
            result = super().process_response(request, response)
        await self._wait(result)
        return result

    async def process_exception(  # type: ignore[override]
        self, request: Request, exception: Exception
    ) -> Request | Response | None:
        result = super().process_exception(request, exception)
        await self._wait(result)
        return result


class WarcCaptureMiddleware:
    """Writes every response the downloader receives (pages, lists, robots.txt, error pages,
    redirects, responses later retried) to the WARC capture, with a ``fetches`` row pointing
    at the record. Sits next to the downloader, so it sees raw bytes before decompression and
    every attempt before retry or redirect handling.

    The final attempt's fetch id is left in ``request.meta["xxgk_fetch_id"]`` for the spider.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        ext = ArchiveExtension.of(self.crawler)
        site = ext.site
        if site is None:  # nothing was requested for a site yet
            return response
        fetched_at = now_iso()
        canonical = site.to_canonical(response.url)
        kind = request.meta.get("page_kind") or (
            "robots" if response.url.endswith("/robots.txt") else "other"
        )
        truncated = "dataloss" in response.flags
        redirects = request.meta.get("redirect_urls")
        fetch = Fetch(
            site_id=site.site_id,
            url=canonical,
            fetch_url=response.url,
            kind=kind,
            fetched_at=fetched_at,
            status=response.status,
            bytes=len(response.body),
            content_type=_header(response, "Content-Type"),
            etag=_header(response, "ETag"),
            last_modified=_header(response, "Last-Modified"),
            redirected_from_url=site.to_canonical(redirects[0]) if redirects else None,
            run_id=ext.run_id,
            truncated=truncated,
        )
        exchange = {
            "target_uri": response.url,
            "method": request.method,
            "request_headers": [
                (k.decode("latin-1"), v.decode("latin-1"))
                for k, values in request.headers.items()
                for v in values
            ],
            "status": response.status,
            "reason": _reason(response.status),
            "response_headers": [
                (k.decode("latin-1"), _header_value(v))
                for k, values in response.headers.items()
                for v in values
            ],
            "body": response.body,
            "extra": {
                "XXGK-Canonical-URL": canonical,
                "XXGK-Site": site.site_id,
                "XXGK-Page-Kind": kind,
                **({"XXGK-Truncated": "true"} if truncated else {}),
            },
        }
        fetch_id = ext.capture(fetch, exchange)
        if fetch_id is None:
            raise StorageFailed(f"response to {response.url} not captured: {ext.failure}")
        request.meta["xxgk_fetch_id"] = fetch_id
        request.meta["xxgk_fetched_at"] = fetched_at
        return response


class RobotsTxtMiddleware(scrapy_robotstxt.RobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, raising ``RobotsDisallowed`` so the spider can tell a
    forbidden URL from any other dropped request by its type."""

    def process_request_2(self, rp: Any, request: Request) -> None:
        try:
            super().process_request_2(rp, request)
        except IgnoreRequest as exc:
            raise RobotsDisallowed(str(exc)) from None


class RobotsDisallowed(IgnoreRequest):
    """robots.txt forbids the URL; it was not fetched."""


def _header_value(raw: bytes) -> str:
    """Header bytes as text for the WARC writer, which percent-encodes non-ASCII values as
    UTF-8: raw GBK or UTF-8 bytes (file names in Content-Disposition) are decoded first, so the
    record holds the name, not mojibake of it."""
    strict = decode_strict(raw)
    return strict[0] if strict is not None else raw.decode("latin-1")


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return ""


class RedirectRefused(IgnoreRequest):
    """A redirect that was not followed; ``kind`` is its error kind."""

    kind = "redirect_offsite"

    def __init__(self, detail: str, target: str) -> None:
        super().__init__(detail)
        self.target = target


class RedirectOffsite(RedirectRefused):
    """A redirect (HTTP or ``<meta http-equiv=refresh>``) to another host or a non-web URL."""


class RedirectLoop(RedirectRefused):
    """A redirect back to a URL of its own chain, or one redirect too many."""

    kind = "redirect_loop"


def _origin(url: str) -> tuple[str, int | None]:
    parts = urlsplit(url)
    port = parts.port if parts.port not in (80, 443) else None
    return (parts.hostname or "").lower(), port


class _ClassifiedRedirects:
    """Redirects that end somewhere recorded. Scrapy's redirect middlewares drop a redirect to
    another host (offsite), a loop and a refresh to an already fetched URL (the duplicate
    filter) without a trace; here the first two raise their own exception types, which the
    spider records as ``redirect_offsite`` / ``redirect_loop`` errors, and a followed redirect
    is never filtered as a duplicate, so it is fetched and recorded like any page."""

    def _redirect(self, redirected: Request, request: Request, reason: Any) -> Request:
        target = redirected.url
        if urlsplit(target).scheme.lower() not in ("http", "https"):
            raise RedirectOffsite(f"redirect ({reason}) to a non-web URL {target[:200]}", target)
        if _origin(target) != _origin(request.url):
            raise RedirectOffsite(f"redirect ({reason}) to another host: {target[:200]}", target)
        chain = [*request.meta.get("redirect_urls", []), request.url]
        if target in chain:
            raise RedirectLoop(f"redirect ({reason}) loops back to {target[:200]}", target)
        try:
            followed: Request = super()._redirect(redirected, request, reason)  # type: ignore[misc]
        except RedirectRefused:
            raise
        except IgnoreRequest:
            raise RedirectLoop(f"more than {len(chain) - 1} redirects, last to {target[:200]}",
                               target) from None  # fmt: skip
        followed.dont_filter = True
        return followed


class RedirectMiddleware(_ClassifiedRedirects, scrapy_redirect.RedirectMiddleware):
    pass


class MetaRefreshMiddleware(_ClassifiedRedirects, scrapy_redirect.MetaRefreshMiddleware):
    pass


class BodyTooLarge(IgnoreRequest):
    """A compressed body that unpacks past the download size limit (a gzip bomb, say)."""


class HttpCompressionMiddleware(scrapy_httpcompression.HttpCompressionMiddleware):
    """Scrapy's decompression, raising ``BodyTooLarge`` when a body unpacks past
    ``download_maxsize``, so the spider records ``too_large`` by the exception's type."""

    def process_response(
        self, request: Request, response: Response, spider: Any = None
    ) -> Request | Response:
        try:
            return super().process_response(request, response)
        except IgnoreRequest as exc:
            raise BodyTooLarge(str(exc)) from None
