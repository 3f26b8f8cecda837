"""The raw capture: every HTTP exchange in WARC files (ISO 28500), written and read with warcio.

Files are gzip-per-record (``*.warc.gz``), so any record can be read by seeking to its offset,
and a file cut short by a crash loses only its last record. Each file starts with a warcinfo
record; each exchange is a request record followed by a response record whose extra headers
name the canonical URL and the site (``XXGK-Canonical-URL``, ``XXGK-Site``, ``XXGK-Page-Kind``),
so the archive can be rebuilt from these files alone.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

log = logging.getLogger(__name__)

DEFAULT_MAX_BYTES = 256 * 1024 * 1024
# Headers that describe how bytes travelled, not what they are: the body stored is already
# de-chunked, so keeping Transfer-Encoding would make the record lie about its payload.
_DROPPED_HEADERS = frozenset({"transfer-encoding"})


@dataclass(frozen=True)
class Capture:
    """Where one response went: its WARC file, record offset and length, and digest."""

    warc_file: str  # relative to the WARC directory
    offset: int
    length: int
    record_id: str
    payload_sha256: str


@dataclass(frozen=True)
class StoredResponse:
    """A response record read back from a WARC file."""

    warc_file: str
    offset: int
    target_uri: str
    canonical_url: str | None
    site_id: str | None
    page_kind: str | None
    date: str
    status: int
    headers: dict[str, str]
    body: bytes
    truncated: bool = False


def _iso_to_warc_date(fetched_at: str) -> str:
    moment = datetime.fromisoformat(fetched_at).astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class RotatingWarcWriter:
    """Appends request/response pairs to ``<dir>/<prefix>-<timestamp>-<n>.warc.gz`` files,
    starting a new file when the current one passes ``max_bytes``. A new writer always starts
    a new file, so a file cut short by a crash is never appended to.
    """

    def __init__(self, directory: str | Path, prefix: str, max_bytes: int = DEFAULT_MAX_BYTES):
        self.directory = Path(directory)
        self.prefix = prefix
        self.max_bytes = max_bytes
        self.serial = 0
        self._fh: BinaryIO | None = None
        self._writer: WARCWriter | None = None
        self._name = ""
        self.stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")

    def _open(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        self.serial += 1
        self._name = f"{self.prefix}-{self.stamp}-{self.serial:05d}.warc.gz"
        self._fh = open(self.directory / self._name, "xb")  # noqa: SIM115 - kept open
        self._writer = WARCWriter(self._fh, gzip=True)
        info = self._writer.create_warcinfo_record(
            self._name,
            {"software": "xxgk-archive", "format": "WARC File Format 1.1",
             "conformsTo": "https://iipc.github.io/warc-specifications/"},
        )  # fmt: skip
        self._writer.write_record(info)
        self._fh.flush()

    def write(
        self,
        *,
        target_uri: str,
        fetched_at: str,
        method: str,
        request_headers: list[tuple[str, str]],
        status: int,
        reason: str,
        response_headers: list[tuple[str, str]],
        body: bytes,
        extra: dict[str, str],
    ) -> Capture:
        if self._fh is None or self._fh.tell() >= self.max_bytes:
            self._open()
        assert self._fh is not None and self._writer is not None
        date = _iso_to_warc_date(fetched_at)
        path = urlpath(target_uri)
        request = self._writer.create_warc_record(
            target_uri,
            "request",
            payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders(f"{method} {path} HTTP/1.1", request_headers,
                                          is_http_request=True),
            warc_headers_dict={"WARC-Date": date},
        )  # fmt: skip
        headers = [(k, v) for k, v in response_headers if k.lower() not in _DROPPED_HEADERS]
        response = self._writer.create_warc_record(
            target_uri,
            "response",
            payload=io.BytesIO(body),
            http_headers=StatusAndHeaders(f"{status} {reason}".strip(), headers,
                                          protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": date, **extra},
        )  # fmt: skip
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        self._writer.write_record(request)
        offset = self._fh.tell()
        self._writer.write_record(response)
        self._fh.flush()
        os.fsync(self._fh.fileno())
        return Capture(
            warc_file=self._name,
            offset=offset,
            length=self._fh.tell() - offset,
            record_id=response.rec_headers.get_header("WARC-Record-ID"),
            payload_sha256=hashlib.sha256(body).hexdigest(),
        )

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
        self._fh = None
        self._writer = None


def urlpath(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def _stored(record: Any, warc_file: str, offset: int, body: bytes) -> StoredResponse:
    http = record.http_headers
    status_line = http.get_statuscode() if http is not None else "0"
    headers = {k: v for k, v in http.headers} if http is not None else {}
    rec = record.rec_headers
    return StoredResponse(
        warc_file=warc_file,
        offset=offset,
        target_uri=rec.get_header("WARC-Target-URI"),
        canonical_url=rec.get_header("XXGK-Canonical-URL"),
        site_id=rec.get_header("XXGK-Site"),
        page_kind=rec.get_header("XXGK-Page-Kind"),
        date=rec.get_header("WARC-Date"),
        status=int(status_line) if str(status_line).isdigit() else 0,
        headers=headers,
        body=body,
        truncated=rec.get_header("XXGK-Truncated") == "true",
    )


def read_response(directory: str | Path, warc_file: str, offset: int) -> StoredResponse:
    """The response record at ``offset`` of ``warc_file``."""
    with open(Path(directory) / warc_file, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            if record.rec_type != "response":
                raise ValueError(f"{warc_file}@{offset} is a {record.rec_type} record")
            return _stored(record, warc_file, offset, record.content_stream().read())
    raise ValueError(f"no record at {warc_file}@{offset}")


def iter_responses(path: str | Path) -> Iterator[StoredResponse]:
    """Every response record of a WARC file, in order. A record cut short (a crawl killed while
    writing) ends the file with a warning instead of an exception.
    """
    path = Path(path)
    with open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        try:
            for record in records:
                if record.rec_type != "response":
                    continue
                body = record.content_stream().read()  # before the offset: that reads to the end
                offset = records.get_record_offset()
                yield _stored(record, path.name, offset, body)
        except (ArchiveLoadFailed, EOFError, OSError, ValueError) as exc:
            log.warning("%s: truncated or damaged record after offset %s skipped (%s)",
                        path.name, records.offset, exc)  # fmt: skip


class PayloadTooLarge(Exception):
    """A captured response that unpacks past the size a reader asked for."""


def read_payload(
    directory: str | Path, warc_file: str, offset: int, limit: int
) -> tuple[int, bytes]:
    """The HTTP status and payload of the response record at ``offset``, decoded (chunked,
    gzip) as a stream: never more than ``limit`` bytes are unpacked (``PayloadTooLarge``
    beyond), so a gzip bomb kept in the capture cannot exhaust a reader. ValueError/OSError
    when the record is not there."""
    if Path(warc_file).name != warc_file or warc_file.startswith("."):
        raise ValueError(f"not a WARC file name: {warc_file!r}")
    with open(Path(directory) / warc_file, "rb") as fh:
        fh.seek(offset)
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response":
                    raise ValueError(f"{warc_file}@{offset} is a {record.rec_type} record")
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    raise PayloadTooLarge(f"more than {limit} bytes once unpacked")
                status = record.http_headers.get_statuscode() if record.http_headers else "0"
                return int(status or 0), body
        except ArchiveLoadFailed as exc:
            raise ValueError(f"{warc_file}@{offset}: {exc}") from exc
    raise ValueError(f"no record at {warc_file}@{offset}")
