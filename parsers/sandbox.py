"""Attachment extraction in a worker process, with a time limit and a memory limit.

The readers of PDF, Word and Excel files are third-party code that a crafted file can keep
busy for minutes or make allocate gigabytes; the bounds of ``parsers.limits`` catch the known
ways, and this is the backstop for the rest. Each file is read by a fresh child process (forked
from a small server process that imported the readers once, so a child starts in
milliseconds and shares nothing with the crawler's threads); the child caps its own address
space with ``RLIMIT_AS`` and is killed when the time is up. One file's failure never reaches
the next one, and never the crawl: the crawler and ``xxgk reparse`` get a ``ReadDownload``
whatever happens, with the extraction status ``timeout`` (time limit), ``too_complex``
(memory limit, or the child died) or ``corrupt`` (the reader raised).

``run_limited`` is the general form (``xxgk.fuzz`` uses it to run the parsers on mutated
input with a per-call limit).
"""

from __future__ import annotations

import multiprocessing
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from typing import Any

from parsers.attachments import (
    AttachmentContent,
    ReadDownload,
    read_download,
    safe_filename,
    sniff,
    url_ext,
)
from parsers.limits import EXTRACT_MEMORY, EXTRACT_TIMEOUT

# Imported once by the server process the children are forked from.
PRELOAD = ["parsers.sandbox", "parsers.attachments", "pdfplumber", "docx", "openpyxl", "xlrd"]


@dataclass
class Outcome:
    """How a limited call ended: ``done`` (``value`` holds its result), ``raised`` (an
    exception escaped it), ``memory`` (MemoryError), ``timeout`` or ``crashed`` (the child
    died without an answer)."""

    status: str
    value: Any = None
    detail: str = ""
    seconds: float = 0.0


_context: BaseContext | None = None


def context() -> BaseContext:
    """The forkserver context (made once per process): children forked from a process that
    never ran the crawler's threads or reactor."""
    global _context
    if _context is None:
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        _context = ctx
    return _context


def _address_space() -> int:
    """This process's current virtual size in bytes (0 where /proc is not there)."""
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * resource.getpagesize()
    except (OSError, ValueError, IndexError):
        return 0


def limit_memory(extra: int) -> None:
    """Cap this process's address space at its current size plus ``extra`` bytes."""
    if extra <= 0:
        return
    limit = _address_space() + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(conn: Connection, func: Callable[..., Any], args: tuple[Any, ...], memory: int) -> None:
    try:
        limit_memory(memory)
        result: tuple[str, Any, str] = ("done", func(*args), "")
    except MemoryError:
        result = ("memory", None, "MemoryError")
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which decides
        result = ("raised", None, f"{type(exc).__name__}: {exc}"[:500])
    try:
        conn.send(result)
    except MemoryError:
        conn.send(("memory", None, "MemoryError while sending the result"))
    finally:
        conn.close()


def run_limited(
    func: Callable[..., Any],
    args: tuple[Any, ...],
    timeout: float = EXTRACT_TIMEOUT,
    memory: int = EXTRACT_MEMORY,
) -> Outcome:
    """``func(*args)`` in a fresh child process, with at most ``timeout`` seconds and
    ``memory`` bytes of address space beyond what the child starts with. ``func`` must be a
    module-level function, and its arguments and result picklable."""
    ctx = context()
    receiver, sender = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child, args=(sender, func, args, memory), daemon=True)  # type: ignore[attr-defined]
    start = time.monotonic()
    process.start()
    sender.close()
    try:
        if receiver.poll(timeout):
            try:
                status, value, detail = receiver.recv()
            except (EOFError, OSError):
                process.join(5)
                status, value, detail = "crashed", None, _exit_detail(process.exitcode)
        else:
            status, value, detail = "timeout", None, f"no result after {timeout:g} s"
    finally:
        if process.is_alive():
            process.kill()
        process.join()
        receiver.close()
    return Outcome(status, value, detail, time.monotonic() - start)


def _exit_detail(code: int | None) -> str:
    if code is not None and code < 0:
        return f"the worker was killed by signal {-code}"
    return f"the worker exited with code {code} and no result"


_STATUS = {"timeout": "timeout", "memory": "too_complex", "crashed": "too_complex"}


def read_download_limited(
    body: bytes,
    url: str,
    content_type: str | None,
    content_disposition: str | None,
    timeout: float = EXTRACT_TIMEOUT,
    memory: int = EXTRACT_MEMORY,
) -> ReadDownload:
    """``parsers.attachments.read_download`` in a worker process with a time and a memory
    limit; never raises. A file the worker could not finish is still a file (it is archived as
    it is) whose extraction status says why there is no text."""
    outcome = run_limited(
        read_download, (body, url, content_type, content_disposition), timeout, memory
    )
    if outcome.status == "done" and isinstance(outcome.value, ReadDownload):
        return outcome.value
    if outcome.status == "timeout":
        reason = f"extraction stopped after {timeout:g} s (the time limit of one file)"
    elif outcome.status == "memory":
        reason = f"extraction needed more than {memory // 2**20} MiB (the memory limit)"
    else:
        reason = outcome.detail or "extraction failed"
    try:
        name = safe_filename(content_disposition, url)
    except Exception:  # noqa: BLE001 - never raises, as promised
        name = "attachment"
    status = _STATUS.get(outcome.status, "corrupt")
    return ReadDownload(name, AttachmentContent(_kind(body, url), status, reason), is_file=True)


def _kind(body: bytes, url: str) -> str:
    """What the bytes are, from their first bytes only (the whole file already failed once)."""
    ext = url_ext(url)
    try:
        kind = sniff(body[:65536], ext)
    except Exception:  # noqa: BLE001 - only a label here
        return "unknown"
    return ext if kind == "zip" and ext in ("docx", "xlsx") else kind
