"""The document page: ``/archive/documents/<id>`` as a readable record with its provenance.

Datasette renders a documents row with ``serve/templates/row-archive-documents.html``; this
plugin gives that template, under ``doc``, everything it shows: the metadata box as written,
the fetch the current version came from (fetched_at, sha256, HTTP status, WARC file and
offset), the current version's figures, tables (cell by cell) and attachments (with
``/-/files/<sha256>`` download links, see ``archived_files.py``), every version with its
changed fields parsed, and every status change with its evidence. Links to an archived copy go
to ``/-/archived/<fetch_id>`` (``archived_page.py``). Templates escape every value, and a URL
from the archive becomes a link only when it is an http(s) URL (``href`` beside ``url``): an
archive built before the parsers checked links may hold a ``JavaScript:`` one.
"""

from __future__ import annotations

import json
import re
from typing import Any

from datasette import hookimpl
from datasette.utils import urlsafe_components

from parsers.urls import web_url
from serve import database_query, read

_SHA_RE = re.compile(r"^[0-9a-f]{64}$")
# Normalized fields shown above the metadata box, with their labels.
FIELDS = (
    ("index_no", "索引号 · Index number"),
    ("topic", "主题分类 · Topic"),
    ("publisher", "发布机构 · Publisher"),
    ("issuer", "发文机关 · Issuer"),
    ("publish_date", "发布日期 · Published"),
    ("written_date", "成文日期 · Written"),
    ("doc_no", "文号 · Document number"),
    ("doc_type", "公文种类 · Kind"),
    ("validity", "有效性 · Validity"),
    ("keywords", "关键字 · Keywords"),
    ("subject_words", "主题词 · Subject words"),
)
FIELD_LABELS = dict(FIELDS) | {
    "title": "标题 · Title",
    "body_text": "正文 · Body",
    "metadata": "元数据 · Metadata",
    "index_no_org": "索引号机构代码 · Index org code",
    "index_no_period": "索引号年月 · Index period",
    "index_no_serial": "索引号流水号 · Index serial",
    "publish_year": "发布年份 · Year",
}
ARCHIVABLE_KINDS = ("detail", "list")


def _json(value: Any, default: Any) -> Any:
    if not isinstance(value, str) or not value:
        return default
    try:
        return json.loads(value)
    except ValueError:
        return default


def _show(value: Any) -> str:
    """A field value as text: JSON lists joined, None as empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(("[", "{")):
        parsed = _json(value, None)
        if isinstance(parsed, list):
            return "、".join(str(v) for v in parsed)
        if isinstance(parsed, dict):
            return "; ".join(f"{k}: {v}" for k, v in parsed.items())
    return str(value)


def _changes(changed_fields: Any) -> list[dict[str, Any]]:
    changes = []
    for name, change in (_json(changed_fields, {}) or {}).items():
        if not isinstance(change, dict):
            continue
        changes.append(
            {
                "field": name,
                "label": FIELD_LABELS.get(name, name),
                "diff": change.get("diff"),
                "old": _show(change.get("old")),
                "new": _show(change.get("new")),
            }
        )
    return changes


def _archived(fetch: dict[str, Any] | None, where: str = "") -> str | None:
    if fetch and fetch.get("warc_file") and fetch.get("kind") in ARCHIVABLE_KINDS:
        return f"/-/archived/{fetch['id']}{where}"
    return None


async def document_context(
    datasette: Any, doc_id: int, database: str | None = None
) -> dict[str, Any] | None:
    found = await read(datasette, lambda archive: archive.document(doc_id), database)
    if found is None:
        return None
    # a partition's links name it (an archive served alone keeps plain links)
    where = database_query(database)
    doc = found["doc"]
    versions, status_changes = found["versions"], found["status_changes"]
    fetches: dict[Any, dict[str, Any]] = {}
    for row in found["fetches"]:
        row["archived"] = _archived(row, where)
        fetches[row["id"]] = row
    for version in versions:
        version["changes"] = _changes(version["changed_fields"])
        version["fetch"] = fetches.get(version["fetch_id"])
    for change in status_changes:
        change["fetch"] = fetches.get(change["fetch_id"])
    attachments = found["attachments"]
    for attachment in attachments:
        sha = attachment["sha256"]
        ok = isinstance(sha, str) and bool(_SHA_RE.match(sha))
        attachment["download"] = f"/-/files/{sha}{where}" if ok else None
        attachment["href"] = web_url(attachment["url"])
    names = {a["id"]: a["name"] or a["file_name"] or a["url"] for a in attachments}
    tables, cells = found["tables"], found["cells"]
    grid: dict[int, dict[int, list[dict[str, Any]]]] = {}
    for cell in cells:
        grid.setdefault(cell["table_id"], {}).setdefault(cell["row_index"], []).append(cell)
    for table in tables:
        rows = grid.get(table["id"], {})
        table["rows"] = [rows[i] for i in sorted(rows)]
        table["attachment"] = names.get(table["attachment_id"])
    figures = found["figures"]
    for figure in figures:
        figure["attachment"] = names.get(figure["attachment_id"])
    metadata = _json(doc.get("metadata"), {})
    return {
        "id": doc_id,
        "row": doc,
        "title": doc.get("title") or doc.get("url"),
        "original": web_url(doc.get("url")),
        "fields": [(label, _show(doc.get(name))) for name, label in FIELDS if doc.get(name)],
        "metadata": list(metadata.items()) if isinstance(metadata, dict) else [],
        "fetch": fetches.get(doc.get("fetch_id")),
        "status_fetch": fetches.get(doc.get("status_fetch_id")),
        "versions": versions,
        "status_changes": status_changes,
        "attachments": attachments,
        "tables": tables,
        "figures": figures,
    }


@hookimpl
def extra_template_vars(
    database: str | None, table: str | None, view_name: str | None, request: Any, datasette: Any
) -> Any:
    if view_name != "row" or table != "documents" or request is None:
        return {}

    async def inner() -> dict[str, Any]:
        try:
            pks = urlsafe_components(request.url_vars["pks"])
            doc_id = int(pks[0])
        except (KeyError, ValueError, IndexError):
            return {}
        return {"doc": await document_context(datasette, doc_id, database)}

    return inner
