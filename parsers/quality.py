"""What a record lacks: problems that keep a document from passing as complete.

A page can carry a metadata box and a title and still give no body: a new template of a known
CMS whose body container no reader knows, or a body drawn by JavaScript. Such a record is
stored — the archive keeps what it got — but with its problems named, so fill rates, the
crawl's health and a canned query all show it. Pure: the record and the site's required
fields in, problems out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from parsers.records import Document

# Fewer characters than this, and no attachment: the body was not found (a heading repeated,
# a date line, 打印 / 关闭 links are shorter than any document).
MIN_BODY_CHARS = 20


@dataclass(frozen=True)
class Problem:
    kind: str  # body_missing | field_missing
    field: str | None
    detail: str


def body_missing(doc: Document) -> bool:
    return len("".join(doc.body_text.split())) < MIN_BODY_CHARS and not doc.attachments


def problems_of(doc: Document, required: Sequence[str] = ()) -> list[Problem]:
    """The problems of ``doc``: its body missing, or a required field empty."""
    found: list[Problem] = []
    if body_missing(doc):
        chars = len("".join(doc.body_text.split()))
        found.append(Problem("body_missing", "body_text",
                             f"the body has {chars} characters and the page links no "
                             "attachment"))  # fmt: skip
    for name in required:
        if name == "body_text":
            continue
        if not getattr(doc, name, None):
            found.append(Problem("field_missing", name, f"no {name} could be read on the page"))
    return found
