"""Pure parsers: bytes + canonical URL in, plain records out.

Nothing here sees Scrapy, a database or the clock, so the whole archive can be re-parsed from
stored raw bytes whenever a parser improves.
"""

from parsers.errors import PageError
from parsers.records import Attachment, Document, ListItem, ListPage
from parsers.registry import parse_detail, parse_list

__all__ = [
    "Attachment",
    "Document",
    "ListItem",
    "ListPage",
    "PageError",
    "parse_detail",
    "parse_list",
]
