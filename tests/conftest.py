"""Shared fixtures: the mirror's expected records and a live mirror server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from crawler.profiles import SITES_DIR, load_profile
from mirror import server
from xxgk.tooling import page_fixtures, page_for

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
# site_id -> canonical base URL, for every site with fixtures
CANONICAL = {
    p.name: load_profile(p.name)["base_url"]
    for p in sorted(FIXTURES.iterdir())
    if p.is_dir() and (SITES_DIR / f"{p.name}.toml").exists()
}


# Sites whose profile names no family are read by family detection and the generic detail
# reader, which come with parsers/families/generic.py; until it is there, their pages cannot be
# parsed as documents.
GENERIC_READER = (ROOT / "parsers" / "families" / "generic.py").exists()
NO_GENERIC_READER = (
    "the generic detail reader and family detection (parsers/families/generic.py) are not there yet"
)


def needs_generic_reader(site_id: str) -> bool:
    """Whether a site's pages need the generic detail reader that is not there yet."""
    return load_profile(site_id)["family"] == "auto" and not GENERIC_READER


def expected_records(site_id: str) -> list[dict[str, Any]]:
    """Every archived detail page of a site's mirror, as its expected parser output."""
    return [json.loads(p.read_text("utf-8")) for p in page_fixtures(FIXTURES / site_id)]


def mirror_file(site_id: str, url: str) -> Path:
    """The file that serves canonical ``url``: the site's case page whose expected JSON names
    it, else the file in the site's mirror."""
    base = CANONICAL[site_id]
    assert url.startswith(base), url
    return page_for(site_id, base, url)[0]


def xxgk(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command line, run as a user runs it, with ``env`` added to the environment."""
    return subprocess.run(
        [sys.executable, "-m", "xxgk", *args],
        capture_output=True, text=True, cwd=ROOT, timeout=300, env={**os.environ, **env},
    )  # fmt: skip


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every bundled mirror crawled by real Scrapy processes (``xxgk demo --no-serve``), once a
    session, for the tests that only read it (the browser tests, partitions)."""
    db = tmp_path_factory.mktemp("demo") / "archive.db"
    cmd = [sys.executable, "-m", "xxgk.cli", "demo", "--db", str(db), "--no-serve"]
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return db


@pytest.fixture(scope="session")
def km_mirror() -> Iterator[server.MirrorServer]:
    srv = server.start("km_yjj")
    yield srv
    srv.shutdown()
