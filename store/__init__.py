"""The archive in SQLite and files: ``Archive`` is the one door; everything else here is its
internals (schema and migrations, documents and versions, files, runs, search, WARC)."""

from store.archive import Archive, Locked, StorageError
from store.config import PLUGIN_NAME, ArchiveConfig
from store.documents import Saved
from store.files import Download
from store.reads import ArchiveReader
from store.runs import ErrorRecord, Fetch, RunCounts, run_health

# the search index, as the serving side queries it (on Datasette's own connections)
from store.search import (
    EXPORT_COLUMNS,
    FTS_TABLE,
    INDEXED_FILTERS,
    KEYS_TABLE,
    PAGE_SIZE,
    TEXT_COLUMNS,
    UNDATED_DAY,
    Count,
    Search,
    caps,
    database_name,
    day_number,
    export_sql,
    fts_query,
    fts_tokens,
    fts_untokens,
    query_words,
    rank_value,
    ranked,
    run,
    search_ids,
    snippet_text,
)
from store.shards import Imported, Shard, ShardError
from store.warc import PayloadTooLarge, StoredResponse

__all__ = [
    "EXPORT_COLUMNS",
    "FTS_TABLE",
    "INDEXED_FILTERS",
    "KEYS_TABLE",
    "PAGE_SIZE",
    "PLUGIN_NAME",
    "TEXT_COLUMNS",
    "UNDATED_DAY",
    "Archive",
    "ArchiveConfig",
    "ArchiveReader",
    "Count",
    "Download",
    "ErrorRecord",
    "Fetch",
    "Imported",
    "Locked",
    "PayloadTooLarge",
    "RunCounts",
    "Saved",
    "Search",
    "Shard",
    "ShardError",
    "StorageError",
    "StoredResponse",
    "caps",
    "database_name",
    "day_number",
    "export_sql",
    "fts_query",
    "fts_tokens",
    "fts_untokens",
    "query_words",
    "rank_value",
    "ranked",
    "run",
    "run_health",
    "search_ids",
    "snippet_text",
]
