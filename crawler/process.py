"""Running crawls in this process: the one place the command line starts Scrapy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from crawler.spiders.xxgk import XxgkSpider
from store import ArchiveConfig


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
    crawlers = []
    for site_id in sites:
        crawler = process.create_crawler(XxgkSpider)
        process.crawl(crawler, site=site_id, base_url=base_urls.get(site_id), mode=mode)
        crawlers.append(crawler)
    process.start()
    return [dict(c.stats.get_stats()) if c.stats is not None else {} for c in crawlers]
