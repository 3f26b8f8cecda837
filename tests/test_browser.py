"""The archive in a real browser, used as a person would use it.

A real archive is built by ``xxgk demo --no-serve`` (the offline mirrors, crawled by the real
spider); Datasette runs as its own process with exactly ``xxgk serve``'s command line; headless
Chromium (Debian's ``chromium`` and ``chromium-driver``, driven by Selenium) then searches 应急,
applies a publisher facet, opens a document's page and downloads the filtered view as CSV.
The oracle is the archive itself, read with sqlite3: the documents whose title or body holds
the word. A screenshot of every step goes to ``test-artifacts/browser/`` (kept by CI). The
browser's console must report no Content-Security-Policy violation and no script error on any
page: the site's policy (``serve/plugins/security.py``) must leave its own pages working.

Without ``/usr/bin/chromedriver`` the test is skipped, except under CI (``CI`` set), where it
fails: ``.ci/run`` installs the browser, so a missing one there is a broken setup.
"""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest

from serve.launch import datasette_args, datasette_env
from store import ArchiveConfig
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = ROOT / "test-artifacts" / "browser"
WORD = "应急"
PUBLISHER = "昆明市应急管理局"
WAIT = 15  # seconds for any one page or download


MISSING: str | None = None
if not (CHROMEDRIVER.exists() and CHROMIUM.exists()):
    MISSING = f"no {CHROMEDRIVER} or {CHROMIUM}: apt-get install chromium chromium-driver"
try:
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    MISSING = MISSING or "selenium is not installed: pip install -e '.[test]'"


@pytest.fixture(scope="module", autouse=True)
def browser_installed() -> None:
    """Fail under CI (``CI`` set), where .ci/run installs the browser; skip elsewhere."""
    if MISSING is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"CI: {MISSING} (.ci/run installs chromium and chromium-driver)")
    pytest.skip(f"browser test: {MISSING}")


# -- the archive and the server -----------------------------------------------------------


@pytest.fixture(scope="module")
def archive(demo_archive: Path) -> Path:
    """The demo archive (every bundled mirror crawled), shared by the session's tests."""
    return demo_archive


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=5) as response:
        body: bytes = response.read()
        return body


@pytest.fixture(scope="module")
def server(archive: Path) -> Iterator[str]:
    """Datasette started as ``xxgk serve`` starts it; yields its base URL."""
    port = free_port()
    log_path = archive.with_name("datasette.log")
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            datasette_args(ArchiveConfig.resolve(archive, env={}), "127.0.0.1", port),
            env=datasette_env(ArchiveConfig.resolve(archive, env={})),
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            assert proc.poll() is None, f"datasette exited: {log_path.read_text('utf-8')}"
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError:
                assert time.monotonic() < deadline, "datasette did not answer within 30 s"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(
    downloads: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[webdriver.Chrome]:
    # Never let Selenium Manager look for or download a browser or driver.
    old = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
        "--window-size=1280,1000",
        "--lang=zh-CN",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.add_experimental_option(
        "prefs",
        {
            "download.default_directory": str(downloads),
            "download.prompt_for_download": False,
            "download.directory_upgrade": True,
            "safebrowsing.enabled": False,
        },
    )
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    try:
        driver.execute_cdp_cmd(
            "Browser.setDownloadBehavior",
            {"behavior": "allow", "downloadPath": str(downloads), "eventsEnabled": False},
        )
        driver.set_page_load_timeout(WAIT)
        yield driver
    finally:
        driver.quit()
        if old is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = old


# -- helpers ------------------------------------------------------------------------------


def console_problems(driver: webdriver.Chrome) -> list[str]:
    """Console messages since the last call that a blocked or failing script leaves."""
    return [
        entry["message"]
        for entry in driver.get_log("browser")
        if entry["level"] == "SEVERE" or "Content Security Policy" in entry["message"]
    ]


def shot(driver: webdriver.Chrome, name: str, at: str | None = None) -> None:
    """Screenshot of the window, scrolled so that the element ``at`` (CSS) is at its top;
    the page's console must be clean."""
    problems = console_problems(driver)
    assert not problems, (name, problems)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    if at is not None:
        element = driver.find_element(By.CSS_SELECTOR, at)
        driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", element)
    assert driver.save_screenshot(str(path)), path


def api_count(base: str, **params: str) -> int:
    query = urlencode({**params, "_size": "0"})
    data: dict[str, Any] = json.loads(fetch(f"{base}/archive/documents.json?{query}"))
    count: int = data["filtered_table_rows_count"]
    return count


def oracle(archive: Path, publisher: str | None = None) -> dict[int, str]:
    """id -> title of the documents whose title or body holds WORD (by plain substring)."""
    sql = "select id, title from documents where (instr(title, ?) or instr(body_text, ?))"
    params: list[str] = [WORD, WORD]
    if publisher is not None:
        sql += " and publisher = ?"
        params.append(publisher)
    with sqlite3.connect(archive) as conn:
        return {row[0]: row[1] for row in conn.execute(sql, params)}


def shown_ids(driver: webdriver.Chrome) -> list[int]:
    cells = driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody td.col-id")
    return [int(cell.text.strip()) for cell in cells]


def heading_count(driver: webdriver.Chrome) -> int:
    """The N of the table page's "N rows where …" heading."""
    text = driver.find_element(By.CSS_SELECTOR, "h3").text
    return int(text.split(" ", 1)[0].replace(",", ""))


def wait_for_download(directory: Path) -> Path:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        done = [p for p in directory.iterdir() if p.suffix == ".csv"]
        partial = [p for p in directory.iterdir() if p.suffix == ".crdownload"]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no CSV downloaded into {directory}: {list(directory.iterdir())}")


def has_chinese(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


# -- the test -----------------------------------------------------------------------------


def test_search_facet_document_and_csv_in_a_browser(
    browser: webdriver.Chrome, server: str, archive: Path, downloads: Path
) -> None:
    driver = browser
    wait = WebDriverWait(driver, WAIT)
    everything = oracle(archive)
    narrowed = oracle(archive, PUBLISHER)
    assert 0 < len(narrowed) < len(everything), "the mirrors no longer make a useful test"

    # 1. The documents table, as linked from the front page.
    driver.get(f"{server}/archive/documents")
    wait.until(ec.presence_of_element_located((By.ID, "_search")))
    assert driver.find_elements(By.CSS_SELECTOR, "table.rows-and-columns tbody tr")
    shot(driver, "01-documents")

    # 2. Type 应急 into the search box and press Apply.
    box = driver.find_element(By.ID, "_search")
    box.clear()
    box.send_keys(WORD)
    driver.find_element(By.CSS_SELECTOR, "form.filters input[type=submit]").click()
    try:
        wait.until(lambda d: "_search=" in d.current_url)
    except TimeoutException:
        raise AssertionError(f"search did not submit: {driver.current_url}") from None
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
    shot(driver, "02-search", at="h3")
    assert parse_qs(urlsplit(driver.current_url).query)["_search"] == [WORD]
    searched = heading_count(driver)
    assert searched == len(everything) == api_count(server, _search=WORD)
    ids = shown_ids(driver)
    assert ids, "no result shown"
    assert len(ids) == min(searched, 50)  # the table's page size (metadata.yml)
    assert set(ids) <= set(everything), set(ids) - set(everything)

    # 3. Narrow to one publisher with its facet.
    facet = driver.find_element(By.ID, "facet-publisher")
    link = facet.find_element(By.LINK_TEXT, PUBLISHER)
    facet_count = int(link.find_element(By.XPATH, "..").text.rsplit(" ", 1)[-1].replace(",", ""))
    link.click()
    wait.until(lambda d: "publisher=" in d.current_url)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "table.rows-and-columns")))
    shot(driver, "03-facet", at="h3")
    query = parse_qs(urlsplit(driver.current_url).query)
    assert query["_search"] == [WORD] and query["publisher"] == [PUBLISHER], query
    faceted = heading_count(driver)
    assert faceted == facet_count == len(narrowed) < searched
    assert faceted == api_count(server, _search=WORD, publisher=PUBLISHER)
    ids = shown_ids(driver)
    assert ids and set(ids) <= set(narrowed)
    assert {c.text for c in driver.find_elements(By.CSS_SELECTOR, "td.col-publisher")} == {
        PUBLISHER
    }
    results_url = driver.current_url

    # 4. Open the first document's page.
    first = ids[0]
    driver.find_element(
        By.CSS_SELECTOR, "table.rows-and-columns tbody tr:first-child td.col-id a"
    ).click()
    wait.until(lambda d: urlsplit(d.current_url).path == f"/archive/documents/{first}")
    # the archive's document page (serve/templates/row-archive-documents.html) heads it
    heading = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    shot(driver, "04-document")
    assert heading.text.strip() == narrowed[first].strip()
    page_text = driver.find_element(By.TAG_NAME, "body").text
    for section in ("Provenance", "SHA-256", "Version history"):
        assert section in page_text, section
    assert WORD in driver.find_element(By.TAG_NAME, "body").text

    # 5. Back to the results; their CSV link shows the CSV in the browser.
    driver.back()
    wait.until(lambda d: d.current_url == results_url)
    csv_link = driver.find_element(By.CSS_SELECTOR, "p.export-links").find_element(
        By.LINK_TEXT, "CSV"
    )
    csv_query = parse_qs(urlsplit(str(csv_link.get_attribute("href"))).query)
    assert csv_query["_search"] == [WORD] and csv_query["publisher"] == [PUBLISHER]
    csv_link.click()
    wait.until(lambda d: urlsplit(d.current_url).path == "/archive/documents.csv")
    shown_csv = driver.find_element(By.TAG_NAME, "body").text
    shot(driver, "05-csv")
    assert shown_csv.startswith("id,"), shown_csv[:200]
    assert PUBLISHER in shown_csv

    # 6. Download it as a file: the advanced export's "download file" box, then Export CSV.
    driver.back()
    wait.until(lambda d: d.current_url == results_url)
    form = driver.find_element(By.CSS_SELECTOR, "#export form")
    checkbox = form.find_element(By.NAME, "_dl")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", checkbox)
    if not checkbox.is_selected():
        checkbox.click()
    form.find_element(By.CSS_SELECTOR, "input[type=submit]").click()
    downloaded = wait_for_download(downloads)
    shot(driver, "06-export", at="#export")
    text = downloaded.read_text("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)))
    assert {"id", "url", "title", "publisher", "body_text"} <= set(header), header
    assert len(rows) == faceted
    assert {int(r["id"]) for r in rows} == set(narrowed)
    assert all(r["publisher"] == PUBLISHER for r in rows)
    assert all(WORD in r["title"] + r["body_text"] for r in rows)
    assert has_chinese(text)
