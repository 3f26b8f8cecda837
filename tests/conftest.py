"""Shared fixtures: the mirror's expected records and a live mirror server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mirror import server

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CANONICAL = {"km_yjj": "https://yjj.km.gov.cn"}


def expected_records(site_id: str) -> list[dict[str, Any]]:
    """Every archived detail page of a site's mirror, as its expected parser output."""
    return [
        json.loads(p.read_text("utf-8"))
        for p in sorted((FIXTURES / site_id).glob("[0-9]*.expected.json"))
    ]


def mirror_file(site_id: str, url: str) -> Path:
    """The mirror file that serves canonical ``url``."""
    base = CANONICAL[site_id]
    assert url.startswith(base), url
    return server.site_dir(site_id) / url[len(base) :].lstrip("/")


@pytest.fixture(scope="session")
def km_mirror() -> Iterator[server.MirrorServer]:
    srv = server.start("km_yjj")
    yield srv
    srv.shutdown()
