"""Figures: every number a disclosure reports, with its unit, exact value and context.

Pure functions over ``body_text`` (README, *Figures*, is the specification). Matching runs on a
copy of the text with full-width digits and signs folded to ASCII one character for one, so
every offset found there is an offset in the original text too.

Extraction is linear in the text: no pattern can rescan a run of digits, numerals or commas
from each of its characters (their repetitions are bounded), clause boundaries are found once
per text, and a figure's context and label come from a bounded window around it
(``parsers.limits``), so a clause of 8,000 amounts costs 8,000 small steps, not 8,000².
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from parsers.limits import MAX_CONTEXT_CHARS, MAX_FIGURES, MAX_LABEL_CHARS
from parsers.numbers import CN_BIG, chinese_int
from parsers.records import Figure

# -- units -----------------------------------------------------------------------------------

# unit as written (without magnitude) -> kind; longest first in the pattern.
UNIT_KINDS: dict[str, str] = {
    "%": "percent",
    "个百分点": "percentage_point",
    "百分点": "percentage_point",
    "分": "score",
    "平方公里": "area",
    "平方千米": "area",
    "平方米": "area",
    "公顷": "area",
    "亩": "area",
    "千克": "weight",
    "公斤": "weight",
    "吨": "weight",
    "公里": "length",
    "千米": "length",
    "米": "length",
    "立方米": "volume",
    "个小时": "duration",
    "小时": "duration",
    "分钟": "duration",
    "个工作日": "duration",
    "工作日": "duration",
    "个月": "duration",
    "天": "duration",
    "周": "duration",
    "倍": "multiple",
}
COUNT_WORDS = (
    "家次 人次 户次 车次 架次 批次 场次 台次 "
    "人 名 位 家 户 项 个 件 次 场 支 座 条 床 套 顶 份 起 批 台 辆 架 艘 处 所 类 例 组 队 "
    "间 张 只 头 本 册 篇 期 轮 宗 块 栋 种"
).split()
for _word in COUNT_WORDS:
    UNIT_KINDS[_word] = "count"

MAGNITUDES: dict[str, int] = {
    "万亿": 10**12,
    "千万": 10**7,
    "百万": 10**6,
    "亿": 10**8,
    "万": 10**4,
    "千": 10**3,
}
KINDS = (
    "money",
    "percent",
    "percentage_point",
    "count",
    "score",
    "area",
    "weight",
    "length",
    "volume",
    "duration",
    "multiple",
    "number",
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Characters that continue a unit into another word: 分别, 分局, 周年, 周边, 天然…
_UNIT_STOPS: dict[str, str] = {
    "分": "别局类析配布解工享期批段区队部值数之",
    "周": "年边",
    "天": "然",
}
# Bounded repetitions: a match starting inside a run must not scan to the run's end again
# (``1,111,111,…`` and ``一一一…`` took seconds per few thousand characters).
_NUM = r"(?:\d{1,3}(?:,\d{3}){1,6}|\d+)(?:\.\d+)?"
_CNUM = r"[一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]{0,15}"
_FIGURE_RE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<sign>-)?(?P<num>{_NUM}|{_CNUM})"
    rf"(?:[ ]?(?P<rsep>[-~～—至到])[ ]?(?P<num2>{_NUM}|{_CNUM}))?"
    r"[ ]?(?:"
    rf"(?P<mmag>{_alternation(MAGNITUDES)})?(?P<mapx>余|多)?(?P<money>元)"
    rf"|(?P<omag>万|亿)?(?P<oapx>余|多)?(?P<unit>{_alternation(UNIT_KINDS)})"
    r")"
)

_ANY_NUMBER_RE = re.compile(r"[0-9一二两三四五六七八九十]")

# -- what is not a figure --------------------------------------------------------------------

_CN = "零〇一二两三四五六七八九十"
_EXCLUDED_RE = re.compile(
    "|".join(
        [
            r"https?://[^\s，。；]+|www\.[^\s，。；]+",
            r"\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?",
            r"\d{4}\s*年(?:度)?",
            r"\d{1,2}\s*月\s*\d{1,2}\s*[日号]",
            r"\d{1,2}\s*月(?:份)?",
            r"\d{1,2}\s*日",
            rf"[{_CN}]{{4}}年|[{_CN}]{{1,3}}月(?:[{_CN}]{{1,3}}日)?",
            r"\d{1,2}[:：]\d{2}(?:[:：]\d{2})?",
            r"\d{1,2}\s*时(?:\s*\d{1,2}\s*分)?",
            r"[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*\d+\s*号",
            r"(?<!\d)\d+\s*号",  # (only from a run's start: each digit rescanned the run)
            r"[0-9A-Z]{9}-\d{6}-\d+|\d{9}/\d{4}-\d{5}|(?<![A-Za-z])[A-Za-z]+/\d{4}-\d+",
            r"\(?\d{3,4}\)?-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)",
            r"(?:邮编|邮政编码)[：:]?\s*\d{6}",
            rf"第\s*[\d{_CN}百千]+",
            # slogans that are names, not counts: 八项规定, 三个代表, 两个维护, 四个意识…
            r"[一二两三四五六七八九十]{1,3}(?:项规定|个代表|个维护|个意识|个自信|个全面|个确立)",
            r"(?m:^[^\S\n]*(?:\d{1,2}\s*[.．、](?!\d)|[一二三四五六七八九十]{1,4}\s*、))",
            rf"[（(]\s*[\d{_CN}]{{1,3}}\s*[）)]",
        ]
    )
)

# -- context ---------------------------------------------------------------------------------

_CLAUSE_END_RE = re.compile(r"[。；;！？!?\n\t，]|,(?!\d)")
_APPROX_BEFORE = ("大约", "将近", "超过", "约", "近", "逾")
_APPROX_AFTER = ("左右", "以上", "上下")
_DIRECTION_RE = re.compile(
    r"(?:(?P<up>增长|增加|上升|提高|提升|增)|(?P<down>下降|减少|降低|下滑|回落|降))了?$"
)
_CONNECTORS = (
    "共计", "累计", "达到", "高达", "超过", "大约", "将近", "同比", "比上年",
    "较上年", "增长", "增加", "下降", "减少", "降低", "提高", "上升", "为", "是", "达", "共",
    "约", "近", "有", "仅", "了", "：", ":", " ",
)  # fmt: skip
# Words whose last character is also a connector: 违法行为317起 is labelled 违法行为.
_WORDS_ENDING_LIKE_CONNECTORS = ("行为", "作为", "所有", "现有", "拥有")
_LABEL_TAIL_RE = re.compile(r"[\u3400-\u9fffA-Za-z]+$")
_LABEL_LEAD_WORDS = ("其中", "全年")
# after a number, 年/月 belong to a date: 2020年部门预算总收入 is labelled 部门预算总收入
_LABEL_LEAD = (*_LABEL_LEAD_WORDS, "年度", "年", "度", "月", "日")

_FOLD = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "．": ".",
        "％": "%",
        "－": "-",
        "﹣": "-",
        "−": "-",
        "～": "~",
        "\u3000": " ",
        "\xa0": " ",
    }
)


def fold(text: str) -> str:
    """Full-width digits, ％, ．, minus signs and wide spaces to ASCII, one char for one."""
    return text.translate(_FOLD)


def decimal_str(value: Decimal) -> str:
    """Exact, no exponent, no trailing zeros after the point: 49240100.00 -> 49240100."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


@dataclass(frozen=True)
class _Number:
    value: str  # as written, separators removed
    is_chinese: bool


def _number(raw: str, negative: bool = False) -> _Number | None:
    if raw[0].isdigit():
        value = raw.replace(",", "")
        return _Number(("-" if negative else "") + value, False)
    value = str(chinese_int(raw))
    return _Number(value, True)


def _overlaps(mask: bytearray, start: int, end: int) -> bool:
    return any(mask[start:end])


def clause_ends(text: str) -> list[int]:
    """Offsets of every character that ends a clause, in order (found once per text)."""
    return [m.start() for m in _CLAUSE_END_RE.finditer(text)]


def clause_bounds(
    text: str, start: int, end: int, ends: list[int] | None = None
) -> tuple[int, int]:
    """The clause around ``text[start:end]``: from after the clause end before it to the
    clause end after it. ``ends`` (``clause_ends(text)``) saves finding them again."""
    if ends is None:
        ends = clause_ends(text)
    i = bisect_left(ends, start)  # ends[i - 1] is the last clause end before start
    left = ends[i - 1] + 1 if i > 0 else 0
    j = bisect_left(ends, end, lo=i)
    right = ends[j] if j < len(ends) else len(text)
    return left, right


def context_window(left: int, right: int, start: int, end: int) -> tuple[int, int]:
    """The clause ``[left, right)`` cut to MAX_CONTEXT_CHARS characters around the figure at
    ``[start, end)``: a clause of thousands of figures must not copy itself into each."""
    if right - left <= MAX_CONTEXT_CHARS:
        return left, right
    left = max(left, start - MAX_CONTEXT_CHARS // 2)
    right = min(right, max(end, left + MAX_CONTEXT_CHARS))
    return left, right


def label_before(prefix: str) -> str | None:
    """The thing a figure quantifies: the words right before it in its clause."""
    changed = True
    while changed and prefix:
        changed = False
        if prefix.endswith(_WORDS_ENDING_LIKE_CONNECTORS):
            break
        for word in _CONNECTORS:
            if prefix.endswith(word):
                prefix = prefix[: -len(word)]
                changed = True
    m = _LABEL_TAIL_RE.search(prefix)
    if m is None:
        return None
    label = m.group()
    after_number = m.start() > 0 and prefix[m.start() - 1].isdigit()
    for lead in _LABEL_LEAD if after_number else _LABEL_LEAD_WORDS:
        if label.startswith(lead) and len(label) > len(lead) + 1:
            label = label[len(lead) :]
            break
    return label if len(label) >= 2 else None


def _scaled(value: str, multiplier: int) -> str:
    try:
        return decimal_str(Decimal(value) * multiplier)
    except InvalidOperation:
        return value


def extract(
    text: str, skip: Iterable[tuple[int, int]] = (), with_context: bool = True
) -> Iterator[Figure]:
    """Figures in running text, in order (at most MAX_FIGURES). ``skip`` spans (e.g. table rows)
    are not searched."""
    folded = fold(text)
    if _ANY_NUMBER_RE.search(folded) is None:  # most table cells and many lines: no work
        return
    candidates = list(_FIGURE_RE.finditer(folded))
    if not candidates:
        return
    mask = bytearray(len(folded))
    for start, end in skip:
        mask[start:end] = b"\x01" * (end - start)
    for m in _EXCLUDED_RE.finditer(folded):  # dates, times, document numbers, URLs …
        mask[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    ends = clause_ends(text) if with_context else []
    found = 0
    for m in candidates:
        if _overlaps(mask, m.start("num"), m.end("num2") if m["num2"] else m.end("num")):
            continue
        fig = _figure(text, folded, m, with_context, ends)
        if fig is not None:
            yield fig
            found += 1
            if found >= MAX_FIGURES:
                return


def _figure(
    text: str, folded: str, m: re.Match[str], with_context: bool, ends: list[int]
) -> Figure | None:
    end = m.end()
    num_start = m.start("num")
    if m["money"]:
        mag, unit = m["mmag"] or "", "元"
        inner_approx = m["mapx"] is not None
        kind = "money"
    else:
        mag, unit = m["omag"] or "", m["unit"]
        inner_approx = m["oapx"] is not None
        kind = UNIT_KINDS[unit]
        stops = _UNIT_STOPS.get(unit)
        if stops and end < len(folded) and folded[end] in stops:
            return None
    raw, raw2 = m["num"], m["num2"]
    first = _number(raw, negative=m["sign"] is not None)
    if first is None:
        return None
    if first.is_chinese:
        if kind == "score":
            return None  # 十分 (very), 百分之…: adverbs and fractions, not scores
        if not mag and raw[-1] in CN_BIG and len(raw) > 1:
            mag, raw = raw[-1], raw[:-1]
            first = _Number(str(chinese_int(raw)), True)
        if raw == "一" and not mag and kind in ("count", "duration"):
            return None  # 一次, 一批, 一天: idiom far more often than a count
    second = _number(raw2) if raw2 else None
    multiplier = MAGNITUDES.get(mag, 1)
    before = folded[max(0, num_start - 8) : num_start]
    approx_before = before.endswith(_APPROX_BEFORE)
    after = folded[end : end + 2]
    approximate = inner_approx or approx_before or after.startswith(_APPROX_AFTER)
    head = before
    for word in _APPROX_BEFORE:
        if head.endswith(word):
            head = head[: -len(word)]
            break
    direction_m = _DIRECTION_RE.search(head)
    direction = None
    if direction_m is not None:
        direction = "up" if direction_m["up"] else "down"
    context, label = "", None
    if with_context:
        left, right = clause_bounds(text, num_start, end, ends)
        shown_left, shown_right = context_window(left, right, num_start, end)
        context = text[shown_left:shown_right].strip()
        label = label_before(text[max(left, num_start - MAX_LABEL_CHARS) : num_start])
    sign_start = m.start("sign") if m["sign"] else num_start
    return Figure(
        text=text[sign_start:end],
        position=sign_start,
        value=first.value,
        value_max=second.value if second else None,
        unit=mag + unit,
        value_base=_scaled(first.value, multiplier),
        value_base_max=_scaled(second.value, multiplier) if second else None,
        base_unit=unit,
        kind=kind,
        approximate=approximate,
        direction=direction,
        context=context,
        label=label,
    )
