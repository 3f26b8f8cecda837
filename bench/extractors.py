"""Main-content extractors compared on the archive's pages: which one the generic reader falls
back on when a page has no known body container.

Each extractor gets the whole decoded page, as the fallback would:

- on the real saved pages (``tests/fixtures/real``): how many of the hand-written
  ``body_contains`` phrases its text holds, how many ``body_excludes`` phrases (page chrome) it
  lets in, pages with every phrase and no chrome, time per page;
- on the sites' fixture pages (mirrors and single cases, whose exact body text is known): the
  share of body lines it finds, pages with every line, characters beyond the body, time.

The last row is the generic reader itself with its container list switched off, so that every
body comes from the fallback (readability-lxml, mapped back onto the page's own tree and
cleaned of chrome, share bars and metadata boxes).

    pip install -e '.[bench]'      # trafilatura and GNE, beside readability-lxml
    python bench/extractors.py
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import parsers.family  # noqa: E402
from parsers import PageError, parse_detail  # noqa: E402
from parsers.decode import decode_html  # noqa: E402
from tests.conftest import CANONICAL, expected_records, mirror_file  # noqa: E402
from tests.test_parsers_sites import content_type  # noqa: E402

REAL = ROOT / "tests" / "fixtures" / "real"
Extractor = Callable[[str, str], str]


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def extractors() -> dict[str, Extractor]:
    found: dict[str, Extractor] = {}
    try:
        import trafilatura

        def recall(html: str, url: str) -> str:
            return trafilatura.extract(html, favor_recall=True) or ""

        def precision(html: str, url: str) -> str:
            return trafilatura.extract(html) or ""

        found["trafilatura favor_recall"] = recall
        found["trafilatura default"] = precision
    except ImportError:
        print("trafilatura not installed (pip install -e '.[bench]')")
    from lxml import html as lxml_html
    from readability import Document

    def readability(html: str, url: str) -> str:
        summary = Document(html).summary(html_partial=True)
        return "\n".join(t.strip() for t in lxml_html.fromstring(summary).itertext() if t.strip())

    found["readability-lxml"] = readability
    try:
        from gne import GeneralNewsExtractor

        gne = GeneralNewsExtractor()

        def general_news(html: str, url: str) -> str:
            try:
                return str(gne.extract(html)["content"] or "")
            except Exception:  # noqa: BLE001 - GNE fails in its own ways; count it as no text
                return ""

        found["GNE"] = general_news
    except ImportError:
        print("gne not installed (pip install -e '.[bench]')")

    def fallback(html: str, url: str) -> str:
        try:
            return parse_detail(html.encode(), url, "text/html; charset=utf-8",
                                family="generic").body_text  # fmt: skip
        except PageError:
            return ""

    found["xxgk generic, fallback only"] = fallback
    return found


def real_pages() -> list[tuple[str, str, dict[str, object]]]:
    pages = []
    for path in sorted(REAL.glob("*/*.expected.json")):
        expected = json.loads(path.read_text("utf-8"))
        if expected.get("kind") == "detail":
            raw = path.with_name(path.name.removesuffix(".expected.json") + ".html").read_bytes()
            pages.append((decode_html(raw, None)[0], expected["url"], expected))
    return pages


def site_pages() -> list[tuple[str, str, str]]:
    pages = []
    for site_id in sorted(CANONICAL):
        for record in expected_records(site_id):
            url = record["url"]
            raw = mirror_file(site_id, url).read_bytes()
            pages.append(
                (decode_html(raw, content_type(site_id, url))[0], url, record["body_text"])
            )
    return pages


def timed(extract: Extractor, html: str, url: str) -> tuple[str, float]:
    start = time.perf_counter()
    text = extract(html, url)
    return text, (time.perf_counter() - start) * 1000


def main() -> None:
    warnings.filterwarnings("ignore")
    found = extractors()
    real, sites = real_pages(), site_pages()
    original = parsers.family.known_container
    parsers.family.known_container = lambda root: None  # type: ignore[assignment]
    try:
        for extract in found.values():  # warm up: imports, first-call setup
            extract(real[0][0], real[0][1])
        print(f"real saved pages: {len(real)} detail pages, "
              f"{sum(len(e['body_contains']) for *_, e in real)} phrases to find, "  # type: ignore[arg-type,misc]
              f"{sum(len(e['body_excludes']) for *_, e in real)} to keep out")  # type: ignore[arg-type,misc]  # fmt: skip
        print(f"{'extractor':<28} {'phrases found':>14} {'chrome let in':>14} "
              f"{'pages right':>12} {'median ms':>10} {'max ms':>8}")  # fmt: skip
        for name, extract in found.items():
            hits = bad = right = total = 0
            times = []
            for html, url, expected in real:
                text, ms = timed(extract, html, url)
                times.append(ms)
                flat = _squeeze(text)
                contains = [_squeeze(p) in flat for p in expected["body_contains"]]  # type: ignore[attr-defined]
                excludes = [_squeeze(p) in flat for p in expected["body_excludes"]]  # type: ignore[attr-defined]
                hits += sum(contains)
                total += len(contains)
                bad += sum(excludes)
                right += all(contains) and not any(excludes)
            print(f"{name:<28} {hits:>7}/{total:<6} {bad:>14} {right:>6}/{len(real):<5} "
                  f"{statistics.median(times):>10.1f} {max(times):>8.0f}")  # fmt: skip
        print()
        print(f"site fixture pages: {len(sites)} pages with their exact body text")
        print(f"{'extractor':<28} {'body lines':>16} {'pages complete':>15} "
              f"{'extra chars':>12} {'median ms':>10}")  # fmt: skip
        for name, extract in found.items():
            lines_found = lines = complete = extra = 0
            times = []
            for html, url, body in sites:
                wanted = [_squeeze(line) for line in body.splitlines() if len(_squeeze(line)) >= 6]
                if not wanted:
                    continue
                text, ms = timed(extract, html, url)
                times.append(ms)
                flat = _squeeze(text)
                got = sum(line in flat for line in wanted)
                lines_found += got
                lines += len(wanted)
                complete += got == len(wanted)
                extra += max(0, len(flat) - len(_squeeze(body)))
            print(f"{name:<28} {lines_found:>6}/{lines:<5} {lines_found / lines:5.1%} "
                  f"{complete:>8}/{len(times):<6} {extra:>12} "
                  f"{statistics.median(times):>10.1f}")  # fmt: skip
    finally:
        parsers.family.known_container = original  # type: ignore[assignment]


if __name__ == "__main__":
    main()
