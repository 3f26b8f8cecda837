"""Partitions: a merged archive split into files small enough to serve, and their catalogue.

Past about a million documents one SQLite file searches too slowly (README, *Serving at
scale*). ``write_partitions`` copies the archive into one database per province and span of
publication years, each in the archive's own schema, so a document's page, its archived copy
and its files work in its partition unchanged:

    <out>/p53_2020_2024.db   documents of province 53 (Yunnan) published 2020–2024, with
                             everything that hangs off them: versions, status changes,
                             problems, attachments and their files' rows, figures, tables and
                             cells, annual reports, the fetches they name, their sites and
                             those sites' runs; its own search index
    <out>/p53_undated.db     that province's documents without a publication date
    <out>/catalogue.db       one row per document (id, URL, site, province, year, title,
                             publisher, publish date, status, partition), no bodies and no
                             search index; each partition's counts by site, publisher and year;
                             the partitions (file, size, sha256, fingerprint); and the site-level
                             records no partition owns: sites, every crawl run, every error row
                             and the fetches errors name

Ids are those of the merged archive, so a document keeps its id in its partition and in the
catalogue, and ``/-/archived/<fetch id>`` means the same fetch everywhere. WARC and attachment
files stay where the archive keeps them: partitions are served with the archive's folders.

The province of a site is its profile's ``province`` (a two-digit GB/T 2260 code, "00" for a
central body), else the first two digits of its 政府网站标识码 (``sites.site_code``; a code
starting "bm" is a central department), else "xx". A site's documents never straddle
provinces, and a document moves partition only when its publication year is corrected.

Writing is all or nothing per file: each partition is written beside its final name and
renamed into place, then the catalogue the same way. A partition whose documents did not change
since the previous catalogue (same fingerprint: ids, content hashes, statuses, last seen) is
not copied again; files of partitions that no longer exist are removed.
"""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from store import schema
from store.config import ArchiveConfig
from store.files import sha256_file
from store.search import rebuild_search_index

CATALOGUE = "catalogue"  # the catalogue database's name when served (catalogue.db)
CATALOGUE_FILE = f"{CATALOGUE}.db"
UNKNOWN_PROVINCE = "xx"
CENTRAL = "00"
# GB/T 2260 province-level codes
PROVINCES = {
    "00": "中央 · central", "11": "北京", "12": "天津", "13": "河北", "14": "山西",
    "15": "内蒙古", "21": "辽宁", "22": "吉林", "23": "黑龙江", "31": "上海", "32": "江苏",
    "33": "浙江", "34": "安徽", "35": "福建", "36": "江西", "37": "山东", "41": "河南",
    "42": "湖北", "43": "湖南", "44": "广东", "45": "广西", "46": "海南", "50": "重庆",
    "51": "四川", "52": "贵州", "53": "云南", "54": "西藏", "61": "陕西", "62": "甘肃",
    "63": "青海", "64": "宁夏", "65": "新疆", "71": "台湾", "81": "香港", "82": "澳门",
    UNKNOWN_PROVINCE: "未知 · unknown",
}  # fmt: skip
_NAME_RE = re.compile(r"^p(?:[0-9]{2}|xx)_(?:[0-9]{4}_[0-9]{4}|undated)$")

# How each table of the archive is copied into a partition: the rows that belong to it.
# ``part_docs`` (temp) holds the partition's document ids, ``part_sites`` its site ids. A table
# of the archive missing here stops the copy (a new table must say where it goes).
_ROWS: dict[str, str] = {
    "sites": "id in (select site_id from temp.part_sites)",
    "crawl_runs": "site_id in (select site_id from temp.part_sites)",
    "documents": "id in (select id from temp.part_docs)",
    "versions": "document_id in (select id from temp.part_docs)",
    "status_changes": "document_id in (select id from temp.part_docs)",
    "problems": "document_id in (select id from temp.part_docs)",
    "attachments": "document_id in (select id from temp.part_docs)",
    "figures": "document_id in (select id from temp.part_docs)",
    "tables": "document_id in (select id from temp.part_docs)",
    "table_cells": "table_id in (select id from main.tables)",
    "annual_reports": "document_id in (select id from temp.part_docs)",
    "annual_report_cells": "report_id in (select id from main.annual_reports)",
    "annual_report_problems": "report_id in (select id from main.annual_reports)",
    "annual_report_codes": "1",
    "files": "sha256 in (select sha256 from main.attachments)",
    "fetches": "id in (select fetch_id from temp.part_fetches)",
}
# copied in this order (a table's rows may depend on rows copied before it)
_ORDER = tuple(_ROWS)
_DICTIONARIES = {"annual_report_codes"}
# fetches a partition's rows name
_FETCH_REFS = (
    ("documents", "fetch_id"), ("documents", "status_fetch_id"), ("versions", "fetch_id"),
    ("status_changes", "fetch_id"), ("attachments", "fetch_id"), ("problems", "fetch_id"),
)  # fmt: skip
# tables that are the catalogue's, or the search index (rebuilt), or bookkeeping
_NOT_COPIED = {"errors", "_sqlite_migrations", "search_state", "documents_search"}


class PartitionError(Exception):
    """The archive cannot be partitioned as asked (nothing was written)."""


def province_of(site_code: str | None, declared: str | None = None) -> str:
    """A site's province code: declared (profile), else from its 政府网站标识码, else 'xx'."""
    if declared:
        code = str(declared).strip()
        if code not in PROVINCES:
            raise PartitionError(f"not a province code (GB/T 2260, two digits): {declared!r}")
        return code
    code = (site_code or "").strip()
    if code[:2].lower() == "bm":
        return CENTRAL
    if len(code) >= 2 and code[:2] in PROVINCES and code[:2] != UNKNOWN_PROVINCE:
        return code[:2]
    return UNKNOWN_PROVINCE


def partition_name(province: str, year_from: int | None, year_to: int | None) -> str:
    if year_from is None or year_to is None:
        return f"p{province}_undated"
    return f"p{province}_{year_from}_{year_to}"


def span_of(year: int | None, span: int) -> tuple[int | None, int | None]:
    """The span of years (aligned on multiples of ``span``) holding ``year``."""
    if year is None:
        return None, None
    start = year - year % span
    return start, start + span - 1


@dataclass
class Partition:
    name: str
    province: str
    year_from: int | None
    year_to: int | None
    documents: int = 0
    sites: list[str] = field(default_factory=list)
    fingerprint: str = ""
    file: str = ""
    bytes: int = 0
    sha256: str = ""
    written: bool = False  # False: unchanged since the previous catalogue, kept as it was

    @property
    def province_name(self) -> str:
        return PROVINCES.get(self.province, self.province)

    def covers_year(self, year: int) -> bool:
        return (
            self.year_from is not None
            and self.year_to is not None
            and (self.year_from <= year <= self.year_to)
        )


@dataclass
class PartitionReport:
    partitions: list[Partition]
    documents: int
    catalogue: Path
    removed: list[str]

    @property
    def written(self) -> list[Partition]:
        return [p for p in self.partitions if p.written]


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def _columns(conn: sqlite3.Connection, schema_name: str, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f"pragma {schema_name}.table_info({table})")]


def _site_provinces(conn: sqlite3.Connection, declared: Mapping[str, str | None]) -> dict[str, str]:
    return {
        site_id: province_of(site_code, declared.get(site_id))
        for site_id, site_code in conn.execute("select id, site_code from sites")
    }


def plan(conn: sqlite3.Connection, provinces: Mapping[str, str], span: int) -> list[Partition]:
    """The partitions of the archive on ``conn``: one per province (``provinces``: site id ->
    code) and span of years that has documents, with their document counts, sites and
    fingerprints."""
    if span < 1:
        raise PartitionError(f"a span of years is at least 1, not {span}")
    found: dict[str, Partition] = {}
    digests: dict[str, Any] = {}
    rows = conn.execute(
        "select id, site_id, publish_year, content_hash, status, last_seen_at, version_count"
        " from documents order by id"
    )
    for doc_id, site_id, year, content_hash, status, last_seen, versions in rows:
        province = provinces.get(site_id, UNKNOWN_PROVINCE)
        year_from, year_to = span_of(year, span)
        name = partition_name(province, year_from, year_to)
        part = found.get(name)
        if part is None:
            part = found[name] = Partition(name, province, year_from, year_to)
            digests[name] = hashlib.sha256()
        part.documents += 1
        if site_id not in part.sites:
            part.sites.append(site_id)
        digests[name].update(f"{doc_id}|{content_hash}|{status}|{last_seen}|{versions}\n".encode())
    for name, part in found.items():
        part.sites.sort()
        part.fingerprint = digests[name].hexdigest()
    return sorted(found.values(), key=lambda p: (p.province, p.year_from or 0))


def _members(part: Partition) -> tuple[str, list[Any]]:
    """The documents of ``part``, as a condition on ``d`` (the archive's documents) and its
    parameters: the one rule that both the copy and the catalogue follow."""
    sites = ", ".join("?" * len(part.sites))
    if part.year_from is None:
        return f"d.site_id in ({sites}) and d.publish_year is null", list(part.sites)
    return (
        f"d.site_id in ({sites}) and d.publish_year between ? and ?",
        [*part.sites, part.year_from, part.year_to],
    )


def _previous(catalogue: Path) -> dict[str, dict[str, Any]]:
    """The partitions the previous catalogue in the folder recorded, by name."""
    if not catalogue.is_file():
        return {}
    conn = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    try:
        conn.row_factory = sqlite3.Row
        return {r["name"]: dict(r) for r in conn.execute("select * from partitions")}
    except sqlite3.DatabaseError:
        return {}
    finally:
        conn.close()


def _copy_partition(source: Path, target: Path, part: Partition) -> None:
    """Write ``part`` of the archive at ``source`` to ``target`` (replaced whole)."""
    tmp = target.with_name(target.name + ".tmp")
    _remove(tmp)
    db = Database(str(tmp))
    schema.ensure_db(db)
    conn = db.conn
    try:
        conn.commit()
        # rows are copied parent-less first (a document names its fetch before the fetches
        # are chosen); the copy's integrity is checked below instead
        conn.execute("pragma foreign_keys = off")
        conn.execute("attach database ? as src", (str(source),))
        missing = {
            name for (name,) in conn.execute(
                "select name from src.sqlite_master where type = 'table'"
                " and name not like 'sqlite_%' and name not like 'documents_fts%'"
            )
        } - set(_ROWS) - _NOT_COPIED  # fmt: skip
        if missing:
            raise PartitionError(f"no partition rule for the table(s) {sorted(missing)}")
        conn.execute("create temp table part_sites (site_id text primary key)")
        conn.executemany("insert into temp.part_sites values (?)", [(s,) for s in part.sites])
        members, params = _members(part)
        conn.execute(
            f"create temp table part_docs as select d.id from src.documents d where {members}",
            params,
        )
        count = conn.execute("select count(*) from temp.part_docs").fetchone()[0]
        if count != part.documents:
            raise PartitionError(
                f"{part.name}: {count} documents where the plan counted {part.documents}"
                " (the archive changed while it was partitioned?)"
            )
        conn.execute("create temp table part_fetches (fetch_id integer primary key)")
        for table in _ORDER:
            if table == "fetches":
                for ref_table, column in _FETCH_REFS:
                    conn.execute(
                        f"insert or ignore into temp.part_fetches select {column}"
                        f" from main.{ref_table} where {column} is not null"
                    )
            theirs = set(_columns(conn, "src", table))
            cols = ", ".join(f'"{c}"' for c in _columns(conn, "main", table) if c in theirs)
            # the code dictionary is filled by the schema itself: the archive's copy wins
            verb = "insert or replace" if table in _DICTIONARIES else "insert"
            conn.execute(
                f'{verb} into main."{table}" ({cols}) select {cols} from src."{table}"'
                f" where {_ROWS[table]}"
            )
        conn.commit()
        conn.execute("detach database src")
        dangling = conn.execute("pragma foreign_key_check").fetchall()
        if dangling:
            table, rowid, parent, _ = dangling[0]
            raise PartitionError(
                f"{part.name}: {len(dangling)} rows name a row the partition lacks"
                f" (first: {table} row {rowid} -> {parent})"
            )
        conn.execute("pragma foreign_keys = on")
        rebuild_search_index(db, workers=0 if part.documents < 50_000 else 2)
        conn.execute("analyze")
        conn.commit()
        conn.execute("pragma journal_mode = delete")
    finally:
        db.close()
    os.replace(tmp, target)


_CATALOGUE_SQL = """
create table partitions (
    name text primary key, province text not null, province_name text,
    year_from integer, year_to integer, documents integer not null, sites text,
    file text not null, bytes integer, sha256 text, fingerprint text, written_at text
);
create table catalogue (
    id integer primary key, url text not null, site_id text not null, province text not null,
    publish_year integer, title text, publisher text, publish_date text, status text,
    partition text not null references partitions(name)
);
create index idx_catalogue_site_id on catalogue (site_id);
create index idx_catalogue_province on catalogue (province);
create index idx_catalogue_publish_year on catalogue (publish_year);
create index idx_catalogue_publisher on catalogue (publisher);
create index idx_catalogue_status on catalogue (status);
create index idx_catalogue_partition on catalogue (partition);
create unique index idx_catalogue_url on catalogue (url);
create table partition_counts (
    partition text not null references partitions(name), site_id text, publisher text,
    publish_year integer, documents integer not null
);
create index idx_partition_counts_partition on partition_counts (partition);
create table meta (name text primary key, value text);
"""


def _write_catalogue(
    config: ArchiveConfig, target: Path, parts: Sequence[Partition], span: int,
    written_at: dict[str, str],
) -> None:  # fmt: skip
    source = config.db_path.resolve()
    tmp = target.with_name(target.name + ".tmp")
    _remove(tmp)
    conn = sqlite3.connect(tmp)
    try:
        conn.executescript(_CATALOGUE_SQL)
        conn.executemany("insert into meta values (?, ?)", [
            ("source", str(source)),
            ("warc_dir", str(config.warc_dir.resolve())),
            ("files_dir", str(config.files_dir.resolve())),
            ("span", str(span)),
        ])  # fmt: skip
        conn.execute("attach database ? as src", (str(source),))
        # the site-level records: every site, run and error, and the fetches errors name
        for table in ("sites", "crawl_runs", "errors"):
            conn.execute(f"create table main.{table} as select * from src.{table} where 0")
            conn.execute(f"insert into main.{table} select * from src.{table}")
        conn.execute("create table main.fetches as select * from src.fetches where 0")
        conn.execute(
            "insert into main.fetches select * from src.fetches where id in"
            " (select fetch_id from src.errors where fetch_id is not null)"
        )
        conn.execute("create unique index idx_sites_id on sites (id)")
        conn.execute("create index idx_crawl_runs_site_id on crawl_runs (site_id)")
        conn.execute("create index idx_errors_run_id on errors (run_id)")
        conn.execute("create index idx_errors_kind on errors (kind)")
        for part in parts:
            members, params = _members(part)
            conn.execute(
                "insert into catalogue (id, url, site_id, province, publish_year, title,"
                " publisher, publish_date, status, partition)"
                " select d.id, d.url, d.site_id, ?, d.publish_year, d.title, d.publisher,"
                f" d.publish_date, coalesce(d.status, 'live'), ? from src.documents d"
                f" where {members}",
                [part.province, part.name, *params],
            )
        conn.executemany(
            "insert into partitions values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (p.name, p.province, p.province_name, p.year_from, p.year_to, p.documents,
                 ",".join(p.sites), p.file, p.bytes, p.sha256, p.fingerprint,
                 written_at.get(p.name))
                for p in parts
            ],
        )  # fmt: skip
        conn.execute(
            "insert into partition_counts select partition, site_id, publisher, publish_year,"
            " count(*) from catalogue group by partition, site_id, publisher, publish_year"
        )
        # every document in exactly one partition the plan wrote (ids are unique here)
        listed = conn.execute("select count(*) from catalogue").fetchone()[0]
        documents = conn.execute("select count(*) from src.documents").fetchone()[0]
        if listed != documents:
            raise PartitionError(
                f"the catalogue lists {listed} documents of {documents}"
                " (the archive changed while it was partitioned?)"
            )
        conn.commit()
        conn.execute("detach database src")
        conn.execute("analyze")
        conn.commit()
    finally:
        conn.close()
    os.replace(tmp, target)


def write_partitions(
    config: ArchiveConfig,
    out_dir: Path,
    declared: Mapping[str, str | None],
    span: int = 5,
    progress: Callable[[Partition], None] | None = None,
) -> PartitionReport:
    """Partition the archive of ``config`` into ``out_dir`` (see the module's text); the
    catalogue records the archive's WARC and files folders, which the partitions are served
    with. ``declared``: site id -> province code from the profiles (None: from the site's
    code)."""
    source = config.db_path.resolve()
    out_dir = Path(out_dir).resolve()
    if not source.is_file():
        raise PartitionError(f"no archive at {source}")
    if out_dir == source.parent:
        raise PartitionError("write the partitions to a folder of their own")
    out_dir.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        parts = plan(conn, _site_provinces(conn, declared), span)
        total = conn.execute("select count(*) from documents").fetchone()[0]
    finally:
        conn.close()
    catalogue = out_dir / CATALOGUE_FILE
    previous = _previous(catalogue)
    written_at: dict[str, str] = {}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    for part in parts:
        part.file = f"{part.name}.db"
        target = out_dir / part.file
        before = previous.get(part.name)
        unchanged = (
            before is not None
            and before.get("fingerprint") == part.fingerprint
            and target.is_file()
            and before.get("sha256") == sha256_file(target)
        )
        if unchanged and before is not None:
            part.bytes, part.sha256 = int(before["bytes"]), str(before["sha256"])
            written_at[part.name] = str(before["written_at"])
        else:
            _copy_partition(source, target, part)
            part.bytes, part.sha256, part.written = target.stat().st_size, sha256_file(target), True
            written_at[part.name] = now
        if progress is not None:
            progress(part)
    names = {p.name for p in parts}
    removed = []
    for old in previous:
        if old not in names and _NAME_RE.match(old):
            _remove(out_dir / f"{old}.db")
            removed.append(old)
    _write_catalogue(config, catalogue, parts, span, written_at)
    return PartitionReport(parts, total, catalogue, removed)


# -- the serving side: the catalogue, read on Datasette's connection -----------------------------


def served_partitions(conn: sqlite3.Connection) -> list[Partition]:
    """The partitions a catalogue lists, newest years first."""
    rows = conn.execute(
        "select name, province, year_from, year_to, documents, sites, file, bytes, sha256,"
        " fingerprint from partitions"
    ).fetchall()
    parts = [
        Partition(name, province, year_from, year_to, documents,
                  [s for s in (sites or "").split(",") if s], fingerprint or "", file,
                  bytes_ or 0, sha or "")
        for name, province, year_from, year_to, documents, sites, file, bytes_, sha, fingerprint
        in rows
    ]  # fmt: skip
    return sorted(parts, key=lambda p: (-(p.year_to or 0), p.province))


def choose(
    parts: Sequence[Partition],
    province: str | None = None,
    site_id: str | None = None,
    year: int | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> list[Partition]:
    """The partitions a search with these filters can find anything in."""
    lo = int(date_from[:4]) if date_from and date_from[:4].isdigit() else None
    hi = int(date_to[:4]) if date_to and date_to[:4].isdigit() else None
    dated = year is not None or lo is not None or hi is not None
    out = []
    for p in parts:
        if province and p.province != province:
            continue
        if site_id and site_id not in p.sites:
            continue
        if dated and p.year_from is None:
            continue  # undated documents match no date filter
        if year is not None and not p.covers_year(year):
            continue
        if lo is not None and (p.year_to or 0) < lo:
            continue
        if hi is not None and (p.year_from or 0) > hi:
            continue
        out.append(p)
    return out


def partition_files(out_dir: Path) -> Iterator[Path]:
    """The catalogue and the partition files of a partitions folder, catalogue first."""
    out_dir = Path(out_dir)
    catalogue = out_dir / CATALOGUE_FILE
    if not catalogue.is_file():
        raise PartitionError(f"no {CATALOGUE_FILE} in {out_dir} (run xxgk partition first)")
    conn = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    try:
        files = [row[0] for row in conn.execute("select file from partitions order by name")]
    finally:
        conn.close()
    yield catalogue
    for name in files:
        path = out_dir / name
        if not path.is_file():
            raise PartitionError(f"the catalogue lists {name}, which is not in {out_dir}")
        yield path


def partition_meta(out_dir: Path) -> dict[str, str]:
    """What the catalogue of a partitions folder records: the source archive and its WARC and
    files folders, the span of years."""
    catalogue = Path(out_dir) / CATALOGUE_FILE
    if not catalogue.is_file():
        raise PartitionError(f"no {CATALOGUE_FILE} in {out_dir} (run xxgk partition first)")
    conn = sqlite3.connect(f"file:{catalogue}?mode=ro", uri=True)
    try:
        return {str(k): str(v) for k, v in conn.execute("select name, value from meta")}
    except sqlite3.DatabaseError as exc:
        raise PartitionError(f"{catalogue}: not a catalogue ({exc})") from None
    finally:
        conn.close()
