"""The annual-report dataset as one Excel workbook: ``/-/annual-reports.xlsx``.

Datasette's own ``.xlsx`` (``exports.py``) holds one page of rows; researchers want the whole
政府信息公开工作年度报告 dataset in one file. The workbook has four sheets, each a whole view or
table: 报告 (``annual_report_headline``: one row per report, the headline numbers as columns),
单元格 (``annual_report_dataset``: every cell with its codes, labels and unit), 问题
(``annual_report_problems`` with the body and year) and 代码 (``annual_report_codes``: the data
dictionary). Numbers stay numbers and no text is ever read as a formula. For more rows than a
sheet holds, use ``/archive/annual_report_dataset.csvbom?_stream=on``.
"""

from __future__ import annotations

import io
from typing import Any

from datasette import hookimpl
from datasette.utils.asgi import Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from serve import read

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 1_000_000  # an Excel sheet holds 1,048,576 rows


def _cell(ws: Any, value: Any) -> Any:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:32767]
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # "=…" stays text
    return cell


def workbook(sheets: list[tuple[str, list[str], list[tuple[Any, ...]]]]) -> bytes:
    wb = Workbook(write_only=True)
    for title, columns, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append(columns)
        for row in rows[:MAX_ROWS]:
            ws.append([_cell(ws, v) for v in row])
        if len(rows) > MAX_ROWS:
            ws.append([f"… {len(rows) - MAX_ROWS} more rows: use the CSV download"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


async def dataset_xlsx(datasette: Any, request: Any) -> Response:
    if not await read(datasette, lambda archive: archive.has_annual_reports()):
        return Response.text("no annual-report tables in this database", status=404)
    sheets = await read(datasette, lambda archive: archive.annual_report_sheets()) or []
    body = workbook(sheets)
    return Response(
        body,
        content_type=XLSX_TYPE,
        headers={"content-disposition": 'attachment; filename="annual_reports.xlsx"'},
    )


@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [(r"^/-/annual-reports\.xlsx$", dataset_xlsx)]
