"""Attachments: what a downloaded file is, what it should be called, and what it says.

Pure functions over bytes. The type comes from the bytes (magic numbers), never from the URL
alone, so an HTML error page served at a ``.pdf`` URL is recognised and not archived as the
file. Text, tables and figures come out the way they come out of pages (``parsers.tables``,
``parsers.figures``): a table row is one line of tab-separated cells, and figures are positioned
in the extracted text. Archives are listed, never unpacked.

Nothing here raises on a hostile or broken file: a reader that fails gives the status
``corrupt``; a file past a bound of ``parsers.limits`` (a merged range of the whole sheet, a
PDF whose streams unpack a thousandfold, a gridSpan of a billion, more text or cells than one
file may give) gives ``too_complex`` with what was read within the bounds. The crawler and
``xxgk reparse`` run ``read_download`` in a worker process (``parsers.sandbox``) that adds a
time and a memory limit: ``timeout`` and ``too_complex``.
"""

from __future__ import annotations

import bisect
import csv
import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from parsers.decode import decode_strict, decode_text
from parsers.figures import extract as extract_figures
from parsers.limits import (
    MAX_CELLS,
    MAX_PDF_PAGES,
    MAX_PDF_STREAM_BYTES,
    MAX_SHEET_COLS,
    MAX_SHEET_ROWS,
    MAX_SPAN,
    MAX_TABLE_GRID,
    MAX_TEXT_CHARS,
    MAX_UNPACKED_BYTES,
    TooComplex,
)
from parsers.records import Figure, Table
from parsers.tables import RawCell, build_table, grid_text_and_offsets, table_figures
from parsers.text import norm

# status of an attachment's extraction (attachments.extraction_status): ``corrupt`` — a reader
# failed on the bytes; ``too_complex`` — past a bound or the worker's memory limit;
# ``timeout`` — past the worker's time limit (parsers.sandbox).
STATUSES = (
    "ok", "unsupported", "no_text_layer", "not_a_file", "too_large", "error", "corrupt",
    "too_complex", "timeout",
)  # fmt: skip
MAX_ENTRIES = 10_000  # archive members listed
MAX_NAME_CHARS = 120

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNREADABLE = {
    "doc": "Word 97-2003 (.doc) files cannot be read here; the file is archived as it is",
    "wps": "WPS Writer (.wps) files cannot be read here; the file is archived as it is",
    "et": "WPS Spreadsheets (.et) files cannot be read here; the file is archived as it is",
    "ofd": "OFD (GB/T 33190) documents cannot be read here; the file is archived as it is",
    "ole": "an OLE compound file of unknown kind; the file is archived as it is",
}


@dataclass
class AttachmentContent:
    detected_type: str
    status: str
    reason: str | None = None
    text: str = ""
    tables: list[Table] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    encoding: str | None = None


# -- what the bytes are --------------------------------------------------------------------


def sniff(body: bytes, ext: str | None = None) -> str:
    """The file type from its first bytes; the URL's extension only breaks ties (OLE files)."""
    head = body[:1024]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(body)
    if head.startswith(_OLE):
        return ext if ext in ("doc", "xls", "wps", "et") else "ole"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if stripped.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")) or (
        b"<html" in stripped[:300]
    ):
        return "html"
    if not body:
        return "empty"
    return "csv" if ext == "csv" else "txt"


def _zip_kind(body: bytes) -> str:
    try:
        names = zipfile.ZipFile(io.BytesIO(body)).namelist()
    except Exception:  # noqa: BLE001 - a damaged central directory raises anything
        return "zip"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.upper().endswith("OFD.XML") for n in names):
        return "ofd"
    return "zip"


# -- what the file is called ---------------------------------------------------------------

_FILENAME_STAR_RE = re.compile(r"filename\*\s*=\s*([^;]+)", re.IGNORECASE)
_FILENAME_RE = re.compile(r'filename\s*=\s*("(?:[^"\\]|\\.)*"|[^;]+)', re.IGNORECASE)
_BAD_CHARS_RE = re.compile(r'[\x00-\x1f\x7f<>:"|?*]')


def _header_text(raw: str) -> str:
    """A header value arrives as latin-1 text of raw bytes, which may be UTF-8 or GBK."""
    try:
        data = raw.encode("latin-1")
    except UnicodeEncodeError:
        return raw
    strict = decode_strict(data)
    return strict[0] if strict is not None else raw


def filename_from_disposition(value: str | None) -> str | None:
    if not value:
        return None
    m = _FILENAME_STAR_RE.search(value)
    if m:
        charset, _, rest = m[1].strip().strip('"').partition("'")
        _, _, encoded = rest.partition("'")
        try:
            return unquote_to_bytes(encoded).decode(charset or "utf-8")
        except (LookupError, UnicodeDecodeError, ValueError):  # ValueError: "utf-8\0"
            pass
    m = _FILENAME_RE.search(value)
    if m:
        name = m[1].strip()
        if name.startswith('"') and name.endswith('"'):
            name = name[1:-1].replace('\\"', '"')
        name = _header_text(name)
        return unquote(name) if re.search(r"%[0-9A-Fa-f]{2}", name) else name
    return None


def safe_filename(content_disposition: str | None, url: str) -> str:
    """The file's name: from Content-Disposition, else the URL; made safe to show and store.

    Only the last path component survives (no ``../``, no absolute paths), control characters
    and ``<>:"|?*`` are dropped, leading dots and spaces too, and the name is cut to
    ``MAX_NAME_CHARS`` characters keeping its extension.
    """
    try:
        name = filename_from_disposition(content_disposition) or ""
    except ValueError:
        name = ""
    if not name:
        try:
            name = unquote(posixpath.basename(urlsplit(url).path))
        except ValueError:
            name = ""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = _BAD_CHARS_RE.sub("", name).strip().lstrip(". ").strip()
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_CHARS - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME_CHARS]
    return name or "attachment"


@dataclass
class ReadDownload:
    """A downloaded attachment, read: its name, what it says, and whether the bytes are the
    file at all (an HTML error page served in its place is not)."""

    file_name: str
    content: AttachmentContent
    is_file: bool


def read_download(
    body: bytes, url: str, content_type: str | None, content_disposition: str | None
) -> ReadDownload:
    """Never raises: whatever the bytes and headers, a name and an extraction status."""
    content = extract(body, url, content_type)
    try:
        name = safe_filename(content_disposition, url)
    except Exception:  # noqa: BLE001 - a header is whatever a server sends
        name = "attachment"
    return ReadDownload(file_name=name, content=content, is_file=content.status != "not_a_file")


# -- what the file says --------------------------------------------------------------------


def extract(
    body: bytes, url: str, content_type: str | None = None, ext: str | None = None
) -> AttachmentContent:
    """Text, tables and figures of a downloaded attachment; never raises on bad input."""
    try:
        return _extract(body, url, ext)
    except Exception as exc:  # noqa: BLE001 - the promise above, whatever a reader does
        return AttachmentContent("unknown", "corrupt", _reason(exc))


def url_ext(url: str) -> str | None:
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    return posixpath.splitext(path)[1].lower().lstrip(".") or None


def _reason(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def _extract(body: bytes, url: str, ext: str | None) -> AttachmentContent:
    if ext is None:
        ext = url_ext(url)
    kind = sniff(body, ext)
    if kind == "empty":
        return AttachmentContent(kind, "error", "empty response body")
    if kind == "html" and ext not in ("html", "htm", "txt"):
        title = re.search(rb"<title[^>]*>(.*?)</title>", body[:4000], re.I | re.S)
        shown = norm(title[1].decode("utf-8", "replace")) if title else ""
        return AttachmentContent(
            kind, "not_a_file", f"an HTML page{f' ({shown})' if shown else ''} was served "
            f"instead of the .{ext or '?'} file"
        )  # fmt: skip
    if kind in _UNREADABLE:
        return AttachmentContent(kind, "unsupported", _UNREADABLE[kind])
    reader = _READERS.get(kind)
    if reader is None:
        return AttachmentContent(kind, "unsupported", f"no reader for {kind} files")
    try:
        content = reader(body)
    except TooComplex as exc:
        return AttachmentContent(kind, "too_complex", str(exc))
    except (MemoryError, RecursionError) as exc:
        what = "memory" if isinstance(exc, MemoryError) else "nesting"
        return AttachmentContent(
            kind, "too_complex", f"reading it needs more {what} than one file may use"
        )
    except Exception as exc:  # noqa: BLE001 - third-party readers raise anything on bad files
        return AttachmentContent(kind, "corrupt", _reason(exc))
    content.detected_type = kind
    return content


Block = str | tuple[str | None, list[list[RawCell]]]


class Notes:
    """What the bounds of ``parsers.limits`` cut while reading one file, in words."""

    def __init__(self) -> None:
        self.cuts: list[str] = []
        self.cells = 0

    def cut(self, what: str) -> None:
        if what not in self.cuts:
            self.cuts.append(what)

    def take_cells(self, n: int) -> bool:
        """Whether ``n`` more table cells fit in the file's MAX_CELLS."""
        if self.cells + n > MAX_CELLS:
            self.cut(f"tables cut at {MAX_CELLS} cells")
            return False
        self.cells += n
        return True


def _assemble(
    blocks: Iterable[Block], notes: Notes | None = None
) -> tuple[str, list[Table], list[Figure]]:
    """Text from paragraphs and tables in order, with tables and figures positioned in it;
    at most MAX_TEXT_CHARS characters and MAX_CELLS table cells."""
    notes = notes if notes is not None else Notes()
    lines: list[str] = []
    offset = 0
    tables: list[Table] = []
    figures: list[Figure] = []
    skip: list[tuple[int, int]] = []
    for block in blocks:
        if offset > MAX_TEXT_CHARS:
            notes.cut(f"text cut at {MAX_TEXT_CHARS} characters")
            break
        if isinstance(block, str):
            line = norm(block)
            if line:
                lines.append(line)
                offset += len(line) + 1
            continue
        heading, raw_rows = block
        if not raw_rows:
            continue
        kept: list[list[RawCell]] = []
        for row in raw_rows:
            if not notes.take_cells(len(row)):
                break
            kept.append(row)
        if not kept:
            continue
        previous = lines[-1] if lines else None
        table, rows = build_table(kept, len(tables), None, heading or previous)
        text, starts = grid_text_and_offsets(rows, offset)
        if not text:
            continue
        tables.append(table)
        figures.extend(table_figures(table, rows, starts))
        skip.append((offset, offset + len(text)))
        lines.append(text)
        offset += len(text) + 1
    full = "\n".join(lines)
    figures.extend(extract_figures(full, skip))
    figures.sort(key=lambda f: f.position)
    return full, tables, figures


def _cell_text(value: Any, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10] if not isinstance(value, datetime) or not (
            value.hour or value.minute
        ) else value.isoformat(sep=" ")  # fmt: skip
    if isinstance(value, int | float):
        if "%" in number_format:
            return _number(value * 100) + "%"
        return _number(value)
    return norm(str(value))


def _number(value: float) -> str:
    if float(value).is_integer():
        return str(int(value))
    return repr(round(float(value), 10))


# -- bounds checked before a reader starts ---------------------------------------------------


def _check_unpacked(body: bytes, prefix: str) -> zipfile.ZipFile:
    """The zip of a .docx/.xlsx, refused when its parts under ``prefix`` would unpack to more
    than MAX_UNPACKED_BYTES (a few kilobytes can hold gigabytes of repeated XML)."""
    archive = zipfile.ZipFile(io.BytesIO(body))
    total = sum(i.file_size for i in archive.infolist() if i.filename.startswith(prefix))
    if total > MAX_UNPACKED_BYTES:
        raise TooComplex(
            f"its XML unpacks to {total} bytes, more than the {MAX_UNPACKED_BYTES}-byte limit"
        )
    return archive


_GRID_ATTR_RE = re.compile(rb"<w:(gridSpan|gridBefore|gridAfter)\b[^>]*?w:val=\"(\d+)\"")


def _check_docx(body: bytes) -> None:
    """Spans python-docx would expand cell by cell (``gridSpan="1000000000"``)."""
    archive = _check_unpacked(body, "word/")
    for info in archive.infolist():
        if info.filename.startswith("word/") and info.filename.endswith(".xml"):
            for m in _GRID_ATTR_RE.finditer(archive.read(info)):
                if len(m[2]) > 6 or int(m[2]) > MAX_SPAN:
                    name = m[1].decode()
                    raise TooComplex(f"a table cell's {name} is {m[2].decode()[:12]}")


_MERGE_RE = re.compile(
    rb"<(?:\w+:)?mergeCell\b[^>]*?\bref=\"([A-Za-z]{1,3})(\d{1,7}):([A-Za-z]{1,3})(\d{1,7})\""
)


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


def _check_xlsx(body: bytes) -> None:
    """Merged ranges openpyxl would fill cell by cell (``A1:XFD1048576`` is 17 billion)."""
    archive = _check_unpacked(body, "xl/")
    area = 0
    for info in archive.infolist():
        if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
            for m in _MERGE_RE.finditer(archive.read(info)):
                rows = abs(int(m[4]) - int(m[2])) + 1
                cols = abs(_column_number(m[3]) - _column_number(m[1])) + 1
                area += rows * cols
                if area > MAX_TABLE_GRID:
                    ref = (m[1] + m[2] + b":" + m[3] + m[4]).decode()
                    raise TooComplex(
                        f"merged cells cover more than {MAX_TABLE_GRID} cells (e.g. {ref})"
                    )


_STREAM_RE = re.compile(rb"stream\r?\n")


def _check_pdf(body: bytes) -> None:
    """A PDF whose compressed streams (not images) unpack past MAX_PDF_STREAM_BYTES and fifty
    times the file's size: a content-stream bomb that would keep pdfminer busy for minutes
    (a 60 KB file held 30 MB of drawing operators)."""
    budget = max(MAX_PDF_STREAM_BYTES, 50 * len(body))
    total = 0
    # every "endstream" found once, so a stream that never ends costs no scan to the end each
    ends = [m.start() for m in re.finditer(rb"endstream", body)]
    for m in _STREAM_RE.finditer(body):
        head = body[max(0, m.start() - 1024) : m.start()]
        head = head[head.rfind(b"obj") + 1 :]
        if b"FlateDecode" not in head or b"/Image" in head:
            continue
        at = bisect.bisect_left(ends, m.end())
        end = ends[at] if at < len(ends) else -1
        data = memoryview(body)[m.end() : end if end != -1 else len(body)]
        inflater = zlib.decompressobj()
        # in pieces: a stream damaged half-way still unpacks (PDF readers keep that half)
        for at in range(0, len(data), 4096):
            try:
                total += len(inflater.decompress(data[at : at + 4096], budget - total + 1))
            except zlib.error:
                break
            if total > budget:
                raise TooComplex(
                    f"its streams unpack to more than {budget} bytes from {len(body)}: "
                    "a decompression bomb"
                )


# -- readers ---------------------------------------------------------------------------------


_STARTXREF_RE = re.compile(rb"startxref\s+(\d{1,10})")
_XREF_ENTRY_RE = re.compile(rb"\d{10} \d{5} [nf]")
_XREF_OBJ_RE = re.compile(rb"\d+\s+\d+\s+obj")
# A damaged cross-reference table makes every PDF reader rebuild it by scanning the file, which
# took PDFium and pdfminer seconds on a few hundred KB of a damaged file: past this size such a
# file is not repaired.
MAX_REPAIRED_PDF_BYTES = 128 * 1024


def _xref_damaged(body: bytes) -> bool:
    """Whether the cross-reference table that ``startxref`` points at is missing or malformed
    (an xref stream is taken as it is: checking it would mean reading it)."""
    found = list(_STARTXREF_RE.finditer(body[-4096:]))
    if not found:
        return True
    offset = int(found[-1][1])
    if offset >= len(body):
        return True
    if _XREF_OBJ_RE.match(body, offset):
        return False
    if body[offset : offset + 4] != b"xref":
        return True
    end = body.find(b"trailer", offset)
    for line in body[offset + 4 : end if end != -1 else offset + 65536].splitlines():
        line = line.strip()
        if not line or re.fullmatch(rb"\d+ \d+", line):
            continue  # a subsection header
        if not _XREF_ENTRY_RE.fullmatch(line):
            return True
    return end == -1


def _pdfium_characters(body: bytes) -> int:
    """How many characters PDFium (C, fast) finds in the text layer of the first pages: a gate
    before pdfplumber, whose Python parser can spend many seconds repairing a damaged file or
    laying out a page that has no text to give. Raises on a file PDFium cannot open."""
    import pypdfium2

    document = pypdfium2.PdfDocument(body)
    try:
        found = 0
        for number in range(min(len(document), MAX_PDF_PAGES)):
            page = document[number]
            textpage = page.get_textpage()
            found += textpage.count_chars()
            textpage.close()
            page.close()
        return found
    finally:
        document.close()


def _read_pdf(body: bytes) -> AttachmentContent:
    import pdfplumber

    _check_pdf(body)
    if len(body) > MAX_REPAIRED_PDF_BYTES and _xref_damaged(body):
        raise TooComplex(
            f"its cross-reference table is damaged and it is larger than "
            f"{MAX_REPAIRED_PDF_BYTES} bytes: rebuilding the table is not bounded work"
        )
    if _pdfium_characters(body) == 0:
        return AttachmentContent("pdf", "no_text_layer",
                                 "the PDF has no text layer (a scan); no OCR here")  # fmt: skip
    notes = Notes()
    blocks: list[Block] = []
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        for number, page in enumerate(pdf.pages):
            if number >= MAX_PDF_PAGES:
                notes.cut(f"read the first {MAX_PDF_PAGES} of {len(pdf.pages)} pages")
                break
            found = page.find_tables()
            boxes = [t.bbox for t in found]

            def outside(obj: dict[str, Any], boxes: list[Any] = boxes) -> bool:
                return not any(
                    b[0] <= obj.get("x0", 0) and obj.get("x1", 0) <= b[2]
                    and b[1] <= obj.get("top", 0) and obj.get("bottom", 0) <= b[3]
                    for b in boxes
                )  # fmt: skip

            # lines and tables in reading order (top to bottom), so a table follows the line
            # that introduces it (单位：万元) as it does on the page
            placed: list[tuple[float, int, Block]] = [
                (line["top"], 0, line["text"]) for line in page.filter(outside).extract_text_lines()
            ]
            for t in found:
                rows = [[RawCell(norm(c or "")) for c in row] for row in t.extract()]
                placed.append((t.bbox[1], 1, (None, rows)))
            blocks.extend(item for _, _, item in sorted(placed, key=lambda p: (p[0], p[1])))
    text, tables, figures = _assemble(blocks, notes)
    if not text.strip():
        return AttachmentContent("pdf", "no_text_layer",
                                 "the PDF has no text layer (a scan); no OCR here")  # fmt: skip
    return _content("pdf", text, tables, figures, notes)


def _read_docx(body: bytes) -> AttachmentContent:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    _check_docx(body)
    document = docx.Document(io.BytesIO(body))
    blocks: list[Block] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, DocxTable):
            rows = []
            for row in item.rows:
                cells: list[RawCell] = []
                seen: set[int] = set()
                kept: list[Any] = []  # keeps each tc alive, so its id stays its own
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats itself
                        last = cells[-1]
                        cells[-1] = RawCell(last.text, last.rowspan, last.colspan + 1)
                        continue
                    seen.add(id(cell._tc))
                    kept.append(cell._tc)
                    cells.append(RawCell(norm(cell.text)))
                rows.append(cells)
            blocks.append((None, rows))
    notes = Notes()
    text, tables, figures = _assemble(blocks, notes)
    return _content("docx", text, tables, figures, notes)


def _read_xlsx(body: bytes) -> AttachmentContent:
    import openpyxl

    _check_xlsx(body)
    workbook = openpyxl.load_workbook(io.BytesIO(body), data_only=True)
    notes = Notes()
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        blocks.append(f"【{sheet.title}】")
        blocks.append((sheet.title, _sheet_rows(sheet, notes)))
    text, tables, figures = _assemble(blocks, notes)
    return _content("xlsx", text, tables, figures, notes)


def _sheet_rows(sheet: Any, notes: Notes) -> list[list[RawCell]]:
    """A worksheet's rows from its cells alone (openpyxl's ``iter_rows`` would create every
    position up to the last one: 17 billion for a sheet with a value at XFD1048576): rows from
    1 to the last one with a value, each up to its last value; merged ranges as spans, their
    covered positions left out; at most MAX_SHEET_ROWS × MAX_SHEET_COLS and MAX_CELLS."""
    from openpyxl.cell.cell import MergedCell

    if sheet._current_row == 0:  # what iter_rows checks: no cell was read
        return []
    spans = {
        (m.min_row, m.min_col): (m.max_row - m.min_row + 1, m.max_col - m.min_col + 1)
        for m in sheet.merged_cells.ranges
    }
    by_row: dict[int, dict[int, Any]] = {}
    for (r, c), cell in sheet._cells.items():  # openpyxl's own sparse store of the sheet
        if r > MAX_SHEET_ROWS or c > MAX_SHEET_COLS:
            notes.cut(f"sheets cut at {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLS} columns")
            continue
        by_row.setdefault(r, {})[c] = cell
    rows: list[list[RawCell]] = []
    taken = 0
    for r in range(1, max(by_row, default=0) + 1):
        here = by_row.get(r, {})
        texts = {
            c: _cell_text(cell.value, cell.number_format)
            for c, cell in here.items()
            if not isinstance(cell, MergedCell)
        }
        last = max((c for c, t in texts.items() if t), default=0)
        taken += last
        if taken > MAX_CELLS:
            notes.cut(f"tables cut at {MAX_CELLS} cells")
            break
        cells = []
        for c in range(1, last + 1):
            if isinstance(here.get(c), MergedCell):
                continue
            rowspan, colspan = spans.get((r, c), (1, 1))
            cells.append(RawCell(texts.get(c, ""), rowspan, colspan))
        rows.append(cells)
    while rows and not rows[-1]:
        rows.pop()
    return rows


def _read_xls(body: bytes) -> AttachmentContent:
    import xlrd

    book = xlrd.open_workbook(file_contents=body, logfile=io.StringIO())  # not on stdout
    notes = Notes()
    blocks: list[Block] = []
    for sheet in book.sheets():
        if sheet.nrows > MAX_SHEET_ROWS or sheet.ncols > MAX_SHEET_COLS:
            notes.cut(f"sheets cut at {MAX_SHEET_ROWS} rows and {MAX_SHEET_COLS} columns")
        rows = []
        for r in range(min(sheet.nrows, MAX_SHEET_ROWS)):
            cells = []
            for c in range(min(sheet.ncols, MAX_SHEET_COLS)):
                cell = sheet.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value: Any = xlrd.xldate_as_datetime(cell.value, book.datemode)
                else:
                    value = cell.value if cell.ctype != xlrd.XL_CELL_EMPTY else None
                cells.append(RawCell(_cell_text(value)))
            while cells and not cells[-1].text:
                cells.pop()
            rows.append(cells)
        blocks.append(f"【{sheet.name}】")
        blocks.append((sheet.name, rows))
    text, tables, figures = _assemble(blocks, notes)
    return _content("xls", text, tables, figures, notes)


def _read_csv(body: bytes) -> AttachmentContent:
    decoded, codec = decode_text(body)
    notes = Notes()
    rows: list[list[RawCell]] = []
    taken = 0
    for row in csv.reader(io.StringIO(decoded)):
        taken += len(row)
        if taken > MAX_CELLS:
            notes.cut(f"tables cut at {MAX_CELLS} cells")
            break
        if row:
            rows.append([RawCell(norm(c)) for c in row])
    text, tables, figures = _assemble([(None, rows)], notes)
    content = _content("csv", text, tables, figures, notes)
    content.encoding = codec
    return content


def _read_txt(body: bytes) -> AttachmentContent:
    decoded, codec = decode_text(body)
    notes = Notes()
    text, tables, figures = _assemble(decoded.splitlines(), notes)
    content = _content("txt", text, tables, figures, notes)
    content.encoding = codec
    return content


def _zip_name(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x800:  # the archive says UTF-8
        return info.filename
    try:  # zipfile read the name as cp437; Chinese archives write GBK
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def _read_zip(body: bytes) -> AttachmentContent:
    archive = zipfile.ZipFile(io.BytesIO(body))
    entries: list[dict[str, Any]] = [
        {"name": _zip_name(i), "size": i.file_size, "compressed_size": i.compress_size}
        for i in archive.infolist()
        if not i.is_dir()
    ]
    return _listing("zip", body, entries)


def _read_rar(body: bytes) -> AttachmentContent:
    import rarfile

    archive = rarfile.RarFile(io.BytesIO(body))  # reads headers only; never extracts
    entries: list[dict[str, Any]] = [
        {"name": i.filename, "size": i.file_size, "compressed_size": i.compress_size}
        for i in archive.infolist()
        if not i.is_dir()
    ]
    return _listing("rar", body, entries)


def _listing(kind: str, body: bytes, entries: list[dict[str, Any]]) -> AttachmentContent:
    """An archive's content: the names of its members (the first MAX_ENTRIES), and a warning
    when it would unpack to a hundred times its size (a zip bomb)."""
    total = sum(e["size"] for e in entries)
    reasons = []
    if total > 100 * max(len(body), 1):
        reasons.append(f"listed, not unpacked: {total} bytes packed into {len(body)} "
                       f"(ratio {total // max(len(body), 1)}:1)")  # fmt: skip
    status = "ok"
    if len(entries) > MAX_ENTRIES:
        reasons.append(f"the first {MAX_ENTRIES} of {len(entries)} members listed")
        entries = entries[:MAX_ENTRIES]
        status = "too_complex"
    text = "\n".join(e["name"] for e in entries)
    return AttachmentContent(kind, status, "; ".join(reasons) or None, text, entries=entries)


def _content(
    kind: str,
    text: str,
    tables: list[Table],
    figures: list[Figure],
    notes: Notes | None = None,
) -> AttachmentContent:
    if notes is not None and notes.cuts:
        reason = "past the limits of one file: " + "; ".join(notes.cuts)
        return AttachmentContent(kind, "too_complex", reason, text, tables, figures)
    if not text.strip():
        return AttachmentContent(kind, "error", "the file holds no text", text, tables, figures)
    return AttachmentContent(kind, "ok", None, text, tables, figures)


_READERS = {
    "pdf": _read_pdf,
    "docx": _read_docx,
    "xlsx": _read_xlsx,
    "xls": _read_xls,
    "csv": _read_csv,
    "txt": _read_txt,
    "zip": _read_zip,
    "rar": _read_rar,
}
