"""The archive in SQLite, through sqlite-utils: schema, migrations, writers and search."""

from store.archive import (
    ErrorRecord,
    Fetch,
    finish_run,
    save_document,
    save_error,
    save_fetch,
    save_site,
    search,
    start_run,
)
from store.schema import ensure_db

__all__ = [
    "ErrorRecord",
    "Fetch",
    "ensure_db",
    "finish_run",
    "save_document",
    "save_error",
    "save_fetch",
    "save_site",
    "search",
    "start_run",
]
