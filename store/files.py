"""Attachment files: stored once by content, their extracted text, tables and figures.

Files live in ``data/files/<first two hex digits>/<sha256>``: the same file linked from many
documents (or many versions) is stored once. Every ``attachments`` row with the file's URL
takes the download's outcome; figures and tables extracted from the file are attached to each
of those rows, so queries over a document's figures see its attachments' figures too.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from parsers.attachments import AttachmentContent
from store.reports import rebuild_annual_reports
from store.rows import insert_figures, insert_tables
from store.search import reindex, unindex


@dataclass(frozen=True)
class Download:
    """One attachment download as the crawler saw it."""

    url: str
    fetched_at: str
    fetch_id: int | None
    status: str  # ok | too_large | not_found | blocked | server_error | connection | …
    file_name: str | None = None
    content_type: str | None = None
    size: int | None = None
    sha256: str | None = None


def file_path(files_dir: str | Path, sha256: str) -> Path:
    return Path(files_dir) / sha256[:2] / sha256


def save_file(files_dir: str | Path, body: bytes) -> str:
    """Store ``body`` under its sha256 (once; atomically); return the sha256."""
    digest = hashlib.sha256(body).hexdigest()
    path = file_path(files_dir, digest)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    return digest


# Outcomes after which a URL is not downloaded again (others are retried on the next crawl).
FINAL_DOWNLOADS = ("ok", "not_a_file", "too_large", "not_found")


def needs_download(db: Database, url: str) -> bool:
    """Whether no earlier crawl settled this attachment URL."""
    placeholders = ", ".join("?" for _ in FINAL_DOWNLOADS)
    row = db.execute(
        f"select 1 from attachments where url = ? and status in ({placeholders}) limit 1",
        [url, *FINAL_DOWNLOADS],
    ).fetchone()
    return row is None


def record_download(
    db: Database,
    files_dir: str | Path,
    url: str,
    fetched_at: str,
    fetch_id: int | None,
    body: bytes | None,
    file_name: str,
    content_type: str | None,
    content: AttachmentContent,
) -> Download:
    """Store a downloaded attachment's bytes (None: not the file) and what was read from it."""
    sha256 = save_file(files_dir, body) if body is not None else None
    download = Download(
        url=url,
        fetched_at=fetched_at,
        fetch_id=fetch_id,
        status="ok" if sha256 else content.status,
        file_name=file_name,
        content_type=content_type,
        size=len(body) if body is not None else None,
        sha256=sha256,
    )
    save_download(db, download, content)
    return download


def save_download(db: Database, download: Download, content: AttachmentContent | None) -> int:
    """Record a download for every attachment row with its URL; returns how many rows."""
    with db.atomic():
        # documents whose current version links this file: their indexed attachment text is
        # about to change, so they leave the index first (see store.search.unindex)
        indexed = [
            int(r[0])
            for r in db.execute(
                "select distinct d.id from attachments a join documents d"
                " on d.version_id = a.version_id where a.url = ? or a.sha256 = ?",
                [download.url, download.sha256],
            ).fetchall()
        ]
        for doc_id in indexed:
            unindex(db, doc_id)
        if download.sha256 and content is not None:
            db.table("files").upsert(
                {
                    "sha256": download.sha256,
                    "size": download.size,
                    "detected_type": content.detected_type,
                    "content_type": download.content_type,
                    "path": f"{download.sha256[:2]}/{download.sha256}",
                    "extraction_status": content.status,
                    "extraction_reason": content.reason,
                    "text": content.text or None,
                    "encoding": content.encoding,
                    "entries": json.dumps(content.entries, ensure_ascii=False)
                    if content.entries
                    else None,
                    "first_fetched_at": download.fetched_at,
                },
                pk="sha256",
            )
        rows = db.execute(
            "select id, document_id, version_id from attachments where url = ?", [download.url]
        ).fetchall()
        for attachment_id, doc_id, version_id in rows:
            db.table("attachments").update(
                attachment_id,
                {
                    "file_name": download.file_name,
                    "sha256": download.sha256,
                    "size": download.size,
                    "content_type": download.content_type,
                    "detected_type": content.detected_type if content else None,
                    "fetched_at": download.fetched_at,
                    "fetch_id": download.fetch_id,
                    "status": download.status,
                    "extraction_status": content.status if content else None,
                    "extraction_reason": content.reason if content else None,
                },
            )
            _replace_children(db, attachment_id, doc_id, version_id, content)
        for doc_id in sorted({*indexed, *(r[1] for r in rows)}):
            reindex(db, doc_id)
            rebuild_annual_reports(db, doc_id)
    return len(rows)


def _replace_children(
    db: Database,
    attachment_id: int,
    doc_id: int,
    version_id: int,
    content: AttachmentContent | None,
) -> None:
    db.execute("delete from figures where attachment_id = ?", [attachment_id])
    db.execute(
        "delete from table_cells where table_id in (select id from tables where attachment_id = ?)",
        [attachment_id],
    )
    db.execute("delete from tables where attachment_id = ?", [attachment_id])
    if content is None:
        return
    table_ids = insert_tables(db, doc_id, version_id, content.tables, attachment_id)
    insert_figures(db, doc_id, version_id, content.figures, table_ids, attachment_id)


def sha256_file(path: Path) -> str:
    """The sha256 of a file, read in 1 MiB blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
