"""The only place the spider's results reach the archive: PageResult -> Archive.

It finds the crawl's ``Archive`` and counts through ``ArchiveExtension``; it knows nothing of
the spider beyond the ``PageResult`` items it is handed.
"""

from __future__ import annotations

from typing import Any, Self

from scrapy import Spider
from scrapy.crawler import Crawler

from crawler.extension import ArchiveExtension
from crawler.items import AttachmentFile, PageResult
from crawler.profiles import required_fields
from parsers import Document
from parsers.quality import body_missing, problems_of
from parsers.records import DOCUMENT_FIELDS
from store import Archive, Download, ErrorRecord

# attachments are counted as files, not as a field a page fills
FILL_FIELDS = tuple(name for name in DOCUMENT_FIELDS if name != "attachments")


class ArchivePipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Self:
        return cls(crawler)

    @property
    def ext(self) -> ArchiveExtension:
        return ArchiveExtension.of(self.crawler)

    def process_item(self, item: Any, spider: Spider | None = None) -> Any:
        if not isinstance(item, PageResult):
            return item
        ext = self.ext
        archive = ext.check()
        with ext.guard():
            self._store(ext, archive, item)
        return item

    def _store(self, ext: ArchiveExtension, archive: Archive, item: PageResult) -> None:
        counts, site = ext.counts, ext.site
        assert site is not None
        if item.fetch_id is not None:
            outcome = item.error[0] if item.error else (
                "document" if item.document
                else "not_modified" if item.not_modified
                else item.page_kind
            )  # fmt: skip
            archive.set_fetch_outcome(item.fetch_id, outcome, item.encoding)
        if item.attachment is not None:
            self._save_attachment(ext, archive, item, item.attachment)
        if item.not_modified:
            archive.touch_document(item.url, item.fetch_id, item.fetched_at, ext.run_id)
            counts.not_modified += 1
        if item.document is not None:
            problems = problems_of(item.document, required_fields(site.profile))
            saved = archive.save_document(
                site.site_id, item.document, item.fetch_id, item.fetched_at, ext.run_id, problems
            )
            for problem in problems:
                counts.problems[problem.kind] += 1
            counts.documents += 1
            if saved.created:
                counts.new_documents += 1
            elif saved.new_version:
                counts.changed_documents += 1
            else:
                counts.unchanged_documents += 1
            self._count_fields(ext, item.document)
        if item.error is not None:
            self._save_error(ext, archive, item, *item.error)

    def _save_error(
        self, ext: ArchiveExtension, archive: Archive, item: PageResult, kind: str, detail: str
    ) -> None:
        assert ext.site is not None
        archive.save_error(
            ErrorRecord(
                site_id=ext.site.site_id,
                url=item.url,
                fetched_at=item.fetched_at,
                kind=kind,
                detail=detail,
                http_status=item.http_status,
                fetch_id=item.fetch_id,
                run_id=ext.run_id,
            )
        )
        ext.counts.errors[kind] += 1
        if item.page_kind == "attachment":
            if item.attachment is None:  # nothing usable came back: the row says why
                archive.save_download(Download(item.url, item.fetched_at, item.fetch_id, kind),
                                      None)  # fmt: skip
            return
        status = archive.observe(item.url, kind, item.fetch_id, item.http_status, detail,
                                 item.fetched_at, ext.run_id)  # fmt: skip
        if status is not None:
            ext.counts.statuses[status] += 1

    def _save_attachment(
        self, ext: ArchiveExtension, archive: Archive, item: PageResult, file: AttachmentFile
    ) -> None:
        read = file.read
        archive.record_download(
            item.url, item.fetched_at, item.fetch_id, file.body if read.is_file else None,
            read.file_name, file.content_type, read.content,
        )  # fmt: skip
        ext.counts.attachments[read.content.status] += 1

    def _count_fields(self, ext: ArchiveExtension, doc: Document) -> None:
        for name in FILL_FIELDS:
            # a body too short to be one (see parsers.quality) is not a filled body
            filled = not body_missing(doc) if name == "body_text" else bool(getattr(doc, name))
            (ext.counts.filled if filled else ext.counts.empty)[name] += 1
