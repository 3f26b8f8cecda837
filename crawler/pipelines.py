"""The only place the crawl touches the archive: PageResult -> store, plus counters in stats."""

from __future__ import annotations

import dataclasses
from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler
from sqlite_utils import Database

import store
from crawler.items import PageResult, now_iso
from crawler.spiders.xxgk import XxgkSpider
from parsers import Document

FILL_FIELDS = (
    "title",
    "index_no",
    "topic",
    "publisher",
    "publish_date",
    "doc_no",
    "keywords",
    "body_text",
)


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.db_path: str = crawler.settings.get("XXGK_DB", "data/archive.db")
        self.db: Database | None = None
        self.run_id: int | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ArchivePipeline:
        return cls(crawler)

    @property
    def spider(self) -> XxgkSpider:
        spider = self.crawler.spider
        if not isinstance(spider, XxgkSpider):
            raise TypeError(f"ArchivePipeline runs with the xxgk spider, not {spider!r}")
        return spider

    def open_spider(self, spider: Spider | None = None) -> None:
        self.db = store.ensure_db(self.db_path)
        store.save_site(self.db, self.spider.profile)
        self.run_id = store.start_run(
            self.db, self.spider.site_id, now_iso(), self.spider.fetch_base
        )
        self.crawler.stats.set_value("xxgk/run_id", self.run_id)

    def close_spider(self, spider: Spider | None = None) -> None:
        assert self.db is not None and self.run_id is not None
        stats: dict[str, Any] = dict(self.crawler.stats.get_stats())
        store.finish_run(self.db, self.run_id, now_iso(), stats)
        self.db.close()

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageResult):
            return item
        assert self.db is not None
        stats = self.crawler.stats
        site_id = self.spider.site_id
        fetch_id = None
        if item.fetch is not None:
            fetch = dataclasses.replace(item.fetch, run_id=self.run_id)
            fetch_id = store.save_fetch(self.db, fetch)
        if item.document is not None:
            seen_at = item.fetch.fetched_at if item.fetch else now_iso()
            store.save_document(self.db, site_id, item.document, fetch_id, seen_at)
            stats.inc_value("xxgk/documents")
            self._count_fields(item.document)
        if item.error is not None:
            kind, detail = item.error
            store.save_error(
                self.db,
                store.ErrorRecord(
                    site_id=site_id,
                    url=item.url,
                    fetched_at=item.fetch.fetched_at if item.fetch else now_iso(),
                    kind=kind,
                    detail=detail,
                    http_status=item.fetch.status if item.fetch else None,
                    fetch_id=fetch_id,
                    run_id=self.run_id,
                ),
            )
            stats.inc_value(f"xxgk/errors/{kind}")
        return item

    def _count_fields(self, doc: Document) -> None:
        for name in FILL_FIELDS:
            filled = bool(getattr(doc, name))
            self.crawler.stats.inc_value(f"xxgk/fields/{name}/{'filled' if filled else 'empty'}")
