"""Helpers shared by the family parsers: meta tags, attachments, class lookups."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers.limits import MAX_WRITE_CHARS, MAX_WRITES
from parsers.records import Attachment
from parsers.text import inline_text, norm
from parsers.urls import resolve

ATTACHMENT_EXTS = frozenset(
    ["pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "txt", "csv"]
)


def has_class(cls: str) -> str:
    """An XPath predicate matching elements whose class list contains ``cls``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {cls} ')"


def elements(root: _Element, xpath: str) -> list[_Element]:
    """The elements an XPath selects (text and attribute results are left out)."""
    found = root.xpath(xpath)
    if not isinstance(found, list):
        return []
    return [el for el in found if isinstance(el, _Element)]


def first(root: _Element, xpath: str) -> _Element | None:
    found = elements(root, xpath)
    return found[0] if found else None


def meta_tags(root: _Element) -> dict[str, str]:
    out: dict[str, str] = {}
    for meta in root.iter("meta"):
        name = meta.get("name")
        if name and name not in out:
            out[name] = norm(meta.get("content"))
    return out


def extension(url: str) -> str | None:
    try:
        path = urlsplit(url).path
    except ValueError:
        return None
    ext = posixpath.splitext(path)[1].lower().lstrip(".")
    return ext or None


_WRITE_RE = re.compile(r"document\.write(?:ln)?\(\s*(['\"])(.*?)(?<!\\)\1\s*\)", re.S)
_WRITE_CALL_RE = re.compile(r"document\.write")


def written_links(script: _Element) -> Iterator[_Element]:
    """The ``<a>`` elements an inline script writes with ``document.write('<a href=…>')``.

    Each call is read only up to the next call (and MAX_WRITE_CHARS characters; the first
    MAX_WRITES calls), so an unterminated ``document.write('`` cannot make every later call
    scan to the end of the script: 20,000 of them took minutes.
    """
    text = script.text or ""
    starts = [m.start() for m in _WRITE_CALL_RE.finditer(text)][:MAX_WRITES]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(text)
        m = _WRITE_RE.match(text, start, min(end, start + MAX_WRITE_CHARS))
        if m is None:
            continue
        fragment = m[2].replace("\\'", "'").replace('\\"', '"')
        try:
            parsed = lxml_html.fragment_fromstring(fragment, create_parent="div")
        except (ParserError, ValueError):
            continue
        yield from parsed.iter("a")


def _links(container: _Element) -> Iterator[_Element]:
    """``<a>`` elements in document order, including those inline scripts write, which a
    DOM-only reader would miss."""
    for el in container.iter("a", "script"):
        if el.tag == "a":
            yield el
        else:
            yield from written_links(el)


def attachments(container: _Element, base_url: str) -> list[Attachment]:
    """File links (by URL extension) inside ``container``, resolved against ``base_url``; only
    http(s) URLs (``parsers.urls.resolve``)."""
    found: list[Attachment] = []
    seen: set[str] = set()
    for a in _links(container):
        url = resolve(base_url, a.get("href"))
        if url is None:
            continue
        ext = extension(url)
        if ext not in ATTACHMENT_EXTS or url in seen:
            continue
        seen.add(url)
        assert ext is not None
        found.append(Attachment(url=url, name=inline_text(a), ext=ext))
    return found
