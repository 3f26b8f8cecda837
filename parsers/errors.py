"""Recognising pages that are not documents: error pages served with 200, anti-bot walls.

``PageError.kind`` is a closed vocabulary shared with the crawler and the ``errors`` table:

- ``not_found``: HTTP 404/410
- ``soft_404``: HTTP 200 whose text says the page does not exist, or a redirect to the home page
- ``blocked``: HTTP 412/521 or an anti-bot JavaScript challenge
- ``server_error``: HTTP 5xx after retries
- ``http_error``: any other HTTP status >= 400
- ``truncated``: the body is shorter than the server announced
- ``timeout`` / ``connection``: no complete answer from the server
- ``robots_disallowed``: robots.txt forbids the URL, so it was not fetched
- ``redirect_offsite``: a redirect (HTTP or ``<meta http-equiv=refresh>``) to another host or a
  non-web URL, not followed
- ``redirect_loop``: a redirect back into its own chain, or too many redirects
- ``too_large``: an attachment larger than the download limit, not downloaded
- ``not_a_file``: an attachment URL answering with an HTML page instead of the file
- ``parse_error``: a page that is none of the above but holds no recognisable document
- ``empty_list``: a list page with no items (the site's layout probably changed)
- ``list_incomplete``: a column whose list pages, all read, list another number of items than
  the total it declares (共N条)
"""

from __future__ import annotations

import re

from parsers.text import HAN_RE, inline_text, parse_html

ERROR_KINDS = (
    "not_found",
    "soft_404",
    "blocked",
    "server_error",
    "http_error",
    "truncated",
    "timeout",
    "connection",
    "robots_disallowed",
    "redirect_offsite",
    "redirect_loop",
    "too_large",
    "not_a_file",
    "parse_error",
    "empty_list",
    "list_incomplete",
)


class PageError(Exception):
    """A fetched page that must not be archived as a document."""

    def __init__(self, kind: str, detail: str) -> None:
        if kind not in ERROR_KINDS:
            raise ValueError(f"unknown error kind {kind!r}")
        super().__init__(f"{kind}: {detail}")
        self.kind = kind
        self.detail = detail


SOFT_404_PHRASES = (
    "页面不存在",
    "已被删除",
    "已删除",
    "找不到",
    "无法找到",
    "不存在或已",
    "信息已过期",
    "页面已失效",
)

# Markers of the JavaScript cookie challenges that anti-bot gateways (Ruishu, Jiasule and the
# like) put in front of government sites. A gateway may also leave its loader in the real page
# it lets through (Ruishu's <meta r="m"> and $_ts script), so markers alone are not enough: a
# challenge page shows (almost) no text of its own.
_CHALLENGE_RE = re.compile(
    r"\$_ts\s*=|<meta[^>]+\br=['\"]m['\"]|__jsl_clearance|_waf_|jsl_clearance_s|"
    r"请开启JavaScript|please enable javascript",
    re.IGNORECASE,
)


def http_status_kind(status: int) -> str | None:
    """The error kind of an HTTP status, or None for statuses that carry a page."""
    if status in (404, 410):
        return "not_found"
    if status in (412, 521, 403, 429):
        return "blocked"
    if status >= 500:
        return "server_error"
    if status >= 400:
        return "http_error"
    return None


# a page showing at least this many Chinese characters outside scripts is a page, not a wall
CHALLENGE_MAX_TEXT = 100


def looks_like_challenge(html: str) -> bool:
    if _CHALLENGE_RE.search(html[:20000]) is None:
        return False
    root = parse_html(html)
    shown = 0
    for body in root.iter("body"):
        shown += len(HAN_RE.findall(inline_text(body)))
    return shown < CHALLENGE_MAX_TEXT


def soft_404_phrase(text: str) -> str | None:
    for phrase in SOFT_404_PHRASES:
        if phrase in text:
            return phrase
    return None


def snippet(text: str, limit: int = 120) -> str:
    return " ".join(text.split())[:limit]
