"""Rows shared by documents and attachments: tables, cells and figures of a version.

The bottom of ``store``: documents (a page's tables and figures) and files (an attachment's)
both write through here, so neither imports the other.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from parsers.records import Cell, Figure, Table


def pk(value: Any) -> int:
    """The primary key sqlite-utils reports for an insert."""
    if value is None:
        raise RuntimeError("insert returned no primary key")
    return int(value)


def insert_tables(
    db: Database,
    doc_id: int,
    version_id: int,
    tables: list[Table],
    attachment_id: int | None = None,
) -> dict[int, int]:
    """Store tables (of a page or of an attachment); returns table_index -> tables.id."""
    table_ids: dict[int, int] = {}
    for table in tables:
        table_id = pk(
            db.table("tables")
            .insert(
                {
                    "document_id": doc_id,
                    "version_id": version_id,
                    "attachment_id": attachment_id,
                    "table_index": table.table_index,
                    "caption": table.caption,
                    "heading": table.heading,
                    "unit": table.unit,
                    "n_rows": table.n_rows,
                    "n_cols": table.n_cols,
                }
            )
            .last_pk
        )
        table_ids[table.table_index] = table_id
        db.table("table_cells").insert_all(
            (
                {
                    "table_id": table_id,
                    "row_index": c.row_index,
                    "col_index": c.col_index,
                    "text": c.text,
                    "rowspan": c.rowspan,
                    "colspan": c.colspan,
                    "is_header": int(c.is_header),
                    "row_header": c.row_header,
                    "col_header": c.col_header,
                }
                for c in table.cells
            ),
            batch_size=500,
        )
    return table_ids


def insert_figures(
    db: Database,
    doc_id: int,
    version_id: int,
    figures: list[Figure],
    table_ids: dict[int, int],
    attachment_id: int | None = None,
) -> None:
    db.table("figures").insert_all(
        (
            {
                "document_id": doc_id,
                "version_id": version_id,
                "attachment_id": attachment_id,
                "source": "attachment"
                if attachment_id is not None
                else ("text" if f.table_index is None else "table"),
                "table_id": table_ids.get(f.table_index) if f.table_index is not None else None,
                "row_index": f.row_index,
                "col_index": f.col_index,
                "position": f.position,
                "text": f.text,
                "value": f.value,
                "value_max": f.value_max,
                "unit": f.unit,
                "value_base": f.value_base,
                "value_base_max": f.value_base_max,
                "amount": float(f.value_base),
                "base_unit": f.base_unit,
                "kind": f.kind,
                "approximate": int(f.approximate),
                "direction": f.direction,
                "label": f.label,
                "context": f.context,
            }
            for f in figures
        ),
        batch_size=500,
    )


def copy_download(db: Database, source_id: int, target_id: int) -> None:
    """Give attachment row ``target_id`` the download (and figures) of ``source_id``."""
    columns = ("file_name", "sha256", "size", "content_type", "detected_type", "fetched_at",
               "fetch_id", "status", "extraction_status", "extraction_reason")  # fmt: skip
    source = db.execute(
        f"select {', '.join(columns)}, document_id from attachments where id = ?", [source_id]
    ).fetchone()
    db.table("attachments").update(target_id, dict(zip(columns, source[:-1], strict=True)))
    target = db.execute(
        "select document_id, version_id from attachments where id = ?", [target_id]
    ).fetchone()
    tables = _load_tables(db, source_id)
    figures = _load_figures(db, source_id)
    table_ids = insert_tables(db, target[0], target[1], tables, target_id)
    insert_figures(db, target[0], target[1], figures, table_ids, target_id)


def _load_tables(db: Database, attachment_id: int) -> list[Table]:
    tables = []
    for t in db.query("select * from tables where attachment_id = ? order by id", [attachment_id]):
        cells = [
            Cell(
                c["row_index"],
                c["col_index"],
                c["text"],
                c["rowspan"],
                c["colspan"],
                bool(c["is_header"]),
                c["row_header"],
                c["col_header"],
            )
            for c in db.query("select * from table_cells where table_id = ? order by id", [t["id"]])
        ]
        tables.append(Table(t["table_index"], t["caption"], t["heading"], t["unit"], t["n_rows"],
                            t["n_cols"], cells))  # fmt: skip
    return tables


def _load_figures(db: Database, attachment_id: int) -> list[Figure]:
    figures = []
    for f in db.query(
        "select f.*, t.table_index from figures f left join tables t on t.id = f.table_id"
        " where f.attachment_id = ? order by f.id",
        [attachment_id],
    ):
        figures.append(_figure(f))
    return figures


def _figure(row: dict[str, Any]) -> Figure:
    return Figure(
        text=row["text"],
        position=row["position"],
        value=row["value"],
        value_max=row["value_max"],
        unit=row["unit"],
        value_base=row["value_base"],
        value_base_max=row["value_base_max"],
        base_unit=row["base_unit"],
        kind=row["kind"],
        approximate=bool(row["approximate"]),
        direction=row["direction"],
        context=row["context"],
        label=row["label"],
        table_index=row["table_index"],
        row_index=row["row_index"],
        col_index=row["col_index"],
    )
