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
from store.documents import (
    Saved,
    conditional_headers,
    known_document_urls,
    observe,
    recheck_due,
    save_document,
    settled_error_urls,
    touch_document,
)
from store.files import Download, needs_download, record_download, save_download, save_file
from store.schema import ensure_db

__all__ = [
    "Download",
    "ErrorRecord",
    "Fetch",
    "Saved",
    "conditional_headers",
    "ensure_db",
    "finish_run",
    "known_document_urls",
    "needs_download",
    "observe",
    "recheck_due",
    "record_download",
    "save_document",
    "save_download",
    "save_error",
    "save_fetch",
    "save_file",
    "save_site",
    "search",
    "set_fetch_outcome",
    "settled_error_urls",
    "start_run",
    "touch_document",
]
