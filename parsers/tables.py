"""Tables of a body: a grid of cells with spans expanded, headers resolved, figures per cell.

README, *Figures* → *Tables*, is the specification: leading rows without a purely numeric cell
are header rows; the first cell of a data row is its row header when it is not numeric; every
purely numeric data cell is a figure, with the table's declared unit (单位：万元) when the cell
has none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from lxml.etree import _Element

from parsers.figures import MAGNITUDES, UNIT_KINDS, decimal_str, extract, fold
from parsers.limits import MAX_SPAN, MAX_TABLE_GRID
from parsers.records import Cell, Figure, Table
from parsers.text import block_lines, body_layout, norm, squeeze

_PURE_NUMBER_RE = re.compile(r"^(?P<sign>[-+])?(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)"
                             r"(?: ?(?P<pct>%))?$")  # fmt: skip
_TABLE_UNIT_RE = re.compile(
    r"单位\s*[：:]\s*(?P<unit>(?:万亿|千万|百万|万|亿|千)?元|%|万人次|人次|万人|人|个|件|户|家|项|次)"
)
NO_FIGURE_COLUMNS = frozenset(
    "序号 编号 年份 年度 日期 时间 排名 名次 代码 电话 联系电话 邮编 邮政编码".split()
)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 100))
    except ValueError:
        return 1


def _rows(table: _Element) -> list[_Element]:
    """The table's own rows, not those of tables nested in its cells."""
    return [tr for tr in table.iter("tr") if next(tr.iterancestors("table"), None) is table]


def _is_numeric(text: str) -> bool:
    return _PURE_NUMBER_RE.match(fold(text)) is not None


@dataclass(frozen=True)
class RawCell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    is_th: bool = False


def build_table(
    raw_rows: list[list[RawCell]], index: int, caption: str | None, heading: str | None
) -> tuple[Table, list[list[Cell]]]:
    """A table from rows of cells (spans expanded onto a grid, headers resolved); also returns
    the cells row by row, in the order they were given.

    Spans are bounded: at most MAX_SPAN, a rowspan never past the last row, and once the grid
    holds MAX_TABLE_GRID positions further spans count as 1 (a spreadsheet merging
    ``A1:XFD1048576`` would otherwise expand to 17 billion positions)."""
    grid: dict[tuple[int, int], Cell] = {}
    rows: list[list[Cell]] = []
    n_cols = 0
    for r, raw_cells in enumerate(raw_rows):
        col = 0
        cells: list[Cell] = []
        for raw in raw_cells:
            while (r, col) in grid:
                col += 1
            rowspan = max(1, min(raw.rowspan, MAX_SPAN, len(raw_rows) - r))
            colspan = max(1, min(raw.colspan, MAX_SPAN))
            if len(grid) + rowspan * colspan > MAX_TABLE_GRID:
                rowspan = colspan = 1
            cell = Cell(
                row_index=r,
                col_index=col,
                text=raw.text,
                rowspan=rowspan,
                colspan=colspan,
                is_header=raw.is_th,
            )
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    grid[(r + dr, col + dc)] = cell
            cells.append(cell)
            col += cell.colspan
            n_cols = max(n_cols, col)
        rows.append(cells)

    header_rows = 0
    for cells in rows:
        if any(_is_numeric(c.text) for c in cells):
            break
        header_rows += 1
    if header_rows == len(rows):  # no numbers at all: only the first row can be a header
        header_rows = min(1, len(rows))

    if not caption and rows and len(rows[0]) == 1 and rows[0][0].colspan >= max(n_cols, 2):
        caption = rows[0][0].text or None

    col_headers: dict[int, str] = {}
    for r in range(header_rows):
        for c in range(n_cols):
            header = grid.get((r, c))
            if header is not None and header.text:
                col_headers[c] = header.text
    header_texts = [c.text for cs in rows[:header_rows] for c in cs]
    declared = " ".join(filter(None, [caption, heading, *header_texts]))
    unit_m = _TABLE_UNIT_RE.search(fold(declared))
    for r, cells in enumerate(rows):
        is_header_row = r < header_rows
        row_header = None
        first = grid.get((r, 0))
        if not is_header_row and first is not None and first.text and not _is_numeric(first.text):
            row_header = first.text
        for cell in cells:
            cell.is_header = cell.is_header or is_header_row
            cell.row_header = row_header if cell.col_index > 0 else None
            cell.col_header = col_headers.get(cell.col_index)
    result = Table(
        table_index=index,
        caption=caption or None,
        heading=heading,
        unit=unit_m["unit"] if unit_m else None,
        n_rows=len(rows),
        n_cols=n_cols,
        cells=[c for cells in rows for c in cells],
    )
    return result, rows


def parse_table(
    table: _Element,
    index: int,
    heading: str | None,
    known_cells: dict[_Element, list[str]] | None = None,
) -> tuple[Table, list[tuple[_Element, list[Cell]]]]:
    """An HTML table and, for every row, its element and its cells in document order.
    ``known_cells`` holds cell texts already read for the body text."""
    trs = _rows(table)
    raw_rows = []
    for tr in trs:
        tds = [td for td in tr if isinstance(td.tag, str) and td.tag in ("td", "th")]
        texts = (known_cells or {}).get(tr)
        if texts is None or len(texts) != len(tds):
            texts = [norm(" ".join(block_lines(td))) for td in tds]
        raw_rows.append(
            [
                RawCell(
                    text=text,
                    rowspan=_span(td.get("rowspan")),
                    colspan=_span(td.get("colspan")),
                    is_th=td.tag == "th",
                )
                for td, text in zip(tds, texts, strict=True)
            ]
        )
    caption_el = next(iter(table.iter("caption")), None)
    caption = norm(" ".join(block_lines(caption_el))) if caption_el is not None else None
    result, rows = build_table(raw_rows, index, caption or None, heading)
    return result, list(zip(trs, rows, strict=True))


def grid_text_and_offsets(rows: list[list[Cell]], start: int) -> tuple[str, list[int | None]]:
    """Text lines for a table's rows (cells joined by tabs) and each row's line offset, the way
    body text writes table rows; rows with no text give no line."""
    lines: list[str] = []
    offsets: list[int | None] = []
    offset = start
    for cells in rows:
        if not any(c.text for c in cells):
            offsets.append(None)
            continue
        line = "\t".join(c.text for c in cells)
        offsets.append(offset)
        lines.append(line)
        offset += len(line) + 1
    return "\n".join(lines), offsets


def table_figures(
    table: Table, rows: list[list[Cell]], line_starts: list[int | None]
) -> list[Figure]:
    """Figures of the data cells, positioned in the text through each row's line offset."""
    figures: list[Figure] = []
    context_head = table.caption or table.heading
    for cells, line_start in zip(rows, line_starts, strict=True):
        if line_start is None:
            continue
        offset = line_start
        for cell in cells:
            cell_start = offset
            offset += len(cell.text) + 1  # the tab after it
            if cell.is_header or not cell.text:
                continue
            if cell.col_header and squeeze(cell.col_header) in NO_FIGURE_COLUMNS:
                continue
            label = " / ".join(h for h in (cell.row_header, cell.col_header) if h) or None
            context = " / ".join(h for h in (context_head, label) if h)
            refs = {"table_index": table.table_index, "row_index": cell.row_index,
                    "col_index": cell.col_index}  # fmt: skip
            m = _PURE_NUMBER_RE.match(fold(cell.text))
            if m is not None:
                figures.append(_cell_figure(cell, cell_start, m, table.unit, context, label, refs))
                continue
            for fig in extract(cell.text):
                fig.position += cell_start
                fig.context = context
                fig.label = label
                fig.table_index, fig.row_index, fig.col_index = (
                    refs["table_index"], refs["row_index"], refs["col_index"]
                )  # fmt: skip
                figures.append(fig)
    return figures


def _cell_figure(
    cell: Cell,
    position: int,
    m: re.Match[str],
    table_unit: str | None,
    context: str,
    label: str | None,
    refs: dict[str, int],
) -> Figure:
    value = ("-" if m["sign"] == "-" else "") + m["num"].replace(",", "")
    if m["pct"]:
        unit, base_unit, kind, multiplier = "%", "%", "percent", 1
    elif table_unit:
        base_unit = table_unit
        multiplier = 1
        for mag, factor in MAGNITUDES.items():
            if table_unit.startswith(mag) and table_unit != mag:
                base_unit, multiplier = table_unit[len(mag) :], factor
                break
        unit = table_unit
        kind = "money" if base_unit == "元" else UNIT_KINDS.get(base_unit, "number")
    else:
        unit, base_unit, kind, multiplier = None, None, "number", 1
    return Figure(
        text=cell.text,
        position=position,
        value=value,
        value_max=None,
        unit=unit,
        value_base=decimal_str(Decimal(value) * multiplier),
        value_base_max=None,
        base_unit=base_unit,
        kind=kind,
        approximate=False,
        direction=None,
        context=context,
        label=label,
        **refs,
    )


def read_body(body: _Element) -> tuple[str, list[Table], list[Figure]]:
    """Body text, its tables and all its figures (running text and table cells), in order."""
    row_cells: dict[_Element, list[str]] = {}
    text, row_offsets = body_layout(body, row_cells)
    tables: list[Table] = []
    figures: list[Figure] = []
    for index, table_el in enumerate(body.iter("table")):
        own_rows = [tr for tr in _rows(table_el) if tr in row_offsets]
        heading = None
        if own_rows:
            first = min(row_offsets[tr] for tr in own_rows)
            # the line before the table's first row (found without copying the text before it)
            previous = text[text.rfind("\n", 0, first - 1) + 1 : first - 1] if first else ""
            # a short line that does not end a sentence: a heading or a "（单位：万元）" note
            heading = previous if 0 < len(previous) <= 60 and previous[-1] not in "。；;" else None
        table, rows = parse_table(table_el, index, heading, row_cells)
        tables.append(table)
        starts = [row_offsets.get(tr) for tr, _ in rows]
        figures.extend(table_figures(table, [cells for _, cells in rows], starts))
    skip = []
    for start in row_offsets.values():
        end = text.find("\n", start)
        skip.append((start, len(text) if end == -1 else end))
    figures.extend(extract(text, skip))
    figures.sort(key=lambda f: f.position)
    return text, tables, figures
