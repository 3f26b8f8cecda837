"""The only place the spider's results reach the archive: PageResult -> store."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler

import store
from crawler.items import PageResult
from crawler.session import ArchiveSession, session_for
from crawler.spiders.xxgk import XxgkSpider
from parsers import Document

FILL_FIELDS = ("title", "index_no", "topic", "publisher", "publish_date", "doc_no", "keywords",
               "body_text")  # fmt: skip


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.session: ArchiveSession = session_for(crawler)

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
        self.session.open(self.spider.profile, self.spider.fetch_base)
        self.crawler.stats.set_value("xxgk/run_id", self.session.run_id)

    def close_spider(self, spider: Spider | None = None) -> None:
        self.session.close(dict(self.crawler.stats.get_stats()))

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageResult):
            return item
        db, run_id = self.session.db, self.session.run_id
        assert db is not None
        stats = self.crawler.stats
        site_id = self.spider.site_id
        if item.fetch_id is not None:
            outcome = "document" if item.document else (item.error[0] if item.error else "list")
            store.set_fetch_outcome(db, item.fetch_id, outcome, item.encoding)
        if item.document is not None:
            saved = store.save_document(
                db, site_id, item.document, item.fetch_id, item.fetched_at, run_id
            )
            stats.inc_value("xxgk/documents")
            if saved.new_version:
                stats.inc_value("xxgk/versions")
            self._count_fields(item.document)
        if item.error is not None:
            kind, detail = item.error
            store.save_error(
                db,
                store.ErrorRecord(
                    site_id=site_id,
                    url=item.url,
                    fetched_at=item.fetched_at,
                    kind=kind,
                    detail=detail,
                    http_status=item.http_status,
                    fetch_id=item.fetch_id,
                    run_id=run_id,
                ),
            )
            stats.inc_value(f"xxgk/errors/{kind}")
            status = store.observe(
                db, item.url, kind, item.fetch_id, item.http_status, detail, item.fetched_at,
                run_id,
            )  # fmt: skip
            if status is not None:
                stats.inc_value(f"xxgk/status/{status}")
        return item

    def _count_fields(self, doc: Document) -> None:
        for name in FILL_FIELDS:
            filled = bool(getattr(doc, name))
            self.crawler.stats.inc_value(f"xxgk/fields/{name}/{'filled' if filled else 'empty'}")
