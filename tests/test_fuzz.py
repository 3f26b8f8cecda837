"""Fuzzing the parsers in CI: a few hundred mutated pages and files (``bench/fuzz.py`` runs
thousands), seeded, each call limited to 5 s in a worker process."""

from __future__ import annotations

import random
import time

from xxgk.fuzz import Runner, fuzz, mutate, seeds

PAGES = 240  # 80 each through detail, list and figure parsing
ATTACHMENTS = 90


def test_mutated_pages_and_files_raise_nothing_and_end_in_time() -> None:
    report = fuzz(PAGES, ATTACHMENTS, seed=20240101, timeout=5.0)
    assert report.uncaught == 0, report.lines()
    assert report.over_time == 0, report.lines()
    assert not report.crashed and not report.memory, report.lines()
    assert sum(report.calls.values()) == PAGES + ATTACHMENTS


def test_every_family_and_file_kind_is_seeded() -> None:
    pages, files = seeds()
    assert {family for family, _, _ in pages} == {"km", "gov_cn", "trs", "hanweb", "vsb", "auto"}
    kinds = {url.rsplit(".", 1)[-1].lower() for url, _ in files}
    assert {"pdf", "docx", "xlsx", "xls", "csv", "txt", "zip", "rar"} <= kinds


def test_mutations_are_seeded() -> None:
    body = b"<html><body><p>1\xe5\x85\x83</p></body></html>"
    first = [mutate(body, random.Random(7)) for _ in range(5)]
    assert first == [mutate(body, random.Random(7)) for _ in range(5)]
    assert any(m != body for m in first)


def test_the_runner_sees_exceptions_and_slow_calls() -> None:
    runner = Runner(timeout=1.0, memory=512 * 2**20)
    try:
        assert runner.call(str, (5,)) == ("done", "5")
        status, detail = runner.call(int, ("x",))
        assert status == "raised" and detail.startswith("ValueError")
        assert runner.call(time.sleep, (30,))[0] == "slow"
        assert runner.call(str, ("after",)) == ("done", "after")  # a new worker took over
        assert runner.call(bytearray, (2**33,))[0] == "memory"
    finally:
        runner.stop()
