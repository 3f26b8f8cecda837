"""Partitioned serving: what splitting an archive costs, and what a search across partitions
costs against the same search on the whole file, measured in one process.

    .venv/bin/python bench/partition.py                    # 200,000 documents, 5 provinces
    .venv/bin/python bench/partition.py --docs 1000000 --db /tmp/xxgk-bench/archive.db --reuse

It builds the benchmark corpus (``bench/serve.py``'s: 50 publishers of 5 synthetic cities over
2016–2024) with its search index, gives each city a province, partitions it with
``write_partitions`` (spans of 5 years, and of 1 year), then runs ``bench/serve.py``'s query set
(words of 1–4 characters, two words, filtered) on the whole file (the baseline) and across the
partitions (``choose`` + ``search_across``, as the search page runs it), one partition after the
other and on threads as Datasette's read threads would. Printed: time to partition per 10,000
documents, partition sizes, how many queries give the whole file's results, and per query class
the median and p95 of each way with the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import corpus  # noqa: E402
from bench.serve import Query, build_index, generate, log, query_set  # noqa: E402
from store import (  # noqa: E402
    ArchiveConfig,
    Partition,
    Search,
    choose,
    run,
    search_across,
    served_partitions,
    write_partitions,
)

PROVINCES = ["53", "52", "44", "33", "00"]  # one per synthetic city


def search_of(query: Query) -> Search:
    return Search(q=query.q, publisher=query.publisher, year=query.year)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def across(
    parts: list[Partition],
    conns: dict[str, sqlite3.Connection],
    search: Search,
    sort: str,
    threads: bool,
) -> list[int]:
    """``search`` across the partitions as the search page runs it: on threads (Datasette's
    read threads), or one partition after the other."""
    chosen = choose(parts, None, search.site_id, search.year)

    async def run_on(name: str, fn: Any) -> Any:
        if threads:
            return await asyncio.to_thread(fn, conns[name])
        return fn(conns[name])

    merged = asyncio.run(search_across(run_on, [p.name for p in chosen], search, sort, 1, 30))
    return [r.id for _, r in merged.results]


def measure(db: Path, out: Path, rounds: int) -> None:
    whole = sqlite3.connect(f"file:{db}?mode=ro", uri=True, check_same_thread=False)
    catalogue = sqlite3.connect(out / "catalogue.db")
    parts = served_partitions(catalogue)
    conns = {
        p.name: sqlite3.connect(f"file:{out / p.file}?mode=ro", uri=True, check_same_thread=False)
        for p in parts
    }
    by_class: dict[str, dict[str, list[float]]] = {}
    same = {"newest": [0, 0], "relevance": [0, 0], "relevance past 500": [0, 0]}
    for query in query_set():
        search = search_of(query)
        # newest first: always the whole file's order
        newest = [r.id for r in run(whole, search, "newest", 1).results]
        found = across(parts, conns, search, "newest", True)
        same["newest"][0] += found == newest
        same["newest"][1] += 1
        times: dict[str, list[float]] = by_class.setdefault(
            query.cls, {"whole": [], "sequential": [], "threads": []}
        )
        for _ in range(rounds):
            started = time.perf_counter()
            page = run(whole, search, "relevance", 1)
            baseline = [r.id for r in page.results]
            times["whole"].append((time.perf_counter() - started) * 1000)
            for way, threads in (("sequential", False), ("threads", True)):
                started = time.perf_counter()
                found = across(parts, conns, search, "relevance", threads)
                times[way].append((time.perf_counter() - started) * 1000)
        kind = "relevance" if page.ranked_over is None else "relevance past 500"
        same[kind][0] += found == baseline
        same[kind][1] += 1
    for kind, (equal, n) in same.items():
        print(f"{kind:<18} results equal to the whole file's: {equal} of {n} queries")
    print(
        f"search, ms: median / p95 over {rounds} rounds, and the ratio of medians to the whole file"
    )
    print(
        f"{'class':<12} {'whole file':>16} {'partitions, 1 thread':>28}"
        f" {'partitions, on threads':>28}"
    )
    for cls, times in by_class.items():
        base = statistics.median(times["whole"])
        cells = [f"{statistics.median(times['whole']):7.1f} / {p95(times['whole']):6.1f}"]
        for way in ("sequential", "threads"):
            med = statistics.median(times[way])
            cells.append(f"{med:7.1f} / {p95(times[way]):6.1f} (x{med / base:4.2f})")
        print(f"{cls:<12} {cells[0]:>16} {cells[1]:>28} {cells[2]:>28}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/xxgk-bench-partition/archive.db"))
    parser.add_argument("--reuse", action="store_true", help="keep the documents of --db")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    db: Path = args.db
    db.parent.mkdir(parents=True, exist_ok=True)
    if not (args.reuse and db.is_file()):
        log(f"generating {args.docs:,} documents into {db}")
        generate(db, args.docs)
        build = build_index(db)
        log(f"  index built: {build.documents:,} documents in {build.seconds:.0f} s")
    declared: dict[str, str | None] = {
        site["id"]: PROVINCES[i % len(PROVINCES)] for i, site in enumerate(corpus.sites())
    }
    config = ArchiveConfig.resolve(db, env={})
    documents = sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0]
    print(f"## {documents:,} documents, database {db.stat().st_size / 1e9:.2f} GB")
    for span in (5, 1):
        out = db.parent / f"partitions-{span}"
        shutil.rmtree(out, ignore_errors=True)  # every partition written, and timed
        started = time.perf_counter()
        report = write_partitions(config, out, declared, span)
        seconds = time.perf_counter() - started
        assert len(report.written) == len(report.partitions)
        sizes = sorted(p.bytes for p in report.partitions)
        print(
            f"\npartition by province and {span} year(s): {len(report.partitions)} partitions in "
            f"{seconds:.1f} s ({seconds / documents * 10_000:.2f} s per 10,000 documents); "
            f"largest {max(p.documents for p in report.partitions):,} documents, "
            f"files {sizes[0] / 1e6:.1f}–{sizes[-1] / 1e6:.1f} MB, "
            f"total {sum(sizes) / 1e9:.2f} GB"
        )
        started = time.perf_counter()
        again = write_partitions(config, out, declared, span)
        print(f"again, nothing changed: {len(again.written)} written in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        measure(db, out, args.rounds)


if __name__ == "__main__":
    main()
