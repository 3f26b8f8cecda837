"""Serving the archive: a Datasette plugin package.

Registered by entry points (pyproject.toml, group ``datasette``): this module supplies the
metadata (``metadata.yml``: descriptions of every table and column, canned queries, facets)
through Datasette's ``get_metadata`` hook, and Datasette picks up ``templates/`` beside it; the
modules in ``serve/plugins`` add search, document pages, archived copies, file downloads,
charts and exports. So ``datasette archive.db`` alone shows the whole site, and ``xxgk serve``
/ ``xxgk publish`` (``serve/launch.py``) only add settings.

The archive's folders reach the plugins as ``plugin_config("xxgk-archive")``: ``warc_dir`` and
``files_dir``, read by the metadata from ``XXGK_WARC_DIR`` / ``XXGK_FILES_DIR`` (the launcher sets
them from the archive's ``ArchiveConfig``); unset, they are the folders beside the database.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import urlencode

import yaml
from datasette import hookimpl

from store import CATALOGUE, PLUGIN_NAME, PROVINCES, ArchiveConfig, ArchiveReader

T = TypeVar("T")

METADATA = Path(__file__).resolve().parent / "metadata.yml"


@cache
def metadata() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(METADATA.read_text("utf-8"))
    return loaded


PARTITIONED_HOME = (
    "<p>政府信息公开页面的永久、可检索档案，按省份和年份分区 · A permanent, searchable archive of "
    "the information-disclosure (政府信息公开) pages of Chinese government sites, served in "
    "partitions by province and years of publication.</p>"
    '<p><strong><a href="/-/search">搜索 · Search the whole archive</a></strong>: every '
    "partition at once, ranked, with facets (province, publisher, topic, year, site, status) "
    "and CSV and JSON downloads of every match. "
    '<a href="/catalogue/catalogue">目录 · The catalogue</a> lists every document and its '
    "partition; each partition below holds its documents with their pages, versions, "
    "figures, tables, attachments and archived copies.</p>"
)


@cache
def _metadata_for(partitions: tuple[str, ...]) -> dict[str, Any]:
    """The metadata when partitions are served: each partition is described as the archive is
    (same tables, canned queries, facets), titled by its name."""
    out = copy.deepcopy(metadata())
    # the home page's links name the database "archive", which a partitioned site does not serve
    out["description_html"] = PARTITIONED_HOME
    archive = out["databases"]["archive"]
    catalogue = out["databases"].setdefault(CATALOGUE, {}).setdefault("tables", {})
    for table in ("sites", "crawl_runs", "errors", "fetches"):
        catalogue.setdefault(table, copy.deepcopy(archive["tables"][table]))
    for name in partitions:
        block = copy.deepcopy(archive)
        block["title"] = f"{name} · {partition_title(name)}"
        out["databases"][name] = block
    return out


def partition_title(name: str) -> str:
    """'p53_2020_2024' -> '云南 2020–2024'."""
    parts = name[1:].split("_")
    province = PROVINCES.get(parts[0], parts[0]) if parts else name
    years = "undated · 无日期" if parts[1:] == ["undated"] else "–".join(parts[1:])
    return f"{province} {years}"


def is_archive(name: str) -> bool:
    """Whether a served database is an archive (or a partition of one): not the catalogue,
    not Datasette's own."""
    return not name.startswith("_") and name != CATALOGUE


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> Any:
    partitions = tuple(
        n for n in getattr(datasette, "databases", {}) if is_archive(n) and n != "archive"
    )
    found = _metadata_for(partitions) if partitions else metadata()
    # Datasette merges a later source (metadata given on its command line) into this one in
    # place; hand it a copy then, so one server's metadata never leaks into the shared cache.
    if getattr(datasette, "_metadata_local", None):
        return copy.deepcopy(found)
    return found


def archive_config(datasette: Any, db_path: str | Path) -> ArchiveConfig:
    """Where the served archive's WARC and files folders are."""
    return ArchiveConfig.from_plugin_config(db_path, datasette.plugin_config(PLUGIN_NAME))


def archive_databases(datasette: Any) -> list[Any]:
    """The served archives (one, or the partitions of one), backed by files."""
    return [
        db for name, db in datasette.databases.items()
        if db.path and not db.is_memory and is_archive(name)
    ]  # fmt: skip


def archive_database(datasette: Any, name: str | None = None) -> Any:
    """The served archive called ``name``, else the first one; None when none is served."""
    found = archive_databases(datasette)
    for db in found:
        if name is not None and db.name == name:
            return db
    return found[0] if found else None


def database_query(database: str | None) -> str:
    """``?db=<name>`` for a link to a route that serves several archives (archived copies,
    files) from a partition; nothing for the archive served whole."""
    return f"?{urlencode({'db': database})}" if database and database != "archive" else ""


async def read(
    datasette: Any, fn: Callable[[ArchiveReader], T], database: str | None = None
) -> T | None:
    """Run ``fn`` with an ``ArchiveReader`` on one of Datasette's connections to the archive
    ``database`` (default: the first); None when no archive is served."""
    db = archive_database(datasette, database)
    if db is None:
        return None
    config = archive_config(datasette, db.path)
    result: T = await db.execute_fn(lambda conn: fn(ArchiveReader(config, conn)))
    return result


async def read_any(
    datasette: Any, fn: Callable[[ArchiveReader], T | None], database: str | None = None
) -> tuple[T | None, str | None]:
    """``fn``'s first answer that is not None, on the archive ``database`` when it names a
    served one, else on each served archive in turn (the partitions of one archive share its
    ids, so a fetch or a file is the same wherever it is found); with the database's name."""
    dbs = archive_databases(datasette)
    named = [db for db in dbs if db.name == database]
    for db in named or dbs:
        found = await read(datasette, fn, db.name)
        if found is not None:
            return found, db.name
    return None, None
