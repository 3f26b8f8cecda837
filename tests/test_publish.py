"""serve/publish.sh: the archive served immutable, read-only, with xxgk serve's configuration."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.test_serve import RECORDS, build_archive, cli_args, cli_settings

SCRIPT = ROOT / "serve" / "publish.sh"


@pytest.fixture(scope="module")
def snapshot(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("publish") / "archive.db"
    build_archive(path, RECORDS[:5])
    return path


def publish_get(db: Path, path: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", str(SCRIPT), str(db)],
        env={**os.environ, "XXGK_PYTHON": sys.executable, "XXGK_PUBLISH_GET": path, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_published_database_is_immutable(snapshot: Path) -> None:
    done = publish_get(snapshot, "/-/databases.json")
    assert done.returncode == 0, done.stderr
    (database,) = json.loads(done.stdout)
    assert database["name"] == "archive"
    assert database["is_mutable"] is False


def test_published_settings(snapshot: Path) -> None:
    done = publish_get(snapshot, "/-/settings.json")
    assert done.returncode == 0, done.stderr
    settings = json.loads(done.stdout)
    expected = {
        **cli_settings(cli_args(snapshot)),
        "sql_time_limit_ms": 3000,
        "max_returned_rows": 1000,
        "allow_download": False,
        "default_allow_sql": False,  # safe by default: no SQL of the reader's own
    }
    assert {k: settings[k] for k in expected} == expected


def test_download_refused_and_sql_switch(snapshot: Path) -> None:
    assert publish_get(snapshot, "/archive.db").returncode == 1  # 403
    assert publish_get(snapshot, "/archive.json?sql=select+1").returncode == 1  # 403: off
    on = publish_get(snapshot, "/archive.json?sql=select+1", XXGK_PUBLISH_SQL="on")
    assert on.returncode == 0
    assert publish_get(snapshot, "/archive/search.json?q=应急").returncode == 0  # canned: yes
    assert publish_get(snapshot, "/archive/documents.csvbom?_stream=on").stdout.startswith("\ufeff")


def test_published_plugins_and_metadata(snapshot: Path) -> None:
    done = publish_get(snapshot, "/-/charts/documents-per-month")
    assert done.returncode == 0 and "<svg" in done.stdout
    done = publish_get(snapshot, "/archive/search.json?q=应急&_shape=array")
    assert done.returncode == 0, done.stderr


def test_refuses_a_database_not_named_archive(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    other.write_bytes(b"")
    done = publish_get(other, "/")
    assert done.returncode == 2 and "archive.db" in done.stderr
