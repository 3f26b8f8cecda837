"""Fuzzing the parsers: mutated pages and files, each call watched for exceptions and time.

Every mirror page (every family, the hostile mirror included) and every mirror attachment is
the seed of mutations — bytes flipped, inserted, deleted and repeated, the input cut short, and
fragments known to hurt parsers (script links, spans of a million, unterminated
``document.write('``, runs of colons, numerals and amounts, endless page counts, deep nesting,
NUL bytes) spliced in. The same seed gives the same inputs.

Pages go through ``parse_detail`` and ``parse_list`` of their family (figures and tables
included) and their text through the figure extractor; files through ``read_download`` with a
sometimes mangled Content-Disposition. ``PageError`` is an answer, not a failure; any other
exception is counted, and so is a call that runs past its time limit: the calls run one after
another in a worker process (``parsers.sandbox``) that is killed and replaced when one of them
takes too long or dies.

    python bench/fuzz.py [--pages 5000] [--attachments 2000] [--seed 1] [--timeout 5]
"""

from __future__ import annotations

import logging
import random
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MIRROR = ROOT / "mirror"
PAGE_SUFFIXES = (".shtml", ".html", ".htm")
FILE_SUFFIXES = (".pdf", ".docx", ".xlsx", ".xls", ".csv", ".txt", ".zip", ".rar", ".doc", ".PDF")
MAX_INPUT = 4 * 1024 * 1024  # mutated inputs are cut here: the fuzzer is about shapes, not size
# Seeds built to need the worker's time limit (tests/test_sandbox.py checks that it stops them).
SLOW_BY_DESIGN = ("pdf_slow.pdf",)

FRAGMENTS = [
    b'<a href="JavaScript:alert(document.domain)//x.pdf">x</a>',
    b'<a href="java\tscript:alert(1)//y.doc">y</a>',
    b'<a href="http://[bad/z.pdf">z</a>',
    b'<td rowspan="1000000" colspan="1000000">1\xe4\xb8\x87\xe5\x85\x83</td>',
    b"<table><tr><td>",
    b"</td></tr></table>",
    b"<script>document.write('<a href=x.pdf>",
    b"\xef\xbc\x9a" * 2000,  # full-width colons
    "1元".encode() * 500,
    "一二三四五六七八九十百千万亿".encode() * 100,
    b"1" + b",111" * 500,
    b"createPage(PageIndex, 99999999999999999999999, 'index', 'shtml');",
    "共999999999条".encode(),
    b"<div>" * 3000,
    b"\x00\x00\xff\xfe",
    "索 引 号：".encode(),
    "发布日期：2020年13月45日 25:61".encode(),
    b"<![CDATA[",
    b"<record><![CDATA[<li><a href='/art/2024/1/1/art_1_1.html'>x</a></li>]]></record>",
    b"<totalrecord>99999999999</totalrecord><totalpage>99999999999</totalpage>",
    b"&#0;&#xD800;&#99999999;",
    b"\r\n\t" * 100,
]
DISPOSITIONS = [
    None,
    "attachment; filename*=utf-8\0''x.pdf",
    "attachment; filename*=gb2312''%D6%D0.pdf",
    'attachment; filename="../../etc/passwd"',
    "attachment; filename*=x'y'" + "%" * 300,
    'attachment; filename="\xd6\xd0\xce\xc4.pdf"',
]


def families() -> dict[str, str]:
    """site_id -> family of every site profile, and the hostile mirror's."""
    from parsers.registry import family_reader

    found = {"hostile": "km"}
    for path in (ROOT / "crawler" / "sites").glob("*.toml"):
        family = tomllib.loads(path.read_text("utf-8")).get("family") or "auto"
        try:  # a profile without a family is read by detection, where the parsers have it
            family_reader("generic" if family == "auto" else family)
        except ValueError:
            continue
        found[path.stem] = family
    return found


def seeds() -> tuple[list[tuple[str, str, bytes]], list[tuple[str, bytes]]]:
    """(family, url, body) of every page and (url, body) of every file, in a fixed order."""
    by_site = families()
    pages: list[tuple[str, str, bytes]] = []
    files: list[tuple[str, bytes]] = []
    roots = [MIRROR / s for s in sorted(by_site)] + [ROOT / "tests" / "fixtures" / s
                                                     for s in sorted(by_site)]  # fmt: skip
    for site_root in roots:
        if not site_root.is_dir():
            continue
        family = by_site[site_root.name]
        for path in sorted(site_root.rglob("*")):
            if not path.is_file() or path.stat().st_size > MAX_INPUT:
                continue
            if path.name in SLOW_BY_DESIGN:
                continue
            url = (
                f"https://{site_root.name}.example.gov.cn/{path.relative_to(site_root).as_posix()}"
            )
            if path.suffix in PAGE_SUFFIXES or "@" in path.name:
                pages.append((family, url, path.read_bytes()))
            elif path.suffix in FILE_SUFFIXES:
                files.append((url, path.read_bytes()))
    return pages, files


def mutate(body: bytes, rng: random.Random, fragments: bool = True) -> bytes:
    """One to four random edits of ``body``."""
    data = bytearray(body)
    for _ in range(rng.randint(1, 4)):
        action = rng.randrange(7 if fragments else 5)
        at = rng.randrange(len(data) + 1)
        if action == 0 and data:  # flip bytes
            for _ in range(rng.randint(1, 8)):
                data[rng.randrange(len(data))] = rng.randrange(256)
        elif action == 1:  # insert random bytes
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 64)))
        elif action == 2 and data:  # delete a range
            del data[at : at + rng.randint(1, 4096)]
        elif action == 3 and data:  # repeat a slice
            piece = bytes(data[at : at + rng.randint(1, 256)])
            data[at:at] = piece * rng.randint(2, min(2000, MAX_INPUT // max(len(piece), 1)))
        elif action == 4 and data:  # cut short
            del data[rng.randrange(len(data)) :]
        else:  # splice a hostile fragment, sometimes many times
            fragment = rng.choice(FRAGMENTS)
            data[at:at] = fragment * (rng.randint(1, 50) if rng.random() < 0.3 else 1)
    return bytes(data[:MAX_INPUT])


# -- what runs in the worker ------------------------------------------------------------------


def run_page(family: str, url: str, body: bytes, which: str) -> str:
    from parsers import PageError, parse_detail, parse_list
    from parsers.decode import decode_html
    from parsers.figures import extract

    try:
        if which == "detail":
            parse_detail(body, url, family=family)
        elif which == "list":
            parse_list(body, url, family=family)
        else:
            text, _ = decode_html(body)
            for _ in extract(text):
                pass
    except PageError as exc:
        return exc.kind
    return "ok"


def run_file(url: str, body: bytes, disposition: str | None) -> str:
    from parsers.attachments import STATUSES, read_download

    read = read_download(body, url, None, disposition)
    assert read.content.status in STATUSES, read.content.status
    return read.content.status


def _worker(conn: Connection, memory: int) -> None:
    from parsers.sandbox import limit_memory

    logging.disable(logging.CRITICAL)  # PDF and Excel readers warn about every damaged byte
    limit_memory(memory)
    while True:
        task = conn.recv()
        if task is None:
            return
        func, args = task
        start = time.monotonic()
        try:
            result: tuple[str, str] = ("done", str(func(*args)))
        except MemoryError:
            result = ("memory", "MemoryError")
        except Exception as exc:  # noqa: BLE001 - what the fuzzer is looking for
            result = ("raised", f"{type(exc).__name__}: {str(exc)[:200]}")
        conn.send((*result, time.monotonic() - start))


# -- the parent ---------------------------------------------------------------------------------


@dataclass
class Report:
    calls: Counter[str] = field(default_factory=Counter)
    raised: Counter[str] = field(default_factory=Counter)  # "target: Type: message" -> count
    slow: Counter[str] = field(default_factory=Counter)  # calls past the time limit
    memory: Counter[str] = field(default_factory=Counter)
    crashed: Counter[str] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    examples: dict[str, Any] = field(default_factory=dict)  # first input of each failure
    seconds: float = 0.0

    @property
    def uncaught(self) -> int:
        return sum(self.raised.values())

    @property
    def over_time(self) -> int:
        return sum(self.slow.values())

    def lines(self) -> list[str]:
        out = [
            f"{sum(self.calls.values())} calls in {self.seconds:.0f} s: "
            + ", ".join(f"{k} {v}" for k, v in sorted(self.calls.items())),
            f"uncaught exceptions: {self.uncaught}",
            f"calls over the time limit: {self.over_time}",
            f"out of memory: {sum(self.memory.values())}, worker died: "
            f"{sum(self.crashed.values())}",
        ]
        for title, counter in (("raised", self.raised), ("slow", self.slow),
                               ("memory", self.memory), ("crashed", self.crashed)):  # fmt: skip
            out += [f"  {title}: {n} × {what}" for what, n in counter.most_common()]
        return out


class Runner:
    """Runs calls one after another in a worker process with a per-call time limit."""

    def __init__(self, timeout: float, memory: int) -> None:
        from parsers.sandbox import context

        self.ctx = context()
        self.timeout = timeout
        self.memory = memory
        self.process: Any = None
        self.conn: Connection | None = None

    def _start(self) -> None:
        receiver, sender = self.ctx.Pipe()
        self.process = self.ctx.Process(target=_worker, args=(sender, self.memory), daemon=True)  # type: ignore[attr-defined]
        self.process.start()
        sender.close()
        self.conn = receiver

    def stop(self) -> None:
        if self.process is not None:
            if self.process.is_alive():
                self.process.kill()
            self.process.join()
        if self.conn is not None:
            self.conn.close()
        self.process = self.conn = None

    def call(self, func: Callable[..., str], args: tuple[Any, ...]) -> tuple[str, str]:
        if self.process is None:
            self._start()
        assert self.conn is not None
        self.conn.send((func, args))
        if not self.conn.poll(self.timeout):
            self.stop()
            return "slow", f"no answer in {self.timeout:g} s"
        try:
            status, detail, _seconds = self.conn.recv()
        except (EOFError, OSError):
            code = self.process.exitcode if self.process is not None else None
            self.stop()
            return "crashed", f"worker exited with {code}"
        if status == "memory":
            self.stop()  # a fresh worker for the next call
        return status, detail


def fuzz(
    pages: int,
    attachments: int,
    seed: int = 1,
    timeout: float = 5.0,
    memory: int = 1024 * 1024 * 1024,
    progress: Callable[[int, int], None] | None = None,
) -> Report:
    """``pages`` mutated pages (each through detail, list and figure parsing in turn) and
    ``attachments`` mutated files."""
    page_seeds, file_seeds = seeds()
    rng = random.Random(seed)
    report = Report()
    runner = Runner(timeout, memory)
    total = pages + attachments
    start = time.monotonic()
    try:
        for n in range(total):
            if n < pages:
                family, url, body = rng.choice(page_seeds)
                which = ("detail", "list", "figures")[n % 3]
                target = f"{which}/{family}"
                func: Callable[..., str] = run_page
                args: tuple[Any, ...] = (family, url, mutate(body, rng), which)
            else:
                url, body = rng.choice(file_seeds)
                target = "read_download/" + url.rsplit(".", 1)[-1].lower()
                func = run_file
                args = (url, mutate(body, rng, fragments=rng.random() < 0.2),
                        rng.choice(DISPOSITIONS) if rng.random() < 0.3 else None)  # fmt: skip
            report.calls[target.split("/")[0]] += 1
            status, detail = runner.call(func, args)
            if status == "done":
                report.outcomes[detail] += 1
            else:
                counter = {"raised": report.raised, "slow": report.slow,
                           "memory": report.memory, "crashed": report.crashed}[status]  # fmt: skip
                key = f"{target}: {detail}"
                counter[key] += 1
                report.examples.setdefault(key, (func.__name__, args))
            if progress is not None:
                progress(n + 1, total)
    finally:
        runner.stop()
        report.seconds = time.monotonic() - start
    return report


def iter_examples(report: Report) -> Iterator[tuple[str, str, tuple[Any, ...]]]:
    for key, (name, args) in report.examples.items():
        yield key, name, args
