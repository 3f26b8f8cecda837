"""The only place the spider's results reach the archive: PageResult -> store."""

from __future__ import annotations

from typing import Any

from scrapy import Spider
from scrapy.crawler import Crawler

import store
from crawler.items import AttachmentFile, PageResult
from crawler.profiles import required_fields
from crawler.session import ArchiveSession, session_for
from crawler.spiders.xxgk import XxgkSpider
from parsers import Document
from parsers.records import DOCUMENT_FIELDS

# attachments are counted as files, not as a field a page fills
FILL_FIELDS = tuple(name for name in DOCUMENT_FIELDS if name != "attachments")


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
        stats = dict(self.crawler.stats.get_stats())
        status = self.session.close(
            stats, required_fields(self.spider.profile), self.spider.mode == "incremental"
        )
        self.crawler.stats.set_value("xxgk/health", status)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageResult):
            return item
        db, run_id = self.session.db, self.session.run_id
        assert db is not None
        if item.fetch_id is not None:
            outcome = item.error[0] if item.error else (
                "document" if item.document
                else "not_modified" if item.not_modified
                else item.page_kind
            )  # fmt: skip
            store.set_fetch_outcome(db, item.fetch_id, outcome, item.encoding)
        if item.attachment is not None:
            self._save_attachment(item, item.attachment)
        if item.not_modified:
            store.touch_document(db, item.url, item.fetch_id, item.fetched_at, run_id)
            self.crawler.stats.inc_value("xxgk/not_modified")
        if item.document is not None:
            saved = store.save_document(
                db, self.spider.site_id, item.document, item.fetch_id, item.fetched_at, run_id
            )
            self.crawler.stats.inc_value("xxgk/documents")
            if saved.created:
                self.crawler.stats.inc_value("xxgk/new_documents")
            elif saved.new_version:
                self.crawler.stats.inc_value("xxgk/changed_documents")
            else:
                self.crawler.stats.inc_value("xxgk/unchanged_documents")
            if saved.new_version:
                self.crawler.stats.inc_value("xxgk/versions")
            self._count_fields(item.document)
        if item.error is not None:
            self._save_error(item, *item.error)
        return item

    def _save_error(self, item: PageResult, kind: str, detail: str) -> None:
        db, run_id = self.session.db, self.session.run_id
        assert db is not None
        store.save_error(
            db,
            store.ErrorRecord(
                site_id=self.spider.site_id,
                url=item.url,
                fetched_at=item.fetched_at,
                kind=kind,
                detail=detail,
                http_status=item.http_status,
                fetch_id=item.fetch_id,
                run_id=run_id,
            ),
        )
        self.crawler.stats.inc_value(f"xxgk/errors/{kind}")
        if item.page_kind == "attachment":
            if item.attachment is None:  # nothing usable came back: the row says why
                download = store.Download(item.url, item.fetched_at, item.fetch_id, kind)
                store.save_download(db, download, None)
            return
        status = store.observe(
            db, item.url, kind, item.fetch_id, item.http_status, detail, item.fetched_at, run_id
        )
        if status is not None:
            self.crawler.stats.inc_value(f"xxgk/status/{status}")

    def _save_attachment(self, item: PageResult, file: AttachmentFile) -> None:
        db = self.session.db
        assert db is not None
        read = file.read
        store.record_download(
            db, self.session.files_dir, item.url, item.fetched_at, item.fetch_id,
            file.body if read.is_file else None, read.file_name, file.content_type, read.content,
        )  # fmt: skip
        self.crawler.stats.inc_value(f"xxgk/attachments/{read.content.status}")

    def _count_fields(self, doc: Document) -> None:
        for name in FILL_FIELDS:
            filled = bool(getattr(doc, name))
            self.crawler.stats.inc_value(f"xxgk/fields/{name}/{'filled' if filled else 'empty'}")
