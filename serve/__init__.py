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

import yaml
from datasette import hookimpl

from store import PLUGIN_NAME, ArchiveConfig, ArchiveReader

T = TypeVar("T")

METADATA = Path(__file__).resolve().parent / "metadata.yml"


@cache
def metadata() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(METADATA.read_text("utf-8"))
    return loaded


@hookimpl
def get_metadata(datasette: Any, key: str, database: str | None, table: str | None) -> Any:
    # Datasette merges a later source (metadata given on its command line) into this one in
    # place; hand it a copy then, so one server's metadata never leaks into the shared cache.
    if getattr(datasette, "_metadata_local", None):
        return copy.deepcopy(metadata())
    return metadata()


def archive_config(datasette: Any, db_path: str | Path) -> ArchiveConfig:
    """Where the served archive's WARC and files folders are."""
    return ArchiveConfig.from_plugin_config(db_path, datasette.plugin_config(PLUGIN_NAME))


def archive_database(datasette: Any) -> Any:
    """The served archive: the first database backed by a file."""
    for db in datasette.databases.values():
        if db.path and not db.is_memory:
            return db
    return None


async def read(datasette: Any, fn: Callable[[ArchiveReader], T]) -> T | None:
    """Run ``fn`` with an ``ArchiveReader`` on one of Datasette's connections to the archive;
    None when no archive is served."""
    db = archive_database(datasette)
    if db is None:
        return None
    config = archive_config(datasette, db.path)
    result: T = await db.execute_fn(lambda conn: fn(ArchiveReader(config, conn)))
    return result
