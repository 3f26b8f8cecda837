"""Running crawls in this process: the one place the command line starts Scrapy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy.crawler import Crawler, CrawlerProcess, CrawlerProcessBase
from scrapy.settings import Settings

from crawler.spiders.xxgk import XxgkSpider
from store import ArchiveConfig


def add_crawls(
    process: CrawlerProcessBase,
    sites: list[str],
    base_urls: Mapping[str, str | None],
    mode: str,
) -> list[Crawler]:
    """One crawler per site in ``process``: side by side in one reactor, each with its own
    downloader (one request at a time per site), run and health."""
    crawlers = []
    for site_id in sites:
        crawler = process.create_crawler(XxgkSpider)
        process.crawl(crawler, site=site_id, base_url=base_urls.get(site_id), mode=mode)
        crawlers.append(crawler)
    return crawlers


def final_stats(crawlers: list[Crawler]) -> list[dict[str, Any]]:
    return [dict(c.stats.get_stats()) if c.stats is not None else {} for c in crawlers]


def run_crawls(
    sites: list[str],
    config: ArchiveConfig,
    base_urls: Mapping[str, str | None],
    mode: str,
    log_level: str,
    overrides: Mapping[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One crawl per site, side by side in one Scrapy process; returns each one's final stats.

    The archive's locations and limits come from ``config``; ``overrides`` are further
    settings, set with command-line priority.
    """
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    for name, value in config.to_settings().items():
        settings.set(name, value, priority="cmdline")
    settings.set("LOG_LEVEL", log_level, priority="cmdline")
    for name, value in (overrides or {}).items():
        settings.set(name, value, priority="cmdline")
    process = CrawlerProcess(settings)
    crawlers = add_crawls(process, sites, base_urls, mode)
    process.start()
    return final_stats(crawlers)
