"""Cost of figure and table extraction: full parsing against metadata-only parsing, same run.

Both parse every archived page of the mirror (decode, metadata, body text); the full parse also
extracts tables and figures. Prints pages per second of both and their ratio (full / metadata
only): 1.0 means figures are free, 0.5 means they cost as much as the metadata parse itself.

    python bench/figures.py [--repeat N] [--site km_yjj]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parsers import parse_detail  # noqa: E402
from tests.conftest import CANONICAL, expected_records, mirror_file  # noqa: E402


def rate(work: Callable[[], int], n_pages: int, repeat: int) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        count = work()
        best = min(best, time.perf_counter() - start)
    return n_pages / best, count


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default="km_yjj", choices=sorted(CANONICAL))
    ap.add_argument("--repeat", type=int, default=7, help="runs of each; the best is kept")
    args = ap.parse_args()
    corpus = [
        (rec["url"], mirror_file(args.site, rec["url"]).read_bytes())
        for rec in expected_records(args.site)
    ]

    def parse_all(figures: bool) -> int:
        return sum(len(parse_detail(body, url, figures=figures).figures) for url, body in corpus)

    n = len(corpus)
    meta, _ = rate(lambda: parse_all(False), n, args.repeat)
    full, found = rate(lambda: parse_all(True), n, args.repeat)
    print(f"{n} pages, {found} figures, best of {args.repeat} runs")
    print(f"metadata only (decode + fields + body text): {meta:8.1f} pages/s")
    print(f"with tables and figures:                     {full:8.1f} pages/s")
    print(
        f"ratio     with figures / metadata only: {full / meta:.2f}  (>= 0.5: figures cost "
        "no more than the metadata parse)"
    )


if __name__ == "__main__":
    main()
