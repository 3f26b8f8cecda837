"""Attachment extraction in a worker process: time and memory limits, and every way a worker
can end becomes an extraction status."""

from __future__ import annotations

import os
import time

from parsers.attachments import read_download
from parsers.sandbox import read_download_limited, run_limited
from tests.conftest import ROOT

UPLOAD = ROOT / "mirror" / "hostile" / "upload"
KM_FILES = ROOT / "mirror" / "km_yjj" / "upload" / "resources" / "file"


def test_a_limited_call_returns_what_the_call_returns() -> None:
    outcome = run_limited(divmod, (7, 2), timeout=30)
    assert (outcome.status, outcome.value) == ("done", (3, 1))


def test_time_limit() -> None:
    start = time.monotonic()
    outcome = run_limited(time.sleep, (60,), timeout=1)
    assert outcome.status == "timeout"
    assert time.monotonic() - start < 10


def test_memory_limit() -> None:
    outcome = run_limited(bytearray, (4 * 2**30,), timeout=30, memory=256 * 2**20)
    assert outcome.status == "memory"


def test_exceptions_and_deaths_are_outcomes() -> None:
    assert run_limited(int, ("x",), timeout=30).status == "raised"
    assert run_limited(os._exit, (3,), timeout=30).status == "crashed"


def test_limited_reading_gives_the_same_as_reading() -> None:
    body = (KM_FILES / "2022" / "12" / "09" / "4468202.xls").read_bytes()
    url = "https://yjj.km.gov.cn/upload/resources/file/2022/12/09/4468202.xls"
    disposition = "attachment; filename*=UTF-8''%E5%86%B3%E7%AE%97.xls"
    limited = read_download_limited(body, url, None, disposition, timeout=60)
    assert limited == read_download(body, url, None, disposition)
    assert limited.content.status == "ok" and limited.file_name == "决算.xls"


def test_a_slow_file_ends_as_timeout_and_is_still_a_file() -> None:
    body = (UPLOAD / "pdf_slow.pdf").read_bytes()
    start = time.monotonic()
    read = read_download_limited(body, "https://x.gov.cn/a.pdf", None, None, timeout=2)
    assert time.monotonic() - start < 15
    assert read.content.status == "timeout" and "2 s" in (read.content.reason or "")
    assert read.is_file and read.content.detected_type == "pdf"
    assert read.file_name == "a.pdf"


def test_a_file_needing_too_much_memory_is_too_complex() -> None:
    # a 150 MB line of text: decoding and splitting it needs copies past a 200 MiB limit
    body = b"9" * 150_000_000 + b"\n"
    read = read_download_limited(body, "https://x.gov.cn/a.txt", None, None, 60, 200 * 2**20)
    assert read.content.status == "too_complex", read.content
    assert "memory" in (read.content.reason or "")
