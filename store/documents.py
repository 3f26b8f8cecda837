"""Documents, their versions and their status: the archive never forgets what a page said.

``save_document`` compares the parsed record with the document's latest version through a hash
of its content fields. Same hash: the fetch only refreshes ``last_seen_at``. Another hash: a new
``versions`` row holds the full content, which fields changed (old and new values; the body as a
line diff), and the figures, tables and attachments of that version. ``documents`` always shows
the latest version. Nothing is deleted.

``observe`` tracks whether a document is still there: ``live``, ``removed`` (404/410),
``soft_removed`` (a page saying it does not exist, or a redirect to the home page), ``blocked``
(an anti-bot wall), ``unreachable`` (no usable answer) and ``restored`` (back after any of
those). Every change is a row in ``status_changes`` with its evidence.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from parsers.quality import Problem
from parsers.records import Document
from store.reports import rebuild_annual_reports
from store.rows import copy_download, insert_figures, insert_tables, pk
from store.schema import NEW_FIELDS_005, VERSION_FIELDS
from store.search import indexed_status, reindex, unindex

STATUSES = ("live", "removed", "soft_removed", "blocked", "unreachable", "restored")
GONE = frozenset({"removed", "soft_removed", "blocked", "unreachable"})

# error kind of a fetch (parsers.errors) -> what it says about a known document
ERROR_STATUS = {
    "not_found": "removed",
    "soft_404": "soft_removed",
    "blocked": "blocked",
    "server_error": "unreachable",
    "timeout": "unreachable",
    "connection": "unreachable",
    "truncated": "unreachable",
    # no longer served at its URL: sent elsewhere, or round in circles
    "redirect_offsite": "soft_removed",
    "redirect_loop": "unreachable",
}

# The fields whose change makes a new version (attachments count through their URLs).
HASHED_FIELDS = (*VERSION_FIELDS, "attachments")


@dataclass(frozen=True)
class Saved:
    document_id: int
    version_id: int
    new_version: bool
    changed: tuple[str, ...]
    created: bool = False  # the document was not in the archive before


def _content(doc: Document) -> dict[str, Any]:
    parts = doc.index_no_parts or {}
    return {
        "title": doc.title,
        "index_no": doc.index_no,
        "index_no_org": parts.get("org_code"),
        "index_no_period": parts.get("period"),
        "index_no_serial": parts.get("serial"),
        "topic": doc.topic,
        "publisher": doc.publisher,
        "publish_date": doc.publish_date,
        "publish_year": int(doc.publish_date[:4]) if doc.publish_date else None,
        "doc_no": doc.doc_no,
        "keywords": json.dumps(doc.keywords, ensure_ascii=False),
        "body_text": doc.body_text,
        "metadata": json.dumps(doc.metadata, ensure_ascii=False, sort_keys=True),
        "written_date": doc.written_date,
        "validity": doc.validity,
        "issuer": doc.issuer,
        "doc_type": doc.doc_type,
        "subject_words": json.dumps(doc.subject_words, ensure_ascii=False)
        if doc.subject_words
        else None,
    }


def content_hash(doc: Document) -> str:
    content = _content(doc)
    # fields added later count only where a page has them, so upgrading the archive does not
    # make every document look edited
    for name in NEW_FIELDS_005:
        if content[name] is None:
            del content[name]
    content["attachments"] = [a.url for a in doc.attachments]
    blob = json.dumps(content, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _changes(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    changed: dict[str, Any] = {}
    for name in VERSION_FIELDS:
        if old.get(name) == new.get(name):
            continue
        if name == "body_text":
            diff = difflib.unified_diff(
                (old.get(name) or "").splitlines(),
                (new.get(name) or "").splitlines(),
                "old",
                "new",
                n=0,
                lineterm="",
            )
            changed[name] = {"diff": "\n".join(diff)}
        else:
            changed[name] = {"old": old.get(name), "new": new.get(name)}
    return changed


def _identity(doc: Document) -> dict[str, Any]:
    """What the page says of its site and column, and where its body came from: kept on the
    document, not part of its content (a template's metas changing is no new version)."""
    return {
        "site_code": doc.site_code,
        "site_name": doc.site_name,
        "column_name": doc.column_name,
        "body_source": doc.body_source,
    }


def save_document(
    db: Database,
    site_id: str,
    doc: Document,
    fetch_id: int | None,
    seen_at: str,
    run_id: int | None = None,
    problems: Sequence[Problem] = (),
) -> Saved:
    """Insert or update the document at ``doc.url``, versioned, in one transaction; a new
    version records ``problems`` (its body missing, a required field empty)."""
    content = _content(doc)
    digest = content_hash(doc)
    with db.atomic():
        if doc.site_code or doc.site_name:
            db.execute(
                "update sites set site_code = coalesce(?, site_code),"
                " declared_name = coalesce(?, declared_name) where id = ?",
                [doc.site_code, doc.site_name, site_id],
            )
        row = db.execute(
            "select id, content_hash, version_id, version_count from documents where url = ?",
            [doc.url],
        ).fetchone()
        if row is not None and row[1] == digest:
            doc_id = int(row[0])
            db.table("documents").update(
                doc_id, {"last_seen_at": seen_at, "fetch_id": fetch_id, **_identity(doc)}
            )
            _observe(db, doc_id, "live", fetch_id, 200, "", seen_at, run_id)
            return Saved(doc_id, int(row[2]), False, ())
        if row is None:
            doc_id = pk(
                db.table("documents")
                .insert(
                    {
                        "url": doc.url,
                        "site_id": site_id,
                        "first_seen_at": seen_at,
                        "last_seen_at": seen_at,
                        "version_count": 0,
                    }
                )
                .last_pk
            )
            previous: dict[str, Any] = {}
            version_no = 1
        else:
            doc_id = int(row[0])
            previous = {}
            if row[2] is not None:  # None: a row reset by reparse, rebuilt from version 1
                values = db.execute(
                    f"select {', '.join(VERSION_FIELDS)} from versions where id = ?", [row[2]]
                ).fetchone()
                previous = dict(zip(VERSION_FIELDS, values, strict=True))
            version_no = int(row[3] or 0) + 1
        changed = _changes(previous, content) if previous else {}
        unindex(db, doc_id)  # before the row changes: the index's old values come from it
        version_id = pk(
            db.table("versions")
            .insert(
                {
                    "document_id": doc_id,
                    "version_no": version_no,
                    "fetch_id": fetch_id,
                    "fetched_at": seen_at,
                    "content_hash": digest,
                    "changed_fields": json.dumps(changed, ensure_ascii=False) if changed else None,
                    **content,
                }
            )
            .last_pk
        )
        db.table("documents").update(
            doc_id,
            {
                **content,
                **_identity(doc),
                "site_id": site_id,
                "fetch_id": fetch_id,
                "last_seen_at": seen_at,
                "content_hash": digest,
                "version_id": version_id,
                "version_count": version_no,
            },
        )
        _insert_version_children(db, doc_id, version_id, doc, seen_at)
        db.table("problems").insert_all(
            {"document_id": doc_id, "version_id": version_id, "fetch_id": fetch_id,
             "run_id": run_id, "kind": p.kind, "field": p.field, "detail": p.detail,
             "found_at": seen_at}
            for p in problems
        )  # fmt: skip
        reindex(db, doc_id)
        rebuild_annual_reports(db, doc_id)
        _observe(db, doc_id, "live", fetch_id, 200, "", seen_at, run_id)
    return Saved(doc_id, version_id, True, tuple(changed), created=row is None)


def observe(
    db: Database,
    url: str,
    error_kind: str,
    fetch_id: int | None,
    http_status: int | None,
    evidence: str,
    observed_at: str,
    run_id: int | None = None,
) -> str | None:
    """Record that fetching a known document's URL failed with ``error_kind``.

    Returns the document's status afterwards, or None when the URL is no archived document or
    the error says nothing about the document's presence (a parse error, say).
    """
    status = ERROR_STATUS.get(error_kind)
    if status is None:
        return None
    with db.atomic():
        row = db.execute("select id from documents where url = ?", [url]).fetchone()
        if row is None:
            return None
        return _observe(db, int(row[0]), status, fetch_id, http_status, evidence, observed_at,
                        run_id)  # fmt: skip


def _observe(
    db: Database,
    doc_id: int,
    observed: str,
    fetch_id: int | None,
    http_status: int | None,
    evidence: str,
    at: str,
    run_id: int | None,
) -> str:
    current: str | None = db.execute(
        "select status from documents where id = ?", [doc_id]
    ).fetchone()[0]
    # back after being gone: restored, and it stays restored while it stays there
    new = "restored" if observed == "live" and current in (*GONE, "restored") else observed
    if new == current:
        return new
    refiled = indexed_status(new) != indexed_status(current)  # status is a filter of the index
    if refiled:
        unindex(db, doc_id)
    db.table("documents").update(
        doc_id,
        {
            "status": new,
            "status_changed_at": at,
            "status_fetch_id": fetch_id,
            "status_http_status": http_status,
            "status_evidence": evidence[:500],
        },
    )
    db.table("status_changes").insert(
        {
            "document_id": doc_id,
            "status": new,
            "previous_status": current,
            "changed_at": at,
            "fetch_id": fetch_id,
            "http_status": http_status,
            "evidence": evidence[:500],
            "run_id": run_id,
        }
    )
    if refiled:
        reindex(db, doc_id)
    return new


def touch_document(
    db: Database, url: str, fetch_id: int | None, seen_at: str, run_id: int | None = None
) -> bool:
    """A conditional re-fetch answered 304 Not Modified: the document is there, unchanged."""
    with db.atomic():
        row = db.execute("select id from documents where url = ?", [url]).fetchone()
        if row is None:
            return False
        db.table("documents").update(int(row[0]), {"last_seen_at": seen_at})
        _observe(db, int(row[0]), "live", fetch_id, 304, "", seen_at, run_id)
    return True


def recheck_due(db: Database, site_id: str, limit: int) -> list[str]:
    """The ``limit`` documents of a site checked longest ago (never-checked first): a nightly
    run re-fetches these, so every document is checked once per rotation."""
    return [
        r[0]
        for r in db.execute(
            "select d.url from documents d where d.site_id = ? order by"
            " (select max(f.fetched_at) from fetches f where f.url = d.url) asc, d.id asc"
            " limit ?",
            [site_id, limit],
        ).fetchall()
    ]


def conditional_headers(db: Database, url: str) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last good fetch of ``url``."""
    row = db.execute(
        "select etag, last_modified from fetches where url = ? and status = 200"
        " order by fetched_at desc, id desc limit 1",
        [url],
    ).fetchone()
    headers: dict[str, str] = {}
    if row is not None and row[0]:
        headers["If-None-Match"] = row[0]
    if row is not None and row[1]:
        headers["If-Modified-Since"] = row[1]
    return headers


def settled_error_urls(db: Database, site_id: str) -> list[str]:
    """URLs (not archived documents) whose last answer said they are not documents: gone,
    a soft 404, off-limits by robots.txt, or unparseable."""
    return [
        r[0]
        for r in db.execute(
            "select distinct e.url from errors e where e.site_id = ? and e.kind in"
            " ('not_found', 'soft_404', 'robots_disallowed', 'parse_error')"
            " and e.url not in (select url from documents)",
            [site_id],
        ).fetchall()
    ]


def known_document_urls(db: Database, site_id: str) -> list[str]:
    """Canonical URLs of the site's archived documents, in the order they were first seen."""
    return [
        r[0]
        for r in db.execute(
            "select url from documents where site_id = ? order by id", [site_id]
        ).fetchall()
    ]


def _insert_version_children(
    db: Database, doc_id: int, version_id: int, doc: Document, seen_at: str
) -> None:
    table_ids = insert_tables(db, doc_id, version_id, doc.tables)
    insert_figures(db, doc_id, version_id, doc.figures, table_ids)
    for a in doc.attachments:
        attachment_id = pk(
            db.table("attachments")
            .insert(
                {
                    "document_id": doc_id,
                    "version_id": version_id,
                    "url": a.url,
                    "name": a.name,
                    "ext": a.ext,
                    "first_seen_at": seen_at,
                    "status": "pending",
                }
            )
            .last_pk
        )
        # a file downloaded before (for an earlier version or another document) is not
        # fetched again: this row takes its download and its figures
        known = db.execute(
            "select id from attachments where url = ? and status != 'pending' and id != ?"
            " order by id desc limit 1",
            [a.url, attachment_id],
        ).fetchone()
        if known is not None:
            copy_download(db, int(known[0]), attachment_id)
