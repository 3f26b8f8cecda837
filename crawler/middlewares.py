"""Retries with exponential backoff: a struggling government server gets time to recover.

Also retries bodies cut short of their Content-Length (Scrapy flags them ``dataloss`` because
``DOWNLOAD_FAIL_ON_DATALOSS`` is off); when retries run out the spider sees the partial body and
records a ``truncated`` error with it.
"""

from __future__ import annotations

import asyncio
from typing import Self

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response


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
