"""The archive in SQLite, through sqlite-utils: schema, migrations, writers, search, WARC."""

from store.archive import (
    ErrorRecord,
    Fetch,
    finish_run,
    save_error,
    save_fetch,
    save_site,
    search,
    set_fetch_outcome,
    start_run,
)
from store.documents import Saved, known_document_urls, observe, save_document
from store.files import Download, needs_download, record_download, save_download, save_file
from store.schema import ensure_db

__all__ = [
    "Download",
    "ErrorRecord",
    "Fetch",
    "Saved",
    "ensure_db",
    "finish_run",
    "known_document_urls",
    "needs_download",
    "observe",
    "record_download",
    "save_document",
    "save_download",
    "save_error",
    "save_fetch",
    "save_file",
    "save_site",
    "search",
    "set_fetch_outcome",
    "start_run",
]
