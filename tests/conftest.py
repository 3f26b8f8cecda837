"""Shared fixtures: the mirror's expected records and a live mirror server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from crawler.profiles import SITES_DIR, load_profile
from mirror import server
from xxgk.tooling import page_fixtures

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# site_id -> canonical base URL, for every site with fixtures
CANONICAL = {
    p.name: load_profile(p.name)["base_url"]
    for p in sorted(FIXTURES.iterdir())
    if p.is_dir() and (SITES_DIR / f"{p.name}.toml").exists()
}


def expected_records(site_id: str) -> list[dict[str, Any]]:
    """Every archived detail page of a site's mirror, as its expected parser output."""
    return [json.loads(p.read_text("utf-8")) for p in page_fixtures(FIXTURES / site_id)]


def mirror_file(site_id: str, url: str) -> Path:
    """The file that serves canonical ``url``: in the site's mirror, else beside its fixtures
    (sites with a fixture page but no mirror)."""
    base = CANONICAL[site_id]
    assert url.startswith(base), url
    parts = urlsplit(url[len(base) :])
    rel = unquote(parts.path).lstrip("/") + (f"@{unquote(parts.query)}" if parts.query else "")
    mirror_dir = server.MIRROR_ROOT / site_id
    if mirror_dir.is_dir():
        return mirror_dir / rel
    return FIXTURES / site_id / rel.rsplit("/", 1)[-1]


@pytest.fixture(scope="session")
def km_mirror() -> Iterator[server.MirrorServer]:
    srv = server.start("km_yjj")
    yield srv
    srv.shutdown()
