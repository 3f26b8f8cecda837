"""Site profiles and their tools: validation, `xxgk sites`, `xxgk check`, `xxgk newsite`, and a
site added with a profile alone."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from crawler.profiles import ProfileError, load_profile, site_ids
from mirror.server import MirrorServer
from tests.conftest import mirror_file


def load_profile_from(path: Path) -> dict[str, object]:
    import tomllib

    return tomllib.loads(path.read_text("utf-8"))


PAGE = "https://yjj.km.gov.cn/c/2022-07-08/4123456.shtml"


def xxgk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "xxgk.cli", *args],
        capture_output=True, text=True, timeout=300, env={**os.environ, **(env or {})},
    )  # fmt: skip


def test_every_profile_validates() -> None:
    assert len(site_ids()) >= 1
    for site_id in site_ids():
        profile = load_profile(site_id)
        assert profile["base_url"].startswith("https://")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('name = "x"\nfamily = "km"\nbase_url = "https://a.gov.cn"\n', "missing columns"),
        ('id = "bad"\nname = "x"\nfamily = "nope"\nbase_url = "https://a.gov.cn"\n'
         '[[columns]]\npath = "/l/"\nname = "c"\n', "unknown CMS family"),
        ('id = "bad"\nname = "x"\nfamily = "km"\nbase_url = "a.gov.cn/x"\n'
         '[[columns]]\npath = "/l/"\nname = "c"\n', "base_url"),
        ('id = "bad"\nname = "x"\nfamily = "km"\nbase_url = "https://a.gov.cn"\n'
         '[[columns]]\npath = "l/"\nname = "c"\n', "path starting with /"),
        ('id = "bad"\nname = "x"\nfamily = "km"\nbase_url = "https://a.gov.cn"\n'
         'required_fields = ["colour"]\n[[columns]]\npath = "/l/"\nname = "c"\n', "colour"),
    ],
)  # fmt: skip
def test_bad_profiles_are_refused_with_a_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    (tmp_path / "bad.toml").write_text(text, "utf-8")
    monkeypatch.setenv("XXGK_SITES_DIR", str(tmp_path))
    with pytest.raises(ProfileError, match=problem):
        load_profile("bad")


def test_sites_lists_profiles_with_archive_counts(tmp_path: Path) -> None:
    run = xxgk("sites", "--db", str(tmp_path / "none.db"))
    assert run.returncode == 0, run.stderr
    for site_id in site_ids():
        assert f"\n{site_id}\t" in run.stdout
    assert run.stdout.splitlines()[0].startswith("site_id\tfamily\tcolumns\tverified")


def test_check_reports_fill_rates() -> None:
    run = xxgk("check", "km_yjj")
    assert run.returncode == 0, run.stdout + run.stderr
    assert "fixture pages parsed" in run.stdout
    assert "title            100%" in run.stdout


def test_newsite_writes_a_profile_and_a_fixture_that_check_accepts(tmp_path: Path) -> None:
    env = {"XXGK_SITES_DIR": str(tmp_path / "sites"), "XXGK_FIXTURES_DIR": str(tmp_path / "fx")}
    page = mirror_file("km_yjj", PAGE)
    listing = mirror_file("km_yjj", "https://yjj.km.gov.cn/zfxxgk/fdzdgknr/tzgg/index.shtml")
    run = xxgk("newsite", "https://demo.km.gov.cn/zfxxgk/fdzdgknr/tzgg/index.shtml", "--id",
               "km_demo", "--family", "km", "--name", "演示局", "--page", str(listing),
               "--detail", str(page), env=env)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "sites" / "km_demo.toml").exists()
    check = xxgk("check", "km_demo", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    again = xxgk("newsite", "https://demo.km.gov.cn/zfxxgk/fdzdgknr/tzgg/index.shtml", "--id",
                 "km_demo", "--page", str(listing), env=env)  # fmt: skip
    assert again.returncode != 0 and "exists" in again.stderr
    bad = xxgk("newsite", "https://x.km.gov.cn/", "--family", "nope", "--page", str(listing),
               env=env)  # fmt: skip
    assert bad.returncode != 0 and "unknown CMS family" in bad.stderr


def test_newsite_finds_the_columns_and_a_document_of_a_site(
    tmp_path: Path, km_mirror: MirrorServer
) -> None:
    """From the home page alone: the disclosure columns, the first document of the first, a
    profile that crawls (family left to detection) and a fixture that xxgk check accepts."""
    env = {"XXGK_SITES_DIR": str(tmp_path / "sites"), "XXGK_FIXTURES_DIR": str(tmp_path / "fx")}
    run = xxgk("newsite", "https://yjj.km.gov.cn/", "--base-url", km_mirror.base_url, env=env)
    assert run.returncode == 0, run.stderr
    assert "3 disclosure column(s)" in run.stdout and "family: " in run.stdout
    profile = load_profile_from(tmp_path / "sites" / "km_yjj.toml")
    assert {c["path"] for c in profile["columns"]} == {
        "/zfxxgk/fdzdgknr/tzgg/", "/zfxxgk/fdzdgknr/czzj/", "/zfxxgk/fdzdgknr/ghjh/"
    }  # fmt: skip
    assert list((tmp_path / "fx" / "km_yjj").glob("*.expected.json"))
    check = xxgk("check", "km_yjj", env=env)
    assert check.returncode == 0, check.stdout + check.stderr
    crawl = xxgk("crawl", "km_yjj", "--base-url", km_mirror.base_url, "--db",
                 str(tmp_path / "archive.db"), "--log-level", "ERROR", env=env)  # fmt: skip
    assert crawl.returncode == 0, crawl.stderr
    assert Database(tmp_path / "archive.db")["documents"].count >= 40


def test_newsite_on_a_page_that_leads_nowhere_says_so(tmp_path: Path) -> None:
    env = {"XXGK_SITES_DIR": str(tmp_path / "sites"), "XXGK_FIXTURES_DIR": str(tmp_path / "fx")}
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body><p>欢迎</p></body></html>", "utf-8")
    run = xxgk("newsite", "https://x.gov.cn/", "--page", str(empty), env=env)
    assert run.returncode != 0 and "no disclosure column found" in run.stderr
    assert not (tmp_path / "sites").exists()


def test_a_site_is_added_with_a_profile_alone(tmp_path: Path, km_mirror: MirrorServer) -> None:
    """No Python: a new profile of a known family crawls, and its health is judged by the
    fields the profile requires."""
    sites = tmp_path / "sites"
    sites.mkdir()
    (sites / "km_demo.toml").write_text(
        'id = "km_demo"\nname = "演示"\nfamily = "km"\nbase_url = "https://yjj.km.gov.cn"\n'
        'verified = false\nrequired_fields = ["title", "doc_no"]\n'
        '[[columns]]\npath = "/zfxxgk/fdzdgknr/ghjh/index.shtml"\nname = "规划计划"\n',
        "utf-8",
    )
    db = tmp_path / "archive.db"
    run = xxgk("crawl", "km_demo", "--base-url", km_mirror.base_url, "--db", str(db),
               "--log-level", "ERROR", env={"XXGK_SITES_DIR": str(sites)})  # fmt: skip
    assert run.returncode == 0, run.stderr
    archive = Database(db)
    assert archive.execute("select count(*) from documents where site_id = 'km_demo'").fetchone()[0]
    status, reason = archive.execute("select status, status_reason from crawl_runs").fetchone()
    assert status == "degraded" and "doc_no" in reason  # 文号 is on about half the pages
    assert "DEGRADED" in run.stderr


def test_sites_show_the_identity_their_pages_declare(tmp_path: Path) -> None:
    from crawler.profiles import load_profile
    from parsers import Document
    from store import Archive

    with Archive.at(tmp_path / "archive.db") as archive:
        archive.save_site(load_profile("km_yjj"))
        doc = Document(url="https://yjj.km.gov.cn/c/2024-01-01/1.shtml", title="通知",
                       body_text="各单位：请做好防汛准备工作，确保安全度汛。",
                       site_code="5301000042", site_name="昆明市应急管理局",
                       column_name="通知公告")  # fmt: skip
        archive.save_document("km_yjj", doc, None, "2024-01-01T00:00:00+00:00")
        row = archive.db["documents"].get(1)
        assert (row["site_code"], row["column_name"]) == ("5301000042", "通知公告")
    run = xxgk("sites", "--db", str(tmp_path / "archive.db"))
    assert run.returncode == 0, run.stderr
    (line,) = [li for li in run.stdout.splitlines() if li.startswith("km_yjj\t")]
    assert "\t5301000042\t昆明市应急管理局\t" in line and line.split("\t")[-2] == "1"
