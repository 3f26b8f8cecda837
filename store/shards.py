"""Shards: what one crawl job on a Scrapyd node hands back, and how it joins the archive.

A shard is a folder that a job writes instead of the shared archive:

    shard.sqlite   the archive's own schema: the job's crawl runs, their fetches and errors, and
                   what the crawl derived from them (documents, versions…); it may start as a
                   frontier seed (see ``seed_frontier``) so that an incremental crawl on the
                   node knows what the archive knows
    warc/          the job's WARC files: every fetches row points into them
    files/         the attachment files it stored, by sha256
    index.cdxj     a CDXJ index of the WARC files (one line per response record)
    manifest.json  shard id, sites, node and vantage point, runs, counts, and the size and
                   sha256 of every file above

The job writes the manifest last (``Shard.seal``), so a folder without one is a partial shard
(the job was killed or failed). ``Shard.verify`` refuses a partial shard, a file that differs
from the manifest, and a database that cannot be read or disagrees with it.

``import_shard`` adds a verified shard's runs, fetches and errors to an archive, with its WARC
files (under ``warc/shards/<shard id>/``) and attachment files (by sha256). Only raw events are
imported: documents and everything else derived are re-derived in the archive from the WARC
records (``xxgk.merge``), so merging a shard twice, or shards in any order, gives the same
archive. A run is keyed by its origin (``<shard id>/<run id>``) and a fetch by its WARC record
id: what is already there is not added again.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlite_utils import Database
from warcio.archiveiterator import ArchiveIterator

from store.config import ArchiveConfig
from store.files import FINAL_DOWNLOADS, sha256_file

FORMAT = "xxgk-shard/1"
DATABASE = "shard.sqlite"
MANIFEST = "manifest.json"
INDEX = "index.cdxj"
WARC = "warc"
FILES = "files"
# Where a merged shard's WARC files go, under the archive's WARC folder.
MERGED_WARC = "shards"

# Error kinds after which a listed URL is not fetched again by an incremental crawl (see
# documents.settled_error_urls): the frontier seed carries the last one of each URL.
SETTLED_KINDS = ("not_found", "soft_404", "robots_disallowed", "parse_error")


class ShardError(ValueError):
    """A shard that cannot be merged: partial, corrupt, unreadable, or not a shard at all."""


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class Shard:
    """A shard folder (see the module's docstring)."""

    path: Path

    @property
    def config(self) -> ArchiveConfig:
        """Where a job writes this shard: its database, WARC and files folders."""
        return ArchiveConfig.resolve(self.path / DATABASE, self.path / WARC, self.path / FILES,
                                     env={})  # fmt: skip

    @classmethod
    def of(cls, config: ArchiveConfig) -> Shard:
        """The shard a crawl configured with ``config`` writes: its database must be
        ``<folder>/shard.sqlite`` with ``warc/`` and ``files/`` beside it."""
        shard = cls(config.db_path.parent)
        expected = shard.config
        if (config.db_path.name, config.warc_dir, config.files_dir) != (
            DATABASE, expected.warc_dir, expected.files_dir
        ):  # fmt: skip
            raise ShardError(
                f"a shard's locations are <folder>/{DATABASE}, <folder>/{WARC}/ and "
                f"<folder>/{FILES}/, not {config.db_path}, {config.warc_dir}, {config.files_dir}"
            )
        return shard

    @property
    def db_path(self) -> Path:
        return self.path / DATABASE

    @property
    def manifest_path(self) -> Path:
        return self.path / MANIFEST

    @property
    def sealed(self) -> bool:
        return self.manifest_path.is_file()

    # -- the job's side ------------------------------------------------------------------------

    def seal(
        self,
        shard_id: str,
        sites: Iterable[str],
        node: str = "",
        vantage: str = "",
        **extra: Any,
    ) -> dict[str, Any]:
        """Close the shard: its database in one file, the CDXJ index, and the manifest, written
        last and atomically. ``extra`` (job, dispatch, mode…) is kept in the manifest."""
        if not self.db_path.is_file():
            raise ShardError(f"{self.path}: no {DATABASE}: nothing was crawled")
        try:
            conn = sqlite3.connect(str(self.db_path))
            try:
                # one self-contained file: no -wal beside it to copy or forget
                conn.execute("pragma wal_checkpoint(TRUNCATE)")
                conn.execute("pragma journal_mode = DELETE")
                runs = _rows(conn, "select * from crawl_runs order by id")
                counts = {
                    table: conn.execute(f"select count(*) from {table}").fetchone()[0]
                    for table in ("fetches", "errors", "documents", "versions", "files")
                }
                per_run = {
                    row[0]: (row[1], row[2])
                    for row in conn.execute(
                        "select r.id, (select count(*) from fetches f where f.run_id = r.id),"
                        " (select count(*) from errors e where e.run_id = r.id)"
                        " from crawl_runs r"
                    )
                }
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise ShardError(f"{self.db_path}: cannot be read: {exc}") from exc
        unfinished = [r["site_id"] for r in runs if not r["finished_at"]]
        if unfinished:
            raise ShardError(f"{self.path}: unfinished runs ({', '.join(unfinished)})")
        records = write_cdxj(self.path / WARC, self.path / INDEX)
        manifest = {
            "format": FORMAT,
            "shard_id": shard_id,
            "sealed_at": now_iso(),
            "node": node,
            "vantage": vantage,
            "sites": sorted(sites),
            **extra,
            "runs": [
                {
                    "run_id": r["id"],
                    "site_id": r["site_id"],
                    "started_at": r["started_at"],
                    "finished_at": r["finished_at"],
                    "mode": r["mode"],
                    "status": r["status"],
                    "status_reason": r["status_reason"],
                    "fetches": per_run[r["id"]][0],
                    "errors": per_run[r["id"]][1],
                    "new_documents": r["new_documents"],
                    "changed_documents": r["changed_documents"],
                }
                for r in runs
            ],
            "counts": {**counts, "warc_records": records},
            "files": {rel: _file_info(self.path / rel) for rel in self._files()},
        }
        _write_atomically(self.manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
        return manifest

    def _files(self) -> list[str]:
        found = [DATABASE, INDEX]
        for folder in (WARC, FILES):
            root = self.path / folder
            if root.is_dir():
                found += sorted(
                    p.relative_to(self.path).as_posix()
                    for p in root.rglob("*")
                    if p.is_file() and not p.name.startswith(".part-")
                )
        return found

    # -- the merging side ------------------------------------------------------------------------

    def manifest(self) -> dict[str, Any]:
        if not self.path.is_dir():
            raise ShardError(f"{self.path}: no such shard folder")
        if not self.sealed:
            raise ShardError(
                f"{self.path}: partial shard, no {MANIFEST}: the job that wrote it did not "
                "finish (killed, or stopped by an error); it is not merged"
            )
        try:
            manifest: dict[str, Any] = json.loads(self.manifest_path.read_text("utf-8"))
        except (OSError, ValueError) as exc:
            raise ShardError(f"{self.manifest_path}: unreadable manifest: {exc}") from exc
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ShardError(f"{self.manifest_path}: not a {FORMAT} manifest")
        for key in ("shard_id", "runs", "files", "sites"):
            if key not in manifest:
                raise ShardError(f"{self.manifest_path}: no {key!r}")
        shard_id = str(manifest["shard_id"])
        if not shard_id or "/" in shard_id or shard_id.startswith("."):
            raise ShardError(f"{self.manifest_path}: bad shard id {shard_id!r}")
        return manifest

    def verify(self) -> dict[str, Any]:
        """The manifest, once every file matches it and the database agrees with it; else
        ``ShardError`` saying what is wrong."""
        manifest = self.manifest()
        files: dict[str, dict[str, Any]] = manifest["files"]
        for rel, expected in sorted(files.items()):
            path = self.path / rel
            if ".." in Path(rel).parts or Path(rel).is_absolute():
                raise ShardError(f"{self.path}: manifest names a path outside the shard: {rel}")
            if not path.is_file():
                raise ShardError(f"{self.path}: corrupt shard: {rel} is missing")
            if path.stat().st_size != expected["bytes"]:
                raise ShardError(f"{self.path}: corrupt shard: {rel} has "
                                 f"{path.stat().st_size} bytes, the manifest says "
                                 f"{expected['bytes']}")  # fmt: skip
            if sha256_file(path) != expected["sha256"]:
                raise ShardError(f"{self.path}: corrupt shard: {rel} does not match its sha256")
        for rel in self._files():
            if rel.startswith(f"{WARC}/") and rel not in files:
                raise ShardError(f"{self.path}: corrupt shard: {rel} is not in the manifest")
        warcs = {rel[len(WARC) + 1 :] for rel in files if rel.startswith(f"{WARC}/")}
        try:
            with self.connect() as conn:
                check = conn.execute("pragma quick_check").fetchone()[0]
                if check != "ok":
                    raise ShardError(f"{self.db_path}: damaged database: {check}")
                for run in manifest["runs"]:
                    row = conn.execute(
                        "select site_id, finished_at, (select count(*) from fetches"
                        " where run_id = r.id) from crawl_runs r where id = ?",
                        [run["run_id"]],
                    ).fetchone()
                    if row is None or row[0] != run["site_id"] or not row[1]:
                        raise ShardError(f"{self.db_path}: run {run['run_id']} of the manifest "
                                         "is missing or unfinished")  # fmt: skip
                    if row[2] != run["fetches"]:
                        raise ShardError(
                            f"{self.db_path}: run {run['run_id']} has {row[2]} "
                            f"fetches, the manifest says {run['fetches']}"
                        )
                missing = conn.execute(
                    "select warc_file from fetches where run_id is not null and"
                    " (warc_file is null or warc_file not in (select value from json_each(?)))"
                    " limit 1",
                    [json.dumps(sorted(warcs))],
                ).fetchone()
                if missing is not None:
                    raise ShardError(f"{self.db_path}: a fetch points to {missing[0]!r}, "
                                     "which the shard does not hold")  # fmt: skip
        except sqlite3.Error as exc:
            raise ShardError(f"{self.db_path}: unreadable database: {exc}") from exc
        return manifest

    def connect(self) -> _ReadOnly:
        """The shard's database, read-only and immutable (a collected shard never changes)."""
        return _ReadOnly(self.db_path)


class _ReadOnly:
    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> sqlite3.Connection:
        if not self.path.is_file():
            raise ShardError(f"{self.path}: missing")
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True)
        return self.conn

    def __exit__(self, *exc: object) -> None:
        self.conn.close()


def _file_info(path: Path) -> dict[str, Any]:
    return {"bytes": path.stat().st_size, "sha256": sha256_file(path)}


def _rows(conn: sqlite3.Connection, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    columns = [c[0] for c in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


# -- CDXJ ------------------------------------------------------------------------------------


def surt(url: str) -> str:
    """The sort-friendly URI reordering transform (SURT) CDXJ indexes are keyed by:
    ``https://www.gov.cn/zhengce/a.htm`` -> ``cn,gov)/zhengce/a.htm``."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    key = ",".join(reversed(host.split(".")))
    if parts.port and parts.port not in (80, 443):
        key += f":{parts.port}"
    query = "&".join(sorted(parts.query.split("&"))) if parts.query else ""
    return f"{key}){(parts.path or '/').lower()}" + (f"?{query.lower()}" if query else "")


def cdxj_lines(warc_dir: Path) -> Iterator[str]:
    """One CDXJ line per response record of the folder's WARC files, keyed by the canonical
    URL (``XXGK-Canonical-URL``, else the target URI)."""
    for path in sorted(warc_dir.glob("*.warc.gz")) if warc_dir.is_dir() else []:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type != "response":
                    continue
                headers = record.rec_headers
                target = headers.get_header("WARC-Target-URI")
                url = headers.get_header("XXGK-Canonical-URL") or target
                http = record.http_headers
                records.read_to_end(record)
                mime = (http.get_header("Content-Type") or "-") if http else "-"
                date = headers.get_header("WARC-Date") or ""
                fields = {
                    "url": url,
                    "target_uri": target,
                    "mime": mime.split(";")[0].strip() or "-",
                    "status": http.get_statuscode() if http else "-",
                    "digest": headers.get_header("WARC-Payload-Digest"),
                    "record_id": headers.get_header("WARC-Record-ID"),
                    "length": str(records.get_record_length()),
                    "offset": str(records.get_record_offset()),
                    "filename": path.name,
                }
                stamp = "".join(ch for ch in date if ch.isdigit())[:14]
                yield f"{surt(url)} {stamp} {json.dumps(fields, ensure_ascii=False)}"


def write_cdxj(warc_dir: Path, out: Path) -> int:
    """Write the sorted CDXJ index of a WARC folder; returns the number of records."""
    lines = sorted(cdxj_lines(warc_dir))
    _write_atomically(out, "".join(f"{line}\n" for line in lines))
    return len(lines)


# -- the frontier a node needs for an incremental crawl ---------------------------------------


def seed_frontier(db: Database, shard_db: Path, site_ids: list[str]) -> dict[str, int]:
    """Copy into a new shard's database what a crawl of ``site_ids`` reads from the archive:
    the sites, their documents and latest versions (keys, content hash, status — not their
    content), each URL's latest fetch and latest good fetch (validators for conditional
    requests, the re-check rotation), the last settling error of each URL, and each settled
    attachment URL. None of these rows belongs to a run, so merging the shard never imports
    them. Returns rows per table."""
    sites = json.dumps(sorted(site_ids))
    final = json.dumps(list(FINAL_DOWNLOADS))
    settled = json.dumps(list(SETTLED_KINDS))
    where_site = "site_id in (select value from json_each(:sites))"
    fetch_columns = ("id, site_id, url, fetch_url, kind, fetched_at, status, sha256, bytes,"
                     " content_type, etag, last_modified, outcome")  # fmt: skip
    statements = {
        "sites": "insert into seed.sites select * from main.sites"
        " where id in (select value from json_each(:sites))",
        "documents": "insert into seed.documents (id, url, site_id, first_seen_at,"
        " last_seen_at, content_hash, version_id, version_count, status, status_changed_at,"
        " status_http_status) select id, url, site_id, first_seen_at, last_seen_at,"
        " content_hash, version_id, version_count, status, status_changed_at,"
        f" status_http_status from main.documents where {where_site}",
        # each document's latest version, by its hash only: enough to tell an edit
        "versions": "insert into seed.versions (id, document_id, version_no, fetched_at,"
        " content_hash) select v.id, v.document_id, v.version_no, v.fetched_at, v.content_hash"
        " from main.versions v join main.documents d on d.version_id = v.id"
        " where d.site_id in (select value from json_each(:sites))",
        # the bare columns of a max() aggregate come from the row holding the maximum
        "fetches": f"insert or ignore into seed.fetches ({fetch_columns})"
        f" select {fetch_columns} from (select *, max(fetched_at) from main.fetches"
        f" where {where_site} group by url)",
        "good_fetches": f"insert or ignore into seed.fetches ({fetch_columns})"
        f" select {fetch_columns} from (select *, max(fetched_at) from main.fetches"
        f" where {where_site} and status = 200 group by url)",
        "errors": "insert into seed.errors (id, site_id, url, fetched_at, kind, http_status,"
        " detail) select id, site_id, url, fetched_at, kind, http_status, detail from"
        " (select *, max(fetched_at) from main.errors where"
        f" {where_site} and kind in (select value from json_each(:settled)) group by url)",
        "attachments": "insert into seed.attachments (id, document_id, url, name, ext,"
        " first_seen_at, file_name, sha256, size, content_type, detected_type, fetched_at,"
        " status, extraction_status, extraction_reason) select id, document_id, url, name, ext,"
        " first_seen_at, file_name, sha256, size, content_type, detected_type, fetched_at,"
        " status, extraction_status, extraction_reason from (select a.*, max(a.id)"
        " from main.attachments a join main.documents d on d.id = a.document_id"
        " where d.site_id in (select value from json_each(:sites))"
        " and a.status in (select value from json_each(:final)) group by a.url)",
    }
    params = {"sites": sites, "final": final, "settled": settled}
    counts: dict[str, int] = {}
    db.execute("attach database ? as seed", [str(shard_db)])
    try:
        with db.atomic():
            for name, sql in statements.items():
                used = {k: v for k, v in params.items() if f":{k}" in sql}
                counts[name] = int(db.execute(sql, used).rowcount)
    finally:
        db.execute("detach database seed")
    counts["fetches"] += counts.pop("good_fetches")
    return counts


# -- merging a shard into an archive ------------------------------------------------------------


@dataclass
class Imported:
    """What ``import_shard`` added: the archive's ids of the shard's new runs, per site the
    new final fetches to re-derive (``append``: all later than anything the archive had for
    the site, so replaying them on top is enough; else the site is re-derived whole)."""

    shard_id: str
    runs: dict[int, int] = field(default_factory=dict)  # run id in the shard -> in the archive
    skipped_runs: list[int] = field(default_factory=list)  # already merged
    fetches: int = 0
    errors: int = 0
    warc_files: int = 0
    files: int = 0
    sites: dict[str, bool] = field(default_factory=dict)  # site -> append?


def _copy(source: Path, target: Path, sha256: str) -> bool:
    """Copy ``source`` to ``target`` unless it is there already with the same content; a
    different file there is a conflict. Returns whether it copied."""
    if target.exists():
        if sha256_file(target) != sha256:
            raise ShardError(f"{target} exists with other content than {source}")
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    os.close(fd)
    shutil.copyfile(source, tmp)
    os.replace(tmp, target)
    return True


def import_shard(
    db: Database, config: ArchiveConfig, shard: Shard, manifest: dict[str, Any]
) -> Imported:
    """Add a verified shard's runs, fetches and errors (and its WARC and attachment files) to
    the archive. Files first, then the rows in one transaction: a row never points at a file
    that is not there, and a failure half-way leaves no row behind."""
    shard_id = str(manifest["shard_id"])
    imported = Imported(shard_id)
    prefix = f"{MERGED_WARC}/{shard_id}"
    for rel, info in sorted(manifest["files"].items()):
        if rel.startswith(f"{WARC}/") or rel == INDEX:
            name = rel.removeprefix(f"{WARC}/")
            imported.warc_files += _copy(shard.path / rel, config.warc_dir / prefix / name,
                                         info["sha256"])  # fmt: skip
        elif rel.startswith(f"{FILES}/"):
            sha = Path(rel).name
            if sha != info["sha256"]:
                raise ShardError(f"{shard.path}: {rel} is not named by its sha256")
            imported.files += _copy(shard.path / rel, config.file_path(sha), info["sha256"])
    with shard.connect() as src, db.atomic():
        for run in manifest["runs"]:
            local = int(run["run_id"])
            origin = f"{shard_id}/{local}"
            if db.execute("select 1 from crawl_runs where origin = ?", [origin]).fetchone():
                imported.skipped_runs.append(local)
                continue
            row = _rows(src, "select * from crawl_runs where id = ?", [local])[0]
            site_id = str(row["site_id"])
            _ensure_site(db, src, site_id)
            before = db.execute(
                "select max(fetched_at) from fetches where site_id = ? and outcome is not null"
                " and kind in ('detail', 'attachment')",
                [site_id],
            ).fetchone()[0]
            first = src.execute(
                "select min(fetched_at) from fetches where run_id = ? and outcome is not null"
                " and kind in ('detail', 'attachment')",
                [local],
            ).fetchone()[0]
            append = before is None or first is None or first > before
            imported.sites[site_id] = imported.sites.get(site_id, True) and append
            del row["id"]
            row.update(origin=origin, node=manifest.get("node") or None,
                       vantage=manifest.get("vantage") or None)  # fmt: skip
            run_id = int(db.table("crawl_runs").insert(row).last_pk or 0)
            imported.runs[local] = run_id
            # ids given here, in the shard's order, so the rows go in one batch
            next_id = int(db.execute("select coalesce(max(id), 0) + 1 from fetches").fetchone()[0])
            fetch_ids: dict[int, int] = {}
            fetches = []
            for fetch in _rows(src, "select * from fetches where run_id = ? order by id", [local]):
                known = db.execute(
                    "select id from fetches where warc_record_id = ?", [fetch["warc_record_id"]]
                ).fetchone()
                if known is not None:  # the same record, merged before under another run
                    fetch_ids[fetch["id"]] = int(known[0])
                    continue
                fetch_ids[fetch["id"]] = next_id
                fetch.update(id=next_id, run_id=run_id, warc_file=f"{prefix}/{fetch['warc_file']}")
                fetches.append(fetch)
                next_id += 1
            db.table("fetches").insert_all(fetches, batch_size=500)
            imported.fetches += len(fetches)
            errors = _rows(src, "select * from errors where run_id = ? order by id", [local])
            for error in errors:
                del error["id"]
                error.update(run_id=run_id,
                             fetch_id=fetch_ids.get(error["fetch_id"]) if error["fetch_id"]
                             else None)  # fmt: skip
            db.table("errors").insert_all(errors, batch_size=500)
            imported.errors += len(errors)
    return imported


def _ensure_site(db: Database, src: sqlite3.Connection, site_id: str) -> None:
    rows = _rows(src, "select * from sites where id = ?", [site_id])
    if not rows:
        raise ShardError(f"the shard has a run of site {site_id!r} but no such site")
    row = rows[0]
    if db.execute("select 1 from sites where id = ?", [site_id]).fetchone() is None:
        db.table("sites").insert(row)
        return
    # the profile as the job read it; what the pages declare is re-derived from them
    db.table("sites").update(site_id, {k: row[k] for k in ("name", "family", "base_url",
                                                          "columns", "verified")})  # fmt: skip
