"""The archive in SQLite and files: ``Archive`` is the one door; everything else here is its
internals (schema and migrations, documents and versions, files, runs, search, WARC)."""

from store.archive import Archive, Locked, StorageError
from store.config import PLUGIN_NAME, ArchiveConfig
from store.documents import Saved
from store.federated import MergedPage, SearchTimedOut, search_across, within
from store.files import Download
from store.partitions import (
    CATALOGUE,
    PROVINCES,
    Partition,
    PartitionError,
    PartitionReport,
    choose,
    partition_files,
    partition_meta,
    province_of,
    served_partitions,
    write_partitions,
)
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
    "CATALOGUE",
    "EXPORT_COLUMNS",
    "FTS_TABLE",
    "INDEXED_FILTERS",
    "KEYS_TABLE",
    "PAGE_SIZE",
    "PLUGIN_NAME",
    "PROVINCES",
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
    "MergedPage",
    "Partition",
    "PartitionError",
    "PartitionReport",
    "PayloadTooLarge",
    "RunCounts",
    "Saved",
    "Search",
    "SearchTimedOut",
    "Shard",
    "ShardError",
    "StorageError",
    "StoredResponse",
    "caps",
    "choose",
    "database_name",
    "day_number",
    "export_sql",
    "fts_query",
    "fts_tokens",
    "fts_untokens",
    "partition_files",
    "partition_meta",
    "province_of",
    "query_words",
    "rank_value",
    "ranked",
    "run",
    "run_health",
    "search_across",
    "search_ids",
    "served_partitions",
    "snippet_text",
    "within",
    "write_partitions",
]
