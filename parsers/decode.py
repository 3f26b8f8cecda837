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

# Tried strictly, in order, before any statistical guess: Chinese government bytes are UTF-8 or
# GBK (read as its superset GB18030) far more often than anything else.
STRICT_CODECS = ("utf-8", "gb18030")


def decode_strict(data: bytes) -> tuple[str, str] | None:
    """``(text, codec)`` of the first strict codec that reads every byte, or None."""
    for codec in STRICT_CODECS:
        try:
            return data.decode(codec), codec
        except UnicodeDecodeError:
            continue
    return None


def detect_encoding(body: bytes) -> str | None:
    """The one charset detector: strict UTF-8, strict GB18030, then charset-normalizer."""
    strict = decode_strict(body)
    if strict is not None:
        return strict[1]
    best = from_bytes(body[:65536]).best()
    return best.encoding if best is not None else None


def decode_text(body: bytes) -> tuple[str, str]:
    """Plain text of unknown charset (attachments: CSV, TXT): a UTF-8 BOM, else the detector;
    bytes no codec reads become U+FFFD."""
    if body.startswith(b"\xef\xbb\xbf"):
        return body[3:].decode("utf-8", "replace"), "utf-8-sig"
    codec = detect_encoding(body) or "utf-8"
    return body.decode(codec, "replace"), codec


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
    encoding, text = html_to_unicode(content_type, body, auto_detect_fun=detect_encoding)
    if "\ufffd" in text:
        for candidate in STRICT_CODECS:
            if _canonical(candidate) == _canonical(encoding):
                continue
            try:
                return body.decode(candidate), _canonical(candidate)
            except UnicodeDecodeError:
                continue
    return text, _canonical(encoding)
