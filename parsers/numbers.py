"""Chinese numerals, read in one place for dates and figures.

Two ways of writing them: positional (一千七百, 二十三, 两万) and digit by digit, as years are
written in signatures (二〇二一). ``chinese_int`` reads both.
"""

from __future__ import annotations

CN_DIGITS = {"零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}  # fmt: skip
CN_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG = {"万": 10**4, "亿": 10**8}


def chinese_int(numeral: str) -> int:
    """一千七百 -> 1700, 十二 -> 12, 两千 -> 2000, 一万二千 -> 12000, 三百零五 -> 305; a run of
    digits with no unit reads digit by digit: 二〇二一 -> 2021."""
    if len(numeral) > 1 and all(ch in CN_DIGITS for ch in numeral):
        return int("".join(str(CN_DIGITS[ch]) for ch in numeral))
    total = section = digit = 0
    for ch in numeral:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in CN_UNITS:
            section += (digit or 1) * CN_UNITS[ch]
            digit = 0
        elif ch in CN_BIG:
            total = (total + section + digit) * CN_BIG[ch]
            section = digit = 0
    return total + section + digit
