"""The partitioned site in a real browser, used as a person would use it.

The demo archive (tests/test_browser.py's fixture) partitioned with ``xxgk partition`` and
served by ``xxgk publish --partitions`` (a real process); Debian's headless Chromium driven by
Selenium. From the home page a person follows the search link, searches 应急, narrows the
results to one province with its facet, opens a document in its partition and its archived
copy. The oracle is the archive read with sqlite3. Screenshots go to
``test-artifacts/browser/partitions-*.png``; every page's console must be clean.

Skipped without /usr/bin/chromedriver, except under CI (``CI`` set), where it fails.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import test_browser as tb
from tests.conftest import ROOT
from tests.test_browser import WAIT, fetch, free_port, shot

archive, browser, downloads = tb.archive, tb.browser, tb.downloads
browser_installed = tb.browser_installed  # skips, or fails under CI, without a browser

try:
    from selenium import webdriver
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ec
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:  # browser_installed skips or fails the test
    pass

WORD = "应急"


@pytest.fixture(scope="module")
def partitions(archive: Path) -> Path:
    out = archive.parent / "partitions"
    done = subprocess.run(
        [sys.executable, "-m", "xxgk", "partition", "--db", str(archive), "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def site(partitions: Path) -> Iterator[str]:
    """``xxgk publish --partitions`` on a free port; yields its base URL."""
    port = free_port()
    log_path = partitions / "publish.log"
    with log_path.open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "xxgk", "publish", "--partitions", str(partitions),
             "--port", str(port)],
            cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=os.environ.copy(),
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"publish exited: {log_path.read_text('utf-8')}"
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError:
                assert time.monotonic() < deadline, "the site did not answer within 60 s"
                time.sleep(0.2)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def matching(archive: Path, sites: tuple[str, ...] | None = None) -> set[int]:
    sql = "select id, site_id from documents where instr(title, ?) or instr(body_text, ?)"
    with sqlite3.connect(archive) as conn:
        return {i for i, s in conn.execute(sql, (WORD, WORD)) if sites is None or s in sites}


def test_search_a_province_and_open_a_document_in_its_partition(
    browser: webdriver.Chrome, site: str, archive: Path
) -> None:
    wait = WebDriverWait(browser, WAIT)
    browser.get(site + "/")
    shot(browser, "partitions-home")
    links = browser.find_elements(By.CSS_SELECTOR, 'a[href="/-/search"]')
    next(a for a in links if a.is_displayed()).click()  # the home page's text, not the menu
    box = wait.until(ec.presence_of_element_located((By.NAME, "q")))
    box.send_keys(WORD)
    box.submit()
    wait.until(lambda d: "q=" in d.current_url)  # the empty search page has results too
    wait.until(ec.presence_of_element_located((By.ID, "partitions")))
    assert "searched 11 of 11 partitions" in browser.find_element(By.ID, "partitions").text
    shown = int(browser.find_element(By.ID, "summary").find_element(By.TAG_NAME, "strong").text)
    assert shown >= len(matching(archive))  # attachments may hold the word too
    shot(browser, "partitions-search")
    # the province facet: 云南
    browser.find_element(By.PARTIAL_LINK_TEXT, "云南").click()
    wait.until(lambda d: "province=53" in d.current_url)
    wait.until(ec.text_to_be_present_in_element((By.ID, "partitions"), "searched 4 of 11"))
    with sqlite3.connect(archive) as conn:
        yunnan = {i for (i,) in conn.execute(
            "select id from documents where site_id in ('km_gov', 'km_yjj', 'yn_yl')")}  # fmt: skip
    hits = browser.find_elements(By.CSS_SELECTOR, "ol.hits li.hit")
    assert hits and {int(str(h.get_attribute("data-id"))) for h in hits} <= yunnan
    assert matching(archive, ("km_gov", "km_yjj", "yn_yl")) & {
        int(str(h.get_attribute("data-id"))) for h in hits
    }
    for hit in hits:
        href = hit.find_element(By.CSS_SELECTOR, "a").get_attribute("href") or ""
        assert "/p53_" in href, href
    shot(browser, "partitions-province")
    # a document in its partition, and its archived copy
    hits[0].find_element(By.CSS_SELECTOR, "a").click()
    wait.until(lambda d: "/documents/" in d.current_url)
    wait.until(ec.presence_of_element_located((By.CSS_SELECTOR, "h1")))
    assert "/p53_" in browser.current_url
    shot(browser, "partitions-document")
    archived = browser.find_elements(By.CSS_SELECTOR, 'a[href^="/-/archived/"]')
    assert archived and "db=p53_" in (archived[0].get_attribute("href") or "")
    archived[0].click()
    wait.until(lambda d: "/-/archived/" in d.current_url)
    assert WORD in browser.page_source or browser.title
    shot(browser, "partitions-archived")
