"""Dates as Chinese government pages write them, to ISO 8601 in China Standard Time.

A value with a time becomes ``YYYY-MM-DDTHH:MM:SS+08:00``; a value with only a day stays
``YYYY-MM-DD`` (inventing midnight would claim a precision the page does not have).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from parsers.numbers import chinese_int

CST_OFFSET = "+08:00"


_DATE_RE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*(?:[-./年])\s*(?P<m>\d{1,2})\s*(?:[-./月])\s*(?P<d>\d{1,2})\s*日?"
    r"(?:[\sT]*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
_CN_DATE_RE = re.compile(
    r"(?P<y>[〇零○Ｏ一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月"
    r"(?P<d>[一二三四五六七八九十]{1,3})日"
)


@dataclass(frozen=True)
class PageDate:
    year: int
    month: int
    day: int
    hour: int | None = None
    minute: int | None = None
    second: int | None = None

    @property
    def day_iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    @property
    def has_time(self) -> bool:
        return self.hour is not None

    def iso(self) -> str:
        if self.hour is None:
            return self.day_iso
        return (
            f"{self.day_iso}T{self.hour:02d}:{self.minute or 0:02d}:{self.second or 0:02d}"
            f"{CST_OFFSET}"
        )


def _valid(y: int, m: int, d: int) -> bool:
    if not (1 <= m <= 12 and 1 <= d <= 31):
        return False
    days = [
        31,
        29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return d <= days[m - 1]


def parse_date(text: str | None) -> PageDate | None:
    """The first date (and time, if written next to it) in ``text``, or None."""
    if not text:
        return None
    m = _DATE_RE.search(text)
    if m:
        y, mo, d = int(m["y"]), int(m["m"]), int(m["d"])
        if _valid(y, mo, d):
            if m["H"] is not None:
                hour, minute = int(m["H"]), int(m["M"])
                second = int(m["S"]) if m["S"] else 0
                if hour < 24 and minute < 60 and second < 60:
                    return PageDate(y, mo, d, hour, minute, second)
            return PageDate(y, mo, d)
    m = _CN_DATE_RE.search(text)
    if m:
        y, mo, d = chinese_int(m["y"]), chinese_int(m["m"]), chinese_int(m["d"])
        if _valid(y, mo, d):
            return PageDate(y, mo, d)
    return None


def with_time_from(primary: PageDate | None, *others: PageDate | None) -> PageDate | None:
    """``primary``, completed with the time of the first other date on the same day."""
    if primary is None or primary.has_time:
        return primary
    for other in others:
        if other is not None and other.has_time and other.day_iso == primary.day_iso:
            return other
    return primary
