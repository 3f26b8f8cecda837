"""Bytes to text: the declared charset where there is one, detection where there is none.

Built on w3lib's ``html_to_unicode`` (the charset handling Scrapy itself uses), which already
reads gb2312 and gbk labels as gb18030, the superset that legacy pages labelled gb2312 really
need. Without a declaration, w3lib would fall back to UTF-8 and garble GBK pages, so we give it
a detector: strict UTF-8, then strict GB18030, then charset-normalizer.
"""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes
from w3lib.encoding import html_to_unicode


def _detect(body: bytes) -> str | None:
    for candidate in ("utf-8", "gb18030"):
        try:
            body.decode(candidate)
        except UnicodeDecodeError:
            continue
        return candidate
    best = from_bytes(body[:65536]).best()
    return best.encoding if best is not None else None


def _canonical(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def decode_html(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Decode an HTML body; return ``(text, encoding)``.

    When the declared charset leaves replacement characters but UTF-8 or GB18030 read the bytes
    cleanly, the clean reading wins: servers that declare the wrong charset are common.
    """
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=_detect)
    if "\ufffd" in text:
        for candidate in ("utf-8", "gb18030"):
            if _canonical(candidate) == _canonical(encoding):
                continue
            try:
                return body.decode(candidate), _canonical(candidate)
            except UnicodeDecodeError:
                continue
    return text, _canonical(encoding)
