"""One archive session per crawl: the database, the crawl run and the WARC writer.

The WARC capture middleware and the item pipeline both write to the archive; they share this
session (one SQLite connection, one WARC writer) instead of opening their own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from scrapy.crawler import Crawler
from sqlite_utils import Database

import store
from crawler.items import now_iso
from store.warc import DEFAULT_MAX_BYTES, RotatingWarcWriter


class ArchiveSession:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.db_path = Path(settings.get("XXGK_DB", "data/archive.db"))
        self.warc_dir = Path(settings.get("XXGK_WARC_DIR") or self.db_path.parent / "warc")
        self.warc_max_bytes = settings.getint("XXGK_WARC_MAX_BYTES", DEFAULT_MAX_BYTES)
        self.files_dir = Path(settings.get("XXGK_FILES_DIR") or self.db_path.parent / "files")
        self.db: Database | None = None
        self.run_id: int | None = None
        self.warc: RotatingWarcWriter | None = None

    def open(self, profile: dict[str, Any], fetch_base: str) -> None:
        self.db = store.ensure_db(self.db_path)
        store.save_site(self.db, profile)
        self.run_id = store.start_run(self.db, profile["id"], now_iso(), fetch_base)
        self.warc = RotatingWarcWriter(
            self.warc_dir, f"xxgk-{profile['id']}", max_bytes=self.warc_max_bytes
        )

    def close(
        self, stats: dict[str, Any], required: tuple[str, ...], incremental: bool = False
    ) -> str | None:
        """Finish the run; returns its health status (ok, degraded, broken)."""
        if self.warc is not None:
            self.warc.close()
        if self.db is None or self.run_id is None:
            return None
        status = store.finish_run(self.db, self.run_id, now_iso(), stats, required, incremental)
        self.db.close()
        return status


_SESSIONS: WeakKeyDictionary[Crawler, ArchiveSession] = WeakKeyDictionary()


def session_for(crawler: Crawler) -> ArchiveSession:
    if crawler not in _SESSIONS:
        _SESSIONS[crawler] = ArchiveSession(crawler)
    return _SESSIONS[crawler]
