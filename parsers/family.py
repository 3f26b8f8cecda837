"""The family contract: one detail-page template and one list-page template with named hooks.

A CMS family is a subclass of ``Family`` that overrides only what its CMS does differently;
the template (``parse_detail``, ``parse_list``) is the same for every family, so the rules for
titles, dates, publishers, bodies, figures and attachments live once, in
``parsers.common.build_document``. A family module ``parsers/families/<name>.py`` exposes its
instance as ``FAMILY``; ``parsers.registry`` finds it by name, with no registration.

Detail hooks, in the order the template calls them:

- ``body(page)``: the body container, or None (default: the first of ``body_xpaths``);
- ``metadata(page, body)``: label/value pairs as written (default: none);
- ``is_document(page, body, pairs, extra)``: whether the page is a document at all (default:
  a body or a metadata pair); a page that is not raises ``PageError`` (soft 404 or parse error);
- ``heading(page)``: the page's heading (default: the first of ``heading_xpaths``);
- ``date_hints(page, body, pairs)``: texts that may hold the publication time;
- ``complete(page, body, doc)``: last touches on the built record (e.g. attachments a CMS
  links in its own way).

List hooks: ``list_items(page)``, ``pagination(page)`` (page count, further page URLs) and
``declared_total(page)`` (the number of items the column says it holds, ``共N条``). The base
hooks are ``parsers.listing``'s generic list discovery, so a CMS with no family of its own is
listed too; a known family overrides them with its own template's reading.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from lxml.etree import _Element

from parsers import listing
from parsers.common import build_document, first_of, heading_text, not_a_document, unlabeled_pairs
from parsers.records import Document, ListItem, ListPage
from parsers.text import parse_html


class Page:
    """One page being read: its text, its canonical URL, its tree (parsed on first use) and
    room for what a family's hooks compute once and share."""

    def __init__(self, html: str, url: str) -> None:
        self.html = html
        self.url = url
        self._root: _Element | None = None
        self.scratch: dict[str, Any] = {}

    @property
    def root(self) -> _Element:
        if self._root is None:
            self._root = parse_html(self.html)
        return self._root


class Family:
    name: ClassVar[str] = "generic"
    body_xpaths: ClassVar[tuple[str, ...]] = ()
    heading_xpaths: ClassVar[tuple[str, ...]] = ()

    # -- detail pages -----------------------------------------------------------------------

    def parse_detail(
        self, html: str, url: str, figures: bool = True, rules: Mapping[str, Any] | None = None
    ) -> Document:
        """A detail page's record; ``rules`` are a site profile's ``[detail]`` rules."""
        page = Page(html, url)
        body = self.body(page)
        pairs = self.metadata(page, body)
        extra = unlabeled_pairs(page.root, rules)
        if not self.is_document(page, body, pairs, extra):
            raise not_a_document(page.root)
        doc = build_document(
            url,
            page.root,
            pairs,
            body,
            heading=self.heading(page),
            date_hints=self.date_hints(page, body, pairs),
            figures=figures,
            extra_fields=extra,
        )
        return self.complete(page, body, doc)

    def body(self, page: Page) -> _Element | None:
        return first_of(page.root, self.body_xpaths)

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        return {}

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        return body is not None or bool(pairs)

    def heading(self, page: Page) -> str:
        return heading_text(page.root, self.heading_xpaths)

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        return []

    def complete(self, page: Page, body: _Element | None, doc: Document) -> Document:
        return doc

    # -- list pages -------------------------------------------------------------------------

    def parse_list(self, html: str, url: str) -> ListPage:
        page = Page(html, url)
        items = self.list_items(page)
        page.scratch["list_items"] = items
        count, page_urls = self.pagination(page)
        return ListPage(
            url=url,
            items=items,
            page_count=count,
            page_urls=page_urls,
            declared_total=self.declared_total(page),
        )

    def list_items(self, page: Page) -> list[ListItem]:
        return listing.list_items(page.root, page.html, page.url)

    def pagination(self, page: Page) -> tuple[int | None, list[str]]:
        items = page.scratch.get("list_items")
        per_page = len(items) if items is not None else None
        return listing.pagination(page.root, page.html, page.url, per_page)

    def declared_total(self, page: Page) -> int | None:
        return listing.declared_total(page.html)
