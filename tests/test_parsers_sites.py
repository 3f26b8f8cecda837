"""Field by field: every fixture page of every site against its expected JSON.

A site's fixtures are its cases, ``tests/fixtures/<site_id>/<case>.<ext>`` (the page) beside
``<case>.expected.json`` (naming the page's canonical ``url``), for mirrored sites and the
others alike. The site's profile gives the CMS family and any per-site rules.
"""

from __future__ import annotations

from typing import Any

import pytest

from crawler.profiles import load_profile, site_ids
from parsers import parse_detail
from tests.conftest import (
    CANONICAL,
    NO_GENERIC_READER,
    expected_records,
    mirror_file,
    needs_generic_reader,
)
from xxgk.tooling import page_for

FIELDS = (
    "title", "index_no", "index_no_parts", "topic", "publisher", "publish_date", "doc_no",
    "keywords", "body_text", "attachments",
)  # fmt: skip
# Fields the families beyond Kunming carry; expected JSON of Kunming pages may leave them out.
FAMILY_FIELDS = ("written_date", "validity", "issuer", "doc_type", "subject_words")
CASES = [
    pytest.param(
        site,
        record,
        marks=pytest.mark.skipif(needs_generic_reader(site), reason=NO_GENERIC_READER),
        id=f"{site}/{record['url'].rsplit('/', 1)[-1]}",
    )
    for site in sorted(CANONICAL)
    for record in expected_records(site)
]


def content_type(site_id: str, url: str) -> str | None:
    return page_for(site_id, CANONICAL[site_id], url)[1]


def parse(site_id: str, record: dict[str, Any]) -> dict[str, Any]:
    profile = load_profile(site_id)
    url = record["url"]
    body = mirror_file(site_id, url).read_bytes()
    doc = parse_detail(
        body, url, content_type(site_id, url), family=profile["family"],
        rules=profile.get("detail"),
    )  # fmt: skip
    return doc.to_dict()


@pytest.mark.parametrize("field", FIELDS + FAMILY_FIELDS)
@pytest.mark.parametrize(("site_id", "expected"), CASES)
def test_field(site_id: str, expected: dict[str, Any], field: str) -> None:
    if field not in expected:
        assert field in FAMILY_FIELDS, f"{field} missing from the expected JSON"
        return
    assert parse(site_id, expected)[field] == expected[field]


@pytest.mark.parametrize(("site_id", "expected"), CASES)
def test_expected_json_shape(site_id: str, expected: dict[str, Any]) -> None:
    assert {"url", *FIELDS} <= set(expected) <= {"url", *FIELDS, *FAMILY_FIELDS}
    assert expected["url"].startswith(CANONICAL[site_id])


def test_every_profile_has_fixtures() -> None:
    for site_id in site_ids():
        assert site_id in CANONICAL, f"{site_id} has no tests/fixtures/{site_id}/"
        assert expected_records(site_id), f"{site_id} has no expected JSON"
