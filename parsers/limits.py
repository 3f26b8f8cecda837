"""Bounds on what one page or one file may cost the parsers.

The archive parses whatever government servers send, and a hostile or broken page must not be
able to hang a crawl or exhaust its memory. Every parser is linear in its input or stops at one
of these bounds; what a bound cuts is recorded (a crawl stat, an extraction status and reason),
never silently dropped. Attachment extraction also runs in a worker process with a time and a
memory limit (``parsers.sandbox``), the backstop for third-party readers no bound reaches.

The values are far above anything seen on real disclosure pages: a long budget report has a
few hundred figures and tables of a few hundred cells.
"""

from __future__ import annotations

from typing import Final

MiB: Final = 1024 * 1024

# -- pages ---------------------------------------------------------------------------------
# A page body larger than this is not parsed (``too_large``); the crawler does not download
# more (DOWNLOAD_MAXSIZE for pages, after decompression), and the archived-copy view does not
# decompress more.
MAX_PAGE_BYTES: Final = 10 * MiB
# List pages a column may have: the default of the crawl setting XXGK_MAX_LIST_PAGES.
MAX_LIST_PAGES: Final = 2000
# The largest page count a list page may claim before the crawl setting applies: keeps the
# list of further page URLs a parser builds small whatever number a script holds.
MAX_CLAIMED_PAGES: Final = 10_000
# Digits read of a number a page writes (page counts, totals, spans): more is not a count.
MAX_COUNT_DIGITS: Final = 9
# ``document.write('…')`` calls read from one inline script, and characters of each.
MAX_WRITES: Final = 2000
MAX_WRITE_CHARS: Final = 20_000

# -- figures and tables --------------------------------------------------------------------
# Figures taken from one text (a page body, an attachment's text).
MAX_FIGURES: Final = 50_000
# Characters of a figure's clause kept as its context, and searched for its label.
MAX_CONTEXT_CHARS: Final = 400
MAX_LABEL_CHARS: Final = 120
# rowspan/colspan beyond this count as this (browsers stop at 1000 columns too).
MAX_SPAN: Final = 1000
# Grid positions a table's spans may cover; past it, further spans count as 1.
MAX_TABLE_GRID: Final = 1_000_000

# -- attachments ---------------------------------------------------------------------------
# Characters of text, and table cells, taken from one file.
MAX_TEXT_CHARS: Final = 5_000_000
MAX_CELLS: Final = 500_000
# Rows and columns of a spreadsheet read (Excel allows 1,048,576 × 16,384).
MAX_SHEET_ROWS: Final = 50_000
MAX_SHEET_COLS: Final = 500
# Unpacked size of the XML inside a .docx or .xlsx (they are zip files).
MAX_UNPACKED_BYTES: Final = 200 * MiB
# PDF pages read; a PDF whose (non-image) streams unpack past MAX_PDF_STREAM_BYTES and past
# fifty times its own size is a decompression bomb (text PDFs unpack three- to tenfold).
MAX_PDF_PAGES: Final = 2000
MAX_PDF_STREAM_BYTES: Final = MiB // 4
# The worker process that reads one file: seconds, and address space beyond what it starts with.
# PDF readers place every character (tens of thousands a second), so a long legitimate report
# takes its time: the limit is the download timeout's.
EXTRACT_TIMEOUT: Final = 120.0
EXTRACT_MEMORY: Final = 1024 * MiB


def count(digits: str) -> int:
    """A count a page writes, read from at most MAX_COUNT_DIGITS digits: ``int()`` of an
    endless digit string is slow, and past 4300 digits it raises."""
    head = digits[:MAX_COUNT_DIGITS]
    return int(head) if head.isdecimal() else 0


def claimed_pages(n: int) -> int:
    """A page count as far as parsers act on it (further pages are URLs built in memory)."""
    return max(0, min(n, MAX_CLAIMED_PAGES))


class TooComplex(Exception):
    """A file or page past one of the bounds above; the message says which."""
