"""The family contract: one detail-page template and one list-page template with named hooks.

The base ``Family`` is the generic reader, exposed as the family ``generic``: it reads any
government information-disclosure page by what every CMS shares — labels wherever they stand
(``parsers.area``), the national meta tags (``parsers.metas``), known body containers and, when
none matches, main-content extraction (``parsers.body``). A CMS family is a subclass that
overrides only what its CMS does differently; the template (``parse_detail``, ``parse_list``) is
the same for every family, so the rules for titles, dates, publishers, bodies, figures and
attachments live once, in ``parsers.common.build_document``. A family module
``parsers/families/<name>.py`` exposes its instance as ``FAMILY``; ``parsers.registry`` finds it
by name, with no registration.

Detail hooks, in the order the template calls them:

- ``body(page)``: the family's body container, or None (default: the first of
  ``body_xpaths``). When a family finds none, the template looks for the known containers of
  every CMS, then (the slow path) runs the main-content extractor, and records which of the
  two found the body (``Document.body_source``);
- ``metadata(page, body)``: label/value pairs as written (default: every label of the synonym
  table in the page's main area, nearest the body first, and a label heading exactly one value
  in a table of the body). When a family's own metadata comes out empty, the template reads
  the default's instead;
- ``is_document(page, body, pairs, extra)``: whether the page is a document at all (default:
  a body, two metadata values, a value a profile rule read, or the ArticleTitle and PubDate
  metas of an article page); a page that is not raises ``PageError`` (soft 404 or parse
  error);
- ``heading(page)``: the page's heading (default: the first of ``heading_xpaths``, else the
  nearest ``<h1>``/``<h2>`` before the body outside page chrome);
- ``date_hints(page, body, pairs)``: texts that may hold the publication time (default: every
  publish-date label's value in the main area, nearest first);
- ``complete(page, body, doc)``: last touches on the built record (default: files linked from
  the attachment block beside the body: ``appendix="true"`` links, ``fj``/``attach`` blocks,
  links written by inline scripts).

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
from parsers.area import PUBLISH_LABELS, Area, block_attachment, table_pairs
from parsers.body import Found, extracted, known_container
from parsers.common import build_document, first_of, heading_text, not_a_document, unlabeled_pairs
from parsers.fields import LABEL_FIELDS
from parsers.metas import national_meta
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
        # what the template has found so far: the body container, and how it was found when
        # the family's own containers missed it
        self.body: _Element | None = None
        self.found: Found | None = None

    @property
    def root(self) -> _Element:
        if self._root is None:
            self._root = parse_html(self.html)
        return self._root

    def area(self, body: _Element | None) -> Area:
        """The main area around ``body`` (computed once per body)."""
        key = ("area", id(body))
        found: Area | None = self.scratch.get("area")
        if found is None or self.scratch.get("area_key") != key:
            found = Area.around(self.root, body)
            self.scratch["area"], self.scratch["area_key"] = found, key
        return found

    def occurrences(self, body: _Element | None) -> list[tuple[str, str]]:
        """Every label/value occurrence in the main area around ``body``, nearest first."""
        key = ("occurrences", id(body))
        if self.scratch.get("occurrences_key") != key:
            self.scratch["occurrences"] = self.area(body).occurrences()
            self.scratch["occurrences_key"] = key
        found: list[tuple[str, str]] = self.scratch["occurrences"]
        return found


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
        body = page.body = self.body(page)
        read_from = body  # the element the record's body is read from
        found: Found | None = None
        if body is None:
            found = page.found = known_container(page.root)
            if found is not None:
                body = page.body = found.element
        pairs = self._pairs(page, body)
        extra = unlabeled_pairs(page.root, rules)
        if body is None:
            found = page.found = extracted(page.root, page.html)  # the slow path
            if found is not None:
                body = page.body = found.element
                pairs = self._pairs(page, body)
        if found is not None:
            read_from = found.cleaned
        if not self.is_document(page, body, pairs, extra):
            raise not_a_document(page.root)
        doc = build_document(
            url,
            page.root,
            pairs,
            read_from,
            heading=self.heading(page),
            date_hints=self.date_hints(page, body, pairs),
            figures=figures,
            extra_fields=extra,
            body_source=found.source if found is not None else "container",
        )
        return self.complete(page, body, doc)

    def _pairs(self, page: Page, body: _Element | None) -> dict[str, str]:
        """The family's metadata; when a family's own box is not on the page (a newer
        template), the labels wherever they stand, as for any page."""
        pairs = self.metadata(page, body)
        if not pairs and type(self).metadata is not Family.metadata:
            pairs = Family.metadata(self, page, body)
        return pairs

    def body(self, page: Page) -> _Element | None:
        return first_of(page.root, self.body_xpaths)

    def metadata(self, page: Page, body: _Element | None) -> dict[str, str]:
        pairs: dict[str, str] = {}
        boxes = page.found.boxes if page.found is not None else []
        for label, value in [
            *(p for box in boxes for p in Area.inside(box)),
            *page.occurrences(body),
        ]:
            if not pairs.get(label):
                pairs[label] = value
        if body is not None:
            # a body table's 名称 column names goods or projects, never the document
            for label, value in table_pairs(body):
                if label not in pairs and LABEL_FIELDS.get(label) != "title":
                    pairs[label] = value
        return pairs

    def is_document(
        self, page: Page, body: _Element | None, pairs: dict[str, str], extra: dict[str, str]
    ) -> bool:
        if body is not None or len([v for v in pairs.values() if v]) >= 2 or extra:
            return True
        meta = national_meta(page.root)  # an article page by its own declaration
        return meta.article_title is not None and meta.pub_date is not None

    def heading(self, page: Page) -> str:
        return heading_text(page.root, self.heading_xpaths) or page.area(page.body).heading()

    def date_hints(
        self, page: Page, body: _Element | None, pairs: dict[str, str]
    ) -> list[str | None]:
        found: list[str | None] = [
            value for label, value in page.occurrences(body) if label in PUBLISH_LABELS
        ]
        if not found and national_meta(page.root).pub_date is None:
            # no label and no PubDate: a date-time standing alone under the title
            found.append(page.area(body).bare_date())
        return found

    def complete(self, page: Page, body: _Element | None, doc: Document) -> Document:
        seen = {a.url for a in doc.attachments}
        for link in page.area(body).links(page.html):
            found = block_attachment(link, page.url)
            if found is not None and found.url not in seen:
                seen.add(found.url)
                doc.attachments.append(found)
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
