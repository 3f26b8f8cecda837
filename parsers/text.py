"""Text out of HTML trees: whitespace normalization and block-aware body text."""

from __future__ import annotations

import re

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "tr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "table",
        "ul",
        "ol",
        "section",
        "article",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "hr",
        "tbody",
        "thead",
        "tfoot",
        "form",
        "center",
        "header",
        "footer",
        "nav",
        "caption",
        "figure",
        "figcaption",
    ]
)
# a Chinese character (a CJK unified ideograph)
HAN_RE = re.compile(r"[\u4e00-\u9fff]")
SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "head", "title", "select", "button"]
)


def norm(text: str | None) -> str:
    """Collapse every run of whitespace (spaces, &nbsp;, U+3000, newlines) to one space; trim."""
    if not text:
        return ""
    return " ".join(text.split())


def squeeze(text: str | None) -> str:
    """Remove all whitespace: how labels like ``索 引 号`` or ``名　　称`` are compared."""
    if not text:
        return ""
    return "".join(text.split())


def parse_html(text: str) -> _Element:
    """Parse decoded HTML with lxml; tolerate XML declarations and empty documents."""
    if text.startswith("<?xml"):
        end = text.find("?>")
        text = text[end + 2 :] if end != -1 else text
    try:
        return lxml_html.document_fromstring(text)
    except (ParserError, ValueError):
        return lxml_html.document_fromstring("<html><body></body></html>")


def inline_text(el: _Element) -> str:
    """All text under ``el`` except scripts and styles, normalized to one line."""
    return norm(" ".join(block_lines(el)))


def block_lines(
    el: _Element,
    row_lines: dict[_Element, int] | None = None,
    row_cells: dict[_Element, list[str]] | None = None,
) -> list[str]:
    """The lines of text under ``el``: block elements break lines, inline ones don't.

    A table row is one line whose cells are joined by a tab, so tables stay readable and
    their cells stay apart in the stored body text. ``row_lines``, when given, receives the
    line number of every table row that became a line, and ``row_cells`` the text of each
    row's cells (so tables need not be read twice).
    """
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = norm("".join(buf))
        buf.clear()
        if line:
            lines.append(line)

    def walk(node: _Element) -> None:
        tag = node.tag
        if not isinstance(tag, str) or tag in SKIP_TAGS:  # comments and processing instructions
            pass
        elif tag == "tr":
            flush()
            cells = [
                norm(" ".join(block_lines(cell)))
                for cell in node
                if isinstance(cell.tag, str) and cell.tag in ("td", "th")
            ]
            if row_cells is not None:
                row_cells[node] = cells
            if any(cells):
                if row_lines is not None:
                    row_lines[node] = len(lines)
                lines.append("\t".join(cells))
        elif tag == "br":
            flush()
        elif tag in BLOCK_TAGS:
            flush()
            if node.text:
                buf.append(node.text)
            for child in node:
                walk(child)
            flush()
        else:
            if node.text:
                buf.append(node.text)
            for child in node:
                walk(child)
        if node.tail:
            buf.append(node.tail)

    if el.text and isinstance(el.tag, str) and el.tag not in SKIP_TAGS:
        buf.append(el.text)
    for child in el:
        walk(child)
    flush()
    return lines


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef"


def heading_line(el: _Element) -> str:
    """A heading's text on one line: lines broken by ``<br>`` or a block element inside it are
    joined without a space between Chinese characters (``…纾困<div>预计…`` -> ``…纾困预计…``),
    with one space elsewhere."""
    out = ""
    for line in block_lines(el):
        if out and not (_cjk(out[-1]) and _cjk(line[0])):
            out += " "
        out += line
    return out


def body_text(el: _Element) -> str:
    return "\n".join(block_lines(el))


def body_layout(
    el: _Element, row_cells: dict[_Element, list[str]] | None = None
) -> tuple[str, dict[_Element, int]]:
    """Body text, and the character offset in it of every table row's line."""
    row_lines: dict[_Element, int] = {}
    lines = block_lines(el, row_lines, row_cells)
    starts: list[int] = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    return "\n".join(lines), {row: starts[i] for row, i in row_lines.items()}
