"""The ``xxgk`` command line, run as a user runs it: a real process, its output and exit code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from crawler.profiles import site_ids
from mirror.server import load_routes, site_dir
from tests.conftest import expected_records, mirror_file
from xxgk.cli import main

REQUIRED_KEYS = {
    "url", "title", "index_no", "topic", "publisher", "publish_date", "doc_no", "keywords",
    "body_text", "attachments", "figures",
}  # fmt: skip


def xxgk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args], capture_output=True, text=True, timeout=60
    )


def test_every_command_has_help() -> None:
    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, name
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Usage:" in result.output


FIGURE_KEYS = {
    "text", "position", "value", "value_max", "unit", "value_base", "value_base_max",
    "base_unit", "kind", "approximate", "direction", "context", "label",
}  # fmt: skip


def test_parse_prints_the_figures_of_a_report() -> None:
    url = "https://yjj.km.gov.cn/c/2021-06-22/3951855.shtml"
    run = xxgk("parse", str(mirror_file("km_yjj", url)), "--url", url)
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert all(set(f) >= FIGURE_KEYS for f in record["figures"])
    for f in record["figures"]:
        assert record["body_text"][f["position"] :].startswith(f["text"])
    revenue = [f for f in record["figures"] if f["label"] == "部门预算总收入"]
    assert revenue and revenue[0]["text"] == "4924.01万元"
    assert (revenue[0]["value"], revenue[0]["value_base"], revenue[0]["kind"]) == (
        "4924.01", "49240100", "money"
    )  # fmt: skip
    assert record["tables"] and record["tables"][0]["unit"] == "万元"


def test_parse_prints_the_record() -> None:
    expected = next(r for r in expected_records("km_yjj") if r["attachments"])
    run = xxgk("parse", str(mirror_file("km_yjj", expected["url"])), "--url", expected["url"])
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    assert set(record) >= REQUIRED_KEYS
    for key in REQUIRED_KEYS - {"figures"}:
        assert record[key] == expected[key], key
    assert all(set(a) >= {"url", "name"} for a in record["attachments"])


ERROR_PAGES = [
    (r.path, r.file, r.expect_error)
    for r in load_routes(site_dir("km_yjj")).values()
    if r.expect_error in ("soft_404", "blocked") and not r.redirect
]


@pytest.mark.parametrize(("path", "file", "kind"), ERROR_PAGES)
def test_parse_refuses_error_pages(path: str, file: str | None, kind: str) -> None:
    page = site_dir("km_yjj") / (file or path.lstrip("/"))
    run = xxgk("parse", str(page), "--url", "https://yjj.km.gov.cn" + path)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and kind in lines[0]
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    "content",
    [b"", b"\x00\x01\x02binary\xff\xfe", b"%PDF-1.4\n1 0 obj<<>>endobj\n", b"<html><body>"],
)
def test_parse_refuses_garbage(tmp_path: Path, content: bytes) -> None:
    page = tmp_path / "page.shtml"
    page.write_bytes(content)
    run = xxgk("parse", str(page), "--url", "https://yjj.km.gov.cn/c/2021-01-01/1.shtml")
    assert run.returncode == 2
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_parse_rejects_an_unknown_family(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html></html>")
    run = xxgk("parse", str(page), "--url", "https://x.gov.cn/", "--family", "nope")
    assert run.returncode == 2
    assert "unknown CMS family" in run.stderr


def test_crawl_rejects_an_unknown_site() -> None:
    run = xxgk("crawl", "no_such_site", "--db", "/nonexistent/x.db")
    assert run.returncode == 2
    assert "no site profile" in run.stderr


def test_sites_lists_every_profile() -> None:
    run = xxgk("sites")
    assert run.returncode == 0
    for site_id in site_ids():
        assert site_id in run.stdout
