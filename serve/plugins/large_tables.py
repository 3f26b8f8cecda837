"""Facets of a whole large table, counted once a minute rather than on every view.

Datasette counts a table's configured facets on every view of it. On the unfiltered documents
table of a million rows each count is a scan of a million index entries: half a second for the
five facets, on every visit to the archive's main page. ``metadata.yml`` configures those facets
as ``{counted: <column>}``: the same column facets, except that the counts of the *unfiltered*
table are kept for a minute (for ever when the database is immutable). A filtered or searched
table is counted as Datasette counts it (searches are bounded, see ``chinese_search.py``).
"""

from __future__ import annotations

import time
from typing import Any

from datasette import hookimpl
from datasette.facets import ColumnFacet

TTL = 60.0  # seconds a mutable database's whole-table facet counts are kept
_CACHE: dict[tuple[Any, ...], tuple[float, Any]] = {}


class _CountsOnce:
    """The Datasette object, with ``execute`` answering a query it answered recently."""

    def __init__(self, datasette: Any, ttl: float) -> None:
        self._datasette = datasette
        self._ttl = ttl

    def __getattr__(self, name: str) -> Any:
        return getattr(self._datasette, name)

    async def execute(self, database: str, sql: str, params: Any = None, **kwargs: Any) -> Any:
        key = (id(self._datasette), database, sql, repr(params))
        hit = _CACHE.get(key)
        if hit is not None and time.monotonic() - hit[0] < self._ttl:
            return hit[1]
        results = await self._datasette.execute(database, sql, params, **kwargs)
        _CACHE[key] = (time.monotonic(), results)
        return results


class CountedFacet(ColumnFacet):  # type: ignore[misc]
    type = "counted"

    async def facet_results(self) -> Any:
        whole_table = " where " not in self.sql.lower() and not self.params
        if whole_table:
            datasette: Any = self.ds  # type: ignore[has-type]
            mutable = datasette.get_database(self.database).is_mutable
            self.ds = _CountsOnce(datasette, TTL if mutable else float("inf"))
        return await super().facet_results()


@hookimpl
def register_facet_classes() -> list[Any]:
    return [CountedFacet]
