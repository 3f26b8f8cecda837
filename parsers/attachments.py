"""Attachments: what a downloaded file is, what it should be called, and what it says.

Pure functions over bytes. The type comes from the bytes (magic numbers), never from the URL
alone, so an HTML error page served at a ``.pdf`` URL is recognised and not archived as the
file. Text, tables and figures come out the way they come out of pages (``parsers.tables``,
``parsers.figures``): a table row is one line of tab-separated cells, and figures are positioned
in the extracted text. Archives are listed, never unpacked.
"""

from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote, unquote_to_bytes, urlsplit

from parsers.decode import decode_strict, decode_text
from parsers.figures import extract as extract_figures
from parsers.records import Figure, Table
from parsers.tables import RawCell, build_table, grid_text_and_offsets, table_figures
from parsers.text import norm

# status of an attachment's extraction (attachments.extraction_status)
STATUSES = ("ok", "unsupported", "no_text_layer", "not_a_file", "too_large", "error")
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
    except zipfile.BadZipFile:
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
        except (LookupError, UnicodeDecodeError):
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
    name = filename_from_disposition(content_disposition) or unquote(
        posixpath.basename(urlsplit(url).path)
    )
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
    content = extract(body, url, content_type)
    return ReadDownload(
        file_name=safe_filename(content_disposition, url),
        content=content,
        is_file=content.status != "not_a_file",
    )


# -- what the file says --------------------------------------------------------------------


def extract(
    body: bytes, url: str, content_type: str | None = None, ext: str | None = None
) -> AttachmentContent:
    """Text, tables and figures of a downloaded attachment; never raises on bad input."""
    if ext is None:
        ext = posixpath.splitext(urlsplit(url).path)[1].lower().lstrip(".") or None
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
    except Exception as exc:  # noqa: BLE001 - third-party readers raise anything on bad files
        return AttachmentContent(kind, "error", f"{type(exc).__name__}: {exc}"[:300])
    content.detected_type = kind
    return content


def _assemble(
    blocks: Iterable[str | tuple[str | None, list[list[RawCell]]]],
) -> tuple[str, list[Table], list[Figure]]:
    """Text from paragraphs and tables in order, with tables and figures positioned in it."""
    lines: list[str] = []
    offset = 0
    tables: list[Table] = []
    figures: list[Figure] = []
    skip: list[tuple[int, int]] = []
    for block in blocks:
        if isinstance(block, str):
            line = norm(block)
            if line:
                lines.append(line)
                offset += len(line) + 1
            continue
        heading, raw_rows = block
        if not raw_rows:
            continue
        previous = lines[-1] if lines else None
        table, rows = build_table(raw_rows, len(tables), None, heading or previous)
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


def _read_pdf(body: bytes) -> AttachmentContent:
    import pdfplumber

    blocks: list[str | tuple[str | None, list[list[RawCell]]]] = []
    with pdfplumber.open(io.BytesIO(body)) as pdf:
        for page in pdf.pages:
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
            placed: list[tuple[float, int, str | tuple[str | None, list[list[RawCell]]]]] = [
                (line["top"], 0, line["text"]) for line in page.filter(outside).extract_text_lines()
            ]
            for t in found:
                rows = [[RawCell(norm(c or "")) for c in row] for row in t.extract()]
                placed.append((t.bbox[1], 1, (None, rows)))
            blocks.extend(item for _, _, item in sorted(placed, key=lambda p: (p[0], p[1])))
    text, tables, figures = _assemble(blocks)
    if not text.strip():
        return AttachmentContent("pdf", "no_text_layer",
                                 "the PDF has no text layer (a scan); no OCR here")  # fmt: skip
    return AttachmentContent("pdf", "ok", None, text, tables, figures)


def _read_docx(body: bytes) -> AttachmentContent:
    import docx
    from docx.table import Table as DocxTable
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(body))
    blocks: list[str | tuple[str | None, list[list[RawCell]]]] = []
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(item.text)
        elif isinstance(item, DocxTable):
            rows = []
            for row in item.rows:
                cells: list[RawCell] = []
                seen: list[Any] = []
                for cell in row.cells:
                    if any(cell._tc is s for s in seen):  # a merged cell repeats itself
                        last = cells[-1]
                        cells[-1] = RawCell(last.text, last.rowspan, last.colspan + 1)
                        continue
                    seen.append(cell._tc)
                    cells.append(RawCell(norm(cell.text)))
                rows.append(cells)
            blocks.append((None, rows))
    text, tables, figures = _assemble(blocks)
    return _content("docx", text, tables, figures)


def _read_xlsx(body: bytes) -> AttachmentContent:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(body), data_only=True)
    blocks: list[str | tuple[str | None, list[list[RawCell]]]] = []
    for sheet in workbook.worksheets:
        covered: set[tuple[int, int]] = set()
        spans: dict[tuple[int, int], tuple[int, int]] = {}
        for merged in sheet.merged_cells.ranges:
            spans[(merged.min_row, merged.min_col)] = (
                merged.max_row - merged.min_row + 1,
                merged.max_col - merged.min_col + 1,
            )
            for r in range(merged.min_row, merged.max_row + 1):
                for c in range(merged.min_col, merged.max_col + 1):
                    if (r, c) != (merged.min_row, merged.min_col):
                        covered.add((r, c))
        rows: list[list[RawCell]] = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                key = (cell.row, cell.column)
                if key in covered:
                    continue
                rowspan, colspan = spans.get(key, (1, 1))
                cells.append(RawCell(_cell_text(cell.value, cell.number_format), rowspan, colspan))
            while cells and not cells[-1].text:
                cells.pop()
            rows.append(cells)
        while rows and not rows[-1]:
            rows.pop()
        blocks.append(f"【{sheet.title}】")
        blocks.append((sheet.title, rows))
    text, tables, figures = _assemble(blocks)
    return _content("xlsx", text, tables, figures)


def _read_xls(body: bytes) -> AttachmentContent:
    import xlrd

    book = xlrd.open_workbook(file_contents=body)
    blocks: list[str | tuple[str | None, list[list[RawCell]]]] = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            cells = []
            for c in range(sheet.ncols):
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
    text, tables, figures = _assemble(blocks)
    return _content("xls", text, tables, figures)


def _read_csv(body: bytes) -> AttachmentContent:
    decoded, codec = decode_text(body)
    rows = [[RawCell(norm(c)) for c in row] for row in csv.reader(io.StringIO(decoded))]
    text, tables, figures = _assemble([(None, [r for r in rows if r])])
    content = _content("csv", text, tables, figures)
    content.encoding = codec
    return content


def _read_txt(body: bytes) -> AttachmentContent:
    decoded, codec = decode_text(body)
    text, tables, figures = _assemble(decoded.splitlines())
    content = _content("txt", text, tables, figures)
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
    """An archive's content: the names of its members, and a warning when it would unpack to
    a hundred times its size (a zip bomb)."""
    total = sum(e["size"] for e in entries)
    reason = None
    if total > 100 * max(len(body), 1):
        reason = (f"listed, not unpacked: {total} bytes packed into {len(body)} "
                  f"(ratio {total // max(len(body), 1)}:1)")  # fmt: skip
    text = "\n".join(e["name"] for e in entries)
    return AttachmentContent(kind, "ok", reason, text, entries=entries)


def _content(kind: str, text: str, tables: list[Table], figures: list[Figure]) -> AttachmentContent:
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
