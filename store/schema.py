"""The archive's schema, as numbered migrations run by sqlite-utils' ``Migrations``.

A migration is never edited once released; a change of shape is a new migration. ``ensure_db``
is idempotent: it applies what is missing and (re)creates the search index and pragmas.
Archives made before ``Migrations`` (a ``_migrations`` table) are adopted in place.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlite_utils import Database, Migrations

from store.reports import create_report_tables
from store.search import FTS_TABLE, create_search_tables, ensure_search_index

Migration = Callable[[Database], None]


def _m001_initial(db: Database) -> None:
    db.table("sites").create(
        {
            "id": str,
            "name": str,
            "family": str,
            "base_url": str,
            "columns": str,  # JSON list of {path, name}
            "verified": int,
        },
        pk="id",
        not_null={"name", "family", "base_url"},
    )
    db.table("crawl_runs").create(
        {
            "id": int,
            "site_id": str,
            "started_at": str,
            "finished_at": str,
            "fetch_base_url": str,
            "requests": int,
            "documents": int,
            "errors": int,
            "stats": str,  # JSON: Scrapy's stats and per-field fill counts
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id")],
        not_null={"site_id", "started_at"},
    )
    db.table("fetches").create(
        {
            "id": int,
            "run_id": int,
            "site_id": str,
            "url": str,
            "fetch_url": str,
            "kind": str,
            "fetched_at": str,
            "status": int,
            "sha256": str,
            "bytes": int,
            "content_type": str,
            "encoding": str,
            "etag": str,
            "last_modified": str,
            "redirected_from_url": str,
        },
        pk="id",
        foreign_keys=[("run_id", "crawl_runs", "id"), ("site_id", "sites", "id")],
        not_null={"site_id", "url", "fetched_at", "kind"},
    )
    db.table("documents").create(
        {
            "id": int,
            "url": str,
            "site_id": str,
            "title": str,
            "index_no": str,
            "index_no_org": str,
            "index_no_period": str,
            "index_no_serial": str,
            "topic": str,
            "publisher": str,
            "publish_date": str,
            "publish_year": int,
            "doc_no": str,
            "keywords": str,  # JSON list
            "body_text": str,
            "metadata": str,  # JSON object: every label/value pair as written
            "fetch_id": int,
            "first_seen_at": str,
            "last_seen_at": str,
        },
        pk="id",
        foreign_keys=[("site_id", "sites", "id"), ("fetch_id", "fetches", "id")],
        not_null={"url", "site_id", "first_seen_at", "last_seen_at"},
    )
    db.table("attachments").create(
        {
            "id": int,
            "document_id": int,
            "url": str,
            "name": str,
            "ext": str,
            "first_seen_at": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "url"},
    )
    db.table("errors").create(
        {
            "id": int,
            "run_id": int,
            "site_id": str,
            "url": str,
            "fetched_at": str,
            "kind": str,
            "http_status": int,
            "detail": str,
            "fetch_id": int,
        },
        pk="id",
        foreign_keys=[
            ("run_id", "crawl_runs", "id"),
            ("site_id", "sites", "id"),
            ("fetch_id", "fetches", "id"),
        ],
        not_null={"url", "fetched_at", "kind"},
    )
    db.table("documents").create_index(["url"], unique=True)
    for column in (
        "site_id",
        "publisher",
        "topic",
        "publish_date",
        "publish_year",
        "doc_no",
        "index_no",
    ):
        db.table("documents").create_index([column])
    db.table("attachments").create_index(["document_id", "url"], unique=True)
    db.table("attachments").create_index(["ext"])
    db.table("fetches").create_index(["url", "fetched_at"])
    db.table("fetches").create_index(["sha256"])
    db.table("fetches").create_index(["run_id"])
    db.table("errors").create_index(["kind"])
    db.table("errors").create_index(["url"])
    db.table("errors").create_index(["run_id"])
    db.table("crawl_runs").create_index(["site_id", "started_at"])


def _m002_figures_and_tables(db: Database) -> None:
    db.table("tables").create(
        {
            "id": int,
            "document_id": int,
            "table_index": int,
            "caption": str,
            "heading": str,
            "unit": str,
            "n_rows": int,
            "n_cols": int,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id")],
        not_null={"document_id", "table_index"},
    )
    db.table("table_cells").create(
        {
            "id": int,
            "table_id": int,
            "row_index": int,
            "col_index": int,
            "text": str,
            "rowspan": int,
            "colspan": int,
            "is_header": int,
            "row_header": str,
            "col_header": str,
        },
        pk="id",
        foreign_keys=[("table_id", "tables", "id")],
        not_null={"table_id", "row_index", "col_index"},
    )
    db.table("figures").create(
        {
            "id": int,
            "document_id": int,
            "source": str,  # text | table
            "table_id": int,
            "row_index": int,
            "col_index": int,
            "position": int,
            "text": str,
            "value": str,
            "value_max": str,
            "unit": str,
            "value_base": str,
            "value_base_max": str,
            "amount": float,  # value_base as a number, for sorting and sums
            "base_unit": str,
            "kind": str,
            "approximate": int,
            "direction": str,
            "label": str,
            "context": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("table_id", "tables", "id")],
        not_null={"document_id", "source", "position", "text", "value", "kind"},
    )
    db.table("tables").create_index(["document_id", "table_index"], unique=True)
    db.table("table_cells").create_index(["table_id", "row_index", "col_index"])
    for column in ("document_id", "kind", "unit", "base_unit", "label", "table_id"):
        db.table("figures").create_index([column])


_VERSION_FIELDS_003 = (
    "title",
    "index_no",
    "index_no_org",
    "index_no_period",
    "index_no_serial",
    "topic",
    "publisher",
    "publish_date",
    "publish_year",
    "doc_no",
    "keywords",
    "body_text",
    "metadata",
)
# Fields 005 added; the content of every version and of documents (latest version).
NEW_FIELDS_005 = ("written_date", "validity", "issuer", "doc_type", "subject_words")
VERSION_FIELDS = (*_VERSION_FIELDS_003, *NEW_FIELDS_005)


def _m003_warc_versions_status(db: Database) -> None:
    fetches = db.table("fetches")
    for column, kind in (
        ("warc_file", str),
        ("warc_offset", int),
        ("warc_length", int),
        ("warc_record_id", str),
        ("truncated", int),
        ("outcome", str),  # what the spider made of a final response; NULL: retried/redirected
    ):
        fetches.add_column(column, kind)
    db.table("versions").create(
        {
            "id": int,
            "document_id": int,
            "version_no": int,
            "fetch_id": int,
            "fetched_at": str,
            "content_hash": str,
            "changed_fields": str,  # JSON {field: {"old": …, "new": …}}; body_text as a diff
            **{name: (int if name == "publish_year" else str) for name in _VERSION_FIELDS_003},
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("fetch_id", "fetches", "id")],
        not_null={"document_id", "version_no", "fetched_at", "content_hash"},
    )
    db.table("versions").create_index(["document_id", "version_no"], unique=True)
    db.table("versions").create_index(["fetched_at"])
    documents = db.table("documents")
    for column, kind in (
        ("version_id", int),
        ("version_count", int),
        ("content_hash", str),
        ("status", str),
        ("status_changed_at", str),
        ("status_fetch_id", int),
        ("status_http_status", int),
        ("status_evidence", str),
    ):
        documents.add_column(column, kind)
    documents.create_index(["status"])
    db.table("status_changes").create(
        {
            "id": int,
            "document_id": int,
            "status": str,
            "previous_status": str,
            "changed_at": str,
            "fetch_id": int,
            "http_status": int,
            "evidence": str,
            "run_id": int,
        },
        pk="id",
        foreign_keys=[
            ("document_id", "documents", "id"),
            ("fetch_id", "fetches", "id"),
            ("run_id", "crawl_runs", "id"),
        ],
        not_null={"document_id", "status", "changed_at"},
    )
    db.table("status_changes").create_index(["document_id", "changed_at"])
    db.table("status_changes").create_index(["status"])
    for table in ("figures", "tables", "attachments"):
        db.table(table).add_column("version_id", int, fk="versions", fk_col="id")
        db.table(table).create_index(["version_id"])
    db.execute("drop index if exists idx_attachments_document_id_url")
    db.table("attachments").create_index(["version_id", "url"], unique=True)
    db.table("attachments").create_index(["document_id"])
    # Documents archived before versions existed become their own first version.
    for doc in list(db.query("select * from documents")):
        version = {name: doc[name] for name in _VERSION_FIELDS_003}
        version_id = (
            db.table("versions")
            .insert(
                {
                    "document_id": doc["id"],
                    "version_no": 1,
                    "fetch_id": doc["fetch_id"],
                    "fetched_at": doc["first_seen_at"],
                    "content_hash": "",
                    "changed_fields": None,
                    **version,
                }
            )
            .last_pk
        )
        documents.update(
            doc["id"],
            {"version_id": version_id, "version_count": 1, "status": "live",
             "status_changed_at": doc["first_seen_at"]},
        )  # fmt: skip
        for table in ("figures", "tables", "attachments"):
            db.execute(f"update {table} set version_id = ? where document_id = ?",
                       [version_id, doc["id"]])  # fmt: skip


def _m004_attachment_files(db: Database) -> None:
    attachments = db.table("attachments")
    for column, kind in (
        ("file_name", str),
        ("sha256", str),
        ("size", int),
        ("content_type", str),
        ("detected_type", str),
        ("fetched_at", str),
        ("fetch_id", int),
        ("status", str),  # pending | ok | too_large | an error kind of the download
        ("extraction_status", str),
        ("extraction_reason", str),
    ):
        attachments.add_column(column, kind)
    db.execute("update attachments set status = 'pending' where status is null")
    attachments.create_index(["url"])
    attachments.create_index(["sha256"])
    attachments.create_index(["status"])
    db.table("files").create(
        {
            "sha256": str,
            "size": int,
            "detected_type": str,
            "content_type": str,
            "path": str,  # under the files directory (data/files/)
            "extraction_status": str,
            "extraction_reason": str,
            "text": str,
            "encoding": str,
            "entries": str,  # JSON list for archives: name, size, compressed_size
            "first_fetched_at": str,
        },
        pk="sha256",
        not_null={"size", "path", "first_fetched_at"},
    )
    for table in ("figures", "tables"):
        db.table(table).add_column("attachment_id", int, fk="attachments", fk_col="id")
        db.table(table).create_index(["attachment_id"])
    # A table is the n-th of a version's page or of one of its attachments (each version has
    # its own tables, so the document-wide key of 002 no longer holds).
    db.execute("drop index if exists idx_tables_document_id_table_index")
    db.execute(
        "create unique index idx_tables_version_attachment_index"
        " on tables (version_id, ifnull(attachment_id, 0), table_index)"
    )
    # The search index gains the text of each document's attachments: FTS5 tables cannot
    # change their columns, so it is rebuilt (ensure_db creates it anew and fills it).
    db.execute(f"drop table if exists {FTS_TABLE}")


def _m005_family_fields(db: Database) -> None:
    for table in ("documents", "versions"):
        for column in NEW_FIELDS_005:
            db.table(table).add_column(column, str)  # subject_words: a JSON list
    db.table("documents").create_index(["written_date"])
    db.table("documents").create_index(["doc_type"])
    db.table("documents").create_index(["validity"])


def _m006_run_health(db: Database) -> None:
    runs = db.table("crawl_runs")
    runs.add_column("status", str)  # ok | degraded | broken
    runs.add_column("status_reason", str)
    runs.add_column("fill_rates", str)  # JSON {field: share of detail pages with it}
    runs.create_index(["status"])


def _m007_run_records(db: Database) -> None:
    runs = db.table("crawl_runs")
    for column, kind in (
        ("mode", str),  # full | incremental
        ("bytes", int),
        ("new_documents", int),
        ("changed_documents", int),
        ("unchanged_documents", int),
        ("removed_documents", int),  # went removed, soft_removed, blocked or unreachable
        ("restored_documents", int),
        ("new_attachments", int),
        ("errors_by_kind", str),  # JSON {kind: count}
    ):
        runs.add_column(column, kind)


def _m008_site_identity_and_problems(db: Database) -> None:
    # what a page says of its site and column (national meta tags), and where its body came from
    for column in ("site_code", "site_name", "column_name", "body_source"):
        db.table("documents").add_column(column, str)
    db.table("documents").create_index(["site_code"])
    sites = db.table("sites")
    sites.add_column("site_code", str)  # 政府网站标识码, as the site's pages declare it
    sites.add_column("declared_name", str)  # SiteName, as the site's pages declare it
    db.table("problems").create(
        {
            "id": int,
            "document_id": int,
            "version_id": int,
            "fetch_id": int,
            "run_id": int,
            "kind": str,  # body_missing | field_missing
            "field": str,
            "detail": str,
            "found_at": str,
        },
        pk="id",
        foreign_keys=[("document_id", "documents", "id"), ("version_id", "versions", "id")],
        not_null={"document_id", "kind", "found_at"},
    )
    for column in ("document_id", "version_id", "kind"):
        db.table("problems").create_index([column])


def _m009_annual_reports(db: Database) -> None:
    create_report_tables(db)


def _m010_shards(db: Database) -> None:
    # a run merged from a shard (see store/shards.py): "<shard id>/<run id in the shard>", so
    # merging a shard twice adds nothing; the node that crawled it and where it stands
    runs = db.table("crawl_runs")
    runs.add_column("origin", str)
    runs.add_column("node", str)
    runs.add_column("vantage", str)
    db.execute(
        "create unique index idx_crawl_runs_origin on crawl_runs (origin) where origin is not null"
    )
    db.table("fetches").create_index(["warc_record_id"])
    db.table("fetches").create_index(["site_id", "fetched_at"])


def _m011_search_index(db: Database) -> None:
    # The one-token-per-character index with a second copy of the text gives way to a
    # contentless index keyed in publication order (store.search): ensure_db builds it anew.
    db.execute(f"drop table if exists {FTS_TABLE}")
    create_search_tables(db)


# The archive's migrations, in order. A released step is never edited; a new shape is a new
# step at the end.
STEPS: list[tuple[str, Migration]] = [
    ("001_initial", _m001_initial),
    ("002_figures_and_tables", _m002_figures_and_tables),
    ("003_warc_versions_status", _m003_warc_versions_status),
    ("004_attachment_files", _m004_attachment_files),
    ("005_family_fields", _m005_family_fields),
    ("006_run_health", _m006_run_health),
    ("007_run_records", _m007_run_records),
    ("008_site_identity_and_problems", _m008_site_identity_and_problems),
    ("009_annual_reports", _m009_annual_reports),
    ("010_shards", _m010_shards),
    ("011_search_index", _m011_search_index),
]

MIGRATIONS = Migrations("xxgk-archive")
for _name, _step in STEPS:
    MIGRATIONS(name=_name)(_step)

# Archives made before sqlite-utils' Migrations recorded their steps in this table.
_LEGACY_TABLE = "_migrations"


def _adopt_legacy_record(db: Database) -> None:
    """Carry the steps an older archive recorded in ``_migrations`` over to sqlite-utils'
    ``_sqlite_migrations``, so they are not applied twice, then drop the old table."""
    if _LEGACY_TABLE not in db.table_names():
        return
    MIGRATIONS.ensure_migrations_table(db)
    known = {name for name, _ in STEPS}
    recorded = {m.name for m in MIGRATIONS.applied(db)}
    with db.atomic():
        for row in db.table(_LEGACY_TABLE).rows:
            if row["name"] in known and row["name"] not in recorded:
                db.table(Migrations.migrations_table).insert(
                    {"migration_set": MIGRATIONS.name, "name": row["name"],
                     "applied_at": row["applied_at"]}
                )  # fmt: skip
        db.table(_LEGACY_TABLE).drop()


def ensure_db(db: Database) -> Database:
    """Bring an archive database to the current shape: migrations, search index, pragmas.
    Idempotent."""
    db.execute("PRAGMA foreign_keys = ON")
    _adopt_legacy_record(db)
    MIGRATIONS.apply(db)
    ensure_search_index(db)
    return db
