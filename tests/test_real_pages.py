"""Real saved pages of government sites (``tests/fixtures/real/<host>/<case>.html``) against the
values written by hand from each page (``<case>.expected.json``; sources in
``tests/fixtures/real/SOURCES.md``), read with ``family="auto"`` as an unknown page would be.

Every expected non-null field must come out exactly, every ``body_contains`` phrase must be in
the body text and no ``body_excludes`` phrase, and the attachments must be the expected URLs.
One test per page and check, so a page that cannot be read right is marked alone, with its
reason (``KNOWN``).

    python -m tests.test_real_pages      # per-host field accuracy, detection, every miss
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from parsers import parse_detail, parse_list
from parsers.detect import detect

REAL = Path(__file__).resolve().parent / "fixtures" / "real"
FIELDS = (
    "title", "index_no", "topic", "publisher", "issuer", "publish_date", "written_date",
    "doc_no", "keywords", "validity", "site_code", "site_name", "column_name",
)  # fmt: skip
# the fixtures' name for a record field, where it differs
EXPECTED_KEY = {"site_code": "site_id_code"}

# (host/case, check) -> why the reader disagrees with the page's expected value
KNOWN: dict[tuple[str, str], str] = {
    ("www.nfra.gov.cn/1170162", "publish_date"): (
        "the page shows 发布时间：2024-07-12 and <meta name=PubDate> 2024-07-12 17:33; the "
        "record's rule (README, Record fields) completes a labelled day with the time of the "
        "same day's PubDate, giving 2024-07-12T17:33:00+08:00, where the fixture keeps the day"
    ),
    ("www.nfra.gov.cn/1212085", "publish_date"): (
        "the page shows 发布时间：2025-06-03 and <meta name=PubDate> 2025-06-03 11:18; the "
        "record's rule completes the day with the same day's PubDate time "
        "(2025-06-03T11:18:00+08:00), where the fixture keeps the day"
    ),
    ("www.gov.cn/content_2396614", "title"): (
        "the page's own <title> and its share title break the order's issuers mid-word with an "
        "ideographic space (中华人\u3000民共和国监察部, …交通运输\u3000部); the record keeps "
        "the page's words and spacing, where the fixture reads them whole"
    ),
}


def _cases(kind: str) -> list[tuple[str, dict[str, Any]]]:
    found = []
    for path in sorted(REAL.glob("*/*.expected.json")):
        expected = json.loads(path.read_text("utf-8"))
        if expected.get("kind") == kind:
            found.append(
                (f"{path.parent.name}/{path.name.removesuffix('.expected.json')}", expected)
            )
    return found


DETAILS = _cases("detail")
LISTS = _cases("list")


def page_file(case: str) -> Path:
    return REAL / f"{case}.html"


@cache
def parsed(case: str) -> dict[str, Any]:
    expected = dict(DETAILS)[case]
    return parse_detail(page_file(case).read_bytes(), expected["url"], family="auto").to_dict()


def checks(expected: dict[str, Any]) -> list[str]:
    """The checks a page's expected JSON asks for."""
    found = [f for f in FIELDS if expected.get(EXPECTED_KEY.get(f, f)) is not None]
    found += [f"body_contains {p}" for p in expected.get("body_contains", [])]
    found += [f"body_excludes {p}" for p in expected.get("body_excludes", [])]
    if "attachments" in expected:
        found.append("attachments")
    return found


def outcome(case: str, expected: dict[str, Any], check: str) -> tuple[bool, Any, Any]:
    """(right, got, wanted) for one check of one page."""
    doc = parsed(case)
    if check.startswith("body_contains "):
        phrase = check.removeprefix("body_contains ")
        return phrase in doc["body_text"], None, phrase
    if check.startswith("body_excludes "):
        phrase = check.removeprefix("body_excludes ")
        return phrase not in doc["body_text"], None, phrase
    if check == "attachments":
        got = [a["url"] for a in doc["attachments"]]
        return got == expected["attachments"], got, expected["attachments"]
    wanted = expected[EXPECTED_KEY.get(check, check)]
    return doc[check] == wanted, doc[check], wanted


PARAMS = [
    pytest.param(
        case,
        check,
        id=f"{case}:{check}",
        marks=[pytest.mark.xfail(reason=KNOWN[(case, check)], strict=True)]
        if (case, check) in KNOWN
        else [],
    )
    for case, expected in DETAILS
    for check in checks(expected)
]


@pytest.mark.parametrize(("case", "check"), PARAMS)
def test_real_page(case: str, check: str) -> None:
    right, got, wanted = outcome(case, dict(DETAILS)[case], check)
    assert right, f"{check}: got {got!r}, expected {wanted!r}"


@pytest.mark.parametrize(("case", "expected"), DETAILS, ids=[c for c, _ in DETAILS])
def test_the_body_was_found(case: str, expected: dict[str, Any]) -> None:
    assert parsed(case)["body_source"] in ("container", "extractor")


@pytest.mark.parametrize(("case", "expected"), LISTS, ids=[c for c, _ in LISTS])
def test_real_list_pages(case: str, expected: dict[str, Any]) -> None:
    page = parse_list(page_file(case).read_bytes(), expected["url"], family="auto")
    assert len(page.items) == expected["items"]
    first = [{"url": i.url, "title": i.title, "date": i.date} for i in page.items[:3]]
    assert first == expected["first_items"]


def test_every_real_page_is_checked() -> None:
    assert DETAILS and all(checks(e) for _, e in DETAILS)
    assert set(KNOWN) <= {(c, k) for c, e in DETAILS for k in checks(e)}


# -- the report --------------------------------------------------------------------------------


def report() -> str:
    """Per host: pages, field accuracy, body phrases, attachments, detection; then every miss."""
    rows: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    misses: list[str] = []
    for case, expected in DETAILS:
        host = case.split("/")[0]
        rows[host]["pages"][1] += 1
        for check in checks(expected):
            group = check.split(" ")[0] if check.startswith("body_") else (
                "attachments" if check == "attachments" else "fields"
            )  # fmt: skip
            right, got, wanted = outcome(case, expected, check)
            rows[host][group][0] += right
            rows[host][group][1] += 1
            if not right:
                note = " (known: see KNOWN)" if (case, check) in KNOWN else ""
                misses.append(f"  {case} {check}: got {got!r}, expected {wanted!r}{note}")
    for case, expected in [*DETAILS, *LISTS]:
        host = case.split("/")[0]
        found = detect(page_file(case).read_bytes(), expected["url"]).family
        rows[host]["detection"][0] += found == expected["family"]
        rows[host]["detection"][1] += 1
        if found != expected["family"]:
            misses.append(f"  {case} detected {found}, expected {expected['family']}")
    groups = ("fields", "body_contains", "body_excludes", "attachments", "detection")
    lines = [f"{'host':<22} pages  " + "  ".join(f"{g:>15}" for g in groups)]
    total: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for host in sorted(rows):
        cells = []
        for g in groups:
            right, n = rows[host][g]
            total[g][0] += right
            total[g][1] += n
            cells.append(f"{right:>4}/{n:<4} {right / n:4.0%}" if n else f"{'-':>15}")
        lines.append(f"{host:<22} {rows[host]['pages'][1]:>5}  " + "  ".join(cells))
    cells = [f"{r:>4}/{n:<4} {r / n:4.0%}" if n else f"{'-':>15}" for r, n in total.values()]
    lines.append(f"{'all':<22} {len(DETAILS):>5}  " + "  ".join(cells))
    if misses:
        lines += ["", "misses:", *misses]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(report() + "\n")
