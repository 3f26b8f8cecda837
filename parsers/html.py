"""Helpers shared by the family parsers: meta tags, attachments, class lookups."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

from lxml import html as lxml_html
from lxml.etree import ParserError, _Element

from parsers.records import Attachment
from parsers.text import inline_text, norm

ATTACHMENT_EXTS = frozenset(
    ["pdf", "doc", "docx", "xls", "xlsx", "wps", "et", "ofd", "zip", "rar", "txt", "csv"]
)


# What browsers strip from a URL attribute before reading it: surrounding spaces and C0 control
# characters, and tabs and newlines anywhere (so "java\nscript:" is still javascript:).
_URL_JUNK_RE = re.compile(r"[\t\n\r]")
_URL_EDGE = "".join(chr(c) for c in range(0x21)) + "\u3000\u00a0"


def link_url(href: str | None, base_url: str) -> str | None:
    """The one link filter: ``href`` resolved against ``base_url`` if it leads to an http(s)
    URL, else None (empty, fragment-only, ``javascript:``/``data:``/``mailto:`` in any case or
    spacing, or any other scheme)."""
    if not href:
        return None
    cleaned = _URL_JUNK_RE.sub("", href).strip(_URL_EDGE)
    if not cleaned or cleaned.startswith("#"):
        return None
    try:
        url = urljoin(base_url, cleaned)
        scheme = urlsplit(url).scheme.lower()
    except ValueError:  # e.g. an invalid IPv6 host
        return None
    if scheme not in ("http", "https"):
        return None
    return url


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
    ext = posixpath.splitext(urlsplit(url).path)[1].lower().lstrip(".")
    return ext or None


_WRITE_RE = re.compile(r"document\.write(?:ln)?\(\s*(['\"])(.*?)(?<!\\)\1\s*\)", re.S)


def written_links(script: _Element) -> Iterator[_Element]:
    """The ``<a>`` elements an inline script writes with ``document.write('<a href=…>')``."""
    for m in _WRITE_RE.finditer(script.text or ""):
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
    """File links (by URL extension) inside ``container``, resolved against ``base_url``."""
    found: list[Attachment] = []
    seen: set[str] = set()
    for a in _links(container):
        url = link_url(a.get("href"), base_url)
        if url is None:
            continue
        ext = extension(url)
        if ext not in ATTACHMENT_EXTS or url in seen:
            continue
        seen.add(url)
        assert ext is not None
        found.append(Attachment(url=url, name=inline_text(a), ext=ext))
    return found
