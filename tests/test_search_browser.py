"""The search page in a real browser, used as a person would use it.

The same setting as tests/test_browser.py (whose fixtures this module uses): the archive
built by ``xxgk demo --no-serve``, Datasette started with ``xxgk serve``'s command line,
Debian's headless Chromium driven by Selenium. From the archive's home page a person follows
the search link, searches 应急, narrows the results with a publisher facet, opens a document
and downloads the result set as CSV. The oracle is the archive read with sqlite3: documents
whose title, body or attachment text holds the word. Screenshots go to
``test-artifacts/browser/search-*.png``.

Skipped without /usr/bin/chromedriver, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from tests import test_browser as tb
from tests.test_browser import WAIT, shot

# tests/test_browser.py's fixtures: the demo archive, its server, the browser
archive, server, browser, downloads = tb.archive, tb.server, tb.browser, tb.downloads
browser_installed = tb.browser_installed  # skips, or fails under CI, without a browser

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # browser_installed skips or fails the test
    pass

WORD = "应急"
PUBLISHER = "昆明市应急管理局"


def oracle(archive: Path, publisher: str | None = None) -> dict[int, str]:
    """id -> title of documents whose title, body or attachment text holds WORD."""
    sql = (
        "select d.id, d.title from documents d where (instr(d.title, ?) or instr(d.body_text, ?)"
        " or exists (select 1 from attachments a join files f on f.sha256 = a.sha256"
        " where a.version_id = d.version_id and instr(f.text, ?)))"
    )
    params = [WORD, WORD, WORD]
    if publisher is not None:
        sql += " and d.publisher = ?"
        params.append(publisher)
    with sqlite3.connect(archive) as conn:
        return {row[0]: row[1] for row in conn.execute(sql, params)}


def summary_count(driver: webdriver.Chrome) -> int:
    """The N of the page's "N 条结果" line (an exact count: the demo archive is small)."""
    text = driver.find_element(By.ID, "summary").find_element(By.TAG_NAME, "strong").text
    return int(text.replace(",", ""))


def shown_ids(driver: webdriver.Chrome) -> list[int]:
    hits = driver.find_elements(By.CSS_SELECTOR, "ol.hits li.hit")
    return [int(str(hit.get_attribute("data-id"))) for hit in hits]


def wait_for_file(directory: Path, suffix: str) -> Path:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        done = [p for p in directory.iterdir() if p.suffix == suffix]
        partial = [p for p in directory.iterdir() if p.suffix == ".crdownload"]
        if done and not partial:
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing downloaded into {directory}: {list(directory.iterdir())}")


def test_search_facet_document_and_download_on_the_search_page(
    browser: webdriver.Chrome, server: str, archive: Path, downloads: Path
) -> None:
    driver = browser
    wait = WebDriverWait(driver, WAIT)
    everything = oracle(archive)
    narrowed = oracle(archive, PUBLISHER)
    assert 0 < len(narrowed) < len(everything), "the mirrors no longer make a useful test"

    # 1. The home page links the search page; its search box comes first.
    driver.get(f"{server}/")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Search the archive").click()
    box = wait.until(ec.presence_of_element_located((By.ID, "q")))
    assert urlsplit(driver.current_url).path == "/-/search"
    shot(driver, "search-01-page")

    # 2. Search 应急.
    box.send_keys(WORD)
    driver.find_element(By.CSS_SELECTOR, "form.search-box input[type=submit]").click()
    wait.until(lambda d: "q=" in d.current_url)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "ol.hits")))
    shot(driver, "search-02-results")
    assert parse_qs(urlsplit(driver.current_url).query)["q"] == [WORD]
    assert summary_count(driver) == len(everything)
    ids = shown_ids(driver)
    assert ids and len(ids) == min(20, len(everything)) and set(ids) <= set(everything)
    marks = driver.find_elements(By.CSS_SELECTOR, "ol.hits mark")
    assert marks and all(m.text == WORD for m in marks)

    # 3. Narrow to one publisher with its facet.
    facet = driver.find_element(By.ID, "facet-publisher")
    link = facet.find_element(By.LINK_TEXT, PUBLISHER)
    facet_count = int(link.find_element(By.XPATH, "..").text.rsplit(" ", 1)[-1].replace(",", ""))
    link.click()
    wait.until(lambda d: "publisher=" in d.current_url)
    wait.until(ec.presence_of_element_located((By.ID, "summary")))
    shot(driver, "search-03-facet")
    assert summary_count(driver) == facet_count == len(narrowed)
    ids = shown_ids(driver)
    assert ids and set(ids) <= set(narrowed)
    results_url = driver.current_url

    # 4. Open the first result's document page.
    first = ids[0]
    driver.find_element(By.CSS_SELECTOR, "ol.hits li.hit:first-child .hit-title a").click()
    wait.until(lambda d: urlsplit(d.current_url).path == f"/archive/documents/{first}")
    heading = wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    shot(driver, "search-04-document")
    assert heading.text.strip() == narrowed[first].strip()

    # 5. Back to the results; download them as CSV for Excel.
    driver.back()
    wait.until(lambda d: d.current_url == results_url)
    driver.find_element(By.ID, "download-csv").click()
    downloaded = wait_for_file(downloads, ".csv")
    shot(driver, "search-05-download")
    raw = downloaded.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark: Excel would garble Chinese"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert {int(r["id"]) for r in rows} == set(narrowed)
    assert all(r["publisher"] == PUBLISHER for r in rows)
