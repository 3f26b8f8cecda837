"""The archive in SQLite and files: ``Archive`` is the one door; everything else here is its
internals (schema and migrations, documents and versions, files, runs, search, WARC)."""

from store.archive import Archive, Locked, StorageError
from store.config import PLUGIN_NAME, ArchiveConfig
from store.documents import Saved
from store.files import Download
from store.reads import ArchiveReader
from store.runs import ErrorRecord, Fetch, RunCounts, run_health
from store.search import fts_query, fts_tokens, fts_untokens
from store.shards import Imported, Shard, ShardError
from store.warc import PayloadTooLarge, StoredResponse

__all__ = [
    "PLUGIN_NAME",
    "Archive",
    "ArchiveConfig",
    "ArchiveReader",
    "Download",
    "ErrorRecord",
    "Fetch",
    "Imported",
    "Locked",
    "PayloadTooLarge",
    "RunCounts",
    "Saved",
    "Shard",
    "ShardError",
    "StorageError",
    "StoredResponse",
    "fts_query",
    "fts_tokens",
    "fts_untokens",
    "run_health",
]
