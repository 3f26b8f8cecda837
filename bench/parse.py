"""Parser throughput over the mirror's detail pages, beside a naive baseline in the same run.

Baseline: ``BeautifulSoup(html, "html.parser").get_text()`` — it decodes nothing and extracts no
field, so a real parser that keeps up with it is cheap enough to re-parse the whole archive.
Prints pages per second of both and their ratio (parser / baseline; above 1 is faster): for
``parse_detail``'s default (``family="auto"``: detection, then the family's reader), for the
site's own family as a profile names it (the crawl's path), for the generic reader on the same
pages, and for detection alone; and how many bodies the main-content extractor (the slow path)
had to find.

    python bench/parse.py [--repeat N] [--site km_yjj]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crawler.profiles import load_profile  # noqa: E402
from parsers import PageError, parse_detail  # noqa: E402
from parsers.detect import detect  # noqa: E402
from tests.conftest import CANONICAL, expected_records, mirror_file  # noqa: E402


def pages(site_id: str) -> list[tuple[str, bytes]]:
    return [
        (rec["url"], mirror_file(site_id, rec["url"]).read_bytes())
        for rec in expected_records(site_id)
    ]


def rate(work: Callable[[], None], n_pages: int, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - start)
    return n_pages / best


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--site", default="km_yjj", choices=sorted(CANONICAL))
    ap.add_argument("--repeat", type=int, default=5, help="runs of each; the best is kept")
    args = ap.parse_args()
    corpus = pages(args.site)
    texts = [body.decode("utf-8", "replace") for _, body in corpus]

    not_documents: list[str] = []
    family = load_profile(args.site)["family"]
    extracted: list[str] = []

    def ours(family: str = "auto") -> None:
        not_documents.clear()
        extracted.clear()
        for url, body in corpus:
            try:
                doc = parse_detail(body, url, family=family)
            except PageError as exc:  # the parser did its work; the page is just not a document
                not_documents.append(f"{url}: {exc}")
                continue
            if doc.body_source == "extractor":
                extracted.append(url)

    def detection() -> None:
        for url, body in corpus:
            detect(body, url)

    def baseline() -> None:
        for text in texts:
            BeautifulSoup(text, "html.parser").get_text()

    n = len(corpus)
    size = sum(len(b) for _, b in corpus) / n / 1024
    base = rate(baseline, n, args.repeat)
    mine = rate(ours, n, args.repeat)
    print(f"{n} pages, {size:.1f} KiB on average, best of {args.repeat} runs")
    print(f"baseline  BeautifulSoup(html.parser).get_text(): {base:8.1f} pages/s")
    print(f"xxgk      parse_detail (decode + all fields):    {mine:8.1f} pages/s")
    print(f"ratio     xxgk / baseline: {mine / base:.2f}x")
    for line in not_documents:
        print(f"not a document: {line}")
    own = rate(lambda: ours(family), n, args.repeat)
    generic = rate(lambda: ours("generic"), n, args.repeat)
    found = rate(detection, n, args.repeat)
    print(f"          family={family:<8} (the crawl's path):    {own:8.1f} pages/s  "
          f"{own / base:.2f}x")  # fmt: skip
    print(f"          family=generic (the generic reader):   {generic:8.1f} pages/s  "
          f"{generic / base:.2f}x, {len(extracted)} bodies found by the extractor")  # fmt: skip
    print(f"          detection alone:                       {found:8.1f} pages/s")


if __name__ == "__main__":
    main()
