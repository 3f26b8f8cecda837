"""One search over many partitions (``store.partitions``), answered as the whole archive would
answer it, for about the work of one search.

Running the whole search (``search.run``) on every partition would multiply its work by their
number: each would count and facet up to 10,000 matches and read and rank up to 1,000 documents.
Instead, in three rounds, each round on every partition at once:

1. **probe**: the newest matches of each partition, read from the index alone (key, id and the
   facet values: no document is read), with its count, and, for relevance, its newest title
   matches; for the oldest first, its oldest matches;
2. **rank** (relevance only): the candidates one file would rank — the newest ``RANK_CAP``
   matches of all partitions together and their newest ``RANK_CAP`` title matches, found by
   merging the probes — are ranked, each in its partition;
3. **results**: the documents of the page, with snippets, each read in its partition.

Keys order matches by publication day, then id, in every partition as in the whole archive, so
the merged probes give the whole archive's newest matches, its facets over them, its relevance
candidates and its pages. Counts add up (exact when every partition's is).

Each round of a partition runs under a time limit that SQLite enforces (``within``); a
partition that does not answer in time is left out and named (``MergedPage.timed_out``).
``run_on(name, fn)`` runs ``fn(connection)`` on the partition ``name`` (Datasette's
``execute_fn``, or a thread in a benchmark) and is awaited.
"""

from __future__ import annotations

import asyncio
import heapq
import math
import sqlite3
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from store import search as _search
from store.search import (
    FACETS,
    KEY_BITS,
    PAGE_SIZE,
    Count,
    Db,
    Facet,
    Result,
    Search,
    _connection,
    count_of,
    hits,
    hits_with_facets,
    rank_of,
    results_for,
)

T = TypeVar("T")
RunOn = Callable[[str, Callable[[Any], T]], Awaitable[T]]


class SearchTimedOut(Exception):
    """A search stopped at its time limit (``within``)."""


@dataclass
class MergedPage:
    """One page of results over several partitions: ``results`` are (partition, result)."""

    search: Search
    sort: str
    page: int
    count: Count
    results: list[tuple[str, Result]]
    facets: list[Facet]
    ranked_over: int | None
    searched: list[str]  # partitions that answered
    timed_out: list[str]  # partitions that did not answer in time
    counts: dict[str, int] = field(default_factory=dict)  # matches per partition
    elapsed_ms: float = 0.0

    @property
    def pages(self) -> int:
        if self.sort == "relevance":
            return max(1, math.ceil(min(self.count.value, _search.RANK_CAP) / PAGE_SIZE))
        return max(1, math.ceil(self.count.value / PAGE_SIZE))


def within(db: Db, seconds: float, fn: Callable[[Db], T]) -> T:
    """``fn(db)``, interrupted by SQLite once ``seconds`` have passed (``SearchTimedOut``)."""
    conn = _connection(db)
    deadline = time.monotonic() + seconds

    def past_deadline() -> int:
        return 1 if time.monotonic() > deadline else 0

    if seconds <= 0:
        raise SearchTimedOut("no time left")
    conn.set_progress_handler(past_deadline, 100)
    try:
        return fn(db)
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc):
            raise SearchTimedOut(f"no answer within {seconds:g} s") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


@dataclass
class Probe:
    found: list[tuple[Any, ...]]  # newest matches: (key, id, *FACETS), at most cap + 1
    count: Count
    titles: list[tuple[int, int]]  # newest title matches (key, id), for relevance
    extra: list[tuple[int, int]]  # oldest first (sort oldest), or newest past ``found``


def _cap() -> int:
    """Matches a probe reads: enough for the count, the facets and relevance's candidates
    (the caps are read when used, as ``store.search`` reads them)."""
    return max(_search.COUNT_CAP, _search.FACET_CAP, _search.RANK_CAP)


def probe(db: Db, search: Search, sort: str, need: int) -> Probe:
    """Round 1 on one partition: what the index alone says (``need``: results up to the end
    of the page asked for)."""
    found = hits_with_facets(db, search, _cap() + 1)
    count_cap = _search.COUNT_CAP
    count = count_of(db, search, found[: count_cap + 1], count_cap)
    titles: list[tuple[int, int]] = []
    rank_cap = _search.RANK_CAP
    # a partition's title matches may be among all partitions' newest ones even when the
    # partition has few matches: read them whenever relevance may need them
    if sort == "relevance" and search.words and "title" in search.columns:
        titles = hits(db, replace(search, columns=("title",)), rank_cap)
    extra: list[tuple[int, int]] = []
    if sort == "oldest":
        extra = hits(db, search, need, 0, desc=False)
    elif sort == "newest" and need > len(found):
        extra = hits(db, search, need, 0)
    return Probe(found, count, titles, extra)


def _order(row: Sequence[Any]) -> tuple[int, int]:
    """Where a match stands in the whole archive: its publication day, then its id."""
    return int(row[0]) >> KEY_BITS, int(row[1])


def _first(
    lists: Mapping[str, Sequence[Sequence[Any]]], n: int, newest: bool = True
) -> list[tuple[str, Any]]:
    """The ``n`` newest (else oldest) rows of per-partition lists, each already in that order,
    with their partition."""
    streams = [[(name, row) for row in rows] for name, rows in lists.items()]
    merged = heapq.merge(*streams, key=lambda t: _order(t[1]), reverse=newest)
    return [t for _, t in zip(range(n), merged, strict=False)]


async def search_across(
    run_on: RunOn[Any],
    names: Sequence[str],
    search: Search,
    sort: str = "relevance",
    page: int = 1,
    seconds: float = 5.0,
    page_size: int = PAGE_SIZE,
) -> MergedPage:
    """One page of ``search`` over the partitions ``names`` (see the module's text)."""
    started = time.perf_counter()
    if not search.words and sort == "relevance":
        sort = "newest"
    page = max(1, page)
    need = page * page_size
    timed_out: list[str] = []

    async def each(
        targets: Sequence[str], make: Callable[[str], Callable[[Db], T]]
    ) -> dict[str, T]:
        async def one(name: str) -> tuple[str, T | None]:
            fn = make(name)
            try:
                return name, await run_on(name, lambda conn: within(conn, seconds, fn))
            except SearchTimedOut:
                return name, None

        answers = await asyncio.gather(*(one(n) for n in targets))
        out = {}
        for name, found in answers:
            if found is None:
                timed_out.append(name)
            else:
                out[name] = found
        return out

    probes = await each(names, lambda _: lambda db: probe(db, search, sort, need))
    found = {name: p.found for name, p in probes.items()}
    cap, facet_cap, rank_cap = _cap(), _search.FACET_CAP, _search.RANK_CAP
    complete = all(len(p.found) <= cap for p in probes.values())
    newest = _first(found, cap + 1)
    total = Count(
        sum(p.count.value for p in probes.values()),
        all(p.count.exact for p in probes.values()),
    )
    # facets over the newest FACET_CAP matches of all partitions, as one file counts them
    counters: dict[str, Counter[Any]] = {f: Counter() for f in FACETS}
    for _, row in newest[:facet_cap]:
        for i, f in enumerate(FACETS, start=2):
            if row[i] is not None:
                counters[f][row[i]] += 1
    facets_exact = complete and len(newest) <= facet_cap
    facets = [
        Facet(f, sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))), facets_exact,
              min(len(newest), facet_cap))
        for f, c in counters.items()
    ]  # fmt: skip

    ranks: dict[tuple[str, int], float] = {}
    ranked_over = None
    if sort == "relevance":
        ranked_all = complete and len(newest) <= rank_cap
        chosen = {(name, int(row[1])) for name, row in newest[:rank_cap]}
        if not ranked_all:
            ranked_over = rank_cap
            titles = _first({n: p.titles for n, p in probes.items()}, rank_cap)
            chosen |= {(name, int(row[1])) for name, row in titles}
        wanted: dict[str, list[int]] = {}
        for name, doc_id in chosen:
            wanted.setdefault(name, []).append(doc_id)
        ranked = await each(
            sorted(wanted), lambda name: lambda db: rank_of(db, search, wanted[name])
        )
        order = [(rank, name, doc_id, date) for name, rows in ranked.items()
                 for rank, doc_id, date in rows]  # fmt: skip
        # best first; among equals the newest (by publication date, then id), as ``ranked``
        order.sort(key=lambda r: -r[2])
        order.sort(key=lambda r: r[3], reverse=True)
        order.sort(key=lambda r: r[0])
        page_rows = [(name, doc_id) for _, name, doc_id, _ in order[need - page_size : need]]
        ranks = {(name, doc_id): rank for rank, name, doc_id, _ in order}
    elif sort == "oldest":
        oldest = _first({n: p.extra for n, p in probes.items()}, need, newest=False)
        page_rows = [(name, int(row[1])) for name, row in oldest[need - page_size :]]
    elif need <= len(newest):
        page_rows = [(name, int(row[1])) for name, row in newest[need - page_size : need]]
    else:
        deeper = _first({n: p.extra for n, p in probes.items()}, need)
        page_rows = [(name, int(row[1])) for name, row in deeper[need - page_size :]]

    by_partition: dict[str, list[int]] = {}
    for name, doc_id in page_rows:
        by_partition.setdefault(name, []).append(doc_id)
    shown = await each(
        sorted(by_partition),
        lambda name: lambda db: results_for(
            db, search, by_partition[name],
            {i: r for (n, i), r in ranks.items() if n == name},
        ),
    )  # fmt: skip
    found_results = {(name, r.id): r for name, rs in shown.items() for r in rs}
    results = [(name, found_results[(name, i)]) for name, i in page_rows
               if (name, i) in found_results]  # fmt: skip
    out = MergedPage(
        search=search,
        sort=sort,
        page=page,
        count=total,
        results=results,
        facets=facets,
        ranked_over=ranked_over,
        searched=sorted(probes),
        timed_out=sorted(set(timed_out)),
        counts={name: p.count.value for name, p in probes.items()},
    )
    out.elapsed_ms = (time.perf_counter() - started) * 1000
    return out
