"""``Archive``: the one door to the archive's database and files.

Every other room talks to the archive through this object: the crawler (sites, runs, captures,
documents, downloads, frontier queries), the nightly job (locks, interrupted runs, summaries),
reparse (replayed responses, resets) and the command line (search, site overviews). The
modules beside it (``schema``, ``documents``, ``files``, ``runs``, ``rows``, ``search``,
``warc``) are its internals; an import contract keeps every other room out of them.

Writes run in ``BEGIN IMMEDIATE`` transactions with a busy timeout, so a second writer waits
for the lock instead of failing half-way; a storage failure (locked past the timeout, read-only,
disk full, corrupt) raises ``StorageError`` — never a document status, never a silent skip.
"""

from __future__ import annotations

import fcntl
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from sqlite_utils import Database

from parsers.attachments import AttachmentContent
from parsers.quality import Problem
from parsers.records import Document
from store import documents, files, runs, schema, search, shards, warc
from store.config import ArchiveConfig
from store.documents import Saved
from store.files import Download
from store.runs import ErrorRecord, Fetch, RunCounts
from store.shards import Imported, Shard
from store.warc import Capture, StoredResponse

P = ParamSpec("P")
R = TypeVar("R")

# What reparse forgets before re-deriving a site from its responses.
DERIVED = ("figures", "tables", "attachments", "status_changes", "problems", "versions")


class StorageError(RuntimeError):
    """The archive could not be read or written (locked, read-only, full, corrupt, missing).

    A crawl that meets one stops and fails loudly; it is never recorded as a page's outcome.
    """


class Locked(RuntimeError):
    """Another crawl or nightly run holds this archive's lock."""


def _storage(method: Callable[P, R]) -> Callable[P, R]:
    """Turn SQLite and file-system failures into ``StorageError``, naming the operation."""

    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (StorageError, sqlite3.IntegrityError, sqlite3.ProgrammingError,
                sqlite3.InterfaceError):  # fmt: skip
            raise  # a bug in the caller, not the storage failing
        except (sqlite3.Error, OSError) as exc:
            raise StorageError(f"{method.__name__}: {type(exc).__name__}: {exc}") from exc

    return wrapper


@dataclass(frozen=True)
class RunSummary:
    """One crawl run as the nightly summary and ``xxgk crawl`` report it."""

    row: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.row.get("status") or "")


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Archive:
    """An open archive: ``Archive.open(config)``; close it when done (or use ``with``)."""

    def __init__(self, config: ArchiveConfig, db: Database) -> None:
        self.config = config
        self.db = db
        self._warc: warc.RotatingWarcWriter | None = None

    # -- opening -----------------------------------------------------------------------------

    @classmethod
    @_storage
    def open(cls, config: ArchiveConfig) -> Archive:
        """Open (creating if needed) the database and bring it to the current shape."""
        config.db_path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(config.db_path), timeout=config.busy_timeout, check_same_thread=False
        )
        db = Database(conn)
        # SQLite answers "locked" at once, without waiting, in a few cases (switching to WAL,
        # reading while another connection recovers the WAL): keep trying as long as a writer
        # would wait for a lock
        deadline = time.monotonic() + config.busy_timeout
        while True:
            try:
                db.enable_wal()
                schema.ensure_db(db)
                return cls(config, db)
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    conn.close()
                    raise
                db.rollback()
                time.sleep(0.1)
            except BaseException:
                conn.close()
                raise

    @classmethod
    def at(cls, db_path: str | Path, **locations: Any) -> Archive:
        """Open the archive at ``db_path`` (folders from ``locations`` or beside it)."""
        return cls.open(ArchiveConfig.resolve(db_path, **locations))

    @classmethod
    @_storage
    def over(cls, db: Database, config: ArchiveConfig | None = None, migrate: bool = True
             ) -> Archive:  # fmt: skip
        """An archive over a ``Database`` opened elsewhere (a test's, an in-memory one),
        brought to the current shape unless ``migrate`` is False; its folders are those of
        ``config``, else beside the database file."""
        if migrate:
            schema.ensure_db(db)
        path = next((row[2] for row in db.execute("pragma database_list") if row[1] == "main"),
                    "")  # fmt: skip
        return cls(config or ArchiveConfig.resolve(path or ":memory:", env={}), db)

    @classmethod
    def in_memory(cls, config: ArchiveConfig | None = None) -> Archive:
        """A throw-away archive in memory (tests, dry runs)."""
        db = Database(memory=True)
        schema.ensure_db(db)
        return cls(config or ArchiveConfig.resolve(":memory:", env={}), db)

    def close(self) -> None:
        if self._warc is not None:
            self._warc.close()
            self._warc = None
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _write(self) -> Iterator[Database]:
        """One write transaction, taking the write lock up front (``BEGIN IMMEDIATE``): a
        deferred transaction that reads first could not upgrade while another writer holds
        the lock, and would fail at once instead of waiting."""
        if self.db.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield self.db
        except BaseException:
            self.db.rollback()
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def batch(self, every: int = 500) -> Iterator[Callable[[], None]]:
        """Many writes in few transactions, for work that holds the archive's lock and can
        be done again (re-deriving, merging): every write inside becomes a savepoint, and
        calling the ``tick`` it yields after each unit of work commits every ``every`` units.
        A crawl commits each document as it goes instead; here one commit per document (an
        fsync each) would be most of the cost."""
        self.db.execute("BEGIN IMMEDIATE")
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            if done % every == 0:
                self.db.execute("COMMIT")
                self.db.execute("BEGIN IMMEDIATE")

        try:
            yield tick
        except BaseException:
            if self.db.conn.in_transaction:
                self.db.rollback()
            raise
        self.db.execute("COMMIT")

    @contextmanager
    def lock(self) -> Iterator[None]:
        """An exclusive lock on the archive for a whole crawl or nightly run; released when
        the process ends, even by SIGKILL, so a killed run never blocks the next one."""
        path = self.config.lock_path
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a+") as fh:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                fh.seek(0)
                holder = fh.read().strip()
                raise Locked(f"another run holds {path} ({holder or 'pid unknown'})") from None
            fh.seek(0)
            fh.truncate()
            fh.write(f"pid {os.getpid()} since {now_iso()}")
            fh.flush()
            try:
                yield
            finally:
                fh.seek(0)
                fh.truncate()

    # -- sites and runs ------------------------------------------------------------------------

    @_storage
    def save_site(self, profile: dict[str, Any]) -> None:
        with self._write():
            runs.save_site(self.db, profile)

    @_storage
    def start_run(self, site_id: str, started_at: str, fetch_base_url: str) -> int:
        with self._write():
            return runs.start_run(self.db, site_id, started_at, fetch_base_url)

    @_storage
    def finish_run(
        self,
        run_id: int,
        finished_at: str,
        counts: RunCounts,
        required: tuple[str, ...] = ("title", "publish_date", "body_text"),
        incremental: bool = False,
        stats: dict[str, Any] | None = None,
    ) -> str:
        """Close a run with its counts and health; returns the status (ok/degraded/broken)."""
        with self._write():
            return runs.finish_run(self.db, run_id, finished_at, counts, required, incremental,
                                   stats)  # fmt: skip

    @_storage
    def record_failed_run(
        self, site_id: str, started_at: str, mode: str, reason: str, node: str | None = None
    ) -> int:
        """A run for a site that no crawl could finish (its dispatched job failed on every
        attempt, or no node could take it), so every site has a run and a health each night."""
        with self._write():
            return runs.record_failed_run(self.db, site_id, started_at, now_iso(), mode, reason,
                                          node)  # fmt: skip

    @_storage
    def mark_interrupted(self) -> int:
        """Runs a killed process left unfinished: say so, so no report counts them as ok."""
        with self._write():
            cursor = self.db.execute(
                "update crawl_runs set status = 'interrupted', status_reason ="
                " 'the process ended before the run finished' where finished_at is null"
            )
        return int(cursor.rowcount)

    @_storage
    def runs(self, run_ids: list[int]) -> list[dict[str, Any]]:
        """Crawl runs by id, in that order, as rows."""
        rows = []
        for run_id in run_ids:
            row = dict(self.db.table("crawl_runs").get(run_id))
            for key in ("errors_by_kind", "fill_rates"):
                row[key] = json.loads(str(row[key])) if row.get(key) else {}
            rows.append(row)
        return rows

    @_storage
    def site_overview(self) -> dict[str, dict[str, Any]]:
        """Per archived site: the identity its pages declare (政府网站标识码, SiteName), the last
        finished crawl, its health, and the document count."""
        return {
            row["id"]: row
            for row in self.db.query(
                "select s.id, s.site_code, s.declared_name,"
                " (select max(finished_at) from crawl_runs r where r.site_id = s.id)"
                " as last_crawl, (select status from crawl_runs r where r.site_id = s.id"
                " order by r.id desc limit 1) as health,"
                " (select count(*) from documents d where d.site_id = s.id) as documents"
                " from sites s"
            )
        }

    # -- capture ---------------------------------------------------------------------------------

    @_storage
    def open_capture(self, prefix: str) -> None:
        """Start writing WARC files named ``<prefix>-…`` into the archive's WARC folder."""
        if self._warc is None:
            self._warc = warc.RotatingWarcWriter(
                self.config.warc_dir, prefix, max_bytes=self.config.warc_max_bytes
            )

    @_storage
    def capture(self, fetch: Fetch, exchange: dict[str, Any]) -> int:
        """Write one HTTP exchange to the WARC capture and its ``fetches`` row pointing at the
        record; returns the fetch id. ``exchange`` holds ``warc.RotatingWarcWriter.write``'s
        arguments (target URI, headers, status, body, extra headers)."""
        if self._warc is None:
            raise StorageError("capture: no WARC capture open (open_capture first)")
        written: Capture = self._warc.write(fetched_at=fetch.fetched_at, **exchange)
        record = Fetch(
            **{
                **fetch.__dict__,
                "sha256": written.payload_sha256,
                "warc_file": written.warc_file,
                "warc_offset": written.offset,
                "warc_length": written.length,
                "warc_record_id": written.record_id,
            }
        )
        with self._write():
            return runs.save_fetch(self.db, record)

    @_storage
    def save_fetch(self, fetch: Fetch) -> int:
        with self._write():
            return runs.save_fetch(self.db, fetch)

    @_storage
    def set_fetch_outcome(self, fetch_id: int, outcome: str, encoding: str | None = None) -> None:
        with self._write():
            runs.set_fetch_outcome(self.db, fetch_id, outcome, encoding)

    @_storage
    def save_error(self, error: ErrorRecord) -> int:
        with self._write():
            return runs.save_error(self.db, error)

    @_storage
    def read_response(self, warc_file: str, offset: int) -> StoredResponse:
        """A captured response read back from its WARC record."""
        return warc.read_response(self.config.warc_dir, warc_file, offset)

    # -- documents ---------------------------------------------------------------------------

    @_storage
    def save_document(
        self,
        site_id: str,
        doc: Document,
        fetch_id: int | None,
        seen_at: str,
        run_id: int | None = None,
        problems: Sequence[Problem] = (),
    ) -> Saved:
        """Insert or update the document at ``doc.url``: a new version when its content
        changed (with ``problems``, see ``parsers.quality``), else only when it was seen."""
        with self._write():
            return documents.save_document(self.db, site_id, doc, fetch_id, seen_at, run_id,
                                           problems)  # fmt: skip

    @_storage
    def observe(
        self,
        url: str,
        error_kind: str,
        fetch_id: int | None,
        http_status: int | None,
        evidence: str,
        observed_at: str,
        run_id: int | None = None,
    ) -> str | None:
        """Record what a failed fetch of a known document's URL says about it; returns its
        status afterwards (None when the URL is no document or the error says nothing)."""
        with self._write():
            return documents.observe(self.db, url, error_kind, fetch_id, http_status, evidence,
                                     observed_at, run_id)  # fmt: skip

    @_storage
    def touch_document(
        self, url: str, fetch_id: int | None, seen_at: str, run_id: int | None = None
    ) -> bool:
        with self._write():
            return documents.touch_document(self.db, url, fetch_id, seen_at, run_id)

    # -- the crawl frontier ---------------------------------------------------------------------

    @_storage
    def known_document_urls(self, site_id: str) -> list[str]:
        return documents.known_document_urls(self.db, site_id)

    @_storage
    def settled_error_urls(self, site_id: str) -> list[str]:
        return documents.settled_error_urls(self.db, site_id)

    @_storage
    def recheck_due(self, site_id: str, limit: int) -> list[str]:
        return documents.recheck_due(self.db, site_id, limit)

    @_storage
    def conditional_headers(self, url: str) -> dict[str, str]:
        return documents.conditional_headers(self.db, url)

    @_storage
    def needs_download(self, url: str) -> bool:
        return files.needs_download(self.db, url)

    # -- attachments ---------------------------------------------------------------------------

    @_storage
    def record_download(
        self,
        url: str,
        fetched_at: str,
        fetch_id: int | None,
        body: bytes | None,
        file_name: str,
        content_type: str | None,
        content: AttachmentContent,
    ) -> Download:
        """Store a downloaded file once by sha256 (None: not the file) and what was read."""
        with self._write():
            return files.record_download(self.db, self.config.files_dir, url, fetched_at,
                                         fetch_id, body, file_name, content_type,
                                         content)  # fmt: skip

    @_storage
    def save_download(self, download: Download, content: AttachmentContent | None) -> int:
        with self._write():
            return files.save_download(self.db, download, content)

    def file_path(self, sha256: str) -> Path:
        return self.config.file_path(sha256)

    # -- reparse ---------------------------------------------------------------------------------

    @_storage
    def final_fetches(
        self, site_id: str | None, run_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """The detail-page and attachment responses a crawl acted on (of ``run_ids`` only,
        when given), in fetch order: by fetch time, then by run (its origin when merged from
        a shard), then as the run captured them. That order does not depend on the order in
        which shards were merged, and for a crawl made here it is the crawl's own order."""
        where, params = _site_filter(site_id, "f.site_id")
        if run_ids is not None:
            where += " and f.run_id in (select value from json_each(?))"
            params.append(json.dumps(list(run_ids)))
        return list(
            self.db.query(
                "select f.*, s.family, coalesce(r.origin, '') as run_origin from fetches f"
                " join sites s on s.id = f.site_id left join crawl_runs r on r.id = f.run_id"
                " where f.kind in ('detail', 'attachment') and f.outcome is not null"
                f" and f.warc_file is not null{where}"
                " order by f.fetched_at, coalesce(r.origin, ''), f.id",
                params,
            )
        )

    @_storage
    def unanswered_pages(
        self, site_id: str | None, run_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Failures of pages (not attachments) that left no response yet say something about
        a document — a timeout, a refused connection, a redirect off-site or in a loop — with
        the same order keys as ``final_fetches``."""
        where, params = _site_filter(site_id, "e.site_id")
        if run_ids is not None:
            where += " and e.run_id in (select value from json_each(?))"
            params.append(json.dumps(list(run_ids)))
        kinds = json.dumps(sorted(documents.ERROR_STATUS))
        return list(
            self.db.query(
                "select e.*, coalesce(r.origin, '') as run_origin from errors e"
                " left join crawl_runs r on r.id = e.run_id where e.fetch_id is null"
                " and e.kind in (select value from json_each(?))"
                f" and e.url not in (select url from attachments){where}"
                " order by e.fetched_at, coalesce(r.origin, ''), e.id",
                [kinds, *params],
            )
        )

    @_storage
    def unanswered_attachments(
        self, site_id: str | None, run_ids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Attachment downloads that failed with no response (too large, timeouts), last
        first."""
        where, params = _site_filter(site_id, "e.site_id")
        if run_ids is not None:
            where += " and e.run_id in (select value from json_each(?))"
            params.append(json.dumps(list(run_ids)))
        return list(
            self.db.query(
                "select e.* from errors e where e.fetch_id is null and e.url in"
                f" (select url from attachments) and e.kind != 'robots_disallowed'{where}"
                " order by e.fetched_at desc, e.id desc",
                params,
            )
        )

    @_storage
    def reset_derived(self, site_id: str | None) -> None:
        """Forget everything derived from responses, keeping each document's row (and id)."""
        where, params = _site_filter(site_id)
        docs = f"select id from documents where 1 = 1{where}"
        with self._write():
            # out of the search index first, while the values it was filed under are here
            search.unindex_documents(self.db, docs, params)
            self.db.execute(
                "delete from table_cells where table_id in "
                f"(select id from tables where document_id in ({docs}))",
                params,
            )
            for table in DERIVED:
                self.db.execute(f"delete from {table} where document_id in ({docs})", params)
            self.db.execute(
                "update documents set content_hash = null, version_id = null,"
                " version_count = 0, status = null, status_changed_at = null,"
                " status_fetch_id = null, status_http_status = null, status_evidence = null"
                f" where 1 = 1{where}",
                params,
            )

    # -- shards -------------------------------------------------------------------------------

    @_storage
    def seed_frontier(self, shard: Shard, site_ids: list[str]) -> dict[str, int]:
        """Create ``shard``'s database holding what a crawl of ``site_ids`` needs to know of
        this archive (see ``store.shards.seed_frontier``); returns rows per table."""
        Archive.open(shard.config).close()
        return shards.seed_frontier(self.db, shard.db_path, site_ids)

    @_storage
    def import_shard(self, shard: Shard, manifest: dict[str, Any]) -> Imported:
        """Add a verified shard's runs, fetches, errors and files (``Shard.verify`` gives the
        manifest); what is already here is not added again. Re-deriving documents is the
        caller's next step (``xxgk.merge``)."""
        with self._write():
            return shards.import_shard(self.db, self.config, shard, manifest)

    # -- search ---------------------------------------------------------------------------------

    @_storage
    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching ``query``, best first."""
        return search.search(self.db, query, limit)


def _site_filter(site_id: str | None, column: str = "site_id") -> tuple[str, list[Any]]:
    return (f" and {column} = ?", [site_id]) if site_id else ("", [])
